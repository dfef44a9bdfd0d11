//! One file per live policy: its document pretty-printed, under a file
//! name made safe and unique from the policy's name.

use std::collections::BTreeSet;

use crate::org::{Policy, Snapshot};
use crate::policy::kinds::PolicyKind;

/// A live policy as the layout will hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyOut {
    pub kind: PolicyKind,
    /// The policy's name in AWS.
    pub aws_name: String,
    /// The name the layout uses: the file stem, and the key of its
    /// `[policies.KEY]` section. Equal to `aws_name` unless that name
    /// cannot be a file name.
    pub key: String,
    /// Relative to the repository, with `/` separators.
    pub path: String,
    pub text: String,
    pub description: String,
    /// Live root, OU and account ids it is attached to.
    pub targets: Vec<String>,
}

/// The policies of every kind orgguard manages that the layout defines
/// (the AWS-managed pass-through policies are referred to by name, never
/// written), and notes on anything that will not read back as it is live.
pub fn policy_files(snapshot: &Snapshot, notes: &mut Vec<String>) -> Vec<PolicyOut> {
    let mut out = Vec::new();
    let customer: Vec<(PolicyKind, &Policy)> = PolicyKind::ALL
        .into_iter()
        .flat_map(|kind| snapshot.policies_of(kind).iter().map(move |p| (kind, p)))
        .filter(|(kind, p)| {
            let managed = p.aws_managed || p.name == kind.full_access();
            if managed && p.name != kind.full_access() && !p.targets.is_empty() {
                notes.push(format!(
                    "{kind} {} is AWS-managed and not one orgguard manages: its {} attachment(s) are not in the layout",
                    p.name,
                    p.targets.len()
                ));
            }
            !managed
        })
        .collect();
    // Keys are one namespace across kinds ([policies.KEY]) and files must
    // not collide on a case-insensitive file system; names that are safe as
    // they are keep them, the others get a derived key.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for kind in PolicyKind::ALL {
        used.insert(kind.full_access().to_lowercase());
    }
    let mut keys: Vec<Option<String>> = vec![None; customer.len()];
    for (i, (_, p)) in customer.iter().enumerate() {
        if safe_stem(&p.name) == p.name && used.insert(p.name.to_lowercase()) {
            keys[i] = Some(p.name.clone());
        }
    }
    for (i, (_, p)) in customer.iter().enumerate() {
        if keys[i].is_some() {
            continue;
        }
        let base = safe_stem(&p.name);
        let mut key = base.clone();
        let mut n = 2;
        while !used.insert(key.to_lowercase()) {
            key = format!("{base}-{n}");
            n += 1;
        }
        keys[i] = Some(key);
    }
    for ((kind, p), key) in customer.into_iter().zip(keys) {
        let key = key.unwrap_or_else(|| p.name.clone());
        let text = match serde_json::from_str::<serde_json::Value>(&p.content) {
            Ok(value) => serde_json::to_string_pretty(&value)
                .map(|mut t| {
                    t.push('\n');
                    t
                })
                .unwrap_or_else(|_| p.content.clone()),
            Err(e) => {
                notes.push(format!(
                    "{kind} {} is not valid JSON ({e}): written as AWS holds it; `orgguard validate` will say what to fix",
                    p.name
                ));
                p.content.clone()
            }
        };
        let placeholders = crate::layout::template::placeholders(&p.content);
        if !placeholders.is_empty() {
            notes.push(format!(
                "{kind} {} contains {}, which orgguard reads as a [vars] placeholder: define it under [vars] or change the policy",
                p.name,
                placeholders
                    .iter()
                    .map(|v| format!("${{{v}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out.push(PolicyOut {
            kind,
            aws_name: p.name.clone(),
            path: format!("{}/{key}.json", kind.folder()),
            key,
            text,
            description: p.description.clone(),
            targets: p.targets.clone(),
        });
    }
    out
}

/// A file stem from a policy name: letters, digits and `-_.+=,@` kept,
/// anything else (path separators, spaces, characters some systems
/// forbid) replaced by `-`; never empty, never hidden, at most 100
/// characters.
pub fn safe_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        let keep = c.is_ascii_alphanumeric() || "-_.+=,@".contains(c);
        let c = if keep { c } else { '-' };
        if c == '-' && stem.ends_with('-') {
            continue;
        }
        stem.push(c);
    }
    let stem: String = stem
        .trim_start_matches(['.', '-'])
        .trim_end_matches(['.', '-'])
        .chars()
        .take(100)
        .collect();
    if stem.is_empty() {
        "policy".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::safe_stem;

    #[test]
    fn unsafe_names_become_safe_stems() {
        assert_eq!(
            safe_stem("deny-leave-organization"),
            "deny-leave-organization"
        );
        assert_eq!(
            safe_stem("Deny S3 / public: access"),
            "Deny-S3-public-access"
        );
        assert_eq!(safe_stem("../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem("???"), "policy");
        assert_eq!(safe_stem(&"x".repeat(128)).len(), 100);
    }
}
