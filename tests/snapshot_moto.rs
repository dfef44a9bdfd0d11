//! `orgguard snapshot` against a real AWS API (the moto server), through the
//! real AWS SDK.

mod support;

use serde_json::{Value, json};
use support::proxy::{FaultProxy, Rule, query_error};
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeded, Seeder};

/// A realistic organization: nested OUs, accounts in several OUs, a
/// suspended account, SCPs at every level, Identity Center with users,
/// groups and assignments (one to a deleted user), and member-account
/// resources with hazards and their clean counterparts.
async fn realistic_org(moto: &support::Moto) -> Seeded {
    let mut s = Seeder::new(moto).await;
    s.organization().await;
    s.ou("Foundational").await;
    s.ou("Foundational/Workloads").await;
    let prod = s.ou("Foundational/Workloads/Production").await;
    s.ou("Foundational/Workloads/SDLC").await;
    let suspended = s.ou("Suspended").await;
    let payments = s
        .account("payments-prod", "Foundational/Workloads/Production")
        .await;
    s.account("web-prod", "Foundational/Workloads/Production")
        .await;
    s.account("payments-dev", "Foundational/Workloads/SDLC")
        .await;
    let old = s.account("legacy", "Suspended").await;
    s.org
        .close_account()
        .account_id(&old)
        .send()
        .await
        .expect("close account");
    s.tag(&payments, "team", "payments").await;
    s.tag(&prod, "environment", "production").await;

    let root = s.seeded.root_id.clone();
    let leave = s.scp("deny-leave-organization", seed::DENY_LEAVE).await;
    s.attach(&leave, &root).await;
    let guard = s.scp("protect-buckets", seed::DENY_S3).await;
    s.attach(&guard, &s.seeded.ous["Foundational"].clone())
        .await;
    s.attach(&guard, &payments).await;
    let deny_all = s.scp("deny-all", seed::DENY_ALL).await;
    s.attach(&deny_all, &suspended).await;

    s.identity_center().await;
    s.permission_set(
        "AdministratorAccess",
        &["arn:aws:iam::aws:policy/AdministratorAccess"],
    )
    .await;
    s.permission_set(
        "ReadOnlyAccess",
        &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    )
    .await;
    s.user("alice").await;
    s.user("bob").await;
    s.user("carol").await;
    s.user("frank").await;
    s.group("platform-admins", &["alice", "bob"]).await;
    s.group("auditors", &["carol"]).await;
    s.group("contractors", &[]).await;
    s.assign(
        "group:platform-admins",
        "AdministratorAccess",
        "payments-dev",
    )
    .await;
    s.assign("group:auditors", "ReadOnlyAccess", "payments-prod")
        .await;
    s.assign("group:auditors", "ReadOnlyAccess", "web-prod")
        .await;
    s.assign("user:carol", "AdministratorAccess", "payments-prod")
        .await;
    s.assign("group:contractors", "ReadOnlyAccess", "payments-dev")
        .await;
    s.assign("user:frank", "ReadOnlyAccess", "web-prod").await;
    s.delete_user("frank").await;

    let member = s.member("payments-prod").await;
    seed::role(
        &member,
        "sandbox-admin",
        json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}),
        true,
    )
    .await;
    seed::role(&member, "partner-audit", json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole",
         "Condition": {"StringEquals": {"sts:ExternalId": "a1b2c3"}}}]}), false).await;
    seed::kms_key(&member, json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{payments}:role/sandbox-admin")},
         "Action": "kms:*", "Resource": "*"}]}), "single-admin").await;
    seed::kms_key(&member, json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{payments}:root")},
         "Action": "kms:*", "Resource": "*"}]}), "default-policy").await;
    seed::iam_user_with_key(&member, "legacy-batch").await;
    seed::config_recorder(&member, &payments).await;
    s.seeded
}

fn snapshot_json(output: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(output).expect("snapshot file"))
        .expect("snapshot JSON")
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} = {value} in {list:#}"))
}

#[test]
fn deep_snapshot_reads_every_part_of_a_realistic_organization() {
    let moto = support::moto();
    let seeded = seed::runtime().block_on(realistic_org(&moto));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.json");
    let result = moto
        .orgguard()
        .current_dir(dir.path())
        .args([
            "snapshot",
            "--deep",
            "--regions",
            "us-east-1",
            "--assignments",
            "every-pair",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("API calls:"), "summary missing: {stderr}");
    let snap = snapshot_json(&out);

    assert_eq!(snap["schema_version"], 1);
    assert_eq!(snap["organization"]["id"], seeded.org_id.as_str());
    assert_eq!(
        snap["organization"]["management_account_id"],
        MANAGEMENT_ACCOUNT
    );
    let root = &snap["roots"][0];
    assert_eq!(root["policy_types"][0]["type"], "SERVICE_CONTROL_POLICY");

    // The tree: every OU under the right parent.
    let ous = &snap["organizational_units"];
    assert_eq!(ous.as_array().unwrap().len(), 5);
    let production = find(ous, "id", &seeded.ous["Foundational/Workloads/Production"]);
    assert_eq!(
        production["parent_id"],
        seeded.ous["Foundational/Workloads"].as_str()
    );
    assert_eq!(production["tags"]["environment"], "production");

    // Accounts: placement, status, tags.
    let accounts = &snap["accounts"];
    assert_eq!(accounts.as_array().unwrap().len(), 5);
    let payments = find(accounts, "name", "payments-prod");
    assert_eq!(payments["parent_id"], production["id"]);
    assert_eq!(payments["tags"]["team"], "payments");
    assert_eq!(find(accounts, "name", "legacy")["status"], "SUSPENDED");
    assert_eq!(
        find(accounts, "id", MANAGEMENT_ACCOUNT)["parent_id"],
        seeded.root_id.as_str()
    );

    // SCPs with content and attachments at every level.
    let policies = &snap["policies"];
    let guard = find(policies, "name", "protect-buckets");
    assert_eq!(guard["content"], seed::DENY_S3);
    let mut expected = vec![
        seeded.ous["Foundational"].clone(),
        seeded.accounts["payments-prod"].clone(),
    ];
    expected.sort();
    assert_eq!(guard["targets"], json!(expected));
    assert_eq!(
        find(policies, "name", "deny-leave-organization")["targets"],
        json!([seeded.root_id])
    );
    assert_eq!(
        find(policies, "name", "deny-all")["targets"],
        json!([seeded.ous["Suspended"]])
    );
    assert_eq!(find(policies, "name", "FullAWSAccess")["aws_managed"], true);

    // Identity Center.
    let ic = &snap["identity_center"];
    let admin = find(&ic["permission_sets"], "name", "AdministratorAccess");
    assert_eq!(
        admin["managed_policies"],
        json!(["arn:aws:iam::aws:policy/AdministratorAccess"])
    );
    assert_eq!(admin["session_duration"], "PT4H");
    assert_eq!(
        ic["users"].as_array().unwrap().len(),
        3,
        "frank was deleted"
    );
    assert_eq!(
        find(&ic["users"], "user_name", "alice")["email"],
        "alice@example.com"
    );
    let admins = find(&ic["groups"], "display_name", "platform-admins");
    let mut members = vec![seeded.users["alice"].clone(), seeded.users["bob"].clone()];
    members.sort();
    assert_eq!(admins["members"], json!(members));
    assert_eq!(
        find(&ic["groups"], "display_name", "contractors")["members"],
        json!([])
    );
    let assignments = ic["assignments"].as_array().unwrap();
    assert_eq!(assignments.len(), 6);
    let frank = assignments
        .iter()
        .find(|a| a["principal_id"] == seeded.users["frank"].as_str())
        .expect("the deleted user's assignment is still read");
    assert_eq!(frank["account_id"], seeded.accounts["web-prod"].as_str());
    assert!(assignments.iter().any(|a| a["principal_type"] == "USER"
        && a["principal_id"] == seeded.users["carol"].as_str()
        && a["permission_set_arn"] == admin["arn"]));

    // Member accounts: every active account read, suspended ones not.
    let members = snap["member_accounts"].as_array().unwrap();
    assert_eq!(members.len(), 4);
    assert!(
        members.iter().all(|m| m["complete"] == true),
        "{members:#?}"
    );
    let p = find(
        &snap["member_accounts"],
        "account_id",
        &seeded.accounts["payments-prod"],
    );
    let wide = find(&p["roles"], "name", "sandbox-admin");
    let trust: Value =
        serde_json::from_str(wide["trust_policy"].as_str().unwrap()).expect("decoded trust policy");
    assert_eq!(trust["Statement"][0]["Principal"]["AWS"], "*");
    assert_eq!(
        wide["attached_policies"],
        json!([format!(
            "arn:aws:iam::{}:policy/AdministratorAccess",
            seeded.accounts["payments-prod"]
        )])
    );
    let narrow = find(&p["roles"], "name", "partner-audit");
    let trust: Value = serde_json::from_str(narrow["trust_policy"].as_str().unwrap()).unwrap();
    assert_eq!(
        trust["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"],
        "a1b2c3"
    );
    let keys = p["kms_keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    let single = keys
        .iter()
        .find(|k| k["aliases"] == json!(["alias/single-admin"]))
        .expect("single-admin key");
    let policy: Value = serde_json::from_str(single["policy"].as_str().unwrap()).unwrap();
    assert!(
        policy["Statement"][0]["Principal"]["AWS"]
            .as_str()
            .unwrap()
            .ends_with(":role/sandbox-admin")
    );
    assert_eq!(single["state"], "Enabled");
    let user = find(&p["users"], "name", "legacy-batch");
    assert_eq!(user["access_keys"][0]["status"], "Active");
    assert_eq!(user["console_access"], false);
    assert_eq!(p["config_recorders"], json!([{"region": "us-east-1", "name": "default", "recording": true, "last_status": "SUCCESS"}])
        .as_array().map(|_| p["config_recorders"].clone()).unwrap());
    assert_eq!(p["config_recorders"][0]["recording"], true);
    let web = find(
        &snap["member_accounts"],
        "account_id",
        &seeded.accounts["web-prod"],
    );
    assert_eq!(
        web["config_recorders"],
        json!([{"region": "us-east-1", "recording": false}]),
        "no recorder is recorded as missing"
    );
}

#[test]
fn an_account_whose_role_cannot_be_assumed_is_incomplete_and_the_rest_are_read() {
    let moto = support::moto();
    let seeded = seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.organization().await;
        s.ou("Workloads").await;
        s.account("locked", "Workloads").await;
        s.account("open", "Workloads").await;
        s.seeded
    });
    let locked = seeded.accounts["locked"].clone();
    let proxy = FaultProxy::start(&moto.endpoint);
    let needle = locked.clone();
    proxy.add(Rule {
        when: Box::new(move |r| r.operation == "AssumeRole" && r.body.contains(&needle)),
        fault: query_error(
            403,
            "AccessDenied",
            "not authorized to perform: sts:AssumeRole",
        ),
        remaining: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.json");
    let result = support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "--deep", "--regions", "us-east-1", "-o"])
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("account {locked} incomplete")),
        "{stderr}"
    );
    let snap = snapshot_json(&out);
    let m = find(&snap["member_accounts"], "account_id", &locked);
    assert_eq!(m["complete"], false);
    assert_eq!(m["errors"][0]["operation"], "AssumeRole");
    assert!(
        m["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("AccessDenied")
    );
    assert_eq!(m["roles"], json!([]));
    let open = find(
        &snap["member_accounts"],
        "account_id",
        &seeded.accounts["open"],
    );
    assert_eq!(open["complete"], true);
    assert!(!open["roles"].as_array().unwrap().is_empty() || open["errors"].as_array().is_none());

    // --require-complete turns the incomplete read into exit 1.
    support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args([
            "snapshot",
            "--deep",
            "--regions",
            "us-east-1",
            "--require-complete",
            "-o",
        ])
        .arg(dir.path().join("again.json"))
        .assert()
        .code(1);
}

#[test]
fn snapshot_round_trips_through_live_and_is_deterministic() {
    let moto = support::moto();
    seed::runtime().block_on(realistic_org(&moto));
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.json");
    let second = dir.path().join("b.json");
    for out in [&first, &second] {
        moto.orgguard()
            .current_dir(dir.path())
            .args(["snapshot", "--deep", "--regions", "us-east-1", "-q", "-o"])
            .arg(out)
            .assert()
            .success();
    }
    let strip = |p: &std::path::Path| {
        let mut v = snapshot_json(p);
        v["captured_at"] = Value::Null;
        v
    };
    assert_eq!(
        strip(&first),
        strip(&second),
        "two snapshots of one org differ"
    );
    let rewritten = dir.path().join("c.json");
    support::orgguard()
        .current_dir(dir.path())
        .args(["snapshot", "--live"])
        .arg(&first)
        .arg("-o")
        .arg(&rewritten)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&rewritten).unwrap()
    );
}

#[test]
fn snapshot_refuses_an_organization_the_layout_was_not_written_for() {
    let moto = support::moto();
    seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.organization().await;
    });
    // The shipped example is for management account 111111111111.
    let repo = support::example_copy();
    moto.orgguard()
        .args(["snapshot", "-C"])
        .arg(repo.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the live organization is"))
        .stderr(predicates::str::contains("management account 111111111111"));
}

#[test]
fn snapshot_names_the_failed_call_when_there_is_no_organization() {
    let moto = support::moto();
    let dir = tempfile::tempdir().unwrap();
    moto.orgguard()
        .current_dir(dir.path())
        .args(["snapshot", "-o", "x.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "aws organizations DescribeOrganization failed",
        ))
        .stderr(predicates::str::contains("not in an organization"));
    assert!(
        !dir.path().join("x.json").exists(),
        "nothing is written on failure"
    );
}

#[test]
fn throttling_and_concurrent_modification_are_retried_and_counted() {
    use support::proxy::json_error;
    let moto = support::moto();
    seed::runtime().block_on(realistic_org(&moto));
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.json");
    moto.orgguard()
        .current_dir(dir.path())
        .args(["snapshot", "-q", "-o"])
        .arg(&clean)
        .assert()
        .success();

    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.add(Rule {
        when: Box::new(|r| r.operation.ends_with(".ListTagsForResource")),
        fault: json_error(400, "TooManyRequestsException", "AWS Organizations can't complete your request because another request is already in progress"),
        remaining: Some(3),
    });
    proxy.add(Rule {
        when: Box::new(|r| r.operation.ends_with(".DescribePolicy")),
        fault: json_error(
            400,
            "ConcurrentModificationException",
            "the request failed because another request to modify the same entity is in progress",
        ),
        remaining: Some(2),
    });
    proxy.add(Rule {
        when: Box::new(|r| r.operation.ends_with(".ListGroupMemberships")),
        fault: json_error(400, "ThrottlingException", "rate exceeded"),
        remaining: Some(2),
    });
    let faulted = dir.path().join("faulted.json");
    let result = support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "-o"])
        .arg(&faulted)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert_eq!(proxy.faults_injected(), 7);
    assert!(stderr.contains(" retries, 5 throttled"), "{stderr}");
    let retries: u64 = stderr
        .split(" retries,")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("retry count");
    // The 7 faults, plus moto's failing permissions-boundary call.
    assert!(retries >= 7, "{stderr}");
    let strip = |p: &std::path::Path| {
        let mut v = snapshot_json(p);
        v["captured_at"] = Value::Null;
        v["source"] = Value::Null;
        v
    };
    assert_eq!(
        strip(&clean),
        strip(&faulted),
        "faults changed what was read"
    );
}
