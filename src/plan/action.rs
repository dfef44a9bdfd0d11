//! What a reviewer counts a change as (`Change::action` reads it off a
//! change).

use serde::{Deserialize, Serialize};

/// What a reviewer counts a change as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Move,
    Delete,
}

impl Action {
    /// The terraform-style symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Action::Create => "+",
            Action::Update => "~",
            Action::Move => "→",
            Action::Delete => "-",
        }
    }
}
