//! Configuration: [`ClientBuilder`], [`RetryPolicy`], [`RateLimit`].

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chatadmin_core::region::{BaseUrl, Region};
use chatadmin_core::{registry, validate, Error, Result, SecretKey, UserSig};
use rand::Rng;

use crate::limiter::RateLimiter;
use crate::sig::{SigCache, SigSource};
use crate::transport::Hosts;
use crate::{Client, Inner};

/// Supplies the admin UserSig for apps that keep the secret key elsewhere (a vault, a
/// signing service). Called with the admin identifier; returns the UserSig or a message
/// saying why none could be made.
///
/// The client caches the returned UserSig and asks again shortly before it expires (the
/// expiry is read from the UserSig itself), or right away when the service answers 70001
/// (UserSig expired). A UserSig for another identifier or SDKAppID, or one that has already
/// expired, is refused with [`Error::UserSig`] before anything is sent.
///
/// ```no_run
/// use std::sync::Arc;
/// use chatadmin_client::{Client, Region, UserSig, UserSigProvider};
///
/// let provider: UserSigProvider = Arc::new(|identifier: &str| {
///     // e.g. ask the signing service for `identifier`'s UserSig
///     let sig: String = std::env::var("ADMIN_USERSIG").map_err(|e| e.to_string())?;
///     Ok(UserSig::new(sig))
/// });
/// let client = Client::builder(1400000000)
///     .usersig_provider(provider)
///     .region(Region::Singapore)
///     .build()?;
/// # Ok::<(), chatadmin_client::Error>(())
/// ```
pub type UserSigProvider = Arc<dyn Fn(&str) -> std::result::Result<UserSig, String> + Send + Sync>;

/// A clock in Unix seconds (a test hook; the default reads the system clock).
pub(crate) type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

fn system_clock() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// How failed attempts are retried: exponential backoff with (by default) full jitter.
///
/// What is retried is decided per error (see the [crate documentation](crate#retries)); this
/// only says how often and how long to wait. The wait before retry `n` (1-based) is
/// `min(max_backoff, initial_backoff × multiplier^(n−1))`, and with `jitter` a uniformly
/// random duration between zero and that. No wait runs past the client's total timeout, and
/// a code whose page asks for a pause ([`chatadmin_core::codes::retry_wait`], e.g. 70050 "try
/// again in one minute") waits at least that long, or is returned at once.
///
/// [`RetryPolicy::default`] (3 attempts in all) is the one default of every surface: the Rust
/// client, the C library (`chatadmin_client_builder_retry_policy` not called, or given 0s),
/// the Python package (`retries=None`) and the CLI.
///
/// ```
/// use std::time::Duration;
/// use chatadmin_client::RetryPolicy;
///
/// let patient = RetryPolicy { max_attempts: 5, max_backoff: Duration::from_secs(5), ..RetryPolicy::default() };
/// assert_eq!(patient.initial_backoff, Duration::from_millis(100));
/// assert_eq!(RetryPolicy::none().max_attempts, 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (at least 1). Default 3.
    pub max_attempts: u32,
    /// The wait before the first retry. Default 100 ms.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts. Default 2 s.
    pub max_backoff: Duration,
    /// The growth of the wait from one retry to the next (at least 1.0). Default 2.0.
    pub multiplier: f64,
    /// Full jitter: wait a random duration between zero and the computed backoff, so that
    /// many clients hitting the same limit do not retry in lockstep. Default true.
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            multiplier: 2.0,
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries: one attempt per call (a rejected UserSig is still renewed and the call
    /// repeated once, since that is not a blind retry).
    ///
    /// ```
    /// let p = chatadmin_client::RetryPolicy::none();
    /// assert_eq!(p.max_attempts, 1);
    /// ```
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (1 for the first retry), jitter applied.
    ///
    /// ```
    /// use std::time::Duration;
    /// use chatadmin_client::RetryPolicy;
    /// let p = RetryPolicy { jitter: false, ..RetryPolicy::default() };
    /// assert_eq!(p.backoff(1), Duration::from_millis(100));
    /// assert_eq!(p.backoff(3), Duration::from_millis(400));
    /// assert_eq!(p.backoff(30), Duration::from_secs(2));
    /// ```
    pub fn backoff(&self, retry: u32) -> Duration {
        let cap = self.max_backoff.as_secs_f64();
        let exp = i32::try_from(retry.saturating_sub(1)).unwrap_or(i32::MAX);
        let base = self.initial_backoff.as_secs_f64() * self.multiplier.max(1.0).powi(exp);
        // NaN (a bad multiplier) and infinity both end at the cap.
        let capped = if base.is_finite() { base.min(cap) } else { cap };
        let secs = if self.jitter && capped > 0.0 {
            rand::thread_rng().gen_range(0.0..=capped)
        } else {
            capped
        };
        Duration::from_secs_f64(secs.max(0.0))
    }

    fn check(&self) -> Result<()> {
        if self.max_attempts == 0 {
            return Err(Error::config(
                "retry_policy: max_attempts must be at least 1 (1 means no retries; see RetryPolicy::none())",
            ));
        }
        if !self.multiplier.is_finite() || self.multiplier < 1.0 {
            return Err(Error::config(format!(
                "retry_policy: multiplier must be a finite number of at least 1.0, not {}",
                self.multiplier
            )));
        }
        Ok(())
    }
}

/// Client-side rate limiting, so that bulk work stays under the service's per-API limits
/// instead of bouncing off them (errors 60007/60011).
///
/// Each endpoint has its own limit (the service counts per API and app). A call waits until
/// it may go, but never past the client's total timeout. The limiter lets a burst of one
/// second's worth of calls through at once and never more than the rate in any one-second
/// window. The limit applies to every HTTP request, retries and the parts of split calls
/// included. It is per client: processes (or clients) sharing an app share the service's
/// limit but not this one.
///
/// Override one endpoint with [`ClientBuilder::rate_limit_for`] (e.g. after buying a
/// higher limit for `profile/portrait_get`).
///
/// ```
/// use chatadmin_client::RateLimit;
/// assert_eq!(RateLimit::default(), RateLimit::Documented);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RateLimit {
    /// Each endpoint at its documented default (`EndpointMeta::rate_limit_per_sec`,
    /// typically 200 calls/s).
    #[default]
    Documented,
    /// No client-side limiting (rate-limit errors are still retried after a backoff).
    Off,
    /// The same rate for every endpoint, calls per second.
    PerSecond(u32),
}

/// A required setting that is missing, or two settings that exclude each other: what
/// [`ClientBuilder::build`] refuses before anything else, as data, so that each language
/// binding can say it in its own syntax ([`ConfigProblem::rust_message`] is Rust's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfigProblem {
    /// Neither a secret key nor a UserSig provider.
    NoCredentials,
    /// Both a secret key and a UserSig provider.
    BothCredentials,
    /// A secret key of zero length.
    EmptyKey,
    /// Neither a region nor a base URL.
    NoTarget,
    /// Both a region and a base URL.
    BothTargets,
}

impl ConfigProblem {
    /// The message in Rust terms (the builder's methods), as [`ClientBuilder::build`] reports it.
    pub fn rust_message(self) -> String {
        match self {
            ConfigProblem::NoCredentials => "no credentials: set secret_key(..) (the app's key from the Chat console) \
                 or usersig_provider(..)"
                .to_owned(),
            ConfigProblem::BothCredentials => {
                "set either secret_key(..) or usersig_provider(..), not both".to_owned()
            }
            ConfigProblem::EmptyKey => "secret_key is empty".to_owned(),
            ConfigProblem::NoTarget => format!(
                "no region or base URL: set region(Region::...) to the data center the app was created in \
                 ({}), or base_url(..) for a proxy or the emulator",
                region_names()
            ),
            ConfigProblem::BothTargets => {
                "set either region(..) or base_url(..), not both".to_owned()
            }
        }
    }
}

/// The region names a user may give, for messages: `"singapore", "seoul", ...`.
pub fn region_names() -> String {
    Region::ALL
        .iter()
        .map(|r| format!("\"{r}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Configures and builds a [`Client`].
///
/// Required: the SDKAppID, a secret key or a [`UserSigProvider`], and where to send calls
/// — a [`Region`] or a base URL. There is deliberately no default region: an app lives in
/// exactly one data center, and calls sent to another one fail with confusing errors.
///
/// ```no_run
/// use std::time::Duration;
/// use chatadmin_client::{Client, Region};
///
/// let client = Client::builder(1400000000)
///     .secret_key(std::env::var("CHAT_SECRET_KEY").unwrap())
///     .region(Region::Frankfurt)
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// # Ok::<(), chatadmin_client::Error>(())
/// ```
///
/// `Debug` never shows the key or the proxy's credentials.
#[derive(Clone)]
pub struct ClientBuilder {
    sdkappid: u64,
    key: Option<SecretKey>,
    provider: Option<UserSigProvider>,
    admin: String,
    region: Option<Region>,
    base_url: Option<String>,
    test_urls: Option<(String, String)>,
    connect_timeout: Duration,
    timeout: Duration,
    total_timeout: Duration,
    proxy: Option<String>,
    user_agent: String,
    retry: RetryPolicy,
    rate_limit: RateLimit,
    rate_overrides: BTreeMap<String, u32>,
    usersig_ttl: u64,
    clock: Option<Clock>,
}

/// The default admin account.
pub const DEFAULT_ADMIN: &str = "administrator";
/// The default validity of the admin UserSig signed with the key: one day.
pub const DEFAULT_USERSIG_TTL: u64 = 86_400;

impl ClientBuilder {
    /// A builder for the app `sdkappid`, with the defaults: admin `administrator`, connect
    /// timeout 5 s, per-attempt timeout 10 s, total timeout 60 s, [`RetryPolicy::default`],
    /// [`RateLimit::Documented`], admin UserSig valid for one day.
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).secret_key("k");
    /// assert!(!format!("{b:?}").contains("\"k\""));
    /// ```
    pub fn new(sdkappid: u64) -> Self {
        ClientBuilder {
            sdkappid,
            key: None,
            provider: None,
            admin: DEFAULT_ADMIN.to_owned(),
            region: None,
            base_url: None,
            test_urls: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(60),
            proxy: None,
            user_agent: format!("chatadmin-rust/{}", env!("CARGO_PKG_VERSION")),
            retry: RetryPolicy::default(),
            rate_limit: RateLimit::Documented,
            rate_overrides: BTreeMap::new(),
            usersig_ttl: DEFAULT_USERSIG_TTL,
            clock: None,
        }
    }

    /// The app's secret key (Chat console → app → key); the client signs the admin UserSig
    /// with it. Exclusive with [`usersig_provider`](Self::usersig_provider).
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).secret_key("0123abcd");
    /// ```
    pub fn secret_key(mut self, key: impl Into<SecretKey>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Gets the admin UserSig from `p` instead of signing it (for apps that keep the key in
    /// a vault). Exclusive with [`secret_key`](Self::secret_key). See [`UserSigProvider`].
    ///
    /// ```
    /// use std::sync::Arc;
    /// let b = chatadmin_client::ClientBuilder::new(1400000000)
    ///     .usersig_provider(Arc::new(|_id: &str| Err("vault not configured".to_owned())));
    /// ```
    pub fn usersig_provider(mut self, p: UserSigProvider) -> Self {
        self.provider = Some(p);
        self
    }

    /// The app admin account calls are made as (default `administrator`, the account the
    /// console creates).
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).admin("ops_admin");
    /// ```
    pub fn admin(mut self, identifier: impl Into<String>) -> Self {
        self.admin = identifier.into();
        self
    }

    /// Sends calls to the documented API host of `r`, falling over to its standby host when
    /// the primary cannot be connected to. Exclusive with [`base_url`](Self::base_url).
    ///
    /// ```
    /// use chatadmin_client::{ClientBuilder, Region};
    /// let b = ClientBuilder::new(1400000000).region(Region::Seoul);
    /// ```
    pub fn region(mut self, r: Region) -> Self {
        self.region = Some(r);
        self
    }

    /// Sends calls to a custom base URL instead of a region: a proxy
    /// (`https://gateway.example/chat`) or the emulator (`http://127.0.0.1:PORT`). Checked
    /// by [`build`](Self::build) (http or https, a host, no user info, query or fragment).
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).base_url("http://127.0.0.1:8080");
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Test hook: a "region" with the given primary and standby base URLs, so failover can
    /// be tested on loopback.
    #[doc(hidden)]
    pub fn base_urls_for_test(mut self, primary: &str, standby: &str) -> Self {
        self.test_urls = Some((primary.to_owned(), standby.to_owned()));
        self
    }

    /// Test hook: the clock (Unix seconds) used to sign and renew the admin UserSig.
    #[doc(hidden)]
    pub fn clock_for_test(mut self, clock: Arc<dyn Fn() -> u64 + Send + Sync>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The time allowed to open a connection (TCP and TLS). Default 5 s.
    ///
    /// ```
    /// use std::time::Duration;
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).connect_timeout(Duration::from_secs(2));
    /// ```
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// The time allowed for one attempt, from connecting to the end of the response body.
    /// Default 10 s.
    ///
    /// ```
    /// use std::time::Duration;
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).timeout(Duration::from_secs(3));
    /// ```
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// The time allowed for a whole call: every part of a split call, every attempt, every
    /// backoff and every wait for the rate limiter. Default 60 s. When it runs out, the call
    /// returns the last error (or [`Error::Timeout`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).total_timeout(Duration::from_secs(300));
    /// ```
    pub fn total_timeout(mut self, d: Duration) -> Self {
        self.total_timeout = d;
        self
    }

    /// Sends all traffic through this proxy (`http://`, `https://` or `socks5://`... as
    /// supported by the HTTP stack; credentials as `http://user:pass@host:port`). Without
    /// it, the usual `HTTPS_PROXY`/`NO_PROXY` environment variables apply.
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).proxy("http://proxy.internal:3128");
    /// ```
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// The `User-Agent` header. Default `chatadmin-rust/{version}`.
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).user_agent("my-game-server/1.2");
    /// ```
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// How failed attempts are retried. Default [`RetryPolicy::default`].
    ///
    /// ```
    /// use chatadmin_client::{ClientBuilder, RetryPolicy};
    /// let b = ClientBuilder::new(1400000000).retry_policy(RetryPolicy::none());
    /// ```
    pub fn retry_policy(mut self, p: RetryPolicy) -> Self {
        self.retry = p;
        self
    }

    /// Client-side rate limiting. Default [`RateLimit::Documented`].
    ///
    /// ```
    /// use chatadmin_client::{ClientBuilder, RateLimit};
    /// let b = ClientBuilder::new(1400000000).rate_limit(RateLimit::PerSecond(50));
    /// ```
    pub fn rate_limit(mut self, r: RateLimit) -> Self {
        self.rate_limit = r;
        self
    }

    /// Limits one endpoint (by wire path, `sns/friend_delete` or `v4/sns/friend_delete`) to
    /// `per_sec` calls per second, whatever [`rate_limit`](Self::rate_limit) says (also with
    /// [`RateLimit::Off`]). An unknown path is an error in [`build`](Self::build).
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000)
    ///     .rate_limit_for("sns/friend_delete", 50);
    /// ```
    pub fn rate_limit_for(mut self, wire_path: &str, per_sec: u32) -> Self {
        self.rate_overrides.insert(wire_path.to_owned(), per_sec);
        self
    }

    /// The validity, in seconds, of the admin UserSig the client signs with the key. Default
    /// one day. The client signs a new one when less than a tenth of it (at least 60 s, at
    /// most half) remains.
    ///
    /// ```
    /// let b = chatadmin_client::ClientBuilder::new(1400000000).usersig_ttl(3600);
    /// ```
    pub fn usersig_ttl(mut self, secs: u64) -> Self {
        self.usersig_ttl = secs;
        self
    }

    /// The first missing or conflicting required setting (credentials, then where to send
    /// calls), which [`build`](Self::build) would refuse; `None` when they are complete.
    /// Bindings read it to word the error in their own language.
    ///
    /// ```
    /// use chatadmin_client::{ClientBuilder, ConfigProblem, Region};
    /// let b = ClientBuilder::new(1400000000).secret_key("k");
    /// assert_eq!(b.problem(), Some(ConfigProblem::NoTarget));
    /// assert_eq!(b.region(Region::Singapore).problem(), None);
    /// ```
    pub fn problem(&self) -> Option<ConfigProblem> {
        match (&self.key, &self.provider) {
            (None, None) => return Some(ConfigProblem::NoCredentials),
            (Some(_), Some(_)) => return Some(ConfigProblem::BothCredentials),
            (Some(k), None) if k.is_empty() => return Some(ConfigProblem::EmptyKey),
            _ => {}
        }
        match (&self.region, &self.base_url, &self.test_urls) {
            (_, _, Some(_)) => None,
            (None, None, None) => Some(ConfigProblem::NoTarget),
            (Some(_), Some(_), None) => Some(ConfigProblem::BothTargets),
            _ => None,
        }
    }

    /// Checks the configuration and builds the client.
    ///
    /// Fails with [`Error::Config`] for SDKAppID 0; a missing (or empty) key and no provider,
    /// or both; an empty or over-long admin; neither or both of a region and a base URL; a bad
    /// base URL or proxy URL; zero timeouts or TTL; a bad retry policy; a zero or unknown-path
    /// rate limit; or an HTTP stack that cannot be set up.
    ///
    /// ```
    /// use chatadmin_client::{Client, ErrorKind};
    /// let err = Client::builder(1400000000).secret_key("k").build().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Config); // no region or base URL
    /// ```
    pub fn build(self) -> Result<Client> {
        if self.sdkappid == 0 {
            return Err(Error::config(
                "sdkappid must not be 0: use the SDKAppID from the Chat console",
            ));
        }
        if let Some(p) = self.problem() {
            return Err(Error::config(p.rust_message()));
        }
        let source = match (self.key, self.provider) {
            (Some(key), None) => SigSource::Key(key),
            (None, Some(p)) => SigSource::Provider(p),
            // Reported by `problem()` above.
            _ => return Err(Error::config(ConfigProblem::NoCredentials.rust_message())),
        };
        if self.admin.trim().is_empty() {
            return Err(Error::config(
                "admin identifier is empty (the default is \"administrator\")",
            ));
        }
        validate::user_id("admin", &self.admin)
            .map_err(|e| Error::config(format!("admin identifier: {}", e.message)))?;

        let hosts = match (self.region, self.base_url, self.test_urls) {
            (_, _, Some((primary, standby))) => {
                let p = custom_base("base_urls_for_test primary", &primary)?;
                let s = custom_base("base_urls_for_test standby", &standby)?;
                Hosts::new(p.primary(), Some(s.primary()))
            }
            (Some(_), Some(_), None) => {
                return Err(Error::config(ConfigProblem::BothTargets.rust_message()))
            }
            (None, None, None) => {
                return Err(Error::config(ConfigProblem::NoTarget.rust_message()))
            }
            (Some(r), None, None) => {
                let b = BaseUrl::Region(r);
                Hosts::new(b.primary(), b.standby())
            }
            (None, Some(url), None) => Hosts::new(custom_base("base_url", &url)?.primary(), None),
        };

        for (what, d) in [
            ("connect_timeout", self.connect_timeout),
            ("timeout", self.timeout),
            ("total_timeout", self.total_timeout),
        ] {
            if d.is_zero() {
                return Err(Error::config(format!("{what} must be longer than zero")));
            }
        }
        if self.usersig_ttl == 0 {
            return Err(Error::config("usersig_ttl must be at least 1 second"));
        }
        self.retry.check()?;

        let default_rate = match self.rate_limit {
            RateLimit::Documented => RateSetting::Documented,
            RateLimit::Off => RateSetting::Off,
            RateLimit::PerSecond(0) => {
                return Err(Error::config(
                    "rate_limit: PerSecond(0) would block every call; use RateLimit::Off to disable limiting",
                ))
            }
            RateLimit::PerSecond(n) => RateSetting::PerSecond(n),
        };
        let mut overrides = Vec::new();
        for (path, per_sec) in &self.rate_overrides {
            let Some(endpoint) = registry::find(path) else {
                return Err(Error::config(format!(
                    "rate_limit_for: unknown endpoint {path:?} (use a wire path such as \"sns/friend_delete\")"
                )));
            };
            if *per_sec == 0 {
                return Err(Error::config(format!(
                    "rate_limit_for({path:?}): the rate must be at least 1 call per second"
                )));
            }
            overrides.push((endpoint.meta().path, *per_sec));
        }

        let mut http = reqwest::blocking::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent.as_str());
        if let Some(proxy) = &self.proxy {
            // Never repeat the proxy URL: it may carry credentials.
            let p = reqwest::Proxy::all(proxy.as_str()).map_err(|_| {
                Error::config("proxy: not a valid proxy URL (expected e.g. http://host:port)")
            })?;
            http = http.proxy(p);
        }
        let http = http.build().map_err(|e| {
            let e = e.without_url();
            Error::config(format!("cannot set up the HTTP client: {e}"))
        })?;

        let clock = self.clock.unwrap_or_else(|| Arc::new(system_clock));
        let sigs = SigCache::new(
            source,
            self.sdkappid,
            self.admin.clone(),
            self.usersig_ttl,
            clock,
        );

        Ok(Client {
            inner: Arc::new(Inner {
                sdkappid: self.sdkappid,
                admin: self.admin,
                hosts,
                http,
                timeout: self.timeout,
                total_timeout: self.total_timeout,
                retry: self.retry,
                limiter: RateLimiter::new(default_rate, overrides),
                sigs,
            }),
        })
    }
}

/// The rate limit setting after validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RateSetting {
    Documented,
    Off,
    PerSecond(u32),
}

fn custom_base(what: &str, url: &str) -> Result<BaseUrl> {
    BaseUrl::custom(url).map_err(|e| Error::config(format!("{what}: {e}")))
}

/// `scheme://host[:port][/path]` with any `user:pass@` replaced, for `Debug`.
pub(crate) fn redact_userinfo(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, url),
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let shown = match rest[..authority_end].rfind('@') {
        Some(at) => format!("<redacted>@{}", &rest[at + 1..]),
        None => rest.to_owned(),
    };
    match scheme {
        Some(s) => format!("{s}://{shown}"),
        None => shown,
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("sdkappid", &self.sdkappid)
            .field("secret_key", &self.key.as_ref().map(|_| "<redacted>"))
            .field("usersig_provider", &self.provider.as_ref().map(|_| "<fn>"))
            .field("admin", &self.admin)
            .field("region", &self.region)
            .field("base_url", &self.base_url.as_deref().map(redact_userinfo))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("proxy", &self.proxy.as_deref().map(redact_userinfo))
            .field("user_agent", &self.user_agent)
            .field("retry_policy", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .field("rate_limit_for", &self.rate_overrides)
            .field("usersig_ttl", &self.usersig_ttl)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
            multiplier: 3.0,
            jitter: false,
        };
        let waits: Vec<_> = (1..=5).map(|n| p.backoff(n).as_millis()).collect();
        assert_eq!(waits, [10, 30, 50, 50, 50]);
        assert_eq!(p.backoff(u32::MAX), Duration::from_millis(50));

        let jittered = RetryPolicy { jitter: true, ..p };
        for n in 1..50 {
            assert!(jittered.backoff(n) <= Duration::from_millis(50));
        }
        assert!(
            (1..200).any(|_| jittered.backoff(3) < Duration::from_millis(49)),
            "jitter varies the wait"
        );
    }

    #[test]
    fn bad_policies_are_rejected() {
        assert!(RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        }
        .check()
        .is_err());
        assert!(RetryPolicy {
            multiplier: f64::NAN,
            ..RetryPolicy::default()
        }
        .check()
        .is_err());
        assert!(RetryPolicy {
            multiplier: 0.5,
            ..RetryPolicy::default()
        }
        .check()
        .is_err());
        assert!(RetryPolicy::none().check().is_ok());
    }

    #[test]
    fn userinfo_is_redacted() {
        assert_eq!(
            redact_userinfo("http://u:secret@proxy:3128/x@y"),
            "http://<redacted>@proxy:3128/x@y"
        );
        assert_eq!(redact_userinfo("http://proxy:3128"), "http://proxy:3128");
        assert_eq!(redact_userinfo("u:secret@proxy"), "<redacted>@proxy");
    }
}
