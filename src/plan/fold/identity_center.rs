//! Identity Center: permission sets, their provisioning, and assignments.
//! An update leaves the accounts a set is provisioned to outdated until it
//! is provisioned again.

use crate::model::{Assignment, IdentityCenter, PermissionSet};
use crate::plan::resources::ic_change::{IcChange, PermissionSetEdit, PermissionSetRef};

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
pub fn apply(ic: &mut IdentityCenter, change: &IcChange) {
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
