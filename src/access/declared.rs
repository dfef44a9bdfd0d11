//! The `[access]` section of ou-layout.toml: the permission set names
//! Cedar policies may use as actions, and named groups of them. `validate`
//! has no snapshot, so these declarations are what unknown actions in
//! policies/access.cedar are checked against.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

pub use crate::layout::sections::AccessSection;

/// The actions of the Cedar schema: permission sets and action groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actions {
    pub permission_sets: BTreeSet<String>,
    /// Group name to its direct members.
    pub groups: BTreeMap<String, BTreeSet<String>>,
}

impl Actions {
    pub fn from_section(section: &AccessSection) -> Self {
        Actions {
            permission_sets: section
                .permission_sets
                .iter()
                .map(|p| p.get_ref().clone())
                .collect(),
            groups: section
                .action_groups
                .iter()
                .map(|(name, members)| {
                    (
                        name.get_ref().clone(),
                        members.iter().map(|m| m.get_ref().clone()).collect(),
                    )
                })
                .collect(),
        }
    }

    /// Every action name a policy may use.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.permission_sets
            .iter()
            .chain(self.groups.keys())
            .map(String::as_str)
    }

    /// The groups an action is directly in.
    pub fn parents_of<'a>(&'a self, action: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.groups
            .iter()
            .filter(move |(_, members)| members.contains(action))
            .map(|(name, _)| name.as_str())
    }
}

/// Only the `[access]` table of ou-layout.toml: `access check` and `access
/// explain` read it without requiring the rest of the layout to be valid.
#[derive(Debug, Default, Deserialize)]
struct AccessOnly {
    #[serde(default)]
    access: Option<AccessSection>,
}

/// The `[access]` section of a layout file's text; `None` when absent or
/// when the file does not parse (`validate` reports that).
pub fn section_from_toml(text: &str) -> Option<AccessSection> {
    toml::from_str::<AccessOnly>(text)
        .ok()
        .and_then(|a| a.access)
}

/// Whether a name can be a permission set name in Identity Center
/// (1 to 32 characters of letters, digits and `+=,.@-_`).
pub fn is_permission_set_name(name: &str) -> bool {
    (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(c))
}
