//! Streaming CloudTrail readers: the gzipped `{"Records": [...]}` files
//! CloudTrail delivers to S3, JSON lines (one event per line), and the
//! output of `aws cloudtrail lookup-events` (`{"Events": [...]}`), plain or
//! gzipped, a file or a directory tree. Events are handed on one at a time,
//! so memory stays flat however large a file is.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::event::{parse_event, request_of_shape};
use super::shape::{ShapeLine, read_csv};
use crate::error::{Error, Result};
use crate::policy::request::Request;

/// Where an event came from.
#[derive(Debug, Clone, Copy)]
pub struct Position<'a> {
    pub file: &'a str,
    /// 1-based, counting every event of the file in order.
    pub index: u64,
}

/// What reading a file hands on.
pub trait EventSink {
    /// A request, standing for `count` recorded calls (more than one for
    /// a pre-aggregated shape).
    fn event(&mut self, at: Position, request: Request, count: u64);
    fn malformed(&mut self, at: Position, message: String);
    /// The rest of a file could not be read (broken JSON or gzip).
    fn unreadable(&mut self, file: &str, message: String);

    /// One CloudTrail record's JSON text. A record nested past the bound
    /// every reader keeps makes the file unreadable, and the command
    /// refuses it (see [`crate::nesting`]).
    fn record(&mut self, at: Position, text: &str) {
        if let Err(deep) = crate::nesting::check(text, crate::nesting::Syntax::Json) {
            let (line, col) = deep.line_col(text);
            return self.unreadable(
                at.file,
                format!(
                    "record {} (line {line}, column {col} of it): {}",
                    at.index,
                    deep.message()
                ),
            );
        }
        match parse_event(text) {
            Ok(request) => self.event(at, request, 1),
            Err(message) => self.malformed(at, message),
        }
    }

    /// One pre-aggregated request shape.
    fn shape(&mut self, at: Position, line: ShapeLine) {
        match request_of_shape(&line.shape) {
            Ok(request) => self.event(at, request, line.count),
            Err(message) => self.malformed(at, message),
        }
    }
}

/// The event files under `path` (or `path` itself), sorted. CloudTrail's
/// digest files, which hold no events, are left out.
pub fn discover(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).follow_links(true) {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(path).to_path_buf();
            Error::read(at, e.into())
        })?;
        let p = entry.path();
        let name = entry.file_name().to_string_lossy();
        let digest = p.components().any(|c| c.as_os_str() == "CloudTrail-Digest");
        let events = [
            ".json",
            ".json.gz",
            ".jsonl",
            ".jsonl.gz",
            ".ndjson",
            ".ndjson.gz",
            ".csv",
            ".csv.gz",
        ]
        .iter()
        .any(|ext| name.ends_with(ext));
        if entry.file_type().is_file() && events && !digest && !name.starts_with('.') {
            files.push(p.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

/// Reads one file, handing each event to `sink`. Never fails: a file that
/// cannot be read is reported to the sink with its position.
pub fn read_file(path: &Path, sink: &mut dyn EventSink) {
    let display = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return sink.unreadable(&display, format!("cannot open: {e}")),
    };
    read_from(&display, BufReader::with_capacity(256 * 1024, file), sink);
}

/// Reads one object already in memory, such as a trail file fetched from
/// S3; `name` says where it came from.
pub fn read_bytes(name: &str, bytes: &[u8], sink: &mut dyn EventSink) {
    read_from(name, bytes, sink);
}

/// Reads a file's content, plain or gzipped (told from its first bytes).
fn read_from(display: &str, mut reader: impl BufRead, sink: &mut dyn EventSink) {
    let gzipped = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return sink.unreadable(display, format!("cannot read: {e}")),
    };
    let input: Box<dyn Read + '_> = if gzipped {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let mut state = State {
        file: display,
        index: 0,
        sink,
        in_memory: false,
    };
    if display.ends_with(".csv") || display.ends_with(".csv.gz") {
        if let Err(message) = read_csv(input, |row| state.shape(row)) {
            state.unreadable(message);
        }
        return;
    }
    // A trail file decompresses to a few megabytes: parsed from memory,
    // JSON reads several times faster than through a reader. A file past
    // the bound (a huge JSON lines export) streams, so memory stays flat.
    let mut whole = SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut()));
    whole.clear();
    let mut input = input;
    match (&mut input).take(WHOLE_FILE_LIMIT).read_to_end(&mut whole) {
        Ok(n) if (n as u64) < WHOLE_FILE_LIMIT => {
            state.in_memory = true;
            read_documents(serde_json::Deserializer::from_slice(&whole), &mut state);
            keep_for_next_file(whole);
        }
        Ok(_) => read_documents(
            serde_json::Deserializer::from_reader(std::io::Cursor::new(whole).chain(input)),
            &mut state,
        ),
        // What came before a broken stretch (corrupt gzip) is still read,
        // and the error then says how many events that was.
        Err(e) => read_documents(
            serde_json::Deserializer::from_reader(
                std::io::Cursor::new(whole).chain(Failing(Some(e))),
            ),
            &mut state,
        ),
    }
}

thread_local! {
    /// The last file's buffer, reused by the next file read on this thread:
    /// growing a fresh one for every file costs copies and page faults.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps `buffer` for the next file on this thread, unless it is larger
/// than trail files are, so memory stays flat.
fn keep_for_next_file(buffer: Vec<u8>) {
    if buffer.capacity() <= KEPT_BUFFER_LIMIT {
        SPARE.with(|spare| *spare.borrow_mut() = buffer);
    }
}

/// The largest buffer kept between files: a CloudTrail file holds a few
/// megabytes of JSON.
const KEPT_BUFFER_LIMIT: usize = 64 * 1024 * 1024;

/// Decompressed size up to which a file is parsed from memory.
const WHOLE_FILE_LIMIT: u64 = 256 * 1024 * 1024;

/// A reader that fails once with the error another read met.
struct Failing(Option<std::io::Error>);

impl Read for Failing {
    fn read(&mut self, _buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Reads every top-level document: a file holds one (Records, Events, an
/// array) or many (JSON lines), until only whitespace is left.
fn read_documents<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    state: &mut State,
) {
    while de.end().is_err() {
        if let Err(e) = (Top { state: &mut *state }).deserialize(&mut de) {
            let message = describe(&e, state.index);
            state.sink.unreadable(state.file, message);
            return;
        }
    }
}

fn describe(e: &serde_json::Error, read: u64) -> String {
    let events = if read == 1 { "event" } else { "events" };
    if e.is_io() {
        // Decompression errors carry no JSON position.
        return format!(
            "the file is not readable (corrupt gzip?): {e}; {read} {events} read before it"
        );
    }
    let what = if e.is_eof() {
        "the file ends in the middle of the JSON"
    } else {
        "invalid JSON"
    };
    format!(
        "{what} at line {}, column {}: {e}; {read} {events} read before it",
        e.line(),
        e.column()
    )
}

pub(super) struct State<'a> {
    file: &'a str,
    index: u64,
    sink: &'a mut dyn EventSink,
    /// The text is parsed from memory, so records can be borrowed from it
    /// instead of copied out one by one.
    in_memory: bool,
}

impl<'a> State<'a> {
    /// The position of the next event.
    fn next(&mut self) -> Position<'a> {
        self.index += 1;
        Position {
            file: self.file,
            index: self.index,
        }
    }

    fn record(&mut self, text: &str) {
        let at = self.next();
        self.sink.record(at, text);
    }

    fn malformed(&mut self, message: String) {
        let at = self.next();
        self.sink.malformed(at, message);
    }

    pub(super) fn shape(&mut self, parsed: std::result::Result<ShapeLine, String>) {
        let at = self.next();
        match parsed {
            Ok(line) => self.sink.shape(at, line),
            Err(message) => self.sink.malformed(at, message),
        }
    }

    pub(super) fn unreadable(&mut self, message: String) {
        self.sink.unreadable(self.file, message);
    }
}

/// One top-level JSON document.
struct Top<'s, 'a> {
    state: &'s mut State<'a>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a CloudTrail file: {\"Records\": [...]}, {\"Events\": [...]} or events")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut wrapper = false;
        let mut fields: Vec<(String, Box<RawValue>)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "Records" => {
                    wrapper = true;
                    map.next_value_seed(List {
                        state: &mut *self.state,
                        lookup: false,
                    })?;
                }
                "Events" => {
                    wrapper = true;
                    map.next_value_seed(List {
                        state: &mut *self.state,
                        lookup: true,
                    })?;
                }
                _ if wrapper => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => fields.push((key, map.next_value()?)),
            }
        }
        if !wrapper {
            // A lone event or request shape, as in JSON lines: put its text
            // back together.
            let mut text = String::from("{");
            for (i, (key, value)) in fields.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                text.push_str(&serde_json::Value::String(key.clone()).to_string());
                text.push(':');
                text.push_str(value.get());
            }
            text.push('}');
            if fields.iter().any(|(k, _)| k == "count") {
                self.state.shape(
                    serde_json::from_str::<ShapeLine>(&text)
                        .map_err(|e| format!("not a request shape: {e}")),
                );
            } else {
                self.state.record(&text);
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<(), A::Error> {
        List {
            state: self.state,
            lookup: false,
        }
        .visit_seq(seq)
    }
}

/// The `Records` or `Events` array, one element at a time.
struct List<'s, 'a> {
    state: &'s mut State<'a>,
    lookup: bool,
}

/// An `aws cloudtrail lookup-events` entry: the record is a JSON string.
#[derive(Deserialize)]
struct LookupEntry {
    #[serde(rename = "CloudTrailEvent")]
    event: Option<String>,
}

impl<'de> DeserializeSeed<'de> for List<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for List<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> std::result::Result<(), A::Error> {
        // Each element is kept as raw text so that one bad event is
        // counted and skipped instead of ending the file.
        if self.state.in_memory {
            while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                self.element(raw.get());
            }
        } else {
            while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
                self.element(raw.get());
            }
        }
        Ok(())
    }
}

impl List<'_, '_> {
    fn element(&mut self, text: &str) {
        if !self.lookup {
            return self.state.record(text);
        }
        match serde_json::from_str::<LookupEntry>(text) {
            Ok(LookupEntry { event: Some(text) }) => self.state.record(&text),
            Ok(LookupEntry { event: None }) => self
                .state
                .malformed("the entry has no CloudTrailEvent".to_string()),
            Err(e) => self
                .state
                .malformed(format!("not a lookup-events entry: {e}")),
        }
    }
}
