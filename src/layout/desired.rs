//! The desired organization seen as a snapshot: [`Desired`] (the one
//! reading of the layout) turned into the same model a live read gives, so
//! lint rules and simulate's policy chains are written once and run on
//! either. Targets get stable made-up ids; the spans they came from are
//! kept so findings point at ou-layout.toml.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::model::{Desired, DesiredAccount, DesiredPolicy};
use crate::layout::Layout;
use crate::org::{
    Account, AccountStatus, Organization, OrganizationalUnit, Policy, PolicyTypeStatus, Root,
    SCHEMA_VERSION, Snapshot,
};
use crate::policy::kinds::PolicyKind;

pub const DESIRED_ROOT_ID: &str = "r-desired";

pub fn ou_id(path: &str) -> String {
    format!("ou-desired:{path}")
}

/// The id an account gets: its own, or a made-up one (like an OU's) while
/// it is still to be created.
fn account_id(account: &DesiredAccount) -> String {
    if account.id.is_empty() {
        let key = account.email.as_deref().unwrap_or(&account.name);
        format!("account-desired:{key}")
    } else {
        account.id.clone()
    }
}

/// The layout as a snapshot, and target id → span in ou-layout.toml.
pub fn desired_snapshot(layout: &Layout) -> (Snapshot, HashMap<String, Range<usize>>) {
    (snapshot_of(&Desired::from_layout(layout)), spans(layout))
}

/// Where each target of the snapshot is declared in ou-layout.toml.
fn spans(layout: &Layout) -> HashMap<String, Range<usize>> {
    let file = &layout.file;
    let mut spans = HashMap::new();
    if let Some(root) = &file.root {
        spans.insert(DESIRED_ROOT_ID.to_string(), root.span());
    }
    for ou in &file.ous {
        let path = &ou.get_ref().path;
        spans.insert(ou_id(path.get_ref()), path.span());
    }
    for account in &file.accounts {
        let a = account.get_ref();
        let id = match a.id() {
            Some(id) => id.to_string(),
            None => format!("account-desired:{}", a.key()),
        };
        spans.insert(id, a.span());
    }
    spans
}

/// The desired organization as a snapshot.
pub fn snapshot_of(desired: &Desired) -> Snapshot {
    let root = (
        DESIRED_ROOT_ID.to_string(),
        &desired.root_scps,
        &desired.root_rcps,
    );
    let ous = desired
        .ous
        .iter()
        .map(|o| (ou_id(&o.path), &o.scps, &o.rcps));
    let accounts = desired
        .accounts
        .iter()
        .chain(&desired.unpinned)
        .map(|a| (account_id(a), &a.scps, &a.rcps));
    // Policy name → the targets it is attached to, per kind.
    let mut targets: BTreeMap<(PolicyKind, String), Vec<String>> = BTreeMap::new();
    for (id, scps, rcps) in std::iter::once(root).chain(ous).chain(accounts) {
        for (kind, names) in [(PolicyKind::Scp, scps), (PolicyKind::Rcp, rcps)] {
            for name in names {
                targets
                    .entry((kind, name.clone()))
                    .or_default()
                    .push(id.clone());
            }
        }
    }
    let mut policies_of = |kind: PolicyKind, id_prefix: &str| -> Vec<Policy> {
        desired
            .policies_of(kind)
            .iter()
            .map(|(name, policy): (&String, &DesiredPolicy)| Policy {
                id: format!("{id_prefix}:{name}"),
                arn: String::new(),
                name: name.clone(),
                description: policy.description.clone(),
                aws_managed: false,
                content: policy.content.clone(),
                targets: targets.remove(&(kind, name.clone())).unwrap_or_default(),
            })
            .collect()
    };
    let mut policies = policies_of(PolicyKind::Scp, "p-desired");
    let rcps = policies_of(PolicyKind::Rcp, "p-desired-rcp");
    let scp = PolicyKind::Scp;
    policies.push(Policy {
        id: scp.full_access_id().to_string(),
        arn: String::new(),
        name: scp.full_access().to_string(),
        description: String::new(),
        aws_managed: true,
        content: scp.full_access_document().to_string(),
        targets: targets
            .remove(&(scp, scp.full_access().to_string()))
            .unwrap_or_default(),
    });
    // The types the layout's organization has once applied: SCPs always,
    // RCPs when the layout defines or attaches one (plan enables them then).
    let policy_types = std::iter::once(PolicyKind::Scp)
        .chain(desired.uses_rcps().then_some(PolicyKind::Rcp))
        .map(|kind| PolicyTypeStatus {
            kind: kind.aws_type().to_string(),
            status: "ENABLED".to_string(),
        })
        .collect();
    let organizational_units = desired
        .ous
        .iter()
        .map(|ou| OrganizationalUnit {
            id: ou_id(&ou.path),
            arn: String::new(),
            name: crate::layout::paths::name(&ou.path).to_string(),
            parent_id: parent_of(&ou.path),
            tags: ou.tags.clone(),
        })
        .collect();
    let accounts = desired
        .accounts
        .iter()
        .chain(&desired.unpinned)
        .map(|a| Account {
            id: account_id(a),
            arn: String::new(),
            name: a.name.clone(),
            email: a.email.clone().unwrap_or_default(),
            status: if a.closed {
                AccountStatus::Suspended
            } else {
                AccountStatus::Active
            },
            parent_id: if a.ou == "/" {
                DESIRED_ROOT_ID.to_string()
            } else {
                ou_id(&a.ou)
            },
            joined_method: None,
            joined_at: None,
            tags: a.tags.clone(),
        })
        .collect();
    let mut snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at: String::new(),
        source: crate::layout::LAYOUT_FILE.to_string(),
        organization: Organization {
            id: desired.organization_id.clone().unwrap_or_default(),
            arn: String::new(),
            management_account_id: desired.management_account_id.clone(),
            feature_set: "ALL".to_string(),
        },
        roots: vec![Root {
            id: DESIRED_ROOT_ID.to_string(),
            arn: String::new(),
            name: "Root".to_string(),
            policy_types,
        }],
        organizational_units,
        accounts,
        policies,
        rcps,
        identity_center: None,
        org_settings: None,
        member_accounts: Vec::new(),
        incomplete: Vec::new(),
    };
    snapshot.normalize();
    snapshot
}

fn parent_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((parent, _)) => ou_id(parent),
        None => DESIRED_ROOT_ID.to_string(),
    }
}
