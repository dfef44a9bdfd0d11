//! SCP content changes as unified diffs of the canonical pretty JSON, so a
//! reviewer sees what the policy means, not how it was formatted.

use similar::TextDiff;

use crate::plan::change::Change;
use crate::plan::change::PolicyChange;
use crate::policy::canonical::canonical_pretty;

fn pretty(text: &str) -> String {
    let mut out = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => canonical_pretty(&value),
        Err(_) => text.to_string(),
    };
    out.push('\n');
    out
}

/// The unified diff for a change that creates or updates SCP content.
pub fn content_diff(change: &Change) -> Option<String> {
    let (name, old, new) = match change {
        Change::Policy(PolicyChange::Create { name, content, .. }) => {
            (name, String::new(), pretty(content))
        }
        Change::Policy(PolicyChange::Update {
            name,
            content: Some(content),
            old_content,
            ..
        }) => (
            name,
            old_content.as_deref().map(pretty).unwrap_or_default(),
            pretty(content),
        ),
        Change::IdentityCenter(c) => {
            let (name, old, new) = c.inline_policy_change()?;
            return Some(unified(
                &format!("{name} inline policy"),
                old.map(pretty).unwrap_or_default(),
                pretty(new),
            ));
        }
        _ => return None,
    };
    Some(unified(name, old, new))
}

fn unified(name: &str, old: String, new: String) -> String {
    let old_name = if old.is_empty() {
        "/dev/null".to_string()
    } else {
        format!("{name} (live)")
    };
    let diff = TextDiff::from_lines(&old, &new);
    diff.unified_diff()
        .context_radius(3)
        .header(&old_name, &format!("{name} (layout)"))
        .to_string()
}
