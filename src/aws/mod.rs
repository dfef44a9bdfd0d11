//! The only code that talks to AWS: SDK configuration, the readers that
//! build a [`crate::org::Snapshot`], and the call accounting.

pub mod accounting;
pub mod apply;
pub mod apply_accounts;
pub mod apply_identity_center;
pub mod apply_trusted_access;
pub mod config;
pub mod error;
pub mod failure;
pub mod identity_center;
pub mod limiter;
pub mod members;
pub mod operations;
pub mod org_settings;
pub mod organizations;
pub mod pages;
pub mod progress;
pub mod read;
pub mod retry;
pub mod timestamp;
pub mod trail;

pub use config::{AwsOptions, Clients};
pub use org_settings::SettingsReads;
pub use read::{ReadOptions, read_snapshot};
