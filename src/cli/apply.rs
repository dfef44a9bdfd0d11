//! `orgguard apply`: carry out a reviewed plan against the live
//! organization, safely.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use super::GlobalArgs;
use super::live::{LayoutSettings, runtime};
use super::output::stdout_color;
use super::plan::load_checked_layout;
use crate::aws::failure::Failure;
use crate::aws::identity_center::AssignmentStrategy;
use crate::aws::{self, Clients, ReadOptions};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout::model::Desired;
use crate::plan::safety;
use crate::plan::saved::{check_as_derived, check_fresh};
use crate::plan::{Plan, SavedPlan, diff_with};
use crate::render::Render;
use crate::render::formats::Text;

/// Apply a plan to the live organization.
///
/// With PLAN (a file from `orgguard plan -o PLAN`) it applies exactly those
/// reviewed changes, after checking that neither the live organization nor
/// the layout changed since (a stale plan is refused with exit 1). Without
/// PLAN it plans now and shows the plan. Either way it asks for
/// confirmation on a terminal; without a terminal it needs --auto-approve.
/// Each step is printed as it is done. On a failure it stops, says what was
/// and was not done, and exits 2: `orgguard plan` then shows the remainder
/// and `orgguard apply` finishes the job.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard apply plan.json")]
pub struct Args {
    /// A saved plan from `orgguard plan -o FILE`.
    #[arg(value_name = "PLAN")]
    pub plan: Option<PathBuf>,
    /// Apply without asking.
    #[arg(long)]
    pub auto_approve: bool,
    /// Without PLAN: let this apply close up to N accounts, above
    /// settings.limits.account_closures_per_plan. A saved plan keeps the
    /// number it was planned with.
    #[arg(long, value_name = "N")]
    pub max_account_closures: Option<usize>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let saved = match &args.plan {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
            Some(SavedPlan::parse(&text, &path.display().to_string())?)
        }
        None => None,
    };
    if !args.auto_approve && !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "refusing to apply without confirmation: standard input is not a terminal",
            "review the plan and pass --auto-approve (in CI: apply the saved plan that was reviewed on the pull request)",
        ));
    }
    let layout = load_checked_layout(global)?;
    let settings = LayoutSettings::of(&layout);
    let rt = runtime()?;
    let (clients, live) = rt.block_on(async {
        let clients = Clients::new(&settings.aws_options(global)).await;
        settings.check_organization(&clients).await?;
        let options = ReadOptions {
            deep: None,
            assignments: AssignmentStrategy::Auto,
            identity_center: crate::plan::saved::manages_identity_center(&layout),
            progress: !global.no_progress && !global.quiet,
            org_settings: settings.settings_reads(),
        };
        let snapshot = aws::read_snapshot(&clients, &options).await?;
        Ok::<_, Error>((clients, snapshot))
    })?;

    let plan: Plan = match &saved {
        Some(saved) => {
            if let Err(stale) = check_fresh(saved, &layout, &live) {
                eprintln!("{:?}", miette::Report::new(stale));
                return Ok(Exit::Findings);
            }
            // Fresh means the same inputs, so the plan derived now must be
            // the reviewed one; anything else in the file does not run.
            let derived = diff_with(&layout, &live, saved.max_account_closures)?;
            let file = args
                .plan
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            if let Err(refused) = check_as_derived(saved, &file, &derived.changes) {
                eprintln!("{:?}", miette::Report::new(refused));
                return Ok(Exit::Findings);
            }
            // The safety replay runs on exactly what is about to be executed.
            safety::simulate(&saved.changes, &live, &Desired::from_layout(&layout).limits)?;
            saved.plan()
        }
        None => diff_with(&layout, &live, args.max_account_closures)?,
    };
    let mut out = std::io::stdout().lock();
    if plan.is_empty() {
        let _ = writeln!(out, "No changes. The organization matches the layout.");
        return Ok(Exit::Clean);
    }
    if saved.is_none() || !global.quiet {
        let _ = Text {
            color: stdout_color(),
        }
        .render(&plan, &mut out);
    }
    if !args.auto_approve && !confirm(plan.changes.len())? {
        let _ = writeln!(out, "Apply cancelled; nothing was changed.");
        return Ok(Exit::Clean);
    }

    let total = plan.changes.len();
    let _ = writeln!(out, "\nApplying {total} changes:");
    let outcome = rt.block_on(aws::apply::apply(&clients, &plan.changes, |index, line| {
        let _ = writeln!(std::io::stdout(), "  [{}/{total}] {line}", index + 1);
    }));
    match outcome.failed {
        None => {
            let _ = writeln!(out, "Apply complete: {total} changes made.");
            Ok(Exit::Clean)
        }
        Some((index, error)) => {
            let _ = writeln!(
                out,
                "  [{}/{total}] FAILED {}",
                index + 1,
                plan.changes[index].summary()
            );
            let not_done: Vec<String> = outcome
                .not_done
                .iter()
                .filter_map(|i| plan.changes.get(*i))
                .map(|c| format!("    {}", c.summary()))
                .collect();
            let _ = writeln!(
                out,
                "\nApply stopped: {} of {total} changes were made; these {} were not:\n{}",
                outcome.done,
                outcome.not_done.len(),
                not_done.join("\n")
            );
            let remainder = "run `orgguard plan` to see exactly what remains, and `orgguard apply` again to finish";
            let explained = error.failure != Failure::Other;
            let mut error = rt.block_on(clients.explain(error, None));
            if let Error::Aws { help, .. } = &mut error {
                *help = Some(match help.take() {
                    Some(h) if explained => format!("{h}; then {remainder}"),
                    _ => remainder.to_string(),
                });
            }
            Err(error)
        }
    }
}

fn confirm(changes: usize) -> Result<bool> {
    eprint!("\nApply these {changes} changes to the live organization? Only 'yes' is accepted: ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| {
            Error::invalid(
                format!("cannot read the answer: {e}"),
                "pass --auto-approve",
            )
        })?;
    Ok(answer.trim() == "yes")
}
