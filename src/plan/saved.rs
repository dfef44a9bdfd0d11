//! The saved plan (`orgguard plan -o plan.json`): the changes plus what they
//! were computed from, so `apply` can refuse a plan whose live state or
//! layout changed since it was reviewed.

use std::collections::BTreeMap;

use miette::Diagnostic;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::change::Change;
use super::model::{Plan, UnmanagedObject};
use crate::error::Error;
use crate::layout::{LAYOUT_FILE, Layout};
use crate::org::Snapshot;

/// The saved-plan format this build writes. Version 2 added
/// `changes_digest`; version 1 files are still read (and re-derived like
/// any other before they run).
pub const SAVED_FORMAT_VERSION: u32 = 2;
const READABLE_FORMAT_VERSIONS: [u32; 2] = [1, 2];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPlan {
    pub format_version: u32,
    pub orgguard_version: String,
    pub organization_id: String,
    /// sha256 of the parts of the live state the plan depends on.
    pub live_fingerprint: String,
    /// sha256 of ou-layout.toml and the policy files.
    pub layout_digest: String,
    /// sha256 of the changes as written, so a file damaged or edited after
    /// it was written is named as such rather than as stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes_digest: Option<String>,
    pub changes: Vec<Change>,
    #[serde(default)]
    pub unmanaged: Vec<UnmanagedObject>,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// `plan --max-account-closures`, so `apply` derives the plan that was
    /// reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_account_closures: Option<usize>,
}

impl SavedPlan {
    pub fn new(plan: &Plan, layout: &Layout, live: &Snapshot) -> Self {
        SavedPlan {
            format_version: SAVED_FORMAT_VERSION,
            orgguard_version: env!("CARGO_PKG_VERSION").to_string(),
            organization_id: plan.organization_id.clone(),
            live_fingerprint: live_fingerprint(live, Manages::of(layout)),
            layout_digest: layout_digest(layout),
            changes_digest: Some(changes_digest(&plan.changes)),
            changes: plan.changes.clone(),
            unmanaged: plan.unmanaged.clone(),
            warnings: plan.warnings.clone(),
            max_account_closures: None,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a saved plan; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, Error> {
        crate::nesting::check(text, crate::nesting::Syntax::Json)
            .map_err(|deep| deep.into_error(file, text))?;
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::invalid(
                format!("{file} is not a saved plan: {e}"),
                "write one with `orgguard plan -o FILE`",
            )
        })?;
        let version = value
            .get("format_version")
            .and_then(serde_json::Value::as_u64);
        if !version.is_some_and(|v| READABLE_FORMAT_VERSIONS.iter().any(|r| u64::from(*r) == v)) {
            return Err(Error::invalid(
                format!(
                    "{file} has saved-plan format {}, this orgguard reads formats {}",
                    version.map(|v| v.to_string()).unwrap_or_else(|| "?".into()),
                    READABLE_FORMAT_VERSIONS
                        .map(|v| v.to_string())
                        .join(" and ")
                ),
                "plan again with this version of orgguard",
            ));
        }
        serde_json::from_value(value).map_err(|e| {
            Error::invalid(
                format!("{file} is not a valid saved plan: {e}"),
                "write one with `orgguard plan -o FILE`",
            )
        })
    }

    /// The plan as the renderers take it.
    pub fn plan(&self) -> Plan {
        Plan {
            organization_id: self.organization_id.clone(),
            changes: self.changes.clone(),
            unmanaged: self.unmanaged.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// Why a saved plan that is not stale still may not run.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum Refused {
    #[error(
        "{file} is corrupted or was edited: its changes do not match the digest written with them"
    )]
    #[diagnostic(
        code(orgguard::plan::corrupted),
        help(
            "apply only the plan file that was reviewed; run `orgguard plan -o FILE` again if it is lost"
        )
    )]
    Corrupted { file: String },
    #[error(
        "{file} is not the plan orgguard derives from this layout and the live organization: {difference}"
    )]
    #[diagnostic(
        code(orgguard::plan::not_as_derived),
        help(
            "a saved plan runs only as `orgguard plan` wrote it; run `orgguard plan -o FILE` again, review it, and apply that file"
        )
    )]
    NotAsDerived { file: String, difference: String },
}

/// Checks that a fresh saved plan's changes are exactly the ones `derived`
/// (planned now from the same layout and live organization) holds.
pub fn check_as_derived(saved: &SavedPlan, file: &str, derived: &[Change]) -> Result<(), Refused> {
    if let Some(digest) = &saved.changes_digest
        && *digest != changes_digest(&saved.changes)
    {
        return Err(Refused::Corrupted {
            file: file.to_string(),
        });
    }
    let difference = first_difference(&saved.changes, derived);
    match difference {
        None => Ok(()),
        Some(difference) => Err(Refused::NotAsDerived {
            file: file.to_string(),
            difference,
        }),
    }
}

fn first_difference(saved: &[Change], derived: &[Change]) -> Option<String> {
    let index = (0..saved.len().max(derived.len())).find(|&i| saved.get(i) != derived.get(i))?;
    let step = index + 1;
    Some(match (saved.get(index), derived.get(index)) {
        (Some(s), Some(d)) if derived.contains(s) && saved.contains(d) => format!(
            "step {step} is `{}` in the file but `{}` as derived (the order differs)",
            s.summary(),
            d.summary()
        ),
        (Some(s), Some(d)) if !derived.contains(s) => format!(
            "step {step}, `{}`, is not a change orgguard plans (as derived, step {step} is `{}`)",
            s.summary(),
            d.summary()
        ),
        (Some(s), Some(d)) => format!(
            "step {step} is `{}` in the file, but as derived it is `{}`, which the file leaves out",
            s.summary(),
            d.summary()
        ),
        (Some(s), None) => format!(
            "step {step}, `{}`, is not a change orgguard plans",
            s.summary()
        ),
        (None, Some(d)) => format!(
            "the file ends after {} changes; as derived, step {step} is `{}`",
            saved.len(),
            d.summary()
        ),
        (None, None) => return None,
    })
}

/// sha256 (hex) of the changes as serialized.
pub fn changes_digest(changes: &[Change]) -> String {
    let text = serde_json::to_string(changes).unwrap_or_default();
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Why a saved plan may not be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum Stale {
    #[error("the plan is for organization {saved}, but the live organization is {live}")]
    #[diagnostic(
        code(orgguard::plan::stale),
        help("check the AWS credentials or --profile in use")
    )]
    OtherOrganization { saved: String, live: String },
    #[error("the plan is stale: the live organization changed since it was planned")]
    #[diagnostic(
        code(orgguard::plan::stale),
        help("run `orgguard plan -o FILE` again, review it, and apply the new plan")
    )]
    Live,
    #[error("the plan is stale: ou-layout.toml or policies/ changed since it was planned")]
    #[diagnostic(
        code(orgguard::plan::stale),
        help(
            "run `orgguard plan -o FILE` again from this checkout, review it, and apply the new plan"
        )
    )]
    Layout,
    #[error(
        "the plan is stale: both the live organization and the layout changed since it was planned"
    )]
    #[diagnostic(
        code(orgguard::plan::stale),
        help("run `orgguard plan -o FILE` again, review it, and apply the new plan")
    )]
    Both,
}

/// Refuses a saved plan whose live state or layout has changed.
pub fn check_fresh(saved: &SavedPlan, layout: &Layout, live: &Snapshot) -> Result<(), Stale> {
    if saved.organization_id != live.organization.id {
        return Err(Stale::OtherOrganization {
            saved: saved.organization_id.clone(),
            live: live.organization.id.clone(),
        });
    }
    let live_changed = saved.live_fingerprint != live_fingerprint(live, Manages::of(layout));
    let layout_changed = saved.layout_digest != layout_digest(layout);
    match (live_changed, layout_changed) {
        (false, false) => Ok(()),
        (true, false) => Err(Stale::Live),
        (false, true) => Err(Stale::Layout),
        (true, true) => Err(Stale::Both),
    }
}

/// The live state the plan depends on, in a fixed order: not the capture
/// time, not Identity Center, not member-account resources.
#[derive(Serialize)]
struct Fingerprinted<'a> {
    organization_id: &'a str,
    management_account_id: &'a str,
    roots: Vec<&'a str>,
    ous: Vec<FingerprintedOu<'a>>,
    accounts: Vec<FingerprintedAccount<'a>>,
    policies: Vec<FingerprintedPolicy<'a>>,
    /// Empty (and so left out) while the organization has no RCPs, which
    /// keeps the fingerprints of older plans valid.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rcps: Vec<FingerprintedPolicy<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    enabled_types: Vec<&'a str>,
    /// Read only when the layout manages contacts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contacts: Vec<&'a crate::org::AccountContacts>,
    /// Only when the layout has `[trusted_access]`: the trusted services
    /// and the delegated administrators.
    #[serde(skip_serializing_if = "Option::is_none")]
    trusted_access: Option<FingerprintedTrustedAccess<'a>>,
    /// Only when the layout manages Identity Center: the permission sets,
    /// their provisioning, the assignments and the principals' names.
    #[serde(skip_serializing_if = "Option::is_none")]
    identity_center: Option<FingerprintedIc<'a>>,
}

#[derive(Serialize)]
struct FingerprintedIc<'a> {
    instance_arn: &'a str,
    permission_sets: &'a [crate::org::PermissionSet],
    assignments: &'a [crate::org::Assignment],
    users: Vec<(&'a str, &'a str)>,
    groups: Vec<(&'a str, &'a str)>,
}

#[derive(Serialize)]
struct FingerprintedTrustedAccess<'a> {
    services: Option<&'a [String]>,
    delegated_administrators: Option<&'a [crate::org::DelegatedAdministrator]>,
}

/// The parts of the live organization a layout manages beyond the tree and
/// its policies: only these are read, and only these make a plan stale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Manages {
    pub identity_center: bool,
    pub contacts: bool,
    pub trusted_access: bool,
}

impl Manages {
    pub fn of(layout: &Layout) -> Self {
        Manages {
            identity_center: manages_identity_center(layout),
            contacts: layout.file.declares_contacts(),
            trusted_access: layout.file.declares_trusted_access(),
        }
    }
}

/// Whether the plan depends on Identity Center: the layout declares some of it.
pub fn manages_identity_center(layout: &Layout) -> bool {
    layout
        .file
        .identity_center
        .as_ref()
        .is_some_and(|s| s.declares_resources())
}

#[derive(Serialize)]
struct FingerprintedOu<'a> {
    id: &'a str,
    name: &'a str,
    parent: &'a str,
    tags: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct FingerprintedAccount<'a> {
    id: &'a str,
    parent: &'a str,
    tags: &'a BTreeMap<String, String>,
    /// Left out for active accounts, which keeps older fingerprints valid.
    #[serde(skip_serializing_if = "is_active")]
    status: crate::org::AccountStatus,
}

fn is_active(status: &crate::org::AccountStatus) -> bool {
    *status == crate::org::AccountStatus::Active
}

#[derive(Serialize)]
struct FingerprintedPolicy<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    content: &'a str,
    targets: Vec<&'a str>,
}

fn fingerprinted(policies: &[crate::org::Policy]) -> Vec<FingerprintedPolicy<'_>> {
    policies
        .iter()
        .map(|p| {
            let mut targets: Vec<&str> = p.targets.iter().map(String::as_str).collect();
            targets.sort_unstable();
            FingerprintedPolicy {
                id: &p.id,
                name: &p.name,
                description: &p.description,
                content: &p.content,
                targets,
            }
        })
        .collect()
}

/// sha256 (hex) of the live organization's tree, accounts' parents and
/// tags, and SCPs' content, description and targets; with `identity_center`,
/// of Identity Center's permission sets, assignments and principals too;
/// the alternate contacts, trusted access and delegated administrators
/// only when the layout manages them, so a snapshot that read them does not
/// make a plan without them stale against an apply that does not read them.
pub fn live_fingerprint(live: &Snapshot, manages: Manages) -> String {
    let Manages {
        identity_center,
        contacts,
        trusted_access,
    } = manages;
    let mut f = Fingerprinted {
        organization_id: &live.organization.id,
        management_account_id: &live.organization.management_account_id,
        roots: live.roots.iter().map(|r| r.id.as_str()).collect(),
        ous: live
            .organizational_units
            .iter()
            .map(|o| FingerprintedOu {
                id: &o.id,
                name: &o.name,
                parent: &o.parent_id,
                tags: &o.tags,
            })
            .collect(),
        accounts: live
            .accounts
            .iter()
            .map(|a| FingerprintedAccount {
                id: &a.id,
                parent: &a.parent_id,
                tags: &a.tags,
                status: a.status,
            })
            .collect(),
        policies: fingerprinted(&live.policies),
        rcps: fingerprinted(&live.rcps),
        enabled_types: live
            .roots
            .iter()
            .flat_map(|r| r.policy_types.iter())
            .filter(|t| t.status == "ENABLED" && t.kind != "SERVICE_CONTROL_POLICY")
            .map(|t| t.kind.as_str())
            .collect(),
        identity_center: live
            .identity_center
            .as_ref()
            .filter(|_| identity_center)
            .map(|ic| {
                let mut users: Vec<(&str, &str)> = ic
                    .users
                    .iter()
                    .map(|u| (u.id.as_str(), u.user_name.as_str()))
                    .collect();
                users.sort_unstable();
                let mut groups: Vec<(&str, &str)> = ic
                    .groups
                    .iter()
                    .map(|g| (g.id.as_str(), g.display_name.as_str()))
                    .collect();
                groups.sort_unstable();
                FingerprintedIc {
                    instance_arn: &ic.instance_arn,
                    permission_sets: &ic.permission_sets,
                    assignments: &ic.assignments,
                    users,
                    groups,
                }
            }),
        contacts: live
            .org_settings
            .iter()
            .filter(|_| contacts)
            .flat_map(|s| s.alternate_contacts.iter())
            .collect(),
        trusted_access: trusted_access.then(|| FingerprintedTrustedAccess {
            services: live
                .org_settings
                .as_ref()
                .and_then(|s| s.trusted_services.as_deref()),
            delegated_administrators: live
                .org_settings
                .as_ref()
                .and_then(|s| s.delegated_administrators.as_deref()),
        }),
    };
    f.roots.sort_unstable();
    f.ous.sort_unstable_by_key(|o| o.id);
    f.accounts.sort_unstable_by_key(|a| a.id);
    f.policies.sort_unstable_by_key(|p| p.id);
    f.rcps.sort_unstable_by_key(|p| p.id);
    f.enabled_types.sort_unstable();
    f.contacts.sort_unstable_by_key(|c| c.account_id.as_str());
    let text = serde_json::to_string(&f).unwrap_or_default();
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// sha256 (hex) over ou-layout.toml and every policy file, as read from the
/// layout's directory now. A file that cannot be read changes the digest,
/// so a plan is never taken as fresh by mistake.
pub fn layout_digest(layout: &Layout) -> String {
    let mut hasher = Sha256::new();
    let files = std::iter::once(LAYOUT_FILE.to_string()).chain(
        layout
            .policies
            .values()
            .chain(layout.rcps.values())
            .map(|p| p.file.clone())
            .chain(layout.inline_policies.values().map(|p| p.file.clone())),
    );
    for file in files {
        let text =
            std::fs::read(layout.dir.join(&file)).unwrap_or_else(|_| b"\0unreadable".to_vec());
        // Lengths keep file boundaries unambiguous.
        hasher.update(file.as_bytes());
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(text);
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::read_snapshot;
    use std::path::Path;

    fn example() -> (tempfile::TempDir, Snapshot) {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(repo.join(LAYOUT_FILE), dir.path().join(LAYOUT_FILE)).expect("copy");
        for folder in ["policies", "policies/rcp"] {
            std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
            for entry in std::fs::read_dir(repo.join(folder)).expect("policies") {
                let path = entry.expect("entry").path();
                if path.is_file() {
                    std::fs::copy(
                        &path,
                        dir.path()
                            .join(folder)
                            .join(path.file_name().expect("name")),
                    )
                    .expect("copy");
                }
            }
        }
        let live = read_snapshot(&repo.join("examples/live-org.json")).expect("snapshot");
        (dir, live)
    }

    fn saved(dir: &Path, live: &Snapshot) -> SavedPlan {
        let layout = crate::layout::load(dir)
            .expect("load")
            .layout
            .expect("layout");
        let plan = crate::plan::diff(&layout, live).expect("plan");
        let saved = SavedPlan::new(&plan, &layout, live);
        SavedPlan::parse(&saved.to_json(), "plan.json").expect("round trip")
    }

    fn fresh(dir: &Path, saved: &SavedPlan, live: &Snapshot) -> Result<(), Stale> {
        let layout = crate::layout::load(dir)
            .expect("load")
            .layout
            .expect("layout");
        check_fresh(saved, &layout, live)
    }

    #[test]
    fn a_plan_is_fresh_until_the_live_org_or_the_layout_changes() {
        let (dir, live) = example();
        let plan = saved(dir.path(), &live);
        assert_eq!(plan.orgguard_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(fresh(dir.path(), &plan, &live), Ok(()));

        // Capture time and Identity Center do not affect the plan.
        let mut later = live.clone();
        later.captured_at = "2030-01-01T00:00:00Z".into();
        later.identity_center = None;
        assert_eq!(fresh(dir.path(), &plan, &later), Ok(()));

        let mut moved = live.clone();
        moved.accounts[0].parent_id = "r-ex12".into();
        assert_eq!(fresh(dir.path(), &plan, &moved), Err(Stale::Live));

        let file = dir.path().join("policies/deny-all.json");
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, text.replace("DenyAll", "DenyEverything")).expect("write");
        assert_eq!(fresh(dir.path(), &plan, &live), Err(Stale::Layout));
        assert_eq!(fresh(dir.path(), &plan, &moved), Err(Stale::Both));

        let mut other = live.clone();
        other.organization.id = "o-other0000001".into();
        assert!(matches!(
            fresh(dir.path(), &plan, &other),
            Err(Stale::OtherOrganization { .. })
        ));
    }

    #[test]
    fn another_format_version_is_refused() {
        let (dir, live) = example();
        let text = saved(dir.path(), &live)
            .to_json()
            .replace("\"format_version\": 2", "\"format_version\": 9");
        let error = SavedPlan::parse(&text, "plan.json")
            .expect_err("refused")
            .to_string();
        assert_eq!(
            error,
            "plan.json has saved-plan format 9, this orgguard reads formats 1 and 2"
        );
    }
}
