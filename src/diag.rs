//! Problems found in the input: what `validate` reports, each a
//! [`Finding`] with the file, line and column it is about and what to do.
//! Every code pushed here is a registered rule (`lint::validate_rules`).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

use crate::findings::{Finding, Severity, Subject};

/// Where in which file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub span: Range<usize>,
}

impl From<Location> for Subject {
    fn from(location: Location) -> Self {
        Subject {
            file: Some(location.file),
            line: Some(location.line),
            column: Some(location.column),
            span: Some((location.span.start, location.span.end)),
            ..Subject::default()
        }
    }
}

/// The text of every file read, so problems can point into it.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<String, String>,
}

impl Sources {
    pub fn add(&mut self, name: &str, text: String) {
        self.files.insert(name.to_string(), text);
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    /// The location of a byte span in a file read earlier.
    pub fn locate(&self, file: &str, span: Range<usize>) -> Location {
        let (line, column) = self
            .text(file)
            .map(|text| line_column(text, span.start))
            .unwrap_or((1, 1));
        Location {
            file: file.to_string(),
            line,
            column,
            span,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Collects problems with their locations while a check runs.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Finding>,
}

impl Problems {
    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        // The source scan in `lint::validate_rules` sees every code; this
        // also catches a severity above the registered one.
        #[cfg(test)]
        assert!(
            crate::lint::registry::find_validate(code)
                .is_some_and(|rule| rule.severity.at_least(severity)),
            "`{code}` ({severity}) is not a registered validate rule of that severity (src/lint/validate_rules.rs)"
        );
        self.list.push(Finding {
            code: code.to_string(),
            severity,
            message: message.into(),
            subject: location.map(Subject::from).unwrap_or_default(),
            help: help.into(),
            fingerprint: None,
        });
    }

    /// A problem that blocks: [`Severity::ERROR`].
    pub fn error(
        &mut self,
        code: &'static str,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Severity::ERROR, code, location, message, help);
    }

    /// A problem that does not block: [`Severity::WARNING`].
    pub fn warning(
        &mut self,
        code: &'static str,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Severity::WARNING, code, location, message, help);
    }

    /// The problems that block (validate's errors).
    pub fn errors(&self) -> usize {
        self.list.iter().filter(|p| p.severity.blocks()).count()
    }

    /// The problems that do not block (validate's warnings).
    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    /// Errors first, then by file and position, so output is stable.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            let key = |p: &Finding| (p.subject.file.clone(), p.subject.span.map(|s| s.0));
            key(a)
                .cmp(&key(b))
                .then(a.severity.cmp(&b.severity))
                .then(a.message.cmp(&b.message))
        });
    }
}

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
