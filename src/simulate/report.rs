//! The simulation's result as users see it: groups sorted by size, account
//! names, and findings for the shared report formats.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::tally::{Example, LiveOnly, Malformed, Outcome, Reason, Tally, Unreadable};
use crate::diagnostics::{Finding, Severity, Subject};
use crate::policy::kinds::PolicyKind;

#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub count: u64,
    /// The kind of the deciding policy: `scp` (the caller's account's
    /// path) or `rcp` (the resource's account's path).
    pub kind: PolicyKind,
    pub policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    pub attached_at: String,
    pub account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// The account whose resource was called, when an RCP decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_account_name: Option<String>,
    pub principal: String,
    pub action: String,
    /// For calls denied by both: the live statement that denies them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_kind: Option<PolicyKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_sid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_attached_at: Option<String>,
    /// Condition keys the records lack that the decision rests on: the
    /// call was allowed or denied only because CloudTrail does not record
    /// them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decided_without: Vec<String>,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Section {
    pub total: u64,
    pub groups: Vec<GroupReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotAffected {
    pub reason: Reason,
    pub description: &'static str,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LiveOnlyAccount {
    pub account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    #[serde(flatten)]
    pub counts: LiveOnly,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountCount {
    pub account: String,
    pub events: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub live: String,
    pub proposed: String,
    pub files: u64,
    /// Every event read, malformed ones included.
    pub events: u64,
    pub newly_denied: Section,
    pub allowed_again: Section,
    pub denied_by_both: Section,
    pub allowed_by_both: u64,
    pub not_affected: Vec<NotAffected>,
    /// Accounts the layout does not place: evaluated against the live SCPs only.
    pub not_in_layout: Vec<LiveOnlyAccount>,
    /// Accounts the layout places that the live organization does not have.
    pub not_in_live: Vec<AccountCount>,
    pub malformed: u64,
    pub malformed_examples: Vec<Malformed>,
    pub unreadable_files: Vec<Unreadable>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn not_affected_total(&self) -> u64 {
        self.not_affected.iter().map(|n| n.count).sum()
    }
}

/// Builds the report; `names` maps account ids to names.
pub fn build(tally: Tally, names: &HashMap<String, String>, live: &str, proposed: &str) -> Report {
    let name = |id: &str| names.get(id).cloned();
    let mut sections: BTreeMap<Outcome, Section> = BTreeMap::new();
    for (key, group) in tally.groups {
        let section = sections.entry(key.outcome).or_default();
        section.total += group.count;
        section.groups.push(GroupReport {
            count: group.count,
            account_name: name(&key.account),
            kind: key.kind,
            resource_account_name: key.resource_account.as_deref().and_then(name),
            resource_account: key.resource_account,
            live_kind: key.live.as_ref().map(|d| d.kind),
            policy: key.policy,
            sid: key.sid,
            attached_at: key.level,
            account: key.account,
            principal: key.principal,
            action: key.action,
            live_policy: key.live.as_ref().map(|d| d.policy.clone()),
            live_sid: key.live.as_ref().and_then(|d| d.sid.clone()),
            live_attached_at: key.live.map(|d| d.level),
            decided_without: key.decided_without,
            examples: group.examples,
        });
    }
    for section in sections.values_mut() {
        section.groups.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| {
                (&a.policy, &a.sid, &a.account, &a.principal, &a.action).cmp(&(
                    &b.policy,
                    &b.sid,
                    &b.account,
                    &b.principal,
                    &b.action,
                ))
            })
        });
    }
    let mut take = |o: Outcome| sections.remove(&o).unwrap_or_default();
    let newly_denied = take(Outcome::NewlyDenied);
    let allowed_again = take(Outcome::AllowedAgain);
    let denied_by_both = take(Outcome::DeniedByBoth);
    let findings = findings(&newly_denied, &allowed_again);
    Report {
        live: live.to_string(),
        proposed: proposed.to_string(),
        files: tally.files,
        events: tally.events,
        newly_denied,
        allowed_again,
        denied_by_both,
        allowed_by_both: tally.allowed_by_both,
        not_affected: tally
            .not_affected
            .into_iter()
            .map(|(reason, count)| NotAffected {
                reason,
                description: reason.describe(),
                count,
            })
            .collect(),
        not_in_layout: tally
            .live_only
            .into_iter()
            .map(|(account, counts)| LiveOnlyAccount {
                account_name: name(&account),
                account,
                counts,
            })
            .collect(),
        not_in_live: tally
            .not_in_live
            .into_iter()
            .map(|(account, events)| AccountCount { account, events })
            .collect(),
        malformed: tally.malformed,
        malformed_examples: tally.malformed_examples,
        unreadable_files: tally.unreadable,
        findings,
    }
}

/// `ACCOUNT (name)` or just the id.
pub fn account_label(id: &str, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("{id} ({n})"),
        None => id.to_string(),
    }
}

/// ", on a resource of account X (name)" when an RCP decides, else "".
pub fn resource_of(g: &GroupReport) -> String {
    match &g.resource_account {
        Some(id) => format!(
            ", on a resource of account {}",
            account_label(id, g.resource_account_name.as_deref())
        ),
        None => String::new(),
    }
}

/// `policy/Sid`, or the policy alone when the statement has no Sid.
pub fn statement_label(policy: &str, sid: Option<&str>) -> String {
    match sid {
        Some(s) => format!("{policy}/{s}"),
        None => policy.to_string(),
    }
}

fn findings(newly_denied: &Section, allowed_again: &Section) -> Vec<Finding> {
    let finding = |code: &str, severity, g: &GroupReport, verb: &str, help: &str| Finding {
        code: code.to_string(),
        severity,
        message: format!(
            "{} {} {} by {} in account {}{} {verb} the {} {}",
            thousands(g.count),
            if g.count == 1 { "call to" } else { "calls to" },
            g.action,
            g.principal,
            account_label(&g.account, g.account_name.as_deref()),
            resource_of(g),
            g.kind,
            statement_label(&g.policy, g.sid.as_deref()),
        ),
        subject: Subject {
            resource: Some(g.principal.clone()),
            account_id: Some(g.account.clone()),
            ..Subject::default()
        },
        help: help.to_string(),
        fingerprint: None,
    };
    let mut out: Vec<Finding> = newly_denied
        .groups
        .iter()
        .map(|g| {
            finding(
                "SIM001",
                Severity::High,
                g,
                "would be denied by",
                "confirm these calls should stop before attaching the policies, or exempt the principal with a Condition on aws:PrincipalArn (or, in an RCP, aws:PrincipalIsAWSService for AWS services)",
            )
        })
        .collect();
    out.extend(allowed_again.groups.iter().map(|g| {
        finding(
            "SIM002",
            Severity::Info,
            g,
            "would no longer be denied by",
            "check that lifting this guardrail is intended",
        )
    }));
    out
}

/// 1204 → "1,204".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
