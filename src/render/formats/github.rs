//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! annotation per finding, on the file and line when there is one.

use std::io::{self, Write};

use crate::checks::report::Report;
use crate::diagnostics::Severity;
use crate::render::Render;
use crate::render::formats::Github;

/// Escapes the message part of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Render<Report<'_>> for Github {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for f in report.findings {
            let level = match f.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                Severity::Low | Severity::Info => "notice",
            };
            let mut props = Vec::new();
            if let Some(file) = &f.subject.file {
                props.push(format!("file={}", property(file)));
                if let Some(line) = f.subject.line {
                    props.push(format!("line={line}"));
                }
                if let Some(col) = f.subject.column {
                    props.push(format!("col={col}"));
                }
            }
            props.push(format!(
                "title={}",
                property(&format!("{} ({})", f.code, f.severity))
            ));
            let prefix = if f.subject.file.is_some() {
                String::new()
            } else {
                format!("{}: ", f.subject.location())
            };
            writeln!(
                out,
                "::{level} {}::{}",
                props.join(","),
                data(&format!("{prefix}{}. Fix: {}", f.message, f.help))
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::report::fixtures::*;
    use crate::render::Format;

    #[test]
    fn annotates_files_and_resources() {
        let findings = findings();
        let text = render(Format::Github, &report(&findings));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            "::error title=KMS003 (critical)::arn:aws:kms:eu-west-1:444444444444:key/k1 [eu-west-1]: the administrator of key k1 is gone. Fix: contact AWS Support"
        );
        assert!(
            lines[1]
                .starts_with("::error file=policies/guard.json,line=5,col=2,title=SCP001 (high)::")
        );
        assert!(lines[1].contains("100%25 | sure"));
    }
}
