//! `orgguard snapshot`: read the live organization into a file.

use std::path::PathBuf;
use std::time::Instant;

use super::GlobalArgs;
use super::output::write_output;
use crate::aws::identity_center::AssignmentStrategy;
use crate::aws::members::DeepOptions;
use crate::aws::{self, Clients, ReadOptions};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::org::{Snapshot, read_snapshot};

/// Read the live organization into a snapshot file.
///
/// Reads Organizations (the OU tree, accounts with status and tags, every
/// SCP with its content and attachments) and IAM Identity Center
/// (permission sets, assignments, users, groups, memberships). With --deep
/// it also assumes a role into every active account and reads IAM roles
/// and users, KMS keys and AWS Config recorders in each configured region.
/// Accounts that cannot be read are recorded as incomplete, with the
/// reason. Every other command accepts the file with --live.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard snapshot --deep -o live.json")]
pub struct Args {
    /// Where to write the snapshot (default: stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also read every active member account.
    #[arg(long)]
    pub deep: bool,
    /// The role to assume in member accounts [default: settings.member_role_name
    /// of ou-layout.toml, else OrganizationAccountAccessRole].
    #[arg(long, value_name = "NAME")]
    pub role_name: Option<String>,
    /// Regions to read in member accounts, comma-separated [default:
    /// settings.regions of ou-layout.toml, else the current region].
    #[arg(long, value_delimiter = ',', value_name = "REGIONS")]
    pub regions: Vec<String>,
    /// Member accounts read at the same time.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub concurrency: usize,
    /// How to read Identity Center account assignments.
    #[arg(long, value_enum, default_value_t = AssignmentStrategy::Auto)]
    pub assignments: AssignmentStrategy,
    /// Exit 1 when any part of the organization could not be read.
    #[arg(long)]
    pub require_complete: bool,
    /// Rewrite an existing snapshot file in the canonical form instead of
    /// reading AWS.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let started = Instant::now();
    let settings = super::live::LayoutSettings::read(&global.dir)?;
    let role_name = args
        .role_name
        .clone()
        .unwrap_or_else(|| settings.member_role_name.clone());
    let (snapshot, clients) = match &args.live {
        Some(path) => {
            let mut snapshot = read_snapshot(path)?;
            snapshot.normalize();
            (snapshot, None)
        }
        None => {
            let runtime = super::live::runtime()?;
            runtime.block_on(async {
                let clients = Clients::new(&settings.aws_options(global)).await;
                settings.check_organization(&clients).await?;
                let deep = args.deep.then(|| DeepOptions {
                    role_name: role_name.clone(),
                    regions: if args.regions.is_empty() {
                        settings
                            .regions
                            .clone()
                            .unwrap_or_else(|| vec![clients.home_region.clone()])
                    } else {
                        args.regions.clone()
                    },
                    concurrency: args.concurrency,
                });
                let options = ReadOptions {
                    deep,
                    assignments: args.assignments,
                    identity_center: true,
                    progress: !global.no_progress && !global.quiet,
                    org_settings: crate::aws::SettingsReads::ALL,
                };
                let snapshot = aws::read_snapshot(&clients, &options).await?;
                Ok::<_, Error>((snapshot, Some(clients)))
            })?
        }
    };
    write_output(args.output.as_deref(), &snapshot.to_json())?;
    if !global.quiet {
        eprint!(
            "{}",
            summary(&snapshot, clients.as_ref(), started, global.verbose > 0)
        );
        if let Some(help) = incomplete_help(&snapshot, &role_name) {
            eprintln!("{help}");
        }
    }
    Ok(if args.require_complete && !snapshot.is_complete() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// What to check when parts of the organization could not be read: the
/// policy of the role orgguard runs as; for member accounts, the member
/// role, its trust, the SCPs in the way, or the role's own permissions.
fn incomplete_help(snapshot: &Snapshot, role_name: &str) -> Option<String> {
    let failed: Vec<_> = snapshot
        .member_accounts
        .iter()
        .filter(|m| !m.complete)
        .collect();
    let denied: Vec<String> = snapshot
        .incomplete
        .iter()
        .filter(|e| e.message.starts_with("AccessDenied"))
        .map(|e| crate::aws::operations::iam_action(&e.service, &e.operation))
        .collect();
    let mut lines = Vec::new();
    if !denied.is_empty() {
        lines.push(format!(
            "help: the credentials in use may not call {}: `orgguard permissions snapshot` prints the policy orgguard needs",
            denied.join(", ")
        ));
    }
    if failed.is_empty() {
        return (!lines.is_empty()).then(|| lines.join("\n"));
    }
    let not_assumed = failed
        .iter()
        .filter(|m| m.errors.iter().any(|e| e.operation == "AssumeRole"))
        .count();
    let management = &snapshot.organization.management_account_id;
    if not_assumed > 0 {
        lines.push(format!(
            "help: {role_name} could not be assumed in {not_assumed} account(s): check that the role exists there \
             (--role-name or settings.member_role_name picks another), that its trust policy lets the management \
             account {management} (or the role orgguard runs as) assume it, that no SCP denies sts:AssumeRole, \
             and that orgguard's own role may call sts:AssumeRole on it (`orgguard permissions snapshot --deep`)"
        ));
    }
    if failed.len() > not_assumed {
        lines.push(format!(
            "help: {} account(s) were entered but not fully read: `orgguard permissions member` prints the policy {role_name} needs",
            failed.len() - not_assumed
        ));
    }
    Some(lines.join("\n"))
}

fn summary(
    snapshot: &Snapshot,
    clients: Option<&Clients>,
    started: Instant,
    verbose: bool,
) -> String {
    let mut out = format!(
        "organization {}: {} OUs, {} accounts, {} SCPs",
        snapshot.organization.id,
        snapshot.organizational_units.len(),
        snapshot.accounts.len(),
        snapshot.policies.len()
    );
    if let Some(ic) = &snapshot.identity_center {
        out.push_str(&format!(
            "; Identity Center: {} permission sets, {} assignments (read {}), {} users, {} groups",
            ic.permission_sets.len(),
            ic.assignments.len(),
            ic.assignments_read,
            ic.users.len(),
            ic.groups.len()
        ));
    }
    out.push('\n');
    if !snapshot.member_accounts.is_empty() {
        let incomplete = snapshot
            .member_accounts
            .iter()
            .filter(|m| !m.complete)
            .count();
        out.push_str(&format!(
            "member accounts: {} read, {} incomplete\n",
            snapshot.member_accounts.len(),
            incomplete
        ));
    }
    for m in snapshot.member_accounts.iter().filter(|m| !m.complete) {
        for e in &m.errors {
            out.push_str(&format!(
                "warning: account {} incomplete: {} {}{}: {}\n",
                m.account_id,
                e.service,
                e.operation,
                e.region
                    .as_deref()
                    .map(|r| format!(" in {r}"))
                    .unwrap_or_default(),
                e.message
            ));
        }
    }
    for e in &snapshot.incomplete {
        out.push_str(&format!(
            "warning: not read: {} {}: {}\n",
            e.service, e.operation, e.message
        ));
    }
    if let Some(clients) = clients {
        let total = clients.accounting.total();
        let services: Vec<String> = clients
            .accounting
            .by_service()
            .into_iter()
            .map(|(s, c)| format!("{s} {}", c.calls))
            .collect();
        out.push_str(&format!(
            "API calls: {} ({}); {} retries, {} throttled; {:.1} s\n",
            total.calls,
            services.join(", "),
            total.attempts.saturating_sub(total.calls),
            total.throttled,
            started.elapsed().as_secs_f64()
        ));
        if verbose {
            for ((service, operation), c) in clients.accounting.by_operation() {
                out.push_str(&format!(
                    "  {service:<14} {operation:<52} {:>6} calls {:>6} attempts {:>4} throttled {:>4} errors\n",
                    c.calls, c.attempts, c.throttled, c.errors
                ));
            }
        }
    }
    out
}
