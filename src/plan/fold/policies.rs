//! Policies: their documents, where they are attached, and the policy
//! types enabled on the root. AWS keeps at least one policy of an enabled
//! kind on every target and refuses more than the kind's quota.

use super::{Folding, Refusal, refuse, stale};
use crate::model::{Policy, PolicyTypeStatus};
use crate::plan::change::Change;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::{When, check_not_empty};

pub(super) fn fold(f: &mut Folding, change: &Change) -> Result<(), Refusal> {
    match change {
        Change::EnablePolicyType { kind, root_id } => enable(f, *kind, root_id),
        Change::CreatePolicy {
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
        Change::UpdatePolicy {
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
        Change::DeletePolicy { kind, name, .. } => {
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
        Change::AttachPolicy {
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
            let set = f.attached.get(&(kind, id.clone()));
            if set.is_some_and(|s| s.contains(name)) {
                return Err(stale(format!(
                    "`{name}` is already attached to {}",
                    target.describe()
                )));
            }
            let count = set.map(|s| s.len()).unwrap_or(0);
            if let Some(breach) =
                f.limits
                    .check_attached(kind, &target.describe(), count + 1, When::AfterStep)
            {
                return Err(refuse(breach.message, breach.help));
            }
            f.attach_unchecked(kind, &id, name);
            Ok(())
        }
        Change::DetachPolicy {
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
            let set = f.attached.entry((kind, id)).or_default();
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
        _ => Ok(()),
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
fn exists(f: &Folding, kind: PolicyKind, name: &str) -> bool {
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
