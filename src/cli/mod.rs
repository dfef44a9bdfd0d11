//! The command line: global options, one module per command.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::Error;
use crate::exit::Exit;

pub mod access;
pub mod apply;
pub mod audit;
pub mod completions;
pub mod explain;
pub mod import;
pub mod lint;
pub mod live;
pub mod man;
pub mod output;
pub mod permissions;
pub mod plan;
pub mod schema;
pub mod simulate;
pub mod snapshot;
pub mod validate;

/// Multi-account guardrails as code for AWS Organizations.
///
/// orgguard reads the desired organization from a git repository
/// (ou-layout.toml and policies/) and the live organization from AWS or a
/// snapshot file. Exit codes: 0 success, 1 findings that should stop a
/// pipeline, 2 bad input or a runtime error.
#[derive(Debug, Parser)]
#[command(
    name = "orgguard",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = FIRST_STEPS
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// The repository to read ou-layout.toml and policies/ from.
    #[arg(
        short = 'C',
        long = "dir",
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
    /// AWS profile for live reads (default: the standard credential chain).
    #[arg(long, global = true, env = "AWS_PROFILE", hide_env_values = true)]
    pub profile: Option<String>,
    /// AWS region for regional calls (Organizations is always us-east-1).
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// The region of the organization's IAM Identity Center instance
    /// (overrides settings.identity_center_region; default: --region).
    #[arg(long, global = true, value_name = "REGION")]
    pub sso_region: Option<String>,
    /// How errors that stop a command are printed on stderr.
    #[arg(long, global = true, value_enum, default_value_t = ErrorFormat::Human)]
    pub error_format: ErrorFormat,
    /// Print only results and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail, such as how long each step took (repeat for
    /// debug logs, with each lint rule's time).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never draw progress bars (they are drawn only on a terminal anyway).
    #[arg(long, global = true)]
    pub no_progress: bool,
}

impl GlobalArgs {
    pub fn aws_options(&self) -> crate::aws::AwsOptions {
        crate::aws::AwsOptions {
            profile: self.profile.clone(),
            region: self.region.clone(),
            identity_center_region: self.sso_region.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorFormat {
    Human,
    Json,
}

/// The commands in the order a new user meets them, one example each.
const FIRST_STEPS: &str = "\
Examples, in the order you will need them:
  orgguard import -o my-org                  write the layout of an existing organization
  orgguard validate                          check ou-layout.toml and policies/, offline
  orgguard permissions plan                  the IAM policy the role running plan needs
  orgguard plan -o plan.json                 what would change in the live organization
  orgguard apply plan.json                   carry out the reviewed plan
  orgguard lint --format github              hazards in the layout and the live organization
  orgguard audit assignments -o access.csv   who holds which permission set on which account
  orgguard access check                      live assignments against policies/access.cedar
  orgguard simulate --events trail/          which recorded calls a new SCP would deny
  orgguard snapshot -o live.json             read the organization once; then --live live.json
  orgguard explain KMS001                    what a lint rule checks and how to fix it
  orgguard schema layout                     the JSON Schema editors read for ou-layout.toml
  orgguard completions bash                  tab completion for your shell
  orgguard man --out-dir man1                manual pages";

// Declared in the order a new user meets the commands: `--help` lists them so.
#[derive(Debug, Subcommand)]
pub enum Command {
    Import(import::Args),
    Validate(validate::Args),
    Permissions(permissions::Args),
    Plan(plan::Args),
    Apply(apply::Args),
    Lint(lint::Args),
    Audit(audit::Args),
    /// Identity Center access governance with Cedar (policies/access.cedar).
    Access(access::Args),
    Simulate(simulate::Args),
    Snapshot(snapshot::Args),
    Explain(explain::Args),
    Schema(schema::Args),
    Completions(completions::Args),
    Man(man::Args),
}

pub fn main() -> Exit {
    let cli = Cli::parse();
    init_tracing(&cli.global);
    let result = match &cli.command {
        Command::Import(args) => import::run(&cli.global, args),
        Command::Validate(args) => validate::run(&cli.global, args),
        Command::Snapshot(args) => snapshot::run(&cli.global, args),
        Command::Plan(args) => plan::run(&cli.global, args),
        Command::Apply(args) => apply::run(&cli.global, args),
        Command::Simulate(args) => simulate::run(&cli.global, args),
        Command::Lint(args) => lint::run(&cli.global, args),
        Command::Explain(args) => explain::run(&cli.global, args),
        Command::Access(args) => access::run(&cli.global, args),
        Command::Audit(args) => audit::run(&cli.global, args),
        Command::Permissions(args) => permissions::run(&cli.global, args),
        Command::Schema(args) => schema::run(&cli.global, args),
        Command::Completions(args) => completions::run(&cli.global, args),
        Command::Man(args) => man::run(&cli.global, args),
    };
    match result {
        Ok(exit) => exit,
        Err(error) => {
            report_error(&cli.global, error);
            Exit::Error
        }
    }
}

fn init_tracing(global: &GlobalArgs) {
    let level = match (global.quiet, global.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("ORGGUARD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("orgguard={level}")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .without_time()
        .try_init();
}

/// Prints an error that stops the command: a miette report for people, one
/// JSON object for machines. Never a stack trace.
pub fn report_error(global: &GlobalArgs, error: Error) {
    match global.error_format {
        ErrorFormat::Human => {
            let color = std::io::stderr().is_terminal();
            let out = crate::diagnostics::render_report(&error, color)
                .unwrap_or_else(|| format!("error: {error}\n"));
            eprint!("{out}");
            if let (Some(detail), true) = (aws_detail(&error), global.verbose > 0) {
                eprintln!("  detail: {detail}");
            }
        }
        ErrorFormat::Json => {
            use miette::Diagnostic;
            let value = serde_json::json!({
                "error": {
                    "message": error.to_string(),
                    "code": error.code().map(|c| c.to_string()),
                    "help": error.help().map(|h| h.to_string()),
                    "detail": aws_detail(&error).filter(|_| global.verbose > 0),
                }
            });
            eprintln!("{value}");
        }
    }
}

/// The SDK's error chain behind an AWS error, for `-v`.
fn aws_detail(error: &Error) -> Option<&str> {
    match error {
        Error::Aws { detail, .. } => detail.as_deref(),
        _ => None,
    }
}
