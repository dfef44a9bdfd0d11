//! One row of the assignment inventory, which the inventory builds and the
//! filters keep or drop.

use std::sync::Arc;

use serde::Serialize;

/// Whether the permission set is provisioned to the row's account, from
/// the permission set's `provisioned_accounts` and `outdated_accounts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Provisioning {
    #[serde(rename = "provisioned")]
    Provisioned,
    #[serde(rename = "outdated")]
    Outdated,
    #[serde(rename = "not provisioned")]
    NotProvisioned,
}

impl Provisioning {
    pub fn as_str(self) -> &'static str {
        match self {
            Provisioning::Provisioned => "provisioned",
            Provisioning::Outdated => "outdated",
            Provisioning::NotProvisioned => "not provisioned",
        }
    }
}

/// Text a row shares with the other rows that show it. An expanded
/// inventory repeats each account, permission set and user in thousands of
/// rows; with a `String` per cell, 1.2 million rows took ~700 bytes each.
pub type Shared = Arc<str>;

/// One row of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssignmentRow {
    pub account_id: Shared,
    pub account_name: Shared,
    /// `Foundational/Workloads`; empty for an account directly under the root.
    pub ou_path: Shared,
    pub account_status: Shared,
    pub permission_set_name: Shared,
    pub permission_set_arn: Shared,
    /// AWS managed policy ARNs.
    pub managed_policies: Vec<Shared>,
    /// Customer managed policies as `path + name`, such as `/deny-iam-writes`.
    pub customer_managed_policies: Vec<Shared>,
    pub has_inline_policy: bool,
    /// Administrator-level access (see `audit::admin`).
    pub admin_level: bool,
    /// `USER` or `GROUP`.
    pub principal_type: Shared,
    pub principal_id: Shared,
    /// A user's display name (or user name), a group's name, or `(deleted)`.
    pub principal_name: Shared,
    pub principal_email: Option<Shared>,
    /// With `--expand-groups`, the group a user's access came through.
    pub via_group_id: Option<Shared>,
    pub via_group_name: Option<Shared>,
    pub provisioning: Provisioning,
    /// Codes of the findings on this row, sorted.
    pub findings: Vec<String>,
}
