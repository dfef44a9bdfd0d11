//! Identity Center: the plan of permission sets, their provisioning and
//! assignments (the diffs are in [`super::permission_set`] and
//! [`super::assignment`]), and how AWS folds each change in. An update
//! leaves the accounts a set is provisioned to outdated until it is
//! provisioned again.

use std::collections::{BTreeMap, BTreeSet};

use super::ic_change::{IcChange, PermissionSetAttributes, PermissionSetEdit, PermissionSetRef};
use super::{assignment, permission_set};
use crate::layout::model::Desired;
use crate::layout::model::identity_center::DesiredIdentityCenter;
use crate::layout::schema::Unmanaged;
use crate::org::{Assignment, IdentityCenter, PermissionSet, Snapshot};
use crate::plan::change::Change;
use crate::plan::error::PlanError;
use crate::plan::model::{UnmanagedKind, UnmanagedObject};

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
    ic: &crate::org::IdentityCenter,
    unmanaged: &mut Vec<UnmanagedObject>,
) -> Result<Vec<IcChange>, PlanError> {
    let live_sets: BTreeMap<&str, &crate::org::PermissionSet> = ic
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

/// The ARN a simulated new permission set gets.
pub fn simulated_arn(name: &str) -> String {
    format!("arn:aws:sso:::permissionSet/ssoins-simulated/ps-{name}")
}

fn arn_of(ic: &IdentityCenter, r: &PermissionSetRef) -> String {
    match r {
        PermissionSetRef::Existing { arn, .. } => arn.clone(),
        PermissionSetRef::New { name } => ic
            .permission_sets
            .iter()
            .find(|p| &p.name == name)
            .map(|p| p.arn.clone())
            .unwrap_or_else(|| simulated_arn(name)),
    }
}

/// Applies one change to `ic` as AWS would: an update leaves the accounts
/// the set is provisioned to outdated, provisioning brings them up to
/// date, an assignment provisions the set to its account.
pub fn fold(ic: &mut IdentityCenter, change: &IcChange) {
    match change {
        IcChange::CreatePermissionSet {
            name,
            description,
            session_duration,
            relay_state,
            managed_policies,
            customer_managed_policies,
            inline_policy,
            permissions_boundary,
            tags,
        } => ic.permission_sets.push(PermissionSet {
            arn: simulated_arn(name),
            name: name.clone(),
            description: description.clone(),
            session_duration: Some(session_duration.clone()),
            relay_state: relay_state.clone(),
            managed_policies: managed_policies.clone(),
            customer_managed_policies: customer_managed_policies.clone(),
            inline_policy: inline_policy.clone(),
            permissions_boundary: permissions_boundary.clone(),
            tags: tags.clone(),
            provisioned_accounts: vec![],
            outdated_accounts: vec![],
        }),
        IcChange::UpdatePermissionSet { arn, edits, .. } => {
            let Some(ps) = ic.permission_sets.iter_mut().find(|p| &p.arn == arn) else {
                return;
            };
            for edit in edits {
                edit_one(ps, edit);
            }
            ps.outdated_accounts = ps.provisioned_accounts.clone();
        }
        IcChange::ProvisionPermissionSet {
            permission_set,
            accounts,
        } => {
            let arn = arn_of(ic, permission_set);
            if let Some(ps) = ic.permission_sets.iter_mut().find(|p| p.arn == arn) {
                ps.outdated_accounts.retain(|a| !accounts.contains(a));
                ps.provisioned_accounts.extend(accounts.iter().cloned());
                ps.provisioned_accounts.sort();
                ps.provisioned_accounts.dedup();
            }
        }
        IcChange::CreateAssignment {
            account_id,
            permission_set,
            principal_type,
            principal_id,
            ..
        } => {
            let arn = arn_of(ic, permission_set);
            if let Some(ps) = ic.permission_sets.iter_mut().find(|p| p.arn == arn)
                && !ps.provisioned_accounts.contains(account_id)
            {
                ps.provisioned_accounts.push(account_id.clone());
                ps.provisioned_accounts.sort();
            }
            ic.assignments.push(Assignment {
                account_id: account_id.clone(),
                permission_set_arn: arn,
                principal_type: *principal_type,
                principal_id: principal_id.clone(),
            });
            ic.assignments.sort();
            ic.assignments.dedup();
        }
        IcChange::DeleteAssignment {
            account_id,
            permission_set,
            principal_type,
            principal_id,
            ..
        } => {
            let arn = arn_of(ic, permission_set);
            ic.assignments.retain(|a| {
                !(a.account_id == *account_id
                    && a.permission_set_arn == arn
                    && a.principal_type == *principal_type
                    && a.principal_id == *principal_id)
            });
        }
        IcChange::DeletePermissionSet { arn, .. } => {
            ic.permission_sets.retain(|p| &p.arn != arn);
        }
    }
}

fn edit_one(ps: &mut PermissionSet, edit: &PermissionSetEdit) {
    match edit {
        PermissionSetEdit::Description { to, .. } => ps.description = to.clone(),
        PermissionSetEdit::SessionDuration { to, .. } => ps.session_duration = Some(to.clone()),
        PermissionSetEdit::RelayState { to, .. } => ps.relay_state = Some(to.clone()),
        PermissionSetEdit::AttachManagedPolicy { arn } => {
            ps.managed_policies.push(arn.clone());
            ps.managed_policies.sort();
        }
        PermissionSetEdit::DetachManagedPolicy { arn } => ps.managed_policies.retain(|a| a != arn),
        PermissionSetEdit::AttachCustomerManagedPolicy { reference } => {
            ps.customer_managed_policies.push(reference.clone());
            ps.customer_managed_policies.sort();
        }
        PermissionSetEdit::DetachCustomerManagedPolicy { reference } => {
            ps.customer_managed_policies.retain(|r| r != reference)
        }
        PermissionSetEdit::PutInlinePolicy { new, .. } => ps.inline_policy = Some(new.clone()),
        PermissionSetEdit::DeleteInlinePolicy { .. } => ps.inline_policy = None,
        PermissionSetEdit::PutPermissionsBoundary { new, .. } => {
            ps.permissions_boundary = Some(new.clone())
        }
        PermissionSetEdit::DeletePermissionsBoundary { .. } => ps.permissions_boundary = None,
        PermissionSetEdit::Tag { tags, .. } => ps.tags.extend(tags.clone()),
        PermissionSetEdit::Untag { keys } => ps.tags.retain(|k, _| !keys.contains(k)),
    }
}
