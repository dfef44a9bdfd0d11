//! Rules about IAM Identity Center assignments.

pub mod access_not_permitted;
pub mod direct_user;
pub mod empty_group;
pub mod inactive_account;
pub mod missing_principal;
pub mod not_provisioned;

pub use crate::checks::directory::Directory;
use crate::diagnostics::Subject;
use crate::org::Assignment;

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
    use crate::checks::testing::*;
    use crate::org::*;

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
