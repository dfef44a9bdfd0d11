//! JSON parsed into a tree that remembers where every value and key came
//! from, so problems in a policy document can point at the exact text.

use std::ops::Range;

use jsonc_parser::ast;
use serde_json::{Map, Number, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// A JSON syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Range<usize>,
    /// What to do, when it is not "fix the syntax".
    pub help: Option<&'static str>,
}

/// Parses strict JSON: no comments, no trailing commas, no bare keys.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    crate::nesting::check(text, crate::nesting::Syntax::Json).map_err(|deep| SyntaxError {
        message: deep.message(),
        help: Some(deep.help()),
        span: deep.span,
    })?;
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let range = e.range();
        SyntaxError {
            message: e.kind().to_string().to_lowercase(),
            span: range.start..range.end.max(range.start + 1),
            help: None,
        }
    })?;
    // jsonc-parser's messages are the friendlier; serde_json catches what
    // it lets through.
    strict(text)?;
    let value = parsed.value.ok_or_else(|| SyntaxError {
        message: "the file holds no JSON value".to_string(),
        span: 0..text.len().max(1),
        help: None,
    })?;
    convert(value)
}

/// jsonc-parser, which keeps positions, also accepts some text that is not
/// JSON (a missing comma between members), which AWS rejects; serde_json
/// is strict, so it decides what is JSON.
fn strict(text: &str) -> Result<(), SyntaxError> {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Ok(()),
        Err(e) => {
            let line_start: usize = text
                .split_inclusive('\n')
                .take(e.line().saturating_sub(1))
                .map(str::len)
                .sum();
            let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Err(SyntaxError {
                message,
                span: at..(at + 1).min(text.len().max(at)),
                help: None,
            })
        }
    }
}

fn convert(value: ast::Value<'_>) -> Result<Node, SyntaxError> {
    Ok(match value {
        ast::Value::StringLit(s) => Node {
            span: s.range.start..s.range.end,
            kind: Kind::String(s.value.into_owned()),
        },
        ast::Value::NumberLit(n) => {
            let span = n.range.start..n.range.end;
            let number = n
                .value
                .parse::<serde_json::Number>()
                .map_err(|_| SyntaxError {
                    message: format!("`{}` is not a valid JSON number", n.value),
                    span: span.clone(),
                    help: None,
                })?;
            Node {
                span,
                kind: Kind::Number(number),
            }
        }
        ast::Value::BooleanLit(b) => Node {
            span: b.range.start..b.range.end,
            kind: Kind::Bool(b.value),
        },
        ast::Value::NullKeyword(n) => Node {
            span: n.range.start..n.range.end,
            kind: Kind::Null,
        },
        ast::Value::Array(a) => Node {
            span: a.range.start..a.range.end,
            kind: Kind::Array(
                a.elements
                    .into_iter()
                    .map(convert)
                    .collect::<Result<_, _>>()?,
            ),
        },
        ast::Value::Object(o) => {
            let span = o.range.start..o.range.end;
            let mut members = Vec::with_capacity(o.properties.len());
            for prop in o.properties {
                let (key, key_span) = match prop.name {
                    ast::ObjectPropName::String(s) => {
                        (s.value.into_owned(), s.range.start..s.range.end)
                    }
                    ast::ObjectPropName::Word(w) => {
                        (w.value.to_string(), w.range.start..w.range.end)
                    }
                };
                members.push(Member {
                    key,
                    key_span,
                    value: convert(prop.value)?,
                });
            }
            Node {
                span,
                kind: Kind::Object(members),
            }
        }
    })
}

impl Node {
    pub fn new(span: Range<usize>, kind: Kind) -> Self {
        Node { span, kind }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn members(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The first member with this key.
    pub fn get(&self, key: &str) -> Option<&Member> {
        self.members()?.iter().find(|m| m.key == key)
    }

    /// What kind of JSON value this is, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "a list",
            Kind::Object(_) => "an object",
        }
    }

    /// The plain JSON value, keys in the order they were written.
    pub fn to_value(&self) -> Value {
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => Value::Number(n.clone()),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Kind::Object(members) => {
                let mut map = Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_comma_is_a_syntax_error_at_the_next_member() {
        let text = "{\n  \"Effect\": \"Deny\"\n  \"Action\": \"*\"\n}";
        let e = parse(text).expect_err("not JSON");
        assert_eq!(e.message, "expected `,` or `}`");
        assert_eq!(&text[e.span.clone()], "\"");
        assert_eq!(text[..e.span.start].lines().count(), 3);
    }

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let text = r#"{"Version": "2012-10-17", "Statement": []}"#;
        let node = parse(text).unwrap();
        let version = node.get("Version").unwrap();
        assert_eq!(&text[version.key_span.clone()], "\"Version\"");
        assert_eq!(&text[version.value.span.clone()], "\"2012-10-17\"");
    }

    #[test]
    fn rejects_comments_and_trailing_commas() {
        assert!(parse("{\"a\": 1,}").is_err());
        assert!(parse("// c\n{}").is_err());
        let err = parse("{\n  \"a\": \n}").unwrap_err();
        assert!(err.span.start > 0);
    }

    #[test]
    fn keeps_key_order_and_duplicates() {
        let node = parse(r#"{"b": 1, "a": 2, "b": 3}"#).unwrap();
        let keys: Vec<_> = node
            .members()
            .unwrap()
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(keys, ["b", "a", "b"]);
    }
}
