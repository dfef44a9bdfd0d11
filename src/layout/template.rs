//! `${var}` placeholders in SCP files, filled from `[vars]`. IAM's own
//! policy variables share the syntax, so anything with a colon
//! (`${aws:username}`, `${s3:prefix}`) and the escapes `${*}`, `${?}`,
//! `${$}` are left for IAM.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::schema::VarValue;
use crate::policy::json_tree::{Kind, Member, Node};

/// A placeholder that could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateIssue {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

/// A placeholder found in a string.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

fn is_iam_variable(inner: &str) -> bool {
    inner.contains(':') || matches!(inner, "*" | "?" | "$")
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start + 2..].find('}') else {
            break;
        };
        let inner = &rest[start + 2..start + 2 + len];
        if is_iam_variable(inner) {
            out.push(Piece::Text(&rest[..start + 3 + len]));
        } else {
            if start > 0 {
                out.push(Piece::Text(&rest[..start]));
            }
            out.push(Piece::Var(inner));
        }
        rest = &rest[start + 3 + len..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The names of the layout placeholders (`${name}`, not IAM's own
/// variables) in a text: what templating would try to fill.
pub fn placeholders(text: &str) -> Vec<&str> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Var(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect()
}

/// Fills placeholders in a parsed policy. A list variable may only stand
/// alone in a string; inside a list it is spliced in.
pub struct Templater<'a> {
    pub vars: &'a BTreeMap<String, VarValue>,
    pub used: BTreeSet<String>,
    pub issues: Vec<TemplateIssue>,
}

impl<'a> Templater<'a> {
    pub fn new(vars: &'a BTreeMap<String, VarValue>) -> Self {
        Templater {
            vars,
            used: BTreeSet::new(),
            issues: Vec::new(),
        }
    }

    pub fn fill(&mut self, node: &Node) -> Node {
        match &node.kind {
            Kind::String(text) => self.fill_string(node, text).unwrap_or_else(|| node.clone()),
            Kind::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let filled = self.fill(item);
                    match (&item.kind, filled.kind) {
                        // A list variable inside a list adds its items.
                        (Kind::String(_), Kind::Array(spliced)) => out.extend(spliced),
                        (_, kind) => out.push(Node::new(filled.span, kind)),
                    }
                }
                Node::new(node.span.clone(), Kind::Array(out))
            }
            Kind::Object(members) => Node::new(
                node.span.clone(),
                Kind::Object(
                    members
                        .iter()
                        .map(|m| Member {
                            key: m.key.clone(),
                            key_span: m.key_span.clone(),
                            value: self.fill(&m.value),
                        })
                        .collect(),
                ),
            ),
            _ => node.clone(),
        }
    }

    fn fill_string(&mut self, node: &Node, text: &str) -> Option<Node> {
        let parts = pieces(text);
        if !parts.iter().any(|p| matches!(p, Piece::Var(_))) {
            return None;
        }
        let mut filled = String::new();
        for part in &parts {
            match part {
                Piece::Text(t) => filled.push_str(t),
                Piece::Var(name) => match self.vars.get(*name) {
                    None => {
                        let known: Vec<&str> = self.vars.keys().map(String::as_str).collect();
                        let help = match crate::suggest::closest(name, known.iter().copied()) {
                            Some(best) => format!("did you mean `${{{best}}}`?"),
                            None => format!(
                                "define `{name}` in [vars] of ou-layout.toml; IAM policy variables need a prefix such as ${{aws:username}}"
                            ),
                        };
                        self.issues.push(TemplateIssue {
                            span: node.span.clone(),
                            message: format!("`${{{name}}}` is not defined"),
                            help,
                        });
                        return None;
                    }
                    Some(VarValue::Text(value)) => {
                        self.used.insert(name.to_string());
                        filled.push_str(value);
                    }
                    Some(VarValue::List(items)) => {
                        self.used.insert(name.to_string());
                        if parts.len() == 1 {
                            let list = items
                                .iter()
                                .map(|i| Node::new(node.span.clone(), Kind::String(i.clone())))
                                .collect();
                            return Some(Node::new(node.span.clone(), Kind::Array(list)));
                        }
                        self.issues.push(TemplateIssue {
                            span: node.span.clone(),
                            message: format!("the list `${{{name}}}` is used inside a longer string"),
                            help: "a list variable must be the whole string, as in \"Action\": \"${name}\" or [\"s3:GetObject\", \"${name}\"]".replace("name", name),
                        });
                        return None;
                    }
                },
            }
        }
        Some(Node::new(node.span.clone(), Kind::String(filled)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::json_tree::parse;

    fn vars() -> BTreeMap<String, VarValue> {
        BTreeMap::from([
            (
                "regions".to_string(),
                VarValue::List(vec!["eu-west-1".into(), "eu-central-1".into()]),
            ),
            ("role".to_string(), VarValue::Text("BreakGlass".into())),
        ])
    }

    #[test]
    fn fills_text_and_splices_lists_but_leaves_iam_variables() {
        let vars = vars();
        let mut t = Templater::new(&vars);
        let doc = parse(r#"{"a": "arn:aws:iam::*:role/${role}", "b": "${regions}", "c": ["us-east-1", "${regions}"],
            "d": "${aws:PrincipalTag/team}-${*}-${?}-${$}", "e": "${s3:prefix}"}"#)
        .unwrap();
        let out = t.fill(&doc).to_value();
        assert_eq!(out["a"], "arn:aws:iam::*:role/BreakGlass");
        assert_eq!(out["b"], serde_json::json!(["eu-west-1", "eu-central-1"]));
        assert_eq!(
            out["c"],
            serde_json::json!(["us-east-1", "eu-west-1", "eu-central-1"])
        );
        assert_eq!(out["d"], "${aws:PrincipalTag/team}-${*}-${?}-${$}");
        assert_eq!(out["e"], "${s3:prefix}");
        assert!(t.issues.is_empty());
        assert_eq!(t.used.len(), 2);
    }

    #[test]
    fn reports_unknown_and_misplaced_variables() {
        let vars = vars();
        let mut t = Templater::new(&vars);
        let doc = parse(r#"{"a": "${rol}", "b": "x-${regions}"}"#).unwrap();
        t.fill(&doc);
        let messages: Vec<_> = t
            .issues
            .iter()
            .map(|i| (i.message.as_str(), i.help.as_str()))
            .collect();
        assert_eq!(
            messages[0],
            ("`${rol}` is not defined", "did you mean `${role}`?")
        );
        assert_eq!(
            messages[1].0,
            "the list `${regions}` is used inside a longer string"
        );
    }
}
