//! What `[trusted_access]` declares: the services trusted with the
//! organization and their delegated administrators, accounts resolved to
//! ids. A layout without the section manages neither.

use std::collections::{BTreeMap, BTreeSet};

use crate::layout::schema::declared_account;
use crate::layout::schema::{LayoutFile, Unmanaged};

/// What `[trusted_access]` declares, with accounts resolved to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesiredTrustedAccess {
    /// Live services and administrators the section does not list.
    pub unmanaged: Unmanaged,
    pub services: BTreeSet<String>,
    /// Service principal → account id → the account's name in the layout.
    /// A service listed here has exactly these administrators.
    pub delegated: BTreeMap<String, BTreeMap<String, String>>,
}

impl DesiredTrustedAccess {
    /// The section of a layout, or `None` when it has none. Accounts that
    /// name nothing in the layout are left out (`validate` reports them).
    pub fn from_file(file: &LayoutFile) -> Option<Self> {
        let section = file.trusted_access.as_ref()?;
        Some(DesiredTrustedAccess {
            unmanaged: section.unmanaged,
            services: section
                .services
                .iter()
                .map(|s| s.get_ref().clone())
                .collect(),
            delegated: section
                .delegated_administrators
                .iter()
                .map(|(service, accounts)| {
                    let accounts = accounts
                        .get_ref()
                        .iter()
                        .filter_map(|a| declared_account(&file.accounts, a.get_ref()))
                        // An account still to be created has no id: validate refuses it.
                        .filter_map(|a| {
                            Some((a.id.as_ref()?.get_ref().clone(), a.name.get_ref().clone()))
                        })
                        .collect();
                    (service.get_ref().clone(), accounts)
                })
                .collect(),
        })
    }
}
