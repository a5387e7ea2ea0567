//! What the server tasks and the [`Control`](crate::Control) handles share.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use chatadmin_core::region::normalize_wire_path;
use chatadmin_core::SecretKey;

use crate::handlers::{self, Route};
use crate::ratelimit::RateLimiter;
use crate::state::State;
use crate::{Fault, RateLimitMode};

/// A lock that survives a panicked holder: the data is plain maps, still usable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The key hits and faults are counted under: the wire path without `v4/`.
pub(crate) fn path_key(wire_path: &str) -> String {
    normalize_wire_path(wire_path).to_owned()
}

/// A queued fault: it lets `after` calls pass, then applies to the next `times` calls.
#[derive(Debug)]
struct PendingFault {
    fault: Fault,
    after: u32,
    times: u32,
}

pub(crate) struct Shared {
    pub sdkappid: u64,
    pub key: SecretKey,
    pub admin: String,
    pub rate_limit: RateLimitMode,
    pub routes: HashMap<&'static str, Route>,
    pub state: Mutex<State>,
    faults: Mutex<HashMap<String, VecDeque<PendingFault>>>,
    hits: Mutex<BTreeMap<String, u64>>,
    total_hits: AtomicU64,
    pub limiter: Mutex<RateLimiter>,
    /// Seconds added to the system clock ([`crate::Control::advance_clock`]).
    clock_offset: AtomicI64,
    /// `http://HOST:PORT` once the server listens: the host of the archive download URLs.
    base_url: Mutex<Option<String>>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("sdkappid", &self.sdkappid)
            .field("admin", &self.admin)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

impl Shared {
    pub fn new(sdkappid: u64, key: SecretKey, admin: String, rate_limit: RateLimitMode) -> Self {
        Shared {
            sdkappid,
            key,
            admin,
            rate_limit,
            routes: handlers::routes()
                .into_iter()
                .map(|r| (r.path, r))
                .collect(),
            state: Mutex::new(State::default()),
            faults: Mutex::new(HashMap::new()),
            hits: Mutex::new(BTreeMap::new()),
            total_hits: AtomicU64::new(0),
            limiter: Mutex::new(RateLimiter::default()),
            clock_offset: AtomicI64::new(0),
            base_url: Mutex::new(None),
        }
        .with_archives_configured()
    }

    fn with_archives_configured(self) -> Self {
        self.configure_archives();
        self
    }

    /// Records the server's address: `get_history`'s download URLs point at it.
    pub fn set_base_url(&self, url: String) {
        *lock(&self.base_url) = Some(url);
        self.configure_archives();
    }

    /// Tells the archive state the app and the server's address (again after a reset).
    fn configure_archives(&self) {
        let base_url = lock(&self.base_url).clone();
        let mut state = lock(&self.state);
        state.archives.sdkappid = self.sdkappid;
        state.archives.base_url = base_url;
    }

    /// The emulated service's clock, unix seconds: the system clock plus the offset tests
    /// set. UserSig expiry, `kick` and the times stored in the state (`AddTime`) use it.
    pub fn now(&self) -> u64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        real.saturating_add_signed(self.clock_offset.load(Ordering::Relaxed))
    }

    /// Moves the emulated clock forward by `secs`.
    pub fn advance_clock(&self, secs: u64) {
        let secs = i64::try_from(secs).unwrap_or(i64::MAX);
        let _ = self
            .clock_offset
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |o| {
                Some(o.saturating_add(secs))
            });
    }

    pub fn count_hit(&self, key: &str) {
        *lock(&self.hits).entry(key.to_owned()).or_insert(0) += 1;
        self.total_hits.fetch_add(1, Ordering::Relaxed);
    }

    pub fn hits(&self, wire_path: &str) -> u64 {
        lock(&self.hits)
            .get(&path_key(wire_path))
            .copied()
            .unwrap_or(0)
    }

    pub fn all_hits(&self) -> BTreeMap<String, u64> {
        lock(&self.hits).clone()
    }

    pub fn total_hits(&self) -> u64 {
        self.total_hits.load(Ordering::Relaxed)
    }

    /// Queues a fault that lets `after` calls pass first; several injections for one path
    /// apply in order.
    pub fn inject(&self, wire_path: &str, fault: Fault, after: u32, times: u32) {
        if times == 0 {
            return;
        }
        lock(&self.faults)
            .entry(path_key(wire_path))
            .or_default()
            .push_back(PendingFault {
                fault,
                after,
                times,
            });
    }

    /// The fault for this call of `key`, if one is pending.
    pub fn take_fault(&self, key: &str) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let queue = faults.get_mut(key)?;
        let pending = queue.front_mut()?;
        if pending.after > 0 {
            pending.after -= 1;
            return None;
        }
        let fault = pending.fault.clone();
        pending.times -= 1;
        if pending.times == 0 {
            queue.pop_front();
            if queue.is_empty() {
                faults.remove(key);
            }
        }
        Some(fault)
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    pub fn reset(&self) {
        *lock(&self.state) = State::default();
        self.configure_archives();
        self.clear_faults();
        lock(&self.hits).clear();
        self.total_hits.store(0, Ordering::Relaxed);
        lock(&self.limiter).clear();
    }
}
