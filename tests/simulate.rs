//! `orgguard simulate` end to end: generated CloudTrail data sets with known
//! answers, every input format, malformed input, and the shipped example.

#[path = "support/cloudtrail.rs"]
mod cloudtrail;
mod support;

use std::path::Path;

use cloudtrail::{Call, Caller, record, write_json_lines, write_lookup_events, write_records_gz};
use serde_json::{Value, json};
use support::{orgguard, repo_dir};

const MANAGEMENT: &str = "111111111111";
const APP: &str = "222222222222";
const RETIRED: &str = "444444444444";
const LIVE_ONLY: &str = "555555555555";

/// A layout that adds a region restriction (with a break-glass exemption)
/// to the Workloads OU, and lifts the live deny-all from account 444….
fn write_layout(dir: &Path) {
    std::fs::write(
        dir.join("ou-layout.toml"),
        format!(
            r#"[organization]
management_account_id = "{MANAGEMENT}"
id = "o-testorg0001"

[vars]
allowed_regions = ["eu-west-1", "eu-central-1"]

[root]
scps = ["FullAWSAccess"]

[[ou]]
path = "Workloads"
scps = ["FullAWSAccess", "region-restriction"]

[[account]]
id = "{MANAGEMENT}"
name = "management"
ou = "/"

[[account]]
id = "{APP}"
name = "app"
ou = "Workloads"

[[account]]
id = "{RETIRED}"
name = "retired"
ou = "Workloads"
"#
        ),
    )
    .expect("write layout");
    std::fs::create_dir_all(dir.join("policies")).expect("mkdir");
    std::fs::write(
        dir.join("policies/region-restriction.json"),
        r#"{"Version": "2012-10-17", "Statement": [{"Sid": "DenyOutsideApprovedRegions", "Effect": "Deny",
  "NotAction": ["iam:*", "sts:*", "organizations:*"], "Resource": "*",
  "Condition": {"StringNotEquals": {"aws:RequestedRegion": "${allowed_regions}"},
                "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}}}]}"#,
    )
    .expect("write policy");
}

/// The live organization: FullAWSAccess everywhere, deny-all on account
/// 444…, and account 555… that the layout does not place.
fn write_live(path: &Path) {
    let full =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Sid":"DenyAll","Effect":"Deny","Action":"*","Resource":"*"}]}"#;
    let account = |id: &str, name: &str, parent: &str| {
        json!({"id": id, "arn": format!("arn:aws:organizations::{MANAGEMENT}:account/o-testorg0001/{id}"),
               "name": name, "email": format!("{name}@example.com"), "status": "ACTIVE", "parent_id": parent})
    };
    let snapshot = json!({
        "schema_version": 1,
        "captured_at": "2026-11-16T00:00:00Z",
        "source": "test",
        "organization": {"id": "o-testorg0001", "arn": "arn:aws:organizations::111111111111:organization/o-testorg0001",
                         "management_account_id": MANAGEMENT, "feature_set": "ALL"},
        "roots": [{"id": "r-test", "arn": "arn:aws:organizations::111111111111:root/o-testorg0001/r-test", "name": "Root",
                   "policy_types": [{"type": "SERVICE_CONTROL_POLICY", "status": "ENABLED"}]}],
        "organizational_units": [{"id": "ou-test-wrk00001", "arn": "arn:aws:organizations::111111111111:ou/o-testorg0001/ou-test-wrk00001",
                                  "name": "Workloads", "parent_id": "r-test"}],
        "accounts": [account(MANAGEMENT, "management", "r-test"), account(APP, "app", "ou-test-wrk00001"),
                     account(RETIRED, "retired", "ou-test-wrk00001"), account(LIVE_ONLY, "contractor", "r-test")],
        "policies": [
            {"id": "p-FullAWSAccess", "arn": "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
             "name": "FullAWSAccess", "description": "", "aws_managed": true, "content": full,
             "targets": [MANAGEMENT, APP, LIVE_ONLY, RETIRED, "ou-test-wrk00001", "r-test"]},
            {"id": "p-deny0001", "arn": "arn:aws:organizations::111111111111:policy/o-testorg0001/service_control_policy/p-deny0001",
             "name": "deny-all", "description": "", "aws_managed": false, "content": deny, "targets": [RETIRED]}
        ]
    });
    std::fs::write(path, serde_json::to_string_pretty(&snapshot).expect("json"))
        .expect("write snapshot");
}

/// What a row of the data set should come out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    AllowedByBoth,
    NewlyDenied,
    AllowedAgain,
    DeniedByBoth,
    ServiceLinked,
    Management,
    LiveOnlyAllowed,
}

fn call<'a>(
    account: &'a str,
    caller: Caller<'a>,
    source: &'a str,
    name: &'a str,
    region: &'a str,
) -> Call<'a> {
    Call {
        account,
        caller,
        source,
        name,
        region,
    }
}

/// The data set: (how many, the call, what it should count as).
fn data_set() -> Vec<(u64, Call<'static>, Expect)> {
    use Caller::*;
    use Expect::*;
    let slr = Role("aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
    vec![
        (
            300,
            call(
                APP,
                Role("web-app"),
                "ec2.amazonaws.com",
                "DescribeInstances",
                "eu-west-1",
            ),
            AllowedByBoth,
        ),
        (
            45,
            call(
                APP,
                Role("web-app"),
                "s3.amazonaws.com",
                "GetObject",
                "eu-central-1",
            ),
            AllowedByBoth,
        ),
        (
            120,
            call(
                APP,
                Role("data-pipeline"),
                "ec2.amazonaws.com",
                "RunInstances",
                "us-east-1",
            ),
            NewlyDenied,
        ),
        (
            35,
            call(
                APP,
                User("deployer"),
                "lambda.amazonaws.com",
                "UpdateFunctionCode20150331v2",
                "us-west-2",
            ),
            NewlyDenied,
        ),
        (
            40,
            call(
                APP,
                Role("BreakGlass"),
                "ec2.amazonaws.com",
                "RunInstances",
                "us-west-2",
            ),
            AllowedByBoth,
        ),
        (
            25,
            call(
                APP,
                Role("data-pipeline"),
                "iam.amazonaws.com",
                "CreateRole",
                "us-east-1",
            ),
            AllowedByBoth,
        ),
        (
            30,
            call(
                APP,
                slr,
                "ec2.amazonaws.com",
                "CreateNetworkInterface",
                "us-east-1",
            ),
            ServiceLinked,
        ),
        (
            50,
            call(
                MANAGEMENT,
                Root,
                "ec2.amazonaws.com",
                "RunInstances",
                "ap-south-1",
            ),
            Management,
        ),
        (
            60,
            call(
                RETIRED,
                Role("reports"),
                "s3.amazonaws.com",
                "GetObject",
                "eu-west-1",
            ),
            AllowedAgain,
        ),
        (
            15,
            call(
                RETIRED,
                Role("reports"),
                "s3.amazonaws.com",
                "GetObject",
                "us-east-1",
            ),
            DeniedByBoth,
        ),
        (
            10,
            call(
                LIVE_ONLY,
                Role("lab"),
                "ec2.amazonaws.com",
                "RunInstances",
                "us-east-1",
            ),
            LiveOnlyAllowed,
        ),
    ]
}

/// Writes the data set in every format: two gzipped Records files, JSON
/// lines and lookup-events output, rows interleaved across them.
fn write_events(dir: &Path) {
    let mut files: [Vec<Value>; 4] = Default::default();
    let mut n = 0u64;
    for (count, c, _) in data_set() {
        for _ in 0..count {
            files[(n % 4) as usize].push(record(&c, n));
            n += 1;
        }
    }
    let [a, b, c, d] = files;
    let nested = dir.join("AWSLogs/o-testorg0001/222222222222/CloudTrail/us-east-1/2026/11/15");
    std::fs::create_dir_all(&nested).expect("mkdir");
    write_records_gz(&nested.join("part-1.json.gz"), a);
    write_records_gz(&nested.join("part-2.json.gz"), b);
    write_json_lines(&dir.join("export.jsonl"), c);
    write_lookup_events(&dir.join("lookup.json"), d);
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_layout(dir.path());
    write_live(&dir.path().join("live.json"));
    std::fs::create_dir(dir.path().join("events")).expect("mkdir");
    write_events(&dir.path().join("events"));
    dir
}

fn simulate_json(dir: &Path) -> (i32, Value) {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .args(["simulate", "--format", "json", "--live"])
        .arg(dir.join("live.json"))
        .arg("--events")
        .arg(dir.join("events"))
        .output()
        .expect("run orgguard");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), report)
}

fn expected(kind: Expect) -> u64 {
    data_set()
        .iter()
        .filter(|(_, _, e)| *e == kind)
        .map(|(n, _, _)| n)
        .sum()
}

#[test]
fn a_generated_data_set_gives_exactly_the_expected_counts() {
    let dir = fixture();
    let (code, report) = simulate_json(dir.path());
    assert_eq!(code, 1, "newly denied calls make the command exit 1");
    let total: u64 = data_set().iter().map(|(n, _, _)| n).sum();
    assert_eq!(report["events"], total);
    assert_eq!(report["files"], 4);
    assert_eq!(report["malformed"], 0);
    assert_eq!(
        report["newly_denied"]["total"],
        expected(Expect::NewlyDenied)
    );
    assert_eq!(
        report["allowed_again"]["total"],
        expected(Expect::AllowedAgain)
    );
    assert_eq!(
        report["denied_by_both"]["total"],
        expected(Expect::DeniedByBoth)
    );
    assert_eq!(report["allowed_by_both"], expected(Expect::AllowedByBoth));
    let not_affected = |reason: &str| {
        report["not_affected"]
            .as_array()
            .and_then(|l| l.iter().find(|n| n["reason"] == reason))
            .map(|n| n["count"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        not_affected("service-linked-role"),
        expected(Expect::ServiceLinked)
    );
    assert_eq!(
        not_affected("management-account"),
        expected(Expect::Management)
    );
    assert_eq!(
        report["not_in_layout"],
        json!([{"account": LIVE_ONLY, "account_name": "contractor", "allowed": expected(Expect::LiveOnlyAllowed), "denied": 0}])
    );

    // Grouped by statement, account, principal and action, largest first.
    let groups = report["newly_denied"]["groups"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["count"], 120);
    assert_eq!(groups[0]["policy"], "region-restriction");
    assert_eq!(groups[0]["sid"], "DenyOutsideApprovedRegions");
    assert_eq!(groups[0]["attached_at"], "OU Workloads");
    assert_eq!(groups[0]["account"], APP);
    assert_eq!(
        groups[0]["principal"],
        "arn:aws:iam::222222222222:role/data-pipeline"
    );
    assert_eq!(groups[0]["action"], "ec2:RunInstances");
    assert_eq!(groups[0]["examples"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        groups[1]["principal"],
        "arn:aws:iam::222222222222:user/deployer"
    );
    assert_eq!(groups[1]["action"], "lambda:UpdateFunctionCode");
    let again = &report["allowed_again"]["groups"][0];
    assert_eq!(again["policy"], "deny-all");
    assert_eq!(again["attached_at"], "account 444444444444");
    assert_eq!(report["findings"][0]["code"], "SIM001");
}

#[test]
fn markdown_and_text_lead_with_who_would_be_denied() {
    let dir = fixture();
    let run = |format: &str| {
        let out = orgguard()
            .arg("-C")
            .arg(dir.path())
            .args(["simulate", "--format", format, "--live"])
            .arg(dir.path().join("live.json"))
            .arg("--events")
            .arg(dir.path().join("events"))
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let headline = "This change would have denied 155 calls, 120 of them by arn:aws:iam::222222222222:role/data-pipeline in account 222222222222 (app).";
    let md = run("markdown");
    assert!(md.contains(&format!("**{headline}**")), "{md}");
    assert!(
        md.contains(
            "| 120 | SCP `region-restriction/DenyOutsideApprovedRegions` | 222222222222 (app) |"
        ),
        "{md}"
    );
    let text = run("text");
    assert!(text.contains(headline), "{text}");
    assert!(
        text.contains(
            "Accounts the layout does not place, evaluated against the live SCPs and RCPs only: 10 events"
        ),
        "{text}"
    );
    assert!(text.contains("calls by service-linked roles"), "{text}");
}

#[test]
fn malformed_events_and_broken_files_are_reported_and_do_not_stop_the_run() {
    let dir = fixture();
    let events = dir.path().join("events");
    let good = record(
        &call(
            APP,
            Caller::Role("web-app"),
            "ec2.amazonaws.com",
            "DescribeInstances",
            "eu-west-1",
        ),
        1,
    );
    std::fs::write(
        events.join("bad.jsonl"),
        format!("{good}\n{{\"eventName\": 42}}\n{good}\n{{\"eventSource\": \"s3.amazonaws.com\", \"eventName\": \"GetObject\"}}\n"),
    )
    .expect("write");
    std::fs::write(
        events.join("corrupt.json.gz"),
        b"\x1f\x8b\x08\x00not really gzip",
    )
    .expect("write");
    std::fs::write(
        events.join("truncated.json"),
        format!("{{\"Records\": [{good}, {good}, {{\"eventN"),
    )
    .expect("write");

    let (code, report) = simulate_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(report["malformed"], 2);
    let bad = events.join("bad.jsonl").display().to_string();
    assert_eq!(report["malformed_examples"][0]["file"], bad);
    assert_eq!(report["malformed_examples"][0]["event"], 2);
    assert_eq!(report["malformed_examples"][1]["event"], 4);
    assert_eq!(
        report["malformed_examples"][1]["message"],
        "the event has no userIdentity"
    );
    let unreadable = report["unreadable_files"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(unreadable.len(), 2);
    assert_eq!(
        unreadable[0]["file"],
        events.join("corrupt.json.gz").display().to_string()
    );
    assert_eq!(
        unreadable[1]["file"],
        events.join("truncated.json").display().to_string()
    );
    let message = unreadable[1]["message"].as_str().unwrap_or_default();
    assert!(message.contains("line 1, column"), "{message}");
    assert!(message.contains("2 events read before it"), "{message}");
    // Everything else was still read: the good events of the broken files too.
    let total: u64 = data_set().iter().map(|(n, _, _)| n).sum();
    assert_eq!(report["events"], total + 4 + 2);
    assert_eq!(
        report["allowed_by_both"],
        expected(Expect::AllowedByBoth) + 4
    );
}

#[test]
fn without_live_it_reads_the_live_organization() {
    let dir = fixture();
    // Nothing answers at the test endpoint: the failed call is named.
    orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["simulate", "--events"])
        .arg(dir.path().join("events"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("DescribeOrganization failed"))
        .stderr(predicates::str::contains("could not reach the endpoint"));
}

#[test]
fn an_empty_directory_or_missing_path_is_an_error() {
    let dir = fixture();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    for path in [empty.clone(), dir.path().join("missing")] {
        orgguard()
            .arg("-C")
            .arg(dir.path())
            .args(["simulate", "--live"])
            .arg(dir.path().join("live.json"))
            .arg("--events")
            .arg(&path)
            .assert()
            .code(2);
    }
}

#[test]
fn the_example_org_flags_new_production_guardrails_and_unplaced_accounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = [
        call(
            "444444444444",
            Caller::Role("data-pipeline"),
            "rds.amazonaws.com",
            "DeleteDBInstance",
            "eu-west-1",
        ),
        call(
            "444444444444",
            Caller::Role("BreakGlass"),
            "rds.amazonaws.com",
            "DeleteDBInstance",
            "eu-west-1",
        ),
        call(
            "121212121212",
            Caller::Role("lab"),
            "ec2.amazonaws.com",
            "RunInstances",
            "us-east-1",
        ),
        call(
            "666666666666",
            Caller::Role("dev"),
            "ec2.amazonaws.com",
            "RunInstances",
            "us-east-1",
        ),
    ];
    write_json_lines(
        &dir.path().join("events.jsonl"),
        rows.iter().enumerate().map(|(i, c)| record(c, i as u64)),
    );
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["simulate", "--live"])
        .arg(repo_dir().join("examples/live-org.json"))
        .arg("--events")
        .arg(dir.path())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Newly denied by the proposed SCPs and RCPs: 1 event"),
        "{text}"
    );
    assert!(text.contains("production-critical-operations/DenyDataStoreDeletion (attached to OU Foundational/Workloads/Production)"), "{text}");
    assert!(text.contains("Denied by both: 1 event"), "{text}");
    assert!(
        text.contains("region-restriction/DenyOutsideApprovedRegions"),
        "{text}"
    );
    assert!(
        text.contains("121212121212 (contractor-lab): 1 allowed, 0 denied"),
        "{text}"
    );
}

#[test]
fn the_report_can_go_to_a_file_but_never_over_something_else() {
    let dir = fixture();
    let out = dir.path().join("report.md");
    let run = |target: &Path| {
        orgguard()
            .arg("-C")
            .arg(dir.path())
            .args(["simulate", "--format", "markdown", "--live"])
            .arg(dir.path().join("live.json"))
            .arg("--events")
            .arg(dir.path().join("events"))
            .arg("-o")
            .arg(target)
            .assert()
    };
    run(&out).code(1).stdout("");
    let text = std::fs::read_to_string(&out).expect("report written");
    assert!(text.starts_with("### SCP and RCP simulation"), "{text}");
    run(&dir.path().join("events"))
        .code(2)
        .stderr(predicates::str::contains("cannot write"));
    assert!(dir.path().join("events").is_dir());
}

fn simulate_text(dir: &Path) -> String {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .args(["simulate", "--live"])
        .arg(dir.join("live.json"))
        .arg("--events")
        .arg(dir.join("events"))
        .output()
        .expect("run orgguard");
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn calls_denied_by_both_name_the_live_and_the_proposed_statement() {
    let dir = fixture();
    let text = simulate_text(dir.path());
    assert!(
        text.contains("denied by the proposed SCP region-restriction/DenyOutsideApprovedRegions (attached to OU Workloads)\n             and today by SCP deny-all/DenyAll (attached to account 444444444444)"),
        "{text}"
    );
    let (_, report) = simulate_json(dir.path());
    let both = &report["denied_by_both"]["groups"][0];
    assert_eq!(both["policy"], "region-restriction");
    assert_eq!(both["live_policy"], "deny-all");
    assert_eq!(both["live_sid"], "DenyAll");
    assert_eq!(both["live_attached_at"], "account 444444444444");
}

/// Replaces the layout's root SCPs with FullAWSAccess and `policy`.
fn with_root_policy(dir: &Path, name: &str, policy: Value) {
    let layout = std::fs::read_to_string(dir.join("ou-layout.toml")).expect("read layout");
    let layout = layout.replace(
        "[root]\nscps = [\"FullAWSAccess\"]",
        &format!("[root]\nscps = [\"FullAWSAccess\", \"{name}\"]"),
    );
    std::fs::write(dir.join("ou-layout.toml"), layout).expect("write layout");
    std::fs::write(
        dir.join(format!("policies/{name}.json")),
        serde_json::to_string_pretty(&policy).expect("json"),
    )
    .expect("write policy");
}

#[test]
fn org_paths_token_time_and_event_time_are_known_to_conditions() {
    let dir = fixture();
    // Denies the Workloads OU's principals, by their org path, any call in
    // a session issued before 09:00 (the data set's sessions start at
    // 08:00), on or after 2026-11-09 (all of the data set).
    with_root_policy(
        dir.path(),
        "workloads-fresh-sessions",
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "FreshSessionsOnly", "Effect": "Deny",
          "Action": "s3:GetObject", "Resource": "*", "Condition": {
            "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-testorg0001/r-test/ou-test-wrk00001/*"},
            "DateLessThan": {"aws:TokenIssueTime": "2026-11-15T09:00:00Z"},
            "NumericGreaterThanEquals": {"aws:EpochTime": "1794182400"},
            "Bool": {"aws:PrincipalIsAWSService": "false"}}}]}),
    );
    let (_, report) = simulate_json(dir.path());
    let groups = report["newly_denied"]["groups"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fresh: Vec<&Value> = groups
        .iter()
        .filter(|g| g["sid"] == "FreshSessionsOnly")
        .collect();
    // web-app's 45 GetObject calls in account 222… (Workloads OU); the
    // retired account's are denied today already.
    assert_eq!(fresh.len(), 1, "{groups:?}");
    assert_eq!(fresh[0]["count"], 45);
    assert_eq!(
        fresh[0]["principal"],
        "arn:aws:iam::222222222222:role/web-app"
    );
    assert!(fresh[0].get("decided_without").is_none(), "{:?}", fresh[0]);
}

#[test]
fn a_decision_that_rests_on_a_key_the_trail_lacks_says_so() {
    let dir = fixture();
    with_root_policy(
        dir.path(),
        "vpc-only",
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "OnlyFromTheVpc", "Effect": "Deny",
          "Action": "ec2:DescribeInstances", "Resource": "*",
          "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-0123"}}}]}),
    );
    let (_, report) = simulate_json(dir.path());
    let group = report["newly_denied"]["groups"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["sid"] == "OnlyFromTheVpc").cloned())
        .unwrap_or(Value::Null);
    assert_eq!(group["count"], 300, "{report}");
    assert_eq!(group["decided_without"], json!(["aws:SourceVpc"]));
    let text = simulate_text(dir.path());
    assert!(
        text.contains("decided without aws:SourceVpc: the records do not carry it"),
        "{text}"
    );
}

#[test]
fn an_invalid_layout_is_shown_problem_by_problem() {
    let dir = fixture();
    std::fs::write(
        dir.path().join("policies/region-restriction.json"),
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*"}]}"#,
    )
    .expect("write");
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["simulate", "--live"])
        .arg(dir.path().join("live.json"))
        .arg("--events")
        .arg(dir.path().join("events"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("region-restriction.json"), "{stderr}");
    assert!(stderr.contains("Resource"), "{stderr}");
    assert!(stderr.contains("nothing was simulated"), "{stderr}");
}

/// A report without what depends on the input's form: file counts and
/// example events.
fn counts_only(mut report: Value) -> Value {
    report["files"] = Value::Null;
    for section in ["newly_denied", "allowed_again", "denied_by_both"] {
        if let Some(groups) = report[section]["groups"].as_array_mut() {
            for g in groups {
                g["examples"] = Value::Null;
            }
        }
    }
    report["findings"] = Value::Null;
    report
}

#[test]
fn request_shapes_fed_back_give_exactly_the_full_replays_counts() {
    let dir = fixture();
    let (_, full) = simulate_json(dir.path());
    for name in ["shapes.csv", "shapes.jsonl"] {
        let shapes = dir.path().join(name);
        let out = orgguard()
            .arg("-C")
            .arg(dir.path())
            .args(["simulate", "--events"])
            .arg(dir.path().join("events"))
            .arg("--write-shapes")
            .arg(&shapes)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let total: u64 = data_set().iter().map(|(n, _, _)| n).sum();
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!("standing for {total} events")),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let replay = orgguard()
            .arg("-C")
            .arg(dir.path())
            .args(["simulate", "--format", "json", "--live"])
            .arg(dir.path().join("live.json"))
            .arg("--events")
            .arg(&shapes)
            .output()
            .expect("run");
        let replay: Value = serde_json::from_slice(&replay.stdout).expect("json");
        assert_eq!(replay["files"], 1);
        assert_eq!(counts_only(replay), counts_only(full.clone()), "{name}");
    }
}

#[test]
fn the_canary_workflow_runs_on_the_example_data() {
    // 1. Simulate the change on last week's trail: the data pipeline's
    //    RDS deletions would be denied (exit 1).
    orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["simulate", "--events"])
        .arg(repo_dir().join("examples/cloudtrail"))
        .arg("--live")
        .arg(repo_dir().join("examples/live-org.json"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "rds:DeleteDBInstance by arn:aws:iam::444444444444:role/data-pipeline",
        ));
    // 2. Attached to the PolicyStaging OU, the canary account's trail shows
    //    what the guardrail denies there; other AccessDenied errors (an
    //    identity policy's) are not counted.
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["simulate", "--observed", "--format", "json", "--events"])
        .arg(repo_dir().join("examples/cloudtrail-canary"))
        .arg("--live")
        .arg(repo_dir().join("examples/live-org.json"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["events"], 7);
    assert_eq!(report["denied"], 3);
    assert_eq!(report["by_guardrail"], json!({"scp-explicit-deny": 3}));
    let group = &report["groups"][0];
    assert_eq!(group["account"], "888888888888");
    assert_eq!(group["account_name"], "policy-canary");
    assert_eq!(
        group["principal"],
        "arn:aws:iam::888888888888:role/data-pipeline"
    );
    assert_eq!(group["action"], "rds:DeleteDBInstance");
    // 3. A week without guardrail denials: exit 0, ready to promote.
    orgguard()
        .args(["simulate", "--observed", "--events"])
        .arg(repo_dir().join("examples/cloudtrail"))
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "Denied by an organization guardrail: 0 events",
        ));
}

/// The fixture with RCPs enabled live (RCPFullAWSAccess only) and a
/// proposed data perimeter on the Workloads OU: S3 and KMS resources only
/// for the organization's principals, with or without the exception for
/// AWS service principals.
fn rcp_fixture(service_exception: bool) -> tempfile::TempDir {
    let dir = fixture();
    let live_path = dir.path().join("live.json");
    let mut live: Value =
        serde_json::from_str(&std::fs::read_to_string(&live_path).expect("read")).expect("json");
    live["roots"][0]["policy_types"]
        .as_array_mut()
        .expect("types")
        .push(json!({"type": "RESOURCE_CONTROL_POLICY", "status": "ENABLED"}));
    live["rcps"] = json!([{"id": "p-RCPFullAWSAccess",
        "arn": "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess",
        "name": "RCPFullAWSAccess", "description": "", "aws_managed": true,
        "content": r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        "targets": [MANAGEMENT, APP, LIVE_ONLY, RETIRED, "ou-test-wrk00001", "r-test"]}]);
    std::fs::write(&live_path, serde_json::to_string(&live).expect("json")).expect("write");

    let layout = std::fs::read_to_string(dir.path().join("ou-layout.toml")).expect("read");
    let layout = layout.replace(
        "scps = [\"FullAWSAccess\", \"region-restriction\"]",
        "scps = [\"FullAWSAccess\", \"region-restriction\"]\nrcps = [\"RCPFullAWSAccess\", \"data-perimeter\"]",
    );
    std::fs::write(dir.path().join("ou-layout.toml"), layout).expect("write");
    let mut condition = json!({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-testorg0001"}});
    if service_exception {
        condition["BoolIfExists"] = json!({"aws:PrincipalIsAWSService": "false"});
    }
    std::fs::create_dir_all(dir.path().join("policies/rcp")).expect("mkdir");
    std::fs::write(
        dir.path().join("policies/rcp/data-perimeter.json"),
        serde_json::to_string_pretty(&json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "OrgOnly", "Effect": "Deny", "Principal": "*",
            "Action": ["s3:*", "kms:*"], "Resource": "*", "Condition": condition}]}))
        .expect("json"),
    )
    .expect("write policy");

    // Calls on resources of account 222… (in Workloads) and of the
    // management account, by an outside account, by CloudTrail and by a
    // role of the organization.
    let events = dir.path().join("events");
    std::fs::remove_dir_all(&events).expect("clear events");
    std::fs::create_dir(&events).expect("mkdir");
    let bucket = |owner: &str| {
        json!([{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::data-bucket/key"},
               {"accountId": owner, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::data-bucket"}])
    };
    let outside = |n: u64, owner: &str, source: &str, name: &str, resources: Value| {
        json!({"eventVersion": "1.09", "eventTime": format!("2026-11-15T10:00:{:02}Z", n),
               "eventID": format!("rcp-{n}"), "eventSource": source, "eventName": name,
               "awsRegion": "eu-west-1", "sourceIPAddress": "203.0.113.7", "eventType": "AwsApiCall",
               "recipientAccountId": owner, "resources": resources,
               "userIdentity": {"type": "AWSAccount", "principalId": "AIDAOUTSIDE", "accountId": "999999999999"}})
    };
    let service = json!({"eventVersion": "1.09", "eventTime": "2026-11-15T10:01:00Z", "eventID": "rcp-svc",
        "eventSource": "s3.amazonaws.com", "eventName": "PutObject", "awsRegion": "eu-west-1",
        "sourceIPAddress": "cloudtrail.amazonaws.com", "eventType": "AwsApiCall", "recipientAccountId": APP,
        "resources": bucket(APP),
        "userIdentity": {"type": "AWSService", "invokedBy": "cloudtrail.amazonaws.com"}});
    let mut inside = record(
        &call(
            APP,
            Caller::Role("reader"),
            "s3.amazonaws.com",
            "GetObject",
            "eu-west-1",
        ),
        7,
    );
    inside["resources"] = bucket(APP);
    let lines = [
        outside(1, APP, "s3.amazonaws.com", "GetObject", bucket(APP)),
        outside(2, APP, "s3.amazonaws.com", "GetObject", bucket(APP)),
        outside(
            3,
            MANAGEMENT,
            "s3.amazonaws.com",
            "GetObject",
            bucket(MANAGEMENT),
        ),
        outside(4, APP, "ec2.amazonaws.com", "DescribeInstances", json!([])),
        service,
        inside,
    ];
    write_json_lines(&events.join("rcp.jsonl"), lines.to_vec());
    dir
}

#[test]
fn a_proposed_rcp_denies_outside_callers_by_resource_account_and_spares_aws_services() {
    let dir = rcp_fixture(true);
    let (code, report) = simulate_json(dir.path());
    assert_eq!(code, 1, "{report:#}");
    let denied = &report["newly_denied"];
    // The two outside reads of account 222…'s bucket; not the read of the
    // management account's bucket (RCPs do not apply there), not EC2 (not
    // an RCP service), not CloudTrail's delivery (the exception), not the
    // organization's own role.
    assert_eq!(denied["total"], 2, "{report:#}");
    let group = &denied["groups"][0];
    assert_eq!(group["kind"], "rcp");
    assert_eq!(group["policy"], "data-perimeter");
    assert_eq!(group["sid"], "OrgOnly");
    assert_eq!(group["attached_at"], "OU Workloads");
    assert_eq!(group["account"], "999999999999");
    assert_eq!(group["resource_account"], APP);
    assert_eq!(group["resource_account_name"], "app");
    assert_eq!(group["principal"], "(a principal of account 999999999999)");
    assert_eq!(group["action"], "s3:GetObject");
    assert_eq!(report["allowed_by_both"], 2, "{report:#}");

    let text = simulate_text(dir.path());
    assert!(
        text.contains("in account 999999999999, on a resource of account 222222222222 (app), denied by RCP data-perimeter/OrgOnly (attached to OU Workloads)"),
        "{text}"
    );
}

#[test]
fn a_service_the_layout_adds_to_rcps_is_evaluated_against_them() {
    let dir = rcp_fixture(true);
    let policy = dir.path().join("policies/rcp/data-perimeter.json");
    let text = std::fs::read_to_string(&policy).expect("read");
    std::fs::write(&policy, text.replace("\"kms:*\"", "\"kms:*\", \"ec2:*\"")).expect("write");
    let layout = dir.path().join("ou-layout.toml");
    let text = std::fs::read_to_string(&layout).expect("read");
    std::fs::write(
        &layout,
        text.replace("[vars]", "[settings]\nrcp_services = [\"ec2\"]\n\n[vars]"),
    )
    .expect("write");
    let (code, report) = simulate_json(dir.path());
    assert_eq!(code, 1, "{report:#}");
    // The outside account's DescribeInstances in account 222… is now an
    // RCP's business too, beside its two reads of the bucket.
    assert_eq!(report["newly_denied"]["total"], 3, "{report:#}");
    let groups = report["newly_denied"]["groups"].as_array().expect("groups");
    let ec2 = groups
        .iter()
        .find(|g| g["action"] == "ec2:DescribeInstances")
        .unwrap_or_else(|| panic!("no EC2 group: {report:#}"));
    assert_eq!(ec2["kind"], "rcp");
    assert_eq!(ec2["resource_account"], APP);
}

#[test]
fn without_the_service_principal_exception_cloudtrail_delivery_is_denied_too() {
    let dir = rcp_fixture(false);
    let (_, report) = simulate_json(dir.path());
    let groups = report["newly_denied"]["groups"].as_array().expect("groups");
    assert_eq!(report["newly_denied"]["total"], 3, "{report:#}");
    let delivery = groups
        .iter()
        .find(|g| g["principal"] == "cloudtrail.amazonaws.com")
        .unwrap_or_else(|| panic!("no CloudTrail group: {report:#}"));
    assert_eq!(delivery["kind"], "rcp");
    assert_eq!(delivery["action"], "s3:PutObject");
    assert_eq!(delivery["resource_account"], APP);
}
