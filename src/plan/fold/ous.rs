//! Organizational units: created under an existing parent within the depth
//! quota, renamed, and deleted only when empty, with sibling names unique.

use std::collections::BTreeMap;

use super::{Folding, Refusal, refuse, stale};
use crate::model::OrganizationalUnit;
use crate::plan::change::{Change, Target};
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::When;

pub(super) fn fold(f: &mut Folding, change: &Change) -> Result<(), Refusal> {
    match change {
        Change::CreateOu {
            path,
            parent,
            name,
            tags,
        } => create(f, path, parent, name, tags),
        Change::RenameOu { id, new_name, .. } => {
            let Some(ou) = f.ous.get(id) else {
                return Err(stale(format!("OU {id} does not exist")));
            };
            let (parent, old) = (ou.parent_id.clone(), ou.name.clone());
            claim_name(f, &parent, new_name)?;
            f.names.remove(&(parent, old));
            if let Some(ou) = f.ous.get_mut(id) {
                ou.name = new_name.clone();
            }
            Ok(())
        }
        Change::DeleteOu { id, path } => {
            if !f.ous.contains(id) {
                return Err(stale(format!("OU {id} does not exist")));
            }
            let children = f.children.get(id).copied().unwrap_or(0);
            if children > 0 {
                return Err(refuse(
                    format!("OU `{path}` still holds {children} account(s) or OU(s)"),
                    "move its accounts elsewhere in ou-layout.toml first; AWS deletes only empty OUs",
                ));
            }
            let Some(ou) = f.ous.remove(id) else {
                return Ok(());
            };
            f.names.remove(&(ou.parent_id.clone(), ou.name));
            f.lose_child(&ou.parent_id);
            for kind in PolicyKind::ALL {
                for name in f.attached.remove(&(kind, id.clone())).unwrap_or_default() {
                    if let Some(n) = f.uses.get_mut(&(kind, name)) {
                        *n = n.saturating_sub(1);
                    }
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn create(
    f: &mut Folding,
    path: &str,
    parent: &Target,
    name: &str,
    tags: &BTreeMap<String, String>,
) -> Result<(), Refusal> {
    let Some(parent_id) = f.id_of(parent).filter(|id| f.is_container(id)) else {
        return Err(refuse(
            format!("its parent {} does not exist yet", parent.describe()),
            "parents are created before children",
        ));
    };
    let depth = f.depth(&parent_id) + 1;
    if let Some(breach) = f.limits.check_depth(path, depth, When::AfterStep) {
        return Err(refuse(breach.message, breach.help));
    }
    claim_name(f, &parent_id, name)?;
    let id = simulated_ou_id(path);
    f.created.insert(
        Target::NewOu {
            path: path.to_string(),
        }
        .key(),
        id.clone(),
    );
    f.ous.push(OrganizationalUnit {
        id: id.clone(),
        arn: String::new(),
        name: name.to_string(),
        parent_id: parent_id.clone(),
        tags: tags.clone(),
    });
    f.adopt_child(&parent_id);
    f.attach_pass_through(&id);
    Ok(())
}

/// The id an OU the plan creates has in the model.
fn simulated_ou_id(path: &str) -> String {
    format!("ou-new-{}", path.replace('/', "-").to_lowercase())
}

fn claim_name(f: &mut Folding, parent: &str, name: &str) -> Result<(), Refusal> {
    if !f.names.insert((parent.to_string(), name.to_string())) {
        let place = match f.ous.get(parent) {
            Some(ou) => ou.name.clone(),
            None => f
                .org
                .roots
                .iter()
                .find(|r| r.id == parent)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
        };
        return Err(refuse(
            format!("an OU named `{name}` already exists under {place}"),
            "sibling OUs need different names; rename or remove the other OU",
        ));
    }
    Ok(())
}
