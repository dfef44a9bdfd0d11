//! The SCP evaluator: one statement, one policy, and the organization's
//! rule that an allow is needed at every level from the root down to the
//! account while any deny on that path wins.

use std::sync::Arc;

use serde_json::Value;

use super::condition::{self, Condition};
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

/// The AWS-managed allow-all SCP.
pub const FULL_AWS_ACCESS_DOCUMENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

impl CompiledPolicy {
    /// Compiles a policy document; the error says what is wrong with it.
    pub fn compile(name: &str, text: &str) -> Result<Self, String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
        let statements = match doc.get("Statement") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(single @ Value::Object(_)) => vec![single],
            _ => return Err("the policy has no `Statement` list".to_string()),
        };
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

impl Statement {
    fn applies(&self, req: &Request) -> bool {
        let action_hit =
            |patterns: &[Vec<Token>]| patterns.iter().any(|p| matches(p, &req.action, true));
        let action_ok = match &self.actions {
            Match::Is(p) => action_hit(p),
            Match::Not(p) => !action_hit(p),
        };
        action_ok
            && self.resource_applies(req)
            && self.conditions.iter().all(|c| c.holds(&req.context))
    }

    /// A request whose resources CloudTrail does not list only matches `*`:
    /// a statement about named resources cannot be shown to apply.
    fn resource_applies(&self, req: &Request) -> bool {
        let hit = |patterns: &[Template], resource: &str| {
            patterns.iter().any(|p| {
                p.resolve_pattern(&req.context)
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
