//! Per-endpoint client-side rate limiting.
//!
//! The service counts calls per API and app and answers 60007/60011 past its limit. A plain
//! token bucket with a burst of one second's worth lets up to twice the rate through in one
//! second (the full bucket, then the refill), which a service counting calls per second
//! rejects. So each endpoint keeps the send times of its last `rate` calls, and a call may go
//! once the `rate`-th latest is more than a window old: a burst of one second's worth goes at
//! once, and no window ever holds more than `rate` calls. The window is a second plus a small
//! margin for network jitter (calls sent a second apart can arrive a little closer).

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::config::RateSetting;

/// The window the rate applies to: one second, plus a margin for jitter in arrival times.
const WINDOW: Duration = Duration::from_millis(1_020);

#[derive(Debug)]
struct Window {
    rate: u32,
    /// Send times granted (possibly in the near future), oldest first.
    granted: VecDeque<Instant>,
}

impl Window {
    fn new(rate: u32) -> Self {
        Window {
            rate,
            granted: VecDeque::new(),
        }
    }

    /// When a call asked for at `now` may go, or `None` if that is after `deadline`. A
    /// granted time is recorded.
    fn grant(&mut self, now: Instant, deadline: Instant) -> Option<Instant> {
        while self.granted.front().is_some_and(|&t| t + WINDOW <= now) {
            self.granted.pop_front();
        }
        let rate = self.rate as usize;
        let mut at = now;
        if self.granted.len() >= rate {
            at = at.max(self.granted[self.granted.len() - rate] + WINDOW);
        }
        if let Some(&last) = self.granted.back() {
            at = at.max(last);
        }
        if at > deadline {
            return None;
        }
        self.granted.push_back(at);
        Some(at)
    }
}

/// The limiter of one client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    default: RateSetting,
    overrides: Vec<(&'static str, u32)>,
    windows: Mutex<HashMap<&'static str, Window>>,
}

/// The limiter would make the call wait past its deadline.
#[derive(Debug)]
pub(crate) struct WouldExceedDeadline {
    pub(crate) rate: u32,
}

impl RateLimiter {
    pub(crate) fn new(default: RateSetting, overrides: Vec<(&'static str, u32)>) -> Self {
        RateLimiter {
            default,
            overrides,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The rate for an endpoint, `None` when unlimited.
    pub(crate) fn rate_for(&self, path: &'static str, documented: u32) -> Option<u32> {
        if let Some((_, r)) = self.overrides.iter().find(|(p, _)| *p == path) {
            return Some(*r);
        }
        match self.default {
            RateSetting::Off => None,
            RateSetting::PerSecond(r) => Some(r),
            // A declaration of 0 would block forever; core's registry test forbids it.
            RateSetting::Documented => Some(documented.max(1)),
        }
    }

    /// Blocks until a call to `path` may go, or fails at once if that would be after
    /// `deadline`.
    pub(crate) fn acquire(
        &self,
        path: &'static str,
        documented: u32,
        deadline: Instant,
    ) -> Result<(), WouldExceedDeadline> {
        let Some(rate) = self.rate_for(path, documented) else {
            return Ok(());
        };
        let now = Instant::now();
        let at = {
            let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
            let w = windows.entry(path).or_insert_with(|| Window::new(rate));
            w.grant(now, deadline).ok_or(WouldExceedDeadline { rate })?
        };
        let wait = at.saturating_duration_since(now);
        if !wait.is_zero() {
            tracing::trace!(
                endpoint = path,
                rate,
                wait_ms = wait.as_millis() as u64,
                "waiting for the rate limit"
            );
            std::thread::sleep(wait);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_in_any_window(times: &[Instant], window: Duration) -> usize {
        times
            .iter()
            .map(|&start| {
                times
                    .iter()
                    .filter(|&&t| t >= start && t < start + window)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_burst_goes_at_once_then_the_rate_holds() {
        let t0 = Instant::now();
        let far = t0 + Duration::from_secs(3600);
        let mut w = Window::new(5);
        let times: Vec<_> = (0..23).map(|_| w.grant(t0, far).unwrap()).collect();
        assert!(
            times[..5].iter().all(|&t| t == t0),
            "a burst of one second's worth"
        );
        assert_eq!(times[5], t0 + WINDOW);
        assert_eq!(times[10], t0 + 2 * WINDOW);
        assert!(count_in_any_window(&times, Duration::from_secs(1)) <= 5);
        assert!(times.windows(2).all(|p| p[0] <= p[1]), "granted in order");
    }

    #[test]
    fn spaced_calls_never_wait() {
        let t0 = Instant::now();
        let mut w = Window::new(2);
        for i in 0..10u32 {
            let now = t0 + Duration::from_millis(600) * i;
            assert_eq!(w.grant(now, now).unwrap(), now);
        }
    }

    #[test]
    fn a_grant_past_the_deadline_is_refused_and_not_recorded() {
        let t0 = Instant::now();
        let mut w = Window::new(1);
        assert!(w.grant(t0, t0).is_some());
        assert!(w.grant(t0, t0 + Duration::from_millis(10)).is_none());
        assert_eq!(w.granted.len(), 1);
        assert_eq!(w.grant(t0, t0 + WINDOW).unwrap(), t0 + WINDOW);
    }

    #[test]
    fn overrides_and_settings() {
        let l = RateLimiter::new(RateSetting::Off, vec![("sns/friend_delete", 7)]);
        assert_eq!(l.rate_for("sns/friend_delete", 200), Some(7));
        assert_eq!(l.rate_for("sns/group_delete", 200), None);
        let l = RateLimiter::new(RateSetting::Documented, vec![]);
        assert_eq!(l.rate_for("x/y", 100), Some(100));
        let l = RateLimiter::new(RateSetting::PerSecond(3), vec![]);
        assert_eq!(l.rate_for("x/y", 100), Some(3));
    }
}
