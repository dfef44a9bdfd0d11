use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::document::Document;
use crate::policy::grammar::rcp_services;

pub const RULE: Rule = Rule {
    code: "RCP002",
    name: "rcp-unsupported-service",
    area: Area::Rcp,
    severity: Severity::Medium,
    needs: Needs::Org,
    summary: "An RCP names a service that RCPs do not apply to",
    docs: Docs {
        what: "Reports actions in RCPs whose service prefix is not one of the services RCPs support (data/rcp-services.txt, from the AWS Organizations user guide), and bare `*` actions.",
        why: "RCPs apply only to the resources of the services that support them. A statement about any other service is refused by AWS when the policy is written, or, in a snapshot, protects nothing while reading like a guardrail.",
        example: "```json\n{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}\n```",
        fix: "Move the restriction to an SCP, or name a supported service.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for policy in super::custom(org) {
        let doc = Document::parse(&policy.content);
        for action in doc.statements.iter().flat_map(|s| &s.actions) {
            let supported = match action.split_once(':') {
                Some((service, _)) => rcp_services().any(|s| s.eq_ignore_ascii_case(service)),
                None => false,
            };
            if !supported {
                out.report(
                    org.policy_subject(policy, Some(action)),
                    format!(
                        "RCP `{}` names `{action}`, which RCPs do not apply to",
                        policy.name
                    ),
                    "restrict that service with an SCP, or name a service RCPs support",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_services_rcps_do_not_reach() {
        let mut snap = org();
        snap.rcps.push(policy(
            "ok",
            r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*","sts:AssumeRole"],"Resource":"*"}]}"#,
            &["ou-1"],
        ));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.rcps.push(policy(
            "ec2",
            r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"ec2:RunInstances","Resource":"*"}]}"#,
            &["ou-1"],
        ));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "RCP `ec2` names `ec2:RunInstances`, which RCPs do not apply to"
        );
    }
}
