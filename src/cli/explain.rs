//! `orgguard explain`: a rule's documentation from the registry (lint's
//! rules and validate's).

use clap::ValueEnum;

use super::GlobalArgs;
use super::output::write_output;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::lint::docs;
use crate::lint::registry::{self, Rule};

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
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

fn json(rule: &Rule) -> serde_json::Value {
    serde_json::json!({
        "code": rule.code,
        "name": rule.name,
        "area": rule.area.title(),
        "severity": rule.severity,
        "needs": rule.needs.to_string(),
        "summary": rule.summary,
        "what": rule.docs.what,
        "why": rule.docs.why,
        "example": rule.docs.example,
        "fix": rule.docs.fix,
    })
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    if let Some(id) = &args.severity {
        let text = explain_severity(global, id, args.live.as_deref())?;
        write_output(None, &text)?;
        return Ok(Exit::Clean);
    }
    let text = match (&args.rule, args.format) {
        (None, Format::Markdown) => docs::reference(),
        (None, Format::Json) => pretty(&serde_json::Value::Array(
            registry::all().map(json).collect(),
        )),
        (None, Format::Text) => {
            let mut t = String::new();
            for r in registry::all() {
                let label = if r.code == r.name {
                    r.code.to_string()
                } else {
                    format!("{}  {}", r.code, r.name)
                };
                t.push_str(&format!(
                    "{label:<46} {:<8} {}\n",
                    r.severity.as_str(),
                    r.summary
                ));
            }
            t
        }
        (Some(key), format) => {
            let rule = registry::find(key).ok_or_else(|| {
                let candidates = registry::all().flat_map(|r| [r.code, r.name]);
                Error::invalid(
                    format!("`{key}` is not a rule"),
                    match crate::suggest::closest(key, candidates) {
                        Some(best) => format!(
                            "did you mean `{best}`? `orgguard explain --all` lists the rules"
                        ),
                        None => "`orgguard explain --all` lists the rules".to_string(),
                    },
                )
            })?;
            match format {
                Format::Text => docs::text(rule),
                Format::Markdown => docs::markdown(rule),
                Format::Json => pretty(&json(rule)),
            }
        }
    };
    write_output(None, &text)?;
    Ok(Exit::Clean)
}

fn pretty(value: &serde_json::Value) -> String {
    let mut t = serde_json::to_string_pretty(value).unwrap_or_default();
    t.push('\n');
    t
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
