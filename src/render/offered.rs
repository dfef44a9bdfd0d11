//! Which formats each report is offered in, and the renderer for each:
//! `--format` of every command is built from these lists.

use super::formats::{Csv, Github, Html, Json, Markdown, Sarif, Text};
use super::{Format, Render, Renderable, Style};
use crate::access::check::CheckReport;
use crate::access::explain::Explanation;
use crate::audit::findings_report::FindingsReport;
use crate::audit::iam_users::IamUsersReport;
use crate::audit::inventory::Inventory;
use crate::checks::registry::Rule;
use crate::checks::report::{Catalog, Report as LintReport, SeverityExplanation};
use crate::layout::report::ValidateReport;
use crate::plan::model::Plan;
use crate::simulate::observed::ObservedReport;
use crate::simulate::report::Report as SimulateReport;

/// `offered!(Report, |style| Format => renderer, ...)`: the report is
/// offered in these formats, in this order, by these renderers.
macro_rules! offered {
    ($report:ty, |$style:ident| $($format:ident => $renderer:expr),+ $(,)?) => {
        impl Renderable for $report {
            const FORMATS: &'static [Format] = &[$(Format::$format),+];

            fn renderer(format: Format, $style: Style) -> Option<Box<dyn Render<Self>>> {
                match format {
                    $(Format::$format => Some(Box::new($renderer)),)+
                    _ => None,
                }
            }
        }
    };
}

// `orgguard lint`.
offered!(LintReport<'_>, |_style|
    Text => Text::default(),
    Json => Json,
    Sarif => Sarif,
    Markdown => Markdown,
    Github => Github,
);

// `orgguard validate`.
offered!(ValidateReport<'_>, |style|
    Text => Text { color: style.color },
    Json => Json,
    Sarif => Sarif,
    Github => Github,
);

// `orgguard plan`, and the plan `apply` shows.
offered!(Plan, |style|
    Text => Text { color: style.color },
    Markdown => Markdown,
    Json => Json,
);

// `orgguard audit assignments`.
offered!(Inventory, |_style| Csv => Csv, Json => Json, Markdown => Markdown, Html => Html);

// `orgguard audit findings`.
offered!(FindingsReport, |_style| Markdown => Markdown, Html => Html);

// `orgguard audit iam-users`.
offered!(IamUsersReport, |_style| Csv => Csv, Json => Json, Markdown => Markdown);

// `orgguard simulate`.
offered!(SimulateReport, |_style| Text => Text::default(), Json => Json, Markdown => Markdown);

// `orgguard simulate --observed`.
offered!(ObservedReport, |_style| Text => Text::default(), Json => Json, Markdown => Markdown);

// `orgguard access check`.
offered!(CheckReport<'_>, |_style| Text => Text::default(), Json => Json);

// `orgguard access explain`.
offered!(Explanation, |_style| Text => Text::default(), Json => Json);

// `orgguard explain RULE`.
offered!(Rule, |_style| Text => Text::default(), Markdown => Markdown, Json => Json);

// `orgguard explain --all`.
offered!(Catalog, |_style| Text => Text::default(), Markdown => Markdown, Json => Json);

// `orgguard explain --severity FINDING-ID`: text whatever --format says.
offered!(SeverityExplanation<'_>, |_style| Text => Text::default());
