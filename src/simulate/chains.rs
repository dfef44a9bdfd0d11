//! Which SCPs apply to each account, level by level from the root down:
//! the live ones from a snapshot, the proposed ones from the layout.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use toml::Spanned;

use super::evaluate::{CompiledPolicy, FULL_AWS_ACCESS_DOCUMENT, Level};
use crate::error::{Error, Result};
use crate::layout::Layout;
use crate::model::tree::OrgIndex;
use crate::model::{FULL_AWS_ACCESS, Snapshot};

/// Account id → its levels, root first.
pub type Chains = HashMap<String, Vec<Level>>;

/// The live organization's SCP path for every account of the snapshot.
pub fn live_chains(snapshot: &Snapshot) -> Result<Chains> {
    let index = OrgIndex::new(snapshot);
    let mut compiled: HashMap<&str, Arc<CompiledPolicy>> = HashMap::new();
    for policy in &snapshot.policies {
        let c = CompiledPolicy::compile(&policy.name, &policy.content).map_err(|e| {
            Error::invalid(
                format!("the live SCP `{}` ({}) cannot be evaluated: {e}", policy.name, policy.id),
                "take a new snapshot with `orgguard snapshot -o FILE`; if it persists, the policy is not valid IAM JSON",
            )
        })?;
        compiled.insert(policy.id.as_str(), Arc::new(c));
    }
    let level = |id: &str, label: String| Level {
        label,
        policies: index
            .policies_on(id)
            .iter()
            .filter_map(|p| compiled.get(p.id.as_str()).cloned())
            .collect(),
    };
    let mut chains = Chains::new();
    for account in &snapshot.accounts {
        let mut levels = vec![level(&account.id, format!("account {}", account.id))];
        let mut parent = account.parent_id.as_str();
        // Bounded so a broken parent chain cannot loop.
        for _ in 0..=snapshot.organizational_units.len() {
            if parent.starts_with("r-") {
                levels.push(level(parent, "root".to_string()));
                break;
            }
            let Some(ou) = index.ou(parent) else { break };
            let path = index.path_of(&ou.id).unwrap_or_else(|| ou.name.clone());
            levels.push(level(&ou.id, format!("OU {path}")));
            parent = &ou.parent_id;
        }
        // A chain that never reached the root is left out: its SCPs are
        // unknown, and the account is reported as outside the organization.
        if levels.last().is_some_and(|l| l.label == "root") {
            levels.reverse();
            chains.insert(account.id.clone(), levels);
        }
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
        let mut ids = Vec::new();
        let mut parent = account.parent_id.as_str();
        for _ in 0..=snapshot.organizational_units.len() {
            ids.push(parent);
            if parent.starts_with("r-") {
                break;
            }
            let Some(ou) = index.ou(parent) else { break };
            parent = &ou.parent_id;
        }
        if ids.last().is_some_and(|id| id.starts_with("r-")) {
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

/// The layout's SCP path for every account it places.
pub fn proposed_chains(layout: &Layout) -> Result<Chains> {
    let mut compiled: BTreeMap<String, Arc<CompiledPolicy>> = BTreeMap::new();
    let full = CompiledPolicy::compile(FULL_AWS_ACCESS, FULL_AWS_ACCESS_DOCUMENT).map_err(|e| {
        Error::invalid(
            format!("the built-in FullAWSAccess cannot be compiled: {e}"),
            "report this as a bug",
        )
    })?;
    compiled.insert(FULL_AWS_ACCESS.to_string(), Arc::new(full));
    for (name, file) in &layout.policies {
        let c = CompiledPolicy::compile(name, &file.content).map_err(|e| {
            Error::invalid(
                format!("{} cannot be evaluated: {e}", file.file),
                "run `orgguard validate` and fix the problems it shows",
            )
        })?;
        compiled.insert(name.clone(), Arc::new(c));
    }
    let defaults = &layout.file.settings.default_scps;
    let level = |scps: &Option<Spanned<Vec<Spanned<String>>>>, label: String| -> Result<Level> {
        let names = scps.as_ref().unwrap_or(defaults).get_ref();
        let policies = names
            .iter()
            .map(|n| {
                compiled.get(n.get_ref()).cloned().ok_or_else(|| {
                    Error::invalid(
                        format!(
                            "SCP `{}` is attached in ou-layout.toml but not defined",
                            n.get_ref()
                        ),
                        "run `orgguard validate` and fix the problems it shows",
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Level { label, policies })
    };
    let no_scps = None;
    let root_scps = layout
        .file
        .root
        .as_ref()
        .map(|r| &r.get_ref().scps)
        .unwrap_or(&no_scps);
    let root = level(root_scps, "root".to_string())?;
    let ous: HashMap<&str, &Option<Spanned<Vec<Spanned<String>>>>> = layout
        .file
        .ous
        .iter()
        .map(|o| (o.get_ref().path.get_ref().as_str(), &o.get_ref().scps))
        .collect();
    let mut chains = Chains::new();
    for account in &layout.file.accounts {
        let account = account.get_ref();
        let id = account.id.get_ref();
        let mut levels = vec![root.clone()];
        let ou = account.ou.get_ref();
        if ou != "/" {
            let mut path = String::new();
            for segment in ou.split('/') {
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(segment);
                let scps = ous.get(path.as_str()).ok_or_else(|| {
                    Error::invalid(
                        format!(
                            "account {id} is placed in OU `{ou}`, but `{path}` is not declared"
                        ),
                        "run `orgguard validate` and fix the problems it shows",
                    )
                })?;
                levels.push(level(scps, format!("OU {path}"))?);
            }
        }
        levels.push(level(&account.scps, format!("account {id}"))?);
        chains.insert(id.clone(), levels);
    }
    Ok(chains)
}
