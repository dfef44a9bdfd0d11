//! Reports for auditors, built from a snapshot: the Identity Center
//! assignment inventory, IAM users and their access keys, and the findings
//! report. Pure functions over the model; `crate::render` renders them.

pub mod admin;
pub mod filters;
pub mod findings_report;
pub mod iam_users;
pub mod inventory;
pub mod row;
pub mod summary;

#[cfg(test)]
mod inventory_tests;
#[cfg(test)]
mod reports_tests;
