//! Progress on stderr while a long read runs: drawn only on a terminal and
//! never with `--no-progress`, so CI logs stay clean.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(enabled: bool) -> Self {
        let bar = if enabled && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg:30} [{bar:30}] {pos}/{len} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// Starts a phase with `total` units of work.
    pub fn phase(&self, message: &str, total: u64) {
        self.bar.set_message(message.to_string());
        self.bar.set_length(total);
        self.bar.set_position(0);
    }

    pub fn add_total(&self, more: u64) {
        self.bar.inc_length(more);
    }

    pub fn message(&self, text: &str) {
        self.bar.set_message(text.to_string());
    }

    pub fn inc(&self) {
        self.bar.inc(1);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
