//! The findings report for auditors: findings by severity, by account and
//! by OU, and the waivers in force with their expiry, listed apart.

use std::collections::BTreeMap;

use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::summary::display_ou;
use crate::diagnostics::{Finding, Severity};
use crate::org::Snapshot;
use crate::org::tree::OrgIndex;

/// A waiver as lint reads it: which findings it silences, why and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiver {
    /// The rule code waived.
    pub code: String,
    /// The resource it is limited to; `None` waives the code everywhere.
    pub resource: Option<String>,
    pub account_id: Option<String>,
    pub reason: String,
    /// `YYYY-MM-DD`; `None` never expires.
    pub expires: Option<String>,
}

/// Days before expiry from which a waiver is flagged as expiring soon.
pub const EXPIRING_SOON_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WaiverState {
    #[serde(rename = "active")]
    Active,
    #[serde(rename = "expires soon")]
    ExpiresSoon,
    #[serde(rename = "expired")]
    Expired,
    #[serde(rename = "never expires")]
    NeverExpires,
}

impl WaiverState {
    pub fn as_str(self) -> &'static str {
        match self {
            WaiverState::Active => "active",
            WaiverState::ExpiresSoon => "expires soon",
            WaiverState::Expired => "expired",
            WaiverState::NeverExpires => "never expires",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct WaiverRow {
    pub waiver: Waiver,
    pub state: WaiverState,
}

/// Findings in one account.
#[derive(Debug, Clone, Serialize)]
pub struct AccountFindings {
    pub account_id: String,
    pub account_name: String,
    pub ou_path: String,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingsReport {
    pub captured_at: String,
    pub total: usize,
    pub by_severity: Vec<(Severity, Vec<Finding>)>,
    pub by_account: Vec<AccountFindings>,
    /// Finding counts per OU path (accounts counted in their own OU only).
    pub by_ou: Vec<(String, BTreeMap<Severity, usize>)>,
    /// Findings about the repository or the organization as a whole.
    pub without_account: Vec<Finding>,
    pub waivers: Vec<WaiverRow>,
    /// Against a saved baseline (`audit findings --baseline`): what opened
    /// since and what was fixed.
    pub changes: Option<Changes>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// Findings the baseline does not have, most severe first.
    pub opened: Vec<Finding>,
    /// The baseline's findings this snapshot no longer shows.
    pub fixed: Vec<crate::checks::baseline::Entry>,
}

impl FindingsReport {
    /// Marks what opened and what was fixed since `baseline`.
    pub fn against(mut self, baseline: &crate::checks::baseline::Baseline) -> Self {
        let all: Vec<Finding> = self
            .by_severity
            .iter()
            .flat_map(|(_, l)| l.iter().cloned())
            .collect();
        let comparison = baseline.compare(&all);
        self.changes = Some(Changes {
            opened: all.into_iter().filter(|f| comparison.is_new(f)).collect(),
            fixed: comparison.fixed,
        });
        self
    }
}

pub fn build(snapshot: &Snapshot, findings: &[Finding], waivers: &[Waiver]) -> FindingsReport {
    let index = OrgIndex::new(snapshot);
    let mut sorted: Vec<Finding> = findings.to_vec();
    sorted
        .sort_by(|a, b| (a.severity, &a.code, &a.subject).cmp(&(b.severity, &b.code, &b.subject)));
    let by_severity = Severity::ALL
        .into_iter()
        .map(|s| {
            (
                s,
                sorted.iter().filter(|f| f.severity == s).cloned().collect(),
            )
        })
        .collect();

    let mut accounts: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut without_account = Vec::new();
    for f in &sorted {
        match &f.subject.account_id {
            Some(id) => accounts.entry(id.clone()).or_default().push(f.clone()),
            None => without_account.push(f.clone()),
        }
    }
    let mut by_account: Vec<AccountFindings> = accounts
        .into_iter()
        .map(|(id, findings)| {
            let account = index.account(&id);
            AccountFindings {
                account_name: account
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| "(not in organization)".to_string()),
                ou_path: account
                    .and_then(|a| index.path_of(&a.parent_id))
                    .unwrap_or_default(),
                account_id: id,
                findings,
            }
        })
        .collect();
    // Accounts with the most severe findings first, then the most findings.
    by_account.sort_by(|a, b| {
        let worst = |x: &AccountFindings| x.findings.iter().map(|f| f.severity).min();
        (
            worst(a),
            std::cmp::Reverse(a.findings.len()),
            &a.account_name,
        )
            .cmp(&(
                worst(b),
                std::cmp::Reverse(b.findings.len()),
                &b.account_name,
            ))
    });

    let mut ous: BTreeMap<String, BTreeMap<Severity, usize>> = BTreeMap::new();
    for a in &by_account {
        let counts = ous.entry(display_ou(&a.ou_path).to_string()).or_default();
        for f in &a.findings {
            *counts.entry(f.severity).or_default() += 1;
        }
    }

    let today = OffsetDateTime::parse(&snapshot.captured_at, &Rfc3339)
        .ok()
        .map(OffsetDateTime::date);
    let mut waiver_rows: Vec<WaiverRow> = waivers
        .iter()
        .map(|w| WaiverRow {
            state: waiver_state(w.expires.as_deref(), today),
            waiver: w.clone(),
        })
        .collect();
    waiver_rows.sort_by(|a, b| {
        (
            &a.waiver.expires.is_none(),
            &a.waiver.expires,
            &a.waiver.code,
        )
            .cmp(&(
                &b.waiver.expires.is_none(),
                &b.waiver.expires,
                &b.waiver.code,
            ))
    });

    FindingsReport {
        captured_at: snapshot.captured_at.clone(),
        total: sorted.len(),
        by_severity,
        by_account,
        by_ou: ous.into_iter().collect(),
        without_account,
        waivers: waiver_rows,
        changes: None,
    }
}

/// The waiver's state on the day the snapshot was taken (not today, so a
/// report of old evidence reads as it did then).
fn waiver_state(expires: Option<&str>, today: Option<Date>) -> WaiverState {
    let Some(expires) = expires else {
        return WaiverState::NeverExpires;
    };
    let format = format_description!("[year]-[month]-[day]");
    let (Ok(expiry), Some(today)) = (Date::parse(expires, &format), today) else {
        // An unreadable date is shown as expired so it gets looked at.
        return WaiverState::Expired;
    };
    let left = (expiry - today).whole_days();
    if left < 0 {
        WaiverState::Expired
    } else if left <= EXPIRING_SOON_DAYS {
        WaiverState::ExpiresSoon
    } else {
        WaiverState::Active
    }
}
