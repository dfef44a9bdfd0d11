//! The policies `orgguard permissions` prints are complete and minimal: the
//! fault proxy records every AWS call `plan`, `apply` and `snapshot --deep`
//! make against moto, and orgguard's own policy evaluator checks that each
//! call is allowed by that role's printed policy, and that every action in
//! the policy was called.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use orgguard::aws::operations::{Need, by_action};
use orgguard::policy::eval::{CompiledPolicy, Level, evaluate};
use orgguard::policy::request::Request as Call;
use support::proxy::{FaultProxy, Request};
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeder};

const ACCOUNTS: [(&str, &str); 9] = [
    ("222222222222", "security"),
    ("333333333333", "log-archive"),
    ("444444444444", "payments-prod"),
    ("555555555555", "web-prod"),
    ("666666666666", "payments-dev"),
    ("777777777777", "sandbox"),
    ("888888888888", "policy-canary"),
    ("999999999999", "tooling"),
    ("101010101010", "legacy-analytics"),
];

/// What a member account holds for every member read to have something to
/// read: a user with console access and a key, a customer key, a recorder.
async fn member_data(config: &aws_config::SdkConfig, account_id: &str) {
    seed::iam_user_with_key(config, "deployer").await;
    aws_sdk_iam::Client::new(config)
        .create_login_profile()
        .user_name("deployer")
        .password("Correct-Horse-9")
        .send()
        .await
        .unwrap();
    let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "Enable IAM User Permissions", "Effect": "Allow",
        "Principal": {"AWS": format!("arn:aws:iam::{account_id}:root")},
        "Action": "kms:*", "Resource": "*"}]});
    seed::kms_key(config, policy, "data").await;
    seed::config_recorder(config, account_id).await;
}

/// The example organization's accounts under an empty root, Identity
/// Center with a permission set, users, a group and assignments, and member
/// data in the management account and one member; and the example
/// repository rewritten for it, with one more OU to delete later.
async fn detective_coverage(config: &aws_config::SdkConfig, bucket: &str) {
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(config)
            .force_path_style(true)
            .build(),
    );
    s3.create_bucket()
        .bucket(bucket)
        .send()
        .await
        .expect("create the trail's bucket");
    aws_sdk_cloudtrail::Client::new(config)
        .create_trail()
        .name("trail")
        .s3_bucket_name(bucket)
        .send()
        .await
        .expect("create trail");
    aws_sdk_guardduty::Client::new(config)
        .create_detector()
        .enable(true)
        .send()
        .await
        .expect("create detector");
}

fn seeded(endpoint: &str) -> tempfile::TempDir {
    let accounts = seed::runtime().block_on(async {
        let mut s = Seeder::at(endpoint).await;
        s.organization().await;
        for (_, name) in ACCOUNTS {
            s.account(name, "").await;
        }
        s.identity_center().await;
        s.permission_set(
            "ReadOnlyAccess",
            &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        )
        .await;
        s.user("alice").await;
        s.user("bob").await;
        s.group("ops", &["alice"]).await;
        s.assign("user:alice", "ReadOnlyAccess", "sandbox").await;
        s.assign("user:bob", "ReadOnlyAccess", "sandbox").await;
        s.assign("group:ops", "ReadOnlyAccess", "tooling").await;
        member_data(&s.config, MANAGEMENT_ACCOUNT).await;
        let sandbox = s.member("sandbox").await;
        member_data(&sandbox, &s.seeded.accounts["sandbox"]).await;
        // A trail and a GuardDuty detector in the management account (read
        // by the snapshot role itself) and in a member, so the detective-
        // coverage reads of a deep snapshot make every call they can.
        detective_coverage(&s.config, "management-trail-logs").await;
        detective_coverage(&sandbox, "sandbox-trail-logs").await;
        // A delegated administrator, so the settings reads make every call
        // they can.
        s.org
            .enable_aws_service_access()
            .service_principal("guardduty.amazonaws.com")
            .send()
            .await
            .expect("enable trusted access");
        s.org
            .register_delegated_administrator()
            .account_id(&s.seeded.accounts["tooling"])
            .service_principal("guardduty.amazonaws.com")
            .send()
            .await
            .expect("register delegated administrator");
        s.seeded.accounts
    });
    let repo = support::example_copy();
    let layout = repo.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&layout).unwrap();
    text = text.replace("id = \"o-exampleorg1\"\n", "");
    text = text.replace("111111111111", MANAGEMENT_ACCOUNT);
    text = text.replace(
        "regions = [\"eu-west-1\", \"eu-central-1\"]",
        "regions = [\"us-east-1\"]",
    );
    for (example_id, name) in ACCOUNTS {
        text = text.replace(example_id, &accounts[name]);
    }
    text = text.replace(
        "[[ou]]\npath = \"Maintenance\"\n",
        "[[ou]]\npath = \"Maintenance\"\n\n[[ou]]\npath = \"Scratch\"\n",
    );
    std::fs::write(&layout, text).unwrap();
    repo
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn run(endpoint: &str, repo: &Path, args: &[&str]) -> String {
    let out = support::orgguard_at(endpoint)
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "orgguard {args:?} failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The printed policy of `role`, compiled by orgguard's evaluator, and the
/// actions it names.
fn printed_policy(repo: &Path, role: &[&str]) -> (Vec<Level>, BTreeSet<String>) {
    let text = run(support::NOWHERE, repo, &[&["permissions"], role].concat());
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut actions = BTreeSet::new();
    for statement in document["Statement"].as_array().unwrap() {
        assert_eq!(statement["Effect"], "Allow", "{statement}");
        for action in statement["Action"].as_array().unwrap() {
            actions.insert(action.as_str().unwrap().to_string());
        }
    }
    let compiled = CompiledPolicy::compile(&role.join(" "), &text).unwrap();
    let levels = vec![Level {
        label: "identity policy".to_string(),
        policies: vec![Arc::new(compiled)],
    }];
    (levels, actions)
}

/// The IAM action of a recorded call, and the resource when the action is
/// granted on a resource (AssumeRole on a role ARN).
fn action_and_resource(request: &Request) -> (String, Option<String>) {
    let action = format!("{}:{}", request.service, request.action);
    let resource = (action == "sts:AssumeRole").then(|| {
        let arn = request
            .body
            .split('&')
            .find_map(|kv| kv.strip_prefix("RoleArn="))
            .unwrap_or_default();
        percent_encoding::percent_decode_str(arn)
            .decode_utf8_lossy()
            .into_owned()
    });
    (action, resource)
}

/// Every call of one role is in the operations table and allowed by the
/// role's printed policy; returns the actions called.
fn check_allowed(role: &str, levels: &[Level], calls: &[Request]) -> BTreeSet<String> {
    assert!(!calls.is_empty(), "{role} made no calls");
    let mut called = BTreeSet::new();
    for request in calls {
        let (action, resource) = action_and_resource(request);
        let Some(row) = by_action(&action) else {
            panic!(
                "{role} called {action}, which src/aws/operations.rs does not list: add a row for it"
            );
        };
        called.insert(action.clone());
        if row.need == Need::Always {
            continue;
        }
        let mut call = Call::new(
            MANAGEMENT_ACCOUNT,
            &action,
            "arn:aws:sts::123456789012:assumed-role/orgguard/ci",
        );
        call.resources = resource.into_iter().collect();
        assert!(
            evaluate(levels, &call).is_allowed(),
            "the printed {role} policy does not allow {action} on {:?}",
            call.resources
        );
    }
    called
}

/// Identity Center assignments are read one way or the other, whichever
/// costs fewer calls for the organization's shape: a role needs both, and
/// calls one.
const EITHER: [&str; 2] = [
    "sso:ListAccountAssignments",
    "sso:ListAccountAssignmentsForPrincipal",
];

fn check_minimal(
    role: &str,
    granted: &BTreeSet<String>,
    called: &BTreeSet<String>,
    called_anywhere: &BTreeSet<String>,
) {
    let never: Vec<&String> = granted
        .iter()
        .filter(|a| !called.contains(*a))
        .filter(|a| {
            !(EITHER.contains(&a.as_str())
                && EITHER.iter().any(|e| called.contains(*e))
                && called_anywhere.contains(*a))
        })
        .collect();
    assert!(
        never.is_empty(),
        "the {role} policy grants actions {role} never called: {never:?}"
    );
}

#[test]
fn every_call_is_allowed_by_its_roles_printed_policy_and_every_grant_is_used() {
    let moto = support::moto();
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.emulate_provisioning();
    let repo = seeded(&proxy.endpoint);
    let dir = repo.path();
    let endpoint = proxy.endpoint.clone();
    proxy.record();
    let mut calls: BTreeMap<&str, Vec<Request>> = BTreeMap::new();

    // apply builds the layout from an empty organization.
    run(&endpoint, dir, &["apply", "--auto-approve"]);
    calls
        .entry("apply")
        .or_default()
        .extend(proxy.take_requests());

    // A pull request's plan; the plan role also reads assignments for the
    // audit.
    run(&endpoint, dir, &["plan"]);
    run(&endpoint, dir, &["audit", "assignments"]);
    calls
        .entry("plan")
        .or_default()
        .extend(proxy.take_requests());

    // Scheduled deep snapshots, assignments read both ways. Calls signed
    // with the management account's own key are the snapshot role's; the
    // others are the member role's, inside member accounts.
    let live = tempfile::tempdir().unwrap();
    for strategy in ["by-principal", "by-account"] {
        let out = live.path().join(format!("{strategy}.json"));
        run(
            &endpoint,
            dir,
            &[
                "snapshot",
                "--deep",
                "--assignments",
                strategy,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        for request in proxy.take_requests() {
            let role = if request.access_key == "testing" {
                "snapshot --deep"
            } else {
                "member"
            };
            calls.entry(role).or_default().push(request);
        }
    }
    let snapshot: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(live.path().join("by-account.json")).unwrap(),
    )
    .unwrap();
    let maintenance = snapshot["organizational_units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Maintenance")
        .and_then(|o| o["id"].as_str())
        .unwrap()
        .to_string();

    // The week's edits: rename an OU, delete one, untag one, change an SCP,
    // and remove another.
    edit(
        dir,
        "ou-layout.toml",
        "unmanaged = \"keep\"",
        "unmanaged = \"delete\"",
    );
    edit(
        dir,
        "ou-layout.toml",
        "path = \"Maintenance\"",
        &format!("path = \"Operations\"\nid = \"{maintenance}\""),
    );
    edit(
        dir,
        "ou-layout.toml",
        "ou = \"Maintenance\"",
        "ou = \"Operations\"",
    );
    edit(dir, "ou-layout.toml", "\n[[ou]]\npath = \"Scratch\"\n", "");
    edit(
        dir,
        "ou-layout.toml",
        "path = \"Foundational/Infra\"\ntags = { owner = \"security\" }",
        "path = \"Foundational/Infra\"",
    );
    edit(
        dir,
        "policies/deny-root-user.json",
        "\"Sid\": \"DenyRootUser\"",
        "\"Sid\": \"NoRootUser\"",
    );
    edit(
        dir,
        "ou-layout.toml",
        "scps = [\"FullAWSAccess\", \"deny-leave-organization\"]",
        "scps = [\"FullAWSAccess\"]",
    );
    edit(
        dir,
        "ou-layout.toml",
        "[policies.deny-leave-organization]\ndescription = \"Member accounts cannot leave the organization.\"\n",
        "",
    );
    std::fs::remove_file(dir.join("policies/deny-leave-organization.json")).unwrap();
    // And a SECURITY contact for every account: plan and apply then read
    // the organization's settings, and apply sets the contacts.
    let mut layout = std::fs::read_to_string(dir.join("ou-layout.toml")).unwrap();
    layout.push_str(
        "\n[contacts.security]\nname = \"SecOps\"\ntitle = \"Security\"\nemail = \"secops@example.com\"\nphone = \"+1-555-0100\"\n",
    );
    // And trusted access as code: GuardDuty (trusted, administered from
    // tooling by the seed) is left out and deleted; IAM Access Analyzer is
    // trusted and administered from security: apply deregisters, disables,
    // enables and registers.
    layout.push_str(
        "\n[trusted_access]\nunmanaged = \"delete\"\nservices = [\"access-analyzer.amazonaws.com\"]\n\n[trusted_access.delegated_administrators]\n\"access-analyzer.amazonaws.com\" = [\"security\"]\n",
    );
    std::fs::write(dir.join("ou-layout.toml"), layout).unwrap();
    // And accounts as code: one to create, one to close.
    edit(
        dir,
        "ou-layout.toml",
        "name = \"legacy-analytics\"\nemail = \"aws-legacy-analytics@example.com\"\nou = \"Suspended\"",
        "name = \"legacy-analytics\"\nemail = \"aws-legacy-analytics@example.com\"\nou = \"Suspended\"\nstate = \"closed\"",
    );
    let mut layout = std::fs::read_to_string(dir.join("ou-layout.toml")).unwrap();
    layout.push_str(
        "\n[[account]]\nname = \"sandbox-2\"\nemail = \"sandbox-2@example.com\"\nou = \"Suspended\"\n",
    );
    std::fs::write(dir.join("ou-layout.toml"), layout).unwrap();
    run(&endpoint, dir, &["plan"]);
    calls
        .entry("plan")
        .or_default()
        .extend(proxy.take_requests());
    run(&endpoint, dir, &["apply", "--auto-approve"]);
    calls
        .entry("apply")
        .or_default()
        .extend(proxy.take_requests());

    let roles: [(&str, &[&str]); 4] = [
        ("plan", &["plan"]),
        ("apply", &["apply"]),
        ("snapshot --deep", &["snapshot", "--deep"]),
        ("member", &["member"]),
    ];
    let mut called = BTreeMap::new();
    for (role, args) in roles {
        let (levels, _) = printed_policy(dir, args);
        called.insert(role, check_allowed(role, &levels, &calls[role]));
    }
    let anywhere: BTreeSet<String> = called.values().flatten().cloned().collect();
    for (role, args) in roles {
        let (_, granted) = printed_policy(dir, args);
        check_minimal(role, &granted, &called[role], &anywhere);
    }
    // Both ways of reading assignments were really exercised.
    for action in EITHER {
        assert!(anywhere.contains(action), "{action} was never called");
    }
}

#[test]
fn a_call_outside_the_printed_policy_is_caught() {
    // The check above is only worth something if the evaluator refuses
    // what a policy does not grant.
    let repo = support::example_copy();
    let (levels, granted) = printed_policy(repo.path(), &["plan"]);
    assert!(!granted.contains("organizations:AttachPolicy"));
    let call = Call::new(
        MANAGEMENT_ACCOUNT,
        "organizations:AttachPolicy",
        "arn:aws:sts::123456789012:assumed-role/orgguard/ci",
    );
    assert!(!evaluate(&levels, &call).is_allowed());
    let (levels, _) = printed_policy(repo.path(), &["snapshot", "--deep"]);
    let mut assume = Call::new(
        MANAGEMENT_ACCOUNT,
        "sts:AssumeRole",
        "arn:aws:sts::123456789012:assumed-role/orgguard/ci",
    );
    assume.resources = vec!["arn:aws:iam::222222222222:role/SomeOtherRole".to_string()];
    assert!(!evaluate(&levels, &assume).is_allowed());
    assume.resources =
        vec!["arn:aws:iam::222222222222:role/OrganizationAccountAccessRole".to_string()];
    assert!(evaluate(&levels, &assume).is_allowed());
}

/// docs/permissions.md, and the ` ```json ` blocks in it.
fn doc() -> (String, Vec<serde_json::Value>) {
    let text = std::fs::read_to_string(support::repo_dir().join("docs/permissions.md")).unwrap();
    let blocks = text
        .split("```json\n")
        .skip(1)
        .map(|b| serde_json::from_str(b.split("```").next().unwrap()).unwrap())
        .collect();
    (text, blocks)
}

#[test]
fn the_documented_policies_are_the_printed_ones() {
    let (text, _) = doc();
    let mut shown = 0;
    for block in text.split("```\n$ orgguard permissions ").skip(1) {
        let (args, rest) = block.split_once('\n').unwrap();
        let documented = rest.split("```").next().unwrap();
        let args: Vec<&str> = args.split_whitespace().collect();
        let printed = run(
            support::NOWHERE,
            &support::repo_dir(),
            &[&["permissions"], args.as_slice()].concat(),
        );
        assert_eq!(
            documented, printed,
            "docs/permissions.md shows an old `orgguard permissions {args:?}`"
        );
        shown += 1;
    }
    assert_eq!(shown, 4);
}

#[test]
fn the_documented_trust_policies_pass_orgguards_own_lint() {
    let (_, trusts) = doc();
    assert_eq!(trusts.len(), 4);
    // The three management-account roles and the member role, as a live
    // snapshot would hold them; and, to show lint looks at them, the plan
    // role's trust without its `sub` condition.
    let mut loose = trusts[0].clone();
    loose["Statement"][0]["Condition"]["StringEquals"]
        .as_object_mut()
        .unwrap()
        .remove("token.actions.githubusercontent.com:sub");
    let role = |account: &str, name: &str, trust: &serde_json::Value| {
        serde_json::json!({
            "arn": format!("arn:aws:iam::{account}:role/{name}"),
            "name": name, "path": "/", "role_id": format!("AROA{account}{}", name.len()),
            "trust_policy": trust.to_string(),
            "attached_policies": [], "inline_policies": [],
        })
    };
    let mut live: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(support::repo_dir().join("examples/live-org.json")).unwrap(),
    )
    .unwrap();
    let management = serde_json::json!({
        "account_id": "111111111111", "complete": true, "regions": ["eu-west-1"],
        "roles": [
            role("111111111111", "orgguard-plan", &trusts[0]),
            role("111111111111", "orgguard-apply", &trusts[1]),
            role("111111111111", "orgguard-snapshot", &trusts[2]),
            role("111111111111", "loose-plan", &loose),
        ],
        "users": [], "kms_keys": [], "config_recorders": [],
    });
    let members = live["member_accounts"].as_array_mut().unwrap();
    members.push(management);
    members[0]["roles"].as_array_mut().unwrap().push(role(
        "222222222222",
        "orgguard-member-read",
        &trusts[3],
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, live.to_string()).unwrap();
    let out = support::orgguard()
        .current_dir(dir.path())
        .args([
            "lint",
            "--format",
            "json",
            "--fail-on",
            "critical",
            "--live",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    let findings = report["findings"].as_array().unwrap();
    let about = |name: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.to_string().contains(&format!("role/{name}")))
            .map(|f| f["code"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    for name in [
        "orgguard-plan",
        "orgguard-apply",
        "orgguard-snapshot",
        "orgguard-member-read",
    ] {
        assert!(about(name).is_empty(), "{name}: {:?}", about(name));
    }
    assert_eq!(about("loose-plan"), ["IAM003"]);
}

#[test]
fn deep_is_refused_for_roles_it_does_not_apply_to() {
    support::orgguard()
        .args(["permissions", "member", "--deep"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--deep applies to the snapshot role, not to member",
        ));
}
