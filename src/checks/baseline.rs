//! A saved set of findings, by fingerprint, and how a run compares with
//! it: new, still open, fixed. `lint --write-baseline FILE` writes one;
//! `lint --baseline FILE` compares against it and fails only on new ones.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Finding, Severity};

/// The baseline file format version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub orgguard_baseline: u32,
    /// Sorted by fingerprint.
    pub findings: Vec<Entry>,
}

/// One finding as saved: its id, and enough to recognise it when it is
/// reported fixed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub severity: Severity,
    pub location: String,
    pub message: String,
}

/// A run against a baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Fingerprints of findings the baseline does not have.
    pub new: BTreeSet<String>,
    /// Fingerprints of findings it has.
    pub open: BTreeSet<String>,
    /// Its findings this run no longer reports.
    pub fixed: Vec<Entry>,
}

impl Comparison {
    pub fn is_new(&self, finding: &Finding) -> bool {
        finding
            .fingerprint
            .as_ref()
            .is_none_or(|id| self.new.contains(id))
    }
}

impl Baseline {
    pub fn of(findings: &[Finding]) -> Self {
        let mut findings: Vec<Entry> = findings
            .iter()
            .filter_map(|f| {
                Some(Entry {
                    fingerprint: f.fingerprint.clone()?,
                    code: f.code.clone(),
                    severity: f.severity,
                    location: f.subject.location(),
                    message: f.message.clone(),
                })
            })
            .collect();
        findings.sort();
        findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline {
            orgguard_baseline: VERSION,
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn compare(&self, findings: &[Finding]) -> Comparison {
        let saved: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut comparison = Comparison::default();
        let mut current = BTreeSet::new();
        for id in findings.iter().filter_map(|f| f.fingerprint.as_deref()) {
            current.insert(id);
            if saved.contains(id) {
                comparison.open.insert(id.to_string());
            } else {
                comparison.new.insert(id.to_string());
            }
        }
        comparison.fixed = self
            .findings
            .iter()
            .filter(|e| !current.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
        comparison
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Subject;

    fn finding(id: &str) -> Finding {
        Finding {
            code: "IAM005".into(),
            severity: Severity::Low,
            message: format!("finding {id}"),
            subject: Subject {
                resource: Some(format!("arn:aws:iam::2:user/{id}")),
                ..Subject::default()
            },
            help: String::new(),
            fingerprint: Some(id.into()),
        }
    }

    #[test]
    fn compares_new_open_and_fixed() {
        let saved = Baseline::of(&[finding("a"), finding("b")]);
        let text = saved.to_json();
        let read: Baseline = serde_json::from_str(&text).expect("reads back");
        assert_eq!(read, saved);
        let c = read.compare(&[finding("b"), finding("c")]);
        assert_eq!(c.new, BTreeSet::from(["c".to_string()]));
        assert_eq!(c.open, BTreeSet::from(["b".to_string()]));
        assert_eq!(
            c.fixed
                .iter()
                .map(|e| e.fingerprint.as_str())
                .collect::<Vec<_>>(),
            ["a"]
        );
    }
}
