//! The offline checks of resource control policies: their grammar and
//! size, the names each target lists, and the per-target limit, which
//! counts RCPFullAWSAccess because AWS keeps it attached everywhere.

use std::collections::BTreeSet;

use toml::Spanned;

use super::load::{LAYOUT_FILE, Layout};
use crate::diag::{Problems, Sources};
use crate::policy::grammar;
use crate::policy::kinds::PolicyKind;

type Names = Spanned<Vec<Spanned<String>>>;
type List = Option<Names>;

pub(super) fn check(layout: &Layout, sources: &Sources, problems: &mut Problems) {
    let kind = PolicyKind::Rcp;
    let full = kind.full_access();
    let limits = layout.file.settings.limits.resolved();
    let file = &layout.file;
    let mut attached = BTreeSet::new();
    let defaults = Some(file.settings.default_rcps.clone());
    let mut targets: Vec<(String, &List)> = Vec::new();
    if let Some(root) = &file.root {
        targets.push(("the root".to_string(), &root.get_ref().rcps));
    }
    for ou in &file.ous {
        let ou = ou.get_ref();
        targets.push((format!("OU `{}`", ou.path.get_ref()), &ou.rcps));
    }
    for account in &file.accounts {
        let account = account.get_ref();
        targets.push((format!("account {}", account.id.get_ref()), &account.rcps));
    }
    let at = |span: std::ops::Range<usize>| Some(sources.locate(LAYOUT_FILE, span));
    let mut lists: Vec<(String, &Names, bool)> = targets
        .iter()
        .filter_map(|(target, list)| list.as_ref().map(|l| (target.clone(), l, true)))
        .collect();
    if let Some(defaults) = &defaults {
        lists.push(("the default RCP list".to_string(), defaults, false));
    }
    for (target, list, is_target) in lists {
        let names = list.get_ref();
        let custom: BTreeSet<&str> = names
            .iter()
            .map(|n| n.get_ref().as_str())
            .filter(|n| *n != full)
            .collect();
        let count = custom.len() + 1;
        let limit = limits.per_target(kind);
        if count > limit {
            problems.error(
                "rcp-limit",
                at(list.span()),
                format!(
                    "{target} has {count} RCPs attached ({full} included); the limit is {limit}"
                ),
                format!(
                    "merge statements into fewer RCPs, or attach some to a parent OU; {full} stays attached everywhere and counts ({} holds the AWS quota)",
                    crate::policy::limits::Limits::per_target_setting(kind)
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for name in names {
            let text = name.get_ref();
            if !seen.insert(text.clone()) {
                problems.error(
                    "duplicate-rcp",
                    at(name.span()),
                    format!("`{text}` is listed twice for {target}"),
                    "remove the repeated name",
                );
            }
            if text != full
                && !layout.rcps.contains_key(text)
                && !layout.unparsed_policies.contains(text)
            {
                let candidates = layout.rcps.keys().map(String::as_str).chain([full]);
                let help = match crate::suggest::closest(text, candidates) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if layout.policies.contains_key(text) => format!(
                        "`{text}` is an SCP (policies/{text}.json); list it under scps, or move the file to policies/rcp/"
                    ),
                    None => format!("add policies/rcp/{text}.json, or remove the name"),
                };
                problems.error(
                    "unknown-rcp",
                    at(name.span()),
                    format!("RCP `{text}` is attached to {target} but not defined"),
                    help,
                );
            }
            if is_target || targets.iter().any(|(_, l)| l.is_none()) {
                attached.insert(text.clone());
            }
        }
    }
    for policy in layout.rcps.values() {
        let at_file = |span| Some(sources.locate(&policy.file, span));
        if policy.name == full {
            problems.error(
                "managed-rcp",
                at_file(0..0),
                format!("{full} is managed by AWS and cannot be defined"),
                format!("delete the file; AWS attaches {full} everywhere by itself"),
            );
            continue;
        }
        if layout.policies.contains_key(&policy.name) {
            problems.error(
                "duplicate-name",
                at_file(0..0),
                format!(
                    "`{}` is both an SCP and an RCP; policy names are unique in an organization",
                    policy.name
                ),
                "rename one of the files",
            );
        }
        for issue in grammar::check_rcp(&policy.document) {
            problems.push(
                issue.severity,
                "rcp-grammar",
                at_file(issue.span),
                issue.message,
                issue.help,
            );
        }
        let size = policy.content.chars().count();
        let max = limits.max_chars(kind);
        if size > max {
            problems.error(
                "rcp-size",
                at_file(policy.document.span.clone()),
                format!(
                    "`{}` is {size} characters as sent to AWS; the limit is {max}",
                    policy.name
                ),
                "split it into two RCPs, or shorten it with wildcards (whitespace is already removed before sending)",
            );
        }
        if !attached.contains(&policy.name) {
            problems.warning(
                "unattached-rcp",
                at_file(0..0),
                format!("RCP `{}` is not attached anywhere", policy.name),
                "attach it with rcps = [...] on the root, an OU or an account, or delete the file",
            );
        }
    }
}
