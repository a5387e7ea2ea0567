//! Generating: the signed content, its HMAC, the JSON document.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::encoding::{encode_tls_base64, zlib_compress};
use super::VERSION;
use crate::secret::{SecretKey, UserSig};

/// The exact text the HMAC covers; every generator builds it the same way, so it is the one
/// thing that must match byte for byte.
pub(super) fn content_to_sign(
    identifier: &str,
    sdkappid: u64,
    time: u64,
    expire: u64,
    userbuf_b64: Option<&str>,
) -> String {
    let mut s = format!(
        "TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{time}\nTLS.expire:{expire}\n"
    );
    if let Some(b) = userbuf_b64 {
        s.push_str("TLS.userbuf:");
        s.push_str(b);
        s.push('\n');
    }
    s
}

pub(super) fn hmac_sha256(key: &SecretKey, content: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose_secret().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(content.as_bytes());
    mac.finalize().into_bytes().into()
}

fn generate_inner(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    expire_secs: u64,
    now: u64,
    userbuf: Option<&[u8]>,
) -> UserSig {
    let userbuf_b64 = userbuf.map(|b| STANDARD.encode(b));
    let content = content_to_sign(
        identifier,
        sdkappid,
        now,
        expire_secs,
        userbuf_b64.as_deref(),
    );
    let sig = Zeroizing::new(STANDARD.encode(hmac_sha256(key, &content)));

    // Same key order as the official libraries, so the output is recognisable side by side.
    let mut doc = Map::new();
    doc.insert("TLS.ver".into(), VERSION.into());
    doc.insert("TLS.identifier".into(), identifier.into());
    doc.insert("TLS.sdkappid".into(), sdkappid.into());
    doc.insert("TLS.expire".into(), expire_secs.into());
    doc.insert("TLS.time".into(), now.into());
    if let Some(b) = userbuf_b64 {
        doc.insert("TLS.userbuf".into(), b.into());
    }
    doc.insert("TLS.sig".into(), sig.as_str().into());
    let json = Zeroizing::new(Value::Object(doc).to_string());
    UserSig::new(encode_tls_base64(&zlib_compress(json.as_bytes())))
}

/// Generates a UserSig valid from `now` (Unix seconds) for `expire_secs` seconds.
///
/// The clock is an argument so that callers and tests decide what "now" is. The result is
/// identical in fields and `TLS.sig` to what the official libraries produce for the same
/// inputs. An empty key is not rejected here (the official libraries sign with it too), but
/// [`verify`] refuses it.
pub fn generate(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    expire_secs: u64,
    now: u64,
) -> UserSig {
    generate_inner(key, sdkappid, identifier, expire_secs, now, None)
}

/// Generates a UserSig that also binds `userbuf` (e.g. a PrivateMapKey userbuf).
///
/// An empty `userbuf` is still included (as `"TLS.userbuf":""`), as the official libraries do
/// for an empty but present buffer.
pub fn generate_with_userbuf(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    expire_secs: u64,
    now: u64,
    userbuf: &[u8],
) -> UserSig {
    generate_inner(key, sdkappid, identifier, expire_secs, now, Some(userbuf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_matches_the_spec_vectors() {
        assert_eq!(
            content_to_sign("0", 1_400_000_000, 1_569_910_200, 15_552_000, None),
            "TLS.identifier:0\nTLS.sdkappid:1400000000\nTLS.time:1569910200\nTLS.expire:15552000\n"
        );
        assert_eq!(
            content_to_sign("0", 1_400_000_000, 1_569_910_200, 15_552_000, Some("YWJj")),
            "TLS.identifier:0\nTLS.sdkappid:1400000000\nTLS.time:1569910200\nTLS.expire:15552000\nTLS.userbuf:YWJj\n"
        );
    }
}
