//! The floor `plan` and `lint` are measured against: a process that merely
//! loads what they need, and nothing else. It reads the layout (ou-layout.toml
//! and policies/) beside the snapshot, with the same functions and on the same
//! two threads as the commands, leaves both to the exit as they do, and exits.
//! Timing it whole, in turn with `orgguard plan` or `orgguard lint` on the same
//! files, gives the commands' ratio to loading with start-up and exit counted
//! on both sides (scripts/bench-load.sh).
//!
//!   cargo build --release --example load-only
//!   target/release/examples/load-only DIR SNAPSHOT

// As in the library: errors end the run, so their size does not matter.
#![allow(clippy::result_large_err)]

use std::path::PathBuf;
use std::process::ExitCode;

use orgguard::org::read_snapshot;
use orgguard::phase::{leave_for_exit, side_by_side};

/// As the orgguard binary runs its commands (src/main.rs).
const STACK_BYTES: usize = 64 * 1024 * 1024;

fn load(dir: PathBuf, snapshot: PathBuf) -> ExitCode {
    let (live, layout) = side_by_side(|| read_snapshot(&snapshot), || orgguard::layout::load(&dir));
    match (live, layout) {
        (Ok(live), Ok(layout)) => {
            eprintln!(
                "loaded {} accounts and {} layout files",
                live.accounts.len(),
                layout.sources.len()
            );
            leave_for_exit((live, layout));
            ExitCode::SUCCESS
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("load-only: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dir, snapshot] = <[PathBuf; 2]>::try_from(args).unwrap_or_else(|_| {
        eprintln!("usage: load-only DIR SNAPSHOT");
        std::process::exit(2)
    });
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || load(dir, snapshot))
        .map_or(ExitCode::from(2), |worker| {
            worker.join().unwrap_or(ExitCode::from(2))
        })
}
