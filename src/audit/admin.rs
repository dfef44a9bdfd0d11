//! Which permission sets give administrator-level access, for the
//! "admin-level access by principal" chart and the `admin_level` column.

use serde_json::Value;

use crate::model::PermissionSet;

/// AWS managed policies that grant everything, or everything that matters.
const ADMIN_POLICIES: &[&str] = &[
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/job-function/SystemAdministrator",
    "arn:aws:iam::aws:policy/IAMFullAccess",
];

/// True when the permission set attaches an administrator policy, is named
/// like one, or has an inline statement allowing `*` on `*`. A heuristic an
/// auditor can check by hand: it errs on the side of flagging.
pub fn is_admin_level(ps: &PermissionSet) -> bool {
    ps.managed_policies
        .iter()
        .any(|p| ADMIN_POLICIES.contains(&p.as_str()))
        || ps.name.to_ascii_lowercase().contains("admin")
        || ps.inline_policy.as_deref().is_some_and(allows_everything)
}

fn allows_everything(document: &str) -> bool {
    let Ok(doc) = serde_json::from_str::<Value>(document) else {
        return false;
    };
    let statements = match doc.get("Statement") {
        Some(Value::Array(list)) => list.clone(),
        Some(one @ Value::Object(_)) => vec![one.clone()],
        _ => return false,
    };
    statements.iter().any(|s| {
        s.get("Effect").and_then(Value::as_str) == Some("Allow")
            && has_star(s.get("Action"))
            && has_star(s.get("Resource"))
    })
}

fn has_star(value: Option<&Value>) -> bool {
    match value {
        Some(Value::String(s)) => s == "*",
        Some(Value::Array(list)) => list.iter().any(|v| v.as_str() == Some("*")),
        _ => false,
    }
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
            provisioned_accounts: vec![],
            outdated_accounts: vec![],
        }
    }

    #[test]
    fn administrator_policies_names_and_star_statements_are_admin_level() {
        assert!(is_admin_level(&ps(
            "Ops",
            &["arn:aws:iam::aws:policy/AdministratorAccess"],
            None
        )));
        assert!(is_admin_level(&ps("PlatformAdmins", &[], None)));
        assert!(is_admin_level(&ps(
            "Custom",
            &[],
            Some(r#"{"Statement":[{"Effect":"Allow","Action":["*"],"Resource":"*"}]}"#)
        )));
    }

    #[test]
    fn read_only_and_denying_sets_are_not_admin_level() {
        assert!(!is_admin_level(&ps(
            "ReadOnlyAccess",
            &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            None
        )));
        assert!(!is_admin_level(&ps(
            "Dev",
            &[],
            Some(r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#)
        )));
    }
}
