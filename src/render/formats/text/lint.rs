//! For people: findings grouped by severity, one line each with where it
//! is, then the fix.

use std::io::{self, Write};

use crate::checks::report::Report;
use crate::diagnostics::Severity;
use crate::render::Render;
use crate::render::formats::{Text, plural};

impl Render<Report<'_>> for Text {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        incomplete_banner(report.incomplete, "", out)?;
        for severity in Severity::ALL {
            let group: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .collect();
            if group.is_empty() {
                continue;
            }
            writeln!(
                out,
                "{} ({})",
                severity.as_str().to_uppercase(),
                group.len()
            )?;
            for f in group {
                let status = match report.baseline {
                    Some(b) if b.is_new(f) => "[new] ",
                    Some(_) => "[open] ",
                    None => "",
                };
                writeln!(
                    out,
                    "  {status}{} {}: {}",
                    f.code,
                    f.subject.location(),
                    f.message
                )?;
                writeln!(out, "         fix: {}", f.help)?;
            }
            writeln!(out)?;
        }
        let counts: Vec<String> = Severity::ALL
            .iter()
            .map(|s| (s, report.count(*s)))
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        let mut summary = if report.findings.is_empty() {
            "no findings".to_string()
        } else {
            format!(
                "{} ({})",
                plural(report.findings.len(), "finding"),
                counts.join(", ")
            )
        };
        if !report.waived.is_empty() {
            summary.push_str(&format!(", {} waived", report.waived.len()));
        }
        if let Some(b) = report.baseline {
            if !b.fixed.is_empty() {
                writeln!(out, "FIXED ({})", b.fixed.len())?;
                for e in &b.fixed {
                    writeln!(out, "  {} {}: {}", e.code, e.location, e.message)?;
                }
                writeln!(out)?;
            }
            summary.push_str(&format!(
                "; against the baseline {} new, {} still open, {} fixed",
                b.new.len(),
                b.open.len(),
                b.fixed.len()
            ));
        }
        let failing = report.failing();
        let new = if report.baseline.is_some() {
            "new "
        } else {
            ""
        };
        let verdict = if failing == 0 {
            format!("none {new}at or above {}", report.fail_on)
        } else {
            format!("{failing} {new}at or above {}", report.fail_on)
        };
        let mode = match report.mode {
            crate::checks::Mode::Offline => "offline",
            crate::checks::Mode::Live => "live",
        };
        writeln!(out, "lint ({mode}): {summary}; {verdict}")?;
        if report.mode == crate::checks::Mode::Offline {
            let live_only = crate::checks::RULES
                .iter()
                .filter(|r| r.needs == crate::checks::registry::Needs::Live)
                .count();
            writeln!(
                out,
                "note: {live_only} rules about live resources need a snapshot: pass --live FILE"
            )?;
        }
        Ok(())
    }
}

/// The warning that heads a text or Markdown (`quote` = "> ") report over
/// a partial read.
pub(crate) fn incomplete_banner(
    lines: &[String],
    quote: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{quote}WARNING: the live organization was not read completely; what was not read was not checked:"
    )?;
    for line in lines {
        writeln!(out, "{quote}  - {line}")?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use crate::checks::report::fixtures::*;
    use crate::render::Format;

    #[test]
    fn groups_by_severity_with_locations_and_fixes() {
        let findings = findings();
        let text = render(Format::Text, &report(&findings));
        let expected = "CRITICAL (1)\n  KMS003 arn:aws:kms:eu-west-1:444444444444:key/k1 [eu-west-1]: the administrator of key k1 is gone\n         fix: contact AWS Support\n\nHIGH (1)\n  SCP001 policies/guard.json:5:2: `s3:DeletePublicAccessBlok` matches no IAM action, 100% | sure\n         fix: did you mean `s3:DeletePublicAccessBlock`?\n\nlint (live): 2 findings (1 critical, 1 high); 2 at or above high\n";
        assert_eq!(text, expected);
        let none = render(Format::Text, &report(&[]));
        assert_eq!(none, "lint (live): no findings; none at or above high\n");
    }
}
