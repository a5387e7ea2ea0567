//! `cargo bench -p chatadmin-client --bench emulator_throughput`: how many simple calls per
//! second the in-process emulator answers, driven by a Rust load generator in the same
//! process: `BENCH_CONNS` (default 16) keep-alive HTTP/1.1 connections driven by a hyper
//! client on one thread, posting `account_check` for `BENCH_SECS` (default 5) seconds. The baseline printed next to it is the same loop against a minimal hyper server
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

/// Calls per second over `secs`, from `conns` keep-alive HTTP/1.1 connections driven by one
/// single-threaded tokio runtime (a hyper client), posting to `url`.
fn load(url: &str, conns: u64, secs: u64) -> (f64, u64) {
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, target) = rest.split_at(rest.find('/').expect("a path"));
    let (host, target) = (host.to_owned(), target.to_owned());
    let addr: std::net::SocketAddr = host.parse().expect("a socket address");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicU64::new(0));
        let errors = Arc::new(AtomicU64::new(0));
        let mut tasks = Vec::new();
        for _ in 0..conns {
            let (stop, done, errors) = (stop.clone(), done.clone(), errors.clone());
            let (host, target) = (host.clone(), target.clone());
            tasks.push(tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
                stream.set_nodelay(true).expect("nodelay");
                let (mut sender, conn) =
                    hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                        .await
                        .expect("handshake");
                tokio::spawn(conn);
                while !stop.load(Ordering::Relaxed) {
                    let req = hyper::Request::post(target.as_str())
                        .header("host", host.as_str())
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from_static(BODY.as_bytes())))
                        .expect("request");
                    let ok = match sender.send_request(req).await {
                        Ok(resp) => match resp.into_body().collect().await {
                            Ok(b) => b.to_bytes().windows(14).any(|w| w == b"\"ErrorCode\":0,"),
                            Err(_) => false,
                        },
                        Err(_) => false,
                    };
                    if ok {
                        done.fetch_add(1, Ordering::Relaxed);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                }
            }));
        }
        // A warm-up second, then the measured window.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (n0, t0) = (done.load(Ordering::Relaxed), Instant::now());
        tokio::time::sleep(Duration::from_secs(secs)).await;
        let (n1, t1) = (done.load(Ordering::Relaxed), Instant::now());
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            let _ = t.await;
        }
        (
            (n1 - n0) as f64 / (t1 - t0).as_secs_f64(),
            errors.load(Ordering::Relaxed),
        )
    })
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
    let threads = env_or("BENCH_CONNS", 16);
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
    println!("{threads} keep-alive connections from a one-thread hyper client, {secs} s each, {cores} cores (load generator and server share them):");
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
