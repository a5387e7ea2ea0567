//! Decoding a UserSig without a key: the document and its fields.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::encoding::{decode_outer_base64, describe_base64_error, zlib_inflate, LENIENT_PAD};
use super::error::{field_error, malformed, MalformedStage, UserSigError};
use super::private_map_key::{parse_private_map_userbuf, PrivateMap};
use super::VERSION;

const KNOWN_KEYS: [&str; 7] = [
    "TLS.ver",
    "TLS.identifier",
    "TLS.sdkappid",
    "TLS.expire",
    "TLS.time",
    "TLS.userbuf",
    "TLS.sig",
];

/// A decoded (not yet verified) UserSig.
///
/// The MAC is private and redacted from `Debug`: together with the public fields it is the
/// credential itself, so reading it takes the explicit [`DecodedUserSig::sig_base64`].
#[derive(Clone)]
pub struct DecodedUserSig {
    /// `TLS.ver`; always `"2.0"` since other versions are rejected.
    pub version: String,
    /// `TLS.identifier`.
    pub identifier: String,
    /// `TLS.sdkappid`.
    pub sdkappid: u64,
    /// `TLS.time`: Unix seconds at signing.
    pub time: u64,
    /// `TLS.expire`: seconds of validity.
    pub expire: u64,
    /// `TLS.userbuf`, base64-decoded, when present.
    pub userbuf: Option<Vec<u8>>,
    pub(super) sig: Zeroizing<String>,
    /// Fields other than the `TLS.*` ones above, kept in document order.
    pub extra: Map<String, Value>,
}

impl fmt::Debug for DecodedUserSig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodedUserSig")
            .field("version", &self.version)
            .field("identifier", &self.identifier)
            .field("sdkappid", &self.sdkappid)
            .field("time", &self.time)
            .field("expire", &self.expire)
            .field("userbuf", &self.userbuf)
            .field("sig", &format_args!("<redacted>"))
            .field("extra", &self.extra)
            .finish()
    }
}

impl DecodedUserSig {
    /// `time + expire`, the last second of validity (saturating, since both come from the
    /// untrusted document).
    pub fn expires_at(&self) -> u64 {
        self.time.saturating_add(self.expire)
    }

    /// `TLS.sig`, the base64 HMAC. Together with the other fields this rebuilds the UserSig,
    /// so treat it as a secret.
    pub fn sig_base64(&self) -> &str {
        &self.sig
    }

    /// The PrivateMapKey decoded from the userbuf, when there is one. A userbuf that is not
    /// a PrivateMapKey (plain UserSigs may carry any bytes) yields `Some(Err(..))`.
    pub fn private_map(&self) -> Option<Result<PrivateMap, UserSigError>> {
        self.userbuf.as_deref().map(parse_private_map_userbuf)
    }

    /// The decoded document with the `TLS.*` keys in the official order (`TLS.userbuf` as
    /// standard base64), followed by any extra keys. Contains `TLS.sig`: it is a credential.
    pub fn to_json(&self) -> Value {
        let mut doc = Map::new();
        doc.insert("TLS.ver".into(), self.version.clone().into());
        doc.insert("TLS.identifier".into(), self.identifier.clone().into());
        doc.insert("TLS.sdkappid".into(), self.sdkappid.into());
        doc.insert("TLS.expire".into(), self.expire.into());
        doc.insert("TLS.time".into(), self.time.into());
        if let Some(b) = &self.userbuf {
            doc.insert("TLS.userbuf".into(), STANDARD.encode(b).into());
        }
        doc.insert("TLS.sig".into(), self.sig.as_str().into());
        for (k, v) in &self.extra {
            doc.insert(k.clone(), v.clone());
        }
        Value::Object(doc)
    }
}

/// Reads an unsigned integer field. Numeric strings are accepted because some generators
/// (older Java versions) write `TLS.time` as a string.
fn uint_field(doc: &Map<String, Value>, name: &str) -> Result<u64, UserSigError> {
    match doc.get(name) {
        None => Err(field_error(format!("{name} is missing"))),
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| field_error(format!("{name} is not an unsigned integer"))),
        Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s
            .parse::<u64>()
            .map_err(|_| field_error(format!("{name} is too large for 64 bits"))),
        Some(_) => Err(field_error(format!("{name} is not an unsigned integer"))),
    }
}

fn parse_document(doc: Map<String, Value>) -> Result<DecodedUserSig, UserSigError> {
    match doc.get("TLS.ver") {
        Some(Value::String(v)) if v == VERSION => {}
        Some(Value::String(v)) => {
            // Echo only what looks like a version number: the document is untrusted and a
            // mangled one could carry a credential in any field.
            let shown = if v.len() <= 12 && v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                format!("{v:?}")
            } else {
                "not a known version".to_owned()
            };
            return Err(field_error(format!(
                "TLS.ver is {shown}, only \"2.0\" (TLSSigAPIv2, HMAC-SHA256) is supported"
            )));
        }
        Some(_) => return Err(field_error("TLS.ver is not a string")),
        None if doc.contains_key("TLS.version") => {
            return Err(field_error(
                "this is a version 1 UserSig (ECDSA, has TLS.version), only TLSSigAPIv2 \
                 (HMAC-SHA256) is supported",
            ))
        }
        None => return Err(field_error("TLS.ver is missing")),
    }

    // Identifiers are strings; an integer is accepted because a loosely typed generator
    // (JavaScript, PHP) passed a numeric user id straight through, and its decimal form is
    // what that generator signed.
    let identifier = match doc.get("TLS.identifier") {
        None => return Err(field_error("TLS.identifier is missing")),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        Some(_) => return Err(field_error("TLS.identifier is not a string")),
    };
    let sdkappid = uint_field(&doc, "TLS.sdkappid")?;
    let expire = uint_field(&doc, "TLS.expire")?;
    let time = uint_field(&doc, "TLS.time")?;

    // null is read as absent: harmless, since the HMAC then covers no userbuf either.
    let userbuf = match doc.get("TLS.userbuf") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(LENIENT_PAD.decode(s).map_err(|e| {
            field_error(format!(
                "TLS.userbuf is not base64: {}",
                describe_base64_error(&e)
            ))
        })?),
        Some(_) => return Err(field_error("TLS.userbuf is not a string")),
    };

    // Only the type is checked here: a TLS.sig that is not a base64 MAC is reported by
    // `verify` as a signature mismatch, so that `inspect` can still show the document.
    let sig = match doc.get("TLS.sig") {
        None => return Err(field_error("TLS.sig is missing")),
        Some(Value::String(s)) => Zeroizing::new(s.clone()),
        Some(_) => return Err(field_error("TLS.sig is not a string")),
    };

    let extra = doc
        .into_iter()
        .filter(|(k, _)| !KNOWN_KEYS.contains(&k.as_str()))
        .collect();

    Ok(DecodedUserSig {
        version: VERSION.to_owned(),
        identifier,
        sdkappid,
        time,
        expire,
        userbuf,
        sig,
        extra,
    })
}

/// Decodes a UserSig without a key: base64 variant, zlib, JSON, fields.
///
/// This is what `chatadmin usersig inspect` shows; nothing is verified. Surrounding
/// whitespace, missing padding and the plain base64 alphabet are tolerated.
pub fn inspect(sig: &str) -> Result<DecodedUserSig, UserSigError> {
    let text = sig.trim();
    if text.is_empty() {
        return Err(malformed(MalformedStage::Empty, "the UserSig is empty"));
    }
    let compressed = decode_outer_base64(text)?;
    let json = zlib_inflate(&compressed)?;
    let value: Value = serde_json::from_slice(&json)
        .map_err(|e| malformed(MalformedStage::Json, format!("not JSON: {e}")))?;
    match value {
        Value::Object(doc) => parse_document(doc),
        _ => Err(malformed(
            MalformedStage::Json,
            "the JSON document is not an object",
        )),
    }
}
