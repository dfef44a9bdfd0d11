//! `orgguard import` against a real AWS API (moto): an organization built
//! with nested OUs, SCPs, RCPs, tags, trusted access and delegated
//! administrators is imported straight from the API, and the imported
//! layout plans no changes against it; so does a 1,000-account synthetic
//! organization.

mod support;

use std::path::Path;

use predicates::prelude::*;
use support::seed::{self, MANAGEMENT_ACCOUNT, Seeder};
use support::synth::{Org, Shape};

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

const TRUSTED_ACCESS: &str = "
[trusted_access]
services = [\"guardduty.amazonaws.com\", \"access-analyzer.amazonaws.com\", \"config-multiaccountsetup.amazonaws.com\"]

[trusted_access.delegated_administrators]
\"guardduty.amazonaws.com\" = [\"security\"]
\"access-analyzer.amazonaws.com\" = [\"security\"]
\"config-multiaccountsetup.amazonaws.com\" = [\"tooling\", \"security\"]
";

fn plan(endpoint: &str, repo: &Path, live: Option<&Path>) -> (i32, String) {
    let mut cmd = support::orgguard_at(endpoint);
    cmd.arg("-C")
        .arg(repo)
        .args(["plan", "--detailed-exitcode"]);
    if let Some(live) = live {
        cmd.arg("--live").arg(live);
    }
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn an_organization_built_in_moto_imports_from_the_api_and_plans_no_changes() {
    let moto = support::moto();
    // Build the example organization (nested OUs, SCPs, RCPs, tags) with
    // orgguard itself, from its example layout.
    let seeded = seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.organization().await;
        for (_, name) in EXAMPLE_ACCOUNTS {
            s.account(name, "").await;
        }
        s.seeded
    });
    let example = support::example_copy();
    let layout = example.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&layout).unwrap();
    text = text.replace("id = \"o-exampleorg1\"\n", "");
    text = text.replace("111111111111", MANAGEMENT_ACCOUNT);
    for (example_id, name) in EXAMPLE_ACCOUNTS {
        text = text.replace(example_id, &seeded.accounts[name]);
    }
    // Trusted access and delegated administrators too (services moto
    // accepts delegated administrators for).
    text.push_str(TRUSTED_ACCESS);
    std::fs::write(&layout, text).unwrap();
    moto.orgguard()
        .arg("-C")
        .arg(example.path())
        .args(["apply", "--auto-approve"])
        .assert()
        .success();

    // Import from the API into an empty directory.
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("imported");
    moto.orgguard()
        .current_dir(dir.path())
        .args(["import", "-o"])
        .arg(&repo)
        .assert()
        .success()
        .stdout(predicate::str::contains("8 OUs, 10 accounts"))
        .stdout(predicate::str::contains("wrote 6 SCP(s)"))
        .stdout(predicate::str::contains("and 2 RCP(s)"))
        .stdout(predicate::str::contains(
            "wrote [trusted_access]: 3 trusted service(s), 4 delegated administrator registration(s)",
        ));
    let imported = std::fs::read_to_string(repo.join("ou-layout.toml")).unwrap();
    assert!(
        imported.contains(&format!("id = \"{}\"", seeded.org_id)),
        "{imported}"
    );
    assert!(
        imported.contains("rcps = [\"data-perimeter\", \"deny-external-assume-role\"]"),
        "{imported}"
    );
    assert!(
        imported.contains("tags = { environment = \"production\" }"),
        "{imported}"
    );
    assert!(repo.join("policies/rcp/data-perimeter.json").is_file());
    // A description set in AWS came back.
    assert!(
        imported.contains("description = \"Member accounts cannot leave the organization.\""),
        "{imported}"
    );

    for line in [
        "services = [\"access-analyzer.amazonaws.com\", \"config-multiaccountsetup.amazonaws.com\", \"guardduty.amazonaws.com\"]\n",
        "\"access-analyzer.amazonaws.com\" = [\"security\"]\n",
        "\"config-multiaccountsetup.amazonaws.com\" = [\"security\", \"tooling\"]\n",
        "\"guardduty.amazonaws.com\" = [\"security\"]\n",
    ] {
        assert!(imported.contains(line), "missing {line:?} in:\n{imported}");
    }

    let (code, text) = plan(&moto.endpoint, &repo, None);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("No changes."), "{text}");

    // A rename in the imported layout is a rename of the pinned OU.
    let renamed = imported.replace(
        "path = \"Foundational/Workloads/Production\"",
        "path = \"Foundational/Workloads/Prod\"",
    );
    let renamed = renamed.replace(
        "ou = \"Foundational/Workloads/Production\"",
        "ou = \"Foundational/Workloads/Prod\"",
    );
    std::fs::write(repo.join("ou-layout.toml"), renamed).unwrap();
    let (code, text) = plan(&moto.endpoint, &repo, None);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(
            "~ rename OU Foundational/Workloads/Production to Foundational/Workloads/Prod"
        ),
        "{text}"
    );
    assert!(
        text.contains("0 to create, 1 to update, 0 to move, 0 to delete"),
        "{text}"
    );
}

#[test]
fn a_thousand_account_synthetic_organization_imports_and_plans_no_changes() {
    let moto = support::moto();
    let shape = Shape {
        accounts: 1_000,
        ous: 100,
        depth: 5,
        scps: 60,
        permission_sets: 0,
        groups: 0,
        users: 0,
        assignments: 0,
        roles_per_account: 0,
        keys_per_account: 0,
        hazard_share: 0.0,
        ..Shape::large(16)
    };
    let org = Org::generate(&shape);
    let started = std::time::Instant::now();
    seed::runtime().block_on(org.seed(&moto.endpoint, 8));
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());

    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    moto.orgguard()
        .current_dir(dir.path())
        .args(["snapshot", "-q", "-o"])
        .arg(&live)
        .assert()
        .success();
    let repo = dir.path().join("imported");
    let started = std::time::Instant::now();
    moto.orgguard()
        .args(["import", "--live"])
        .arg(&live)
        .arg("-o")
        .arg(&repo)
        .assert()
        .success()
        .stdout(predicate::str::contains("100 OUs, 1001 accounts"))
        .stdout(predicate::str::contains("wrote 60 SCP(s)"));
    eprintln!("imported in {:.2} s", started.elapsed().as_secs_f64());
    let (code, text) = plan(&moto.endpoint, &repo, Some(&live));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("No changes."), "{text}");
}
