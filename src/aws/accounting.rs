//! Counts every API call and attempt per service and operation, through an
//! SDK interceptor on every client, for the summary users see at the end.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeSerializationInterceptorContextRef,
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
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
    /// Attempts answered with an error status, throttling included.
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
            s.errors += c.errors;
            s.throttled += c.throttled;
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
    /// Once per attempt, after the response body has been read, so the
    /// error code in it can be seen.
    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(response) = context.response() else {
            return Ok(());
        };
        let throttled = response.status().as_u16() == 429
            || (response.status().as_u16() >= 400
                && response.body().bytes().is_some_and(|b| {
                    let text = String::from_utf8_lossy(b);
                    super::retry::THROTTLING_CODES
                        .iter()
                        .any(|code| text.contains(code))
                }));
        if throttled {
            self.update(cfg, |c| c.throttled += 1);
        }
        Ok(())
    }

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
        if context.response().status().as_u16() >= 400 {
            self.update(cfg, |c| c.errors += 1);
        }
        Ok(())
    }
}
