//! The Identity Center apply benchmark (not part of the test run:
//! `#[ignore]`; run it with `scripts/bench-identity-center.sh`). It applies
//! 1,000 account assignments (20 groups × 50 accounts of one OU) through
//! the fault proxy with 50 ms of latency per call and Identity Center
//! throttled at 20 requests/s, and prints the wall time next to the floor
//! the quotas set: every Identity Center call apply made, at 20 per second.
//! It then plans the same organization with a layout that declares no
//! Identity Center, and prints the calls and wall time next to a read that
//! includes Identity Center (what `plan` did before).

mod support;

use std::time::{Duration, Instant};

use support::proxy::FaultProxy;
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeder};

const RATE: f64 = 20.0;
const ACCOUNTS: usize = 50;
const GROUPS: usize = 20;

fn ic_calls(proxy: &FaultProxy) -> u64 {
    proxy.service("sso").calls + proxy.service("identitystore").calls
}

fn run(proxy: &FaultProxy, dir: &std::path::Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let wall = started.elapsed();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "orgguard {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    wall
}

#[test]
#[ignore]
fn applying_1000_assignments_against_the_quota_floor() {
    let moto = support::moto();
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.emulate_provisioning();
    proxy.emulate_permissions_boundaries();
    let (accounts, groups) = seed::runtime().block_on(async {
        let mut s = Seeder::at(&proxy.endpoint).await;
        s.organization().await;
        s.identity_center().await;
        let mut accounts = Vec::new();
        for i in 0..ACCOUNTS {
            accounts.push(s.account(&format!("bulk-{i:02}"), "").await);
        }
        let mut groups = Vec::new();
        for i in 0..GROUPS {
            let name = format!("team-{i:02}");
            s.group(&name, &[]).await;
            groups.push(name);
        }
        (accounts, groups)
    });
    let dir = tempfile::tempdir().unwrap();
    let mut layout = format!(
        "[organization]\nmanagement_account_id = \"{MANAGEMENT_ACCOUNT}\"\n\n[root]\nscps = [\"FullAWSAccess\"]\n\n[[ou]]\npath = \"Bulk\"\n"
    );
    for (i, id) in accounts.iter().enumerate() {
        layout.push_str(&format!(
            "\n[[account]]\nid = \"{id}\"\nname = \"bulk-{i:02}\"\nou = \"Bulk\"\n"
        ));
    }
    let plain = layout.clone();
    layout.push_str("\n[identity_center]\n\n[[identity_center.permission_set]]\nname = \"ReadOnlyAccess\"\nsession_duration = \"PT1H\"\nmanaged_policies = [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]\n");
    std::fs::write(dir.path().join("ou-layout.toml"), &layout).unwrap();
    // The OU, the moves and the permission set, without faults.
    run(&proxy, dir.path(), &["apply", "--auto-approve", "-q"]);

    for g in &groups {
        layout.push_str(&format!(
            "\n[[identity_center.assignment]]\ngroup = \"{g}\"\npermission_set = \"ReadOnlyAccess\"\nous = [\"Bulk\"]\n"
        ));
    }
    std::fs::write(dir.path().join("ou-layout.toml"), &layout).unwrap();
    proxy.latency(Duration::from_millis(50));
    proxy.throttle(&["sso", "identitystore"], RATE, RATE);
    proxy.reset_counts();
    let wall = run(&proxy, dir.path(), &["apply", "--auto-approve", "-q"]);
    let calls = ic_calls(&proxy);
    let throttled = proxy.service("sso").throttled + proxy.service("identitystore").throttled;
    let creates = proxy
        .tallies()
        .get(&("sso".to_string(), "CreateAccountAssignment".to_string()))
        .map_or(0, |t| t.calls);
    let floor = calls as f64 / RATE;
    println!(
        "apply of {} assignments: {:.1} s; {calls} Identity Center calls ({creates} CreateAccountAssignment, {throttled} throttled); floor {floor:.1} s at {RATE} requests/s; ratio {:.3}; the assignments alone: {:.1} s",
        ACCOUNTS * GROUPS,
        wall.as_secs_f64(),
        wall.as_secs_f64() / floor,
        (ACCOUNTS * GROUPS) as f64 / RATE,
    );

    // plan with and without Identity Center declarations.
    proxy.reset_counts();
    let with = run(&proxy, dir.path(), &["plan", "-q"]);
    let with_calls = ic_calls(&proxy);
    std::fs::write(dir.path().join("ou-layout.toml"), &plain).unwrap();
    proxy.reset_counts();
    let without = run(&proxy, dir.path(), &["plan", "-q"]);
    let without_calls = ic_calls(&proxy);
    assert_eq!(without_calls, 0);
    println!(
        "plan, layout without [identity_center]: {:.1} s, {without_calls} Identity Center calls; with it (Identity Center read, as plan always did before): {:.1} s, {with_calls} calls",
        without.as_secs_f64(),
        with.as_secs_f64()
    );
}
