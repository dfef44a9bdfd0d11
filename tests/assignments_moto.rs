//! The four ways of reading Identity Center assignments find the same
//! assignments, at the number of calls each one promises, and `auto` picks
//! the cheaper of by-account and by-principal from counts it already has.
//! The proxy keeps AWS's provisioning rule, which moto lacks.

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::proxy::FaultProxy;
use support::seed;
use support::synth::{Org, Shape};

struct Read {
    assignments: BTreeSet<String>,
    strategy: String,
    by_pair_calls: u64,
    by_principal_calls: u64,
}

fn read(proxy: &FaultProxy, strategy: &str) -> Read {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.json");
    proxy.reset_counts();
    support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "-q", "--assignments", strategy, "-o"])
        .arg(&out)
        .assert()
        .success();
    let snap: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ic = &snap["identity_center"];
    let tallies = proxy.tallies();
    let calls = |action: &str| {
        tallies
            .get(&("sso".to_string(), action.to_string()))
            .map_or(0, |t| t.calls)
    };
    Read {
        assignments: ic["assignments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.to_string())
            .collect(),
        strategy: ic["assignments_read"].as_str().unwrap().to_string(),
        by_pair_calls: calls("ListAccountAssignments"),
        by_principal_calls: calls("ListAccountAssignmentsForPrincipal"),
    }
}

fn seeded(moto: &support::Moto, shape: &Shape) -> (FaultProxy, Org) {
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.emulate_provisioning();
    let org = Org::generate(shape);
    seed::runtime().block_on(org.seed(&proxy.endpoint, 4));
    (proxy, org)
}

fn pairs(org: &Org) -> usize {
    org.assignments
        .iter()
        .map(|(_, set, account)| (set, account))
        .collect::<BTreeSet<_>>()
        .len()
}

#[test]
fn every_strategy_reads_the_same_assignments_at_its_own_cost() {
    let moto = support::moto();
    let shape = Shape {
        roles_per_account: 0,
        keys_per_account: 0,
        ..Shape::small(3)
    };
    let (proxy, org) = seeded(&moto, &shape);
    let principals = (org.users.len() + org.groups.len()) as u64;
    // Members and the management account, which holds no assignments here.
    let accounts = (org.accounts.len() + 1) as u64;
    let sets = org.permission_sets.len() as u64;

    let every = read(&proxy, "every-pair");
    assert_eq!(every.assignments.len(), org.assignments.len());
    assert_eq!(every.by_pair_calls, accounts * sets);
    assert_eq!(every.by_principal_calls, 0);

    let by_account = read(&proxy, "by-account");
    assert_eq!(by_account.assignments, every.assignments);
    assert_eq!(by_account.strategy, "by-account");
    assert_eq!(by_account.by_pair_calls, pairs(&org) as u64);

    let by_principal = read(&proxy, "by-principal");
    assert_eq!(by_principal.assignments, every.assignments);
    assert_eq!(by_principal.by_principal_calls, principals);
    assert_eq!(by_principal.by_pair_calls, 0);

    // 19 principals against 30-odd provisioned pairs: auto reads per
    // principal.
    assert!(principals < pairs(&org) as u64);
    let auto = read(&proxy, "auto");
    assert_eq!(auto.assignments, every.assignments);
    assert_eq!(auto.strategy, "by-principal");
    assert_eq!(auto.by_principal_calls, principals);
}

#[test]
fn auto_reads_by_account_when_principals_outnumber_provisioned_pairs() {
    let moto = support::moto();
    let shape = Shape {
        users: 60,
        groups: 10,
        assignments: 12,
        roles_per_account: 0,
        keys_per_account: 0,
        ..Shape::small(4)
    };
    let (proxy, org) = seeded(&moto, &shape);
    let auto = read(&proxy, "auto");
    assert_eq!(auto.strategy, "by-account");
    assert_eq!(auto.assignments.len(), org.assignments.len());
    assert_eq!(auto.by_pair_calls, pairs(&org) as u64);
    assert_eq!(auto.by_principal_calls, 0);
}
