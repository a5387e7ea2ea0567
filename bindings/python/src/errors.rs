//! The one conversion point from chatadmin's `Error` to a Python exception.
//!
//! The exception classes are plain Python (`chatadmin/_errors.py`), because some of them
//! inherit from two builtins (`InvalidArgument` is also a `ValueError`, `TimeoutError` also the
//! builtin `TimeoutError`), which a Rust-defined class cannot. This module picks the class
//! from the error's kind and fills in its attributes; nothing else in the crate builds a
//! chatadmin exception.
//!
//! Messages come from core's `Display`, which never contains the secret key or a UserSig; URLs
//! are redacted once more here in case a lower layer's message quoted one.

use chatadmin_client::{region_names, ConfigProblem};
use chatadmin_core::region::redact_url;
use chatadmin_core::{Error, ErrorKind};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::json_to_py;

/// The Python module holding the exception classes.
const ERRORS_MODULE: &str = "chatadmin._errors";

/// The exception class for an error kind.
pub(crate) fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Validation => "InvalidArgument",
        ErrorKind::Transport => "TransportError",
        ErrorKind::Timeout => "TimeoutError",
        ErrorKind::Api => "ApiError",
        ErrorKind::Decode => "DecodeError",
        ErrorKind::UserSig => "InvalidUserSig",
        ErrorKind::Config => "ConfigError",
        _ => "ChatAdminError",
    }
}

/// Converts an error into the matching `chatadmin` exception. `.retryable` is the client's
/// decision ([`Error::retryable`]), `.partial` core's partial-failure JSON.
pub(crate) fn to_pyerr(py: Python<'_>, err: Error) -> PyErr {
    let message = redact_url(&err.to_string());
    match build(py, &err, &message) {
        Ok(e) => e,
        // Only when `chatadmin._errors` cannot be imported (the extension loaded on its own).
        Err(import_error) => {
            let e = PyRuntimeError::new_err(format!("{}: {message}", err.kind()));
            e.set_cause(py, Some(import_error));
            e
        }
    }
}

fn build(py: Python<'_>, err: &Error, message: &str) -> PyResult<PyErr> {
    let kind = err.kind();
    let class = PyModule::import(py, ERRORS_MODULE)?.getattr(class_name(kind))?;
    let kw = PyDict::new(py);
    kw.set_item("kind", kind.as_str())?;
    kw.set_item("code", err.code())?;
    kw.set_item("retryable", err.retryable())?;
    if let Some(p) = err.partial() {
        kw.set_item("partial", json_to_py(py, &p.to_json())?)?;
    }
    match err.root() {
        Error::Validation(v) => {
            kw.set_item("info", &v.message)?;
            kw.set_item("field", &v.field)?;
            kw.set_item("endpoint", v.endpoint.as_deref())?;
        }
        Error::Api(a) => {
            kw.set_item("info", redact_url(&a.info))?;
            kw.set_item("endpoint", &a.endpoint)?;
            kw.set_item("display", a.display.as_deref())?;
            kw.set_item("request_id", a.request_id.as_deref())?;
            kw.set_item("meaning", a.meaning())?;
            let body = match &a.body {
                Some(b) => json_to_py(py, b)?,
                None => py.None().into_bound(py),
            };
            kw.set_item("body", body)?;
        }
        Error::Decode(d) => {
            kw.set_item("info", &d.message)?;
            kw.set_item("endpoint", d.endpoint.as_deref())?;
        }
        Error::UserSig(u) => {
            kw.set_item("info", u.to_string())?;
            kw.set_item("check", u.failure().as_str())?;
        }
        Error::Config(m) => {
            kw.set_item("info", redact_url(m))?;
        }
        Error::Transport(t) | Error::Timeout(t) => {
            kw.set_item("info", redact_url(&t.message))?;
            kw.set_item("status", t.status)?;
            kw.set_item("url", t.url.as_deref().map(redact_url))?;
        }
        _ => {
            kw.set_item("info", message)?;
        }
    }
    let exc = class.call((message,), Some(&kw))?;
    Ok(PyErr::from_value(exc))
}

/// `Result<T, Error>` → `PyResult<T>` through [`to_pyerr`].
pub(crate) trait IntoPyResult<T> {
    /// Converts the error.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}

/// A missing or conflicting `chatadmin.Client(...)` argument, in Python's terms (keyword
/// arguments, Python literals), for the settings the Rust builder reports as a
/// [`ConfigProblem`]. Python has no UserSig provider, so it is never mentioned.
pub(crate) fn config_problem(p: ConfigProblem) -> Error {
    let message = match p {
        ConfigProblem::NoCredentials | ConfigProblem::BothCredentials => {
            "no secret_key: pass the app's key from the Chat console, \
             e.g. chatadmin.Client(1400000000, os.environ[\"CHATADMIN_SECRET_KEY\"], region=\"singapore\")"
                .to_owned()
        }
        ConfigProblem::EmptyKey => "secret_key is empty: pass the app's key from the Chat console".to_owned(),
        ConfigProblem::NoTarget => format!(
            "no region or base_url: pass region=\"singapore\" (the data center the app was created in: one of {}), \
             or base_url=\"http://127.0.0.1:PORT\" for the emulator or a proxy",
            region_names()
        ),
        ConfigProblem::BothTargets => {
            "pass either region=... or base_url=..., not both".to_owned()
        }
        // A problem added later: the builder's own words.
        other => other.rust_message(),
    };
    Error::config(message)
}
