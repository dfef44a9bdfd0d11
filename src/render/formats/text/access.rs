//! `orgguard access check` and `access explain` for a terminal.

use std::io::{self, Write};

use crate::access::check::CheckReport;
use crate::access::explain::Explanation;
use crate::access::policies::ACCESS_FILE;
use crate::render::Render;
use crate::render::formats::Text;

impl Render<CheckReport<'_>> for Text {
    fn render(&self, report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
        for f in report.findings {
            writeln!(
                out,
                "{} {}: {}\n  help: {}",
                f.code, f.severity, f.message, f.help
            )?;
        }
        if !report.quiet || !report.findings.is_empty() {
            let what = if report.expand_groups {
                "assignments (groups expanded)"
            } else {
                "assignments"
            };
            writeln!(
                out,
                "{} {what} checked against {ACCESS_FILE}: {} allowed, {} not allowed",
                report.checked, report.allowed, report.not_allowed
            )?;
        }
        Ok(())
    }
}

impl Render<Explanation> for Text {
    fn render(&self, e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
        let verb = if e.verdict.allowed { "ALLOW" } else { "DENY" };
        let may = if e.verdict.allowed { "may" } else { "may not" };
        writeln!(
            out,
            "{verb}: {} {} {may} hold {} on {} ({})",
            e.principal_type, e.principal, e.permission_set, e.account_name, e.account_id
        )?;
        if !e.permission_set_exists {
            writeln!(
                out,
                "  note: {} is declared but not in the snapshot; policies saw it with no attached policies",
                e.permission_set
            )?;
        }
        if e.deciding.is_empty() {
            writeln!(out, "  no policy permits it (access is denied by default)")?;
        } else {
            out.write_all(if e.verdict.allowed {
                b"  permitted by:\n"
            } else {
                b"  forbidden by:\n"
            })?;
            for d in &e.deciding {
                writeln!(
                    out,
                    "    {} `{}` at {}:{}:{}",
                    d.effect, d.id, d.file, d.line, d.column
                )?;
            }
        }
        for error in &e.verdict.errors {
            writeln!(out, "  policy failed to evaluate (ignored): {error}")?;
        }
        Ok(())
    }
}
