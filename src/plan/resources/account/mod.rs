//! Accounts: placed where the layout says, moved between existing OUs,
//! created into one, closed. Matching unpinned accounts, creating and
//! closing them is [`lifecycle`].

mod lifecycle;

pub use lifecycle::{check_closure_limit, draft_closures, draft_creations, resolve};

use std::borrow::Cow;
use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use super::tag;

use crate::org::{Account, AccountStatus};
use crate::plan::change::AccountChange;
use crate::plan::change::account::CreateAccount;
use crate::plan::change::{Change, Target};
use crate::plan::context::Ctx;
use crate::plan::fold::state::{Folding, Refusal, refuse, stale};
use crate::plan::model::{UnmanagedKind, UnmanagedObject};
use crate::plan::order::Draft;

/// Moves the layout's accounts where it places them and drafts their tag
/// changes; lists the accounts it does not name as unmanaged. Returns
/// where every live account is once the plan has run.
pub(in crate::plan) fn draft_moves<'a>(
    ctx: &Ctx<'a>,
    managed_paths: &HashMap<&str, &str>,
    draft: &mut Draft,
    unmanaged: &mut Vec<UnmanagedObject>,
    warnings: &mut Vec<String>,
) -> HashMap<&'a str, Cow<'a, str>> {
    let mut final_parent: HashMap<&str, Cow<str>> = HashMap::new();
    for account in &ctx.desired.accounts {
        let Some(live_account) = ctx.index.account(&account.id) else {
            // `lifecycle::draft_closures` speaks of closed ones.
            if account.closed {
                continue;
            }
            warnings.push(format!(
                "account {} ({}) is in the layout but not in the organization, so it is left out of this plan: orgguard does not invite accounts; to have it create a new one, remove `id` and give its `email`",
                account.id, account.name
            ));
            continue;
        };
        // A closed account stays where it is, as it is, until AWS removes it.
        if account.closed {
            final_parent.insert(&live_account.id, Cow::Borrowed(&live_account.parent_id));
            continue;
        }
        // Most accounts stay where they are: their target is built only
        // when they move.
        let to_key = ctx.ou_key(&account.ou);
        if to_key != live_account.parent_id.as_str() {
            draft.moves.push(Change::Account(AccountChange::Move {
                account_id: account.id.clone(),
                name: live_account.name.clone(),
                from: ctx.live_container(&live_account.parent_id, managed_paths),
                to: ctx.ou_target(&account.ou),
            }));
        }
        final_parent.insert(&live_account.id, to_key);
        tag::changes(
            || Target::Account {
                id: account.id.clone(),
                name: live_account.name.clone(),
            },
            &live_account.tags,
            &account.tags,
            &mut draft.tags,
        );
    }
    for account in &ctx.live.accounts {
        if ctx.desired_accounts.contains_key(account.id.as_str()) {
            continue;
        }
        final_parent.insert(&account.id, Cow::Borrowed(&account.parent_id));
        let place = match ctx.live_container(&account.parent_id, managed_paths) {
            Target::Root { .. } => "under the root".to_string(),
            other => format!("in {}", other.describe()),
        };
        unmanaged.push(UnmanagedObject {
            kind: UnmanagedKind::Account,
            id: account.id.clone(),
            name: account.name.clone(),
            deleted: false,
            note: format!("{place}; orgguard never removes accounts"),
        });
    }
    final_parent
}

/// Folds in an account moved, created or closed.
pub fn fold(f: &mut Folding, change: &AccountChange) -> Result<(), Refusal> {
    match change {
        AccountChange::Move {
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
        AccountChange::Create(create) => create_account(f, create),
        AccountChange::Close(close) => {
            let Some(account) = f.accounts.get_mut(&close.account_id) else {
                return Err(stale(format!(
                    "account {} is not in the organization",
                    close.account_id
                )));
            };
            account.status = AccountStatus::Suspended;
            Ok(())
        }
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
