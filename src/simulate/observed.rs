//! The watch step after attaching a guardrail: the calls CloudTrail
//! recorded as denied by an SCP or RCP, grouped by guardrail kind, account,
//! principal and action.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::cloudtrail::{EventSink, Position};
use super::tally::{EXAMPLES_PER_GROUP, Example, Unreadable};
use crate::policy::request::{Guardrail, Request};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    guardrail: Guardrail,
    account: String,
    principal: String,
    action: String,
}

/// Denials counted so far; merged across threads.
#[derive(Debug, Default)]
pub struct Observed {
    pub files: u64,
    pub events: u64,
    pub malformed: u64,
    pub unreadable: Vec<Unreadable>,
    groups: HashMap<Key, (u64, Vec<Example>)>,
}

impl Observed {
    pub fn merge(&mut self, other: Observed) {
        self.files += other.files;
        self.events += other.events;
        self.malformed += other.malformed;
        self.unreadable.extend(other.unreadable);
        self.unreadable.sort();
        for (key, (count, examples)) in other.groups {
            let mine = self.groups.entry(key).or_default();
            mine.0 += count;
            for e in examples {
                add_example(&mut mine.1, e);
            }
        }
    }
}

/// Keeps the earliest examples, whatever order threads read in.
fn add_example(examples: &mut Vec<Example>, example: Example) {
    examples.push(example);
    examples.sort();
    examples.truncate(EXAMPLES_PER_GROUP);
}

impl EventSink for Observed {
    fn event(&mut self, at: Position, req: Request, count: u64) {
        self.events += count;
        let Some(guardrail) = req.denied_by else {
            return;
        };
        let key = Key {
            guardrail,
            account: req.account.clone(),
            principal: req
                .principal_arn
                .clone()
                .unwrap_or_else(|| "(unnamed)".to_string()),
            action: req.action.clone(),
        };
        let group = self.groups.entry(key).or_default();
        group.0 += count;
        if group.1.len() < EXAMPLES_PER_GROUP
            || group
                .1
                .last()
                .is_some_and(|l| req.origin.event_time <= l.event_time)
        {
            add_example(
                &mut group.1,
                Example {
                    event_time: req.origin.event_time.clone(),
                    event_id: req.origin.event_id.clone(),
                    event_name: req.origin.event_name.clone(),
                    region: req.region.clone(),
                    file: at.file.to_string(),
                },
            );
        }
    }

    fn malformed(&mut self, _at: Position, _message: String) {
        self.events += 1;
        self.malformed += 1;
    }

    fn unreadable(&mut self, file: &str, message: String) {
        self.unreadable.push(Unreadable {
            file: file.to_string(),
            message,
        });
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservedGroup {
    pub guardrail: Guardrail,
    pub count: u64,
    pub account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    pub principal: String,
    pub action: String,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservedReport {
    pub files: u64,
    pub events: u64,
    /// Calls denied by an SCP or RCP.
    pub denied: u64,
    pub by_guardrail: BTreeMap<Guardrail, u64>,
    pub groups: Vec<ObservedGroup>,
    pub malformed: u64,
    pub unreadable_files: Vec<Unreadable>,
}

/// Builds the report, largest group first; `names` maps account ids to
/// names.
pub fn build(observed: Observed, names: &HashMap<String, String>) -> ObservedReport {
    let mut by_guardrail = BTreeMap::new();
    let mut groups: Vec<ObservedGroup> = observed
        .groups
        .into_iter()
        .map(|(key, (count, examples))| {
            *by_guardrail.entry(key.guardrail).or_default() += count;
            ObservedGroup {
                guardrail: key.guardrail,
                count,
                account_name: names.get(&key.account).cloned(),
                account: key.account,
                principal: key.principal,
                action: key.action,
                examples,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| {
            (a.guardrail, &a.account, &a.principal, &a.action).cmp(&(
                b.guardrail,
                &b.account,
                &b.principal,
                &b.action,
            ))
        })
    });
    ObservedReport {
        files: observed.files,
        events: observed.events,
        denied: groups.iter().map(|g| g.count).sum(),
        by_guardrail,
        groups,
        malformed: observed.malformed,
        unreadable_files: observed.unreadable,
    }
}
