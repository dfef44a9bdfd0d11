//! IAM policy documents: parsing with positions, the SCP grammar, the
//! canonical form used to compare documents, and the evaluator (patterns,
//! conditions, the request they are evaluated against).

pub mod canonical;
pub mod condition;
pub mod document;
pub mod eval;
pub mod grammar;
pub mod json_tree;
pub mod kinds;
mod lenient;
pub mod limits;
pub mod pattern;
pub mod rcp_services;
pub mod request;

#[cfg(test)]
mod eval_cases;
