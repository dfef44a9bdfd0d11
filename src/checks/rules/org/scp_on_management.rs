use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::org::FULL_AWS_ACCESS;

pub const RULE: Rule = Rule {
    code: "ORG005",
    name: "scp-on-management-account",
    area: Area::Org,
    severity: Severity::Low,
    needs: Needs::Org,
    summary: "An SCP is attached to the management account, where SCPs have no effect",
    docs: Docs {
        what: "Reports SCPs other than FullAWSAccess attached directly to the management account.",
        why: "SCPs never restrict the management account. An SCP attached there reads like a guardrail but does nothing, and hides that the most powerful account is unprotected.",
        example: "```toml\n[[account]]\nid = \"111111111111\"   # the management account\nscps = [\"FullAWSAccess\", \"deny-root-user\"]\n```",
        fix: "Detach it, and protect the management account by other means (few users, no workloads, MFA on root).",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let management = org.snapshot.organization.management_account_id.as_str();
    for policy in org.index.policies_on(management) {
        if policy.name == FULL_AWS_ACCESS {
            continue;
        }
        out.report(
            org.target_subject(management),
            format!("SCP `{}` is attached to the management account {management}, where SCPs have no effect", policy.name),
            "detach it; SCPs never restrict the management account",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_guardrails_on_the_management_account() {
        let mut snap = org();
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.policies
            .push(policy("deny-root", r#"{"Statement":[]}"#, &[MGMT, PROD]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("SCP `deny-root` is attached to the management account")
        );
    }
}
