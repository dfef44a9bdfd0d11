//! Findings: the one diagnostic type. What `validate` reports about the
//! files, and what lint rules, access checks and simulations report about
//! the organization. Shared by every report format; every code is in the
//! rule registry (`checks::registry`). `sources`, `problems` and `human`
//! collect validate's findings in files and print them for a person.

pub mod human;
pub mod problems;
pub mod sources;

pub use human::{render_human, render_report};
pub use problems::Problems;
pub use sources::{Location, Sources, line_column};

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Five levels, most severe first (so sorting puts critical at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    /// True when `self` is at least as severe as `threshold`.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }

    /// What `validate` calls an error: a finding that blocks (validate
    /// exits 1). Its warnings are [`Severity::WARNING`].
    pub const ERROR: Severity = Severity::High;
    /// What `validate` calls a warning: reported, but it does not block
    /// unless `--deny-warnings` is given.
    pub const WARNING: Severity = Severity::Medium;

    /// Whether a finding of this severity blocks a merge: high or above.
    pub fn blocks(self) -> bool {
        self.at_least(Severity::ERROR)
    }

    /// `error` or `warning`, the word validate's text output uses.
    pub fn word(self) -> &'static str {
        if self.blocks() { "error" } else { "warning" }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("`{s}` is not a severity; use critical, high, medium, low or info")
            })
    }
}

/// What a finding is about: a place in the repository, a live resource, or
/// both.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Subject {
    /// A file of the repository, relative to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The live resource's ARN (or id, where it has no ARN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The byte offsets `(start, end)` in `file` the finding is about, for
    /// the source snippet under it in text output.
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

impl Subject {
    /// Where a finding is, for one-line formats: `file:line:col`, else the
    /// resource (with region), else the account.
    pub fn location(&self) -> String {
        if let Some(file) = &self.file {
            return match (self.line, self.column) {
                (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
                (Some(l), None) => format!("{file}:{l}"),
                _ => file.clone(),
            };
        }
        let mut text = self
            .resource
            .clone()
            .or_else(|| self.account_id.clone())
            .unwrap_or_else(|| "organization".to_string());
        if let Some(region) = &self.region {
            text.push_str(&format!(" [{region}]"));
        }
        text
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's stable code, such as `KMS001` (lint) or `scp-grammar`
    /// (validate); every code is in `checks::registry`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub subject: Subject,
    /// How to fix it.
    pub help: String,
    /// A stable id across runs (see `checks::fingerprint`): the rule, the
    /// account, the resource and the detail that tells findings on one
    /// resource apart — never the message text. Set by `lint`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

/// How a finding names an Identity Center assignment, so that
/// `orgguard audit assignments` can put its code on the matching rows.
///
/// The convention every rule follows for findings about assignments:
/// - one assignment: `subject.account_id = Some(account_id)` and
///   `subject.resource = "{account_id}/{permission_set_arn}/{principal_type}/{principal_id}"`
///   with `principal_type` `USER` or `GROUP` (see [`assignment_resource`]);
///   with `--expand-groups` the code appears on every member's row of that
///   group assignment;
/// - a permission set in one account (say, provisioning is outdated):
///   `subject.resource = permission_set_arn` and `subject.account_id =
///   Some(account_id)`: every row of that permission set in that account;
/// - a permission set everywhere: `subject.resource = permission_set_arn` and
///   no `account_id`: every row of that permission set.
pub fn assignment_resource(
    account_id: &str,
    permission_set_arn: &str,
    principal_type: &str,
    principal_id: &str,
) -> String {
    format!("{account_id}/{permission_set_arn}/{principal_type}/{principal_id}")
}
