use crate::findings::Severity;
use crate::lint::context::Context;
use crate::lint::policy_doc::PolicyDoc;
use crate::lint::registry::{Area, Docs, Needs, Out, Rule};

pub const RULE: Rule = Rule {
    code: "RCP001",
    name: "rcp-blocks-aws-services",
    area: Area::Rcp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An RCP denies access to resources without an exception for AWS services",
    docs: Docs {
        what: "Reports Deny statements of RCPs whose Condition does not test `aws:PrincipalIsAWSService`, so the deny also reaches AWS service principals acting on the organization's resources.",
        why: "The classic data-perimeter outage: an RCP that denies S3 or KMS to principals outside the organization also denies CloudTrail, AWS Config and other AWS services delivering logs into the organization's buckets, because a service principal belongs to no organization. Delivery stops silently, and the trail the auditors rely on has a hole.",
        example: "```json\n{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}\n```",
        fix: "Add `\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}` to the statement's Condition, so calls made by AWS services are not denied (AWS's own data-perimeter examples do this).",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for policy in super::custom(org) {
        let doc = PolicyDoc::parse(&policy.content);
        for statement in doc.statements.iter().filter(|s| !s.allow) {
            let exempts = statement.condition.values().any(|keys| {
                keys.as_object().is_some_and(|k| {
                    k.keys()
                        .any(|key| key.eq_ignore_ascii_case("aws:PrincipalIsAWSService"))
                })
            });
            if exempts {
                continue;
            }
            let what = statement
                .sid
                .as_deref()
                .map(|s| format!("statement `{s}`"))
                .unwrap_or_else(|| "a statement".to_string());
            out.report(
                org.policy_subject(policy, statement.sid.as_deref()),
                format!(
                    "RCP `{}`: {what} denies {} with no exception for AWS service principals, so CloudTrail, Config and other services are denied too",
                    policy.name,
                    statement.actions.join(", ")
                ),
                "add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"} to its Condition",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::*;

    #[test]
    fn fires_without_the_service_principal_exception_only() {
        let mut snap = org();
        let with = r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-test"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#;
        snap.rcps.push(policy("perimeter", with, &["ou-1"]));
        assert!(run_live(&RULE, &snap, &crate::lint::LintConfig::defaults()).is_empty());
        let without = r#"{"Statement":[{"Sid":"Perimeter","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-test"}}}]}"#;
        snap.rcps.push(policy("outage", without, &["ou-1"]));
        let found = run_live(&RULE, &snap, &crate::lint::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("RCP `outage`: statement `Perimeter` denies s3:* with no exception"),
            "{}",
            found[0].message
        );
    }
}
