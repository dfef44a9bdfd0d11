//! What a reviewer counts a change as (`Action::of` in `plan::model`
//! reads it off a change).

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
