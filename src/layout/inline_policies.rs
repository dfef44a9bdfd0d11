//! The inline policy files of permission sets: read, templated and parsed
//! apart from the section types, so the schema does not depend on
//! templating.

use std::collections::BTreeMap;
use std::path::Path;

use super::identity_center::{INLINE_POLICY_DIR, IdentityCenterSection};
use super::template::Templater;
use crate::diagnostics::{Problems, Sources};
use crate::error::{Error, Result};
use crate::policy::json_tree::{self, Node};

/// An inline policy file after templating.
#[derive(Debug, Clone)]
pub struct InlinePolicyFile {
    /// Path relative to the repository (`policies/permission-sets/x.json`).
    pub file: String,
    pub document: Node,
    /// The exact text sent to AWS: compact JSON, keys as written.
    pub content: String,
}

/// Reads the inline policy files the permission sets name, keyed by the
/// name as written (relative to policies/). Missing and unparsable files
/// are problems; paths outside policies/permission-sets/ are reported by
/// the checks.
pub fn load_inline_policies(
    dir: &Path,
    section: &IdentityCenterSection,
    templater: &mut Templater,
    sources: &mut Sources,
    problems: &mut Problems,
    layout_file: &str,
) -> Result<(BTreeMap<String, InlinePolicyFile>, bool)> {
    let mut out = BTreeMap::new();
    let mut unreadable = false;
    for ps in &section.permission_sets {
        let Some(name) = &ps.get_ref().inline_policy else {
            continue;
        };
        let written = name.get_ref();
        if out.contains_key(written) || !is_inline_policy_path(written) {
            continue;
        }
        let display = format!("policies/{written}");
        let path = dir.join(&display);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.error(
                    "unknown-reference",
                    Some(sources.locate(layout_file, name.span())),
                    format!("inline policy file {display} does not exist"),
                    format!(
                        "create it, or correct the name (files live in {INLINE_POLICY_DIR}/ and are named relative to policies/)"
                    ),
                );
                continue;
            }
            Err(e) => return Err(Error::read(&path, e)),
        };
        sources.add(&display, text.clone());
        let raw = match json_tree::parse(&text) {
            Ok(node) => node,
            Err(e) => {
                unreadable = true;
                problems.error(
                    "syntax",
                    Some(sources.locate(&display, e.span)),
                    format!("invalid JSON: {}", e.message),
                    e.help
                        .unwrap_or("fix the JSON syntax; policy files are plain JSON"),
                );
                continue;
            }
        };
        let before = templater.issues.len();
        let document = templater.fill(&raw);
        let issues: Vec<_> = templater.issues.drain(before..).collect();
        for issue in issues {
            problems.error(
                "template",
                Some(sources.locate(&display, issue.span)),
                issue.message,
                issue.help,
            );
        }
        let content = document.to_value().to_string();
        out.insert(
            written.clone(),
            InlinePolicyFile {
                file: display,
                document,
                content,
            },
        );
    }
    Ok((out, unreadable))
}

/// Whether an inline policy name points into policies/permission-sets/.
pub fn is_inline_policy_path(written: &str) -> bool {
    written
        .strip_prefix("permission-sets/")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains("..") && rest.ends_with(".json"))
}
