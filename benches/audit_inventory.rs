//! How long the assignment inventory takes on a large organization: 500
//! accounts, 40 permission sets, 3,000 users in 300 groups of 20, 4,000
//! assignments (61,000 rows with --expand-groups) and 2,000 findings.
//! Run with `cargo bench --bench audit_inventory`.

use std::time::{Duration, Instant};

use orgguard::audit::inventory::{self, Inventory, Options};
use orgguard::diagnostics::{Finding, Severity, Subject, assignment_resource};
use orgguard::org::*;
use orgguard::render::{Format, Renderable, Style, to_string};

#[path = "support/org.rs"]
mod org;

use org::ic::{AUDIT, audit_org};

fn findings(snapshot: &Snapshot) -> Vec<Finding> {
    let Some(ic) = &snapshot.identity_center else {
        return vec![];
    };
    ic.assignments
        .iter()
        .step_by(2)
        .map(|a| Finding {
            code: "IC001".into(),
            severity: Severity::High,
            message: "stale".into(),
            subject: Subject {
                account_id: Some(a.account_id.clone()),
                resource: Some(assignment_resource(
                    &a.account_id,
                    &a.permission_set_arn,
                    a.principal_type.as_str(),
                    &a.principal_id,
                )),
                ..Subject::default()
            },
            help: String::new(),
            fingerprint: None,
        })
        .collect()
}

/// The fastest of five runs, so a busy machine disturbs the figure least.
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        let value = f();
        fastest = fastest.min(start.elapsed());
        last = Some(value);
    }
    (fastest, last.unwrap_or_else(f))
}

fn emit(format: Format, inventory: &Inventory) {
    let Some(renderer) = Inventory::renderer(format, Style::default()) else {
        return;
    };
    let name = format.name();
    let (time, text) = best(|| to_string(renderer.as_ref(), inventory).unwrap_or_default());
    println!(
        "  {name:<9} {:>8.1} ms  {:>7.1} MiB",
        ms(time),
        text.len() as f64 / 1048576.0
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let snapshot = audit_org();
    let findings = findings(&snapshot);
    let assignments = snapshot
        .identity_center
        .as_ref()
        .map_or(0, |ic| ic.assignments.len());
    println!(
        "audit inventory: {} accounts, {} permission sets, {} users, {} groups of {}, {assignments} assignments, {} findings",
        snapshot.accounts.len(),
        AUDIT.permission_sets,
        AUDIT.users,
        AUDIT.groups,
        AUDIT.group_size,
        findings.len()
    );
    for expand_groups in [false, true] {
        let options = Options {
            expand_groups,
            ..Options::default()
        };
        let (time, inventory) = best(|| inventory::build(&snapshot, &findings, &options).ok());
        let Some(inventory) = inventory else {
            eprintln!("the inventory failed to build");
            std::process::exit(1);
        };
        println!(
            "{}: build {:.1} ms, {} rows, {} rows with findings",
            if expand_groups {
                "--expand-groups"
            } else {
                "one row per assignment"
            },
            ms(time),
            inventory.rows.len(),
            inventory
                .rows
                .iter()
                .filter(|r| !r.findings.is_empty())
                .count()
        );
        for format in Inventory::FORMATS {
            emit(*format, &inventory);
        }
    }
}
