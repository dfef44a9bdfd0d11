//! `orgguard validate` for a terminal: each problem with the lines it is
//! about, then one line on what the layout holds and how many problems.

use std::io::{self, Write};

use crate::diagnostics::render_human;
use crate::layout::LAYOUT_FILE;
use crate::layout::report::ValidateReport;
use crate::render::Render;
use crate::render::formats::{Text, plural};

impl Render<ValidateReport<'_>> for Text {
    fn render(&self, report: &ValidateReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(render_human(report.findings, report.sources, self.color).as_bytes())?;
        let (errors, warnings) = (report.errors(), report.warnings());
        if !report.summary_line && errors == 0 {
            return Ok(());
        }
        let counts = format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        match &report.summary {
            Some(s) => writeln!(
                out,
                "{LAYOUT_FILE}: {} OUs, {} accounts, {} SCPs, {}{} SCP attachments; {counts}",
                s.ous,
                s.accounts,
                s.scps,
                if s.rcps > 0 {
                    format!("{} RCPs, ", s.rcps)
                } else {
                    String::new()
                },
                s.attachments,
            ),
            None => writeln!(out, "{LAYOUT_FILE} could not be parsed; {counts}"),
        }
    }
}
