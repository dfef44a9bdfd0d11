use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "RCP005",
    name: "rcp-on-management-account",
    area: Area::Rcp,
    severity: Severity::Low,
    needs: Needs::Org,
    summary: "An RCP is attached to the management account, where RCPs have no effect",
    docs: Docs {
        what: "Reports RCPs other than RCPFullAWSAccess attached directly to the management account.",
        why: "RCPs never restrict the resources of the management account. An RCP attached there reads like a data perimeter but protects nothing, and hides that the management account's buckets and keys are outside it.",
        example: "```toml\n[[account]]\nid = \"111111111111\"   # the management account\nrcps = [\"data-perimeter\"]\n```",
        fix: "Detach it, and keep data out of the management account.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let management = org.snapshot.organization.management_account_id.as_str();
    for policy in super::custom(org).filter(|p| p.targets.iter().any(|t| t == management)) {
        out.report(
            org.target_subject(management),
            format!(
                "RCP `{}` is attached to the management account {management}, where RCPs have no effect",
                policy.name
            ),
            "detach it; RCPs never restrict the management account's resources",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_rcps_on_the_management_account() {
        let mut snap = org();
        let doc =
            r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}"#;
        snap.rcps.push(policy("perimeter", doc, &[PROD]));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.rcps.push(policy("mgmt", doc, &[MGMT]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("RCP `mgmt` is attached to the management account")
        );
    }
}
