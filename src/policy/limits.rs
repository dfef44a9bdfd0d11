//! The AWS Organizations quotas every check uses: validate, lint and the
//! plan's safety replay all read this one type, filled from
//! `settings.limits` (settings rather than constants, because AWS raises
//! quotas).
//!
//! Defaults, from the AWS Organizations user guide, "Quotas for AWS
//! Organizations": since 2026-05-15, 10 SCPs attached directly to one
//! root, OU or account (FullAWSAccess counts, inherited ones do not) and
//! 10,240 characters per SCP as sent (it was 5 and 5,120 before); OUs
//! nest at most 5 levels under the root.

use serde::{Deserialize, Serialize};

/// SCPs attached directly to one target.
pub const DEFAULT_SCPS_PER_TARGET: usize = 10;
/// Characters of one SCP document, as sent to AWS.
pub const DEFAULT_SCP_MAX_CHARS: usize = 10_240;
/// Levels of OUs under the root.
pub const DEFAULT_OU_MAX_DEPTH: usize = 5;

/// AWS quotas, resolved from `settings.limits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub scps_per_target: usize,
    pub scp_max_chars: usize,
    pub ou_max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            scps_per_target: DEFAULT_SCPS_PER_TARGET,
            scp_max_chars: DEFAULT_SCP_MAX_CHARS,
            ou_max_depth: DEFAULT_OU_MAX_DEPTH,
        }
    }
}
