use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::kinds::PolicyKind;

pub const RULE: Rule = Rule {
    code: "RCP004",
    name: "rcp-too-large",
    area: Area::Rcp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An RCP is longer than AWS accepts",
    docs: Docs {
        what: "The document as sent to AWS is compared with `settings.limits.rcp_max_chars` (AWS's quota: 5,120 characters).",
        why: "AWS rejects the whole CreatePolicy/UpdatePolicy call, so the guardrail change never lands.",
        example: "An RCP listing dozens of conditions per service instead of one statement per perimeter.",
        fix: "Split the RCP in two, or shorten it with wildcards. If AWS raised your quota, set `settings.limits.rcp_max_chars`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    super::super::report_too_large(ctx, out, org, PolicyKind::Rcp, super::custom(org));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_only_above_the_limit() {
        let mut snap = org();
        let actions: Vec<String> = (0..300)
            .map(|i| format!("\"s3:GetObject{i:04}\""))
            .collect();
        let big = format!(
            r#"{{"Statement":[{{"Effect":"Deny","Principal":"*","Action":[{}],"Resource":"*"}}]}}"#,
            actions.join(",")
        );
        snap.rcps.push(policy("big", &big, &["ou-1"]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("the limit is 5120"),
            "{}",
            found[0].message
        );
    }
}
