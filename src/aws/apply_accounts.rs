//! Accounts as code, applied: CreateAccount followed to its end and the new
//! account moved to its OU; CloseAccount. A resumed apply never creates a
//! second account: before creating, it looks for an account with the email
//! (ListAccounts) and for a creation still under way for the name
//! (ListCreateAccountStatus), and follows that instead. The SDK never
//! retries CreateAccount itself: a retry after a lost answer would ask for a
//! second account; only AWS's refusals for now (throttling) are sent again.

use std::future::Future;
use std::time::Duration;

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::{CreateAccountState, IamUserAccessToBilling};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::retry::RetryConfig;
use tokio::time::Instant;

use super::config::Clients;
use super::error::{CallError, Described};
use super::pages::collect_pages;
use crate::plan::change::account::{CloseAccount, CreateAccount};

const SERVICE: &str = "organizations";
/// The first wait between two status reads; it doubles up to [`MAX_POLL`].
const FIRST_POLL: Duration = Duration::from_secs(1);
const MAX_POLL: Duration = Duration::from_secs(10);

/// Where one account creation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Creation {
    InProgress,
    /// Created, with this id.
    Succeeded(String),
    /// AWS's FailureReason (EMAIL_ALREADY_EXISTS, ...).
    Failed(String),
}

fn creation_of(status: Option<&aws_sdk_organizations::types::CreateAccountStatus>) -> Creation {
    let Some(status) = status else {
        return Creation::InProgress;
    };
    match status.state() {
        Some(CreateAccountState::Succeeded) => {
            Creation::Succeeded(status.account_id().unwrap_or_default().to_string())
        }
        Some(CreateAccountState::Failed) => Creation::Failed(
            status
                .failure_reason()
                .map(|r| r.as_str().to_string())
                .unwrap_or_else(|| "no reason given".to_string()),
        ),
        _ => Creation::InProgress,
    }
}

/// Reads the status with `describe` until it is no longer in progress or
/// `timeout` has passed (then it answers [`Creation::InProgress`]), waiting
/// `first`, then twice as long each time, at most [`MAX_POLL`].
pub async fn follow<F, Fut>(
    mut describe: F,
    timeout: Duration,
    first: Duration,
) -> Result<Creation, CallError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Creation, CallError>>,
{
    let start = Instant::now();
    let mut wait = first;
    loop {
        let status = describe().await?;
        if status != Creation::InProgress {
            return Ok(status);
        }
        let elapsed = start.elapsed();
        if elapsed >= timeout {
            return Ok(Creation::InProgress);
        }
        tokio::time::sleep(wait.min(timeout - elapsed)).await;
        wait = (wait * 2).min(MAX_POLL);
    }
}

/// What each failure reason means and what to do, after AWS's code.
pub fn failure_help(reason: &str) -> &'static str {
    match reason {
        "EMAIL_ALREADY_EXISTS" => {
            "another AWS account already uses this email; give the [[account]] an address no account uses (or, if it is this organization's account, its `id`)"
        }
        "INVALID_EMAIL" => "AWS does not accept the email address; correct `email`",
        "ACCOUNT_LIMIT_EXCEEDED" => {
            "the organization has as many accounts as its quota allows; ask AWS Support to raise it (Service Quotas, AWS Organizations)"
        }
        "CONCURRENT_ACCOUNT_MODIFICATION" => {
            "another change to the organization's accounts was under way; apply again"
        }
        "INTERNAL_FAILURE" => {
            "AWS failed internally; apply again, and contact AWS Support if it persists"
        }
        "MISSING_PAYMENT_INSTRUMENT" | "INVALID_PAYMENT_INSTRUMENT" => {
            "the management account needs a valid payment method; add one in the Billing console"
        }
        _ => "see the CreateAccountStatus FailureReason in the AWS Organizations API reference",
    }
}

/// An account with this email among `accounts` (id, email).
pub fn with_email<'a>(accounts: &'a [(String, String)], email: &str) -> Option<&'a str> {
    accounts
        .iter()
        .find(|(_, e)| e.trim().eq_ignore_ascii_case(email.trim()))
        .map(|(id, _)| id.as_str())
}

/// A creation request still in progress for this account name, among
/// `requests` (request id, account name): AWS's status records carry the
/// name, not the email.
pub fn in_progress_for<'a>(requests: &'a [(String, String)], name: &str) -> Option<&'a str> {
    requests
        .iter()
        .find(|(_, n)| n == name)
        .map(|(id, _)| id.as_str())
}

/// Creates the account (or finds the one an earlier run created), waits
/// for it, and moves it from the root to its OU (`destination`, resolved).
/// Returns the account id and a note for the progress line.
pub async fn create(
    clients: &Clients,
    create: &CreateAccount,
    root_id: &str,
    destination: &str,
) -> Result<(String, String), CallError> {
    let org = &clients.organizations;
    let accounts: Vec<(String, String)> =
        collect_pages!(SERVICE, "ListAccounts", org.list_accounts(), |page| page
            .accounts()
            .iter()
            .map(|a| (
                a.id().unwrap_or_default().to_string(),
                a.email().unwrap_or_default().to_string()
            ))
            .collect::<Vec<_>>());
    let (id, note) = match with_email(&accounts, &create.email) {
        Some(id) => (
            id.to_string(),
            format!("found account {id}, created earlier for {}", create.email),
        ),
        None => {
            let requests: Vec<(String, String)> = collect_pages!(
                SERVICE,
                "ListCreateAccountStatus",
                org.list_create_account_status()
                    .states(CreateAccountState::InProgress),
                |page| page
                    .create_account_statuses()
                    .iter()
                    .map(|s| (
                        s.id().unwrap_or_default().to_string(),
                        s.account_name().unwrap_or_default().to_string()
                    ))
                    .collect::<Vec<_>>()
            );
            let (request, note) = match in_progress_for(&requests, &create.name) {
                Some(request) => (
                    request.to_string(),
                    format!("followed creation {request}, started earlier"),
                ),
                None => (start(clients, create).await?, String::new()),
            };
            let id = wait(clients, create, &request).await?;
            let note = if note.is_empty() {
                format!("created {id}")
            } else {
                format!("{note}: {id}")
            };
            (id, note)
        }
    };
    if destination != root_id {
        let moved = org
            .move_account()
            .account_id(&id)
            .source_parent_id(root_id)
            .destination_parent_id(destination)
            .send()
            .await
            .described(SERVICE, "MoveAccount");
        match moved {
            // An account found from an earlier run may already be there.
            Err(e) if e.is("DuplicateAccountException") => {}
            other => {
                other?;
            }
        }
    }
    Ok((id, note))
}

/// Attempts at CreateAccount when AWS refuses it for now (throttling,
/// another change under way): such an answer means it was not taken.
const CREATE_ATTEMPTS: u32 = 5;

/// Whether a failed CreateAccount was certainly not taken and may be sent
/// again: AWS answered, and with throttling or a concurrent change.
fn refused_for_now<E, R>(error: &SdkError<E, R>) -> bool
where
    E: ProvideErrorMetadata,
{
    matches!(error, SdkError::ServiceError(_))
        && error.code().is_some_and(|code| {
            super::retry::THROTTLING_CODES.contains(&code)
                || super::retry::RETRY_CODES.contains(&code)
        })
}

/// Sends CreateAccount and returns the request id. The SDK does not retry
/// it: an answer lost on the way back would make a retry ask for a second
/// account. Only a refusal that shows it was not taken is sent again.
async fn start(clients: &Clients, create: &CreateAccount) -> Result<String, CallError> {
    let billing = if create.iam_user_access_to_billing {
        IamUserAccessToBilling::Allow
    } else {
        IamUserAccessToBilling::Deny
    };
    let mut wait = FIRST_POLL;
    let mut attempt = 1;
    let out = loop {
        let sent = clients
            .organizations
            .create_account()
            .email(&create.email)
            .account_name(&create.name)
            .role_name(&create.role_name)
            .iam_user_access_to_billing(billing.clone())
            .customize()
            .config_override(
                aws_sdk_organizations::config::Builder::default()
                    .retry_config(RetryConfig::disabled()),
            )
            .send()
            .await;
        match sent {
            Ok(out) => break out,
            Err(e) if attempt < CREATE_ATTEMPTS && refused_for_now(&e) => {
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(MAX_POLL);
                attempt += 1;
            }
            Err(e) => {
                let mut error = CallError::new(SERVICE, "CreateAccount", &e);
                // Without AWS's answer the request may still have been taken.
                if !matches!(
                    e,
                    SdkError::ServiceError(_) | SdkError::ConstructionFailure(_)
                ) {
                    error.message = format!(
                        "{}; AWS may have started creating the account for {}: `orgguard apply` again finds it by its email instead of creating another",
                        error.message, create.email
                    );
                }
                return Err(error);
            }
        }
    };
    out.create_account_status()
        .and_then(|s| s.id())
        .map(str::to_string)
        .ok_or_else(|| {
            CallError::plain(
                SERVICE,
                "CreateAccount",
                "AWS answered without a request id to follow".to_string(),
            )
        })
}

/// Follows a creation request to its end.
async fn wait(
    clients: &Clients,
    create: &CreateAccount,
    request: &str,
) -> Result<String, CallError> {
    let describe = || async {
        let out = clients
            .organizations
            .describe_create_account_status()
            .create_account_request_id(request)
            .send()
            .await
            .described(SERVICE, "DescribeCreateAccountStatus")?;
        Ok(creation_of(out.create_account_status()))
    };
    let timeout = Duration::from_secs(create.timeout_seconds);
    match follow(describe, timeout, FIRST_POLL).await? {
        Creation::Succeeded(id) if !id.is_empty() => Ok(id),
        Creation::Succeeded(_) => Err(CallError::plain(
            SERVICE,
            "DescribeCreateAccountStatus",
            format!(
                "the creation of account {} succeeded without an account id",
                create.name
            ),
        )),
        Creation::Failed(reason) => Err(CallError::plain(
            SERVICE,
            "CreateAccount",
            format!(
                "AWS could not create account {} ({}): {reason}; {}",
                create.name,
                create.email,
                failure_help(&reason)
            ),
        )),
        Creation::InProgress => Err(CallError::plain(
            SERVICE,
            "DescribeCreateAccountStatus",
            format!(
                "account {} ({}) was still being created after {} seconds (settings.account_creation.timeout_seconds); `orgguard apply` again follows the same request instead of creating another",
                create.name, create.email, create.timeout_seconds
            ),
        )),
    }
}

/// Closes an account; one already closed is not an error.
pub async fn close(clients: &Clients, close: &CloseAccount) -> Result<String, CallError> {
    if clients
        .known()
        .management_account
        .as_deref()
        .is_some_and(|m| m == close.account_id)
    {
        return Err(CallError::plain(
            SERVICE,
            "CloseAccount",
            format!(
                "account {} is the management account, which orgguard never closes",
                close.account_id
            ),
        ));
    }
    let closed = clients
        .organizations
        .close_account()
        .account_id(&close.account_id)
        .send()
        .await
        .described(SERVICE, "CloseAccount");
    match closed {
        Ok(_) => Ok(String::new()),
        Err(e) if e.is("AccountAlreadyClosedException") => Ok("already closed".to_string()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};

    use super::*;

    fn sequence(states: &[Creation]) -> (Arc<Mutex<VecDeque<Creation>>>, Arc<Mutex<usize>>) {
        (
            Arc::new(Mutex::new(states.iter().cloned().collect())),
            Arc::new(Mutex::new(0)),
        )
    }

    async fn run(states: &[Creation], timeout: Duration) -> (Creation, usize) {
        let (queue, calls) = sequence(states);
        let describe = || {
            let (queue, calls) = (queue.clone(), calls.clone());
            async move {
                *calls.lock().expect("calls") += 1;
                let mut q = queue.lock().expect("queue");
                // The last state repeats, as AWS keeps answering it.
                let next = if q.len() > 1 {
                    q.pop_front()
                } else {
                    q.front().cloned()
                };
                Ok(next.unwrap_or(Creation::InProgress))
            }
        };
        let status = follow(describe, timeout, FIRST_POLL).await.expect("follow");
        let n = *calls.lock().expect("calls");
        (status, n)
    }

    #[tokio::test(start_paused = true)]
    async fn follows_the_status_until_it_succeeds() {
        let (status, calls) = run(
            &[
                Creation::InProgress,
                Creation::InProgress,
                Creation::Succeeded("123456789012".into()),
            ],
            Duration::from_secs(60),
        )
        .await;
        assert_eq!(status, Creation::Succeeded("123456789012".into()));
        assert_eq!(calls, 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_ends_the_wait_with_aws_reason() {
        let (status, calls) = run(
            &[
                Creation::InProgress,
                Creation::Failed("EMAIL_ALREADY_EXISTS".into()),
            ],
            Duration::from_secs(60),
        )
        .await;
        assert_eq!(status, Creation::Failed("EMAIL_ALREADY_EXISTS".into()));
        assert_eq!(calls, 2);
        assert!(failure_help("EMAIL_ALREADY_EXISTS").contains("email"));
    }

    #[tokio::test(start_paused = true)]
    async fn the_deadline_stops_the_wait() {
        let start = Instant::now();
        let (status, calls) = run(&[Creation::InProgress], Duration::from_secs(30)).await;
        assert_eq!(status, Creation::InProgress);
        // 1 + 2 + 4 + 8 + 10 s of waits, then the rest of the 30 s.
        assert_eq!(calls, 7);
        assert_eq!(start.elapsed(), Duration::from_secs(30));
    }

    #[test]
    fn a_resumed_apply_finds_what_an_earlier_run_created() {
        let accounts = vec![
            ("111111111111".to_string(), "root@example.com".to_string()),
            (
                "222222222222".to_string(),
                "Sandbox-1@Example.com".to_string(),
            ),
        ];
        assert_eq!(
            with_email(&accounts, "sandbox-1@example.com"),
            Some("222222222222")
        );
        assert_eq!(with_email(&accounts, "sandbox-2@example.com"), None);
        let requests = vec![("car-1".to_string(), "sandbox-2".to_string())];
        assert_eq!(in_progress_for(&requests, "sandbox-2"), Some("car-1"));
        assert_eq!(in_progress_for(&requests, "sandbox-3"), None);
    }
}
