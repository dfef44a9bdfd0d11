//! A computed plan: the ordered changes, and the live objects the layout
//! does not mention.

use serde::{Deserialize, Serialize};

use super::change::Change;

pub use super::action::Action;
use crate::plan::change::AccountChange;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub create: usize,
    pub update: usize,
    #[serde(rename = "move")]
    pub moves: usize,
    pub delete: usize,
    /// Of the deletes, accounts closed (shown only when there are some).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub close: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn of(changes: &[Change]) -> Self {
        let mut s = Summary::default();
        for change in changes {
            match change.action() {
                Action::Create => s.create += 1,
                Action::Update => s.update += 1,
                Action::Move => s.moves += 1,
                Action::Delete => s.delete += 1,
            }
            if matches!(change, Change::Account(AccountChange::Close(_))) {
                s.close += 1;
            }
        }
        s
    }

    /// "N to create, N to update, N to move, N to delete", and "(N accounts
    /// to close)" when the plan closes some.
    pub fn line(&self) -> String {
        let closing = match self.close {
            0 => String::new(),
            1 => " (1 account to close)".to_string(),
            n => format!(" ({n} accounts to close)"),
        };
        format!(
            "{} to create, {} to update, {} to move, {} to delete{closing}",
            self.create, self.update, self.moves, self.delete
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmanagedKind {
    Ou,
    Scp,
    Account,
    Rcp,
    PermissionSet,
    /// An Identity Center assignment the layout cannot name (its principal
    /// is no longer in the identity store).
    Assignment,
    /// A service with trusted access to the organization.
    TrustedService,
    /// A delegated administrator of a service.
    DelegatedAdministrator,
}

impl UnmanagedKind {
    pub fn word(self) -> &'static str {
        match self {
            UnmanagedKind::Ou => "OU",
            UnmanagedKind::Scp => "SCP",
            UnmanagedKind::Account => "account",
            UnmanagedKind::Rcp => "RCP",
            UnmanagedKind::PermissionSet => "permission set",
            UnmanagedKind::Assignment => "assignment",
            UnmanagedKind::TrustedService => "service",
            UnmanagedKind::DelegatedAdministrator => "delegated administrator",
        }
    }
}

/// A live object the layout does not mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmanagedObject {
    pub kind: UnmanagedKind,
    pub id: String,
    /// An OU's path, an SCP's or account's name.
    pub name: String,
    /// True when the plan deletes it (`settings.unmanaged = "delete"`).
    pub deleted: bool,
    /// Where it is, or why it is kept.
    pub note: String,
}

pub const NO_CHANGES: &str = "No changes. The organization matches the layout.";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub organization_id: String,
    /// In the order they must be applied.
    pub changes: Vec<Change>,
    pub unmanaged: Vec<UnmanagedObject>,
    /// Things the plan cannot do, such as accounts the layout names that the
    /// organization does not have.
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.changes)
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}
