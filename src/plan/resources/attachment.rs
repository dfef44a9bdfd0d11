//! Where policies are attached. AWS keeps at least one policy of a kind
//! whose pass-through policy is detachable (SCPs) on every target, keeps
//! RCPFullAWSAccess attached everywhere, and refuses more than the kind's
//! quota per target.

use std::borrow::Cow;
use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::policy::exists;
use crate::layout::model::DesiredOu;
use crate::plan::change::AttachmentChange;
use crate::plan::change::{PolicyRef, Target};
use crate::plan::context::{Ctx, OuMatch};
use crate::plan::fold::state::{Folding, Refusal, refuse, stale};
use crate::plan::order::{Draft, TargetAttachments};
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::{When, check_not_empty};

/// The attachments of one kind to change per target: what the layout
/// lists against what is attached, with the policies being deleted
/// detached everywhere first (except from OUs the plan deletes).
pub(in crate::plan) fn draft(
    ctx: &Ctx,
    kind: PolicyKind,
    ous: &[&DesiredOu],
    managed_paths: &HashMap<&str, &str>,
    deleted_policies: &BTreeSet<(PolicyKind, String)>,
    deleted_ous: &HashSet<&str>,
    draft: &mut Draft,
) {
    let managed_policy = |kind: PolicyKind, name: &str| {
        name == kind.full_access() || ctx.desired.policies_of(kind).contains_key(name)
    };
    let mut attached: HashMap<&str, Vec<&str>> = HashMap::new();
    for policy in ctx.live.policies_of(kind) {
        for target in &policy.targets {
            attached.entry(target).or_default().push(&policy.name);
        }
    }
    // A pass-through policy AWS keeps attached is not the layout's to
    // attach or detach, but it counts toward the limit.
    let implicit = usize::from(!kind.full_access_detachable());
    let counted = |n: &str| kind.full_access_detachable() || n != kind.full_access();
    // `target` is built only for a target whose attachments change: of
    // 10,000 accounts, most have none.
    let mut add_target = |target: &dyn Fn() -> Target, live_id: Option<&str>, wanted: &[String]| {
        if let Some(id) = live_id {
            let live: &[&str] = attached.get(id).map_or(&[], Vec::as_slice);
            let wanted_live = wanted
                .iter()
                .all(|w| !counted(w) || live.contains(&w.as_str()));
            let live_wanted = live
                .iter()
                .all(|c| !counted(c) || wanted.iter().any(|w| w == c));
            if wanted_live && live_wanted {
                return;
            }
        }
        let wanted: BTreeSet<&str> = wanted
            .iter()
            .map(String::as_str)
            .filter(|n| counted(n))
            .collect();
        let current: BTreeSet<&str> = match live_id {
            Some(id) => attached
                .get(id)
                .into_iter()
                .flatten()
                .copied()
                .filter(|n| counted(n))
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
                target: target(),
                current: current.len() + implicit,
                attach,
                detach,
            });
        }
    };
    let (root_list, ou_lists, account_lists) = ctx.desired.lists(kind);
    add_target(&|| ctx.ou_target("/"), Some(ctx.root_id), root_list);
    let ou_lists: HashMap<&str, &[String]> = ctx
        .desired
        .ous
        .iter()
        .map(|o| o.path.as_str())
        .zip(ou_lists)
        .collect();
    for ou in ous {
        let live_id = match ctx.ous.get(ou.path.as_str()) {
            Some(OuMatch::Live(live)) => Some(live.id.as_str()),
            _ => None,
        };
        let wanted = ou_lists.get(ou.path.as_str()).copied().unwrap_or(&[]);
        add_target(&|| ctx.ou_target(&ou.path), live_id, wanted);
    }
    for (account, wanted) in ctx.desired.accounts.iter().zip(account_lists) {
        if account.closed {
            continue;
        }
        if let Some(live_account) = ctx.index.account(&account.id) {
            let target = || Target::Account {
                id: account.id.clone(),
                name: live_account.name.clone(),
            };
            add_target(&target, Some(&live_account.id), wanted);
        }
    }
    // Policies being deleted are detached from unmanaged targets too,
    // except from OUs the plan deletes (that removes their attachments).
    for policy in ctx
        .live
        .policies_of(kind)
        .iter()
        .filter(|p| deleted_policies.contains(&(kind, p.name.clone())))
    {
        for target_id in &policy.targets {
            let managed = target_id.starts_with("r-")
                || managed_paths.contains_key(target_id.as_str())
                || ctx.desired_accounts.contains_key(target_id.as_str());
            if managed || deleted_ous.contains(target_id.as_str()) {
                continue;
            }
            let target = match ctx.index.account(target_id) {
                Some(a) => Target::Account {
                    id: a.id.clone(),
                    name: a.name.clone(),
                },
                None => ctx.live_container(target_id, managed_paths),
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

/// Folds in a policy attached to or detached from a root, OU or account.
pub fn fold(f: &mut Folding, change: &AttachmentChange) -> Result<(), Refusal> {
    match change {
        AttachmentChange::Attach {
            kind,
            policy,
            target,
        } => {
            let kind = *kind;
            let id = f.existing(target)?;
            let name = policy.name();
            if !exists(f, kind, name) {
                return Err(stale(format!("{kind} `{name}` does not exist")));
            }
            if !f.enabled.contains(&kind) {
                return Err(refuse(
                    format!("{kind}s are not enabled in the organization"),
                    format!(
                        "the plan enables them first when the layout uses {kind}s; take a fresh snapshot and plan again"
                    ),
                ));
            }
            let set = f.attached.get(&(kind, Cow::Borrowed(id.as_str())));
            if set.is_some_and(|s| s.contains(name)) {
                return Err(stale(format!(
                    "`{name}` is already attached to {}",
                    target.describe()
                )));
            }
            let count = set.map(|s| s.len()).unwrap_or(0);
            if let Some(breach) =
                f.limits
                    .check_attached(kind, || target.describe(), count + 1, When::AfterStep)
            {
                return Err(refuse(breach.message, breach.help));
            }
            f.attach_unchecked(kind, &id, name);
            Ok(())
        }
        AttachmentChange::Detach {
            kind,
            policy,
            target,
        } => {
            let kind = *kind;
            let id = f.existing(target)?;
            let name = policy.name();
            if !kind.full_access_detachable() && name == kind.full_access() {
                return Err(refuse(
                    format!(
                        "{name} cannot be detached: AWS keeps it attached everywhere while {kind}s are enabled"
                    ),
                    format!(
                        "remove {name} from the layout's rcps lists; it stays attached whatever they say"
                    ),
                ));
            }
            let set = f.attached.entry((kind, Cow::Owned(id))).or_default();
            if !set.contains(name) {
                return Err(stale(format!(
                    "`{name}` is not attached to {}",
                    target.describe()
                )));
            }
            if let Some(breach) =
                check_not_empty(kind, &target.describe(), set.len() - 1, When::AfterStep)
            {
                return Err(refuse(breach.message, breach.help));
            }
            set.remove(name);
            if let Some(n) = f.uses.get_mut(&(kind, name.to_string())) {
                *n = n.saturating_sub(1);
            }
            Ok(())
        }
    }
}
