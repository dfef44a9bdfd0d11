//! SCP count mode: replay recorded CloudTrail events against the live and
//! the proposed SCPs and count what the change would deny or allow again.

pub mod actions;
pub mod chains;
pub mod cloudtrail;
pub mod event;
pub mod observed;
pub mod report;
pub mod shape;
pub mod tally;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::policy::request::Request;
use cloudtrail::{EventSink, Position, read_bytes, read_file};
use shape::{ShapeLine, Shapes};
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

/// The calls recorded as denied by an SCP or RCP in `files`.
pub fn observe(files: &[PathBuf]) -> observed::Observed {
    files
        .par_iter()
        .fold(observed::Observed::default, |mut sink, file| {
            sink.files += 1;
            read_file(file, &mut sink);
            sink
        })
        .reduce(observed::Observed::default, |mut a, b| {
            a.merge(b);
            a
        })
}

/// Like [`observe`], for objects fetched as they arrive.
pub fn observe_fetched(objects: impl Iterator<Item = Fetched> + Send) -> observed::Observed {
    objects
        .par_bridge()
        .fold(observed::Observed::default, |mut sink, object| {
            sink.files += 1;
            match &object.content {
                Ok(bytes) => read_bytes(&object.name, bytes, &mut sink),
                Err(message) => sink.unreadable(&object.name, message.clone()),
            }
            sink
        })
        .reduce(observed::Observed::default, |mut a, b| {
            a.merge(b);
            a
        })
}

/// Gathers the request shapes of records, and shapes as they are, without
/// evaluating them.
#[derive(Default)]
struct ShapeSink {
    shapes: Shapes,
}

impl EventSink for ShapeSink {
    fn event(&mut self, _at: Position, _request: Request, _count: u64) {}

    fn record(&mut self, _at: Position, text: &str) {
        match event::shape_of_event(text) {
            Ok(shape) => *self.shapes.counts.entry(shape).or_default() += 1,
            Err(_) => self.shapes.malformed += 1,
        }
    }

    fn shape(&mut self, _at: Position, line: ShapeLine) {
        *self.shapes.counts.entry(line.shape).or_default() += line.count;
    }

    fn malformed(&mut self, _at: Position, _message: String) {
        self.shapes.malformed += 1;
    }

    fn unreadable(&mut self, file: &str, message: String) {
        self.shapes.unreadable.push(format!("{file}: {message}"));
    }
}

/// The request shapes of every record of `files`, read in parallel.
pub fn collect_shapes(files: &[PathBuf]) -> Shapes {
    files
        .par_iter()
        .fold(ShapeSink::default, |mut sink, file| {
            read_file(file, &mut sink);
            sink
        })
        .map(|sink| sink.shapes)
        .reduce(Shapes::default, |mut a, b| {
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
    fn event(&mut self, _at: Position, request: Request, count: u64) {
        // Touch the request so the work of building it is not optimised away.
        self.events += u64::from(!request.action.is_empty()) * count;
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
