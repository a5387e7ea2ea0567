//! `cargo bench -p chatadmin-client --bench client`: the cost of one call through `Client`
//! against the in-process emulator, next to a bare `reqwest::blocking` loop posting the same
//! body to the same URL (keep-alive, one connection) in the same run. The ratio is what the
//! client adds: UserSig (cached), request check and encoding, the rate limiter, the
//! envelope decode, the typed response.
//!
//! Rounds alternate between the two loops so that a noisy neighbour hurts both alike; the
//! figure is the median round. `BENCH_CALLS` (default 2000) sets calls per round. No
//! assertions: a measurement, not a test.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chatadmin_client::api::account::AccountCheck;
use chatadmin_client::chatadmin_core::region::{request_url, CallParams};
use chatadmin_client::chatadmin_core::usersig;
use chatadmin_client::{Client, RateLimit, RetryPolicy, SecretKey};
use chatadmin_emulator::{Emulator, EmulatorConfig, RateLimitMode};
use serde_json::{json, Value};

const APP: u64 = 1_400_000_001;
const KEY: &str = "bench-secret-key-0123456789abcdef";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let calls: u32 = std::env::var("BENCH_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let mut config = EmulatorConfig::new(APP, KEY);
    config.rate_limit = RateLimitMode::Off;
    let emu = Emulator::start(config).expect("emulator starts");
    emu.control().add_account("alice");

    let client = Client::builder(APP)
        .secret_key(KEY)
        .base_url(emu.base_url())
        .rate_limit(RateLimit::Off)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds");
    let req = AccountCheck::new(["alice"]);
    let body_value = json!({"CheckItem": [{"UserID": "alice"}]});
    let body = body_value.to_string();

    // The baseline: what a user without this crate would write, already holding a UserSig.
    let sig = usersig::generate(
        &SecretKey::new(KEY),
        APP,
        "administrator",
        86_400,
        emu.control().now(),
    );
    let url = request_url(
        &emu.base_url(),
        "v4/im_open_login_svc/account_check",
        &CallParams {
            sdkappid: APP,
            identifier: "administrator",
            usersig: sig.expose_secret(),
            random: 12_345,
        },
        &[],
    );
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest builds");
    let bare = || {
        let r = http
            .post(&url)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .expect("bare post");
        let v: Value = serde_json::from_slice(&r.bytes().expect("bare body")).expect("bare json");
        assert_eq!(v["ErrorCode"], 0, "{v}");
        black_box(v);
    };
    let typed = || {
        black_box(client.accounts().check(&req).expect("typed call"));
    };
    let untyped = || {
        black_box(
            client
                .call_json("im_open_login_svc/account_check", body_value.clone())
                .expect("call_json"),
        );
    };

    // Warm up connections and caches.
    for _ in 0..200 {
        bare();
        typed();
        untyped();
    }
    let per_call = |f: &dyn Fn()| {
        let t = Instant::now();
        for _ in 0..calls {
            f();
        }
        t.elapsed().as_nanos() as f64 / f64::from(calls)
    };
    let (mut b, mut t, mut u) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..7 {
        b.push(per_call(&bare));
        t.push(per_call(&typed));
        u.push(per_call(&untyped));
    }
    let (b, t, u) = (median(b), median(t), median(u));
    println!("{calls} calls per round, 7 rounds alternating, median round:");
    println!(
        "{:<52} {:>9.1} us/call   (baseline)",
        "bare reqwest::blocking POST, same URL and body",
        b / 1000.0
    );
    println!(
        "{:<52} {:>9.1} us/call   {:>5.2}x baseline",
        "Client: accounts().check (typed)",
        t / 1000.0,
        t / b
    );
    println!(
        "{:<52} {:>9.1} us/call   {:>5.2}x baseline",
        "Client: call_json",
        u / 1000.0,
        u / b
    );
    emu.shutdown();
}
