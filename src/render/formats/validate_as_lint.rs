//! `orgguard validate --format sarif|github`: validate's findings through
//! lint's SARIF and GitHub reporters, so code scanning and annotations see
//! one shape whichever command found the problem.

use std::io::{self, Write};

use super::{Github, Sarif};
use crate::checks::Mode;
use crate::checks::report::Report;
use crate::diagnostics::Severity;
use crate::layout::report::ValidateReport;
use crate::render::Render;

fn as_lint<'a>(report: &ValidateReport<'a>) -> Report<'a> {
    Report {
        mode: Mode::Offline,
        findings: report.findings,
        waived: &[],
        fail_on: Severity::ERROR,
        baseline: None,
        incomplete: &[],
    }
}

impl Render<ValidateReport<'_>> for Sarif {
    fn render(&self, report: &ValidateReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        Render::<Report>::render(self, &as_lint(report), out)
    }
}

impl Render<ValidateReport<'_>> for Github {
    fn render(&self, report: &ValidateReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        Render::<Report>::render(self, &as_lint(report), out)
    }
}
