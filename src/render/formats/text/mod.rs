//! Text for a terminal.

pub mod access;
pub mod lint;
pub mod plan;
pub mod rules;
pub mod severity;
pub mod validate;
