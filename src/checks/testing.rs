//! Small organizations for rule tests.

use time::macros::date;

use super::config::LintConfig;
use super::context::{Context, Desired, Limits, OrgView};
use super::registry::{Out, Rule};
use crate::diagnostics::Finding;
use crate::org::*;

pub const MGMT: &str = "111111111111";
pub const PROD: &str = "222222222222";
pub const SANDBOX: &str = "333333333333";

fn account(id: &str, name: &str, parent: &str) -> Account {
    Account {
        id: id.into(),
        arn: format!("arn:aws:organizations::{MGMT}:account/o-test/{id}"),
        name: name.into(),
        email: format!("{name}@example.com"),
        status: AccountStatus::Active,
        parent_id: parent.into(),
        joined_method: None,
        joined_at: None,
        tags: Default::default(),
    }
}

pub fn policy(name: &str, content: &str, targets: &[&str]) -> Policy {
    Policy {
        id: format!("p-{name}"),
        arn: format!("arn:aws:organizations::{MGMT}:policy/o-test/service_control_policy/p-{name}"),
        name: name.into(),
        description: String::new(),
        aws_managed: name == FULL_AWS_ACCESS,
        content: content.into(),
        targets: targets.iter().map(|t| t.to_string()).collect(),
    }
}

pub const ALLOW_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

/// Root r-1 › OU Workloads (ou-1) › prod and sandbox accounts; the
/// management account under the root; FullAWSAccess everywhere.
pub fn org() -> Snapshot {
    Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at: "2026-11-21T09:00:00Z".into(),
        source: "test".into(),
        organization: Organization {
            id: "o-test".into(),
            arn: String::new(),
            management_account_id: MGMT.into(),
            feature_set: "ALL".into(),
        },
        roots: vec![Root {
            id: "r-1".into(),
            arn: format!("arn:aws:organizations::{MGMT}:root/o-test/r-1"),
            name: "Root".into(),
            policy_types: vec![],
        }],
        organizational_units: vec![OrganizationalUnit {
            id: "ou-1".into(),
            arn: format!("arn:aws:organizations::{MGMT}:ou/o-test/ou-1"),
            name: "Workloads".into(),
            parent_id: "r-1".into(),
            tags: Default::default(),
        }],
        accounts: vec![
            account(MGMT, "management", "r-1"),
            account(PROD, "prod", "ou-1"),
            account(SANDBOX, "sandbox", "ou-1"),
        ],
        policies: vec![policy(
            FULL_AWS_ACCESS,
            ALLOW_ALL,
            &["r-1", "ou-1", MGMT, PROD, SANDBOX],
        )],
        rcps: vec![],
        identity_center: None,
        org_settings: None,
        member_accounts: vec![],
        incomplete: vec![],
    }
}

pub fn member(id: &str) -> MemberAccount {
    MemberAccount {
        account_id: id.into(),
        complete: true,
        errors: vec![],
        regions: vec!["eu-west-1".into()],
        roles: vec![],
        users: vec![],
        kms_keys: vec![],
        config_recorders: vec![ConfigRecorder {
            region: "eu-west-1".into(),
            name: Some("default".into()),
            recording: true,
            last_status: Some("SUCCESS".into()),
        }],
        groups: vec![],
        managed_policies: vec![],
        root_access_keys: Some(false),
        trails: None,
        guardduty: None,
    }
}

pub fn role(account: &str, name: &str, trust: &str, attached: &[&str]) -> Role {
    Role {
        arn: format!("arn:aws:iam::{account}:role/{name}"),
        name: name.into(),
        path: "/".into(),
        role_id: format!("AROA{name}"),
        trust_policy: trust.into(),
        attached_policies: attached.iter().map(|s| s.to_string()).collect(),
        inline_policies: vec![],
        inline_documents: Default::default(),
        created_at: None,
        last_used_at: None,
        last_used_region: None,
    }
}

/// Runs one rule on a live snapshot.
pub fn run_live(rule: &Rule, snapshot: &Snapshot, config: &LintConfig) -> Vec<Finding> {
    let ctx = Context {
        config,
        limits: Limits::default(),
        rcp_services: Default::default(),
        org: Some(OrgView::new(snapshot, None)),
        live: Some(snapshot),
        access: None,
        today: super::captured_date(snapshot).unwrap_or(date!(2026 - 11 - 21)),
        parsed: Default::default(),
        sso: Default::default(),
    };
    let mut out = Out::new(rule);
    (rule.check)(&ctx, &mut out);
    out.findings
}

/// Loads a layout from files written to a temporary directory.
pub fn load_layout(
    toml: &str,
    policies: &[(&str, &str)],
) -> (tempfile::TempDir, crate::layout::Loaded) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("ou-layout.toml"), toml).expect("write layout");
    std::fs::create_dir(dir.path().join("policies")).expect("mkdir");
    for (name, text) in policies {
        // A name may have a folder: "rcp/data-perimeter".
        let path = dir.path().join("policies").join(format!("{name}.json"));
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("mkdir");
        }
        std::fs::write(path, text).expect("write policy");
    }
    let loaded = crate::layout::load(dir.path()).expect("load");
    assert!(!loaded.unreadable, "{:?}", loaded.problems);
    (dir, loaded)
}

/// Runs one rule on a layout, offline.
pub fn run_desired(rule: &Rule, toml: &str, policies: &[(&str, &str)]) -> Vec<Finding> {
    let (_dir, loaded) = load_layout(toml, policies);
    let layout = loaded.layout.as_ref().expect("layout");
    let config = LintConfig::from_layout(layout, &loaded.sources).expect("config");
    let (snapshot, spans) = crate::layout::desired::desired_snapshot(layout);
    let ctx = Context {
        config: &config,
        limits: super::context::limits_of(layout),
        rcp_services: layout.rcp_services(),
        org: Some(OrgView::new(
            &snapshot,
            Some(Desired {
                layout,
                sources: &loaded.sources,
                spans,
            }),
        )),
        live: None,
        access: None,
        today: date!(2026 - 11 - 21),
        parsed: Default::default(),
        sso: Default::default(),
    };
    let mut out = Out::new(rule);
    (rule.check)(&ctx, &mut out);
    out.findings
}

/// A minimal layout: one OU `Workloads` with one account, plus `extra`.
pub fn layout_toml(extra: &str) -> String {
    format!(
        r#"[organization]
management_account_id = "{MGMT}"

[root]
scps = ["FullAWSAccess"]

[[ou]]
path = "Workloads"

[[account]]
id = "{MGMT}"
name = "management"
ou = "/"

[[account]]
id = "{PROD}"
name = "prod"
ou = "Workloads"
{extra}"#
    )
}
