//! Errors that stop a command (exit code 2). Problems found *in* the input
//! that a command reports and carries on from are [`crate::diagnostics::Problem`]s.

use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(code(orgguard::io), help("{help}"))]
    Read {
        path: PathBuf,
        source: std::io::Error,
        help: String,
    },

    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(
        code(orgguard::io),
        help("check that the directory exists and is writable")
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    /// Malformed input with a location in a file.
    #[error("{message}")]
    #[diagnostic(code(orgguard::input))]
    Input {
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    /// Malformed input that has no useful location.
    #[error("{message}")]
    #[diagnostic(code(orgguard::input))]
    Invalid {
        message: String,
        #[help]
        help: Option<String>,
    },

    /// A call to AWS failed and the command cannot go on.
    #[error("aws {service} {operation} failed{}: {message}", account.as_deref().map(|a| format!(" in account {a}")).unwrap_or_default())]
    #[diagnostic(code(orgguard::aws))]
    Aws {
        service: &'static str,
        operation: &'static str,
        account: Option<String>,
        message: String,
        #[help]
        help: Option<String>,
        /// The SDK's error chain, printed only with `-v`.
        detail: Option<String>,
    },

    /// The live organization is not the one the layout was written for.
    #[error("the live organization is {live}, but ou-layout.toml is for {expected}")]
    #[diagnostic(
        code(orgguard::wrong_organization),
        help(
            "check the AWS credentials or --profile in use, or fix [organization] in ou-layout.toml"
        )
    )]
    WrongOrganization { live: String, expected: String },
}

impl Error {
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        let help = match source.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path, or pass -C DIR to point at the repository that holds ou-layout.toml"
                    .to_string()
            }
            std::io::ErrorKind::PermissionDenied => "check the file's permissions".to_string(),
            _ => "check that the path is a readable file".to_string(),
        };
        Error::Read { path, source, help }
    }

    pub fn invalid(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
