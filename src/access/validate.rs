//! The part of `orgguard validate` that checks policies/access.cedar:
//! syntax, the schema (unknown entity types, attributes and actions) and,
//! with a snapshot, names that do not exist in the organization.

use std::collections::BTreeSet;
use std::path::Path;

use cedar_policy::{ValidationMode, Validator};

use super::declared::{Actions, is_permission_set_name};
use super::entities::{ACCOUNT, ACTION, GROUP, OU, ROOT, USER, actions_for};
use super::policies::{ACCESS_FILE, AccessPolicies, source_problem};
use super::schema;
use crate::diagnostics::{Problems, Sources};
use crate::error::{Error, Result};
use crate::layout::{LAYOUT_FILE, Layout};
use crate::org::Snapshot;
use crate::org::tree::OrgIndex;
use crate::suggest::closest;

/// Checks the access policies of the repository in `dir`, if it has any.
/// Returns true when access.cedar could not be parsed.
pub fn check(
    dir: &Path,
    layout: Option<&Layout>,
    live: Option<&Snapshot>,
    sources: &mut Sources,
    problems: &mut Problems,
) -> Result<bool> {
    let path = dir.join(ACCESS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::read(&path, e)),
    };
    sources.add(ACCESS_FILE, text.clone());

    let section = layout.and_then(|l| l.file.access.as_ref());
    let declared = match section {
        Some(section) => {
            check_declarations(section, sources, problems);
            Actions::from_section(section)
        }
        None => Actions::default(),
    };
    let actions = match live {
        Some(snapshot) => actions_for(snapshot, &declared),
        None => declared.clone(),
    };

    let policies = match AccessPolicies::parse(ACCESS_FILE, &text) {
        Ok(p) => p.with_declared(declared),
        Err(list) => {
            for p in list {
                problems.error(
                    "cedar-syntax",
                    Some(sources.locate(ACCESS_FILE, p.span)),
                    p.message,
                    p.help,
                );
            }
            return Ok(true);
        }
    };
    // Without a parsed layout the declarations are unknown; checking
    // against none would flag every action.
    if layout.is_none() && live.is_none() {
        return Ok(false);
    }
    if actions.permission_sets.is_empty() {
        problems.error(
            "access-actions",
            Some(sources.locate(ACCESS_FILE, 0..0)),
            format!("{ACCESS_FILE} is checked against declared permission sets, but {LAYOUT_FILE} declares none"),
            format!("add an [access] section to {LAYOUT_FILE} with permission_sets = [\"AdministratorAccess\", ...]; see docs/access.md"),
        );
        return Ok(false);
    }
    let schema = match schema::build(&actions) {
        Ok(s) => s,
        // The declarations are broken; check_declarations said why.
        Err(_) if section.is_some() => return Ok(false),
        Err(e) => return Err(e),
    };
    let result = Validator::new(schema).validate(&policies.set, ValidationMode::Strict);
    for error in result.validation_errors() {
        let p = source_problem(
            error,
            "fix the policy; `orgguard access schema` prints the entity types, attributes and actions",
        );
        let help = better_help(&text, &p.span, &p.help, &actions);
        problems.error(
            "cedar-schema",
            Some(sources.locate(ACCESS_FILE, p.span)),
            p.message,
            help,
        );
    }
    // A policy with an error draws follow-on warnings (no applicable
    // action, impossible policy) that only repeat the error.
    let erroneous: BTreeSet<String> = result
        .validation_errors()
        .map(|e| e.policy_id().to_string())
        .collect();
    for warning in result
        .validation_warnings()
        .filter(|w| !erroneous.contains(&w.policy_id().to_string()))
    {
        let p = source_problem(warning, "review the policy");
        problems.warning(
            "cedar-schema",
            Some(sources.locate(ACCESS_FILE, p.span)),
            p.message,
            p.help,
        );
    }
    if let Some(snapshot) = live {
        check_names_exist(&text, &policies, snapshot, sources, problems);
    }
    // Declared assignments are judged only by policies that passed the
    // schema check: a broken policy would decide wrongly.
    if let Some(layout) = layout
        && erroneous.is_empty()
    {
        super::declared_assignments::check(layout, &policies, live, sources, problems)?;
    }
    Ok(false)
}

/// Cedar's own hint for an unknown action only covers a missing `Action::`;
/// a misspelled permission set gets the nearest declared name.
fn better_help(text: &str, span: &std::ops::Range<usize>, help: &str, actions: &Actions) -> String {
    let snippet = text.get(span.clone()).unwrap_or_default();
    let Some(name) = snippet
        .strip_prefix("Action::\"")
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return help.to_string();
    };
    if actions.names().any(|n| n == name) {
        return help.to_string();
    }
    match closest(name, actions.names()) {
        Some(best) => format!(
            "did you mean `{best}`? actions are the permission sets declared in [access] of {LAYOUT_FILE}"
        ),
        None => format!(
            "`{name}` is not a declared permission set or action group: add it to [access] permission_sets in {LAYOUT_FILE}, or fix the name"
        ),
    }
}

fn check_declarations(
    section: &super::declared::AccessSection,
    sources: &Sources,
    problems: &mut Problems,
) {
    let mut seen = BTreeSet::new();
    for name in &section.permission_sets {
        let location = Some(sources.locate(LAYOUT_FILE, name.span()));
        if !is_permission_set_name(name.get_ref()) {
            problems.error(
                "access-actions",
                location,
                format!("`{}` cannot be a permission set name", name.get_ref()),
                "permission set names are 1 to 32 letters, digits and +=,.@-_",
            );
        } else if !seen.insert(name.get_ref().as_str()) {
            problems.warning(
                "access-actions",
                location,
                format!("permission set `{}` is declared twice", name.get_ref()),
                "remove the repeated name",
            );
        }
    }
    let groups: BTreeSet<&str> = section
        .action_groups
        .keys()
        .map(|k| k.get_ref().as_str())
        .collect();
    for (group, members) in &section.action_groups {
        let location = Some(sources.locate(LAYOUT_FILE, group.span()));
        if !is_permission_set_name(group.get_ref()) {
            problems.error(
                "access-actions",
                location.clone(),
                format!("`{}` cannot be an action group name", group.get_ref()),
                "action group names are 1 to 32 letters, digits and +=,.@-_",
            );
        }
        if seen.contains(group.get_ref().as_str()) {
            problems.error(
                "access-actions",
                location,
                format!(
                    "`{}` is both a permission set and an action group",
                    group.get_ref()
                ),
                "rename the action group",
            );
        }
        for member in members {
            let name = member.get_ref().as_str();
            if seen.contains(name) || (groups.contains(name) && name != group.get_ref()) {
                continue;
            }
            let help = match closest(name, seen.iter().copied().chain(groups.iter().copied())) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "list it in [access] permission_sets first".to_string(),
            };
            problems.error(
                "access-actions",
                Some(sources.locate(LAYOUT_FILE, member.span())),
                format!("action group `{}` names `{name}`, which is not a declared permission set or action group", group.get_ref()),
                help,
            );
        }
    }
}

/// With a snapshot: groups, users, OUs, accounts and permission sets that
/// policies name but the organization does not have. A warning, since the
/// policy may be written ahead of the change that creates them.
fn check_names_exist(
    text: &str,
    policies: &AccessPolicies,
    snapshot: &Snapshot,
    sources: &Sources,
    problems: &mut Problems,
) {
    let index = OrgIndex::new(snapshot);
    let ic = snapshot.identity_center.as_ref();
    let users: BTreeSet<&str> = ic
        .map(|ic| ic.users.iter().map(|u| u.user_name.as_str()).collect())
        .unwrap_or_default();
    let groups: BTreeSet<&str> = ic
        .map(|ic| ic.groups.iter().map(|g| g.display_name.as_str()).collect())
        .unwrap_or_default();
    let sets: BTreeSet<&str> = ic
        .map(|ic| ic.permission_sets.iter().map(|p| p.name.as_str()).collect())
        .unwrap_or_default();
    let ous: Vec<String> = snapshot
        .organizational_units
        .iter()
        .filter_map(|o| index.path_of(&o.id))
        .collect();
    let accounts: BTreeSet<&str> = snapshot.accounts.iter().map(|a| a.id.as_str()).collect();
    let roots: BTreeSet<&str> = snapshot.roots.iter().map(|r| r.id.as_str()).collect();
    let action_groups: BTreeSet<&str> = policies
        .declared
        .groups
        .keys()
        .map(String::as_str)
        .collect();

    let mut reported = BTreeSet::new();
    for policy in policies.policies() {
        let Some(info) = policies.info.get(&policy.id().to_string()) else {
            continue;
        };
        for literal in policy.entity_literals() {
            let kind = literal.type_name().to_string();
            let name = literal.id().unescaped().to_string();
            let (what, candidates): (&str, Vec<&str>) = match kind.as_str() {
                USER => ("user", users.iter().copied().collect()),
                GROUP => ("group", groups.iter().copied().collect()),
                OU => ("OU", ous.iter().map(String::as_str).collect()),
                ACCOUNT => ("account", accounts.iter().copied().collect()),
                ROOT => ("root", roots.iter().copied().collect()),
                ACTION if action_groups.contains(name.as_str()) => continue,
                ACTION => ("permission set", sets.iter().copied().collect()),
                _ => continue,
            };
            if candidates.contains(&name.as_str())
                || !reported.insert((kind.clone(), name.clone(), info.id.clone()))
            {
                continue;
            }
            let needle = format!("{kind}::\"{}\"", name.escape_default());
            let span = text
                .get(info.span.clone())
                .and_then(|own| own.find(&needle))
                .map(|at| info.span.start + at..info.span.start + at + needle.len())
                .unwrap_or(info.span.start..info.span.start);
            let help = match closest(&name, candidates.iter().copied()) {
                Some(best) => {
                    format!("did you mean `{best}`? (the snapshot has no {what} `{name}`)")
                }
                None => format!(
                    "check the name; the policy has no effect in this organization until the {what} exists"
                ),
            };
            problems.warning(
                "access-unknown-name",
                Some(sources.locate(ACCESS_FILE, span)),
                format!(
                    "policy `{}` names {what} `{name}`, which does not exist in the organization",
                    info.id
                ),
                help,
            );
        }
    }
}
