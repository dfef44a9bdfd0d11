//! The assignment inventory as Markdown: a summary and one table.

use std::io::{self, Write};

use super::cell::table;
use crate::audit::inventory::Inventory;
use crate::audit::summary::{Summary, display_ou};
use crate::render::Render;
use crate::render::formats::Markdown;

impl Render<Inventory> for Markdown {
    fn render(&self, report: &Inventory, out: &mut dyn Write) -> io::Result<()> {
        let s = Summary::of(report);
        writeln!(out, "# Identity Center assignments\n")?;
        writeln!(
            out,
            "Snapshot captured {} ({}).{}\n",
            report.captured_at,
            report.source,
            if report.expand_groups {
                " Group assignments are expanded to one row per member."
            } else {
                ""
            }
        )?;
        for reason in &report.incomplete {
            writeln!(out, "> **Incomplete:** {reason}\n")?;
        }
        let findings: Vec<String> = s
            .findings
            .iter()
            .map(|(sev, n)| format!("{n} {sev}"))
            .collect();
        writeln!(
            out,
            "{}, {}, {}, {}; findings: {}.\n",
            plural(s.accounts, "account"),
            plural(s.permission_sets, "permission set"),
            plural(s.principals, "principal"),
            plural(s.rows, "row"),
            findings.join(", ")
        )?;
        let header = [
            "Account",
            "Account id",
            "OU",
            "Status",
            "Permission set",
            "Admin",
            "Principal type",
            "Principal",
            "Email",
            "Via group",
            "Provisioning",
            "Findings",
        ];
        let rows = report.rows.iter().map(|r| {
            vec![
                r.account_name.to_string(),
                r.account_id.to_string(),
                display_ou(&r.ou_path).to_string(),
                r.account_status.to_string(),
                r.permission_set_name.to_string(),
                if r.admin_level { "yes" } else { "no" }.to_string(),
                r.principal_type.to_string(),
                format!("{} ({})", r.principal_name, r.principal_id),
                r.principal_email.as_deref().unwrap_or_default().to_string(),
                r.via_group_name.as_deref().unwrap_or_default().to_string(),
                r.provisioning.as_str().to_string(),
                r.findings.join(", "),
            ]
        });
        out.write_all(table(&header, rows).as_bytes())
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
