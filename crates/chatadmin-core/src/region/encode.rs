//! Percent-encoding of query parameter names and values, on the `percent-encoding` crate.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The bytes [`percent_encode_component`] encodes: everything but ASCII letters and digits
/// and `-` `_` `.` `~` `*`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'*');

/// Percent-encodes a query parameter name or value: ASCII letters and digits and
/// `-` `_` `.` `~` `*` pass through, every other byte of the UTF-8 becomes `%XX` (uppercase
/// hex). `*` is a reserved sub-delimiter in RFC 3986 but has no meaning in a query value; a
/// UserSig uses it (with `-` and `_`) in place of base64's `+` `/` `=`, and the service takes
/// it raw, so a UserSig goes out exactly as it was issued.
///
/// ```
/// use chatadmin_core::region::percent_encode_component;
/// assert_eq!(percent_encode_component("a b&c=d/é*-_.~"), "a%20b%26c%3Dd%2F%C3%A9*-_.~");
/// ```
pub fn percent_encode_component(s: &str) -> String {
    encode_component(s).to_string()
}

/// The lazy form of [`percent_encode_component`], for writing straight into a buffer.
pub(super) fn encode_component(s: &str) -> impl std::fmt::Display + '_ {
    utf8_percent_encode(s, COMPONENT)
}

/// Decodes a percent-encoded query parameter name or value: the inverse of
/// [`percent_encode_component`], and accepts any RFC 3986 encoding (hex digits of either case,
/// characters left raw). `+` stays `+` (this is not `application/x-www-form-urlencoded`).
///
/// Fails on a `%` not followed by two hex digits, and when the bytes are not UTF-8. The
/// errors carry byte offsets, never the input (which may be a UserSig).
///
/// ```
/// use chatadmin_core::region::percent_decode_component;
/// assert_eq!(percent_decode_component("%E7%AE%A1%e7%90%86+x").unwrap(), "管理+x");
/// assert!(percent_decode_component("100%").is_err());
/// assert!(percent_decode_component("%FF").is_err());
/// ```
pub fn percent_decode_component(s: &str) -> Result<String, PercentDecodeError> {
    // The crate passes a malformed escape through as literal text; here it is an error.
    let bytes = s.as_bytes();
    if let Some(offset) = bytes.iter().enumerate().position(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    }) {
        return Err(PercentDecodeError::InvalidEscape { offset });
    }
    percent_decode_str(s)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| PercentDecodeError::InvalidUtf8 {
            offset: e.valid_up_to(),
        })
}

/// Why [`percent_decode_component`] failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PercentDecodeError {
    /// A `%` at byte `offset` of the input is not followed by two hex digits.
    #[error("invalid percent escape at byte {offset}: '%' must be followed by two hex digits")]
    InvalidEscape {
        /// Byte offset of the `%` in the encoded input.
        offset: usize,
    },
    /// The decoded bytes are not UTF-8.
    #[error("percent-decoded bytes are not valid UTF-8 (from decoded byte {offset})")]
    InvalidUtf8 {
        /// Byte offset, in the decoded bytes, of the first invalid sequence.
        offset: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "eJwtzEELgjAYgOG*8p2-G*u-_Xk9RmtY0";

    /// The documented kept set, written out independently of [`COMPONENT`].
    const fn is_kept(b: u8) -> bool {
        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'*')
    }

    /// A tiny deterministic generator, so the loop below needs no dependency.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const POOL: &[char] = &[
        'a',
        'Z',
        '0',
        '9',
        '-',
        '_',
        '.',
        '~',
        '*',
        '%',
        '+',
        '&',
        '=',
        '?',
        '#',
        '/',
        ' ',
        '\t',
        '\n',
        '\0',
        '\u{7f}',
        '"',
        '\'',
        '<',
        '>',
        'é',
        'ß',
        '管',
        '理',
        '€',
        '😀',
        '\u{10FFFF}',
        '\u{FEFF}',
    ];

    #[test]
    fn percent_round_trip_loop() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5000 {
            let len = rng.below(24);
            let s: String = (0..len).map(|_| POOL[rng.below(POOL.len())]).collect();
            let enc = percent_encode_component(&s);
            assert!(enc
                .bytes()
                .all(|b| is_kept(b) || b == b'%' || b.is_ascii_hexdigit()));
            assert_eq!(
                percent_decode_component(&enc).as_deref(),
                Ok(s.as_str()),
                "{s:?}"
            );
            // Encoding is the identity exactly on the kept set.
            assert_eq!(enc == s, s.bytes().all(is_kept));
        }
        for s in ["", "admin", SIG, "管理员", "%", "%%41", "a b+c", "\u{0}"] {
            assert_eq!(
                percent_decode_component(&percent_encode_component(s)).unwrap(),
                s
            );
        }
    }

    #[test]
    fn percent_decode_errors() {
        assert_eq!(percent_decode_component("abc"), Ok("abc".to_owned()));
        assert_eq!(percent_decode_component("%41%6a"), Ok("Aj".to_owned()));
        assert_eq!(percent_decode_component("a+b"), Ok("a+b".to_owned()));
        assert_eq!(percent_decode_component("é%C3%A9"), Ok("éé".to_owned()));
        use PercentDecodeError as E;
        assert_eq!(
            percent_decode_component("%"),
            Err(E::InvalidEscape { offset: 0 })
        );
        assert_eq!(
            percent_decode_component("ab%4"),
            Err(E::InvalidEscape { offset: 2 })
        );
        assert_eq!(
            percent_decode_component("%G1"),
            Err(E::InvalidEscape { offset: 0 })
        );
        assert_eq!(
            percent_decode_component("x%%41"),
            Err(E::InvalidEscape { offset: 1 })
        );
        assert_eq!(
            percent_decode_component("%4é"),
            Err(E::InvalidEscape { offset: 0 })
        );
        assert_eq!(
            percent_decode_component("ab%FF"),
            Err(E::InvalidUtf8 { offset: 2 })
        );
        assert_eq!(
            percent_decode_component("%C3"),
            Err(E::InvalidUtf8 { offset: 0 })
        );
        assert_eq!(
            percent_decode_component("%ED%A0%80"),
            Err(E::InvalidUtf8 { offset: 0 })
        );
        let msg = percent_decode_component("secret%zz")
            .unwrap_err()
            .to_string();
        assert!(!msg.contains("secret"));
    }

    #[test]
    fn every_byte_against_the_kept_set() {
        for b in 0u8..=127 {
            let s = char::from(b).to_string();
            let enc = percent_encode_component(&s);
            if is_kept(b) {
                assert_eq!(enc, s);
            } else {
                assert_eq!(enc, format!("%{b:02X}"));
            }
        }
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn encode_decode_round_trip(s in any::<String>()) {
                let enc = percent_encode_component(&s);
                prop_assert_eq!(percent_decode_component(&enc), Ok(s));
            }
        }
    }
}
