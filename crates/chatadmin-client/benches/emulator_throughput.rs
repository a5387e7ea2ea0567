//! `cargo bench -p chatadmin-client --bench emulator_throughput`: how many simple calls per
//! second the in-process emulator answers, driven by a Rust load generator in the same
//! process: `BENCH_THREADS` (default 8) threads, each with its own keep-alive
//! `reqwest::blocking` connection, posting `account_check` for `BENCH_SECS` (default 5)
//! seconds. The baseline printed next to it is the same loop against a minimal hyper server
//! that answers a fixed body without parsing anything, so the ratio says how much of the
//! machine the emulator's own work takes. No assertions: a measurement, not a test.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chatadmin_client::chatadmin_core::region::{request_url, CallParams};
use chatadmin_client::chatadmin_core::usersig;
use chatadmin_client::SecretKey;
use chatadmin_emulator::{Emulator, EmulatorConfig, RateLimitMode};

const APP: u64 = 1_400_000_002;
const KEY: &str = "bench-secret-key-0123456789abcdef";
const BODY: &str = r#"{"CheckItem":[{"UserID":"alice"}]}"#;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Calls per second over `secs`, from `threads` keep-alive clients posting to `url`.
fn load(url: &str, threads: u64, secs: u64) -> (f64, u64) {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (url, stop, done, errors) =
                (url.to_owned(), stop.clone(), done.clone(), errors.clone());
            std::thread::spawn(move || {
                let http = reqwest::blocking::Client::new();
                while !stop.load(Ordering::Relaxed) {
                    match http
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(BODY)
                        .send()
                        .and_then(|r| r.bytes())
                    {
                        Ok(b) if b.windows(14).any(|w| w == b"\"ErrorCode\":0,") => {
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                        _ => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    // Warm-up second, then the measured window.
    std::thread::sleep(Duration::from_secs(1));
    let (n0, t0) = (done.load(Ordering::Relaxed), Instant::now());
    std::thread::sleep(Duration::from_secs(secs));
    let (n1, t1) = (done.load(Ordering::Relaxed), Instant::now());
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }
    (
        (n1 - n0) as f64 / (t1 - t0).as_secs_f64(),
        errors.load(Ordering::Relaxed),
    )
}

/// A hyper server that answers every request with a fixed success envelope.
fn fixed_server() -> String {
    use http_body_util::Full;
    use hyper::body::Bytes;
    use hyper::service::service_fn;
    use hyper::{Request, Response};
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                tokio::spawn(async move {
                    let svc = service_fn(|_req: Request<hyper::body::Incoming>| async {
                        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(
                            br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[]}"#,
                        ))))
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
    });
    format!("http://{}", rx.recv().expect("server address"))
}

fn main() {
    let threads = env_or("BENCH_THREADS", 8);
    let secs = env_or("BENCH_SECS", 5);
    let mut config = EmulatorConfig::new(APP, KEY);
    config.rate_limit = RateLimitMode::Off;
    let emu = Emulator::start(config).expect("emulator starts");
    emu.control().add_account("alice");
    let sig = usersig::generate(
        &SecretKey::new(KEY),
        APP,
        "administrator",
        86_400,
        emu.control().now(),
    );
    let params = CallParams {
        sdkappid: APP,
        identifier: "administrator",
        usersig: sig.expose_secret(),
        random: 1,
    };
    let emu_url = request_url(
        &emu.base_url(),
        "v4/im_open_login_svc/account_check",
        &params,
        &[],
    );
    let fixed_url = request_url(
        &fixed_server(),
        "v4/im_open_login_svc/account_check",
        &params,
        &[],
    );

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{threads} load threads, keep-alive, {secs} s each, {cores} cores (load generator and server share them):");
    let (fixed, fe) = load(&fixed_url, threads, secs);
    println!(
        "{:<48} {:>9.0} calls/s   (baseline, {fe} errors)",
        "hyper server answering a fixed body", fixed
    );
    let (rate, ee) = load(&emu_url, threads, secs);
    println!(
        "{:<48} {:>9.0} calls/s   {:>5.2}x baseline ({ee} errors)",
        "emulator: account_check (UserSig verified)",
        rate,
        rate / fixed
    );
    emu.shutdown();
}
