//! `orgguard import` from a snapshot file: the layout it writes plans no
//! changes against the same organization, and it never overwrites a
//! layout without --force.

mod support;

#[path = "../benches/support/org.rs"]
mod org;

use std::path::Path;

use predicates::prelude::*;

fn raw_example() -> std::path::PathBuf {
    support::repo_dir().join("examples/live-org.json")
}

/// The example organization with its one outdated permission-set
/// provisioning done: AWS reports PowerUserAccess not provisioned to the
/// latest version on one account, which any layout plans as a
/// re-provisioning (see the first test), not as a layout difference.
fn example_snapshot() -> std::path::PathBuf {
    static CONVERGED: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = CONVERGED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut live: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(raw_example()).unwrap()).unwrap();
        for set in live["identity_center"]["permission_sets"]
            .as_array_mut()
            .unwrap()
        {
            set["outdated_accounts"] = serde_json::json!([]);
        }
        std::fs::write(dir.path().join("live.json"), live.to_string()).unwrap();
        dir
    });
    dir.path().join("live.json")
}

fn import(live: &Path, out: &Path) -> assert_cmd::assert::Assert {
    support::orgguard()
        .args(["import", "--live"])
        .arg(live)
        .arg("-o")
        .arg(out)
        .assert()
}

fn assert_plans_nothing(repo: &Path, live: &Path) {
    support::orgguard()
        .arg("-C")
        .arg(repo)
        .arg("validate")
        .assert()
        .success();
    let out = support::orgguard()
        .arg("-C")
        .arg(repo)
        .args(["plan", "--detailed-exitcode", "--live"])
        .arg(live)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("No changes."), "{text}");
    assert!(!text.contains("unmanaged"), "{text}");
}

#[test]
fn the_example_organization_imports_and_plans_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("org");
    import(&example_snapshot(), &repo)
        .success()
        .stdout(predicate::str::contains(
            "ou-layout.toml: 9 OUs, 11 accounts, 26 policy attachments",
        ))
        .stdout(predicate::str::contains("wrote 6 SCP(s)"))
        .stdout(predicate::str::contains("validate"))
        .stdout(predicate::str::contains("lint --live"))
        .stdout(predicate::str::contains("plan --live"));
    assert!(repo.join("policies/legacy-deny-public-s3.json").is_file());
    assert_plans_nothing(&repo, &example_snapshot());
    // Against the example as it is, the one change is the re-provisioning
    // AWS reports outdated.
    support::orgguard()
        .arg("-C")
        .arg(&repo)
        .args(["plan", "--live"])
        .arg(raw_example())
        .assert()
        .stdout(predicate::str::contains(
            "provision permission set PowerUserAccess to 1 account",
        ))
        .stdout(predicate::str::contains("Plan: 0 to create, 1 to update"));

    // The imported layout lints offline and against the organization.
    support::orgguard()
        .arg("-C")
        .arg(&repo)
        .args(["lint", "--live"])
        .arg(example_snapshot())
        .assert()
        .code(predicate::in_iter(vec![0, 1]));
}

#[test]
fn import_refuses_to_overwrite_a_layout_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    import(&example_snapshot(), repo).success();
    let layout = repo.join("ou-layout.toml");
    std::fs::write(&layout, "# mine\n").unwrap();
    import(&example_snapshot(), repo)
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "already holds a layout: ou-layout.toml",
        ))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&layout).unwrap(), "# mine\n");

    // A stray policy file alone is enough to refuse: it would be read too.
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(other.path().join("policies")).unwrap();
    std::fs::write(other.path().join("policies/old.json"), "{}").unwrap();
    import(&example_snapshot(), other.path())
        .code(2)
        .stderr(predicate::str::contains("policies/old.json"));
    assert!(!other.path().join("ou-layout.toml").exists());

    support::orgguard()
        .args(["import", "--force", "--live"])
        .arg(example_snapshot())
        .arg("-o")
        .arg(repo)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&layout)
            .unwrap()
            .contains("[organization]")
    );
    assert_plans_nothing(repo, &example_snapshot());
}

#[test]
fn the_ten_thousand_account_synthetic_organization_imports_and_plans_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    let snapshot = org::plan::live(&org::plan::tree());
    std::fs::write(&live, snapshot.to_json()).unwrap();
    let repo = dir.path().join("org");
    import(&live, &repo)
        .success()
        .stdout(predicate::str::contains("2010 OUs, 10000 accounts"))
        .stdout(predicate::str::contains("wrote 20 SCP(s)"));
    assert_plans_nothing(&repo, &live);
}
