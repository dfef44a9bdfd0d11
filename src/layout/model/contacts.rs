//! The alternate contacts a layout declares: an organization-wide default
//! per type, overridden per account. A layout that declares none manages
//! none.

use std::collections::BTreeMap;

use crate::layout::schema::{ContactSection, ContactsSection};
use crate::org::AlternateContact;

/// The contacts a layout declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesiredContacts {
    /// Contact type (SECURITY, OPERATIONS, BILLING) → the contact every
    /// account has unless it overrides it.
    pub defaults: BTreeMap<String, AlternateContact>,
    /// Account id → contact type → the contact.
    pub accounts: BTreeMap<String, BTreeMap<String, AlternateContact>>,
}

impl DesiredContacts {
    /// `accounts`: each account's key (its id, or its email while it has
    /// none) and contacts.
    pub fn from_sections<'a>(
        defaults: &ContactsSection,
        accounts: impl Iterator<Item = (String, &'a ContactsSection)>,
    ) -> Self {
        let by_type = |section: &ContactsSection| -> BTreeMap<String, AlternateContact> {
            section
                .declared()
                .into_iter()
                .map(|(kind, c)| (kind.to_string(), contact_of(c)))
                .collect()
        };
        DesiredContacts {
            defaults: by_type(defaults),
            accounts: accounts
                .map(|(id, section)| (id, by_type(section)))
                .filter(|(_, c)| !c.is_empty())
                .collect(),
        }
    }

    /// Whether the layout manages any contact (only then are they read).
    pub fn any(&self) -> bool {
        !self.defaults.is_empty() || !self.accounts.is_empty()
    }

    /// The contact of one type an account should have, if managed.
    pub fn wanted(&self, account_id: &str, contact_type: &str) -> Option<&AlternateContact> {
        self.accounts
            .get(account_id)
            .and_then(|c| c.get(contact_type))
            .or_else(|| self.defaults.get(contact_type))
    }
}

fn contact_of(c: &ContactSection) -> AlternateContact {
    AlternateContact {
        name: c.name.get_ref().clone(),
        title: c.title.get_ref().clone(),
        email: c.email.get_ref().clone(),
        phone: c.phone.get_ref().clone(),
    }
}
