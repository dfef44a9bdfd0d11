//! `orgguard simulate`: count mode for SCPs and RCPs. Replays recorded
//! CloudTrail events against the live guardrails and the layout's, and
//! reports what the change would deny, allow again, or leave denied.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use super::GlobalArgs;
use super::live::runtime;
use super::output::{write_output_with, write_rendered};
use crate::aws::Clients;
use crate::aws::progress::Progress;
use crate::aws::trail::{self, Selection, TrailLocation};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout;
use crate::layout::desired::desired_snapshot;
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};
use crate::simulate::chains::{Guardrails, org_paths};
use crate::simulate::tally::Org;
use crate::simulate::tally::Tally;
use crate::simulate::{Fetched, cloudtrail, observed, report, simulate, simulate_fetched};
use indicatif::HumanBytes;

/// Replay CloudTrail events against the live and the proposed SCPs and
/// RCPs: which calls would the change have denied, by whom, in which
/// account, on whose resource.
///
/// Reads the organization trail from S3 (s3://BUCKET/PREFIX, only the
/// folders --since/--until, --account and --trail-region select), or local
/// files: S3-delivered CloudTrail files (gzipped {"Records": [...]}), JSON
/// lines, `aws cloudtrail lookup-events` output and request shapes (CSV or
/// JSON lines with a count), from a file or a directory tree. Exits 0 when
/// no call would be newly denied, 1 when some would, 2 on bad input.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard simulate --events trail/ --live live.json")]
pub struct Args {
    /// Where the events are: s3://BUCKET/PREFIX (the bucket and prefix the
    /// trail delivers to, above AWSLogs/), a CloudTrail file, or a
    /// directory searched for *.json, *.jsonl, *.ndjson and *.csv (request
    /// shapes) files, plain or gzipped.
    #[arg(long, value_name = "PATH|S3_URL")]
    pub events: String,
    /// First day read from S3, YYYY-MM-DD (UTC) [default: six days before
    /// --until].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<Date>,
    /// Last day read from S3, YYYY-MM-DD (UTC) [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub until: Option<Date>,
    /// Read only this account's folders from S3 (repeatable).
    #[arg(long = "account", value_name = "ID", value_parser = parse_account)]
    pub accounts: Vec<String>,
    /// Read only this region's folders from S3 (repeatable).
    #[arg(long = "trail-region", value_name = "REGION")]
    pub trail_regions: Vec<String>,
    /// The live organization as a snapshot file from `orgguard snapshot`;
    /// without it, the organization is read from AWS (as `plan` does) and
    /// checked against ou-layout.toml's organization.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// Instead of simulating, count the calls the events record as denied
    /// by an SCP or RCP (CloudTrail's AccessDenied messages name them),
    /// by account, principal and action: the watch step after attaching a
    /// guardrail to a canary OU. Exits 1 when there are any. Needs no
    /// layout; --live FILE adds account names.
    #[arg(long, conflicts_with = "write_shapes")]
    pub observed: bool,
    /// Instead of simulating, write the request shapes of the events (the
    /// fields simulate evaluates, with how many events share them) to this
    /// file: CSV, or JSON lines when it ends in .jsonl. Fed back as
    /// --events, they give the same counts as the events themselves.
    #[arg(long, value_name = "FILE")]
    pub write_shapes: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = parser(report::Report::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to a file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    if let Some(out) = &args.write_shapes {
        return write_shapes(global, args, out);
    }
    if args.observed {
        return watch(global, args);
    }
    let layout = &super::plan::checked_layout(global, "nothing was simulated", "simulate again")?;
    let snapshot = super::live::snapshot_or_read(global, args.live.as_deref(), false, false)?;
    let org = Org {
        management_account: snapshot.organization.management_account_id.clone(),
        org_id: snapshot.organization.id.clone(),
        live: Guardrails::of(&snapshot)?,
        proposed: Guardrails::of(&desired_snapshot(layout).0)?,
        org_paths: org_paths(&snapshot),
        rcp_services: layout.rcp_services(),
    };
    let (tally, files) = match TrailLocation::parse(&args.events) {
        Some(at) => read_trail(global, args, &at, |objects| simulate_fetched(objects, &org))?,
        None => read_local(Path::new(&args.events), &org)?,
    };
    refuse_too_deep(&tally.unreadable)?;
    let nothing_read = files > 0 && tally.unreadable.len() as u64 == files && tally.events == 0;

    let mut names: HashMap<String, String> = snapshot
        .accounts
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    for a in &layout.file.accounts {
        let a = a.get_ref();
        if let Some(id) = a.id() {
            names
                .entry(id.to_string())
                .or_insert_with(|| a.name.get_ref().clone());
        }
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
    write_rendered(
        args.output.as_deref(),
        args.format,
        Style::default(),
        &report,
    )?;
    crate::phase::leave_for_exit((org, snapshot));
    if nothing_read {
        return Err(Error::invalid(
            format!(
                "none of the {files} files under {} could be read",
                args.events
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

fn read_local(path: &Path, org: &Org) -> Result<(Tally, u64)> {
    let files = cloudtrail::discover(path)?;
    if files.is_empty() {
        return Err(Error::invalid(
            format!("{} holds no CloudTrail files", path.display()),
            "point --events at a CloudTrail file or a directory with *.json, *.json.gz, *.jsonl or *.ndjson files, or at s3://BUCKET/PREFIX",
        ));
    }
    tracing::info!("simulating {} files", files.len());
    Ok((simulate(&files, org), files.len() as u64))
}

/// Lists the selected folders of the trail, then fetches the objects a few
/// at a time while every core simulates those already fetched.
fn read_trail<T>(
    global: &GlobalArgs,
    args: &Args,
    at: &TrailLocation,
    consume: impl FnOnce(Box<dyn Iterator<Item = Fetched> + Send>) -> T,
) -> Result<(T, u64)> {
    let until = args
        .until
        .unwrap_or_else(|| OffsetDateTime::now_utc().date());
    let since = args.since.unwrap_or(until - Duration::days(6));
    if since > until {
        return Err(Error::invalid(
            format!("--since {since} is after --until {until}"),
            "give the first day with --since and the last with --until",
        ));
    }
    let selection = Selection {
        since,
        until,
        accounts: args.accounts.clone(),
        regions: args.trail_regions.clone(),
    };
    let rt = runtime()?;
    let clients = rt.block_on(Clients::new(&global.aws_options()));
    let s3 = trail::s3_client(&clients);
    let objects = rt.block_on(async {
        match trail::list(&s3, at, &selection).await {
            Ok(objects) => Ok(objects),
            Err(e) => Err(clients.explain(e, None).await),
        }
    })?;
    if objects.is_empty() {
        return Err(Error::invalid(
            format!(
                "s3://{}/{}AWSLogs/ holds no CloudTrail files from {since} to {until}{}",
                at.bucket,
                at.prefix,
                if args.accounts.is_empty() && args.trail_regions.is_empty() {
                    ""
                } else {
                    " for the accounts and regions selected"
                }
            ),
            "check the bucket and prefix (the folder above AWSLogs/), --since and --until, --account and --trail-region",
        ));
    }
    let count = objects.len() as u64;
    let total_bytes: u64 = objects.iter().map(|o| o.size).sum();
    tracing::info!("simulating {count} trail objects ({total_bytes} bytes)");
    let progress = Progress::new(!global.no_progress && !global.quiet);
    progress.phase("reading the trail", count);
    let (send, mut receive) = tokio::sync::mpsc::channel(trail::FETCH_CONCURRENCY);
    let fetching = {
        let at = at.clone();
        rt.spawn(async move { trail::fetch_all(&s3, &at, objects, send).await })
    };
    let mut read_bytes = 0u64;
    let bar = progress.clone();
    let arrivals = std::iter::from_fn(move || {
        let object = receive.blocking_recv()?;
        read_bytes += object.content.as_ref().map_or(0, |b| b.len() as u64);
        bar.inc();
        bar.message(&format!(
            "reading the trail, {} of {}",
            HumanBytes(read_bytes),
            HumanBytes(total_bytes)
        ));
        Some(object)
    });
    let result = consume(Box::new(arrivals));
    // Every object has been handed over; the task ends on its own.
    let _ = rt.block_on(fetching);
    progress.finish();
    Ok((result, count))
}

fn parse_day(text: &str) -> std::result::Result<Date, String> {
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map_err(|e| format!("expected a day such as 2026-11-15: {e}"))
}

fn parse_account(text: &str) -> std::result::Result<String, String> {
    if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err("an account id is 12 digits".to_string())
    }
}

/// `--write-shapes`: the events' request shapes, for a later simulate.
fn write_shapes(global: &GlobalArgs, args: &Args, out: &Path) -> Result<Exit> {
    if TrailLocation::parse(&args.events).is_some() {
        return Err(Error::invalid(
            "--write-shapes reads local files only",
            "for the trail in S3, run the Athena query in docs/simulate.md, which writes the same shapes where the trail is",
        ));
    }
    let files = cloudtrail::discover(Path::new(&args.events))?;
    let shapes = crate::simulate::collect_shapes(&files);
    let json_lines = out.extension().is_some_and(|e| e == "jsonl");
    write_output_with(Some(out), |w| {
        if json_lines {
            shapes.write_json_lines(w)
        } else {
            shapes.write_csv(w)
        }
    })?;
    if !global.quiet {
        eprintln!(
            "wrote {} request shapes standing for {} events to {}{}",
            report::thousands(shapes.counts.len() as u64),
            report::thousands(shapes.records()),
            out.display(),
            if shapes.malformed > 0 || !shapes.unreadable.is_empty() {
                format!(
                    " ({} malformed events and {} unreadable files left out)",
                    shapes.malformed,
                    shapes.unreadable.len()
                )
            } else {
                String::new()
            }
        );
    }
    Ok(Exit::Clean)
}

/// `--observed`: the denials the trail recorded.
fn watch(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let (observed, _) = match TrailLocation::parse(&args.events) {
        Some(at) => read_trail(global, args, &at, crate::simulate::observe_fetched)?,
        None => {
            let files = cloudtrail::discover(Path::new(&args.events))?;
            if files.is_empty() {
                return Err(Error::invalid(
                    format!("{} holds no CloudTrail files", args.events),
                    "point --events at a CloudTrail file, a directory of them, or s3://BUCKET/PREFIX",
                ));
            }
            let count = files.len() as u64;
            (crate::simulate::observe(&files), count)
        }
    };
    let names: HashMap<String, String> = match &args.live {
        Some(path) => {
            let snapshot = crate::org::read_snapshot(path)?;
            snapshot
                .accounts
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect()
        }
        None => HashMap::new(),
    };
    let report = observed::build(observed, &names);
    write_rendered(
        args.output.as_deref(),
        args.format,
        Style::default(),
        &report,
    )?;
    Ok(if report.denied > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// A file nested past the bound every reader keeps is refused, as the
/// other readers refuse such input, rather than skipped.
fn refuse_too_deep(unreadable: &[crate::simulate::tally::Unreadable]) -> Result<()> {
    match unreadable
        .iter()
        .find(|u| u.message.contains(crate::nesting::TOO_DEEP))
    {
        Some(u) => Err(Error::invalid(
            format!("{}: {}", u.file, u.message),
            "no real CloudTrail record nests this deep (docs/layout.md, \"Limits on input\"); check that the file is a CloudTrail file and is not damaged",
        )),
        None => Ok(()),
    }
}
