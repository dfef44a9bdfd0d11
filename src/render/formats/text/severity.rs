//! `orgguard explain --severity`: how a finding got its severity — what
//! the rule reported, the `[lint]` override, the first severity rule that
//! matched.

use std::io::{self, Write};

use crate::checks::report::SeverityExplanation;
use crate::render::Render;
use crate::render::formats::Text;

impl Render<SeverityExplanation<'_>> for Text {
    fn render(&self, explanation: &SeverityExplanation, out: &mut dyn Write) -> io::Result<()> {
        let finding = explanation.finding;
        writeln!(
            out,
            "{} {} {}: {}\nseverity: {}",
            finding.fingerprint.as_deref().unwrap_or_default(),
            finding.code,
            finding.subject.location(),
            finding.message,
            finding.severity
        )?;
        let Some(origin) = explanation.origin else {
            return Ok(());
        };
        writeln!(
            out,
            "  1. {} reported it as {}",
            finding.code, origin.reported
        )?;
        let mut at = origin.reported;
        match origin.overridden {
            Some(s) => {
                writeln!(
                    out,
                    "  2. [lint] severity = {{ {} = \"{s}\" }} set it to {s}",
                    finding.code
                )?;
                at = s;
            }
            None => writeln!(
                out,
                "  2. [lint] severity has no override for {}",
                finding.code
            )?,
        }
        match &origin.rule {
            Some((index, rule)) => {
                let place = rule
                    .location
                    .as_ref()
                    .map(|l| format!(" ({}:{})", l.file, l.line))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "  3. severity rule {}{place} matched first: {} — {at} → {}",
                    index + 1,
                    rule.text,
                    finding.severity
                )
            }
            None => writeln!(out, "  3. no severity rule matched"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::engine::SeverityOrigin;
    use crate::checks::report::SeverityExplanation;
    use crate::checks::report::fixtures::findings;
    use crate::diagnostics::Severity;
    use crate::render::formats::Text;
    use crate::render::to_string;

    #[test]
    fn an_override_is_named_with_the_setting_that_made_it() {
        let mut finding = findings().remove(1);
        finding.fingerprint = Some("0123456789abcdef".into());
        let origin = SeverityOrigin {
            reported: Severity::Medium,
            overridden: Some(Severity::High),
            rule: None,
        };
        let text = to_string(
            &Text::default(),
            &SeverityExplanation {
                finding: &finding,
                origin: Some(&origin),
            },
        )
        .unwrap();
        assert_eq!(
            text,
            "0123456789abcdef SCP001 policies/guard.json:5:2: `s3:DeletePublicAccessBlok` matches no IAM action, 100% | sure\n\
             severity: high\n  \
             1. SCP001 reported it as medium\n  \
             2. [lint] severity = { SCP001 = \"high\" } set it to high\n  \
             3. no severity rule matched\n"
        );
    }
}
