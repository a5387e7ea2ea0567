//! An in-process emulator and a client for it with fast retries, shared by the tests that run
//! real calls end to end (e2e, fidelity, reconcile).

#![allow(dead_code)]

use std::time::Duration;

use chatadmin_client::{Client, ClientBuilder, RetryPolicy};
use chatadmin_emulator::{Emulator, EmulatorConfig, RateLimitMode};

/// An emulator for the app `app` signed with `key`.
pub fn emulator(app: u64, key: &str, rate_limit: RateLimitMode) -> Emulator {
    let mut config = EmulatorConfig::new(app, key);
    config.rate_limit = rate_limit;
    Emulator::start(config).unwrap()
}

/// A client builder for `emu`: 3 attempts with millisecond backoffs, a 5 s attempt timeout
/// and a 30 s total timeout (shorter than the documented one-minute waits).
pub fn builder(emu: &Emulator, app: u64, key: &str) -> ClientBuilder {
    Client::builder(app)
        .secret_key(key)
        .base_url(emu.base_url())
        .timeout(Duration::from_secs(5))
        .total_timeout(Duration::from_secs(30))
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            multiplier: 2.0,
            jitter: true,
        })
}
