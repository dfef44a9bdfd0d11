use super::subject;
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::org::PrincipalType;

pub const RULE: Rule = Rule {
    code: "SSO001",
    name: "assignment-to-missing-principal",
    area: Area::Sso,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "An Identity Center assignment names a user or group that no longer exists",
    docs: Docs {
        what: "Reports account assignments whose user or group id is not in the identity store.",
        why: "Stale assignments clutter the access inventory auditors rely on, and if the identity source re-creates the id (SCIM re-sync, a reused external id) the access silently comes back to whoever gets it.",
        example: "`ReadOnlyAccess` assigned to user `906757ffff-deleted-frank` on account 555555555555, where that user was deleted from the directory.",
        fix: "Delete the assignment (`aws sso-admin delete-account-assignment`), or remove it from policies/access.cedar and apply.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(dir) = ctx.directory() else {
        return;
    };
    for a in &dir.ic.assignments {
        let exists = match a.principal_type {
            PrincipalType::User => dir.users.contains_key(a.principal_id.as_str()),
            PrincipalType::Group => dir.groups.contains_key(a.principal_id.as_str()),
        };
        if !exists {
            out.report(
                subject(a),
                format!(
                    "{}: the {} no longer exists",
                    dir.describe(a),
                    a.principal_type.as_str().to_lowercase()
                ),
                "delete the assignment",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_unknown_users_and_groups() {
        let snap = with_identity_center(vec![
            assignment(PROD, PrincipalType::User, "u-alice"),
            assignment(PROD, PrincipalType::Group, "g-admins"),
            assignment(PROD, PrincipalType::User, "u-frank"),
            assignment(PROD, PrincipalType::Group, "g-gone"),
        ]);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].message,
            format!(
                "the assignment of Admin to user u-frank on account {PROD} (prod): the user no longer exists"
            )
        );
        assert!(found[1].message.contains("group g-gone"));
    }
}
