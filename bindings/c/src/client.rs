//! The client and its builder (`chatadmin_client`).

use std::ffi::c_char;
use std::time::Duration;

use ::chatadmin_client::{Client, ClientBuilder, ConfigProblem, RateLimit, Region, RetryPolicy};
use chatadmin_core::Error;

use crate::catalog::parse_json;
use crate::error::{chatadmin_error, chatadmin_status};
use crate::ffi::{self, RateLimitMode, Status};

/// Client-side rate limiting modes, for `chatadmin_client_builder_rate_limit`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum chatadmin_rate_limit {
    /// Each endpoint at its documented rate (typically 200 calls/s). The default.
    CHATADMIN_RATE_LIMIT_DOCUMENTED = 0,
    /// No client-side limiting (rate-limit answers from the service are still retried).
    CHATADMIN_RATE_LIMIT_OFF = 1,
    /// The same rate, `per_second` calls per second, for every endpoint.
    CHATADMIN_RATE_LIMIT_PER_SECOND = 2,
}

/// Configures a client: create with `chatadmin_client_builder_new`, set options, build with
/// `chatadmin_client_builder_build`, free with `chatadmin_client_builder_free`.
///
/// Not thread-safe: use one builder from one thread at a time.
pub struct chatadmin_client_builder {
    // `None` only if a setter panicked halfway.
    inner: Option<ClientBuilder>,
}

impl std::fmt::Debug for chatadmin_client_builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // ClientBuilder's Debug redacts the key.
        f.debug_tuple("chatadmin_client_builder")
            .field(&self.inner)
            .finish()
    }
}

impl chatadmin_client_builder {
    fn set(
        &mut self,
        f: impl FnOnce(ClientBuilder) -> ClientBuilder,
    ) -> Result<(), chatadmin_error> {
        let b = self.inner.take().ok_or_else(unusable)?;
        self.inner = Some(f(b));
        Ok(())
    }
}

fn unusable() -> chatadmin_error {
    chatadmin_error::new(
        chatadmin_status::CHATADMIN_PANIC,
        "this builder is unusable after an earlier panic; free it and start again",
    )
}

/// The client of one app: thread-safe, shareable by every thread of the process; every call
/// blocks the calling thread until it completes or times out.
pub struct chatadmin_client {
    pub(crate) inner: Client,
}

impl std::fmt::Debug for chatadmin_client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("chatadmin_client")
            .field(&self.inner)
            .finish()
    }
}

/// # Safety
/// `b` is NULL or a live builder not used by another thread.
unsafe fn builder_mut<'a>(
    b: *mut chatadmin_client_builder,
) -> Result<&'a mut chatadmin_client_builder, chatadmin_error> {
    // SAFETY: forwarded contract.
    unsafe { b.as_mut() }.ok_or_else(|| chatadmin_error::null_argument("builder"))
}

/// Creates a builder for the app `sdkappid` with the defaults: admin `administrator`,
/// connect timeout 5 s, per-attempt timeout 10 s, total timeout 60 s, 3 attempts with
/// exponential backoff (100 ms doubling up to 2 s, jittered), documented rate limits.
///
/// A client also needs a secret key and either a region or a base URL. Returns NULL only if
/// chatadmin panicked. Free with `chatadmin_client_builder_free`.
#[no_mangle]
pub extern "C" fn chatadmin_client_builder_new(sdkappid: u64) -> *mut chatadmin_client_builder {
    ffi::catch_or(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(chatadmin_client_builder {
            inner: Some(ClientBuilder::new(sdkappid)),
        }))
    })
}

/// Frees a builder, wiping the copy of the secret key it holds.
/// `chatadmin_client_builder_free(NULL)` does nothing.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_free(builder: *mut chatadmin_client_builder) {
    ffi::catch_or((), || {
        if !builder.is_null() {
            // SAFETY: `builder` came from `chatadmin_client_builder_new` and is freed once.
            drop(unsafe { Box::from_raw(builder) });
        }
    })
}

/// Sets the app's secret key (Chat console > app > key). The builder keeps a copy, which is
/// wiped from memory when the builder (and later the client) is freed; the caller's string
/// is not touched.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_secret_key(
    builder: *mut chatadmin_client_builder,
    key: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let key = unsafe { ffi::arg_str(key, "key") }?;
        b.set(|cb| cb.secret_key(key))
    })
}

/// Sets the admin account calls are made as (default `"administrator"`).
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_admin(
    builder: *mut chatadmin_client_builder,
    identifier: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let identifier = unsafe { ffi::arg_str(identifier, "identifier") }?;
        b.set(|cb| cb.admin(identifier))
    })
}

/// Sends calls to the data center the app was created in, by name, alias or API host
/// (ASCII case-insensitive): e.g. `"china"`, `"singapore"`, `"sgp"`, `"seoul"`,
/// `"frankfurt"`, `"silicon_valley"`, `"jakarta"`, `"tokyo"`. An unknown name fails with
/// `CHATADMIN_CONFIG`. Exclusive with `chatadmin_client_builder_base_url`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_region(
    builder: *mut chatadmin_client_builder,
    name: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let name = unsafe { ffi::arg_str(name, "name") }?;
        let region: Region = name
            .parse()
            .map_err(|e| Error::config(format!("region: {e}")))?;
        b.set(|cb| cb.region(region))
    })
}

/// Sends calls to a custom base URL instead of a region: a gateway, or the emulator
/// (`"http://127.0.0.1:PORT"`). Checked when the client is built. Exclusive with
/// `chatadmin_client_builder_region`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_base_url(
    builder: *mut chatadmin_client_builder,
    url: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let url = unsafe { ffi::arg_str(url, "url") }?;
        b.set(|cb| cb.base_url(url))
    })
}

/// Sets the time allowed to open a connection, in milliseconds (default 5000). 0 is
/// refused when the client is built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_connect_timeout_ms(
    builder: *mut chatadmin_client_builder,
    ms: u64,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: `builder` is NULL or valid per the contract.
        unsafe { builder_mut(builder) }?.set(|cb| cb.connect_timeout(Duration::from_millis(ms)))
    })
}

/// Sets the time allowed for one attempt, from connecting to the end of the response, in
/// milliseconds (default 10000). 0 is refused when the client is built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_timeout_ms(
    builder: *mut chatadmin_client_builder,
    ms: u64,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: `builder` is NULL or valid per the contract.
        unsafe { builder_mut(builder) }?.set(|cb| cb.timeout(Duration::from_millis(ms)))
    })
}

/// Sets the time allowed for a whole call: every attempt, backoff, rate-limit wait and
/// part of a split call, in milliseconds (default 60000). 0 is refused when the client is
/// built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_total_timeout_ms(
    builder: *mut chatadmin_client_builder,
    ms: u64,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: `builder` is NULL or valid per the contract.
        unsafe { builder_mut(builder) }?.set(|cb| cb.total_timeout(Duration::from_millis(ms)))
    })
}

/// Sends all traffic through a proxy (`"http://host:port"`, credentials as
/// `"http://user:pass@host:port"`). Without it, `HTTPS_PROXY`/`NO_PROXY` apply. Checked when
/// the client is built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_proxy(
    builder: *mut chatadmin_client_builder,
    url: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let url = unsafe { ffi::arg_str(url, "url") }?;
        b.set(|cb| cb.proxy(url))
    })
}

/// Sets the `User-Agent` header (default `"chatadmin-rust/VERSION"`).
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_user_agent(
    builder: *mut chatadmin_client_builder,
    user_agent: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let ua = unsafe { ffi::arg_str(user_agent, "user_agent") }?;
        b.set(|cb| cb.user_agent(ua))
    })
}

/// Sets how failed attempts are retried: `max_attempts` attempts in all (1 = no retries;
/// default 3), waiting `initial_backoff_ms` before the first retry (default 100), growing by
/// `multiplier` (at least 1.0; default 2.0) up to `max_backoff_ms` (default 2000), with full
/// jitter when `jitter` is true (the default). What is retried is decided per error by
/// chatadmin; no wait runs past the total timeout. Bad values are refused when the client is
/// built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_retry_policy(
    builder: *mut chatadmin_client_builder,
    max_attempts: u32,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
    multiplier: f64,
    jitter: bool,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        let policy = RetryPolicy {
            max_attempts,
            initial_backoff: Duration::from_millis(initial_backoff_ms),
            max_backoff: Duration::from_millis(max_backoff_ms),
            multiplier,
            jitter,
        };
        // SAFETY: `builder` is NULL or valid per the contract.
        unsafe { builder_mut(builder) }?.set(|cb| cb.retry_policy(policy))
    })
}

/// Sets client-side rate limiting (a `chatadmin_rate_limit` value): documented rates (the
/// default), off, or `per_second` calls per second for every endpoint
/// (`CHATADMIN_RATE_LIMIT_PER_SECOND`; `per_second` is ignored by the other modes). An
/// unknown mode fails with `CHATADMIN_CONFIG`; a zero rate is refused when the client is
/// built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_rate_limit(
    builder: *mut chatadmin_client_builder,
    mode: RateLimitMode,
    per_second: u32,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    use chatadmin_rate_limit::*;
    ffi::run(err_out, || {
        // SAFETY: `builder` is NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let limit = match mode {
            m if m == CHATADMIN_RATE_LIMIT_DOCUMENTED as u32 => RateLimit::Documented,
            m if m == CHATADMIN_RATE_LIMIT_OFF as u32 => RateLimit::Off,
            m if m == CHATADMIN_RATE_LIMIT_PER_SECOND as u32 => RateLimit::PerSecond(per_second),
            m => return Err(Error::config(format!("rate_limit: unknown mode {m}")).into()),
        };
        b.set(|cb| cb.rate_limit(limit))
    })
}

/// Limits one endpoint (by wire path, e.g. `"sns/friend_delete"`) to `per_second` calls per
/// second, whatever the rate limit mode says. An unknown path or a zero rate is refused when
/// the client is built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_rate_limit_for(
    builder: *mut chatadmin_client_builder,
    wire_path: *const c_char,
    per_second: u32,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract.
        let b = unsafe { builder_mut(builder) }?;
        let path = unsafe { ffi::arg_str(wire_path, "wire_path") }?;
        b.set(|cb| cb.rate_limit_for(path, per_second))
    })
}

/// Sets the validity, in seconds, of the admin UserSig the client signs (default 86400); the
/// client renews it before it runs out. 0 is refused when the client is built.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_usersig_ttl(
    builder: *mut chatadmin_client_builder,
    secs: u64,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: `builder` is NULL or valid per the contract.
        unsafe { builder_mut(builder) }?.set(|cb| cb.usersig_ttl(secs))
    })
}

/// Checks the configuration and builds a client. On success `*out` receives it (free with
/// `chatadmin_client_free`). A bad configuration fails with `CHATADMIN_CONFIG`, saying what
/// is wrong.
///
/// The builder is not consumed: it keeps its settings, may build more clients, and must
/// still be freed with `chatadmin_client_builder_free`. Nothing is sent over the network.
///
/// ```c
/// chatadmin_client_builder *b = chatadmin_client_builder_new(1400000000);
/// chatadmin_client *client = NULL;
/// chatadmin_error *err = NULL;
/// if (chatadmin_client_builder_secret_key(b, key, &err) != CHATADMIN_OK
///     || chatadmin_client_builder_region(b, "singapore", &err) != CHATADMIN_OK
///     || chatadmin_client_builder_build(b, &client, &err) != CHATADMIN_OK) {
///     fprintf(stderr, "%s\n", chatadmin_error_message(err));
///     chatadmin_error_free(err);
/// }
/// chatadmin_client_builder_free(b);
/// ```
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_builder_build(
    builder: *const chatadmin_client_builder,
    out: *mut *mut chatadmin_client,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: `builder` is NULL or a live builder per the contract.
        let b =
            unsafe { builder.as_ref() }.ok_or_else(|| chatadmin_error::null_argument("builder"))?;
        ffi::check_out(out, "out")?;
        let builder = b.inner.clone().ok_or_else(unusable)?;
        if let Some(problem) = builder.problem() {
            return Err(config_problem(problem).into());
        }
        let inner = builder.build()?;
        let client = Box::into_raw(Box::new(chatadmin_client { inner }));
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(out, client) };
        Ok(())
    })
}

/// A missing or conflicting builder setting in C terms (the `chatadmin_client_builder_*`
/// functions), for the settings the Rust builder reports as a [`ConfigProblem`]. C has no
/// UserSig provider, so it is never mentioned.
fn config_problem(p: ConfigProblem) -> Error {
    let message = match p {
        ConfigProblem::NoCredentials | ConfigProblem::BothCredentials => {
            "no secret key: call chatadmin_client_builder_secret_key(b, key) with the app's key \
             from the Chat console"
                .to_owned()
        }
        ConfigProblem::EmptyKey => {
            "the secret key is empty: pass the app's key from the Chat console to \
             chatadmin_client_builder_secret_key"
                .to_owned()
        }
        ConfigProblem::NoTarget => format!(
            "no region or base URL: call chatadmin_client_builder_region(b, \"singapore\") (the data \
             center the app was created in: one of {}), or chatadmin_client_builder_base_url(b, \
             \"http://127.0.0.1:PORT\") for the emulator or a proxy",
            ::chatadmin_client::region_names()
        ),
        ConfigProblem::BothTargets => {
            "call either chatadmin_client_builder_region or chatadmin_client_builder_base_url, \
             not both"
                .to_owned()
        }
        other => other.rust_message(),
    };
    Error::Config(message)
}

/// Frees a client, closing its connections and wiping its secret key from memory. Wait for
/// calls in other threads to return first. `chatadmin_client_free(NULL)` does nothing.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_free(client: *mut chatadmin_client) {
    ffi::catch_or((), || {
        if !client.is_null() {
            // SAFETY: `client` came from `chatadmin_client_builder_build` and is freed once.
            drop(unsafe { Box::from_raw(client) });
        }
    })
}

/// Calls any endpoint by its wire path (`"sns/friend_delete"`, `"v4/sns/friend_delete"` or
/// `"/v4/sns/friend_delete"`) with a JSON request body, blocking until the call completes.
///
/// The body is parsed into the endpoint's typed request and validated first (unknown or
/// mistyped fields, documented limits: `CHATADMIN_VALIDATION` before anything is sent);
/// lists longer than one request may carry are split into several requests where the
/// endpoint allows it, and the answers merged. Then the call is signed, rate-limited, sent
/// and retried as chatadmin's rules allow.
///
/// On success `*json_out` receives the response as JSON (unknown fields kept; free with
/// `chatadmin_string_free`). Per-item failures (`ResultItem[].ResultCode`, ...) are data in
/// a successful response. A non-zero `ErrorCode` fails with `CHATADMIN_API`: the code is in
/// `chatadmin_error_code`, the whole response in `chatadmin_error_body`.
///
/// Thread-safe: any number of threads may call with the same client at once.
///
/// ```c
/// char *resp = NULL;
/// chatadmin_error *err = NULL;
/// if (chatadmin_client_call(client, "im_open_login_svc/account_check",
///         "{\"CheckItem\":[{\"UserID\":\"alice\"}]}", &resp, &err) == CHATADMIN_OK) {
///     puts(resp);
///     chatadmin_string_free(resp);
/// } else {
///     int64_t code;
///     if (chatadmin_error_code(err, &code)) fprintf(stderr, "service error %lld\n", (long long)code);
///     fprintf(stderr, "%s\n", chatadmin_error_message(err));
///     chatadmin_error_free(err);
/// }
/// ```
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_call(
    client: *const chatadmin_client,
    wire_path: *const c_char,
    json_in: *const c_char,
    json_out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract; the client is Sync.
        let client =
            unsafe { client.as_ref() }.ok_or_else(|| chatadmin_error::null_argument("client"))?;
        let wire_path = unsafe { ffi::arg_str(wire_path, "wire_path") }?;
        let json_in = unsafe { ffi::arg_str(json_in, "json_in") }?;
        ffi::check_out(json_out, "json_out")?;
        let body = parse_json(json_in, "json_in")?;
        let resp = client
            .inner
            .call_json(wire_path, body)
            .map_err(|e| chatadmin_error::from_core(&e))?;
        let text = ffi::json_c_string(&resp);
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(json_out, text) };
        Ok(())
    })
}
