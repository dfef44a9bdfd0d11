//! `orgguard audit`: reports for auditors from a snapshot: the Identity
//! Center assignment inventory, the findings report and IAM users.

use std::path::PathBuf;

use clap::Subcommand;

use super::GlobalArgs;
use super::output::write_rendered;
use crate::audit::filters::Filters;
use crate::audit::findings_report::{self, FindingsReport, Waiver};
use crate::audit::iam_users::{self, IamUsersReport};
use crate::audit::inventory::{self, Inventory};
use crate::diagnostics::Finding;
use crate::error::Result;
use crate::exit::Exit;
use crate::org::Snapshot;
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

/// Reports for auditors: who can reach which account, the findings, and
/// IAM users with their access keys.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard audit assignments --format html -o access.html")]
pub struct Args {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    Assignments(AssignmentsArgs),
    Findings(FindingsArgs),
    IamUsers(IamUsersArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct SourceArgs {
    /// The snapshot to report on (written by `orgguard snapshot -o FILE`).
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// Where to write the report (default: stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The Identity Center assignment inventory: one row per assignment, with
/// account, OU, permission set, principal, provisioning and finding codes.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  orgguard audit assignments --live live.json --expand-groups -o access.csv"
)]
pub struct AssignmentsArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format: CSV opens in Excel (UTF-8 with BOM); HTML is one
    /// self-contained page with charts and a sortable, filterable table.
    #[arg(long, value_parser = parser(Inventory::FORMATS), default_value_t = Format::Csv)]
    pub format: Format,
    /// One row per user per group assignment, so the report shows who
    /// really has access.
    #[arg(long)]
    pub expand_groups: bool,
    /// Only these accounts (id or name; repeatable).
    #[arg(long, value_name = "ID_OR_NAME")]
    pub account: Vec<String>,
    /// Only accounts in this OU or below it, such as Foundational/Workloads
    /// (repeatable).
    #[arg(long, value_name = "PATH")]
    pub ou: Vec<String>,
    /// Only this permission set (name or ARN; repeatable).
    #[arg(long, value_name = "NAME")]
    pub permission_set: Vec<String>,
    /// Only this user or group (name, email or id; repeatable). With
    /// --expand-groups a user also matches the rows it gets through groups.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub principal: Vec<String>,
}

/// The findings report: by severity, by account and OU, and the waivers
/// with their expiry.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  orgguard audit findings --live live.json --format html -o findings.html"
)]
pub struct FindingsArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format.
    #[arg(long, value_parser = parser(FindingsReport::FORMATS), default_value_t = Format::Markdown)]
    pub format: Format,
    /// A baseline from `orgguard lint --write-baseline`: the report adds
    /// the findings opened since and the ones fixed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,
}

/// IAM users and access keys in every account of a deep snapshot: console
/// access, key age and last use. Accounts that were not read are listed.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard audit iam-users --live live.json -o iam-users.csv")]
pub struct IamUsersArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format.
    #[arg(long, value_parser = parser(IamUsersReport::FORMATS), default_value_t = Format::Csv)]
    pub format: Format,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    match &args.command {
        AuditCommand::Assignments(a) => assignments(global, a),
        AuditCommand::Findings(a) => findings(global, a),
        AuditCommand::IamUsers(a) => iam_users_report(global, a),
    }
}

/// What an audit built, and the snapshot it built it from, handed to the
/// process's exit (see [`crate::phase::leave_for_exit`]).
fn leave_for_exit<R>(report: R, snapshot: Snapshot) {
    crate::phase::leave_for_exit(report);
    crate::phase::leave_for_exit(snapshot);
}

fn snapshot(global: &GlobalArgs, source: &SourceArgs, deep: bool) -> Result<Snapshot> {
    super::live::snapshot_or_read(global, source.live.as_deref(), deep, false)
}

/// The lint findings (access policies included) and the waivers that
/// applied, for the rows' finding codes and the findings report. Without a
/// layout in -C DIR, lint runs with its defaults.
fn lint_results(global: &GlobalArgs, snapshot: &Snapshot) -> Result<(Vec<Finding>, Vec<Waiver>)> {
    let loaded = if global.dir.join(crate::layout::LAYOUT_FILE).exists() {
        Some(crate::layout::load(&global.dir)?)
    } else {
        None
    };
    let layout = loaded.as_ref().and_then(|l| l.layout.as_ref());
    let sources = loaded
        .as_ref()
        .map(|l| l.sources.clone())
        .unwrap_or_default();
    let access = super::access::policies_if_present(layout)?;
    let today = time::OffsetDateTime::now_utc().date();
    let outcome = crate::checks::lint(layout, &sources, Some(snapshot), access.as_ref(), today)?;
    let waivers = outcome
        .waived
        .iter()
        .map(|w| Waiver {
            code: w.finding.code.clone(),
            resource: w
                .finding
                .subject
                .resource
                .clone()
                .or(w.finding.subject.file.clone()),
            account_id: w.finding.subject.account_id.clone(),
            reason: w.reason.clone(),
            expires: Some(w.expires.clone()).filter(|e| !e.is_empty()),
        })
        .collect();
    Ok((outcome.findings, waivers))
}

fn assignments(global: &GlobalArgs, args: &AssignmentsArgs) -> Result<Exit> {
    let snapshot = snapshot(global, &args.source, false)?;
    let (findings, _) = lint_results(global, &snapshot)?;
    let options = inventory::Options {
        expand_groups: args.expand_groups,
        filters: Filters {
            accounts: args.account.clone(),
            ous: args.ou.clone(),
            permission_sets: args.permission_set.clone(),
            principals: args.principal.clone(),
        },
    };
    let report = inventory::build(&snapshot, &findings, &options)?;
    if !global.quiet {
        for reason in &report.incomplete {
            tracing::warn!("the inventory may be incomplete: {reason}");
        }
    }
    let output = args.source.output.as_deref();
    write_rendered(output, args.format, Style::default(), &report)?;
    leave_for_exit(report, snapshot);
    Ok(Exit::Clean)
}

fn findings(global: &GlobalArgs, args: &FindingsArgs) -> Result<Exit> {
    let snapshot = snapshot(global, &args.source, true)?;
    let (findings, waivers) = lint_results(global, &snapshot)?;
    let mut report = findings_report::build(&snapshot, &findings, &waivers);
    if let Some(path) = &args.baseline {
        report = report.against(&super::lint::read_baseline(path)?);
    }
    let output = args.source.output.as_deref();
    write_rendered(output, args.format, Style::default(), &report)?;
    leave_for_exit(report, snapshot);
    Ok(Exit::Clean)
}

fn iam_users_report(global: &GlobalArgs, args: &IamUsersArgs) -> Result<Exit> {
    let snapshot = snapshot(global, &args.source, true)?;
    let report = iam_users::build(&snapshot)?;
    let output = args.source.output.as_deref();
    write_rendered(output, args.format, Style::default(), &report)?;
    leave_for_exit(report, snapshot);
    Ok(Exit::Clean)
}
