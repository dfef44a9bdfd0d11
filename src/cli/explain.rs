//! `orgguard explain`: a lint rule's documentation from the registry.

use clap::ValueEnum;

use super::GlobalArgs;
use super::output::write_output;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::lint::docs;
use crate::lint::registry::{self, RULES, Rule};

/// Print what a lint rule checks, why it is dangerous, an example and how
/// to fix it. `--all --format markdown` prints docs/rules.md.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard explain KMS001")]
pub struct Args {
    /// A rule code (KMS001) or name (single-key-administrator).
    #[arg(required_unless_present = "all")]
    pub rule: Option<String>,
    /// Every rule.
    #[arg(long, conflicts_with = "rule")]
    pub all: bool,
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

pub fn run(_global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let text = match (&args.rule, args.format) {
        (None, Format::Markdown) => docs::reference(),
        (None, Format::Json) => pretty(&serde_json::Value::Array(RULES.iter().map(json).collect())),
        (None, Format::Text) => {
            let mut t = String::new();
            for r in RULES {
                t.push_str(&format!(
                    "{}  {:<38} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                ));
            }
            t
        }
        (Some(key), format) => {
            let rule = registry::find(key).ok_or_else(|| {
                let candidates = RULES.iter().flat_map(|r| [r.code, r.name]);
                Error::invalid(
                    format!("`{key}` is not a lint rule"),
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
