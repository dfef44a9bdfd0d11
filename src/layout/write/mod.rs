//! Writers of layout text from a live organization, for adopting orgguard
//! on an organization that exists: each returns the declarations of one
//! part and the policy files they name, such that `plan` right after
//! reports no changes for that part.

pub mod identity_center;

use std::collections::BTreeMap;

/// Layout text and the files it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// TOML to append to ou-layout.toml.
    pub toml: String,
    /// Path relative to the repository → content.
    pub files: BTreeMap<String, String>,
}

/// A TOML string literal, escaped.
pub(crate) fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of string literals on one line.
pub(crate) fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quoted).collect();
    format!("[{}]", items.join(", "))
}
