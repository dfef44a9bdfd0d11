//! Realistic CloudTrail records and the files CloudTrail writes, for the
//! simulate tests and benchmark. Included with `#[path]` by both.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};

/// Who made a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller<'a> {
    /// An IAM role (assumed-role session), by name; a name with a path such
    /// as `aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS` keeps it.
    Role(&'a str),
    User(&'a str),
    Root,
}

/// One API call to record.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    pub account: &'a str,
    pub caller: Caller<'a>,
    pub source: &'a str,
    pub name: &'a str,
    pub region: &'a str,
}

/// A CloudTrail record of `call`, numbered `n` (ids and times follow it).
pub fn record(call: &Call, n: u64) -> Value {
    let account = call.account;
    let session = format!("session-{}", n % 97);
    let identity = match call.caller {
        Caller::Role(path_name) => {
            let name = path_name.rsplit('/').next().unwrap_or(path_name);
            let path = &path_name[..path_name.len() - name.len()];
            json!({
                "type": "AssumedRole",
                "principalId": format!("AROA{account}EXAMPLE:{session}"),
                "arn": format!("arn:aws:sts::{account}:assumed-role/{name}/{session}"),
                "accountId": account,
                "accessKeyId": format!("ASIA{:016}", n % 10_000_000),
                "sessionContext": {
                    "sessionIssuer": {
                        "type": "Role",
                        "principalId": format!("AROA{account}EXAMPLE"),
                        "arn": format!("arn:aws:iam::{account}:role/{path}{name}"),
                        "accountId": account,
                        "userName": name
                    },
                    "webIdFederationData": {},
                    "attributes": {"creationDate": "2026-11-15T08:00:00Z", "mfaAuthenticated": "false"}
                }
            })
        }
        Caller::User(name) => json!({
            "type": "IAMUser",
            "principalId": format!("AIDA{account}EXAMPLE"),
            "arn": format!("arn:aws:iam::{account}:user/{name}"),
            "accountId": account,
            "accessKeyId": format!("AKIA{:016}", n % 1000),
            "userName": name
        }),
        Caller::Root => json!({
            "type": "Root",
            "principalId": account,
            "arn": format!("arn:aws:iam::{account}:root"),
            "accountId": account,
            "accessKeyId": format!("ASIA{:016}", n % 1000)
        }),
    };
    let seconds = n % 604_800;
    json!({
        "eventVersion": "1.09",
        "userIdentity": identity,
        "eventTime": format!("2026-11-{:02}T{:02}:{:02}:{:02}Z", 9 + seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60),
        "eventSource": call.source,
        "eventName": call.name,
        "awsRegion": call.region,
        "sourceIPAddress": format!("10.{}.{}.{}", n % 250, n / 250 % 250, n / 62_500 % 250),
        "userAgent": "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.173.0",
        "requestParameters": {"maxResults": 1000, "filterSet": {"items": [{"name": "tag:team", "valueSet": {"items": [{"value": "payments"}]}}]}},
        "responseElements": null,
        "requestID": format!("{:08x}-1111-2222-3333-{:012x}", n, n * 7),
        "eventID": format!("{:08x}-aaaa-bbbb-cccc-{:012x}", n, n * 13),
        "readOnly": call.name.starts_with("Describe") || call.name.starts_with("Get") || call.name.starts_with("List"),
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "recipientAccountId": account,
        "eventCategory": "Management",
        "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": format!("{}.{}.amazonaws.com", call.source.split('.').next().unwrap_or("ec2"), call.region)}
    })
}

/// Writes records as CloudTrail delivers them to S3: gzipped
/// `{"Records": [...]}`, streamed so a large file never sits in memory.
pub fn write_records_gz(path: &Path, records: impl IntoIterator<Item = Value>) {
    let file = std::fs::File::create(path).expect("create a records file");
    let mut gz = GzEncoder::new(std::io::BufWriter::new(file), Compression::fast());
    gz.write_all(b"{\"Records\":[").expect("write");
    for (i, r) in records.into_iter().enumerate() {
        if i > 0 {
            gz.write_all(b",").expect("write");
        }
        serde_json::to_writer(&mut gz, &r).expect("write a record");
    }
    gz.write_all(b"]}").expect("write");
    gz.finish().expect("finish gzip").flush().expect("flush");
}

/// Writes records as JSON lines, one per line.
pub fn write_json_lines(path: &Path, records: impl IntoIterator<Item = Value>) {
    let mut text = String::new();
    for r in records {
        text.push_str(&r.to_string());
        text.push('\n');
    }
    std::fs::write(path, text).expect("write JSON lines");
}

/// Writes records as `aws cloudtrail lookup-events` prints them.
pub fn write_lookup_events(path: &Path, records: impl IntoIterator<Item = Value>) {
    let events: Vec<Value> = records
        .into_iter()
        .map(|r| {
            json!({
                "EventId": r["eventID"],
                "EventName": r["eventName"],
                "ReadOnly": r["readOnly"].to_string(),
                "EventTime": 1_763_200_000,
                "EventSource": r["eventSource"],
                "Resources": [],
                "CloudTrailEvent": r.to_string()
            })
        })
        .collect();
    std::fs::write(
        path,
        json!({"Events": events, "NextToken": "token"}).to_string(),
    )
    .expect("write lookup-events output");
}

/// A small deterministic generator (xorshift), so data sets are the same
/// on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Picks from weighted choices.
    pub fn pick<'a, T>(&mut self, choices: &'a [(u32, T)]) -> &'a T {
        let total: u64 = choices.iter().map(|(w, _)| u64::from(*w)).sum();
        let mut r = self.next() % total.max(1);
        for (w, item) in choices {
            if r < u64::from(*w) {
                return item;
            }
            r -= u64::from(*w);
        }
        &choices[choices.len() - 1].1
    }
}
