//! Problems found in the input: what `validate` reports, each a
//! [`Finding`] with the file, line and column it is about and what to do.
//! Every code pushed here is a registered rule (`checks::validate_rules`).

use super::sources::Location;
use super::{Finding, Severity, Subject};

/// Collects problems with their locations while a check runs.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Finding>,
}

impl Problems {
    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        // The source scan in `checks::validate_rules` sees every code; this
        // also catches a severity above the registered one.
        #[cfg(test)]
        assert!(
            crate::checks::registry::find_validate(code)
                .is_some_and(|rule| rule.severity.at_least(severity)),
            "`{code}` ({severity}) is not a registered validate rule of that severity (src/checks/validate_rules.rs)"
        );
        self.list.push(Finding {
            code: code.to_string(),
            severity,
            message: message.into(),
            subject: location.map(Subject::from).unwrap_or_default(),
            help: help.into(),
            fingerprint: None,
        });
    }

    /// A problem that blocks: [`Severity::ERROR`].
    pub fn error(
        &mut self,
        code: &'static str,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Severity::ERROR, code, location, message, help);
    }

    /// A problem that does not block: [`Severity::WARNING`].
    pub fn warning(
        &mut self,
        code: &'static str,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(Severity::WARNING, code, location, message, help);
    }

    /// The problems that block (validate's errors).
    pub fn errors(&self) -> usize {
        self.list.iter().filter(|p| p.severity.blocks()).count()
    }

    /// The problems that do not block (validate's warnings).
    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    /// Errors first, then by file and position, so output is stable.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            let key = |p: &Finding| (p.subject.file.clone(), p.subject.span.map(|s| s.0));
            key(a)
                .cmp(&key(b))
                .then(a.severity.cmp(&b.severity))
                .then(a.message.cmp(&b.message))
        });
    }
}
