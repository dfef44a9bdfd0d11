//! Retrying what the SDK does not: Organizations answers
//! ConcurrentModificationException and PolicyChangesInProgressException when
//! another change is under way; both go away if the call is tried again.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction};

/// Error codes that mean "try again later" and that the SDK does not retry.
pub const RETRY_CODES: [&str; 2] = [
    "ConcurrentModificationException",
    "PolicyChangesInProgressException",
];

/// Error codes AWS uses for throttling (the SDK retries these itself).
pub const THROTTLING_CODES: [&str; 5] = [
    "TooManyRequestsException",
    "ThrottlingException",
    "Throttling",
    "RequestLimitExceeded",
    "SlowDown",
];

/// A retry classifier that marks the codes above as retryable, so the
/// SDK's standard strategy (backoff, attempt limit) applies to them.
#[derive(Debug, Default, Clone)]
pub struct RetryConcurrentModification;

impl ClassifyRetry for RetryConcurrentModification {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let failed = matches!(ctx.output_or_error(), Some(Err(_)));
        let Some(response) = ctx.response().filter(|_| failed) else {
            return RetryAction::NoActionIndicated;
        };
        let header = response
            .headers()
            .get("x-amzn-errortype")
            .unwrap_or_default();
        let body = response
            .body()
            .bytes()
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        if RETRY_CODES
            .iter()
            .any(|code| header.contains(code) || body.contains(code))
        {
            RetryAction::transient_error()
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "orgguard-concurrent-modification"
    }
}
