use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "SCP006",
    name: "unattached-scp",
    area: Area::Scp,
    severity: Severity::Low,
    needs: Needs::Org,
    summary: "An SCP is attached nowhere",
    docs: Docs {
        what: "Reports customer-managed SCPs that are not attached to the root, any OU or any account.",
        why: "An unattached SCP protects nothing, yet reviewers reading the repository (or the console) assume the guardrail is in force.",
        example: "`policies/deny-public-s3.json` exists, but no `scps = [...]` list names `deny-public-s3`.",
        fix: "Attach it where it was meant to apply, or delete it.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for policy in org
        .snapshot
        .policies
        .iter()
        .filter(|p| !p.aws_managed && p.targets.is_empty())
    {
        out.report(
            org.policy_subject(policy, None),
            format!(
                "SCP `{}` is not attached anywhere, so it has no effect",
                policy.name
            ),
            "attach it to the root, an OU or an account, or delete it",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_unattached_only() {
        let mut snap = org();
        let doc = r#"{"Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#;
        snap.policies.push(policy("used", doc, &["ou-1"]));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.policies.push(policy("loose", doc, &[]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`loose`"));
    }
}
