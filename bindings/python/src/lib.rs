//! `chatadmin._chatadmin`, the extension module behind the `chatadmin` Python package.
//!
//! Translation only: every protocol rule (requests, limits, UserSig, errors, the endpoint list
//! and the snake_case names of fields) comes from `chatadmin-core`, every network call from
//! `chatadmin-client`, the in-process emulator and its control operations from
//! `chatadmin-emulator`. This crate converts arguments and results, releases the GIL during
//! I/O, and turns errors into exceptions in one place ([`errors::to_pyerr`]).

mod client;
mod convert;
mod emulator;
mod errors;
mod history;
mod usersig;

use chatadmin_core::{registry, schema};
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;

use crate::convert::json_to_py;

/// Every endpoint core defines, in registry order: its metadata (`path`, `area`, `method`,
/// `summary`, `doc_url`, limits, ...) plus `request`, the traced request schema, and
/// `page_items`, the response's item list of a paged read (else `None`).
#[pyfunction]
fn endpoints(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let items = registry::all()
        .map(|e| {
            let meta = e.meta();
            let mut j = e.to_json();
            if let Value::Object(o) = &mut j {
                o.insert(
                    "request".to_owned(),
                    schema::request_schema(meta.path).map_or(Value::Null, |s| s.to_json()),
                );
            }
            json_to_py(py, &j)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// The snake_case name of a wire name (`To_Account` → `to_account`), core's rule.
#[pyfunction]
fn snake_case(wire: &str) -> String {
    schema::snake_case(wire)
}

#[pymodule]
fn _chatadmin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "USERSIG_DEFAULT_EXPIRE",
        chatadmin_core::usersig::DEFAULT_EXPIRE_SECS,
    )?;
    m.add_class::<client::PyClient>()?;
    m.add_class::<emulator::PyEmulator>()?;
    m.add_function(wrap_pyfunction!(emulator::emulator_control_ops, m)?)?;
    m.add_function(wrap_pyfunction!(endpoints, m)?)?;
    m.add_class::<history::PyHistoryReader>()?;
    m.add_function(wrap_pyfunction!(history::history_download, m)?)?;
    m.add_function(wrap_pyfunction!(history::history_read, m)?)?;
    m.add_function(wrap_pyfunction!(history::history_read_file, m)?)?;
    m.add_function(wrap_pyfunction!(snake_case, m)?)?;
    m.add_function(wrap_pyfunction!(usersig::usersig_generate, m)?)?;
    m.add_function(wrap_pyfunction!(usersig::usersig_verify, m)?)?;
    m.add_function(wrap_pyfunction!(usersig::usersig_inspect, m)?)?;
    m.add_function(wrap_pyfunction!(usersig::usersig_private_map_key, m)?)?;
    Ok(())
}
