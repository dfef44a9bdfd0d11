//! `orgguard access` and the access part of `orgguard validate`, run as a
//! user would: the shipped example policies against a fixture snapshot.

mod support;

use std::path::PathBuf;

use predicates::prelude::*;
use support::{example_copy, orgguard, repo_dir};

fn fixture() -> PathBuf {
    repo_dir().join("tests/fixtures/access/live.json")
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_reports_exactly_the_assignments_the_example_policies_do_not_allow() {
    let output = orgguard()
        .current_dir(repo_dir())
        .args(["access", "check", "--live"])
        .arg(fixture())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout_of(&output);
    let findings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("SSO100 high: "))
        .collect();
    assert_eq!(
        findings,
        [
            "SSO100 high: group platform-admins holds AdministratorAccess on shop-prod (200000000001): forbidden by `production-writes-only-break-glass` (policies/access.cedar:70)",
            "SSO100 high: group developers holds PowerUserAccess on shop-prod (200000000001): forbidden by `production-writes-only-break-glass` (policies/access.cedar:70)",
            "SSO100 high: user dan holds AdministratorAccess on shop-dev (200000000002) directly: forbidden by `no-direct-user-assignments` (policies/access.cedar:80)",
            "SSO100 high: user u-ghost holds ReadOnlyAccess on shop-dev (200000000002) directly: the user is not in the identity store, so no policy can permit it",
            "SSO100 high: group developers holds ReadOnlyAccess on tools (200000000003): no policy permits it",
            "SSO100 high: group platform-admins holds AdministratorAccess on old-dev (200000000004): forbidden by `no-access-to-inactive-accounts` (policies/access.cedar:89)",
        ]
    );
    assert!(text.contains(
        "12 assignments checked against policies/access.cedar: 6 allowed, 6 not allowed"
    ));
}

#[test]
fn check_as_json_lists_findings_and_every_decision() {
    let output = orgguard()
        .current_dir(repo_dir())
        .args([
            "access",
            "check",
            "--format",
            "json",
            "--expand-groups",
            "--live",
        ])
        .arg(fixture())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["checked"], 25);
    assert_eq!(report["not_allowed"], 11);
    assert_eq!(report["findings"].as_array().map(Vec::len), Some(11));
    assert_eq!(report["findings"][0]["code"], "SSO100");
    assert_eq!(
        report["findings"][0]["subject"]["account_id"],
        "200000000001"
    );
    let assignments = report["assignments"].as_array().expect("assignments");
    let ben_prod = assignments
        .iter()
        .find(|a| a["principal"] == "ben" && a["account_id"] == "200000000001")
        .expect("ben's share of the developers assignment");
    assert_eq!(ben_prod["via_group"], "developers");
    assert_eq!(ben_prod["allowed"], false);
    assert_eq!(
        ben_prod["policies"][0],
        "production-writes-only-break-glass"
    );
    // ann is in break-glass, so her share of the platform-admins production
    // assignment is allowed even though the group's is not.
    let ann_prod = assignments
        .iter()
        .find(|a| {
            a["principal"] == "ann"
                && a["account_id"] == "200000000001"
                && a["via_group"] == "platform-admins"
        })
        .expect("ann's share");
    assert_eq!(ann_prod["allowed"], true);
}

#[test]
fn check_exits_0_when_every_assignment_is_allowed() {
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture()).expect("read")).expect("json");
    let keep = ["g-auditors", "g-breakglass"];
    let assignments = snapshot["identity_center"]["assignments"]
        .as_array_mut()
        .expect("array");
    assignments.retain(|a| keep.contains(&a["principal_id"].as_str().unwrap_or_default()));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("live.json");
    std::fs::write(&path, snapshot.to_string()).expect("write");
    orgguard()
        .current_dir(repo_dir())
        .args(["access", "check", "--live"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("3 assignments checked against policies/access.cedar: 3 allowed, 0 not allowed\n");
}

#[test]
fn check_without_a_snapshot_reads_the_live_organization() {
    // Nothing answers at the test endpoint: the failed call is named.
    orgguard()
        .current_dir(repo_dir())
        .args(["access", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "aws organizations DescribeOrganization failed",
        ))
        .stderr(predicate::str::contains("could not reach the endpoint"));
}

#[test]
fn check_refuses_policies_that_do_not_fit_the_schema() {
    let repo = example_copy();
    let path = repo.path().join("policies/access.cedar");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace("Action::\"ReadOnlyAccess\"", "Action::\"ReadOnlyAcess\""),
    )
    .expect("write");
    orgguard()
        .current_dir(repo.path())
        .args(["access", "check", "--live"])
        .arg(fixture())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unrecognized action `Action::\"ReadOnlyAcess\"`",
        ))
        .stderr(predicate::str::contains("orgguard validate"));
}

#[test]
fn explain_allow_names_the_permitting_policy() {
    orgguard()
        .current_dir(repo_dir())
        .args(["access", "explain", "--principal", "group:developers", "--permission-set", "PowerUserAccess", "--account", "shop-dev", "--live"])
        .arg(fixture())
        .assert()
        .code(0)
        .stdout(
            "ALLOW: group developers may hold PowerUserAccess on shop-dev (200000000002)\n  permitted by:\n    permit `developers-poweruser-in-sdlc` at policies/access.cedar:47:1\n",
        );
}

#[test]
fn explain_deny_names_the_forbidding_policy() {
    orgguard()
        .current_dir(repo_dir())
        .args(["access", "explain", "--principal", "platform-admins", "--permission-set", "AdministratorAccess", "--account", "200000000001", "--live"])
        .arg(fixture())
        .assert()
        .code(1)
        .stdout(
            "DENY: group platform-admins may not hold AdministratorAccess on shop-prod (200000000001)\n  forbidden by:\n    forbid `production-writes-only-break-glass` at policies/access.cedar:70:1\n",
        );
}

#[test]
fn explain_deny_by_default_when_nothing_permits() {
    let output = orgguard()
        .current_dir(repo_dir())
        .args([
            "access",
            "explain",
            "--principal",
            "group:developers",
            "--permission-set",
            "ReadOnlyAccess",
            "--account",
            "tools",
            "--format",
            "json",
            "--live",
        ])
        .arg(fixture())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(e["allowed"], false);
    assert_eq!(e["policies"], serde_json::json!([]));
    assert_eq!(e["account_id"], "200000000003");
}

#[test]
fn explain_suggests_a_name_for_an_unknown_principal() {
    orgguard()
        .current_dir(repo_dir())
        .args([
            "access",
            "explain",
            "--principal",
            "group:developer",
            "--permission-set",
            "ReadOnlyAccess",
            "--account",
            "tools",
            "--live",
        ])
        .arg(fixture())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no group is named `developer`"))
        .stderr(predicate::str::contains("did you mean `developers`?"));
}

#[test]
fn validate_reports_a_misspelled_permission_set_with_file_line_and_hint() {
    let repo = example_copy();
    let path = repo.path().join("policies/access.cedar");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replacen(
            "Action::\"PowerUserAccess\"",
            "Action::\"PowerUsrAccess\"",
            1,
        ),
    )
    .expect("write");
    orgguard()
        .current_dir(repo.path())
        .arg("validate")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "policies/access.cedar:50:13: error[cedar-schema]: for policy `developers-poweruser-in-sdlc`, unrecognized action `Action::\"PowerUsrAccess\"`",
        ))
        .stdout(predicate::str::contains("help: did you mean `PowerUserAccess`?"))
        .stdout(predicate::str::contains("1 error, 0 warnings"));
}

#[test]
fn validate_reports_a_misspelled_entity_type_with_file_line_and_hint() {
    let repo = example_copy();
    let path = repo.path().join("policies/access.cedar");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replacen(
            "principal in Group::\"auditors\"",
            "principal in Grop::\"auditors\"",
            1,
        ),
    )
    .expect("write");
    orgguard()
        .current_dir(repo.path())
        .args(["validate", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"message\": \"for policy `auditors-read-everywhere`, unrecognized entity type `Grop`\""))
        .stdout(predicate::str::contains("\"file\": \"policies/access.cedar\""))
        .stdout(predicate::str::contains("\"line\": 12"))
        .stdout(predicate::str::contains("\"help\": \"did you mean `Group`?\""));
}

#[test]
fn validate_reports_cedar_syntax_errors_as_unreadable() {
    let repo = example_copy();
    let path = repo.path().join("policies/access.cedar");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        format!("{text}\npermit (principal, action resource);\n"),
    )
    .expect("write");
    orgguard()
        .current_dir(repo.path())
        .arg("validate")
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "policies/access.cedar:107:27: error[cedar-syntax]: unexpected token `resource`",
        ));
}

#[test]
fn validate_with_a_snapshot_warns_about_names_the_org_does_not_have() {
    let repo = example_copy();
    let path = repo.path().join("policies/access.cedar");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replacen("Group::\"auditors\"", "Group::\"auditor\"", 1),
    )
    .expect("write");
    orgguard()
        .current_dir(repo.path())
        .arg("validate")
        .assert()
        .code(0);
    orgguard()
        .current_dir(repo.path())
        .args(["validate", "--live"])
        .arg(repo_dir().join("examples/live-org.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "policies/access.cedar:12:16: warning[access-unknown-name]: policy `auditors-read-everywhere` names group `auditor`, which does not exist in the organization",
        ))
        .stdout(predicate::str::contains("did you mean `auditors`?"));
}

#[test]
fn validate_needs_declared_permission_sets() {
    let repo = example_copy();
    let path = repo.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let cut = text.find("[access]").expect("example declares [access]");
    std::fs::write(&path, &text[..cut]).expect("write");
    orgguard()
        .current_dir(repo.path())
        .arg("validate")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ou-layout.toml declares none"))
        .stdout(predicate::str::contains("add an [access] section"));
}

#[test]
fn the_shipped_example_validates_clean() {
    orgguard()
        .current_dir(repo_dir())
        .args(["validate", "--deny-warnings", "--live"])
        .arg(repo_dir().join("examples/live-org.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
}

#[test]
fn schema_declares_permission_sets_and_action_groups() {
    orgguard()
        .current_dir(repo_dir())
        .args(["access", "schema"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("entity Account in [OU, Root] {"))
        .stdout(predicate::str::contains(
            "action \"AdministratorAccess\" in [\"write\"] appliesTo {",
        ))
        .stdout(predicate::str::contains("action \"write\";"));
}

#[test]
fn check_refuses_a_snapshot_whose_identity_center_read_failed() {
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture()).expect("read")).expect("json");
    snapshot["incomplete"] = serde_json::json!([{
        "service": "sso-admin",
        "operation": "ListAccountAssignments",
        "message": "AccessDeniedException"
    }]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("live.json");
    std::fs::write(&path, snapshot.to_string()).expect("write");
    orgguard()
        .current_dir(repo_dir())
        .args(["access", "check", "--live"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Identity Center could not be read",
        ))
        .stderr(predicate::str::contains("ListAccountAssignments"));
}
