//! Generating: the signed content, its HMAC, the JSON document.
//!
//! The document has a fixed shape, so it is written directly (no JSON value tree), and the
//! HMAC starts from a keyed state that a [`super::Signer`] computes once per key.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::encoding::{encode_tls_base64, zlib_compress, zlib_stored, ZlibLevel};
use super::VERSION;
use crate::secret::{SecretKey, UserSig};

/// HMAC-SHA256 keyed with the secret key: the inner and outer pads are absorbed, so a clone
/// signs a content with only the content's own SHA-256 blocks.
pub(super) type KeyedMac = Hmac<Sha256>;

pub(super) fn keyed_mac(key: &SecretKey) -> KeyedMac {
    <KeyedMac as Mac>::new_from_slice(key.expose_secret().as_bytes())
        .expect("HMAC accepts keys of any length")
}

/// The exact text the HMAC covers; every generator builds it the same way, so it is the one
/// thing that must match byte for byte.
pub(super) fn content_to_sign(
    identifier: &str,
    sdkappid: u64,
    time: u64,
    expire: u64,
    userbuf_b64: Option<&str>,
) -> String {
    let mut n = itoa::Buffer::new();
    let mut s =
        String::with_capacity(96 + identifier.len() + userbuf_b64.map_or(0, |b| b.len() + 14));
    s.push_str("TLS.identifier:");
    s.push_str(identifier);
    s.push_str("\nTLS.sdkappid:");
    s.push_str(n.format(sdkappid));
    s.push_str("\nTLS.time:");
    s.push_str(n.format(time));
    s.push_str("\nTLS.expire:");
    s.push_str(n.format(expire));
    s.push('\n');
    if let Some(b) = userbuf_b64 {
        s.push_str("TLS.userbuf:");
        s.push_str(b);
        s.push('\n');
    }
    s
}

/// The HMAC of `content` from a keyed state (the state itself is left as it was).
pub(super) fn sign(mac: &KeyedMac, content: &str) -> [u8; 32] {
    let mut mac = mac.clone();
    mac.update(content.as_bytes());
    mac.finalize().into_bytes().into()
}

/// Appends `s` as a JSON string literal, escaped exactly as `serde_json` escapes it (`"`,
/// `\\`, the short forms `\b \f \n \r \t`, other control characters as `\u00xx`), so the
/// document is byte-identical to the one the value-tree version of this module wrote.
fn push_json_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.push(b'\\');
        out.push(short);
        if short == b'u' {
            out.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The compact JSON document, keys in the order of the official libraries so the output is
/// recognisable side by side.
fn document(
    identifier: &str,
    sdkappid: u64,
    expire: u64,
    time: u64,
    userbuf_b64: Option<&str>,
    sig_b64: &str,
) -> Zeroizing<Vec<u8>> {
    let mut n = itoa::Buffer::new();
    let mut d = Zeroizing::new(Vec::with_capacity(
        160 + identifier.len() * 2 + userbuf_b64.map_or(0, |b| b.len() + 16),
    ));
    d.extend_from_slice(b"{\"TLS.ver\":\"");
    d.extend_from_slice(VERSION.as_bytes());
    d.extend_from_slice(b"\",\"TLS.identifier\":");
    push_json_string(&mut d, identifier);
    d.extend_from_slice(b",\"TLS.sdkappid\":");
    d.extend_from_slice(n.format(sdkappid).as_bytes());
    d.extend_from_slice(b",\"TLS.expire\":");
    d.extend_from_slice(n.format(expire).as_bytes());
    d.extend_from_slice(b",\"TLS.time\":");
    d.extend_from_slice(n.format(time).as_bytes());
    if let Some(b) = userbuf_b64 {
        // Standard base64: nothing to escape.
        d.extend_from_slice(b",\"TLS.userbuf\":\"");
        d.extend_from_slice(b.as_bytes());
        d.push(b'"');
    }
    d.extend_from_slice(b",\"TLS.sig\":\"");
    d.extend_from_slice(sig_b64.as_bytes());
    d.extend_from_slice(b"\"}");
    d
}

pub(super) fn generate_inner(
    mac: &KeyedMac,
    level: ZlibLevel,
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
    let mac = Zeroizing::new(sign(mac, &content));
    let sig = Zeroizing::new(STANDARD.encode(*mac));
    let json = document(
        identifier,
        sdkappid,
        expire_secs,
        now,
        userbuf_b64.as_deref(),
        &sig,
    );
    let z = match level {
        ZlibLevel::Stored => zlib_stored(&json),
        ZlibLevel::Default => zlib_compress(&json),
    };
    UserSig::new(encode_tls_base64(&z))
}

/// Generates a UserSig valid from `now` (Unix seconds) for `expire_secs` seconds.
///
/// The clock is an argument so that callers and tests decide what "now" is. The result is
/// identical in fields and `TLS.sig` to what the official libraries produce for the same
/// inputs. An empty key is not rejected here (the official libraries sign with it too), but
/// [`verify`](super::verify) refuses it.
///
/// The zlib layer is [`ZlibLevel::Default`] (level 6, as the official Python, Java and C++
/// libraries emit; the documented test vectors pin it). Code that signs often should keep a
/// [`Signer`](super::Signer), which keys the HMAC once and emits stored blocks: the same
/// fields and `TLS.sig`, several times faster.
pub fn generate(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    expire_secs: u64,
    now: u64,
) -> UserSig {
    generate_inner(
        &keyed_mac(key),
        ZlibLevel::Default,
        sdkappid,
        identifier,
        expire_secs,
        now,
        None,
    )
}

/// Generates a UserSig that also binds `userbuf` (e.g. a PrivateMapKey userbuf).
///
/// An empty `userbuf` is still included (as `"TLS.userbuf":""`), as the official libraries do
/// for an empty but present buffer. The zlib layer is level 6, as for [`generate`].
pub fn generate_with_userbuf(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    expire_secs: u64,
    now: u64,
    userbuf: &[u8],
) -> UserSig {
    generate_inner(
        &keyed_mac(key),
        ZlibLevel::Default,
        sdkappid,
        identifier,
        expire_secs,
        now,
        Some(userbuf),
    )
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
    #[test]
    fn document_matches_a_serde_json_object() {
        // The hand-written document against the value tree it replaces, escapes included.
        for id in [
            "0",
            "user_1",
            "a\"b\\c/d",
            "\u{0}\u{1f}\u{7f}\u{8}\u{c}\n\r\t",
            "用户 é",
            "",
        ] {
            for ub in [None, Some("YWJj"), Some("")] {
                let ours = document(id, 1_400_000_000, 86_400, 1_700_000_000, ub, "c2ln");
                let mut m = serde_json::Map::new();
                m.insert("TLS.ver".into(), "2.0".into());
                m.insert("TLS.identifier".into(), id.into());
                m.insert("TLS.sdkappid".into(), 1_400_000_000u64.into());
                m.insert("TLS.expire".into(), 86_400u64.into());
                m.insert("TLS.time".into(), 1_700_000_000u64.into());
                if let Some(b) = ub {
                    m.insert("TLS.userbuf".into(), b.into());
                }
                m.insert("TLS.sig".into(), "c2ln".into());
                let want = serde_json::Value::Object(m).to_string();
                assert_eq!(std::str::from_utf8(&ours).unwrap(), want, "{id:?}");
            }
        }
    }
}
