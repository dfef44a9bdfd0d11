//! Identity Center as code against a real AWS API (moto, behind the fault
//! proxy, which keeps AWS's provisioning rules moto lacks): the example
//! organization's permission sets and assignments built from empty, the
//! weekly edits, a failed operation, faults, and the calls `plan` makes.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::proxy::{FaultProxy, Rule, assignment_failed};
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

const USERS: [&str; 5] = ["alice", "bob", "carol", "dave", "erin"];
const GROUPS: [(&str, &[&str]); 5] = [
    ("auditors", &["carol"]),
    ("break-glass", &["alice"]),
    ("contractors", &[]),
    ("developers", &["bob", "dave", "erin"]),
    ("platform-admins", &["alice", "bob"]),
];

/// A proxy in front of moto that keeps AWS's provisioning rules.
fn proxy(moto: &support::Moto) -> FaultProxy {
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.emulate_provisioning();
    proxy.emulate_permissions_boundaries();
    proxy
}

/// An organization with the example's accounts (under the root) and the
/// example's users and groups, and no permission sets; a copy of the
/// example repository for moto's ids, with the Identity Center
/// declarations of examples/identity-center.toml and `extra`.
fn example(endpoint: &str, extra: &str) -> (Seeded, tempfile::TempDir) {
    let seeded = seed::runtime().block_on(async {
        let mut s = Seeder::at(endpoint).await;
        s.organization().await;
        for (_, name) in EXAMPLE_ACCOUNTS {
            s.account(name, "").await;
        }
        s.identity_center().await;
        for user in USERS {
            s.user(user).await;
        }
        for (group, members) in GROUPS {
            s.group(group, members).await;
        }
        s.seeded
    });
    let repo = support::example_copy();
    let layout = repo.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&layout).unwrap();
    text.push_str(
        &std::fs::read_to_string(support::repo_dir().join("examples/identity-center.toml"))
            .unwrap(),
    );
    text.push_str(extra);
    // moto 5.2.5 knows AWS managed policies without their paths
    // (arn:aws:iam::aws:policy/Billing, not .../job-function/Billing).
    text = text.replace("policy/job-function/Billing", "policy/Billing");
    text = text.replace("id = \"o-exampleorg1\"\n", "");
    text = text.replace("111111111111", MANAGEMENT_ACCOUNT);
    for (example_id, name) in EXAMPLE_ACCOUNTS {
        text = text.replace(example_id, &seeded.accounts[name]);
    }
    std::fs::write(&layout, text).unwrap();
    (seeded, repo)
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("ou-layout.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(from),
        "ou-layout.toml does not contain {from:?}"
    );
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
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "apply failed:\n{text}");
    text
}

use support::assert_converged;

/// The Identity Center changes of a plan's text, in order.
fn ic_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| {
            [
                "+ assign ",
                "- unassign ",
                "~ provision ",
                "+ create permission set",
                "~ update permission set",
                "- delete permission set",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .map(str::to_string)
        .collect()
}

fn snapshot(endpoint: &str) -> serde_json::Value {
    support::live_snapshot(endpoint)
}

/// Live assignments as (account, permission set name, principal id), with
/// duplicates kept so that a doubled one shows.
fn assignments(live: &serde_json::Value) -> Vec<(String, String, String)> {
    let ic = &live["identity_center"];
    let name = |arn: &str| {
        ic["permission_sets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["arn"] == arn)
            .map(|p| p["name"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    ic["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["account_id"].as_str().unwrap().to_string(),
                name(a["permission_set_arn"].as_str().unwrap()),
                a["principal_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_example_identity_center_is_built_from_empty_and_then_nothing_is_left() {
    let moto = support::moto();
    let proxy = proxy(&moto);
    let (seeded, repo) = example(&proxy.endpoint, "");
    let (code, text) = plan(&proxy.endpoint, repo.path());
    assert_eq!(code, 1, "{text}");
    let lines = ic_lines(&text);
    assert_eq!(
        &lines[..4],
        [
            "+ create permission set AdministratorAccess",
            "+ create permission set BillingAccess",
            "+ create permission set PowerUserAccess",
            "+ create permission set ReadOnlyAccess",
        ]
    );
    proxy.record();
    let out = apply(&proxy.endpoint, repo.path());
    assert!(out.contains("Apply complete"), "{out}");
    // Every Identity Center call apply made is one the printed apply policy
    // for this layout grants.
    let printed = support::orgguard()
        .arg("-C")
        .arg(repo.path())
        .args(["permissions", "apply"])
        .output()
        .unwrap();
    let policy: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    let granted: BTreeSet<String> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["Action"].as_array().unwrap().iter())
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let called: BTreeSet<String> = proxy
        .take_requests()
        .iter()
        .filter(|r| r.service == "sso" || r.service == "identitystore")
        .map(|r| format!("{}:{}", r.service, r.action))
        .collect();
    assert!(called.contains("sso:CreateAccountAssignment"), "{called:?}");
    let missing: Vec<&String> = called.difference(&granted).collect();
    assert!(missing.is_empty(), "not granted: {missing:?}");
    assert_converged(&proxy.endpoint, repo.path());

    let live = snapshot(&proxy.endpoint);
    let got = assignments(&live);
    // auditors: 8 accounts under Foundational and Maintenance; platform
    // admins: SDLC (2), PolicyStaging, Maintenance; developers: the dev
    // account and sandbox; break-glass: the two production accounts.
    assert_eq!(got.len(), 8 + 4 + 2 + 2, "{got:#?}");
    let tooling = &seeded.accounts["tooling"];
    assert!(got.contains(&(
        tooling.clone(),
        "AdministratorAccess".to_string(),
        seeded.groups["platform-admins"].clone()
    )));
    let power = live["identity_center"]["permission_sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "PowerUserAccess")
        .unwrap();
    assert_eq!(power["session_duration"], "PT4H");
    assert!(
        power["inline_policy"]
            .as_str()
            .unwrap()
            .contains("organizations:*")
    );
}

#[test]
fn weekly_identity_center_edits_each_plan_what_a_reviewer_needs_and_converge() {
    let moto = support::moto();
    let proxy = proxy(&moto);
    let direct = "\n[[identity_center.assignment]]\nuser = \"dave\"\npermission_set = \"ReadOnlyAccess\"\naccounts = [\"tooling\"]\n";
    let (seeded, repo) = example(&proxy.endpoint, direct);
    let dir = repo.path();
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);
    let id = |name: &str| seeded.accounts[name].clone();

    // 1. A group gains a permission set on an OU.
    edit(
        dir,
        "[[identity_center.assignment]]\ngroup = \"break-glass\"",
        "[[identity_center.assignment]]\ngroup = \"developers\"\npermission_set = \"ReadOnlyAccess\"\nous = [\"Maintenance\"]\n\n[[identity_center.assignment]]\ngroup = \"break-glass\"",
    );
    let (_, text) = plan(&proxy.endpoint, dir);
    assert_eq!(
        ic_lines(&text),
        [format!(
            "+ assign ReadOnlyAccess to group developers on account {} (tooling)",
            id("tooling")
        )],
        "{text}"
    );
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);

    // 2. An account moves into that OU: its assignments follow.
    edit(
        dir,
        "name = \"policy-canary\"\nemail = \"aws-policy-canary@example.com\"\nou = \"Foundational/PolicyStaging\"",
        "name = \"policy-canary\"\nemail = \"aws-policy-canary@example.com\"\nou = \"Maintenance\"",
    );
    let (_, text) = plan(&proxy.endpoint, dir);
    assert!(text.contains("→ move account"), "{text}");
    // The auditors and platform admins target both OUs: they keep it.
    assert_eq!(
        ic_lines(&text),
        [format!(
            "+ assign ReadOnlyAccess to group developers on account {} (policy-canary)",
            id("policy-canary")
        )],
        "{text}"
    );
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);

    // 3. An inline policy changes: the set is updated and provisioned again
    //    where it is provisioned (the dev account and sandbox).
    std::fs::write(
        dir.join("policies/permission-sets/power-user-guard.json"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["organizations:*","account:*"],"Resource":"*"}]}"#,
    )
    .unwrap();
    let (_, text) = plan(&proxy.endpoint, dir);
    assert_eq!(
        ic_lines(&text),
        [
            "~ update permission set PowerUserAccess (1 attribute)",
            "~ provision permission set PowerUserAccess to 2 accounts",
        ],
        "{text}"
    );
    assert!(text.contains("+        \"account:*\","), "{text}");
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);

    // 3b. A tag changes and one is added: the set's tags are updated, and
    //     nothing is provisioned (tags are not part of it). Then the added
    //     tag is dropped again.
    edit(
        dir,
        "tags = { owner = \"finance\" }\n",
        "tags = { owner = \"fin-ops\", cost-center = \"42\" }\n",
    );
    let (_, text) = plan(&proxy.endpoint, dir);
    assert_eq!(
        ic_lines(&text),
        ["~ update permission set BillingAccess (1 attribute)"],
        "{text}"
    );
    assert!(
        text.contains("tags: +cost-center=42, owner=finance → owner=fin-ops"),
        "{text}"
    );
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);
    edit(
        dir,
        "tags = { owner = \"fin-ops\", cost-center = \"42\" }\n",
        "tags = { owner = \"finance\" }\n",
    );
    let (_, text) = plan(&proxy.endpoint, dir);
    assert!(text.contains("untag: cost-center"), "{text}");
    assert!(
        text.contains("tags: owner=fin-ops → owner=finance"),
        "{text}"
    );
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);

    // 4. A user's direct assignment is removed.
    edit(dir, direct, "\n");
    let (_, text) = plan(&proxy.endpoint, dir);
    assert_eq!(
        ic_lines(&text),
        [format!(
            "- unassign ReadOnlyAccess from user dave on account {} (tooling)",
            id("tooling")
        )],
        "{text}"
    );
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);

    // 5. A permission set is deleted: removed from the layout, with
    //    unmanaged sets deleted.
    edit(
        dir,
        "[[identity_center.permission_set]]\nname = \"BillingAccess\"\ndescription = \"Finance team\"\nmanaged_policies = [\"arn:aws:iam::aws:policy/Billing\"]\ntags = { owner = \"finance\" }\n",
        "",
    );
    edit(
        dir,
        "unmanaged = \"keep\"\n\n[[identity_center",
        "unmanaged = \"delete\"\n\n[[identity_center",
    );
    let (_, text) = plan(&proxy.endpoint, dir);
    assert_eq!(
        ic_lines(&text),
        ["- delete permission set BillingAccess"],
        "{text}"
    );
    assert!(text.contains("permission set BillingAccess ("), "{text}");
    apply(&proxy.endpoint, dir);
    assert_converged(&proxy.endpoint, dir);
}

#[test]
fn a_failed_operation_stops_the_apply_and_plan_shows_exactly_the_rest() {
    let moto = support::moto();
    let proxy = proxy(&moto);
    let (seeded, repo) = example(&proxy.endpoint, "");
    let sandbox = seeded.accounts["sandbox"].clone();
    let (_, before) = plan(&proxy.endpoint, repo.path());
    let planned = ic_lines(&before);
    let reason = "Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/PowerUserAccess.";
    proxy.add(Rule {
        when: Box::new(move |r| {
            r.action == "CreateAccountAssignment"
                && r.body.contains(&sandbox)
                && r.body.contains("GROUP")
        }),
        fault: assignment_failed("CreateAccountAssignment", reason),
        remaining: Some(1),
    });
    let out = support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(repo.path())
        .args(["apply", "--auto-approve"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stdout.contains("Apply stopped:"), "{stdout}");
    assert!(stderr.contains(reason), "{stderr}");
    assert!(
        stderr.contains("run `orgguard plan` to see exactly what remains"),
        "{stderr}"
    );
    let not_done: Vec<String> = stdout
        .split_once("were not:\n")
        .map(|(_, rest)| ic_lines(rest))
        .unwrap_or_default();
    assert!(!not_done.is_empty(), "{stdout}");
    assert!(not_done.len() < planned.len(), "{stdout}");

    // plan shows exactly the Identity Center changes that were not made.
    let (_, after) = plan(&proxy.endpoint, repo.path());
    let remaining = ic_lines(&after);
    assert_eq!(
        remaining.iter().collect::<BTreeSet<_>>(),
        not_done.iter().collect::<BTreeSet<_>>(),
        "{after}"
    );
    apply(&proxy.endpoint, repo.path());
    assert_converged(&proxy.endpoint, repo.path());
}

#[test]
fn plan_reads_identity_center_only_when_the_layout_declares_it() {
    let moto = support::moto();
    let proxy = proxy(&moto);
    let (_, repo) = example(&proxy.endpoint, "");
    let identity_center_calls =
        |proxy: &FaultProxy| proxy.service("sso").calls + proxy.service("identitystore").calls;
    proxy.reset_counts();
    let (_, text) = plan(&proxy.endpoint, repo.path());
    assert!(text.contains("+ create permission set"), "{text}");
    assert!(identity_center_calls(&proxy) > 0);

    // The same organization, the layout without [identity_center].
    let plain = support::example_copy();
    let layout = plain.path().join("ou-layout.toml");
    let with = std::fs::read_to_string(repo.path().join("ou-layout.toml")).unwrap();
    let without = with.split("[identity_center]").next().unwrap().to_string();
    std::fs::write(&layout, without).unwrap();
    proxy.reset_counts();
    let (code, text) = plan(&proxy.endpoint, plain.path());
    assert_eq!(code, 1, "{text}");
    assert_eq!(identity_center_calls(&proxy), 0, "{:?}", proxy.counts());
    assert!(proxy.service("organizations").calls > 0);
}

#[test]
fn many_assignments_under_throttling_5xx_and_drops_converge_without_duplicates() {
    let moto = support::moto();
    let proxy = proxy(&moto);
    // 50 more accounts and 20 groups: one assignment per group on every
    // account of the OU they go to, 1,000 in all.
    let (seeded, repo) = example(&proxy.endpoint, "");
    let groups: Vec<String> = (0..20).map(|i| format!("team-{i:02}")).collect();
    let accounts = seed::runtime().block_on(async {
        let mut s = Seeder::at(&proxy.endpoint).await;
        s.seeded = seeded.clone();
        let mut ids = Vec::new();
        for i in 0..50 {
            ids.push(s.account(&format!("bulk-{i:02}"), "").await);
        }
        for g in &groups {
            s.group(g, &[]).await;
        }
        ids
    });
    let mut extra = String::from("\n[[ou]]\npath = \"Bulk\"\n");
    for (i, id) in accounts.iter().enumerate() {
        extra.push_str(&format!(
            "\n[[account]]\nid = \"{id}\"\nname = \"bulk-{i:02}\"\nou = \"Bulk\"\n"
        ));
    }
    for g in &groups {
        extra.push_str(&format!(
            "\n[[identity_center.assignment]]\ngroup = \"{g}\"\npermission_set = \"ReadOnlyAccess\"\nous = [\"Bulk\"]\n"
        ));
    }
    let layout = repo.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&layout).unwrap();
    text.push_str(&extra);
    std::fs::write(&layout, text).unwrap();

    proxy.throttle(&["sso", "identitystore"], 20.0, 20.0);
    proxy.chaos(20261203, 0.05, 0.03);
    let out = apply(&proxy.endpoint, repo.path());
    assert!(out.contains("Apply complete"), "{out}");
    let sso = proxy.service("sso");
    assert!(sso.faulted > 0, "{sso:?}");
    proxy.clear();
    assert_converged(&proxy.endpoint, repo.path());

    // Straight from moto (snapshots merge duplicates): every account has
    // each of the 20 groups exactly once.
    let live = snapshot(&proxy.endpoint);
    let read_only = live["identity_center"]["permission_sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "ReadOnlyAccess")
        .and_then(|p| p["arn"].as_str())
        .unwrap()
        .to_string();
    let counts = seed::runtime().block_on(async {
        let s = Seeder::at(&moto.endpoint).await;
        let mut counts = Vec::new();
        for account in &accounts {
            let out = s
                .sso
                .list_account_assignments()
                .instance_arn(&seeded.instance_arn)
                .account_id(account)
                .permission_set_arn(&read_only)
                .max_results(100)
                .send()
                .await
                .unwrap();
            counts.push(out.account_assignments().len());
        }
        counts
    });
    assert_eq!(counts.iter().sum::<usize>(), 1000);
    assert!(counts.iter().all(|c| *c == 20), "{counts:?}");
}

#[test]
fn apply_keeps_to_the_concurrency_quotas_without_being_told() {
    let moto = support::moto();
    let proxy = proxy(&moto);
    // Every account of Foundational (7) for four more groups: 28 new
    // assignments, plus the example's.
    let extra: String = ["contractors", "developers", "platform-admins", "break-glass"]
        .iter()
        .map(|g| {
            format!(
                "\n[[identity_center.assignment]]\ngroup = \"{g}\"\npermission_set = \"BillingAccess\"\nous = [\"Foundational\"]\n"
            )
        })
        .collect();
    let (_, repo) = example(&proxy.endpoint, &extra);
    // Slow assignment and provisioning calls (2 s, while the rate limiter
    // lets one call out every 50 ms), so that as many overlap as orgguard
    // lets them.
    proxy.add(Rule {
        when: Box::new(|r| {
            r.action == "CreateAccountAssignment" || r.action == "ProvisionPermissionSet"
        }),
        fault: support::proxy::Fault::Delay(std::time::Duration::from_secs(2)),
        remaining: None,
    });
    apply(&proxy.endpoint, repo.path());
    let assignments = proxy.max_in_flight("CreateAccountAssignment");
    assert_eq!(
        assignments, 15,
        "{assignments} CreateAccountAssignment calls at once"
    );
    // A changed policy on a set provisioned to 7 accounts: provisioned
    // again, at most 3 at a time.
    edit(
        repo.path(),
        "description = \"Finance team\"",
        "description = \"Finance and procurement\"",
    );
    apply(&proxy.endpoint, repo.path());
    assert_eq!(
        proxy.max_in_flight("ProvisionPermissionSet"),
        3,
        "ProvisionPermissionSet calls at once"
    );
    proxy.clear();
    assert_converged(&proxy.endpoint, repo.path());
}

#[test]
fn imported_declarations_of_the_synthetic_org_plan_no_identity_center_change() {
    use support::synth::{Org, Shape};
    let moto = support::moto();
    let proxy = proxy(&moto);
    let shape = Shape {
        roles_per_account: 0,
        keys_per_account: 0,
        ..Shape::small(7)
    };
    let org = Org::generate(&shape);
    seed::runtime().block_on(org.seed(&proxy.endpoint, 4));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("live.json");
    support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args(["snapshot", "-q", "-o"])
        .arg(&file)
        .assert()
        .success();
    let live = orgguard::org::read_snapshot(&file).unwrap();
    let ic = live.identity_center.as_ref().unwrap();
    assert!(ic.assignments.len() >= 10, "{}", ic.assignments.len());

    let written = orgguard::layout::write::identity_center::write(&live);
    // The rest of the organization as it is (what `import` writes for it),
    // for the assignments' account names to refer to.
    let path_of = |id: &str| {
        let mut names = Vec::new();
        let mut id = id.to_string();
        while let Some(ou) = live.organizational_units.iter().find(|o| o.id == id) {
            names.push(ou.name.clone());
            id = ou.parent_id.clone();
        }
        names.reverse();
        names.join("/")
    };
    let mut layout = format!(
        "[organization]\nmanagement_account_id = \"{MANAGEMENT_ACCOUNT}\"\n\n[root]\nscps = [\"FullAWSAccess\"]\n"
    );
    for ou in &live.organizational_units {
        layout.push_str(&format!("\n[[ou]]\npath = \"{}\"\n", path_of(&ou.id)));
    }
    for a in &live.accounts {
        let ou = path_of(&a.parent_id);
        let ou = if ou.is_empty() { "/".to_string() } else { ou };
        layout.push_str(&format!(
            "\n[[account]]\nid = \"{}\"\nname = \"{}\"\nou = \"{ou}\"\n",
            a.id, a.name
        ));
    }
    layout.push('\n');
    layout.push_str(&written.toml);
    let repo = tempfile::tempdir().unwrap();
    std::fs::write(repo.path().join("ou-layout.toml"), layout).unwrap();
    for (path, content) in &written.files {
        let path = repo.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    let (_, text) = plan(&proxy.endpoint, repo.path());
    assert!(
        text.contains("Plan:") || text.contains("No changes."),
        "{text}"
    );
    assert_eq!(ic_lines(&text), Vec::<String>::new(), "{text}");
}
