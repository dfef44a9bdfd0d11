//! `orgguard validate`: the offline pre-merge check of the layout, the SCP
//! files and their templating. No credentials, no network.

use std::collections::BTreeSet;

use clap::ValueEnum;
use serde::Serialize;

use super::GlobalArgs;
use super::output::{stdout_color, write_output};
use crate::diag::render_human;
use crate::error::Result;
use crate::exit::Exit;
use crate::findings::{Finding, Severity};
use crate::layout::model::Desired;
use crate::layout::{self, Layout};
use crate::policy::kinds::PolicyKind;

/// Check ou-layout.toml and policies/ offline: syntax, references, limits
/// and the SCP and RCP grammars.
///
/// Every problem is a finding of a registered rule (`orgguard explain
/// CODE`): an error is high (it blocks), a warning medium. `--format sarif`
/// is for GitHub code scanning, `--format github` annotates a workflow run.
///
/// Exits 0 when there are no errors, 1 when there are errors (or warnings
/// with --deny-warnings), 2 when a file cannot be read or parsed.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard validate --deny-warnings")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also warn about names in policies/access.cedar that this snapshot
    /// (from `orgguard snapshot -o FILE`) does not have.
    #[arg(long, value_name = "FILE")]
    pub live: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, as `lint --format sarif` writes it.
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

/// The shape of `validate --format json`: 2 since its problems are
/// findings (`findings`, as `lint --format json` writes them), where
/// version 1 (no `version` key) had `problems` with `severity` error or
/// warning.
pub const JSON_VERSION: u32 = 2;

/// What the layout holds, for the closing summary.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub ous: usize,
    pub accounts: usize,
    pub scps: usize,
    /// RCPs the layout defines (RCPFullAWSAccess is not counted).
    pub rcps: usize,
    pub attachments: usize,
}

impl Summary {
    /// Counted on the desired organization, as plan sees it: a target
    /// without `scps` has the defaults, the root included.
    pub fn of(layout: &Layout) -> Self {
        let desired = Desired::from_layout(layout);
        let (root, ous, accounts) = desired.lists(PolicyKind::Scp);
        let attachments = root.len() + ous.iter().chain(&accounts).map(|l| l.len()).sum::<usize>();
        // Files that did not parse are SCPs too, for the count.
        let mut scps: BTreeSet<&str> = desired
            .policies
            .keys()
            .chain(layout.unparsed_policies.iter())
            .map(String::as_str)
            .collect();
        scps.insert(PolicyKind::Scp.full_access());
        Summary {
            ous: desired.ous.len(),
            accounts: desired.accounts.len() + desired.unpinned.len(),
            scps: scps.len(),
            rcps: desired.rcps.len(),
            attachments,
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    ok: bool,
    /// Findings that block (high and above).
    errors: usize,
    /// Findings that do not.
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
    findings: &'a [Finding],
}

/// SARIF or GitHub annotations, through lint's emitters.
fn lint_format(format: Format, findings: &[Finding]) -> String {
    let format = match format {
        Format::Github => crate::report::Format::Github,
        _ => crate::report::Format::Sarif,
    };
    crate::report::render(
        format,
        &crate::report::Report {
            mode: crate::lint::Mode::Offline,
            findings,
            waived: &[],
            fail_on: Severity::ERROR,
            baseline: None,
        },
    )
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let mut loaded = layout::load(&global.dir)?;
    if let Some(layout) = &loaded.layout {
        layout::check::check(layout, &loaded.sources, &mut loaded.problems);
    }
    let live = args
        .live
        .as_deref()
        .map(crate::model::read_snapshot)
        .transpose()?;
    loaded.unreadable |= crate::access::validate::check(
        &global.dir,
        loaded.layout.as_ref(),
        live.as_ref(),
        &mut loaded.sources,
        &mut loaded.problems,
    )?;
    loaded.problems.sort();
    let errors = loaded.problems.errors();
    let warnings = loaded.problems.warnings();
    let summary = loaded.layout.as_ref().map(Summary::of);

    let text = match args.format {
        Format::Json => {
            let report = JsonReport {
                version: JSON_VERSION,
                ok: errors == 0 && !loaded.unreadable,
                errors,
                warnings,
                summary: summary.as_ref(),
                findings: &loaded.problems.list,
            };
            let mut t = serde_json::to_string_pretty(&report).unwrap_or_default();
            t.push('\n');
            t
        }
        Format::Sarif | Format::Github => lint_format(args.format, &loaded.problems.list),
        Format::Text => {
            let mut t = render_human(&loaded.problems.list, &loaded.sources, stdout_color());
            if !global.quiet || errors > 0 {
                match &summary {
                    Some(s) => t.push_str(&format!(
                        "{}: {} OUs, {} accounts, {} SCPs, {}{} SCP attachments; {}\n",
                        layout::LAYOUT_FILE,
                        s.ous,
                        s.accounts,
                        s.scps,
                        if s.rcps > 0 {
                            format!("{} RCPs, ", s.rcps)
                        } else {
                            String::new()
                        },
                        s.attachments,
                        count_line(errors, warnings)
                    )),
                    None => t.push_str(&format!(
                        "{} could not be parsed; {}\n",
                        layout::LAYOUT_FILE,
                        count_line(errors, warnings)
                    )),
                }
            }
            t
        }
    };
    write_output(None, &text)?;
    Ok(if loaded.unreadable {
        Exit::Error
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn count_line(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
