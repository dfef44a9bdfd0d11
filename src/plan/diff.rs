//! The diff of the desired layout against a live snapshot. OUs match by
//! pinned id, else by name under their matched parent (so children of a
//! renamed OU still match); accounts by id; SCPs by name, compared by
//! meaning so formatting is never drift.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::change::{Change, PolicyRef, Target};
use super::error::PlanError;
use super::model::{Plan, UnmanagedKind, UnmanagedObject};
use super::order::{Draft, TargetAttachments, order};
use super::safety;
use crate::layout::Layout;
use crate::layout::model::{Desired, DesiredOu};
use crate::layout::paths;
use crate::layout::schema::Unmanaged;
use crate::model::tree::OrgIndex;
use crate::model::{OrganizationalUnit, Snapshot};
use crate::policy::canonical::canonical_of_text;
use crate::policy::kinds::PolicyKind;

/// Plans the changes that make `live` match `layout`: diffed, ordered and
/// checked step by step. Pure: no AWS calls.
pub fn diff(layout: &Layout, live: &Snapshot) -> Result<Plan, PlanError> {
    plan_desired(&Desired::from_layout(layout), live)
}

/// [`diff`], with `max_account_closures` (from `--max-account-closures`)
/// raising `settings.limits.account_closures_per_plan` for this plan.
pub fn diff_with(
    layout: &Layout,
    live: &Snapshot,
    max_account_closures: Option<usize>,
) -> Result<Plan, PlanError> {
    let mut desired = Desired::from_layout(layout);
    if let Some(max) = max_account_closures {
        desired.limits.account_closures_per_plan = max;
    }
    plan_desired(&desired, live)
}

/// [`diff`] over an already reduced layout.
pub fn plan_desired(desired: &Desired, live: &Snapshot) -> Result<Plan, PlanError> {
    safety::check_organization(desired, live)?;
    check_complete(live)?;
    let resolved = super::accounts::resolve(desired, live);
    let desired = &resolved.desired;
    let (mut draft, mut unmanaged, mut warnings) = draft(desired, &resolved.creations, live)?;
    warnings.splice(0..0, resolved.warnings);
    draft.close_accounts = super::accounts::draft_closures(desired, live, &mut warnings)?;
    draft.contacts = super::contacts::plan(&desired.contacts, live)?;
    draft.trusted_access = super::trusted_access::plan(
        desired.trusted_access.as_ref(),
        live,
        &mut unmanaged,
        &mut warnings,
    )?;
    let mut changes = order(draft, &desired.limits);
    super::accounts::check_closure_limit(&changes, live, &desired.limits)?;
    safety::simulate(&changes, live, &desired.limits)?;
    changes.extend(super::resources::plan_identity_center(
        desired,
        live,
        &mut unmanaged,
    )?);
    Ok(Plan {
        organization_id: live.organization.id.clone(),
        changes,
        unmanaged,
        warnings,
    })
}

fn check_complete(live: &Snapshot) -> Result<(), PlanError> {
    // Member-account reads do not feed the plan; Organizations reads do.
    match live.incomplete.iter().find(|f| {
        f.service.eq_ignore_ascii_case("organizations")
            && !crate::model::SETTINGS_READS.contains(&f.operation.as_str())
    }) {
        Some(f) => Err(PlanError::IncompleteLive {
            what: format!("{} {}: {}", f.service, f.operation, f.message),
        }),
        None => Ok(()),
    }
}

/// Where a desired OU stands against the live tree.
#[derive(Clone)]
enum OuMatch<'a> {
    Live(&'a OrganizationalUnit),
    New,
}

struct Ctx<'a> {
    desired: &'a Desired,
    live: &'a Snapshot,
    index: OrgIndex<'a>,
    root_id: &'a str,
    /// Desired path → match.
    ous: HashMap<&'a str, OuMatch<'a>>,
    /// Live OU ids that a desired OU claimed.
    claimed: HashSet<&'a str>,
}

impl Ctx<'_> {
    /// The target for a desired OU path ("/" or "" is the root).
    fn ou_target(&self, path: &str) -> Target {
        if path.is_empty() || path == "/" {
            return Target::Root {
                id: self.root_id.to_string(),
            };
        }
        match self.ous.get(path) {
            Some(OuMatch::Live(ou)) => Target::Ou {
                id: ou.id.clone(),
                path: path.to_string(),
            },
            _ => Target::NewOu {
                path: path.to_string(),
            },
        }
    }

    /// The target for a live container id, named by its path after the plan
    /// when the layout manages it, else by its live path.
    fn live_container(&self, id: &str, managed_paths: &HashMap<&str, &str>) -> Target {
        if id.starts_with("r-") {
            return Target::Root { id: id.to_string() };
        }
        let path = managed_paths
            .get(id)
            .map(|p| p.to_string())
            .or_else(|| self.index.path_of(id))
            .unwrap_or_else(|| id.to_string());
        Target::Ou {
            id: id.to_string(),
            path,
        }
    }

    fn policy_ref(&self, kind: PolicyKind, name: &str) -> PolicyRef {
        match self.live.policies_of(kind).iter().find(|p| p.name == name) {
            Some(p) => PolicyRef::Existing {
                id: p.id.clone(),
                name: p.name.clone(),
            },
            None if name == kind.full_access() => PolicyRef::Existing {
                id: kind.full_access_id().to_string(),
                name: name.to_string(),
            },
            None => PolicyRef::New {
                name: name.to_string(),
            },
        }
    }
}

type Drafted = (Draft, Vec<UnmanagedObject>, Vec<String>);

fn draft(
    desired: &Desired,
    creations: &[crate::layout::model::DesiredAccount],
    live: &Snapshot,
) -> Result<Drafted, PlanError> {
    let root = live.roots.first().ok_or(PlanError::NoRoot)?;
    let mut ctx = Ctx {
        desired,
        live,
        index: OrgIndex::new(live),
        root_id: &root.id,
        ous: HashMap::new(),
        claimed: HashSet::new(),
    };
    let mut draft = Draft::default();
    let mut unmanaged = Vec::new();
    let mut warnings = Vec::new();

    // Parents before children, so a parent's match is known.
    let mut ous: Vec<&DesiredOu> = desired.ous.iter().collect();
    ous.sort_by_key(|o| (o.path.matches('/').count(), o.path.clone()));
    match_ous(&mut ctx, &ous, &mut draft)?;
    let managed_paths: HashMap<&str, &str> = ctx
        .ous
        .iter()
        .filter_map(|(path, m)| match m {
            OuMatch::Live(ou) => Some((ou.id.as_str(), *path)),
            OuMatch::New => None,
        })
        .collect();

    let kinds: Vec<PolicyKind> = PolicyKind::ALL
        .into_iter()
        .filter(|k| *k == PolicyKind::Scp || desired.uses_rcps())
        .collect();
    for &kind in &kinds {
        if !kind.full_access_detachable() && !live.policy_type_enabled(kind) {
            draft.enable.push(Change::EnablePolicyType {
                kind,
                root_id: root.id.clone(),
            });
        }
        plan_policies(&ctx, kind, &mut draft, &mut unmanaged);
    }
    super::accounts::draft_creations(
        creations,
        &desired.account_creation,
        &kinds,
        |path| ctx.ou_target(path),
        |kind, name| ctx.policy_ref(kind, name),
        &mut draft,
    );
    let deleted_policies: BTreeSet<(PolicyKind, String)> = unmanaged
        .iter()
        .filter(|u| u.deleted)
        .filter_map(|u| match u.kind {
            UnmanagedKind::Scp => Some((PolicyKind::Scp, u.name.clone())),
            UnmanagedKind::Rcp => Some((PolicyKind::Rcp, u.name.clone())),
            _ => None,
        })
        .collect();
    let managed_policy = |kind: PolicyKind, name: &str| {
        name == kind.full_access() || desired.policies_of(kind).contains_key(name)
    };

    // Accounts: moves and tags; where every live account ends up.
    let mut final_parent: HashMap<&str, String> = HashMap::new();
    let desired_accounts: HashMap<&str, _> = desired
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    for account in &desired.accounts {
        let Some(live_account) = ctx.index.account(&account.id) else {
            // `accounts::draft_closures` speaks of closed ones.
            if account.closed {
                continue;
            }
            warnings.push(format!(
                "account {} ({}) is in the layout but not in the organization, so it is left out of this plan: orgguard does not invite accounts; to have it create a new one, remove `id` and give its `email`",
                account.id, account.name
            ));
            continue;
        };
        // A closed account stays where it is, as it is, until AWS removes it.
        if account.closed {
            final_parent.insert(&live_account.id, live_account.parent_id.clone());
            continue;
        }
        let to = ctx.ou_target(&account.ou);
        let to_key = to.key();
        if to_key != live_account.parent_id {
            draft.moves.push(Change::MoveAccount {
                account_id: account.id.clone(),
                name: live_account.name.clone(),
                from: ctx.live_container(&live_account.parent_id, &managed_paths),
                to,
            });
        }
        final_parent.insert(&live_account.id, to_key);
        let target = Target::Account {
            id: account.id.clone(),
            name: live_account.name.clone(),
        };
        tag_changes(&target, &live_account.tags, &account.tags, &mut draft.tags);
    }
    for account in &live.accounts {
        if desired_accounts.contains_key(account.id.as_str()) {
            continue;
        }
        final_parent.insert(&account.id, account.parent_id.clone());
        let place = match ctx.live_container(&account.parent_id, &managed_paths) {
            Target::Root { .. } => "under the root".to_string(),
            other => format!("in {}", other.describe()),
        };
        unmanaged.push(UnmanagedObject {
            kind: UnmanagedKind::Account,
            id: account.id.clone(),
            name: account.name.clone(),
            deleted: false,
            note: format!("{place}; orgguard never removes accounts"),
        });
    }

    // Unmanaged OUs: deleted only when the plan leaves them empty.
    let deleted_ous = plan_unmanaged_ous(&ctx, &final_parent, &mut draft, &mut unmanaged);

    // Attachments, per kind and target.
    for &kind in &kinds {
        let mut attached: HashMap<&str, Vec<&str>> = HashMap::new();
        for policy in live.policies_of(kind) {
            for target in &policy.targets {
                attached.entry(target).or_default().push(&policy.name);
            }
        }
        // A pass-through policy AWS keeps attached is not the layout's to
        // attach or detach, but it counts toward the limit.
        let implicit = usize::from(!kind.full_access_detachable());
        let mut add_target = |target: Target, live_id: Option<&str>, wanted: &[String]| {
            let wanted: BTreeSet<&str> = wanted
                .iter()
                .map(String::as_str)
                .filter(|n| kind.full_access_detachable() || *n != kind.full_access())
                .collect();
            let current: BTreeSet<&str> = match live_id {
                Some(id) => attached
                    .get(id)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|n| kind.full_access_detachable() || *n != kind.full_access())
                    .collect(),
                // AWS attaches the pass-through policy to every new OU.
                None if kind.full_access_detachable() => BTreeSet::from([kind.full_access()]),
                None => BTreeSet::new(),
            };
            let attach: Vec<PolicyRef> = wanted
                .difference(&current)
                .map(|n| ctx.policy_ref(kind, n))
                .collect();
            let detach: Vec<PolicyRef> = current
                .difference(&wanted)
                .filter(|n| {
                    managed_policy(kind, n) || deleted_policies.contains(&(kind, n.to_string()))
                })
                .map(|n| ctx.policy_ref(kind, n))
                .collect();
            if !attach.is_empty() || !detach.is_empty() {
                draft.attachments.push(TargetAttachments {
                    kind,
                    target,
                    current: current.len() + implicit,
                    attach,
                    detach,
                });
            }
        };
        let (root_list, ou_lists, account_lists) = desired.lists(kind);
        add_target(ctx.ou_target("/"), Some(ctx.root_id), root_list);
        let ou_lists: HashMap<&str, &[String]> = desired
            .ous
            .iter()
            .map(|o| o.path.as_str())
            .zip(ou_lists)
            .collect();
        for ou in &ous {
            let live_id = match ctx.ous.get(ou.path.as_str()) {
                Some(OuMatch::Live(live)) => Some(live.id.as_str()),
                _ => None,
            };
            let wanted = ou_lists.get(ou.path.as_str()).copied().unwrap_or(&[]);
            add_target(ctx.ou_target(&ou.path), live_id, wanted);
        }
        for (account, wanted) in desired.accounts.iter().zip(account_lists) {
            if account.closed {
                continue;
            }
            if let Some(live_account) = ctx.index.account(&account.id) {
                let target = Target::Account {
                    id: account.id.clone(),
                    name: live_account.name.clone(),
                };
                add_target(target, Some(&live_account.id), wanted);
            }
        }
        // Policies being deleted are detached from unmanaged targets too,
        // except from OUs the plan deletes (that removes their attachments).
        for policy in live
            .policies_of(kind)
            .iter()
            .filter(|p| deleted_policies.contains(&(kind, p.name.clone())))
        {
            for target_id in &policy.targets {
                let managed = target_id.starts_with("r-")
                    || managed_paths.contains_key(target_id.as_str())
                    || desired_accounts.contains_key(target_id.as_str());
                if managed || deleted_ous.contains(target_id.as_str()) {
                    continue;
                }
                let target = match ctx.index.account(target_id) {
                    Some(a) => Target::Account {
                        id: a.id.clone(),
                        name: a.name.clone(),
                    },
                    None => ctx.live_container(target_id, &managed_paths),
                };
                let current = attached.get(target_id.as_str()).map_or(0, Vec::len);
                let detach = ctx.policy_ref(kind, &policy.name);
                match draft
                    .attachments
                    .iter_mut()
                    .find(|t| t.kind == kind && t.target == target)
                {
                    Some(existing) => existing.detach.push(detach),
                    None => draft.attachments.push(TargetAttachments {
                        kind,
                        target,
                        current,
                        attach: vec![],
                        detach: vec![detach],
                    }),
                }
            }
        }
    }
    unmanaged.sort_by(|a, b| (a.kind as u8, &a.name).cmp(&(b.kind as u8, &b.name)));
    Ok((draft, unmanaged, warnings))
}

fn match_ous<'a>(
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
                draft.renames.push(Change::RenameOu {
                    id: live.id.clone(),
                    from_path: ctx
                        .index
                        .path_of(&live.id)
                        .unwrap_or_else(|| live.name.clone()),
                    to_path: ou.path.clone(),
                    new_name: name.to_string(),
                });
            }
            ctx.ous.insert(&ou.path, OuMatch::Live(live));
            tag_changes(
                &ctx.ou_target(&ou.path),
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
                tag_changes(
                    &ctx.ou_target(&ou.path),
                    &live.tags,
                    &ou.tags,
                    &mut draft.tags,
                );
            }
            None => {
                let parent = ctx.ou_target(paths::parent(&ou.path).unwrap_or("/"));
                ctx.ous.insert(&ou.path, OuMatch::New);
                draft.create_ous.push(Change::CreateOu {
                    path: ou.path.clone(),
                    parent,
                    name: name.to_string(),
                    tags: ou.tags.clone(),
                });
            }
        }
    }
    Ok(())
}

fn plan_policies(
    ctx: &Ctx,
    kind: PolicyKind,
    draft: &mut Draft,
    unmanaged: &mut Vec<UnmanagedObject>,
) {
    let desired = ctx.desired;
    let wanted = desired.policies_of(kind);
    let live_policies = ctx.live.policies_of(kind);
    for (name, policy) in wanted {
        if name == kind.full_access() {
            continue;
        }
        match live_policies
            .iter()
            .find(|p| &p.name == name && !p.aws_managed)
        {
            None => draft.create_policies.push(Change::CreatePolicy {
                kind,
                name: name.clone(),
                description: policy.description.clone(),
                content: policy.content.clone(),
            }),
            Some(live) => {
                let same_content = match (
                    canonical_of_text(&live.content),
                    canonical_of_text(&policy.content),
                ) {
                    (Some(a), Some(b)) => a == b,
                    _ => live.content == policy.content,
                };
                let description =
                    (live.description != policy.description).then(|| policy.description.clone());
                if !same_content || description.is_some() {
                    draft.update_policies.push(Change::UpdatePolicy {
                        kind,
                        id: live.id.clone(),
                        name: name.clone(),
                        description,
                        content: (!same_content).then(|| policy.content.clone()),
                        old_content: (!same_content).then(|| live.content.clone()),
                    });
                }
            }
        }
    }
    let index = &ctx.index;
    for live in live_policies {
        if live.aws_managed || live.name == kind.full_access() || wanted.contains_key(&live.name) {
            continue;
        }
        let deleted = desired.unmanaged == Unmanaged::Delete;
        let places: Vec<String> = live
            .targets
            .iter()
            .map(|t| match index.account(t) {
                Some(a) => format!("account {} ({})", a.id, a.name),
                None if t.starts_with("r-") => "root".to_string(),
                None => format!("OU {}", index.path_of(t).unwrap_or_else(|| t.clone())),
            })
            .collect();
        let note = if places.is_empty() {
            "not attached".to_string()
        } else {
            format!("attached to {}", places.join(", "))
        };
        if deleted {
            draft.delete_policies.push(Change::DeletePolicy {
                kind,
                id: live.id.clone(),
                name: live.name.clone(),
            });
        }
        unmanaged.push(UnmanagedObject {
            kind: match kind {
                PolicyKind::Scp => UnmanagedKind::Scp,
                PolicyKind::Rcp => UnmanagedKind::Rcp,
            },
            id: live.id.clone(),
            name: live.name.clone(),
            deleted,
            note,
        });
    }
}

/// Lists unmanaged OUs; with `unmanaged = "delete"`, deletes those the plan
/// leaves without accounts and without kept child OUs, children first.
/// Returns the ids deleted.
fn plan_unmanaged_ous<'a>(
    ctx: &Ctx<'a>,
    final_parent: &HashMap<&str, String>,
    draft: &mut Draft,
    unmanaged: &mut Vec<UnmanagedObject>,
) -> HashSet<&'a str> {
    let live_ous = &ctx.live.organizational_units;
    let mut accounts_in: HashMap<&str, usize> = HashMap::new();
    for parent in final_parent.values() {
        *accounts_in.entry(parent.as_str()).or_default() += 1;
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
            draft.delete_ous.push(Change::DeleteOu {
                id: ou.id.clone(),
                path: path.clone(),
            });
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

fn tag_changes(
    target: &Target,
    live: &BTreeMap<String, String>,
    wanted: &BTreeMap<String, String>,
    out: &mut Vec<Change>,
) {
    let set: BTreeMap<String, String> = wanted
        .iter()
        .filter(|(k, v)| live.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let keys: Vec<String> = live
        .keys()
        .filter(|k| !wanted.contains_key(*k))
        .cloned()
        .collect();
    if !set.is_empty() {
        out.push(Change::TagResource {
            target: target.clone(),
            tags: set,
        });
    }
    if !keys.is_empty() {
        out.push(Change::UntagResource {
            target: target.clone(),
            keys,
        });
    }
}
