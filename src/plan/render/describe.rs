//! What a plan shows under a change's line (the line itself is
//! [`Change::describe`]).

use crate::plan::change::Change;

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
