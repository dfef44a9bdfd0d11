//! `orgguard access`: Identity Center access governance with Cedar
//! policies (policies/access.cedar). See docs/access.md.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use miette::NamedSource;

use super::GlobalArgs;
use super::output::{write_output, write_rendered};
use crate::access::check::{self, CheckReport};
use crate::access::declared::{self, Actions};
use crate::access::entities::AccessModel;
use crate::access::explain::{self, Explanation};
use crate::access::policies::{ACCESS_FILE, AccessPolicies, SourceProblem, source_problem};
use crate::access::schema;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout::LAYOUT_FILE;
use crate::org::{Snapshot, read_snapshot};
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

/// Check Identity Center assignments against policies/access.cedar.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard access check --live live.json")]
pub struct Args {
    #[command(subcommand)]
    pub command: AccessCommand,
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// Print the Cedar schema access policies are written against.
    Schema(SchemaArgs),
    /// Evaluate every live assignment; exit 1 when some are not allowed.
    Check(CheckArgs),
    /// Allow or deny, and the deciding policies, for one question.
    Explain(ExplainArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard access schema --live live.json")]
pub struct SchemaArgs {
    /// Also declare the permission sets of this snapshot as actions.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard access check --live live.json --expand-groups")]
pub struct CheckArgs {
    /// A snapshot written by `orgguard snapshot -o FILE`.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// Also evaluate every member of an assigned group as the principal.
    #[arg(long)]
    pub expand_groups: bool,
    #[arg(long, value_parser = parser(CheckReport::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  orgguard access explain --principal alice --permission-set ReadOnlyAccess --account sandbox"
)]
pub struct ExplainArgs {
    /// user:NAME, group:NAME, or a name that is one or the other.
    #[arg(long, value_name = "P")]
    pub principal: String,
    /// The permission set name.
    #[arg(long, value_name = "S")]
    pub permission_set: String,
    /// The account id or name.
    #[arg(long, value_name = "A")]
    pub account: String,
    /// A snapshot written by `orgguard snapshot -o FILE`.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    #[arg(long, value_parser = parser(Explanation::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    match &args.command {
        AccessCommand::Schema(a) => run_schema(global, a),
        AccessCommand::Check(a) => run_check(global, a),
        AccessCommand::Explain(a) => run_explain(global, a),
    }
}

/// The actions declared in `[access]` of ou-layout.toml, if it has one.
fn declared_actions(dir: &Path) -> Result<Actions> {
    let path = dir.join(LAYOUT_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(declared::section_from_toml(&text)
            .map(|s| Actions::from_section(&s))
            .unwrap_or_default()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Actions::default()),
        Err(e) => Err(Error::read(&path, e)),
    }
}

fn need_live(global: &GlobalArgs, live: Option<&PathBuf>) -> Result<Snapshot> {
    let snapshot = super::live::snapshot_or_read(global, live.map(PathBuf::as_path), false, false)?;
    let source = live
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "the live organization".to_string());
    // A failed read is not an empty result: checking what was read would
    // report "all allowed" for assignments nobody looked at.
    let failed: Vec<String> = snapshot
        .incomplete
        .iter()
        .filter(|f| IDENTITY_CENTER_SERVICES.contains(&f.service.as_str()))
        // A permission set's boundary plays no part in the decisions.
        .filter(|f| f.operation != "GetPermissionsBoundaryForPermissionSet")
        .map(|f| format!("{} {}: {}", f.service, f.operation, f.message))
        .collect();
    if !failed.is_empty() {
        return Err(Error::invalid(
            format!(
                "{} is incomplete: Identity Center could not be read ({})",
                source,
                failed.join("; ")
            ),
            "take a new snapshot with credentials that may read sso-admin and identitystore",
        ));
    }
    if snapshot.identity_center.is_none() {
        return Err(Error::invalid(
            format!("{source} has no Identity Center data"),
            "enable IAM Identity Center, or take the snapshot with credentials that may read it",
        ));
    }
    Ok(snapshot)
}

const IDENTITY_CENTER_SERVICES: [&str; 3] = ["sso-admin", "identitystore", "sso"];

fn input_error(text: &str, problem: SourceProblem, extra: usize) -> Error {
    let help = if extra > 0 {
        format!(
            "{}; `orgguard validate` lists all {} problems",
            problem.help,
            extra + 1
        )
    } else {
        problem.help
    };
    Error::Input {
        message: format!("{ACCESS_FILE}: {}", problem.message),
        src: NamedSource::new(ACCESS_FILE, text.to_string()),
        span: (problem.span.start, problem.span.len()).into(),
        label: "here".to_string(),
        help: Some(help),
    }
}

/// The repository's access policies, when it has policies/access.cedar.
pub(crate) fn policies_if_present(
    layout: Option<&crate::layout::Layout>,
) -> Result<Option<AccessPolicies>> {
    match layout {
        Some(layout)
            if layout
                .dir
                .join(crate::access::policies::ACCESS_FILE)
                .exists() =>
        {
            Ok(Some(load_policies(&layout.dir)?.0))
        }
        _ => Ok(None),
    }
}

/// Reads and parses policies/access.cedar with the declared actions.
pub(crate) fn load_policies(dir: &Path) -> Result<(AccessPolicies, String)> {
    let path = dir.join(ACCESS_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid(
            format!("there is no {ACCESS_FILE} in {}", dir.display()),
            "write the access policies there (docs/access.md shows how), or pass -C DIR",
        ),
        _ => Error::read(&path, e),
    })?;
    let policies = AccessPolicies::parse(ACCESS_FILE, &text).map_err(|mut list| {
        let extra = list.len().saturating_sub(1);
        let first = list.remove(0);
        input_error(&text, first, extra)
    })?;
    Ok((policies.with_declared(declared_actions(dir)?), text))
}

/// Evaluating policies that do not fit the schema would quietly deny (an
/// action name with a typo matches nothing), so refuse them.
fn require_valid(model: &AccessModel<'_>, policies: &AccessPolicies, text: &str) -> Result<()> {
    let validator = cedar_policy::Validator::new(model.schema.clone());
    let result = validator.validate(&policies.set, cedar_policy::ValidationMode::Strict);
    let mut errors: Vec<SourceProblem> = result
        .validation_errors()
        .map(|e| source_problem(e, "fix the policy"))
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let extra = errors.len() - 1;
    let mut first = errors.remove(0);
    first.help = format!(
        "{}; run `orgguard validate --live FILE` for every problem",
        first.help
    );
    Err(input_error(text, first, extra))
}

fn run_schema(global: &GlobalArgs, args: &SchemaArgs) -> Result<Exit> {
    let declared = declared_actions(&global.dir)?;
    let actions = match &args.live {
        Some(path) => crate::access::entities::actions_for(&read_snapshot(path)?, &declared),
        None => declared,
    };
    // Building it checks the names before printing.
    schema::build(&actions)?;
    write_output(None, &schema::schema_text(&actions))?;
    Ok(Exit::Clean)
}

fn run_check(global: &GlobalArgs, args: &CheckArgs) -> Result<Exit> {
    let snapshot = need_live(global, args.live.as_ref())?;
    let (policies, text) = load_policies(&global.dir)?;
    let model = AccessModel::build(&snapshot, &policies.declared)?;
    require_valid(&model, &policies, &text)?;
    let evaluated = check::evaluate_assignments(&model, &policies, args.expand_groups)?;
    let findings = check::findings(&evaluated, &policies);
    let report = CheckReport {
        expand_groups: args.expand_groups,
        quiet: global.quiet,
        ..CheckReport::new(&findings, &evaluated)
    };
    write_rendered(None, args.format, Style::default(), &report)?;
    let clean = findings.is_empty();
    // The process is about to end; a large organization's entities and
    // snapshot are left to it rather than freed piece by piece.
    crate::phase::leave_for_exit(report);
    crate::phase::leave_for_exit((findings, evaluated));
    crate::phase::leave_for_exit(model);
    crate::phase::leave_for_exit(snapshot);
    Ok(if clean { Exit::Clean } else { Exit::Findings })
}

fn run_explain(global: &GlobalArgs, args: &ExplainArgs) -> Result<Exit> {
    let snapshot = need_live(global, args.live.as_ref())?;
    let (policies, text) = load_policies(&global.dir)?;
    let model = AccessModel::build(&snapshot, &policies.declared)?;
    require_valid(&model, &policies, &text)?;
    let e = explain::explain(
        &model,
        &policies,
        &args.principal,
        &args.permission_set,
        &args.account,
    )?;
    write_rendered(None, args.format, Style::default(), &e)?;
    let allowed = e.verdict.allowed;
    crate::phase::leave_for_exit(e);
    crate::phase::leave_for_exit(model);
    crate::phase::leave_for_exit(snapshot);
    Ok(if allowed { Exit::Clean } else { Exit::Findings })
}
