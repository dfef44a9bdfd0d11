//! The organization trail in S3: CloudTrail delivers each account's events
//! under `AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. Only the
//! folders a selection names are listed, never the whole bucket, and the
//! objects are fetched a few at a time so memory stays bounded.

use std::time::Duration;

use futures::StreamExt;
use futures::stream;
use time::Date;
use time::macros::format_description;

use super::Clients;
use super::error::{CallError, Described};
use crate::simulate::Fetched;

/// How many list calls run at once.
const LIST_CONCURRENCY: usize = 16;
/// How many objects are fetched at once, and how many wait to be read.
pub const FETCH_CONCURRENCY: usize = 8;
/// Attempts at one object whose body breaks off (connection reset); the
/// SDK itself retries throttling and 5xx answers before the body starts.
const BODY_ATTEMPTS: u32 = 4;

/// `s3://BUCKET/PREFIX`: where the trail is delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailLocation {
    pub bucket: String,
    /// Empty, or ending in `/`.
    pub prefix: String,
}

impl TrailLocation {
    /// Parses `s3://bucket` or `s3://bucket/prefix`; `None` for anything
    /// that is not an S3 URL.
    pub fn parse(url: &str) -> Option<Self> {
        let rest = url.strip_prefix("s3://")?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return None;
        }
        let prefix = prefix.trim_matches('/');
        Some(TrailLocation {
            bucket: bucket.to_string(),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        })
    }

    pub fn url(&self, key: &str) -> String {
        format!("s3://{}/{key}", self.bucket)
    }
}

/// Which of the trail's folders to read.
#[derive(Debug, Clone)]
pub struct Selection {
    pub since: Date,
    pub until: Date,
    /// Empty for every account the trail holds.
    pub accounts: Vec<String>,
    /// Empty for every region the trail holds.
    pub regions: Vec<String>,
}

impl Selection {
    /// The day folders from `since` to `until`, inclusive: `YYYY/MM/DD/`.
    fn days(&self) -> Vec<String> {
        let format = format_description!("[year]/[month]/[day]/");
        let mut out = Vec::new();
        let mut day = self.since;
        while day <= self.until {
            if let Ok(text) = day.format(format) {
                out.push(text);
            }
            match day.next_day() {
                Some(next) => day = next,
                None => break,
            }
        }
        out
    }
}

/// One trail object to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailObject {
    pub key: String,
    pub size: u64,
}

/// An S3 client for the trail's bucket. With `AWS_ENDPOINT_URL` (an
/// emulator or a private endpoint) buckets are addressed by path, since
/// such endpoints rarely resolve `BUCKET.host`.
pub fn s3_client(clients: &Clients) -> aws_sdk_s3::Client {
    let path_style = clients.config.endpoint_url().is_some();
    let conf = aws_sdk_s3::config::Builder::from(&clients.config)
        .interceptor(clients.accounting.clone())
        .force_path_style(path_style)
        .build();
    aws_sdk_s3::Client::from_conf(conf)
}

/// The folders directly under `prefix` (S3's common prefixes).
async fn folders(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    prefix: &str,
) -> Result<Vec<String>, CallError> {
    let mut pages = s3
        .list_objects_v2()
        .bucket(bucket)
        .prefix(prefix)
        .delimiter("/")
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.described("s3", "ListObjectsV2")?;
        out.extend(
            page.common_prefixes()
                .iter()
                .filter_map(|p| p.prefix().map(str::to_string)),
        );
    }
    Ok(out)
}

/// The objects under one day folder.
async fn objects(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    prefix: &str,
) -> Result<Vec<TrailObject>, CallError> {
    let mut pages = s3
        .list_objects_v2()
        .bucket(bucket)
        .prefix(prefix)
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.described("s3", "ListObjectsV2")?;
        out.extend(page.contents().iter().filter_map(|o| {
            Some(TrailObject {
                key: o.key()?.to_string(),
                size: o.size().and_then(|s| u64::try_from(s).ok()).unwrap_or(0),
            })
        }));
    }
    Ok(out)
}

/// The last segment of a folder prefix: `AWSLogs/o-1/123/` → `123`.
fn leaf(prefix: &str) -> &str {
    prefix
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(prefix)
}

fn is_account(name: &str) -> bool {
    name.len() == 12 && name.bytes().all(|b| b.is_ascii_digit())
}

/// Lists the trail objects the selection names: one delimited listing of
/// `AWSLogs/` (and of `AWSLogs/o-ORGID/` when no account is named), one of
/// each account's `CloudTrail/` when no region is named, then one listing
/// per account, region and day.
pub async fn list(
    s3: &aws_sdk_s3::Client,
    at: &TrailLocation,
    selection: &Selection,
) -> Result<Vec<TrailObject>, CallError> {
    let logs = format!("{}AWSLogs/", at.prefix);
    let mut account_folders = Vec::new();
    for top in folders(s3, &at.bucket, &logs).await? {
        let name = leaf(&top);
        if name.starts_with("o-") {
            if selection.accounts.is_empty() {
                account_folders.extend(
                    folders(s3, &at.bucket, &top)
                        .await?
                        .into_iter()
                        .filter(|f| is_account(leaf(f))),
                );
            } else {
                account_folders.extend(selection.accounts.iter().map(|a| format!("{top}{a}/")));
            }
        } else if is_account(name)
            && (selection.accounts.is_empty() || selection.accounts.iter().any(|a| a == name))
        {
            account_folders.push(top);
        }
    }
    let region_folders: Vec<String> = if selection.regions.is_empty() {
        let listed = stream::iter(account_folders.iter())
            .map(|account| async move {
                folders(s3, &at.bucket, &format!("{account}CloudTrail/")).await
            })
            .buffer_unordered(LIST_CONCURRENCY)
            .collect::<Vec<_>>()
            .await;
        let mut out = Vec::new();
        for regions in listed {
            out.extend(regions?);
        }
        out
    } else {
        account_folders
            .iter()
            .flat_map(|account| {
                selection
                    .regions
                    .iter()
                    .map(move |r| format!("{account}CloudTrail/{r}/"))
            })
            .collect()
    };
    let days = selection.days();
    let day_folders: Vec<String> = region_folders
        .iter()
        .flat_map(|region| days.iter().map(move |d| format!("{region}{d}")))
        .collect();
    let listed = stream::iter(day_folders.iter())
        .map(|day| objects(s3, &at.bucket, day))
        .buffer_unordered(LIST_CONCURRENCY)
        .collect::<Vec<_>>()
        .await;
    let mut out = Vec::new();
    for found in listed {
        out.extend(found?);
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

/// Fetches one object whole, trying again when its body breaks off.
pub async fn fetch(s3: &aws_sdk_s3::Client, bucket: &str, key: &str) -> Result<Vec<u8>, String> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let response = s3
            .get_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .described("s3", "GetObject")
            .map_err(|e| e.to_string())?;
        match response.body.collect().await {
            Ok(body) => return Ok(body.into_bytes().to_vec()),
            Err(e) if attempt < BODY_ATTEMPTS => {
                tracing::debug!("reading s3://{bucket}/{key} broke off ({e}); trying again");
                tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
            }
            Err(e) => {
                return Err(format!(
                    "the object's content broke off {attempt} times: {e}"
                ));
            }
        }
    }
}

/// Fetches `objects` a few at a time, handing each to `send` as it
/// arrives; `send` returns false when the reader has stopped.
pub async fn fetch_all(
    s3: &aws_sdk_s3::Client,
    at: &TrailLocation,
    objects: Vec<TrailObject>,
    send: tokio::sync::mpsc::Sender<Fetched>,
) {
    let mut fetched = stream::iter(objects)
        .map(|object| async move {
            let content = fetch(s3, &at.bucket, &object.key).await;
            Fetched {
                name: at.url(&object.key),
                content,
            }
        })
        .buffer_unordered(FETCH_CONCURRENCY);
    while let Some(object) = fetched.next().await {
        if send.send(object).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn trail_urls_parse_with_or_without_a_prefix() {
        assert_eq!(
            TrailLocation::parse("s3://trail-bucket/org/trail/"),
            Some(TrailLocation {
                bucket: "trail-bucket".into(),
                prefix: "org/trail/".into()
            })
        );
        assert_eq!(
            TrailLocation::parse("s3://trail-bucket"),
            Some(TrailLocation {
                bucket: "trail-bucket".into(),
                prefix: String::new()
            })
        );
        assert_eq!(TrailLocation::parse("s3://"), None);
        assert_eq!(TrailLocation::parse("events/"), None);
    }

    #[test]
    fn a_selection_names_each_day_folder_once() {
        let s = Selection {
            since: date!(2026 - 02 - 27),
            until: date!(2026 - 03 - 02),
            accounts: vec![],
            regions: vec![],
        };
        assert_eq!(
            s.days(),
            ["2026/02/27/", "2026/02/28/", "2026/03/01/", "2026/03/02/"]
        );
    }
}
