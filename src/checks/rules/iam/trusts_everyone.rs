use super::RESTRICTING_KEYS;
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::resource;
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "IAM001",
    name: "trust-policy-allows-everyone",
    area: Area::Iam,
    severity: Severity::Critical,
    needs: Needs::Live,
    summary: "A role trusts `*` without a condition that narrows who",
    docs: Docs {
        what: "Reports a role whose trust policy allows `\"Principal\": \"*\"` or `{\"AWS\": \"*\"}` in a statement without any of the conditions that restrict the caller: aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalArn, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths or sts:ExternalId.",
        why: "Any principal in any AWS account — including an attacker's — can assume the role and act with its permissions.",
        example: "```json\n{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}\n```",
        fix: "Name the trusted principals, or add `\"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-…\"}}`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (role, trust) in policies.roles() {
            let open = trust.statements.iter().any(|s| {
                s.allow
                    && s.principal.as_ref().is_some_and(|p| p.is_everyone())
                    && !RESTRICTING_KEYS.iter().any(|k| s.has_condition_key(k))
            });
            if open {
                out.report(
                    resource(&role.arn, &member.account_id, None),
                    format!(
                        "role {} trusts every AWS principal (`*`) without a restricting condition",
                        role.name
                    ),
                    "name the trusted principals, or add a condition on aws:PrincipalOrgID",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    fn trust(principal: &str, condition: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"{condition}}}]}}"#
        )
    }

    #[test]
    fn fires_without_restriction_only() {
        let mut snap = org();
        let mut m = member(PROD);
        m.roles
            .push(role(PROD, "open", &trust(r#"{"AWS":"*"}"#, ""), &[]));
        m.roles.push(role(
            PROD,
            "star",
            &trust(
                r#""*""#,
                r#","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#,
            ),
            &[],
        ));
        m.roles.push(role(
            PROD,
            "org",
            &trust(
                r#"{"AWS":"*"}"#,
                r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-test"}}"#,
            ),
            &[],
        ));
        m.roles.push(role(
            PROD,
            "named",
            &trust(&format!(r#"{{"AWS":"arn:aws:iam::{MGMT}:root"}}"#), ""),
            &[],
        ));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        let names: Vec<_> = found
            .iter()
            .map(|f| f.subject.resource.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            [
                format!("arn:aws:iam::{PROD}:role/open"),
                format!("arn:aws:iam::{PROD}:role/star")
            ]
        );
    }
}
