//! Every account's alternate contacts as import read them, written as a
//! comment for the reviewer: a record of what the organization had on the
//! day it was imported. (Trusted access and delegated administrators are
//! declared, by [`super::trusted_access`].)

use std::fmt::Write as _;

use super::toml_text::comment;
use crate::model::{CONTACT_TYPES, ContactState, Snapshot};

/// The comment, or `None` when the snapshot did not read the contacts.
pub fn org_settings_section(snapshot: &Snapshot) -> Option<String> {
    let settings = snapshot.org_settings.as_ref()?;
    let name_of = |id: &str| {
        snapshot
            .accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| format!("{id} ({})", a.name))
            .unwrap_or_else(|| id.to_string())
    };
    if settings.alternate_contacts.is_empty() {
        return None;
    }
    let mut text = String::from(
        "Alternate contacts as imported (SECURITY / OPERATIONS / BILLING). They are not\n\
         declared: add [contacts] (docs/layout.md) to have orgguard set them.\n",
    );
    for account in &settings.alternate_contacts {
        let states: Vec<String> = CONTACT_TYPES
            .iter()
            .map(|t| match settings.contact(&account.account_id, t) {
                ContactState::Set(c) => c.email.clone(),
                ContactState::NotSet => "not set".to_string(),
                ContactState::Unknown => "not read".to_string(),
            })
            .collect();
        let _ = writeln!(
            text,
            "  {}: {}",
            name_of(&account.account_id),
            states.join(" / ")
        );
    }
    Some(comment(&text))
}
