//! Accounts as code against a real AWS API (moto): an [[account]] without
//! an id is created, placed, tagged and given its SCPs, and the next plan
//! is empty; an apply that lost CreateAccount's answer and runs again
//! creates no second account; CreateAccount's status is followed to the
//! end (moto finishes at once, so the fault proxy answers IN_PROGRESS and
//! FAILED as AWS does); closing is planned in red, limited per plan, and
//! works.

mod support;

use std::path::Path;

use support::proxy::{Fault, FaultProxy, Rule, json_error, throttling_error};
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeded, Seeder};

const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;

/// An organization with OU Sandbox and accounts `payments` and `legacy`
/// (under the root).
fn seeded(moto: &support::Moto) -> Seeded {
    seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        s.ou("Sandbox").await;
        s.account("payments", "").await;
        s.account("legacy", "").await;
        s.seeded
    })
}

/// A repository whose layout matches [`seeded`], plus `extra` accounts
/// and settings.
fn repo(seeded: &Seeded, settings: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("policies")).unwrap();
    std::fs::write(dir.path().join("policies/deny-leave.json"), DENY_LEAVE).unwrap();
    let layout = format!(
        r#"[organization]
management_account_id = "{MANAGEMENT_ACCOUNT}"

[settings]
{settings}

[root]
scps = ["FullAWSAccess"]

[[ou]]
path = "Sandbox"

[[account]]
id = "{MANAGEMENT_ACCOUNT}"
name = "master"
ou = "/"

[[account]]
id = "{payments}"
name = "payments"
ou = "/"

[[account]]
id = "{legacy}"
name = "legacy"
ou = "/"
{extra}"#,
        payments = seeded.accounts["payments"],
        legacy = seeded.accounts["legacy"],
    );
    std::fs::write(dir.path().join("ou-layout.toml"), layout).unwrap();
    dir
}

const SANDBOX: &str = r#"
[[account]]
name = "sandbox-1"
email = "sandbox-1@example.com"
ou = "Sandbox"
scps = ["FullAWSAccess", "deny-leave"]
tags = { team = "platform" }
"#;

fn run(endpoint: &str, repo: &Path, args: &[&str]) -> (i32, String) {
    support::run_in(endpoint, repo, args)
}

fn snapshot(endpoint: &str) -> serde_json::Value {
    support::live_snapshot(endpoint)
}

/// The live accounts with this email.
fn with_email(live: &serde_json::Value, email: &str) -> Vec<serde_json::Value> {
    live["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["email"] == email)
        .cloned()
        .collect()
}

fn attached_to(live: &serde_json::Value, policy: &str, target: &str) -> bool {
    live["policies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == policy)
        .any(|p| p["targets"].as_array().unwrap().iter().any(|t| t == target))
}

fn assert_empty_plan(endpoint: &str, repo: &Path) -> String {
    let (code, text) = run(endpoint, repo, &["plan", "--detailed-exitcode"]);
    assert_eq!(code, 0, "the plan after apply is not empty:\n{text}");
    assert!(text.contains("No changes."), "{text}");
    text
}

#[test]
fn an_account_declared_without_id_is_created_placed_tagged_and_the_next_plan_is_empty() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let repo = repo(&seeded, "", SANDBOX);
    let (code, text) = run(
        &moto.endpoint,
        repo.path(),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("+ create account sandbox-1 (sandbox-1@example.com) in OU Sandbox"),
        "{text}"
    );
    assert!(
        text.contains("+ attach SCP deny-leave to new account sandbox-1"),
        "{text}"
    );
    assert!(
        text.contains("~ tag new account sandbox-1: team=platform"),
        "{text}"
    );

    let (code, out) = run(&moto.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Apply complete"), "{out}");

    let live = snapshot(&moto.endpoint);
    let created = with_email(&live, "sandbox-1@example.com");
    assert_eq!(created.len(), 1, "{created:?}");
    let account = &created[0];
    let id = account["id"].as_str().unwrap();
    assert_eq!(account["name"], "sandbox-1");
    assert_eq!(account["parent_id"], seeded.ous["Sandbox"].as_str());
    assert_eq!(account["tags"]["team"], "platform");
    assert!(attached_to(&live, "deny-leave", id));
    assert!(out.contains(&format!("created {id}")), "{out}");

    // Matched by its email: no changes, and the id should be pinned.
    let text = assert_empty_plan(&moto.endpoint, repo.path());
    assert!(text.contains(&format!("add id = \"{id}\"")), "{text}");
}

#[test]
fn create_account_gets_the_role_and_billing_settings_and_its_status_is_followed() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.record();
    // AWS answers IN_PROGRESS for a while; moto is done at once.
    proxy.add(Rule {
        when: Box::new(|r| r.action == "DescribeCreateAccountStatus"),
        fault: Fault::Respond {
            status: 200,
            content_type: "application/x-amz-json-1.1",
            body: r#"{"CreateAccountStatus":{"Id":"car-0123456789","AccountName":"sandbox-1","State":"IN_PROGRESS"}}"#.to_string(),
        },
        remaining: Some(2),
    });
    // Throttled once: a refusal AWS did not act on is sent again.
    proxy.add(Rule {
        when: Box::new(|r| r.action == "CreateAccount"),
        fault: throttling_error("organizations"),
        remaining: Some(1),
    });
    let repo = repo(
        &seeded,
        "[settings.account_creation]\nrole_name = \"OrgAdmin\"\niam_user_access_to_billing = false",
        SANDBOX,
    );
    let (code, out) = run(&proxy.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 0, "{out}");
    let requests = proxy.take_requests();
    let creates: Vec<_> = requests
        .iter()
        .filter(|r| r.action == "CreateAccount")
        .collect();
    assert_eq!(creates.len(), 2, "throttled, then taken");
    assert_eq!(
        with_email(&snapshot(&moto.endpoint), "sandbox-1@example.com").len(),
        1
    );
    let body: serde_json::Value = serde_json::from_str(&creates[1].body).unwrap();
    assert_eq!(body["RoleName"], "OrgAdmin");
    assert_eq!(body["IamUserAccessToBilling"], "DENY");
    assert_eq!(body["Email"], "sandbox-1@example.com");
    let polls = requests
        .iter()
        .filter(|r| r.action == "DescribeCreateAccountStatus")
        .count();
    assert_eq!(polls, 3, "two IN_PROGRESS answers, then SUCCEEDED");
    // Looked for an earlier run's account before creating one.
    let first = |action: &str| requests.iter().position(|r| r.action == action);
    assert!(first("ListAccounts") < first("CreateAccount"));
    assert!(first("ListCreateAccountStatus") < first("CreateAccount"));
    assert_empty_plan(&moto.endpoint, repo.path());
}

#[test]
fn a_failed_or_slow_creation_stops_the_apply_with_aws_reason() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let proxy = FaultProxy::start(&moto.endpoint);
    let in_progress = || {
        Fault::Respond {
        status: 200,
        content_type: "application/x-amz-json-1.1",
        body: r#"{"CreateAccountStatus":{"Id":"car-0123456789","AccountName":"sandbox-1","State":"IN_PROGRESS"}}"#.to_string(),
    }
    };
    // AWS takes the request, then fails it.
    proxy.add(Rule {
        when: Box::new(|r| r.action == "CreateAccount"),
        fault: in_progress(),
        remaining: None,
    });
    proxy.add(Rule {
        when: Box::new(|r| r.action == "DescribeCreateAccountStatus"),
        fault: Fault::Respond {
            status: 200,
            content_type: "application/x-amz-json-1.1",
            body: r#"{"CreateAccountStatus":{"Id":"car-0123456789","AccountName":"sandbox-1","State":"FAILED","FailureReason":"EMAIL_ALREADY_EXISTS"}}"#.to_string(),
        },
        remaining: Some(1),
    });
    let repo = repo(&seeded, "", SANDBOX);
    let (code, out) = run(&proxy.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("EMAIL_ALREADY_EXISTS"), "{out}");
    assert!(
        out.contains("another AWS account already uses this email"),
        "{out}"
    );
    assert!(out.contains("FAILED + create account sandbox-1"), "{out}");

    // Still in progress at the deadline (a setting).
    proxy.add(Rule {
        when: Box::new(|r| r.action == "DescribeCreateAccountStatus"),
        fault: in_progress(),
        remaining: None,
    });
    let repo = self::repo(
        &seeded,
        "[settings.account_creation]\ntimeout_seconds = 2",
        SANDBOX,
    );
    let (code, out) = run(&proxy.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(
            "was still being created after 2 seconds (settings.account_creation.timeout_seconds)"
        ),
        "{out}"
    );
}

#[test]
fn an_apply_that_lost_create_account_and_runs_again_creates_no_second_account() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let proxy = FaultProxy::start(&moto.endpoint);
    // AWS takes CreateAccount, but its answer never arrives.
    proxy.add(Rule {
        when: Box::new(|r| r.action == "CreateAccount"),
        fault: Fault::ForwardThenDrop,
        remaining: Some(1),
    });
    let repo = repo(&seeded, "", SANDBOX);
    let (code, out) = run(&proxy.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("finds it by its email"), "{out}");
    // Sent once: the SDK did not retry it into a second account.
    let creates = |proxy: &FaultProxy| {
        proxy
            .tallies()
            .get(&("organizations".to_string(), "CreateAccount".to_string()))
            .map_or(0, |t| t.calls)
    };
    assert_eq!(creates(&proxy), 1);
    assert_eq!(
        with_email(&snapshot(&moto.endpoint), "sandbox-1@example.com").len(),
        1
    );

    // Again: the account is found by email, placed and tagged.
    let (code, out) = run(&proxy.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("→ move account"), "{out}");
    assert_eq!(creates(&proxy), 1, "{out}");
    let live = snapshot(&moto.endpoint);
    let created = with_email(&live, "sandbox-1@example.com");
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0]["parent_id"], seeded.ous["Sandbox"].as_str());
    assert_eq!(created[0]["tags"]["team"], "platform");
    assert_empty_plan(&moto.endpoint, repo.path());
}

#[test]
fn closing_more_accounts_than_allowed_is_refused_at_plan_time() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    // Both members marked closed, replacing their active entries.
    let layout_repo = repo(&seeded, "", "");
    let path = layout_repo.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "name = \"payments\"\nou = \"/\"",
        "name = \"payments\"\nou = \"/\"\nstate = \"closed\"",
    );
    let text = text.replace(
        "name = \"legacy\"\nou = \"/\"",
        "name = \"legacy\"\nou = \"/\"\nstate = \"closed\"",
    );
    std::fs::write(&path, text).unwrap();
    let (code, out) = run(&moto.endpoint, layout_repo.path(), &["plan"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("the plan closes 2 accounts, more than the 1 one plan may close"),
        "{out}"
    );
    assert!(out.contains("10% of member accounts"), "{out}");
    assert!(out.contains("--max-account-closures 2"), "{out}");

    // Raised for this plan, saved, and applied as saved.
    let plan_file = layout_repo.path().join("plan.json");
    let plan_file = plan_file.to_str().expect("a UTF-8 temporary path");
    let (code, out) = run(
        &moto.endpoint,
        layout_repo.path(),
        &["plan", "--max-account-closures", "2", "-o", plan_file],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(2 accounts to close)"), "{out}");
    let (code, out) = run(
        &moto.endpoint,
        layout_repo.path(),
        &["apply", "--auto-approve", plan_file],
    );
    assert_eq!(code, 0, "{out}");
    let live = snapshot(&moto.endpoint);
    for name in ["payments", "legacy"] {
        let a = with_email(&live, &format!("{name}@example.com"));
        assert_eq!(a[0]["status"], "SUSPENDED", "{a:?}");
    }
}

#[test]
fn closing_one_account_works_and_an_already_closed_one_is_no_error() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let legacy = seeded.accounts["legacy"].clone();
    let layout_repo = repo(&seeded, "", "");
    let path = layout_repo.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "name = \"legacy\"\nou = \"/\"",
        "name = \"legacy\"\nou = \"/\"\nstate = \"closed\"",
    );
    std::fs::write(&path, text).unwrap();
    let (code, out) = run(
        &moto.endpoint,
        layout_repo.path(),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("- close account {legacy} (legacy)")),
        "{out}"
    );
    assert!(out.contains("suspended for 90 days"), "{out}");
    assert!(out.contains("cannot be reopened"), "{out}");
    assert!(out.contains("1 to delete (1 account to close)"), "{out}");
    let (_, markdown) = run(
        &moto.endpoint,
        layout_repo.path(),
        &["plan", "--format", "markdown"],
    );
    assert!(
        markdown.contains("1 to delete (1 account to close)"),
        "{markdown}"
    );
    let (_, json) = run(
        &moto.endpoint,
        layout_repo.path(),
        &["plan", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["summary"]["close"], 1);
    let close = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["op"] == "close_account")
        .expect("a close_account step");
    assert_eq!(close["action"], "delete");
    assert_eq!(close["account_id"], legacy.as_str());

    // AWS says it is closed already (another run, the console): no error.
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.add(Rule {
        when: Box::new(|r| r.action == "CloseAccount"),
        fault: json_error(
            400,
            "AccountAlreadyClosedException",
            "You attempted to close an account that is already closed.",
        ),
        remaining: Some(1),
    });
    let (code, out) = run(
        &proxy.endpoint,
        layout_repo.path(),
        &["apply", "--auto-approve"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(already closed)"), "{out}");

    let (code, out) = run(
        &moto.endpoint,
        layout_repo.path(),
        &["apply", "--auto-approve"],
    );
    assert_eq!(code, 0, "{out}");
    let live = snapshot(&moto.endpoint);
    let a = with_email(&live, "legacy@example.com");
    assert_eq!(a[0]["status"], "SUSPENDED");
    assert_empty_plan(&moto.endpoint, layout_repo.path());
}

#[test]
fn a_creation_still_in_progress_from_an_earlier_run_is_followed_not_repeated() {
    let moto = support::moto();
    let mut seeded = seeded(&moto);
    // The account an earlier run's request is creating; AWS lists it only
    // once the request has finished, so the plan still plans a creation.
    let earlier = seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.seeded = seeded.clone();
        s.account("earlier", "").await
    });
    seeded.accounts.insert("earlier".into(), earlier.clone());
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.add(Rule {
        when: Box::new(|r| r.action == "ListCreateAccountStatus"),
        fault: Fault::Respond {
            status: 200,
            content_type: "application/x-amz-json-1.1",
            body: r#"{"CreateAccountStatuses":[{"Id":"car-earlier0001","AccountName":"sandbox-1","State":"IN_PROGRESS"}]}"#.to_string(),
        },
        remaining: None,
    });
    let body = format!(
        r#"{{"CreateAccountStatus":{{"Id":"car-earlier0001","AccountName":"sandbox-1","State":"SUCCEEDED","AccountId":"{earlier}"}}}}"#
    );
    proxy.add(Rule {
        when: Box::new(|r| {
            r.action == "DescribeCreateAccountStatus" && r.body.contains("car-earlier0001")
        }),
        fault: Fault::Respond {
            status: 200,
            content_type: "application/x-amz-json-1.1",
            body,
        },
        remaining: None,
    });
    let repo = repo(&seeded, "", SANDBOX);
    let (code, out) = run(&proxy.endpoint, repo.path(), &["apply", "--auto-approve"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "followed creation car-earlier0001, started earlier: {earlier}"
        )),
        "{out}"
    );
    let creates = proxy
        .tallies()
        .get(&("organizations".to_string(), "CreateAccount".to_string()))
        .map_or(0, |t| t.calls);
    assert_eq!(creates, 0, "{out}");
    // The followed account was placed and tagged as the layout says.
    let live = snapshot(&moto.endpoint);
    let account = live["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == earlier.as_str())
        .unwrap();
    assert_eq!(account["parent_id"], seeded.ous["Sandbox"].as_str());
    assert_eq!(account["tags"]["team"], "platform");
}
