use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};

pub const RULE: Rule = Rule {
    code: "CFG001",
    name: "config-recorder-off",
    area: Area::Cfg,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "AWS Config is not recording in an account and region",
    docs: Docs {
        what: "For each member account a deep snapshot read and each region it read (`settings.regions`), reports a region with no AWS Config recorder or a recorder that is stopped. Regions whose Config read failed are left to ORG007, never reported as missing.",
        why: "Without a recorder there is no configuration history: changes in that region are invisible to Config rules, Security Hub and the investigation after an incident.",
        example: "Account 777777777777 has a recorder in eu-west-1 that is stopped, and none in eu-central-1.",
        fix: "Create and start the recorder (`aws configservice put-configuration-recorder` and `start-configuration-recorder`), best through a stack set or Control Tower for every account and region.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    for member in &live.member_accounts {
        let assume_failed = member.errors.iter().any(|e| e.service == "sts");
        if assume_failed {
            continue;
        }
        let arn = ctx.account_arn(&member.account_id);
        for region in &member.regions {
            let unread = member
                .errors
                .iter()
                .any(|e| e.service == "config" && e.region.as_deref().is_none_or(|r| r == region));
            if unread {
                continue;
            }
            let recorder = member
                .config_recorders
                .iter()
                .find(|r| &r.region == region && r.name.is_some());
            let state = match recorder {
                None => "has no AWS Config recorder",
                Some(r) if !r.recording => "has an AWS Config recorder that is not recording",
                Some(_) => continue,
            };
            out.report(
                Subject {
                    resource: Some(arn.clone().unwrap_or_else(|| member.account_id.clone())),
                    account_id: Some(member.account_id.clone()),
                    region: Some(region.clone()),
                    ..Subject::default()
                },
                format!("account {} {state} in {region}", member.account_id),
                format!("create and start a configuration recorder in {region}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::org::ConfigRecorder;

    #[test]
    fn fires_for_missing_and_stopped_recorders() {
        let mut snap = org();
        let mut m = member(PROD);
        m.regions.push("eu-central-1".into());
        snap.member_accounts.push(m.clone());
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            format!("account {PROD} has no AWS Config recorder in eu-central-1")
        );
        m.config_recorders.push(ConfigRecorder {
            region: "eu-central-1".into(),
            name: Some("default".into()),
            recording: true,
            last_status: None,
        });
        m.config_recorders[0].recording = false;
        snap.member_accounts = vec![m];
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(found[0].message.ends_with("not recording in eu-west-1"));
    }
}
