//! `orgguard audit` end to end: the fixture organization against golden
//! files, and the shipped example snapshot.

mod support;

use std::path::PathBuf;

use support::{orgguard, repo_dir};

fn fixture() -> PathBuf {
    repo_dir().join("tests/fixtures/audit-org.json")
}

fn example() -> PathBuf {
    repo_dir().join("examples/live-org.json")
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(repo_dir().join("tests/golden").join(name)).expect("golden file")
}

fn stdout_of(args: &[&str]) -> String {
    let output = orgguard().args(args).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

#[test]
fn assignments_csv_matches_the_golden_file() {
    let live = fixture();
    let live = live.to_str().expect("path");
    // No layout in -C: lint runs with its defaults, and the stale rows
    // carry its codes (SSO001 deleted principal, SSO002 suspended account,
    // SSO003 provisioning, SSO004 direct user, SSO005 empty group).
    let empty = tempfile::tempdir().expect("tempdir");
    let dir = empty.path().to_str().expect("path");
    assert_eq!(
        stdout_of(&["-C", dir, "audit", "assignments", "--live", live]),
        golden("audit-assignments.csv")
    );
    assert_eq!(
        stdout_of(&[
            "-C",
            dir,
            "audit",
            "assignments",
            "--live",
            live,
            "--expand-groups"
        ]),
        golden("audit-assignments-expanded.csv")
    );
}

#[test]
fn iam_users_csv_matches_the_golden_file() {
    let live = fixture();
    assert_eq!(
        stdout_of(&["audit", "iam-users", "--live", live.to_str().expect("path")]),
        golden("audit-iam-users.csv")
    );
}

/// Data rows of a CSV report (BOM and header dropped), as records.
fn records(csv_text: &str) -> Vec<Vec<String>> {
    let body = csv_text.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|r| {
            r.expect("a valid record")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect()
}

#[test]
fn the_example_org_inventory_has_every_assignment_including_stale_ones() {
    let live = example();
    let live = live.to_str().expect("path");
    let rows = records(&stdout_of(&["audit", "assignments", "--live", live]));
    assert_eq!(rows.len(), 22, "one row per assignment in the snapshot");
    let frank: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[11] == "906757ffff-deleted-frank")
        .collect();
    assert_eq!(frank.len(), 1);
    assert_eq!(frank[0][12], "(deleted)");
    assert_eq!(frank[0][1], "web-prod");
    let suspended: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "SUSPENDED").collect();
    assert_eq!(suspended.len(), 1);
    assert_eq!(suspended[0][1], "legacy-analytics");
    let outdated: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[16] == "outdated")
        .map(|r| (r[1].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(outdated, [("sandbox", "PowerUserAccess")]);

    let expanded = records(&stdout_of(&[
        "audit",
        "assignments",
        "--live",
        live,
        "--expand-groups",
    ]));
    assert_eq!(expanded.len(), 31);
    let carol: Vec<&Vec<String>> = expanded.iter().filter(|r| r[12] == "Carol Díaz").collect();
    assert_eq!(
        carol.len(),
        9,
        "Carol reaches nine accounts through auditors"
    );
    assert!(carol.iter().all(|r| r[15] == "auditors"));
}

#[test]
fn filters_narrow_the_example_inventory() {
    let live = example();
    let live = live.to_str().expect("path");
    let ou = records(&stdout_of(&[
        "audit",
        "assignments",
        "--live",
        live,
        "--ou",
        "Foundational/Workloads",
    ]));
    let mut accounts: Vec<&str> = ou.iter().map(|r| r[1].as_str()).collect();
    accounts.dedup();
    assert_eq!(
        accounts,
        ["payments-dev", "payments-prod", "sandbox", "web-prod"]
    );

    let alice = records(&stdout_of(&[
        "audit",
        "assignments",
        "--live",
        live,
        "--expand-groups",
        "--principal",
        "alice",
        "--permission-set",
        "AdministratorAccess",
    ]));
    let alice_accounts: Vec<&str> = alice.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        alice_accounts,
        [
            "legacy-analytics",
            "payments-dev",
            "payments-prod",
            "policy-canary",
            "sandbox",
            "tooling",
            "web-prod"
        ]
    );
    let by_account = records(&stdout_of(&[
        "audit",
        "assignments",
        "--live",
        live,
        "--account",
        "121212121212",
    ]));
    assert_eq!(by_account.len(), 3);
}

#[test]
fn a_misspelled_filter_exits_2_with_a_suggestion() {
    let live = example();
    orgguard()
        .args(["audit", "assignments", "--live"])
        .arg(&live)
        .args(["--permission-set", "AdminAccess"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no permission set `AdminAccess` in the snapshot",
        ))
        .stderr(predicates::str::contains("AdministratorAccess"));
    orgguard()
        .args(["audit", "assignments", "--live"])
        .arg(&live)
        .args(["--account", "web-prd"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `web-prod`?"));
}

#[test]
fn without_live_the_commands_read_the_live_organization() {
    // Nothing answers at the test endpoint: the failed call is named.
    for sub in ["assignments", "findings", "iam-users"] {
        orgguard()
            .args(["audit", sub])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "aws organizations DescribeOrganization failed",
            ))
            .stderr(predicates::str::contains("could not reach the endpoint"));
    }
}

#[test]
fn every_format_writes_to_a_file_with_dash_o() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = example();
    for (format, marker) in [
        ("csv", "account_id,account_name,ou_path"),
        ("json", "\"rows\": ["),
        ("markdown", "# Identity Center assignments"),
        ("html", "<table id=\"inventory\">"),
    ] {
        let path = dir.path().join(format!("inventory.{format}"));
        orgguard()
            .args(["audit", "assignments", "--format", format, "--live"])
            .arg(&live)
            .arg("-o")
            .arg(&path)
            .assert()
            .code(0)
            .stdout("");
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.contains(marker), "{format}: {text}");
    }
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("inventory.json")).expect("json"),
    )
    .expect("valid JSON");
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(22));
}

#[test]
fn iam_users_lists_the_failed_account_as_not_read() {
    let live = example();
    let text = stdout_of(&["audit", "iam-users", "--live", live.to_str().expect("path")]);
    let rows = records(&text);
    let web: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "555555555555").collect();
    assert_eq!(web.len(), 1);
    assert_eq!(web[0][2], "not read");
    assert!(web[0][12].contains("AssumeRole"), "{:?}", web[0]);
    let key: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[7] == "AKIA4444LEGACYBATCH1")
        .collect();
    assert_eq!(key.len(), 1);
    // Created 2019-03-11T12:05Z, snapshot 2026-11-21T09:00Z.
    assert_eq!(key[0][9], "2811");
    assert_eq!(key[0][3], "legacy-batch");
    let json = stdout_of(&[
        "audit",
        "iam-users",
        "--format",
        "json",
        "--live",
        live.to_str().expect("path"),
    ]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["accounts_not_read"], 8);
}

#[test]
fn findings_report_renders_as_markdown_and_html() {
    let live = example();
    let md = stdout_of(&["audit", "findings", "--live", live.to_str().expect("path")]);
    assert!(md.starts_with("# Findings report"), "{md}");
    assert!(md.contains("## Waivers"));
    let html = stdout_of(&[
        "audit",
        "findings",
        "--format",
        "html",
        "--live",
        live.to_str().expect("path"),
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_snapshot_that_cannot_show_deleted_principals_is_flagged_incomplete() {
    let text = std::fs::read_to_string(example()).expect("example");
    let by_principal = text.replace(
        "\"assignments_read\": \"by-account\"",
        "\"assignments_read\": \"by-principal\"",
    );
    assert_ne!(
        text, by_principal,
        "the example names how assignments were read"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("by-principal.json");
    std::fs::write(&live, by_principal).expect("write");
    orgguard()
        .args(["audit", "assignments", "--format", "html", "--live"])
        .arg(&live)
        .assert()
        .code(0)
        .stderr(predicates::str::contains(
            "assignments of deleted users and groups are not visible",
        ))
        .stdout(predicates::str::contains("<strong>Incomplete:</strong>"));
}

#[test]
fn the_findings_report_shows_what_opened_and_what_was_fixed_since_a_baseline() {
    let empty = tempfile::tempdir().expect("tempdir");
    let dir = empty.path().to_str().expect("path");
    let baseline = empty.path().join("baseline.json");
    let live = fixture();
    let out = orgguard()
        .args(["-C", dir, "lint", "--live"])
        .arg(&live)
        .arg("--write-baseline")
        .arg(&baseline)
        .output()
        .expect("runs");
    assert!(
        baseline.exists(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Reactivate the suspended account (its SSO002 finding is fixed) and
    // assign a user directly (a new SSO004 finding).
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&live).expect("read")).expect("json");
    for account in snapshot["accounts"].as_array_mut().expect("accounts") {
        if account["id"] == "100000000005" {
            account["status"] = "ACTIVE".into();
        }
    }
    snapshot["identity_center"]["assignments"]
        .as_array_mut()
        .expect("assignments")
        .push(serde_json::json!({
            "account_id": "100000000002",
            "permission_set_arn": "arn:aws:sso:::permissionSet/ssoins-1/ps-read",
            "principal_type": "USER",
            "principal_id": "u-ana"
        }));
    let changed = empty.path().join("changed.json");
    std::fs::write(&changed, snapshot.to_string()).expect("write");
    let report = stdout_of(&[
        "-C",
        dir,
        "audit",
        "findings",
        "--live",
        changed.to_str().expect("path"),
        "--baseline",
        baseline.to_str().expect("path"),
    ]);
    let section = report
        .split("## Since the baseline\n\n")
        .nth(1)
        .and_then(|rest| rest.split("## By severity").next())
        .unwrap_or_else(|| panic!("no baseline section: {report}"));
    assert!(section.starts_with("1 opened, 1 fixed.\n"), "{section}");
    let (opened, fixed) = section.split_once("### Fixed").expect("fixed table");
    assert!(
        opened.contains("| SSO004 |") && opened.contains("u-ana"),
        "{opened}"
    );
    assert!(
        fixed.contains("| SSO002 |") && fixed.contains("100000000005"),
        "{fixed}"
    );
}
