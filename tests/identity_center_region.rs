//! Identity Center lives in one home region. Read from another region,
//! orgguard must say that it found no instance there, and the auditor's
//! inventory must not come out silently empty. The fault proxy keeps AWS's
//! rule that only the home region has the instance (moto has one in every
//! region).

mod support;

use std::path::Path;

use support::proxy::FaultProxy;
use support::seed::{MANAGEMENT_ACCOUNT, Seeder};

fn seed(moto: &support::Moto) {
    support::seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        s.account("payments-prod", "").await;
        s.identity_center().await;
        s.permission_set(
            "ReadOnlyAccess",
            &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        )
        .await;
        s.user("carol").await;
        s.assign("user:carol", "ReadOnlyAccess", "payments-prod")
            .await;
    });
}

fn snapshot(endpoint: &str, dir: &Path, extra: &[&str]) -> (i32, String, serde_json::Value) {
    let file = dir.join("live.json");
    let out = support::orgguard_at(endpoint)
        .env("AWS_REGION", "ap-northeast-1")
        .arg("-C")
        .arg(dir)
        // moto does not model provisioning, which the default strategy reads.
        .args(["snapshot", "--assignments", "every-pair", "-o"])
        .arg(&file)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let live = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    (out.status.code().unwrap_or(-1), stderr, live)
}

fn assignments(live: &serde_json::Value) -> usize {
    live["identity_center"]["assignments"]
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn identity_center_read_outside_its_region_is_incomplete_and_the_setting_fixes_it() {
    let moto = support::moto();
    seed(&moto);
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.identity_center_home("us-east-1");
    let dir = tempfile::tempdir().unwrap();

    // The CLI in ap-northeast-1 finds no instance: recorded, not empty.
    let (code, stderr, live) = snapshot(&proxy.endpoint, dir.path(), &["--require-complete"]);
    assert_eq!(code, 1, "--require-complete fails: {stderr}");
    assert!(live["identity_center"].is_null());
    let failure = live["incomplete"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["operation"] == "ListInstances")
        .unwrap_or_else(|| panic!("no ListInstances failure in {}", live["incomplete"]));
    assert_eq!(failure["region"], "ap-northeast-1");
    let message = failure["message"].as_str().unwrap();
    assert!(
        message.contains("no IAM Identity Center instance in ap-northeast-1")
            && message.contains("settings.identity_center_region")
            && message.contains("--sso-region"),
        "{message}"
    );

    // lint and audit say so at the top of their output.
    let file = dir.path().join("live.json");
    let lint = support::orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("lint")
        .arg("--live")
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&lint.stdout);
    assert!(
        text.starts_with("WARNING: the live organization was not read completely")
            && text.lines().nth(1).unwrap_or("").contains(
                "sso-admin ListInstances [ap-northeast-1]: no IAM Identity Center instance"
            ),
        "{text}"
    );
    let audit = support::orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["audit", "assignments", "--live"])
        .arg(&file)
        .output()
        .unwrap();
    let warning = String::from_utf8_lossy(&audit.stderr);
    assert!(
        warning.contains("the inventory may be incomplete")
            && warning.contains("no IAM Identity Center instance in ap-northeast-1"),
        "{warning}"
    );

    // --sso-region reads the home region.
    let (code, stderr, live) =
        snapshot(&proxy.endpoint, dir.path(), &["--sso-region", "us-east-1"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(assignments(&live), 1);
    assert!(!stderr.contains("ListInstances"), "{stderr}");

    // So does the layout's setting.
    std::fs::write(
        dir.path().join("ou-layout.toml"),
        format!(
            "[organization]\nmanagement_account_id = \"{MANAGEMENT_ACCOUNT}\"\n\n[settings]\nidentity_center_region = \"us-east-1\"\n"
        ),
    )
    .unwrap();
    let (code, stderr, live) = snapshot(&proxy.endpoint, dir.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(assignments(&live), 1);
    assert!(!stderr.contains("ListInstances"), "{stderr}");
}
