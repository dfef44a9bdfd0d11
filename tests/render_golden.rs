//! Every report in every format it is offered in, byte for byte against a
//! golden file in tests/golden/render/ (UPDATE_GOLDEN=1 rewrites them).
//! Plans have their own goldens (tests/plan_cli.rs), as do the audit CSVs
//! (tests/audit_cli.rs).

mod support;

use std::path::Path;

use support::{orgguard, repo_dir};

fn golden(name: &str, actual: &str) {
    let path = repo_dir().join("tests/golden/render").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("golden dir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .expect("golden file (run with UPDATE_GOLDEN=1 to create it)");
    assert_eq!(actual, expected, "{name} differs from the golden file");
}

/// stdout of orgguard run in `dir`, which must exit with `code`.
fn stdout_in(dir: &Path, args: &[&str], code: i32) -> String {
    let out = orgguard()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run orgguard");
    assert_eq!(
        out.status.code(),
        Some(code),
        "orgguard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn lint_reports_in_every_format() {
    for (format, ext) in [
        ("text", "txt"),
        ("json", "json"),
        ("sarif", "sarif"),
        ("markdown", "md"),
        ("github", "github.txt"),
    ] {
        let out = stdout_in(
            &repo_dir(),
            &[
                "lint",
                "--live",
                "examples/live-org.json",
                "--format",
                format,
            ],
            1,
        );
        golden(&format!("lint.{ext}"), &out);
    }
}

#[test]
fn audit_reports_in_every_format() {
    // No layout in -C: lint runs with its defaults.
    let empty = tempfile::tempdir().expect("tempdir");
    let live = repo_dir().join("tests/fixtures/audit-org.json");
    let live = live.to_str().expect("path");
    let cases = [
        ("assignments", "json", "audit-assignments.json"),
        ("assignments", "markdown", "audit-assignments.md"),
        ("assignments", "html", "audit-assignments.html"),
        ("findings", "markdown", "audit-findings.md"),
        ("findings", "html", "audit-findings.html"),
        ("iam-users", "json", "audit-iam-users.json"),
        ("iam-users", "markdown", "audit-iam-users.md"),
    ];
    for (report, format, name) in cases {
        let out = stdout_in(
            empty.path(),
            &["audit", report, "--live", live, "--format", format],
            0,
        );
        golden(name, &out);
    }
}

#[test]
fn simulate_reports_in_every_format() {
    for (format, ext) in [("text", "txt"), ("json", "json"), ("markdown", "md")] {
        let out = stdout_in(
            &repo_dir(),
            &[
                "simulate",
                "--live",
                "examples/live-org.json",
                "--events",
                "examples/cloudtrail",
                "--format",
                format,
            ],
            1,
        );
        golden(&format!("simulate.{ext}"), &out);
        let out = stdout_in(
            &repo_dir(),
            &[
                "simulate",
                "--observed",
                "--live",
                "examples/live-org.json",
                "--events",
                "examples/cloudtrail-canary",
                "--format",
                format,
            ],
            1,
        );
        golden(&format!("simulate-observed.{ext}"), &out);
    }
}

#[test]
fn access_reports_in_every_format() {
    let live = "tests/fixtures/access/live.json";
    for (format, ext) in [("text", "txt"), ("json", "json")] {
        let out = stdout_in(
            &repo_dir(),
            &["access", "check", "--live", live, "--format", format],
            1,
        );
        golden(&format!("access-check.{ext}"), &out);
        let out = stdout_in(
            &repo_dir(),
            &[
                "access",
                "explain",
                "--principal",
                "group:developers",
                "--permission-set",
                "PowerUserAccess",
                "--account",
                "shop-dev",
                "--live",
                live,
                "--format",
                format,
            ],
            0,
        );
        golden(&format!("access-explain.{ext}"), &out);
    }
}

#[test]
fn rule_explanations_in_every_format() {
    for (format, ext) in [("text", "txt"), ("markdown", "md"), ("json", "json")] {
        let out = stdout_in(&repo_dir(), &["explain", "KMS001", "--format", format], 0);
        golden(&format!("explain-KMS001.{ext}"), &out);
    }
}
