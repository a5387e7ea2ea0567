//! Verifying a UserSig against what the caller expects.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::encoding::LENIENT_PAD;
use super::error::{invalid_input, UserSigError};
use super::generate::{content_to_sign, keyed_mac, sign, KeyedMac};
use super::inspect::{inspect, DecodedUserSig};
use crate::secret::SecretKey;

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
    verify_inner(key.is_empty(), sig, expected, |content| {
        sign(&keyed_mac(key), content)
    })
}

/// [`verify`] with a keyed HMAC state computed once (see [`super::Signer`]).
pub(super) fn verify_keyed(
    mac: &KeyedMac,
    key_is_empty: bool,
    sig: &str,
    expected: &Expected<'_>,
) -> Result<DecodedUserSig, UserSigError> {
    verify_inner(key_is_empty, sig, expected, |content| sign(mac, content))
}

fn verify_inner(
    key_is_empty: bool,
    sig: &str,
    expected: &Expected<'_>,
    mac_of: impl FnOnce(&str) -> [u8; 32],
) -> Result<DecodedUserSig, UserSigError> {
    // With an empty key anyone can mint a valid UserSig; refuse rather than accept them.
    if key_is_empty {
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
    let want = Zeroizing::new(mac_of(&content));
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
