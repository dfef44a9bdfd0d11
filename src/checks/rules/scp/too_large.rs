use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::kinds::PolicyKind;

pub const RULE: Rule = Rule {
    code: "SCP005",
    name: "scp-too-large",
    area: Area::Scp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An SCP is longer than AWS accepts",
    docs: Docs {
        what: "The document as sent to AWS (compact JSON offline, the stored text live) is compared with `settings.limits.scp_max_chars` (AWS's quota: 10,240 characters since 2026-05-15).",
        why: "AWS rejects the whole CreatePolicy/UpdatePolicy call, so the guardrail change never lands — typically discovered in the apply job after the review.",
        example: "An SCP listing hundreds of individual actions instead of wildcards.",
        fix: "Split the SCP in two, or shorten it with wildcards and NotAction. If AWS raised your quota, set `settings.limits.scp_max_chars`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let custom = org.snapshot.policies.iter().filter(|p| !p.aws_managed);
    super::super::report_too_large(ctx, out, org, PolicyKind::Scp, custom);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_only_above_the_limit() {
        let mut snap = org();
        let actions: Vec<String> = (0..800)
            .map(|i| format!("\"s3:GetObject{i:04}\""))
            .collect();
        let big = format!(
            r#"{{"Statement":[{{"Effect":"Deny","Action":[{}],"Resource":"*"}}]}}"#,
            actions.join(",")
        );
        snap.policies.push(policy(
            "small",
            r#"{"Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#,
            &["ou-1"],
        ));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.policies.push(policy("big", &big, &["ou-1"]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("`big`") && found[0].message.contains("the limit is 10240")
        );
    }
}
