//! The two encodings around the JSON document: zlib (RFC 1950) and the `base64*` variant
//! of the official libraries (standard base64 with `+/=` replaced by `*-_`).

use base64::alphabet::{self, Alphabet};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use flate2::Compression;
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use zeroize::Zeroizing;

use super::error::{malformed, MalformedStage, UserSigError};

/// The largest JSON document a UserSig may inflate to. Real ones are a few hundred bytes; the
/// cap stops a decompression bomb from exhausting memory.
pub(super) const MAX_INFLATED: usize = 64 * 1024;

/// Standard alphabet, padding optional: generators agree on the alphabet but users sometimes
/// drop the padding. Trailing bits stay strict, so one text decodes from one encoding only.
pub(super) const LENIENT_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The zlib level of a generated UserSig. The service and every official verifier accept any
/// level, so this only trades bytes for time: a UserSig is a few hundred bytes either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ZlibLevel {
    /// Stored (uncompressed) deflate blocks in a zlib stream, as zlib writes at level 0 and
    /// the official Go library emits. About a third longer than level 6, and it costs a copy
    /// and an Adler-32 instead of a deflate search whose tables alone (a few hundred KiB,
    /// cleared per stream) cost ~40x the HMAC. What a [`Signer`](super::Signer) emits unless
    /// told otherwise.
    #[default]
    Stored,
    /// Level 6, zlib's default, as the official Python, Java and C++ libraries emit. The free
    /// functions [`generate`](super::generate) and [`generate_with_userbuf`](super::generate_with_userbuf)
    /// use it: the documented test vectors pin its bytes.
    Default,
}

/// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 section 3.2.4): header
/// `78 01`, blocks of at most 65535 bytes, the Adler-32 of `data`.
pub(super) fn zlib_stored(data: &[u8]) -> Zeroizing<Vec<u8>> {
    const MAX_BLOCK: usize = 0xffff;
    let blocks = data.len().div_ceil(MAX_BLOCK).max(1);
    let mut out = Zeroizing::new(Vec::with_capacity(2 + blocks * 5 + data.len() + 4));
    // CMF: deflate, 32 KiB window; FLG: "fastest" level, no dictionary, check bits.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut rest = data;
    loop {
        let n = rest.len().min(MAX_BLOCK);
        let last = n == rest.len();
        // BFINAL in bit 0, BTYPE 00 (stored); the rest of the byte is padding to the boundary.
        out.push(u8::from(last));
        let len = u16::try_from(n).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(&rest[..n]);
        rest = &rest[n..];
        if last {
            break;
        }
    }
    let mut adler = adler2::Adler32::new();
    adler.write_slice(data);
    out.extend_from_slice(&adler.checksum().to_be_bytes());
    out
}

/// Level 6 through `flate2` (miniz_oxide). Its bytes equal the spec's V2 vector; for V1 zlib
/// chooses other matches, so only the inflated documents compare equal there.
pub(super) fn zlib_compress(data: &[u8]) -> Zeroizing<Vec<u8>> {
    // A deflate compressor allocates and zeroes a few hundred KiB of tables; building one per
    // UserSig made signing ~500x the cost of its HMAC. One compressor per thread, reset
    // before use and after (the second reset scrubs the signed document), avoids the
    // allocation; the resets still clear the tables, 84% of a level-6 UserSig's instructions
    // (callgrind), which is why `Signer` emits stored blocks.
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

/// The alphabet of `base64*`: standard base64 with `+/` written `*-` (and `=` as `_`).
const TLS_ALPHABET: Alphabet =
    match Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-") {
        Ok(a) => a,
        Err(_) => panic!("the base64* alphabet is 64 distinct printable characters"),
    };

/// `base64*` without its padding, which this module appends as `_`.
const TLS_ENCODER: GeneralPurpose = GeneralPurpose::new(
    &TLS_ALPHABET,
    GeneralPurposeConfig::new().with_encode_padding(false),
);

/// The `base64*` of the official libraries: padding kept, as `_`.
pub(super) fn encode_tls_base64(data: &[u8]) -> String {
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    TLS_ENCODER.encode_string(data, &mut s);
    for _ in 0..(3 - data.len() % 3) % 3 {
        s.push('_');
    }
    s
}

pub(super) fn describe_base64_error(e: &DecodeError) -> String {
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
pub(super) fn decode_outer_base64(text: &str) -> Result<Zeroizing<Vec<u8>>, UserSigError> {
    // Byte by byte: the three substitutes are ASCII, and any other non-ASCII byte stays and
    // is reported by the decoder at its offset.
    let mut mapped: Zeroizing<Vec<u8>> = Zeroizing::new(text.as_bytes().to_vec());
    for b in mapped.iter_mut() {
        *b = match *b {
            b'*' => b'+',
            b'-' => b'/',
            b'_' => b'=',
            b => b,
        };
    }
    // Some tools strip the padding, others add too much; the length tells the decoder what
    // it needs.
    let end = mapped.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    let unpadded = &mapped[..end];
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
pub(super) fn zlib_inflate(data: &[u8]) -> Result<Zeroizing<Vec<u8>>, UserSigError> {
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
    // One decompressor per thread: `init` only rewinds its state machine (its Huffman
    // tables are rebuilt per block), where a new inflate stream would allocate and clear a
    // 32 KiB window and ~10 KiB of tables per UserSig. The output buffer itself is the
    // window (non-wrapping mode), so the document exists in one zeroized place only.
    thread_local! {
        static INFLATER: std::cell::RefCell<Box<DecompressorOxide>> =
            std::cell::RefCell::new(Box::default());
    }
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = Zeroizing::new(vec![0u8; (data.len() * 4).clamp(256, MAX_INFLATED + 1)]);
    let (mut in_pos, mut out_pos) = (0usize, 0usize);
    INFLATER.with(|r| {
        let mut r = r.borrow_mut();
        r.init();
        loop {
            let (status, read, written) =
                decompress(&mut r, &data[in_pos..], &mut out, out_pos, flags);
            in_pos += read;
            out_pos += written;
            match status {
                TINFLStatus::Done => {
                    // The buffer may hold MAX_INFLATED + 1 bytes exactly when the stream ends.
                    return if out_pos > MAX_INFLATED {
                        Err(too_large())
                    } else {
                        Ok(())
                    };
                }
                TINFLStatus::HasMoreOutput => {
                    if out.len() > MAX_INFLATED {
                        return Err(too_large());
                    }
                    // A new zeroized buffer rather than a reallocation, which would leave a
                    // copy of the document behind unzeroized.
                    let mut bigger =
                        Zeroizing::new(vec![0u8; (out.len() * 2).min(MAX_INFLATED + 1)]);
                    bigger[..out_pos].copy_from_slice(&out[..out_pos]);
                    out = bigger;
                }
                TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                    return Err(zerr("truncated zlib stream".into()));
                }
                _ => {
                    return Err(zerr(
                        "corrupt zlib stream: invalid deflate data or Adler-32 checksum".into(),
                    ))
                }
            }
        }
    })?;
    out.truncate(out_pos);
    if in_pos < data.len() {
        return Err(zerr(format!(
            "{} unexpected bytes after the zlib stream",
            data.len() - in_pos
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
