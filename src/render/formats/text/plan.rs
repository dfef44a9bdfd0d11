//! Terraform-style text: `+` create, `~` update, `-` delete, `→` move.
//! Colour only when the caller says the output is a terminal.

use std::io::{self, Write};

use crate::plan::change::AccountChange;
use crate::plan::model::{Action, NO_CHANGES, Plan};
use crate::plan::render::content_diff::content_diff;
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
        let color = self.color;
        for warning in &plan.warnings {
            writeln!(out, "warning: {warning}")?;
        }
        if plan.is_empty() {
            unmanaged(plan, out)?;
            return writeln!(out, "{NO_CHANGES}");
        }
        writeln!(out, "orgguard will make these changes, in this order:\n")?;
        for change in &plan.changes {
            let action = change.action();
            let line = format!("  {} {}", action.symbol(), change.describe());
            writeln!(out, "{}", paint(&line, colour(action), color))?;
            // What closing an account means is as red as the headline.
            let closing = matches!(
                change,
                crate::plan::change::Change::Account(AccountChange::Close(_))
            );
            for detail in change.details() {
                let detail = format!("      {detail}");
                if closing {
                    writeln!(out, "{}", paint(&detail, colour(Action::Delete), color))?;
                } else {
                    writeln!(out, "{detail}")?;
                }
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
                    writeln!(out, "      {painted}")?;
                }
            }
        }
        writeln!(out)?;
        unmanaged(plan, out)?;
        writeln!(out, "Plan: {}.", plan.summary().line())
    }
}

/// The live objects the layout does not mention, and their fate.
fn unmanaged(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    if plan.unmanaged.is_empty() {
        return Ok(());
    }
    writeln!(out, "Not in the layout:")?;
    for u in &plan.unmanaged {
        let fate = if u.deleted { "deleted" } else { "kept" };
        writeln!(
            out,
            "  {} {} ({}): {fate}; {}",
            u.kind.word(),
            u.name,
            u.id,
            u.note
        )?;
    }
    writeln!(out)
}
