//! Which permission sets give administrator-level access, for the
//! "admin-level access by principal" chart and the `admin_level` column:
//! the one classification in `privilege`, from the set's policy documents.

use crate::org::PermissionSet;
use crate::privilege;

/// True when the permission set's AWS managed and inline policies make
/// whoever holds it an administrator in practice (see `privilege`). Its
/// customer managed policies live in each account and are not in the
/// snapshot: they cannot make a set administrator-level here.
pub fn is_admin_level(ps: &PermissionSet) -> bool {
    privilege::of_permission_set(ps).is_admin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ps(name: &str, managed: &[&str], inline: Option<&str>) -> PermissionSet {
        PermissionSet {
            arn: format!("arn:aws:sso:::permissionSet/ssoins-1/{name}"),
            name: name.into(),
            description: String::new(),
            session_duration: None,
            relay_state: None,
            managed_policies: managed.iter().map(|s| s.to_string()).collect(),
            customer_managed_policies: vec![],
            inline_policy: inline.map(str::to_string),
            permissions_boundary: None,
            tags: Default::default(),
            provisioned_accounts: vec![],
            outdated_accounts: vec![],
        }
    }

    #[test]
    fn administrator_policies_and_self_granting_statements_are_admin_level() {
        assert!(is_admin_level(&ps(
            "Ops",
            &["arn:aws:iam::aws:policy/AdministratorAccess"],
            None
        )));
        assert!(is_admin_level(&ps(
            "Custom",
            &[],
            Some(r#"{"Statement":[{"Effect":"Allow","Action":["*"],"Resource":"*"}]}"#)
        )));
        assert!(is_admin_level(&ps(
            "Escalator",
            &[],
            Some(
                r#"{"Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"}]}"#
            )
        )));
    }

    #[test]
    fn names_read_only_and_denying_sets_are_not_admin_level() {
        assert!(!is_admin_level(&ps("PlatformAdmins", &[], None)));
        assert!(!is_admin_level(&ps(
            "ReadOnlyAccess",
            &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            None
        )));
        assert!(!is_admin_level(&ps(
            "Dev",
            &["arn:aws:iam::aws:policy/AdministratorAccess"],
            Some(r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)
        )));
    }
}
