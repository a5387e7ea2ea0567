//! The hourly message archive end to end against the emulator: 1,000 one-to-one messages over
//! an hour, `get_history`, the download verified and read back equal, streamed or through a
//! file; a corrupted or truncated download (from a local server) is an error naming the sum;
//! an expired address is HTTP 403; the download never carries the UserSig.

mod emu;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chatadmin_client::api::operation::{ChatType, GetHistory, HistoryFile};
use chatadmin_client::chatadmin_core::archive::{self, ArchivedMsg};
use chatadmin_client::{read_history_file, Client, ErrorKind, RateLimit};
use chatadmin_emulator::{Emulator, RateLimitMode};
use serde_json::json;

const APP: u64 = 1_400_000_321;
const KEY: &str = "archive-test-key";

fn setup() -> (Emulator, Client) {
    let emu = emu::emulator(APP, KEY, RateLimitMode::Off);
    let client = emu::builder(&emu, APP, KEY)
        .rate_limit(RateLimit::Off)
        .build()
        .unwrap();
    (emu, client)
}

/// The Beijing-time hour `YYYYMMDDHH` of unix time `t`.
fn hour_of(t: u64) -> String {
    chatadmin_core::clock::archive_hour(t)
}

type Key = (String, String, String, u64);

fn key_of(m: &ArchivedMsg) -> Key {
    let body = serde_json::to_value(&m.msg_body).unwrap();
    (
        m.from_account.clone(),
        m.to_account.clone().unwrap_or_default(),
        body[0]["MsgContent"]["Text"].as_str().unwrap().to_owned(),
        m.msg_random.unwrap(),
    )
}

/// 1,000 messages spread over one hour (3 s apart on the emulated clock), the hour then over.
fn thousand_messages(emu: &Emulator, client: &Client) -> (String, BTreeSet<Key>) {
    let c = emu.control();
    let now = c.now();
    c.advance_clock(3600 - now % 3600 + 30);
    client
        .call_json(
            "v4/im_open_login_svc/multiaccount_import",
            json!({"Accounts": ["alice", "bob", "carol", "dave"]}),
        )
        .unwrap();
    let people = ["alice", "bob", "carol", "dave"];
    let mut sent = BTreeSet::new();
    let mut hour = None;
    for i in 0..1000u64 {
        let (from, to) = (
            people[i as usize % 4],
            people[(i as usize + 1 + i as usize / 4) % 4],
        );
        let to = if to == from {
            people[(i as usize + 2) % 4]
        } else {
            to
        };
        let text = format!("message {i}: \"quoted\", commas, and a\nnewline ]}}");
        let v = client
            .call_json(
                "v4/openim/sendmsg",
                json!({"From_Account": from, "To_Account": to, "MsgRandom": 10_000 + i,
                       "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]}),
            )
            .unwrap();
        let h = hour_of(v["MsgTime"].as_u64().unwrap());
        assert_eq!(hour.get_or_insert_with(|| h.clone()), &h, "all in one hour");
        sent.insert((from.to_owned(), to.to_owned(), text, 10_000 + i));
        c.advance_clock(3);
    }
    c.advance_clock(3600);
    (hour.unwrap(), sent)
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("chatadmin-history-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A one-shot-per-connection HTTP server answering every GET with `body` (and
/// `Content-Length: len`); records each request head.
fn serve(body: Vec<u8>, status: u16) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&heads);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 1024];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&buf).into_owned());
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&body);
        }
    });
    (
        format!("http://{addr}/msg_history/2/abc.gz?sign=s3cr3t"),
        heads,
    )
}

#[test]
fn an_hour_of_a_thousand_messages_downloads_verifies_and_reads_back() {
    let (emu, client) = setup();
    let (hour, sent) = thousand_messages(&emu, &client);

    // Streamed: get_history, download, gunzip, read, all four sums checked.
    let mut stream = client.read_history(ChatType::C2C, &hour).unwrap();
    let streamed: Vec<ArchivedMsg> = stream.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(streamed.len(), 1000);
    assert_eq!(streamed.iter().map(key_of).collect::<BTreeSet<_>>(), sent);
    assert!(streamed
        .windows(2)
        .all(|p| p[0].msg_timestamp <= p[1].msg_timestamp));

    // Through a file.
    let files = client
        .operations()
        .history_files(&GetHistory::new(ChatType::C2C, hour.clone()))
        .unwrap()
        .file;
    assert_eq!(files.len(), 1);
    let f = &files[0];
    let dir = temp_dir("thousand");
    let path = dir.join("c2c.gz");
    let n = client.download_history_to(f, &path).unwrap();
    assert_eq!(n, f.gzip_size);
    assert!(!dir.join("c2c.gz.part").exists());
    let mut reader = read_history_file(&path, Some(f)).unwrap();
    assert_eq!(reader.header().msg_time, hour);
    assert_eq!(reader.header().sdk_app_id, APP);
    let from_file: Vec<ArchivedMsg> = reader.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(from_file, streamed);

    // To memory: the bytes are the announced ones.
    let mut bytes = Vec::new();
    client.download_history(f, &mut bytes).unwrap();
    assert_eq!(archive::md5_hex(&bytes), f.gzip_md5);

    // A file changed on disk after the download: its MD5 gives it away.
    let mut changed = bytes.clone();
    changed[10] ^= 1;
    std::fs::write(&path, &changed).unwrap();
    let e = read_history_file(&path, Some(f))
        .and_then(|r| r.collect::<Result<Vec<_>, _>>())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");

    // The address expires 12 hours after the answer: 403, an error that says so.
    emu.control().advance_clock(12 * 3600 + 5);
    let e = client.download_history(f, std::io::sink()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.to_string().contains("403"), "{e}");
    assert!(e.to_string().contains("expired"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupted_or_truncated_download_is_an_error_naming_the_sum() {
    let (emu, client) = setup();
    let (hour, _) = thousand_messages(&emu, &client);
    let good = client
        .operations()
        .history_files(&GetHistory::new(ChatType::C2C, hour))
        .unwrap()
        .file
        .remove(0);
    let mut bytes = Vec::new();
    client.download_history(&good, &mut bytes).unwrap();

    let elsewhere = |body: Vec<u8>| {
        let (url, heads) = serve(body, 200);
        (
            HistoryFile {
                url,
                ..good.clone()
            },
            heads,
        )
    };

    // One byte flipped in transit.
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    let (f, heads) = elsewhere(flipped);
    let dir = temp_dir("corrupt");
    let path = dir.join("x.gz");
    let e = client.download_history_to(&f, &path).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert!(e.to_string().contains("GzipMD5"), "{e}");
    assert!(
        !path.exists(),
        "a file that failed its check is not left behind"
    );
    assert!(!dir.join("x.gz.part").exists());
    // Streamed, the same corruption is an error before or at the end, never a panic.
    let e = archive::open_gzip(&flipped_again(&bytes)[..], Some(&f))
        .and_then(|r| r.collect::<Result<Vec<_>, _>>())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    // The download carried no UserSig, and errors do not show the address's signature.
    let head = heads.lock().unwrap()[0].clone();
    assert!(
        head.starts_with("GET /msg_history/2/abc.gz?sign=s3cr3t "),
        "{head}"
    );
    assert!(!head.to_lowercase().contains("usersig"), "{head}");
    assert!(!format!("{e:?}").contains("s3cr3t"));

    // Cut short (with a matching Content-Length): GzipSize.
    let (f, _) = elsewhere(bytes[..bytes.len() - 100].to_vec());
    let e = client.download_history(&f, Vec::new()).unwrap_err();
    assert!(e.to_string().contains("GzipSize"), "{e}");

    // Longer than announced: stops with GzipSize.
    let (f, _) = elsewhere([bytes.clone(), vec![0; 10]].concat());
    let e = client.download_history(&f, Vec::new()).unwrap_err();
    assert!(e.to_string().contains("GzipSize"), "{e}");

    // An HTML error page with status 200 instead of the file.
    let (f, _) = elsewhere(b"<html>Access Denied</html>".to_vec());
    let e = client.download_history(&f, Vec::new()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");

    // A 404 from the host: a transport error with the status, no signature shown.
    let (url, _) = serve(b"no such key".to_vec(), 404);
    let f = HistoryFile {
        url,
        ..good.clone()
    };
    let e = client.download_history(&f, Vec::new()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.to_string().contains("404"), "{e}");
    assert!(!format!("{e:?}").contains("s3cr3t"), "{e:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn flipped_again(b: &[u8]) -> Vec<u8> {
    let mut v = b.to_vec();
    let mid = v.len() / 2;
    v[mid] ^= 0x20;
    v
}
