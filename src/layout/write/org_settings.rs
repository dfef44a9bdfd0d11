//! The organization's own settings (trusted access, delegated
//! administrators, alternate contacts) as import read them. orgguard does
//! not plan them yet, so they are written as comments for the reviewer: a
//! record of what the organization had on the day it was imported.

use std::fmt::Write as _;

use super::toml_text::comment;
use crate::model::{CONTACT_TYPES, ContactState, Snapshot};

/// The section, or `None` when the snapshot did not read the settings.
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
    let mut text = String::new();
    text.push_str(
        "The organization's own settings as imported. orgguard reads them (`orgguard lint`\n\
         reports accounts without a SECURITY contact) but does not plan them yet.\n",
    );
    match &settings.trusted_services {
        None => text.push_str("Trusted access: not read (see the snapshot's incomplete reads).\n"),
        Some(list) if list.is_empty() => text.push_str("Trusted access: no service.\n"),
        Some(list) => {
            let _ = writeln!(text, "Trusted access: {}.", list.join(", "));
        }
    }
    match &settings.delegated_administrators {
        None => text.push_str("Delegated administrators: not read.\n"),
        Some(list) if list.is_empty() => text.push_str("Delegated administrators: none.\n"),
        Some(list) => {
            text.push_str("Delegated administrators:\n");
            for admin in list {
                let _ = writeln!(
                    text,
                    "  {}: {}",
                    name_of(&admin.account_id),
                    admin.service_principals.join(", ")
                );
            }
        }
    }
    if !settings.alternate_contacts.is_empty() {
        text.push_str("Alternate contacts (SECURITY / OPERATIONS / BILLING):\n");
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
    }
    Some(comment(&text))
}
