//! The `[identity_center]` declarations of a live Identity Center: every
//! permission set with its policies (an inline policy as a file under
//! policies/permission-sets/), and one assignment per principal and
//! permission set listing its accounts. Assignments of principals the
//! identity store no longer has cannot be named; they are listed in a
//! comment and `plan` shows them as not in the layout.

use std::collections::{BTreeMap, BTreeSet};

use super::{Written, list, string as quoted};
use crate::org::{PermissionsBoundary, PolicyReference, PrincipalType, Snapshot};

/// The declarations for `live`'s Identity Center; empty when it has none.
pub fn write(live: &Snapshot) -> Written {
    let Some(ic) = &live.identity_center else {
        return Written::default();
    };
    let mut out = Written::default();
    let toml = &mut out.toml;
    toml.push_str("[identity_center]\n");
    toml.push_str("# Live permission sets this section does not declare are kept and shown.\n");
    toml.push_str("unmanaged = \"keep\"\n");

    let mut used_files: BTreeSet<String> = BTreeSet::new();
    for ps in &ic.permission_sets {
        toml.push_str("\n[[identity_center.permission_set]]\n");
        toml.push_str(&format!("name = {}\n", quoted(&ps.name)));
        if !ps.description.is_empty() {
            toml.push_str(&format!("description = {}\n", quoted(&ps.description)));
        }
        if let Some(d) = &ps.session_duration {
            toml.push_str(&format!("session_duration = {}\n", quoted(d)));
        }
        if let Some(r) = &ps.relay_state {
            toml.push_str(&format!("relay_state = {}\n", quoted(r)));
        }
        if !ps.managed_policies.is_empty() {
            toml.push_str(&format!(
                "managed_policies = {}\n",
                list(ps.managed_policies.iter().map(String::as_str))
            ));
        }
        if !ps.customer_managed_policies.is_empty() {
            let refs: Vec<String> = ps.customer_managed_policies.iter().map(reference).collect();
            toml.push_str(&format!(
                "customer_managed_policies = [{}]\n",
                refs.join(", ")
            ));
        }
        if let Some(policy) = &ps.inline_policy {
            let name = file_name(&ps.name, &mut used_files);
            toml.push_str(&format!("inline_policy = {}\n", quoted(&name)));
            out.files.insert(format!("policies/{name}"), pretty(policy));
        }
        if let Some(b) = &ps.permissions_boundary {
            toml.push_str(&format!("permissions_boundary = {}\n", boundary(b)));
        }
        if !ps.tags.is_empty() {
            toml.push_str(&format!("tags = {}\n", super::inline_table(&ps.tags)));
        }
    }

    let groups: BTreeMap<&str, &str> = ic
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.display_name.as_str()))
        .collect();
    let users: BTreeMap<&str, &str> = ic
        .users
        .iter()
        .map(|u| (u.id.as_str(), u.user_name.as_str()))
        .collect();
    let sets: BTreeMap<&str, &str> = ic
        .permission_sets
        .iter()
        .map(|p| (p.arn.as_str(), p.name.as_str()))
        .collect();
    // Accounts by name where the name is unique, else by id.
    let mut name_count: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &live.accounts {
        *name_count.entry(a.name.as_str()).or_default() += 1;
    }
    let account_ref = |id: &str| -> String {
        live.accounts
            .iter()
            .find(|a| a.id == id)
            .filter(|a| name_count.get(a.name.as_str()) == Some(&1) && !a.name.is_empty())
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    // (principal type, principal name, permission set) → accounts.
    let mut grouped: BTreeMap<(PrincipalType, &str, &str), BTreeSet<String>> = BTreeMap::new();
    let mut unnamed: Vec<String> = Vec::new();
    for a in &ic.assignments {
        let Some(set) = sets.get(a.permission_set_arn.as_str()) else {
            continue;
        };
        let name = match a.principal_type {
            PrincipalType::Group => groups.get(a.principal_id.as_str()),
            PrincipalType::User => users.get(a.principal_id.as_str()),
        };
        match name {
            Some(name) => {
                grouped
                    .entry((a.principal_type, name, set))
                    .or_default()
                    .insert(account_ref(&a.account_id));
            }
            None => unnamed.push(format!(
                "#   {} {} holds {set} on account {}",
                a.principal_type.as_str().to_lowercase(),
                a.principal_id,
                a.account_id
            )),
        }
    }
    if !unnamed.is_empty() {
        toml.push_str(
            "\n# Assignments of principals no longer in the identity store (not\n# declared; `plan` shows them as not in the layout, and deletes them with\n# unmanaged = \"delete\"):\n",
        );
        for line in &unnamed {
            toml.push_str(line);
            toml.push('\n');
        }
    }
    for ((kind, principal, set), accounts) in &grouped {
        toml.push_str("\n[[identity_center.assignment]]\n");
        let key = match kind {
            PrincipalType::Group => "group",
            PrincipalType::User => "user",
        };
        toml.push_str(&format!("{key} = {}\n", quoted(principal)));
        toml.push_str(&format!("permission_set = {}\n", quoted(set)));
        toml.push_str(&format!(
            "accounts = {}\n",
            list(accounts.iter().map(String::as_str))
        ));
    }
    out
}

fn reference(r: &PolicyReference) -> String {
    format!(
        "{{ name = {}, path = {} }}",
        quoted(&r.name),
        quoted(&r.path)
    )
}

fn boundary(b: &PermissionsBoundary) -> String {
    match (&b.managed_policy_arn, &b.customer_managed_policy) {
        (Some(arn), _) => format!("{{ managed_policy_arn = {} }}", quoted(arn)),
        (None, Some(r)) => format!("{{ customer_managed_policy = {} }}", reference(r)),
        (None, None) => "{}".to_string(),
    }
}

/// `permission-sets/NAME.json`, with characters file systems dislike
/// replaced and a number added when two sets would share a file.
fn file_name(set: &str, used: &mut BTreeSet<String>) -> String {
    let stem: String = set
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut name = format!("permission-sets/{stem}.json");
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("permission-sets/{stem}-{n}.json");
        n += 1;
    }
    name
}

/// The document as pretty JSON in the order AWS returned it.
fn pretty(text: &str) -> String {
    let mut out = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string());
    out.push('\n');
    out
}
