//! A client-side rate limiter: Identity Center allows 20 requests per second
//! for all its APIs together, and that quota cannot be raised, so every
//! sso-admin and identitystore call waits for its slot here.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

#[derive(Debug, Clone)]
pub struct RateLimiter {
    interval: Duration,
    next: Arc<Mutex<Option<Instant>>>,
}

impl RateLimiter {
    pub fn per_second(rate: f64) -> Self {
        let rate = if rate.is_finite() && rate > 0.0 {
            rate
        } else {
            20.0
        };
        RateLimiter {
            interval: Duration::from_secs_f64(1.0 / rate),
            next: Arc::new(Mutex::new(None)),
        }
    }

    /// Waits until this caller may send one request.
    pub async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_requests_evenly() {
        let limiter = RateLimiter::per_second(20.0);
        let start = Instant::now();
        for _ in 0..41 {
            limiter.wait().await;
        }
        // 41 requests at 20/s: the last one goes out at 2 s.
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }
}
