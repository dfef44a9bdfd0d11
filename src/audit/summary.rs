//! Totals and chart series over inventory rows, for the HTML and Markdown
//! reports.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::inventory::{AssignmentRow, Inventory};
use crate::diagnostics::Severity;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub accounts: usize,
    pub permission_sets: usize,
    pub principals: usize,
    pub rows: usize,
    /// Findings on the shown rows, per severity, most severe first.
    pub findings: Vec<(Severity, usize)>,
}

impl Summary {
    pub fn of(inventory: &Inventory) -> Self {
        let distinct = |f: fn(&AssignmentRow) -> &str| {
            inventory.rows.iter().map(f).collect::<BTreeSet<_>>().len()
        };
        let findings = Severity::ALL
            .into_iter()
            .map(|s| {
                (
                    s,
                    inventory
                        .findings
                        .iter()
                        .filter(|f| f.severity == s)
                        .count(),
                )
            })
            .collect();
        Summary {
            accounts: distinct(|r| &r.account_id),
            permission_sets: distinct(|r| &r.permission_set_arn),
            principals: distinct(|r| &r.principal_id),
            rows: inventory.rows.len(),
            findings,
        }
    }
}

/// A bar chart's data: labels and counts, largest first.
pub type Series = Vec<(String, usize)>;

fn largest_first(counts: BTreeMap<String, usize>) -> Series {
    let mut series: Series = counts.into_iter().collect();
    series.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    series
}

pub fn per_permission_set(rows: &[AssignmentRow]) -> Series {
    let mut counts = BTreeMap::new();
    for r in rows {
        *counts.entry(r.permission_set_name.to_string()).or_default() += 1;
    }
    largest_first(counts)
}

/// Rows per OU path; the root shows as `(root)`.
pub fn per_ou(rows: &[AssignmentRow]) -> Series {
    let mut counts = BTreeMap::new();
    for r in rows {
        *counts
            .entry(display_ou(&r.ou_path).to_string())
            .or_default() += 1;
    }
    largest_first(counts)
}

/// For each principal, the number of accounts where it holds an
/// administrator-level permission set.
pub fn admin_accounts_by_principal(rows: &[AssignmentRow]) -> Series {
    let mut accounts: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.admin_level) {
        let label = format!("{} ({})", r.principal_name, r.principal_type.to_lowercase());
        accounts.entry(label).or_default().insert(&r.account_id);
    }
    largest_first(accounts.into_iter().map(|(k, v)| (k, v.len())).collect())
}

pub fn display_ou(path: &str) -> &str {
    if path.is_empty() { "(root)" } else { path }
}
