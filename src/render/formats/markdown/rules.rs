//! `orgguard explain` as Markdown: one rule, or docs/rules.md.

use std::io::{self, Write};

use crate::checks::docs;
use crate::checks::registry::Rule;
use crate::checks::report::Catalog;
use crate::render::Render;
use crate::render::formats::Markdown;

impl Render<Rule> for Markdown {
    fn render(&self, rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(docs::markdown(rule).as_bytes())
    }
}

impl Render<Catalog> for Markdown {
    fn render(&self, _: &Catalog, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(docs::reference().as_bytes())
    }
}
