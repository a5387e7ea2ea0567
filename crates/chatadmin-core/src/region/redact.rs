//! Redaction: UserSigs taken out of URLs and of messages that contain URLs.

/// What [`redacted_url`](super::redacted_url) and [`redact_url`] put in place of a UserSig.
pub const REDACTED: &str = "<redacted>";

/// Replaces the value of every `usersig` query parameter in `text` with `<redacted>`.
///
/// Meant for URLs found inside transport errors, so `text` may be a bare URL or a message
/// with URLs in it. The name is matched ASCII case-insensitively (`usersig`, `UserSig`, …),
/// also when percent-encoded (`user%73ig`, `usersig%3D…`), wherever it follows a character
/// that cannot be part of a longer name (`?`, `&`, `;`, space, …). The value ends at `&`,
/// `#`, `;`, whitespace, quotes, brackets or `,`. Everything else is left as it was; the
/// result of a redaction is left unchanged by a second one.
///
/// ```
/// use chatadmin_core::region::redact_url;
/// assert_eq!(
///     redact_url("https://h/v4/a/b?UserSig=eJw*x&random=1"),
///     "https://h/v4/a/b?UserSig=<redacted>&random=1"
/// );
/// ```
pub fn redact_url(text: &str) -> String {
    const NAME: &[u8] = b"usersig";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if (bytes[i] == b'%' || bytes[i].eq_ignore_ascii_case(&NAME[0]))
            && at_name_boundary(bytes, i)
        {
            if let Some(value_start) = match_name_and_equals(bytes, i, NAME) {
                let value_end = bytes[value_start..]
                    .iter()
                    .position(|&b| ends_value(b))
                    .map_or(bytes.len(), |n| value_start + n);
                if value_end > value_start {
                    // Both indices sit on ASCII bytes (or the end), so on char boundaries.
                    out.push_str(&text[copied..value_start]);
                    out.push_str(REDACTED);
                    copied = value_end;
                }
                i = value_end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether a parameter name may start at `i`: at the start, after a byte that cannot be
/// part of a name, or right after a percent escape (an encoded `?` or `&`).
fn at_name_boundary(bytes: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let prev = bytes[i - 1];
    if !(prev.is_ascii_alphanumeric() || prev == b'_') {
        return true;
    }
    i >= 3
        && bytes[i - 3] == b'%'
        && bytes[i - 2].is_ascii_hexdigit()
        && bytes[i - 1].is_ascii_hexdigit()
}

/// If `name` (each letter literal in any case, or percent-encoded) followed by `=` (or
/// `%3D`) starts at `i`, the index just after the `=`.
fn match_name_and_equals(bytes: &[u8], mut i: usize, name: &[u8]) -> Option<usize> {
    for &want in name {
        let got = *bytes.get(i)?;
        if got.eq_ignore_ascii_case(&want) {
            i += 1;
        } else if got == b'%' && decode_escape(bytes, i)?.eq_ignore_ascii_case(&want) {
            i += 3;
        } else {
            return None;
        }
    }
    match bytes.get(i)? {
        b'=' => Some(i + 1),
        b'%' if decode_escape(bytes, i)? == b'=' => Some(i + 3),
        _ => None,
    }
}

fn decode_escape(bytes: &[u8], i: usize) -> Option<u8> {
    if bytes.get(i) != Some(&b'%') {
        return None;
    }
    let hi = hex_value(*bytes.get(i + 1)?)?;
    let lo = hex_value(*bytes.get(i + 2)?)?;
    Some(hi << 4 | lo)
}

fn ends_value(b: u8) -> bool {
    b.is_ascii_whitespace()
        || b.is_ascii_control()
        || matches!(
            b,
            b'&' | b'#'
                | b';'
                | b','
                | b'"'
                | b'\''
                | b'`'
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'|'
                | b'\\'
                | b'^'
        )
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "eJwtzEELgjAYgOG*8p2-G*u-_Xk9RmtY0";

    #[test]
    fn redact_url_positions_and_case() {
        let s = SIG;
        let cases: Vec<(String, String)> = vec![
            (format!("https://h/v4/a/b?usersig={s}"), "https://h/v4/a/b?usersig=<redacted>".into()),
            (
                format!("https://h/v4/a/b?usersig={s}&random=1"),
                "https://h/v4/a/b?usersig=<redacted>&random=1".into(),
            ),
            (
                format!("https://h/v4/a/b?sdkappid=1&usersig={s}"),
                "https://h/v4/a/b?sdkappid=1&usersig=<redacted>".into(),
            ),
            (
                format!("https://h/v4/a/b?usersig={s}&x=1&usersig={s}2"),
                "https://h/v4/a/b?usersig=<redacted>&x=1&usersig=<redacted>".into(),
            ),
            (
                format!("https://h/?UserSig={s}&USERSIG={s}&uSeRsIg={s}"),
                "https://h/?UserSig=<redacted>&USERSIG=<redacted>&uSeRsIg=<redacted>".into(),
            ),
            (format!("https://h/?usersig={s}#frag"), "https://h/?usersig=<redacted>#frag".into()),
            (format!("https://h/?user%73ig={s}&a=1"), "https://h/?user%73ig=<redacted>&a=1".into()),
            (format!("https://h/?%55SERSIG%3d{s}&a=1"), "https://h/?%55SERSIG%3d<redacted>&a=1".into()),
            (format!("usersig={s}"), "usersig=<redacted>".into()),
            (
                format!("error sending request for url (https://h/v4/a/b?sdkappid=1&usersig={s}&random=2): timed out"),
                "error sending request for url (https://h/v4/a/b?sdkappid=1&usersig=<redacted>&random=2): timed out".into(),
            ),
            (
                format!("url: \"https://h/?usersig={s}\", other: 'https://k/?UserSig={s}'"),
                "url: \"https://h/?usersig=<redacted>\", other: 'https://k/?UserSig=<redacted>'".into(),
            ),
            (
                format!("next=https%3A%2F%2Fh%2F%3Fusersig%3D{s}"),
                "next=https%3A%2F%2Fh%2F%3Fusersig%3D<redacted>".into(),
            ),
            // Names that merely contain the word are left alone, as are empty values.
            ("https://h/?myusersig=abc&usersig2=def".into(), "https://h/?myusersig=abc&usersig2=def".into()),
            ("https://h/?usersig=&a=1".into(), "https://h/?usersig=&a=1".into()),
            ("https://h/?usersig".into(), "https://h/?usersig".into()),
            ("no url here".into(), "no url here".into()),
            ("".into(), "".into()),
            ("é?usersig=é€&x".into(), "é?usersig=<redacted>&x".into()),
        ];
        for (input, want) in cases {
            let got = redact_url(&input);
            assert_eq!(got, want, "{input}");
            assert!(!got.contains(s), "{got}");
            assert_eq!(redact_url(&got), got, "not idempotent on {got}");
        }
    }
}
