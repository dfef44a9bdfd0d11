//! Which policies of a kind apply to each account, level by level from the
//! root down. The live organization and the layout (as
//! [`crate::layout::desired::desired_snapshot`] sees it) are the same model,
//! so one function builds both.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::org::Snapshot;
use crate::org::tree::OrgIndex;
use crate::policy::eval::{CompiledPolicy, Level};
use crate::policy::kinds::PolicyKind;

/// Account id → its levels, root first.
pub type Chains = HashMap<String, Vec<Level>>;

/// The SCP and RCP paths of one organization, live or proposed.
pub struct Guardrails {
    /// Whose principals the SCPs limit: the caller's account.
    pub scps: Chains,
    /// Whose resources the RCPs limit: the resource's account. Empty when
    /// the organization has not enabled RCPs.
    pub rcps: Chains,
}

impl Guardrails {
    pub fn of(snapshot: &Snapshot) -> Result<Self> {
        Ok(Guardrails {
            scps: chains(snapshot, PolicyKind::Scp)?,
            rcps: chains(snapshot, PolicyKind::Rcp)?,
        })
    }
}

/// The path of one kind's policies for every account of `snapshot`.
///
/// A kind other than SCPs applies only where the root has it enabled. A
/// pass-through policy AWS keeps attached everywhere (RCPFullAWSAccess) is
/// on every level whether or not the snapshot lists it.
pub fn chains(snapshot: &Snapshot, kind: PolicyKind) -> Result<Chains> {
    let mut chains = Chains::new();
    if kind != PolicyKind::Scp && !snapshot.policy_type_enabled(kind) {
        return Ok(chains);
    }
    let compile = |name: &str, text: &str, id: &str| {
        CompiledPolicy::compile(name, text).map(Arc::new).map_err(|e| {
            Error::invalid(
                format!(
                    "the {kind} `{name}` ({id}) in {} cannot be evaluated: {e}",
                    snapshot.source
                ),
                "run `orgguard validate` for the layout, or take a new snapshot with `orgguard snapshot -o FILE`",
            )
        })
    };
    let implicit = if kind.full_access_detachable() {
        None
    } else {
        Some(compile(
            kind.full_access(),
            kind.full_access_document(),
            kind.full_access_id(),
        )?)
    };
    let mut compiled: HashMap<&str, Arc<CompiledPolicy>> = HashMap::new();
    for policy in snapshot.policies_of(kind) {
        if implicit.is_some() && policy.name == kind.full_access() {
            continue;
        }
        compiled.insert(
            policy.id.as_str(),
            compile(&policy.name, &policy.content, &policy.id)?,
        );
    }
    let index = OrgIndex::new(snapshot);
    let level = |id: &str, label: String| Level {
        label,
        policies: implicit
            .iter()
            .cloned()
            .chain(
                index
                    .attached(kind, id)
                    .iter()
                    .filter_map(|p| compiled.get(p.id.as_str()).cloned()),
            )
            .collect(),
    };
    for account in &snapshot.accounts {
        // An account whose chain never reaches the root is left out: its
        // policies are unknown, and it is reported as outside the
        // organization.
        let Some(ancestors) = index.ancestors(&account.parent_id) else {
            continue;
        };
        let mut levels: Vec<Level> = ancestors
            .iter()
            .rev()
            .map(|id| match index.path_of(id) {
                Some(path) if !path.is_empty() => level(id, format!("OU {path}")),
                _ => level(id, "root".to_string()),
            })
            .collect();
        levels.push(level(&account.id, format!("account {}", account.id)));
        chains.insert(account.id.clone(), levels);
    }
    Ok(chains)
}

/// Account id → the value AWS gives `aws:PrincipalOrgPaths` for its
/// principals: `o-…/r-…/ou-…/ou-…/`, the root and each OU down to the
/// account's parent.
pub fn org_paths(snapshot: &Snapshot) -> HashMap<String, String> {
    let index = OrgIndex::new(snapshot);
    let mut paths = HashMap::new();
    for account in &snapshot.accounts {
        if let Some(ids) = index.ancestors(&account.parent_id) {
            let mut path = format!("{}/", snapshot.organization.id);
            for id in ids.iter().rev() {
                path.push_str(id);
                path.push('/');
            }
            paths.insert(account.id.clone(), path);
        }
    }
    paths
}
