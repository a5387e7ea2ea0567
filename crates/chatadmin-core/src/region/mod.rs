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

//!
//! # Layout
//!
//! - `regions`: [`Region`], its hosts, names and aliases.
//! - `base_url`: [`BaseUrl`], a region or a custom base URL (checked with the `url` crate).
//! - `request`: [`CallParams`], [`normalize_wire_path`], [`request_url`], [`redacted_url`].
//! - `redact`: [`redact_url`], which takes UserSigs out of any text.
//! - `encode`: [`percent_encode_component`] and [`percent_decode_component`] (on the
//!   `percent-encoding` crate).

mod base_url;
mod encode;
mod redact;
mod regions;
mod request;

pub use base_url::{BaseUrl, InvalidBaseUrl};
pub use encode::{percent_decode_component, percent_encode_component, PercentDecodeError};
pub use redact::{redact_url, REDACTED};
pub use regions::{ParseRegionError, Region};
pub use request::{normalize_wire_path, redacted_url, request_url, CallParams};

/// `s` cut to at most `max_chars` characters (with `…` when cut), for quoting input in errors.
fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}
