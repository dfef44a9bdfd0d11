//! Planning: the diff of the desired layout against the live organization,
//! its ordering and safety checks, rendering, and saved plans.

pub mod change;
