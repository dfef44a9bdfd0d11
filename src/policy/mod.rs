//! IAM policy documents: parsing with positions, the SCP grammar, and the
//! canonical form used to compare documents.

pub mod canonical;
pub mod grammar;
pub mod json_tree;
pub mod kinds;
pub mod limits;
