use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::document::{Document, Statement};
use crate::policy::request::Context as RequestContext;

pub const RULE: Rule = Rule {
    code: "RCP001",
    name: "rcp-blocks-aws-services",
    area: Area::Rcp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An RCP denies access to resources without an exception for AWS services",
    docs: Docs {
        what: "Reports Deny statements of RCPs that still apply to a call made by an AWS service principal: their Condition, evaluated for such a call (`aws:PrincipalIsAWSService` is `true`, and it has no `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths`), does not fail. Conditions on other keys could hold for a service's call, so they exempt nothing.",
        why: "The classic data-perimeter outage: an RCP that denies S3 or KMS to principals outside the organization also denies CloudTrail, AWS Config and other AWS services delivering logs into the organization's buckets, because a service principal belongs to no organization. Delivery stops silently, and the trail the auditors rely on has a hole.",
        example: "```json\n{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}\n```",
        fix: "Add `\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}` to the statement's Condition, so calls made by AWS services are not denied (AWS's own data-perimeter examples do this).",
    },
    check,
};

/// The condition keys whose value in a call made by an AWS service
/// principal is known: it is one, and it belongs to no organization.
const SERVICE_KEYS: [&str; 3] = [
    "aws:PrincipalIsAWSService",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
];

/// Whether the evaluator lets AWS service principals out of a Deny
/// statement: one of its conditions on a key a service's call is known by
/// fails for such a call. A Condition the evaluator cannot read is
/// `validate`'s to report, and is left alone.
fn exempts_services(statement: &Statement) -> bool {
    let Ok(conditions) = statement.conditions() else {
        return true;
    };
    let mut service = RequestContext::default();
    service.set("aws:PrincipalIsAWSService", "true");
    conditions
        .iter()
        .filter(|c| SERVICE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(c.key())))
        .any(|c| !c.holds(&service))
}

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for policy in super::custom(org) {
        let doc = Document::parse(&policy.content);
        for statement in doc.statements.iter().filter(|s| !s.allow) {
            if exempts_services(statement) {
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
    use crate::checks::testing::*;

    #[test]
    fn fires_without_the_service_principal_exception_only() {
        let mut snap = org();
        let with = r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-test"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#;
        snap.rcps.push(policy("perimeter", with, &["ou-1"]));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        let without = r#"{"Statement":[{"Sid":"Perimeter","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-test"}}}]}"#;
        snap.rcps.push(policy("outage", without, &["ou-1"]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("RCP `outage`: statement `Perimeter` denies s3:* with no exception"),
            "{}",
            found[0].message
        );
    }

    fn statements_reported(conditions: &[&str]) -> Vec<String> {
        let mut snap = org();
        for (i, condition) in conditions.iter().enumerate() {
            let text = format!(
                r#"{{"Statement":[{{"Sid":"S{i}","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{condition}}}]}}"#
            );
            snap.rcps.push(policy(&format!("p{i}"), &text, &["ou-1"]));
        }
        run_live(&RULE, &snap, &crate::checks::LintConfig::defaults())
            .into_iter()
            .map(|f| f.message.split(':').next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn the_exception_is_what_the_evaluator_says_of_a_service_call() {
        let reported = statements_reported(&[
            // Denies only AWS services: testing the key is no exception.
            r#"{"Bool":{"aws:PrincipalIsAWSService":"true"}}"#,
            // A service's call has no org id: the negated test holds.
            r#"{"StringNotEquals":{"aws:PrincipalOrgID":"o-test"}}"#,
            // A key a service's call may carry decides nothing here.
            r#"{"StringNotEquals":{"aws:SourceAccount":"111111111111"}}"#,
            // Exceptions, spelled as AWS's examples and otherwise.
            r#"{"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}"#,
            r#"{"Bool":{"aws:PrincipalIsAWSService":"FALSE"}}"#,
            r#"{"StringEquals":{"aws:PrincipalOrgID":"o-test"}}"#,
            r#"{"Null":{"aws:PrincipalOrgID":"false"}}"#,
        ]);
        assert_eq!(reported, ["RCP `p0`", "RCP `p1`", "RCP `p2`"]);
    }
}
