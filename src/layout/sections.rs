//! The `[lint]` and `[access]` sections of ou-layout.toml as written. They
//! belong to the layout's schema; `checks::config` and `access::declared`
//! check them and turn them into what their engines take.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// `[lint]` as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintSection {
    /// Rule codes that do not run.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub disable: Vec<Spanned<String>>,
    /// Rule code → severity.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Findings accepted until a date, with the reason.
    #[serde(default, rename = "waiver")]
    #[schemars(with = "Vec<WaiverSection>")]
    pub waivers: Vec<Spanned<WaiverSection>>,
    /// OU path → SCP names that must be in effect there and everywhere
    /// under it.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub required_scps: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
    /// ARN patterns of the role that must survive every Deny.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub break_glass_roles: Vec<Spanned<String>>,
    /// The access-key age IAM005 allows (default 90).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub max_access_key_age_days: Option<Spanned<u32>>,
    /// The days an active key may go unused before IAM005 says so.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub max_access_key_unused_days: Option<Spanned<u32>>,
    /// OU paths (with everything under them) whose accounts are production.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub production_ous: Option<Vec<Spanned<String>>>,
    /// OU paths (with everything under them) whose accounts are sandbox or
    /// SDLC accounts, which production must not trust.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub sandbox_ous: Option<Vec<Spanned<String>>>,
    /// Names of the S3 buckets that hold personal data, whose object-level
    /// access CloudTrail must record.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub personal_data_buckets: Vec<Spanned<String>>,
    /// Ordered severity rules; the first that matches a finding sets its
    /// severity.
    #[serde(default)]
    #[schemars(with = "Vec<SeverityRuleSection>")]
    pub severity_rules: Vec<Spanned<SeverityRuleSection>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeverityRuleSection {
    /// A rule code or name.
    #[schemars(with = "Option<String>")]
    pub rule: Option<Spanned<String>>,
    /// An account id or name, or a pattern (`*`, `?`) over either.
    #[schemars(with = "Option<String>")]
    pub account: Option<Spanned<String>>,
    /// `key=value`: an account tag.
    #[schemars(with = "Option<String>")]
    pub account_tag: Option<Spanned<String>>,
    /// An OU path; accounts in OUs under it match too.
    #[schemars(with = "Option<String>")]
    pub ou: Option<Spanned<String>>,
    /// A pattern (`*`, `?`) over the finding's resource ARN or file.
    #[schemars(with = "Option<String>")]
    pub resource: Option<Spanned<String>>,
    /// The severity to set: critical, high, medium, low or info.
    #[schemars(with = "Option<String>")]
    pub severity: Option<Spanned<String>>,
    /// Levels to move up (toward critical).
    #[schemars(with = "Option<u8>")]
    pub raise: Option<Spanned<u8>>,
    /// Levels to move down (toward info).
    #[schemars(with = "Option<u8>")]
    pub lower: Option<Spanned<u8>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiverSection {
    /// The rule code, such as SCP003.
    #[schemars(with = "String")]
    pub rule: Spanned<String>,
    /// A pattern (`*`, `?`) over the finding's resource ARN or file.
    #[schemars(with = "String")]
    pub resource: Spanned<String>,
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
    /// A TOML date, such as 2027-03-31.
    #[schemars(with = "String")]
    pub expires: Spanned<toml::value::Datetime>,
}

/// `[access]` as written: the permission set names Cedar policies may use
/// as actions, and named groups of them.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessSection {
    /// Permission set names, as in Identity Center.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub permission_sets: Vec<Spanned<String>>,
    /// Action groups: a name and the permission sets (or other groups) in it.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub action_groups: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}
