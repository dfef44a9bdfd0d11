use super::subject;
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::org::PrincipalType;

pub const RULE: Rule = Rule {
    code: "SSO004",
    name: "direct-user-assignment",
    area: Area::Sso,
    severity: Severity::Low,
    needs: Needs::Live,
    summary: "A permission set is assigned to a user directly instead of through a group",
    docs: Docs {
        what: "Reports account assignments whose principal is a (still existing) user rather than a group.",
        why: "Access granted to groups is reviewed and revoked with group membership, in the identity provider. Direct user assignments survive team changes and are missed by membership reviews.",
        example: "`AdministratorAccess` assigned to user dave on the production account, outside the break-glass group.",
        fix: "Add the user to a group that carries the assignment and delete the direct one. Disable the rule in `[lint]` if your organization assigns users directly on purpose.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(dir) = ctx.directory() else {
        return;
    };
    for a in dir
        .ic
        .assignments
        .iter()
        .filter(|a| a.principal_type == PrincipalType::User)
    {
        if dir.users.contains_key(a.principal_id.as_str()) {
            out.report(
                subject(a),
                format!(
                    "{} is made to the user directly, not through a group",
                    dir.describe(a)
                ),
                "grant it through a group and delete the direct assignment",
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
    fn fires_for_existing_users_only() {
        let snap = with_identity_center(vec![
            assignment(PROD, PrincipalType::Group, "g-admins"),
            assignment(PROD, PrincipalType::User, "u-alice"),
            assignment(PROD, PrincipalType::User, "u-deleted"),
        ]);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("to user alice on account"));
    }
}
