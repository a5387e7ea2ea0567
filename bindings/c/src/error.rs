//! Status codes and the error object: the one place where a core [`Error`] becomes C.

use std::ffi::{c_char, CString};
use std::ptr;
use std::sync::OnceLock;

use chatadmin_core::usersig::VerifyFailure;
use chatadmin_core::{Error, ErrorKind};

use crate::ffi::{self, Status};

/// The result of every fallible function.
///
/// `CHATADMIN_OK` is 0. Values 1 to 99 are the kinds of chatadmin's one error type, with the
/// same numbers as the Rust `chatadmin_core::ErrorKind`; values from 100 are failures of the
/// C boundary itself. Numbers are stable: values are only ever appended, never renumbered.
/// Treat an unknown value as a failure (a newer library may return it).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum chatadmin_status {
    /// Success.
    CHATADMIN_OK = 0,
    /// The request broke a documented rule (a limit, a required field, an unknown endpoint);
    /// nothing was sent.
    CHATADMIN_VALIDATION = 1,
    /// The network failed or the HTTP exchange was not a service answer (5xx, 429, reset).
    CHATADMIN_TRANSPORT = 2,
    /// No answer in time; the outcome of the call is unknown.
    CHATADMIN_TIMEOUT = 3,
    /// The service answered with a non-zero `ErrorCode`: see `chatadmin_error_code` and
    /// `chatadmin_error_body`.
    CHATADMIN_API = 4,
    /// The service's answer could not be understood.
    CHATADMIN_DECODE = 5,
    /// A UserSig was malformed or failed verification: see `chatadmin_error_usersig_check`.
    CHATADMIN_USERSIG = 6,
    /// The client was configured wrongly (no key, no region or base URL, a bad URL, ...).
    CHATADMIN_CONFIG = 7,
    /// A required pointer argument was NULL.
    CHATADMIN_NULL_ARGUMENT = 100,
    /// A string argument was not valid UTF-8.
    CHATADMIN_INVALID_UTF8 = 101,
    /// A JSON argument could not be parsed as JSON.
    CHATADMIN_INVALID_JSON = 102,
    /// chatadmin panicked (a bug in chatadmin; please report it). The panic was caught at the
    /// boundary, no output was written, and the library remains usable.
    CHATADMIN_PANIC = 103,
}

use chatadmin_status::*;

/// Which check of a UserSig failed; the numbers are those of the Rust
/// `chatadmin_core::usersig::VerifyFailure` and are stable (only ever appended).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum chatadmin_usersig_check {
    /// Not a UserSig error.
    CHATADMIN_USERSIG_CHECK_NONE = 0,
    /// The text is not a well-formed UserSig (base64, zlib, JSON or a field).
    CHATADMIN_USERSIG_CHECK_MALFORMED = 1,
    /// The UserSig was made for another SDKAppID.
    CHATADMIN_USERSIG_CHECK_SDKAPPID_MISMATCH = 2,
    /// The UserSig was made for another identifier.
    CHATADMIN_USERSIG_CHECK_IDENTIFIER_MISMATCH = 3,
    /// The UserSig has expired (`now > time + expire`).
    CHATADMIN_USERSIG_CHECK_EXPIRED = 4,
    /// The userbuf is absent, present or different against what was expected.
    CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH = 5,
    /// The signature does not match: the key is wrong or the UserSig was altered.
    CHATADMIN_USERSIG_CHECK_SIGNATURE_MISMATCH = 6,
    /// An input cannot be used (an empty key, a value too large for its field).
    CHATADMIN_USERSIG_CHECK_INVALID_INPUT = 7,
}

/// A failure with its details. Created by chatadmin, read with the `chatadmin_error_*`
/// accessors, freed with `chatadmin_error_free`.
///
/// Reading an error object from several threads at once is safe; freeing it while another
/// thread reads it is not.
pub struct chatadmin_error {
    status: Status,
    code: Option<i64>,
    message: CString,
    body: Option<CString>,
    /// `chatadmin_error_partial`'s JSON.
    completed: Option<CString>,
    retryable: bool,
    usersig_check: u32,
}

impl chatadmin_error {
    /// An error of the C boundary (or any status) with a message.
    pub(crate) fn new(status: chatadmin_status, message: impl Into<String>) -> Self {
        chatadmin_error {
            status: status as Status,
            code: None,
            message: ffi::message_cstring(message.into()),
            body: None,
            completed: None,
            retryable: false,
            usersig_check: 0,
        }
    }

    /// An error with a JSON body (`chatadmin_error_body`) and, for a UserSig failure, the
    /// failed check.
    pub(crate) fn with_body(
        status: chatadmin_status,
        message: impl Into<String>,
        body: String,
        usersig_check: u32,
    ) -> Self {
        chatadmin_error {
            body: Some(ffi::message_cstring(body)),
            usersig_check,
            ..Self::new(status, message)
        }
    }

    pub(crate) fn null_argument(name: &str) -> Self {
        Self::new(
            CHATADMIN_NULL_ARGUMENT,
            format!("argument `{name}` must not be NULL"),
        )
    }

    /// Translates a core error. `retryable` is the client's decision ([`Error::retryable`]),
    /// taken with the request itself (a request-level override included).
    pub(crate) fn from_core(e: &Error) -> Self {
        let usersig_check = match e.root() {
            Error::UserSig(u) => u.failure() as u32,
            _ => 0,
        };
        let body = match e.root() {
            Error::Api(a) => a.body.as_ref().map(|b| ffi::message_cstring(b.to_string())),
            _ => None,
        };
        let completed = e
            .partial()
            .map(|p| ffi::message_cstring(p.to_json().to_string()));
        chatadmin_error {
            status: status_of(e.kind()),
            code: e.code(),
            message: ffi::message_cstring(e.to_string()),
            body,
            completed,
            retryable: e.retryable(),
            usersig_check,
        }
    }

    pub(crate) fn status(&self) -> Status {
        self.status
    }
}

impl From<Error> for chatadmin_error {
    /// For errors not tied to an endpoint call (UserSig, catalog, configuration).
    fn from(e: Error) -> Self {
        chatadmin_error::from_core(&e)
    }
}

impl std::fmt::Debug for chatadmin_error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("chatadmin_error")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}

/// The status of a core error kind: the same number, by construction.
pub(crate) fn status_of(kind: ErrorKind) -> Status {
    kind as u32
}

/// The stable name of a status; kinds take theirs from core.
fn status_name(status: chatadmin_status) -> &'static str {
    match status {
        CHATADMIN_OK => "ok",
        CHATADMIN_VALIDATION => ErrorKind::Validation.as_str(),
        CHATADMIN_TRANSPORT => ErrorKind::Transport.as_str(),
        CHATADMIN_TIMEOUT => ErrorKind::Timeout.as_str(),
        CHATADMIN_API => ErrorKind::Api.as_str(),
        CHATADMIN_DECODE => ErrorKind::Decode.as_str(),
        CHATADMIN_USERSIG => ErrorKind::UserSig.as_str(),
        CHATADMIN_CONFIG => ErrorKind::Config.as_str(),
        CHATADMIN_NULL_ARGUMENT => "null_argument",
        CHATADMIN_INVALID_UTF8 => "invalid_utf8",
        CHATADMIN_INVALID_JSON => "invalid_json",
        CHATADMIN_PANIC => "panic",
    }
}

const ALL_STATUSES: [chatadmin_status; 12] = [
    CHATADMIN_OK,
    CHATADMIN_VALIDATION,
    CHATADMIN_TRANSPORT,
    CHATADMIN_TIMEOUT,
    CHATADMIN_API,
    CHATADMIN_DECODE,
    CHATADMIN_USERSIG,
    CHATADMIN_CONFIG,
    CHATADMIN_NULL_ARGUMENT,
    CHATADMIN_INVALID_UTF8,
    CHATADMIN_INVALID_JSON,
    CHATADMIN_PANIC,
];

const ALL_CHECKS: [VerifyFailure; 7] = [
    VerifyFailure::Malformed,
    VerifyFailure::SdkAppIdMismatch,
    VerifyFailure::IdentifierMismatch,
    VerifyFailure::Expired,
    VerifyFailure::UserbufMismatch,
    VerifyFailure::SignatureMismatch,
    VerifyFailure::InvalidInput,
];

type NameTable = OnceLock<Vec<(u32, CString)>>;

/// The NUL-terminated name of `value` from a table built once (so the strings live as long
/// as the process), or `"unknown"`.
fn static_name(
    table: &'static NameTable,
    build: impl FnOnce() -> Vec<(u32, &'static str)>,
    value: u32,
) -> *const c_char {
    let names = table.get_or_init(|| {
        build()
            .into_iter()
            .map(|(v, name)| (v, CString::new(name).expect("names have no NUL")))
            .collect()
    });
    names
        .iter()
        .find(|(v, _)| *v == value)
        .map_or(c"unknown".as_ptr(), |(_, name)| name.as_ptr())
}

/// A stable lowercase name for a status (`"ok"`, `"validation"`, ..., `"panic"`), or
/// `"unknown"` for a value this library does not define. The string is static: never free it.
#[no_mangle]
pub extern "C" fn chatadmin_status_str(status: Status) -> *const c_char {
    static NAMES: NameTable = OnceLock::new();
    ffi::catch_or(ptr::null(), || {
        let build = || ALL_STATUSES.map(|s| (s as u32, status_name(s))).to_vec();
        static_name(&NAMES, build, status)
    })
}

/// A stable snake_case name for a UserSig check (`"malformed"`, `"expired"`, ...; `"none"`
/// for 0, `"unknown"` for a value this library does not define). The string is static.
#[no_mangle]
pub extern "C" fn chatadmin_usersig_check_str(check: ffi::UserSigCheck) -> *const c_char {
    static NAMES: NameTable = OnceLock::new();
    ffi::catch_or(ptr::null(), || {
        let build = || {
            let mut names = vec![(
                chatadmin_usersig_check::CHATADMIN_USERSIG_CHECK_NONE as u32,
                "none",
            )];
            names.extend(ALL_CHECKS.map(|c| (c as u32, c.as_str())));
            names
        };
        static_name(&NAMES, build, check)
    })
}

/// The status of the failure: a `chatadmin_status` value other than `CHATADMIN_OK` (the
/// same value the failing function returned). `CHATADMIN_NULL_ARGUMENT` if `err` is NULL.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_kind(err: *const chatadmin_error) -> Status {
    let null = CHATADMIN_NULL_ARGUMENT as Status;
    // SAFETY: `err` is NULL or an error object from this library that has not been freed.
    ffi::catch_or(CHATADMIN_PANIC as Status, || {
        unsafe { err.as_ref() }.map_or(null, |e| e.status)
    })
}

/// The service's `ErrorCode`, for `CHATADMIN_API` errors.
///
/// Returns true and writes the code to `*out` when the error carries one; returns false and
/// leaves `*out` untouched otherwise (or when `err` or `out` is NULL).
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_code(err: *const chatadmin_error, out: *mut i64) -> bool {
    ffi::catch_or(false, || {
        // SAFETY: `err` is NULL or a live error object; `out` is NULL or writable.
        match (unsafe { err.as_ref() }.and_then(|e| e.code), out.is_null()) {
            (Some(code), false) => {
                // SAFETY: checked non-NULL above; the caller guarantees it is writable.
                unsafe { out.write(code) };
                true
            }
            _ => false,
        }
    })
}

/// The error message: UTF-8, NUL-terminated, never containing the secret key or a UserSig.
/// Owned by the error object: valid until `chatadmin_error_free(err)`. NULL if `err` is NULL.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_message(err: *const chatadmin_error) -> *const c_char {
    // SAFETY: `err` is NULL or a live error object.
    ffi::catch_or(ptr::null(), || {
        unsafe { err.as_ref() }.map_or(ptr::null(), |e| e.message.as_ptr())
    })
}

/// The whole response body of a `CHATADMIN_API` error as JSON (some failed calls still
/// carry per-item results), or NULL when there is none. Owned by the error object: valid
/// until `chatadmin_error_free(err)`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_body(err: *const chatadmin_error) -> *const c_char {
    // SAFETY: `err` is NULL or a live error object.
    ffi::catch_or(ptr::null(), || {
        unsafe { err.as_ref() }
            .and_then(|e| e.body.as_ref())
            .map_or(ptr::null(), |b| b.as_ptr())
    })
}

/// For a call split into several requests (a list longer than one request may carry) that
/// failed part-way: JSON `{"parts": n, "succeeded": k, "completed": {...}}`, where the first
/// `k` requests took effect and `completed` is their merged response (per-item results
/// included). NULL for every other error. Owned by the error object: valid until
/// `chatadmin_error_free(err)`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_partial(err: *const chatadmin_error) -> *const c_char {
    // SAFETY: `err` is NULL or a live error object.
    ffi::catch_or(ptr::null(), || {
        unsafe { err.as_ref() }
            .and_then(|e| e.completed.as_ref())
            .map_or(ptr::null(), |b| b.as_ptr())
    })
}

/// Whether repeating the call could succeed, as the client decided for the request that
/// failed (rate limits, transient service errors; network failures only for requests that are
/// safe to repeat, e.g. `create_group` only with a custom `GroupId`). The client has already
/// retried as its retry policy allows. False if `err` is NULL.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_retryable(err: *const chatadmin_error) -> bool {
    // SAFETY: `err` is NULL or a live error object.
    ffi::catch_or(false, || {
        unsafe { err.as_ref() }.is_some_and(|e| e.retryable)
    })
}

/// For `CHATADMIN_USERSIG` errors, which check failed (a `chatadmin_usersig_check` value);
/// `CHATADMIN_USERSIG_CHECK_NONE` (0) for other errors or a NULL `err`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_usersig_check(
    err: *const chatadmin_error,
) -> ffi::UserSigCheck {
    // SAFETY: `err` is NULL or a live error object.
    ffi::catch_or(0, || unsafe { err.as_ref() }.map_or(0, |e| e.usersig_check))
}

/// Frees an error object and the strings it owns. `chatadmin_error_free(NULL)` does nothing.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_error_free(err: *mut chatadmin_error) {
    ffi::catch_or((), || {
        if !err.is_null() {
            // SAFETY: `err` came from `Box::into_raw` in this library and is freed only once.
            drop(unsafe { Box::from_raw(err) });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn a_partial_failure_keeps_what_took_effect() {
        let api = chatadmin_core::ApiError {
            endpoint: "sns/friend_delete".into(),
            code: 30006,
            info: "internal".into(),
            display: None,
            request_id: None,
            body: Some(serde_json::json!({"ErrorCode": 30006})),
            retryable: true,
        };
        let e = Error::Partial(Box::new(chatadmin_core::PartialFailure {
            parts: 3,
            succeeded: 2,
            completed: Some(serde_json::json!({"ResultItem": [{"To_Account": "b"}]})),
            error: api.into(),
        }));
        let c = chatadmin_error::from_core(&e);
        assert_eq!(c.status(), CHATADMIN_API as Status);
        unsafe {
            let partial = CStr::from_ptr(chatadmin_error_partial(&c))
                .to_str()
                .unwrap();
            let v: serde_json::Value = serde_json::from_str(partial).unwrap();
            assert_eq!(v["parts"], 3);
            assert_eq!(v["succeeded"], 2);
            assert_eq!(v["completed"]["ResultItem"][0]["To_Account"], "b");
            let body = CStr::from_ptr(chatadmin_error_body(&c)).to_str().unwrap();
            assert!(body.contains("30006"));
            let mut code = 0i64;
            assert!(chatadmin_error_code(&c, &mut code));
            assert_eq!(code, 30006);
        }
        let plain = chatadmin_error::from_core(&Error::config("x"));
        assert!(unsafe { chatadmin_error_partial(&plain) }.is_null());
    }

    #[test]
    fn retryable_is_the_clients_decision() {
        // A code of a retryable class, on an error the client marked as not retryable (as it
        // does for a call that is not safe to repeat): C reports the client's decision.
        let mut e = Error::Timeout(chatadmin_core::TransportError::new("no answer"));
        assert!(!unsafe { chatadmin_error_retryable(&chatadmin_error::from_core(&e)) });
        e.set_retryable(true);
        assert!(unsafe { chatadmin_error_retryable(&chatadmin_error::from_core(&e)) });
        assert!(!unsafe { chatadmin_error_retryable(std::ptr::null()) });
    }

    #[test]
    fn kinds_keep_their_core_numbers() {
        let pairs = [
            (CHATADMIN_VALIDATION, ErrorKind::Validation),
            (CHATADMIN_TRANSPORT, ErrorKind::Transport),
            (CHATADMIN_TIMEOUT, ErrorKind::Timeout),
            (CHATADMIN_API, ErrorKind::Api),
            (CHATADMIN_DECODE, ErrorKind::Decode),
            (CHATADMIN_USERSIG, ErrorKind::UserSig),
            (CHATADMIN_CONFIG, ErrorKind::Config),
        ];
        for (s, k) in pairs {
            assert_eq!(s as u32, k as u32, "{k}");
            assert_eq!(status_name(s), k.as_str());
        }
    }

    #[test]
    fn checks_keep_their_core_numbers() {
        use chatadmin_usersig_check::*;
        let pairs = [
            (CHATADMIN_USERSIG_CHECK_MALFORMED, VerifyFailure::Malformed),
            (
                CHATADMIN_USERSIG_CHECK_SDKAPPID_MISMATCH,
                VerifyFailure::SdkAppIdMismatch,
            ),
            (
                CHATADMIN_USERSIG_CHECK_IDENTIFIER_MISMATCH,
                VerifyFailure::IdentifierMismatch,
            ),
            (CHATADMIN_USERSIG_CHECK_EXPIRED, VerifyFailure::Expired),
            (
                CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH,
                VerifyFailure::UserbufMismatch,
            ),
            (
                CHATADMIN_USERSIG_CHECK_SIGNATURE_MISMATCH,
                VerifyFailure::SignatureMismatch,
            ),
            (
                CHATADMIN_USERSIG_CHECK_INVALID_INPUT,
                VerifyFailure::InvalidInput,
            ),
        ];
        for (c, f) in pairs {
            assert_eq!(c as u32, f as u32, "{f}");
            let name = unsafe { CStr::from_ptr(chatadmin_usersig_check_str(c as u32)) };
            assert_eq!(name.to_str().unwrap(), f.as_str());
        }
    }

    #[test]
    fn names_are_static_and_total() {
        let name = |s: u32| {
            unsafe { CStr::from_ptr(chatadmin_status_str(s)) }
                .to_str()
                .unwrap()
        };
        assert_eq!(name(0), "ok");
        assert_eq!(name(4), "api");
        assert_eq!(name(103), "panic");
        assert_eq!(name(99), "unknown");
        assert_eq!(name(u32::MAX), "unknown");
        assert_eq!(chatadmin_status_str(4), chatadmin_status_str(4));
        let check = |c: u32| {
            unsafe { CStr::from_ptr(chatadmin_usersig_check_str(c)) }
                .to_str()
                .unwrap()
        };
        assert_eq!(check(0), "none");
        assert_eq!(check(8), "unknown");
    }
}
