//! Retrying what the SDK does not: Organizations answers
//! ConcurrentModificationException and PolicyChangesInProgressException when
//! another change is under way; both go away if the call is tried again.

use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use std::time::Duration;

use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction};
use aws_smithy_types::retry::ErrorKind;

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

/// `RetryAfterSeconds` of a throttling error body, if there is one.
pub fn retry_after_seconds(body: &str) -> Option<u64> {
    if !body.contains("RetryAfterSeconds") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("RetryAfterSeconds")?.as_u64()
}

/// A retry classifier that marks the codes above as retryable, so the
/// SDK's standard strategy (backoff, attempt limit) applies to them.
#[derive(Debug, Clone, Default)]
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
            return RetryAction::transient_error();
        }
        // Identity Center's throttling answer says how long to wait.
        match retry_after_seconds(&body) {
            Some(seconds) => RetryAction::retryable_error_with_explicit_delay(
                ErrorKind::ThrottlingError,
                Duration::from_secs(seconds.min(60)),
            ),
            None => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "orgguard-concurrent-modification"
    }
}

#[cfg(test)]
mod tests {
    use super::retry_after_seconds;

    #[test]
    fn reads_retry_after_from_a_throttling_body() {
        assert_eq!(
            retry_after_seconds(
                r#"{"__type":"ThrottlingException","Message":"slow down","RetryAfterSeconds":3}"#
            ),
            Some(3)
        );
        assert_eq!(
            retry_after_seconds(r#"{"__type":"ThrottlingException"}"#),
            None
        );
        assert_eq!(retry_after_seconds("<xml/>"), None);
    }
}
