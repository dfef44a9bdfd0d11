//! Trusted service access and delegated administrators as code:
//! `validate` refuses what AWS would refuse, with file:line and help; the
//! documented example plans against the example snapshot; and against a
//! real AWS API (moto) `import` declares the live ones (the next plan is
//! empty), declared ones are planned, applied and converge, a weekly edit
//! converges too, and apply gets past ConcurrentModificationException and a
//! registration AWS already has.

mod support;

use std::path::Path;

use support::seed::{self, Seeded, Seeder};
use support::{example_copy, orgguard, repo_dir};

const EXAMPLE: &str = "examples/trusted-access.toml";

fn append(dir: &Path, text: &str) {
    let path = dir.join("ou-layout.toml");
    let mut old = std::fs::read_to_string(&path).unwrap();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

fn replace(dir: &Path, from: &str, to: &str) {
    let path = dir.join("ou-layout.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(from),
        "ou-layout.toml does not contain {from:?}"
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of ou-layout.toml that holds `needle` (the first).
fn line_of(dir: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(dir.join("ou-layout.toml")).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line holds {needle:?}"))
}

fn validate(dir: &Path) -> (i32, String) {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .arg("validate")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn example_text() -> String {
    std::fs::read_to_string(repo_dir().join(EXAMPLE)).unwrap()
}

#[test]
fn validate_refuses_what_aws_would_with_the_line_and_what_to_do() {
    let dir = example_copy();
    append(dir.path(), &format!("\n{}", example_text()));
    let (code, out) = validate(dir.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");

    replace(
        dir.path(),
        "\"guardduty.amazonaws.com\" = [\"security\"]",
        "\"guardduty.amazonaws.com\" = [\"securty\", \"management\", \"222222222222\", \"security\"]\n\"macie.amazonaws.com\" = [\"tooling\"]",
    );
    replace(
        dir.path(),
        "  \"sso.amazonaws.com\",\n",
        "  \"sso.amazonaws.com\",\n  \"sso.amazonaws.com\",\n  \"inspector2\",\n",
    );
    let (code, out) = validate(dir.path());
    assert_eq!(code, 1, "{out}");
    let gd = line_of(dir.path(), "\"guardduty.amazonaws.com\" = [");
    let sso = line_of(dir.path(), "  \"sso.amazonaws.com\",") + 1;
    let macie = line_of(dir.path(), "\"macie.amazonaws.com\" = [");
    let inspector = line_of(dir.path(), "\"inspector2\"");
    for (expected, help) in [
        (
            format!(
                "ou-layout.toml:{gd}:30: error[unknown-account]: account `securty` is not in the layout"
            ),
            "help: did you mean `security`?",
        ),
        (
            format!(
                "ou-layout.toml:{gd}:41: error[management-delegated]: `management` is the management account, which cannot be a delegated administrator of `guardduty.amazonaws.com`"
            ),
            "help: AWS refuses to register the management account",
        ),
        (
            format!(
                "ou-layout.toml:{gd}:71: error[duplicate-delegated-administrator]: account `security` is listed twice for `guardduty.amazonaws.com`"
            ),
            "help: remove the second entry (an account may be named by its name or its id, not both)",
        ),
        (
            format!(
                "ou-layout.toml:{sso}:3: error[duplicate-service]: service `sso.amazonaws.com` is listed twice in [trusted_access] services"
            ),
            "help: remove the second entry",
        ),
        (
            format!(
                "ou-layout.toml:{macie}:1: error[not-trusted]: `macie.amazonaws.com` is under delegated_administrators but not in services"
            ),
            "AWS registers delegated administrators only for services the organization trusts",
        ),
        (
            format!(
                "ou-layout.toml:{inspector}:3: error[invalid-value]: `inspector2` is not a service principal"
            ),
            "help: service principals are written in full, such as `inspector2.amazonaws.com`",
        ),
    ] {
        assert!(out.contains(&expected), "missing {expected:?} in:\n{out}");
        assert!(out.contains(help), "missing {help:?} in:\n{out}");
    }
    assert!(out.contains("6 errors, 0 warnings"), "{out}");
}

#[test]
fn deleting_unlisted_services_warns_about_one_the_layout_relies_on() {
    let dir = example_copy();
    append(
        dir.path(),
        "\n[contacts.security]\nname = \"SecOps\"\ntitle = \"Security\"\nemail = \"secops@example.com\"\nphone = \"+1-555-0100\"\n\n[trusted_access]\nunmanaged = \"delete\"\nservices = [\"guardduty.amazonaws.com\"]\n",
    );
    let (code, out) = validate(dir.path());
    assert_eq!(code, 0, "{out}");
    let line = line_of(dir.path(), "services = [\"guardduty.amazonaws.com\"]");
    let expected = format!(
        "ou-layout.toml:{line}:13: warning[disables-needed-service]: [trusted_access] has unmanaged = \"delete\" but does not list account.amazonaws.com, which the layout's alternate contacts need"
    );
    assert!(out.contains(&expected), "missing {expected:?} in:\n{out}");
    assert!(
        out.contains("help: add \"account.amazonaws.com\" to [trusted_access] services"),
        "{out}"
    );
    assert!(out.contains("0 errors, 1 warning"), "{out}");
    // Listed, or kept rather than deleted: nothing to warn about.
    replace(
        dir.path(),
        "unmanaged = \"delete\"\nservices",
        "unmanaged = \"keep\"\nservices",
    );
    let (code, out) = validate(dir.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

/// The example snapshot, with the settings a read of them would add:
/// GuardDuty and Identity Center trusted, GuardDuty administered from
/// `tooling`, and Macie (no longer trusted) from `log-archive`.
fn example_snapshot_with_settings(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(repo_dir().join("examples/live-org.json")).unwrap();
    let mut live: serde_json::Value = serde_json::from_str(&text).unwrap();
    live["org_settings"] = serde_json::json!({
        "trusted_services": ["guardduty.amazonaws.com", "macie.amazonaws.com", "sso.amazonaws.com"],
        "delegated_administrators": [
            {"account_id": "999999999999", "service_principals": ["guardduty.amazonaws.com"]},
            {"account_id": "333333333333", "service_principals": ["macie.amazonaws.com"]}
        ]
    });
    let path = dir.join("live-with-settings.json");
    std::fs::write(&path, serde_json::to_string(&live).unwrap()).unwrap();
    path
}

fn plan_offline(dir: &Path, live: &Path, format: &str) -> String {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .args(["plan", "--format", format, "--live"])
        .arg(live)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_documented_example_plans_against_the_example_snapshot_in_every_format() {
    let dir = example_copy();
    append(dir.path(), &format!("\n{}", example_text()));
    // A snapshot without the settings cannot be planned against: the plan
    // would not know what to enable.
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["plan", "--live"])
        .arg(repo_dir().join("examples/live-org.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("trusted access could not be read"),
        "{stderr}"
    );

    let live = example_snapshot_with_settings(dir.path());
    let text = plan_offline(dir.path(), &live, "text");
    let expected = [
        "  - deregister account 999999999999 (tooling) as delegated administrator for guardduty.amazonaws.com",
        "  + enable trusted access for access-analyzer.amazonaws.com",
        "  + enable trusted access for account.amazonaws.com",
        "  + enable trusted access for config-multiaccountsetup.amazonaws.com",
        "  + enable trusted access for config.amazonaws.com",
        "  + enable trusted access for securityhub.amazonaws.com",
        "  + register account 222222222222 (security) as delegated administrator for access-analyzer.amazonaws.com",
        "  + register account 222222222222 (security) as delegated administrator for config-multiaccountsetup.amazonaws.com",
        "  + register account 222222222222 (security) as delegated administrator for guardduty.amazonaws.com",
        "  + register account 222222222222 (security) as delegated administrator for securityhub.amazonaws.com",
    ];
    let mut last = 0;
    for line in expected {
        let at = text
            .find(&format!("{line}\n"))
            .unwrap_or_else(|| panic!("missing {line:?} in:\n{text}"));
        assert!(at > last, "{line:?} is out of order in:\n{text}");
        last = at;
    }
    // Macie is not listed: kept, and shown with its administrator.
    for line in [
        "  delegated administrator log-archive for macie.amazonaws.com (333333333333): kept;",
        "  service macie.amazonaws.com (trusted access): kept; not in [trusted_access] services",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    assert!(!text.contains("disable trusted access"), "{text}");

    let markdown = plan_offline(dir.path(), &live, "markdown");
    assert!(
        markdown.contains("`+` enable trusted access for securityhub.amazonaws.com"),
        "{markdown}"
    );
    assert!(
        markdown.contains("`-` deregister account 999999999999 (tooling) as delegated administrator for guardduty.amazonaws.com"),
        "{markdown}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&plan_offline(dir.path(), &live, "json")).unwrap();
    let ours: Vec<&serde_json::Value> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["service"].is_string())
        .collect();
    assert_eq!(ours.len(), 10, "{ours:#?}");
    assert_eq!(ours[0]["op"], "deregister_delegated_administrator");
    assert_eq!(ours[0]["action"], "delete");
    assert_eq!(ours[0]["account_id"], "999999999999");
    assert_eq!(ours[1]["op"], "enable_service_access");
    assert_eq!(ours[1]["action"], "create");
    assert_eq!(ours[1]["service"], "access-analyzer.amazonaws.com");
    assert_eq!(ours[9]["op"], "register_delegated_administrator");
    assert_eq!(ours[9]["account_name"], "security");
}

/// An organization with `security` and `payments` under the root, GuardDuty
/// trusted and administered from `security`.
fn seeded(moto: &support::Moto) -> Seeded {
    seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        let security = s.account("security", "").await;
        s.account("payments", "").await;
        s.org
            .enable_aws_service_access()
            .service_principal("guardduty.amazonaws.com")
            .send()
            .await
            .expect("enable trusted access");
        s.org
            .register_delegated_administrator()
            .account_id(&security)
            .service_principal("guardduty.amazonaws.com")
            .send()
            .await
            .expect("register delegated administrator");
        s.seeded
    })
}

/// `plan --detailed-exitcode` against the live API: exit code and output.
fn plan_live(endpoint: &str, repo: &Path, extra: &[&str]) -> (i32, String) {
    support::plan_in(endpoint, repo, extra)
}

/// The live settings as a snapshot reads them.
fn live_settings(endpoint: &str, dir: &Path) -> serde_json::Value {
    let out = dir.join("settings.json");
    support::orgguard_at(endpoint)
        .current_dir(dir)
        .args(["snapshot", "-q", "-o"])
        .arg(&out)
        .assert()
        .success();
    let snap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    serde_json::json!({
        "trusted": snap["org_settings"]["trusted_services"],
        "delegated": snap["org_settings"]["delegated_administrators"],
    })
}

#[test]
fn imported_then_declared_trusted_access_plans_applies_and_converges_on_moto() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let security = seeded.accounts["security"].clone();
    let payments = seeded.accounts["payments"].clone();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    // import straight from the live API, then plan: nothing to do.
    support::orgguard_at(&moto.endpoint)
        .current_dir(dir.path())
        .args(["import", "-o"])
        .arg(&repo)
        .assert()
        .success();
    let layout = std::fs::read_to_string(repo.join("ou-layout.toml")).unwrap();
    for line in [
        "[trusted_access]\nunmanaged = \"keep\"\nservices = [\"guardduty.amazonaws.com\"]\n",
        "[trusted_access.delegated_administrators]\n\"guardduty.amazonaws.com\" = [\"security\"]\n",
    ] {
        assert!(layout.contains(line), "missing {line:?} in:\n{layout}");
    }
    let (code, text) = plan_live(&moto.endpoint, &repo, &[]);
    assert_eq!(code, 0, "{text}");

    // Declared: IAM Access Analyzer trusted and administered from security
    // and payments.
    replace(
        &repo,
        "services = [\"guardduty.amazonaws.com\"]",
        "services = [\"access-analyzer.amazonaws.com\", \"guardduty.amazonaws.com\"]",
    );
    replace(
        &repo,
        "\"guardduty.amazonaws.com\" = [\"security\"]\n",
        "\"guardduty.amazonaws.com\" = [\"security\"]\n\"access-analyzer.amazonaws.com\" = [\"security\", \"payments\"]\n",
    );
    let (code, text) = plan_live(&moto.endpoint, &repo, &[]);
    assert_eq!(code, 1, "{text}");
    // Trusted access first; the two registrations after it, in account order.
    let enable = text
        .find("  + enable trusted access for access-analyzer.amazonaws.com\n")
        .unwrap_or_else(|| panic!("no enable in:\n{text}"));
    for (id, name) in [(&security, "security"), (&payments, "payments")] {
        let line = format!(
            "  + register account {id} ({name}) as delegated administrator for access-analyzer.amazonaws.com\n"
        );
        let at = text
            .find(&line)
            .unwrap_or_else(|| panic!("missing {line:?} in:\n{text}"));
        assert!(at > enable, "{line:?} before the enable:\n{text}");
    }
    assert!(
        text.contains("Plan: 3 to create, 0 to update, 0 to move, 0 to delete."),
        "{text}"
    );

    // Saved, then applied: the plan is fresh and goes through; after it the
    // live settings are the declared ones and the next plan is empty.
    let plan_file = dir.path().join("plan.json");
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["plan", "-o"])
        .arg(&plan_file)
        .assert()
        .success();
    let out = support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .arg("apply")
        .arg(&plan_file)
        .arg("--auto-approve")
        .output()
        .unwrap();
    let applied = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{applied}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        applied.contains("Apply complete: 3 changes made."),
        "{applied}"
    );
    let (code, text) = plan_live(&moto.endpoint, &repo, &[]);
    assert_eq!(code, 0, "{text}");
    let mut admins = serde_json::json!([
        {"account_id": security, "service_principals": ["access-analyzer.amazonaws.com", "guardduty.amazonaws.com"]},
        {"account_id": payments, "service_principals": ["access-analyzer.amazonaws.com"]},
    ]);
    admins
        .as_array_mut()
        .unwrap()
        .sort_by_key(|a| a["account_id"].as_str().unwrap().to_string());
    assert_eq!(
        live_settings(&moto.endpoint, dir.path()),
        serde_json::json!({
            "trusted": ["access-analyzer.amazonaws.com", "guardduty.amazonaws.com"],
            "delegated": admins,
        })
    );

    // The saved plan is now stale: the settings it was made against
    // changed (and nothing else did).
    let out = support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .arg("apply")
        .arg(&plan_file)
        .arg("--auto-approve")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the plan is stale: the live organization changed since it was planned"),
        "{stderr}"
    );

    // The weekly edit: Config rules trusted and administered from
    // security; payments no longer administers Access Analyzer; GuardDuty
    // moves out of the layout and, with "delete", is deregistered and
    // disabled.
    replace(
        &repo,
        "unmanaged = \"keep\"\nservices",
        "unmanaged = \"delete\"\nservices",
    );
    replace(
        &repo,
        "services = [\"access-analyzer.amazonaws.com\", \"guardduty.amazonaws.com\"]",
        "services = [\"access-analyzer.amazonaws.com\", \"config-multiaccountsetup.amazonaws.com\"]",
    );
    replace(&repo, "\"guardduty.amazonaws.com\" = [\"security\"]\n", "");
    replace(
        &repo,
        "\"access-analyzer.amazonaws.com\" = [\"security\", \"payments\"]\n",
        "\"access-analyzer.amazonaws.com\" = [\"security\"]\n\"config-multiaccountsetup.amazonaws.com\" = [\"security\"]\n",
    );
    let (code, text) = plan_live(&moto.endpoint, &repo, &[]);
    assert_eq!(code, 1, "{text}");
    let expected = [
        format!(
            "  - deregister account {payments} (payments) as delegated administrator for access-analyzer.amazonaws.com\n"
        ),
        format!(
            "  - deregister account {security} (security) as delegated administrator for guardduty.amazonaws.com\n"
        ),
        "  - disable trusted access for guardduty.amazonaws.com\n".to_string(),
        "  + enable trusted access for config-multiaccountsetup.amazonaws.com\n".to_string(),
        format!(
            "  + register account {security} (security) as delegated administrator for config-multiaccountsetup.amazonaws.com\n"
        ),
    ];
    let mut last = 0;
    for line in &expected {
        let at = text
            .find(line.as_str())
            .unwrap_or_else(|| panic!("missing {line:?} in:\n{text}"));
        assert!(at >= last, "{line:?} out of order:\n{text}");
        last = at;
    }
    assert!(
        text.contains("Plan: 2 to create, 0 to update, 0 to move, 3 to delete."),
        "{text}"
    );
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["apply", "--auto-approve"])
        .assert()
        .success();
    let (code, text) = plan_live(&moto.endpoint, &repo, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        live_settings(&moto.endpoint, dir.path()),
        serde_json::json!({
            "trusted": ["access-analyzer.amazonaws.com", "config-multiaccountsetup.amazonaws.com"],
            "delegated": [{"account_id": security, "service_principals": ["access-analyzer.amazonaws.com", "config-multiaccountsetup.amazonaws.com"]}],
        })
    );
}

#[test]
fn the_documented_example_is_the_shipped_one() {
    let body = example_text()
        .split_once("\n\n")
        .unwrap()
        .1
        .trim()
        .to_string();
    let docs = std::fs::read_to_string(repo_dir().join("docs/layout.md")).unwrap();
    assert!(
        docs.contains(&body),
        "docs/layout.md does not show {EXAMPLE} as shipped"
    );
}

/// Sends one Organizations request straight to moto, as the SDK would
/// (moto does not check signatures): what reaching AWS looks like when the
/// answer is then lost.
fn send_to_moto(endpoint: &str, target: &str, body: &str) {
    use std::io::{Read, Write};
    let host = endpoint.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).expect("connect to moto");
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nX-Amz-Target: {target}\r\nContent-Type: application/x-amz-json-1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn apply_retries_concurrent_modification_and_takes_already_registered_as_done() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use support::proxy::{FaultProxy, Rule, json_error};

    let moto = support::moto();
    let seeded = seeded(&moto);
    let security = seeded.accounts["security"].clone();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    support::orgguard_at(&moto.endpoint)
        .current_dir(dir.path())
        .args(["import", "-o"])
        .arg(&repo)
        .assert()
        .success();
    replace(
        &repo,
        "services = [\"guardduty.amazonaws.com\"]",
        "services = [\"access-analyzer.amazonaws.com\", \"guardduty.amazonaws.com\"]",
    );
    replace(
        &repo,
        "\"guardduty.amazonaws.com\" = [\"security\"]\n",
        "\"guardduty.amazonaws.com\" = [\"security\"]\n\"access-analyzer.amazonaws.com\" = [\"security\"]\n",
    );

    let proxy = FaultProxy::start(&moto.endpoint);
    // Another change under way: Organizations refuses the first two tries.
    proxy.add(Rule {
        when: Box::new(|r| r.action == "EnableAWSServiceAccess"),
        fault: json_error(
            400,
            "ConcurrentModificationException",
            "AWS Organizations can't complete your request because it conflicts with another attempt to modify the same entity.",
        ),
        remaining: Some(2),
    });
    // The registration reaches AWS, but its answer is lost: by the time the
    // call is sent (again) the account is already registered.
    let upstream = moto.endpoint.clone();
    let once = Arc::new(AtomicBool::new(false));
    proxy.add(Rule {
        when: Box::new(move |r| {
            if r.action == "RegisterDelegatedAdministrator" && !once.swap(true, Ordering::SeqCst) {
                send_to_moto(&upstream, &r.operation, &r.body);
            }
            false
        }),
        fault: support::proxy::Fault::Drop,
        remaining: None,
    });
    let out = support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["apply", "--auto-approve"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("+ enable trusted access for access-analyzer.amazonaws.com\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "+ register account {security} (security) as delegated administrator for access-analyzer.amazonaws.com (already registered)\n"
        )),
        "{text}"
    );
    assert!(text.contains("Apply complete: 2 changes made."), "{text}");
    // Both refusals were answered, and retried past.
    assert_eq!(proxy.service("organizations").faulted, 2);
    let (code, text) = plan_live(&moto.endpoint, &repo, &[]);
    assert_eq!(code, 0, "{text}");
}

#[test]
fn plan_reads_trusted_access_only_for_a_layout_that_has_the_section() {
    use support::proxy::FaultProxy;
    let moto = support::moto();
    seeded(&moto);
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    support::orgguard_at(&moto.endpoint)
        .current_dir(dir.path())
        .args(["import", "-o"])
        .arg(&repo)
        .assert()
        .success();
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.record();
    let settings_calls = |proxy: &FaultProxy| {
        let mut calls: Vec<String> = proxy
            .take_requests()
            .into_iter()
            .map(|r| r.action)
            .filter(|a| {
                [
                    "ListAWSServiceAccessForOrganization",
                    "ListDelegatedAdministrators",
                    "ListDelegatedServicesForAccount",
                    "GetAlternateContact",
                ]
                .contains(&a.as_str())
            })
            .collect();
        calls.sort();
        calls
    };
    let (code, text) = plan_live(&proxy.endpoint, &repo, &[]);
    assert_eq!(code, 0, "{text}");
    // The trusted services, the administrators and the one administrator's
    // services; no contacts, which the layout does not manage.
    assert_eq!(
        settings_calls(&proxy),
        [
            "ListAWSServiceAccessForOrganization",
            "ListDelegatedAdministrators",
            "ListDelegatedServicesForAccount"
        ]
    );
    // Without the section, none of them.
    let layout = std::fs::read_to_string(repo.join("ou-layout.toml")).unwrap();
    // The section and its administrators' table run to the next comment.
    let start = layout.find("[trusted_access]").unwrap();
    let end = start + layout[start..].find("\n\n#").unwrap();
    let without = format!("{}{}", &layout[..start], &layout[end..]);
    std::fs::write(repo.join("ou-layout.toml"), &without).unwrap();
    let (code, text) = plan_live(&proxy.endpoint, &repo, &[]);
    assert_eq!(code, 0, "{text}\n{without}");
    assert_eq!(settings_calls(&proxy), Vec::<String>::new());
}
