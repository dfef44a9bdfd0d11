//! The offline checks of `[identity_center]`: names, references (permission
//! sets, OUs, accounts), inline policies (the IAM grammar and size) and
//! Identity Center's limits. Access policies are checked against the
//! declared assignments in `access::declared_assignments`.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::identity_center::{INLINE_POLICY_DIR, IdentityCenterSection};
use super::inline_policies::is_inline_policy_path;
use super::load::{LAYOUT_FILE, Layout};
use crate::diagnostics::{Problems, Sources};
use crate::policy::grammar;
use crate::policy::limits::identity_center as limits;
use crate::suggest::closest;

/// Runs every check of the `[identity_center]` section, if there is one.
pub fn check(layout: &Layout, sources: &Sources, problems: &mut Problems) {
    let Some(section) = &layout.file.identity_center else {
        return;
    };
    let at = |span: Range<usize>| Some(sources.locate(LAYOUT_FILE, span));
    let declared = check_permission_sets(layout, section, sources, problems);
    let ou_paths: BTreeSet<&str> = layout
        .file
        .ous
        .iter()
        .map(|o| o.get_ref().path.get_ref().as_str())
        .collect();
    let accounts: BTreeSet<&str> = layout
        .file
        .accounts
        .iter()
        .flat_map(|a| {
            let a = a.get_ref();
            [a.id().unwrap_or_default(), a.name.get_ref().as_str()]
        })
        .collect();
    for assignment in &section.assignments {
        let a = assignment.get_ref();
        match (&a.group, &a.user) {
            (Some(_), Some(user)) => problems.error(
                "invalid-value",
                at(user.span()),
                "an assignment names a group and a user",
                "write one [[identity_center.assignment]] per principal",
            ),
            (None, None) => problems.error(
                "missing-key",
                at(assignment.span()),
                "an assignment names no principal",
                "add `group = \"...\"` (or, for a direct assignment, `user = \"...\"`)",
            ),
            _ => {}
        }
        let ps = a.permission_set.get_ref();
        if !declared.contains(ps.as_str()) {
            let help = match closest(ps, declared.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "declare it with [[identity_center.permission_set]]".to_string(),
            };
            problems.error(
                "unknown-permission-set",
                at(a.permission_set.span()),
                format!("permission set `{ps}` is not declared"),
                help,
            );
        }
        let tags = a.tags();
        if a.accounts.is_empty() && a.ous.is_empty() && tags.is_empty() {
            problems.error(
                "missing-key",
                at(assignment.span()),
                "an assignment has no targets",
                "add `accounts = [...]`, `ous = [...]` or `account_tags = { ... }`",
            );
        }
        for target in &a.accounts {
            let name = target.get_ref();
            if !accounts.contains(name.as_str()) {
                let help = match closest(name, accounts.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "name an [[account]] of the layout by its name or id".to_string(),
                };
                problems.error(
                    "unknown-account",
                    at(target.span()),
                    format!("account `{name}` is not in the layout"),
                    help,
                );
            }
        }
        for target in &a.ous {
            let path = target.get_ref().trim_matches('/');
            if !path.is_empty() && !ou_paths.contains(path) {
                let help = match closest(path, ou_paths.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => {
                        "name an [[ou]] of the layout by its path (\"/\" is the whole organization)"
                            .to_string()
                    }
                };
                problems.error(
                    "unknown-ou",
                    at(target.span()),
                    format!("OU `{path}` is not in the layout"),
                    help,
                );
            }
        }
        if let Some(written) = &a.account_tags
            && !tags.is_empty()
            && !layout.file.accounts.iter().any(|acc| {
                let acc = acc.get_ref();
                tags.iter().all(|(k, v)| acc.tags.get(k) == Some(v))
            })
        {
            problems.warning(
                "matches-nothing",
                at(written.span()),
                "no account of the layout carries these tags: the assignment grants nothing today",
                "check the tag keys and values against the [[account]] tags",
            );
        }
    }
}

/// Checks each permission set; returns the declared names.
fn check_permission_sets<'a>(
    layout: &'a Layout,
    section: &'a IdentityCenterSection,
    sources: &Sources,
    problems: &mut Problems,
) -> BTreeSet<&'a str> {
    let at = |span: Range<usize>| Some(sources.locate(LAYOUT_FILE, span));
    let mut seen: BTreeMap<&str, ()> = BTreeMap::new();
    if section.permission_sets.len() > limits::PERMISSION_SETS_PER_INSTANCE {
        problems.error(
            "ic-limit",
            at(section.permission_sets[limits::PERMISSION_SETS_PER_INSTANCE].span()),
            format!(
                "{} permission sets are declared; an Identity Center instance holds at most {}",
                section.permission_sets.len(),
                limits::PERMISSION_SETS_PER_INSTANCE
            ),
            "merge permission sets that grant the same access",
        );
    }
    for ps in &section.permission_sets {
        let ps = ps.get_ref();
        let name = ps.name.get_ref();
        if seen.insert(name, ()).is_some() {
            problems.error(
                "duplicate-name",
                at(ps.name.span()),
                format!("permission set `{name}` is declared twice"),
                "permission set names are unique in an instance; remove or rename one",
            );
        }
        let valid_chars = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(c));
        if name.is_empty() || name.chars().count() > limits::NAME_MAX_CHARS || !valid_chars {
            problems.error(
                "invalid-value",
                at(ps.name.span()),
                format!("`{name}` is not a permission set name"),
                format!(
                    "use 1 to {} letters, digits and + = , . @ - _",
                    limits::NAME_MAX_CHARS
                ),
            );
        }
        if let Some(d) = &ps.description
            && d.get_ref().chars().count() > limits::DESCRIPTION_MAX_CHARS
        {
            problems.error(
                "ic-limit",
                at(d.span()),
                format!(
                    "the description has {} characters; the limit is {}",
                    d.get_ref().chars().count(),
                    limits::DESCRIPTION_MAX_CHARS
                ),
                "shorten it",
            );
        }
        if let Some(d) = &ps.session_duration
            && !session_minutes(d.get_ref()).is_some_and(|m| limits::SESSION_MINUTES.contains(&m))
        {
            problems.error(
                "invalid-value",
                at(d.span()),
                format!(
                    "session duration `{}` is not an ISO 8601 duration from PT1H to PT12H",
                    d.get_ref()
                ),
                "write hours and minutes, such as \"PT4H\" or \"PT1H30M\"",
            );
        }
        for arn in &ps.managed_policies {
            if !is_aws_managed_policy_arn(arn.get_ref()) {
                problems.error(
                    "invalid-value",
                    at(arn.span()),
                    format!("`{}` is not an AWS managed policy ARN", arn.get_ref()),
                    "write arn:aws:iam::aws:policy/NAME; customer managed policies go in customer_managed_policies",
                );
            }
        }
        let attached = ps.managed_policies.len() + ps.customer_managed_policies.len();
        if attached > limits::MANAGED_POLICIES_PER_PERMISSION_SET {
            problems.error(
                "ic-limit",
                at(ps.name.span()),
                format!(
                    "permission set `{name}` attaches {attached} managed policies; Identity Center allows {}",
                    limits::MANAGED_POLICIES_PER_PERMISSION_SET
                ),
                "move some of the permissions into the inline policy, or split the set",
            );
        }
        if let Some(b) = &ps.permissions_boundary
            && b.managed_policy_arn.is_some() == b.customer_managed_policy.is_some()
        {
            problems.error(
                "invalid-value",
                at(ps.name.span()),
                format!("the permissions boundary of `{name}` must name exactly one policy"),
                "set either managed_policy_arn or customer_managed_policy",
            );
        }
        if let Some(file) = &ps.inline_policy {
            let written = file.get_ref();
            if !is_inline_policy_path(written) {
                problems.error(
                    "invalid-value",
                    at(file.span()),
                    format!("inline policy `{written}` is not a file in {INLINE_POLICY_DIR}/"),
                    "name a .json file relative to policies/, such as \"permission-sets/billing.json\"",
                );
            } else if let Some(policy) = layout.inline_policies.get(written) {
                for issue in grammar::check_scp(&policy.document) {
                    problems.push(
                        issue.severity,
                        "policy-grammar",
                        Some(sources.locate(&policy.file, issue.span)),
                        issue.message,
                        issue.help,
                    );
                }
                let size = policy.content.chars().count();
                if size > limits::INLINE_POLICY_MAX_CHARS {
                    problems.error(
                        "ic-limit",
                        Some(sources.locate(&policy.file, policy.document.span.clone())),
                        format!(
                            "the inline policy of `{name}` is {size} characters as sent; Identity Center allows {}",
                            limits::INLINE_POLICY_MAX_CHARS
                        ),
                        "move some statements into customer managed policies",
                    );
                }
            }
        }
    }
    seen.into_keys().collect()
}

/// Minutes of an ISO 8601 duration of hours and minutes (`PT1H30M`).
fn session_minutes(text: &str) -> Option<u32> {
    let rest = text.strip_prefix("PT")?;
    if rest.is_empty() {
        return None;
    }
    let (hours, rest) = match rest.split_once('H') {
        Some((h, r)) => (h.parse::<u32>().ok()?, r),
        None => (0, rest),
    };
    let minutes = match rest.strip_suffix('M') {
        Some(m) => m.parse::<u32>().ok()?,
        None if rest.is_empty() => 0,
        None => return None,
    };
    hours.checked_mul(60)?.checked_add(minutes)
}

fn is_aws_managed_policy_arn(text: &str) -> bool {
    text.strip_prefix("arn:")
        .and_then(|r| r.split_once(":iam::aws:policy/"))
        .is_some_and(|(partition, name)| partition.starts_with("aws") && !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_durations_are_read_as_minutes() {
        assert_eq!(session_minutes("PT1H"), Some(60));
        assert_eq!(session_minutes("PT1H30M"), Some(90));
        assert_eq!(session_minutes("PT90M"), Some(90));
        assert_eq!(session_minutes("PT"), None);
        assert_eq!(session_minutes("1H"), None);
        assert_eq!(session_minutes("PT1D"), None);
    }
}
