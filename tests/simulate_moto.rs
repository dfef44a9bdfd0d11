//! `orgguard simulate` against the live organization in moto: without a
//! snapshot file it reads the organization itself, as `plan` does.

#[path = "support/cloudtrail.rs"]
mod cloudtrail;
mod support;

use std::path::Path;

use cloudtrail::{Call, Caller, record, write_records_gz};
use serde_json::Value;
use support::seed::{self, Seeder};

const DENY_EC2: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoEc2","Effect":"Deny","Action":"ec2:RunInstances","Resource":"*"}]}"#;

/// The live organization: OU Workloads with account `app`, and `deny-ec2`
/// attached to the OU. Returns (management account, org id, app account).
fn seed_org(moto: &support::Moto) -> (String, String, String) {
    seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        let ou = s.ou("Workloads").await;
        let app = s.account("app", "Workloads").await;
        let deny = s.scp("deny-ec2", DENY_EC2).await;
        s.attach(&deny, &ou).await;
        let org = s
            .org
            .describe_organization()
            .send()
            .await
            .expect("describe organization");
        let org = org.organization().expect("organization");
        (
            org.master_account_id().expect("management").to_string(),
            org.id().expect("org id").to_string(),
            app,
        )
    })
}

/// A layout that keeps the OU and the account but drops `deny-ec2`.
fn write_layout(dir: &Path, management: &str, org_id: &str, app: &str) {
    std::fs::write(
        dir.join("ou-layout.toml"),
        format!(
            r#"[organization]
management_account_id = "{management}"
id = "{org_id}"

[root]
scps = ["FullAWSAccess"]

[[ou]]
path = "Workloads"
scps = ["FullAWSAccess"]

[[account]]
id = "{management}"
name = "management"
ou = "/"

[[account]]
id = "{app}"
name = "app"
ou = "Workloads"
"#
        ),
    )
    .expect("write layout");
    std::fs::create_dir_all(dir.join("policies")).expect("mkdir");
}

fn write_events(dir: &Path, app: &str) {
    let run = Call {
        account: app,
        caller: Caller::Role("builder"),
        source: "ec2.amazonaws.com",
        name: "RunInstances",
        region: "eu-west-1",
    };
    std::fs::create_dir_all(dir).expect("mkdir");
    write_records_gz(
        &dir.join("events.json.gz"),
        (0..12).map(|n| record(&run, n)),
    );
}

#[test]
fn without_a_snapshot_it_simulates_against_the_live_organization() {
    let moto = support::moto();
    let (management, org_id, app) = seed_org(&moto);
    let dir = tempfile::tempdir().expect("tempdir");
    write_layout(dir.path(), &management, &org_id, &app);
    write_events(&dir.path().join("events"), &app);
    let out = moto
        .orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["simulate", "--no-progress", "--format", "json", "--events"])
        .arg(dir.path().join("events"))
        .output()
        .expect("run orgguard");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(report["live"], "the live organization");
    assert_eq!(report["events"], 12);
    // Attached today, gone from the layout: the calls are allowed again.
    assert_eq!(report["allowed_again"]["total"], 12, "{report}");
    let group = &report["allowed_again"]["groups"][0];
    assert_eq!(group["policy"], "deny-ec2");
    assert_eq!(group["sid"], "NoEc2");
    assert_eq!(group["attached_at"], "OU Workloads");
}
