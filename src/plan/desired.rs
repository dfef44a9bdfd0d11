//! The layout reduced to what planning compares: plain values without spans,
//! with `settings.default_scps` applied where a target lists no `scps`.

use std::collections::BTreeMap;

use toml::Spanned;

use crate::layout::Layout;
use crate::layout::schema::Unmanaged;

pub use crate::policy::limits::Limits;

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
        Desired {
            management_account_id: org.management_account_id.get_ref().clone(),
            organization_id: org.id.as_ref().map(|i| i.get_ref().clone()),
            unmanaged: settings.unmanaged,
            limits: settings.limits.resolved(),
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
