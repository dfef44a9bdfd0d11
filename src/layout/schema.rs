//! The `ou-layout.toml` file as written, with the position of every value
//! that a problem may need to point at. docs/layout.md describes it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::model::FULL_AWS_ACCESS;
use crate::policy::kinds::PolicyKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    pub organization: Spanned<OrganizationSection>,
    #[serde(default)]
    pub settings: SettingsSection,
    #[serde(default)]
    pub vars: BTreeMap<Spanned<String>, Spanned<VarValue>>,
    #[serde(default)]
    pub root: Option<Spanned<RootSection>>,
    #[serde(default, rename = "ou")]
    pub ous: Vec<Spanned<OuSection>>,
    #[serde(default, rename = "account")]
    pub accounts: Vec<Spanned<AccountSection>>,
    #[serde(default)]
    pub policies: BTreeMap<Spanned<String>, PolicySection>,
    /// Permission sets and action groups for policies/access.cedar.
    #[serde(default)]
    pub access: Option<crate::access::declared::AccessSection>,
    /// Lint settings: severity overrides, waivers, required guardrails.
    #[serde(default)]
    pub lint: crate::lint::config::LintSection,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationSection {
    pub management_account_id: Spanned<String>,
    #[serde(default)]
    pub id: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SettingsSection {
    pub member_role_name: Spanned<String>,
    pub regions: Spanned<Vec<String>>,
    pub unmanaged: Unmanaged,
    pub default_scps: Spanned<Vec<Spanned<String>>>,
    /// RCPs of every OU and account that lists no `rcps`, besides
    /// RCPFullAWSAccess, which AWS keeps attached everywhere.
    pub default_rcps: Spanned<Vec<Spanned<String>>>,
    pub limits: Limits,
    /// The region of the organization's IAM Identity Center instance.
    pub identity_center_region: Option<Spanned<String>>,
}

impl Default for SettingsSection {
    fn default() -> Self {
        SettingsSection {
            member_role_name: Spanned::new(0..0, "OrganizationAccountAccessRole".to_string()),
            regions: Spanned::new(0..0, vec!["us-east-1".to_string()]),
            unmanaged: Unmanaged::Keep,
            default_scps: Spanned::new(0..0, vec![Spanned::new(0..0, FULL_AWS_ACCESS.to_string())]),
            default_rcps: Spanned::new(
                0..0,
                vec![Spanned::new(
                    0..0,
                    PolicyKind::Rcp.full_access().to_string(),
                )],
            ),
            limits: Limits::default(),
            identity_center_region: None,
        }
    }
}

/// What to do with live OUs and SCPs the layout does not mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Unmanaged {
    #[default]
    Keep,
    Delete,
}

/// AWS quotas. Settings rather than constants, because AWS raises them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    pub scps_per_target: Spanned<usize>,
    pub scp_max_chars: Spanned<usize>,
    pub rcps_per_target: Spanned<usize>,
    pub rcp_max_chars: Spanned<usize>,
    pub ou_max_depth: Spanned<usize>,
}

pub use crate::policy::limits::{
    DEFAULT_OU_MAX_DEPTH, DEFAULT_RCP_MAX_CHARS, DEFAULT_RCPS_PER_TARGET, DEFAULT_SCP_MAX_CHARS,
    DEFAULT_SCPS_PER_TARGET,
};

impl Limits {
    /// The quotas without their positions, as every check takes them.
    pub fn resolved(&self) -> crate::policy::limits::Limits {
        crate::policy::limits::Limits {
            scps_per_target: *self.scps_per_target.get_ref(),
            scp_max_chars: *self.scp_max_chars.get_ref(),
            rcps_per_target: *self.rcps_per_target.get_ref(),
            rcp_max_chars: *self.rcp_max_chars.get_ref(),
            ou_max_depth: *self.ou_max_depth.get_ref(),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            scps_per_target: Spanned::new(0..0, DEFAULT_SCPS_PER_TARGET),
            scp_max_chars: Spanned::new(0..0, DEFAULT_SCP_MAX_CHARS),
            rcps_per_target: Spanned::new(0..0, DEFAULT_RCPS_PER_TARGET),
            rcp_max_chars: Spanned::new(0..0, DEFAULT_RCP_MAX_CHARS),
            ou_max_depth: Spanned::new(0..0, DEFAULT_OU_MAX_DEPTH),
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum VarValue {
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootSection {
    #[serde(default)]
    pub scps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub rcps: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OuSection {
    pub path: Spanned<String>,
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub scps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub rcps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountSection {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    pub ou: Spanned<String>,
    #[serde(default)]
    pub scps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub rcps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySection {
    #[serde(default)]
    pub description: Option<Spanned<String>>,
}
