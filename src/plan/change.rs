//! The changes a plan is made of, in the order they are applied. Objects
//! that do not exist yet (a new OU, a new SCP) are referred to by path or
//! name; the applier resolves them to ids as it creates them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::policy::kinds::PolicyKind;

/// SCP is the kind saved plans of format 1 hold, so it is left implicit.
fn is_scp(kind: &PolicyKind) -> bool {
    *kind == PolicyKind::Scp
}

pub use super::action::Action;
use super::resources::ic_change::IcAction;
pub use super::target::Target;

/// An SCP: by id when it exists, by name when the plan creates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PolicyRef {
    Existing { id: String, name: String },
    New { name: String },
}

impl PolicyRef {
    pub fn name(&self) -> &str {
        match self {
            PolicyRef::Existing { name, .. } | PolicyRef::New { name } => name,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum Change {
    CreateOu {
        path: String,
        parent: Target,
        name: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        tags: BTreeMap<String, String>,
    },
    RenameOu {
        id: String,
        from_path: String,
        to_path: String,
        new_name: String,
    },
    DeleteOu {
        id: String,
        path: String,
    },
    MoveAccount {
        account_id: String,
        name: String,
        from: Target,
        to: Target,
    },
    /// Turns a policy type on at the root: AWS then attaches the kind's
    /// pass-through policy to the root, every OU and every account.
    EnablePolicyType {
        kind: PolicyKind,
        root_id: String,
    },
    CreatePolicy {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        name: String,
        description: String,
        /// The exact document sent to AWS.
        content: String,
    },
    UpdatePolicy {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        id: String,
        name: String,
        /// Set when the description changes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        /// Set when the document changes (semantically).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content: Option<String>,
        /// The live document, for the diff a reviewer reads.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        old_content: Option<String>,
    },
    DeletePolicy {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        id: String,
        name: String,
    },
    AttachPolicy {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        policy: PolicyRef,
        target: Target,
    },
    DetachPolicy {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        policy: PolicyRef,
        target: Target,
    },
    /// Sets tags on an OU or account (adds or changes values).
    TagResource {
        target: Target,
        tags: BTreeMap<String, String>,
    },
    UntagResource {
        target: Target,
        keys: Vec<String>,
    },
    /// Sets one alternate contact of one account (the Account API).
    SetContact(super::contact_change::SetContact),
    /// Creates a member account and places it in its OU.
    CreateAccount(super::account_change::CreateAccount),
    /// Closes a member account (CloseAccount).
    CloseAccount(super::account_change::CloseAccount),
    /// Identity Center: permission sets, provisioning and assignments
    /// (written flat, with their own `op`).
    #[serde(untagged)]
    IdentityCenter(crate::plan::resources::ic_change::IcChange),
    /// Trusted service access and delegated administrators (written flat,
    /// with their own `op`).
    #[serde(untagged)]
    TrustedAccess(super::trusted_access_change::TrustedAccessChange),
}

impl Change {
    /// What a reviewer counts the change as.
    pub fn action(&self) -> Action {
        match self {
            Change::CreateOu { .. }
            | Change::CreatePolicy { .. }
            | Change::AttachPolicy { .. }
            | Change::EnablePolicyType { .. } => Action::Create,
            Change::RenameOu { .. }
            | Change::UpdatePolicy { .. }
            | Change::TagResource { .. }
            | Change::UntagResource { .. } => Action::Update,
            Change::CreateAccount(_) => Action::Create,
            Change::CloseAccount(_) => Action::Delete,
            Change::SetContact(set) if set.old.is_none() => Action::Create,
            Change::SetContact(_) => Action::Update,
            Change::MoveAccount { .. } => Action::Move,
            Change::DeleteOu { .. } | Change::DeletePolicy { .. } | Change::DetachPolicy { .. } => {
                Action::Delete
            }
            Change::TrustedAccess(c) => c.action(),
            Change::IdentityCenter(c) => match c.action() {
                IcAction::Create => Action::Create,
                IcAction::Update => Action::Update,
                IcAction::Delete => Action::Delete,
            },
        }
    }

    /// "create OU Foundational/Workloads/SDLC", "attach SCP deny-all to OU Suspended".
    pub fn describe(&self) -> String {
        match self {
            Change::CreateOu { path, tags, .. } if tags.is_empty() => format!("create OU {path}"),
            Change::CreateOu { path, tags, .. } => {
                format!("create OU {path} (tags {})", tag_list(tags))
            }
            Change::RenameOu {
                from_path, to_path, ..
            } => format!("rename OU {from_path} to {to_path}"),
            Change::DeleteOu { path, .. } => format!("delete OU {path}"),
            Change::MoveAccount {
                account_id,
                name,
                from,
                to,
            } => {
                format!(
                    "move account {account_id} ({name}) from {} to {}",
                    from.describe(),
                    to.describe()
                )
            }
            Change::EnablePolicyType { kind, .. } => format!("enable {kind}s on the root"),
            Change::CreatePolicy { kind, name, .. } => format!("create {kind} {name}"),
            Change::UpdatePolicy {
                kind,
                name,
                description,
                content,
                ..
            } => {
                let what: Vec<&str> = [
                    content.as_ref().map(|_| "content"),
                    description.as_ref().map(|_| "description"),
                ]
                .into_iter()
                .flatten()
                .collect();
                format!("update {kind} {name} ({})", what.join(", "))
            }
            Change::DeletePolicy { kind, name, .. } => format!("delete {kind} {name}"),
            Change::AttachPolicy {
                kind,
                policy,
                target,
            } => format!("attach {kind} {} to {}", policy.name(), target.describe()),
            Change::DetachPolicy {
                kind,
                policy,
                target,
            } => format!("detach {kind} {} from {}", policy.name(), target.describe()),
            Change::TagResource { target, tags } => {
                format!("tag {}: {}", target.describe(), tag_list(tags))
            }
            Change::UntagResource { target, keys } => {
                format!("untag {}: {}", target.describe(), keys.join(", "))
            }
            Change::IdentityCenter(c) => c.describe(),
            Change::TrustedAccess(c) => c.describe(),
            Change::SetContact(set) => set.summary().chars().skip(2).collect(),
            Change::CreateAccount(create) => create.describe(),
            Change::CloseAccount(close) => close.describe(),
        }
    }

    /// The resource the change acts on, the same for every change to it
    /// and across plans (docs/plan.md lists the forms): `ou/PATH`,
    /// `scp/NAME`, `scp/NAME@ou/PATH` for an attachment, `account/ID/tags`,
    /// `permission_set/NAME`, ...
    pub fn address(&self) -> String {
        let policy =
            |kind: &PolicyKind, name: &str| format!("{}/{name}", kind.short().to_lowercase());
        match self {
            Change::CreateOu { path, .. } | Change::DeleteOu { path, .. } => format!("ou/{path}"),
            Change::RenameOu { to_path, .. } => format!("ou/{to_path}"),
            Change::MoveAccount { account_id, .. } => format!("account/{account_id}"),
            Change::EnablePolicyType { kind, .. } => format!("policy_type/{}", kind.aws_type()),
            Change::CreatePolicy { kind, name, .. }
            | Change::UpdatePolicy { kind, name, .. }
            | Change::DeletePolicy { kind, name, .. } => policy(kind, name),
            Change::AttachPolicy {
                kind,
                policy: p,
                target,
            }
            | Change::DetachPolicy {
                kind,
                policy: p,
                target,
            } => format!("{}@{}", policy(kind, p.name()), target.address()),
            Change::TagResource { target, .. } | Change::UntagResource { target, .. } => {
                format!("{}/tags", target.address())
            }
            Change::SetContact(set) => {
                format!("account/{}/contact/{}", set.account_id, set.contact_type)
            }
            Change::CreateAccount(create) => format!("account/{}", create.email.to_lowercase()),
            Change::CloseAccount(close) => format!("account/{}", close.account_id),
            Change::IdentityCenter(c) => c.address(),
            Change::TrustedAccess(c) => c.address(),
        }
    }

    /// The line `apply` prints: the action's symbol, then the description
    /// every plan format shows (`+ attach SCP deny-all to OU Suspended`).
    pub fn summary(&self) -> String {
        format!("{} {}", self.action().symbol(), self.describe())
    }
}

fn tag_list(tags: &BTreeMap<String, String>) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
