//! The saved plan (`orgguard plan -o plan.json`): the changes plus what they
//! were computed from, so `apply` can refuse a plan whose live state or
//! layout changed since it was reviewed.

use miette::Diagnostic;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::change::Change;
use super::model::{Plan, UnmanagedObject};
use crate::error::Error;
use crate::layout::{LAYOUT_FILE, Layout};
use crate::model::Snapshot;

/// The saved-plan format this build writes and reads.
pub const SAVED_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPlan {
    pub format_version: u32,
    pub orgguard_version: String,
    pub organization_id: String,
    /// sha256 of the parts of the live state the plan depends on.
    pub live_fingerprint: String,
    /// sha256 of ou-layout.toml and the policy files.
    pub layout_digest: String,
    pub changes: Vec<Change>,
    #[serde(default)]
    pub unmanaged: Vec<UnmanagedObject>,
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl SavedPlan {
    pub fn new(plan: &Plan, layout: &Layout, live: &Snapshot) -> Self {
        SavedPlan {
            format_version: SAVED_FORMAT_VERSION,
            orgguard_version: env!("CARGO_PKG_VERSION").to_string(),
            organization_id: plan.organization_id.clone(),
            live_fingerprint: live_fingerprint(live),
            layout_digest: layout_digest(layout),
            changes: plan.changes.clone(),
            unmanaged: plan.unmanaged.clone(),
            warnings: plan.warnings.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a saved plan; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Self, Error> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::invalid(
                format!("{file} is not a saved plan: {e}"),
                "write one with `orgguard plan -o FILE`",
            )
        })?;
        let version = value
            .get("format_version")
            .and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(SAVED_FORMAT_VERSION)) {
            return Err(Error::invalid(
                format!(
                    "{file} has saved-plan format {}, this orgguard reads {SAVED_FORMAT_VERSION}",
                    version.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
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
    let live_changed = saved.live_fingerprint != live_fingerprint(live);
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
    organization: (&'a str, &'a str),
    roots: Vec<&'a str>,
    ous: Vec<(
        &'a str,
        &'a str,
        &'a str,
        &'a std::collections::BTreeMap<String, String>,
    )>,
    accounts: Vec<(
        &'a str,
        &'a str,
        &'a std::collections::BTreeMap<String, String>,
    )>,
    policies: Vec<(&'a str, &'a str, &'a str, &'a str, Vec<&'a str>)>,
}

/// sha256 (hex) of the live organization's tree, accounts' parents and
/// tags, and SCPs' content, description and targets.
pub fn live_fingerprint(live: &Snapshot) -> String {
    let mut f = Fingerprinted {
        organization: (
            &live.organization.id,
            &live.organization.management_account_id,
        ),
        roots: live.roots.iter().map(|r| r.id.as_str()).collect(),
        ous: live
            .organizational_units
            .iter()
            .map(|o| {
                (
                    o.id.as_str(),
                    o.name.as_str(),
                    o.parent_id.as_str(),
                    &o.tags,
                )
            })
            .collect(),
        accounts: live
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), a.parent_id.as_str(), &a.tags))
            .collect(),
        policies: live
            .policies
            .iter()
            .map(|p| {
                let mut targets: Vec<&str> = p.targets.iter().map(String::as_str).collect();
                targets.sort_unstable();
                (
                    p.id.as_str(),
                    p.name.as_str(),
                    p.description.as_str(),
                    p.content.as_str(),
                    targets,
                )
            })
            .collect(),
    };
    f.roots.sort_unstable();
    f.ous.sort_unstable_by_key(|o| o.0);
    f.accounts.sort_unstable_by_key(|a| a.0);
    f.policies.sort_unstable_by_key(|p| p.0);
    let text = serde_json::to_string(&f).unwrap_or_default();
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// sha256 (hex) over ou-layout.toml and every policy file, as read from the
/// layout's directory now. A file that cannot be read changes the digest,
/// so a plan is never taken as fresh by mistake.
pub fn layout_digest(layout: &Layout) -> String {
    let mut hasher = Sha256::new();
    let files = std::iter::once(LAYOUT_FILE.to_string())
        .chain(layout.policies.values().map(|p| p.file.clone()));
    for file in files {
        let text =
            std::fs::read(layout.dir.join(&file)).unwrap_or_else(|_| b"\0unreadable".to_vec());
        // Lengths keep file boundaries unambiguous.
        hasher.update(file.as_bytes());
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(&text);
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read_snapshot;
    use std::path::Path;

    fn example() -> (tempfile::TempDir, Snapshot) {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(repo.join(LAYOUT_FILE), dir.path().join(LAYOUT_FILE)).expect("copy");
        std::fs::create_dir(dir.path().join("policies")).expect("mkdir");
        for entry in std::fs::read_dir(repo.join("policies")).expect("policies") {
            let path = entry.expect("entry").path();
            std::fs::copy(
                &path,
                dir.path()
                    .join("policies")
                    .join(path.file_name().expect("name")),
            )
            .expect("copy");
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
            .replace("\"format_version\": 1", "\"format_version\": 9");
        let error = SavedPlan::parse(&text, "plan.json")
            .expect_err("refused")
            .to_string();
        assert_eq!(
            error,
            "plan.json has saved-plan format 9, this orgguard reads 1"
        );
    }
}
