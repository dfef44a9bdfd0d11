//! The change record of an organizational unit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::tag::tag_list;
use crate::plan::action::Action;
use crate::plan::target::Target;

/// Creates, renames or deletes an OU.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum OuChange {
    #[serde(rename = "create_ou")]
    Create {
        path: String,
        parent: Target,
        name: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        tags: BTreeMap<String, String>,
    },
    #[serde(rename = "rename_ou")]
    Rename {
        id: String,
        from_path: String,
        to_path: String,
        new_name: String,
    },
    #[serde(rename = "delete_ou")]
    Delete { id: String, path: String },
}

impl OuChange {
    pub fn action(&self) -> Action {
        match self {
            OuChange::Create { .. } => Action::Create,
            OuChange::Rename { .. } => Action::Update,
            OuChange::Delete { .. } => Action::Delete,
        }
    }

    /// `create OU Workloads/SDLC (tags team=platform)`, `rename OU A to B`.
    pub fn describe(&self) -> String {
        match self {
            OuChange::Create { path, tags, .. } if tags.is_empty() => format!("create OU {path}"),
            OuChange::Create { path, tags, .. } => {
                format!("create OU {path} (tags {})", tag_list(tags))
            }
            OuChange::Rename {
                from_path, to_path, ..
            } => format!("rename OU {from_path} to {to_path}"),
            OuChange::Delete { path, .. } => format!("delete OU {path}"),
        }
    }

    /// `ou/PATH`, by the path it has once the change is made.
    pub fn address(&self) -> String {
        match self {
            OuChange::Create { path, .. } | OuChange::Delete { path, .. } => format!("ou/{path}"),
            OuChange::Rename { to_path, .. } => format!("ou/{to_path}"),
        }
    }
}
