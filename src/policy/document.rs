//! A lenient reading of IAM policy documents (SCPs, RCPs, trust policies,
//! key policies) into their statements, for checks that ask who a
//! statement names and which keys it tests. Malformed parts are skipped:
//! `validate` reports grammar. What a statement allows or denies is the
//! evaluator's answer ([`super::eval`]); `covers` and `conditions` use its
//! pattern and condition semantics.

use serde_json::{Map, Value};

use super::condition::{self, Condition};
use super::pattern::matches_glob;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub allow: bool,
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    pub principal: Option<Principal>,
    /// Operator → condition key → values.
    pub condition: Map<String, Value>,
}

/// Who a statement in a resource policy applies to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Principal {
    /// `"Principal": "*"`.
    pub everyone: bool,
    pub aws: Vec<String>,
    pub service: Vec<String>,
    pub federated: Vec<String>,
}

impl Principal {
    /// `*` alone or inside `{"AWS": ...}`.
    pub fn is_everyone(&self) -> bool {
        self.everyone || self.aws.iter().any(|a| a == "*")
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

// `Document::parse`, the reader every caller uses, is in `super::lenient`.
impl Document {
    /// The statements of a JSON tree; what [`Document::parse`] reads
    /// without building one, which its tests compare against.
    #[cfg(test)]
    pub fn from_owned(value: Value) -> Document {
        let statements = match value {
            Value::Object(mut document) => match document.remove("Statement") {
                Some(Value::Array(items)) => items,
                Some(single @ Value::Object(_)) => vec![single],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        Document {
            statements: statements
                .into_iter()
                .filter_map(Statement::from_owned)
                .collect(),
        }
    }
}

/// A string or a list of strings, taken out of the JSON; anything else
/// (malformed) reads as none.
#[cfg(test)]
fn owned_strings(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The statements of a document as written: `Statement` is one object or a
/// list; `None` when it is neither. The evaluator compiles these.
pub fn statement_values(document: &Value) -> Option<Vec<&Value>> {
    match document.get("Statement") {
        Some(Value::Array(items)) => Some(items.iter().collect()),
        Some(single @ Value::Object(_)) => Some(vec![single]),
        _ => None,
    }
}

impl Statement {
    #[cfg(test)]
    fn from_owned(value: Value) -> Option<Statement> {
        let Value::Object(mut obj) = value else {
            return None;
        };
        let principal = obj.remove("Principal").map(|p| match p {
            Value::String(s) if s == "*" => Principal {
                everyone: true,
                ..Principal::default()
            },
            Value::Object(mut p) => Principal {
                everyone: false,
                aws: owned_strings(p.remove("AWS")),
                service: owned_strings(p.remove("Service")),
                federated: owned_strings(p.remove("Federated")),
            },
            _ => Principal::default(),
        });
        let text = |v: Option<Value>| match v {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        Some(Statement {
            sid: text(obj.remove("Sid")),
            allow: text(obj.remove("Effect")).as_deref() == Some("Allow"),
            actions: owned_strings(obj.remove("Action")),
            not_actions: owned_strings(obj.remove("NotAction")),
            resources: owned_strings(obj.remove("Resource")),
            principal,
            condition: match obj.remove("Condition") {
                Some(Value::Object(condition)) => condition,
                _ => Map::new(),
            },
        })
    }

    /// Whether the statement's Action/NotAction covers `action`, matched
    /// as the evaluator matches actions.
    pub fn covers(&self, action: &str) -> bool {
        let hit = |list: &[String]| list.iter().any(|p| matches_glob(p, action, true));
        if !self.actions.is_empty() {
            hit(&self.actions)
        } else if !self.not_actions.is_empty() {
            !hit(&self.not_actions)
        } else {
            false
        }
    }

    /// Every (operator, value) pair that tests `key`, case-insensitively
    /// as IAM compares condition keys, as written.
    fn tests_of<'s, 'k>(
        &'s self,
        key: &'k str,
    ) -> impl Iterator<Item = (&'s str, &'s Value)> + use<'s, 'k> {
        self.condition.iter().flat_map(move |(operator, tests)| {
            tests
                .as_object()
                .into_iter()
                .flatten()
                .filter(move |(k, _)| k.eq_ignore_ascii_case(key))
                .map(move |(_, v)| (operator.as_str(), v))
        })
    }

    /// Every (operator, values) pair that tests `key`.
    pub fn condition_on(&self, key: &str) -> Vec<(&str, Vec<String>)> {
        self.tests_of(key)
            .map(|(operator, v)| (operator, strings(Some(v))))
            .collect()
    }

    /// The statement's `Condition` compiled by the evaluator, or why it
    /// cannot be (an unknown operator, a value of the wrong type).
    pub fn conditions(&self) -> Result<Vec<Condition>, String> {
        if self.condition.is_empty() {
            return Ok(Vec::new());
        }
        condition::compile(&Value::Object(self.condition.clone()))
    }

    /// Whether any operator tests `key`. Asked of every statement of every
    /// trust policy, so it looks without collecting the values.
    pub fn has_condition_key(&self, key: &str) -> bool {
        self.tests_of(key).next().is_some()
    }

    /// A Deny of everything with no condition: a deliberate lockout.
    pub fn is_deny_all(&self) -> bool {
        !self.allow
            && self.actions.iter().any(|a| a == "*")
            && self.resources.iter().any(|r| r == "*")
            && self.condition.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_principals_actions_and_conditions() {
        let doc = Document::parse(
            r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"], "Federated": "x"},
                "NotAction": "iam:*", "Condition": {"StringEquals": {"AWS:PrincipalOrgID": "o-1"}}}}"#,
        );
        let s = &doc.statements[0];
        assert!(s.allow && s.principal.as_ref().is_some_and(Principal::is_everyone));
        assert!(s.covers("s3:GetObject") && !s.covers("IAM:CreateRole"));
        assert_eq!(
            s.condition_on("aws:principalorgid"),
            vec![("StringEquals", vec!["o-1".to_string()])]
        );
        assert!(Document::parse("not json").statements.is_empty());
    }
}
