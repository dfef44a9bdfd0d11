//! Identity Center planning on the example organization: the declarations
//! of examples/identity-center.toml against examples/live-org.json.

use std::path::Path;

use super::ic_change::IcChange;
use crate::layout::{LAYOUT_FILE, Layout};
use crate::org::{Snapshot, read_snapshot};
use crate::plan::change::Change;
use crate::plan::fold::Folding;
use crate::plan::saved::{SavedPlan, Stale, check_fresh};
use crate::plan::{Plan, diff};
use crate::policy::limits::Limits;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example repository with `extra` appended to its layout.
fn example(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = std::fs::read_to_string(repo().join(LAYOUT_FILE)).expect("layout");
    text.push_str(extra);
    std::fs::write(dir.path().join(LAYOUT_FILE), text).expect("write");
    for folder in ["policies", "policies/rcp", "policies/permission-sets"] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
        for entry in std::fs::read_dir(repo().join(folder)).expect("policies") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let name = path.file_name().expect("name");
                std::fs::copy(&path, dir.path().join(folder).join(name)).expect("copy");
            }
        }
    }
    dir
}

fn declarations() -> String {
    std::fs::read_to_string(repo().join("examples/identity-center.toml")).expect("example")
}

fn load(dir: &Path) -> Layout {
    crate::layout::load(dir)
        .expect("load")
        .layout
        .expect("layout")
}

fn live() -> Snapshot {
    let mut s = read_snapshot(&repo().join("examples/live-org.json")).expect("snapshot");
    s.normalize();
    s
}

fn lines(plan: &Plan) -> Vec<String> {
    plan.changes
        .iter()
        .filter(|c| matches!(c, Change::IdentityCenter(_)))
        .map(Change::summary)
        .collect()
}

/// Folds the plan into `live` as AWS would.
fn folded(live: &Snapshot, plan: &Plan) -> Snapshot {
    let limits = Limits::default();
    let mut org = Folding::new(live, &limits);
    for change in &plan.changes {
        org.step(change).expect("the step is accepted");
    }
    org.finish()
}

#[test]
fn the_example_plans_what_access_policies_would_flag_and_converges() {
    let dir = example(&declarations());
    let layout = load(dir.path());
    let live = live();
    let plan = diff(&layout, &live).expect("plan");
    assert_eq!(
        lines(&plan),
        [
            "~ provision permission set PowerUserAccess to 1 account",
            "- unassign AdministratorAccess from group platform-admins on account 101010101010 (legacy-analytics)",
            "- unassign BillingAccess from user erin on account 121212121212 (contractor-lab)",
            "- unassign PowerUserAccess from group contractors on account 121212121212 (contractor-lab)",
            "- unassign ReadOnlyAccess from group auditors on account 121212121212 (contractor-lab)",
            "- unassign AdministratorAccess from user dave on account 444444444444 (payments-prod)",
        ]
    );
    // Frank left: his assignment cannot be named in the layout, so it is
    // shown as not in the layout rather than deleted.
    let stale: Vec<&str> = plan
        .unmanaged
        .iter()
        .filter(|u| u.kind == crate::plan::model::UnmanagedKind::Assignment)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(stale, ["ReadOnlyAccess for user 906757ffff-deleted-frank"]);
    let after = folded(&live, &plan);
    let again = diff(&layout, &after).expect("plan again");
    assert_eq!(lines(&again), Vec::<String>::new());
}

#[test]
fn an_account_moved_into_a_targeted_ou_gains_its_assignments() {
    let dir = example(&declarations());
    let layout = load(dir.path());
    let live = live();
    let settled = folded(&live, &diff(&layout, &live).expect("plan"));
    // The layout now places tooling (Maintenance) in Production: the
    // break-glass group gains it, the platform admins lose it, the auditors
    // keep it (Production is under Foundational).
    let text = std::fs::read_to_string(dir.path().join(LAYOUT_FILE)).expect("read");
    let moved = text.replace(
        "name = \"tooling\"\nemail = \"aws-tooling@example.com\"\nou = \"Maintenance\"",
        "name = \"tooling\"\nemail = \"aws-tooling@example.com\"\nou = \"Foundational/Workloads/Production\"",
    );
    assert_ne!(moved, text);
    std::fs::write(dir.path().join(LAYOUT_FILE), moved).expect("write");
    let plan = diff(&load(dir.path()), &settled).expect("plan");
    assert_eq!(
        lines(&plan),
        [
            "+ assign AdministratorAccess to group break-glass on account 999999999999 (tooling)",
            "- unassign AdministratorAccess from group platform-admins on account 999999999999 (tooling)",
        ]
    );
}

#[test]
fn a_changed_inline_policy_is_an_update_and_a_reprovision_with_a_diff() {
    let dir = example(&declarations());
    let file = dir
        .path()
        .join("policies/permission-sets/power-user-guard.json");
    std::fs::write(
        &file,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["organizations:*","account:*"],"Resource":"*"}]}"#,
    )
    .expect("write");
    let layout = load(dir.path());
    let live = live();
    let plan = diff(&layout, &live).expect("plan");
    let update = plan
        .changes
        .iter()
        .find_map(|c| match c {
            Change::IdentityCenter(ic @ IcChange::UpdatePermissionSet { .. }) => Some(ic),
            _ => None,
        })
        .expect("an update");
    assert_eq!(update.details(), ["~ inline policy (diff below)"]);
    let text = crate::render::to_string(&crate::render::formats::Text::default(), &plan).unwrap();
    assert!(
        text.contains("--- PowerUserAccess inline policy (live)"),
        "{text}"
    );
    assert!(text.contains("+        \"account:*\","), "{text}");
    // Provisioned to two accounts (one already outdated): both again.
    assert!(
        lines(&plan).contains(&"~ provision permission set PowerUserAccess to 2 accounts".into())
    );
    let after = folded(&live, &plan);
    assert_eq!(
        lines(&diff(&layout, &after).expect("again")),
        Vec::<String>::new()
    );
}

#[test]
fn unmanaged_permission_sets_are_kept_or_deleted_with_their_assignments() {
    let kept = example(
        "\n[identity_center]\nunmanaged = \"keep\"\n[[identity_center.permission_set]]\nname = \"BillingAccess\"\ndescription = \"Finance team\"\nmanaged_policies = [\"arn:aws:iam::aws:policy/job-function/Billing\"]\n",
    );
    let live = live();
    let plan = diff(&load(kept.path()), &live).expect("plan");
    let sets: Vec<&str> = plan
        .unmanaged
        .iter()
        .filter(|u| u.kind == crate::plan::model::UnmanagedKind::PermissionSet)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(
        sets,
        ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"]
    );
    // BillingAccess is managed: erin's direct assignment is not declared.
    assert_eq!(
        lines(&plan),
        ["- unassign BillingAccess from user erin on account 121212121212 (contractor-lab)"]
    );

    let deleted = example("\n[identity_center]\nunmanaged = \"delete\"\n");
    let plan = diff(&load(deleted.path()), &live).expect("plan");
    let l = lines(&plan);
    assert_eq!(l.len(), 22 + 4, "{l:#?}");
    // Assignments go before the permission sets they use.
    let first_set = l
        .iter()
        .position(|x| x.starts_with("- delete permission set"))
        .expect("set");
    assert!(l[..first_set].iter().all(|x| x.starts_with("- unassign")));
    let after = folded(&live, &plan);
    assert_eq!(
        lines(&diff(&load(deleted.path()), &after).expect("again")),
        Vec::<String>::new()
    );
}

#[test]
fn built_from_empty_the_declarations_converge() {
    let dir = example(&declarations());
    let layout = load(dir.path());
    let mut empty = live();
    if let Some(ic) = empty.identity_center.as_mut() {
        ic.permission_sets.clear();
        ic.assignments.clear();
    }
    let plan = diff(&layout, &empty).expect("plan");
    let l = lines(&plan);
    assert_eq!(
        &l[..4],
        [
            "+ create permission set AdministratorAccess",
            "+ create permission set BillingAccess",
            "+ create permission set PowerUserAccess",
            "+ create permission set ReadOnlyAccess",
        ]
    );
    assert!(l[4..].iter().all(|x| x.starts_with("+ assign")), "{l:#?}");
    let after = folded(&empty, &plan);
    assert_eq!(
        lines(&diff(&layout, &after).expect("again")),
        Vec::<String>::new()
    );
}

#[test]
fn saved_plans_round_trip_and_their_fingerprint_covers_identity_center() {
    let dir = example(&declarations());
    let layout = load(dir.path());
    let live = live();
    let plan = diff(&layout, &live).expect("plan");
    let saved = SavedPlan::new(&plan, &layout, &live);
    let parsed = SavedPlan::parse(&saved.to_json(), "plan.json").expect("parse");
    assert_eq!(parsed.changes, plan.changes);
    assert!(saved.to_json().contains("\"op\": \"delete_assignment\""));
    assert_eq!(check_fresh(&parsed, &layout, &live), Ok(()));
    let mut changed = live.clone();
    if let Some(ic) = changed.identity_center.as_mut() {
        ic.assignments.pop();
    }
    assert_eq!(check_fresh(&parsed, &layout, &changed), Err(Stale::Live));

    // Without declarations, Identity Center is not part of the plan.
    let plain = example("");
    let layout = load(plain.path());
    let plan = diff(&layout, &live).expect("plan");
    let saved = SavedPlan::new(&plan, &layout, &live);
    let mut unread = live.clone();
    unread.identity_center = None;
    assert_eq!(check_fresh(&saved, &layout, &unread), Ok(()));
}

#[test]
fn a_principal_missing_from_the_identity_store_refuses_the_plan() {
    let dir = example(&format!(
        "{}\n[[identity_center.assignment]]\nuser = \"mallory\"\npermission_set = \"ReadOnlyAccess\"\naccounts = [\"tooling\"]\n",
        declarations()
    ));
    let error = diff(&load(dir.path()), &live()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "user `mallory`, named by [[identity_center.assignment]], is not in the identity store"
    );
}

/// The example layout without Identity Center declarations, plus what the
/// writer makes of `live`.
fn imported(live: &Snapshot) -> tempfile::TempDir {
    let written = crate::layout::write::identity_center::write(live);
    let dir = example(&format!("\n{}", written.toml));
    for (path, content) in &written.files {
        std::fs::write(dir.path().join(path), content).expect("write policy");
    }
    dir
}

#[test]
fn imported_declarations_plan_no_identity_center_changes() {
    let mut live = live();
    let dir = imported(&live);
    let written = crate::layout::write::identity_center::write(&live);
    assert!(written.toml.contains("[[identity_center.permission_set]]\nname = \"PowerUserAccess\"\ndescription = \"Developers\"\nsession_duration = \"PT4H\"\nmanaged_policies = [\"arn:aws:iam::aws:policy/PowerUserAccess\"]\ncustomer_managed_policies = [{ name = \"deny-iam-writes\", path = \"/\" }]\ninline_policy = \"permission-sets/PowerUserAccess.json\"\n"), "{}", written.toml);
    assert!(written.toml.contains(
        "#   user 906757ffff-deleted-frank holds ReadOnlyAccess on account 555555555555"
    ));
    let loaded = crate::layout::load(dir.path()).expect("load");
    assert!(
        loaded.problems.list.is_empty(),
        "{:?}",
        loaded.problems.list
    );
    let layout = loaded.layout.expect("layout");
    // AWS reports one account's provisioning outdated: that is the only
    // change, and re-provisioning is not something a layout declares.
    assert_eq!(
        lines(&diff(&layout, &live).expect("plan")),
        ["~ provision permission set PowerUserAccess to 1 account"]
    );
    if let Some(ic) = live.identity_center.as_mut() {
        for ps in &mut ic.permission_sets {
            ps.outdated_accounts.clear();
        }
    }
    let dir = imported(&live);
    assert_eq!(
        lines(&diff(&load(dir.path()), &live).expect("plan")),
        Vec::<String>::new()
    );
}
