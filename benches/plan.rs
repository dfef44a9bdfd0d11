//! Planning a large organization: 10,000 accounts and 2,000 OUs, against a
//! layout with a few hundred changes. Times the diff with its ordering and
//! step-by-step safety check (`plan::diff`), not the loading.
//!
//! Run with `cargo bench --bench plan`.

use std::time::{Duration, Instant};

use orgguard::plan::diff;

#[path = "support/org.rs"]
mod org;

use org::plan::{live, tree, write_layout};

const RUNS: usize = 15;

fn main() {
    let ous = tree();
    let live = live(&ous);
    let dir = std::env::temp_dir().join(format!("orgguard-bench-{}", std::process::id()));
    if let Err(e) = write_layout(&dir, &ous) {
        eprintln!("cannot write the layout into {}: {e}", dir.display());
        std::process::exit(2);
    }
    let started = Instant::now();
    let layout = match orgguard::layout::load(&dir).map(|l| l.layout) {
        Ok(Some(layout)) => layout,
        _ => {
            eprintln!("the generated layout does not load");
            std::process::exit(2);
        }
    };
    let load_time = started.elapsed();

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut plan = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let result = diff(&layout, &live);
        times.push(start.elapsed());
        plan = Some(result);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let plan = match plan {
        Some(Ok(plan)) => plan,
        Some(Err(e)) => {
            eprintln!("the plan was refused: {e}");
            std::process::exit(2);
        }
        None => std::process::exit(2),
    };
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "organization: {} accounts, {} OUs, {} SCPs; layout loaded in {:.0} ms (not timed below)",
        live.accounts.len(),
        live.organizational_units.len(),
        live.policies.len(),
        ms(load_time)
    );
    println!(
        "plan: {} changes ({})",
        plan.changes.len(),
        plan.summary().line()
    );
    println!(
        "diff + order + safety over {RUNS} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
}
