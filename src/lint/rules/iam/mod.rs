//! Rules about IAM role trust policies and IAM users.

pub mod external_root;
pub mod github_oidc;
pub mod old_access_key;
pub mod privileged_trusts_root;
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

/// AWS managed policies that make a role an administrator in practice.
pub const PRIVILEGED_POLICIES: [&str; 4] = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess",
    "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess",
];
