//! The desired state seen as an organization: the layout turned into the
//! same model a snapshot holds, so lint rules and simulate's policy chains
//! are written once and run on either. Targets get stable made-up ids; the
//! spans they came from are kept so findings point at ou-layout.toml.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::layout::Layout;
use crate::layout::schema::AccountSection;
use crate::model::{
    Account, AccountStatus, Organization, OrganizationalUnit, Policy, PolicyTypeStatus, Root,
    SCHEMA_VERSION, Snapshot,
};
use crate::policy::kinds::PolicyKind;

pub const DESIRED_ROOT_ID: &str = "r-desired";

pub fn ou_id(path: &str) -> String {
    format!("ou-desired:{path}")
}

/// The layout as a snapshot, and target id → span in ou-layout.toml.
pub fn desired_snapshot(layout: &Layout) -> (Snapshot, HashMap<String, Range<usize>>) {
    let file = &layout.file;
    let defaults: Vec<String> = file
        .settings
        .default_scps
        .get_ref()
        .iter()
        .map(|s| s.get_ref().clone())
        .collect();
    let names = |scps: &Option<toml::Spanned<Vec<toml::Spanned<String>>>>| -> Vec<String> {
        scps.as_ref()
            .map(|l| l.get_ref().iter().map(|s| s.get_ref().clone()).collect())
            .unwrap_or_else(|| defaults.clone())
    };
    let rcp_defaults: Vec<String> = file
        .settings
        .default_rcps
        .get_ref()
        .iter()
        .map(|s| s.get_ref().clone())
        .collect();
    let rcp_names = |rcps: &Option<toml::Spanned<Vec<toml::Spanned<String>>>>| -> Vec<String> {
        rcps.as_ref()
            .map(|l| l.get_ref().iter().map(|s| s.get_ref().clone()).collect())
            .unwrap_or_else(|| rcp_defaults.clone())
    };
    let mut spans = HashMap::new();
    let mut targets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rcp_targets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut attach = |target: &str, scps: Vec<String>, rcps: Vec<String>| {
        for scp in scps {
            targets.entry(scp).or_default().push(target.to_string());
        }
        for rcp in rcps {
            rcp_targets.entry(rcp).or_default().push(target.to_string());
        }
    };
    if let Some(root) = &file.root {
        spans.insert(DESIRED_ROOT_ID.to_string(), root.span());
        attach(
            DESIRED_ROOT_ID,
            names(&root.get_ref().scps),
            rcp_names(&root.get_ref().rcps),
        );
    }
    let parent_of = |path: &str| match path.rsplit_once('/') {
        Some((parent, _)) => ou_id(parent),
        None => DESIRED_ROOT_ID.to_string(),
    };
    let mut ous = Vec::new();
    for ou in &file.ous {
        let ou = ou.get_ref();
        let path = ou.path.get_ref();
        let id = ou_id(path);
        spans.insert(id.clone(), ou.path.span());
        attach(&id, names(&ou.scps), rcp_names(&ou.rcps));
        ous.push(OrganizationalUnit {
            id,
            arn: String::new(),
            name: crate::layout::paths::name(path).to_string(),
            parent_id: parent_of(path),
            tags: ou.tags.clone(),
        });
    }
    let mut accounts = Vec::new();
    for account in &file.accounts {
        let a: &AccountSection = account.get_ref();
        // An account still to be created gets a made-up id, like an OU.
        let id = match a.id() {
            Some(id) => id.to_string(),
            None => format!("account-desired:{}", a.key()),
        };
        spans.insert(id.clone(), a.span());
        attach(&id, names(&a.scps), rcp_names(&a.rcps));
        let ou = a.ou.get_ref();
        accounts.push(Account {
            id,
            arn: String::new(),
            name: a.name.get_ref().clone(),
            email: a
                .email
                .as_ref()
                .map(|e| e.get_ref().clone())
                .unwrap_or_default(),
            status: if a.closed() {
                AccountStatus::Suspended
            } else {
                AccountStatus::Active
            },
            parent_id: if ou == "/" {
                DESIRED_ROOT_ID.to_string()
            } else {
                ou_id(ou)
            },
            joined_method: None,
            joined_at: None,
            tags: a.tags.clone(),
        });
    }
    let mut policies: Vec<Policy> = layout
        .policies
        .values()
        .map(|p| Policy {
            id: format!("p-desired:{}", p.name),
            arn: String::new(),
            name: p.name.clone(),
            description: String::new(),
            aws_managed: false,
            content: p.content.clone(),
            targets: targets.remove(&p.name).unwrap_or_default(),
        })
        .collect();
    let scp = PolicyKind::Scp;
    policies.push(Policy {
        id: scp.full_access_id().to_string(),
        arn: String::new(),
        name: scp.full_access().to_string(),
        description: String::new(),
        aws_managed: true,
        content: scp.full_access_document().to_string(),
        targets: targets.remove(scp.full_access()).unwrap_or_default(),
    });
    let uses_rcps = !layout.rcps.is_empty()
        || rcp_targets
            .keys()
            .any(|name| name != PolicyKind::Rcp.full_access());
    let rcps: Vec<Policy> = layout
        .rcps
        .values()
        .map(|p| Policy {
            id: format!("p-desired-rcp:{}", p.name),
            arn: String::new(),
            name: p.name.clone(),
            description: String::new(),
            aws_managed: false,
            content: p.content.clone(),
            targets: rcp_targets.remove(&p.name).unwrap_or_default(),
        })
        .collect();
    // The types the layout's organization has once applied: SCPs always,
    // RCPs when the layout defines or attaches one (plan enables them then).
    let policy_types = std::iter::once(PolicyKind::Scp)
        .chain(uses_rcps.then_some(PolicyKind::Rcp))
        .map(|kind| PolicyTypeStatus {
            kind: kind.aws_type().to_string(),
            status: "ENABLED".to_string(),
        })
        .collect();
    let mut snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at: String::new(),
        source: crate::layout::LAYOUT_FILE.to_string(),
        organization: Organization {
            id: file
                .organization
                .get_ref()
                .id
                .as_ref()
                .map(|i| i.get_ref().clone())
                .unwrap_or_default(),
            arn: String::new(),
            management_account_id: file.management_account_id().to_string(),
            feature_set: "ALL".to_string(),
        },
        roots: vec![Root {
            id: DESIRED_ROOT_ID.to_string(),
            arn: String::new(),
            name: "Root".to_string(),
            policy_types,
        }],
        organizational_units: ous,
        accounts,
        policies,
        rcps,
        identity_center: None,
        org_settings: None,
        member_accounts: Vec::new(),
        incomplete: Vec::new(),
    };
    snapshot.normalize();
    (snapshot, spans)
}
