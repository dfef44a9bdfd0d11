//! `orgguard explain` for a terminal: one rule's documentation, or one
//! line per rule.

use std::io::{self, Write};

use crate::checks::docs;
use crate::checks::registry::{self, Rule};
use crate::checks::report::Catalog;
use crate::render::Render;
use crate::render::formats::Text;

impl Render<Rule> for Text {
    fn render(&self, rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(docs::text(rule).as_bytes())
    }
}

impl Render<Catalog> for Text {
    fn render(&self, _: &Catalog, out: &mut dyn Write) -> io::Result<()> {
        for r in registry::all() {
            // validate's rules are named by their code alone.
            let label = if r.code == r.name {
                r.code.to_string()
            } else {
                format!("{}  {}", r.code, r.name)
            };
            writeln!(out, "{label:<46} {:<8} {}", r.severity.as_str(), r.summary)?;
        }
        Ok(())
    }
}
