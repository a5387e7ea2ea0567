//! `cargo bench -p chatadmin-client --bench bulk_import` (or `benches/bulk_import.sh`):
//! imports `BENCH_ACCOUNTS` (default 100,000) accounts with one `import_many` call through
//! the emulator with its documented rate limits on and the client's limiter on
//! (`RateLimit::Documented`, no retries, so a rate-limit error would surface as a failure).
//! The bound is accounts / 100 per batch / 100 calls per second, the documented
//! `multiaccount_import` limits; the figure is the elapsed time against it. It takes that
//! long (10 s for 100,000 accounts) on purpose. No assertions: a measurement, not a test.

use std::time::{Duration, Instant};

use chatadmin_client::api::account::MultiAccountImport;
use chatadmin_client::{registry, Client, RateLimit, RetryPolicy};
use chatadmin_emulator::{Emulator, EmulatorConfig, RateLimitMode};

const APP: u64 = 1_400_000_003;
const KEY: &str = "bench-secret-key-0123456789abcdef";
const PATH: &str = "im_open_login_svc/multiaccount_import";

fn main() {
    let n: usize = std::env::var("BENCH_ACCOUNTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut config = EmulatorConfig::new(APP, KEY);
    config.rate_limit = RateLimitMode::Documented;
    let emu = Emulator::start(config).expect("emulator starts");
    let client = Client::builder(APP)
        .secret_key(KEY)
        .base_url(emu.base_url())
        .rate_limit(RateLimit::Documented)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(3600))
        .build()
        .expect("client builds");
    let meta = registry::find(PATH).expect("endpoint is registered").meta();
    let batch = 100usize;
    let rate = f64::from(meta.rate_limit_per_sec);
    let calls = n.div_ceil(batch);
    let bound = calls as f64 / rate;

    let ids: Vec<String> = (0..n).map(|i| format!("bulk_{i:07}")).collect();
    let t = Instant::now();
    let result = client.accounts().import_many(&MultiAccountImport::ids(ids));
    let elapsed = t.elapsed().as_secs_f64();
    let hits = emu.control().hits(PATH);
    let (ok, failed) = match &result {
        Ok(r) => (true, r.fail_accounts.len()),
        Err(_) => (false, n),
    };
    println!(
        "{n} accounts, {calls} calls of {batch}, documented rate {rate} calls/s: bound {bound:.2} s"
    );
    println!(
        "elapsed {elapsed:.2} s = {:.3}x the bound; {hits} calls reached the emulator; \
         {} rate-limit or other errors; {failed} accounts failed",
        elapsed / bound,
        if ok {
            hits.saturating_sub(calls as u64)
        } else {
            1
        }
    );
    if let Err(e) = result {
        println!("error: {e}");
    }
    let imported = (0..n)
        .step_by(997)
        .all(|i| emu.control().account_exists(&format!("bulk_{i:07}")));
    println!(
        "spot check of imported accounts: {}",
        if imported { "all present" } else { "MISSING" }
    );
    emu.shutdown();
}
