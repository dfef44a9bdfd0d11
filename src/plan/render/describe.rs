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
        Change::CreatePolicy { name, .. } => format!("create SCP {name}"),
        Change::UpdatePolicy {
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
            format!("update SCP {name} ({})", what.join(", "))
        }
        Change::DeletePolicy { name, .. } => format!("delete SCP {name}"),
        Change::AttachPolicy { policy, target } => {
            format!("attach SCP {} to {}", policy.name(), target.describe())
        }
        Change::DetachPolicy { policy, target } => {
            format!("detach SCP {} from {}", policy.name(), target.describe())
        }
        Change::TagResource { target, tags } => {
            format!("tag {}: {}", target.describe(), tag_list(tags))
        }
        Change::UntagResource { target, keys } => {
            format!("untag {}: {}", target.describe(), keys.join(", "))
        }
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
        _ => vec![],
    }
}
