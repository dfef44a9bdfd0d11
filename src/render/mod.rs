//! Every report in every format: one [`Render`] trait that each format's
//! reporter implements, writing to `&mut dyn Write` so the same code serves
//! stdout, files and tests; one [`Format`] list; and, per report, the
//! formats it is offered in ([`Renderable`], listed in offered.rs).
//! Renderers only format what an engine already computed: they never run
//! one.
//!
//! A new report: a type holding everything it shows, one `Render` impl
//! per format under `formats/FORMAT/` (JSON is usually the serde shape:
//! add the type to `serde_shape!` in formats/json/mod.rs), one `offered!`
//! line, and `--format` declared with
//! `value_parser = format::parser(Report::FORMATS)`; the command writes
//! it with `cli::output::write_rendered`. A new format: a variant here, a
//! unit struct in formats/mod.rs, and its impls.

pub mod format;
pub mod formats;
pub mod offered;

use std::io::{self, Write};

pub use format::Format;

use crate::error::{Error, Result};

/// Writes one kind of report in one format.
pub trait Render<T: ?Sized> {
    fn render(&self, value: &T, out: &mut dyn Write) -> io::Result<()>;
}

/// How a renderer may dress its output; formats that cannot show a style
/// ignore it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour, for text on a terminal.
    pub color: bool,
}

/// A report and the formats it is written in.
pub trait Renderable {
    /// The formats offered, in the order `--help` lists them.
    const FORMATS: &'static [Format];

    /// The renderer for `format`, or None when the report is not offered
    /// in it.
    fn renderer(format: Format, style: Style) -> Option<Box<dyn Render<Self>>>;
}

/// The renderer for `format`, or an error naming the formats offered.
pub fn renderer<T: Renderable + ?Sized>(
    format: Format,
    style: Style,
) -> Result<Box<dyn Render<T>>> {
    T::renderer(format, style).ok_or_else(|| {
        let offered: Vec<&str> = T::FORMATS.iter().map(|f| f.name()).collect();
        Error::invalid(
            format!("this report is not written as {format}"),
            format!("choose one of: {}", offered.join(", ")),
        )
    })
}

/// The rendered value as text (every format is UTF-8).
pub fn to_string<T: ?Sized>(renderer: &dyn Render<T>, value: &T) -> io::Result<String> {
    let mut bytes = Vec::new();
    renderer.render(value, &mut bytes)?;
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::findings_report::FindingsReport;
    use crate::plan::model::Plan;

    #[test]
    fn a_format_the_report_is_not_offered_in_is_refused_with_the_list() {
        let refused = renderer::<FindingsReport>(Format::Csv, Style::default())
            .err()
            .expect("the findings report has no CSV");
        let text = format!("{refused:?}");
        assert!(text.contains("not written as csv"), "{text}");
        assert!(text.contains("markdown, html"), "{text}");
    }

    #[test]
    fn every_offered_format_has_a_renderer() {
        for format in Plan::FORMATS {
            assert!(
                Plan::renderer(*format, Style::default()).is_some(),
                "{format}"
            );
        }
        for format in Format::ALL {
            let offered = FindingsReport::FORMATS.contains(&format);
            let found = FindingsReport::renderer(format, Style::default()).is_some();
            assert_eq!(offered, found, "{format}");
        }
    }
}
