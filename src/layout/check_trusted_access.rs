//! The offline checks of `[trusted_access]`: service principals written as
//! AWS writes them, each listed once, delegated administrators only for
//! trusted services (AWS registers none before trusted access), naming
//! accounts of the layout, never the management account (AWS refuses it);
//! and a warning when `unmanaged = "delete"` would disable a service the
//! layout itself relies on.

use std::collections::BTreeSet;
use std::ops::Range;

use super::load::{LAYOUT_FILE, Layout};
use super::schema::declared_account;
use super::trusted_access::{TrustedAccessSection, is_service_principal};
use crate::diagnostics::{Problems, Sources};
use crate::suggest::closest;

/// Runs every check of the `[trusted_access]` section, if there is one.
pub fn check(layout: &Layout, sources: &Sources, problems: &mut Problems) {
    let Some(section) = &layout.file.trusted_access else {
        return;
    };
    let at = |span: Range<usize>| Some(sources.locate(LAYOUT_FILE, span));
    let mut trusted = BTreeSet::new();
    for service in &section.services {
        let name = service.get_ref();
        check_principal(name, service.span(), sources, problems);
        if !trusted.insert(name.as_str()) {
            problems.error(
                "duplicate-service",
                at(service.span()),
                format!("service `{name}` is listed twice in [trusted_access] services"),
                "remove the second entry",
            );
        }
    }
    if section.unmanaged == super::unmanaged::Unmanaged::Delete {
        check_needed_services(layout, section, &trusted, sources, problems);
    }
    let management = layout.file.management_account_id();
    let names: Vec<&str> = layout
        .file
        .accounts
        .iter()
        .flat_map(|a| {
            let a = a.get_ref();
            a.id.as_ref()
                .map(|id| id.get_ref().as_str())
                .into_iter()
                .chain([a.name.get_ref().as_str()])
        })
        .collect();
    for (service, accounts) in &section.delegated_administrators {
        let name = service.get_ref();
        let valid = check_principal(name, service.span(), sources, problems);
        if valid && !trusted.contains(name.as_str()) {
            problems.error(
                "not-trusted",
                at(service.span()),
                format!("`{name}` is under delegated_administrators but not in services"),
                format!(
                    "add \"{name}\" to [trusted_access] services: AWS registers delegated administrators only for services the organization trusts"
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for account in accounts.get_ref() {
            let reference = account.get_ref();
            let Some(declared) = declared_account(&layout.file.accounts, reference) else {
                let help = if reference == management {
                    "the management account cannot be a delegated administrator (AWS refuses it); name a member account".to_string()
                } else {
                    match closest(reference, names.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => "name an [[account]] of the layout by its name or id".to_string(),
                    }
                };
                problems.error(
                    "unknown-account",
                    at(account.span()),
                    format!("account `{reference}` is not in the layout"),
                    help,
                );
                continue;
            };
            let Some(id) = declared.id.as_ref().map(|id| id.get_ref()) else {
                problems.error(
                    "not-created-yet",
                    at(account.span()),
                    format!(
                        "account `{reference}` has no id yet: this layout creates it, so it cannot be a delegated administrator of `{name}` in the same plan"
                    ),
                    "apply the layout that creates the account, pin its id (`id = \"…\"`), then register it",
                );
                continue;
            };
            if id == management {
                problems.error(
                    "management-delegated",
                    at(account.span()),
                    format!(
                        "`{reference}` is the management account, which cannot be a delegated administrator of `{name}`"
                    ),
                    "AWS refuses to register the management account; delegate to a member account such as the security account",
                );
            }
            if !seen.insert(id.as_str()) {
                problems.error(
                    "duplicate-delegated-administrator",
                    at(account.span()),
                    format!("account `{reference}` is listed twice for `{name}`"),
                    "remove the second entry (an account may be named by its name or its id, not both)",
                );
            }
        }
    }
}

/// Reports `name` unless it is written as a service principal; whether it is.
fn check_principal(
    name: &str,
    span: Range<usize>,
    sources: &Sources,
    problems: &mut Problems,
) -> bool {
    if is_service_principal(name) {
        return true;
    }
    let help = if !name.contains('.') && !name.is_empty() {
        format!(
            "service principals are written in full, such as `{}.amazonaws.com`",
            name.to_lowercase()
        )
    } else {
        "service principals look like `guardduty.amazonaws.com` (the list is in the AWS Organizations user guide, \"AWS services that you can use with AWS Organizations\")".to_string()
    };
    problems.error(
        "invalid-value",
        Some(sources.locate(LAYOUT_FILE, span)),
        format!("`{name}` is not a service principal"),
        help,
    );
    false
}

/// With `unmanaged = "delete"`, a service principal the layout itself
/// relies on and does not list would be disabled: the Account API for
/// alternate contacts, Identity Center for its assignments.
fn check_needed_services(
    layout: &Layout,
    section: &TrustedAccessSection,
    trusted: &BTreeSet<&str>,
    sources: &Sources,
    problems: &mut Problems,
) {
    let needs = [
        (
            "account.amazonaws.com",
            layout.file.declares_contacts(),
            "alternate contacts",
        ),
        (
            "sso.amazonaws.com",
            layout
                .file
                .identity_center
                .as_ref()
                .is_some_and(|s| s.declares_resources()),
            "[identity_center]",
        ),
    ];
    for (service, needed, what) in needs {
        if needed && !trusted.contains(service) {
            let span = section.services.first().map(|s| s.span()).unwrap_or(0..0);
            problems.warning(
                "disables-needed-service",
                Some(sources.locate(LAYOUT_FILE, span)),
                format!(
                    "[trusted_access] has unmanaged = \"delete\" but does not list {service}, which the layout's {what} need: plan would disable it if it is trusted"
                ),
                format!("add \"{service}\" to [trusted_access] services"),
            );
        }
    }
}
