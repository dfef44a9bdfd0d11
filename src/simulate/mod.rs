//! SCP count mode: replay recorded CloudTrail events against the live and
//! the proposed SCPs and count what the change would deny or allow again.

pub mod actions;
pub mod chains;
pub mod cloudtrail;
pub mod condition;
pub mod evaluate;
pub mod event;
pub mod pattern;
pub mod render;
pub mod report;
pub mod request;
pub mod tally;

#[cfg(test)]
mod evaluate_cases;

use std::path::PathBuf;

use rayon::prelude::*;

use cloudtrail::{EventSink, Position, read_bytes, read_file};
use request::Request;
use tally::{Org, Simulation, Tally};

/// Simulates every event of `files` against `org`, reading files in
/// parallel.
pub fn simulate(files: &[PathBuf], org: &Org) -> Tally {
    files
        .par_iter()
        .fold(
            || Simulation {
                org,
                tally: Tally::default(),
            },
            |mut sim, file| {
                sim.tally.files += 1;
                read_file(file, &mut sim);
                sim
            },
        )
        .map(|sim| sim.tally)
        .reduce(Tally::default, |mut a, b| {
            a.merge(b);
            a
        })
}

/// One trail object fetched from elsewhere (S3), or why it could not be.
pub struct Fetched {
    /// Where it came from, such as `s3://bucket/key`.
    pub name: String,
    pub content: std::result::Result<Vec<u8>, String>,
}

/// Simulates the events of objects as they arrive, on every core; memory
/// holds only the objects the iterator has in flight.
pub fn simulate_fetched(objects: impl Iterator<Item = Fetched> + Send, org: &Org) -> Tally {
    objects
        .par_bridge()
        .fold(
            || Simulation {
                org,
                tally: Tally::default(),
            },
            |mut sim, object| {
                sim.tally.files += 1;
                match &object.content {
                    Ok(bytes) => read_bytes(&object.name, bytes, &mut sim),
                    Err(message) => sim.unreadable(&object.name, message.clone()),
                }
                sim
            },
        )
        .map(|sim| sim.tally)
        .reduce(Tally::default, |mut a, b| {
            a.merge(b);
            a
        })
}

/// Counts of a read without evaluation: the baseline the benchmark
/// compares simulation against.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ParseCounts {
    pub events: u64,
    pub malformed: u64,
    pub unreadable_files: u64,
}

impl EventSink for ParseCounts {
    fn event(&mut self, _at: Position, request: Request) {
        // Touch the request so the work of building it is not optimised away.
        self.events += u64::from(!request.action.is_empty());
    }
    fn malformed(&mut self, _at: Position, _message: String) {
        self.malformed += 1;
    }
    fn unreadable(&mut self, _file: &str, _message: String) {
        self.unreadable_files += 1;
    }
}

/// Reads and parses every event of `files` in parallel, evaluating nothing.
pub fn parse_only(files: &[PathBuf]) -> ParseCounts {
    files
        .par_iter()
        .fold(ParseCounts::default, |mut counts, file| {
            read_file(file, &mut counts);
            counts
        })
        .reduce(ParseCounts::default, |a, b| ParseCounts {
            events: a.events + b.events,
            malformed: a.malformed + b.malformed,
            unreadable_files: a.unreadable_files + b.unreadable_files,
        })
}
