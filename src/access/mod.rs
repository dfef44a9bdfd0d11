//! Access governance: who may hold which Identity Center permission set on
//! which account, written as Cedar policies in policies/access.cedar and
//! checked against every live assignment. docs/access.md describes it.

pub mod check;
pub mod declared;
pub mod declared_assignments;
pub mod entities;
pub mod explain;
pub mod policies;
pub mod schema;
pub mod validate;

pub use check::{CODE, check_assignments};
pub use policies::{ACCESS_FILE, AccessPolicies};
