//! `chatadmin._chatadmin.Client`: holds a `chatadmin_client::Client` (an `Arc` inside, shared
//! by every Python thread), converts arguments, releases the GIL around the call, converts
//! the result. The typed area methods are built in Python from the registry and end in
//! `_call_typed`.

use std::str::FromStr;
use std::time::Duration;

use chatadmin_client::{Client, ClientBuilder, RateLimit, RetryPolicy};
use chatadmin_core::region::{normalize_wire_path, Region};
use chatadmin_core::{registry, schema, Error, ValidationError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyString};
use serde_json::Value;

use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPyResult;

fn duration(what: &str, secs: f64) -> Result<Duration, Error> {
    Duration::try_from_secs_f64(secs).map_err(|_| {
        Error::config(format!(
            "{what} must be a positive number of seconds, not {secs}"
        ))
    })
}

fn rate_limit(obj: &Bound<'_, PyAny>) -> Result<RateLimit, Error> {
    if let Ok(s) = obj.downcast::<PyString>() {
        let s = s.to_string();
        return match s.to_ascii_lowercase().as_str() {
            "documented" => Ok(RateLimit::Documented),
            "off" | "none" => Ok(RateLimit::Off),
            _ => Err(Error::config(format!(
                "rate_limit must be \"documented\", \"off\" or a number of calls per second, not {s:?}"
            ))),
        };
    }
    if obj.is_none() {
        return Ok(RateLimit::Off);
    }
    if obj.downcast::<PyInt>().is_ok() {
        if let Ok(n) = obj.extract::<u32>() {
            return Ok(RateLimit::PerSecond(n));
        }
    }
    Err(Error::config(
        "rate_limit must be \"documented\", \"off\" or a number of calls per second",
    ))
}

/// What the client talks to, for `repr`.
enum Target {
    Region(String),
    BaseUrl(String),
    Unset,
}

/// The client of one app. Thread-safe: share one across threads.
#[pyclass(module = "chatadmin._chatadmin", name = "Client", subclass, frozen)]
pub(crate) struct PyClient {
    pub(crate) inner: Client,
    sdkappid: u64,
    admin: String,
    target: Target,
}

#[pymethods]
impl PyClient {
    #[new]
    #[pyo3(signature = (
        sdkappid,
        secret_key = None,
        *,
        admin = "administrator".to_owned(),
        region = None,
        base_url = None,
        timeout = 10.0,
        connect_timeout = 5.0,
        total_timeout = 60.0,
        retries = None,
        proxy = None,
        rate_limit = None,
        user_agent = None,
    ),
    text_signature = "(sdkappid, secret_key=None, *, admin='administrator', region=None, base_url=None, timeout=10.0, connect_timeout=5.0, total_timeout=60.0, retries=None, proxy=None, rate_limit='documented', user_agent=None)")]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        sdkappid: u64,
        secret_key: Option<String>,
        admin: String,
        region: Option<String>,
        base_url: Option<String>,
        timeout: f64,
        connect_timeout: f64,
        total_timeout: f64,
        retries: Option<u32>,
        proxy: Option<String>,
        rate_limit: Option<&Bound<'_, PyAny>>,
        user_agent: Option<String>,
    ) -> PyResult<Self> {
        let built = (|| -> Result<Self, Error> {
            let mut b =
                ClientBuilder::new(sdkappid)
                    .admin(admin.clone())
                    .timeout(duration("timeout", timeout)?)
                    .connect_timeout(duration("connect_timeout", connect_timeout)?)
                    .total_timeout(duration("total_timeout", total_timeout)?)
                    // `None`: the one default policy of every surface (RetryPolicy::default()).
                    .retry_policy(match retries {
                        None => RetryPolicy::default(),
                        Some(0) => RetryPolicy::none(),
                        Some(n) => RetryPolicy {
                            max_attempts: n.saturating_add(1),
                            ..RetryPolicy::default()
                        },
                    })
                    .rate_limit(match rate_limit {
                        Some(r) => self::rate_limit(r)?,
                        None => RateLimit::Documented,
                    })
                    .user_agent(user_agent.unwrap_or_else(|| {
                        format!("chatadmin-python/{}", env!("CARGO_PKG_VERSION"))
                    }));
            if let Some(k) = secret_key {
                b = b.secret_key(k);
            }
            let mut target = Target::Unset;
            if let Some(r) = &region {
                let parsed = Region::from_str(r).map_err(|e| Error::config(e.to_string()))?;
                target = Target::Region(parsed.to_string());
                b = b.region(parsed);
            }
            if let Some(u) = &base_url {
                target = Target::BaseUrl(chatadmin_core::region::redact_url(u));
                b = b.base_url(u);
            }
            if let Some(p) = &proxy {
                b = b.proxy(p);
            }
            if let Some(problem) = b.problem() {
                return Err(crate::errors::config_problem(problem));
            }
            Ok(PyClient {
                inner: b.build()?,
                sdkappid,
                admin,
                target,
            })
        })();
        built.py_err(py)
    }

    /// The app's SDKAppID.
    #[getter]
    fn sdkappid(&self) -> u64 {
        self.sdkappid
    }

    /// The admin account the client calls as.
    #[getter]
    fn admin(&self) -> &str {
        &self.admin
    }

    /// Calls any endpoint by wire path with a wire-form body; returns the wire-form response.
    #[pyo3(signature = (wire_path, body = None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        wire_path: &str,
        body: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let path = normalize_wire_path(wire_path.trim()).to_owned();
        let value = match body {
            Some(b) => py_to_json(b, "")
                .map_err(|e| Error::from(e.at(&path)))
                .py_err(py)?,
            None => Value::Object(Default::default()),
        };
        self.execute(py, &path, value)
    }

    /// Calls an endpoint with arguments keyed by snake_case (or wire) names, as the area
    /// methods do.
    #[pyo3(name = "_call_typed")]
    fn call_typed<'py>(
        &self,
        py: Python<'py>,
        wire_path: &str,
        arguments: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let path = normalize_wire_path(wire_path.trim()).to_owned();
        let value = py_to_json(arguments.as_any(), "")
            .map_err(|e: ValidationError| Error::from(e.at(&path)))
            .and_then(|v| schema::to_wire(&path, v))
            .py_err(py)?;
        self.execute(py, &path, value)
    }

    /// One page of a paged read: calls `wire_path` with the snake_case (or wire) `arguments`
    /// and returns `(response, next_arguments)`, where `next_arguments` is the wire body of
    /// the next page as core derives it from the response's cursor, or `None` after the last
    /// page. The iterators of the area classes (`iter_get`) are built on this.
    #[pyo3(name = "_page")]
    fn page<'py>(
        &self,
        py: Python<'py>,
        wire_path: &str,
        arguments: &Bound<'py, PyDict>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let path = normalize_wire_path(wire_path.trim()).to_owned();
        let endpoint = registry::require(&path).py_err(py)?;
        let body = py_to_json(arguments.as_any(), "")
            .map_err(|e: ValidationError| Error::from(e.at(&path)))
            .and_then(|v| schema::to_wire(&path, v))
            .py_err(py)?;
        let client = &self.inner;
        let result = py.allow_threads(|| {
            let resp = client.call_json(&path, body.clone())?;
            let next = endpoint.next_page(body, &resp)?;
            Ok::<_, Error>((resp, next))
        });
        let (resp, next) = result.py_err(py)?;
        let next = match next {
            Some(n) => json_to_py(py, &n)?,
            None => py.None().into_bound(py),
        };
        Ok((json_to_py(py, &resp)?, next))
    }

    /// Shows the app, the admin and where calls go; never the key.
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let me = slf.get();
        let quote = |s: &str| PyString::new(py, s).repr().map(|r| r.to_string());
        let name = slf.get_type().qualname()?;
        let target = match &me.target {
            Target::Region(r) => format!(", region={}", quote(r)?),
            Target::BaseUrl(u) => format!(", base_url={}", quote(u)?),
            Target::Unset => String::new(),
        };
        Ok(format!(
            "{name}(sdkappid={}, admin={}{target})",
            me.sdkappid,
            quote(&me.admin)?
        ))
    }
}

impl PyClient {
    fn execute<'py>(
        &self,
        py: Python<'py>,
        path: &str,
        body: Value,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client = &self.inner;
        let result = py.allow_threads(|| client.call_json(path, body));
        let value = result.py_err(py)?;
        json_to_py(py, &value)
    }
}
