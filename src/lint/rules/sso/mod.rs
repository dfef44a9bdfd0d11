//! Rules about IAM Identity Center assignments.

pub mod access_not_permitted;
pub mod direct_user;
pub mod empty_group;
pub mod inactive_account;
pub mod missing_principal;
pub mod not_provisioned;

use std::collections::HashMap;

use crate::diagnostics::Subject;
use crate::model::{
    Account, Assignment, Group, IdentityCenter, PermissionSet, PrincipalType, Snapshot, User,
};

/// Lookups over one snapshot's Identity Center data.
pub struct Directory<'a> {
    pub ic: &'a IdentityCenter,
    pub users: HashMap<&'a str, &'a User>,
    pub groups: HashMap<&'a str, &'a Group>,
    pub permission_sets: HashMap<&'a str, &'a PermissionSet>,
    pub accounts: HashMap<&'a str, &'a Account>,
}

impl<'a> Directory<'a> {
    pub fn of(live: Option<&'a Snapshot>) -> Option<Self> {
        let live = live?;
        let ic = live.identity_center.as_ref()?;
        Some(Directory {
            ic,
            users: ic.users.iter().map(|u| (u.id.as_str(), u)).collect(),
            groups: ic.groups.iter().map(|g| (g.id.as_str(), g)).collect(),
            permission_sets: ic
                .permission_sets
                .iter()
                .map(|p| (p.arn.as_str(), p))
                .collect(),
            accounts: live.accounts.iter().map(|a| (a.id.as_str(), a)).collect(),
        })
    }

    pub fn permission_set_name(&self, arn: &'a str) -> &'a str {
        self.permission_sets
            .get(arn)
            .map(|p| p.name.as_str())
            .unwrap_or(arn)
    }

    /// "group developers" / "user dave" / "user 9067…-frank".
    pub fn principal_name(&self, a: &Assignment) -> String {
        match a.principal_type {
            PrincipalType::User => match self.users.get(a.principal_id.as_str()) {
                Some(u) => format!("user {}", u.user_name),
                None => format!("user {}", a.principal_id),
            },
            PrincipalType::Group => match self.groups.get(a.principal_id.as_str()) {
                Some(g) => format!("group {}", g.display_name),
                None => format!("group {}", a.principal_id),
            },
        }
    }

    /// "permission set ReadOnlyAccess of user dave on account 444… (name)".
    pub fn describe(&self, a: &'a Assignment) -> String {
        let account = self
            .accounts
            .get(a.account_id.as_str())
            .map(|acc| format!("{} ({})", acc.id, acc.name))
            .unwrap_or_else(|| a.account_id.clone());
        format!(
            "the assignment of {} to {} on account {account}",
            self.permission_set_name(&a.permission_set_arn),
            self.principal_name(a)
        )
    }
}

/// An assignment as a finding's subject, by the convention in
/// `crate::diagnostics` that lets the audit inventory mark its row.
pub fn subject(a: &Assignment) -> Subject {
    Subject {
        resource: Some(crate::diagnostics::assignment_resource(
            &a.account_id,
            &a.permission_set_arn,
            a.principal_type.as_str(),
            &a.principal_id,
        )),
        account_id: Some(a.account_id.clone()),
        ..Subject::default()
    }
}

#[cfg(test)]
pub mod fixtures {
    use crate::lint::testing::*;
    use crate::model::*;

    pub const PS: &str = "arn:aws:sso:::permissionSet/ssoins-1/ps-1";

    pub fn assignment(account: &str, kind: PrincipalType, id: &str) -> Assignment {
        Assignment {
            account_id: account.into(),
            permission_set_arn: PS.into(),
            principal_type: kind,
            principal_id: id.into(),
        }
    }

    /// One user alice in group admins, the permission set provisioned to PROD.
    pub fn with_identity_center(assignments: Vec<Assignment>) -> Snapshot {
        let mut snap = org();
        snap.identity_center = Some(IdentityCenter {
            assignments_read: "by-account".to_string(),
            instance_arn: "arn:aws:sso:::instance/ssoins-1".into(),
            identity_store_id: "d-1".into(),
            permission_sets: vec![PermissionSet {
                arn: PS.into(),
                name: "Admin".into(),
                description: String::new(),
                session_duration: None,
                relay_state: None,
                managed_policies: vec![],
                customer_managed_policies: vec![],
                inline_policy: None,
                permissions_boundary: None,
                tags: Default::default(),
                provisioned_accounts: vec![PROD.into()],
                outdated_accounts: vec![],
            }],
            assignments,
            users: vec![User {
                id: "u-alice".into(),
                user_name: "alice".into(),
                display_name: String::new(),
                email: None,
            }],
            groups: vec![
                Group {
                    id: "g-admins".into(),
                    display_name: "admins".into(),
                    description: String::new(),
                    members: vec!["u-alice".into()],
                },
                Group {
                    id: "g-empty".into(),
                    display_name: "nobody".into(),
                    description: String::new(),
                    members: vec![],
                },
            ],
        });
        snap
    }
}
