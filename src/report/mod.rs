//! Findings reports, one emitter per format behind one trait. Every
//! emitter writes to `&mut dyn Write`, so the same code serves stdout,
//! files and tests.

pub mod audit_emit;
pub mod audit_json;
pub mod excel_csv;
pub mod findings_html;
pub mod findings_markdown;
pub mod github;
pub mod html_parts;
pub mod iam_users_csv;
pub mod iam_users_markdown;
pub mod inventory_csv;
pub mod inventory_html;
pub mod inventory_markdown;
pub mod json;
pub mod markdown;
pub mod markdown_text;
pub mod sarif;
pub mod text;

use std::io::{self, Write};

use crate::findings::{Finding, Severity};
use crate::lint::{Mode, Waived};

/// What one lint run found.
pub struct Report<'a> {
    pub mode: Mode,
    /// Most severe first.
    pub findings: &'a [Finding],
    pub waived: &'a [Waived],
    pub fail_on: Severity,
    /// The run against a saved baseline, with `lint --baseline`.
    pub baseline: Option<&'a crate::lint::baseline::Comparison>,
}

impl Report<'_> {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Findings at or above `fail_on`; against a baseline, new ones only.
    pub fn failing(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity.at_least(self.fail_on))
            .filter(|f| self.baseline.is_none_or(|b| b.is_new(f)))
            .count()
    }
}

pub trait Emitter {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
    Github,
}

pub fn emitter(format: Format) -> Box<dyn Emitter> {
    match format {
        Format::Text => Box::new(text::Text),
        Format::Json => Box::new(json::Json),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Github => Box::new(github::Github),
    }
}

/// Renders a report to a string.
pub fn render(format: Format, report: &Report) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = emitter(format).emit(report, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
pub mod fixtures {
    use super::*;
    use crate::findings::Subject;

    pub fn findings() -> Vec<Finding> {
        vec![
            Finding {
                code: "KMS003".into(),
                severity: Severity::Critical,
                message: "the administrator of key k1 is gone".into(),
                subject: Subject {
                    resource: Some("arn:aws:kms:eu-west-1:444444444444:key/k1".into()),
                    account_id: Some("444444444444".into()),
                    region: Some("eu-west-1".into()),
                    ..Subject::default()
                },
                help: "contact AWS Support".into(),
                fingerprint: None,
            },
            Finding {
                code: "SCP001".into(),
                severity: Severity::High,
                message: "`s3:DeletePublicAccessBlok` matches no IAM action, 100% | sure".into(),
                subject: Subject {
                    file: Some("policies/guard.json".into()),
                    line: Some(5),
                    column: Some(2),
                    ..Subject::default()
                },
                help: "did you mean `s3:DeletePublicAccessBlock`?".into(),
                fingerprint: None,
            },
        ]
    }

    pub fn report(findings: &[Finding]) -> Report<'_> {
        Report {
            mode: Mode::Live,
            findings,
            waived: &[],
            fail_on: Severity::High,
            baseline: None,
        }
    }
}
