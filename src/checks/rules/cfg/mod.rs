//! Rules about detective controls.

pub mod guardduty_off;
pub mod personal_data_not_logged;
pub mod recorder_off;
pub mod trail_coverage;
