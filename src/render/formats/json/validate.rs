//! `orgguard validate --format json`: version 2, findings as lint writes
//! them (docs/layout.md describes both versions).

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostics::Finding;
use crate::layout::report::{JSON_VERSION, Summary, ValidateReport};
use crate::render::Render;
use crate::render::formats::Json;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    ok: bool,
    /// Findings that block (high and above).
    errors: usize,
    /// Findings that do not.
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
    findings: &'a [Finding],
}

impl Render<ValidateReport<'_>> for Json {
    fn render(&self, report: &ValidateReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        let errors = report.errors();
        super::pretty(
            &Document {
                version: JSON_VERSION,
                ok: errors == 0 && !report.unreadable,
                errors,
                warnings: report.warnings(),
                summary: report.summary.as_ref(),
                findings: report.findings,
            },
            out,
        )
    }
}
