use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::members;
use crate::diagnostics::{Severity, Subject};
use crate::org::Trail;

pub const RULE: Rule = Rule {
    code: "CFG004",
    name: "personal-data-not-logged",
    area: Area::Cfg,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "CloudTrail does not record object access to a bucket holding personal data",
    docs: Docs {
        what: "For each bucket named in `personal_data_buckets` (in `[lint]`), looks for a logging trail whose event selectors record S3 data events on it: on every bucket (`arn:aws:s3`), or on that bucket (`arn:aws:s3:::NAME/` or a prefix of it). Reports a bucket no logging trail records. Says nothing when the snapshot has no trail data (an older snapshot, or one without `--deep`).",
        why: "CloudTrail records management calls by default, not who read or deleted which object. For a bucket of personal data, that is the record a breach notification needs: without it nobody can say whose data was read.",
        example: "`payments-customer-data` holds card holders' addresses; the organization trail records management events only.",
        fix: "Add an S3 data event selector for the bucket to the organization trail (an advanced event selector on `resources.type = AWS::S3::Object` with `resources.ARN` starting with `arn:aws:s3:::NAME/`).",
    },
    check,
};

fn records(trail: &Trail, bucket: &str) -> bool {
    let object = format!("arn:aws:s3:::{bucket}/");
    trail.logging
        && trail
            .s3_data_events
            .iter()
            .any(|prefix| object.starts_with(prefix.as_str()))
}

fn check(ctx: &Context, out: &mut Out) {
    let trails: Vec<&Trail> = members(ctx.live)
        .iter()
        .filter_map(|m| m.trails.as_ref())
        .flatten()
        .collect();
    let read = members(ctx.live).iter().any(|m| m.trails.is_some());
    if !read {
        return;
    }
    for bucket in &ctx.config.personal_data_buckets {
        if trails.iter().any(|t| records(t, bucket)) {
            continue;
        }
        out.report(
            Subject {
                resource: Some(format!("arn:aws:s3:::{bucket}")),
                ..Subject::default()
            },
            format!("no logging CloudTrail trail records object access to bucket {bucket}, which holds personal data"),
            format!("add an S3 data event selector for arn:aws:s3:::{bucket}/ to the organization trail"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::LintConfig;
    use crate::checks::testing::*;

    fn trail(events: &[&str], logging: bool) -> Trail {
        Trail {
            arn: format!("arn:aws:cloudtrail:eu-west-1:{MGMT}:trail/org"),
            name: "org".into(),
            home_region: "eu-west-1".into(),
            multi_region: true,
            organization_trail: true,
            log_file_validation: true,
            logging,
            s3_data_events: events.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn fires_for_personal_data_buckets_no_logging_trail_records() {
        let mut snap = org();
        let mut m = member(MGMT);
        m.trails = Some(vec![trail(&["arn:aws:s3:::customers/"], true)]);
        snap.member_accounts.push(m);
        let config = LintConfig {
            personal_data_buckets: vec!["customers".into(), "payroll".into()],
            ..LintConfig::defaults()
        };
        let found: Vec<String> = run_live(&RULE, &snap, &config)
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [
                "no logging CloudTrail trail records object access to bucket payroll, which holds personal data"
            ]
        );
        // Every bucket, but the trail is stopped: neither is recorded.
        snap.member_accounts[0].trails = Some(vec![trail(&["arn:aws:s3"], false)]);
        assert_eq!(run_live(&RULE, &snap, &config).len(), 2);
        snap.member_accounts[0].trails = Some(vec![trail(&["arn:aws:s3"], true)]);
        assert!(run_live(&RULE, &snap, &config).is_empty());
    }
}
