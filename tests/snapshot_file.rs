//! The snapshot file format, offline.

mod support;

use predicates::prelude::*;

#[test]
fn the_shipped_example_snapshot_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("again.json");
    let example = support::repo_dir().join("examples/live-org.json");
    support::orgguard()
        .args(["-q", "snapshot", "--live"])
        .arg(&example)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&example).unwrap(),
        std::fs::read(&out).unwrap()
    );
}

#[test]
fn a_snapshot_of_another_version_or_kind_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    std::fs::write(&old, r#"{"schema_version": 0}"#).unwrap();
    support::orgguard()
        .args(["snapshot", "--live"])
        .arg(&old)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is a version 0 snapshot; this orgguard reads version 1",
        ));
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"schema_version\": 1, \"captured_at\": 5}").unwrap();
    support::orgguard()
        .args(["plan", "--live"])
        .arg(&broken)
        .arg("-C")
        .arg(support::repo_dir())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a valid snapshot"));
}
