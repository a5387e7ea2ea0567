//! Rate limiting: one token bucket per key at its documented rate, refilled continuously,
//! holding at most one second's worth of calls. Keys are endpoints (`EndpointMeta::
//! rate_limit_per_sec`: the pages state limits as "N calls per second" per app and API) and,
//! for limits a page states per object, the object (group custom attribute writes: "up to 5
//! times per second" per group, see `Emulate::keyed_rate`).

use std::collections::HashMap;
use std::time::Instant;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// The buckets of every key used so far.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    buckets: HashMap<String, Bucket>,
}

impl RateLimiter {
    /// Takes one token from `key`'s bucket; `false` when the call is over the limit.
    pub fn allow(&mut self, key: &str, per_sec: u32, now: Instant) -> bool {
        let rate = f64::from(per_sec.max(1));
        if !self.buckets.contains_key(key) {
            let full = Bucket {
                tokens: rate,
                last: now,
            };
            self.buckets.insert(key.to_owned(), full);
        }
        let Some(b) = self.buckets.get_mut(key) else {
            return true;
        };
        let elapsed = now.saturating_duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * rate).min(rate);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    pub fn clear(&mut self) {
        self.buckets.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn burst_is_one_second_then_refills_continuously() {
        let mut r = RateLimiter::default();
        let t0 = Instant::now();
        assert!((0..10).all(|_| r.allow("a/b", 10, t0)));
        assert!(!r.allow("a/b", 10, t0));
        // Other endpoints have their own bucket.
        assert!(r.allow("a/c", 10, t0));
        // A tenth of a second gives one call back, not more.
        let t1 = t0 + Duration::from_millis(100);
        assert!(r.allow("a/b", 10, t1));
        assert!(!r.allow("a/b", 10, t1));
        // A long pause refills only up to the burst.
        let t2 = t1 + Duration::from_secs(60);
        assert_eq!((0..20).filter(|_| r.allow("a/b", 10, t2)).count(), 10);
    }
}
