//! Where requests go ([`BaseUrl`]): a region's hosts, or a custom base URL checked and
//! normalized with the `url` crate (the parser reqwest uses to send the request).

use std::fmt;

use super::{shorten, Region};

/// Where requests go: a region (https to its primary host, falling over to its standby), or
/// a custom base URL (a proxy, or the emulator: `http://127.0.0.1:PORT` or
/// `https://proxy.example/prefix`).
///
/// ```
/// use chatadmin_core::region::{BaseUrl, Region};
/// let b = BaseUrl::Region(Region::China);
/// assert_eq!(b.primary(), "https://console.tim.qq.com");
/// assert_eq!(b.standby().as_deref(), Some("https://adminapi.my-imcloud.com"));
///
/// let c = BaseUrl::custom("http://127.0.0.1:8080/").unwrap();
/// assert_eq!(c.primary(), "http://127.0.0.1:8080");
/// assert_eq!(c.standby(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BaseUrl {
    /// A region's documented hosts, over https.
    Region(Region),
    /// A custom base URL: `http(s)://host[:port][/path]`, no trailing `/`. Build it with
    /// [`BaseUrl::custom`], which checks and normalizes it.
    Custom(String),
}

impl BaseUrl {
    /// Checks and normalizes a custom base URL.
    ///
    /// Accepted: scheme `http` or `https` (any case), a host (DNS name, IPv4, or bracketed
    /// IPv6 literal), an optional port 1–65535, an optional path prefix. Rejected: other
    /// schemes, a missing host, user info (`user:pass@`), a query string or fragment,
    /// characters that are not allowed in a URL. Surrounding whitespace and trailing `/`s are
    /// removed; the scheme and host are lowercased (IP addresses in their canonical form), an
    /// explicit port is kept even when it is the scheme's default, and `.`/`..` segments of
    /// the path are resolved the way the HTTP client would. Otherwise the path prefix is kept
    /// as given, so do not end it with `/v4` (the `v4/` is added to every request).
    pub fn custom(url: &str) -> Result<BaseUrl, InvalidBaseUrl> {
        let url = url.trim();
        let parts = Parts::split(url)?;
        // The `url` crate decides what the host is (a DNS name, IPv4 or IPv6 address) and
        // resolves the path. `Parts` already refused everything that it would silently repair
        // (`http:/h`, `https:///h`, `\`, spaces, non-ASCII host names), so what it accepts here
        // is exactly what was written.
        let parsed = url::Url::parse(url).map_err(|e| match e {
            url::ParseError::EmptyHost => InvalidBaseUrl::MissingHost,
            url::ParseError::InvalidPort => {
                InvalidBaseUrl::InvalidPort(shorten(parts.port_text.unwrap_or(""), 16))
            }
            _ => InvalidBaseUrl::InvalidHost(shorten(parts.host, 64)),
        })?;
        let host = parsed.host_str().ok_or(InvalidBaseUrl::MissingHost)?;
        let mut out = format!("{}://{host}", parsed.scheme());
        // `Url` forgets a port equal to the scheme's default; the one written is kept.
        if let Some(port) = parts.port {
            out.push(':');
            out.push_str(&port.to_string());
        }
        out.push_str(parsed.path().trim_end_matches('/'));
        Ok(BaseUrl::Custom(out))
    }

    /// The URL to send requests to: `https://{primary host}` or the custom URL (without a
    /// trailing `/`).
    pub fn primary(&self) -> String {
        match self {
            BaseUrl::Region(r) => format!("https://{}", r.primary_host()),
            BaseUrl::Custom(u) => u.trim_end_matches('/').to_owned(),
        }
    }

    /// The URL to fall over to: the region's standby host, `None` for a custom URL or a
    /// region without one.
    pub fn standby(&self) -> Option<String> {
        match self {
            BaseUrl::Region(r) => r.standby_host().map(|h| format!("https://{h}")),
            BaseUrl::Custom(_) => None,
        }
    }
}

impl From<Region> for BaseUrl {
    fn from(r: Region) -> Self {
        BaseUrl::Region(r)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.primary())
    }
}

/// Why [`BaseUrl::custom`] rejected a URL. The messages never repeat user info or paths.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidBaseUrl {
    /// The string is empty (or only whitespace).
    #[error("base URL is empty")]
    Empty,
    /// No `scheme://` at the start.
    #[error("base URL must start with http:// or https://")]
    MissingScheme,
    /// A scheme other than http or https.
    #[error("base URL scheme {0:?} is not supported: use http or https")]
    UnsupportedScheme(String),
    /// Nothing between `://` and the path or port.
    #[error("base URL has no host")]
    MissingHost,
    /// The host is not a DNS name, IPv4 address or bracketed IPv6 literal.
    #[error("base URL host {0:?} is not a valid host name or IP address (use punycode for non-ASCII names)")]
    InvalidHost(String),
    /// The port is empty, not a number, or outside 1–65535.
    #[error("base URL port {0:?} is not a number from 1 to 65535")]
    InvalidPort(String),
    /// `user[:password]@` before the host.
    #[error("base URL must not contain user information (user@host)")]
    UserInfo,
    /// A `?` (query string).
    #[error("base URL must not contain a query string ('?'): the SDK adds its own")]
    Query,
    /// A `#` (fragment).
    #[error("base URL must not contain a fragment ('#')")]
    Fragment,
    /// A character in the path that a URL cannot carry unencoded (or a bad `%` escape).
    #[error("base URL path contains {0:?}, which is not allowed there (percent-encode it)")]
    InvalidPathChar(char),
}

/// The pieces of a custom base URL as written, with the checks that the `url` crate would not
/// make: it repairs rather than rejects many mistakes, and the errors must quote the caller's
/// own host or port (never user info or a path, which may hold credentials).
struct Parts<'a> {
    host: &'a str,
    port_text: Option<&'a str>,
    port: Option<u16>,
}

impl<'a> Parts<'a> {
    fn split(url: &'a str) -> Result<Parts<'a>, InvalidBaseUrl> {
        if url.is_empty() {
            return Err(InvalidBaseUrl::Empty);
        }
        let (scheme, rest) = url.split_once("://").ok_or(InvalidBaseUrl::MissingScheme)?;
        // Only something shaped like a scheme is one (and only that is repeated in the
        // error): `user:secret@host://…` must not echo the secret.
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
        if !is_scheme {
            return Err(InvalidBaseUrl::MissingScheme);
        }
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(InvalidBaseUrl::UnsupportedScheme(shorten(&scheme, 16)));
        }
        if rest.contains('?') {
            return Err(InvalidBaseUrl::Query);
        }
        if rest.contains('#') {
            return Err(InvalidBaseUrl::Fragment);
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(InvalidBaseUrl::UserInfo);
        }
        if authority.is_empty() {
            return Err(InvalidBaseUrl::MissingHost);
        }
        let (host, port_text) = split_host_port(authority)?;
        let port = port_text.map(parse_port).transpose()?;
        check_path(path)?;
        Ok(Parts {
            host,
            port_text,
            port,
        })
    }
}

/// Splits `host[:port]` or `[v6]:port`. A DNS name (or IPv4 address) must be ASCII labels of
/// letters, digits, `-` and `_`; an IPv6 literal is checked by the `url` crate.
fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), InvalidBaseUrl> {
    if let Some(after) = authority.strip_prefix('[') {
        let close = after
            .find(']')
            .ok_or_else(|| InvalidBaseUrl::InvalidHost(shorten(authority, 64)))?;
        let host = &authority[..close + 2];
        return match after[close + 1..].strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if close + 2 == authority.len() => Ok((host, None)),
            None => Err(InvalidBaseUrl::InvalidHost(shorten(authority, 64))),
        };
    }
    let (host, port) = match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err(InvalidBaseUrl::MissingHost);
    }
    let valid = host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !valid {
        return Err(InvalidBaseUrl::InvalidHost(shorten(host, 64)));
    }
    Ok((host, port))
}

fn parse_port(port: &str) -> Result<u16, InvalidBaseUrl> {
    match port.parse::<u16>() {
        Ok(p) if p != 0 && port.bytes().all(|b| b.is_ascii_digit()) => Ok(p),
        _ => Err(InvalidBaseUrl::InvalidPort(shorten(port, 16))),
    }
}

fn check_path(path: &str) -> Result<(), InvalidBaseUrl> {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let ok = bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
            if !ok {
                return Err(InvalidBaseUrl::InvalidPathChar('%'));
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
        if !allowed {
            // `i` is a char boundary: every byte before it was ASCII.
            let c = path[i..].chars().next().unwrap_or('\u{FFFD}');
            return Err(InvalidBaseUrl::InvalidPathChar(c));
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_base_urls_accepted() {
        let ok: &[(&str, &str)] = &[
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            (
                "https://proxy.example/prefix",
                "https://proxy.example/prefix",
            ),
            (
                "https://proxy.example/prefix/",
                "https://proxy.example/prefix",
            ),
            ("https://proxy.example/a/b//", "https://proxy.example/a/b"),
            (
                "HTTPS://Proxy.Example:443/Prefix",
                "https://proxy.example:443/Prefix",
            ),
            ("  http://localhost:1  ", "http://localhost:1"),
            ("http://localhost:65535", "http://localhost:65535"),
            ("http://[::1]:9000/", "http://[::1]:9000"),
            ("http://[2001:db8::1]", "http://[2001:db8::1]"),
            ("https://console.tim.qq.com", "https://console.tim.qq.com"),
            (
                "http://my_host.internal/p%20q/~x",
                "http://my_host.internal/p%20q/~x",
            ),
            ("https://h/", "https://h"),
        ];
        for &(input, want) in ok {
            let b = BaseUrl::custom(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(b, BaseUrl::Custom(want.to_owned()), "{input}");
            assert_eq!(b.primary(), want);
            assert_eq!(b.to_string(), want);
            assert_eq!(b.standby(), None);
        }
    }

    #[test]
    fn custom_base_urls_rejected() {
        use InvalidBaseUrl as E;
        let bad: &[(&str, E)] = &[
            ("", E::Empty),
            ("   ", E::Empty),
            ("ftp://example.com", E::UnsupportedScheme("ftp".into())),
            ("ws://example.com", E::UnsupportedScheme("ws".into())),
            (
                "HTTP+X://example.com",
                E::UnsupportedScheme("http+x".into()),
            ),
            ("example.com", E::MissingScheme),
            ("localhost:8080", E::MissingScheme),
            ("http:/example.com", E::MissingScheme),
            ("://example.com", E::MissingScheme),
            ("http://", E::MissingHost),
            ("https:///path", E::MissingHost),
            ("http://:8080", E::MissingHost),
            ("http://h?x=1", E::Query),
            ("http://h/p?", E::Query),
            ("http://h/p#frag", E::Fragment),
            ("http://user:pw@h", E::UserInfo),
            ("http://h:", E::InvalidPort(String::new())),
            ("http://h:0", E::InvalidPort("0".into())),
            ("http://h:65536", E::InvalidPort("65536".into())),
            ("http://h:80a", E::InvalidPort("80a".into())),
            ("http://h:1:2", E::InvalidPort("1:2".into())),
            ("http://ex ample.com", E::InvalidHost("ex ample.com".into())),
            ("http://a..b", E::InvalidHost("a..b".into())),
            (
                "http://bücher.example",
                E::InvalidHost("bücher.example".into()),
            ),
            ("http://::1/", E::MissingHost),
            ("http://[::1", E::InvalidHost("[::1".into())),
            ("http://[]/", E::InvalidHost("[]".into())),
            ("http://[::1]x", E::InvalidHost("[::1]x".into())),
            (
                "http://[fe80::1%25eth0]",
                E::InvalidHost("[fe80::1%25eth0]".into()),
            ),
            ("http://h/a b", E::InvalidPathChar(' ')),
            ("http://h/é", E::InvalidPathChar('é')),
            ("http://h/100%", E::InvalidPathChar('%')),
            ("http://h/%zz", E::InvalidPathChar('%')),
            ("http://h/a\\b", E::InvalidPathChar('\\')),
        ];
        for (input, want) in bad {
            assert_eq!(BaseUrl::custom(input).as_ref(), Err(want), "{input:?}");
        }
        // Messages never repeat credentials.
        let msg = BaseUrl::custom("http://user:secret@h")
            .unwrap_err()
            .to_string();
        assert!(!msg.contains("secret"), "{msg}");
        for input in [
            "user:secret@h",
            "user:secret@h://x",
            "http://user:secret@h/p",
        ] {
            let msg = BaseUrl::custom(input).unwrap_err().to_string();
            assert!(!msg.contains("secret"), "{msg}");
        }
    }

    /// What the `url` crate decides: IP literals in canonical form, dot segments resolved,
    /// hosts that cannot be a name nor an address refused (reqwest could not send to them).
    #[test]
    fn host_and_path_as_the_http_client_sees_them() {
        let ok: &[(&str, &str)] = &[
            ("http://[0:0:0::1]:80/", "http://[::1]:80"),
            ("http://[2001:DB8::A]", "http://[2001:db8::a]"),
            ("http://127.1:9", "http://127.0.0.1:9"),
            ("http://h/a/./b/../c/", "http://h/a/c"),
            ("http://h/a/..", "http://h"),
            ("http://h:080", "http://h:80"),
            ("https://h:443", "https://h:443"),
            (
                "http://xn--bcher-kva.example",
                "http://xn--bcher-kva.example",
            ),
        ];
        for &(input, want) in ok {
            let b = BaseUrl::custom(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(b.primary(), want, "{input}");
        }
        use InvalidBaseUrl as E;
        let bad: &[(&str, E)] = &[
            ("http://[1:2:3]", E::InvalidHost("[1:2:3]".into())),
            ("http://[::1::2]:80", E::InvalidHost("[::1::2]".into())),
            ("http://1.2.3.256", E::InvalidHost("1.2.3.256".into())),
            ("http://a.1", E::InvalidHost("a.1".into())),
            (
                "http://xn--zz.example",
                E::InvalidHost("xn--zz.example".into()),
            ),
            ("http://h:+80", E::InvalidPort("+80".into())),
        ];
        for (input, want) in bad {
            assert_eq!(BaseUrl::custom(input).as_ref(), Err(want), "{input:?}");
        }
    }
}
