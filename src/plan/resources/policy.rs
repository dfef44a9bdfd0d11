//! Policies of every kind: their documents and the policy types enabled
//! on the root. Where they are attached is [`super::attachment`].

use crate::layout::schema::Unmanaged;
use crate::org::{Policy, PolicyTypeStatus};
use crate::plan::change::Change;
use crate::plan::change::PolicyChange;
use crate::plan::context::Ctx;
use crate::plan::fold::state::{Folding, Refusal, refuse, stale};
use crate::plan::model::{UnmanagedKind, UnmanagedObject};
use crate::plan::order::Draft;
use crate::policy::canonical::canonical_of_text;
use crate::policy::kinds::PolicyKind;

/// The kind's documents created, updated (compared by meaning, so
/// formatting is never drift) and, with `unmanaged = "delete"`, deleted;
/// policies the layout does not name are listed as unmanaged.
pub(in crate::plan) fn draft(
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
            None => draft
                .create_policies
                .push(Change::Policy(PolicyChange::Create {
                    kind,
                    name: name.clone(),
                    description: policy.description.clone(),
                    content: policy.content.clone(),
                })),
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
                    draft
                        .update_policies
                        .push(Change::Policy(PolicyChange::Update {
                            kind,
                            id: live.id.clone(),
                            name: name.clone(),
                            description,
                            content: (!same_content).then(|| policy.content.clone()),
                            old_content: (!same_content).then(|| live.content.clone()),
                        }));
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
            draft
                .delete_policies
                .push(Change::Policy(PolicyChange::Delete {
                    kind,
                    id: live.id.clone(),
                    name: live.name.clone(),
                }));
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

/// Folds in a policy type enabled, or a policy created, updated or deleted.
pub fn fold(f: &mut Folding, change: &PolicyChange) -> Result<(), Refusal> {
    match change {
        PolicyChange::EnableType { kind, root_id } => enable(f, *kind, root_id),
        PolicyChange::Create {
            kind,
            name,
            description,
            content,
        } => {
            if exists(f, *kind, name) {
                return Err(refuse(
                    format!("an {kind} named `{name}` already exists"),
                    format!("{kind} names are unique; rename the file"),
                ));
            }
            check_size(f, *kind, name, content)?;
            f.org.policies_of_mut(*kind).push(Policy {
                id: format!("p-new-{name}"),
                arn: String::new(),
                name: name.clone(),
                description: description.clone(),
                aws_managed: false,
                content: content.clone(),
                targets: Vec::new(),
            });
            Ok(())
        }
        PolicyChange::Update {
            kind,
            name,
            description,
            content,
            ..
        } => {
            if aws_managed(f, *kind, name)? {
                return Err(refuse(
                    format!("`{name}` is managed by AWS and cannot be changed"),
                    "refer to it by name only",
                ));
            }
            if let Some(content) = content {
                check_size(f, *kind, name, content)?;
            }
            if let Some(p) = find(f, *kind, name) {
                if let Some(d) = description {
                    p.description = d.clone();
                }
                if let Some(c) = content {
                    p.content = c.clone();
                }
            }
            Ok(())
        }
        PolicyChange::Delete { kind, name, .. } => {
            if aws_managed(f, *kind, name)? {
                return Err(refuse(
                    format!("`{name}` is managed by AWS and cannot be deleted"),
                    "keep it; detach it where it is not wanted",
                ));
            }
            let uses = f.uses.get(&(*kind, name.clone())).copied().unwrap_or(0);
            if uses > 0 {
                return Err(refuse(
                    format!("`{name}` is still attached to {uses} target(s)"),
                    "a policy must be detached everywhere before it is deleted",
                ));
            }
            f.org.policies_of_mut(*kind).retain(|p| &p.name != name);
            f.uses.remove(&(*kind, name.clone()));
            Ok(())
        }
    }
}

/// Turning a kind on attaches its pass-through policy to the root, every
/// OU and every account.
fn enable(f: &mut Folding, kind: PolicyKind, root_id: &str) -> Result<(), Refusal> {
    let Some(root) = f.org.roots.iter_mut().find(|r| r.id == root_id) else {
        return Err(stale(format!("root {root_id} does not exist")));
    };
    if !f.enabled.insert(kind) {
        return Err(stale(format!("{kind}s are already enabled")));
    }
    root.policy_types.push(PolicyTypeStatus {
        kind: kind.aws_type().into(),
        status: "ENABLED".into(),
    });
    if find(f, kind, kind.full_access()).is_none() {
        f.org.policies_of_mut(kind).push(Policy {
            id: kind.full_access_id().into(),
            arn: String::new(),
            name: kind.full_access().into(),
            description: String::new(),
            aws_managed: true,
            content: kind.full_access_document().into(),
            targets: Vec::new(),
        });
    }
    let everywhere: Vec<String> = (f.org.roots.iter().map(|r| r.id.clone()))
        .chain(f.ous.ids().map(str::to_string))
        .chain(f.accounts.ids().map(str::to_string))
        .collect();
    for id in everywhere {
        f.attach_unchecked(kind, &id, kind.full_access());
    }
    Ok(())
}

fn find<'f>(f: &'f mut Folding, kind: PolicyKind, name: &str) -> Option<&'f mut Policy> {
    f.org
        .policies_of_mut(kind)
        .iter_mut()
        .find(|p| p.name == name)
}

/// A kind's pass-through policy exists whether or not the snapshot lists
/// it: AWS lists RCPFullAWSAccess only once RCPs are enabled.
pub(super) fn exists(f: &Folding, kind: PolicyKind, name: &str) -> bool {
    name == kind.full_access() || f.org.policies_of(kind).iter().any(|p| p.name == name)
}

fn aws_managed(f: &Folding, kind: PolicyKind, name: &str) -> Result<bool, Refusal> {
    if name == kind.full_access() {
        return Ok(true);
    }
    match f.org.policies_of(kind).iter().find(|p| p.name == name) {
        Some(p) => Ok(p.aws_managed),
        None => Err(stale(format!("{kind} `{name}` does not exist"))),
    }
}

fn check_size(f: &Folding, kind: PolicyKind, name: &str, content: &str) -> Result<(), Refusal> {
    match f.limits.check_size(kind, name, content.chars().count()) {
        Some(breach) => Err(refuse(breach.message, breach.help)),
        None => Ok(()),
    }
}
