//! What `orgguard validate` found: the findings of validate's rules over
//! the files read, what the layout holds, and whether every file could be
//! read. The renderers in `render::formats` print it as text, JSON, SARIF
//! or GitHub annotations.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Layout;
use super::model::Desired;
use crate::diagnostics::Finding;
use crate::diagnostics::Sources;
use crate::policy::kinds::PolicyKind;

/// The shape of `validate --format json`: 2 since its problems are
/// findings (`findings`, as `lint --format json` writes them), where
/// version 1 (no `version` key) had `problems` with `severity` error or
/// warning.
pub const JSON_VERSION: u32 = 2;

/// What the layout holds, for the closing summary.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub ous: usize,
    pub accounts: usize,
    pub scps: usize,
    /// RCPs the layout defines (RCPFullAWSAccess is not counted).
    pub rcps: usize,
    pub attachments: usize,
}

impl Summary {
    /// Counted on the desired organization, as plan sees it: a target
    /// without `scps` has the defaults, the root included.
    pub fn of(layout: &Layout) -> Self {
        let desired = Desired::from_layout(layout);
        let (root, ous, accounts) = desired.lists(PolicyKind::Scp);
        let attachments = root.len() + ous.iter().chain(&accounts).map(|l| l.len()).sum::<usize>();
        // Files that did not parse are SCPs too, for the count.
        let mut scps: BTreeSet<&str> = desired
            .policies
            .keys()
            .chain(layout.unparsed_policies.iter())
            .map(String::as_str)
            .collect();
        scps.insert(PolicyKind::Scp.full_access());
        Summary {
            ous: desired.ous.len(),
            accounts: desired.accounts.len() + desired.unpinned.len(),
            scps: scps.len(),
            rcps: desired.rcps.len(),
            attachments,
        }
    }
}

/// One validate run.
pub struct ValidateReport<'a> {
    /// Errors first, then by file and position.
    pub findings: &'a [Finding],
    /// The files read, so text output can quote the lines.
    pub sources: &'a Sources,
    /// None when ou-layout.toml could not be parsed.
    pub summary: Option<Summary>,
    /// A file could not be read or parsed.
    pub unreadable: bool,
    /// Whether text output ends with the summary line (`-q` leaves it out
    /// when there are no errors).
    pub summary_line: bool,
}

impl ValidateReport<'_> {
    /// Findings that block (errors).
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity.blocks()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}
