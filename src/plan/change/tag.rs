//! The change record of the tags on an OU or account.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::plan::action::Action;
use crate::plan::target::Target;

/// Sets tags on an OU or account (adds or changes values), or removes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum TagChange {
    #[serde(rename = "tag_resource")]
    Tag {
        target: Target,
        tags: BTreeMap<String, String>,
    },
    #[serde(rename = "untag_resource")]
    Untag { target: Target, keys: Vec<String> },
}

impl TagChange {
    pub fn action(&self) -> Action {
        Action::Update
    }

    /// `tag OU X: a=b`, `untag account 1111 (name): k`.
    pub fn describe(&self) -> String {
        match self {
            TagChange::Tag { target, tags } => {
                format!("tag {}: {}", target.describe(), tag_list(tags))
            }
            TagChange::Untag { target, keys } => {
                format!("untag {}: {}", target.describe(), keys.join(", "))
            }
        }
    }

    /// `TARGET/tags`.
    pub fn address(&self) -> String {
        match self {
            TagChange::Tag { target, .. } | TagChange::Untag { target, .. } => {
                format!("{}/tags", target.address())
            }
        }
    }
}

/// `a=b, c=d`.
pub(super) fn tag_list(tags: &BTreeMap<String, String>) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
