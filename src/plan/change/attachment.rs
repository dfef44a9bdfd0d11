//! The change record of a policy attached to or detached from a root, OU
//! or account.

use serde::{Deserialize, Serialize};

use super::PolicyRef;
use super::policy::{is_scp, policy_address};
use crate::plan::action::Action;
use crate::plan::target::Target;
use crate::policy::kinds::PolicyKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum AttachmentChange {
    #[serde(rename = "attach_policy")]
    Attach {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        policy: PolicyRef,
        target: Target,
    },
    #[serde(rename = "detach_policy")]
    Detach {
        #[serde(default, skip_serializing_if = "is_scp")]
        kind: PolicyKind,
        policy: PolicyRef,
        target: Target,
    },
}

impl AttachmentChange {
    pub fn action(&self) -> Action {
        match self {
            AttachmentChange::Attach { .. } => Action::Create,
            AttachmentChange::Detach { .. } => Action::Delete,
        }
    }

    /// `attach SCP deny-all to OU Suspended`.
    pub fn describe(&self) -> String {
        match self {
            AttachmentChange::Attach {
                kind,
                policy,
                target,
            } => format!("attach {kind} {} to {}", policy.name(), target.describe()),
            AttachmentChange::Detach {
                kind,
                policy,
                target,
            } => format!("detach {kind} {} from {}", policy.name(), target.describe()),
        }
    }

    /// `scp/NAME@TARGET`.
    pub fn address(&self) -> String {
        match self {
            AttachmentChange::Attach {
                kind,
                policy,
                target,
            }
            | AttachmentChange::Detach {
                kind,
                policy,
                target,
            } => format!(
                "{}@{}",
                policy_address(*kind, policy.name()),
                target.address()
            ),
        }
    }
}
