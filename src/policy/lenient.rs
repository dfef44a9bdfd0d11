//! Reads a policy document's statements straight from its JSON text, with
//! the leniency of [`Document::parse`]: a part of the wrong type reads as
//! absent, a repeated key keeps its last value, and only text that is not
//! JSON fails. Parts that are ignored are still read through as a
//! `serde_json::Value` would be (numbers parsed, strings unescaped), so
//! exactly the texts that failed before fail now. An organization's
//! trust and key policies are tens of thousands of documents: building a
//! JSON tree of each only to take it apart again was most of their cost.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::document::{Document, Principal, Statement};

impl Document {
    /// Reads the statements; text that is not JSON reads as none.
    pub fn parse(text: &str) -> Document {
        parse(text).unwrap_or_default()
    }
}

/// Parses `text`; `None` when it is not JSON.
pub fn parse(text: &str) -> Option<Document> {
    serde_json::from_str::<Top>(text)
        .ok()
        .map(|top| Document { statements: top.0 })
}

/// The keys this reader looks for; any other reads as `Other`.
enum Key {
    Statement,
    Sid,
    Effect,
    Action,
    NotAction,
    Resource,
    Principal,
    Condition,
    Aws,
    Service,
    Federated,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "Statement" => Key::Statement,
                    "Sid" => Key::Sid,
                    "Effect" => Key::Effect,
                    "Action" => Key::Action,
                    "NotAction" => Key::NotAction,
                    "Resource" => Key::Resource,
                    "Principal" => Key::Principal,
                    "Condition" => Key::Condition,
                    "AWS" => Key::Aws,
                    "Service" => Key::Service,
                    "Federated" => Key::Federated,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// Visitor methods for the JSON values a lenient part does not want: each
/// is read through (see [`Skip`]) and yields `$absent`.
macro_rules! absent_otherwise {
    (@ str $absent:expr) => {
        fn visit_str<E: Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($absent)
        }
    };
    (@ seq $absent:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<Skip>()?.is_some() {}
            Ok($absent)
        }
    };
    (@ map $absent:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_key::<Skip>()?.is_some() {
                map.next_value::<Skip>()?;
            }
            Ok($absent)
        }
    };
    ($absent:expr; $($skip:ident),*) => {
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_i64<E: Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_u64<E: Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        $(absent_otherwise!(@ $skip $absent);)*
    };
}

/// A value read and dropped. It asks serde_json for whatever comes, as
/// `Value` does, so the same texts fail (a number out of range, a bad
/// escape), but keeps nothing.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            absent_otherwise!(Skip; str, seq, map);
        }
        d.deserialize_any(V)
    }
}

/// The document: its `Statement`, when that is a list or one object.
struct Top(Vec<Statement>);

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a policy document")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
                let mut statements = Vec::new();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Statement => statements = map.next_value::<Statements>()?.0,
                        _ => {
                            map.next_value::<Skip>()?;
                        }
                    }
                }
                Ok(Top(statements))
            }
            absent_otherwise!(Top(Vec::new()); str, seq);
        }
        d.deserialize_any(V)
    }
}

/// `Statement`: a list (its objects are statements, anything else is
/// skipped) or a single object.
struct Statements(Vec<Statement>);

impl<'de> Deserialize<'de> for Statements {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Statements;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("statements")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Statements, A::Error> {
                let mut statements = Vec::new();
                while let Some(item) = seq.next_element::<MaybeStatement>()? {
                    statements.extend(item.0);
                }
                Ok(Statements(statements))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Statements, A::Error> {
                Ok(Statements(vec![statement(map)?]))
            }
            absent_otherwise!(Statements(Vec::new()); str);
        }
        d.deserialize_any(V)
    }
}

/// An item of the `Statement` list: a statement when it is an object.
struct MaybeStatement(Option<Statement>);

impl<'de> Deserialize<'de> for MaybeStatement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MaybeStatement;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a statement")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MaybeStatement, A::Error> {
                Ok(MaybeStatement(Some(statement(map)?)))
            }
            absent_otherwise!(MaybeStatement(None); str, seq);
        }
        d.deserialize_any(V)
    }
}

fn statement<'de, A: MapAccess<'de>>(mut map: A) -> Result<Statement, A::Error> {
    let mut s = Statement::default();
    let mut effect = None;
    while let Some(key) = map.next_key::<Key>()? {
        match key {
            Key::Sid => s.sid = map.next_value::<Text>()?.0,
            Key::Effect => effect = map.next_value::<Text>()?.0,
            Key::Action => s.actions = map.next_value::<Strings>()?.0,
            Key::NotAction => s.not_actions = map.next_value::<Strings>()?.0,
            Key::Resource => s.resources = map.next_value::<Strings>()?.0,
            Key::Principal => s.principal = Some(map.next_value::<Who>()?.0),
            Key::Condition => {
                s.condition = match map.next_value::<Value>()? {
                    Value::Object(condition) => condition,
                    _ => Map::new(),
                }
            }
            _ => {
                map.next_value::<Skip>()?;
            }
        }
    }
    s.allow = effect.as_deref() == Some("Allow");
    Ok(s)
}

/// `Principal`: `"*"`, or an object of `AWS`, `Service` and `Federated`;
/// anything else names nobody.
struct Who(Principal);

impl<'de> Deserialize<'de> for Who {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Who;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a principal")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Who, E> {
                Ok(Who(Principal {
                    everyone: text == "*",
                    ..Principal::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Who, A::Error> {
                let mut p = Principal::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Aws => p.aws = map.next_value::<Strings>()?.0,
                        Key::Service => p.service = map.next_value::<Strings>()?.0,
                        Key::Federated => p.federated = map.next_value::<Strings>()?.0,
                        _ => {
                            map.next_value::<Skip>()?;
                        }
                    }
                }
                Ok(Who(p))
            }
            absent_otherwise!(Who(Principal::default()); seq);
        }
        d.deserialize_any(V)
    }
}

/// A string or a list of strings (other items skipped); else none.
struct Strings(Vec<String>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Strings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("strings")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Strings, E> {
                Ok(Strings(vec![text.to_string()]))
            }
            fn visit_string<E: Error>(self, text: String) -> Result<Strings, E> {
                Ok(Strings(vec![text]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Text>()? {
                    items.extend(item.0);
                }
                Ok(Strings(items))
            }
            absent_otherwise!(Strings(Vec::new()); map);
        }
        d.deserialize_any(V)
    }
}

/// A string; anything else reads as none.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text(Some(text.to_string())))
            }
            fn visit_string<E: Error>(self, text: String) -> Result<Text, E> {
                Ok(Text(Some(text)))
            }
            absent_otherwise!(Text(None); seq, map);
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Document::parse` read before this reader: the JSON tree,
    /// taken apart.
    fn through_tree(text: &str) -> Document {
        serde_json::from_str::<Value>(text)
            .map(Document::from_owned)
            .unwrap_or_default()
    }

    #[test]
    fn reads_every_shape_as_the_json_tree_does() {
        let texts = [
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"sts:AssumeRole"}]}"#,
            r#"{"Statement":{"Effect":"Deny","NotAction":["iam:*",3,"s3:*"],"Resource":"*","Condition":{"Bool":{"aws:x":"true"}}}}"#,
            r#"{"Statement":[1,"x",null,{"Effect":"Allow","Principal":"*","Action":["kms:*"]},[{"Effect":"Allow"}]]}"#,
            r#"{"Statement":[{"Principal":"x"},{"Principal":["*"]},{"Principal":null},{"Principal":{"AWS":["a",{"b":1}],"Service":"s","Federated":["f"],"CanonicalUser":"c"}}]}"#,
            r#"{"Statement":[{"Effect":"Allow","Effect":"Deny","Action":"a","Action":"b","Condition":[],"Sid":5}]}"#,
            r#"{"Statement":[{"Condition":{"StringEquals":{"k":"v"}},"Condition":"x"}]}"#,
            r#"{"Statement":[{"Effect":"Allow"}],"Statement":{"Effect":"Deny","Resource":["r\u0041"]}}"#,
            r#"{"Statement":"x"}"#,
            r#"{"Statement":null}"#,
            r#"[{"Statement":[]}]"#,
            r#""text""#,
            "not json",
            r#"{"Statement":[{"Effect":"Allow"}]} trailing"#,
            r#"{"Statement":[{"Effect":"Allow","Other":1e999}]}"#,
            r#"{"Statement":[{"Effect":"Allow","Other":"\ud800"}]}"#,
            r#"{"Statement":[{"Effect":"Allow","Action":"\ud800"}]}"#,
            r#"{"Version":1e999,"Statement":[]}"#,
            "",
        ];
        for text in texts {
            assert_eq!(
                parse(text).unwrap_or_default(),
                through_tree(text),
                "{text}"
            );
        }
    }
}
