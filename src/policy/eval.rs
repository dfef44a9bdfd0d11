//! The organization-policy evaluator (SCPs and RCPs alike): one statement,
//! one policy, and the organization's rule that an allow is needed at
//! every level from the root down to the account while any deny on that
//! path wins.

use std::sync::Arc;

use serde_json::Value;

use super::condition::{self, Condition};
use super::document::statement_values;
use super::pattern::{Template, Token, compile_glob, matches};
use super::request::Request;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Allow,
    Deny,
}

/// `Action` or `NotAction`, `Resource` or `NotResource`.
#[derive(Debug, Clone)]
enum Match<T> {
    Is(Vec<T>),
    Not(Vec<T>),
}

#[derive(Debug, Clone)]
struct Statement {
    sid: Option<String>,
    effect: Effect,
    actions: Match<Vec<Token>>,
    resources: Match<Template>,
    conditions: Vec<Condition>,
}

/// An SCP ready to evaluate.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    pub name: String,
    statements: Vec<Statement>,
}

impl CompiledPolicy {
    /// Compiles a policy document; the error says what is wrong with it.
    pub fn compile(name: &str, text: &str) -> Result<Self, String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
        let statements = statement_values(&doc)
            .ok_or_else(|| "the policy has no `Statement` list".to_string())?;
        let statements = statements
            .into_iter()
            .map(compile_statement)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CompiledPolicy {
            name: name.to_string(),
            statements,
        })
    }
}

fn strings(value: &Value, element: &str) -> Result<Vec<String>, String> {
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("`{element}` values must be strings"))
            })
            .collect(),
        _ => Err(format!("`{element}` must be a string or a list of strings")),
    }
}

fn compile_statement(s: &Value) -> Result<Statement, String> {
    let effect = match s.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => return Err("a statement's `Effect` must be \"Allow\" or \"Deny\"".to_string()),
    };
    let actions = match (s.get("Action"), s.get("NotAction")) {
        (Some(a), None) => Match::Is(
            strings(a, "Action")?
                .iter()
                .map(|a| compile_glob(a))
                .collect(),
        ),
        (None, Some(a)) => Match::Not(
            strings(a, "NotAction")?
                .iter()
                .map(|a| compile_glob(a))
                .collect(),
        ),
        _ => return Err("a statement needs exactly one of `Action` and `NotAction`".to_string()),
    };
    let resources = match (s.get("Resource"), s.get("NotResource")) {
        (Some(r), None) => Match::Is(
            strings(r, "Resource")?
                .iter()
                .map(|r| Template::parse(r))
                .collect(),
        ),
        (None, Some(r)) => Match::Not(
            strings(r, "NotResource")?
                .iter()
                .map(|r| Template::parse(r))
                .collect(),
        ),
        _ => {
            return Err(
                "a statement needs exactly one of `Resource` and `NotResource`".to_string(),
            );
        }
    };
    let conditions = match s.get("Condition") {
        Some(c) => condition::compile(c)?,
        None => Vec::new(),
    };
    Ok(Statement {
        sid: s.get("Sid").and_then(Value::as_str).map(str::to_string),
        effect,
        actions,
        resources,
        conditions,
    })
}

/// Whether a statement applies to a request, and which condition keys the
/// request lacks that this depended on.
enum Applies<'s> {
    No,
    /// The action and resource match but a condition fails; `missing` are
    /// the failing conditions' keys the request does not carry.
    FailsOn {
        missing: Vec<&'s str>,
    },
    /// Every condition holds; `missing` are those that hold only by the
    /// rule for an absent key (`...IfExists`, a negated operator, `Null`).
    Yes {
        missing: Vec<&'s str>,
    },
}

impl Statement {
    fn applies(&self, req: &Request) -> bool {
        self.targets(req) && self.conditions.iter().all(|c| c.holds(&req.context))
    }

    /// Whether the action and the resource are this statement's.
    fn targets(&self, req: &Request) -> bool {
        let action_hit =
            |patterns: &[Vec<Token>]| patterns.iter().any(|p| matches(p, &req.action, true));
        let action_ok = match &self.actions {
            Match::Is(p) => action_hit(p),
            Match::Not(p) => !action_hit(p),
        };
        action_ok && self.resource_applies(req)
    }

    fn applies_noting(&self, req: &Request) -> Applies<'_> {
        if !self.targets(req) {
            return Applies::No;
        }
        let mut held_absent = Vec::new();
        let mut failed_absent = Vec::new();
        let mut failed = false;
        for c in &self.conditions {
            let holds = c.holds(&req.context);
            let absent = c.key_absent(&req.context);
            match (holds, absent) {
                (true, true) => held_absent.push(c.written_key()),
                (false, true) => failed_absent.push(c.written_key()),
                (false, false) => failed = true,
                (true, false) => {}
            }
            if failed {
                // A condition that fails on a value the request carries
                // decides alone: no missing key could change the outcome.
                return Applies::FailsOn {
                    missing: Vec::new(),
                };
            }
        }
        if failed_absent.is_empty() {
            Applies::Yes {
                missing: held_absent,
            }
        } else {
            Applies::FailsOn {
                missing: failed_absent,
            }
        }
    }

    /// A request whose resources CloudTrail does not list only matches `*`:
    /// a statement about named resources cannot be shown to apply.
    fn resource_applies(&self, req: &Request) -> bool {
        let hit = |patterns: &[Template], resource: &str| {
            patterns.iter().any(|p| {
                !p.variable_in_arn_head()
                    && p.resolve_pattern(&req.context)
                        .is_some_and(|tokens| matches(&tokens, resource, false))
            })
        };
        let star = |patterns: &[Template]| patterns.iter().any(Template::is_any);
        match &self.resources {
            Match::Is(p) if req.resources.is_empty() => star(p),
            Match::Not(p) if req.resources.is_empty() => !star(p),
            Match::Is(p) => req.resources.iter().any(|r| hit(p, r)),
            Match::Not(p) => req.resources.iter().any(|r| !hit(p, r)),
        }
    }
}

/// The SCPs attached at one level of an account's path.
#[derive(Debug, Clone)]
pub struct Level {
    /// "root", "OU Foundational/Workloads", "account 444444444444".
    pub label: String,
    pub policies: Vec<Arc<CompiledPolicy>>,
}

/// What the SCPs on an account's path decide for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision<'a> {
    Allowed,
    /// An explicit deny: the first one met from the root down.
    Denied {
        policy: &'a str,
        sid: Option<&'a str>,
        level: &'a str,
    },
    /// No SCP at this level allows the call.
    NotAllowed {
        level: &'a str,
    },
}

impl Decision<'_> {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed)
    }
}

/// Evaluates a request against the levels from the root down to the
/// account, adding to `missing` the condition keys the request lacks that
/// the decision rests on: those of the deciding deny's conditions that
/// held only because the key is absent; for an allowed call, those whose
/// absence kept a deny from applying; for a call no SCP allows, those
/// whose absence kept an allow at that level from applying. Keys are
/// spelled as the policy writes them, each once.
pub fn evaluate_noting<'a>(
    levels: &'a [Level],
    req: &Request,
    missing: &mut Vec<&'a str>,
) -> Decision<'a> {
    let note = |keys: Vec<&'a str>, missing: &mut Vec<&'a str>| {
        for k in keys {
            if !missing.iter().any(|m| m.eq_ignore_ascii_case(k)) {
                missing.push(k);
            }
        }
    };
    let mut skipped_denies = Vec::new();
    for level in levels {
        for policy in &level.policies {
            for s in &policy.statements {
                if s.effect != Effect::Deny {
                    continue;
                }
                match s.applies_noting(req) {
                    Applies::Yes { missing: keys } => {
                        note(keys, missing);
                        return Decision::Denied {
                            policy: &policy.name,
                            sid: s.sid.as_deref(),
                            level: &level.label,
                        };
                    }
                    Applies::FailsOn { missing: keys } => skipped_denies.extend(keys),
                    Applies::No => {}
                }
            }
        }
    }
    for level in levels {
        let mut skipped_allows = Vec::new();
        let mut allowed = false;
        'policies: for p in &level.policies {
            for s in p.statements.iter().filter(|s| s.effect == Effect::Allow) {
                match s.applies_noting(req) {
                    Applies::Yes { .. } => {
                        allowed = true;
                        break 'policies;
                    }
                    Applies::FailsOn { missing: keys } => skipped_allows.extend(keys),
                    Applies::No => {}
                }
            }
        }
        if !allowed {
            note(skipped_allows, missing);
            return Decision::NotAllowed {
                level: &level.label,
            };
        }
    }
    note(skipped_denies, missing);
    Decision::Allowed
}

/// Evaluates a request against the levels from the root down to the
/// account.
pub fn evaluate<'a>(levels: &'a [Level], req: &Request) -> Decision<'a> {
    for level in levels {
        for policy in &level.policies {
            for s in &policy.statements {
                if s.effect == Effect::Deny && s.applies(req) {
                    return Decision::Denied {
                        policy: &policy.name,
                        sid: s.sid.as_deref(),
                        level: &level.label,
                    };
                }
            }
        }
    }
    for level in levels {
        let allowed = level.policies.iter().any(|p| {
            p.statements
                .iter()
                .any(|s| s.effect == Effect::Allow && s.applies(req))
        });
        if !allowed {
            return Decision::NotAllowed {
                level: &level.label,
            };
        }
    }
    Decision::Allowed
}
