//! Where REST calls go: the regional API domains, custom base URLs, and the request URL.
//!
//! Every call is `POST https://{domain}/v4/{service}/{command}?sdkappid={u64}&identifier={admin}&usersig={sig}&random={u32}&contenttype=json`
//! with a JSON body (`{}` when there is nothing to send). The domain depends on the data
//! center the app (SDKAppID) was created in; apps in different data centers cannot see each
//! other, and the data center cannot be changed after creation.
//!
//! # Where the domains come from
//!
//! Checked in 2026 against Tencent's public documentation:
//!
//! - **P1** RESTful API Overview, `https://cloud.tencent.com/document/api/269/1519` (Chinese):
//!   China, Singapore, Seoul, Frankfurt, Mumbai, Silicon Valley, Jakarta, each with its
//!   "备域名" (standby domain, "use it when the domain's DNS is hijacked by the carrier").
//! - **P2** RESTful API Overview, `https://www.tencentcloud.com/document/product/1047/34620`
//!   (English text, as served under `/jp/`): the same seven regions with "(backup: …)" hosts;
//!   its `/zh/` version (2024-08-06) lists the same minus Mumbai.
//! - **P3** Endpoint pages, newest versions: `https://trtc.io/document/34906` (Deleting All
//!   Friends) and `https://cloud.tencent.com/document/product/269/1645` (删除所有好友, updated
//!   2025-12-15): China, Singapore, Seoul, **Tokyo**, Frankfurt, Silicon Valley, Jakarta — no
//!   Mumbai, no standby hosts.
//! - **P4** 出海指南 (going-global guide), `https://cloud.tencent.com/document/product/269/81906`
//!   (updated 2025-12-22): data centers China, Singapore, Jakarta, Seoul, Japan, Frankfurt,
//!   Silicon Valley; server API domains for all of them except Japan.
//! - **P5** The project's own snapshot: `spec/seed-pages/` (the destroy_group and
//!   friend_delete pages list China, Singapore, Seoul, Frankfurt, Silicon Valley, Jakarta) and
//!   `spec/docs/page.rest_api_overview.md` (the 2024-12 English overview: China, Singapore,
//!   Seoul, Frankfurt, Mumbai, Silicon Valley).
//! - **J** The domain constants of the community Java server SDK
//!   (`doocs/qcloud-im-server-sdk-java`, `constant/Domain.java`): every primary and standby
//!   host of China, Singapore, Seoul, Frankfurt, Mumbai and Silicon Valley, as in P1.
//!
//! Not verified (so not used): a standby host for Tokyo. Only a third-party project lists
//! `adminapijpn.my-imcloud.com`; no Tencent page does, so [`Region::Tokyo`] has no standby
//! and a Tokyo client never sends its UserSig to an undocumented host. A Riyadh/Saudi
//! `adminapiksa.im.qcloud.com` also appears only in third-party code and is not a region here
//! (the enum is `#[non_exhaustive]`, so it can be added once Tencent documents it).

use std::fmt;
use std::str::FromStr;

/// A Chat data center, which fixes the REST API domain of the apps created in it.
///
/// Parse one from its [name](Region::name), an alias or its API host:
///
/// ```
/// use chatadmin_core::region::Region;
/// let r: Region = "SGP".parse().unwrap();
/// assert_eq!(r, Region::Singapore);
/// assert_eq!(r.primary_host(), "adminapisgp.im.qcloud.com");
/// assert_eq!(r.to_string(), "singapore");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// Chinese mainland: `console.tim.qq.com`, standby `adminapi.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    China,
    /// Singapore: `adminapisgp.im.qcloud.com`, standby `adminapisgp.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    Singapore,
    /// Seoul: `adminapikr.im.qcloud.com`, standby `adminapikr.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    Seoul,
    /// Tokyo: `adminapijpn.im.qcloud.com`, no known standby.
    /// Primary in P3 (the newest trtc.io and cloud.tencent.com endpoint pages); the Japan data center is in
    /// P4. Not in the Java SDK nor in the 2024 overview pages. Standby: unverified, none.
    Tokyo,
    /// Frankfurt: `adminapiger.im.qcloud.com`, standby `adminapiger.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    Frankfurt,
    /// Mumbai: `adminapiind.im.qcloud.com`, standby `adminapiind.my-imcloud.com`.
    /// Both in P1, P2 and J, the primary also in the 2024-12 overview P5; gone from
    /// the newest endpoint pages P3 and the data-center list P4, so it is likely closed
    /// to new apps. Kept for apps that live there.
    Mumbai,
    /// Silicon Valley (USA): `adminapiusa.im.qcloud.com`, standby `adminapiusa.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    SiliconValley,
    /// Jakarta: `adminapiidn.im.qcloud.com`, standby `adminapiidn.my-imcloud.com`.
    /// Primary in P1–P4 and the seed pages P5; standby in P1 and P2 (not in J).
    Jakarta,
}

impl Region {
    /// Every region, in the order the documentation lists them.
    pub const ALL: &'static [Region] = &[
        Region::China,
        Region::Singapore,
        Region::Seoul,
        Region::Tokyo,
        Region::Frankfurt,
        Region::Mumbai,
        Region::SiliconValley,
        Region::Jakarta,
    ];

    /// The documented API host of the region (no scheme, no port).
    pub const fn primary_host(self) -> &'static str {
        match self {
            Region::China => "console.tim.qq.com",
            Region::Singapore => "adminapisgp.im.qcloud.com",
            Region::Seoul => "adminapikr.im.qcloud.com",
            Region::Tokyo => "adminapijpn.im.qcloud.com",
            Region::Frankfurt => "adminapiger.im.qcloud.com",
            Region::Mumbai => "adminapiind.im.qcloud.com",
            Region::SiliconValley => "adminapiusa.im.qcloud.com",
            Region::Jakarta => "adminapiidn.im.qcloud.com",
        }
    }

    /// The documented standby host, for when the primary cannot be reached (the docs name
    /// DNS hijacking by a carrier). `None` where Tencent documents none (Tokyo).
    pub const fn standby_host(self) -> Option<&'static str> {
        match self {
            Region::China => Some("adminapi.my-imcloud.com"),
            Region::Singapore => Some("adminapisgp.my-imcloud.com"),
            Region::Seoul => Some("adminapikr.my-imcloud.com"),
            Region::Tokyo => None,
            Region::Frankfurt => Some("adminapiger.my-imcloud.com"),
            Region::Mumbai => Some("adminapiind.my-imcloud.com"),
            Region::SiliconValley => Some("adminapiusa.my-imcloud.com"),
            Region::Jakarta => Some("adminapiidn.my-imcloud.com"),
        }
    }

    /// The canonical lowercase id: `china`, `singapore`, `seoul`, `tokyo`, `frankfurt`,
    /// `mumbai`, `silicon-valley`, `jakarta`.
    pub const fn name(self) -> &'static str {
        self.aliases()[0]
    }

    /// Every lowercase id [`FromStr`] accepts for this region, the canonical
    /// [name](Region::name) first. (The API hosts are accepted too, and are not listed here.)
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            Region::China => &["china", "cn", "zh", "mainland"],
            Region::Singapore => &["singapore", "sgp", "sg"],
            Region::Seoul => &["seoul", "kr", "korea"],
            Region::Tokyo => &["tokyo", "jp", "jpn", "japan"],
            Region::Frankfurt => &["frankfurt", "ger", "de", "germany", "eu"],
            Region::Mumbai => &["mumbai", "ind", "in", "india"],
            Region::SiliconValley => &[
                "silicon-valley",
                "usa",
                "us",
                "sv",
                "silicon_valley",
                "siliconvalley",
            ],
            Region::Jakarta => &["jakarta", "idn", "id", "indonesia"],
        }
    }

    /// The region whose primary or standby host is `host` (ASCII case-insensitive; a single
    /// trailing dot is allowed).
    pub fn from_host(host: &str) -> Option<Region> {
        let host = host.strip_suffix('.').unwrap_or(host);
        Region::ALL.iter().copied().find(|r| {
            r.primary_host().eq_ignore_ascii_case(host)
                || r.standby_host()
                    .is_some_and(|s| s.eq_ignore_ascii_case(host))
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Region {
    type Err = ParseRegionError;

    /// Accepts (ASCII case-insensitive, surrounding whitespace ignored) the canonical name,
    /// any of the [aliases](Region::aliases), or the region's primary or standby host.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Region::ALL
            .iter()
            .copied()
            .find(|r| r.aliases().iter().any(|a| a.eq_ignore_ascii_case(t)))
            .or_else(|| Region::from_host(t))
            .ok_or_else(|| ParseRegionError {
                input: shorten(t, 64),
            })
    }
}

/// A string that names no [`Region`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseRegionError {
    input: String,
}

impl ParseRegionError {
    /// The rejected input (trimmed; cut short if it was long).
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseRegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown region {:?}: expected one of ", self.input)?;
        for (i, r) in Region::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(r.name())?;
        }
        f.write_str(" (or a short alias such as ")?;
        for (i, r) in Region::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(r.aliases()[1])?;
        }
        f.write_str(", or the region's API host)")
    }
}

impl std::error::Error for ParseRegionError {}

fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

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
    /// removed; the scheme and host are lowercased. The path prefix is kept as given, so do
    /// not end it with `/v4` (the `v4/` is added to every request).
    pub fn custom(url: &str) -> Result<BaseUrl, InvalidBaseUrl> {
        let url = url.trim();
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
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(InvalidBaseUrl::UserInfo);
        }
        if authority.is_empty() {
            return Err(InvalidBaseUrl::MissingHost);
        }
        let (host, port) = split_host_port(authority)?;
        let host = host.to_ascii_lowercase();
        if let Some(port) = port {
            check_port(port)?;
        }
        check_path(path)?;

        let mut out = String::with_capacity(url.len());
        out.push_str(&scheme);
        out.push_str("://");
        out.push_str(&host);
        if let Some(port) = port {
            out.push(':');
            out.push_str(port);
        }
        out.push_str(path.trim_end_matches('/'));
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

fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), InvalidBaseUrl> {
    if let Some(after) = authority.strip_prefix('[') {
        let close = after
            .find(']')
            .ok_or_else(|| InvalidBaseUrl::InvalidHost(shorten(authority, 64)))?;
        let inner = &after[..close];
        let host = &authority[..close + 2];
        let tail = &after[close + 1..];
        let valid = !inner.is_empty()
            && inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        if !valid {
            return Err(InvalidBaseUrl::InvalidHost(shorten(host, 64)));
        }
        return match tail.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if tail.is_empty() => Ok((host, None)),
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

fn check_port(port: &str) -> Result<(), InvalidBaseUrl> {
    let ok = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && matches!(port.parse::<u32>(), Ok(1..=65535));
    if ok {
        Ok(())
    } else {
        Err(InvalidBaseUrl::InvalidPort(shorten(port, 16)))
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

/// Query parameters of one call. `usersig` is the secret part (its `Debug` is redacted).
#[derive(Clone, Copy)]
pub struct CallParams<'a> {
    /// The app's SDKAppID.
    pub sdkappid: u64,
    /// The app admin account the call is made as.
    pub identifier: &'a str,
    /// The admin's UserSig. A credential: never log it.
    pub usersig: &'a str,
    /// A random 32-bit number identifying this request.
    pub random: u32,
}

impl fmt::Debug for CallParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallParams")
            .field("sdkappid", &self.sdkappid)
            .field("identifier", &self.identifier)
            .field("usersig", &format_args!("{REDACTED}"))
            .field("random", &self.random)
            .finish()
    }
}

/// What [`redacted_url`] and [`redact_url`] put in place of a UserSig.
pub const REDACTED: &str = "<redacted>";

/// Normalizes a wire path: strips leading `/`s and one `v4/` prefix (and trailing `/`s);
/// returns `service/command`.
///
/// ```
/// use chatadmin_core::region::normalize_wire_path;
/// assert_eq!(normalize_wire_path("/v4/sns/friend_delete"), "sns/friend_delete");
/// assert_eq!(normalize_wire_path("v4/ConfigSvc/GetIPList"), "ConfigSvc/GetIPList");
/// assert_eq!(normalize_wire_path("openim/sendmsg"), "openim/sendmsg");
/// ```
pub fn normalize_wire_path(path: &str) -> &str {
    let p = path.trim().trim_start_matches('/');
    let p = match p.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("v4/") => &p[3..],
        _ => p,
    };
    p.trim_start_matches('/').trim_end_matches('/')
}

/// Builds `{base}/v4/{service/command}?sdkappid=..&identifier=..&usersig=..&random=..&contenttype=json`,
/// then `&key=value` for each of `extra` (such as `nettype` for `ConfigSvc/GetIPList`).
///
/// `base` is a [`BaseUrl::primary`] or [`BaseUrl::standby`] (a trailing `/` is ignored).
/// `wire_path` may start with `/` or `v4/` ([`normalize_wire_path`]). The identifier, the
/// UserSig and the `extra` keys and values are percent-encoded with
/// [`percent_encode_component`], which leaves a UserSig's `*`, `-` and `_` as they are.
///
/// The result contains the UserSig: never log it; log [`redacted_url`] instead.
///
/// ```
/// use chatadmin_core::region::{request_url, CallParams};
/// let p = CallParams { sdkappid: 1400000000, identifier: "admin", usersig: "eJw*a-b_c", random: 7 };
/// assert_eq!(
///     request_url("https://console.tim.qq.com", "v4/sns/friend_delete", &p, &[]),
///     "https://console.tim.qq.com/v4/sns/friend_delete?sdkappid=1400000000&identifier=admin&usersig=eJw*a-b_c&random=7&contenttype=json"
/// );
/// ```
pub fn request_url(
    base: &str,
    wire_path: &str,
    params: &CallParams<'_>,
    extra: &[(&str, &str)],
) -> String {
    build_url(
        base,
        wire_path,
        params,
        &percent_encode_component(params.usersig),
        extra,
    )
}

/// The same URL as [`request_url`] with the UserSig replaced by `<redacted>` (also in any
/// `extra` parameter named `usersig`), for errors and logs.
pub fn redacted_url(
    base: &str,
    wire_path: &str,
    params: &CallParams<'_>,
    extra: &[(&str, &str)],
) -> String {
    redact_url(&build_url(base, wire_path, params, REDACTED, extra))
}

fn build_url(
    base: &str,
    wire_path: &str,
    params: &CallParams<'_>,
    encoded_sig: &str,
    extra: &[(&str, &str)],
) -> String {
    use std::fmt::Write as _;
    let base = base.trim_end_matches('/');
    let path = normalize_wire_path(wire_path);
    let mut url = String::with_capacity(
        base.len() + path.len() + encoded_sig.len() + params.identifier.len() * 3 + 96,
    );
    // Writing to a String cannot fail.
    let _ = write!(
        url,
        "{base}/v4/{path}?sdkappid={}&identifier={}&usersig={encoded_sig}&random={}&contenttype=json",
        params.sdkappid,
        percent_encode_component(params.identifier),
        params.random,
    );
    for (k, v) in extra {
        url.push('&');
        url.push_str(&percent_encode_component(k));
        url.push('=');
        url.push_str(&percent_encode_component(v));
    }
    url
}

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

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Whether a byte passes through [`percent_encode_component`] unencoded.
const fn is_kept(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'*')
}

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
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_kept(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(b & 0x0f)]));
        }
    }
    out
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
    let bytes = s.as_bytes();
    if !bytes.contains(&b'%') {
        return Ok(s.to_owned());
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let b =
                decode_escape(bytes, i).ok_or(PercentDecodeError::InvalidEscape { offset: i })?;
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|e| PercentDecodeError::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
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

    fn params<'a>(identifier: &'a str, usersig: &'a str) -> CallParams<'a> {
        CallParams {
            sdkappid: 1_400_000_000,
            identifier,
            usersig,
            random: 4_294_967_295,
        }
    }

    #[test]
    fn region_hosts() {
        let expected = [
            (
                Region::China,
                "console.tim.qq.com",
                Some("adminapi.my-imcloud.com"),
            ),
            (
                Region::Singapore,
                "adminapisgp.im.qcloud.com",
                Some("adminapisgp.my-imcloud.com"),
            ),
            (
                Region::Seoul,
                "adminapikr.im.qcloud.com",
                Some("adminapikr.my-imcloud.com"),
            ),
            (Region::Tokyo, "adminapijpn.im.qcloud.com", None),
            (
                Region::Frankfurt,
                "adminapiger.im.qcloud.com",
                Some("adminapiger.my-imcloud.com"),
            ),
            (
                Region::Mumbai,
                "adminapiind.im.qcloud.com",
                Some("adminapiind.my-imcloud.com"),
            ),
            (
                Region::SiliconValley,
                "adminapiusa.im.qcloud.com",
                Some("adminapiusa.my-imcloud.com"),
            ),
            (
                Region::Jakarta,
                "adminapiidn.im.qcloud.com",
                Some("adminapiidn.my-imcloud.com"),
            ),
        ];
        assert_eq!(Region::ALL.len(), expected.len());
        for (r, primary, standby) in expected {
            assert!(Region::ALL.contains(&r));
            assert_eq!(r.primary_host(), primary);
            assert_eq!(r.standby_host(), standby);
            let b = BaseUrl::Region(r);
            assert_eq!(b.primary(), format!("https://{primary}"));
            assert_eq!(b.standby(), standby.map(|s| format!("https://{s}")));
            assert_eq!(Region::from_host(primary), Some(r));
            assert_eq!(Region::from_host(&primary.to_uppercase()), Some(r));
            if let Some(s) = standby {
                assert_eq!(Region::from_host(s), Some(r));
            }
        }
        assert_eq!(Region::from_host("example.com"), None);
    }

    #[test]
    fn names_are_canonical_and_unique() {
        let names: Vec<_> = Region::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(
            names,
            [
                "china",
                "singapore",
                "seoul",
                "tokyo",
                "frankfurt",
                "mumbai",
                "silicon-valley",
                "jakarta"
            ]
        );
        let mut all: Vec<&str> = Region::ALL
            .iter()
            .flat_map(|r| r.aliases().iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "an alias names two regions");
        for r in Region::ALL {
            assert_eq!(r.to_string(), r.name());
            assert!(r.aliases().iter().all(|a| *a == a.to_ascii_lowercase()));
        }
    }

    #[test]
    fn from_str_names_aliases_hosts() {
        let cases: &[(&str, Region)] = &[
            ("china", Region::China),
            ("cn", Region::China),
            ("zh", Region::China),
            ("mainland", Region::China),
            ("singapore", Region::Singapore),
            ("sgp", Region::Singapore),
            ("sg", Region::Singapore),
            ("seoul", Region::Seoul),
            ("kr", Region::Seoul),
            ("korea", Region::Seoul),
            ("tokyo", Region::Tokyo),
            ("jp", Region::Tokyo),
            ("jpn", Region::Tokyo),
            ("japan", Region::Tokyo),
            ("frankfurt", Region::Frankfurt),
            ("ger", Region::Frankfurt),
            ("de", Region::Frankfurt),
            ("germany", Region::Frankfurt),
            ("eu", Region::Frankfurt),
            ("mumbai", Region::Mumbai),
            ("ind", Region::Mumbai),
            ("in", Region::Mumbai),
            ("india", Region::Mumbai),
            ("silicon-valley", Region::SiliconValley),
            ("usa", Region::SiliconValley),
            ("us", Region::SiliconValley),
            ("sv", Region::SiliconValley),
            ("jakarta", Region::Jakarta),
            ("idn", Region::Jakarta),
            ("id", Region::Jakarta),
            ("indonesia", Region::Jakarta),
        ];
        for &(s, r) in cases {
            assert_eq!(s.parse::<Region>(), Ok(r), "{s}");
            assert_eq!(s.to_uppercase().parse::<Region>(), Ok(r), "{s}");
            let mut mixed: String = s
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(mixed.parse::<Region>(), Ok(r), "{mixed}");
            mixed.insert(0, ' ');
            mixed.push('\n');
            assert_eq!(mixed.parse::<Region>(), Ok(r), "{mixed:?}");
        }
        for &r in Region::ALL {
            for a in r.aliases() {
                assert_eq!(a.parse::<Region>(), Ok(r));
            }
            assert_eq!(r.name().parse::<Region>(), Ok(r));
            assert_eq!(r.primary_host().parse::<Region>(), Ok(r));
            assert_eq!(r.primary_host().to_uppercase().parse::<Region>(), Ok(r));
        }
        assert_eq!(
            "Silicon-Valley".parse::<Region>(),
            Ok(Region::SiliconValley)
        );
        assert_eq!(
            "adminapi.my-imcloud.com".parse::<Region>(),
            Ok(Region::China)
        );
    }

    #[test]
    fn from_str_rejects_unknown() {
        for bad in [
            "",
            " ",
            "mars",
            "ksa",
            "riyadh",
            "chin a",
            "https://console.tim.qq.com",
            "hk",
        ] {
            let err = bad.parse::<Region>().unwrap_err();
            let msg = err.to_string();
            assert!(msg.starts_with("unknown region"), "{msg}");
            for r in Region::ALL {
                assert!(msg.contains(r.name()), "{msg} lacks {}", r.name());
            }
        }
        let err = "Mars".parse::<Region>().unwrap_err();
        assert_eq!(err.input(), "Mars");
        assert_eq!(
            err.to_string(),
            "unknown region \"Mars\": expected one of china, singapore, seoul, tokyo, frankfurt, \
             mumbai, silicon-valley, jakarta (or a short alias such as cn, sgp, kr, jp, ger, ind, \
             usa, idn, or the region's API host)"
        );
        let long = "x".repeat(1000);
        let err = long.parse::<Region>().unwrap_err();
        assert!(err.to_string().len() < 400);
    }

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

    #[test]
    fn wire_paths() {
        for p in [
            "sns/friend_delete",
            "/sns/friend_delete",
            "v4/sns/friend_delete",
            "/v4/sns/friend_delete",
            "//v4//sns/friend_delete/",
            "V4/sns/friend_delete",
        ] {
            assert_eq!(normalize_wire_path(p), "sns/friend_delete", "{p}");
        }
        assert_eq!(normalize_wire_path("v4x/cmd"), "v4x/cmd");
        assert_eq!(
            normalize_wire_path("ConfigSvc/GetIPList"),
            "ConfigSvc/GetIPList"
        );
    }

    #[test]
    fn request_url_exact() {
        let p = params("admin", SIG);
        let want = "https://console.tim.qq.com/v4/sns/friend_delete?sdkappid=1400000000\
                    &identifier=admin&usersig=eJwtzEELgjAYgOG*8p2-G*u-_Xk9RmtY0\
                    &random=4294967295&contenttype=json";
        for (base, path) in [
            ("https://console.tim.qq.com", "v4/sns/friend_delete"),
            ("https://console.tim.qq.com/", "/v4/sns/friend_delete"),
            ("https://console.tim.qq.com", "sns/friend_delete"),
        ] {
            assert_eq!(request_url(base, path, &p, &[]), want);
        }

        let p = CallParams {
            sdkappid: 88_888_888,
            identifier: "管理员 a+b&c",
            usersig: "a*b-c_d",
            random: 0,
        };
        assert_eq!(
            request_url(
                "http://127.0.0.1:8080/prefix",
                "ConfigSvc/GetIPList",
                &p,
                &[("nettype", "0")]
            ),
            "http://127.0.0.1:8080/prefix/v4/ConfigSvc/GetIPList?sdkappid=88888888\
             &identifier=%E7%AE%A1%E7%90%86%E5%91%98%20a%2Bb%26c&usersig=a*b-c_d\
             &random=0&contenttype=json&nettype=0"
        );
        assert_eq!(
            request_url("https://h", "a/b", &p, &[("k y", "v&=é"), ("x", "")]),
            "https://h/v4/a/b?sdkappid=88888888\
             &identifier=%E7%AE%A1%E7%90%86%E5%91%98%20a%2Bb%26c&usersig=a*b-c_d\
             &random=0&contenttype=json&k%20y=v%26%3D%C3%A9&x="
        );
        // A signature made of the standard base64 alphabet is still carried intact.
        let p = params("admin", "ab+/c==");
        let url = request_url("https://h", "a/b", &p, &[]);
        assert!(url.contains("&usersig=ab%2B%2Fc%3D%3D&"), "{url}");
    }

    #[test]
    fn redacted_url_hides_sig() {
        let p = params("admin", SIG);
        let r = redacted_url(
            "https://console.tim.qq.com",
            "v4/sns/friend_delete",
            &p,
            &[],
        );
        assert_eq!(
            r,
            "https://console.tim.qq.com/v4/sns/friend_delete?sdkappid=1400000000\
             &identifier=admin&usersig=<redacted>&random=4294967295&contenttype=json"
        );
        let full = request_url(
            "https://console.tim.qq.com",
            "v4/sns/friend_delete",
            &p,
            &[],
        );
        assert_eq!(redact_url(&full), r);
        // An extra parameter that happens to be called usersig is redacted too.
        let r = redacted_url(
            "https://h",
            "a/b",
            &p,
            &[("UserSig", SIG), ("nettype", "1")],
        );
        assert!(!r.contains(SIG), "{r}");
        assert!(r.ends_with("&UserSig=<redacted>&nettype=1"), "{r}");
        // An identifier that looks like a parameter cannot smuggle anything.
        let p = params("x&usersig=", SIG);
        let r = redacted_url("https://h", "a/b", &p, &[]);
        assert!(!r.contains(SIG), "{r}");
        assert!(
            r.contains("identifier=x%26usersig%3D&usersig=<redacted>&"),
            "{r}"
        );
    }

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
    fn call_params_debug_hides_sig() {
        let p = params("admin", SIG);
        let d = format!("{p:?}");
        assert!(!d.contains(SIG), "{d}");
        assert!(
            d.contains("<redacted>") && d.contains("admin") && d.contains("1400000000"),
            "{d}"
        );
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

            #[test]
            fn redaction_never_shows_the_sig(
                sig in "[A-Za-z0-9*_-]{8,64}",
                identifier in any::<String>(),
                nettype in any::<String>(),
                random in any::<u32>(),
                sdkappid in any::<u64>(),
            ) {
                let p = CallParams { sdkappid, identifier: &identifier, usersig: &sig, random };
                let extra = [("nettype", nettype.as_str())];
                let full = request_url("https://adminapisgp.im.qcloud.com", "v4/a/b", &p, &extra);
                let red = redacted_url("https://adminapisgp.im.qcloud.com", "v4/a/b", &p, &extra);
                let needle = format!("usersig={}&", sig);
                prop_assert!(full.contains(&needle));
                prop_assert!(!red.contains(&sig));
                prop_assert_eq!(&redact_url(&full), &red);
                prop_assert_eq!(red.replace("usersig=<redacted>&", &format!("usersig={sig}&")), full);
            }
        }
    }
}
