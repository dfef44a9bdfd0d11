//! `orgguard explain`: a rule's documentation from the registry (lint's
//! rules and validate's).

use super::GlobalArgs;
use super::output::write_rendered;
use crate::checks::registry::{self, Rule};
use crate::checks::report::{Catalog, SeverityExplanation};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

/// Print what a rule checks (a lint rule, or a check of validate), why it
/// is dangerous, an example and how to fix it. `--all --format markdown`
/// prints docs/rules.md.
///
/// `--severity FINDING-ID` instead runs lint (on --live FILE, or the
/// layout) and says how that finding got its severity: what the rule
/// reported, the [lint] severity override and the first severity rule
/// that matched.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard explain KMS001")]
pub struct Args {
    /// A rule code (KMS001, scp-grammar) or name (single-key-administrator).
    #[arg(required_unless_present_any = ["all", "severity"])]
    pub rule: Option<String>,
    /// Every rule.
    #[arg(long, conflicts_with_all = ["rule", "severity"])]
    pub all: bool,
    /// A finding's id (its `fingerprint` in lint's JSON or SARIF output,
    /// or a unique prefix of it).
    #[arg(long, value_name = "FINDING-ID", conflicts_with = "rule")]
    pub severity: Option<String>,
    /// The snapshot the finding came from, for --severity.
    #[arg(long, value_name = "FILE", requires = "severity")]
    pub live: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_parser = parser(Rule::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    if let Some(id) = &args.severity {
        explain_severity(global, id, args.live.as_deref())?;
        return Ok(Exit::Clean);
    }
    let Some(key) = &args.rule else {
        write_rendered(None, args.format, Style::default(), &Catalog)?;
        return Ok(Exit::Clean);
    };
    let rule = registry::find(key).ok_or_else(|| {
        let candidates = registry::all().flat_map(|r| [r.code, r.name]);
        Error::invalid(
            format!("`{key}` is not a rule"),
            match crate::suggest::closest(key, candidates) {
                Some(best) => {
                    format!("did you mean `{best}`? `orgguard explain --all` lists the rules")
                }
                None => "`orgguard explain --all` lists the rules".to_string(),
            },
        )
    })?;
    write_rendered(None, args.format, Style::default(), rule)?;
    Ok(Exit::Clean)
}

/// Prints how one finding got its severity, in words (always as text).
fn explain_severity(global: &GlobalArgs, id: &str, live: Option<&std::path::Path>) -> Result<()> {
    let linted = super::lint::lint_run(global, live)?;
    let outcome = &linted.outcome;
    let matching: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.fingerprint.as_deref().is_some_and(|f| f.starts_with(id)))
        .collect();
    let finding = match matching.as_slice() {
        [one] => *one,
        [] => {
            return Err(Error::invalid(
                format!("no finding has the id `{id}`"),
                "take the id from `orgguard lint --format json` (`fingerprint`), run against the same --live snapshot",
            ));
        }
        _ => {
            return Err(Error::invalid(
                format!("{} findings have an id starting `{id}`", matching.len()),
                "give more characters of the id",
            ));
        }
    };
    let origin = outcome.origin_of(finding);
    let explanation = SeverityExplanation {
        finding,
        origin: Some(&origin),
    };
    write_rendered(None, Format::Text, Style::default(), &explanation)
}
