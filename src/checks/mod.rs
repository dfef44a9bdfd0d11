//! The checks `orgguard lint` and `orgguard validate` run: one registry of
//! rules over the desired state (offline) and a live snapshot, the engine
//! that runs them, and the `[lint]` settings that tune it.

pub mod baseline;
pub mod config;
pub mod context;
pub mod directory;
pub mod docs;
pub mod engine;
pub mod fingerprint;
pub mod iam_actions;
pub mod registry;
pub mod report;
pub mod rules;
pub mod validate_rules;

#[cfg(test)]
pub mod testing;

use crate::access::policies::AccessPolicies;
use time::Date;
use time::format_description::well_known::Rfc3339;

pub use config::LintConfig;
pub use context::{Context, Desired, Limits, OrgView};
pub use engine::{Outcome, SeverityOrigin, Waived};
pub use registry::{Area, RULES, Rule};

use crate::diagnostics::Sources;
use crate::error::{Error, Result};
use crate::layout::Layout;
use crate::org::Snapshot;

/// What `lint` checked, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The layout only: no credentials, the pre-merge check.
    Offline,
    /// A live snapshot (and the layout's settings, when there is one).
    Live,
}

/// Lints the desired state, or the live snapshot when one is given.
/// `today` is used offline; live, the snapshot's capture date is.
pub fn lint(
    layout: Option<&Layout>,
    sources: &Sources,
    live: Option<&Snapshot>,
    access: Option<&AccessPolicies>,
    today: Date,
) -> Result<Outcome> {
    let config = match layout {
        Some(layout) => LintConfig::from_layout(layout, sources)?,
        None => LintConfig::defaults(),
    };
    let limits = layout.map(context::limits_of).unwrap_or_default();
    let today = match live {
        Some(snapshot) => captured_date(snapshot)?,
        None => today,
    };
    let desired = match (live, layout) {
        (None, Some(layout)) => Some((layout, crate::layout::desired::desired_snapshot(layout))),
        _ => None,
    };
    let org = match (live, &desired) {
        (Some(snapshot), _) => Some(OrgView::new(snapshot, None).with_files(layout, sources)),
        (None, Some((layout, (snapshot, spans)))) => Some(OrgView::new(
            snapshot,
            Some(Desired {
                layout,
                sources,
                spans: spans.clone(),
            }),
        )),
        (None, None) => None,
    };
    let ctx = Context {
        config: &config,
        limits,
        rcp_services: layout.map(Layout::rcp_services).unwrap_or_default(),
        org,
        live,
        access,
        today,
        parsed: Default::default(),
        sso: Default::default(),
    };
    let outcome = engine::run(&ctx);
    // Every caller is a command that prints what lint found and exits. On
    // 10,000 accounts the parsed policies alone are about a million small
    // allocations, some 10 ms to free one by one; the exit frees them at once.
    crate::phase::leave_for_exit(ctx);
    Ok(outcome)
}

/// Builds what the rules share that depends on no organization: the IAM
/// action catalog, about 7 ms of decompressing and indexing. `lint` calls
/// it on the thread that read the layout while the snapshot is still being
/// read; left to the run, the first rule to need the catalog builds it
/// while the rule on the other worker waits for it.
pub fn prepare() {
    iam_actions::catalog();
}

/// The snapshot's capture date: "today" for age and expiry checks.
pub fn captured_date(snapshot: &Snapshot) -> Result<Date> {
    time::OffsetDateTime::parse(&snapshot.captured_at, &Rfc3339)
        .map(|t| t.date())
        .map_err(|e| {
            Error::invalid(
                format!(
                    "the snapshot's captured_at `{}` is not an RFC 3339 time: {e}",
                    snapshot.captured_at
                ),
                "take a new snapshot with `orgguard snapshot -o FILE`",
            )
        })
}

/// A date part of an RFC 3339 time, such as an access key's creation.
pub fn date_of(text: &str) -> Option<Date> {
    time::OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(|t| t.date())
}
