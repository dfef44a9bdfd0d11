//! The `[identity_center]` section of ou-layout.toml as written: permission
//! sets, assignments, and what to do with live ones the layout does not
//! mention. docs/layout.md describes it; `layout::check_identity_center`
//! checks it and `plan::resources` plans it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::unmanaged::Unmanaged;

/// Where inline policies of permission sets live: a folder under
/// policies/ that the SCP loader does not read.
pub const INLINE_POLICY_DIR: &str = "policies/permission-sets";

/// `[identity_center]` as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityCenterSection {
    /// Live permission sets the layout does not declare, with their
    /// assignments: `keep` (and show) or `delete`.
    #[serde(default)]
    pub unmanaged: Unmanaged,
    /// One `[[identity_center.permission_set]]` table per permission set.
    #[serde(default, rename = "permission_set")]
    #[schemars(with = "Vec<PermissionSetSection>")]
    pub permission_sets: Vec<Spanned<PermissionSetSection>>,
    /// One `[[identity_center.assignment]]` table per principal and
    /// permission set: who holds it, and where.
    #[serde(default, rename = "assignment")]
    #[schemars(with = "Vec<AssignmentSection>")]
    pub assignments: Vec<Spanned<AssignmentSection>>,
}

impl IdentityCenterSection {
    /// Whether the layout manages anything in Identity Center: only then
    /// does `plan` read it.
    pub fn declares_resources(&self) -> bool {
        !self.permission_sets.is_empty()
            || !self.assignments.is_empty()
            || self.unmanaged == Unmanaged::Delete
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionSetSection {
    /// The permission set's name, as in Identity Center (1 to 32 of
    /// letters, digits and `+=,.@-_`).
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// ISO 8601 duration from PT1H to PT12H (default PT1H).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub session_duration: Option<Spanned<String>>,
    /// The URL users land on in the console.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub relay_state: Option<Spanned<String>>,
    /// ARNs of AWS managed policies.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub managed_policies: Vec<Spanned<String>>,
    /// Customer managed policies, by name and path, that must exist in
    /// every account the set is assigned on.
    #[serde(default)]
    pub customer_managed_policies: Vec<PolicyReferenceSection>,
    /// The inline policy: a JSON file under policies/permission-sets/,
    /// named relative to policies/ (`permission-sets/billing.json`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub inline_policy: Option<Spanned<String>>,
    /// The permissions boundary: an AWS managed policy or a customer
    /// managed policy reference.
    #[serde(default)]
    pub permissions_boundary: Option<BoundarySection>,
    /// Tags set when the permission set is created.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PolicyReferenceSection {
    pub name: String,
    /// The IAM path (default `/`).
    #[serde(default = "root_path")]
    pub path: String,
}

fn root_path() -> String {
    "/".to_string()
}

#[derive(Debug, Clone, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BoundarySection {
    /// An AWS managed policy ARN.
    #[serde(default)]
    pub managed_policy_arn: Option<String>,
    /// A customer managed policy, by name and path.
    #[serde(default)]
    pub customer_managed_policy: Option<PolicyReferenceSection>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentSection {
    /// An identity-store group, by display name.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub group: Option<Spanned<String>>,
    /// An identity-store user, by user name (a direct assignment).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub user: Option<Spanned<String>>,
    /// The permission set's name; it must be declared above.
    #[schemars(with = "String")]
    pub permission_set: Spanned<String>,
    /// Accounts by name or 12-digit id.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub accounts: Vec<Spanned<String>>,
    /// OU paths: every active account in the OU or any OU under it, as
    /// placed when the plan is made.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ous: Vec<Spanned<String>>,
    /// Every active account whose tags include all of these.
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub account_tags: Option<Spanned<BTreeMap<String, String>>>,
}

impl AssignmentSection {
    /// The account tags, empty when none are written.
    pub fn tags(&self) -> BTreeMap<String, String> {
        self.account_tags
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_default()
    }
}
