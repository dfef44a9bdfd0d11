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
    /// One line for a reviewer or a progress log, with the plan symbols:
    /// `+` create, `~` update, `-` delete, `→` move.
    pub fn summary(&self) -> String {
        match self {
            Change::CreateOu { path, .. } => format!("+ create OU {path}"),
            Change::RenameOu {
                from_path, to_path, ..
            } => {
                format!("~ rename OU {from_path} to {to_path}")
            }
            Change::DeleteOu { path, .. } => format!("- delete OU {path}"),
            Change::MoveAccount {
                account_id,
                name,
                from,
                to,
            } => format!(
                "→ move account {account_id} ({name}) from {} to {}",
                from.describe(),
                to.describe()
            ),
            Change::EnablePolicyType { kind, .. } => format!("+ enable {kind}s on the root"),
            Change::CreatePolicy { kind, name, .. } => format!("+ create {kind} {name}"),
            Change::UpdatePolicy {
                kind,
                name,
                content,
                description,
                ..
            } => {
                let what = match (content.is_some(), description.is_some()) {
                    (true, true) => "content and description",
                    (true, false) => "content",
                    _ => "description",
                };
                format!("~ update {kind} {name} ({what})")
            }
            Change::DeletePolicy { kind, name, .. } => format!("- delete {kind} {name}"),
            Change::AttachPolicy {
                kind,
                policy,
                target,
            } => {
                format!("+ attach {kind} {} to {}", policy.name(), target.describe())
            }
            Change::DetachPolicy {
                kind,
                policy,
                target,
            } => {
                format!(
                    "- detach {kind} {} from {}",
                    policy.name(),
                    target.describe()
                )
            }
            Change::TagResource { target, tags } => {
                let list: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("~ tag {} with {}", target.describe(), list.join(", "))
            }
            Change::UntagResource { target, keys } => {
                format!(
                    "~ remove tags {} from {}",
                    keys.join(", "),
                    target.describe()
                )
            }
            Change::SetContact(set) => set.summary(),
            Change::CreateAccount(create) => format!("+ {}", create.describe()),
            Change::CloseAccount(close) => format!("- {}", close.describe()),
            Change::IdentityCenter(c) => {
                let symbol = c.action().symbol();
                format!("{symbol} {}", c.describe())
            }
            Change::TrustedAccess(c) => format!("{} {}", c.action().symbol(), c.describe()),
        }
    }
}
