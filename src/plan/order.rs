//! The order changes are applied in. Policies exist before they are
//! attached; parents are created before children and deleted after them;
//! each target gains its new SCPs before losing old ones unless it is at
//! its limit; accounts leave an OU before it is deleted; a policy is
//! detached everywhere before it is deleted. [`super::safety`] then checks
//! the result step by step.

use super::change::{Change, PolicyKind, PolicyRef, Target};
use crate::plan::change::AttachmentChange;
use crate::policy::limits::Limits;

/// The attachment work for one root, OU or account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetAttachments {
    pub kind: PolicyKind,
    pub target: Target,
    /// Policies of the kind attached before the plan (FullAWSAccess alone
    /// for a new OU; RCPFullAWSAccess, which stays, counted in).
    pub current: usize,
    pub attach: Vec<PolicyRef>,
    pub detach: Vec<PolicyRef>,
}

/// The changes of a plan, grouped by kind, not yet ordered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Policy types to turn on, before anything of the kind is attached.
    pub enable: Vec<Change>,
    pub create_policies: Vec<Change>,
    pub update_policies: Vec<Change>,
    pub renames: Vec<Change>,
    /// Parents before children.
    pub create_ous: Vec<Change>,
    /// New accounts, once the OUs they go to exist.
    pub create_accounts: Vec<Change>,
    pub attachments: Vec<TargetAttachments>,
    pub moves: Vec<Change>,
    pub tags: Vec<Change>,
    /// Alternate contacts, independent of everything else.
    pub contacts: Vec<Change>,
    /// Trusted access and delegated administrators, in their own order
    /// (`plan::resources::trusted_access`): after accounts are placed, before
    /// anything is deleted.
    pub trusted_access: Vec<Change>,
    /// Accounts to close, once everything else about them is done.
    pub close_accounts: Vec<Change>,
    /// Children before parents.
    pub delete_ous: Vec<Change>,
    pub delete_policies: Vec<Change>,
}

/// Flattens a draft into the sequence to apply.
pub fn order(draft: Draft, limits: &Limits) -> Vec<Change> {
    let mut out = Vec::new();
    out.extend(draft.enable);
    out.extend(draft.create_policies);
    out.extend(draft.update_policies);
    // Renames first, so a name an OU gives up is free for a new OU.
    out.extend(draft.renames);
    out.extend(draft.create_ous);
    out.extend(draft.create_accounts);
    for target in draft.attachments {
        let limit = limits.per_target(target.kind);
        sequence_target(target, limit, &mut out);
    }
    out.extend(draft.moves);
    out.extend(draft.tags);
    out.extend(draft.contacts);
    out.extend(draft.trusted_access);
    out.extend(draft.close_accounts);
    out.extend(draft.delete_ous);
    out.extend(draft.delete_policies);
    out
}

/// Attach before detach, so the target is never left without an SCP; but
/// detach first when attaching would go over the limit. When neither is
/// possible the step is still emitted and the safety check refuses it with
/// the reason.
fn sequence_target(work: TargetAttachments, limit: usize, out: &mut Vec<Change>) {
    let TargetAttachments {
        kind,
        target,
        mut current,
        attach,
        detach,
    } = work;
    let mut attach = attach.into_iter().peekable();
    let mut detach = detach.into_iter().peekable();
    loop {
        let can_attach = attach.peek().is_some() && current < limit;
        let can_detach = detach.peek().is_some() && current > 1;
        let next = if can_attach {
            attach.next().map(|policy| (policy, true))
        } else if can_detach {
            detach.next().map(|policy| (policy, false))
        } else if let Some(policy) = detach.next() {
            Some((policy, false))
        } else {
            attach.next().map(|policy| (policy, true))
        };
        let Some((policy, is_attach)) = next else {
            break;
        };
        let target = target.clone();
        if is_attach {
            current += 1;
            out.push(Change::Attachment(AttachmentChange::Attach {
                kind,
                policy,
                target,
            }));
        } else {
            current = current.saturating_sub(1);
            out.push(Change::Attachment(AttachmentChange::Detach {
                kind,
                policy,
                target,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> PolicyRef {
        PolicyRef::New { name: name.into() }
    }

    fn ops(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| match c {
                Change::Attachment(AttachmentChange::Attach { policy, .. }) => {
                    format!("+{}", policy.name())
                }
                Change::Attachment(AttachmentChange::Detach { policy, .. }) => {
                    format!("-{}", policy.name())
                }
                _ => "?".into(),
            })
            .collect()
    }

    fn run(current: usize, attach: &[&str], detach: &[&str], limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        let work = TargetAttachments {
            kind: PolicyKind::Scp,
            target: Target::Root { id: "r-1".into() },
            current,
            attach: attach.iter().map(|n| p(n)).collect(),
            detach: detach.iter().map(|n| p(n)).collect(),
        };
        sequence_target(work, limit, &mut out);
        ops(&out)
    }

    #[test]
    fn attaches_before_detaching_when_there_is_room() {
        assert_eq!(
            run(1, &["allow-list"], &["FullAWSAccess"], 5),
            ["+allow-list", "-FullAWSAccess"]
        );
    }

    #[test]
    fn detaches_first_at_the_limit() {
        assert_eq!(run(5, &["new"], &["old"], 5), ["-old", "+new"]);
        assert_eq!(
            run(5, &["a", "b"], &["x", "y"], 5),
            ["-x", "+a", "-y", "+b"]
        );
    }
}
