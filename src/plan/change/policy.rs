//! The change records of policies of every kind: their documents, and the
//! policy types enabled on the root.

use serde::{Deserialize, Serialize};

use crate::plan::action::Action;
use crate::policy::kinds::PolicyKind;

/// SCP is the kind saved plans of format 1 hold, so it is left implicit.
pub(super) fn is_scp(kind: &PolicyKind) -> bool {
    *kind == PolicyKind::Scp
}

/// `scp/NAME`, `rcp/NAME`.
pub(super) fn policy_address(kind: PolicyKind, name: &str) -> String {
    format!("{}/{name}", kind.short().to_lowercase())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum PolicyChange {
    /// Turns a policy type on at the root: AWS then attaches the kind's
    /// pass-through policy to the root, every OU and every account.
    #[serde(rename = "enable_policy_type")]
    EnableType { kind: PolicyKind, root_id: String },
    #[serde(rename = "create_policy")]
    Create {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        name: String,
        description: String,
        /// The exact document sent to AWS.
        content: String,
    },
    #[serde(rename = "update_policy")]
    Update {
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
    #[serde(rename = "delete_policy")]
    Delete {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        id: String,
        name: String,
    },
}

impl PolicyChange {
    pub fn action(&self) -> Action {
        match self {
            PolicyChange::EnableType { .. } | PolicyChange::Create { .. } => Action::Create,
            PolicyChange::Update { .. } => Action::Update,
            PolicyChange::Delete { .. } => Action::Delete,
        }
    }

    /// `enable RCPs on the root`, `update SCP guard (content, description)`.
    pub fn describe(&self) -> String {
        match self {
            PolicyChange::EnableType { kind, .. } => format!("enable {kind}s on the root"),
            PolicyChange::Create { kind, name, .. } => format!("create {kind} {name}"),
            PolicyChange::Update {
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
            PolicyChange::Delete { kind, name, .. } => format!("delete {kind} {name}"),
        }
    }

    /// What a reviewer needs under the headline (the content diff aside).
    pub fn details(&self) -> Vec<String> {
        match self {
            PolicyChange::Update {
                description: Some(d),
                ..
            } => vec![format!("description: \"{d}\"")],
            PolicyChange::Create { description, .. } if !description.is_empty() => {
                vec![format!("description: \"{description}\"")]
            }
            PolicyChange::EnableType { kind, .. } => vec![format!(
                "AWS attaches {} to the root, every OU and every account, now and as they are created; it cannot be detached",
                kind.full_access()
            )],
            _ => vec![],
        }
    }

    /// `policy_type/TYPE`, `scp/NAME`.
    pub fn address(&self) -> String {
        match self {
            PolicyChange::EnableType { kind, .. } => format!("policy_type/{}", kind.aws_type()),
            PolicyChange::Create { kind, name, .. }
            | PolicyChange::Update { kind, name, .. }
            | PolicyChange::Delete { kind, name, .. } => policy_address(*kind, name),
        }
    }
}
