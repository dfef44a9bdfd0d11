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
/// attached to the OU, and `more` accounts in the OU. Returns (management
/// account, org id, the accounts with `app` first).
fn seed_org(moto: &support::Moto, more: &[&str]) -> (String, String, Vec<String>) {
    seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        let ou = s.ou("Workloads").await;
        let mut accounts = vec![s.account("app", "Workloads").await];
        for name in more {
            accounts.push(s.account(name, "Workloads").await);
        }
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
            accounts,
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
    let (management, org_id, accounts) = seed_org(&moto, &[]);
    let app = &accounts[0];
    let dir = tempfile::tempdir().expect("tempdir");
    write_layout(dir.path(), &management, &org_id, app);
    write_events(&dir.path().join("events"), app);
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

mod from_s3 {
    use super::*;
    use support::proxy::{Fault, FaultProxy, Rule};

    const BUCKET: &str = "org-trail";
    const REGIONS: [&str; 2] = ["us-east-1", "eu-west-1"];
    const DAYS: [u32; 5] = [10, 11, 12, 13, 14];
    const PER_FILE: u64 = 3;

    /// Writes an organization trail into moto's S3: every account, region
    /// and day gets one file of PER_FILE RunInstances calls, beside a
    /// digest folder and another trail's prefix that must not be read.
    fn write_trail(moto: &support::Moto, org_id: &str, accounts: &[String]) {
        seed::runtime().block_on(async {
            let config = support::sdk_config_at(&moto.endpoint).await;
            let s3 = aws_sdk_s3::Client::from_conf(
                aws_sdk_s3::config::Builder::from(&config)
                    .force_path_style(true)
                    .build(),
            );
            s3.create_bucket()
                .bucket(BUCKET)
                .send()
                .await
                .expect("create bucket");
            let mut n = 0;
            for account in accounts {
                for region in REGIONS {
                    for day in DAYS {
                        let call = Call {
                            account,
                            caller: Caller::Role("builder"),
                            source: "ec2.amazonaws.com",
                            name: "RunInstances",
                            region,
                        };
                        let file = tempfile::NamedTempFile::new().expect("temp file");
                        write_records_gz(file.path(), (0..PER_FILE).map(|i| record(&call, n + i)));
                        n += PER_FILE;
                        let body = std::fs::read(file.path()).expect("read");
                        let folder = format!(
                            "trail/AWSLogs/{org_id}/{account}/CloudTrail/{region}/2026/11/{day:02}/"
                        );
                        let name = format!(
                            "{account}_CloudTrail_{region}_202611{day:02}T1200Z_abc{n}.json.gz"
                        );
                        for key in [
                            format!("{folder}{name}"),
                            // Never read: another trail, and the digests.
                            format!("other/AWSLogs/{org_id}/{account}/CloudTrail/{region}/2026/11/{day:02}/{name}"),
                            format!("trail/AWSLogs/{org_id}/{account}/CloudTrail-Digest/{region}/2026/11/{day:02}/{name}"),
                        ] {
                            s3.put_object()
                                .bucket(BUCKET)
                                .key(key)
                                .body(body.clone().into())
                                .send()
                                .await
                                .expect("put object");
                        }
                    }
                }
            }
        });
    }

    struct Trail {
        moto: support::Moto,
        dir: tempfile::TempDir,
        proxy: FaultProxy,
        accounts: Vec<String>,
    }

    fn trail() -> Trail {
        let moto = support::moto();
        let (management, org_id, accounts) = seed_org(&moto, &["data", "web"]);
        let (app, data, web) = (&accounts[0], &accounts[1], &accounts[2]);
        write_trail(&moto, &org_id, &accounts);
        let dir = tempfile::tempdir().expect("tempdir");
        write_layout(dir.path(), &management, &org_id, app);
        let mut layout = std::fs::read_to_string(dir.path().join("ou-layout.toml")).expect("read");
        for (id, name) in [(data, "data"), (web, "web")] {
            layout.push_str(&format!(
                "\n[[account]]\nid = \"{id}\"\nname = \"{name}\"\nou = \"Workloads\"\n"
            ));
        }
        std::fs::write(dir.path().join("ou-layout.toml"), layout).expect("write");
        let accounts = accounts.clone();
        let proxy = FaultProxy::start(&moto.endpoint);
        Trail {
            moto,
            dir,
            proxy,
            accounts,
        }
    }

    fn simulate(t: &Trail, extra: &[&str]) -> (Value, String) {
        let out = support::orgguard_at(&t.proxy.endpoint)
            .arg("-C")
            .arg(t.dir.path())
            .args(["simulate", "--no-progress", "--format", "json"])
            .args(["--events", &format!("s3://{BUCKET}/trail")])
            .args(extra)
            .output()
            .expect("run orgguard");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let report =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        (report, stderr)
    }

    /// Every listing names a prefix inside the trail's AWSLogs/ folder.
    fn assert_no_bucket_wide_listing(proxy: &FaultProxy) -> Vec<String> {
        let lists = proxy.targets("ListObjectsV2");
        for target in &lists {
            assert!(
                target.contains("prefix=trail%2FAWSLogs%2F"),
                "a listing outside the trail's folders: {target}"
            );
        }
        lists
    }

    #[test]
    fn dates_accounts_and_regions_select_the_folders_listed_and_read() {
        let t = trail();
        let app = t.accounts[0].clone();
        let (report, stderr) = simulate(
            &t,
            &[
                "--since",
                "2026-11-11",
                "--until",
                "2026-11-13",
                "--account",
                &app,
                "--trail-region",
                "eu-west-1",
            ],
        );
        assert_eq!(report["files"], 3, "{stderr}");
        assert_eq!(report["events"], 3 * PER_FILE);
        assert_eq!(report["allowed_again"]["total"], 3 * PER_FILE);
        assert_eq!(
            report["allowed_again"]["groups"][0]["account"],
            app.as_str()
        );
        let lists = assert_no_bucket_wide_listing(&t.proxy);
        // AWSLogs/ (to find the organization folder), then one per day.
        assert_eq!(lists.len(), 1 + 3, "{lists:#?}");
        assert_eq!(t.proxy.targets("GetObject").len(), 3);
        drop(t.moto);
    }

    #[test]
    fn the_whole_trail_is_read_through_throttling_and_resets() {
        let t = trail();
        // S3's throttling answer for the first three fetches, and two
        // connections dropped mid-way: all retried.
        t.proxy.add(Rule {
            when: Box::new(|r| r.action == "GetObject"),
            fault: Fault::Respond {
                status: 503,
                content_type: "application/xml",
                body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".into(),
            },
            remaining: Some(3),
        });
        t.proxy.add(Rule {
            when: Box::new(|r| r.action == "GetObject"),
            fault: Fault::Drop,
            remaining: Some(2),
        });
        let (report, stderr) = simulate(&t, &["--since", "2026-11-08", "--until", "2026-11-16"]);
        let files = (t.accounts.len() * REGIONS.len() * DAYS.len()) as u64;
        assert_eq!(report["files"], files, "{stderr}");
        assert_eq!(report["events"], files * PER_FILE, "{report}");
        assert_eq!(report["unreadable_files"], serde_json::json!([]));
        assert_eq!(report["allowed_again"]["total"], files * PER_FILE);
        let lists = assert_no_bucket_wide_listing(&t.proxy);
        // AWSLogs/, the organization folder, each account's CloudTrail/
        // (its regions), then accounts × regions × 9 days.
        assert_eq!(
            lists.len(),
            1 + 1 + t.accounts.len() + t.accounts.len() * REGIONS.len() * 9,
            "{lists:#?}"
        );
        assert!(t.proxy.faults_injected() >= 5);
        drop(t.moto);
    }
}
