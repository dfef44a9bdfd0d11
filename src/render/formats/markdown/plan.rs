//! Markdown for a pull-request comment: a summary table, then each change;
//! long policy diffs are folded in `<details>` so the comment stays short.

use std::io::{self, Write};

use crate::plan::model::{NO_CHANGES, Plan};
use crate::plan::render::content_diff::content_diff;
use crate::render::Render;
use crate::render::formats::Markdown;

/// Diffs longer than this many lines are folded.
const FOLD_LINES: usize = 20;

impl Render<Plan> for Markdown {
    fn render(&self, plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## orgguard plan\n")?;
        writeln!(out, "Organization `{}`\n", plan.organization_id)?;
        for warning in &plan.warnings {
            writeln!(out, "> **Warning:** {warning}\n")?;
        }
        if plan.is_empty() {
            writeln!(out, "{NO_CHANGES}")?;
        } else {
            let s = plan.summary();
            writeln!(out, "| Action | Count |\n|---|---:|")?;
            for (label, n) in [
                ("➕ create", s.create),
                ("〰️ update", s.update),
                ("➡️ move", s.moves),
                ("➖ delete", s.delete),
            ] {
                writeln!(out, "| {label} | {n} |")?;
            }
            if s.close > 0 {
                writeln!(out, "| ⛔ of which accounts closed | {} |", s.close)?;
            }
            writeln!(out, "\n**Plan:** {}.\n\n### Changes, in order\n", s.line())?;
            for (i, change) in plan.changes.iter().enumerate() {
                let symbol = change.action().symbol();
                writeln!(out, "{}. `{symbol}` {}", i + 1, escape(&change.describe()))?;
                for detail in change.details() {
                    writeln!(out, "   - {}", escape(&detail))?;
                }
                if let Some(diff) = content_diff(change) {
                    let lines = diff.lines().count();
                    let block = format!("```diff\n{diff}```\n");
                    if lines > FOLD_LINES {
                        writeln!(
                            out,
                            "\n   <details><summary>policy diff ({lines} lines)</summary>\n\n{}\n   </details>\n",
                            indent(&block)
                        )?;
                    } else {
                        writeln!(out, "\n{}", indent(&block))?;
                    }
                }
            }
        }
        if !plan.unmanaged.is_empty() {
            writeln!(
                out,
                "\n### Not in the layout\n\n| Kind | Name | Id | Plan | Note |\n|---|---|---|---|---|"
            )?;
            for u in &plan.unmanaged {
                writeln!(
                    out,
                    "| {} | {} | `{}` | {} | {} |",
                    u.kind.word(),
                    escape(&u.name),
                    u.id,
                    if u.deleted { "delete" } else { "keep" },
                    escape(&u.note)
                )?;
            }
        }
        Ok(())
    }
}

/// Keeps names with Markdown characters from turning into formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '|' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Indents a block under its list item.
fn indent(block: &str) -> String {
    block.lines().map(|l| format!("   {l}\n")).collect()
}
