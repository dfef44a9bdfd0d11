use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::document::Statement;
use crate::policy::request::Context as RequestContext;

pub const RULE: Rule = Rule {
    code: "SCP003",
    name: "deny-blocks-break-glass",
    area: Area::Scp,
    severity: Severity::Medium,
    needs: Needs::Org,
    summary: "A Deny in an attached SCP also blocks the break-glass role",
    docs: Docs {
        what: "With `break_glass_roles` set in `[lint]`, every Deny statement of an attached SCP must leave those roles out: through a negated condition on `aws:PrincipalArn` (ArnNotLike, StringNotLike, …) that matches the role, or a positive one that does not. Statements with no condition, or with an `aws:PrincipalArn` condition that does not exempt the role, are reported. Statements limited by other conditions (a region, a request tag) are left alone: they scope the request, not the caller. The conditions are evaluated as `simulate` evaluates them, for a call whose `aws:PrincipalArn` is the role pattern as written: a `*` in the pattern stands for any account, so an exemption that names one account's role does not exempt the pattern.",
        why: "The break-glass role is what you use when everything else is broken. A guardrail that also binds it turns an incident into an AWS Support case.",
        example: "```json\n{\"Effect\": \"Deny\", \"Action\": [\"kms:ScheduleKeyDeletion\"], \"Resource\": \"*\"}\n```",
        fix: "Add `\"Condition\": {\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/BreakGlass\"}}`, or, where blocking it is the point (a deny-all for suspended accounts), add a waiver with the reason.",
    },
    check,
};

/// Whether a Deny statement applies to a principal matching `role`: its
/// conditions on `aws:PrincipalArn` are evaluated, as the evaluator does,
/// for a call whose `aws:PrincipalArn` is the role pattern as written (a
/// `*` in it stands for an account or name the policy does not spell out).
/// Conditions on other keys scope the request, not the caller: a statement
/// with only those is left alone. A Condition the evaluator cannot read
/// (an unknown operator) is `validate`'s to report, and is left alone too.
pub fn binds(statement: &Statement, role: &str) -> bool {
    if statement.allow {
        return false;
    }
    let Ok(conditions) = statement.conditions() else {
        return false;
    };
    if conditions.is_empty() {
        return true;
    }
    let mut caller = RequestContext::default();
    caller.set(PRINCIPAL_ARN, role);
    let mut on_principal = conditions
        .iter()
        .filter(|c| c.key().eq_ignore_ascii_case(PRINCIPAL_ARN))
        .peekable();
    on_principal.peek().is_some() && on_principal.all(|c| c.holds(&caller))
}

const PRINCIPAL_ARN: &str = "aws:PrincipalArn";

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    if ctx.config.break_glass_roles.is_empty() {
        return;
    }
    for policy in org
        .snapshot
        .policies
        .iter()
        .filter(|p| !p.aws_managed && !p.targets.is_empty())
    {
        for (i, statement) in org.doc(policy).statements.iter().enumerate() {
            let Some(role) = ctx
                .config
                .break_glass_roles
                .iter()
                .find(|r| binds(statement, r))
            else {
                continue;
            };
            let name = statement
                .sid
                .clone()
                .unwrap_or_else(|| format!("#{}", i + 1));
            out.report(
                org.policy_subject(policy, statement.sid.as_deref()),
                format!("statement {name} of SCP `{}` denies the break-glass role {role} too", policy.name),
                format!("add \"ArnNotLike\": {{\"aws:PrincipalArn\": \"{role}\"}} to its Condition, or waive the finding if blocking it is intended"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    fn config() -> crate::checks::LintConfig {
        crate::checks::LintConfig {
            break_glass_roles: vec!["arn:aws:iam::*:role/BreakGlass".into()],
            ..crate::checks::LintConfig::defaults()
        }
    }

    #[test]
    fn fires_on_unconditional_and_non_exempting_denies() {
        let mut snap = org();
        snap.policies.push(policy("plain", r#"{"Statement":[{"Sid":"NoKeys","Effect":"Deny","Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}"#, &["ou-1"]));
        snap.policies.push(policy(
            "others",
            r#"{"Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin"}}}]}"#,
            &["ou-1"],
        ));
        let found = run_live(&RULE, &snap, &config());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|f| f.message.contains("statement NoKeys of SCP `plain`"))
        );
    }

    #[test]
    fn quiet_when_exempted_scoped_unattached_or_unconfigured() {
        let mut snap = org();
        snap.policies.push(policy(
            "exempt",
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/BreakGlass","x"]}}}]}"#,
            &["ou-1"],
        ));
        snap.policies.push(policy(
            "root-only",
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}"#,
            &["ou-1"],
        ));
        snap.policies.push(policy(
            "imds",
            r#"{"Statement":[{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringNotEquals":{"ec2:MetadataHttpTokens":"required"}}}]}"#,
            &["ou-1"],
        ));
        snap.policies.push(policy(
            "loose",
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
            &[],
        ));
        assert!(run_live(&RULE, &snap, &config()).is_empty());
        snap.policies.push(policy(
            "plain",
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
            &["ou-1"],
        ));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
    }

    fn statement(condition: &str) -> Statement {
        let text = format!(
            r#"{{"Statement":{{"Effect":"Deny","Action":"*","Resource":"*","Condition":{condition}}}}}"#
        );
        crate::policy::document::Document::parse(&text)
            .statements
            .remove(0)
    }

    #[test]
    fn conditions_on_the_caller_are_read_with_the_evaluators_operators() {
        let role = "arn:aws:iam::*:role/BreakGlass";
        // (condition, whether the deny still binds the break-glass role)
        let cases = [
            (
                r#"{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Break*"}}"#,
                false,
            ),
            (
                r#"{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}"#,
                false,
            ),
            (
                r#"{"StringNotLikeIfExists":{"aws:principalarn":["x","arn:aws:iam::*:role/BreakGlass"]}}"#,
                false,
            ),
            (
                r#"{"StringNotEquals":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}"#,
                false,
            ),
            (
                r#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin"}}"#,
                false,
            ),
            (
                r#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}"#,
                true,
            ),
            // An exemption for one account's role leaves the others bound.
            (
                r#"{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/BreakGlass"}}"#,
                true,
            ),
            // StringNotEquals compares exactly: a pattern in it matches nothing.
            (
                r#"{"StringNotEquals":{"aws:PrincipalArn":"arn:aws:iam::*:role/Break*"}}"#,
                true,
            ),
            // Exempting the role but also scoped by region: the caller test decides.
            (
                r#"{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"},"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}"#,
                false,
            ),
            (
                r#"{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}"#,
                false,
            ),
            // validate reports an unknown operator; lint does not guess.
            (r#"{"ArnNotLikeish":{"aws:PrincipalArn":"x"}}"#, false),
        ];
        for (condition, expected) in cases {
            assert_eq!(binds(&statement(condition), role), expected, "{condition}");
        }
    }
}
