//! The audit tests' fixture organization (tests/fixtures/audit-org.json):
//! groups with several members, an empty group, a deleted user and a
//! deleted group still assigned, outdated and missing provisioning, a
//! suspended account, and member accounts read, not read and failed.

use crate::model::Snapshot;
use crate::model::load::parse_snapshot;

pub const FIXTURE: &str = include_str!("../../tests/fixtures/audit-org.json");

pub fn snapshot() -> Snapshot {
    parse_snapshot("audit-org.json", FIXTURE).expect("the fixture parses")
}
