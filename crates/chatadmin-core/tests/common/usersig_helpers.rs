// Shared by tests/usersig.rs and tests/usersig_negative.rs (included with `include!`).

use std::io::{Read as _, Write as _};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chatadmin_core::usersig::*;
#[allow(unused_imports)]
use chatadmin_core::{SecretKey, UserSig};
use hmac::{Hmac, Mac};
#[allow(unused_imports)]
use proptest::prelude::*;
use serde_json::Value;
use sha2::Sha256;

const VECTORS: &str = include_str!("../data/usersig_vectors.json");

struct Common {
    sdkappid: u64,
    key: SecretKey,
    key_text: String,
    identifier: String,
    time: u64,
    expire: u64,
}

fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("vectors file is JSON")
}

fn common() -> Common {
    let v = vectors();
    let c = &v["common"];
    let key_text = c["key"].as_str().unwrap().to_owned();
    Common {
        sdkappid: c["sdkappid"].as_u64().unwrap(),
        key: SecretKey::new(key_text.clone()),
        key_text,
        identifier: c["identifier"].as_str().unwrap().to_owned(),
        time: c["time"].as_u64().unwrap(),
        expire: c["expire"].as_u64().unwrap(),
    }
}

fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_str()
        .unwrap_or_else(|| panic!("vector {path:?} missing"))
}

fn unhex(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect()
}

/// An independent signer (not the module's), so the tests do not just agree with themselves.
fn hmac_b64(key: &str, content: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(content.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

fn content(identifier: &str, sdkappid: u64, time: u64, expire: u64, ub: Option<&str>) -> String {
    let mut c = format!(
        "TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{time}\nTLS.expire:{expire}\n"
    );
    if let Some(b) = ub {
        c.push_str(&format!("TLS.userbuf:{b}\n"));
    }
    c
}

fn zlib(data: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn unzlib(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn tls_b64(data: &[u8]) -> String {
    STANDARD
        .encode(data)
        .replace('+', "*")
        .replace('/', "-")
        .replace('=', "_")
}

fn tls_unb64(s: &str) -> Vec<u8> {
    STANDARD
        .decode(s.replace('*', "+").replace('-', "/").replace('_', "="))
        .unwrap()
}

/// Wraps a JSON text the way a generator would.
fn wrap(json: &str, level: u32) -> String {
    tls_b64(&zlib(json.as_bytes(), level))
}

fn expected(c: &Common, now: u64, userbuf: UserbufCheck<'static>) -> Expected<'static> {
    Expected {
        sdkappid: c.sdkappid,
        identifier: Box::leak(c.identifier.clone().into_boxed_str()),
        now,
        userbuf,
    }
}

fn fail(key: &SecretKey, sig: &str, exp: &Expected<'_>) -> UserSigError {
    match verify(key, sig, exp) {
        Ok(d) => panic!("expected a failure, got {d:?}"),
        Err(e) => e,
    }
}

fn assert_v1_fields(d: &DecodedUserSig, c: &Common, sig: &str) {
    assert_eq!(d.version, "2.0");
    assert_eq!(d.identifier, c.identifier);
    assert_eq!(d.sdkappid, c.sdkappid);
    assert_eq!(d.time, c.time);
    assert_eq!(d.expire, c.expire);
    assert_eq!(d.sig_base64(), sig);
    assert!(d.extra.is_empty());
}

fn malformed_stage(e: &UserSigError) -> (MalformedStage, String) {
    match e {
        UserSigError::Malformed { stage, detail } => (*stage, detail.clone()),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

/// A valid V1-like document built by hand, so each variation is signed correctly.
fn v1_doc_parts() -> (Common, String) {
    let c = common();
    let sig = hmac_b64(
        &c.key_text,
        &content(&c.identifier, c.sdkappid, c.time, c.expire, None),
    );
    (c, sig)
}
