//! The plan for people and machines: terraform-style text, Markdown for a
//! pull-request comment, and JSON with a stable schema (docs/plan.md).

pub mod content_diff;
pub mod describe;
pub mod json;
pub mod markdown;
pub mod text;

use super::model::Plan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// The plan in `format`; `color` only affects text.
pub fn render(plan: &Plan, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(plan, color),
        Format::Markdown => markdown::render(plan),
        Format::Json => json::render(plan),
    }
}
