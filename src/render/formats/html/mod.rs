//! Self-contained HTML pages for auditors: charts and a sortable,
//! filterable table, with nothing loaded from the network.

pub mod audit_findings;
pub mod inventory;
pub mod parts;
