//! `orgguard explain`: a lint rule's documentation from the registry.

use super::GlobalArgs;
use super::output::{write_output, write_rendered};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::lint::registry::{self, RULES, Rule};
use crate::lint::report::Catalog;
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

/// Print what a lint rule checks, why it is dangerous, an example and how
/// to fix it. `--all --format markdown` prints docs/rules.md.
///
/// `--severity FINDING-ID` instead runs lint (on --live FILE, or the
/// layout) and says how that finding got its severity: what the rule
/// reported, the [lint] severity override and the first severity rule
/// that matched.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard explain KMS001")]
pub struct Args {
    /// A rule code (KMS001) or name (single-key-administrator).
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
        let text = explain_severity(global, id, args.live.as_deref())?;
        write_output(None, &text)?;
        return Ok(Exit::Clean);
    }
    let Some(key) = &args.rule else {
        write_rendered(None, args.format, Style::default(), &Catalog)?;
        return Ok(Exit::Clean);
    };
    let rule = registry::find(key).ok_or_else(|| {
        let candidates = RULES.iter().flat_map(|r| [r.code, r.name]);
        Error::invalid(
            format!("`{key}` is not a lint rule"),
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

/// How one finding got its severity, in words.
fn explain_severity(
    global: &GlobalArgs,
    id: &str,
    live: Option<&std::path::Path>,
) -> Result<String> {
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
    let fingerprint = finding.fingerprint.clone().unwrap_or_default();
    let mut t = format!(
        "{fingerprint} {} {}: {}\nseverity: {}\n",
        finding.code,
        finding.subject.location(),
        finding.message,
        finding.severity
    );
    let Some(origin) = outcome.origins.get(&fingerprint) else {
        return Ok(t);
    };
    t.push_str(&format!(
        "  1. {} reported it as {}\n",
        finding.code, origin.reported
    ));
    let mut at = origin.reported;
    match origin.overridden {
        Some(s) => {
            t.push_str(&format!(
                "  2. [lint] severity = {{ {} = \"{s}\" }} set it to {s}\n",
                finding.code
            ));
            at = s;
        }
        None => t.push_str(&format!(
            "  2. [lint] severity has no override for {}\n",
            finding.code
        )),
    }
    match &origin.rule {
        Some((index, rule)) => {
            let place = rule
                .location
                .as_ref()
                .map(|l| format!(" ({}:{})", l.file, l.line))
                .unwrap_or_default();
            t.push_str(&format!(
                "  3. severity rule {}{place} matched first: {} — {at} → {}\n",
                index + 1,
                rule.text,
                finding.severity
            ));
        }
        None => t.push_str("  3. no severity rule matched\n"),
    }
    Ok(t)
}
