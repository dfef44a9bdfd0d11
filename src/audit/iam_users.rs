//! IAM users and their access keys across every account of a deep
//! snapshot. An account that could not be read is listed as not read,
//! never as an account without users.

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, Result};
use crate::org::tree::OrgIndex;
use crate::org::{IamUser, MemberAccount, Snapshot};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReadStatus {
    /// The account was read completely.
    #[serde(rename = "read")]
    Read,
    /// Some reads in the account failed: the users shown may not be all.
    #[serde(rename = "incomplete")]
    Incomplete,
    #[serde(rename = "not read")]
    NotRead,
}

impl ReadStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadStatus::Read => "read",
            ReadStatus::Incomplete => "incomplete",
            ReadStatus::NotRead => "not read",
        }
    }
}

/// One access key, or one user without keys, or one account without users
/// or not read (then `user_name` is empty and `note` says why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IamUserRow {
    pub account_id: String,
    pub account_name: String,
    pub read_status: ReadStatus,
    pub user_name: Option<String>,
    pub user_arn: Option<String>,
    pub console_access: Option<bool>,
    pub password_last_used: Option<String>,
    pub access_key_id: Option<String>,
    pub key_status: Option<String>,
    /// Days from the key's creation to the snapshot's capture.
    pub key_age_days: Option<i64>,
    pub key_last_used: Option<String>,
    pub key_last_used_service: Option<String>,
    pub note: Option<String>,
}

pub const COLUMNS: [&str; 13] = [
    "account_id",
    "account_name",
    "read_status",
    "user_name",
    "user_arn",
    "console_access",
    "password_last_used",
    "access_key_id",
    "key_status",
    "key_age_days",
    "key_last_used",
    "key_last_used_service",
    "note",
];

impl IamUserRow {
    pub fn cells(&self) -> [String; 13] {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        [
            self.account_id.clone(),
            self.account_name.clone(),
            self.read_status.as_str().to_string(),
            opt(&self.user_name),
            opt(&self.user_arn),
            self.console_access
                .map(|b| if b { "yes" } else { "no" }.to_string())
                .unwrap_or_default(),
            opt(&self.password_last_used),
            opt(&self.access_key_id),
            opt(&self.key_status),
            self.key_age_days.map(|d| d.to_string()).unwrap_or_default(),
            opt(&self.key_last_used),
            opt(&self.key_last_used_service),
            opt(&self.note),
        ]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct IamUsersReport {
    pub captured_at: String,
    pub accounts_read: usize,
    pub accounts_not_read: usize,
    pub rows: Vec<IamUserRow>,
}

/// Builds the report; fails when the snapshot was not taken with `--deep`.
pub fn build(snapshot: &Snapshot) -> Result<IamUsersReport> {
    if snapshot.member_accounts.is_empty() {
        return Err(Error::invalid(
            "the snapshot holds no member-account resources, so it has no IAM users to report",
            "take a deep snapshot with `orgguard snapshot --deep -o FILE` and pass it with --live",
        ));
    }
    let index = OrgIndex::new(snapshot);
    let captured = OffsetDateTime::parse(&snapshot.captured_at, &Rfc3339).ok();
    let mut ids: Vec<&str> = snapshot.accounts.iter().map(|a| a.id.as_str()).collect();
    for m in &snapshot.member_accounts {
        if !ids.contains(&m.account_id.as_str()) {
            ids.push(&m.account_id);
        }
    }
    let mut rows = Vec::new();
    let (mut read, mut not_read) = (0, 0);
    for id in ids {
        let name = index
            .account(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| "(not in organization)".to_string());
        let blank = |status: ReadStatus, note: String| IamUserRow {
            account_id: id.to_string(),
            account_name: name.clone(),
            read_status: status,
            user_name: None,
            user_arn: None,
            console_access: None,
            password_last_used: None,
            access_key_id: None,
            key_status: None,
            key_age_days: None,
            key_last_used: None,
            key_last_used_service: None,
            note: Some(note),
        };
        let member = snapshot.member_accounts.iter().find(|m| m.account_id == id);
        match member {
            None => {
                not_read += 1;
                rows.push(blank(
                    ReadStatus::NotRead,
                    "not in the deep snapshot (the account was not read)".to_string(),
                ));
            }
            Some(m) if !m.complete => {
                not_read += 1;
                rows.push(blank(ReadStatus::NotRead, failure_note(m)));
                for user in &m.users {
                    rows.extend(user_rows(id, &name, ReadStatus::Incomplete, user, captured));
                }
            }
            Some(m) => {
                read += 1;
                if m.users.is_empty() {
                    rows.push(blank(ReadStatus::Read, "no IAM users".to_string()));
                }
                for user in &m.users {
                    rows.extend(user_rows(id, &name, ReadStatus::Read, user, captured));
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        (
            &a.account_name,
            &a.account_id,
            &a.user_name,
            &a.access_key_id,
        )
            .cmp(&(
                &b.account_name,
                &b.account_id,
                &b.user_name,
                &b.access_key_id,
            ))
    });
    Ok(IamUsersReport {
        captured_at: snapshot.captured_at.clone(),
        accounts_read: read,
        accounts_not_read: not_read,
        rows,
    })
}

fn failure_note(m: &MemberAccount) -> String {
    if m.errors.is_empty() {
        return "the read of this account was incomplete".to_string();
    }
    let calls: Vec<String> = m
        .errors
        .iter()
        .map(|e| format!("{} {}: {}", e.service, e.operation, e.message))
        .collect();
    format!("read failed: {}", calls.join("; "))
}

fn user_rows(
    account_id: &str,
    account_name: &str,
    status: ReadStatus,
    user: &IamUser,
    captured: Option<OffsetDateTime>,
) -> Vec<IamUserRow> {
    let row = IamUserRow {
        account_id: account_id.to_string(),
        account_name: account_name.to_string(),
        read_status: status,
        user_name: Some(user.name.clone()),
        user_arn: Some(user.arn.clone()),
        console_access: Some(user.console_access),
        password_last_used: user.password_last_used_at.clone(),
        access_key_id: None,
        key_status: None,
        key_age_days: None,
        key_last_used: None,
        key_last_used_service: None,
        note: if user.access_keys.is_empty() {
            Some("no access keys".to_string())
        } else {
            None
        },
    };
    if user.access_keys.is_empty() {
        return vec![row];
    }
    user.access_keys
        .iter()
        .map(|key| IamUserRow {
            access_key_id: Some(key.id.clone()),
            key_status: Some(key.status.clone()),
            key_age_days: age_days(key.created_at.as_deref(), captured),
            key_last_used: key.last_used_at.clone(),
            key_last_used_service: key.last_used_service.clone(),
            ..row.clone()
        })
        .collect()
}

/// Whole days between `created` and the capture time.
fn age_days(created: Option<&str>, captured: Option<OffsetDateTime>) -> Option<i64> {
    let created = OffsetDateTime::parse(created?, &Rfc3339).ok()?;
    Some((captured? - created).whole_days())
}
