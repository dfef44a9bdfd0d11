//! Alternate contacts as code: the contacts the layout declares (an
//! organization-wide default per type, overridden per account) against the
//! live ones. A layout that declares none manages none, and the plan then
//! neither reads nor changes contacts.

use std::collections::BTreeMap;

use super::change::Change;
pub use super::contact_change::SetContact;
use super::error::PlanError;
use crate::layout::schema::{ContactSection, ContactsSection};
use crate::model::{AccountStatus, AlternateContact, CONTACT_TYPES, ContactState, Snapshot};

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

/// The contact changes that make every active account's contacts the
/// declared ones. A contact whose live state is unknown (its read failed)
/// refuses the plan rather than guessing.
pub fn plan(contacts: &DesiredContacts, live: &Snapshot) -> Result<Vec<Change>, PlanError> {
    if !contacts.any() {
        return Ok(Vec::new());
    }
    let management = live.organization.management_account_id.as_str();
    let mut accounts: Vec<_> = live
        .accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Active)
        .collect();
    accounts.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Vec::new();
    for account in accounts {
        for contact_type in CONTACT_TYPES {
            let Some(wanted) = contacts.wanted(&account.id, contact_type) else {
                continue;
            };
            let state = match &live.org_settings {
                Some(settings) => settings.contact(&account.id, contact_type),
                None => ContactState::Unknown,
            };
            let old = match state {
                ContactState::Set(c) if c == wanted => continue,
                ContactState::Set(c) => Some(c.clone()),
                ContactState::NotSet => None,
                ContactState::Unknown => {
                    return Err(PlanError::IncompleteLive {
                        what: format!(
                            "account GetAlternateContact: the {contact_type} contact of account {} ({}) could not be read",
                            account.id, account.name
                        ),
                    });
                }
            };
            out.push(Change::SetContact(SetContact {
                account_id: account.id.clone(),
                account_name: account.name.clone(),
                management: account.id == management,
                contact_type: contact_type.to_string(),
                old,
                new: wanted.clone(),
            }));
        }
    }
    Ok(out)
}
