//! Alternate contacts as code: the contacts the layout declares (an
//! organization-wide default per type, overridden per account) against the
//! live ones. A layout that declares none manages none, and the plan then
//! neither reads nor changes contacts.

use std::collections::BTreeMap;

pub use crate::layout::model::contacts::DesiredContacts;
use crate::org::{AccountContacts, AccountStatus, CONTACT_TYPES, ContactState, Snapshot};
use crate::plan::change::Change;
use crate::plan::change::ContactChange;
pub use crate::plan::change::contact::SetContact;
use crate::plan::error::PlanError;

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
            out.push(Change::Contact(ContactChange::Set(SetContact {
                account_id: account.id.clone(),
                account_name: account.name.clone(),
                management: account.id == management,
                contact_type: contact_type.to_string(),
                old,
                new: wanted.clone(),
            })));
        }
    }
    Ok(out)
}

/// Folds in one alternate contact set.
pub fn fold(org: &mut Snapshot, change: &ContactChange) {
    let ContactChange::Set(set) = change;
    let settings = org.org_settings.get_or_insert_with(Default::default);
    let i = match (settings.alternate_contacts.iter()).position(|c| c.account_id == set.account_id)
    {
        Some(i) => i,
        None => {
            settings.alternate_contacts.push(AccountContacts {
                account_id: set.account_id.clone(),
                contacts: BTreeMap::new(),
                unread: vec![],
            });
            settings.alternate_contacts.len() - 1
        }
    };
    settings.alternate_contacts[i]
        .contacts
        .insert(set.contact_type.clone(), set.new.clone());
}
