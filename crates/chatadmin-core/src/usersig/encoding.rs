//! The two encodings around the JSON document: zlib (RFC 1950) and the `base64*` variant
//! of the official libraries (standard base64 with `+/=` replaced by `*-_`).

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use flate2::{Compression, Decompress, FlushDecompress, Status};
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

pub(super) fn zlib_compress(data: &[u8]) -> Zeroizing<Vec<u8>> {
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
pub(super) fn encode_tls_base64(data: &[u8]) -> String {
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
