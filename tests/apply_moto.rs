//! `orgguard plan` and `orgguard apply` against a real AWS API (moto):
//! building the example organization, the edits users make every week,
//! stale plans, interrupted applies and refused plans.

mod support;

use std::path::Path;

use predicates::prelude::*;
use support::proxy::{FaultProxy, Rule, json_error};
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeded, Seeder};

/// The example layout's member accounts, created in moto.
const EXAMPLE_ACCOUNTS: [(&str, &str); 9] = [
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

/// An empty organization with the example's accounts (under the root), and
/// a copy of the example repository rewritten for moto's ids.
fn empty_org_and_example(moto: &support::Moto) -> (Seeded, tempfile::TempDir) {
    let seeded = seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        for (_, name) in EXAMPLE_ACCOUNTS {
            s.account(name, "").await;
        }
        s.seeded
    });
    let repo = support::example_copy();
    let layout = repo.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&layout).unwrap();
    text = text.replace("id = \"o-exampleorg1\"\n", "");
    text = text.replace("111111111111", MANAGEMENT_ACCOUNT);
    for (example_id, name) in EXAMPLE_ACCOUNTS {
        text = text.replace(example_id, &seeded.accounts[name]);
    }
    std::fs::write(&layout, text).unwrap();
    (seeded, repo)
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn plan(endpoint: &str, repo: &Path) -> (i32, String) {
    support::plan_in(endpoint, repo, &[])
}

fn apply(endpoint: &str, repo: &Path) -> String {
    let out = support::orgguard_at(endpoint)
        .arg("-C")
        .arg(repo)
        .args(["apply", "--auto-approve"])
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

use support::assert_converged;

fn live(endpoint: &str) -> serde_json::Value {
    support::live_snapshot(endpoint)
}

fn ou_id(live: &serde_json::Value, name: &str) -> String {
    live["organizational_units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .and_then(|o| o["id"].as_str())
        .unwrap_or_else(|| panic!("no OU {name}"))
        .to_string()
}

fn targets_of(live: &serde_json::Value, policy: &str) -> Vec<String> {
    live["policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == policy)
        .map(|p| {
            p["targets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn apply_builds_the_example_organization_from_empty_and_then_nothing_is_left() {
    let moto = support::moto();
    let (seeded, repo) = empty_org_and_example(&moto);
    let (code, text) = plan(&moto.endpoint, repo.path());
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("+ create OU Foundational/Workloads/Production"),
        "{text}"
    );
    assert!(text.contains("+ create SCP region-restriction"), "{text}");

    let out = apply(&moto.endpoint, repo.path());
    assert!(out.contains("Apply complete"), "{out}");
    assert_converged(&moto.endpoint, repo.path());

    let live = live(&moto.endpoint);
    assert_eq!(live["organizational_units"].as_array().unwrap().len(), 8);
    let prod = ou_id(&live, "Production");
    let payments = &seeded.accounts["payments-prod"];
    let account = live["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == payments.as_str())
        .unwrap();
    assert_eq!(account["parent_id"], prod.as_str());
    assert_eq!(account["tags"]["team"], "payments");
    assert_eq!(
        targets_of(&live, "production-critical-operations"),
        vec![prod.clone()]
    );
    assert_eq!(
        targets_of(&live, "deny-all"),
        vec![ou_id(&live, "Suspended")]
    );
    // Suspended has only deny-all: FullAWSAccess was detached there, after
    // deny-all was attached.
    assert!(!targets_of(&live, "FullAWSAccess").contains(&ou_id(&live, "Suspended")));
}

#[test]
fn weekly_edits_each_plan_what_a_reviewer_needs_and_converge() {
    let moto = support::moto();
    let (seeded, repo) = empty_org_and_example(&moto);
    apply(&moto.endpoint, repo.path());
    let dir = repo.path();
    let snapshot = live(&moto.endpoint);

    // Rename an OU: pinned by id, a new name is a rename.
    let maintenance = ou_id(&snapshot, "Maintenance");
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
    let (code, text) = plan(&moto.endpoint, dir);
    assert_eq!(code, 1);
    assert!(
        text.contains("rename OU Maintenance to Operations")
            || text.contains("rename OU Maintenance → Operations"),
        "{text}"
    );
    assert!(
        !text.contains("delete OU"),
        "a rename is not delete+create:\n{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);
    assert_eq!(ou_id(&live(&moto.endpoint), "Operations"), maintenance);

    // Move an account.
    let sandbox = &seeded.accounts["sandbox"];
    let from = format!(
        "id = \"{sandbox}\"\nname = \"sandbox\"\nemail = \"aws-sandbox@example.com\"\nou = \"Foundational/Workloads/SDLC\""
    );
    edit(
        dir,
        "ou-layout.toml",
        &from,
        &from.replace("Foundational/Workloads/SDLC", "Foundational/PolicyStaging"),
    );
    let (_, text) = plan(&moto.endpoint, dir);
    assert!(
        text.contains(&format!("→ move account {sandbox} (sandbox)")),
        "{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);

    // Change an SCP's content: the plan shows a diff.
    edit(
        dir,
        "policies/deny-leave-organization.json",
        "\"Action\": \"organizations:LeaveOrganization\"",
        "\"Action\": [\"organizations:LeaveOrganization\", \"account:CloseAccount\"]",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    assert!(
        text.contains("~ update SCP deny-leave-organization"),
        "{text}"
    );
    assert!(
        text.contains("+") && text.contains("account:CloseAccount"),
        "{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);

    // Formatting alone is not a change.
    let path = dir.join("policies/deny-all.json");
    let compact: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    std::fs::write(&path, compact.to_string()).unwrap();
    assert_converged(&moto.endpoint, dir);

    // Add an SCP to an OU at its limit, here an organization on the quota
    // of 5 that AWS had before 2026-05-15 (the limit counts FullAWSAccess):
    // the one that goes must be detached before the new one is attached.
    edit(
        dir,
        "ou-layout.toml",
        "[vars]",
        "[settings.limits]\nscps_per_target = 5\n\n[vars]",
    );
    edit(
        dir,
        "ou-layout.toml",
        "scps = [\"FullAWSAccess\", \"region-restriction\", \"protect-security-services\", \"deny-root-user\"]",
        "scps = [\"FullAWSAccess\", \"region-restriction\", \"protect-security-services\", \"deny-root-user\", \"deny-leave-organization\"]",
    );
    apply(&moto.endpoint, dir);
    edit(
        dir,
        "ou-layout.toml",
        "scps = [\"FullAWSAccess\", \"region-restriction\", \"protect-security-services\", \"deny-root-user\", \"deny-leave-organization\"]",
        "scps = [\"FullAWSAccess\", \"region-restriction\", \"protect-security-services\", \"deny-root-user\", \"production-critical-operations\"]",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    let detach = text
        .find("- detach SCP deny-leave-organization from OU Foundational")
        .unwrap_or_else(|| panic!("{text}"));
    let attach = text
        .find("+ attach SCP production-critical-operations to OU Foundational\n")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        detach < attach,
        "at the limit, detach must come first:\n{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);

    // RCPs, weekly: change one, move one, detach one; each converges and
    // RCPFullAWSAccess, which AWS keeps attached, is never touched.
    edit(
        dir,
        "policies/rcp/deny-external-assume-role.json",
        "\"Action\": \"sts:AssumeRole\"",
        "\"Action\": [\"sts:AssumeRole\", \"sts:AssumeRoleWithWebIdentity\"]",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    assert!(
        text.contains("~ update RCP deny-external-assume-role (content)")
            && text.contains("\"sts:AssumeRoleWithWebIdentity\""),
        "{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);
    edit(
        dir,
        "ou-layout.toml",
        "rcps = [\"data-perimeter\", \"deny-external-assume-role\"]",
        "rcps = [\"data-perimeter\"]",
    );
    edit(
        dir,
        "ou-layout.toml",
        "path = \"Foundational/Workloads/Production\"",
        "path = \"Foundational/Workloads/Production\"\nrcps = [\"RCPFullAWSAccess\", \"deny-external-assume-role\"]",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    assert!(
        text.contains("- detach RCP deny-external-assume-role from OU Foundational/Workloads\n")
            && text.contains(
                "+ attach RCP deny-external-assume-role to OU Foundational/Workloads/Production"
            )
            && !text.contains("RCPFullAWSAccess to")
            && !text.contains("RCPFullAWSAccess from"),
        "{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);
    edit(
        dir,
        "ou-layout.toml",
        "rcps = [\"RCPFullAWSAccess\", \"deny-external-assume-role\"]",
        "rcps = []",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    assert!(
        text.contains(
            "- detach RCP deny-external-assume-role from OU Foundational/Workloads/Production"
        ),
        "{text}"
    );
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);
    let snapshot = live(&moto.endpoint);
    let workloads = ou_id(&snapshot, "Workloads");
    let rcps: Vec<&str> = snapshot["rcps"]
        .as_array()
        .expect("the snapshot has RCPs")
        .iter()
        .filter(|p| {
            p["targets"]
                .as_array()
                .is_some_and(|t| t.contains(&workloads.clone().into()))
        })
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(rcps.contains(&"data-perimeter"), "{rcps:?}");
    assert!(!rcps.contains(&"deny-external-assume-role"), "{rcps:?}");

    // Replace FullAWSAccess with an allow-list: attach before detach, so
    // the OU never has zero SCPs.
    std::fs::write(dir.join("policies/allow-approved-services.json"),
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:*", "s3:*", "iam:*", "sts:*"], "Resource": "*"}]}"#).unwrap();
    edit(
        dir,
        "ou-layout.toml",
        "path = \"Foundational/PolicyStaging\"",
        "path = \"Foundational/PolicyStaging\"\nscps = [\"allow-approved-services\"]",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    let attach = text
        .find("+ attach SCP allow-approved-services to OU Foundational/PolicyStaging")
        .unwrap_or_else(|| panic!("{text}"));
    let detach = text
        .find("- detach SCP FullAWSAccess from OU Foundational/PolicyStaging")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(attach < detach, "{text}");
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);

    // Delete an emptied OU: move its accounts out, then delete it.
    let tooling = &seeded.accounts["tooling"];
    edit(
        dir,
        "ou-layout.toml",
        "[[ou]]\npath = \"Operations\"",
        "[[ou]]\npath = \"Operations-gone\"",
    );
    let text_layout = std::fs::read_to_string(dir.join("ou-layout.toml")).unwrap();
    let text_layout = text_layout
        .replace(
            &format!("[[ou]]\npath = \"Operations-gone\"\nid = \"{maintenance}\"\n"),
            "",
        )
        .replace("ou = \"Operations\"", "ou = \"Foundational/PolicyStaging\"");
    std::fs::write(dir.join("ou-layout.toml"), text_layout + "\n[settings.x]\n").unwrap();
    let text_layout = std::fs::read_to_string(dir.join("ou-layout.toml"))
        .unwrap()
        .replace("\n[settings.x]\n", "");
    let text_layout = text_layout.replace("unmanaged = \"keep\"", "unmanaged = \"delete\"");
    std::fs::write(dir.join("ou-layout.toml"), text_layout).unwrap();
    let (_, text) = plan(&moto.endpoint, dir);
    let mv = text
        .find(&format!("→ move account {tooling} (tooling)"))
        .unwrap_or_else(|| panic!("{text}"));
    let del = text
        .find("- delete OU Operations")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(mv < del, "{text}");
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);

    // Delete an SCP: detach everywhere, then delete.
    edit(
        dir,
        "ou-layout.toml",
        "scps = [\"FullAWSAccess\", \"deny-leave-organization\"]",
        "scps = [\"FullAWSAccess\"]",
    );
    std::fs::remove_file(dir.join("policies/deny-leave-organization.json")).unwrap();
    edit(
        dir,
        "ou-layout.toml",
        "[policies.deny-leave-organization]\ndescription = \"Member accounts cannot leave the organization.\"\n",
        "",
    );
    let (_, text) = plan(&moto.endpoint, dir);
    let detach = text
        .find("- detach SCP deny-leave-organization from root")
        .unwrap_or_else(|| panic!("{text}"));
    let delete = text
        .find("- delete SCP deny-leave-organization")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(detach < delete, "{text}");
    apply(&moto.endpoint, dir);
    assert_converged(&moto.endpoint, dir);
    assert!(targets_of(&live(&moto.endpoint), "deny-leave-organization").is_empty());
}

#[test]
fn a_plan_applied_after_the_live_org_changed_is_refused_and_nothing_changes() {
    let moto = support::moto();
    let (seeded, repo) = empty_org_and_example(&moto);
    let plan_file = repo.path().join("plan.json");
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .args(["plan", "-q", "-o"])
        .arg(&plan_file)
        .assert()
        .success();
    // Someone changes the organization by hand.
    seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.seeded = seeded.clone();
        s.ou("Hotfix").await;
    });
    let before = live(&moto.endpoint);
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .arg("apply")
        .arg(&plan_file)
        .arg("--auto-approve")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the plan is stale: the live organization changed",
        ));
    let mut after = live(&moto.endpoint);
    after["captured_at"] = before["captured_at"].clone();
    assert_eq!(before, after, "a stale plan changed the organization");

    // The layout changing is caught too.
    let fresh = repo.path().join("fresh.json");
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .args(["plan", "-q", "-o"])
        .arg(&fresh)
        .assert()
        .success();
    edit(
        repo.path(),
        "policies/deny-all.json",
        "\"Sid\": \"DenyAll\"",
        "\"Sid\": \"DenyEverything\"",
    );
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .arg("apply")
        .arg(&fresh)
        .arg("--auto-approve")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "ou-layout.toml or policies/ changed",
        ));
}

#[test]
fn apply_under_throttling_5xx_drops_and_concurrent_modification_converges() {
    let moto = support::moto();
    let (_, repo) = empty_org_and_example(&moto);
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.throttle(&["organizations"], 8.0, 2.0);
    proxy.chaos(20261122, 0.08, 0.05);
    // Organizations refuses policy changes while another is in progress.
    proxy.add(Rule {
        when: Box::new(|r| r.action == "AttachPolicy" || r.action == "CreatePolicy"),
        fault: json_error(
            400,
            "ConcurrentModificationException",
            "The target of the operation is currently being modified by a different request. Try again later.",
        ),
        remaining: Some(3),
    });
    let stdout = apply(&proxy.endpoint, repo.path());
    assert!(stdout.contains("+ create OU"), "{stdout}");
    let organizations = proxy.service("organizations");
    assert!(organizations.throttled > 0, "{organizations:?}");
    assert!(organizations.faulted > 3, "{organizations:?}");
    // Read back without faults: nothing is missing and nothing doubled.
    assert_converged(&moto.endpoint, repo.path());
    let live = live(&moto.endpoint);
    let names: Vec<&str> = live["organizational_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
}

#[test]
fn an_interrupted_apply_stops_cleanly_and_apply_again_finishes() {
    let moto = support::moto();
    let (_, repo) = empty_org_and_example(&moto);
    let proxy = FaultProxy::start(&moto.endpoint);
    // The fourth AttachPolicy is refused, the way AWS refuses a call it will
    // not retry.
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counter = seen.clone();
    proxy.add(Rule {
        when: Box::new(move |r| {
            r.operation.ends_with(".AttachPolicy")
                && counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 3
        }),
        fault: json_error(
            400,
            "AccessDeniedException",
            "You don't have permissions to access this resource.",
        ),
        remaining: Some(1),
    });
    let out = support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(repo.path())
        .args(["apply", "--auto-approve"])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stdout.contains("FAILED + attach SCP"), "{stdout}");
    assert!(stdout.contains("Apply stopped:"), "{stdout}");
    assert!(
        stderr.contains("aws organizations AttachPolicy failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("run `orgguard plan` to see exactly what remains"),
        "{stderr}"
    );

    // plan shows what remains: the refused attachment and what came after.
    let (code, text) = plan(&moto.endpoint, repo.path());
    assert_eq!(code, 1);
    assert!(
        !text.contains("+ create OU"),
        "OUs were already created:\n{text}"
    );
    assert!(text.contains("+ attach SCP"), "{text}");
    apply(&moto.endpoint, repo.path());
    assert_converged(&moto.endpoint, repo.path());
}

#[test]
fn plans_that_break_a_rule_are_refused_before_any_call_that_changes_anything() {
    let moto = support::moto();
    let (_, repo) = empty_org_and_example(&moto);
    apply(&moto.endpoint, repo.path());
    let snapshot = live(&moto.endpoint);
    let writes = |proxy: &FaultProxy| -> u64 {
        proxy
            .counts()
            .iter()
            .filter(|(op, _)| {
                [
                    "Create", "Delete", "Attach", "Detach", "Move", "Update", "Tag", "Untag",
                ]
                .iter()
                .any(|w| op.contains(&format!(".{w}")))
            })
            .map(|(_, n)| n)
            .sum()
    };

    // AWS cannot move an OU to another parent: a pinned OU under a new
    // parent is refused with the reason.
    let sdlc = ou_id(&snapshot, "SDLC");
    edit(
        repo.path(),
        "ou-layout.toml",
        "path = \"Foundational/Workloads/SDLC\"",
        &format!("path = \"Foundational/SDLC\"\nid = \"{sdlc}\""),
    );
    let text = std::fs::read_to_string(repo.path().join("ou-layout.toml"))
        .unwrap()
        .replace(
            "ou = \"Foundational/Workloads/SDLC\"",
            "ou = \"Foundational/SDLC\"",
        );
    std::fs::write(repo.path().join("ou-layout.toml"), text).unwrap();
    let proxy = FaultProxy::start(&moto.endpoint);
    support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(repo.path())
        .args(["apply", "--auto-approve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "AWS cannot move an OU to another parent",
        ));
    assert_eq!(writes(&proxy), 0, "calls were made: {:?}", proxy.counts());

    // A layout for another organization is refused before anything is read
    // beyond DescribeOrganization.
    let other = support::example_copy();
    let proxy = FaultProxy::start(&moto.endpoint);
    support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(other.path())
        .args(["apply", "--auto-approve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ou-layout.toml is for management account 111111111111",
        ));
    assert_eq!(writes(&proxy), 0, "calls were made: {:?}", proxy.counts());
}

#[test]
fn apply_without_a_terminal_needs_auto_approve() {
    let moto = support::moto();
    let (_, repo) = empty_org_and_example(&moto);
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .arg("apply")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--auto-approve"));
}

/// A saved plan runs only as `plan` wrote it: removing, adding or
/// reordering a change, with or without the digest, is refused before any
/// write; the genuine file still applies.
#[test]
fn an_edited_saved_plan_is_refused_with_the_org_unchanged() {
    let moto = support::moto();
    let (_, repo) = empty_org_and_example(&moto);
    let plan_file = repo.path().join("plan.json");
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .args(["plan", "-q", "-o"])
        .arg(&plan_file)
        .assert()
        .success();
    let genuine: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_file).unwrap()).unwrap();
    assert_eq!(genuine["format_version"], 2);
    assert!(genuine["changes_digest"].is_string());
    let changes = genuine["changes"].as_array().unwrap().clone();
    // The detach of FullAWSAccess from Suspended, and the attach of its
    // replacement that comes first.
    let is = |c: &serde_json::Value, op: &str, policy: &str| {
        c["op"] == op && c["policy"]["name"] == policy && c["target"]["path"] == "Suspended"
    };
    let detach = changes
        .iter()
        .position(|c| is(c, "detach_policy", "FullAWSAccess"))
        .expect("the plan detaches FullAWSAccess from Suspended");
    let attach = changes
        .iter()
        .position(|c| is(c, "attach_policy", "deny-all"))
        .expect("the plan attaches deny-all to Suspended");
    assert!(attach < detach);

    let mut removed = changes.clone();
    removed.remove(attach);
    let mut added = changes.clone();
    added.push(serde_json::json!({
        "op": "detach_policy",
        "policy": {"kind": "new", "name": "deny-root-user"},
        "target": changes[attach]["target"].clone(),
    }));
    let mut reordered = changes.clone();
    reordered.swap(attach, detach);
    let before = live(&moto.endpoint);
    let cases = [
        (
            "removed",
            removed.clone(),
            false,
            "which the file leaves out",
        ),
        ("added", added, false, "is not a change orgguard plans"),
        ("reordered", reordered, false, "(the order differs)"),
        // The digest kept: the edit is named as damage, not staleness.
        ("corrupted", removed, true, "is corrupted or was edited"),
    ];
    for (name, edited, keep_digest, expected) in cases {
        let mut plan = genuine.clone();
        plan["changes"] = serde_json::Value::Array(edited);
        if !keep_digest {
            plan.as_object_mut().unwrap().remove("changes_digest");
        }
        let file = repo.path().join(format!("{name}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
        let proxy = FaultProxy::start(&moto.endpoint);
        let out = support::orgguard_at(&proxy.endpoint)
            .arg("-C")
            .arg(repo.path())
            .arg("apply")
            .arg(&file)
            .arg("--auto-approve")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        let writes: u64 = proxy
            .counts()
            .iter()
            .filter(|(op, _)| {
                [
                    "Create", "Delete", "Attach", "Detach", "Move", "Tag", "Untag", "Update",
                ]
                .iter()
                .any(|w| op.contains(&format!(".{w}")))
            })
            .map(|(_, n)| n)
            .sum();
        assert_eq!(writes, 0, "{name}: writes were made: {:?}", proxy.counts());
    }
    let mut after = live(&moto.endpoint);
    after["captured_at"] = before["captured_at"].clone();
    assert_eq!(before, after, "a refused plan changed the organization");

    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(repo.path())
        .arg("apply")
        .arg(&plan_file)
        .arg("--auto-approve")
        .assert()
        .success()
        .stdout(predicate::str::contains("Apply complete"));
    assert_converged(&moto.endpoint, repo.path());
}
