//! `orgguard lint`: the hazard rules over the desired state (offline, no
//! credentials) or a live snapshot, reported in one of five formats.

use std::path::PathBuf;

use super::GlobalArgs;
use super::output::{write_output, write_rendered};
use crate::checks::baseline::Baseline;
use crate::checks::report::Report;
use crate::checks::{self, Mode};
use crate::diagnostics::Severity;
use crate::diagnostics::render_human;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::layout;
use crate::org::read_snapshot;
use crate::render::format::parser;
use crate::render::{Format, Renderable, Style};

/// Check the organization for hazards: SCP mistakes, unmanageable KMS keys,
/// over-wide role trust, stale Identity Center assignments, missing
/// guardrails and detective controls.
///
/// Without --live, lints ou-layout.toml and policies/ (no AWS access).
/// With --live, lints the snapshot, using the layout's [lint] settings
/// when there is one. `orgguard explain CODE` documents each rule.
///
/// Every finding has a stable id (`fingerprint` in JSON, partialFingerprints
/// in SARIF). --write-baseline saves the run's findings; --baseline compares
/// against a saved file and reports each finding as new or still open, and
/// the baseline's findings that are gone as fixed.
///
/// Exits 0 when no finding is at or above --fail-on, 1 when one is, 2 on
/// bad input. With --baseline only new findings count.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  orgguard lint --live live.json --format sarif -o lint.sarif")]
pub struct Args {
    /// A snapshot file (from `orgguard snapshot --deep -o FILE`) to lint as
    /// the live organization.
    #[arg(long, value_name = "FILE")]
    pub live: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = parser(Report::FORMATS), default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 when a finding is at least this severe (critical, high,
    /// medium, low, info).
    #[arg(long, default_value = "high", value_name = "SEVERITY")]
    pub fail_on: Severity,
    /// Write the report to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Compare with a baseline written by --write-baseline: findings are
    /// new or still open, the baseline's missing ones fixed, and
    /// --fail-on counts new findings only.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Save this run's findings as a baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// What one lint run found, for `lint` and `explain --severity`.
pub struct Linted {
    pub mode: Mode,
    pub outcome: checks::Outcome,
    /// What the snapshot says was not read, one line each.
    pub incomplete: Vec<String>,
}

/// Lints the layout in `global.dir`, or the snapshot `live` with its settings.
pub fn lint_run(global: &GlobalArgs, live: Option<&std::path::Path>) -> Result<Linted> {
    let (live, loaded) = crate::phase::side_by_side(
        || live.map(read_snapshot).transpose(),
        || {
            let loaded = layout::load(&global.dir);
            checks::prepare();
            loaded
        },
    );
    let live = live?;
    let loaded = match loaded {
        Ok(loaded) => Some(loaded),
        // A snapshot can be linted on its own, with default settings.
        Err(Error::Read { source, .. })
            if live.is_some() && source.kind() == std::io::ErrorKind::NotFound =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    if let Some(loaded) = loaded.as_ref().filter(|l| l.unreadable) {
        eprint!(
            "{}",
            render_human(&loaded.problems.list, &loaded.sources, false)
        );
        return Err(Error::invalid(
            "the layout cannot be linted: a file could not be parsed",
            "fix the syntax errors above; `orgguard validate` lists every problem",
        ));
    }
    let sources = loaded
        .as_ref()
        .map(|l| l.sources.clone())
        .unwrap_or_default();
    let layout = loaded.as_ref().and_then(|l| l.layout.as_ref());
    let today = time::OffsetDateTime::now_utc().date();
    // Live assignments are checked against policies/access.cedar when the
    // repository has one.
    let access = match live {
        Some(_) => super::access::policies_if_present(layout)?,
        None => None,
    };
    let outcome = crate::phase::timed("linted", || {
        checks::lint(layout, &sources, live.as_ref(), access.as_ref(), today)
    })?;
    let linted = Linted {
        incomplete: live
            .as_ref()
            .map(|l| l.incomplete_lines())
            .unwrap_or_default(),
        mode: if live.is_some() {
            Mode::Live
        } else {
            Mode::Offline
        },
        outcome,
    };
    crate::phase::leave_for_exit((live, loaded));
    Ok(linted)
}

pub fn run(global: &GlobalArgs, args: &Args) -> Result<Exit> {
    let Linted {
        mode,
        outcome,
        incomplete,
    } = lint_run(global, args.live.as_deref())?;
    let saved = args.baseline.as_deref().map(read_baseline).transpose()?;
    let comparison = saved.map(|b| b.compare(&outcome.findings));
    if let Some(path) = &args.write_baseline {
        write_output(Some(path), &Baseline::of(&outcome.findings).to_json())?;
    }
    let report = Report {
        mode,
        findings: &outcome.findings,
        waived: &outcome.waived,
        fail_on: args.fail_on,
        baseline: comparison.as_ref(),
        incomplete: &incomplete,
    };
    if !incomplete.is_empty() && !global.quiet {
        for line in &incomplete {
            eprintln!("warning: not read, so not checked: {line}");
        }
    }
    crate::phase::timed("rendered the report", || {
        write_rendered(
            args.output.as_deref(),
            args.format,
            Style::default(),
            &report,
        )
    })?;
    let failing = report.failing() > 0;
    // Tens of thousands of findings on a large organization: the process
    // is about to end, so they are not freed one by one.
    crate::phase::leave_for_exit((outcome, comparison));
    Ok(if failing { Exit::Findings } else { Exit::Clean })
}

/// Reads a baseline written by `lint --write-baseline`.
pub fn read_baseline(path: &std::path::Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let name = path.display().to_string();
    crate::nesting::check(&text, crate::nesting::Syntax::Json)
        .map_err(|deep| deep.into_error(&name, &text))?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        Error::invalid(
            format!("{} is not an orgguard baseline: {e}", path.display()),
            "write one with `orgguard lint --write-baseline FILE`",
        )
    })?;
    if baseline.orgguard_baseline != checks::baseline::VERSION {
        return Err(Error::invalid(
            format!(
                "{} is baseline format {}, this orgguard reads format {}",
                path.display(),
                baseline.orgguard_baseline,
                checks::baseline::VERSION
            ),
            "write the baseline again with this orgguard: `orgguard lint --write-baseline FILE`",
        ));
    }
    Ok(baseline)
}
