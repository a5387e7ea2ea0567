//! `chatadmin._chatadmin.Emulator`: the offline emulator (`chatadmin-emulator`) running on
//! background threads of the Python process, behind `chatadmin.testing.Emulator`. Its control
//! requests go to `Control::apply`, the dispatcher the emulator's HTTP routes and the C
//! library also use; this file only converts arguments and answers.

use std::net::SocketAddr;
use std::sync::Mutex;

use chatadmin_core::Error;
use chatadmin_emulator::{Control, Emulator, EmulatorConfig, RateLimitMode, CONTROL_OPS};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPyResult;

/// A running emulator; `close()` stops it, and so does garbage collection (dropping the
/// `Emulator` inside joins its threads).
#[pyclass(module = "chatadmin._chatadmin", name = "Emulator", frozen)]
pub(crate) struct PyEmulator {
    /// `None` once closed.
    inner: Mutex<Option<Emulator>>,
    base_url: String,
    sdkappid: u64,
    admin: String,
}

impl PyEmulator {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Emulator>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A handle on the control surface, or `None` once closed.
    fn control_handle(&self) -> Option<Control> {
        self.lock().as_ref().map(|e| e.control().clone())
    }
}

#[pymethods]
impl PyEmulator {
    /// Starts an emulator of the app `sdkappid` whose UserSigs are signed with `key`, and
    /// returns once it listens (on `listen`, by default a free port of 127.0.0.1). Raises
    /// `chatadmin.ConfigError` for a bad option or an address it cannot listen on.
    #[new]
    #[pyo3(signature = (sdkappid, key, *, admin = "administrator".to_owned(), rate_limit = "documented", listen = "127.0.0.1:0"))]
    fn new(
        py: Python<'_>,
        sdkappid: u64,
        key: String,
        admin: String,
        rate_limit: &str,
        listen: &str,
    ) -> PyResult<Self> {
        let config = (|| -> Result<EmulatorConfig, Error> {
            let mut c = EmulatorConfig::new(sdkappid, key);
            c.admin = admin.clone();
            c.rate_limit = rate_limit.parse::<RateLimitMode>().map_err(Error::config)?;
            c.listen = listen.parse::<SocketAddr>().map_err(|_| {
                Error::config(format!(
                    "listen must be an IP address and port such as \"127.0.0.1:0\", not {listen:?}"
                ))
            })?;
            Ok(c)
        })()
        .py_err(py)?;
        let emu = py
            .allow_threads(|| Emulator::start(config))
            .map_err(|e| Error::config(format!("the emulator did not start: {e}")))
            .py_err(py)?;
        Ok(PyEmulator {
            base_url: emu.base_url(),
            sdkappid,
            admin,
            inner: Mutex::new(Some(emu)),
        })
    }

    /// `http://127.0.0.1:PORT`, where the emulator listens (or listened, once closed).
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The emulated app's SDKAppID.
    #[getter]
    fn sdkappid(&self) -> u64 {
        self.sdkappid
    }

    /// The app admin account.
    #[getter]
    fn admin(&self) -> &str {
        &self.admin
    }

    /// Whether it is running (not closed).
    #[getter]
    fn running(&self) -> bool {
        self.lock().is_some()
    }

    /// Applies the control operation `op` with the fields `args` (a mapping; see
    /// `control_ops()`), and returns `(status, answer)`: 200 and the operation's answer, or
    /// the status the emulator's HTTP control routes give the same refusal (400, 403, 404)
    /// and `{"error": ..., "kind"?: ...}`. Raises `RuntimeError` once closed.
    #[pyo3(signature = (op, args = None))]
    fn control<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        args: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<(u16, Bound<'py, PyAny>)> {
        let args = match args {
            Some(a) => py_to_json(a, "").map_err(Error::from).py_err(py)?,
            None => serde_json::Value::Null,
        };
        let control = self
            .control_handle()
            .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("the emulator is closed"))?;
        // Control operations take locks the server threads also take: never hold the GIL.
        let (status, answer) = py.allow_threads(|| match control.apply(op, &args) {
            Ok(v) => (200, v),
            Err(e) => (e.status(), e.to_json()),
        });
        Ok((status, json_to_py(py, &answer)?))
    }

    /// Stops the emulator (at most a fraction of a second); calling it again does nothing.
    fn close(&self, py: Python<'_>) {
        let emu = self.lock().take();
        if let Some(e) = emu {
            py.allow_threads(|| e.shutdown());
        }
    }

    fn __repr__(&self) -> String {
        let state = if self.running() {
            self.base_url.as_str()
        } else {
            "closed"
        };
        format!(
            "Emulator(sdkappid={}, admin={:?}, {state})",
            self.sdkappid, self.admin
        )
    }
}

/// The emulator's control operations: `[{"name", "read_only", "route", "summary"}]`, in the
/// order the documentation lists them (`read_only` ones are `GET` routes over HTTP).
#[pyfunction]
pub(crate) fn emulator_control_ops(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let items = CONTROL_OPS
        .iter()
        .map(|o| {
            let d = PyDict::new(py);
            d.set_item("name", o.name)?;
            d.set_item("read_only", o.read_only)?;
            d.set_item("route", o.route)?;
            d.set_item("summary", o.summary)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}
