//! A pull-request comment: a summary line, a table of findings and the
//! waived ones folded away.

use std::io::{self, Write};

use crate::checks::registry;
use crate::checks::report::Report;
use crate::diagnostics::Severity;
use crate::render::Render;
use crate::render::formats::{Markdown, plural};

/// Table cells cannot hold pipes or newlines.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

impl Render<Report<'_>> for Markdown {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        crate::render::formats::text::lint::incomplete_banner(report.incomplete, "> ", out)?;
        writeln!(out, "## orgguard lint")?;
        writeln!(out)?;
        if report.findings.is_empty() {
            writeln!(out, "No findings.")?;
        } else {
            let counts: Vec<String> = Severity::ALL
                .iter()
                .map(|s| (s, report.count(*s)))
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| format!("**{n}** {s}"))
                .collect();
            writeln!(
                out,
                "{}: {}. {} at or above `{}`.",
                plural(report.findings.len(), "finding"),
                counts.join(", "),
                report.failing(),
                report.fail_on
            )?;
            writeln!(out)?;
            writeln!(out, "| Severity | Rule | Where | Finding | Fix |")?;
            writeln!(out, "| --- | --- | --- | --- | --- |")?;
            for f in report.findings {
                let name = registry::find(&f.code).map(|r| r.name).unwrap_or("");
                writeln!(
                    out,
                    "| {} | `{}` {} | `{}` | {} | {} |",
                    f.severity,
                    f.code,
                    name,
                    cell(&f.subject.location()),
                    cell(&f.message),
                    cell(&f.help)
                )?;
            }
        }
        if !report.waived.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "<details><summary>{} waived</summary>",
                report.waived.len()
            )?;
            writeln!(out)?;
            writeln!(out, "| Rule | Where | Reason | Expires |")?;
            writeln!(out, "| --- | --- | --- | --- |")?;
            for w in report.waived {
                writeln!(
                    out,
                    "| `{}` | `{}` | {} | {} |",
                    w.finding.code,
                    cell(&w.finding.subject.location()),
                    cell(&w.reason),
                    w.expires
                )?;
            }
            writeln!(out)?;
            writeln!(out, "</details>")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::report::fixtures::*;
    use crate::render::Format;

    #[test]
    fn renders_a_table_with_escaped_cells() {
        let findings = findings();
        let text = render(Format::Markdown, &report(&findings));
        assert!(text.starts_with(
            "## orgguard lint\n\n2 findings: **1** critical, **1** high. 2 at or above `high`.\n"
        ));
        assert!(text.contains("| high | `SCP001` unknown-action | `policies/guard.json:5:2` | `s3:DeletePublicAccessBlok` matches no IAM action, 100% \\| sure |"));
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("| critical") || l.starts_with("| high"))
                .count(),
            2
        );
    }
}
