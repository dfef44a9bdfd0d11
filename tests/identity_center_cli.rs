//! Identity Center as code, offline: `validate` judges the declared
//! assignments against policies/access.cedar before merge, and `plan`
//! against a snapshot shows permission set, provisioning and assignment
//! changes in every format.

mod support;

use std::path::Path;

use support::{example_copy, orgguard, repo_dir};

/// The example repository with the Identity Center declarations of
/// examples/identity-center.toml, and `extra` after them.
fn declared(extra: &str) -> tempfile::TempDir {
    let dir = example_copy();
    let path = dir.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        &std::fs::read_to_string(repo_dir().join("examples/identity-center.toml")).unwrap(),
    );
    text.push_str(extra);
    std::fs::write(path, text).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str], code: i32) -> String {
    let out = orgguard().arg("-C").arg(dir).args(args).assert().code(code);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&out.get_output().stdout).into_owned() + &stderr
}

fn line_of(dir: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(dir.join("ou-layout.toml")).unwrap();
    text.lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn the_example_declarations_pass_validate() {
    let dir = declared("");
    let out = run(dir.path(), &["validate", "--deny-warnings"], 0);
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let out = run(
        dir.path(),
        &[
            "validate",
            "--live",
            repo_dir().join("examples/live-org.json").to_str().unwrap(),
        ],
        0,
    );
    assert!(out.contains("0 errors"), "{out}");
}

#[test]
fn a_forbidden_assignment_fails_validate_with_the_deciding_policy_and_its_line() {
    let dir = declared(
        "\n[[identity_center.assignment]]\ngroup = \"developers\"\npermission_set = \"PowerUserAccess\"\nous = [\"Foundational/Workloads/Production\"]\n",
    );
    let out = run(dir.path(), &["validate"], 1);
    let cedar = std::fs::read_to_string(repo_dir().join("policies/access.cedar")).unwrap();
    let policy_line = cedar
        .lines()
        .position(|l| l.contains("@id(\"production-writes-only-break-glass\")"))
        .unwrap()
        + 1;
    let table = line_of(dir.path(), "ous = [\"Foundational/Workloads/Production\"]") - 3;
    for account in ["444444444444 (payments-prod)", "555555555555 (web-prod)"] {
        let expected = format!(
            "ou-layout.toml:{table}:1: error[access-not-permitted]: group developers would hold PowerUserAccess on account {account}: forbidden by `production-writes-only-break-glass` (policies/access.cedar:{policy_line})"
        );
        assert!(out.contains(&expected), "missing {expected:?} in\n{out}");
    }
    assert!(out.contains("2 errors"), "{out}");
}

#[test]
fn a_direct_user_assignment_no_policy_permits_is_refused() {
    let dir = declared(
        "\n[[identity_center.assignment]]\nuser = \"dave\"\npermission_set = \"ReadOnlyAccess\"\naccounts = [\"tooling\"]\n",
    );
    let out = run(dir.path(), &["validate"], 1);
    assert!(
        out.contains("user dave would hold ReadOnlyAccess on account 999999999999 (tooling): forbidden by `no-direct-user-assignments`"),
        "{out}"
    );
}

#[test]
fn unknown_references_are_named_with_a_suggestion() {
    let dir = declared(
        "\n[[identity_center.assignment]]\ngroup = \"auditors\"\npermission_set = \"ReadOnlyAcess\"\naccounts = [\"web-prd\"]\nous = [\"Maintenence\"]\n",
    );
    let out = run(dir.path(), &["validate"], 1);
    for expected in [
        "error[unknown-permission-set]: permission set `ReadOnlyAcess` is not declared",
        "help: did you mean `ReadOnlyAccess`?",
        "error[unknown-account]: account `web-prd` is not in the layout",
        "help: did you mean `web-prod`?",
        "error[unknown-ou]: OU `Maintenence` is not in the layout",
        "help: did you mean `Maintenance`?",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn inline_policies_are_checked_for_grammar_and_limits() {
    let dir = declared(
        "\n[[identity_center.permission_set]]\nname = \"Broken Name\"\nsession_duration = \"PT13H\"\nmanaged_policies = [\"arn:aws:iam::123456789012:policy/mine\"]\ninline_policy = \"permission-sets/broken.json\"\n",
    );
    std::fs::write(
        dir.path().join("policies/permission-sets/broken.json"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}"#,
    )
    .unwrap();
    let out = run(dir.path(), &["validate"], 1);
    for expected in [
        "`Broken Name` is not a permission set name",
        "session duration `PT13H` is not an ISO 8601 duration from PT1H to PT12H",
        "`arn:aws:iam::123456789012:policy/mine` is not an AWS managed policy ARN",
        "policies/permission-sets/broken.json:1:",
        "Actions",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn with_a_snapshot_unknown_principals_are_errors() {
    let dir = declared(
        "\n[[identity_center.assignment]]\ngroup = \"auditor\"\npermission_set = \"ReadOnlyAccess\"\naccounts = [\"tooling\"]\n",
    );
    let live = repo_dir().join("examples/live-org.json");
    let offline = run(dir.path(), &["validate"], 1);
    assert!(!offline.contains("unknown-principal"), "{offline}");
    let out = run(
        dir.path(),
        &["validate", "--live", live.to_str().unwrap()],
        1,
    );
    assert!(
        out.contains(
            "error[unknown-principal]: group `auditor` is not in the identity store of the snapshot"
        ),
        "{out}"
    );
}

#[test]
fn plan_shows_identity_center_changes_in_every_format_with_one_summary() {
    let dir = declared("");
    let live = repo_dir().join("examples/live-org.json");
    let live = live.to_str().unwrap();
    let text = run(dir.path(), &["plan", "--live", live], 0);
    assert!(
        text.contains("  - unassign AdministratorAccess from user dave on account 444444444444 (payments-prod)"),
        "{text}"
    );
    assert!(text.contains("  ~ provision permission set PowerUserAccess to 1 account\n      accounts: 777777777777"), "{text}");
    let summary = "8 to create, 4 to update, 2 to move, 5 to delete";
    assert!(text.contains(summary), "{text}");
    let markdown = run(
        dir.path(),
        &["plan", "--live", live, "--format", "markdown"],
        0,
    );
    assert!(markdown.contains(summary), "{markdown}");
    assert!(
        markdown.contains("unassign AdministratorAccess from user dave"),
        "{markdown}"
    );
    let json = run(dir.path(), &["plan", "--live", live, "--format", "json"], 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["summary"]["delete"], 5, "{json}");
    assert!(
        json.contains("\"op\": \"provision_permission_set\""),
        "{json}"
    );
}

#[test]
fn the_documented_example_is_the_shipped_one() {
    let example =
        std::fs::read_to_string(repo_dir().join("examples/identity-center.toml")).unwrap();
    let body = example.split_once("\n\n").unwrap().1.trim();
    let docs = std::fs::read_to_string(repo_dir().join("docs/layout.md")).unwrap();
    assert!(
        docs.contains(body),
        "docs/layout.md does not show examples/identity-center.toml as shipped"
    );
}
