//! The output formats, and the `--format` parser that offers a command
//! only the formats its report is written in.

use std::fmt;
use std::str::FromStr;

use clap::builder::{PossibleValuesParser, TypedValueParser};

/// Every output format of every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Sarif,
    Github,
    Csv,
    Html,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Sarif,
        Format::Github,
        Format::Csv,
        Format::Html,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == text)
            .ok_or_else(|| format!("`{text}` is not an output format"))
    }
}

/// A `--format` value parser accepting only `formats`: `--help`, the man
/// pages and the completions list exactly these, in this order, and any
/// other value is refused with the list.
pub fn parser(formats: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(formats.iter().map(|f| f.name())).try_map(|name| name.parse())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_reads_back_from_its_name() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
        }
        assert!("yaml".parse::<Format>().is_err());
    }

    #[test]
    fn the_parser_offers_only_the_formats_given() {
        let command = clap::Command::new("t").arg(
            clap::Arg::new("format")
                .long("format")
                .value_parser(parser(&[Format::Markdown, Format::Html])),
        );
        let matches = command
            .clone()
            .try_get_matches_from(["t", "--format", "html"])
            .expect("html is offered");
        assert_eq!(matches.get_one::<Format>("format"), Some(&Format::Html));
        let refused = command
            .try_get_matches_from(["t", "--format", "csv"])
            .expect_err("csv is not offered")
            .to_string();
        assert!(
            refused.contains("[possible values: markdown, html]"),
            "{refused}"
        );
    }
}
