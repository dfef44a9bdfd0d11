//! The pre-merge access check: every assignment declared in
//! `[identity_center]`, expanded over its targets as the layout places the
//! accounts, evaluated against policies/access.cedar. An assignment the
//! policies do not permit is an error that names the deciding policy and
//! its line. With a snapshot, principals missing from the identity store
//! are errors too, and groups carry their real members.

use std::collections::{BTreeMap, HashMap};

use super::check::evaluate_assignments;
use super::entities::AccessModel;
use super::policies::AccessPolicies;
use crate::diagnostics::{Problems, Sources};
use crate::error::Result;
use crate::layout::desired::desired_snapshot;
use crate::layout::model::identity_center::{DesiredIdentityCenter, PlacedAccount};
use crate::layout::{LAYOUT_FILE, Layout};
use crate::org::tree::OrgIndex;
use crate::org::{
    AccountStatus, Assignment, Group, IdentityCenter, PermissionSet, PrincipalType, Snapshot, User,
};

/// The ARN a declared permission set has in the layout's model.
fn layout_arn(name: &str) -> String {
    format!("layout:permission-set/{name}")
}

/// Checks the declared assignments against the access policies.
pub fn check(
    layout: &Layout,
    policies: &AccessPolicies,
    live: Option<&Snapshot>,
    sources: &Sources,
    problems: &mut Problems,
) -> Result<()> {
    let Some(declared) = DesiredIdentityCenter::from_layout(layout) else {
        return Ok(());
    };
    let section = layout.file.identity_center.as_ref();
    let span_of = |index: usize| {
        section
            .and_then(|s| s.assignments.get(index))
            .map(|a| a.span())
            .unwrap_or(0..0)
    };
    let (mut snapshot, placed) = layout_model(layout, live);
    let live_ic = live.and_then(|l| l.identity_center.as_ref());

    // Principals: the live identity store's, or one per name written.
    let mut users: BTreeMap<String, User> = BTreeMap::new();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    if let Some(ic) = live_ic {
        users.extend(ic.users.iter().map(|u| (u.user_name.clone(), u.clone())));
        groups.extend(
            ic.groups
                .iter()
                .map(|g| (g.display_name.clone(), g.clone())),
        );
    }
    for a in &declared.assignments {
        let known = match a.principal_type {
            PrincipalType::User => users.contains_key(&a.principal),
            PrincipalType::Group => groups.contains_key(&a.principal),
        };
        if known {
            continue;
        }
        if live_ic.is_some() {
            let (what, span) = match section.and_then(|s| s.assignments.get(a.index)) {
                Some(s) => match a.principal_type {
                    PrincipalType::User => ("user", s.get_ref().user.as_ref().map(|u| u.span())),
                    PrincipalType::Group => ("group", s.get_ref().group.as_ref().map(|g| g.span())),
                },
                None => ("principal", None),
            };
            problems.error(
                "unknown-principal",
                Some(sources.locate(LAYOUT_FILE, span.unwrap_or_else(|| span_of(a.index)))),
                format!("{what} `{}` is not in the identity store of the snapshot", a.principal),
                "create it in Identity Center first, or correct the name (names are case-sensitive)",
            );
            continue;
        }
        match a.principal_type {
            PrincipalType::User => {
                users.insert(
                    a.principal.clone(),
                    User {
                        id: a.principal.clone(),
                        user_name: a.principal.clone(),
                        display_name: a.principal.clone(),
                        email: None,
                    },
                );
            }
            PrincipalType::Group => {
                groups.insert(
                    a.principal.clone(),
                    Group {
                        id: a.principal.clone(),
                        display_name: a.principal.clone(),
                        description: String::new(),
                        members: vec![],
                    },
                );
            }
        }
    }

    // Every grant, remembering the first declaration that makes it.
    let mut origin: HashMap<(String, String, PrincipalType, String), usize> = HashMap::new();
    let mut assignments = Vec::new();
    for a in &declared.assignments {
        let id = match a.principal_type {
            PrincipalType::User => users.get(&a.principal).map(|u| u.id.clone()),
            PrincipalType::Group => groups.get(&a.principal).map(|g| g.id.clone()),
        };
        let Some(id) = id else { continue };
        for account in a.targets.expand(&placed) {
            let key = (
                account.id.clone(),
                a.permission_set.clone(),
                a.principal_type,
                id.clone(),
            );
            if origin.contains_key(&key) {
                continue;
            }
            origin.insert(key, a.index);
            assignments.push(Assignment {
                account_id: account.id.clone(),
                permission_set_arn: layout_arn(&a.permission_set),
                principal_type: a.principal_type,
                principal_id: id.clone(),
            });
        }
    }
    snapshot.identity_center = Some(IdentityCenter {
        instance_arn: "layout".to_string(),
        identity_store_id: "layout".to_string(),
        assignments_read: "by-account".to_string(),
        permission_sets: declared
            .permission_sets
            .values()
            .map(|ps| PermissionSet {
                arn: layout_arn(&ps.name),
                name: ps.name.clone(),
                description: ps.description.clone(),
                session_duration: Some(ps.session_duration.clone()),
                relay_state: ps.relay_state.clone(),
                managed_policies: ps.managed_policies.clone(),
                customer_managed_policies: ps.customer_managed_policies.clone(),
                inline_policy: ps.inline_policy.clone(),
                permissions_boundary: ps.permissions_boundary.clone(),
                tags: ps.tags.clone(),
                provisioned_accounts: vec![],
                outdated_accounts: vec![],
            })
            .collect(),
        assignments,
        users: users.into_values().collect(),
        groups: groups.into_values().collect(),
    });

    let model = AccessModel::build(&snapshot, &policies.declared)?;
    for e in evaluate_assignments(&model, policies, false)? {
        if e.verdict.allowed {
            continue;
        }
        let principal_type = match e.principal_type {
            "user" => PrincipalType::User,
            _ => PrincipalType::Group,
        };
        let index = origin
            .get(&(
                e.account_id.clone(),
                e.permission_set.clone(),
                principal_type,
                e.principal_id.clone(),
            ))
            .copied()
            .unwrap_or(0);
        let why = match &e.verdict.unresolved {
            Some(reason) => format!("{reason}, so no policy can permit it"),
            None if e.verdict.policies.is_empty() => {
                format!("no policy in {} permits it", policies.file)
            }
            None => {
                let names: Vec<String> = e
                    .verdict
                    .policies
                    .iter()
                    .map(|id| policies.describe(id))
                    .collect();
                format!("forbidden by {}", names.join(", "))
            }
        };
        problems.error(
            "access-not-permitted",
            Some(sources.locate(LAYOUT_FILE, span_of(index))),
            format!(
                "{} {} would hold {} on account {} ({}): {why}",
                e.principal_type, e.principal, e.permission_set, e.account_id, e.account_name
            ),
            "narrow the assignment's targets, or change policies/access.cedar if this access is intended (`orgguard access explain` shows the decision)",
        );
    }
    Ok(())
}

/// The organization as the layout places it (the desired snapshot every
/// engine reads), and the accounts as assignment targets see them.
/// Account status comes from the snapshot when there is one.
fn layout_model(layout: &Layout, live: Option<&Snapshot>) -> (Snapshot, Vec<PlacedAccount>) {
    let (mut snapshot, _) = desired_snapshot(layout);
    if let Some(live) = live {
        let status: HashMap<&str, AccountStatus> = live
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), a.status))
            .collect();
        for account in &mut snapshot.accounts {
            if let Some(s) = status.get(account.id.as_str()) {
                account.status = *s;
            }
        }
    }
    let index = OrgIndex::new(&snapshot);
    let placed = snapshot
        .accounts
        .iter()
        .map(|a| PlacedAccount {
            id: a.id.clone(),
            name: a.name.clone(),
            ou_path: index.path_of(&a.parent_id).unwrap_or_default(),
            tags: a.tags.clone(),
            active: a.status == AccountStatus::Active,
        })
        .collect();
    (snapshot, placed)
}
