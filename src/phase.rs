//! How long each step of a command took, logged at `-v` (info level), so a
//! slow run shows where its time went: reading the layout, reading the
//! snapshot, planning, linting, rendering. scripts/bench-load.sh reads
//! these lines to compare a command with the time it spends merely loading.

use std::time::Instant;

/// One step being timed; logs when [`Phase::done`] is called.
pub struct Phase {
    what: &'static str,
    started: Instant,
}

impl Phase {
    pub fn start(what: &'static str) -> Self {
        Phase {
            what,
            started: Instant::now(),
        }
    }

    /// Logs `phase: WHAT in S s (DETAIL)`.
    pub fn done(self, detail: impl std::fmt::Display) {
        let seconds = self.started.elapsed().as_secs_f64();
        let detail = detail.to_string();
        if detail.is_empty() {
            tracing::info!("phase: {} in {seconds:.3} s", self.what);
        } else {
            tracing::info!("phase: {} in {seconds:.3} s ({detail})", self.what);
        }
    }
}

/// Hands a large value (a snapshot, a layout) to the process's exit
/// instead of freeing it piece by piece: the command is done with it, and
/// a 60 MB snapshot is millions of small allocations that take tens of
/// milliseconds to free and that the operating system reclaims at once.
pub fn leave_for_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Runs `f` as the step `what`.
pub fn timed<T>(what: &'static str, f: impl FnOnce() -> T) -> T {
    let phase = Phase::start(what);
    let value = f();
    phase.done("");
    value
}

/// Runs `first` on a second thread while `second` runs on this one, and
/// returns both. The commands that read a snapshot file use it to read the
/// layout (and check it) beside the snapshot: parsing a large snapshot
/// keeps one core busy, and the layout needs nothing from it. A panic in
/// `first` is carried on to this thread.
pub fn side_by_side<A: Send, B>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B,
) -> (A, B) {
    std::thread::scope(|scope| {
        let first = scope.spawn(first);
        let second = second();
        match first.join() {
            Ok(first) => (first, second),
            Err(payload) => std::panic::resume_unwind(payload),
        }
    })
}
