//! The AWS Organizations quotas every check uses: validate, lint and the
//! plan's safety replay all read this one type, filled from
//! `settings.limits` (settings rather than constants, because AWS raises
//! quotas).
//!
//! Defaults, from the AWS Organizations user guide, "Quotas for AWS
//! Organizations": since 2026-05-15, 10 SCPs attached directly to one
//! root, OU or account (FullAWSAccess counts, inherited ones do not) and
//! 10,240 characters per SCP as sent (it was 5 and 5,120 before); OUs
//! nest at most 5 levels under the root. RCPs: 5 attached directly to one
//! target (RCPFullAWSAccess counts) and 5,120 characters per RCP.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::kinds::PolicyKind;

/// SCPs attached directly to one target.
pub const DEFAULT_SCPS_PER_TARGET: usize = 10;
/// Characters of one SCP document, as sent to AWS.
pub const DEFAULT_SCP_MAX_CHARS: usize = 10_240;
/// RCPs attached directly to one target, RCPFullAWSAccess included.
pub const DEFAULT_RCPS_PER_TARGET: usize = 5;
/// Characters of one RCP document, as sent to AWS.
pub const DEFAULT_RCP_MAX_CHARS: usize = 5_120;
/// Levels of OUs under the root.
pub const DEFAULT_OU_MAX_DEPTH: usize = 5;
/// Accounts one plan may close unless `--max-account-closures` raises it:
/// closing is slow to undo (AWS Support, within 90 days) and AWS allows
/// only a few per month (see [`accounts`]).
pub const DEFAULT_ACCOUNT_CLOSURES_PER_PLAN: usize = 1;

/// AWS quotas: `[settings.limits]` in ou-layout.toml (a key left out
/// keeps AWS's default), and the same values in a saved plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// SCPs attached directly to one root, OU or account.
    pub scps_per_target: usize,
    /// Characters of one SCP as sent to AWS.
    pub scp_max_chars: usize,
    /// RCPs attached directly to one root, OU or account (RCPFullAWSAccess counts).
    pub rcps_per_target: usize,
    /// Characters of one RCP as sent to AWS.
    pub rcp_max_chars: usize,
    /// OU levels under the root.
    pub ou_max_depth: usize,
    /// Accounts one plan may close (`plan --max-account-closures` raises it).
    pub account_closures_per_plan: usize,
}

impl Limits {
    /// The quotas that must be at least 1, by their keys in `[settings.limits]`.
    pub fn counts(&self) -> [(&'static str, usize); 5] {
        [
            ("scps_per_target", self.scps_per_target),
            ("scp_max_chars", self.scp_max_chars),
            ("rcps_per_target", self.rcps_per_target),
            ("rcp_max_chars", self.rcp_max_chars),
            ("ou_max_depth", self.ou_max_depth),
        ]
    }
}

impl Limits {
    /// Policies of `kind` attached directly to one target.
    pub fn per_target(&self, kind: PolicyKind) -> usize {
        match kind {
            PolicyKind::Scp => self.scps_per_target,
            PolicyKind::Rcp => self.rcps_per_target,
        }
    }

    /// Characters of one document of `kind`, as sent.
    pub fn max_chars(&self, kind: PolicyKind) -> usize {
        match kind {
            PolicyKind::Scp => self.scp_max_chars,
            PolicyKind::Rcp => self.rcp_max_chars,
        }
    }

    /// The setting that holds the per-target limit of `kind`.
    pub fn per_target_setting(kind: PolicyKind) -> &'static str {
        match kind {
            PolicyKind::Scp => "settings.limits.scps_per_target",
            PolicyKind::Rcp => "settings.limits.rcps_per_target",
        }
    }

    /// The setting that holds the size limit of `kind`.
    pub fn max_chars_setting(kind: PolicyKind) -> &'static str {
        match kind {
            PolicyKind::Scp => "settings.limits.scp_max_chars",
            PolicyKind::Rcp => "settings.limits.rcp_max_chars",
        }
    }
}

/// A quota broken: what, and how to fix it. validate, lint and the plan's
/// safety replay each turn it into their own report, so the check and its
/// words are written once per quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub message: String,
    pub help: String,
}

/// Whether a count is about the layout or the organization as it is
/// (`has`) or as a planned step would leave it (`would have`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Now,
    AfterStep,
}

impl When {
    fn has(self) -> &'static str {
        match self {
            When::Now => "has",
            When::AfterStep => "would have",
        }
    }

    fn is(self) -> &'static str {
        match self {
            When::Now => "is",
            When::AfterStep => "would be",
        }
    }
}

impl Limits {
    /// `attached` policies of `kind` directly on a target, counting the
    /// full-access policy when AWS keeps it attached. `target` gives the
    /// target's label (such as "OU `Workloads`"), asked for only when the
    /// limit is broken: lint checks every one of 12,000 targets of a large
    /// organization, and an OU's label is its path.
    pub fn check_attached(
        &self,
        kind: PolicyKind,
        target: impl FnOnce() -> String,
        attached: usize,
        when: When,
    ) -> Option<Breach> {
        let limit = self.per_target(kind);
        if attached <= limit {
            return None;
        }
        let target = target();
        let full = kind.full_access();
        let (counted, counts) = if kind.full_access_detachable() {
            (String::new(), String::new())
        } else {
            (
                format!(" ({full} included)"),
                format!("; {full} stays attached everywhere and counts"),
            )
        };
        Some(Breach {
            message: format!(
                "{target} {} {attached} {kind}s attached{counted}; the limit is {limit}",
                when.has()
            ),
            help: format!(
                "merge statements into fewer {kind}s, or attach some to a parent OU{counts} ({} holds the AWS quota)",
                Self::per_target_setting(kind)
            ),
        })
    }

    /// A document of `kind` named `name`, `chars` characters as sent.
    pub fn check_size(&self, kind: PolicyKind, name: &str, chars: usize) -> Option<Breach> {
        let limit = self.max_chars(kind);
        if chars <= limit {
            return None;
        }
        Some(Breach {
            message: format!(
                "{kind} `{name}` is {chars} characters as sent to AWS; the limit is {limit}"
            ),
            help: format!(
                "split it into two {kind}s, or shorten it with wildcards{} ({} holds the AWS quota)",
                if kind == PolicyKind::Scp {
                    " and NotAction"
                } else {
                    ""
                },
                Self::max_chars_setting(kind)
            ),
        })
    }

    /// The OU at `path` (from the root, "A/B/C"), `depth` levels under
    /// the root.
    pub fn check_depth(&self, path: &str, depth: usize, when: When) -> Option<Breach> {
        let limit = self.ou_max_depth;
        if depth <= limit {
            return None;
        }
        Some(Breach {
            message: format!(
                "OU `{path}` {} {depth} levels deep; the limit is {limit}",
                when.is()
            ),
            help: "flatten the OU tree; use tags or names instead of deeper nesting (settings.limits.ou_max_depth holds the AWS quota)".to_string(),
        })
    }
}

/// A target left with no policy of `kind`, where AWS requires one.
pub fn check_not_empty(
    kind: PolicyKind,
    target: &str,
    attached: usize,
    when: When,
) -> Option<Breach> {
    if attached > 0 || !kind.full_access_detachable() {
        return None;
    }
    let full = kind.full_access();
    Some(Breach {
        message: match when {
            When::Now => format!("{target} has no {kind}"),
            When::AfterStep => format!("{target} would be left without any {kind}"),
        },
        help: format!(
            "every root, OU and account must keep at least one {kind} attached: list another (such as \"{full}\") for it in ou-layout.toml"
        ),
    })
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            scps_per_target: DEFAULT_SCPS_PER_TARGET,
            scp_max_chars: DEFAULT_SCP_MAX_CHARS,
            rcps_per_target: DEFAULT_RCPS_PER_TARGET,
            rcp_max_chars: DEFAULT_RCP_MAX_CHARS,
            ou_max_depth: DEFAULT_OU_MAX_DEPTH,
            account_closures_per_plan: DEFAULT_ACCOUNT_CLOSURES_PER_PLAN,
        }
    }
}

/// AWS's rules for closing member accounts (Organizations API reference,
/// CloseAccount; user guide, "Closing a member account"): 10% of the
/// member accounts, at least 10 and at most 1,000, may be closed in any
/// rolling 30 days; a closed account is suspended for a 90-day
/// post-closure period (AWS Support can reopen it), then closed for good.
pub mod accounts {
    /// Percent of the member accounts AWS lets an organization close per window.
    pub const CLOSE_PERCENT: usize = 10;
    /// The quota is never lower than this...
    pub const CLOSE_MIN: usize = 10;
    /// ...nor higher than this.
    pub const CLOSE_MAX: usize = 1_000;
    /// The rolling window of the quota, in days.
    pub const CLOSE_WINDOW_DAYS: u32 = 30;
    /// Days a closed account stays suspended (and can be reopened).
    pub const POST_CLOSURE_DAYS: u32 = 90;

    /// The closures AWS allows per window for an organization with this
    /// many member accounts.
    pub fn closure_quota(members: usize) -> usize {
        (members * CLOSE_PERCENT / 100).clamp(CLOSE_MIN, CLOSE_MAX)
    }

    /// What closing means, as plans and refusals say it.
    pub fn closing_means() -> String {
        format!(
            "closing suspends the account for a {POST_CLOSURE_DAYS}-day post-closure period (only AWS Support can reopen it, and its resources are unavailable); after that it is closed permanently and cannot be reopened"
        )
    }

    /// AWS's quota, as refusals say it.
    pub fn quota_sentence() -> String {
        format!(
            "AWS allows closing only {CLOSE_PERCENT}% of member accounts (at least {CLOSE_MIN}, at most {CLOSE_MAX}) per rolling {CLOSE_WINDOW_DAYS}-day window"
        )
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn the_quota_is_ten_percent_between_ten_and_a_thousand() {
            assert_eq!(super::closure_quota(5), 10);
            assert_eq!(super::closure_quota(250), 25);
            assert_eq!(super::closure_quota(50_000), 1_000);
        }
    }
}

/// IAM Identity Center's quotas and API rules (IAM Identity Center user
/// guide, "IAM Identity Center quotas"; API reference for
/// CreatePermissionSet, PutInlinePolicyToPermissionSet,
/// CreateAccountAssignment and ProvisionPermissionSet). Unlike the
/// Organizations quotas these are not settings: the throttle cannot be
/// raised, and the rest are fixed by the API.
pub mod identity_center {
    /// Requests per second for all Identity Center APIs together.
    pub const REQUESTS_PER_SECOND: f64 = 20.0;
    /// Create/DeleteAccountAssignment operations in progress at once.
    pub const OUTSTANDING_ASSIGNMENT_OPERATIONS: usize = 15;
    /// ProvisionPermissionSet calls in progress at once.
    pub const CONCURRENT_PROVISIONING: usize = 3;
    /// Characters of a permission set's inline policy.
    pub const INLINE_POLICY_MAX_CHARS: usize = 32_768;
    /// AWS and customer managed policies attached to one permission set.
    pub const MANAGED_POLICIES_PER_PERMISSION_SET: usize = 20;
    /// Permission sets in one instance.
    pub const PERMISSION_SETS_PER_INSTANCE: usize = 2_000;
    /// Characters of a permission set name.
    pub const NAME_MAX_CHARS: usize = 32;
    /// Characters of a permission set description.
    pub const DESCRIPTION_MAX_CHARS: usize = 700;
    /// Session duration bounds, in minutes (PT1H to PT12H).
    pub const SESSION_MINUTES: std::ops::RangeInclusive<u32> = 60..=720;
}
