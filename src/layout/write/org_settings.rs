//! Every account's alternate contacts as import read them: declared (a
//! type every active account has, the same everywhere, as the
//! organization's `[contacts.TYPE]`; otherwise each account's own
//! `contacts.TYPE`), and listed in a comment for the reviewer, a record of
//! what the organization had on the day it was imported. (Trusted access
//! and delegated administrators are declared by [`super::trusted_access`].)

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::toml_text::{comment, inline_table, key};
use crate::org::{AccountStatus, AlternateContact, CONTACT_TYPES, ContactState, Snapshot};

/// The contacts import declares.
#[derive(Debug, Default)]
pub struct ImportedContacts<'a> {
    /// Type (`SECURITY`, …) → the contact every active account has.
    pub defaults: BTreeMap<&'static str, &'a AlternateContact>,
    /// (account id, type) → that account's own contact, where no default
    /// covers it.
    pub per_account: BTreeMap<(&'a str, &'static str), &'a AlternateContact>,
}

impl<'a> ImportedContacts<'a> {
    /// Decided from what the snapshot read. A contact AWS holds without a
    /// title or phone cannot be declared (the layout, like
    /// PutAlternateContact, needs all four fields), nor can one whose read
    /// failed: those accounts keep the type unmanaged.
    pub fn of(snapshot: &'a Snapshot) -> Self {
        let mut out = ImportedContacts::default();
        let Some(settings) = snapshot.org_settings.as_ref() else {
            return out;
        };
        if settings.alternate_contacts.is_empty() {
            return out;
        }
        let active: Vec<&str> = snapshot
            .accounts
            .iter()
            .filter(|a| a.status == AccountStatus::Active)
            .map(|a| a.id.as_str())
            .collect();
        for contact_type in CONTACT_TYPES {
            let declarable = |id: &str| match settings.contact(id, contact_type) {
                ContactState::Set(c) if complete(c) => Some(c),
                _ => None,
            };
            let held: Vec<Option<&AlternateContact>> =
                active.iter().map(|id| declarable(id)).collect();
            let uniform = match held.first() {
                Some(Some(first)) => held.iter().all(|c| *c == Some(*first)),
                _ => false,
            };
            if uniform && let Some(Some(first)) = held.first() {
                out.defaults.insert(contact_type, first);
                continue;
            }
            for (id, contact) in active.iter().zip(held) {
                if let Some(contact) = contact {
                    out.per_account.insert((id, contact_type), contact);
                }
            }
        }
        out
    }

    /// The `contacts.TYPE = { … }` lines of one `[[account]]`.
    pub fn account_lines(&self, account_id: &str) -> String {
        let mut text = String::new();
        for contact_type in CONTACT_TYPES {
            if let Some(contact) = self.per_account.get(&(account_id, contact_type)) {
                let _ = writeln!(
                    text,
                    "contacts.{} = {}",
                    contact_type.to_ascii_lowercase(),
                    inline_table(&fields(contact))
                );
            }
        }
        text
    }
}

fn complete(c: &AlternateContact) -> bool {
    [&c.name, &c.title, &c.email, &c.phone]
        .iter()
        .all(|f| !f.is_empty())
}

fn fields(c: &AlternateContact) -> BTreeMap<String, String> {
    [
        ("name", &c.name),
        ("title", &c.title),
        ("email", &c.email),
        ("phone", &c.phone),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.clone()))
    .collect()
}

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
        "Alternate contacts as imported (SECURITY / OPERATIONS / BILLING). A type every\n\
         active account has, the same everywhere, is declared below as [contacts.TYPE];\n\
         otherwise each account declares its own (contacts.TYPE under [[account]]), and\n\
         an account without one leaves that type unmanaged. Give the team's contact as\n\
         the default to have orgguard set it everywhere (docs/layout.md).\n",
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
    let mut out = comment(&text);
    let imported = ImportedContacts::of(snapshot);
    for (contact_type, contact) in &imported.defaults {
        let _ = writeln!(
            out,
            "\n[contacts.{}]",
            key(&contact_type.to_ascii_lowercase())
        );
        for (k, v) in fields(contact) {
            let _ = writeln!(out, "{k} = {}", super::toml_text::string(&v));
        }
    }
    Some(out)
}
