//! Planning: the diff of the desired layout against the live organization,
//! its ordering and safety checks, rendering, and saved plans.

pub mod action;
pub mod change;
pub mod context;
pub mod diff;
pub mod error;
pub mod fold;
pub mod model;
pub mod order;
pub mod render;
pub mod resources;
pub mod safety;
pub mod saved;
pub mod target;

pub use diff::{diff, diff_with, plan_desired};
pub use error::PlanError;
pub use model::{Plan, Summary};
pub use saved::{SavedPlan, Stale, check_fresh};

#[cfg(test)]
mod tests;
