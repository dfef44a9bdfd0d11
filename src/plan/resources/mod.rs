//! Plan resources beyond the organization tree, each owning its diff and
//! its description: Identity Center permission sets and assignments.

pub mod assignment;
pub mod ic_change;
pub mod permission_set;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use self::ic_change::{IcChange, PermissionSetAttributes, PermissionSetEdit, PermissionSetRef};
use super::change::Change;
use super::error::PlanError;
use super::model::{UnmanagedKind, UnmanagedObject};
use crate::layout::model::Desired;
use crate::layout::model::identity_center::DesiredIdentityCenter;
use crate::layout::schema::Unmanaged;
use crate::model::Snapshot;

/// The Identity Center part of a plan, in the order it is applied:
/// permission sets created and updated (policies attached) before they are
/// provisioned or assigned; assignments created, then deleted; permission
/// sets deleted after their assignments.
pub fn plan_identity_center(
    desired: &Desired,
    live: &Snapshot,
    unmanaged: &mut Vec<UnmanagedObject>,
) -> Result<Vec<Change>, PlanError> {
    let Some(wanted) = &desired.identity_center else {
        return Ok(Vec::new());
    };
    if let Some(f) = live.incomplete.iter().find(|f| {
        f.service.eq_ignore_ascii_case("sso-admin")
            || f.service.eq_ignore_ascii_case("identitystore")
    }) {
        return Err(PlanError::IncompleteLive {
            what: format!("{} {}: {}", f.service, f.operation, f.message),
        });
    }
    let ic = live
        .identity_center
        .as_ref()
        .ok_or(PlanError::NoIdentityCenter)?;
    let changes = plan_with(wanted, desired, live, ic, unmanaged)?;
    Ok(changes.into_iter().map(Change::IdentityCenter).collect())
}

fn plan_with(
    wanted: &DesiredIdentityCenter,
    desired: &Desired,
    live: &Snapshot,
    ic: &crate::model::IdentityCenter,
    unmanaged: &mut Vec<UnmanagedObject>,
) -> Result<Vec<IcChange>, PlanError> {
    let live_sets: BTreeMap<&str, &crate::model::PermissionSet> = ic
        .permission_sets
        .iter()
        .map(|p| (p.name.as_str(), p))
        .collect();
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    // Permission set name → accounts to provision the latest version to.
    let mut provision: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, ps) in &wanted.permission_sets {
        match live_sets.get(name.as_str()) {
            None => creates.push(permission_set::create(ps)),
            Some(live_ps) => {
                let edits = permission_set::edits(ps, live_ps);
                if !edits.is_empty() {
                    // An update leaves every account it is provisioned to
                    // outdated until it is provisioned again; tags are not
                    // part of what is provisioned.
                    if edits.iter().any(|e| {
                        !matches!(
                            e,
                            PermissionSetEdit::Tag { .. } | PermissionSetEdit::Untag { .. }
                        )
                    }) {
                        provision
                            .entry(name)
                            .or_default()
                            .extend(live_ps.provisioned_accounts.iter().cloned());
                    }
                    let attributes = edits
                        .iter()
                        .any(|e| {
                            matches!(
                                e,
                                PermissionSetEdit::Description { .. }
                                    | PermissionSetEdit::SessionDuration { .. }
                                    | PermissionSetEdit::RelayState { .. }
                            )
                        })
                        .then(|| PermissionSetAttributes {
                            description: ps.description.clone(),
                            session_duration: ps.session_duration.clone(),
                            relay_state: ps
                                .relay_state
                                .clone()
                                .or_else(|| live_ps.relay_state.clone()),
                        });
                    updates.push(IcChange::UpdatePermissionSet {
                        arn: live_ps.arn.clone(),
                        name: name.clone(),
                        edits,
                        attributes,
                    });
                }
                if !live_ps.outdated_accounts.is_empty() {
                    provision
                        .entry(name)
                        .or_default()
                        .extend(live_ps.outdated_accounts.iter().cloned());
                }
            }
        }
    }

    // Live sets the layout does not declare: kept and shown, or deleted
    // with their assignments.
    let delete_unmanaged = wanted.unmanaged == Unmanaged::Delete;
    let mut deleted_sets = Vec::new();
    for ps in &ic.permission_sets {
        if wanted.permission_sets.contains_key(&ps.name) {
            continue;
        }
        let assignments = ic
            .assignments
            .iter()
            .filter(|a| a.permission_set_arn == ps.arn)
            .count();
        let accounts: BTreeSet<&str> = ic
            .assignments
            .iter()
            .filter(|a| a.permission_set_arn == ps.arn)
            .map(|a| a.account_id.as_str())
            .collect();
        unmanaged.push(UnmanagedObject {
            kind: UnmanagedKind::PermissionSet,
            id: ps.arn.clone(),
            name: ps.name.clone(),
            deleted: delete_unmanaged,
            note: format!(
                "{assignments} assignment(s) on {} account(s){}",
                accounts.len(),
                if delete_unmanaged {
                    ", deleted with it"
                } else {
                    ""
                }
            ),
        });
        if delete_unmanaged {
            deleted_sets.push(IcChange::DeletePermissionSet {
                arn: ps.arn.clone(),
                name: ps.name.clone(),
            });
        }
    }

    let mut managed: BTreeSet<String> = wanted.permission_sets.keys().cloned().collect();
    if delete_unmanaged {
        managed.extend(ic.permission_sets.iter().map(|p| p.name.clone()));
    }
    let ps_ref = |name: &str| match live_sets.get(name) {
        Some(p) => PermissionSetRef::Existing {
            arn: p.arn.clone(),
            name: p.name.clone(),
        },
        None => PermissionSetRef::New {
            name: name.to_string(),
        },
    };
    let placed = assignment::placed_after_plan(desired, live);
    let assignments = assignment::diff(
        wanted,
        &placed,
        ic,
        &managed,
        &ps_ref,
        delete_unmanaged,
        unmanaged,
    )?;

    let mut out = creates;
    out.extend(updates);
    for (name, accounts) in provision {
        out.push(IcChange::ProvisionPermissionSet {
            permission_set: ps_ref(name),
            accounts: accounts.into_iter().collect(),
        });
    }
    out.extend(assignments.create);
    out.extend(assignments.delete);
    out.extend(deleted_sets);
    Ok(out)
}
