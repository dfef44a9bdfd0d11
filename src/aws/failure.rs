//! Why an AWS call failed, in the terms of what a person does about it.
//! Every SDK error orgguard meets is classified here, once, when it becomes
//! a `CallError`; the message and the help line
//! users read come from the class. The SDK's own error chain is kept as
//! detail, printed only with `-v`.

use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;

use super::operations;

/// What went wrong, as far as the person running orgguard is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No source in the credential chain had credentials.
    NoCredentials,
    /// A source was configured but could not produce credentials (an
    /// expired SSO session, a broken profile, a failing credential_process).
    CredentialsUnusable { reason: String },
    /// AWS refused the credentials themselves: an expired session, an
    /// unknown key id, a wrong secret.
    CredentialsRejected,
    /// The credentials are valid but may not make this call.
    AccessDenied { principal: Option<String> },
    /// The account of the credentials is not in an organization.
    NotInOrganization,
    /// Nothing answered: network, region, endpoint.
    Unreachable,
    /// Anything else AWS answered.
    Other,
}

/// AWS's error codes for credentials it does not accept.
const REJECTED_CODES: [&str; 9] = [
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "IncompleteSignature",
];

const DENIED_CODES: [&str; 3] = [
    "AccessDeniedException",
    "AccessDenied",
    "UnauthorizedOperation",
];

/// The class of a failed call, and for failures without an AWS answer, a
/// short message to show instead of the SDK's chain.
pub fn classify<E, R>(
    err: &SdkError<E, R>,
    code: Option<&str>,
    message: Option<&str>,
) -> (Failure, Option<String>)
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    if let Some(code) = code {
        let failure = if REJECTED_CODES.contains(&code) {
            Failure::CredentialsRejected
        } else if DENIED_CODES.contains(&code) {
            Failure::AccessDenied {
                principal: message.and_then(principal_in),
            }
        } else if code == "AWSOrganizationsNotInUseException" {
            Failure::NotInOrganization
        } else {
            Failure::Other
        };
        return (failure, None);
    }
    if let Some(credentials) =
        find_source::<CredentialsError>(err as &(dyn std::error::Error + 'static))
    {
        return match credentials {
            CredentialsError::CredentialsNotLoaded(_) => (
                Failure::NoCredentials,
                Some("no AWS credentials were found".to_string()),
            ),
            other => {
                let reason = innermost(other);
                (
                    Failure::CredentialsUnusable {
                        reason: reason.clone(),
                    },
                    Some(format!("the AWS credentials could not be loaded: {reason}")),
                )
            }
        };
    }
    match err {
        SdkError::TimeoutError(_) => (Failure::Unreachable, Some("the call timed out".to_string())),
        SdkError::DispatchFailure(e) if e.is_io() || e.is_timeout() => (
            Failure::Unreachable,
            Some(format!(
                "could not reach the endpoint: {}",
                innermost(err as &(dyn std::error::Error + 'static))
            )),
        ),
        _ => (Failure::Other, None),
    }
}

/// The full SDK error chain, for `-v`.
pub fn detail<E, R>(err: &SdkError<E, R>) -> String
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    DisplayErrorContext(err).to_string()
}

fn find_source<'a, T: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// The message of the deepest error in a chain: the one that says what
/// actually happened ("Connection refused (os error 111)").
fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// The principal AWS names in an access-denied message:
/// "User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: …".
pub fn principal_in(message: &str) -> Option<String> {
    let rest = message.split("User: ").nth(1)?;
    let arn = rest.split_whitespace().next()?;
    arn.starts_with("arn:").then(|| arn.to_string())
}

/// The account id in an IAM or STS ARN.
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// What is known about the caller when a failure is explained.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The profile given with --profile or AWS_PROFILE.
    pub profile: Option<String>,
    /// The caller's ARN, from STS, when it could be asked.
    pub caller_arn: Option<String>,
    /// The organization's management account, once it has been described.
    pub management_account: Option<String>,
}

/// The help line for a failure of `service` `operation`.
pub fn help(failure: &Failure, service: &str, operation: &str, known: &Known) -> String {
    let profile = known.profile.as_deref().unwrap_or("default");
    match failure {
        Failure::NoCredentials => format!(
            "orgguard looked in the environment (AWS_ACCESS_KEY_ID, AWS_WEB_IDENTITY_TOKEN_FILE), \
             the `{profile}` profile of the shared config and credentials files \
             ({}), the container credentials endpoint and the EC2 instance metadata; \
             pass --profile NAME to use a profile, run `aws sso login --profile NAME` \
             for an IAM Identity Center profile, or work from a snapshot with --live FILE",
            shared_files()
        ),
        Failure::CredentialsUnusable { .. } => format!(
            "if the `{profile}` profile uses IAM Identity Center, run `aws sso login --profile {profile}`; \
             otherwise check that profile in {}, or pass another --profile",
            shared_files()
        ),
        Failure::CredentialsRejected => format!(
            "the session has expired or the access key is not valid: get fresh credentials \
             (`aws sso login --profile {profile}`, assume the role again, or in GitHub Actions \
             check the aws-actions/configure-aws-credentials step) and run again"
        ),
        Failure::AccessDenied { principal } => {
            let action = operations::iam_action(service, operation);
            let who = principal
                .as_deref()
                .or(known.caller_arn.as_deref())
                .map(|p| format!("{p} needs {action}"))
                .unwrap_or_else(|| format!("the credentials in use need {action}"));
            let caller_account = principal
                .as_deref()
                .or(known.caller_arn.as_deref())
                .and_then(account_of);
            let elsewhere = match (caller_account, known.management_account.as_deref()) {
                (Some(caller), Some(management))
                    if caller != management && service == "organizations" =>
                {
                    format!(
                        "; these credentials are for account {caller}, not the management account {management}: \
                         only the management account, or a delegated administrator for AWS Organizations, \
                         may call {action}"
                    )
                }
                _ => String::new(),
            };
            let policies = operations::commands_needing(service, operation);
            let grant = if policies.is_empty() {
                String::new()
            } else {
                format!(
                    "; `orgguard permissions {}` prints the policy that grants it",
                    policies[0]
                )
            };
            format!("{who}{elsewhere}{grant}")
        }
        Failure::NotInOrganization => {
            let account = known
                .caller_arn
                .as_deref()
                .and_then(account_of)
                .map(|a| format!("account {a}"))
                .unwrap_or_else(|| "the account of these credentials".to_string());
            format!(
                "{account} is not in an organization: use the organization's management \
                 account (or a delegated administrator), e.g. with --profile"
            )
        }
        Failure::Unreachable => {
            "check the network, the region and AWS_ENDPOINT_URL if it is set; run again with -v for details"
                .to_string()
        }
        Failure::Other => "run again with -v for details".to_string(),
    }
}

fn shared_files() -> String {
    let config = std::env::var("AWS_CONFIG_FILE").unwrap_or_else(|_| "~/.aws/config".to_string());
    let credentials = std::env::var("AWS_SHARED_CREDENTIALS_FILE")
        .unwrap_or_else(|_| "~/.aws/credentials".to_string());
    format!("{config}, {credentials}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_principal_in_an_access_denied_message() {
        assert_eq!(
            principal_in(
                "User: arn:aws:sts::111111111111:assumed-role/ci/gh is not authorized to perform: organizations:ListRoots on resource: *"
            )
            .as_deref(),
            Some("arn:aws:sts::111111111111:assumed-role/ci/gh")
        );
        assert_eq!(
            principal_in("You don't have permissions to access this resource."),
            None
        );
        assert_eq!(
            account_of("arn:aws:sts::111111111111:assumed-role/ci/gh"),
            Some("111111111111")
        );
    }
}
