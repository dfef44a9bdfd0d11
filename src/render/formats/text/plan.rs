//! Terraform-style text: `+` create, `~` update, `-` delete, `→` move.
//! Colour only when the caller says the output is a terminal.

use std::io::{self, Write};

use crate::plan::model::{Action, NO_CHANGES, Plan};
use crate::plan::render::content_diff::content_diff;
use crate::plan::render::describe::{describe, details};
use crate::render::Render;
use crate::render::formats::Text;

const RESET: &str = "\x1b[0m";

fn colour(action: Action) -> &'static str {
    match action {
        Action::Create => "\x1b[32m",
        Action::Update => "\x1b[33m",
        Action::Move => "\x1b[36m",
        Action::Delete => "\x1b[31m",
    }
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

impl Render<Plan> for Text {
    fn render(&self, plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(text(plan, self.color).as_bytes())
    }
}

fn text(plan: &Plan, color: bool) -> String {
    let mut out = String::new();
    for warning in &plan.warnings {
        out.push_str(&format!("warning: {warning}\n"));
    }
    if plan.is_empty() {
        out.push_str(&unmanaged(plan));
        out.push_str(NO_CHANGES);
        out.push('\n');
        return out;
    }
    out.push_str("orgguard will make these changes, in this order:\n\n");
    for change in &plan.changes {
        let action = Action::of(change);
        let line = format!("  {} {}", action.symbol(), describe(change));
        out.push_str(&paint(&line, colour(action), color));
        out.push('\n');
        // What closing an account means is as red as the headline.
        let closing = matches!(change, crate::plan::change::Change::CloseAccount(_));
        for detail in details(change) {
            let detail = format!("      {detail}");
            if closing {
                out.push_str(&paint(&detail, colour(Action::Delete), color));
            } else {
                out.push_str(&detail);
            }
            out.push('\n');
        }
        if let Some(diff) = content_diff(change) {
            for line in diff.lines() {
                let painted = match line.chars().next() {
                    Some('+') if !line.starts_with("+++") => {
                        paint(line, colour(Action::Create), color)
                    }
                    Some('-') if !line.starts_with("---") => {
                        paint(line, colour(Action::Delete), color)
                    }
                    _ => line.to_string(),
                };
                out.push_str(&format!("      {painted}\n"));
            }
        }
    }
    out.push('\n');
    out.push_str(&unmanaged(plan));
    out.push_str(&format!("Plan: {}.\n", plan.summary().line()));
    out
}

/// The live objects the layout does not mention, and their fate.
fn unmanaged(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.unmanaged.is_empty() {
        return out;
    }
    out.push_str("Not in the layout:\n");
    for u in &plan.unmanaged {
        let fate = if u.deleted { "deleted" } else { "kept" };
        out.push_str(&format!(
            "  {} {} ({}): {fate}; {}\n",
            u.kind.word(),
            u.name,
            u.id,
            u.note
        ));
    }
    out.push('\n');
    out
}
