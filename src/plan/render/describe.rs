//! One line per change, the same in every format.

use std::collections::BTreeMap;

use crate::plan::change::Change;

fn tag_list(tags: &BTreeMap<String, String>) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "create OU Foundational/Workloads/SDLC", "attach SCP deny-all to OU Suspended".
pub fn describe(change: &Change) -> String {
    match change {
        Change::CreateOu { path, tags, .. } if tags.is_empty() => format!("create OU {path}"),
        Change::CreateOu { path, tags, .. } => {
            format!("create OU {path} (tags {})", tag_list(tags))
        }
        Change::RenameOu {
            from_path, to_path, ..
        } => format!("rename OU {from_path} to {to_path}"),
        Change::DeleteOu { path, .. } => format!("delete OU {path}"),
        Change::MoveAccount {
            account_id,
            name,
            from,
            to,
        } => {
            format!(
                "move account {account_id} ({name}) from {} to {}",
                from.describe(),
                to.describe()
            )
        }
        Change::EnablePolicyType { kind, .. } => format!("enable {kind}s on the root"),
        Change::CreatePolicy { kind, name, .. } => format!("create {kind} {name}"),
        Change::UpdatePolicy {
            kind,
            name,
            description,
            content,
            ..
        } => {
            let what: Vec<&str> = [
                content.as_ref().map(|_| "content"),
                description.as_ref().map(|_| "description"),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("update {kind} {name} ({})", what.join(", "))
        }
        Change::DeletePolicy { kind, name, .. } => format!("delete {kind} {name}"),
        Change::AttachPolicy {
            kind,
            policy,
            target,
        } => format!("attach {kind} {} to {}", policy.name(), target.describe()),
        Change::DetachPolicy {
            kind,
            policy,
            target,
        } => format!("detach {kind} {} from {}", policy.name(), target.describe()),
        Change::TagResource { target, tags } => {
            format!("tag {}: {}", target.describe(), tag_list(tags))
        }
        Change::UntagResource { target, keys } => {
            format!("untag {}: {}", target.describe(), keys.join(", "))
        }
        Change::IdentityCenter(c) => c.describe(),
        Change::TrustedAccess(c) => c.describe(),
        Change::SetContact(set) => set.summary().chars().skip(2).collect(),
        Change::CreateAccount(create) => create.describe(),
        Change::CloseAccount(close) => close.describe(),
    }
}

/// Detail lines a reviewer needs under the headline (not the content diff).
pub fn details(change: &Change) -> Vec<String> {
    match change {
        Change::UpdatePolicy {
            description: Some(d),
            ..
        } => vec![format!("description: \"{d}\"")],
        Change::CreatePolicy { description, .. } if !description.is_empty() => {
            vec![format!("description: \"{description}\"")]
        }
        Change::EnablePolicyType { kind, .. } => vec![format!(
            "AWS attaches {} to the root, every OU and every account, now and as they are created; it cannot be detached",
            kind.full_access()
        )],
        Change::IdentityCenter(c) => c.details(),
        Change::TrustedAccess(c) => c.details(),
        Change::CreateAccount(create) => create.details(),
        Change::CloseAccount(close) => close.details(),
        _ => vec![],
    }
}
