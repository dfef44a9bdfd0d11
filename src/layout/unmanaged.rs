//! What to do with live things the layout does not mention.

use schemars::JsonSchema;
use serde::Deserialize;

/// What to do with live OUs and SCPs the layout does not mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unmanaged {
    #[default]
    Keep,
    Delete,
}
