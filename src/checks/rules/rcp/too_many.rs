use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::When;

pub const RULE: Rule = Rule {
    code: "RCP003",
    name: "too-many-rcps",
    area: Area::Rcp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "More RCPs are attached to a target than AWS allows",
    docs: Docs {
        what: "Counts the RCPs attached directly to each root, OU and account, RCPFullAWSAccess included, against `settings.limits.rcps_per_target` (AWS's quota: 5).",
        why: "RCPFullAWSAccess stays attached everywhere and cannot be detached, so only four RCPs of your own fit on one target. AWS refuses the fifth attachment, and the apply stops half-way.",
        example: "An OU listing five RCPs in `rcps = [...]`.",
        fix: "Merge statements into fewer RCPs, or attach some to a parent OU. If AWS raised your quota, set `settings.limits.rcps_per_target`.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let kind = PolicyKind::Rcp;
    let enabled = org.is_desired() || org.snapshot.policy_type_enabled(kind);
    if !enabled {
        return;
    }
    for target in org.targets() {
        let custom = super::custom(org)
            .filter(|p| p.targets.iter().any(|t| t == target))
            .count();
        // RCPFullAWSAccess is attached everywhere and counts.
        if let Some(breach) =
            ctx.limits
                .check_attached(kind, || org.label(target), custom + 1, When::Now)
        {
            out.report(org.target_subject(target), breach.message, breach.help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn counts_rcp_full_aws_access() {
        let mut snap = org();
        snap.roots[0]
            .policy_types
            .push(crate::org::PolicyTypeStatus {
                kind: "RESOURCE_CONTROL_POLICY".into(),
                status: "ENABLED".into(),
            });
        let doc =
            r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}"#;
        for i in 0..4 {
            snap.rcps.push(policy(&format!("r{i}"), doc, &["ou-1"]));
        }
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.rcps.push(policy("r4", doc, &["ou-1"]));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "OU `Workloads` has 6 RCPs attached (RCPFullAWSAccess included); the limit is 5"
        );
    }
}
