use super::subject;
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::org::AccountStatus;

pub const RULE: Rule = Rule {
    code: "SSO002",
    name: "assignment-on-inactive-account",
    area: Area::Sso,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "An Identity Center assignment is on a suspended, closing or departed account",
    docs: Docs {
        what: "Reports account assignments on accounts that are SUSPENDED or PENDING_CLOSURE, or that are no longer in the organization.",
        why: "Suspended accounts can be reinstated within 90 days, with every old assignment intact; a departed account's assignments point at an account you no longer control. Either way the access inventory lists access nobody should have.",
        example: "`AdministratorAccess` for group platform-admins on the suspended account 101010101010.",
        fix: "Delete the assignments before (or right after) suspending or removing an account.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(dir) = ctx.directory() else {
        return;
    };
    for a in &dir.ic.assignments {
        let state = match dir.accounts.get(a.account_id.as_str()) {
            None => "is no longer in the organization".to_string(),
            Some(acc)
                if matches!(
                    acc.status,
                    AccountStatus::Suspended | AccountStatus::PendingClosure
                ) =>
            {
                format!("is {}", acc.status.as_str())
            }
            Some(_) => continue,
        };
        out.report(
            subject(a),
            format!("{}: the account {state}", dir.describe(a)),
            "delete the assignment",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::testing::*;
    use crate::org::PrincipalType;

    #[test]
    fn fires_for_suspended_and_departed_accounts() {
        let mut snap = with_identity_center(vec![
            assignment(PROD, PrincipalType::Group, "g-admins"),
            assignment(SANDBOX, PrincipalType::Group, "g-admins"),
            assignment("999999999999", PrincipalType::Group, "g-admins"),
        ]);
        snap.accounts[2].status = AccountStatus::Suspended;
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.ends_with("the account is SUSPENDED"));
        assert!(
            found[1]
                .message
                .ends_with("the account is no longer in the organization")
        );
    }
}
