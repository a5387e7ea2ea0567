//! The hourly message archives (`open_msg_svc/get_history`'s files): download with checks,
//! and a reader yielding each message as a wire-form dict. Translation only: the format, the
//! checks and the download are `chatadmin_core::archive` and `chatadmin_client`'s.

use std::sync::Mutex;

use chatadmin_client::api::operation::{ChatType, HistoryFile};
use chatadmin_client::{read_history_file, HistoryFileReader, HourArchive};
use chatadmin_core::archive::ArchivedMsg;
use chatadmin_core::{Error, ValidationError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde_json::Value;

use crate::client::PyClient;
use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPyResult;

/// A `File` entry of `history_files(...)` (a record, or a dict with wire or snake_case keys)
/// as core's `HistoryFile` (core's rule).
fn history_file(obj: &Bound<'_, PyAny>) -> Result<HistoryFile, Error> {
    chatadmin_core::archive::history_file_from_json(py_to_json(obj, "file")?, "file")
}

enum Source {
    File(Box<HistoryFileReader>),
    Hour(Box<HourArchive>),
}

impl Source {
    fn next(&mut self) -> Option<Result<ArchivedMsg, Error>> {
        match self {
            Source::File(r) => r.next(),
            Source::Hour(r) => r.next(),
        }
    }

    fn header(&self) -> Option<Value> {
        let h = match self {
            Source::File(r) => Some(r.header()),
            Source::Hour(r) => r.header(),
        };
        h.and_then(|h| serde_json::to_value(h).ok())
    }
}

/// An iterator over the messages of an archive, each a wire-form dict (`From_Account`,
/// `To_Account` or `GroupId`, `MsgTimestamp`, `MsgSeq`, `MsgRandom`, `MsgBody`, and any
/// other field the file has). The sizes and MD5s are checked when the end is reached; a
/// mismatch raises `DecodeError` naming the field.
#[pyclass(module = "chatadmin._chatadmin", name = "HistoryReader", frozen)]
pub(crate) struct PyHistoryReader {
    source: Mutex<Source>,
}

fn reader(source: Source) -> PyHistoryReader {
    PyHistoryReader {
        source: Mutex::new(source),
    }
}

#[pymethods]
impl PyHistoryReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let next = py.allow_threads(|| {
            let mut s = self.source.lock().unwrap_or_else(|p| p.into_inner());
            s.next()
        });
        match next {
            None => Ok(None),
            Some(r) => {
                let msg = r.py_err(py)?;
                let v = serde_json::to_value(&msg).unwrap_or(Value::Null);
                json_to_py(py, &v).map(Some)
            }
        }
    }

    /// The file's first line, `{"SdkAppId", "ChatType", "MsgTime"}`; `None` for an hour's
    /// reader before its first file is opened.
    #[getter]
    fn header<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let h = self
            .source
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .header();
        h.map(|h| json_to_py(py, &h)).transpose()
    }
}

/// Downloads one archive file (`file`: an entry of `history_files(...).file`), checking its
/// `GzipSize` and `GzipMD5`: to `path` (returns the size; the file appears only once
/// verified) or, without a path, into memory (returns the bytes).
#[pyfunction]
#[pyo3(signature = (client, file, path = None))]
pub(crate) fn history_download<'py>(
    py: Python<'py>,
    client: &PyClient,
    file: &Bound<'py, PyAny>,
    path: Option<std::path::PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let file = history_file(file).py_err(py)?;
    let c = &client.inner;
    match path {
        Some(p) => {
            let n = py
                .allow_threads(|| c.download_history_to(&file, &p))
                .py_err(py)?;
            Ok(n.into_pyobject(py)?.into_any())
        }
        None => {
            let mut out = Vec::new();
            py.allow_threads(|| c.download_history(&file, &mut out))
                .py_err(py)?;
            Ok(PyBytes::new(py, &out).into_any())
        }
    }
}

/// Reads an hour's archive: `get_history`, then each file streamed and checked.
#[pyfunction]
pub(crate) fn history_read(
    py: Python<'_>,
    client: &PyClient,
    chat_type: &str,
    msg_time: &str,
) -> PyResult<PyHistoryReader> {
    let ct = match chat_type {
        "C2C" => ChatType::C2C,
        "Group" => ChatType::Group,
        other => {
            return Err(Error::from(ValidationError::new(
                "chat_type",
                format!("is {other:?}; must be \"C2C\" or \"Group\""),
            )))
            .py_err(py)
        }
    };
    let c = &client.inner;
    let hour = py
        .allow_threads(|| c.read_history(ct, msg_time))
        .py_err(py)?;
    Ok(reader(Source::Hour(Box::new(hour))))
}

/// Opens a downloaded archive file; with `file` (its `history_files` entry) the four sums are
/// checked at the end.
#[pyfunction]
#[pyo3(signature = (path, file = None))]
pub(crate) fn history_read_file(
    py: Python<'_>,
    path: std::path::PathBuf,
    file: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHistoryReader> {
    let file = file.map(history_file).transpose().py_err(py)?;
    let r = py
        .allow_threads(|| read_history_file(&path, file.as_ref()))
        .py_err(py)?;
    Ok(reader(Source::File(Box::new(r))))
}
