use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::When;

pub const RULE: Rule = Rule {
    code: "ORG003",
    name: "too-many-scps",
    area: Area::Org,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "A root, OU or account has more SCPs attached than AWS allows",
    docs: Docs {
        what: "Counts the SCPs attached directly to each root, OU and account (inherited ones do not count) against `settings.limits.scps_per_target` (AWS's quota: 10 since 2026-05-15).",
        why: "AttachPolicy fails once the quota is reached, so the apply stops half-way with the new guardrail missing.",
        example: "```toml\nscps = [\"FullAWSAccess\", \"a\", \"b\", \"c\", \"d\", \"e\"]\n```",
        fix: "Merge statements into fewer SCPs, or attach some to a parent OU. If AWS raised your quota, set `settings.limits.scps_per_target`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for target in org.targets() {
        let count = org.index.policies_on(target).len();
        if let Some(breach) =
            ctx.limits
                .check_attached(PolicyKind::Scp, || org.label(target), count, When::Now)
        {
            out.report(org.target_subject(target), breach.message, breach.help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_above_the_limit_only() {
        let mut snap = org();
        let doc = r#"{"Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#;
        // With FullAWSAccess, 10 are attached: AWS's quota since 2026-05-15.
        for i in 0..9 {
            snap.policies.push(policy(&format!("p{i}"), doc, &["ou-1"]));
        }
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.policies.push(policy("p10", doc, &["ou-1"]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "OU `Workloads` has 11 SCPs attached; the limit is 10"
        );
    }
}
