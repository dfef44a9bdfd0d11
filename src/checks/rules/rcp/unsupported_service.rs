use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::document::Document;

pub const RULE: Rule = Rule {
    code: "RCP002",
    name: "rcp-unsupported-service",
    area: Area::Rcp,
    severity: Severity::Medium,
    needs: Needs::Org,
    summary: "An RCP names a service that RCPs do not apply to",
    docs: Docs {
        what: "Reports actions in RCPs whose service prefix is not one of the services RCPs support (data/rcp-services.txt, from AWS's documentation, plus any the layout adds in `rcp_services` under `[settings]`), and bare `*` actions.",
        why: "RCPs apply only to the resources of the services that support them. A statement about any other service is refused by AWS when the policy is written, or, in a snapshot, protects nothing while reading like a guardrail.",
        example: "```json\n{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}\n```",
        fix: "Move the restriction to an SCP, or name a supported service. If AWS has added the service to RCPs since this orgguard release, add its prefix to `rcp_services` under `[settings]`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    for policy in super::custom(org) {
        let doc = Document::parse(&policy.content);
        for action in doc.statements.iter().flat_map(|s| &s.actions) {
            let supported = match action.split_once(':') {
                Some((service, _)) => ctx.rcp_services.supports(service),
                None => false,
            };
            if !supported {
                out.report(
                    org.policy_subject(policy, Some(action)),
                    format!(
                        "RCP `{}` names `{action}`, which RCPs do not apply to",
                        policy.name
                    ),
                    "restrict that service with an SCP, or name a service RCPs support; if AWS has added it to RCPs since this orgguard release, add it to rcp_services under [settings]",
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

    #[test]
    fn a_service_the_layout_adds_is_one_rcps_apply_to() {
        let guard = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ec2:RunInstances","Resource":"*"}]}"#;
        let toml = |settings: &str| {
            layout_toml(&format!(
                "\n[[ou]]\npath = \"Sandbox\"\nrcps = [\"ec2-guard\"]\n{settings}"
            ))
        };
        let policies = [("rcp/ec2-guard", guard)];
        let found = run_desired(&RULE, &toml(""), &policies);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].help.contains("restrict that service with an SCP"));
        let added = toml("\n[settings]\nrcp_services = [\"ec2\"]\n");
        assert!(run_desired(&RULE, &added, &policies).is_empty());
    }
}
