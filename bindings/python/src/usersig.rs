//! `chatadmin.usersig`: thin wrappers over `chatadmin_core::usersig`.

use std::time::{SystemTime, UNIX_EPOCH};

use chatadmin_core::usersig::{self, Expected, Room, Signer, UserbufCheck, ZlibLevel};
use chatadmin_core::{Error, SecretKey, ValidationError};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::convert::json_to_py;
use crate::errors::IntoPyResult;

fn now_or_clock(now: Option<u64>) -> u64 {
    now.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    })
}

/// `bytes`, `bytearray` or `str` (as UTF-8) as bytes.
fn bytes_arg(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.downcast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.downcast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be bytes or str, not {}",
        obj.get_type().name()?
    )))
}

/// The zlib level argument: 6 (zlib's default, what the official libraries emit and the
/// documented vectors pin) or 0 (stored blocks, as the official Go library emits; several
/// times faster). Both are accepted by the service and every verifier.
fn zlib_level(level: u32) -> PyResult<ZlibLevel> {
    match level {
        0 => Ok(ZlibLevel::Stored),
        6 => Ok(ZlibLevel::Default),
        n => Err(PyValueError::new_err(format!(
            "zlib_level must be 0 (stored) or 6 (zlib default), not {n}"
        ))),
    }
}

/// Generates a UserSig (TLSSigAPIv2) for `identifier`, valid `expire` seconds from `now`
/// (Unix seconds; the current time when `None`), binding `userbuf` when given, with a zlib
/// layer of `zlib_level` (6 or 0).
#[pyfunction]
#[pyo3(signature = (sdkappid, key, identifier, expire = usersig::DEFAULT_EXPIRE_SECS, *, now = None, userbuf = None, zlib_level = 6))]
pub(crate) fn usersig_generate(
    sdkappid: u64,
    key: &str,
    identifier: &str,
    expire: u64,
    now: Option<u64>,
    userbuf: Option<&Bound<'_, PyAny>>,
    zlib_level: u32,
) -> PyResult<String> {
    let level = self::zlib_level(zlib_level)?;
    let buf = userbuf.map(|b| bytes_arg("userbuf", b)).transpose()?;
    let key = SecretKey::new(key);
    let now = now_or_clock(now);
    let signer = Signer::new(&key, sdkappid).with_zlib_level(level);
    // A few microseconds of computation: holding the GIL costs less than releasing it.
    let sig = match &buf {
        None => signer.generate(identifier, expire, now),
        Some(b) => signer.generate_with_userbuf(identifier, expire, now, b),
    };
    Ok(sig.into_string())
}

/// Verifies a UserSig; returns the decoded document (a dict of the `TLS.*` fields).
#[pyfunction]
#[pyo3(signature = (sdkappid, key, identifier, sig, *, now = None, userbuf = None))]
pub(crate) fn usersig_verify<'py>(
    py: Python<'py>,
    sdkappid: u64,
    key: &str,
    identifier: &str,
    sig: &str,
    now: Option<u64>,
    userbuf: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let key = SecretKey::new(key);
    let buf = userbuf.map(|b| bytes_arg("userbuf", b)).transpose()?;
    let expected = Expected {
        sdkappid,
        identifier,
        now: now_or_clock(now),
        userbuf: match &buf {
            None => UserbufCheck::Absent,
            Some(b) => UserbufCheck::Exact(b),
        },
    };
    let decoded = usersig::verify(&key, sig, &expected)
        .map_err(Error::from)
        .py_err(py)?;
    json_to_py(py, &decoded.to_json())
}

/// Decodes a UserSig without verifying it.
#[pyfunction]
pub(crate) fn usersig_inspect<'py>(py: Python<'py>, sig: &str) -> PyResult<Bound<'py, PyAny>> {
    let decoded = usersig::inspect(sig).map_err(Error::from).py_err(py)?;
    json_to_py(py, &decoded.to_json())
}

/// Generates a PrivateMapKey for a numeric (`room_id`) or string (`room_str`) TRTC room.
#[pyfunction]
#[pyo3(signature = (sdkappid, key, identifier, *, room_id = None, room_str = None, privileges = usersig::PRIV_ALL, expire = usersig::DEFAULT_EXPIRE_SECS, now = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn usersig_private_map_key(
    py: Python<'_>,
    sdkappid: u64,
    key: &str,
    identifier: &str,
    room_id: Option<u32>,
    room_str: Option<String>,
    privileges: u32,
    expire: u64,
    now: Option<u64>,
) -> PyResult<String> {
    let room = match (room_id, room_str) {
        (Some(n), None) => Room::Numeric(n),
        (None, Some(s)) => Room::Str(s),
        (a, _) => {
            let what = if a.is_some() { "both" } else { "neither" };
            return Err(Error::from(ValidationError::new(
                "room_id",
                format!("give exactly one of room_id (a numeric room) or room_str (a string room), not {what}"),
            )))
            .py_err(py);
        }
    };
    let sig = usersig::private_map_key(
        &SecretKey::new(key),
        sdkappid,
        identifier,
        &room,
        privileges,
        expire,
        now_or_clock(now),
    )
    .map_err(Error::from)
    .py_err(py)?;
    Ok(sig.into_string())
}
