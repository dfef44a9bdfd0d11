//! One SDK configuration for every client: the standard credential chain,
//! `--profile`, `--region`, `AWS_ENDPOINT_URL` (read by the SDK itself),
//! explicit retry and timeout settings, and call accounting.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};

use std::sync::{Arc, Mutex};

use super::accounting::Accounting;
use super::error::CallError;
use super::failure::{Failure, Known};
use super::limiter::RateLimiter;
use crate::error::Error;

/// Organizations is a global service served from us-east-1.
pub const ORGANIZATIONS_REGION: &str = "us-east-1";
/// Identity Center's fixed quota for all its APIs together.
pub const IDENTITY_CENTER_RATE: f64 = 20.0;

#[derive(Debug, Clone, Default)]
pub struct AwsOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    /// Identity Center's home region, when it is not the SDK's region.
    pub identity_center_region: Option<String>,
}

/// Builds a client of one service crate from an SDK configuration, with
/// orgguard's accounting and retry classifier, optionally in a region.
macro_rules! client {
    ($krate:ident, $config:expr, $accounting:expr, $region:expr) => {{
        let mut builder = $krate::config::Builder::from($config)
            .interceptor($accounting.clone())
            .retry_classifier($crate::aws::retry::RetryConcurrentModification);
        if let Some(region) = $region {
            builder = builder.region(aws_config::Region::new(region.to_string()));
        }
        $krate::Client::from_conf(builder.build())
    }};
}
pub(crate) use client;

/// Clients for the management account (or delegated administrator).
#[derive(Debug, Clone)]
pub struct Clients {
    pub config: SdkConfig,
    pub accounting: Accounting,
    pub organizations: aws_sdk_organizations::Client,
    pub sso_admin: aws_sdk_ssoadmin::Client,
    pub identity_store: aws_sdk_identitystore::Client,
    pub sts: aws_sdk_sts::Client,
    /// The Account API (alternate contacts), global like Organizations.
    pub account: aws_sdk_account::Client,
    pub identity_center_limiter: RateLimiter,
    /// The region used for regional calls when none is given.
    pub home_region: String,
    /// Where Identity Center is read: its instance lives in one region.
    pub identity_center_region: String,
    /// What has been learnt about the caller, to explain failures.
    pub known: Arc<Mutex<Known>>,
}

pub fn retry_config() -> RetryConfig {
    // AWS_MAX_ATTEMPTS, the SDKs' usual setting, overrides the default.
    let attempts = std::env::var("AWS_MAX_ATTEMPTS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(10);
    RetryConfig::standard()
        .with_max_attempts(attempts)
        .with_initial_backoff(Duration::from_millis(200))
        .with_max_backoff(Duration::from_secs(20))
}

pub fn timeout_config() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(Duration::from_secs(30))
        .operation_timeout(Duration::from_secs(300))
        .build()
}

impl Clients {
    pub async fn new(options: &AwsOptions) -> Self {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(retry_config())
            .timeout_config(timeout_config());
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &options.region {
            loader = loader.region(Region::new(region.clone()));
        }
        let mut config = loader.load().await;
        if config.region().is_none() {
            config = config
                .into_builder()
                .region(Region::new(ORGANIZATIONS_REGION))
                .build();
        }
        let home_region = config
            .region()
            .map(|r| r.to_string())
            .unwrap_or_else(|| ORGANIZATIONS_REGION.to_string());
        let identity_center_region = options
            .identity_center_region
            .clone()
            .unwrap_or_else(|| home_region.clone());
        let accounting = Accounting::default();
        Clients {
            organizations: client!(
                aws_sdk_organizations,
                &config,
                accounting,
                Some(ORGANIZATIONS_REGION)
            ),
            sso_admin: client!(
                aws_sdk_ssoadmin,
                &config,
                accounting,
                Some(&identity_center_region)
            ),
            identity_store: client!(
                aws_sdk_identitystore,
                &config,
                accounting,
                Some(&identity_center_region)
            ),
            sts: client!(aws_sdk_sts, &config, accounting, None::<&str>),
            account: client!(
                aws_sdk_account,
                &config,
                accounting,
                Some(ORGANIZATIONS_REGION)
            ),
            identity_center_limiter: RateLimiter::per_second(IDENTITY_CENTER_RATE),
            home_region,
            identity_center_region,
            known: Arc::new(Mutex::new(Known {
                profile: options.profile.clone(),
                ..Known::default()
            })),
            accounting,
            config,
        }
    }
}

impl Clients {
    /// The error that stops a command for a failed call. For a refusal it
    /// first asks STS who the caller is (a call no policy can deny), so the
    /// help can name the account the credentials belong to.
    pub async fn explain(&self, error: CallError, account: Option<&str>) -> Error {
        let wants_caller = matches!(
            error.failure,
            Failure::AccessDenied { .. } | Failure::NotInOrganization
        ) && self.known().caller_arn.is_none();
        if wants_caller
            && let Ok(out) = self.sts.get_caller_identity().send().await
            && let Ok(mut known) = self.known.lock()
        {
            known.caller_arn = out.arn().map(str::to_string);
        }
        error.into_error(account, &self.known())
    }

    pub fn known(&self) -> Known {
        self.known.lock().map(|k| k.clone()).unwrap_or_default()
    }

    /// Remembers the organization's management account once it is known.
    pub fn remember_management_account(&self, id: &str) {
        if let Ok(mut known) = self.known.lock() {
            known.management_account = Some(id.to_string());
        }
    }
}
