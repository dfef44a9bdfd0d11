//! Pre-aggregated request shapes: a CloudTrail record reduced to the
//! fields simulate evaluates, with how many records share them. A scan
//! where the trail already is (Athena over the CloudTrail table) writes
//! them as CSV or JSON lines; simulate reads them as it reads records and
//! counts each shape as many times as it stands for.
//!
//! Left out, because they would make nearly every record its own shape:
//! the event time and id, the session's creation time and the caller's
//! principal id. Conditions on aws:CurrentTime, aws:EpochTime,
//! aws:TokenIssueTime or aws:userid are therefore decided without them, and
//! the report says so.

use std::collections::HashMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

/// The fields of a record that simulate evaluates. Empty means absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct Shape {
    pub event_source: String,
    pub event_name: String,
    pub aws_region: String,
    pub event_type: String,
    pub recipient_account_id: String,
    pub identity_type: String,
    pub identity_arn: String,
    pub identity_account_id: String,
    pub user_name: String,
    pub invoked_by: String,
    pub session_issuer_arn: String,
    pub mfa_authenticated: String,
    pub source_ip: String,
    /// "true" when the call came over TLS (the record has tlsDetails).
    pub tls: String,
    /// The ARNs the call is authorized against (for an S3 object call, the
    /// object's alone).
    pub resources: Vec<String>,
    /// The account that owns them, when the record says (the first
    /// resources[].accountId): RCPs are those of its path.
    pub resource_account_id: String,
}

/// A shape and how many records it stands for: one line of a shapes file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShapeLine {
    #[serde(flatten)]
    pub shape: Shape,
    pub count: u64,
}

/// The CSV columns, in order; `resources` holds a JSON array of ARNs.
pub const CSV_COLUMNS: [&str; 17] = [
    "event_source",
    "event_name",
    "aws_region",
    "event_type",
    "recipient_account_id",
    "identity_type",
    "identity_arn",
    "identity_account_id",
    "user_name",
    "invoked_by",
    "session_issuer_arn",
    "mfa_authenticated",
    "source_ip",
    "tls",
    "resources",
    "resource_account_id",
    "count",
];

/// Reads a shapes CSV (with a header row naming the columns, in any
/// order), handing each row on as a shape; the error is what made the
/// rest of the file unreadable.
pub(super) fn read_csv(
    input: impl Read,
    mut on_row: impl FnMut(Result<ShapeLine, String>),
) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect::<Vec<_>>(),
        Err(e) => return Err(format!("not a shapes CSV: {e}")),
    };
    if !headers.iter().any(|h| h == "count") || !headers.iter().any(|h| h == "event_name") {
        return Err(
            "not a shapes CSV: the header row needs at least event_source, event_name and count"
                .to_string(),
        );
    }
    for row in reader.records() {
        match row {
            Ok(row) => on_row(shape_of_row(&headers, &row)),
            Err(e) => return Err(format!("broken CSV: {e}")),
        }
    }
    Ok(())
}

fn shape_of_row(headers: &[String], row: &csv::StringRecord) -> Result<ShapeLine, String> {
    let mut shape = Shape::default();
    let mut count = None;
    for (name, value) in headers.iter().zip(row.iter()) {
        let value = value.trim().to_string();
        let field = match name.as_str() {
            "event_source" => &mut shape.event_source,
            "event_name" => &mut shape.event_name,
            "aws_region" => &mut shape.aws_region,
            "event_type" => &mut shape.event_type,
            "recipient_account_id" => &mut shape.recipient_account_id,
            "identity_type" => &mut shape.identity_type,
            "identity_arn" => &mut shape.identity_arn,
            "identity_account_id" => &mut shape.identity_account_id,
            "user_name" => &mut shape.user_name,
            "invoked_by" => &mut shape.invoked_by,
            "session_issuer_arn" => &mut shape.session_issuer_arn,
            "mfa_authenticated" => &mut shape.mfa_authenticated,
            "source_ip" => &mut shape.source_ip,
            "tls" => &mut shape.tls,
            "resource_account_id" => &mut shape.resource_account_id,
            "resources" => {
                if !value.is_empty() {
                    shape.resources = serde_json::from_str(&value)
                        .map_err(|e| format!("`resources` is not a JSON list of ARNs: {e}"))?;
                }
                continue;
            }
            "count" => {
                count = Some(
                    value
                        .parse::<u64>()
                        .map_err(|e| format!("`count` is not a whole number: {e}"))?,
                );
                continue;
            }
            _ => continue,
        };
        *field = value;
    }
    let count = count.ok_or("the row has no count")?;
    Ok(ShapeLine { shape, count })
}

/// Request shapes and how many records each stands for.
#[derive(Debug, Default)]
pub struct Shapes {
    pub counts: HashMap<Shape, u64>,
    pub malformed: u64,
    pub unreadable: Vec<String>,
}

impl Shapes {
    pub fn merge(&mut self, other: Shapes) {
        for (shape, n) in other.counts {
            *self.counts.entry(shape).or_default() += n;
        }
        self.malformed += other.malformed;
        self.unreadable.extend(other.unreadable);
    }

    pub fn records(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Writes the shapes as CSV, most frequent first.
    pub fn write_csv(&self, out: impl Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(CSV_COLUMNS)?;
        for (shape, count) in self.sorted() {
            let resources = serde_json::to_string(&shape.resources).unwrap_or_default();
            let count = count.to_string();
            writer.write_record([
                shape.event_source.as_str(),
                &shape.event_name,
                &shape.aws_region,
                &shape.event_type,
                &shape.recipient_account_id,
                &shape.identity_type,
                &shape.identity_arn,
                &shape.identity_account_id,
                &shape.user_name,
                &shape.invoked_by,
                &shape.session_issuer_arn,
                &shape.mfa_authenticated,
                &shape.source_ip,
                &shape.tls,
                &resources,
                &shape.resource_account_id,
                &count,
            ])?;
        }
        writer.flush()
    }

    /// Writes the shapes as JSON lines, most frequent first.
    pub fn write_json_lines(&self, mut out: impl Write) -> std::io::Result<()> {
        for (shape, count) in self.sorted() {
            let line = ShapeLine {
                shape: shape.clone(),
                count,
            };
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    fn sorted(&self) -> Vec<(&Shape, u64)> {
        let mut all: Vec<(&Shape, u64)> = self.counts.iter().map(|(s, n)| (s, *n)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        all
    }
}
