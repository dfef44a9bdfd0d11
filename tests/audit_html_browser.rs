//! The HTML reports in a real headless Chromium (Debian's): they open with
//! no console errors and no network requests, the inventory filters and
//! sorts, and screenshots are written. Runs scripts/html-report-check.sh.
//! A missing browser fails the test: scripts/test.sh installs Debian's
//! chromium, and a report nobody opened is not a tested report.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use orgguard::audit::findings_report::{self, Waiver};
use orgguard::diagnostics::{Finding, Severity, Subject, assignment_resource};
use orgguard::org::read_snapshot;
use orgguard::render::formats::Html;
use orgguard::render::to_string;
use support::repo_dir;

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

fn has_node() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A findings report with content, since `audit findings` has no lint
/// findings to show until lint is wired in.
fn sample_findings_report(dir: &Path) -> std::path::PathBuf {
    let snapshot = read_snapshot(&repo_dir().join("examples/live-org.json")).expect("example");
    let ps = "arn:aws:sso:::permissionSet/ssoins-72230000example/ps-0000000000000002";
    let finding = |code: &str, severity, account: &str, resource: String, message: &str| Finding {
        code: code.into(),
        severity,
        message: message.into(),
        subject: Subject {
            account_id: Some(account.into()),
            resource: Some(resource),
            ..Subject::default()
        },
        help: "see `orgguard explain`".into(),
        fingerprint: None,
    };
    let findings = [
        finding(
            "KMS001",
            Severity::Critical,
            "333333333333",
            "arn:aws:kms:eu-west-1:333333333333:key/1".into(),
            "only one principal can administer this key <script>alert(1)</script>",
        ),
        finding(
            "IC001",
            Severity::High,
            "555555555555",
            assignment_resource("555555555555", ps, "USER", "906757ffff-deleted-frank"),
            "assignment to a deleted user",
        ),
    ];
    let waivers = [Waiver {
        code: "TRUST002".into(),
        resource: Some("arn:aws:iam::444444444444:role/sandbox-operator".into()),
        account_id: Some("444444444444".into()),
        reason: "migration in progress".into(),
        expires: Some("2026-12-01".into()),
    }];
    let report = findings_report::build(&snapshot, &findings, &waivers);
    let path = dir.join("findings-sample.html");
    std::fs::write(&path, to_string(&Html, &report).expect("renders")).expect("write");
    path
}

#[test]
fn html_reports_work_in_headless_chromium() {
    assert!(
        Path::new(&chromium()).exists() && has_node(),
        "the HTML reports must be opened in a real browser: {} (apt-get install -y chromium) and node are needed; scripts/test.sh installs chromium",
        chromium()
    );
    // ORGGUARD_HTML_CHECK_OUT keeps the reports and screenshots to look at.
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = std::env::var_os("ORGGUARD_HTML_CHECK_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("output directory");
    let extra = sample_findings_report(&dir);
    let output = Command::new("bash")
        .arg(repo_dir().join("scripts/html-report-check.sh"))
        .arg(&dir)
        .env("ORGGUARD_BIN", env!("CARGO_BIN_EXE_orgguard"))
        .env("EXTRA_REPORTS", &extra)
        .output()
        .expect("runs the check script");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("typing \"carol\" leaves 9 visible rows"),
        "{stdout}"
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
    for png in ["assignments.png", "findings.png", "findings-sample.png"] {
        let bytes = std::fs::read(dir.join(png)).expect("screenshot written");
        assert!(bytes.starts_with(b"\x89PNG"), "{png} is a PNG");
        assert!(bytes.len() > 10_000, "{png} shows a page, not a blank");
    }
    // Written past the test harness's capture, so the suite's output shows
    // that a browser really opened the reports.
    let version = Command::new(chromium())
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let _ = writeln!(
        std::io::stderr(),
        "html_reports_work_in_headless_chromium: 3 reports opened and screenshotted in {version}"
    );
}
