//! The data every command works on: the live organization as a snapshot,
//! and the queries over it that planning, linting and reporting share.

pub mod load;
pub mod snapshot;
pub mod tree;

pub use load::read_snapshot;
pub use snapshot::*;
