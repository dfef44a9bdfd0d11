//! Classifying each event against the live and the proposed SCPs, keeping
//! only counters and a few examples per group so memory stays flat.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::chains::Chains;
use super::cloudtrail::{EventSink, Position};
use super::evaluate::{Decision, evaluate, evaluate_noting};
use super::request::{PrincipalKind, Request};

/// How many example events each group keeps.
pub const EXAMPLES_PER_GROUP: usize = 3;
/// How many malformed events are named in the report (all are counted).
pub const MALFORMED_EXAMPLES: usize = 20;

/// Why SCPs cannot affect an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    ManagementAccount,
    ServiceLinkedRole,
    AwsService,
    NotACall,
    CrossAccount,
    ExternalIdentity,
    AlwaysAllowed,
    OutsideOrganization,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::ManagementAccount => "calls in the management account",
            Reason::ServiceLinkedRole => "calls by service-linked roles",
            Reason::AwsService => "calls AWS services made themselves",
            Reason::NotACall => "console sign-ins and AWS service events",
            Reason::CrossAccount => {
                "cross-account calls as the resource owner's trail records them"
            }
            Reason::ExternalIdentity => {
                "calls by identities outside IAM (SAML, web identity, Identity Center sign-in)"
            }
            Reason::AlwaysAllowed => "calls no policy can deny (sts:GetCallerIdentity)",
            Reason::OutsideOrganization => {
                "calls by accounts in neither the live organization nor the layout"
            }
        }
    }
}

/// What the change does to one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    NewlyDenied,
    AllowedAgain,
    DeniedByBoth,
}

/// A statement that denies, or the level where no SCP allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Denier {
    pub policy: String,
    pub sid: Option<String>,
    /// Where on the path it is attached.
    pub level: String,
}

impl Denier {
    fn of(decision: Decision) -> Option<Denier> {
        match decision {
            Decision::Denied { policy, sid, level } => Some(Denier {
                policy: policy.to_string(),
                sid: sid.map(str::to_string),
                level: level.to_string(),
            }),
            Decision::NotAllowed { level } => Some(Denier {
                policy: NO_SCP_ALLOWS.to_string(),
                sid: None,
                level: level.to_string(),
            }),
            Decision::Allowed => None,
        }
    }
}

/// The policy name a group shows when no SCP at a level allows the call.
pub const NO_SCP_ALLOWS: &str = "(no SCP allows it)";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupKey {
    pub outcome: Outcome,
    /// The SCP that denies (for allowed-again events: the live one that did).
    pub policy: String,
    pub sid: Option<String>,
    /// Where on the path it is attached.
    pub level: String,
    pub account: String,
    pub principal: String,
    pub action: String,
    /// For calls denied by both: what denies them today.
    pub live: Option<Denier>,
    /// Condition keys the records lack that the decisions rest on.
    pub decided_without: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Example {
    pub event_time: String,
    pub event_id: String,
    pub event_name: String,
    pub region: String,
    pub file: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Group {
    pub count: u64,
    pub examples: Vec<Example>,
}

impl Group {
    /// Keeps the earliest examples so the report does not depend on the
    /// order in which threads read the files.
    fn add_example(&mut self, example: Example) {
        if self.examples.len() < EXAMPLES_PER_GROUP {
            self.examples.push(example);
            self.examples.sort();
        } else if self.examples.last().is_some_and(|last| example < *last) {
            self.examples.pop();
            self.examples.push(example);
            self.examples.sort();
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Malformed {
    pub file: String,
    /// 1-based position of the event in its file.
    pub event: u64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unreadable {
    pub file: String,
    pub message: String,
}

/// Decisions for an account the layout does not place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LiveOnly {
    pub allowed: u64,
    pub denied: u64,
}

/// What the simulation knows about the organization.
pub struct Org {
    pub management_account: String,
    pub org_id: String,
    pub live: Chains,
    pub proposed: Chains,
    /// Account id → `aws:PrincipalOrgPaths`, from the live organization.
    pub org_paths: HashMap<String, String>,
}

/// Counters for the events read so far; merged across threads.
#[derive(Debug, Default)]
pub struct Tally {
    pub files: u64,
    pub events: u64,
    pub allowed_by_both: u64,
    pub not_affected: BTreeMap<Reason, u64>,
    pub live_only: BTreeMap<String, LiveOnly>,
    pub not_in_live: BTreeMap<String, u64>,
    pub groups: HashMap<GroupKey, Group>,
    pub malformed: u64,
    pub malformed_examples: Vec<Malformed>,
    pub unreadable: Vec<Unreadable>,
}

impl Tally {
    pub fn merge(&mut self, other: Tally) {
        self.files += other.files;
        self.events += other.events;
        self.allowed_by_both += other.allowed_by_both;
        for (k, v) in other.not_affected {
            *self.not_affected.entry(k).or_default() += v;
        }
        for (k, v) in other.live_only {
            let e = self.live_only.entry(k).or_default();
            e.allowed += v.allowed;
            e.denied += v.denied;
        }
        for (k, v) in other.not_in_live {
            *self.not_in_live.entry(k).or_default() += v;
        }
        for (k, g) in other.groups {
            let mine = self.groups.entry(k).or_default();
            mine.count += g.count;
            for e in g.examples {
                mine.add_example(e);
            }
        }
        self.malformed += other.malformed;
        self.malformed_examples.extend(other.malformed_examples);
        self.malformed_examples.sort();
        self.malformed_examples.truncate(MALFORMED_EXAMPLES);
        self.unreadable.extend(other.unreadable);
        self.unreadable.sort();
    }
}

/// Why SCPs cannot affect a request, before any account lookup.
fn unaffected(req: &Request, org: &Org) -> Option<Reason> {
    if req.not_a_call {
        return Some(Reason::NotACall);
    }
    match req.principal_kind {
        PrincipalKind::AwsService => return Some(Reason::AwsService),
        PrincipalKind::AwsAccount => return Some(Reason::CrossAccount),
        PrincipalKind::External => return Some(Reason::ExternalIdentity),
        _ => {}
    }
    if req.service_linked {
        return Some(Reason::ServiceLinkedRole);
    }
    if req.account == org.management_account {
        return Some(Reason::ManagementAccount);
    }
    if req.action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
        return Some(Reason::AlwaysAllowed);
    }
    if !org.live.contains_key(&req.account) && !org.proposed.contains_key(&req.account) {
        return Some(Reason::OutsideOrganization);
    }
    None
}

/// Reads events into a tally against one organization.
pub struct Simulation<'o> {
    pub org: &'o Org,
    pub tally: Tally,
}

impl Simulation<'_> {
    fn record(
        &mut self,
        outcome: Outcome,
        decision: Decision,
        live: Option<Decision>,
        missing: &[&str],
        req: &Request,
        (at, count): (Position, u64),
    ) {
        let Some(Denier { policy, sid, level }) = Denier::of(decision) else {
            return;
        };
        let mut decided_without: Vec<String> = missing.iter().map(|k| k.to_string()).collect();
        decided_without.sort_by_key(|k| k.to_ascii_lowercase());
        decided_without.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let key = GroupKey {
            outcome,
            policy,
            sid,
            level,
            live: live.and_then(Denier::of),
            decided_without,
            account: req.account.clone(),
            principal: req
                .principal_arn
                .clone()
                .unwrap_or_else(|| "(unnamed)".to_string()),
            action: req.action.clone(),
        };
        let group = self.tally.groups.entry(key).or_default();
        group.count += count;
        if group.examples.len() < EXAMPLES_PER_GROUP
            || group
                .examples
                .last()
                .is_some_and(|l| req.origin.event_time <= l.event_time)
        {
            group.add_example(Example {
                event_time: req.origin.event_time.clone(),
                event_id: req.origin.event_id.clone(),
                event_name: req.origin.event_name.clone(),
                region: req.region.clone(),
                file: at.file.to_string(),
            });
        }
    }
}

impl EventSink for Simulation<'_> {
    fn event(&mut self, at: Position, mut req: Request, count: u64) {
        self.tally.events += count;
        if let Some(reason) = unaffected(&req, self.org) {
            *self.tally.not_affected.entry(reason).or_default() += count;
            return;
        }
        req.context
            .set("aws:PrincipalOrgID", self.org.org_id.clone());
        if let Some(path) = self.org.org_paths.get(&req.account) {
            req.context.set("aws:PrincipalOrgPaths", path.clone());
        }
        let org = self.org;
        match (org.live.get(&req.account), org.proposed.get(&req.account)) {
            (Some(live), Some(proposed)) => {
                let mut missing = Vec::new();
                let now = evaluate_noting(live, &req, &mut missing);
                let then = evaluate_noting(proposed, &req, &mut missing);
                match (now.is_allowed(), then.is_allowed()) {
                    (true, true) => self.tally.allowed_by_both += count,
                    (true, false) => self.record(
                        Outcome::NewlyDenied,
                        then,
                        None,
                        &missing,
                        &req,
                        (at, count),
                    ),
                    (false, true) => self.record(
                        Outcome::AllowedAgain,
                        now,
                        None,
                        &missing,
                        &req,
                        (at, count),
                    ),
                    (false, false) => self.record(
                        Outcome::DeniedByBoth,
                        then,
                        Some(now),
                        &missing,
                        &req,
                        (at, count),
                    ),
                }
            }
            (Some(live), None) => {
                let e = self.tally.live_only.entry(req.account.clone()).or_default();
                if evaluate(live, &req).is_allowed() {
                    e.allowed += count;
                } else {
                    e.denied += count;
                }
            }
            (None, _) => {
                *self
                    .tally
                    .not_in_live
                    .entry(req.account.clone())
                    .or_default() += count
            }
        }
    }

    fn malformed(&mut self, at: Position, message: String) {
        self.tally.events += 1;
        self.tally.malformed += 1;
        if self.tally.malformed_examples.len() < MALFORMED_EXAMPLES {
            self.tally.malformed_examples.push(Malformed {
                file: at.file.to_string(),
                event: at.index,
                message,
            });
        }
    }

    fn unreadable(&mut self, file: &str, message: String) {
        self.tally.unreadable.push(Unreadable {
            file: file.to_string(),
            message,
        });
    }
}
