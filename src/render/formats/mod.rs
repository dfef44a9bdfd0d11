//! One reporter per output format. Each implements [`Render`](super::Render)
//! for every report offered in its format; the per-report files live under
//! the format's folder.

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod simulate;
pub mod text;
pub mod validate_as_lint;

/// Text for a terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text {
    /// ANSI colour (plans only).
    pub color: bool,
}

/// JSON for programs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

/// Markdown for a pull-request comment or a wiki page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// SARIF 2.1.0 for code-scanning dashboards.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

/// GitHub Actions workflow commands (annotations).
#[derive(Debug, Clone, Copy, Default)]
pub struct Github;

/// CSV that opens in spreadsheets.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

/// One self-contained HTML page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

/// "1 finding", "2 findings".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
