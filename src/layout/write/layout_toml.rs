//! `ou-layout.toml` from a snapshot: the organization, the OU tree with
//! every OU pinned by id, every account in its OU with its tags, every
//! attachment of every policy kind, and the policies' descriptions, each
//! section with a comment saying what it is.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use super::policy_files::PolicyOut;
use super::toml_text::{comment, inline_table, key, list, string};
use crate::org::{AccountStatus, Snapshot};
use crate::policy::document::Document;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits;
use crate::policy::rcp_services::{RcpServices, is_service_prefix};

/// What the layout holds, counted for the summary `import` prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub ous: usize,
    pub accounts: usize,
    pub scps: usize,
    pub rcps: usize,
    /// Policy attachments of every kind, the AWS-managed ones included.
    pub attachments: usize,
    /// Identity Center permission sets and assignments, as read.
    pub permission_sets: usize,
    pub assignments: usize,
    /// Trusted services and delegated-administrator registrations
    /// declared in `[trusted_access]`, when it was written.
    pub trusted_access: Option<(usize, usize)>,
}

/// An OU as the layout declares it.
pub(super) struct OuOut<'a> {
    pub id: &'a str,
    pub path: String,
    pub tags: &'a BTreeMap<String, String>,
}

/// Every OU with its path, parents before children. An OU whose name
/// cannot be a path segment (it holds `/`, or starts or ends with a space)
/// or whose parent is missing is an error: the layout could not describe
/// it.
pub(super) fn ou_paths(snapshot: &Snapshot) -> Result<Vec<OuOut<'_>>, String> {
    let by_id: HashMap<&str, &crate::org::OrganizationalUnit> = snapshot
        .organizational_units
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let mut out = Vec::new();
    for ou in &snapshot.organizational_units {
        if ou.name.contains('/') || ou.name.trim() != ou.name || ou.name.is_empty() {
            return Err(format!(
                "OU {} is named `{}`, which an OU path cannot hold (no `/`, no leading or trailing space)",
                ou.id, ou.name
            ));
        }
        let mut names = vec![ou.name.as_str()];
        let mut parent = ou.parent_id.as_str();
        while !parent.starts_with("r-") {
            let Some(p) = by_id.get(parent) else {
                return Err(format!(
                    "OU {} ({}) has parent {parent}, which the snapshot does not hold",
                    ou.id, ou.name
                ));
            };
            names.push(p.name.as_str());
            parent = p.parent_id.as_str();
            if names.len() > by_id.len() + 1 {
                return Err(format!("OU {} is in a loop of parents", ou.id));
            }
        }
        names.reverse();
        out.push(OuOut {
            id: &ou.id,
            path: names.join("/"),
            tags: &ou.tags,
        });
    }
    out.sort_by(|a, b| {
        a.path
            .split('/')
            .cmp(b.path.split('/'))
            .then(a.id.cmp(b.id))
    });
    Ok(out)
}

/// Layout names of the policies of each kind attached to each target id,
/// the pass-through policy first.
fn attachments(
    snapshot: &Snapshot,
    policies: &[PolicyOut],
) -> HashMap<(PolicyKind, String), Vec<String>> {
    let mut map: HashMap<(PolicyKind, String), Vec<String>> = HashMap::new();
    for kind in PolicyKind::ALL {
        for p in snapshot.policies_of(kind) {
            if p.name == kind.full_access() {
                for t in &p.targets {
                    map.entry((kind, t.clone()))
                        .or_default()
                        .push(kind.full_access().to_string());
                }
            }
        }
    }
    for p in policies {
        for t in &p.targets {
            map.entry((p.kind, t.clone()))
                .or_default()
                .push(p.key.clone());
        }
    }
    for names in map.values_mut() {
        let full = PolicyKind::ALL.map(|k| k.full_access());
        names.sort_by_key(|n| (!full.contains(&n.as_str()), n.clone()));
        names.dedup();
    }
    map
}

/// The `scps = ...` and `rcps = ...` lines of one target: written only
/// where they differ from the defaults the layout declares (FullAWSAccess
/// alone; no RCP but RCPFullAWSAccess).
fn policy_lines(
    attached: &HashMap<(PolicyKind, String), Vec<String>>,
    target: &str,
    notes: &mut Vec<String>,
    what: &str,
) -> String {
    let mut out = String::new();
    for kind in PolicyKind::ALL {
        let names: Vec<&str> = attached
            .get(&(kind, target.to_string()))
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let written: Vec<&str> = match kind {
            PolicyKind::Scp => {
                if names == [kind.full_access()] {
                    continue;
                }
                if names.is_empty() {
                    notes.push(format!(
                        "{what} has no SCP attached; AWS requires one, so `orgguard validate` reports it"
                    ));
                }
                names
            }
            PolicyKind::Rcp => {
                let custom: Vec<&str> = names
                    .into_iter()
                    .filter(|n| *n != kind.full_access())
                    .collect();
                if custom.is_empty() {
                    continue;
                }
                custom
            }
        };
        let _ = writeln!(out, "{} = {}", kind.layout_key(), list(written));
    }
    out
}

/// Raised quotas the live organization already uses: the defaults would
/// make `validate` refuse what AWS accepted.
fn limits_section(
    attached: &HashMap<(PolicyKind, String), Vec<String>>,
    policies: &[PolicyOut],
    ous: &[OuOut],
) -> String {
    let per_target = |kind: PolicyKind| {
        attached
            .iter()
            .filter(|((k, _), _)| *k == kind)
            .map(|(_, names)| names.len())
            .max()
            .unwrap_or(0)
    };
    let chars = |kind: PolicyKind| {
        policies
            .iter()
            .filter(|p| p.kind == kind)
            .filter_map(|p| serde_json::from_str::<serde_json::Value>(&p.text).ok())
            .map(|v| v.to_string().chars().count())
            .max()
            .unwrap_or(0)
    };
    let depth = ous
        .iter()
        .map(|o| o.path.matches('/').count() + 1)
        .max()
        .unwrap_or(0);
    let mut lines = String::new();
    for (name, used, default) in [
        (
            "scps_per_target",
            per_target(PolicyKind::Scp),
            limits::DEFAULT_SCPS_PER_TARGET,
        ),
        (
            "scp_max_chars",
            chars(PolicyKind::Scp),
            limits::DEFAULT_SCP_MAX_CHARS,
        ),
        (
            "rcps_per_target",
            per_target(PolicyKind::Rcp),
            limits::DEFAULT_RCPS_PER_TARGET,
        ),
        (
            "rcp_max_chars",
            chars(PolicyKind::Rcp),
            limits::DEFAULT_RCP_MAX_CHARS,
        ),
        ("ou_max_depth", depth, limits::DEFAULT_OU_MAX_DEPTH),
    ] {
        if used > default {
            let _ = writeln!(
                lines,
                "{name} = {used}   # the live organization uses {used}; AWS's default quota is {default}"
            );
        }
    }
    if lines.is_empty() {
        return lines;
    }
    format!(
        "\n{}[settings.limits]\n{lines}",
        comment("Quotas above AWS's defaults that this organization already uses.")
    )
}

/// `rcp_services` for the services the live RCPs name that this release
/// does not know RCPs apply to: AWS accepted those policies, so the
/// layout must let `validate` accept them too.
fn rcp_services_line(policies: &[PolicyOut]) -> String {
    let services: BTreeSet<String> = policies
        .iter()
        .filter(|p| p.kind == PolicyKind::Rcp)
        .flat_map(|p| Document::parse(&p.text).statements)
        .flat_map(|s| s.actions)
        .filter_map(|a| Some(a.split_once(':')?.0.to_ascii_lowercase()))
        .filter(|s| is_service_prefix(s) && !RcpServices::ships(s))
        .collect();
    if services.is_empty() {
        return String::new();
    }
    format!(
        "{}rcp_services = {}\n",
        comment(
            "Services the live RCPs name that this orgguard release does not list as\nservices RCPs apply to (data/rcp-services.txt); AWS accepted them."
        ),
        list(services.iter().map(String::as_str))
    )
}

/// The text of `ou-layout.toml`.
pub(super) fn layout_toml(
    snapshot: &Snapshot,
    ous: &[OuOut],
    policies: &[PolicyOut],
    counts: &mut Counts,
    notes: &mut Vec<String>,
) -> String {
    let org = &snapshot.organization;
    let attached = attachments(snapshot, policies);
    counts.attachments = attached.values().map(Vec::len).sum();
    let contacts = super::org_settings::ImportedContacts::of(snapshot);
    let mut t = String::new();
    let mut read = format!("The organization {} as `orgguard import` read it", org.id);
    if !snapshot.captured_at.is_empty() {
        read.push_str(&format!(" at {}", snapshot.captured_at));
    }
    read.push('.');
    if !snapshot.source.is_empty() {
        read.push_str(&format!(
            "\nSource: {}.",
            snapshot.source.trim_end_matches('.')
        ));
    }
    t.push_str(&comment(&format!(
        "{read}\n\
         It describes the organization as it is, so `orgguard plan` reports no changes\n\
         until you edit it; from now on, change the organization by changing this file.\n\
         docs/layout.md describes every key. `orgguard validate` checks the file offline;\n\
         `orgguard schema layout > ou-layout.schema.json` gives editors its schema."
    )));

    t.push('\n');
    t.push_str(&comment(
        "The organization this layout is for: commands that read AWS refuse any other.",
    ));
    t.push_str("[organization]\n");
    let _ = writeln!(
        t,
        "management_account_id = {}",
        string(&org.management_account_id)
    );
    let _ = writeln!(t, "id = {}", string(&org.id));

    t.push('\n');
    t.push_str(&comment(
        "Tool settings; every key has a default (docs/layout.md).",
    ));
    t.push_str("[settings]\n");
    t.push_str(&comment(
        "Live OUs, accounts and policies this file does not mention are kept and listed\nas unmanaged by `plan` (\"delete\" would delete them).",
    ));
    t.push_str("unmanaged = \"keep\"\n");
    t.push_str(&comment(
        "The SCPs of every root, OU and account below that has no `scps` key.",
    ));
    t.push_str("default_scps = [\"FullAWSAccess\"]\n");
    t.push_str(&comment(
        "The role `snapshot --deep` and `lint` assume in member accounts, and the regions\nthey read there.\nmember_role_name = \"OrganizationAccountAccessRole\"\nregions = [\"us-east-1\"]",
    ));
    t.push_str(&rcp_services_line(policies));
    t.push_str(&limits_section(&attached, policies, ous));

    t.push('\n');
    t.push_str(&comment(
        "The root. `scps` lists the SCPs attached to it (files in policies/), `rcps` the\nresource control policies (policies/rcp/) besides RCPFullAWSAccess, which AWS keeps\nattached everywhere. Targets below without the key get the defaults.",
    ));
    t.push_str("[root]\n");
    if let Some(root) = snapshot.roots.first() {
        t.push_str(&policy_lines(&attached, &root.id, notes, "the root"));
    }

    if !ous.is_empty() {
        t.push('\n');
        t.push_str(&comment(
            "Organizational units, parents before children. `id` pins each to its live OU:\nchange `path` and plan renames or moves it instead of creating a new one.",
        ));
    }
    for ou in ous {
        t.push_str("\n[[ou]]\n");
        let _ = writeln!(t, "path = {}", string(&ou.path));
        let _ = writeln!(t, "id = {}", string(ou.id));
        t.push_str(&policy_lines(
            &attached,
            ou.id,
            notes,
            &format!("OU {}", ou.path),
        ));
        if !ou.tags.is_empty() {
            let _ = writeln!(t, "tags = {}", inline_table(ou.tags));
        }
    }

    let paths: HashMap<&str, &str> = ous.iter().map(|o| (o.id, o.path.as_str())).collect();
    let mut accounts: Vec<(&str, &crate::org::Account)> = snapshot
        .accounts
        .iter()
        .map(|a| {
            let ou = if a.parent_id.starts_with("r-") {
                "/"
            } else {
                paths.get(a.parent_id.as_str()).copied().unwrap_or("/")
            };
            (ou, a)
        })
        .collect();
    accounts.sort_by(|a, b| {
        let key = |x: &(&str, &crate::org::Account)| {
            let segments: Vec<String> = x.0.split('/').map(str::to_string).collect();
            (x.0 != "/", segments, x.1.name.clone(), x.1.id.clone())
        };
        key(a).cmp(&key(b))
    });
    if !accounts.is_empty() {
        t.push('\n');
        t.push_str(&comment(
            "Accounts, by OU (`ou = \"/\"` is directly under the root). An account listed\nunder another `ou` is moved there; `tags` are the account's tags, exactly.",
        ));
    }
    for (ou, account) in &accounts {
        if !account.parent_id.starts_with("r-") && !paths.contains_key(account.parent_id.as_str()) {
            notes.push(format!(
                "account {} ({}) is in {}, which the snapshot does not hold: written under the root",
                account.id, account.name, account.parent_id
            ));
        }
        t.push('\n');
        if account.id == org.management_account_id {
            t.push_str(&comment(
                "The management account: SCPs and RCPs do not restrict it.",
            ));
        }
        match account.status {
            AccountStatus::Active => {}
            AccountStatus::Suspended | AccountStatus::PendingClosure => {
                t.push_str(&comment(&format!(
                    "{}: closed accounts stay in the organization for 90 days, then AWS removes them.\n`state = \"closed\"` keeps the layout saying so.",
                    account.status.as_str()
                )))
            }
            AccountStatus::Unknown => {
                t.push_str(&comment("Status unknown to this version of orgguard."))
            }
        }
        t.push_str("[[account]]\n");
        let _ = writeln!(t, "id = {}", string(&account.id));
        let _ = writeln!(t, "name = {}", string(&account.name));
        if !account.email.is_empty() {
            let _ = writeln!(t, "email = {}", string(&account.email));
        }
        let _ = writeln!(t, "ou = {}", string(ou));
        if matches!(
            account.status,
            AccountStatus::Suspended | AccountStatus::PendingClosure
        ) {
            t.push_str("state = \"closed\"\n");
        }
        t.push_str(&policy_lines(
            &attached,
            &account.id,
            notes,
            &format!("account {} ({})", account.id, account.name),
        ));
        if !account.tags.is_empty() {
            let _ = writeln!(t, "tags = {}", inline_table(&account.tags));
        }
        t.push_str(&contacts.account_lines(&account.id));
    }

    let described: Vec<&PolicyOut> = policies
        .iter()
        .filter(|p| !p.description.is_empty() || p.key != p.aws_name)
        .collect();
    if !described.is_empty() {
        t.push('\n');
        t.push_str(&comment(
            "Policies, by file name: each one's document is policies/NAME.json (SCPs) or\npolicies/rcp/NAME.json (RCPs). `description` is the description AWS shows;\n`name` is the policy's name in AWS where it cannot be the file name.",
        ));
    }
    for p in described {
        let _ = writeln!(t, "\n[policies.{}]", key(&p.key));
        if p.key != p.aws_name {
            let _ = writeln!(t, "name = {}", string(&p.aws_name));
        }
        if !p.description.is_empty() {
            let _ = writeln!(t, "description = {}", string(&p.description));
        }
    }

    counts.ous = ous.len();
    counts.accounts = accounts.len();
    counts.scps = policies
        .iter()
        .filter(|p| p.kind == PolicyKind::Scp)
        .count();
    counts.rcps = policies
        .iter()
        .filter(|p| p.kind == PolicyKind::Rcp)
        .count();
    t
}
