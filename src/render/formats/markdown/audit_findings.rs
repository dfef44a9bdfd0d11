//! The findings report as Markdown.

use std::io::{self, Write};

use super::cell::{cell, table};
use crate::audit::findings_report::FindingsReport;
use crate::audit::summary::display_ou;
use crate::diagnostics::{Finding, Severity};
use crate::render::Render;
use crate::render::formats::Markdown;

impl Render<FindingsReport> for Markdown {
    fn render(&self, report: &FindingsReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# Findings report\n")?;
        writeln!(
            out,
            "Snapshot captured {}. {} findings.\n",
            report.captured_at, report.total
        )?;
        if let Some(changes) = &report.changes {
            writeln!(
                out,
                "## Since the baseline\n\n{} opened, {} fixed.\n",
                changes.opened.len(),
                changes.fixed.len()
            )?;
            if !changes.opened.is_empty() {
                writeln!(out, "### Opened\n")?;
                out.write_all(finding_table(&changes.opened).as_bytes())?;
                writeln!(out)?;
            }
            if !changes.fixed.is_empty() {
                writeln!(out, "### Fixed\n")?;
                let rows = changes.fixed.iter().map(|e| {
                    vec![
                        e.code.clone(),
                        e.severity.to_string(),
                        e.location.clone(),
                        e.message.clone(),
                    ]
                });
                out.write_all(table(&["Code", "Severity", "Where", "Finding"], rows).as_bytes())?;
                writeln!(out)?;
            }
        }
        writeln!(out, "## By severity\n")?;
        let counts = report
            .by_severity
            .iter()
            .map(|(s, list)| vec![s.to_string(), list.len().to_string()]);
        out.write_all(table(&["Severity", "Findings"], counts).as_bytes())?;
        for (severity, list) in report.by_severity.iter().filter(|(_, l)| !l.is_empty()) {
            writeln!(out, "\n### {}\n", title(*severity))?;
            out.write_all(finding_table(list).as_bytes())?;
        }

        writeln!(out, "\n## By OU\n")?;
        let ous = report.by_ou.iter().map(|(ou, counts)| {
            let mut row = vec![ou.clone()];
            row.extend(
                Severity::ALL
                    .iter()
                    .map(|s| counts.get(s).copied().unwrap_or(0).to_string()),
            );
            row
        });
        out.write_all(table(&["OU", "critical", "high", "medium", "low", "info"], ous).as_bytes())?;

        writeln!(out, "\n## By account\n")?;
        if report.by_account.is_empty() {
            writeln!(out, "No findings in any account.")?;
        }
        for a in &report.by_account {
            writeln!(
                out,
                "### {} ({}), {}\n",
                cell(&a.account_name),
                a.account_id,
                cell(display_ou(&a.ou_path))
            )?;
            out.write_all(finding_table(&a.findings).as_bytes())?;
            writeln!(out)?;
        }
        if !report.without_account.is_empty() {
            writeln!(out, "\n## Not tied to an account\n")?;
            out.write_all(finding_table(&report.without_account).as_bytes())?;
        }

        writeln!(out, "\n## Waivers\n")?;
        if report.waivers.is_empty() {
            writeln!(out, "No waivers.")?;
            return Ok(());
        }
        let waivers = report.waivers.iter().map(|w| {
            vec![
                w.waiver.code.clone(),
                w.waiver.account_id.clone().unwrap_or_default(),
                w.waiver
                    .resource
                    .clone()
                    .unwrap_or_else(|| "(everywhere)".to_string()),
                w.waiver.reason.clone(),
                w.waiver
                    .expires
                    .clone()
                    .unwrap_or_else(|| "never".to_string()),
                w.state.as_str().to_string(),
            ]
        });
        out.write_all(
            table(
                &["Code", "Account", "Resource", "Reason", "Expires", "State"],
                waivers,
            )
            .as_bytes(),
        )
    }
}

fn title(s: Severity) -> String {
    let name = s.as_str();
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn finding_table(list: &[Finding]) -> String {
    let rows = list.iter().map(|f| {
        vec![
            f.code.clone(),
            f.severity.to_string(),
            f.subject.account_id.clone().unwrap_or_default(),
            f.subject
                .resource
                .clone()
                .or_else(|| f.subject.file.clone())
                .unwrap_or_default(),
            f.message.clone(),
            f.help.clone(),
        ]
    });
    table(
        &[
            "Code",
            "Severity",
            "Account",
            "Resource",
            "Finding",
            "How to fix",
        ],
        rows,
    )
}
