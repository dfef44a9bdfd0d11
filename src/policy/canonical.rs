//! The canonical form of an IAM policy document, so that formatting (key
//! order, a single value versus a one-element list, whitespace, statement and
//! list order, duplicates) is never reported as drift.

use serde_json::{Map, Value};

/// Elements whose value may be written as a string or a list of strings.
const LIST_ELEMENTS: [&str; 4] = ["Action", "NotAction", "Resource", "NotResource"];

/// The canonical form of a whole policy document.
pub fn canonical(document: &Value) -> Value {
    let Value::Object(top) = document else {
        return sorted(document);
    };
    let mut out = Map::new();
    let mut keys: Vec<&String> = top.keys().collect();
    keys.sort();
    for key in keys {
        let value = &top[key];
        let canonical_value = if key == "Statement" {
            let statements: Vec<Value> = match value {
                Value::Array(items) => items.iter().map(canonical_statement).collect(),
                other => vec![canonical_statement(other)],
            };
            Value::Array(sort_dedup(statements))
        } else {
            sorted(value)
        };
        out.insert(key.clone(), canonical_value);
    }
    Value::Object(out)
}

/// Compact canonical text: equal for two documents exactly when they mean
/// the same.
pub fn canonical_text(document: &Value) -> String {
    canonical(document).to_string()
}

/// Pretty canonical text, for diffs a reviewer reads.
pub fn canonical_pretty(document: &Value) -> String {
    serde_json::to_string_pretty(&canonical(document)).unwrap_or_default()
}

/// Parses policy text and returns its canonical compact text, or `None` when
/// the text is not JSON.
pub fn canonical_of_text(text: &str) -> Option<String> {
    serde_json::from_str::<Value>(text)
        .ok()
        .map(|v| canonical_text(&v))
}

fn canonical_statement(statement: &Value) -> Value {
    let Value::Object(map) = statement else {
        return sorted(statement);
    };
    let mut out = Map::new();
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for key in keys {
        let value = &map[key];
        let canonical_value = if LIST_ELEMENTS.contains(&key.as_str()) {
            string_set(value)
        } else if key == "Condition" {
            canonical_condition(value)
        } else if key == "Principal" || key == "NotPrincipal" {
            match value {
                Value::Object(kinds) => {
                    let mut p = Map::new();
                    let mut names: Vec<&String> = kinds.keys().collect();
                    names.sort();
                    for name in names {
                        p.insert(name.clone(), string_set(&kinds[name]));
                    }
                    Value::Object(p)
                }
                other => sorted(other),
            }
        } else {
            sorted(value)
        };
        out.insert(key.clone(), canonical_value);
    }
    Value::Object(out)
}

fn canonical_condition(condition: &Value) -> Value {
    let Value::Object(operators) = condition else {
        return sorted(condition);
    };
    let mut out = Map::new();
    let mut names: Vec<&String> = operators.keys().collect();
    names.sort();
    for name in names {
        let canonical_keys = match &operators[name] {
            Value::Object(keys) => {
                let mut k = Map::new();
                let mut key_names: Vec<&String> = keys.keys().collect();
                key_names.sort();
                for key in key_names {
                    k.insert(key.clone(), string_set(&keys[key]));
                }
                Value::Object(k)
            }
            other => sorted(other),
        };
        out.insert(name.clone(), canonical_keys);
    }
    Value::Object(out)
}

/// A value that IAM reads as a set of strings: always a sorted list without
/// duplicates; booleans and numbers become the strings IAM compares.
fn string_set(value: &Value) -> Value {
    let items: Vec<Value> = match value {
        Value::Array(items) => items.iter().map(scalar_as_string).collect(),
        other => vec![scalar_as_string(other)],
    };
    Value::Array(sort_dedup(items))
}

fn scalar_as_string(value: &Value) -> Value {
    match value {
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        other => sorted(other),
    }
}

fn sort_dedup(mut items: Vec<Value>) -> Vec<Value> {
    items.sort_by_cached_key(|v| v.to_string());
    items.dedup();
    items
}

/// Any JSON value with object keys sorted, recursively.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for key in keys {
                out.insert(key.clone(), sorted(&map[key]));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formatting_is_not_a_difference() {
        let a = json!({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": false}}}});
        let b = json!({"Statement": [{"Resource": ["*"], "Action": ["s3:*", "s3:*"], "Effect": "Deny",
            "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}}], "Version": "2012-10-17"});
        assert_eq!(canonical_text(&a), canonical_text(&b));
    }

    #[test]
    fn a_real_change_is_a_difference() {
        let a = json!({"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]});
        let b = json!({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]});
        assert_ne!(canonical_text(&a), canonical_text(&b));
    }

    #[test]
    fn statement_order_is_not_a_difference() {
        let s1 = json!({"Effect": "Deny", "Action": "a:b", "Resource": "*"});
        let s2 = json!({"Effect": "Deny", "Action": "c:d", "Resource": "*"});
        let a = json!({"Statement": [s1.clone(), s2.clone()]});
        let b = json!({"Statement": [s2, s1]});
        assert_eq!(canonical_text(&a), canonical_text(&b));
    }
}
