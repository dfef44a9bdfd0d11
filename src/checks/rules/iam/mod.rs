//! Rules about IAM role trust policies and IAM users.

pub mod external_root;
pub mod github_oidc;
pub mod long_lived_access_key;
pub mod privileged_trusts_root;
pub mod production_trusts_sandbox;
pub mod root_access_key;
pub mod trusts_everyone;

/// Condition keys that narrow who may assume a role trusting `*`.
pub const RESTRICTING_KEYS: [&str; 9] = [
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "sts:ExternalId",
];
