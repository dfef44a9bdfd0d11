//! The text of every file read, and where in it a diagnostic points.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use super::Subject;

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
