//! The offline checks `orgguard validate` runs on a loaded layout:
//! references, limits and the SCP grammar. Each problem names its file and
//! position and says what to do.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use toml::Spanned;

use super::load::{LAYOUT_FILE, Layout};
use super::paths;
use crate::diagnostics::{Problems, Sources};
use crate::policy::grammar;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::{When, check_not_empty};
use crate::policy::rcp_services::{RcpServices, is_service_prefix};

struct Ctx<'a> {
    layout: &'a Layout,
    sources: &'a Sources,
    problems: &'a mut Problems,
    /// (kind, policy name) → places it is attached.
    attached: BTreeMap<(PolicyKind, String), usize>,
}

impl Ctx<'_> {
    fn at(&self, span: Range<usize>) -> Option<crate::diagnostics::Location> {
        Some(self.sources.locate(LAYOUT_FILE, span))
    }
}

/// Runs every check, adding to `problems`.
pub fn check(layout: &Layout, sources: &Sources, problems: &mut Problems) {
    let mut ctx = Ctx {
        layout,
        sources,
        problems,
        attached: BTreeMap::new(),
    };
    check_organization(&mut ctx);
    check_settings(&mut ctx);
    check_vars(&mut ctx);
    let ou_paths = check_ous(&mut ctx);
    check_root(&mut ctx);
    check_accounts(&mut ctx, &ou_paths);
    check_contacts(&mut ctx);
    for kind in PolicyKind::ALL {
        check_policies(&mut ctx, kind);
    }
    super::check_identity_center::check(layout, sources, ctx.problems);
    super::check_trusted_access::check(layout, sources, ctx.problems);
}

fn check_organization(ctx: &mut Ctx) {
    let org = ctx.layout.file.organization.get_ref();
    let id = &org.management_account_id;
    if !is_account_id(id.get_ref()) {
        ctx.problems.error(
            "invalid-value",
            ctx.at(id.span()),
            format!(
                "management account id `{}` is not a 12-digit account id",
                id.get_ref()
            ),
            "write the id as a quoted string of 12 digits, such as \"111111111111\"",
        );
    }
    if let Some(org_id) = &org.id {
        let text = org_id.get_ref();
        let valid = text.strip_prefix("o-").is_some_and(|rest| {
            (10..=32).contains(&rest.len())
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        if !valid {
            ctx.problems.error(
                "invalid-value",
                ctx.at(org_id.span()),
                format!("organization id `{text}` is not an organization id"),
                "organization ids look like o-a1b2c3d4e5; copy it from `aws organizations describe-organization`",
            );
        }
    }
}

fn check_settings(ctx: &mut Ctx) {
    let settings = &ctx.layout.file.settings;
    let limits = &settings.limits;
    for (name, value) in limits.get_ref().counts() {
        if value == 0 {
            // Point at the key under [settings.limits] when it is there:
            // the table's span covers its header only.
            let table = limits.span();
            let span = ctx
                .sources
                .text(LAYOUT_FILE)
                .and_then(|text| text.get(table.start..))
                .and_then(|rest| {
                    let body = rest.get(1..)?;
                    let end = body.find("\n[").map_or(rest.len(), |at| at + 1);
                    rest[..end].find(&format!("\n{name}"))
                })
                .map(|at| table.start + at + 1..table.start + at + 1 + name.len())
                .unwrap_or(table);
            ctx.problems.error(
                "invalid-value",
                ctx.at(span),
                format!("limit `{name}` is 0"),
                "limits must be at least 1; remove the key to use the AWS default",
            );
        }
    }
    let role = settings.member_role_name.get_ref();
    if role.is_empty()
        || role.len() > 64
        || !role
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
    {
        ctx.problems.error(
            "invalid-value",
            ctx.at(settings.member_role_name.span()),
            format!("`{role}` is not a valid IAM role name"),
            "role names have 1 to 64 letters, digits and +=,.@_-",
        );
    }
    for region in settings.regions.get_ref() {
        if !looks_like_region(region) {
            ctx.problems.error(
                "invalid-value",
                ctx.at(settings.regions.span()),
                format!("`{region}` is not an AWS region name"),
                "write region codes such as \"us-east-1\" or \"eu-west-1\"",
            );
        }
    }
    if settings.regions.get_ref().is_empty() {
        ctx.problems.error(
            "invalid-value",
            ctx.at(settings.regions.span()),
            "`regions` is empty",
            "list at least one region for member-account reads, such as [\"us-east-1\"]",
        );
    }
    for service in settings.rcp_services.get_ref() {
        let name = service.get_ref();
        if !is_service_prefix(name) {
            ctx.problems.error(
                "invalid-value",
                ctx.at(service.span()),
                format!("`{name}` is not a service prefix"),
                "write the prefix the service's actions start with, in lower case, such as \"bedrock-agentcore\" for bedrock-agentcore:InvokeGateway",
            );
        } else if RcpServices::ships(name) {
            ctx.problems.warning(
                "invalid-value",
                ctx.at(service.span()),
                format!("orgguard already knows that RCPs apply to `{name}`"),
                "remove it from rcp_services",
            );
        }
    }
    let defaults = settings.default_scps.clone();
    check_list(
        ctx,
        PolicyKind::Scp,
        &defaults,
        "the default SCP list",
        false,
    );
    let defaults = settings.default_rcps.clone();
    check_list(
        ctx,
        PolicyKind::Rcp,
        &defaults,
        "the default RCP list",
        false,
    );
}

fn check_vars(ctx: &mut Ctx) {
    for name in ctx.layout.file.vars.keys() {
        let text = name.get_ref();
        let valid = text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid {
            ctx.problems.error(
                "invalid-value",
                ctx.at(name.span()),
                format!("`{text}` is not a valid variable name"),
                "use letters, digits, _ and -, starting with a letter; names with a colon belong to IAM",
            );
        } else if !ctx.layout.used_vars.contains(text) {
            ctx.problems.warning(
                "unused-var",
                ctx.at(name.span()),
                format!("variable `{text}` is not used by any policy"),
                "remove it, or use it as ${name} in a policy file".replace("name", text),
            );
        }
    }
}

/// Checks the OU tree; returns the declared paths.
fn check_ous(ctx: &mut Ctx) -> BTreeSet<String> {
    let limits = *ctx.layout.file.settings.limits.get_ref();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut pinned: HashMap<String, String> = HashMap::new();
    for ou in &ctx.layout.file.ous {
        let ou = ou.get_ref();
        let path = ou.path.get_ref();
        let span = ou.path.span();
        if let Err(message) = paths::check_path(path) {
            ctx.problems.error(
                "invalid-value",
                ctx.at(span),
                message,
                "write OU paths from the root, such as \"Foundational/Workloads/Production\"",
            );
            continue;
        }
        if seen.contains_key(path) {
            ctx.problems.error(
                "duplicate-ou",
                ctx.at(span.clone()),
                format!("OU `{path}` is declared twice"),
                "sibling OUs must have different names; remove or rename one of them",
            );
        } else {
            seen.insert(path.clone(), span.clone());
        }
        if let Some(breach) = limits.check_depth(path, path.split('/').count(), When::Now) {
            ctx.problems.error(
                "ou-depth",
                ctx.at(span.clone()),
                breach.message,
                breach.help,
            );
        }
        if let Some(id) = &ou.id {
            let text = id.get_ref();
            if !is_ou_id(text) {
                ctx.problems.error(
                    "invalid-value",
                    ctx.at(id.span()),
                    format!("`{text}` is not an OU id"),
                    "OU ids look like ou-ab12-cd34ef56; copy it from the console or a snapshot",
                );
            } else if let Some(other) = pinned.insert(text.clone(), path.clone()) {
                ctx.problems.error(
                    "duplicate-ou",
                    ctx.at(id.span()),
                    format!("OU id `{text}` is pinned by both `{other}` and `{path}`"),
                    "an OU id belongs to one OU; remove one of the pins",
                );
            }
        }
        let target = format!("OU `{path}`");
        check_list_or_default(ctx, PolicyKind::Scp, &ou.scps, span.clone(), &target);
        check_list_or_default(ctx, PolicyKind::Rcp, &ou.rcps, span, &target);
    }
    for ou in &ctx.layout.file.ous {
        let ou = ou.get_ref();
        let path = ou.path.get_ref();
        if let Some((parent, _)) = path.rsplit_once('/')
            && !seen.contains_key(parent)
            && paths::check_path(path).is_ok()
        {
            ctx.problems.error(
                    "unknown-ou",
                    ctx.at(ou.path.span()),
                    format!("the parent of `{path}`, `{parent}`, is not declared"),
                    format!("add an [[ou]] with path = \"{parent}\" (every OU carries its own SCPs, so parents are never implied)"),
                );
        }
    }
    seen.into_keys().collect()
}

fn check_root(ctx: &mut Ctx) {
    match &ctx.layout.file.root {
        None => {
            ctx.problems.error(
                "no-scp",
                ctx.at(0..0),
                "the layout has no [root] section",
                "add [root] with scps = [\"FullAWSAccess\", ...]: the root must keep at least one SCP",
            );
        }
        Some(root) => {
            let span = root.span();
            let root = root.get_ref();
            check_list_or_default(ctx, PolicyKind::Scp, &root.scps, span.clone(), "the root");
            check_list_or_default(ctx, PolicyKind::Rcp, &root.rcps, span, "the root");
        }
    }
}

fn check_accounts(ctx: &mut Ctx, ou_paths: &BTreeSet<String>) {
    super::check_accounts::check(ctx.layout, ctx.sources, ctx.problems);
    let mut seen: HashMap<String, String> = HashMap::new();
    for account in &ctx.layout.file.accounts {
        let account = account.get_ref();
        let id = account.key();
        if let Some(pinned) = &account.id
            && !is_account_id(pinned.get_ref())
        {
            ctx.problems.error(
                "invalid-value",
                ctx.at(pinned.span()),
                format!("account id `{id}` is not a 12-digit account id"),
                "write the id as a quoted string of 12 digits; TOML drops leading zeros from bare numbers",
            );
        }
        let ou = account.ou.get_ref();
        if let Some(pinned) = &account.id
            && let Some(first) = seen.insert(id.clone(), ou.clone())
        {
            ctx.problems.error(
                "duplicate-account",
                ctx.at(pinned.span()),
                format!(
                    "account {id} is declared twice (in `{}` and `{}`)",
                    display_ou(&first),
                    display_ou(ou)
                ),
                "an account sits in exactly one place; remove one of the [[account]] entries",
            );
        }
        let name = account.name.get_ref();
        if name.trim().is_empty() || name.chars().count() > 50 {
            ctx.problems.error(
                "invalid-value",
                ctx.at(account.name.span()),
                format!("account name `{name}` must have 1 to 50 characters"),
                "use the account's name as AWS shows it",
            );
        }
        if let Some(email) = &account.email {
            let text = email.get_ref();
            if !text.contains('@') || text.starts_with('@') || text.ends_with('@') {
                ctx.problems.error(
                    "invalid-value",
                    ctx.at(email.span()),
                    format!("`{text}` is not an email address"),
                    "use the account's root email address, or remove the key",
                );
            }
        }
        if ou != "/" && !ou_paths.contains(ou) {
            let help = match crate::suggest::closest(ou, ou_paths.iter().map(String::as_str)) {
                Some(best) => {
                    format!("did you mean `{best}`? (use \"/\" for directly under the root)")
                }
                None => "declare the OU with [[ou]], or use \"/\" for directly under the root"
                    .to_string(),
            };
            ctx.problems.error(
                "unknown-ou",
                ctx.at(account.ou.span()),
                format!("account {id} is placed in OU `{ou}`, which is not declared"),
                help,
            );
        }
        let target = format!("account {id}");
        check_list_or_default(ctx, PolicyKind::Scp, &account.scps, account.span(), &target);
        check_list_or_default(ctx, PolicyKind::Rcp, &account.rcps, account.span(), &target);
    }
}

/// Every declared alternate contact: all fields set (AWS requires them)
/// and an email address that looks like one.
fn check_contacts(ctx: &mut Ctx) {
    let file = &ctx.layout.file;
    let sections = std::iter::once(("[contacts]".to_string(), &file.contacts)).chain(
        file.accounts.iter().map(|a| {
            let a = a.get_ref();
            (format!("account {}", a.key()), &a.contacts)
        }),
    );
    let mut found = Vec::new();
    for (place, section) in sections {
        for (kind, contact) in section.declared() {
            for (field, value) in [
                ("name", &contact.name),
                ("title", &contact.title),
                ("email", &contact.email),
                ("phone", &contact.phone),
            ] {
                if value.get_ref().trim().is_empty() {
                    found.push((
                        value.span(),
                        format!("the {kind} contact of {place} has an empty `{field}`"),
                        "AWS requires a name, title, email and phone for every alternate contact; fill it in",
                    ));
                }
            }
            let email = contact.email.get_ref();
            if !email.trim().is_empty() && !super::check_accounts::looks_like_email(email) {
                found.push((
                    contact.email.span(),
                    format!("the {kind} contact of {place} has email `{email}`, which is not an email address"),
                    "write an address such as security@example.com that reaches the team",
                ));
            }
        }
    }
    for (span, message, help) in found {
        ctx.problems
            .error("invalid-value", ctx.at(span), message, help);
    }
}

fn display_ou(path: &str) -> &str {
    if path == "/" { "the root" } else { path }
}

/// What validate calls the problems of each policy kind.
struct Codes {
    limit: &'static str,
    duplicate: &'static str,
    unknown: &'static str,
    managed: &'static str,
    grammar: &'static str,
    size: &'static str,
    unattached: &'static str,
}

fn codes(kind: PolicyKind) -> Codes {
    match kind {
        PolicyKind::Scp => Codes {
            limit: "scp-limit",
            duplicate: "duplicate-scp",
            unknown: "unknown-scp",
            managed: "managed-scp",
            grammar: "scp-grammar",
            size: "scp-size",
            unattached: "unattached-scp",
        },
        PolicyKind::Rcp => Codes {
            limit: "rcp-limit",
            duplicate: "duplicate-rcp",
            unknown: "unknown-rcp",
            managed: "managed-rcp",
            grammar: "rcp-grammar",
            size: "rcp-size",
            unattached: "unattached-rcp",
        },
    }
}

/// The layout's settings list of default policies of `kind`.
fn defaults(ctx: &Ctx, kind: PolicyKind) -> Vec<Spanned<String>> {
    let settings = &ctx.layout.file.settings;
    match kind {
        PolicyKind::Scp => settings.default_scps.get_ref().clone(),
        PolicyKind::Rcp => settings.default_rcps.get_ref().clone(),
    }
}

/// A target's list of `kind`, or the default list when the key is absent.
fn check_list_or_default(
    ctx: &mut Ctx,
    kind: PolicyKind,
    list: &Option<Spanned<Vec<Spanned<String>>>>,
    target_span: Range<usize>,
    target: &str,
) {
    match list {
        Some(list) => check_list(ctx, kind, list, target, true),
        None => {
            let defaults = defaults(ctx, kind);
            if defaults.is_empty() && kind.full_access_detachable() {
                ctx.problems.error(
                    "no-scp",
                    ctx.at(target_span),
                    format!("{target} has no {kind}"),
                    format!("every root, OU and account must keep at least one {kind} attached; add {} = [\"{}\"]", kind.layout_key(), kind.full_access()),
                );
            }
            for name in defaults {
                *ctx.attached
                    .entry((kind, name.get_ref().clone()))
                    .or_default() += 1;
            }
        }
    }
}

/// One target's list of policies of `kind` (or a default list): at least
/// one where AWS requires it, within the per-target quota (which counts a
/// pass-through policy AWS keeps attached), no repeats, only defined names.
fn check_list(
    ctx: &mut Ctx,
    kind: PolicyKind,
    list: &Spanned<Vec<Spanned<String>>>,
    target: &str,
    is_target: bool,
) {
    let codes = codes(kind);
    let full = kind.full_access();
    let limits = *ctx.layout.file.settings.limits.get_ref();
    let names = list.get_ref();
    if is_target && let Some(breach) = check_not_empty(kind, target, names.len(), When::Now) {
        ctx.problems
            .error("no-scp", ctx.at(list.span()), breach.message, breach.help);
    }
    let attached = if kind.full_access_detachable() {
        names.len()
    } else {
        // Attached everywhere by AWS, listed or not.
        names.iter().filter(|n| n.get_ref() != full).count() + 1
    };
    if is_target
        && let Some(breach) =
            limits.check_attached(kind, || target.to_string(), attached, When::Now)
    {
        ctx.problems.error(
            codes.limit,
            ctx.at(list.span()),
            breach.message,
            breach.help,
        );
    }
    let mut seen = BTreeSet::new();
    for name in names {
        let text = name.get_ref();
        if !seen.insert(text.clone()) {
            ctx.problems.error(
                codes.duplicate,
                ctx.at(name.span()),
                format!("`{text}` is listed twice for {target}"),
                "remove the repeated name",
            );
        }
        let defined = ctx.layout.policies_of(kind);
        if text != full
            && !defined.contains_key(text)
            && !ctx.layout.unparsed_policies.contains(text)
        {
            let candidates: Vec<&str> = defined.keys().map(String::as_str).chain([full]).collect();
            let other = PolicyKind::ALL
                .into_iter()
                .find(|k| *k != kind && ctx.layout.policies_of(*k).contains_key(text));
            let help = match (
                crate::suggest::closest(text, candidates.iter().copied()),
                other,
            ) {
                (Some(best), _) => format!("did you mean `{best}`?"),
                (None, Some(other)) => format!(
                    "`{text}` is an {other} ({}/{text}.json); list it under {}, or move the file to {}/",
                    other.folder(),
                    other.layout_key(),
                    kind.folder()
                ),
                (None, None) => format!("add {}/{text}.json, or remove the name", kind.folder()),
            };
            ctx.problems.error(
                codes.unknown,
                ctx.at(name.span()),
                format!("{kind} `{text}` is attached to {target} but not defined"),
                help,
            );
        }
        if is_target {
            *ctx.attached.entry((kind, text.clone())).or_default() += 1;
        }
    }
}

/// `[policies.NAME]`: each describes a policy file that exists.
fn check_descriptions(ctx: &mut Ctx) {
    for (name, section) in &ctx.layout.file.policies {
        let text = name.get_ref();
        let defined = PolicyKind::ALL
            .into_iter()
            .any(|k| ctx.layout.policies_of(k).contains_key(text) || text == k.full_access());
        if !defined && !ctx.layout.unparsed_policies.contains(text) {
            ctx.problems.error(
                "unknown-scp",
                ctx.at(name.span()),
                format!("[policies.{text}] describes a policy that has no file"),
                format!("add policies/{text}.json (an SCP) or policies/rcp/{text}.json (an RCP), or remove the section"),
            );
        }
        if let Some(aws_name) = &section.name {
            let other = ctx
                .layout
                .file
                .policies
                .iter()
                .filter(|(key, _)| key.get_ref() != text)
                .find(|(key, s)| {
                    key.get_ref() == aws_name.get_ref()
                        || s.name.as_ref().map(|n| n.get_ref()) == Some(aws_name.get_ref())
                });
            if aws_name.get_ref().is_empty() || aws_name.get_ref().chars().count() > 128 {
                ctx.problems.error(
                    "invalid-value",
                    ctx.at(aws_name.span()),
                    "a policy name must have 1 to 128 characters",
                    "shorten the name, or remove `name` to use the file name",
                );
            } else if let Some((key, _)) = other {
                ctx.problems.error(
                    "duplicate-name",
                    ctx.at(aws_name.span()),
                    format!(
                        "[policies.{text}] and [policies.{}] are both named `{}` in AWS",
                        key.get_ref(),
                        aws_name.get_ref()
                    ),
                    "policy names are unique in an organization; rename one",
                );
            } else if let Some(kind) = PolicyKind::ALL.into_iter().find(|k| {
                aws_name.get_ref() != text
                    && ctx.layout.policies_of(*k).contains_key(aws_name.get_ref())
            }) {
                ctx.problems.error(
                    "duplicate-name",
                    ctx.at(aws_name.span()),
                    format!(
                        "[policies.{text}] is named `{}` in AWS, the name of {}/{}.json",
                        aws_name.get_ref(),
                        kind.folder(),
                        aws_name.get_ref()
                    ),
                    "policy names are unique in an organization; rename one",
                );
            }
        }
        if let Some(d) = &section.description
            && d.get_ref().chars().count() > 512
        {
            ctx.problems.error(
                "invalid-value",
                ctx.at(d.span()),
                "the description is longer than 512 characters",
                "AWS limits policy descriptions to 512 characters; shorten it",
            );
        }
    }
}

/// The policy files of `kind`: grammar, size, names, and where they are used.
fn check_policies(ctx: &mut Ctx, kind: PolicyKind) {
    let codes = codes(kind);
    let full = kind.full_access();
    let limits = *ctx.layout.file.settings.limits.get_ref();
    let rcp_services = ctx.layout.rcp_services();
    if kind == PolicyKind::Scp {
        check_descriptions(ctx);
    }
    let policies: Vec<_> = ctx.layout.policies_of(kind).values().collect();
    for policy in policies {
        let file = policy.file.as_str();
        if policy.name == full {
            ctx.problems.error(
                codes.managed,
                Some(ctx.sources.locate(file, 0..0)),
                format!("{full} is managed by AWS and cannot be defined"),
                format!("delete the file; refer to {full} by name"),
            );
            continue;
        }
        if policy.name.is_empty() || policy.name.chars().count() > 128 {
            ctx.problems.error(
                "invalid-value",
                Some(ctx.sources.locate(file, 0..0)),
                format!("an {kind} name (the file name) must have 1 to 128 characters"),
                "rename the file",
            );
        }
        if kind != PolicyKind::Scp && ctx.layout.policies.contains_key(&policy.name) {
            ctx.problems.error(
                "duplicate-name",
                Some(ctx.sources.locate(file, 0..0)),
                format!(
                    "`{}` is both an SCP and an {kind}; policy names are unique in an organization",
                    policy.name
                ),
                "rename one of the files",
            );
        }
        for issue in grammar::check(&policy.document, kind, &rcp_services) {
            ctx.problems.push(
                issue.severity,
                codes.grammar,
                Some(ctx.sources.locate(file, issue.span)),
                issue.message,
                issue.help,
            );
        }
        if let Some(breach) = limits.check_size(kind, &policy.name, policy.content.chars().count())
        {
            ctx.problems.error(
                codes.size,
                Some(ctx.sources.locate(file, policy.document.span.clone())),
                breach.message,
                breach.help,
            );
        }
        if !ctx.attached.contains_key(&(kind, policy.name.clone())) {
            ctx.problems.warning(
                codes.unattached,
                Some(ctx.sources.locate(file, 0..0)),
                format!("{kind} `{}` is not attached anywhere", policy.name),
                format!(
                    "attach it with {} = [...] on the root, an OU or an account, or delete the file",
                    kind.layout_key()
                ),
            );
        }
    }
}

fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.chars().all(|c| c.is_ascii_digit())
}

fn is_ou_id(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("ou-") else {
        return false;
    };
    let Some((root, ou)) = rest.split_once('-') else {
        return false;
    };
    let ok = |s: &str, min: usize| {
        (min..=32).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    ok(root, 4) && ok(ou, 8)
}

fn looks_like_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_regions() {
        assert!(is_account_id("012345678901"));
        assert!(!is_account_id("12345678901"));
        assert!(is_ou_id("ou-ab12-cd34ef56"));
        assert!(!is_ou_id("ou-ab12"));
        assert!(looks_like_region("us-gov-west-1"));
        assert!(!looks_like_region("eu-west"));
    }
}
