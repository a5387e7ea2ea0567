//! UserSig (TLSSigAPIv2, HMAC-SHA256): generating, inspecting and verifying, plus the
//! PrivateMapKey userbuf for TRTC room privileges.
//!
//! A UserSig is `base64*(zlib(JSON))`, where `base64*` is standard base64 with `+/=` replaced
//! by `*-_`, and the JSON carries the fields and `TLS.sig`, an HMAC-SHA256 over a fixed text
//! made from those fields. The clock is always an argument, so every function here is pure.
//!
//! Generation follows the official libraries exactly (same content, same `TLS.sig`); decoding
//! accepts every form real generators emit (any key order or spacing, any zlib level, numbers
//! written as strings, missing padding, the plain base64 alphabet) and rejects anything else
//! with an error that says which layer or field is wrong. Errors and `Debug` output never
//! contain the key, the UserSig text or `TLS.sig`.

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use flate2::{Compression, Decompress, FlushDecompress, Status};
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::secret::{SecretKey, UserSig};

/// The validity the official libraries use when none is given: 180 days.
pub const DEFAULT_EXPIRE_SECS: u64 = 15_552_000;

/// PrivateMapKey privilege: create the room.
pub const PRIV_CREATE: u32 = 1;
/// PrivateMapKey privilege: enter the room.
pub const PRIV_ENTER: u32 = 2;
/// PrivateMapKey privilege: send audio.
pub const PRIV_SEND_AUDIO: u32 = 4;
/// PrivateMapKey privilege: receive audio.
pub const PRIV_RECV_AUDIO: u32 = 8;
/// PrivateMapKey privilege: send video.
pub const PRIV_SEND_VIDEO: u32 = 16;
/// PrivateMapKey privilege: receive video.
pub const PRIV_RECV_VIDEO: u32 = 32;
/// PrivateMapKey privilege: send the sub-stream (screen sharing).
pub const PRIV_SEND_SUBSTREAM: u32 = 64;
/// PrivateMapKey privilege: receive the sub-stream (screen sharing).
pub const PRIV_RECV_SUBSTREAM: u32 = 128;
/// PrivateMapKey privileges: all of the above.
pub const PRIV_ALL: u32 = 255;

/// The largest JSON document a UserSig may inflate to. Real ones are a few hundred bytes; the
/// cap stops a decompression bomb from exhausting memory.
const MAX_INFLATED: usize = 64 * 1024;

/// The only `TLS.ver` this module understands.
const VERSION: &str = "2.0";

/// Standard alphabet, padding optional: generators agree on the alphabet but users sometimes
/// drop the padding. Trailing bits stay strict, so one text decodes from one encoding only.
const LENIENT_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

const KNOWN_KEYS: [&str; 7] = [
    "TLS.ver",
    "TLS.identifier",
    "TLS.sdkappid",
    "TLS.expire",
    "TLS.time",
    "TLS.userbuf",
    "TLS.sig",
];

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Which layer of a UserSig could not be decoded, so callers can tell a mangled copy-paste
/// (base64) from a foreign format (zlib, JSON) or a generator bug (fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MalformedStage {
    /// Nothing but whitespace.
    Empty,
    /// The outer base64 layer.
    Base64,
    /// The zlib layer.
    Zlib,
    /// The JSON layer.
    Json,
    /// A field of the JSON document (or of a PrivateMapKey userbuf).
    Field,
}

impl MalformedStage {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            MalformedStage::Empty => "empty",
            MalformedStage::Base64 => "base64",
            MalformedStage::Zlib => "zlib",
            MalformedStage::Json => "json",
            MalformedStage::Field => "field",
        }
    }
}

impl fmt::Display for MalformedStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MalformedStage::Empty => "empty input",
            MalformedStage::Base64 => "base64 layer",
            MalformedStage::Zlib => "zlib layer",
            MalformedStage::Json => "JSON layer",
            MalformedStage::Field => "fields",
        })
    }
}

/// Why a UserSig could not be generated, decoded or verified.
///
/// Every variant names one check so that a caller (or the CLI) can say precisely what is
/// wrong. No variant ever carries the secret key, the UserSig text or `TLS.sig`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UserSigError {
    /// The text is not a well-formed UserSig.
    #[error("malformed UserSig ({stage}): {detail}")]
    Malformed {
        /// The layer that failed.
        stage: MalformedStage,
        /// What exactly is wrong, e.g. "TLS.time is missing".
        detail: String,
    },
    /// The UserSig was made for another app.
    #[error("UserSig is for SDKAppID {found}, expected {expected}")]
    SdkAppIdMismatch {
        /// The SDKAppID the caller expected.
        expected: u64,
        /// The SDKAppID in the UserSig.
        found: u64,
    },
    /// The UserSig was made for another account.
    #[error("UserSig is for identifier {found:?}, expected {expected:?}")]
    IdentifierMismatch {
        /// The identifier the caller expected.
        expected: String,
        /// The identifier in the UserSig.
        found: String,
    },
    /// The validity has run out.
    #[error(
        "UserSig expired at {expired_at} ({}), {} s before now",
        rfc3339(*.expired_at),
        .now.saturating_sub(*.expired_at)
    )]
    Expired {
        /// `TLS.time + TLS.expire`.
        expired_at: u64,
        /// The time of the check.
        now: u64,
    },
    /// The userbuf is absent, present or different against what the caller expected.
    #[error("UserSig userbuf check failed: {detail}")]
    UserbufMismatch {
        /// Which of the three cases.
        detail: String,
    },
    /// The HMAC does not match the fields.
    #[error(
        "UserSig signature does not match: the secret key is wrong, or the UserSig was altered"
    )]
    SignatureMismatch,
    /// The caller's input cannot be encoded (generation side) or used (an empty key).
    #[error("invalid input: {detail}")]
    InvalidInput {
        /// What is wrong with the input.
        detail: String,
    },
}

impl UserSigError {
    /// The stable code of the failed check.
    pub fn failure(&self) -> VerifyFailure {
        match self {
            UserSigError::Malformed { .. } => VerifyFailure::Malformed,
            UserSigError::SdkAppIdMismatch { .. } => VerifyFailure::SdkAppIdMismatch,
            UserSigError::IdentifierMismatch { .. } => VerifyFailure::IdentifierMismatch,
            UserSigError::Expired { .. } => VerifyFailure::Expired,
            UserSigError::UserbufMismatch { .. } => VerifyFailure::UserbufMismatch,
            UserSigError::SignatureMismatch => VerifyFailure::SignatureMismatch,
            UserSigError::InvalidInput { .. } => VerifyFailure::InvalidInput,
        }
    }
}

/// A stable, numeric identification of which check failed, for the C and Python bindings.
///
/// The discriminants are part of the ABI: variants are only ever appended.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerifyFailure {
    /// See [`UserSigError::Malformed`].
    Malformed = 1,
    /// See [`UserSigError::SdkAppIdMismatch`].
    SdkAppIdMismatch = 2,
    /// See [`UserSigError::IdentifierMismatch`].
    IdentifierMismatch = 3,
    /// See [`UserSigError::Expired`].
    Expired = 4,
    /// See [`UserSigError::UserbufMismatch`].
    UserbufMismatch = 5,
    /// See [`UserSigError::SignatureMismatch`].
    SignatureMismatch = 6,
    /// See [`UserSigError::InvalidInput`].
    InvalidInput = 7,
}

impl VerifyFailure {
    /// A stable snake_case name, for logs and bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            VerifyFailure::Malformed => "malformed",
            VerifyFailure::SdkAppIdMismatch => "sdkappid_mismatch",
            VerifyFailure::IdentifierMismatch => "identifier_mismatch",
            VerifyFailure::Expired => "expired",
            VerifyFailure::UserbufMismatch => "userbuf_mismatch",
            VerifyFailure::SignatureMismatch => "signature_mismatch",
            VerifyFailure::InvalidInput => "invalid_input",
        }
    }
}

impl fmt::Display for VerifyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn malformed(stage: MalformedStage, detail: impl Into<String>) -> UserSigError {
    UserSigError::Malformed {
        stage,
        detail: detail.into(),
    }
}

fn field_error(detail: impl Into<String>) -> UserSigError {
    malformed(MalformedStage::Field, detail)
}

fn invalid_input(detail: impl Into<String>) -> UserSigError {
    UserSigError::InvalidInput {
        detail: detail.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Time rendering
// ---------------------------------------------------------------------------------------------

/// Renders Unix seconds as RFC 3339 UTC (`2020-03-29T06:10:00Z`), so that error messages and
/// `chatadmin usersig inspect` show times a human can read without a date library.
pub fn format_unix_utc(secs: u64) -> String {
    rfc3339(secs)
}

/// Howard Hinnant's civil-from-days, in unsigned arithmetic since the input is never before
/// 1970 (years past 9999 simply print with more digits).
fn rfc3339(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

// ---------------------------------------------------------------------------------------------
// Generating
// ---------------------------------------------------------------------------------------------

/// The exact text the HMAC covers; every generator builds it the same way, so it is the one
/// thing that must match byte for byte.
fn content_to_sign(
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

fn hmac_sha256(key: &SecretKey, content: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose_secret().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(content.as_bytes());
    mac.finalize().into_bytes().into()
}

fn zlib_compress(data: &[u8]) -> Zeroizing<Vec<u8>> {
    // A deflate compressor allocates and zeroes a few hundred KiB of tables; building one per
    // UserSig made signing ~500x the cost of its HMAC (`cargo bench -p chatadmin-core`). One
    // compressor per thread, reset between uses, gives the same bytes without that cost.
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(Compression::new(6), true));
    }
    // zlib's worst case for tiny inputs is a few bytes over the input; 64 covers the header,
    // block overhead and checksum.
    let mut out = Zeroizing::new(Vec::with_capacity(data.len() + 64));
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        loop {
            let done = c.total_in() as usize;
            let status = c
                .compress_vec(&data[done..], &mut out, flate2::FlushCompress::Finish)
                .unwrap_or(flate2::Status::StreamEnd);
            if status == flate2::Status::StreamEnd {
                break;
            }
            // Out of room: grow and go on (compress_vec never writes past capacity).
            let grow = out.capacity().max(64);
            out.reserve(grow);
        }
        c.reset();
    });
    out
}

/// The `base64*` of the official libraries: padding kept, as `_`.
fn encode_tls_base64(data: &[u8]) -> String {
    STANDARD
        .encode(data)
        .chars()
        .map(|c| match c {
            '+' => '*',
            '/' => '-',
            '=' => '_',
            c => c,
        })
        .collect()
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

// ---------------------------------------------------------------------------------------------
// PrivateMapKey
// ---------------------------------------------------------------------------------------------

/// A TRTC room id: TRTC has numeric rooms and string rooms, encoded differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Room {
    /// A numeric room id (userbuf version 0).
    Numeric(u32),
    /// A string room id (userbuf version 1).
    Str(String),
}

/// The decoded PrivateMapKey userbuf.
#[derive(Debug, Clone, PartialEq)]
pub struct PrivateMap {
    /// 0 for a numeric room, 1 for a string room.
    pub version: u8,
    /// The account the key is for.
    pub identifier: String,
    /// The app.
    pub sdkappid: u32,
    /// The room.
    pub room: Room,
    /// Absolute expiry, Unix seconds.
    pub expire_at: u32,
    /// Privilege bits (`PRIV_*`).
    pub privileges: u32,
    /// Always 0 in practice; kept so that parsing is lossless.
    pub account_type: u32,
}

/// Builds the PrivateMapKey userbuf (big-endian layout of the TRTC spec).
///
/// Fails with [`UserSigError::InvalidInput`] when a value does not fit its field: `sdkappid`
/// or `expire_at` above `u32::MAX`, or the identifier or room string longer than 65535 bytes.
pub fn private_map_userbuf(
    sdkappid: u64,
    identifier: &str,
    room: &Room,
    privileges: u32,
    expire_at: u64,
) -> Result<Vec<u8>, UserSigError> {
    let sdkappid = u32::try_from(sdkappid)
        .map_err(|_| invalid_input(format!("sdkappid {sdkappid} does not fit in 32 bits")))?;
    let expire_at = u32::try_from(expire_at).map_err(|_| {
        invalid_input(format!(
            "expiry {expire_at} does not fit in 32 bits (a PrivateMapKey cannot last past 2106)"
        ))
    })?;
    let account_len = u16::try_from(identifier.len()).map_err(|_| {
        invalid_input(format!(
            "identifier is {} bytes long, at most 65535 fit in a PrivateMapKey",
            identifier.len()
        ))
    })?;
    let (version, room_num, room_str) = match room {
        Room::Numeric(n) => (0u8, *n, None),
        Room::Str(s) => {
            let len = u16::try_from(s.len()).map_err(|_| {
                invalid_input(format!(
                    "room id is {} bytes long, at most 65535 fit in a PrivateMapKey",
                    s.len()
                ))
            })?;
            (1u8, 0, Some((len, s.as_bytes())))
        }
    };

    let mut buf = Vec::with_capacity(
        1 + 2 + identifier.len() + 20 + room_str.map_or(0, |(_, s)| 2 + s.len()),
    );
    buf.push(version);
    buf.extend_from_slice(&account_len.to_be_bytes());
    buf.extend_from_slice(identifier.as_bytes());
    buf.extend_from_slice(&sdkappid.to_be_bytes());
    buf.extend_from_slice(&room_num.to_be_bytes());
    buf.extend_from_slice(&expire_at.to_be_bytes());
    buf.extend_from_slice(&privileges.to_be_bytes());
    buf.extend_from_slice(&0u32.to_be_bytes()); // account type
    if let Some((len, s)) = room_str {
        buf.extend_from_slice(&len.to_be_bytes());
        buf.extend_from_slice(s);
    }
    Ok(buf)
}

/// Generates a PrivateMapKey: a UserSig whose userbuf grants `privileges` in `room` until
/// `now + expire_secs`.
pub fn private_map_key(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    room: &Room,
    privileges: u32,
    expire_secs: u64,
    now: u64,
) -> Result<UserSig, UserSigError> {
    let expire_at = now
        .checked_add(expire_secs)
        .ok_or_else(|| invalid_input("time + expire overflows"))?;
    let userbuf = private_map_userbuf(sdkappid, identifier, room, privileges, expire_at)?;
    Ok(generate_with_userbuf(
        key,
        sdkappid,
        identifier,
        expire_secs,
        now,
        &userbuf,
    ))
}

/// A bounds-checked reader, so that truncated input is an error and never a panic.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], UserSigError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(end) => {
                let s = &self.buf[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(field_error(format!(
                "PrivateMapKey userbuf is truncated: {} bytes, {what} needs {n} more from offset {}",
                self.buf.len(),
                self.pos
            ))),
        }
    }

    fn u8(&mut self, what: &str) -> Result<u8, UserSigError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, UserSigError> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, UserSigError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn utf8(&mut self, n: usize, what: &str) -> Result<String, UserSigError> {
        let b = self.take(n, what)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| field_error(format!("PrivateMapKey {what} is not valid UTF-8")))
    }
}

/// Parses a PrivateMapKey userbuf, strictly: unknown versions, truncation, trailing bytes,
/// invalid UTF-8 and a non-zero numeric room next to a string room are all
/// [`UserSigError::Malformed`] (stage `Field`).
pub fn parse_private_map_userbuf(buf: &[u8]) -> Result<PrivateMap, UserSigError> {
    let mut r = Reader { buf, pos: 0 };
    let version = r.u8("the version")?;
    if version > 1 {
        return Err(field_error(format!(
            "PrivateMapKey userbuf version is {version}, expected 0 (numeric room) or 1 (string room)"
        )));
    }
    let account_len = r.u16("the account length")?;
    let identifier = r.utf8(usize::from(account_len), "account")?;
    let sdkappid = r.u32("the sdkappid")?;
    let room_num = r.u32("the room id")?;
    let expire_at = r.u32("the expiry")?;
    let privileges = r.u32("the privilege map")?;
    let account_type = r.u32("the account type")?;
    let room = if version == 0 {
        Room::Numeric(room_num)
    } else {
        if room_num != 0 {
            return Err(field_error(format!(
                "PrivateMapKey userbuf has a string room but numeric room id {room_num}, expected 0"
            )));
        }
        let len = r.u16("the room string length")?;
        Room::Str(r.utf8(usize::from(len), "room string")?)
    };
    let rest = buf.len() - r.pos;
    if rest != 0 {
        return Err(field_error(format!(
            "PrivateMapKey userbuf has {rest} unexpected bytes after its last field"
        )));
    }
    Ok(PrivateMap {
        version,
        identifier,
        sdkappid,
        room,
        expire_at,
        privileges,
        account_type,
    })
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

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
    sig: Zeroizing<String>,
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

fn describe_base64_error(e: &DecodeError) -> String {
    // The base64 crate's own messages quote the offending byte; keep to positions only.
    match e {
        DecodeError::InvalidByte(off, _) => format!("invalid character at offset {off}"),
        DecodeError::InvalidLength(_) => "invalid length".into(),
        DecodeError::InvalidLastSymbol(off, _) => {
            format!("invalid last character at offset {off}")
        }
        DecodeError::InvalidPadding => "invalid padding".into(),
    }
}

/// Reverses the `*-_` substitution. The plain `+/=` alphabet is accepted as well, because a
/// UserSig pasted from an URL-decoding tool or another SDK's log may carry it.
fn decode_outer_base64(text: &str) -> Result<Zeroizing<Vec<u8>>, UserSigError> {
    let mapped: Zeroizing<String> = Zeroizing::new(
        text.chars()
            .map(|c| match c {
                '*' => '+',
                '-' => '/',
                '_' => '=',
                c => c,
            })
            .collect(),
    );
    // Some tools strip the padding, others add too much; the length tells the decoder what
    // it needs.
    let unpadded = mapped.trim_end_matches('=');
    LENIENT_PAD
        .decode(unpadded)
        .map(Zeroizing::new)
        .map_err(|e| {
            malformed(
                MalformedStage::Base64,
                format!("not base64: {}", describe_base64_error(&e)),
            )
        })
}

/// Inflates a zlib stream into at most [`MAX_INFLATED`] bytes; a truncated stream, a bad
/// checksum and bytes after the stream are all errors (no generator emits them).
fn zlib_inflate(data: &[u8]) -> Result<Zeroizing<Vec<u8>>, UserSigError> {
    let zerr = |d: String| malformed(MalformedStage::Zlib, d);
    if data.len() < 2 {
        return Err(zerr(format!(
            "not zlib data: too short ({} bytes)",
            data.len()
        )));
    }
    let (cmf, flg) = (data[0], data[1]);
    if cmf == 0x1f && flg == 0x8b {
        return Err(zerr(
            "not zlib data: this is gzip, a UserSig uses zlib (RFC 1950)".into(),
        ));
    }
    if cmf & 0x0f != 8 || cmf >> 4 > 7 || (u16::from(cmf) << 8 | u16::from(flg)) % 31 != 0 {
        return Err(zerr("not zlib data: invalid header".into()));
    }
    if flg & 0x20 != 0 {
        return Err(zerr(
            "not zlib data: the stream needs a preset dictionary".into(),
        ));
    }

    let too_large = || {
        zerr(format!(
            "inflates to more than {MAX_INFLATED} bytes (a UserSig is a few hundred)"
        ))
    };
    let mut d = Decompress::new(true);
    let mut out = Zeroizing::new(Vec::with_capacity(
        (data.len() * 4).clamp(256, MAX_INFLATED + 1),
    ));
    loop {
        if out.len() == out.capacity() {
            if out.len() > MAX_INFLATED {
                return Err(too_large());
            }
            let additional = (out.capacity() * 2).min(MAX_INFLATED + 1) - out.len();
            out.reserve_exact(additional);
        }
        let (before_in, before_out) = (d.total_in(), d.total_out());
        // total_in never exceeds the input length, so the slice is in bounds.
        let consumed = usize::try_from(before_in)
            .unwrap_or(data.len())
            .min(data.len());
        let status = d
            .decompress_vec(&data[consumed..], &mut out, FlushDecompress::None)
            .map_err(|_| {
                zerr("corrupt zlib stream: invalid deflate data or Adler-32 checksum".into())
            })?;
        if status == Status::StreamEnd {
            // The buffer may hold MAX_INFLATED + 1 bytes exactly when the stream ends.
            if out.len() > MAX_INFLATED {
                return Err(too_large());
            }
            break;
        }
        let progressed = d.total_in() != before_in || d.total_out() != before_out;
        if !progressed && out.len() < out.capacity() {
            return Err(zerr("truncated zlib stream".into()));
        }
    }
    let used = usize::try_from(d.total_in()).unwrap_or(data.len());
    if used < data.len() {
        return Err(zerr(format!(
            "{} unexpected bytes after the zlib stream",
            data.len() - used
        )));
    }
    Ok(out)
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

// ---------------------------------------------------------------------------------------------
// Verifying
// ---------------------------------------------------------------------------------------------

/// What [`verify`] should expect of the userbuf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserbufCheck<'a> {
    /// A plain UserSig: a userbuf is a failure.
    Absent,
    /// Exactly these bytes.
    Exact(&'a [u8]),
    /// Anything or nothing (the HMAC still covers whatever is there).
    Any,
}

/// What a UserSig must match to be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected<'a> {
    /// The app.
    pub sdkappid: u64,
    /// The account.
    pub identifier: &'a str,
    /// The time of the check, Unix seconds.
    pub now: u64,
    /// The userbuf expectation.
    pub userbuf: UserbufCheck<'a>,
}

/// Verifies a UserSig against `expected`, returning the decoded document when it is valid.
///
/// Checks, in this order, each with its own error: the key is not empty (`InvalidInput`),
/// the text decodes (`Malformed`), sdkappid, identifier, expiry (expired when
/// `now > time + expire`; signing time in the future is not checked, like the service),
/// userbuf, then the HMAC recomputed over the decoded fields and compared in constant time.
/// A `TLS.sig` that is not the base64 of 32 bytes is a `SignatureMismatch`.
pub fn verify(
    key: &SecretKey,
    sig: &str,
    expected: &Expected<'_>,
) -> Result<DecodedUserSig, UserSigError> {
    // With an empty key anyone can mint a valid UserSig; refuse rather than accept them.
    if key.is_empty() {
        return Err(invalid_input("the secret key is empty"));
    }
    let decoded = inspect(sig)?;
    if decoded.sdkappid != expected.sdkappid {
        return Err(UserSigError::SdkAppIdMismatch {
            expected: expected.sdkappid,
            found: decoded.sdkappid,
        });
    }
    if decoded.identifier != expected.identifier {
        return Err(UserSigError::IdentifierMismatch {
            expected: expected.identifier.to_owned(),
            found: decoded.identifier.clone(),
        });
    }
    let expired_at = decoded.expires_at();
    if expected.now > expired_at {
        return Err(UserSigError::Expired {
            expired_at,
            now: expected.now,
        });
    }
    match (expected.userbuf, decoded.userbuf.as_deref()) {
        (UserbufCheck::Any, _) | (UserbufCheck::Absent, None) => {}
        (UserbufCheck::Absent, Some(_)) => {
            return Err(UserSigError::UserbufMismatch {
                detail: "unexpected userbuf".into(),
            })
        }
        (UserbufCheck::Exact(_), None) => {
            return Err(UserSigError::UserbufMismatch {
                detail: "expected a userbuf but the UserSig has none".into(),
            })
        }
        (UserbufCheck::Exact(want), Some(found)) => {
            if want != found {
                return Err(UserSigError::UserbufMismatch {
                    detail: format!(
                        "userbuf differs (expected {} bytes, found {})",
                        want.len(),
                        found.len()
                    ),
                });
            }
        }
    }

    let userbuf_b64 = decoded.userbuf.as_deref().map(|b| STANDARD.encode(b));
    let content = content_to_sign(
        &decoded.identifier,
        decoded.sdkappid,
        decoded.time,
        decoded.expire,
        userbuf_b64.as_deref(),
    );
    let want = hmac_sha256(key, &content);
    let found = LENIENT_PAD
        .decode(decoded.sig.as_bytes())
        .map(Zeroizing::new)
        .map_err(|_| UserSigError::SignatureMismatch)?;
    if bool::from(want.as_slice().ct_eq(found.as_slice())) {
        Ok(decoded)
    } else {
        Err(UserSigError::SignatureMismatch)
    }
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
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_585_462_200), "2020-03-29T06:10:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(rfc3339(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(format_unix_utc(u32::MAX.into()), "2106-02-07T06:28:15Z");
        // Far beyond any real date, but it must not overflow or panic.
        let _ = rfc3339(u64::MAX);
    }

    #[test]
    fn rfc3339_agrees_with_a_day_by_day_count() {
        // Walk the calendar from 1970 and compare every day to the formula.
        let mut days = 0u64;
        for y in 1970u64..2500 {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let lens = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            for (m, len) in lens.iter().enumerate() {
                for d in 1..=*len {
                    let want = format!("{y:04}-{:02}-{d:02}T00:00:00Z", m + 1);
                    assert_eq!(rfc3339(days * 86_400), want);
                    days += 1;
                }
            }
        }
    }

    #[test]
    fn zlib_header_checks() {
        let err = |d: &[u8]| match zlib_inflate(d) {
            Err(UserSigError::Malformed { stage, detail }) => {
                assert_eq!(stage, MalformedStage::Zlib);
                detail
            }
            other => panic!("expected a zlib error, got {other:?}"),
        };
        assert!(err(&[]).contains("too short"));
        assert!(err(&[0x78]).contains("too short"));
        assert!(err(&[0x1f, 0x8b, 8, 0]).contains("gzip"));
        assert!(err(&[0x78, 0x9d, 0, 0]).contains("invalid header"));
        assert!(err(&[0x78, 0xbb, 0, 0]).contains("preset dictionary"));
        assert!(err(&[0x78, 0x9c]).contains("truncated"));
    }

    #[test]
    fn zlib_bomb_is_capped() {
        let big = vec![b' '; MAX_INFLATED + 1];
        let z = zlib_compress(&big);
        assert!(z.len() < 1024);
        match zlib_inflate(&z) {
            Err(UserSigError::Malformed { stage, detail }) => {
                assert_eq!(stage, MalformedStage::Zlib);
                assert!(detail.contains("more than"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        let exact = vec![b' '; MAX_INFLATED];
        assert_eq!(
            zlib_inflate(&zlib_compress(&exact)).unwrap().len(),
            MAX_INFLATED
        );
    }

    #[test]
    fn zlib_trailing_bytes_rejected() {
        let mut z = zlib_compress(b"{}").to_vec();
        z.push(0);
        match zlib_inflate(&z) {
            Err(UserSigError::Malformed { detail, .. }) => {
                assert!(detail.contains("1 unexpected bytes"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn zlib_bad_adler_rejected() {
        let mut z = zlib_compress(br#"{"a":1}"#).to_vec();
        let n = z.len();
        z[n - 1] ^= 1;
        assert!(matches!(
            zlib_inflate(&z),
            Err(UserSigError::Malformed {
                stage: MalformedStage::Zlib,
                ..
            })
        ));
    }

    #[test]
    fn failure_codes_are_stable() {
        assert_eq!(VerifyFailure::Malformed as u32, 1);
        assert_eq!(VerifyFailure::InvalidInput as u32, 7);
        assert_eq!(
            VerifyFailure::SdkAppIdMismatch.as_str(),
            "sdkappid_mismatch"
        );
        assert_eq!(
            UserSigError::SignatureMismatch.failure(),
            VerifyFailure::SignatureMismatch
        );
    }

    #[test]
    fn expired_message() {
        let e = UserSigError::Expired {
            expired_at: 1_585_462_200,
            now: 1_585_462_201,
        };
        assert_eq!(
            e.to_string(),
            "UserSig expired at 1585462200 (2020-03-29T06:10:00Z), 1 s before now"
        );
    }
}
