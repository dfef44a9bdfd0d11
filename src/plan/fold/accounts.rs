//! Accounts: moved between existing OUs, created into one, closed; and the
//! tags of accounts and OUs.

use std::collections::BTreeMap;

use super::{Folding, Refusal, refuse, stale};
use crate::model::{Account, AccountStatus};
use crate::plan::account_change::CreateAccount;
use crate::plan::change::{Change, Target};

pub(super) fn fold(f: &mut Folding, change: &Change) -> Result<(), Refusal> {
    match change {
        Change::MoveAccount {
            account_id,
            from,
            to,
            ..
        } => {
            let Some(account) = f.accounts.get(account_id) else {
                return Err(stale(format!(
                    "account {account_id} is not in the organization"
                )));
            };
            let current = account.parent_id.clone();
            if f.id_of(from).as_deref() != Some(current.as_str()) {
                return Err(stale(format!(
                    "account {account_id} is not in {}",
                    from.describe()
                )));
            }
            let to_id =
                f.existing_container(to, "OUs are created before accounts move into them")?;
            f.lose_child(&current);
            f.adopt_child(&to_id);
            if let Some(account) = f.accounts.get_mut(account_id) {
                account.parent_id = to_id;
            }
            Ok(())
        }
        Change::CreateAccount(create) => create_account(f, create),
        Change::CloseAccount(close) => {
            let Some(account) = f.accounts.get_mut(&close.account_id) else {
                return Err(stale(format!(
                    "account {} is not in the organization",
                    close.account_id
                )));
            };
            account.status = AccountStatus::Suspended;
            Ok(())
        }
        Change::TagResource { target, tags } => {
            tag_map(f, target)?.extend(tags.clone());
            Ok(())
        }
        Change::UntagResource { target, keys } => {
            let map = tag_map(f, target)?;
            for key in keys {
                map.remove(key);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn create_account(f: &mut Folding, create: &CreateAccount) -> Result<(), Refusal> {
    let key = create.target().key();
    if f.created.contains_key(&key) {
        return Err(refuse(
            format!("the plan already creates an account for {}", create.email),
            "every [[account]] needs its own email",
        ));
    }
    let parent =
        f.existing_container(&create.ou, "OUs are created before accounts go into them")?;
    let id = simulated_account_id(f);
    f.created.insert(key, id.clone());
    f.accounts.push(Account {
        id: id.clone(),
        arn: String::new(),
        name: create.name.clone(),
        email: create.email.clone(),
        status: AccountStatus::Active,
        parent_id: parent.clone(),
        joined_method: None,
        joined_at: None,
        tags: BTreeMap::new(),
    });
    f.adopt_child(&parent);
    f.attach_pass_through(&id);
    Ok(())
}

/// The id an account the plan creates has in the model: twelve digits no
/// account of the organization has.
fn simulated_account_id(f: &Folding) -> String {
    (1..)
        .map(|n: u64| format!("{:012}", 999_000_000_000 + n))
        .find(|id| !f.accounts.contains(id))
        .unwrap_or_default()
}

/// The tags of an OU or account. The root's tags are not part of the
/// snapshot model.
fn tag_map<'f>(
    f: &'f mut Folding,
    target: &Target,
) -> Result<&'f mut BTreeMap<String, String>, Refusal> {
    let id = f.existing(target)?;
    if let Some(ou) = f.ous.get_mut(&id) {
        return Ok(&mut ou.tags);
    }
    if let Some(account) = f.accounts.get_mut(&id) {
        return Ok(&mut account.tags);
    }
    Err(refuse(
        format!("{} has no tags orgguard manages", target.describe()),
        "tags are managed on OUs and accounts",
    ))
}
