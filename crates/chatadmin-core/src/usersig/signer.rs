//! [`Signer`]: one app's key, keyed once, for code that signs or verifies many UserSigs.

use std::fmt;

use super::encoding::ZlibLevel;
use super::error::UserSigError;
use super::generate::{generate_inner, keyed_mac, KeyedMac};
use super::inspect::DecodedUserSig;
use super::verify::{verify_keyed, Expected, UserbufCheck};
use crate::secret::{SecretKey, UserSig};

/// Generates and verifies UserSigs for one app (SDKAppID and secret key).
///
/// The output has the same fields and `TLS.sig` as [`generate`](super::generate) and is
/// accepted by the service and every official verifier; what differs is the cost:
///
/// - the HMAC-SHA256 key schedule (the inner and outer pads) is computed once, in
///   [`Signer::new`], so each UserSig costs only the SHA-256 blocks of its own content;
/// - the zlib layer is [`ZlibLevel::Stored`] unless [`Signer::with_zlib_level`] asks for
///   level 6: a level-6 deflate of a 200-byte document costs ~40x the HMAC, nearly all of it
///   clearing the compressor's tables (measured with callgrind; see docs/SPEC-NOTES.md).
///
/// `Debug` shows the SDKAppID and the level only. The keyed HMAC state is derived from the
/// key; keep a `Signer` as you would keep the key.
#[derive(Clone)]
pub struct Signer {
    sdkappid: u64,
    mac: KeyedMac,
    key_is_empty: bool,
    level: ZlibLevel,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("sdkappid", &self.sdkappid)
            .field("key", &format_args!("<redacted>"))
            .field("level", &self.level)
            .finish()
    }
}

impl Signer {
    /// A signer for `sdkappid` with `key`. An empty key signs (as the official libraries
    /// do) but never verifies: see [`verify`](super::verify).
    pub fn new(key: &SecretKey, sdkappid: u64) -> Self {
        Signer {
            sdkappid,
            mac: keyed_mac(key),
            key_is_empty: key.is_empty(),
            level: ZlibLevel::Stored,
        }
    }

    /// The same signer emitting `level` (e.g. [`ZlibLevel::Default`] to match
    /// [`generate`](super::generate) byte for byte).
    #[must_use]
    pub fn with_zlib_level(mut self, level: ZlibLevel) -> Self {
        self.level = level;
        self
    }

    /// The app this signer is for.
    pub fn sdkappid(&self) -> u64 {
        self.sdkappid
    }

    /// The zlib level of the UserSigs it generates.
    pub fn zlib_level(&self) -> ZlibLevel {
        self.level
    }

    /// A UserSig for `identifier` valid from `now` (Unix seconds) for `expire_secs` seconds.
    pub fn generate(&self, identifier: &str, expire_secs: u64, now: u64) -> UserSig {
        generate_inner(
            &self.mac,
            self.level,
            self.sdkappid,
            identifier,
            expire_secs,
            now,
            None,
        )
    }

    /// A UserSig that also binds `userbuf` (see [`generate_with_userbuf`](super::generate_with_userbuf)).
    pub fn generate_with_userbuf(
        &self,
        identifier: &str,
        expire_secs: u64,
        now: u64,
        userbuf: &[u8],
    ) -> UserSig {
        generate_inner(
            &self.mac,
            self.level,
            self.sdkappid,
            identifier,
            expire_secs,
            now,
            Some(userbuf),
        )
    }

    /// Verifies `sig` for `identifier` of this app at `now`, with the checks and errors of
    /// [`verify`](super::verify) (a UserSig of any zlib level is accepted).
    pub fn verify(
        &self,
        sig: &str,
        identifier: &str,
        now: u64,
        userbuf: UserbufCheck<'_>,
    ) -> Result<DecodedUserSig, UserSigError> {
        let expected = Expected {
            sdkappid: self.sdkappid,
            identifier,
            now,
            userbuf,
        };
        verify_keyed(&self.mac, self.key_is_empty, sig, &expected)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{generate, generate_with_userbuf, inspect, verify};
    use super::*;

    fn key() -> SecretKey {
        SecretKey::new("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e")
    }

    fn unzlib(text: &str) -> Vec<u8> {
        use base64::Engine as _;
        use std::io::Read as _;
        let std: String = text
            .chars()
            .map(|c| match c {
                '*' => '+',
                '-' => '/',
                '_' => '=',
                c => c,
            })
            .collect();
        let z = base64::engine::general_purpose::STANDARD
            .decode(std)
            .unwrap();
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(&z[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn stored_output_has_the_fields_and_mac_of_level_6() {
        let s = Signer::new(&key(), 1_400_000_000);
        for id in ["0", "administrator", "用户\"\\\n"] {
            for ub in [None, Some(&b""[..]), Some(&b"abc\xff"[..])] {
                let (fast, slow) = match ub {
                    None => (
                        s.generate(id, 86_400, 1_700_000_000),
                        generate(&key(), 1_400_000_000, id, 86_400, 1_700_000_000),
                    ),
                    Some(b) => (
                        s.generate_with_userbuf(id, 86_400, 1_700_000_000, b),
                        generate_with_userbuf(&key(), 1_400_000_000, id, 86_400, 1_700_000_000, b),
                    ),
                };
                // A level-0 zlib header (what zlib writes for stored blocks) ...
                assert!(fast.expose_secret().starts_with("eAE"), "{id:?}");
                // ... around the very document the level-6 path compresses.
                assert_eq!(
                    unzlib(fast.expose_secret()),
                    unzlib(slow.expose_secret()),
                    "{id:?} {ub:?}"
                );
                let check = match ub {
                    None => UserbufCheck::Absent,
                    Some(b) => UserbufCheck::Exact(b),
                };
                let d = s
                    .verify(fast.expose_secret(), id, 1_700_000_000, check)
                    .unwrap();
                let exp = Expected {
                    sdkappid: 1_400_000_000,
                    identifier: id,
                    now: 1_700_000_000,
                    userbuf: check,
                };
                let e = verify(&key(), slow.expose_secret(), &exp).unwrap();
                assert_eq!(d.sig_base64(), e.sig_base64());
                assert_eq!(d.to_json(), e.to_json());
            }
        }
    }

    #[test]
    fn level_6_signer_matches_generate_byte_for_byte() {
        let s = Signer::new(&key(), 1_400_000_000).with_zlib_level(ZlibLevel::Default);
        assert_eq!(s.zlib_level(), ZlibLevel::Default);
        assert_eq!(
            s.generate("0", 15_552_000, 1_569_910_200),
            generate(&key(), 1_400_000_000, "0", 15_552_000, 1_569_910_200)
        );
        assert_eq!(
            s.generate_with_userbuf("0", 15_552_000, 1_569_910_200, b"abc"),
            generate_with_userbuf(
                &key(),
                1_400_000_000,
                "0",
                15_552_000,
                1_569_910_200,
                b"abc"
            )
        );
    }

    #[test]
    fn stored_blocks_split_at_65535_bytes() {
        // An identifier long enough for two stored blocks; the decoder caps documents at
        // 64 KiB, so check the stream with an independent inflater.
        let id = "x".repeat(70_000);
        let s = Signer::new(&key(), 1);
        let sig = s.generate(&id, 1, 1);
        let json = unzlib(sig.expose_secret());
        assert!(json.len() > 70_000);
        assert!(json.starts_with(br#"{"TLS.ver":"2.0","TLS.identifier":"xxx"#));
        match inspect(sig.expose_secret()) {
            Err(UserSigError::Malformed { detail, .. }) => assert!(detail.contains("more than")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn verify_checks_like_the_free_function() {
        let s = Signer::new(&key(), 1_400_000_000);
        let sig = s.generate("alice", 100, 1_000);
        let f = |r: Result<DecodedUserSig, UserSigError>| r.unwrap_err().failure();
        use super::super::VerifyFailure as F;
        assert_eq!(
            f(s.verify(sig.expose_secret(), "bob", 1_000, UserbufCheck::Absent)),
            F::IdentifierMismatch
        );
        assert_eq!(
            f(s.verify(sig.expose_secret(), "alice", 1_101, UserbufCheck::Absent)),
            F::Expired
        );
        assert_eq!(
            f(s.verify(
                sig.expose_secret(),
                "alice",
                1_000,
                UserbufCheck::Exact(b"x")
            )),
            F::UserbufMismatch
        );
        assert_eq!(
            f(Signer::new(&key(), 1).verify(
                sig.expose_secret(),
                "alice",
                1_000,
                UserbufCheck::Absent
            )),
            F::SdkAppIdMismatch
        );
        let other = Signer::new(&SecretKey::new("another key"), 1_400_000_000);
        assert_eq!(
            f(other.verify(sig.expose_secret(), "alice", 1_000, UserbufCheck::Absent)),
            F::SignatureMismatch
        );
        let empty = Signer::new(&SecretKey::new(""), 1_400_000_000);
        let forged = empty.generate("alice", 100, 1_000);
        assert_eq!(
            f(empty.verify(forged.expose_secret(), "alice", 1_000, UserbufCheck::Absent)),
            F::InvalidInput
        );
        assert!(s
            .verify(sig.expose_secret(), "alice", 1_100, UserbufCheck::Absent)
            .is_ok());
    }

    #[test]
    fn debug_hides_the_key() {
        let text = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
        let dbg = format!("{:?}", Signer::new(&SecretKey::new(text), 7));
        assert!(!dbg.contains(text) && !dbg.contains("5bd2"), "{dbg}");
        assert!(dbg.contains("sdkappid: 7"), "{dbg}");
    }
}
