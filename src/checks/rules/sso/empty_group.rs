use super::subject;
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::org::PrincipalType;

pub const RULE: Rule = Rule {
    code: "SSO005",
    name: "assignment-to-empty-group",
    area: Area::Sso,
    severity: Severity::Low,
    needs: Needs::Live,
    summary: "A permission set is assigned to a group with no members",
    docs: Docs {
        what: "Reports account assignments to groups that exist but have no members.",
        why: "An empty group's access is dormant, not gone: the next person added to the group — perhaps for an unrelated reason — silently receives it. Often it is a leftover from a finished project or contract.",
        example: "`PowerUserAccess` on account 121212121212 for the empty group contractors.",
        fix: "Delete the assignment if the access is no longer needed; otherwise document who the group is for.",
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
        .filter(|a| a.principal_type == PrincipalType::Group)
    {
        if dir
            .groups
            .get(a.principal_id.as_str())
            .is_some_and(|g| g.members.is_empty())
        {
            out.report(
                subject(a),
                format!("{}: the group has no members", dir.describe(a)),
                "delete the assignment, or document who the group is for",
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
    fn fires_for_empty_groups_only() {
        let snap = with_identity_center(vec![
            assignment(PROD, PrincipalType::Group, "g-admins"),
            assignment(PROD, PrincipalType::Group, "g-empty"),
        ]);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("group nobody"));
    }
}
