//! A tiny blocking HTTP/1.1 client over `std::net::TcpStream`, and a harness that signs
//! calls the way the service expects. Tests talk only to 127.0.0.1.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chatadmin_core::usersig;
use chatadmin_core::SecretKey;
use chatadmin_emulator::{Emulator, EmulatorConfig, RateLimitMode};
use serde_json::Value;

pub const SDKAPPID: u64 = 1_400_000_001;
pub const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

/// An HTTP response.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request (with `Connection: close`) and reads the whole answer. An error means no
/// (complete) HTTP response came back.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    body: &[u8],
) -> std::io::Result<HttpResponse> {
    request_with_timeout(addr, method, target, body, Duration::from_secs(10))
}

/// Like [`request`], giving up reading after `timeout`.
pub fn request_with_timeout(
    addr: SocketAddr,
    method: &str,
    target: &str,
    body: &[u8],
    timeout: Duration,
) -> std::io::Result<HttpResponse> {
    let mut tcp = TcpStream::connect(addr)?;
    tcp.set_read_timeout(Some(timeout))?;
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    tcp.write_all(head.as_bytes())?;
    tcp.write_all(body)?;
    let mut raw = Vec::new();
    tcp.read_to_end(&mut raw)?;
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> std::io::Result<HttpResponse> {
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, m.to_owned());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no complete HTTP response head"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(|| bad("empty head"))?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if let Some(len) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        if body.len() < len {
            return Err(bad("body shorter than Content-Length"));
        }
        body.truncate(len);
    }
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A UserSig made with `key` for `sdkappid`/`identifier`, valid for a day from now.
pub fn sig_with(key: &str, sdkappid: u64, identifier: &str) -> String {
    usersig::generate(&SecretKey::new(key), sdkappid, identifier, 86_400, now()).into_string()
}

/// A running emulator and the means to call it.
pub struct Harness {
    pub emu: Emulator,
    pub sig: String,
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with_rate_limit(RateLimitMode::Documented)
    }

    pub fn with_rate_limit(mode: RateLimitMode) -> Harness {
        let mut config = EmulatorConfig::new(SDKAPPID, KEY);
        config.rate_limit = mode;
        let emu = Emulator::start(config).expect("emulator starts");
        let sig = sig_with(KEY, SDKAPPID, "administrator");
        Harness { emu, sig }
    }

    pub fn addr(&self) -> SocketAddr {
        self.emu.addr()
    }

    /// The request target of a correctly signed call.
    pub fn target(&self, wire_path: &str) -> String {
        target(wire_path, SDKAPPID, "administrator", &self.sig)
    }

    /// A correctly signed call; returns the JSON body (the HTTP status must be 200).
    pub fn call(&self, wire_path: &str, body: Value) -> Value {
        let resp = request(
            self.addr(),
            "POST",
            &self.target(wire_path),
            body.to_string().as_bytes(),
        )
        .expect("HTTP exchange");
        assert_eq!(resp.status, 200, "{wire_path}: HTTP status");
        resp.json()
    }

    /// A call with a raw body and target; returns the JSON envelope.
    pub fn raw(&self, target: &str, body: &[u8]) -> Value {
        let resp = request(self.addr(), "POST", target, body).expect("HTTP exchange");
        assert_eq!(resp.status, 200, "{target}: HTTP status");
        resp.json()
    }
}

pub fn target(wire_path: &str, sdkappid: u64, identifier: &str, sig: &str) -> String {
    format!(
        "/v4/{wire_path}?sdkappid={sdkappid}&identifier={identifier}&usersig={sig}&random={}&contenttype=json",
        rand_u32()
    )
}

fn rand_u32() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(1);
    N.fetch_add(7919, Ordering::Relaxed)
}

/// `ErrorCode` of an envelope.
pub fn code(v: &Value) -> i64 {
    v["ErrorCode"]
        .as_i64()
        .unwrap_or_else(|| panic!("no ErrorCode in {v}"))
}

/// Asserts a failure envelope with `expected` and returns its `ErrorInfo`.
pub fn assert_fail(v: &Value, expected: i64) -> String {
    assert_eq!(code(v), expected, "{v}");
    assert_eq!(v["ActionStatus"], "FAIL", "{v}");
    v["ErrorInfo"].as_str().unwrap_or_default().to_owned()
}

pub fn assert_ok(v: &Value) {
    assert_eq!(code(v), 0, "{v}");
    assert_eq!(v["ActionStatus"], "OK", "{v}");
}

/// Imports `ids` through `multiaccount_import`, 100 per call.
pub fn import_accounts(h: &Harness, ids: &[String]) {
    for chunk in ids.chunks(100) {
        assert_ok(&h.call(
            "im_open_login_svc/multiaccount_import",
            serde_json::json!({ "Accounts": chunk }),
        ));
    }
}

/// `n` account names: `{prefix}0000`, `{prefix}0001`, ...
pub fn names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:04}")).collect()
}
