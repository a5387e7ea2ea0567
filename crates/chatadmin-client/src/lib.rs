//! # chatadmin-client
//!
//! The blocking HTTP client of chatadmin, the SDK for the Tencent Cloud Chat (formerly
//! Tencent IM) server REST API. Every protocol rule — URLs, UserSig, request validation,
//! splitting, the response envelope, error codes and their retry classes — comes from
//! [`chatadmin_core`]; this crate only executes: it signs, rate-limits, sends, retries and
//! fails over.
//!
//! ```no_run
//! use chatadmin_client::api::account::AccountImport;
//! use chatadmin_client::api::friend::FriendDelete;
//! use chatadmin_client::{Client, Region};
//!
//! let client = Client::builder(1400000000)
//!     .secret_key(std::env::var("CHAT_SECRET_KEY").unwrap())
//!     .region(Region::Singapore)
//!     .build()?;
//!
//! client.accounts().import(&AccountImport::new("alice").nick("Alice"))?;
//! let resp = client.friends().delete(&FriendDelete::new("alice", ["bob"]))?;
//! for failed in resp.failures() {
//!     println!("{}: error {}", failed.to_account, failed.result_code);
//! }
//!
//! // Any endpoint by its wire path, with a JSON body (parsed and validated as the typed
//! // request would be):
//! let out = client.call_json("v4/im_open_login_svc/account_check",
//!     serde_json::json!({"CheckItem": [{"UserID": "alice"}]}))?;
//! # Ok::<(), chatadmin_client::Error>(())
//! ```
//!
//! # The path of one call
//!
//! [`Client::execute`] (which every area method and [`Client::call_json`] use):
//!
//! 1. **validate** the request against its documented limits — a clear
//!    [`Error::Validation`] before anything is sent;
//! 2. **split** it when a list is longer than one request may carry (core decides which
//!    lists can be split; others fail validation), every part validated before the first is
//!    sent;
//! 3. for each part, in order: wait for the **rate limiter**, take the cached admin
//!    **UserSig**, **POST** with a fresh `random`, **decode** the envelope, **retry** as
//!    allowed;
//! 4. **merge** the parts' responses, keeping every per-item result in order.
//!
//! If a part after the first fails, the call returns [`Error::Partial`]: **the earlier parts
//! have taken effect**, and the error holds their merged response
//! ([`PartialFailure::completed`]) next to the failure that stopped the call. Per-item failures
//! (`ResultItem[].ResultCode`, `FailAccounts`, ...) are data in the response, not errors.
//!
//! # Retries
//!
//! A call is repeated only when that cannot duplicate an effect:
//!
//! | what happened | retried |
//! |---|---|
//! | the host could not be connected to (nothing was sent) | always |
//! | HTTP 429, or a service code of class [`RetryClass::AfterBackoff`] (rate limits, "internal error, try again") | always |
//! | a timeout or reset after sending, HTTP 5xx, codes of class [`RetryClass::IfIdempotent`] | only if the request is retry-safe ([`ApiRequest::retry_safe`]: the endpoint's [`Idempotency`], or a body the service deduplicates) |
//! | 70001 (UserSig expired) | once, at once, with a renewed UserSig |
//! | anything else (validation, decode, other HTTP statuses, other codes) | never |
//!
//! Retries follow the [`RetryPolicy`] (exponential backoff with full jitter, capped) and never
//! run past the total timeout ([`ClientBuilder::total_timeout`]); then the last error is
//! returned. Two documented facts refine this (both data in core's
//! [`codes`](chatadmin_core::codes)):
//!
//! - a code whose page asks for a pause ([`codes::retry_wait`](chatadmin_core::codes::retry_wait):
//!   70050 "try again in one minute", 30540 and 31707 "do not send such requests frequently")
//!   is never repeated within seconds: not before that pause, and not at all when the total
//!   timeout is nearer; the error then says how long to wait;
//! - after an attempt with an unknown outcome, a repeat answered with the endpoint's "already
//!   done" code ([`codes::already_done`](chatadmin_core::codes::already_done): 30001 for
//!   `sns/group_add` and `sns/group_delete`, 10010 for `destroy_group`, 10025 for a
//!   `create_group` or `import_group` with a custom `GroupId`) is a success: the earlier
//!   attempt took effect.
//!
//! The error returned says whether repeating the call could succeed
//! ([`Error::retryable`]), decided here with the request itself (for example `create_group`
//! is safe to repeat only with a custom `GroupId`); the C library and the Python package
//! report that value as it is.
//!
//! # Failover
//!
//! With a [`Region`], when the primary host cannot be connected to (connection refused,
//! DNS failure, TLS failure), the call goes to the region's documented standby host at once,
//! and the standby stays in use for 60 s before the primary is tried again.
//!
//! # Rate limiting
//!
//! Per endpoint, at its documented rate by default ([`RateLimit`]); calls wait for their turn
//! (never past the total timeout), so a burst of bulk work stays under the service's limit.
//!
//! # Threads
//!
//! [`Client`] is `Send + Sync` and cheap to clone (an `Arc`); share one per app across all
//! threads: it holds one connection pool, one UserSig cache (only one thread renews) and one
//! rate limiter. The client is blocking: from async code, call it inside
//! `spawn_blocking` (creating or dropping it inside an async runtime's worker panics).
//!
//! # Secrets
//!
//! The secret key and the UserSig never appear in `Debug` output, error messages or logs;
//! URLs in errors and logs have the UserSig replaced by `<redacted>`. Logging uses
//! [`tracing`]: `debug` for each attempt (endpoint, attempt, redacted URL, status, elapsed
//! time), `warn` for retries and failover.

mod areas;
mod config;
mod history;
mod limiter;
mod pages;
pub mod reconcile;
mod sig;
mod transport;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chatadmin_core::codes;
use chatadmin_core::envelope::{self, decode_value};
use chatadmin_core::region::{normalize_wire_path, redacted_url, request_url, CallParams};
use serde_json::Value;

pub use areas::*;
pub use chatadmin_core;
pub use chatadmin_core::api;
pub use chatadmin_core::codes::RetryClass;
pub use chatadmin_core::region::{BaseUrl, Region};
pub use chatadmin_core::{
    registry, ApiError, ApiRequest, ApiResponse, Area, DecodeError, EndpointMeta, Error, ErrorKind,
    Idempotency, Paginated, PartialFailure, ResponseStatus, Result, SecretKey, TransportError,
    UserSig, ValidationError,
};
pub use config::{
    region_names, ClientBuilder, ConfigProblem, RateLimit, RetryPolicy, UserSigProvider,
    DEFAULT_ADMIN, DEFAULT_USERSIG_TTL,
};
pub use history::{read_history_file, HistoryFileReader, HourArchive};
pub use pages::{Items, Pages};

use limiter::RateLimiter;
use sig::{CurrentSig, SigCache};
use transport::{Failure, Hosts, Retry};

/// The client of one app: share it (it is `Send + Sync`; clones share everything).
///
/// Build it with [`Client::builder`]. Call endpoints through the area accessors
/// (`client.friends().delete(&req)`, generated from core's endpoint list), through
/// [`Client::execute`] with any typed request, or by wire path with [`Client::call_json`].
///
/// ```no_run
/// use chatadmin_client::api::group::{CreateGroup, DestroyGroup, GroupType};
/// use chatadmin_client::{Client, Region};
///
/// let client = Client::builder(1400000000)
///     .secret_key("...")
///     .region(Region::China)
///     .build()?;
/// let created = client.groups().create(&CreateGroup::new(GroupType::Public, "Guild").owner("alice"))?;
/// client.execute(&DestroyGroup::new(created.group_id))?;
/// # Ok::<(), chatadmin_client::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    sdkappid: u64,
    admin: String,
    hosts: Hosts,
    http: reqwest::blocking::Client,
    timeout: Duration,
    total_timeout: Duration,
    retry: RetryPolicy,
    limiter: RateLimiter,
    sigs: SigCache,
}

const _: fn() = || {
    fn shared<T: Send + Sync + Clone + 'static>() {}
    shared::<Client>();
};

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.inner;
        f.debug_struct("Client")
            .field("sdkappid", &i.sdkappid)
            .field("admin", &i.admin)
            .field("primary", &i.hosts.primary())
            .field("standby", &i.hosts.standby())
            .field("timeout", &i.timeout)
            .field("total_timeout", &i.total_timeout)
            .field("retry_policy", &i.retry)
            .finish_non_exhaustive()
    }
}

fn timeout_error(message: String) -> Error {
    Error::Timeout(TransportError::new(message))
}

/// Appends to an error's message that earlier parts of a split call took effect.
fn encode_body<R: ApiRequest>(req: &R) -> Result<Vec<u8>> {
    let value = registry::encode_request(req)?;
    serde_json::to_vec(&value).map_err(|e| {
        ValidationError::new("", format!("cannot be encoded: {e}"))
            .at(R::META.path)
            .into()
    })
}

impl Client {
    /// A [`ClientBuilder`] for the app `sdkappid`.
    ///
    /// ```no_run
    /// let client = chatadmin_client::Client::builder(1400000000)
    ///     .secret_key("...")
    ///     .base_url("http://127.0.0.1:8080") // e.g. the emulator
    ///     .build()?;
    /// # Ok::<(), chatadmin_client::Error>(())
    /// ```
    pub fn builder(sdkappid: u64) -> ClientBuilder {
        ClientBuilder::new(sdkappid)
    }

    /// Executes one typed request: validate → split when over the limit → for each part:
    /// rate limit → sign (cached admin UserSig) → POST with a fresh `random` → decode →
    /// retries → merge the parts in order.
    ///
    /// When a part after the first fails, the result is [`Error::Partial`]: the earlier parts
    /// have taken effect, and their merged response is in the error.
    ///
    /// ```no_run
    /// use chatadmin_client::api::account::AccountCheck;
    /// # fn demo(client: &chatadmin_client::Client) -> chatadmin_client::Result<()> {
    /// let ids: Vec<String> = (0..250).map(|i| format!("user{i}")).collect();
    /// // 250 accounts: three requests of at most 100, merged in order.
    /// let resp = client.execute(&AccountCheck::new(ids))?;
    /// assert_eq!(resp.result_item.len(), 250);
    /// # Ok(()) }
    /// ```
    pub fn execute<R: ApiRequest>(&self, req: &R) -> Result<R::Response> {
        let deadline = Instant::now() + self.inner.total_timeout;
        let bodies = match req.split() {
            Some(parts) if !parts.is_empty() => {
                parts.iter().map(encode_body).collect::<Result<Vec<_>>>()?
            }
            _ => vec![encode_body(req)?],
        };
        let parts = bodies.len();
        if parts > 1 {
            tracing::debug!(
                endpoint = R::META.path,
                parts,
                "split into several requests"
            );
        }
        let mut responses = Vec::with_capacity(parts);
        // Parts whose every item failed, answered as a failed call; merged as per-item data
        // (`ApiResponse::from_all_items_failed`). The first such error is returned when every
        // part answered this way, as one unsplit call would have.
        let mut all_items_failed: Option<Error> = None;
        let mut all_items_failed_parts = 0;
        for (i, body) in bodies.iter().enumerate() {
            match self.run_typed::<R>(body, req.retry_safe(), deadline) {
                Ok(r) => responses.push(r),
                Err(e) => {
                    let as_items = match &e {
                        Error::Api(a) if parts > 1 => R::Response::from_all_items_failed(a),
                        _ => None,
                    };
                    if let Some(r) = as_items {
                        responses.push(r);
                        all_items_failed_parts += 1;
                        all_items_failed.get_or_insert(e);
                        continue;
                    }
                    if i == 0 {
                        return Err(e);
                    }
                    tracing::warn!(
                        endpoint = R::META.path,
                        failed_part = i + 1,
                        parts,
                        succeeded = i,
                        "a part of a split call failed after earlier parts took effect"
                    );
                    let mut done = responses.into_iter();
                    let completed = done
                        .next()
                        .map(|first| R::Response::merge(first, done.collect()))
                        .and_then(|merged| serde_json::to_value(&merged).ok());
                    return Err(Error::Partial(Box::new(PartialFailure {
                        parts,
                        succeeded: i,
                        completed,
                        error: e,
                    })));
                }
            }
        }
        if all_items_failed_parts == parts {
            if let Some(e) = all_items_failed {
                return Err(e);
            }
        }
        let mut responses = responses.into_iter();
        match responses.next() {
            Some(first) if parts > 1 => Ok(R::Response::merge(first, responses.collect())),
            Some(first) => Ok(first),
            None => Err(Error::config("internal: a call without parts")),
        }
    }

    /// Calls any endpoint by wire path (`sns/friend_delete`, `v4/sns/friend_delete` or
    /// `/v4/sns/friend_delete`) with a JSON body, and returns the response as JSON.
    ///
    /// The body is parsed into the endpoint's typed request (unknown or mistyped fields are
    /// validation errors naming the field) and executed exactly like [`Client::execute`];
    /// the typed response is encoded back to JSON with unknown fields kept. An unknown path
    /// is a validation error.
    ///
    /// ```no_run
    /// # fn demo(client: &chatadmin_client::Client) -> chatadmin_client::Result<()> {
    /// let out = client.call_json(
    ///     "sns/friend_delete",
    ///     serde_json::json!({"From_Account": "alice", "To_Account": ["bob"]}),
    /// )?;
    /// println!("{}", out["ResultItem"][0]["ResultCode"]);
    /// # Ok(()) }
    /// ```
    pub fn call_json(&self, wire_path: &str, body: Value) -> Result<Value> {
        let path = normalize_wire_path(wire_path);
        match areas::dispatch_json(self, path, body) {
            Some(result) => result,
            None => Err(match registry::require(wire_path) {
                Err(e) => e,
                Ok(e) => Error::config(format!(
                    "internal: endpoint {} is registered but has no dispatch",
                    e.meta().path
                )),
            }),
        }
    }

    /// One part of a typed call: the non-generic [`Client::run_part`] with the typed decode.
    fn run_typed<R: ApiRequest>(
        &self,
        body: &[u8],
        retry_safe: bool,
        deadline: Instant,
    ) -> Result<R::Response> {
        let mut out = None;
        self.run_part(R::META, body, retry_safe, deadline, &mut |value| {
            out = Some(decode_value::<R::Response>(R::META.path, value)?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::config("internal: a call answered without a response"))
    }

    pub(crate) fn call_typed_json<R: ApiRequest>(&self, mut body: Value) -> Result<Value> {
        // What real clients send for an unset optional field ("" or []) reads as absent, as in
        // core's parser (registry::drop_empty_optionals).
        registry::drop_empty_optionals(R::META.path, &mut body, false);
        // Parsed without validation first: a long list is split by `execute`, not refused.
        // Anything that does not parse goes through core's parser for its error message.
        let mut req: R = match R::deserialize(&body) {
            Ok(req) if body.is_object() => req,
            _ => registry::parse_request::<R>(body.clone())?,
        };
        if req.validate().is_err() {
            // As core's parser: an empty optional list of the body itself reads as absent when
            // that makes the request acceptable.
            if registry::drop_empty_optionals(R::META.path, &mut body, true) {
                if let Ok(relaxed) = R::deserialize(&body) {
                    if relaxed.validate().is_ok() {
                        req = relaxed;
                    }
                }
            }
        }
        let resp = self.execute(&req)?;
        serde_json::to_value(&resp).map_err(|e| {
            DecodeError::new(Some(R::META.path), format!("re-encoding the response: {e}")).into()
        })
    }

    /// One part of a call, with its retries. Not generic (compiled once for every endpoint):
    /// it works on the encoded body, the endpoint's metadata and whether the request is safe
    /// to repeat; `decode` turns the envelope-checked answer into the typed response (a
    /// failure there is a [`DecodeError`], never retried).
    ///
    /// The error it returns carries [`Error::retryable`] as decided here.
    fn run_part(
        &self,
        meta: &'static EndpointMeta,
        body: &[u8],
        retry_safe: bool,
        deadline: Instant,
        decode: &mut dyn FnMut(Value) -> Result<()>,
    ) -> Result<()> {
        let inner = &*self.inner;
        let already_done = codes::already_done(meta.path);
        let mut sent = 0u32;
        let mut counted = 1u32;
        let mut renewed = false;
        let mut failed_over = false;
        // Whether an earlier attempt may have taken effect (its outcome is unknown).
        let mut maybe_applied = false;
        // A send whose outcome is unknown is looked up before it is sent again (`reconcile`);
        // a batch send may then go on to the recipients that do not have it yet.
        let mut reconciler = reconcile::Reconciler::for_path(meta.path);
        let mut body = std::borrow::Cow::Borrowed(body);
        loop {
            sent += 1;
            if let Err(w) = inner
                .limiter
                .acquire(meta.path, meta.rate_limit_per_sec, deadline)
            {
                let mut e = timeout_error(format!(
                    "the total timeout of {:?} would run out waiting for the client rate limit of {} calls/s on {}",
                    inner.total_timeout, w.rate, meta.path
                ));
                // Nothing was sent for this attempt (and any earlier one was safe to repeat).
                e.set_retryable(true);
                return Err(e);
            }
            let sig = inner.sigs.current()?;
            let base = inner.hosts.pick();
            let Failure { mut error, retry } =
                match self.attempt(meta, base, &body, &sig, deadline, sent, decode) {
                    Ok(()) => return Ok(()),
                    Err(f) => f,
                };
            if maybe_applied {
                if let Error::Api(a) = &error {
                    if already_done.contains(&a.code) {
                        tracing::warn!(
                            endpoint = meta.path,
                            attempt = sent,
                            code = a.code,
                            "the repeat was answered as already done: an earlier attempt took effect"
                        );
                        return decode(codes::already_done_answer(meta.path, &body));
                    }
                }
            }
            if let (Retry::Never, Error::Api(a), Some(r)) = (&retry, &error, &reconciler) {
                if let Some(answer) = r.refused_rest(a, &body) {
                    return decode(answer);
                }
            }
            let retryable = match retry {
                Retry::Never => error.retryable(),
                Retry::IfSafe => retry_safe,
                Retry::Always | Retry::RenewSig | Retry::Connect => true,
            };
            error.set_retryable(retryable);
            match retry {
                Retry::Never => return Err(error),
                Retry::RenewSig => {
                    if renewed {
                        return Err(error);
                    }
                    renewed = true;
                    tracing::warn!(
                        endpoint = meta.path,
                        attempt = sent,
                        "the service rejected the admin UserSig as expired; renewing it and retrying once"
                    );
                    inner.sigs.renew_after_rejection(&sig)?;
                    continue;
                }
                Retry::Connect => {
                    if inner.hosts.connect_failed(base) && !failed_over {
                        failed_over = true;
                        continue;
                    }
                }
                Retry::IfSafe if !retry_safe => {
                    tracing::debug!(
                        endpoint = meta.path,
                        attempt = sent,
                        "not retried: the call is not idempotent and may have taken effect"
                    );
                    return Err(error);
                }
                Retry::IfSafe => maybe_applied = true,
                Retry::Always => {}
            }
            if counted >= inner.retry.max_attempts {
                return Err(error);
            }
            let wait = match &error {
                Error::Api(a) => a.retry_wait().map(|w| w.wait),
                _ => None,
            };
            let delay = retry_delay(inner.retry.backoff(counted), wait);
            if Instant::now() + delay >= deadline {
                tracing::warn!(
                    endpoint = meta.path,
                    attempt = sent,
                    delay_ms = delay.as_millis() as u64,
                    error = %error,
                    "not retried: the total timeout would run out before the retry"
                );
                return Err(error);
            }
            tracing::warn!(
                endpoint = meta.path,
                attempt = sent,
                delay_ms = delay.as_millis() as u64,
                error = %error,
                "retrying"
            );
            std::thread::sleep(delay);
            counted += 1;
            if let (true, Some(r)) = (maybe_applied, &mut reconciler) {
                match r.lookup(self, &inner.admin, &body) {
                    reconcile::Lookup::Delivered(answer) => return decode(answer),
                    reconcile::Lookup::Resend(Some(rest)) => body = std::borrow::Cow::Owned(rest),
                    reconcile::Lookup::Resend(None) => {}
                }
            }
        }
    }

    /// One HTTP request; on a success envelope, `decode` takes the body.
    #[allow(clippy::too_many_arguments)]
    fn attempt(
        &self,
        meta: &'static EndpointMeta,
        base: &str,
        body: &[u8],
        sig: &CurrentSig,
        deadline: Instant,
        attempt: u32,
        decode: &mut dyn FnMut(Value) -> Result<()>,
    ) -> std::result::Result<(), Failure> {
        let inner = &*self.inner;
        let secret = sig.sig.expose_secret();
        let params = CallParams {
            sdkappid: inner.sdkappid,
            identifier: &inner.admin,
            usersig: secret,
            random: rand::random::<u32>(),
        };
        // Rendered only for a debug log or an error: most calls never need it.
        let shown = RedactedUrl(base, meta.path, &params);
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            let mut error = timeout_error(format!(
                "the total timeout of {:?} ran out",
                inner.total_timeout
            ));
            // Nothing was sent by this attempt.
            error.set_retryable(true);
            return Err(Failure {
                error,
                retry: Retry::Never,
            });
        }
        let url = request_url(base, meta.path, &params, &[]);
        tracing::debug!(endpoint = meta.path, attempt, url = %shown, "sending");
        let started = Instant::now();
        let resp = inner
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .timeout(inner.timeout.min(remaining))
            .send()
            .map_err(|e| transport::from_reqwest(e, &shown.to_string(), "sending the request"))?;
        let status = resp.status().as_u16();
        let bytes = resp
            .bytes()
            .map_err(|e| transport::from_reqwest(e, &shown.to_string(), "reading the response"))?;
        tracing::debug!(
            endpoint = meta.path,
            attempt,
            url = %shown,
            status,
            bytes = bytes.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "response"
        );
        if status != 200 {
            return Err(transport::from_status(
                status,
                &bytes,
                &shown.to_string(),
                secret,
            ));
        }
        envelope::parse_json_body(meta.path, &bytes)
            .and_then(|value| match envelope::read_status(meta.path, &value)? {
                st if st.code() == 0 => decode(value),
                st => Err(ApiError::new(meta.path, st, value).into()),
            })
            .map_err(|mut error| {
                transport::scrub_error(&mut error, secret);
                let retry = match &error {
                    Error::Api(a) => {
                        tracing::debug!(
                            endpoint = meta.path,
                            attempt,
                            code = a.code,
                            "service error"
                        );
                        match a.retry_class() {
                            RetryClass::Never => Retry::Never,
                            RetryClass::AfterBackoff => Retry::Always,
                            RetryClass::AfterRenewingUserSig => Retry::RenewSig,
                            RetryClass::IfIdempotent => Retry::IfSafe,
                        }
                    }
                    _ => Retry::Never,
                };
                Failure { error, retry }
            })
    }
}

/// The URL of a call with its UserSig redacted ([`redacted_url`]), built when displayed.
struct RedactedUrl<'a>(&'a str, &'static str, &'a CallParams<'a>);

impl fmt::Display for RedactedUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redacted_url(self.0, self.1, self.2, &[]))
    }
}

/// The wait before a retry: the policy's backoff, but never shorter than a documented
/// pause ([`codes::retry_wait`]).
fn retry_delay(backoff: Duration, documented: Option<Duration>) -> Duration {
    documented.map_or(backoff, |w| backoff.max(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_shareable() {
        fn shared<T: Send + Sync + Clone + 'static>() {}
        shared::<Client>();
        shared::<ClientBuilder>();
    }

    #[test]
    fn a_documented_wait_is_the_shortest_delay() {
        let backoff = Duration::from_millis(150);
        assert_eq!(retry_delay(backoff, None), backoff);
        let minute = Duration::from_secs(60);
        assert_eq!(retry_delay(backoff, Some(minute)), minute);
        assert_eq!(
            retry_delay(Duration::from_secs(90), Some(minute)),
            Duration::from_secs(90)
        );
        // The codes of the pages that ask for a pause get one.
        for (path, code) in [
            ("im_open_login_svc/account_check", 70050),
            ("sns/friend_add", 30540),
            ("sns/friend_delete", 31707),
        ] {
            let w = codes::retry_wait(Some(path), code).map(|w| w.wait);
            assert!(retry_delay(backoff, w) >= minute, "{path} {code}");
        }
    }

    #[test]
    fn a_partial_failure_says_how_far_the_call_got() {
        let e = Error::Partial(Box::new(PartialFailure {
            parts: 3,
            succeeded: 2,
            completed: None,
            error: Error::Transport(TransportError::new("reset")),
        }));
        let shown = e.to_string();
        assert!(shown.contains("reset"), "{shown}");
        assert!(shown.contains('2') && shown.contains('3'), "{shown}");
        assert_eq!(e.kind(), e.root().kind());
    }
}
