//! Reading a snapshot file given with `--live`.

use std::path::Path;

use miette::NamedSource;

use super::snapshot::{SCHEMA_VERSION, Snapshot};
use crate::error::{Error, Result};

/// Reads and checks a snapshot file; errors name the line and column.
pub fn read_snapshot(path: &Path) -> Result<Snapshot> {
    let phase = crate::phase::Phase::start("read the snapshot");
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let snapshot = parse_snapshot(&path.display().to_string(), &text)?;
    phase.done(format_args!(
        "{}, {} bytes, {} accounts",
        path.display(),
        text.len(),
        snapshot.accounts.len()
    ));
    Ok(snapshot)
}

pub fn parse_snapshot(name: &str, text: &str) -> Result<Snapshot> {
    // The usual case in one pass. A snapshot that parses is shallow: every
    // type in it denies unknown fields and none holds free-form JSON, so
    // its depth is bounded by the types. Only a file that fails gets the
    // nesting scan and the version check, which each read all of it again
    // (a third of the time on a 60 MB snapshot) and exist to say why.
    let parsed = match serde_json::from_str::<Snapshot>(text) {
        Ok(snapshot) if snapshot.schema_version == SCHEMA_VERSION => return Ok(snapshot),
        other => other,
    };
    crate::nesting::check(text, crate::nesting::Syntax::Json)
        .map_err(|deep| deep.into_error(name, text))?;
    // Check the version first so an old or new file gets a clear message
    // rather than a complaint about some field.
    if let Ok(TopLevel { schema_version }) = serde_json::from_str::<TopLevel>(text) {
        match schema_version.and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(SCHEMA_VERSION) => {}
            Some(v) => {
                return Err(Error::invalid(
                    format!(
                        "{name} is a version {v} snapshot; this orgguard reads version {SCHEMA_VERSION}"
                    ),
                    "take a new snapshot with `orgguard snapshot -o FILE`, or use the orgguard release that wrote it",
                ));
            }
            None => {
                return Err(Error::invalid(
                    format!("{name} is not an orgguard snapshot (it has no schema_version)"),
                    "pass a file written by `orgguard snapshot -o FILE`",
                ));
            }
        }
    }
    parsed.map_err(|e| {
        let offset = offset_of(text, e.line(), e.column());
        Error::Input {
            message: format!("{name} is not a valid snapshot: {e}"),
            src: NamedSource::new(name, text.to_string()),
            span: (offset, 1).into(),
            label: "here".to_string(),
            help: Some(
                "pass a file written by `orgguard snapshot -o FILE`; docs/snapshot.md describes the format"
                    .to_string(),
            ),
        }
    })
}

/// What the version check reads of a snapshot: its `schema_version`. The
/// other members are skipped, not built: building the whole document as a
/// `serde_json::Value` first made reading a 60 MB snapshot take ~0.3 s
/// longer and ~160 MiB more memory.
#[derive(serde::Deserialize)]
struct TopLevel {
    schema_version: Option<serde_json::Value>,
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len().saturating_sub(1))
}
