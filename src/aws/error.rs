//! Turning SDK errors into what users read: the call that failed, the
//! account, AWS's error code and message, and what to do.

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;

use crate::error::Error;
use crate::model::ReadFailure;

/// A failed AWS call, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    pub service: &'static str,
    pub operation: &'static str,
    pub code: Option<String>,
    pub message: String,
}

impl CallError {
    pub fn new<E, R>(service: &'static str, operation: &'static str, err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug + HasStatus,
    {
        let code = err.code().map(str::to_string);
        let message = match (err.code(), err.message()) {
            (Some(code), Some(message)) => format!("{code}: {message}"),
            (Some(code), None) => code.to_string(),
            _ => match err {
                SdkError::ServiceError(e) => {
                    format!("HTTP {} without an AWS error code", e.raw().status_code())
                }
                SdkError::TimeoutError(_) => "the call timed out".to_string(),
                SdkError::DispatchFailure(e) if e.is_io() => {
                    format!("could not reach the endpoint: {}", DisplayErrorContext(err))
                }
                _ => DisplayErrorContext(err).to_string(),
            },
        };
        CallError {
            service,
            operation,
            code,
            message,
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

    /// The error that stops a command, with advice for the usual causes.
    pub fn into_error(self, account: Option<&str>) -> Error {
        let help = match self.code.as_deref() {
            Some("AWSOrganizationsNotInUseException") => {
                "these credentials belong to an account that is not in an organization".to_string()
            }
            Some("AccessDeniedException" | "AccessDenied") => format!(
                "the credentials in use may not call {}:{}; use the management account or a delegated administrator, or pick another --profile",
                self.service, self.operation
            ),
            Some(code) if code.contains("Token") || code.contains("Signature") || code.contains("Credentials") => {
                "the AWS credentials are missing, expired or wrong; log in again or pass --profile".to_string()
            }
            _ if self.code.is_none() => "check the network, the region and AWS_ENDPOINT_URL if it is set; run again with -v for details".to_string(),
            _ => "run again with -v for details".to_string(),
        };
        Error::Aws {
            service: self.service,
            operation: self.operation,
            account: account.map(str::to_string),
            message: self.message,
            help: Some(help),
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
    R: std::fmt::Debug + HasStatus,
{
    fn described(self, service: &'static str, operation: &'static str) -> Result<T, CallError> {
        self.map_err(|e| CallError::new(service, operation, &e))
    }
}
