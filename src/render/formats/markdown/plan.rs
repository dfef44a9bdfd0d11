//! Markdown for a pull-request comment: a summary table, then each change;
//! long policy diffs are folded in `<details>` so the comment stays short.

use std::io::{self, Write};

use crate::plan::model::{Action, NO_CHANGES, Plan};
use crate::plan::render::content_diff::content_diff;
use crate::plan::render::describe::{describe, details};
use crate::render::Render;
use crate::render::formats::Markdown;

/// Diffs longer than this many lines are folded.
const FOLD_LINES: usize = 20;

impl Render<Plan> for Markdown {
    fn render(&self, plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(markdown(plan).as_bytes())
    }
}

fn markdown(plan: &Plan) -> String {
    let mut out = String::from("## orgguard plan\n\n");
    out.push_str(&format!("Organization `{}`\n\n", plan.organization_id));
    for warning in &plan.warnings {
        out.push_str(&format!("> **Warning:** {warning}\n\n"));
    }
    if plan.is_empty() {
        out.push_str(&format!("{NO_CHANGES}\n"));
    } else {
        let s = plan.summary();
        out.push_str("| Action | Count |\n|---|---:|\n");
        for (label, n) in [
            ("➕ create", s.create),
            ("〰️ update", s.update),
            ("➡️ move", s.moves),
            ("➖ delete", s.delete),
        ] {
            out.push_str(&format!("| {label} | {n} |\n"));
        }
        if s.close > 0 {
            out.push_str(&format!("| ⛔ of which accounts closed | {} |\n", s.close));
        }
        out.push_str(&format!(
            "\n**Plan:** {}.\n\n### Changes, in order\n\n",
            s.line()
        ));
        for (i, change) in plan.changes.iter().enumerate() {
            let symbol = Action::of(change).symbol();
            out.push_str(&format!(
                "{}. `{symbol}` {}\n",
                i + 1,
                escape(&describe(change))
            ));
            for detail in details(change) {
                out.push_str(&format!("   - {}\n", escape(&detail)));
            }
            if let Some(diff) = content_diff(change) {
                let lines = diff.lines().count();
                let block = format!("```diff\n{diff}```\n");
                if lines > FOLD_LINES {
                    out.push_str(&format!(
                        "\n   <details><summary>policy diff ({lines} lines)</summary>\n\n{}\n   </details>\n\n",
                        indent(&block)
                    ));
                } else {
                    out.push_str(&format!("\n{}\n", indent(&block)));
                }
            }
        }
    }
    if !plan.unmanaged.is_empty() {
        out.push_str("\n### Not in the layout\n\n| Kind | Name | Id | Plan | Note |\n|---|---|---|---|---|\n");
        for u in &plan.unmanaged {
            out.push_str(&format!(
                "| {} | {} | `{}` | {} | {} |\n",
                u.kind.word(),
                escape(&u.name),
                u.id,
                if u.deleted { "delete" } else { "keep" },
                escape(&u.note)
            ));
        }
    }
    out
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
