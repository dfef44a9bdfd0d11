//! orgguard: multi-account guardrails as code for AWS Organizations.
//!
//! The core is pure: the layout loader ([`layout`]) and the live reader
//! ([`aws`]) produce the organization ([`org`]) that every command works on. Only
//! [`aws`] talks to AWS.

// Errors end a command and carry the source snippet they point at; they
// are built once per run, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod access;
pub mod audit;
pub mod aws;
pub mod checks;
pub mod cli;
pub mod diagnostics;
pub mod error;
pub mod exit;
pub mod layout;
pub mod nesting;
pub mod org;
pub mod phase;
pub mod plan;
pub mod policy;
pub mod privilege;
pub mod render;
pub mod simulate;
pub mod suggest;
