//! Rules about detective controls.

pub mod recorder_off;
