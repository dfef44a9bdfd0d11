//! The layout reduced to what planning compares: plain values without spans,
//! with `settings.default_scps` applied where a target lists no `scps`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::layout::Layout;
use crate::layout::schema::Unmanaged;

/// AWS quotas the plan is checked against (`settings.limits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub scps_per_target: usize,
    pub scp_max_chars: usize,
    pub ou_max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        use crate::layout::schema::{
            DEFAULT_OU_MAX_DEPTH, DEFAULT_SCP_MAX_CHARS, DEFAULT_SCPS_PER_TARGET,
        };
        Limits {
            scps_per_target: DEFAULT_SCPS_PER_TARGET,
            scp_max_chars: DEFAULT_SCP_MAX_CHARS,
            ou_max_depth: DEFAULT_OU_MAX_DEPTH,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredOu {
    pub path: String,
    pub id: Option<String>,
    pub scps: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredAccount {
    pub id: String,
    pub name: String,
    /// An OU path, or "/" for directly under the root.
    pub ou: String,
    pub scps: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredPolicy {
    pub description: String,
    /// The exact text sent to AWS.
    pub content: String,
}

/// The organization as the layout describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desired {
    pub management_account_id: String,
    pub organization_id: Option<String>,
    pub unmanaged: Unmanaged,
    pub limits: Limits,
    pub root_scps: Vec<String>,
    pub ous: Vec<DesiredOu>,
    pub accounts: Vec<DesiredAccount>,
    pub policies: BTreeMap<String, DesiredPolicy>,
}

type ScpList = Option<Spanned<Vec<Spanned<String>>>>;

impl Desired {
    pub fn from_layout(layout: &Layout) -> Self {
        let file = &layout.file;
        let settings = &file.settings;
        let defaults: Vec<String> = settings
            .default_scps
            .get_ref()
            .iter()
            .map(|s| s.get_ref().clone())
            .collect();
        let scps = |list: &ScpList| match list {
            Some(list) => list.get_ref().iter().map(|s| s.get_ref().clone()).collect(),
            None => defaults.clone(),
        };
        let org = file.organization.get_ref();
        let ous = file
            .ous
            .iter()
            .map(|ou| {
                let ou = ou.get_ref();
                DesiredOu {
                    path: ou.path.get_ref().clone(),
                    id: ou.id.as_ref().map(|i| i.get_ref().clone()),
                    scps: scps(&ou.scps),
                    tags: ou.tags.clone(),
                }
            })
            .collect();
        let accounts = file
            .accounts
            .iter()
            .map(|a| {
                let a = a.get_ref();
                DesiredAccount {
                    id: a.id.get_ref().clone(),
                    name: a.name.get_ref().clone(),
                    ou: a.ou.get_ref().clone(),
                    scps: scps(&a.scps),
                    tags: a.tags.clone(),
                }
            })
            .collect();
        let policies = layout
            .policies
            .values()
            .map(|p| {
                let description = file
                    .policies
                    .iter()
                    .find(|(name, _)| name.get_ref() == &p.name)
                    .and_then(|(_, section)| section.description.as_ref())
                    .map(|d| d.get_ref().clone())
                    .unwrap_or_default();
                (
                    p.name.clone(),
                    DesiredPolicy {
                        description,
                        content: p.content.clone(),
                    },
                )
            })
            .collect();
        let limits = &settings.limits;
        Desired {
            management_account_id: org.management_account_id.get_ref().clone(),
            organization_id: org.id.as_ref().map(|i| i.get_ref().clone()),
            unmanaged: settings.unmanaged,
            limits: Limits {
                scps_per_target: *limits.scps_per_target.get_ref(),
                scp_max_chars: *limits.scp_max_chars.get_ref(),
                ou_max_depth: *limits.ou_max_depth.get_ref(),
            },
            root_scps: file
                .root
                .as_ref()
                .map(|r| scps(&r.get_ref().scps))
                .unwrap_or_else(|| defaults.clone()),
            ous,
            accounts,
            policies,
        }
    }
}
