//! `orgguard validate --format sarif|github|json` on broken copies of the
//! shipped example: validate's findings come out as lint's do, with rule
//! metadata from the one registry, and `explain` knows validate's codes.

mod support;

use std::path::Path;

use support::{example_copy, orgguard, repo_dir};

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line and column where `needle` starts in a file of `dir`.
fn position(dir: &Path, file: &str, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let at = text.find(needle).expect("needle");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = at - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
    (line as u64, column as u64)
}

/// Runs validate with `args` on `dir`; checks the exit code; returns stdout.
fn validate(dir: &Path, args: &[&str], code: i32) -> String {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .arg("validate")
        .args(args)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn sarif(dir: &Path, code: i32) -> serde_json::Value {
    let log: serde_json::Value =
        serde_json::from_str(&validate(dir, &["--format", "sarif"], code)).expect("sarif is json");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("compile schema");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    log
}

/// A broken copy of the example: an SCP attachment with a typo in
/// ou-layout.toml (an error, which leaves deny-all attached nowhere: a
/// warning), an SCP file nothing attaches (a warning) and a lower-case
/// Effect in it (an error in the policy file).
fn broken() -> tempfile::TempDir {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "scps = [\"deny-all\"]",
        "scps = [\"deny-al\"]",
    );
    std::fs::write(
        dir.path().join("policies/orphan.json"),
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_broken_layout_gives_sarif_results_with_rule_level_file_and_line() {
    let dir = broken();
    let log = sarif(dir.path(), 1);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    let find = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap_or_else(|| panic!("no {rule} result in {results:#?}"))
    };

    let unknown = find("unknown-scp");
    assert_eq!(unknown["level"], "error");
    assert_eq!(unknown["properties"]["severity"], "high");
    let (line, column) = position(dir.path(), "ou-layout.toml", "\"deny-al\"");
    let physical = &unknown["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "ou-layout.toml");
    assert_eq!(physical["region"]["startLine"], line);
    assert_eq!(physical["region"]["startColumn"], column);
    assert!(
        unknown["message"]["text"]
            .as_str()
            .is_some_and(|m| m.contains("`deny-al`") && m.contains("did you mean `deny-all`?")),
        "{unknown:#}"
    );
    // Rule metadata comes from the registry, and ruleIndex points at it.
    let index = unknown["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    let rule = &rules[index];
    assert_eq!(rule["id"], "unknown-scp");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(
        rule["help"]["markdown"]
            .as_str()
            .is_some_and(|m| m.contains("### How to fix")),
        "{rule:#}"
    );

    let grammar = find("scp-grammar");
    assert_eq!(grammar["level"], "error");
    let (line, column) = position(dir.path(), "policies/orphan.json", "\"deny\"");
    let physical = &grammar["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "policies/orphan.json");
    assert_eq!(physical["region"]["startLine"], line);
    assert_eq!(physical["region"]["startColumn"], column);

    let unattached: Vec<_> = results
        .iter()
        .filter(|r| r["ruleId"] == "unattached-scp")
        .map(|r| {
            assert_eq!(r["level"], "warning");
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone()
        })
        .collect();
    // The typo leaves deny-all unattached too.
    assert_eq!(
        unattached,
        ["policies/deny-all.json", "policies/orphan.json"]
    );
    // Lint's rules are in the same table.
    assert!(rules.iter().any(|r| r["id"] == "KMS001"));
}

#[test]
fn a_clean_layout_gives_sarif_without_results_and_warnings_keep_their_exit_codes() {
    let log = sarif(&repo_dir(), 0);
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));

    // A warning alone: exit 0, or 1 with --deny-warnings, in SARIF too.
    let dir = example_copy();
    std::fs::write(
        dir.path().join("policies/orphan.json"),
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}"#,
    )
    .unwrap();
    let log = sarif(dir.path(), 0);
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0]["ruleId"], "unattached-scp");
    assert_eq!(results[0]["level"], "warning");
    validate(dir.path(), &["--format", "sarif", "--deny-warnings"], 1);
}

#[test]
fn github_format_annotates_file_and_line() {
    let dir = broken();
    let out = validate(dir.path(), &["--format", "github"], 1);
    let (line, column) = position(dir.path(), "ou-layout.toml", "\"deny-al\"");
    let expected =
        format!("::error file=ou-layout.toml,line={line},col={column},title=unknown-scp (high)::");
    assert!(
        out.lines().any(|l| l.starts_with(&expected)),
        "no {expected} in:\n{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with(
            "::warning file=policies/orphan.json,line=1,col=1,title=unattached-scp (medium)::"
        )),
        "{out}"
    );
}

#[test]
fn text_output_still_says_error_and_warning() {
    let dir = broken();
    let out = validate(dir.path(), &[], 1);
    assert!(out.contains("ou-layout.toml:"), "{out}");
    assert!(out.contains(": error[unknown-scp]: "), "{out}");
    assert!(out.contains(": error[scp-grammar]: "), "{out}");
    assert!(
        out.contains("policies/orphan.json:1:1: warning[unattached-scp]: "),
        "{out}"
    );
    assert!(out.contains("2 errors, 2 warnings"), "{out}");
}

#[test]
fn json_output_is_version_2_with_findings_as_lint_writes_them() {
    let dir = broken();
    let report: serde_json::Value =
        serde_json::from_str(&validate(dir.path(), &["--format", "json"], 1)).expect("json");
    assert_eq!(report["version"], 2);
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"], 2);
    assert_eq!(report["warnings"], 2);
    let findings = report["findings"].as_array().expect("findings");
    let unknown = findings
        .iter()
        .find(|f| f["code"] == "unknown-scp")
        .expect("unknown-scp");
    assert_eq!(unknown["severity"], "high");
    assert_eq!(unknown["subject"]["file"], "ou-layout.toml");
    let (line, column) = position(dir.path(), "ou-layout.toml", "\"deny-al\"");
    assert_eq!(unknown["subject"]["line"], line);
    assert_eq!(unknown["subject"]["column"], column);
    assert_eq!(unknown["help"], "did you mean `deny-all`?");
    let unattached = findings
        .iter()
        .find(|f| f["code"] == "unattached-scp" && f["subject"]["file"] == "policies/orphan.json")
        .expect("unattached-scp");
    assert_eq!(unattached["severity"], "medium");
    assert_eq!(unattached["subject"]["line"], 1);
}

#[test]
fn explain_knows_validate_rules() {
    let out = orgguard()
        .args(["explain", "scp-grammar"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("scp-grammar: An SCP document breaks the IAM policy grammar"),
        "{text}"
    );
    assert!(
        text.contains("needs: the files alone; `orgguard validate` reports it"),
        "{text}"
    );
    assert!(text.contains("default severity: high"), "{text}");

    // The code wins over lint's rule of the same name.
    let out = orgguard()
        .args(["explain", "unattached-scp", "--format", "json"])
        .output()
        .expect("run");
    let rule: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rule["code"], "unattached-scp");
    assert_eq!(rule["severity"], "medium");

    let out = orgguard().args(["explain", "--all"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("KMS001  single-key-administrator ")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("cedar-syntax ")),
        "{text}"
    );
}
