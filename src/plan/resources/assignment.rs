//! Account assignments: the layout's assignments expanded over where every
//! account sits once the plan has run, against the live assignments of the
//! permission sets the layout manages.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::ic_change::{IcChange, PermissionSetRef};
use crate::layout::model::Desired;
use crate::layout::model::identity_center::{DesiredIdentityCenter, PlacedAccount};
use crate::org::tree::OrgIndex;
use crate::org::{AccountStatus, IdentityCenter, PrincipalType, Snapshot};
use crate::plan::error::PlanError;
use crate::plan::model::{UnmanagedKind, UnmanagedObject};

/// Every live account where it will sit after the plan: the layout's place
/// and tags for the accounts it lists, the live ones for the rest.
pub fn placed_after_plan(desired: &Desired, live: &Snapshot) -> Vec<PlacedAccount> {
    let index = OrgIndex::new(live);
    let layout: HashMap<&str, _> = desired
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    live.accounts
        .iter()
        .map(|a| {
            let (ou_path, tags) = match layout.get(a.id.as_str()) {
                Some(d) => (d.ou.trim_matches('/').to_string(), d.tags.clone()),
                None => (
                    if a.parent_id.starts_with("r-") {
                        String::new()
                    } else {
                        index.path_of(&a.parent_id).unwrap_or_default()
                    },
                    a.tags.clone(),
                ),
            };
            PlacedAccount {
                id: a.id.clone(),
                name: a.name.clone(),
                ou_path,
                tags,
                active: a.status == AccountStatus::Active,
            }
        })
        .collect()
}

/// One assignment as compared: account, permission set name, principal.
type Key = (String, String, PrincipalType, String);

pub struct AssignmentChanges {
    pub create: Vec<IcChange>,
    pub delete: Vec<IcChange>,
}

/// The assignments to create and delete for the permission sets in
/// `managed` (the declared ones, and undeclared ones being deleted).
pub fn diff(
    desired: &DesiredIdentityCenter,
    placed: &[PlacedAccount],
    live: &IdentityCenter,
    managed: &BTreeSet<String>,
    ps_ref: &dyn Fn(&str) -> PermissionSetRef,
    delete_unnamed: bool,
    unmanaged: &mut Vec<UnmanagedObject>,
) -> Result<AssignmentChanges, PlanError> {
    let groups: HashMap<&str, &str> = live
        .groups
        .iter()
        .map(|g| (g.display_name.as_str(), g.id.as_str()))
        .collect();
    let users: HashMap<&str, &str> = live
        .users
        .iter()
        .map(|u| (u.user_name.as_str(), u.id.as_str()))
        .collect();
    let names: HashMap<&str, &str> = live
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.display_name.as_str()))
        .chain(
            live.users
                .iter()
                .map(|u| (u.id.as_str(), u.user_name.as_str())),
        )
        .collect();
    let ps_names: HashMap<&str, &str> = live
        .permission_sets
        .iter()
        .map(|p| (p.arn.as_str(), p.name.as_str()))
        .collect();
    let account_names: HashMap<&str, &str> = placed
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();

    let mut wanted: BTreeMap<Key, String> = BTreeMap::new();
    for grant in desired.grants(placed) {
        let id = match grant.principal_type {
            PrincipalType::Group => groups.get(grant.principal.as_str()),
            PrincipalType::User => users.get(grant.principal.as_str()),
        }
        .ok_or_else(|| PlanError::UnknownPrincipal {
            what: match grant.principal_type {
                PrincipalType::Group => "group",
                PrincipalType::User => "user",
            },
            name: grant.principal.clone(),
        })?;
        wanted.insert(
            (
                grant.account_id,
                grant.permission_set,
                grant.principal_type,
                id.to_string(),
            ),
            grant.principal,
        );
    }
    // Assignments of principals the identity store no longer has cannot be
    // named in the layout: they are kept and shown, or deleted with
    // `unmanaged = "delete"`.
    for a in &live.assignments {
        if names.contains_key(a.principal_id.as_str()) {
            continue;
        }
        let ps = ps_names
            .get(a.permission_set_arn.as_str())
            .copied()
            .unwrap_or(a.permission_set_arn.as_str());
        unmanaged.push(UnmanagedObject {
            kind: UnmanagedKind::Assignment,
            id: a.principal_id.clone(),
            name: format!(
                "{ps} for {} {}",
                a.principal_type.as_str().to_lowercase(),
                a.principal_id
            ),
            deleted: delete_unnamed,
            note: format!(
                "on account {}; the principal is not in the identity store",
                a.account_id
            ),
        });
    }
    let have: BTreeSet<Key> = live
        .assignments
        .iter()
        .filter(|a| delete_unnamed || names.contains_key(a.principal_id.as_str()))
        .filter_map(|a| {
            let ps = ps_names.get(a.permission_set_arn.as_str())?;
            managed.contains(*ps).then(|| {
                (
                    a.account_id.clone(),
                    ps.to_string(),
                    a.principal_type,
                    a.principal_id.clone(),
                )
            })
        })
        .collect();
    let change = |key: &Key, principal_name: String, create: bool| {
        let (account_id, ps, principal_type, principal_id) = key.clone();
        let account_name = account_names
            .get(account_id.as_str())
            .map(|n| n.to_string())
            .unwrap_or_default();
        let permission_set = ps_ref(&ps);
        if create {
            IcChange::CreateAssignment {
                account_id,
                account_name,
                permission_set,
                principal_type,
                principal_id,
                principal_name,
            }
        } else {
            IcChange::DeleteAssignment {
                account_id,
                account_name,
                permission_set,
                principal_type,
                principal_id,
                principal_name,
            }
        }
    };
    let create = wanted
        .iter()
        .filter(|(k, _)| !have.contains(*k))
        .map(|(k, name)| change(k, name.clone(), true))
        .collect();
    let delete = have
        .iter()
        .filter(|k| !wanted.contains_key(*k))
        .map(|k| {
            let name = names
                .get(k.3.as_str())
                .map(|n| n.to_string())
                .unwrap_or_else(|| format!("{} (deleted)", k.3));
            change(k, name, false)
        })
        .collect();
    Ok(AssignmentChanges { create, delete })
}
