use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "SCP004",
    name: "target-allows-nothing",
    area: Area::Scp,
    severity: Severity::Critical,
    needs: Needs::Org,
    summary: "A root, OU or account has SCPs attached but none allows anything",
    docs: Docs {
        what: "SCPs are intersected down the tree: an action is allowed only if an SCP attached at every level — root, each OU, the account — allows it. The rule reports each target whose attached SCPs contain no Allow statement at all, so nothing below it can do anything. A target with an explicit unconditional `Deny *` (a deny-all for suspended accounts) is taken as a deliberate lockout and skipped. The management account is skipped: SCPs do not apply to it.",
        why: "This is the classic lockout of an allow-list strategy: FullAWSAccess is detached before the replacement Allow is attached (or the replacement has only Deny statements), and every principal in every account below — administrators included — is denied everything.",
        example: "```toml\n[[ou]]\npath = \"Workloads\"\nscps = [\"deny-leave-organization\"]   # only a Deny: nothing is allowed\n```",
        fix: "Attach FullAWSAccess (or an allow-list SCP with Allow statements) to the target, before detaching anything.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let management = org.snapshot.organization.management_account_id.as_str();
    for target in org.targets() {
        if target == management {
            continue;
        }
        let attached = org.index.policies_on(target);
        if attached.is_empty() {
            continue;
        }
        let docs: Vec<_> = attached.iter().map(|p| org.doc(p)).collect();
        let allows = docs.iter().any(|d| d.statements.iter().any(|s| s.allow));
        let deliberate = docs
            .iter()
            .any(|d| d.statements.iter().any(|s| s.is_deny_all()));
        if allows || deliberate {
            continue;
        }
        let names: Vec<&str> = attached.iter().map(|p| p.name.as_str()).collect();
        out.report(
            org.target_subject(target),
            format!(
                "{} has SCPs attached ({}) but none allows anything: every principal in and below it is denied everything",
                org.label(target),
                names.join(", ")
            ),
            "attach FullAWSAccess or an allow-list SCP here before detaching anything",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;

    #[test]
    fn fires_on_a_deny_only_ou_with_its_line() {
        let toml = layout_toml("[[ou]]\npath = \"Locked\"\nscps = [\"deny-leave\"]\n");
        let found = run_desired(&RULE, &toml, &[("deny-leave", DENY_LEAVE)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with("OU `Locked` has SCPs attached (deny-leave)")
        );
        assert_eq!(found[0].subject.file.as_deref(), Some("ou-layout.toml"));
        assert_eq!(found[0].subject.line, Some(20));
    }

    #[test]
    fn quiet_with_an_allow_or_a_deliberate_deny_all() {
        let toml = layout_toml(
            "[[ou]]\npath = \"Open\"\nscps = [\"FullAWSAccess\", \"deny-leave\"]\n[[ou]]\npath = \"Suspended\"\nscps = [\"deny-all\"]\n",
        );
        let deny_all = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;
        assert!(
            run_desired(
                &RULE,
                &toml,
                &[("deny-leave", DENY_LEAVE), ("deny-all", deny_all)]
            )
            .is_empty()
        );
    }
}
