//! The `[trusted_access]` declarations of a live organization: the
//! services it trusts and each service's delegated administrators, named
//! by account name where that name is unique (by id otherwise), so the
//! first `plan` after `import` changes none of them.

use std::collections::BTreeMap;

use super::toml_text::{comment, key, list};
use crate::org::Snapshot;

/// The trusted services and the registrations the section declares, or
/// `None` when it is not written.
pub fn counts(snapshot: &Snapshot) -> Option<(usize, usize)> {
    let settings = snapshot.org_settings.as_ref()?;
    let services = settings.trusted_services.as_ref()?;
    let admins = settings.delegated_administrators.as_ref()?;
    let registrations = admins
        .iter()
        .flat_map(|a| a.service_principals.iter())
        .filter(|s| services.contains(s))
        .count();
    Some((services.len(), registrations))
}

/// The section, or, when the snapshot could not read trusted access or
/// delegated administrators, a comment saying so (an unread list written
/// as empty would disable every service).
pub fn trusted_access_section(snapshot: &Snapshot) -> Option<String> {
    let settings = snapshot.org_settings.as_ref()?;
    let (Some(services), Some(admins)) = (
        &settings.trusted_services,
        &settings.delegated_administrators,
    ) else {
        return Some(comment(
            "Trusted access and delegated administrators could not be read (see the\n\
             snapshot's incomplete reads), so they are not declared here. Declare them in\n\
             [trusted_access] (docs/layout.md) once they can be read.",
        ));
    };
    let name_of = |id: &str| {
        let mut same = snapshot.accounts.iter().filter(|a| a.id == id);
        match (same.next(), same.next()) {
            (Some(a), None)
                if snapshot
                    .accounts
                    .iter()
                    .filter(|b| b.name == a.name)
                    .count()
                    == 1 =>
            {
                a.name.clone()
            }
            _ => id.to_string(),
        }
    };
    // Service → its administrators, by name.
    let mut delegated: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut untrusted = Vec::new();
    for admin in admins {
        for service in &admin.service_principals {
            if services.contains(service) {
                delegated
                    .entry(service.as_str())
                    .or_default()
                    .push(name_of(&admin.account_id));
            } else {
                untrusted.push(format!("{service}: {}", admin.account_id));
            }
        }
    }
    let mut text = comment(
        "The AWS services trusted to work across the organization, and the accounts that\n\
         administer a service for it. A service listed under delegated_administrators has\n\
         exactly those administrators. Live services and administrators this section does\n\
         not list are kept and shown by `plan` (\"delete\" would disable or deregister them).",
    );
    text.push_str("[trusted_access]\nunmanaged = \"keep\"\n");
    text.push_str(&format!(
        "services = {}\n",
        list(services.iter().map(String::as_str))
    ));
    if !untrusted.is_empty() {
        text.push_str(&comment(&format!(
            "Delegated administrators of services without trusted access (not declared:\n\
             AWS registers none for an untrusted service):\n  {}",
            untrusted.join("\n  ")
        )));
    }
    if !delegated.is_empty() {
        text.push_str("\n[trusted_access.delegated_administrators]\n");
        for (service, mut accounts) in delegated {
            accounts.sort();
            text.push_str(&format!(
                "{} = {}\n",
                key(service),
                list(accounts.iter().map(String::as_str))
            ));
        }
    }
    Some(text)
}
