//! Markdown: lint's pull-request comment and the audit reports.

pub mod audit_findings;
pub mod cell;
pub mod iam_users;
pub mod inventory;
pub mod lint;
pub mod plan;
pub mod rules;
