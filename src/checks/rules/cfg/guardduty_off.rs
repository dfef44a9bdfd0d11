use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::members;
use crate::diagnostics::{Severity, Subject};

pub const RULE: Rule = Rule {
    code: "CFG003",
    name: "guardduty-off",
    area: Area::Cfg,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "GuardDuty is not enabled in an inspected account and region",
    docs: Docs {
        what: "Reports every account and inspected region (`snapshot --deep --regions`) where GuardDuty has no detector, or its detector is not ENABLED. A region whose GuardDuty read failed is not checked — ORG007 reports the failure — and never counted as enabled.",
        why: "GuardDuty is the alarm for credential misuse, crypto-mining and calls from known-bad addresses. An account or region without it is where an intruder goes unnoticed; attackers pick regions nobody uses.",
        example: "Account 666666666666 has GuardDuty in eu-west-1 but not in eu-central-1, where a leaked key starts instances.",
        fix: "Enable GuardDuty for the whole organization from its delegated administrator (auto-enable for new accounts), in every region you use — or close the unused regions with an SCP.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for member in members(ctx.live) {
        let Some(regions) = &member.guardduty else {
            continue;
        };
        let arn = ctx
            .account_arn(&member.account_id)
            .unwrap_or_else(|| member.account_id.clone());
        for region in &member.regions {
            let unread = member.errors.iter().any(|e| {
                (e.service == "guardduty" || e.service == "sts")
                    && e.region.as_deref().is_none_or(|r| r == region)
            });
            if unread {
                continue;
            }
            let state = match regions.iter().find(|g| &g.region == region) {
                None => continue,
                Some(g) if g.detector_id.is_none() => "has no GuardDuty detector".to_string(),
                Some(g) if !g.enabled() => format!(
                    "has a GuardDuty detector that is {}",
                    g.status.as_deref().unwrap_or("not enabled")
                ),
                Some(_) => continue,
            };
            out.report(
                Subject {
                    resource: Some(arn.clone()),
                    account_id: Some(member.account_id.clone()),
                    region: Some(region.clone()),
                    ..Subject::default()
                },
                format!("account {} {state} in {region}", member.account_id),
                format!("enable GuardDuty in {region}, best for the whole organization from its delegated administrator"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::org::{GuardDutyRegion, ReadFailure};

    fn region(name: &str, status: Option<&str>) -> GuardDutyRegion {
        GuardDutyRegion {
            region: name.into(),
            detector_id: status.map(|_| "d-1".to_string()),
            status: status.map(str::to_string),
        }
    }

    #[test]
    fn fires_where_guardduty_is_off_and_never_where_it_was_not_read() {
        let mut snap = org();
        let mut m = member(PROD);
        m.regions = vec![
            "eu-central-1".into(),
            "eu-west-1".into(),
            "us-east-1".into(),
        ];
        m.guardduty = Some(vec![
            region("eu-central-1", None),
            region("eu-west-1", Some("DISABLED")),
        ]);
        m.errors.push(ReadFailure {
            service: "guardduty".into(),
            operation: "ListDetectors".into(),
            account_id: Some(PROD.into()),
            region: Some("us-east-1".into()),
            message: "AccessDenied".into(),
        });
        let mut on = member(SANDBOX);
        on.guardduty = Some(vec![region("eu-west-1", Some("ENABLED"))]);
        snap.member_accounts.push(m);
        snap.member_accounts.push(on);
        let found: Vec<String> = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults())
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [
                format!("account {PROD} has no GuardDuty detector in eu-central-1"),
                format!("account {PROD} has a GuardDuty detector that is DISABLED in eu-west-1"),
            ]
        );
    }
}
