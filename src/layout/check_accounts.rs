//! The offline checks of accounts as code: an `[[account]]` without an id
//! is one to create and needs an email no other account has; one marked
//! `state = "closed"` needs its id and must not be the management account;
//! `[settings.account_creation]` must be something CreateAccount accepts.

use std::collections::HashMap;
use std::ops::Range;

use super::load::{LAYOUT_FILE, Layout};
use crate::diagnostics::{Problems, Sources};

/// Adds the problems of accounts to create or close, and of their settings.
pub fn check(layout: &Layout, sources: &Sources, problems: &mut Problems) {
    let at = |span: Range<usize>| Some(sources.locate(LAYOUT_FILE, span));
    let management = layout.file.management_account_id();
    let mut emails: HashMap<String, String> = HashMap::new();
    for account in &layout.file.accounts {
        let a = account.get_ref();
        let name = a.name.get_ref();
        match (&a.id, &a.email) {
            (None, None) => problems.error(
                "missing-email",
                at(a.name.span()),
                format!("account `{name}` has neither an id nor an email"),
                "an [[account]] without `id` is one to create, and AWS creates an account for an email: add `email = \"...\"` (or the id of an existing account)",
            ),
            (None, Some(email)) if !looks_like_email(email.get_ref()) => problems.error(
                "invalid-value",
                at(email.span()),
                format!(
                    "`{}`, the email of account `{name}` to create, is not an email address",
                    email.get_ref()
                ),
                "write the root user's address, such as aws-sandbox-1@example.com; AWS sends the account's root credentials there",
            ),
            _ => {}
        }
        if let Some(email) = &a.email {
            let key = email.get_ref().trim().to_lowercase();
            if let Some(first) = emails.insert(key, name.clone()) {
                problems.error(
                    "duplicate-email",
                    at(email.span()),
                    format!(
                        "accounts `{first}` and `{name}` have the same email `{}`",
                        email.get_ref()
                    ),
                    "every AWS account has its own root email address; give each [[account]] a different one",
                );
            }
        }
        if let Some(state) = a.state.as_ref().filter(|_| a.closed()) {
            match a.id() {
                None => problems.error(
                    "closed-without-id",
                    at(state.span()),
                    format!("account `{name}` is marked closed but has no id"),
                    "orgguard closes only an account it can name by id: add `id = \"...\"` (from `orgguard snapshot`), or remove the [[account]] if it was never created",
                ),
                Some(id) if id == management => problems.error(
                    "close-management",
                    at(state.span()),
                    format!("account {id} (`{name}`) is the management account, which cannot be closed"),
                    "AWS closes a management account only once the organization is deleted, and never through orgguard; remove `state = \"closed\"`",
                ),
                Some(_) => {}
            }
        }
    }
    let creation = &layout.file.settings.account_creation;
    let role = creation.role_name.get_ref();
    if role.is_empty()
        || role.len() > 64
        || !role
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
    {
        problems.error(
            "invalid-value",
            at(creation.role_name.span()),
            format!("`{role}` is not a valid IAM role name"),
            "role names have 1 to 64 letters, digits and +=,.@_-; remove the key for OrganizationAccountAccessRole",
        );
    }
    if *creation.timeout_seconds.get_ref() == 0 {
        problems.error(
            "invalid-value",
            at(creation.timeout_seconds.span()),
            "settings.account_creation.timeout_seconds is 0",
            "AWS takes minutes to create an account; remove the key to wait up to 1800 seconds",
        );
    }
}

/// One `@` with text before it and a dotted domain after it, no spaces.
pub(super) fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
}
