//! Writes the 10,000-account organization `scripts/bench-offline.sh` runs
//! the release binary against: `ou-layout.toml`, `policies/*.json` (a few
//! hundred changes away from the snapshot) and a deep `snapshot.json` with
//! Identity Center, from the benchmarks' generators
//! (`benches/support/org.rs`). Ignored in the default test run:
//!
//! ```text
//! ORGGUARD_BENCH_ORG_DIR=DIR cargo test --test bench_org -- --ignored
//! ```

use std::path::PathBuf;

#[path = "../benches/support/org.rs"]
mod org;

#[test]
#[ignore = "writes ~60 MB; run by scripts/bench-offline.sh with ORGGUARD_BENCH_ORG_DIR"]
fn writes_the_10k_account_organization() {
    let dir = PathBuf::from(
        std::env::var_os("ORGGUARD_BENCH_ORG_DIR")
            .expect("set ORGGUARD_BENCH_ORG_DIR to the directory to write into"),
    );
    let written = org::full::write(&dir).expect("write the organization");

    // What orgguard will read: the snapshot as `--live` reads it, the
    // layout without errors.
    let read = orgguard::org::read_snapshot(&dir.join("snapshot.json")).expect("read back");
    assert_eq!(read, written.snapshot, "the snapshot does not round-trip");
    let loaded = orgguard::layout::load(&dir).expect("load the layout");
    assert!(loaded.layout.is_some() && !loaded.unreadable);

    let s = &written.snapshot;
    let ic = s.identity_center.as_ref().expect("identity center");
    let count = |f: fn(&orgguard::org::MemberAccount) -> usize| {
        s.member_accounts.iter().map(f).sum::<usize>()
    };
    let line = format!(
        "{} accounts ({} suspended), {} OUs, {} SCPs; deep: {} member accounts, {} roles, {} KMS keys, {} IAM users; \
         Identity Center: {} permission sets, {} users, {} groups, {} assignments; snapshot.json {:.1} MB\n",
        s.accounts.len(),
        s.accounts
            .iter()
            .filter(|a| a.status == orgguard::org::AccountStatus::Suspended)
            .count(),
        s.organizational_units.len(),
        s.policies.len(),
        s.member_accounts.len(),
        count(|m| m.roles.len()),
        count(|m| m.kms_keys.len()),
        count(|m| m.users.len()),
        ic.permission_sets.len(),
        ic.users.len(),
        ic.groups.len(),
        ic.assignments.len(),
        written.snapshot_bytes as f64 / 1e6,
    );
    std::fs::write(dir.join("organization.txt"), line).expect("write organization.txt");
}
