//! Snapshots under faults: throttling at a set rate per service, random 5xx
//! answers and dropped connections, injected by the proxy in front of moto.
//! The result must be the snapshot a fault-free read gives, and a read that
//! keeps failing must be reported, never taken for an empty answer.

mod support;

use std::path::Path;

use serde_json::Value;
use support::proxy::{FaultProxy, Rule, server_error};
use support::seed;
use support::synth::{Org, Shape};

fn snapshot(endpoint: &str, out: &Path) -> std::process::Output {
    support::orgguard_at(endpoint)
        .current_dir(out.parent().unwrap())
        .args(["snapshot", "--deep", "--regions", "us-east-1", "-v", "-o"])
        .arg(out)
        .output()
        .unwrap()
}

/// The snapshot without what differs between two reads of the same org.
fn content(path: &Path) -> Value {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("captured_at");
    o.remove("source");
    // A read that fails both times (moto has no permission-set boundaries)
    // fails with whichever error came last; what failed must match.
    for failure in o["incomplete"].as_array_mut().unwrap() {
        failure.as_object_mut().unwrap().remove("message");
    }
    v
}

/// A small synthetic org seeded through a provisioning-aware proxy.
fn seeded_org(moto: &support::Moto, seed_value: u64) -> (FaultProxy, Org) {
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.emulate_provisioning();
    let org = Org::generate(&Shape::small(seed_value));
    seed::runtime().block_on(org.seed(&proxy.endpoint, 4));
    proxy.reset_counts();
    (proxy, org)
}

#[test]
fn a_deep_snapshot_under_throttling_5xx_and_drops_equals_the_fault_free_one() {
    let moto = support::moto();
    let (proxy, org) = seeded_org(&moto, 11);
    let dir = tempfile::tempdir().unwrap();
    let (clean, faulty) = (
        dir.path().join("clean.json"),
        dir.path().join("faulty.json"),
    );
    let out = snapshot(&proxy.endpoint, &clean);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(proxy.faults_injected(), 0);

    // Tighter than AWS so that every service is throttled in a small org;
    // Identity Center and the identity store share one bucket, as in AWS.
    proxy.throttle(&["sso", "identitystore"], 8.0, 2.0);
    proxy.throttle(&["organizations"], 10.0, 3.0);
    proxy.throttle(&["iam", "kms", "sts", "config"], 25.0, 4.0);
    proxy.chaos(20261122, 0.06, 0.04);
    proxy.reset_counts();
    let out = snapshot(&proxy.endpoint, &faulty);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");

    for service in ["sso", "identitystore", "organizations"] {
        let t = proxy.service(service);
        assert!(t.throttled > 0, "{service} was never throttled: {t:?}");
    }
    let faulted: u64 = ["organizations", "sso", "identitystore", "iam", "kms", "sts"]
        .iter()
        .map(|s| proxy.service(s).faulted)
        .sum();
    assert!(faulted >= 10, "too few faults to prove anything: {faulted}");
    // moto has no permission-set boundaries (it answers 500), so both reads
    // record those as not read; the comparison below covers that list.
    assert!(!stderr.contains("incomplete:"), "{stderr}");

    let (clean, faulty) = (content(&clean), content(&faulty));
    // The comparison is only worth something if the org is really there.
    assert_eq!(
        clean["accounts"].as_array().unwrap().len(),
        org.accounts.len() + 1
    );
    assert_eq!(
        clean["identity_center"]["assignments"]
            .as_array()
            .unwrap()
            .len(),
        org.assignments.len()
    );
    // Members and the management account.
    assert_eq!(
        clean["member_accounts"].as_array().unwrap().len(),
        org.accounts.len() + 1
    );
    if clean != faulty {
        let keep = std::env::temp_dir().join("orgguard-faults");
        std::fs::create_dir_all(&keep).unwrap();
        for (name, v) in [("clean.json", &clean), ("faulty.json", &faulty)] {
            std::fs::write(keep.join(name), serde_json::to_string_pretty(v).unwrap()).unwrap();
        }
        panic!(
            "the snapshot under faults differs from the fault-free one; both are in {}",
            keep.display()
        );
    }
}

#[test]
fn lint_finds_exactly_the_planted_hazards_after_a_faulty_read() {
    let moto = support::moto();
    let (proxy, org) = seeded_org(&moto, 23);
    proxy.throttle(&["sso", "identitystore"], 20.0, 5.0);
    proxy.chaos(7, 0.05, 0.05);
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    let out = snapshot(&proxy.endpoint, &live);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = support::orgguard()
        .args(["lint", "--format", "json", "--live"])
        .arg(&live)
        .output()
        .unwrap();
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    let count = |code: &str, needle: &str| {
        found["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code && f.to_string().contains(needle))
            .count()
    };
    let planted = org.hazardous_accounts();
    assert!(planted > 0);
    assert_eq!(count("IAM001", "role/wide-open"), planted, "{found:#}");
    assert_eq!(count("KMS001", "single-admin"), planted, "{found:#}");
}

#[test]
fn a_read_that_keeps_failing_is_reported_not_taken_for_empty() {
    let moto = support::moto();
    let (proxy, _org) = seeded_org(&moto, 5);
    proxy.add(Rule {
        when: Box::new(|r| r.action == "ListUsers" && r.service == "identitystore"),
        fault: server_error("identitystore"),
        remaining: None,
    });
    proxy.add(Rule {
        when: Box::new(|r| r.action == "ListKeys"),
        fault: server_error("kms"),
        remaining: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    let out = support::orgguard_at(&proxy.endpoint)
        .env("AWS_MAX_ATTEMPTS", "2")
        .current_dir(dir.path())
        .args(["snapshot", "--deep", "--regions", "us-east-1", "-o"])
        .arg(&live)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ListUsers"), "{stderr}");
    let snap: Value = serde_json::from_str(&std::fs::read_to_string(&live).unwrap()).unwrap();
    // Identity Center is recorded as not read, not as an instance with no
    // users; each member account as incomplete, not as one with no keys.
    assert!(
        snap["identity_center"].is_null(),
        "{}",
        snap["identity_center"]
    );
    assert!(
        snap["incomplete"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["operation"] == "ListUsers"),
        "{}",
        snap["incomplete"]
    );
    let members = snap["member_accounts"].as_array().unwrap();
    assert!(!members.is_empty());
    assert!(
        members.iter().all(|m| m["complete"] == false),
        "{members:?}"
    );

    // The reports say so, rather than showing an empty inventory or an
    // account without keys as clean.
    let out = support::orgguard()
        .args(["audit", "assignments", "--live"])
        .arg(&live)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("incomplete") && stderr.contains("ListUsers"),
        "{stderr}"
    );
}

#[test]
fn the_generator_is_reproducible_and_keeps_the_shape() {
    let shape = Shape::large(7);
    let (a, b) = (Org::generate(&shape), Org::generate(&shape));
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    assert_eq!(a.accounts.len(), 1_000);
    assert_eq!(a.ous.len(), 100);
    assert_eq!(
        a.ous.iter().map(|p| p.matches('/').count() + 1).max(),
        Some(5)
    );
    assert_eq!(a.assignments.len(), 10_000);
    assert_ne!(
        format!("{a:?}"),
        format!("{:?}", Org::generate(&Shape::large(8)))
    );
}
