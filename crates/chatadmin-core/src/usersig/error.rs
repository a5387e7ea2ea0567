//! The errors of UserSig handling, their stable failure codes, and the RFC 3339 rendering
//! of the times they mention.

use std::fmt;

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

pub(super) fn malformed(stage: MalformedStage, detail: impl Into<String>) -> UserSigError {
    UserSigError::Malformed {
        stage,
        detail: detail.into(),
    }
}

pub(super) fn field_error(detail: impl Into<String>) -> UserSigError {
    malformed(MalformedStage::Field, detail)
}

pub(super) fn invalid_input(detail: impl Into<String>) -> UserSigError {
    UserSigError::InvalidInput {
        detail: detail.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Time rendering
// ---------------------------------------------------------------------------------------------

use crate::clock::utc_rfc3339 as rfc3339;

/// Renders Unix seconds as RFC 3339 UTC (`2020-03-29T06:10:00Z`), so that error messages and
/// `chatadmin usersig inspect` show times a human can read.
pub fn format_unix_utc(secs: u64) -> String {
    rfc3339(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

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
