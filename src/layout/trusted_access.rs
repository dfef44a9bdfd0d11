//! The `[trusted_access]` section of ou-layout.toml as written: the AWS
//! services the organization trusts (EnableAWSServiceAccess), the
//! accounts each service has as delegated administrators, and what to do
//! with live ones the section does not list. docs/layout.md describes it;
//! `layout::check_trusted_access` checks it and `plan::resources::trusted_access`
//! plans it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::unmanaged::Unmanaged;

/// `[trusted_access]` as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrustedAccessSection {
    /// Live trusted services, and delegated administrators of services
    /// `delegated_administrators` does not list: `keep` (and show) or
    /// `delete` (disable, deregister).
    #[serde(default)]
    pub unmanaged: Unmanaged,
    /// Service principals with trusted access to the organization, such as
    /// `guardduty.amazonaws.com`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub services: Vec<Spanned<String>>,
    /// Service principal → the accounts (names or ids of `[[account]]`s)
    /// registered as its delegated administrators, exactly: `[]` means
    /// none. The service must be in `services`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub delegated_administrators: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
}

/// A service principal as AWS writes them: lower-case letters, digits,
/// dots and hyphens, ending in `.amazonaws.com`.
pub fn is_service_principal(text: &str) -> bool {
    text.strip_suffix(".amazonaws.com").is_some_and(|head| {
        !head.is_empty()
            && !head.starts_with('.')
            && !head.ends_with('.')
            && head
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
    })
}
