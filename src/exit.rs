//! The exit codes every command shares (see DESIGN.md).

/// What a finished command tells the calling pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, nothing to report.
    Clean = 0,
    /// The command worked and found something that should stop a pipeline.
    Findings = 1,
    /// Bad input, usage or runtime error.
    Error = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}
