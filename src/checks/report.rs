//! What one lint run found, as the renderers show it (src/render/).

use crate::checks::engine::SeverityOrigin;
use crate::checks::{Mode, Waived};
use crate::diagnostics::{Finding, Severity};

/// What one lint run found.
pub struct Report<'a> {
    pub mode: Mode,
    /// Most severe first.
    pub findings: &'a [Finding],
    pub waived: &'a [Waived],
    pub fail_on: Severity,
    /// The run against a saved baseline, with `lint --baseline`.
    pub baseline: Option<&'a crate::checks::baseline::Comparison>,
    /// What the snapshot says was not read, one line each: text and
    /// Markdown head the report with them.
    pub incomplete: &'a [String],
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

/// Every rule in the registry, for `orgguard explain --all`.
pub struct Catalog;

/// How one finding got its severity, for `orgguard explain --severity`.
pub struct SeverityExplanation<'a> {
    pub finding: &'a Finding,
    /// None when lint kept no record of it.
    pub origin: Option<&'a SeverityOrigin>,
}

#[cfg(test)]
pub mod fixtures {
    use super::*;
    use crate::diagnostics::Subject;
    use crate::render::{Format, Style};

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
            incomplete: &[],
        }
    }

    /// The report in `format`.
    pub fn render(format: Format, report: &Report) -> String {
        let renderer = crate::render::renderer::<Report>(format, Style::default()).unwrap();
        crate::render::to_string(renderer.as_ref(), report).unwrap()
    }
}
