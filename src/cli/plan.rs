//! `orgguard plan`: what would change to make the live organization match
//! the layout.

use std::path::PathBuf;

use super::GlobalArgs;
use super::live::{LayoutSettings, runtime};
use super::output::{stdout_color, write_output, write_rendered};
use crate::aws::identity_center::AssignmentStrategy;
use crate::aws::{self, Clients, ReadOptions};
use crate::diagnostics::render_human;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout::model::Desired;
use crate::layout::{self, LAYOUT_FILE, Layout};
use crate::org::{Snapshot, read_snapshot};
use crate::plan::model::Plan;
use crate::plan::{SavedPlan, plan_desired};
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

/// Show the changes that would make the live organization match the layout.
///
/// Compares ou-layout.toml and policies/ with the live organization (or a
/// snapshot given with --live) and prints the changes in the order they
/// would be applied. Every step is checked against AWS's rules first; a
/// plan that breaks one is refused with the reason (exit 2). Nothing is
/// changed: `orgguard apply` does that.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard plan -o plan.json --format markdown")]
pub struct Args {
    /// Read the live organization from this snapshot file instead of AWS.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// Also save the plan to this file, for `orgguard apply FILE`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How the plan is printed.
    #[arg(long, value_parser = parser(Plan::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 0 when there are no changes, 1 when there are, 2 on error.
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// Let this plan close up to N accounts, above
    /// settings.limits.account_closures_per_plan (default 1).
    #[arg(long, value_name = "N")]
    pub max_account_closures: Option<usize>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let (layout, desired, live) = match &args.live {
        Some(path) => {
            let (live, prepared) = crate::phase::side_by_side(
                || read_normalized(path),
                || prepare(global, args.max_account_closures),
            );
            let (layout, desired) = prepared?;
            (layout, desired, live?)
        }
        None => {
            let (layout, desired) = prepare(global, args.max_account_closures)?;
            let live = read_live(global, &layout)?;
            (layout, desired, live)
        }
    };
    let plan = crate::phase::timed("planned", || plan_desired(&desired, &live))?;
    if let Some(path) = &args.output {
        let mut saved = SavedPlan::new(&plan, &layout, &live);
        saved.max_account_closures = args.max_account_closures;
        write_output(Some(path), &saved.to_json())?;
        if !global.quiet {
            eprintln!(
                "saved the plan to {}; apply it with `orgguard apply {}`",
                path.display(),
                path.display()
            );
        }
    }
    let style = Style {
        color: args.format == Format::Text && stdout_color(),
    };
    crate::phase::timed("rendered the plan", || {
        write_rendered(None, args.format, style, &plan)
    })?;
    crate::phase::leave_for_exit((live, layout, desired));
    Ok(if args.detailed_exitcode && !plan.is_empty() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// The checked layout and the organization it describes, with
/// `--max-account-closures` applied.
fn prepare(global: &GlobalArgs, max_account_closures: Option<usize>) -> Result<(Layout, Desired)> {
    let layout = load_checked_layout(global)?;
    let desired = crate::phase::timed("modelled the layout", || {
        Desired::for_plan(&layout, max_account_closures)
    });
    Ok((layout, desired))
}

/// A snapshot file, read and put in canonical order.
fn read_normalized(path: &std::path::Path) -> Result<Snapshot> {
    let mut snapshot = read_snapshot(path)?;
    crate::phase::timed("normalized the snapshot", || snapshot.normalize());
    Ok(snapshot)
}

/// The layout, refusing to plan from one with errors.
pub(crate) fn load_checked_layout(global: &GlobalArgs) -> Result<Layout> {
    checked_layout(global, "nothing was planned", "plan again")
}

/// The layout; when it has errors, they are printed as `validate` prints
/// them and the command stops, saying what it did not do (`outcome`) and
/// what to run once they are fixed (`again`).
pub(crate) fn checked_layout(global: &GlobalArgs, outcome: &str, again: &str) -> Result<Layout> {
    let mut loaded = layout::load(&global.dir)?;
    if let Some(layout) = &loaded.layout {
        crate::phase::timed("checked the layout", || {
            layout::check::check(layout, &loaded.sources, &mut loaded.problems)
        });
    }
    loaded.problems.sort();
    let errors: Vec<_> = loaded
        .problems
        .list
        .iter()
        .filter(|p| p.severity.blocks())
        .cloned()
        .collect();
    match loaded.layout {
        Some(layout) if errors.is_empty() && !loaded.unreadable => Ok(layout),
        _ => {
            let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
            eprint!("{}", render_human(&errors, &loaded.sources, color));
            Err(Error::invalid(
                format!(
                    "{LAYOUT_FILE} or policies/ has {} error(s); {outcome}",
                    errors.len().max(1)
                ),
                format!("fix the problems above (`orgguard validate` shows them too) and {again}"),
            ))
        }
    }
}

pub(crate) fn read_live(global: &GlobalArgs, layout: &Layout) -> Result<Snapshot> {
    let settings = LayoutSettings::of(layout);
    runtime()?.block_on(async {
        let clients = Clients::new(&settings.aws_options(global)).await;
        settings.check_organization(&clients).await?;
        let options = ReadOptions {
            deep: None,
            assignments: AssignmentStrategy::Auto,
            identity_center: crate::plan::saved::manages_identity_center(layout),
            progress: !global.no_progress && !global.quiet,
            org_settings: settings.settings_reads(),
        };
        let mut snapshot = aws::read_snapshot(&clients, &options).await?;
        snapshot.normalize();
        Ok::<_, Error>(snapshot)
    })
}
