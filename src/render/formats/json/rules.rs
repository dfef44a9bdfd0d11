//! `orgguard explain` as JSON: one rule's object, or an array of them.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::checks::registry::{self, Rule};
use crate::checks::report::Catalog;
use crate::render::Render;
use crate::render::formats::Json;

fn rule_json(rule: &Rule) -> Value {
    json!({
        "code": rule.code,
        "name": rule.name,
        "area": rule.area.title(),
        "severity": rule.severity,
        "needs": rule.needs.to_string(),
        "summary": rule.summary,
        "what": rule.docs.what,
        "why": rule.docs.why,
        "example": rule.docs.example,
        "fix": rule.docs.fix,
    })
}

impl Render<Rule> for Json {
    fn render(&self, rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
        super::pretty(&rule_json(rule), out)
    }
}

impl Render<Catalog> for Json {
    fn render(&self, _: &Catalog, out: &mut dyn Write) -> io::Result<()> {
        super::pretty(&Value::Array(registry::all().map(rule_json).collect()), out)
    }
}
