//! Rules about detective controls.

pub mod guardduty_off;
pub mod recorder_off;
pub mod trail_coverage;
