//! The weekly edits and the refusals, planned over a small organization.
//! Every accepted plan is also applied to the snapshot model and planned
//! again, which must give no changes.

use std::collections::BTreeMap;

use super::change::{Change, PolicyKind, PolicyRef, Target};
use super::diff::plan_desired;
use super::error::PlanError;
use super::fold::Folding;
use super::model::Plan;
use super::safety::simulate;
use crate::layout::model::{Desired, DesiredAccount, DesiredOu, DesiredPolicy};
use crate::layout::schema::Unmanaged;
use crate::org::*;
use crate::plan::change::{
    AccountChange, AttachmentChange, ContactChange, OuChange, PolicyChange, TagChange,
};
use crate::policy::limits::Limits;

mod trusted_access;

const GUARD: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"Guard","Effect":"Deny","Action":"iam:DeleteRole","Resource":"*"}]}"#;
const LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;
const ALLOW: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}]}"#;

fn policy(id: &str, name: &str, content: &str, targets: &[&str]) -> Policy {
    Policy {
        id: id.into(),
        arn: String::new(),
        name: name.into(),
        description: String::new(),
        aws_managed: name == FULL_AWS_ACCESS,
        content: content.into(),
        targets: targets.iter().map(|t| t.to_string()).collect(),
    }
}

fn ou(id: &str, name: &str, parent: &str) -> OrganizationalUnit {
    OrganizationalUnit {
        id: id.into(),
        arn: String::new(),
        name: name.into(),
        parent_id: parent.into(),
        tags: BTreeMap::new(),
    }
}

fn account(id: &str, name: &str, parent: &str) -> Account {
    Account {
        id: id.into(),
        arn: String::new(),
        name: name.into(),
        email: format!("{name}@example.com"),
        status: AccountStatus::Active,
        parent_id: parent.into(),
        joined_method: None,
        joined_at: None,
        tags: BTreeMap::new(),
    }
}

/// Root → Workloads → {Prod, Dev}; one account in each leaf.
fn live() -> Snapshot {
    let everywhere = [
        "r-1",
        "ou-1-wrk00001",
        "ou-1-prd00002",
        "ou-1-dev00003",
        "111111111111",
        "222222222222",
        "333333333333",
    ];
    Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at: String::new(),
        source: String::new(),
        organization: Organization {
            id: "o-test000001".into(),
            arn: String::new(),
            management_account_id: "111111111111".into(),
            feature_set: "ALL".into(),
        },
        roots: vec![Root {
            id: "r-1".into(),
            arn: String::new(),
            name: "Root".into(),
            policy_types: vec![],
        }],
        organizational_units: vec![
            ou("ou-1-wrk00001", "Workloads", "r-1"),
            ou("ou-1-prd00002", "Prod", "ou-1-wrk00001"),
            ou("ou-1-dev00003", "Dev", "ou-1-wrk00001"),
        ],
        accounts: vec![
            account("111111111111", "management", "r-1"),
            account("222222222222", "prod", "ou-1-prd00002"),
            account("333333333333", "dev", "ou-1-dev00003"),
        ],
        policies: vec![
            policy(FULL_AWS_ACCESS_ID, FULL_AWS_ACCESS, "{}", &everywhere),
            policy("p-guard", "guard", GUARD, &["ou-1-wrk00001"]),
            policy("p-leave", "deny-leave", LEAVE, &["r-1"]),
        ],
        rcps: vec![],
        identity_center: None,
        org_settings: None,
        member_accounts: vec![],
        incomplete: vec![],
    }
}

fn scps(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn d_ou(path: &str, list: &[&str]) -> DesiredOu {
    DesiredOu {
        path: path.into(),
        id: None,
        scps: scps(list),
        rcps: vec![],
        tags: BTreeMap::new(),
    }
}

fn d_account(id: &str, name: &str, ou: &str) -> DesiredAccount {
    DesiredAccount {
        id: id.into(),
        name: name.into(),
        email: None,
        closed: false,
        ou: ou.into(),
        scps: scps(&[FULL_AWS_ACCESS]),
        rcps: vec![],
        tags: BTreeMap::new(),
    }
}

/// The layout that matches [`live`] exactly.
fn desired() -> Desired {
    let p = |content: &str| DesiredPolicy {
        description: String::new(),
        content: content.into(),
    };
    Desired {
        management_account_id: "111111111111".into(),
        organization_id: Some("o-test000001".into()),
        unmanaged: Unmanaged::Keep,
        limits: Limits::default(),
        root_scps: scps(&[FULL_AWS_ACCESS, "deny-leave"]),
        root_rcps: vec![],
        ous: vec![
            d_ou("Workloads", &[FULL_AWS_ACCESS, "guard"]),
            d_ou("Workloads/Prod", &[FULL_AWS_ACCESS]),
            d_ou("Workloads/Dev", &[FULL_AWS_ACCESS]),
        ],
        accounts: vec![
            d_account("111111111111", "management", "/"),
            d_account("222222222222", "prod", "Workloads/Prod"),
            d_account("333333333333", "dev", "Workloads/Dev"),
        ],
        unpinned: vec![],
        account_creation: Default::default(),
        policies: BTreeMap::from([
            ("guard".to_string(), p(GUARD)),
            ("deny-leave".to_string(), p(LEAVE)),
        ]),
        rcps: BTreeMap::new(),
        identity_center: None,
        contacts: Default::default(),
        trusted_access: None,
    }
}

/// What AWS would do with each change, on the snapshot model: the fold the
/// safety check replays plans through.
fn apply(live: &Snapshot, changes: &[Change]) -> Snapshot {
    let limits = Limits::default();
    let mut org = Folding::new(live, &limits);
    for (i, change) in changes.iter().enumerate() {
        if let Err(refusal) = org.step(change) {
            panic!(
                "step {} ({}) is refused: {refusal:?}",
                i + 1,
                change.describe()
            );
        }
    }
    org.finish()
}

/// Plans, checks that applying the plan converges, and returns it.
fn plan(desired: &Desired, live: &Snapshot) -> Plan {
    let plan = plan_desired(desired, live).expect("the plan is accepted");
    let after = apply(live, &plan.changes);
    let again = plan_desired(desired, &after).expect("the second plan is accepted");
    assert_eq!(again.changes, vec![], "applying the plan converges");
    plan
}

fn ops(plan: &Plan) -> Vec<String> {
    plan.changes.iter().map(Change::describe).collect()
}

fn refusal(result: Result<Plan, PlanError>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(plan) => panic!("expected a refusal, got {:?}", ops(&plan)),
    }
}

#[test]
fn a_matching_layout_plans_nothing() {
    assert!(plan(&desired(), &live()).is_empty());
}

#[test]
fn renaming_a_pinned_ou_is_a_rename_not_a_move() {
    let mut d = desired();
    d.ous[2] = DesiredOu {
        id: Some("ou-1-dev00003".into()),
        ..d_ou("Workloads/SDLC", &[FULL_AWS_ACCESS])
    };
    d.accounts[2].ou = "Workloads/SDLC".into();
    let p = plan(&d, &live());
    assert_eq!(ops(&p), ["rename OU Workloads/Dev to Workloads/SDLC"]);
}

#[test]
fn an_unpinned_new_path_creates_moves_and_keeps_the_old_ou() {
    let mut d = desired();
    d.ous[2] = d_ou("Workloads/SDLC", &[FULL_AWS_ACCESS]);
    d.accounts[2].ou = "Workloads/SDLC".into();
    let p = plan(&d, &live());
    assert_eq!(
        ops(&p),
        [
            "create OU Workloads/SDLC",
            "move account 333333333333 (dev) from OU Workloads/Dev to OU Workloads/SDLC"
        ]
    );
    assert_eq!(p.unmanaged.len(), 1);
    assert!(!p.unmanaged[0].deleted);
}

#[test]
fn moving_an_account() {
    let mut d = desired();
    d.accounts[2].ou = "Workloads/Prod".into();
    let p = plan(&d, &live());
    assert_eq!(
        ops(&p),
        ["move account 333333333333 (dev) from OU Workloads/Dev to OU Workloads/Prod"]
    );
}

#[test]
fn changing_an_scp_content_shows_old_and_new() {
    let mut d = desired();
    let changed = GUARD.replace("iam:DeleteRole", "iam:DeleteUser");
    d.policies.get_mut("guard").expect("guard").content = changed.clone();
    let p = plan(&d, &live());
    assert_eq!(
        p.changes,
        [Change::Policy(PolicyChange::Update {
            kind: PolicyKind::Scp,
            id: "p-guard".into(),
            name: "guard".into(),
            description: None,
            content: Some(changed),
            old_content: Some(GUARD.into()),
        })]
    );
}

#[test]
fn reformatting_an_scp_is_not_a_change() {
    let mut d = desired();
    let reformatted = r#"{
        "Statement": {"Resource": ["*"], "Action": ["iam:DeleteRole"], "Effect": "Deny", "Sid": "Guard"},
        "Version": "2012-10-17"
    }"#;
    d.policies.get_mut("guard").expect("guard").content = reformatted.into();
    assert!(plan(&d, &live()).is_empty());
}

#[test]
fn adding_an_scp_at_the_limit_detaches_first() {
    let mut d = desired();
    d.limits.scps_per_target = 2;
    d.policies.insert(
        "allow".into(),
        DesiredPolicy {
            description: String::new(),
            content: ALLOW.into(),
        },
    );
    d.ous[0].scps = scps(&["guard", "allow"]);
    let p = plan(&d, &live());
    assert_eq!(
        ops(&p),
        [
            "create SCP allow",
            "detach SCP FullAWSAccess from OU Workloads",
            "attach SCP allow to OU Workloads"
        ]
    );
}

#[test]
fn replacing_full_aws_access_with_an_allow_list_attaches_first() {
    let mut d = desired();
    d.policies.insert(
        "allow".into(),
        DesiredPolicy {
            description: String::new(),
            content: ALLOW.into(),
        },
    );
    d.ous[1].scps = scps(&["allow"]);
    let p = plan(&d, &live());
    assert_eq!(
        ops(&p),
        [
            "create SCP allow",
            "attach SCP allow to OU Workloads/Prod",
            "detach SCP FullAWSAccess from OU Workloads/Prod"
        ]
    );
    assert!(matches!(
        &p.changes[1],
        Change::Attachment(AttachmentChange::Attach {
            policy: PolicyRef::New { .. },
            ..
        })
    ));
}

#[test]
fn a_new_ou_starts_with_full_aws_access() {
    let mut d = desired();
    d.policies.insert(
        "allow".into(),
        DesiredPolicy {
            description: String::new(),
            content: ALLOW.into(),
        },
    );
    d.ous.push(d_ou("Workloads/Prod/Payments", &["allow"]));
    let p = plan(&d, &live());
    assert_eq!(
        ops(&p),
        [
            "create SCP allow",
            "create OU Workloads/Prod/Payments",
            "attach SCP allow to OU Workloads/Prod/Payments",
            "detach SCP FullAWSAccess from OU Workloads/Prod/Payments"
        ]
    );
}

#[test]
fn deleting_an_emptied_ou_moves_the_accounts_out_first() {
    let mut d = desired();
    d.unmanaged = Unmanaged::Delete;
    d.ous.remove(2);
    d.accounts[2].ou = "Workloads/Prod".into();
    let p = plan(&d, &live());
    assert_eq!(
        ops(&p),
        [
            "move account 333333333333 (dev) from OU Workloads/Dev to OU Workloads/Prod",
            "delete OU Workloads/Dev"
        ]
    );
}

#[test]
fn an_unmanaged_ou_that_keeps_an_account_is_not_deleted() {
    let mut d = desired();
    d.unmanaged = Unmanaged::Delete;
    d.ous.remove(2);
    d.accounts.remove(2);
    let p = plan(&d, &live());
    assert!(p.is_empty());
    let kinds: Vec<_> = p
        .unmanaged
        .iter()
        .map(|u| (u.name.as_str(), u.deleted))
        .collect();
    assert_eq!(kinds, [("Workloads/Dev", false), ("dev", false)]);
}

#[test]
fn deleting_an_scp_detaches_it_everywhere_first() {
    let mut d = desired();
    d.unmanaged = Unmanaged::Delete;
    d.policies.remove("guard");
    d.ous[0].scps = scps(&[FULL_AWS_ACCESS]);
    let mut l = live();
    // Also attached to an account the layout does not mention.
    l.accounts.push(account("444444444444", "lab", "r-1"));
    l.policies[0].targets.push("444444444444".into());
    l.policies[1].targets.push("444444444444".into());
    let p = plan(&d, &l);
    assert_eq!(
        ops(&p),
        [
            "detach SCP guard from OU Workloads",
            "detach SCP guard from account 444444444444 (lab)",
            "delete SCP guard"
        ]
    );
}

#[test]
fn unmanaged_scps_are_kept_by_default() {
    let mut d = desired();
    d.policies.remove("guard");
    d.ous[0].scps = scps(&[FULL_AWS_ACCESS]);
    let p = plan(&d, &live());
    assert!(p.is_empty());
    assert_eq!(p.unmanaged[0].name, "guard");
    assert_eq!(p.unmanaged[0].note, "attached to OU Workloads");
}

#[test]
fn tags_are_set_and_removed() {
    let mut d = desired();
    d.ous[1].tags = BTreeMap::from([("env".into(), "prod".into())]);
    let mut l = live();
    l.accounts[1].tags.insert("stale".into(), "x".into());
    let p = plan(&d, &l);
    assert_eq!(
        ops(&p),
        [
            "tag OU Workloads/Prod: env=prod",
            "untag account 222222222222 (prod): stale"
        ]
    );
}

#[test]
fn refuses_to_delete_a_non_empty_ou() {
    let l = live();
    let delete = Change::Ou(OuChange::Delete {
        id: "ou-1-wrk00001".into(),
        path: "Workloads".into(),
    });
    let error = simulate(&[delete], &l, &Limits::default())
        .expect_err("refused")
        .to_string();
    assert_eq!(
        error,
        "step 1 (delete OU Workloads) is refused: OU `Workloads` still holds 2 account(s) or OU(s)"
    );
}

#[test]
fn refuses_an_ou_deeper_than_the_limit() {
    let mut d = desired();
    d.limits.ou_max_depth = 2;
    d.ous
        .push(d_ou("Workloads/Prod/Payments", &[FULL_AWS_ACCESS]));
    let error = refusal(plan_desired(&d, &live()));
    assert!(
        error.contains("OU `Workloads/Prod/Payments` would be 3 levels deep; the limit is 2"),
        "{error}"
    );
}

#[test]
fn refuses_an_scp_over_the_size_limit() {
    let mut d = desired();
    d.limits.scp_max_chars = 100;
    d.policies.get_mut("guard").expect("guard").content =
        GUARD.replace("iam:DeleteRole", "iam:DeleteRolePermissionsBoundary");
    let error = refusal(plan_desired(&d, &live()));
    assert!(
        error.contains("`guard` is 130 characters as sent to AWS; the limit is 100"),
        "{error}"
    );
}

#[test]
fn refuses_another_organization() {
    let mut d = desired();
    d.management_account_id = "999999999999".into();
    assert!(matches!(
        plan_desired(&d, &live()),
        Err(PlanError::WrongOrganization { .. })
    ));
    let mut d = desired();
    d.organization_id = Some("o-other00001".into());
    assert_eq!(
        refusal(plan_desired(&d, &live())),
        "the live organization is o-test000001, but ou-layout.toml is for o-other00001"
    );
}

#[test]
fn refuses_to_leave_a_target_without_an_scp_at_any_step() {
    // With one SCP per target, swapping needs a moment with none.
    let mut d = desired();
    d.limits.scps_per_target = 1;
    d.root_scps = scps(&[FULL_AWS_ACCESS]);
    d.ous[0].scps = scps(&[FULL_AWS_ACCESS]);
    d.policies.insert(
        "allow".into(),
        DesiredPolicy {
            description: String::new(),
            content: ALLOW.into(),
        },
    );
    d.ous[1].scps = scps(&["allow"]);
    let mut l = live();
    l.policies[1].targets.clear();
    l.policies[2].targets.clear();
    let error = refusal(plan_desired(&d, &l));
    assert!(
        error.contains("OU Workloads/Prod would be left without any SCP"),
        "{error}"
    );
}

#[test]
fn refuses_to_delete_an_scp_that_is_the_last_on_a_target() {
    let mut d = desired();
    d.unmanaged = Unmanaged::Delete;
    let mut l = live();
    l.accounts.push(account("444444444444", "lab", "r-1"));
    l.policies
        .push(policy("p-legacy", "legacy", GUARD, &["444444444444"]));
    let error = refusal(plan_desired(&d, &l));
    assert!(
        error.contains("detach SCP legacy from account 444444444444 (lab)"),
        "{error}"
    );
    assert!(error.contains("would be left without any SCP"), "{error}");
}

#[test]
fn refuses_a_pinned_ou_under_another_parent() {
    let mut d = desired();
    d.ous[2] = DesiredOu {
        id: Some("ou-1-dev00003".into()),
        ..d_ou("Workloads/Prod/Dev", &[FULL_AWS_ACCESS])
    };
    d.accounts[2].ou = "Workloads/Prod/Dev".into();
    assert_eq!(
        refusal(plan_desired(&d, &live())),
        "OU `Workloads/Prod/Dev` is pinned to id ou-1-dev00003, which sits under `Workloads` in the live organization; AWS cannot move an OU to another parent"
    );
}

#[test]
fn accounts_missing_from_the_organization_are_warned_about() {
    let mut d = desired();
    d.accounts
        .push(d_account("555555555555", "future", "Workloads/Prod"));
    let p = plan(&d, &live());
    assert!(p.is_empty());
    assert!(
        p.warnings[0].starts_with(
            "account 555555555555 (future) is in the layout but not in the organization"
        )
    );
}

const PERIMETER: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*","kms:*"],"Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-test000001"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#;
const DENY_STS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-test000001"}}}]}"#;

/// The desired organization with two RCPs: a data perimeter on the root
/// and a deny on sts:AssumeRole on Workloads.
fn with_rcps() -> Desired {
    let mut d = desired();
    let p = |content: &str| DesiredPolicy {
        description: String::new(),
        content: content.into(),
    };
    d.rcps = BTreeMap::from([
        ("perimeter".to_string(), p(PERIMETER)),
        ("deny-sts".to_string(), p(DENY_STS)),
    ]);
    d.root_rcps = vec!["perimeter".into()];
    d.ous[0].rcps = vec!["deny-sts".into()];
    d
}

fn summaries(plan: &Plan) -> Vec<String> {
    plan.changes.iter().map(Change::summary).collect()
}

#[test]
fn rcps_are_enabled_created_and_attached_then_converge() {
    let p = plan(&with_rcps(), &live());
    assert_eq!(
        summaries(&p),
        [
            "+ enable RCPs on the root",
            "+ create RCP deny-sts",
            "+ create RCP perimeter",
            "+ attach RCP perimeter to root",
            "+ attach RCP deny-sts to OU Workloads",
        ]
    );
    // A layout without RCPs leaves them alone: nothing is enabled.
    assert!(plan(&desired(), &live()).is_empty());
}

#[test]
fn weekly_rcp_edits_converge_and_never_touch_rcp_full_aws_access() {
    let d = with_rcps();
    let live = apply(&live(), &plan(&d, &live()).changes);

    // Change an RCP.
    let mut changed = d.clone();
    changed.rcps.get_mut("deny-sts").expect("rcp").content =
        DENY_STS.replace("sts:AssumeRole", "sts:AssumeRole*");
    assert_eq!(
        summaries(&plan(&changed, &live)),
        ["~ update RCP deny-sts (content)"]
    );

    // Move it from Workloads to Workloads/Prod.
    let mut moved = d.clone();
    moved.ous[0].rcps.clear();
    moved.ous[1].rcps = vec!["deny-sts".into()];
    assert_eq!(
        summaries(&plan(&moved, &live)),
        [
            "- detach RCP deny-sts from OU Workloads",
            "+ attach RCP deny-sts to OU Workloads/Prod",
        ]
    );

    // Detach it; listing RCPFullAWSAccess or not makes no difference.
    let mut detached = d.clone();
    detached.ous[0].rcps.clear();
    detached.root_rcps = vec!["perimeter".into()];
    let p = plan(&detached, &live);
    assert_eq!(summaries(&p), ["- detach RCP deny-sts from OU Workloads"]);
    assert!(
        p.changes
            .iter()
            .all(|c| !c.summary().contains("RCPFullAWSAccess")),
        "{:?}",
        summaries(&p)
    );
}

#[test]
fn rcps_per_target_count_rcp_full_aws_access() {
    let mut d = with_rcps();
    let names: Vec<String> = (0..5).map(|i| format!("r{i}")).collect();
    for name in &names {
        d.rcps.insert(
            name.clone(),
            DesiredPolicy {
                description: String::new(),
                content: DENY_STS.replace("sts:AssumeRole", &format!("sts:Tag{name}")),
            },
        );
    }
    // Four of them with RCPFullAWSAccess make five: the limit.
    d.ous[1].rcps = names[..4].to_vec();
    plan(&d, &live());
    d.ous[1].rcps = names.clone();
    let error = plan_desired(&d, &live()).expect_err("six RCPs on one target");
    assert!(
        error
            .to_string()
            .contains("OU Workloads/Prod would have 6 RCPs attached (RCPFullAWSAccess included); the limit is 5"),
        "{error}"
    );
}

fn contact(name: &str, email: &str) -> crate::org::AlternateContact {
    crate::org::AlternateContact {
        name: name.into(),
        title: "Security team".into(),
        email: email.into(),
        phone: "+1 555 0100".into(),
    }
}

/// The live contacts as read: the management account's SECURITY contact
/// is someone who left; the others have none.
fn live_with_contacts() -> Snapshot {
    let mut l = live();
    let read = |id: &str, set: Option<crate::org::AlternateContact>| crate::org::AccountContacts {
        account_id: id.into(),
        contacts: set
            .map(|c| BTreeMap::from([("SECURITY".to_string(), c)]))
            .unwrap_or_default(),
        unread: vec![],
    };
    l.org_settings = Some(crate::org::OrgSettings {
        trusted_services: Some(vec![]),
        delegated_administrators: Some(vec![]),
        alternate_contacts: vec![
            read(
                "111111111111",
                Some(contact("Ex Employee", "ex@example.com")),
            ),
            read("222222222222", None),
            read("333333333333", None),
        ],
    });
    l
}

#[test]
fn declared_contacts_are_set_where_they_differ_and_converge() {
    let mut d = desired();
    d.contacts
        .defaults
        .insert("SECURITY".into(), contact("SecOps", "secops@example.com"));
    d.contacts.accounts.insert(
        "333333333333".into(),
        BTreeMap::from([("SECURITY".into(), contact("Dev Sec", "devsec@example.com"))]),
    );
    let p = plan(&d, &live_with_contacts());
    assert_eq!(
        summaries(&p),
        [
            "~ set SECURITY contact of account 111111111111 (management): Ex Employee <ex@example.com> → SecOps <secops@example.com>",
            "+ set SECURITY contact of account 222222222222 (prod): SecOps <secops@example.com>",
            "+ set SECURITY contact of account 333333333333 (dev): Dev Sec <devsec@example.com>",
        ]
    );
    // The management account's own contact is set without an account id.
    let management: Vec<bool> = p
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Contact(ContactChange::Set(set)) => Some(set.management),
            _ => None,
        })
        .collect();
    assert_eq!(management, [true, false, false]);
    assert_eq!(
        p.summary().line(),
        "2 to create, 1 to update, 0 to move, 0 to delete"
    );
}

#[test]
fn a_contact_that_could_not_be_read_refuses_the_plan() {
    let mut d = desired();
    d.contacts
        .defaults
        .insert("SECURITY".into(), contact("SecOps", "secops@example.com"));
    let mut l = live_with_contacts();
    if let Some(settings) = &mut l.org_settings {
        settings.alternate_contacts[1].unread = vec!["SECURITY".into()];
    }
    let error = refusal(plan_desired(&d, &l));
    assert!(
        error.contains("the SECURITY contact of account 222222222222 (prod) could not be read"),
        "{error}"
    );
    // Contacts the layout does not manage are never read, so never unknown.
    l.org_settings = None;
    assert!(plan(&desired(), &l).is_empty());
}

/// Accounts as code: created when declared without an id, matched by email
/// once they exist, closed when marked closed.
mod accounts {
    use super::*;

    fn to_create(name: &str, ou: &str) -> DesiredAccount {
        let mut a = d_account("", name, ou);
        a.email = Some(format!("{name}@example.com"));
        a
    }

    #[test]
    fn an_account_without_id_is_created_placed_tagged_and_converges() {
        let mut d = desired();
        let mut sandbox = to_create("sandbox-1", "Workloads/Dev");
        sandbox.tags.insert("team".into(), "platform".into());
        sandbox.scps = scps(&[FULL_AWS_ACCESS, "guard"]);
        d.unpinned.push(sandbox);
        let p = plan(&d, &live());
        assert_eq!(
            summaries(&p),
            [
                "+ create account sandbox-1 (sandbox-1@example.com) in OU Workloads/Dev",
                "+ attach SCP guard to new account sandbox-1",
                "~ tag new account sandbox-1: team=platform",
            ]
        );
        let Change::Account(AccountChange::Create(create)) = &p.changes[0] else {
            panic!("not a creation: {:?}", p.changes[0]);
        };
        assert_eq!(create.role_name, "OrganizationAccountAccessRole");
        assert!(create.iam_user_access_to_billing);
        assert_eq!(create.root_id, "r-1");
        // Once created, the account is matched by its email: nothing to
        // do, and the plan asks for the id to be pinned.
        let after = apply(&live(), &p.changes);
        let created = (after.accounts.iter())
            .find(|a| a.email == "sandbox-1@example.com")
            .expect("the account is created");
        assert_eq!(created.parent_id, "ou-1-dev00003");
        assert_eq!(
            created.tags.get("team").map(String::as_str),
            Some("platform")
        );
        let again = plan_desired(&d, &after).expect("accepted");
        assert!(again.changes.is_empty(), "{:?}", summaries(&again));
        assert!(
            again.warnings.iter().any(|w| w.contains("has no id")
                && w.contains(&format!("id = \"{}\"", created.id))),
            "{:?}",
            again.warnings
        );
    }

    #[test]
    fn an_unpinned_account_matched_by_email_is_moved_not_created() {
        let mut d = desired();
        // dev@example.com is account 333333333333, in Workloads/Dev.
        let mut dev = to_create("dev", "Workloads/Prod");
        dev.email = Some("DEV@example.com".into());
        d.accounts.retain(|a| a.id != "333333333333");
        d.unpinned.push(dev);
        let p = plan(&d, &live());
        assert_eq!(
            summaries(&p),
            ["→ move account 333333333333 (dev) from OU Workloads/Dev to OU Workloads/Prod"]
        );
    }

    #[test]
    fn an_unpinned_account_whose_email_a_pinned_one_has_is_not_planned_twice() {
        let mut d = desired();
        d.unpinned.push(to_create("dev", "Workloads/Prod"));
        let p = plan(&d, &live());
        assert!(p.changes.is_empty(), "{:?}", summaries(&p));
        assert!(
            p.warnings
                .iter()
                .any(|w| w.contains("remove one of the two"))
        );
    }

    #[test]
    fn a_new_account_goes_into_an_ou_the_plan_creates() {
        let mut d = desired();
        d.ous.push(d_ou("Sandbox", &[FULL_AWS_ACCESS]));
        d.unpinned.push(to_create("sandbox-1", "Sandbox"));
        let p = plan(&d, &live());
        assert_eq!(
            summaries(&p),
            [
                "+ create OU Sandbox",
                "+ create account sandbox-1 (sandbox-1@example.com) in OU Sandbox",
            ]
        );
    }

    fn closing(ids: &[&str], live: &Snapshot) -> Desired {
        let mut d = desired();
        for a in &live.accounts {
            if !d.accounts.iter().any(|x| x.id == a.id) {
                d.accounts.push(d_account(&a.id, &a.name, "/"));
            }
        }
        for a in d
            .accounts
            .iter_mut()
            .filter(|a| ids.contains(&a.id.as_str()))
        {
            a.closed = true;
        }
        d
    }

    #[test]
    fn a_closed_account_is_closed_once() {
        let d = closing(&["333333333333"], &live());
        let p = plan(&d, &live());
        assert_eq!(summaries(&p), ["- close account 333333333333 (dev)"]);
        assert_eq!(p.summary().close, 1);
        assert_eq!(
            p.summary().line(),
            "0 to create, 0 to update, 0 to move, 1 to delete (1 account to close)"
        );
        let text =
            crate::render::to_string(&crate::render::formats::Text { color: false }, &p).unwrap();
        assert!(text.contains("90 days"), "{text}");
        assert!(text.contains("cannot be reopened"), "{text}");
        let red =
            crate::render::to_string(&crate::render::formats::Text { color: true }, &p).unwrap();
        assert!(
            red.contains("\x1b[31m      after 90 days AWS closes it permanently"),
            "{red}"
        );
    }

    #[test]
    fn closing_the_management_account_is_refused() {
        let d = closing(&["111111111111"], &live());
        let message = refusal(plan_desired(&d, &live()));
        assert!(message.contains("management account"), "{message}");
    }

    #[test]
    fn closing_more_accounts_than_one_plan_may_is_refused_unless_raised() {
        let mut l = live();
        for i in 0..8 {
            l.accounts.push(account(
                &format!("44444444444{i}"),
                &format!("old-{i}"),
                "r-1",
            ));
        }
        let ids = ["222222222222", "333333333333"];
        let mut d = closing(&ids, &l);
        let error = plan_desired(&d, &l).expect_err("refused");
        assert!(matches!(
            error,
            PlanError::TooManyClosures {
                count: 2,
                limit: 1,
                ..
            }
        ));
        let help = miette::Diagnostic::help(&error)
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(help.contains("10% of member accounts"), "{help}");
        assert!(help.contains("--max-account-closures 2"), "{help}");
        d.limits.account_closures_per_plan = 2;
        let p = plan(&d, &l);
        assert_eq!(p.summary().close, 2);
        // AWS's own quota (10 for a small organization) is not raised.
        let all: Vec<String> = l.accounts[1..].iter().map(|a| a.id.clone()).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut d = closing(&all, &l);
        for i in 0..3 {
            let id = format!("55555555555{i}");
            l.accounts.push(account(&id, &format!("more-{i}"), "r-1"));
            d.accounts.push(d_account(&id, &format!("more-{i}"), "/"));
            d.accounts.last_mut().expect("pushed").closed = true;
        }
        d.limits.account_closures_per_plan = 100;
        let error = plan_desired(&d, &l).expect_err("refused");
        assert!(
            matches!(
                error,
                PlanError::OverClosureQuota {
                    count: 13,
                    quota: 10,
                    ..
                }
            ),
            "{error}"
        );
    }
}

#[test]
fn every_change_names_the_resource_it_acts_on() {
    use super::change::trusted_access::TrustedAccessChange;
    use super::resources::ic_change::{IcChange, PermissionSetRef};
    let attach = Change::Attachment(AttachmentChange::Attach {
        kind: PolicyKind::Rcp,
        policy: PolicyRef::New {
            name: "data-perimeter".into(),
        },
        target: Target::Account {
            id: "111111111111".into(),
            name: "prod".into(),
        },
    });
    assert_eq!(attach.address(), "rcp/data-perimeter@account/111111111111");
    let detach = Change::Attachment(AttachmentChange::Detach {
        kind: PolicyKind::Rcp,
        policy: PolicyRef::Existing {
            id: "p-1".into(),
            name: "data-perimeter".into(),
        },
        target: Target::Account {
            id: "111111111111".into(),
            name: "prod".into(),
        },
    });
    assert_eq!(
        detach.address(),
        attach.address(),
        "one resource, two actions"
    );
    let tag = Change::Tag(TagChange::Tag {
        target: Target::NewOu {
            path: "Workloads/Dev".into(),
        },
        tags: BTreeMap::from([("team".to_string(), "platform".to_string())]),
    });
    assert_eq!(tag.address(), "ou/Workloads/Dev/tags");
    let assignment = Change::IdentityCenter(IcChange::CreateAssignment {
        account_id: "111111111111".into(),
        account_name: "prod".into(),
        permission_set: PermissionSetRef::New {
            name: "ReadOnly".into(),
        },
        principal_type: PrincipalType::Group,
        principal_id: "g-1".into(),
        principal_name: "auditors".into(),
    });
    assert_eq!(
        assignment.address(),
        "assignment/111111111111/ReadOnly/GROUP/auditors"
    );
    let admin = Change::TrustedAccess(TrustedAccessChange::RegisterDelegatedAdministrator {
        service: "guardduty.amazonaws.com".into(),
        account_id: "222222222222".into(),
        account_name: "security".into(),
    });
    assert_eq!(
        admin.address(),
        "delegated_administrator/guardduty.amazonaws.com/222222222222"
    );
    // apply's progress line is the symbol and the title every plan shows.
    assert_eq!(tag.summary(), format!("~ {}", tag.describe()));
}

#[test]
fn folding_no_change_gives_the_organization_back() {
    let limits = Limits::default();
    let mut expected = live();
    expected.normalize();
    assert_eq!(Folding::new(&live(), &limits).finish(), expected);
}

#[test]
fn a_refused_step_is_refused_by_the_fold_the_convergence_tests_use() {
    let (limits, live) = (Limits::default(), live());
    let mut org = Folding::new(&live, &limits);
    let detach_last = Change::Attachment(AttachmentChange::Detach {
        kind: PolicyKind::Scp,
        policy: PolicyRef::Existing {
            id: FULL_AWS_ACCESS_ID.into(),
            name: FULL_AWS_ACCESS.into(),
        },
        target: Target::Account {
            id: "333333333333".into(),
            name: "dev".into(),
        },
    });
    let refusal = org.step(&detach_last).expect_err("the last SCP stays");
    assert!(
        refusal.reason.contains("would be left without any SCP"),
        "{refusal:?}"
    );
    // Nothing of the refused step is left behind.
    let mut expected = live.clone();
    expected.normalize();
    assert_eq!(org.finish(), expected);
}
