//! Detective coverage after a real `snapshot --deep` of a moto
//! organization: a stopped organization trail and accounts without
//! GuardDuty are found; an account with GuardDuty on is not; and a
//! GuardDuty read that fails is reported as not checked, never as off or on.

mod support;

use serde_json::Value;
use support::proxy::{FaultProxy, Rule, server_error};
use support::seed::{self, Seeded, Seeder};

async fn organization(endpoint: &str) -> Seeded {
    let mut s = Seeder::at(endpoint).await;
    s.organization().await;
    s.ou("Workloads").await;
    s.account("prod", "Workloads").await;
    s.account("dev", "Workloads").await;

    // The organization trail: multi-region, validating its logs, but never
    // started (a new trail does not log until StartLogging).
    let status = std::process::Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT"])
        .args([
            "--aws-sigv4",
            "aws:amz:us-east-1:s3",
            "--user",
            "testing:testing",
        ])
        .arg(format!("{endpoint}/org-trail-logs"))
        .output()
        .expect("curl creates the trail's bucket");
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "200",
        "create bucket"
    );
    aws_sdk_cloudtrail::Client::new(&s.config)
        .create_trail()
        .name("org-trail")
        .s3_bucket_name("org-trail-logs")
        .is_multi_region_trail(true)
        .is_organization_trail(true)
        .enable_log_file_validation(true)
        .send()
        .await
        .expect("create trail");
    // A trail of the management account's own that logs, recording object
    // access to one of the two buckets marked as holding personal data.
    let ct = aws_sdk_cloudtrail::Client::new(&s.config);
    ct.create_trail()
        .name("data-trail")
        .s3_bucket_name("org-trail-logs")
        .send()
        .await
        .expect("create data trail");
    use aws_sdk_cloudtrail::types::{DataResource, EventSelector};
    ct.put_event_selectors()
        .trail_name("data-trail")
        .event_selectors(
            EventSelector::builder()
                .data_resources(
                    DataResource::builder()
                        .r#type("AWS::S3::Object")
                        .values("arn:aws:s3:::customers/")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("put event selectors");
    ct.start_logging()
        .name("data-trail")
        .send()
        .await
        .expect("start logging");

    // GuardDuty on in prod only.
    let prod = s.member("prod").await;
    aws_sdk_guardduty::Client::new(&prod)
        .create_detector()
        .enable(true)
        .send()
        .await
        .expect("create detector");
    s.seeded
}

fn snapshot_and_lint(endpoint: &str) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = support::example_copy();
    let layout = repo.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&layout).expect("layout");
    std::fs::write(
        &layout,
        text.replacen(
            "[lint]\n",
            "[lint]\npersonal_data_buckets = [\"customers\", \"payroll\"]\n",
            1,
        ),
    )
    .expect("write layout");
    let live = dir.path().join("live.json");
    support::orgguard_at(endpoint)
        .env("AWS_MAX_ATTEMPTS", "1")
        .current_dir(dir.path())
        .args(["snapshot", "--deep", "--regions", "us-east-1", "-q", "-o"])
        .arg(&live)
        .assert()
        .success();
    let out = support::orgguard()
        .arg("-C")
        .arg(repo.path())
        .args(["lint", "--format", "json", "--live"])
        .arg(&live)
        .output()
        .expect("lint");
    serde_json::from_slice(&out.stdout).expect("lint JSON")
}

fn messages(found: &Value, code: &str) -> Vec<String> {
    found["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_stopped_organization_trail_and_guardduty_gaps_are_found_and_failed_reads_are_not_checked() {
    let moto = support::moto();
    let seeded = seed::runtime().block_on(organization(&moto.endpoint));
    let (prod, dev) = (&seeded.accounts["prod"], &seeded.accounts["dev"]);
    let found = snapshot_and_lint(&moto.endpoint);

    let trail = messages(&found, "CFG002");
    assert!(
        trail.contains(&"organization trail org-trail is not logging".to_string()),
        "{trail:#?}"
    );
    // With the organization trail stopped, no member account is covered.
    for account in [prod, dev] {
        assert!(
            trail.iter().any(|m| m.starts_with(&format!(
                "account {account} has no logging CloudTrail trail for us-east-1"
            ))),
            "{account}: {trail:#?}"
        );
    }
    // Object access to `customers` is recorded by the logging data trail;
    // to `payroll` by nothing.
    assert_eq!(
        messages(&found, "CFG004"),
        [
            "no logging CloudTrail trail records object access to bucket payroll, which holds personal data"
        ]
    );
    let guardduty = messages(&found, "CFG003");
    assert!(
        guardduty.contains(&format!(
            "account {dev} has no GuardDuty detector in us-east-1"
        )),
        "{guardduty:#?}"
    );
    assert!(
        !guardduty.iter().any(|m| m.contains(prod.as_str())),
        "GuardDuty is on in prod: {guardduty:#?}"
    );

    // The same organization with every GuardDuty read failing: no account
    // is reported as without GuardDuty; each is reported as not checked.
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.add(Rule {
        when: Box::new(|r| r.service == "guardduty"),
        fault: server_error("guardduty"),
        remaining: None,
    });
    let found = snapshot_and_lint(&proxy.endpoint);
    assert!(messages(&found, "CFG003").is_empty(), "{found:#}");
    let not_checked = messages(&found, "ORG007");
    for account in [prod, dev] {
        assert!(
            not_checked.iter().any(|m| m
                .contains(&format!("account {account} was not fully checked"))
                && m.contains("guardduty ListDetectors failed")),
            "{account}: {not_checked:#?}"
        );
    }
}
