use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::{account_root, resource};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "IAM002",
    name: "external-account-without-external-id",
    area: Area::Iam,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "A role trusts an account outside the organization without sts:ExternalId",
    docs: Docs {
        what: "Reports a role whose trust policy allows the root of an account that is not in the organization (`arn:aws:iam::ID:root` or a bare account id) in a statement without an `sts:ExternalId` condition.",
        why: "Trusting a vendor's account root without an external id is the confused-deputy problem: anyone who can make that vendor act on their behalf can reach your role.",
        example: "```json\n{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::999988887777:root\"}, \"Action\": \"sts:AssumeRole\"}\n```",
        fix: "Add `\"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<the id the vendor gave you>\"}}`, or trust the vendor's specific role.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    let in_org: foldhash::HashSet<&str> = live.accounts.iter().map(|a| a.id.as_str()).collect();
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (role, trust) in policies.roles() {
            let mut outsiders = std::collections::BTreeSet::new();
            for s in &trust.statements {
                if !s.allow || s.has_condition_key("sts:ExternalId") {
                    continue;
                }
                let Some(p) = &s.principal else { continue };
                outsiders.extend(
                    p.aws
                        .iter()
                        .filter_map(|a| account_root(a))
                        .filter(|id| !in_org.contains(id))
                        .map(str::to_string),
                );
            }
            if outsiders.is_empty() {
                continue;
            }
            let list: Vec<String> = outsiders.into_iter().collect();
            out.report(
                resource(&role.arn, &member.account_id, None),
                format!("role {} trusts account {} outside the organization without sts:ExternalId", role.name, list.join(", ")),
                "add a StringEquals condition on sts:ExternalId, or trust the vendor's specific role",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_outsiders_without_external_id() {
        let mut snap = org();
        let mut m = member(PROD);
        let trust = |who: &str, cond: &str| {
            format!(
                r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"sts:AssumeRole"{cond}}}]}}"#
            )
        };
        m.roles.push(role(
            PROD,
            "vendor",
            &trust("arn:aws:iam::999988887777:root", ""),
            &[],
        ));
        m.roles
            .push(role(PROD, "bare", &trust("999988887777", ""), &[]));
        m.roles.push(role(
            PROD,
            "vendor-ok",
            &trust(
                "999988887777",
                r#","Condition":{"StringEquals":{"sts:ExternalId":"x"}}"#,
            ),
            &[],
        ));
        m.roles.push(role(
            PROD,
            "internal",
            &trust(&format!("arn:aws:iam::{SANDBOX}:root"), ""),
            &[],
        ));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.message.contains("999988887777")));
    }
}
