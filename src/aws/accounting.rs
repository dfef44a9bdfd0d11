//! Counts every API call and attempt per service and operation, through an
//! SDK interceptor on every client, for the summary users see at the end.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextRef,
    BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use serde::Serialize;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CallCounts {
    /// Operations started (a paginated call counts once per page).
    pub calls: u64,
    /// HTTP attempts, including retries.
    pub attempts: u64,
    /// Attempts answered with a throttling error.
    pub throttled: u64,
    /// Attempts answered with any other error status.
    pub errors: u64,
}

/// Shared counters, keyed by (service, operation).
#[derive(Debug, Default, Clone)]
pub struct Accounting {
    inner: Arc<Mutex<BTreeMap<(String, String), CallCounts>>>,
}

impl Accounting {
    fn update(&self, cfg: &ConfigBag, f: impl FnOnce(&mut CallCounts)) {
        let (service, operation) = cfg
            .load::<Metadata>()
            .map(|m| (service_name(m.service()), m.name().to_string()))
            .unwrap_or_else(|| ("unknown".to_string(), "unknown".to_string()));
        if let Ok(mut map) = self.inner.lock() {
            f(map.entry((service, operation)).or_default());
        }
    }

    /// Counts per (service, operation), sorted.
    pub fn by_operation(&self) -> BTreeMap<(String, String), CallCounts> {
        self.inner.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Counts per service, sorted.
    pub fn by_service(&self) -> BTreeMap<String, CallCounts> {
        let mut out: BTreeMap<String, CallCounts> = BTreeMap::new();
        for ((service, _), c) in self.by_operation() {
            let s = out.entry(service).or_default();
            s.calls += c.calls;
            s.attempts += c.attempts;
            s.throttled += c.throttled;
            s.errors += c.errors;
        }
        out
    }

    pub fn total(&self) -> CallCounts {
        let mut t = CallCounts::default();
        for c in self.by_service().values() {
            t.calls += c.calls;
            t.attempts += c.attempts;
            t.throttled += c.throttled;
            t.errors += c.errors;
        }
        t
    }
}

/// "SSO Admin" → "sso-admin", as users know the services from the CLI.
fn service_name(sdk_name: &str) -> String {
    match sdk_name {
        "Config Service" => "config".to_string(),
        other => other.to_lowercase().replace(' ', "-"),
    }
}

impl Intercept for Accounting {
    fn name(&self) -> &'static str {
        "orgguard-accounting"
    }

    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.update(cfg, |c| c.calls += 1);
        Ok(())
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.update(cfg, |c| c.attempts += 1);
        Ok(())
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        let status = response.status().as_u16();
        if status >= 400 {
            let error_type = response
                .headers()
                .get("x-amzn-errortype")
                .unwrap_or_default()
                .to_string();
            let body = response
                .body()
                .bytes()
                .map(|b| String::from_utf8_lossy(&b[..b.len().min(512)]).into_owned())
                .unwrap_or_default();
            let throttled = status == 429
                || super::retry::THROTTLING_CODES
                    .iter()
                    .any(|code| error_type.contains(code) || body.contains(code));
            self.update(cfg, |c| {
                if throttled {
                    c.throttled += 1;
                } else {
                    c.errors += 1;
                }
            });
        }
        Ok(())
    }
}
