//! The one error type of chatadmin.
//!
//! Every surface translates [`Error`] in exactly one place: the C library into a status code
//! plus an error object, Python into an exception hierarchy. [`ErrorKind`] values are stable
//! numbers, only ever appended, because they cross the C ABI.
//!
//! Per-item failures of batch calls (`ResultItem[].ResultCode != 0`, `FailAccounts`, ...) are
//! *data* in the typed responses, not errors: the call as a whole succeeded.

use std::fmt;

use crate::codes::{self, RetryClass};
use crate::usersig::UserSigError;

/// What went wrong, coarsely. Stable numbers (they are the C status codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request broke a documented rule; nothing was sent.
    Validation = 1,
    /// The network failed or the HTTP exchange was not a service answer (5xx, 429, reset).
    Transport = 2,
    /// No answer in time; the outcome of the call is unknown.
    Timeout = 3,
    /// The service answered with a non-zero `ErrorCode`.
    Api = 4,
    /// The service's answer could not be understood.
    Decode = 5,
    /// A UserSig was malformed or failed verification.
    UserSig = 6,
    /// The SDK was configured wrongly (missing key, bad base URL, ...).
    Config = 7,
}

impl ErrorKind {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Api => "api",
            ErrorKind::Decode => "decode",
            ErrorKind::UserSig => "usersig",
            ErrorKind::Config => "config",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every error chatadmin returns.
///
/// `{:?}` prints the message and the kind, so a `main` that returns `Result<_, Error>` prints
/// something a person can read (`Error: GroupId: is 49 bytes long; ... [kind: validation]`);
/// `{:#?}` prints the full structure. Neither shows a secret key or a UserSig.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// See [`ValidationError`].
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// See [`ApiError`] (boxed: it is large, and errors travel through every `Result`).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// See [`DecodeError`].
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A UserSig problem, with the check that failed.
    #[error("UserSig: {0}")]
    UserSig(#[from] UserSigError),
    /// Bad configuration.
    #[error("configuration: {0}")]
    Config(String),
    /// See [`TransportError`].
    #[error(transparent)]
    Transport(TransportError),
    /// A timeout; the call may or may not have taken effect.
    #[error("timed out: {0}")]
    Timeout(TransportError),
    /// A call split into several requests failed part-way: see [`PartialFailure`]. Its kind,
    /// code and retry class are those of the error that stopped it.
    #[error(transparent)]
    Partial(Box<PartialFailure>),
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !f.alternate() {
            return write!(f, "{self} [kind: {}]", self.kind());
        }
        match self {
            Error::Validation(e) => f.debug_tuple("Validation").field(e).finish(),
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::Decode(e) => f.debug_tuple("Decode").field(e).finish(),
            Error::UserSig(e) => f.debug_tuple("UserSig").field(e).finish(),
            Error::Config(e) => f.debug_tuple("Config").field(e).finish(),
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::Timeout(e) => f.debug_tuple("Timeout").field(e).finish(),
            Error::Partial(e) => f.debug_tuple("Partial").field(e).finish(),
        }
    }
}

/// A split call (a list longer than one request may carry, sent as several requests) whose
/// part `failed_part` failed after the parts before it **took effect**.
///
/// Nothing is lost: `completed` holds the merged response of the parts that succeeded (their
/// per-item results), and `error` the failure of the part that stopped the call. Retrying the
/// whole call repeats the parts that took effect; for the idempotent batch endpoints that is
/// harmless, otherwise send only the items not in `completed`.
#[derive(Debug)]
pub struct PartialFailure {
    /// How many requests the call was split into.
    pub parts: usize,
    /// How many of them succeeded (the first `succeeded`, in order).
    pub succeeded: usize,
    /// The merged response of the succeeded parts, as JSON (wire names), when there is one.
    pub completed: Option<serde_json::Value>,
    /// Why the next part failed.
    pub error: Error,
}

impl fmt::Display for PartialFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (part {} of {} of a split call failed; the first {} part(s) succeeded and took effect, their results are kept in the error)",
            self.error,
            self.succeeded + 1,
            self.parts,
            self.succeeded
        )
    }
}

impl PartialFailure {
    /// What a split call did before it failed, as every surface shows it:
    /// `{"parts": n, "succeeded": k, "completed": {...} | null}` (C's `chatadmin_error_partial`,
    /// Python's `.partial`, the CLI's output).
    ///
    /// ```
    /// use chatadmin_core::{Error, PartialFailure, TransportError};
    /// let p = PartialFailure { parts: 3, succeeded: 2, completed: None,
    ///     error: Error::Transport(TransportError::new("reset")) };
    /// assert_eq!(p.to_json(), serde_json::json!({"parts": 3, "succeeded": 2, "completed": null}));
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "parts": self.parts,
            "succeeded": self.succeeded,
            "completed": self.completed,
        })
    }
}

impl std::error::Error for PartialFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl Error {
    /// The coarse kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation(_) => ErrorKind::Validation,
            Error::Api(_) => ErrorKind::Api,
            Error::Decode(_) => ErrorKind::Decode,
            Error::UserSig(_) => ErrorKind::UserSig,
            Error::Config(_) => ErrorKind::Config,
            Error::Transport(_) => ErrorKind::Transport,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Partial(p) => p.error.kind(),
        }
    }

    /// The service's `ErrorCode`, for API errors.
    pub fn code(&self) -> Option<i64> {
        match self {
            Error::Api(e) => Some(e.code),
            Error::Partial(p) => p.error.code(),
            _ => None,
        }
    }

    /// The error itself, looking through [`Error::Partial`] to the failure that stopped a
    /// split call.
    pub fn root(&self) -> &Error {
        match self {
            Error::Partial(p) => p.error.root(),
            e => e,
        }
    }

    /// For a split call that failed part-way, what was done before it failed.
    pub fn partial(&self) -> Option<&PartialFailure> {
        match self {
            Error::Partial(p) => Some(p),
            _ => None,
        }
    }

    /// How a caller may retry. Transport failures and timeouts leave the outcome unknown, so
    /// they are safe to retry only for calls that cannot duplicate an effect.
    pub fn retry_class(&self) -> RetryClass {
        match self {
            Error::Api(e) => e.retry_class(),
            Error::Partial(p) => p.error.retry_class(),
            Error::Transport(t) if t.status == Some(429) => RetryClass::AfterBackoff,
            Error::Transport(_) | Error::Timeout(_) => RetryClass::IfIdempotent,
            _ => RetryClass::Never,
        }
    }

    /// Whether repeating the call could succeed, as decided by the client that made it: it
    /// knew the request (a request-level override such as `create_group` with a custom
    /// `GroupId` included), what each attempt did, and it has already retried as its policy
    /// allows. Bindings report this value as it is.
    ///
    /// For an error not returned by a client call (built by hand, or decoded by core alone),
    /// this is the conservative reading of [`Error::is_retryable`] for a call that is not
    /// safe to repeat.
    pub fn retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.retryable,
            Error::Transport(t) | Error::Timeout(t) => t.retryable,
            Error::Partial(p) => p.error.retryable(),
            _ => false,
        }
    }

    /// Records whether repeating the call could succeed ([`Error::retryable`]); called by the
    /// client on the error it returns. Errors of kinds that are never retryable (validation,
    /// decode, UserSig, configuration) ignore it.
    pub fn set_retryable(&mut self, retryable: bool) {
        match self {
            Error::Api(e) => e.retryable = retryable,
            Error::Transport(t) | Error::Timeout(t) => t.retryable = retryable,
            Error::Partial(p) => p.error.set_retryable(retryable),
            _ => {}
        }
    }

    /// Whether a retry could succeed, given whether the call is idempotent.
    pub fn is_retryable(&self, idempotent: bool) -> bool {
        match self.retry_class() {
            RetryClass::Never => false,
            RetryClass::AfterBackoff | RetryClass::AfterRenewingUserSig => true,
            RetryClass::IfIdempotent => idempotent,
        }
    }

    /// Shorthand for a configuration error.
    pub fn config(msg: impl Into<String>) -> Self {
        Error::Config(msg.into())
    }
}

/// A request that breaks a documented rule. Raised before anything is sent.
///
/// The message names the field (as a JSON path in the wire names, e.g. `To_Account[3]`) and
/// the documented limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The wire path of the endpoint, when known (`sns/friend_delete`).
    pub endpoint: Option<String>,
    /// The offending field as a JSON path of wire names; `""` for the whole body.
    pub field: String,
    /// What is wrong, with the limit.
    pub message: String,
}

impl ValidationError {
    /// A validation error on a field.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ValidationError {
            endpoint: None,
            field: field.into(),
            message: message.into(),
        }
    }

    /// Sets the endpoint the error belongs to.
    pub fn at(mut self, endpoint: &str) -> Self {
        self.endpoint = Some(endpoint.to_owned());
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid request")?;
        if let Some(e) = &self.endpoint {
            write!(f, " for {e}")?;
        }
        if self.field.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": `{}` {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ValidationError {}

/// The service answered with a non-zero `ErrorCode`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The endpoint's wire path (`sns/friend_delete`).
    pub endpoint: String,
    /// `ErrorCode`.
    pub code: i64,
    /// `ErrorInfo`, as sent.
    pub info: String,
    /// `ErrorDisplay`, when sent.
    pub display: Option<String>,
    /// `RequestId`, when sent (quote it to Tencent support).
    pub request_id: Option<String>,
    /// The whole response body: some failed calls still carry per-item data.
    pub body: Option<serde_json::Value>,
    /// Whether repeating the call could succeed ([`Error::retryable`]): decided by the client
    /// that made the call; [`ApiError::new`] starts from the code's retry class for a call
    /// that is not safe to repeat.
    pub retryable: bool,
}

impl ApiError {
    /// An API error of `endpoint` from its decoded status and the whole body.
    pub fn new(
        endpoint: &str,
        status: crate::envelope::ResponseStatus,
        body: serde_json::Value,
    ) -> Self {
        let code = status.code();
        ApiError {
            endpoint: endpoint.to_owned(),
            code,
            info: status.error_info.unwrap_or_default(),
            display: status.error_display,
            request_id: status.request_id,
            body: Some(body),
            retryable: matches!(
                codes::retry_class(Some(endpoint), code),
                RetryClass::AfterBackoff | RetryClass::AfterRenewingUserSig
            ),
        }
    }

    /// The pause the pages ask for before this call is repeated ("try again in one minute"),
    /// if any; see [`codes::retry_wait`].
    pub fn retry_wait(&self) -> Option<&'static codes::RetryWait> {
        codes::retry_wait(Some(&self.endpoint), self.code)
    }

    /// The documented meaning of the code for this endpoint, if known.
    pub fn meaning(&self) -> Option<&'static str> {
        codes::meaning(Some(&self.endpoint), self.code)
    }

    /// How this error may be retried.
    pub fn retry_class(&self) -> RetryClass {
        codes::retry_class(Some(&self.endpoint), self.code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with error {}", self.endpoint, self.code)?;
        if let Some(m) = self.meaning() {
            write!(f, " ({m})")?;
        }
        if !self.info.is_empty() {
            write!(f, ": {}", self.info)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [RequestId {id}]")?;
        }
        if let Some(w) = self.retry_wait() {
            write!(
                f,
                "; not repeated within seconds: {}, so wait at least {} s before repeating the call",
                w.advice,
                w.wait.as_secs()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A response that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The endpoint's wire path, when known.
    pub endpoint: Option<String>,
    /// What was wrong, with the JSON path where it applies.
    pub message: String,
}

impl DecodeError {
    /// A decode error.
    pub fn new(endpoint: Option<&str>, message: impl Into<String>) -> Self {
        DecodeError {
            endpoint: endpoint.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed response")?;
        if let Some(e) = &self.endpoint {
            write!(f, " from {e}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A failure below the service's JSON: connection, TLS, HTTP status, body read.
///
/// `url` is always redacted (no UserSig). Whoever builds one must make sure `source` does not
/// print the URL either (for reqwest: `err.without_url()`).
#[derive(Debug)]
pub struct TransportError {
    /// What happened.
    pub message: String,
    /// The redacted request URL.
    pub url: Option<String>,
    /// The HTTP status, when one was received.
    pub status: Option<u16>,
    /// The underlying error.
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
    /// Whether repeating the call could succeed ([`Error::retryable`]): decided by the client
    /// that made the call (false from [`TransportError::new`]).
    pub retryable: bool,
}

impl TransportError {
    /// A transport error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        TransportError {
            message: message.into(),
            url: None,
            status: None,
            source: None,
            retryable: false,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = self.status {
            write!(f, " (HTTP {s})")?;
        }
        if let Some(u) = &self.url {
            write!(f, " [{u}]")?;
        }
        // The source is not repeated: the message already names its causes, and
        // `Error::source` gives it to whoever walks the chain.
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A serde (serde_json) deserialization message in the terms of the JSON the caller wrote,
/// for [`ValidationError::message`]: Rust type names (`expected struct UserIdItem`,
/// `expected u32`) become JSON kinds (`expected an object`, `expected a whole number from 0 to
/// 4294967295`), and serde's names for what it found (`map`, `sequence`, `unit value`) become
/// `an object`, `a list`, `null`. The field is not part of the message: it is the
/// [`ValidationError::field`], named by its wire name.
///
/// ```
/// use chatadmin_core::error::readable_serde_message;
/// assert_eq!(
///     readable_serde_message("invalid type: string \"alice\", expected struct UserIdItem"),
///     "invalid type: a string \"alice\", expected an object"
/// );
/// ```
pub fn readable_serde_message(message: &str) -> String {
    // serde_json appends the position in the text; the field path says more.
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    };
    let (found, expected) = match message.split_once(", expected ") {
        Some((f, e)) => (f, Some(e)),
        None => (message, None),
    };
    let mut out = readable_found(found);
    if let Some(e) = expected {
        out.push_str(", expected ");
        out.push_str(&readable_expected(e));
    }
    out
}

/// `invalid type: map` -> `invalid type: an object`, and the like.
fn readable_found(found: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(what) = found.strip_prefix(prefix) {
            let what = match what {
                "map" => "an object".to_owned(),
                "sequence" => "a list".to_owned(),
                "unit value" | "null" => "null".to_owned(),
                w => {
                    let mut done = None;
                    for (serde, json) in [
                        ("string ", "a string "),
                        ("integer ", "the number "),
                        ("floating point ", "the number "),
                        ("boolean ", ""),
                    ] {
                        if let Some(rest) = w.strip_prefix(serde) {
                            // serde quotes numbers and booleans in backticks: `5`.
                            let rest = rest
                                .strip_prefix('`')
                                .and_then(|r| r.strip_suffix('`'))
                                .unwrap_or(rest);
                            done = Some(format!("{json}{rest}"));
                            break;
                        }
                    }
                    done.unwrap_or_else(|| w.to_owned())
                }
            };
            return format!("{prefix}{what}");
        }
    }
    found.to_owned()
}

/// What serde expected, as a JSON kind rather than a Rust type.
fn readable_expected(expected: &str) -> String {
    let e = expected.trim();
    let int_range = |lo: &str, hi: &str| format!("a whole number from {lo} to {hi}");
    match e {
        "a map" | "a JSON object" => return "an object".to_owned(),
        "a sequence" | "a JSON array" => return "a list".to_owned(),
        "a string" | "a borrowed string" | "a character" => return "a string".to_owned(),
        "a boolean" => return "true or false".to_owned(),
        "unit" => return "null".to_owned(),
        "u8" => return int_range("0", "255"),
        "u16" => return int_range("0", "65535"),
        "u32" => return int_range("0", "4294967295"),
        "u64" | "usize" => return int_range("0", "18446744073709551615"),
        "i8" => return int_range("-128", "127"),
        "i16" => return int_range("-32768", "32767"),
        "i32" => return int_range("-2147483648", "2147483647"),
        "i64" | "isize" => return "a whole number".to_owned(),
        "f32" | "f64" => return "a number".to_owned(),
        _ => {}
    }
    for (rust, json) in [
        ("struct ", "an object"),
        ("tuple struct ", "a list"),
        ("newtype struct ", "a value"),
        ("struct variant ", "an object"),
        ("enum ", "one of the documented values"),
        ("variant identifier", "one of the documented values"),
        ("field identifier", "a documented field name"),
    ] {
        if e.starts_with(rust) || e == rust.trim_end() {
            return json.to_owned();
        }
    }
    // `a sequence of 2 elements`, `one of `A`, `B``, free text from hand-written impls: as is.
    e.replace("a sequence", "a list")
        .replace("a map", "an object")
}

/// `Result` with chatadmin's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// `fn main() -> Result<(), Error>` prints `Error: {:?}`: that must read as a message.
    #[test]
    fn debug_is_the_message_and_the_kind_and_alternate_debug_the_structure() {
        let e = Error::from(
            ValidationError::new("GroupId", "is 49 bytes long; at most 48 bytes are allowed")
                .at("group_open_http_svc/destroy_group"),
        );
        let plain = format!("{e:?}");
        assert_eq!(plain, format!("{e} [kind: validation]"));
        assert!(plain.contains("GroupId") && !plain.contains("ValidationError {"));
        let full = format!("{e:#?}");
        assert!(
            full.starts_with("Validation(") && full.contains("field: \"GroupId\""),
            "{full}"
        );
    }

    #[test]
    fn validation_message_names_field_and_endpoint() {
        let e = ValidationError::new("To_Account", "has 1001 items; at most 1000 are allowed")
            .at("sns/friend_delete");
        assert_eq!(
            e.to_string(),
            "invalid request for sns/friend_delete: `To_Account` has 1001 items; at most 1000 are allowed"
        );
        assert_eq!(Error::from(e).kind(), ErrorKind::Validation);
    }

    #[test]
    fn api_error_carries_meaning_and_retry_class() {
        let e = ApiError {
            endpoint: "sns/friend_delete".into(),
            code: 70001,
            info: "sig expired".into(),
            display: None,
            request_id: Some("abc".into()),
            body: None,
            retryable: true,
        };
        let s = e.to_string();
        assert!(
            s.starts_with("sns/friend_delete failed with error 70001 ("),
            "{s}"
        );
        assert!(s.ends_with(": sig expired [RequestId abc]"), "{s}");
        let e = Error::from(e);
        assert_eq!(e.code(), Some(70001));
        assert_eq!(e.retry_class(), RetryClass::AfterRenewingUserSig);
        assert!(e.is_retryable(false));
    }

    #[test]
    fn serde_messages_name_json_kinds_not_rust_types() {
        let cases = [
            (
                "invalid type: string \"alice\", expected struct UserIdItem at line 1 column 40",
                "invalid type: a string \"alice\", expected an object",
            ),
            (
                "invalid type: map, expected a sequence",
                "invalid type: an object, expected a list",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "invalid type: the number 5, expected a string",
            ),
            (
                "invalid type: unit value, expected u32",
                "invalid type: null, expected a whole number from 0 to 4294967295",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "invalid value: the number -1, expected a whole number from 0 to 18446744073709551615",
            ),
            (
                "invalid type: boolean `true`, expected enum DeleteType",
                "invalid type: true, expected one of the documented values",
            ),
            (
                "invalid type: sequence, expected a map",
                "invalid type: a list, expected an object",
            ),
            (
                "invalid type: floating point `1.5`, expected i64",
                "invalid type: the number 1.5, expected a whole number",
            ),
            // Already in JSON terms: unchanged.
            ("missing field `To_Account`", "missing field `To_Account`"),
            (
                "unknown variant `Both`, expected one of `Delete_Type_Single`, `Delete_Type_Both`",
                "unknown variant `Both`, expected one of `Delete_Type_Single`, `Delete_Type_Both`",
            ),
        ];
        for (serde, readable) in cases {
            assert_eq!(readable_serde_message(serde), readable, "from {serde:?}");
        }
    }

    #[test]
    fn serde_messages_from_serde_json_lose_every_rust_name() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct UserIdItem {
            #[serde(rename = "UserID")]
            user_id: String,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Req {
            #[serde(rename = "Items")]
            items: Vec<UserIdItem>,
            #[serde(rename = "Count")]
            count: Option<u32>,
        }
        for body in [
            r#"{"Items":["alice"]}"#,
            r#"{"Items":{"UserID":"alice"}}"#,
            r#"{"Items":[],"Count":"3"}"#,
            r#"{"Items":[],"Count":-3}"#,
        ] {
            let e = serde_json::from_str::<Req>(body).unwrap_err().to_string();
            let readable = readable_serde_message(&e);
            for rust in [
                "struct",
                "UserIdItem",
                "u32",
                "Vec",
                "sequence",
                " map",
                "line ",
            ] {
                assert!(!readable.contains(rust), "{body}: {e:?} -> {readable:?}");
            }
        }
    }

    #[test]
    fn transport_errors_are_retryable_only_when_idempotent() {
        let e = Error::Timeout(TransportError::new("no answer in 5s"));
        assert!(e.is_retryable(true));
        assert!(!e.is_retryable(false));
        let mut t = TransportError::new("too many requests");
        t.status = Some(429);
        assert!(Error::Transport(t).is_retryable(false));
        assert_eq!(ErrorKind::Timeout as u32, 3);
    }
}
