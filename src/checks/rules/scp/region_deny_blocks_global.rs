use crate::checks::context::Context;
use crate::checks::iam_actions::catalog;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

/// Services served from us-east-1 (or with no region) that managing the
/// organization depends on.
pub const GLOBAL_SERVICES: [&str; 8] = [
    "iam",
    "organizations",
    "sts",
    "route53",
    "cloudfront",
    "support",
    "account",
    "budgets",
];

pub const RULE: Rule = Rule {
    code: "SCP002",
    name: "region-deny-blocks-global-services",
    area: Area::Scp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "A region restriction also denies global services",
    docs: Docs {
        what: "A Deny statement conditioned on `aws:RequestedRegion` must exempt the global services (iam, organizations, sts, route53, cloudfront, support, account, budgets), usually with a `NotAction` list. The rule reports such a statement that still covers any action of one of them.",
        why: "Global services are called in us-east-1. A region restriction that does not exempt them denies IAM, Organizations and STS everywhere outside us-east-1 — often including the roles needed to undo the change.",
        example: "```json\n{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\",\n \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}}}\n```",
        fix: "Use `NotAction` with the global services (`iam:*`, `organizations:*`, `sts:*`, `route53:*`, `cloudfront:*`, `support:*`, `account:*`, `budgets:*` and the others AWS lists in its region-restriction example).",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let catalog = catalog();
    for policy in org.snapshot.policies.iter().filter(|p| !p.aws_managed) {
        for statement in org.doc(policy).statements.iter().filter(|s| !s.allow) {
            if !statement.has_condition_key("aws:RequestedRegion") {
                continue;
            }
            let blocked: Vec<&str> = GLOBAL_SERVICES
                .into_iter()
                .filter(|service| {
                    catalog
                        .service_actions(service)
                        .iter()
                        .any(|a| statement.covers(a))
                })
                .collect();
            if blocked.is_empty() {
                continue;
            }
            let needle = statement.sid.as_deref().unwrap_or("aws:RequestedRegion");
            out.report(
                org.policy_subject(policy, Some(needle)),
                format!(
                    "the region restriction in SCP `{}` also denies the global services {} outside the allowed regions",
                    policy.name,
                    blocked.join(", ")
                ),
                format!(
                    "exempt them with NotAction: {}",
                    blocked.iter().map(|s| format!("\"{s}:*\"")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    const COND: &str = r#""Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}"#;

    #[test]
    fn fires_on_action_star_and_partial_exemptions() {
        let mut snap = org();
        snap.policies.push(policy(
            "all",
            &format!(r#"{{"Statement":[{{"Effect":"Deny","Action":"*","Resource":"*",{COND}}}]}}"#),
            &["ou-1"],
        ));
        snap.policies.push(policy(
            "partial",
            &format!(r#"{{"Statement":[{{"Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*","route53:*","cloudfront:*","support:*","account:*"],"Resource":"*",{COND}}}]}}"#),
            &["ou-1"],
        ));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|f| f.message.contains("`all`") && f.message.contains("iam, organizations"))
        );
        assert!(found.iter().any(|f| {
            f.message.contains("`partial`")
                && f.message
                    .ends_with("global services budgets outside the allowed regions")
        }));
    }

    #[test]
    fn quiet_with_full_exemptions_or_regional_actions() {
        let mut snap = org();
        snap.policies.push(policy(
            "good",
            &format!(r#"{{"Statement":[{{"Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*","route53:*","cloudfront:*","support:*","account:*","budgets:*"],"Resource":"*",{COND}}}]}}"#),
            &["ou-1"],
        ));
        snap.policies.push(policy(
            "ec2",
            &format!(
                r#"{{"Statement":[{{"Effect":"Deny","Action":"ec2:*","Resource":"*",{COND}}}]}}"#
            ),
            &["ou-1"],
        ));
        snap.policies.push(policy(
            "nocond",
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
            &["ou-1"],
        ));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
    }
}
