//! The report builders and renderers on the fixture organization.

use super::findings_report::{self, Waiver, WaiverState};
use super::iam_users;
use super::inventory::{self, Options};
use super::inventory_tests::snapshot;
use crate::diagnostics::{Finding, Severity, Subject};
use crate::render::formats::{Csv, Html, Markdown};
use crate::render::to_string;

#[test]
fn csv_has_a_bom_crlf_lines_and_round_trips_non_ascii_and_quotes() {
    let inv = inventory::build(&snapshot(), &[], &Options::default()).expect("builds");
    let text = to_string(&Csv, &inv).expect("renders");
    assert!(
        text.starts_with('\u{feff}'),
        "UTF-8 byte order mark for Excel"
    );
    assert_eq!(text.matches("\r\n").count(), inv.rows.len() + 1);
    assert_eq!(text.matches('\n').count(), inv.rows.len() + 1, "no bare LF");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, inventory::COLUMNS);
    let names: Vec<String> = reader
        .records()
        .map(|r| r.expect("record")[12].to_string())
        .collect();
    assert_eq!(
        names,
        [
            "Ben, \"the builder\"",
            "(deleted)",
            "Ana Díaz",
            "empty",
            "ops",
            "readers",
            "ops",
            "(deleted)"
        ]
    );
}

#[test]
fn html_escapes_names_and_holds_summary_charts_and_table() {
    let mut snap = snapshot();
    if let Some(ic) = &mut snap.identity_center {
        ic.users[0].display_name = "<img src=x onerror=alert(1)> Díaz".into();
    }
    let inv = inventory::build(
        &snap,
        &[],
        &Options {
            expand_groups: true,
            ..Options::default()
        },
    )
    .expect("builds");
    let html = to_string(&Html, &inv).expect("renders");
    assert!(!html.contains("<img"), "a name must not become markup");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; Díaz"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing loads from the network"
    );
    assert!(html.contains("<div class=\"num\">5</div><div class=\"label\">Accounts</div>"));
    assert!(html.contains(
        "<div class=\"num\">11</div><div class=\"label\">Rows (user × assignment)</div>"
    ));
    assert_eq!(html.matches("<svg").count(), 3, "three charts");
    assert!(html.contains("Admin-level access by principal"));
    assert_eq!(
        html.matches("<tr><td>").count(),
        11,
        "one table row per inventory row"
    );
    assert!(html.contains("id=\"filter\"") && html.contains("11 of 11 rows"));
}

#[test]
fn markdown_escapes_table_breaking_characters() {
    let mut snap = snapshot();
    if let Some(ic) = &mut snap.identity_center {
        ic.groups[0].display_name = "ops|admins".into();
    }
    let inv = inventory::build(&snap, &[], &Options::default()).expect("builds");
    let md = to_string(&Markdown, &inv).expect("renders");
    assert!(md.contains("ops\\|admins (g-ops)"), "{md}");
    assert!(
        md.contains("5 accounts, 3 permission sets, 7 principals, 8 rows"),
        "{md}"
    );
    let table_rows = md.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(
        table_rows, 10,
        "a header, its separator and one line per row"
    );
}

fn brief(report: &iam_users::IamUsersReport) -> Vec<String> {
    report
        .rows
        .iter()
        .map(|r| {
            let c = r.cells();
            [&c[1], &c[2], &c[3], &c[5], &c[7], &c[8], &c[9], &c[12]]
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn iam_users_lists_keys_and_never_reads_a_failed_account_as_empty() {
    let report = iam_users::build(&snapshot()).expect("builds");
    assert_eq!(
        brief(&report),
        [
            "dev|read||||||no IAM users",
            "mgmt|not read||||||not in the deep snapshot (the account was not read)",
            "old|not read||||||not in the deep snapshot (the account was not read)",
            "payments|read|ci|no|AKIA2NEW|Inactive|10|",
            "payments|read|ci|no|AKIA2OLD|Active|365|",
            "payments|read|person|yes||||no access keys",
            "web|not read||||||read failed: sts AssumeRole: AccessDenied",
        ]
    );
    assert_eq!((report.accounts_read, report.accounts_not_read), (2, 3));
    let old_key = &report.rows[4];
    assert_eq!(
        old_key.key_last_used.as_deref(),
        Some("2026-06-29T08:00:00Z")
    );
    assert_eq!(old_key.key_last_used_service.as_deref(), Some("s3"));
    let csv = to_string(&Csv, &report).expect("renders");
    assert!(csv.starts_with('\u{feff}') && csv.contains("\r\n"));
}

#[test]
fn iam_users_needs_a_deep_snapshot() {
    let mut snap = snapshot();
    snap.member_accounts.clear();
    let error = iam_users::build(&snap).expect_err("not deep");
    assert!(
        error.to_string().contains("no member-account resources"),
        "{error}"
    );
}

fn finding(code: &str, severity: Severity, account: Option<&str>) -> Finding {
    Finding {
        code: code.into(),
        severity,
        message: format!("{code} happened"),
        subject: Subject {
            account_id: account.map(str::to_string),
            resource: account.map(|a| format!("arn:aws:iam::{a}:role/x")),
            file: if account.is_none() {
                Some("policies/deny-all.json".into())
            } else {
                None
            },
            ..Subject::default()
        },
        help: "do the fix".into(),
        fingerprint: None,
    }
}

fn waiver(code: &str, expires: Option<&str>) -> Waiver {
    Waiver {
        code: code.into(),
        resource: None,
        account_id: Some("100000000002".into()),
        reason: format!("{code} accepted by the CISO"),
        expires: expires.map(str::to_string),
    }
}

#[test]
fn findings_report_groups_by_severity_account_and_ou_and_dates_waivers() {
    let findings = [
        finding("TRUST001", Severity::High, Some("100000000002")),
        finding("KMS001", Severity::Critical, Some("100000000003")),
        finding("IAM002", Severity::Medium, Some("100000000002")),
        finding("SCP003", Severity::Low, None),
    ];
    let waivers = [
        waiver("A", Some("2026-06-01")),
        waiver("B", Some("2026-07-15")),
        waiver("C", Some("2027-01-01")),
        waiver("D", None),
    ];
    let report = findings_report::build(&snapshot(), &findings, &waivers);
    assert_eq!(report.total, 4);
    let per: Vec<(Severity, usize)> = report
        .by_severity
        .iter()
        .map(|(s, l)| (*s, l.len()))
        .collect();
    assert_eq!(
        per,
        [
            (Severity::Critical, 1),
            (Severity::High, 1),
            (Severity::Medium, 1),
            (Severity::Low, 1),
            (Severity::Info, 0)
        ]
    );
    let accounts: Vec<(&str, usize)> = report
        .by_account
        .iter()
        .map(|a| (a.account_name.as_str(), a.findings.len()))
        .collect();
    assert_eq!(
        accounts,
        [("web", 1), ("payments", 2)],
        "worst account first"
    );
    let ous: Vec<&str> = report.by_ou.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(ous, ["Prod", "Prod/Payments"]);
    assert_eq!(report.without_account.len(), 1);
    let states: Vec<(&str, WaiverState)> = report
        .waivers
        .iter()
        .map(|w| (w.waiver.code.as_str(), w.state))
        .collect();
    assert_eq!(
        states,
        [
            ("A", WaiverState::Expired),
            ("B", WaiverState::ExpiresSoon),
            ("C", WaiverState::Active),
            ("D", WaiverState::NeverExpires)
        ],
        "states as of the snapshot's capture, 2026-06-30"
    );
    let md = to_string(&Markdown, &report).expect("renders");
    assert!(md.contains("### web (100000000003), Prod"), "{md}");
    assert!(md.contains("| B | 100000000002 | (everywhere) | B accepted by the CISO | 2026-07-15 | expires soon |"), "{md}");
    assert!(md.contains("## Not tied to an account"));
    let html = to_string(&Html, &report).expect("renders");
    assert!(html.contains("<td class=\"waiver-expired\">expired</td>"));
    assert!(html.contains("KMS001 happened"));
}
