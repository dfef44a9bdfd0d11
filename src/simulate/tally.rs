//! Classifying each event against the live and the proposed SCPs (of the
//! caller's account) and RCPs (of the resource's account), keeping only
//! counters and a few examples per group so memory stays flat.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::chains::Guardrails;
use super::cloudtrail::{EventSink, Position};
use crate::policy::eval::{Decision, evaluate_noting};
use crate::policy::kinds::PolicyKind;
use crate::policy::rcp_services::RcpServices;
use crate::policy::request::{PrincipalKind, Request};

/// How many example events each group keeps.
pub const EXAMPLES_PER_GROUP: usize = 3;
/// How many malformed events are named in the report (all are counted).
pub const MALFORMED_EXAMPLES: usize = 20;

/// Why neither SCPs nor RCPs can affect an event (the SCP reason; RCPs
/// did not apply either).
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

/// A statement that denies, or the level where no policy of its kind
/// allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Denier {
    /// SCP (the caller's path) or RCP (the resource's path).
    pub kind: PolicyKind,
    pub policy: String,
    pub sid: Option<String>,
    /// Where on the path it is attached.
    pub level: String,
}

impl Denier {
    fn of(verdict: Verdict) -> Option<Denier> {
        let kind = verdict.kind;
        match verdict.decision {
            Decision::Denied { policy, sid, level } => Some(Denier {
                kind,
                policy: policy.to_string(),
                sid: sid.map(str::to_string),
                level: level.to_string(),
            }),
            Decision::NotAllowed { level } => Some(Denier {
                kind,
                policy: no_policy_allows(kind),
                sid: None,
                level: level.to_string(),
            }),
            Decision::Allowed => None,
        }
    }
}

/// The policy name a group shows when no policy of a kind at a level
/// allows the call: "(no SCP allows it)".
pub fn no_policy_allows(kind: PolicyKind) -> String {
    format!("(no {kind} allows it)")
}

/// What the SCPs and RCPs together decide for one request: the first
/// kind that denies, or allowed.
#[derive(Debug, Clone, Copy)]
pub struct Verdict<'a> {
    pub kind: PolicyKind,
    pub decision: Decision<'a>,
}

impl Verdict<'_> {
    fn is_allowed(&self) -> bool {
        self.decision.is_allowed()
    }
}

/// Evaluates a request against one side's SCP path of `caller` and RCP
/// path of `resource_owner` (each when it applies); an SCP deny is named
/// before an RCP deny.
fn decide<'a>(
    side: &'a Guardrails,
    caller: Option<&str>,
    resource_owner: Option<&str>,
    req: &Request,
    missing: &mut Vec<&'a str>,
) -> Verdict<'a> {
    let paths = [
        (PolicyKind::Scp, caller.and_then(|a| side.scps.get(a))),
        (
            PolicyKind::Rcp,
            resource_owner.and_then(|a| side.rcps.get(a)),
        ),
    ];
    for (kind, levels) in paths {
        if let Some(levels) = levels {
            let decision = evaluate_noting(levels, req, missing);
            if !decision.is_allowed() {
                return Verdict { kind, decision };
            }
        }
    }
    Verdict {
        kind: PolicyKind::Scp,
        decision: Decision::Allowed,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupKey {
    pub outcome: Outcome,
    /// Which kind of policy decides: SCP or RCP.
    pub kind: PolicyKind,
    /// The SCP that denies (for allowed-again events: the live one that did).
    pub policy: String,
    pub sid: Option<String>,
    /// Where on the path it is attached.
    pub level: String,
    pub account: String,
    /// The account whose resource was called, when an RCP decides either
    /// side.
    pub resource_account: Option<String>,
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
    pub live: Guardrails,
    pub proposed: Guardrails,
    /// Account id → `aws:PrincipalOrgPaths`, from the live organization.
    pub org_paths: HashMap<String, String>,
    /// The services RCPs apply to, with what the layout adds.
    pub rcp_services: RcpServices,
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
fn scp_exempt(req: &Request, org: &Org) -> Option<Reason> {
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
    if !org.live.scps.contains_key(&req.account) && !org.proposed.scps.contains_key(&req.account) {
        return Some(Reason::OutsideOrganization);
    }
    None
}

/// The account whose RCPs apply to a request, when any can: a call (by
/// anyone but a service-linked role) on a resource of a member account,
/// for a service RCPs support. RCPs do limit AWS service principals and
/// callers from other accounts, which SCPs never see.
fn rcp_owner<'r>(req: &'r Request, org: &Org) -> Option<&'r str> {
    if req.not_a_call || req.service_linked {
        return None;
    }
    let owner = req.resource_account.as_deref()?;
    if owner == org.management_account {
        return None;
    }
    let service = req.action.split_once(':').map_or("", |(s, _)| s);
    let has_rcps = org.live.rcps.contains_key(owner) || org.proposed.rcps.contains_key(owner);
    (has_rcps && org.rcp_services.supports(service)).then_some(owner)
}

/// Reads events into a tally against one organization.
pub struct Simulation<'o> {
    pub org: &'o Org,
    pub tally: Tally,
}

impl Simulation<'_> {
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        outcome: Outcome,
        verdict: Verdict,
        live: Option<Verdict>,
        missing: &[&str],
        req: &Request,
        owner: Option<&str>,
        (at, count): (Position, u64),
    ) {
        let Some(Denier {
            kind,
            policy,
            sid,
            level,
        }) = Denier::of(verdict)
        else {
            return;
        };
        let mut decided_without: Vec<String> = missing.iter().map(|k| k.to_string()).collect();
        decided_without.sort_by_key(|k| k.to_ascii_lowercase());
        decided_without.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let live = live.and_then(Denier::of);
        let rcp_decides =
            kind == PolicyKind::Rcp || live.as_ref().is_some_and(|d| d.kind == PolicyKind::Rcp);
        let key = GroupKey {
            outcome,
            kind,
            policy,
            sid,
            level,
            live,
            decided_without,
            account: req.account.clone(),
            resource_account: owner.filter(|_| rcp_decides).map(str::to_string),
            principal: req.principal_label(),
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
        let org = self.org;
        let exempt = scp_exempt(&req, org);
        if exempt.is_none() {
            let in_live = org.live.scps.contains_key(&req.account);
            let in_layout = org.proposed.scps.contains_key(&req.account);
            if !in_layout {
                // The layout does not place the account: live policies only.
                let owner = rcp_owner(&req, org);
                let now = decide(&org.live, Some(&req.account), owner, &req, &mut Vec::new());
                let e = self.tally.live_only.entry(req.account.clone()).or_default();
                if now.is_allowed() {
                    e.allowed += count;
                } else {
                    e.denied += count;
                }
                return;
            }
            if !in_live {
                *self
                    .tally
                    .not_in_live
                    .entry(req.account.clone())
                    .or_default() += count;
                return;
            }
        }
        let owner = rcp_owner(&req, org).map(str::to_string);
        if let (Some(reason), None) = (exempt, &owner) {
            *self.tally.not_affected.entry(reason).or_default() += count;
            return;
        }
        // A principal of the organization carries its org keys; a service
        // principal or an outside caller does not.
        if req.principal_kind != PrincipalKind::AwsService
            && let Some(path) = org.org_paths.get(&req.account)
        {
            req.context.set("aws:PrincipalOrgID", org.org_id.clone());
            req.context.set("aws:PrincipalOrgPaths", path.clone());
        }
        let caller = exempt.is_none().then_some(req.account.as_str());
        let owner = owner.as_deref();
        let mut missing = Vec::new();
        let now = decide(&org.live, caller, owner, &req, &mut missing);
        let then = decide(&org.proposed, caller, owner, &req, &mut missing);
        let outcome = match (now.is_allowed(), then.is_allowed()) {
            (true, true) => {
                self.tally.allowed_by_both += count;
                return;
            }
            (true, false) => (Outcome::NewlyDenied, then, None),
            (false, true) => (Outcome::AllowedAgain, now, None),
            (false, false) => (Outcome::DeniedByBoth, then, Some(now)),
        };
        let (outcome, verdict, live) = outcome;
        self.record(outcome, verdict, live, &missing, &req, owner, (at, count));
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
