//! Carries out a plan's changes against AWS Organizations, in order. Objects
//! the plan creates are referred to by path or name until they exist; their
//! new ids are remembered here. On the first failure it stops and says what
//! was done and what was not, so `plan` then shows exactly the remainder.

use std::collections::HashMap;

use aws_sdk_organizations::types::{PolicyType, Tag};

use super::config::Clients;
use super::error::{CallError, Described};
use crate::plan::change::{
    AccountChange, AttachmentChange, ContactChange, OuChange, PolicyChange, TagChange,
};
use crate::plan::change::{Change, PolicyKind, PolicyRef, Target};

const SERVICE: &str = "organizations";

/// How an apply ended.
#[derive(Debug)]
pub struct Outcome {
    /// Changes carried out.
    pub done: usize,
    /// The change that failed and why; `None` when all were done.
    pub failed: Option<(usize, CallError)>,
    pub total: usize,
    /// Indices of the changes not carried out, in plan order (Identity
    /// Center changes run concurrently, so they need not be a tail).
    pub not_done: Vec<usize>,
}

#[derive(Default)]
struct Created {
    ous: HashMap<String, String>,
    /// New accounts' ids, by lowercase email.
    accounts: HashMap<String, String>,
    policies: HashMap<(PolicyKind, String), String>,
}

impl Created {
    fn target(&self, target: &Target) -> Result<String, CallError> {
        match target {
            Target::Root { id } | Target::Ou { id, .. } | Target::Account { id, .. } => {
                Ok(id.clone())
            }
            Target::NewOu { path } => self
                .ous
                .get(path)
                .cloned()
                .ok_or_else(|| unresolved(&format!("OU {path}"))),
            Target::NewAccount { name, email } => self
                .accounts
                .get(&email.to_lowercase())
                .cloned()
                .ok_or_else(|| unresolved(&format!("account {name} ({email})"))),
        }
    }

    fn policy(&self, kind: PolicyKind, policy: &PolicyRef) -> Result<String, CallError> {
        match policy {
            PolicyRef::Existing { id, .. } => Ok(id.clone()),
            PolicyRef::New { name } => self
                .policies
                .get(&(kind, name.clone()))
                .cloned()
                .ok_or_else(|| unresolved(&format!("{kind} {name}"))),
        }
    }
}

/// A plan that refers to something it never created: a bug in the plan,
/// reported instead of guessed around.
fn unresolved(what: &str) -> CallError {
    CallError::plain(
        "orgguard",
        "resolve",
        format!("{what} should have been created earlier in the plan but was not"),
    )
}

/// Applies `changes` in order, calling `on_step` after each one succeeds
/// with its index and a line describing it.
pub async fn apply(
    clients: &Clients,
    changes: &[Change],
    mut on_step: impl FnMut(usize, &str),
) -> Outcome {
    let mut created = Created::default();
    let mut index = 0;
    while index < changes.len() {
        // A run of Identity Center changes goes to its own executor.
        let run: Vec<super::apply_identity_center::Step> = changes[index..]
            .iter()
            .enumerate()
            .map_while(|(i, c)| match c {
                Change::IdentityCenter(ic) => Some((index + i, ic)),
                _ => None,
            })
            .collect();
        if !run.is_empty() {
            let next = index + run.len();
            if let Err(stopped) =
                super::apply_identity_center::apply(clients, &run, &mut on_step).await
            {
                let mut not_done = stopped.not_done;
                not_done.extend(next..changes.len());
                return Outcome {
                    done: changes.len() - not_done.len(),
                    failed: Some((stopped.failed, stopped.error)),
                    total: changes.len(),
                    not_done,
                };
            }
            index = next;
            continue;
        }
        match apply_one(clients, &changes[index], &mut created).await {
            Ok(detail) => on_step(index, &detail),
            Err(e) => {
                return Outcome {
                    done: index,
                    failed: Some((index, e)),
                    total: changes.len(),
                    not_done: (index..changes.len()).collect(),
                };
            }
        }
        index += 1;
    }
    Outcome {
        done: changes.len(),
        failed: None,
        total: changes.len(),
        not_done: vec![],
    }
}

fn tags(map: &std::collections::BTreeMap<String, String>) -> Result<Vec<Tag>, CallError> {
    map.iter()
        .map(|(k, v)| {
            Tag::builder()
                .key(k)
                .value(v)
                .build()
                .map_err(|e| CallError::plain(SERVICE, "TagResource", e.to_string()))
        })
        .collect()
}

async fn apply_one(
    clients: &Clients,
    change: &Change,
    created: &mut Created,
) -> Result<String, CallError> {
    let org = &clients.organizations;
    let line = change.summary();
    match change {
        Change::Ou(OuChange::Create {
            path,
            parent,
            name,
            tags: t,
        }) => {
            let parent_id = created.target(parent)?;
            let out = org
                .create_organizational_unit()
                .parent_id(parent_id)
                .name(name)
                .set_tags(if t.is_empty() { None } else { Some(tags(t)?) })
                .send()
                .await
                .described(SERVICE, "CreateOrganizationalUnit")?;
            let id = out
                .organizational_unit()
                .and_then(|o| o.id())
                .unwrap_or_default()
                .to_string();
            created.ous.insert(path.clone(), id.clone());
            Ok(format!("{line} ({id})"))
        }
        Change::Ou(OuChange::Rename { id, new_name, .. }) => {
            org.update_organizational_unit()
                .organizational_unit_id(id)
                .name(new_name)
                .send()
                .await
                .described(SERVICE, "UpdateOrganizationalUnit")?;
            Ok(line)
        }
        Change::Ou(OuChange::Delete { id, .. }) => {
            org.delete_organizational_unit()
                .organizational_unit_id(id)
                .send()
                .await
                .described(SERVICE, "DeleteOrganizationalUnit")?;
            Ok(line)
        }
        Change::Account(AccountChange::Move {
            account_id,
            from,
            to,
            ..
        }) => {
            org.move_account()
                .account_id(account_id)
                .source_parent_id(created.target(from)?)
                .destination_parent_id(created.target(to)?)
                .send()
                .await
                .described(SERVICE, "MoveAccount")?;
            Ok(line)
        }
        Change::Policy(PolicyChange::EnableType { kind, root_id }) => {
            org.enable_policy_type()
                .root_id(root_id)
                .policy_type(PolicyType::from(kind.aws_type()))
                .send()
                .await
                .described(SERVICE, "EnablePolicyType")?;
            Ok(line)
        }
        Change::Policy(PolicyChange::Create {
            kind,
            name,
            description,
            content,
        }) => {
            let out = org
                .create_policy()
                .name(name)
                .description(description)
                .content(content)
                .r#type(PolicyType::from(kind.aws_type()))
                .send()
                .await
                .described(SERVICE, "CreatePolicy")?;
            let id = out
                .policy()
                .and_then(|p| p.policy_summary())
                .and_then(|s| s.id())
                .unwrap_or_default()
                .to_string();
            created.policies.insert((*kind, name.clone()), id.clone());
            Ok(format!("{line} ({id})"))
        }
        Change::Policy(PolicyChange::Update {
            id,
            description,
            content,
            ..
        }) => {
            org.update_policy()
                .policy_id(id)
                .set_description(description.clone())
                .set_content(content.clone())
                .send()
                .await
                .described(SERVICE, "UpdatePolicy")?;
            Ok(line)
        }
        Change::Policy(PolicyChange::Delete { id, .. }) => {
            org.delete_policy()
                .policy_id(id)
                .send()
                .await
                .described(SERVICE, "DeletePolicy")?;
            Ok(line)
        }
        Change::Attachment(AttachmentChange::Attach {
            kind,
            policy,
            target,
        }) => {
            org.attach_policy()
                .policy_id(created.policy(*kind, policy)?)
                .target_id(created.target(target)?)
                .send()
                .await
                .described(SERVICE, "AttachPolicy")?;
            Ok(line)
        }
        Change::Attachment(AttachmentChange::Detach {
            kind,
            policy,
            target,
        }) => {
            org.detach_policy()
                .policy_id(created.policy(*kind, policy)?)
                .target_id(created.target(target)?)
                .send()
                .await
                .described(SERVICE, "DetachPolicy")?;
            Ok(line)
        }
        Change::Tag(TagChange::Tag { target, tags: t }) => {
            org.tag_resource()
                .resource_id(created.target(target)?)
                .set_tags(Some(tags(t)?))
                .send()
                .await
                .described(SERVICE, "TagResource")?;
            Ok(line)
        }
        Change::Tag(TagChange::Untag { target, keys }) => {
            org.untag_resource()
                .resource_id(created.target(target)?)
                .set_tag_keys(Some(keys.clone()))
                .send()
                .await
                .described(SERVICE, "UntagResource")?;
            Ok(line)
        }
        Change::Account(AccountChange::Create(create)) => {
            let destination = created.target(&create.ou)?;
            let (id, note) =
                super::apply_accounts::create(clients, create, &create.root_id, &destination)
                    .await?;
            created.accounts.insert(create.email.to_lowercase(), id);
            Ok(format!("{line} ({note})"))
        }
        Change::Account(AccountChange::Close(close)) => {
            let note = super::apply_accounts::close(clients, close).await?;
            Ok(if note.is_empty() {
                line
            } else {
                format!("{line} ({note})")
            })
        }
        // Applied in runs by `apply_identity_center`; never reached.
        Change::IdentityCenter(_) => Err(unresolved("an Identity Center change outside its run")),
        Change::TrustedAccess(c) => super::apply_trusted_access::apply(clients, c).await,
        Change::Contact(ContactChange::Set(set)) => {
            let mut request = clients
                .account
                .put_alternate_contact()
                .alternate_contact_type(aws_sdk_account::types::AlternateContactType::from(
                    set.contact_type.as_str(),
                ))
                .name(&set.new.name)
                .title(&set.new.title)
                .email_address(&set.new.email)
                .phone_number(&set.new.phone);
            // AWS refuses the management account's own id here.
            if !set.management {
                request = request.account_id(&set.account_id);
            }
            request
                .send()
                .await
                .described("account", "PutAlternateContact")?;
            Ok(line)
        }
    }
}
