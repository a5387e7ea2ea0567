//! A tiny HTTP/1.1 server on 127.0.0.1 for tests: canned replies per request, every hit
//! recorded, requests nobody expected answered with 404 and listed.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use chatadmin_core::region::percent_decode_component;
use serde_json::Value;

/// One request received.
#[derive(Debug, Clone)]
pub struct Hit {
    pub method: String,
    /// The wire path without `/v4/`: `sns/friend_delete`.
    pub path: String,
    pub query: HashMap<String, String>,
    pub headers: HashMap<String, String>,
    pub body: Value,
    pub at: Instant,
}

impl Hit {
    pub fn usersig(&self) -> &str {
        self.query.get("usersig").map_or("", String::as_str)
    }
}

/// What to answer.
pub enum Reply {
    /// HTTP 200 with this JSON.
    Json(Value),
    /// Any status with a text body.
    Status(u16, String),
    /// Bytes written as they are, then the connection is closed.
    Raw(Vec<u8>),
    /// Waits, then answers.
    After(Duration, Box<Reply>),
    /// Closes the connection without answering.
    Close,
}

impl Reply {
    pub fn ok() -> Reply {
        Reply::Json(serde_json::json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": ""}))
    }

    pub fn code(code: i64, info: &str) -> Reply {
        Reply::Json(
            serde_json::json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info}),
        )
    }
}

/// Decides the reply to a hit; `n` counts the hits of that path from 1. `None`: unexpected.
pub type Handler = dyn Fn(&Hit, usize) -> Option<Reply> + Send + Sync;

pub struct Mock {
    pub url: String,
    hits: Arc<Mutex<Vec<Hit>>>,
    unexpected: Arc<Mutex<Vec<String>>>,
}

impl Mock {
    pub fn start(handler: impl Fn(&Hit, usize) -> Option<Reply> + Send + Sync + 'static) -> Mock {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let unexpected = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (h, u) = (hits.clone(), unexpected.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (handler, h, u) = (handler.clone(), h.clone(), u.clone());
                thread::spawn(move || serve(conn, &*handler, &h, &u));
            }
        });
        Mock {
            url,
            hits,
            unexpected,
        }
    }

    /// Every hit so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    /// The number of hits of a path.
    pub fn count(&self, path: &str) -> usize {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.path == path)
            .count()
    }

    pub fn total(&self) -> usize {
        self.hits.lock().unwrap().len()
    }

    pub fn assert_nothing_unexpected(&self) {
        let u = self.unexpected.lock().unwrap();
        assert!(u.is_empty(), "unexpected requests: {u:?}");
    }
}

/// A port on 127.0.0.1 where nothing listens.
pub fn closed_port_url() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

fn serve(
    mut conn: TcpStream,
    handler: &Handler,
    hits: &Mutex<Vec<Hit>>,
    unexpected: &Mutex<Vec<String>>,
) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(hit) = read_request(&mut conn) else {
        return;
    };
    let n = {
        let mut hits = hits.lock().unwrap();
        hits.push(hit.clone());
        hits.iter().filter(|h| h.path == hit.path).count()
    };
    let reply = match handler(&hit, n) {
        Some(r) => r,
        None => {
            unexpected
                .lock()
                .unwrap()
                .push(format!("{} {}", hit.method, hit.path));
            Reply::Status(404, "no handler".into())
        }
    };
    write_reply(&mut conn, reply);
}

fn write_reply(conn: &mut TcpStream, reply: Reply) {
    let bytes = match reply {
        Reply::Json(v) => response(200, "application/json", v.to_string().as_bytes()),
        Reply::Status(code, text) => response(code, "text/html", text.as_bytes()),
        Reply::Raw(b) => b,
        Reply::After(d, r) => {
            thread::sleep(d);
            return write_reply(conn, *r);
        }
        Reply::Close => return,
    };
    let _ = conn.write_all(&bytes);
    let _ = conn.flush();
}

fn response(code: u16, ctype: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {code} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn read_request(conn: &mut TcpStream) -> Option<Hit> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| {
            (
                k.to_owned(),
                percent_decode_component(v).unwrap_or_else(|_| v.to_owned()),
            )
        })
        .collect();
    Some(Hit {
        method,
        path: path.trim_start_matches("/v4/").to_owned(),
        query,
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        at: Instant::now(),
    })
}

/// Captures `tracing` output (all levels) of the current thread.
pub struct LogCapture(Arc<Mutex<Vec<u8>>>);

#[derive(Clone)]
pub struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl LogCapture {
    /// Runs `f` with a TRACE-level subscriber writing into the capture.
    pub fn run<T>(f: impl FnOnce() -> T) -> (T, String) {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = LogWriter(buf.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let out = tracing::subscriber::with_default(subscriber, f);
        let text = String::from_utf8_lossy(&buf.lock().unwrap()).into_owned();
        (out, text)
    }
}
