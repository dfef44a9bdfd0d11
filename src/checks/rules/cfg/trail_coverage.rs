use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::{members, resource};
use crate::diagnostics::{Severity, Subject};
use crate::org::{MemberAccount, Trail};

pub const RULE: Rule = Rule {
    code: "CFG002",
    name: "cloudtrail-coverage",
    area: Area::Cfg,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "CloudTrail does not record every inspected account and region",
    docs: Docs {
        what: "Looks for an organization trail in the management account that is multi-region, logging (GetTrailStatus) and validates log files. Reports each organization trail that falls short. Without a sound organization trail, reports every account and inspected region that no logging trail of its own covers (a multi-region trail, or one whose home is that region). Per-account trails are read in their home region, so one homed in a region outside `--regions` is not seen. A region whose CloudTrail read failed is not checked — ORG007 reports the failure — and never counted as covered.",
        why: "CloudTrail is the record of who did what. A stopped trail, a region it does not cover or logs that can be edited unnoticed leave an incident without evidence — and intruders stop trails first.",
        example: "The organization trail `org-trail` was stopped during a cost review, and nobody turned it back on.",
        fix: "Keep one organization trail in the management account (or the delegated administrator): multi-region, log file validation on, logging; protect it with an SCP that denies cloudtrail:StopLogging, DeleteTrail and UpdateTrail.",
    },
    check,
};

fn sound(t: &Trail) -> bool {
    t.multi_region && t.logging && t.log_file_validation
}

fn unread(member: &MemberAccount, region: Option<&str>) -> bool {
    member.errors.iter().any(|e| {
        (e.service == "cloudtrail" || e.service == "sts")
            && (region.is_none() || e.region.is_none() || e.region.as_deref() == region)
    })
}

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    let management = live.organization.management_account_id.as_str();
    let mut organization_covered = false;
    if let Some(m) = members(ctx.live)
        .iter()
        .find(|m| m.account_id == management)
    {
        for t in m.trails.iter().flatten().filter(|t| t.organization_trail) {
            if sound(t) {
                organization_covered = true;
                continue;
            }
            let mut gaps = Vec::new();
            if !t.logging {
                gaps.push("is not logging");
            }
            if !t.multi_region {
                gaps.push("records its home region only");
            }
            if !t.log_file_validation {
                gaps.push("has no log file validation");
            }
            out.report(
                resource(&t.arn, management, Some(&t.home_region)),
                format!("organization trail {} {}", t.name, gaps.join(", ")),
                "start logging (StartLogging), make it multi-region and turn on log file validation",
            );
            out.detail(&t.arn);
        }
    }
    if organization_covered {
        return;
    }
    for member in members(ctx.live) {
        let Some(trails) = &member.trails else {
            continue;
        };
        let arn = ctx
            .account_arn(&member.account_id)
            .unwrap_or_else(|| member.account_id.clone());
        for region in &member.regions {
            if unread(member, Some(region)) {
                continue;
            }
            let covered = trails
                .iter()
                .any(|t| t.logging && (t.multi_region || &t.home_region == region));
            if covered {
                continue;
            }
            out.report(
                Subject {
                    resource: Some(arn.clone()),
                    account_id: Some(member.account_id.clone()),
                    region: Some(region.clone()),
                    ..Subject::default()
                },
                format!(
                    "account {} has no logging CloudTrail trail for {region}, and no organization trail is multi-region, logging and validating its logs",
                    member.account_id
                ),
                "create one organization trail in the management account: multi-region, with log file validation",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    fn trail(account: &str, name: &str, org: bool, logging: bool) -> Trail {
        Trail {
            arn: format!("arn:aws:cloudtrail:eu-west-1:{account}:trail/{name}"),
            name: name.into(),
            home_region: "eu-west-1".into(),
            multi_region: true,
            organization_trail: org,
            log_file_validation: true,
            logging,
            s3_data_events: vec![],
        }
    }

    #[test]
    fn a_sound_organization_trail_covers_everyone_and_a_stopped_one_is_reported() {
        let mut snap = org();
        let mut mgmt = member(MGMT);
        mgmt.trails = Some(vec![trail(MGMT, "org-trail", true, true)]);
        let mut prod = member(PROD);
        prod.trails = Some(vec![]);
        snap.member_accounts.push(mgmt);
        snap.member_accounts.push(prod);
        let config = crate::checks::LintConfig::defaults();
        assert!(run_live(&RULE, &snap, &config).is_empty());

        snap.member_accounts[0].trails = Some(vec![trail(MGMT, "org-trail", true, false)]);
        let found: Vec<String> = run_live(&RULE, &snap, &config)
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [
                "organization trail org-trail is not logging".to_string(),
                format!(
                    "account {MGMT} has no logging CloudTrail trail for eu-west-1, and no organization trail is multi-region, logging and validating its logs"
                ),
                format!(
                    "account {PROD} has no logging CloudTrail trail for eu-west-1, and no organization trail is multi-region, logging and validating its logs"
                ),
            ]
        );

        // An account's own logging trail covers it; an unread one is skipped.
        snap.member_accounts[1].trails = Some(vec![trail(PROD, "own", false, true)]);
        snap.member_accounts[0]
            .errors
            .push(crate::org::ReadFailure {
                service: "cloudtrail".into(),
                operation: "DescribeTrails".into(),
                account_id: Some(MGMT.into()),
                region: Some("eu-west-1".into()),
                message: "AccessDenied".into(),
            });
        let found = run_live(&RULE, &snap, &config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "organization trail org-trail is not logging"
        );
    }
}
