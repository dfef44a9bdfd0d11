//! Organizational units: matched to the layout's paths, created under an
//! existing parent within the depth quota, renamed, and deleted only when
//! empty, with sibling names unique.

use std::borrow::Cow;
use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::tag;

use crate::layout::model::DesiredOu;
use crate::layout::paths;
use crate::layout::schema::Unmanaged;
use crate::org::OrganizationalUnit;
use crate::plan::change::OuChange;
use crate::plan::change::{Change, Target};
use crate::plan::context::{Ctx, OuMatch};
use crate::plan::error::PlanError;
use crate::plan::fold::state::{Folding, Refusal, refuse, stale};
use crate::plan::model::{UnmanagedKind, UnmanagedObject};
use crate::plan::order::Draft;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::When;

/// Matches the layout's OUs (parents first) to live ones: by pinned id,
/// else by name under the matched parent; drafts renames, creations and
/// tag changes.
pub(in crate::plan) fn match_ous<'a>(
    ctx: &mut Ctx<'a>,
    ous: &[&'a DesiredOu],
    draft: &mut Draft,
) -> Result<(), PlanError> {
    let by_parent_name: HashMap<(&str, &str), &OrganizationalUnit> = ctx
        .live
        .organizational_units
        .iter()
        .map(|ou| ((ou.parent_id.as_str(), ou.name.as_str()), ou))
        .collect();
    // Pinned OUs claim their live OU first, so a path match cannot take it.
    for ou in ous {
        if let Some(id) = &ou.id {
            let live = ctx.index.ou(id).ok_or_else(|| PlanError::PinnedOuMissing {
                path: ou.path.clone(),
                id: id.clone(),
            })?;
            ctx.claimed.insert(&live.id);
        }
    }
    for ou in ous {
        let name = paths::name(&ou.path);
        let parent_live: Option<&str> = match paths::parent(&ou.path) {
            None => Some(ctx.root_id),
            Some(parent) => match ctx.ous.get(parent) {
                Some(OuMatch::Live(p)) => Some(p.id.as_str()),
                _ => None,
            },
        };
        if let Some(id) = &ou.id {
            let live = ctx.index.ou(id).ok_or_else(|| PlanError::PinnedOuMissing {
                path: ou.path.clone(),
                id: id.clone(),
            })?;
            if parent_live != Some(live.parent_id.as_str()) {
                let live_parent = match ctx.index.path_of(&live.parent_id) {
                    Some(p) if p.is_empty() => "the root".to_string(),
                    Some(p) => format!("`{p}`"),
                    None => live.parent_id.clone(),
                };
                return Err(PlanError::PinnedOuMoved {
                    path: ou.path.clone(),
                    id: id.clone(),
                    live_parent,
                });
            }
            if live.name != name {
                draft.renames.push(Change::Ou(OuChange::Rename {
                    id: live.id.clone(),
                    from_path: ctx
                        .index
                        .path_of(&live.id)
                        .unwrap_or_else(|| live.name.clone()),
                    to_path: ou.path.clone(),
                    new_name: name.to_string(),
                }));
            }
            ctx.ous.insert(&ou.path, OuMatch::Live(live));
            tag::changes(
                || ctx.ou_target(&ou.path),
                &live.tags,
                &ou.tags,
                &mut draft.tags,
            );
            continue;
        }
        let found = parent_live
            .and_then(|pid| by_parent_name.get(&(pid, name)).copied())
            .filter(|live| !ctx.claimed.contains(live.id.as_str()));
        match found {
            Some(live) => {
                ctx.claimed.insert(&live.id);
                ctx.ous.insert(&ou.path, OuMatch::Live(live));
                tag::changes(
                    || ctx.ou_target(&ou.path),
                    &live.tags,
                    &ou.tags,
                    &mut draft.tags,
                );
            }
            None => {
                let parent = ctx.ou_target(paths::parent(&ou.path).unwrap_or("/"));
                ctx.ous.insert(&ou.path, OuMatch::New);
                draft.create_ous.push(Change::Ou(OuChange::Create {
                    path: ou.path.clone(),
                    parent,
                    name: name.to_string(),
                    tags: ou.tags.clone(),
                }));
            }
        }
    }
    Ok(())
}

/// Lists unmanaged OUs; with `unmanaged = "delete"`, deletes those the plan
/// leaves without accounts and without kept child OUs, children first.
/// Returns the ids deleted.
pub(in crate::plan) fn draft_unmanaged<'a>(
    ctx: &Ctx<'a>,
    final_parent: &HashMap<&str, Cow<str>>,
    draft: &mut Draft,
    unmanaged: &mut Vec<UnmanagedObject>,
) -> HashSet<&'a str> {
    let live_ous = &ctx.live.organizational_units;
    let mut accounts_in: HashMap<&str, usize> = HashMap::new();
    for parent in final_parent.values() {
        *accounts_in.entry(parent).or_default() += 1;
    }
    let mut children: HashMap<&str, Vec<&OrganizationalUnit>> = HashMap::new();
    for ou in live_ous {
        children.entry(ou.parent_id.as_str()).or_default().push(ou);
    }
    let delete = ctx.desired.unmanaged == Unmanaged::Delete;
    let mut unmatched: Vec<(usize, &OrganizationalUnit, String)> = live_ous
        .iter()
        .filter(|ou| !ctx.claimed.contains(ou.id.as_str()))
        .map(|ou| {
            let path = ctx.index.path_of(&ou.id).unwrap_or_else(|| ou.name.clone());
            (path.matches('/').count(), ou, path)
        })
        .collect();
    // Deepest first: a parent is empty only once its children are gone.
    unmatched.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut deleted: HashSet<&str> = HashSet::new();
    for (_, ou, path) in unmatched {
        let accounts = accounts_in.get(ou.id.as_str()).copied().unwrap_or(0);
        let kept_children = children
            .get(ou.id.as_str())
            .map(|c| {
                c.iter()
                    .filter(|c| !deleted.contains(c.id.as_str()))
                    .count()
            })
            .unwrap_or(0);
        let empty = accounts == 0 && kept_children == 0;
        let note = match (delete, empty) {
            (true, true) => "empty once the plan has run".to_string(),
            (true, false) => format!(
                "not deleted: after the plan it still holds {accounts} account(s) and {kept_children} OU(s) the layout does not place elsewhere"
            ),
            (false, _) => {
                format!("after the plan it holds {accounts} account(s) and {kept_children} OU(s)")
            }
        };
        if delete && empty {
            deleted.insert(&ou.id);
            draft.delete_ous.push(Change::Ou(OuChange::Delete {
                id: ou.id.clone(),
                path: path.clone(),
            }));
        }
        unmanaged.push(UnmanagedObject {
            kind: UnmanagedKind::Ou,
            id: ou.id.clone(),
            name: path,
            deleted: delete && empty,
            note,
        });
    }
    deleted
}

/// Folds in an OU created, renamed or deleted.
pub fn fold(f: &mut Folding, change: &OuChange) -> Result<(), Refusal> {
    match change {
        OuChange::Create {
            path,
            parent,
            name,
            tags,
        } => create(f, path, parent, name, tags),
        OuChange::Rename { id, new_name, .. } => {
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
        OuChange::Delete { id, path } => {
            if !f.ous.contains(id) {
                return Err(stale(format!("OU {id} does not exist")));
            }
            let children = f.children.get(id.as_str()).copied().unwrap_or(0);
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
                let key = (kind, Cow::Owned(id.clone()));
                for name in f.attached.remove(&key).unwrap_or_default() {
                    if let Some(n) = f.uses.get_mut(&(kind, name.into_owned())) {
                        *n = n.saturating_sub(1);
                    }
                }
            }
            Ok(())
        }
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
