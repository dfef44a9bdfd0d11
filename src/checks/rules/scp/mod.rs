//! Rules about SCP documents and what they do where they are attached.

pub mod allows_nothing;
pub mod deny_blocks_break_glass;
pub mod region_deny_blocks_global;
pub mod too_large;
pub mod unattached;
pub mod unknown_action;
