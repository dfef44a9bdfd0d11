//! Diagnostics for a person: miette's report with the source lines, one
//! after another, as validate and the commands that refuse a layout print
//! them.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use super::Finding;
use super::sources::Sources;

/// A problem with its source, in the shape miette renders.
struct Rendered<'a> {
    problem: &'a Finding,
    source: Option<NamedSource<String>>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.problem.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.problem.severity.blocks() {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.problem.help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (start, end) = self.problem.subject.span?;
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".to_string()),
            (start, end.saturating_sub(start)),
        ))))
    }
}

/// The longest source line a report quotes. Past it (minified JSON, a
/// damaged file) the snippet says nothing a person can read, and miette's
/// column arithmetic overflows at 65,535 columns and panics.
const MAX_QUOTED_LINE: usize = 1_000;

/// A diagnostic shown without its source snippet.
struct WithoutSource<'a>(&'a dyn Diagnostic);

impl std::fmt::Debug for WithoutSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl std::fmt::Display for WithoutSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for WithoutSource<'_> {}

impl Diagnostic for WithoutSource<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.code()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
}

/// Whether a label of the diagnostic sits on, or beside, a line too long
/// to quote.
fn quotes_a_long_line(diagnostic: &dyn Diagnostic) -> bool {
    let (Some(source), Some(mut labels)) = (diagnostic.source_code(), diagnostic.labels()) else {
        return false;
    };
    labels.any(|label| {
        source
            // One line either side, as the report shows them.
            .read_span(label.inner(), 1, 1)
            .map(|contents| {
                contents.column() + label.len() > MAX_QUOTED_LINE
                    || contents
                        .data()
                        .split(|b| *b == b'\n')
                        .any(|line| line.len() > MAX_QUOTED_LINE)
            })
            .unwrap_or(true)
    })
}

/// Renders a diagnostic for a person, with its source snippet unless the
/// snippet's line is too long to quote.
pub fn render_report(diagnostic: &dyn Diagnostic, color: bool) -> Option<String> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut out = String::new();
    let rendered = if quotes_a_long_line(diagnostic) {
        handler.render_report(&mut out, &WithoutSource(diagnostic))
    } else {
        handler.render_report(&mut out, diagnostic)
    };
    rendered.ok().map(|_| out)
}

/// Renders problems for a person: a source snippet under each, colour only
/// when `color` is set.
pub fn render_human(problems: &[Finding], sources: &Sources, color: bool) -> String {
    let mut out = String::new();
    for problem in problems {
        let subject = &problem.subject;
        let source = subject.file.as_ref().and_then(|file| {
            sources
                .text(file)
                .map(|text| NamedSource::new(file, text.to_string()))
        });
        let rendered = Rendered { problem, source };
        if let Some(file) = &subject.file {
            out.push_str(&format!(
                "{file}:{}:{}: ",
                subject.line.unwrap_or(1),
                subject.column.unwrap_or(1)
            ));
        }
        out.push_str(&format!(
            "{}[{}]: {}\n",
            problem.severity.word(),
            problem.code,
            problem.message
        ));
        if let Some(buf) = render_report(&rendered, color) {
            // The first non-empty line repeats the message written above.
            let body: Vec<&str> = buf
                .lines()
                .skip_while(|l| !l.trim_start().starts_with(['×', '⚠', '☞']))
                .skip(1)
                .collect();
            out.push_str(&body.join("\n"));
            out.push('\n');
        }
    }
    out
}
