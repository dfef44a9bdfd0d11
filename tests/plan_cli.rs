//! `orgguard plan` on the shipped example against its live snapshot, with
//! golden files for every output format (UPDATE_GOLDEN=1 rewrites them).

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::{example_copy, orgguard, repo_dir};

fn live_file() -> PathBuf {
    repo_dir().join("examples/live-org.json")
}

fn golden(name: &str, actual: &str) {
    let path = repo_dir().join("tests/golden/plan").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .expect("golden file (run with UPDATE_GOLDEN=1 to create it)");
    assert_eq!(actual, expected, "{name} differs from the golden file");
}

fn plan_output(dir: &Path, args: &[&str]) -> (i32, String, String) {
    plan_output_from(dir, &live_file(), args)
}

fn plan_output_from(dir: &Path, live: &Path, args: &[&str]) -> (i32, String, String) {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .arg("plan")
        .arg("--live")
        .arg(live)
        .args(args)
        .output()
        .expect("run orgguard");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the example whose ou-layout.toml has `from` replaced by `to`,
/// and the layout's original text.
fn example_with(from: &str, to: &str) -> (tempfile::TempDir, String) {
    let dir = example_copy();
    let layout = dir.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&layout).expect("read");
    assert!(text.contains(from), "the example has no `{from}`");
    std::fs::write(&layout, text.replace(from, to)).expect("write");
    (dir, text)
}

#[test]
fn the_example_plans_as_text() {
    let (code, stdout, stderr) = plan_output(&repo_dir(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains('\x1b'), "no colour when not on a terminal");
    golden("example.txt", &stdout);
}

#[test]
fn verbose_says_how_long_each_step_took_and_the_plan_is_unchanged() {
    let (_, quiet_stdout, _) = plan_output(&repo_dir(), &[]);
    let (code, stdout, stderr) = plan_output(&repo_dir(), &["-v"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, quiet_stdout, "timings go to stderr only");
    for step in [
        "read the layout",
        "checked the layout",
        "modelled the layout",
        "read the snapshot",
        "planned",
        "rendered the plan",
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("phase: {step} in ")))
            .unwrap_or_else(|| panic!("no timing for `{step}` in:\n{stderr}"));
        assert!(line.contains(" s"), "{line}");
    }
    assert!(
        stderr.contains("examples/live-org.json"),
        "the snapshot step names its file: {stderr}"
    );
}

#[test]
fn the_example_plans_as_markdown() {
    let (code, stdout, stderr) = plan_output(&repo_dir(), &["--format", "markdown"]);
    assert_eq!(code, 0, "{stderr}");
    golden("example.md", &stdout);
}

#[test]
fn the_example_plans_as_json() {
    let (code, stdout, stderr) = plan_output(&repo_dir(), &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let value: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(value["format_version"], 1);
    assert_eq!(
        value["summary"],
        json!({"create": 8, "update": 3, "move": 2, "delete": 0})
    );
    golden("example.json", &stdout);
}

#[test]
fn deleting_unmanaged_objects_is_opt_in() {
    let (dir, _) = example_with("unmanaged = \"keep\"", "unmanaged = \"delete\"");
    let (code, stdout, stderr) = plan_output(dir.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    golden("example-delete.txt", &stdout);
}

#[test]
fn detailed_exitcode_is_1_with_changes() {
    let (code, _, _) = plan_output(&repo_dir(), &["--detailed-exitcode"]);
    assert_eq!(code, 1);
}

/// The example's live snapshot with the plan's changes made by hand.
fn converged_snapshot() -> Value {
    let layout = orgguard::layout::load(&repo_dir())
        .expect("load")
        .layout
        .expect("layout");
    let content = |name: &str| layout.policies[name].content.clone();
    let mut live: Value =
        serde_json::from_str(&std::fs::read_to_string(live_file()).expect("read")).expect("json");
    for ou in live["organizational_units"].as_array_mut().expect("ous") {
        match ou["name"].as_str() {
            Some("Dev") => {
                ou["name"] = json!("SDLC");
                ou["tags"] = json!({"environment": "sdlc"});
            }
            Some("Infra") => ou["tags"] = json!({"owner": "security"}),
            Some("Production") => ou["tags"] = json!({"environment": "production"}),
            _ => {}
        }
    }
    for account in live["accounts"].as_array_mut().expect("accounts") {
        if account["id"] == "777777777777" {
            account["parent_id"] = json!("ou-ex12-dev00005");
        }
    }
    let policies = live["policies"].as_array_mut().expect("policies");
    for policy in policies.iter_mut() {
        if policy["name"] == "region-restriction" {
            policy["content"] = json!(content("region-restriction"));
            policy["description"] = json!(
                "Deny regional services outside the approved regions, except for the break-glass role."
            );
        }
    }
    policies.push(json!({
        "id": "p-ex00000007",
        "arn": "arn:aws:organizations::111111111111:policy/o-exampleorg1/service_control_policy/p-ex00000007",
        "name": "production-critical-operations",
        "description": "Critical, hard-to-reverse operations in production need the break-glass role.",
        "aws_managed": false,
        "content": content("production-critical-operations"),
        "targets": ["ou-ex12-prd00004"]
    }));
    // RCPs enabled, with the layout's two on Workloads.
    live["roots"][0]["policy_types"]
        .as_array_mut()
        .expect("policy types")
        .push(json!({"type": "RESOURCE_CONTROL_POLICY", "status": "ENABLED"}));
    let rcp = |id: &str, name: &str, description: &str| {
        json!({
            "id": id,
            "arn": format!("arn:aws:organizations::111111111111:policy/o-exampleorg1/resource_control_policy/{id}"),
            "name": name,
            "description": description,
            "aws_managed": false,
            "content": layout.rcps[name].content.clone(),
            "targets": ["ou-ex12-wrk00003"]
        })
    };
    live["rcps"] = json!([
        rcp(
            "p-ex00000101",
            "data-perimeter",
            "Only principals of the organization, and AWS services, reach S3 and KMS resources."
        ),
        rcp(
            "p-ex00000102",
            "deny-external-assume-role",
            "Roles can be assumed only by principals of the organization and AWS services."
        ),
    ]);
    live
}

#[test]
fn a_converged_organization_has_no_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("live.json");
    std::fs::write(&live, converged_snapshot().to_string()).expect("write");
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["plan", "--detailed-exitcode", "--live"])
        .arg(&live)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.ends_with("No changes. The organization matches the layout.\n"),
        "{stdout}"
    );
    // The unmanaged objects are still listed, as kept.
    assert!(
        stdout.contains("OU Sandbox-old (ou-ex12-old00009): kept"),
        "{stdout}"
    );
}

#[test]
fn a_saved_plan_records_what_it_was_computed_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.json");
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["plan", "-o"])
        .arg(&file)
        .arg("--live")
        .arg(live_file())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("saved")).expect("json");
    assert_eq!(saved["format_version"], 2);
    assert_eq!(saved["orgguard_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(saved["organization_id"], "o-exampleorg1");
    assert_eq!(saved["live_fingerprint"].as_str().map(str::len), Some(64));
    assert_eq!(saved["layout_digest"].as_str().map(str::len), Some(64));
    assert_eq!(saved["changes_digest"].as_str().map(str::len), Some(64));
    assert_eq!(saved["changes"].as_array().map(Vec::len), Some(13));
    assert_eq!(saved["changes"][0]["op"], "enable_policy_type");
    assert_eq!(saved["changes"][0]["kind"], "rcp");
}

#[test]
fn a_layout_with_errors_is_not_planned() {
    let (dir, _) = example_with("\"deny-root-user\"]", "\"deny-root-usr\"]");
    let (code, stdout, stderr) = plan_output(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("SCP `deny-root-usr` is attached to OU `Foundational` but not defined"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was planned"), "{stderr}");
}

#[test]
fn with_a_broken_layout_and_a_broken_snapshot_the_layout_is_reported() {
    // The two are read side by side; the layout's errors still come first,
    // as they did when it was read before the snapshot.
    let (dir, text) = example_with("\"deny-root-user\"]", "\"deny-root-usr\"]");
    let snapshot = dir.path().join("broken.json");
    std::fs::write(&snapshot, "{\"schema_version\": ").expect("write");
    let plan = || {
        let (code, _, stderr) = plan_output_from(dir.path(), &snapshot, &[]);
        assert_eq!(code, 2, "{stderr}");
        stderr
    };
    let stderr = plan();
    assert!(stderr.contains("`deny-root-usr`"), "{stderr}");
    assert!(stderr.contains("nothing was planned"), "{stderr}");
    assert!(!stderr.contains("broken.json"), "{stderr}");

    // With the layout fixed, the snapshot's error is the one reported.
    std::fs::write(dir.path().join("ou-layout.toml"), &text).expect("write");
    let stderr = plan();
    assert!(stderr.contains("broken.json"), "{stderr}");
}

#[test]
fn another_organization_is_refused() {
    let (dir, _) = example_with("o-exampleorg1", "o-otherorg99");
    let (code, stdout, stderr) = plan_output(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(
            "the live organization is o-exampleorg1, but ou-layout.toml is for o-otherorg99"
        ),
        "{stderr}"
    );
}

#[test]
fn a_kept_unmanaged_scp_counts_against_the_limit() {
    let dir = example_copy();
    let layout = dir.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&layout)
        .expect("read")
        .replace("[vars]", "[settings.limits]\nscps_per_target = 4\n\n[vars]")
        .replace(
            "path = \"Foundational/Workloads\"\n",
            "path = \"Foundational/Workloads\"\nscps = [\"FullAWSAccess\", \"deny-root-user\", \"deny-all\", \"region-restriction\"]\n",
        );
    std::fs::write(&layout, text).expect("write");
    let (code, stdout, stderr) = plan_output(dir.path(), &[]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("OU Foundational/Workloads would have 5 SCPs attached; the limit is 4"),
        "{stderr}"
    );
}
