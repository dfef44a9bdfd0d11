//! Rules about the organization's shape, its guardrail coverage and what
//! lint itself could not check.

pub mod account_under_root;
pub mod expired_waiver;
pub mod no_security_contact;
pub mod not_checked;
pub mod ou_too_deep;
pub mod required_guardrail;
pub mod scp_on_management;
pub mod too_many_scps;
