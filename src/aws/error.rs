//! Turning SDK errors into what users read: the call that failed, the
//! account, AWS's error code and message, and what to do.

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::result::SdkError;

use super::failure::{self, Failure, Known};
use crate::error::Error;
use crate::org::ReadFailure;

/// A failed AWS call, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    pub service: &'static str,
    pub operation: &'static str,
    pub code: Option<String>,
    /// What users read: AWS's code and message, or a short sentence when
    /// AWS never answered. Never the SDK's debug structure.
    pub message: String,
    pub failure: Failure,
    /// The SDK's whole error chain, shown with `-v`.
    pub detail: Option<String>,
}

impl CallError {
    pub fn new<E, R>(service: &'static str, operation: &'static str, err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug + HasStatus + 'static,
    {
        let code = err.code().map(str::to_string);
        let (failure, short) = failure::classify(err, err.code(), err.message());
        let message = match (err.code(), err.message(), short) {
            (Some(code), Some(message), _) => format!("{code}: {message}"),
            (Some(code), None, _) => code.to_string(),
            (None, _, Some(short)) => short,
            (None, _, None) => match err {
                SdkError::ServiceError(e) => {
                    format!("HTTP {} without an AWS error code", e.raw().status_code())
                }
                SdkError::ResponseError(_) => {
                    "AWS sent an answer orgguard could not read".to_string()
                }
                SdkError::ConstructionFailure(_) => "the request could not be built".to_string(),
                _ => "the call failed before AWS answered".to_string(),
            },
        };
        CallError {
            service,
            operation,
            code,
            message,
            failure,
            detail: Some(failure::detail(err)),
        }
    }

    /// A failure orgguard itself found in what a call returned.
    pub fn plain(service: &'static str, operation: &'static str, message: String) -> Self {
        CallError {
            service,
            operation,
            code: None,
            message,
            failure: Failure::Other,
            detail: None,
        }
    }

    pub fn is(&self, code: &str) -> bool {
        self.code.as_deref() == Some(code)
    }

    pub fn into_failure(self, account_id: Option<&str>, region: Option<&str>) -> ReadFailure {
        ReadFailure {
            service: self.service.to_string(),
            operation: self.operation.to_string(),
            account_id: account_id.map(str::to_string),
            region: region.map(str::to_string),
            message: self.message,
        }
    }

    /// The error that stops a command, with the help for its class.
    pub fn into_error(self, account: Option<&str>, known: &Known) -> Error {
        let help = failure::help(&self.failure, self.service, self.operation, known);
        Error::Aws {
            service: self.service,
            operation: self.operation,
            account: account.map(str::to_string),
            message: self.message,
            help: Some(help),
            detail: self.detail,
        }
    }
}

/// The HTTP status of a raw response, for errors without an AWS code.
pub trait HasStatus {
    fn status_code(&self) -> u16;
}

impl HasStatus for aws_smithy_runtime_api::http::Response {
    fn status_code(&self) -> u16 {
        self.status().as_u16()
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.service, self.operation, self.message)
    }
}

/// Wraps an SDK result with the service and operation it came from.
pub trait Described<T> {
    fn described(self, service: &'static str, operation: &'static str) -> Result<T, CallError>;
}

impl<T, E, R> Described<T> for Result<T, SdkError<E, R>>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + HasStatus + 'static,
{
    fn described(self, service: &'static str, operation: &'static str) -> Result<T, CallError> {
        self.map_err(|e| CallError::new(service, operation, &e))
    }
}
