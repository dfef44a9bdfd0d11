//! `orgguard simulate`: SCP count mode. Replays recorded CloudTrail events
//! against the live SCPs and the layout's, and reports what the change
//! would deny, allow again, or leave denied.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::ValueEnum;

use super::GlobalArgs;
use super::output::write_output;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout;
use crate::simulate::chains::{live_chains, org_paths, proposed_chains};
use crate::simulate::tally::Org;
use crate::simulate::{cloudtrail, render, report, simulate};

/// Replay CloudTrail events against the live and the proposed SCPs: which
/// calls would the change have denied, by whom, in which account.
///
/// Reads S3-delivered CloudTrail files (gzipped {"Records": [...]}), JSON
/// lines, and `aws cloudtrail lookup-events` output, from a file or a
/// directory tree. Exits 0 when no call would be newly denied, 1 when some
/// would, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CloudTrail file, or a directory searched for *.json, *.json.gz,
    /// *.jsonl and *.ndjson files.
    #[arg(long, value_name = "PATH")]
    pub events: PathBuf,
    /// The live organization as a snapshot file from `orgguard snapshot`;
    /// without it, the organization is read from AWS (as `plan` does) and
    /// checked against ou-layout.toml's organization.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to a file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let layout = &super::plan::checked_layout(global, "nothing was simulated", "simulate again")?;
    let snapshot = super::live::snapshot_or_read(global, args.live.as_deref(), false)?;
    let org = Org {
        management_account: snapshot.organization.management_account_id.clone(),
        org_id: snapshot.organization.id.clone(),
        live: live_chains(&snapshot)?,
        proposed: proposed_chains(layout)?,
        org_paths: org_paths(&snapshot),
    };
    let files = cloudtrail::discover(&args.events)?;
    if files.is_empty() {
        return Err(Error::invalid(
            format!("{} holds no CloudTrail files", args.events.display()),
            "point --events at a CloudTrail file or a directory with *.json, *.json.gz, *.jsonl or *.ndjson files",
        ));
    }
    tracing::info!("simulating {} files", files.len());
    let tally = simulate(&files, &org);
    let nothing_read = tally.unreadable.len() == files.len() && tally.events == 0;

    let mut names: HashMap<String, String> = snapshot
        .accounts
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    for a in &layout.file.accounts {
        let a = a.get_ref();
        names
            .entry(a.id.get_ref().clone())
            .or_insert_with(|| a.name.get_ref().clone());
    }
    let proposed = format!(
        "{} and {}/ in {}",
        layout::LAYOUT_FILE,
        layout::POLICIES_DIR,
        global.dir.display()
    );
    let report = report::build(
        tally,
        &names,
        &args
            .live
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "the live organization".to_string()),
        &proposed,
    );
    let text = match args.format {
        Format::Text => render::text(&report),
        Format::Json => render::json(&report),
        Format::Markdown => render::markdown(&report),
    };
    write_output(args.output.as_deref(), &text)?;
    if nothing_read {
        return Err(Error::invalid(
            format!(
                "none of the {} files under {} could be read",
                files.len(),
                args.events.display()
            ),
            "the report above names each file and what is wrong with it",
        ));
    }
    Ok(if report.newly_denied.total > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
