//! `orgguard validate`: the offline pre-merge check of the layout, the SCP
//! files and their templating. No credentials, no network.

use super::GlobalArgs;
use super::output::{stdout_color, write_rendered};
use crate::error::Result;
use crate::exit::Exit;
use crate::layout;
use crate::layout::report::{Summary, ValidateReport};
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

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
    #[arg(long, value_parser = parser(ValidateReport::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also warn about names in policies/access.cedar that this snapshot
    /// (from `orgguard snapshot -o FILE`) does not have.
    #[arg(long, value_name = "FILE")]
    pub live: Option<std::path::PathBuf>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let (live, loaded) = crate::phase::side_by_side(
        || {
            args.live
                .as_deref()
                .map(crate::org::read_snapshot)
                .transpose()
        },
        || {
            let mut loaded = layout::load(&global.dir)?;
            if let Some(layout) = &loaded.layout {
                layout::check::check(layout, &loaded.sources, &mut loaded.problems);
            }
            Ok::<_, crate::error::Error>(loaded)
        },
    );
    let mut loaded = loaded?;
    let live = live?;
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
    let report = ValidateReport {
        findings: &loaded.problems.list,
        sources: &loaded.sources,
        summary: loaded.layout.as_ref().map(Summary::of),
        unreadable: loaded.unreadable,
        summary_line: !global.quiet,
    };
    let style = Style {
        color: args.format == Format::Text && stdout_color(),
    };
    write_rendered(None, args.format, style, &report)?;
    let unreadable = loaded.unreadable;
    // A large snapshot is millions of small allocations; the process is
    // about to end and frees them at once.
    crate::phase::leave_for_exit((live, loaded));
    Ok(if unreadable {
        Exit::Error
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
