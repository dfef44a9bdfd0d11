//! For programs: the findings, the waived ones and the counts.

use std::io::{self, Write};

use serde::Serialize;

use crate::checks::report::Report;
use crate::checks::{Mode, Waived};
use crate::diagnostics::{Finding, Severity};
use crate::render::Render;
use crate::render::formats::Json;

#[derive(Serialize)]
struct Document<'a> {
    mode: Mode,
    fail_on: Severity,
    failing: usize,
    counts: std::collections::BTreeMap<&'static str, usize>,
    findings: &'a [Finding],
    waived: &'a [Waived],
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a crate::checks::baseline::Comparison>,
}

impl Render<Report<'_>> for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let doc = Document {
            mode: report.mode,
            fail_on: report.fail_on,
            failing: report.failing(),
            counts: Severity::ALL
                .iter()
                .map(|s| (s.as_str(), report.count(*s)))
                .collect(),
            findings: report.findings,
            waived: report.waived,
            baseline: report.baseline,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::report::fixtures::*;
    use crate::render::Format;

    #[test]
    fn carries_findings_and_counts() {
        let findings = findings();
        let value: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &report(&findings))).unwrap();
        assert_eq!(value["failing"], 2);
        assert_eq!(value["counts"]["critical"], 1);
        assert_eq!(
            value["findings"][1]["subject"]["file"],
            "policies/guard.json"
        );
        assert_eq!(value["findings"][0]["severity"], "critical");
    }
}
