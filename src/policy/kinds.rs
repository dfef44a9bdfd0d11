//! The organization policy kinds orgguard manages, as data: one row per
//! kind with its AWS policy type, its AWS-managed pass-through policy and
//! how that policy behaves, and where its documents live. Adding a kind is
//! a row here, its grammar, and its limits in [`super::limits`].

use serde::{Deserialize, Serialize};

/// A kind of organization policy.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PolicyKind {
    /// Service control policies: the most the principals of an account may do.
    #[default]
    Scp,
    /// Resource control policies: the most anyone may do to the resources
    /// of an account.
    Rcp,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 2] = [PolicyKind::Scp, PolicyKind::Rcp];

    /// The `Type` the Organizations API takes and returns.
    pub fn aws_type(self) -> &'static str {
        match self {
            PolicyKind::Scp => "SERVICE_CONTROL_POLICY",
            PolicyKind::Rcp => "RESOURCE_CONTROL_POLICY",
        }
    }

    /// How people write it: "SCP", "RCP".
    pub fn short(self) -> &'static str {
        match self {
            PolicyKind::Scp => "SCP",
            PolicyKind::Rcp => "RCP",
        }
    }

    /// The AWS-managed policy that lets everything through, attached by AWS
    /// to every root, OU and account (and to each new OU and account).
    pub const fn full_access(self) -> &'static str {
        match self {
            PolicyKind::Scp => "FullAWSAccess",
            PolicyKind::Rcp => "RCPFullAWSAccess",
        }
    }

    /// The document of the pass-through policy, as AWS defines it for
    /// both kinds: allow everything.
    pub fn full_access_document(self) -> &'static str {
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    }

    /// The id AWS gives the pass-through policy in every organization.
    pub const fn full_access_id(self) -> &'static str {
        match self {
            PolicyKind::Scp => "p-FullAWSAccess",
            PolicyKind::Rcp => "p-RCPFullAWSAccess",
        }
    }

    /// Whether the pass-through policy can be detached. FullAWSAccess can
    /// (an allow-list replaces it); RCPFullAWSAccess cannot (AWS
    /// Organizations user guide, "RCP evaluation"), so it stays attached
    /// everywhere and counts toward the per-target limit.
    pub fn full_access_detachable(self) -> bool {
        matches!(self, PolicyKind::Scp)
    }

    /// The layout key that lists a target's policies of this kind.
    pub fn layout_key(self) -> &'static str {
        match self {
            PolicyKind::Scp => "scps",
            PolicyKind::Rcp => "rcps",
        }
    }

    /// The folder under `policies/` that holds this kind's documents.
    pub fn folder(self) -> &'static str {
        match self {
            PolicyKind::Scp => "policies",
            PolicyKind::Rcp => "policies/rcp",
        }
    }

    pub fn of_aws_type(aws_type: &str) -> Option<PolicyKind> {
        PolicyKind::ALL
            .into_iter()
            .find(|k| k.aws_type() == aws_type)
    }
}

impl std::fmt::Display for PolicyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.short())
    }
}
