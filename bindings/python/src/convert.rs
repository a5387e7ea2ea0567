//! Python objects ↔ JSON values. Pure translation: which fields exist and what they mean is
//! core's business (the typed requests and `chatadmin_core::schema`).

use chatadmin_core::ValidationError;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused rather than risking the stack (requests nest a few
/// levels at most).
const MAX_DEPTH: usize = 64;

fn unsupported(path: &str, what: String) -> ValidationError {
    ValidationError::new(path, what)
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A Python value as JSON: `None`, `bool`, `int` (up to 64 bits), `float` (finite), `str`,
/// mappings with `str` keys, and lists, tuples or other iterables. Anything else is a
/// validation error naming the path (`To_Account[2]`).
pub(crate) fn py_to_json(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, ValidationError> {
    to_json(obj, path, 0)
}

fn to_json(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Value, ValidationError> {
    if depth > MAX_DEPTH {
        return Err(unsupported(
            path,
            format!("is nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.downcast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(unsupported(
            path,
            "is an integer that does not fit in 64 bits".to_owned(),
        ));
    }
    if let Ok(f) = obj.downcast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| {
                unsupported(path, format!("is {}, which JSON cannot carry", f.value()))
            });
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|_| unsupported(path, "is not valid UTF-8 text".to_owned()));
    }
    if let Ok(d) = obj.downcast::<PyDict>() {
        let mut out = Map::new();
        for (k, v) in d.iter() {
            let key = key_str(&k, path)?;
            let value = to_json(&v, &child(path, &key), depth + 1)?;
            out.insert(key, value);
        }
        return Ok(Value::Object(out));
    }
    if obj.downcast::<PyBytes>().is_ok() || obj.downcast::<PyByteArray>().is_ok() {
        return Err(unsupported(
            path,
            "is bytes; JSON carries text: decode it to str first".to_owned(),
        ));
    }
    if let Ok(m) = obj.downcast::<PyMapping>() {
        let mut out = Map::new();
        let items = m
            .items()
            .map_err(|e| unsupported(path, format!("could not be read as a mapping: {e}")))?;
        for item in items.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item
                .extract()
                .map_err(|e| unsupported(path, format!("could not be read as a mapping: {e}")))?;
            let key = key_str(&k, path)?;
            let value = to_json(&v, &child(path, &key), depth + 1)?;
            out.insert(key, value);
        }
        return Ok(Value::Object(out));
    }
    if let Ok(l) = obj.downcast::<PyList>() {
        return seq(l.iter(), path, depth);
    }
    if let Ok(t) = obj.downcast::<PyTuple>() {
        return seq(t.iter(), path, depth);
    }
    if let Ok(it) = obj.try_iter() {
        let items: Vec<Bound<'_, PyAny>> = it
            .collect::<PyResult<_>>()
            .map_err(|e| unsupported(path, format!("could not be iterated: {e}")))?;
        return seq(items.into_iter(), path, depth);
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned());
    Err(unsupported(
        path,
        format!("is a {type_name}, which cannot be sent as JSON"),
    ))
}

fn key_str(k: &Bound<'_, PyAny>, path: &str) -> Result<String, ValidationError> {
    match k.downcast::<PyString>() {
        Ok(s) => s
            .to_cow()
            .map(|s| s.into_owned())
            .map_err(|_| unsupported(path, "has a key that is not valid UTF-8".to_owned())),
        Err(_) => Err(unsupported(
            path,
            "has a key that is not a str; object keys are field names".to_owned(),
        )),
    }
}

fn seq<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    path: &str,
    depth: usize,
) -> Result<Value, ValidationError> {
    items
        .enumerate()
        .map(|(i, v)| to_json(&v, &format!("{path}[{i}]"), depth + 1))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// A JSON value as Python: objects become `dict` (in order), arrays `list`, integers `int`.
pub(crate) fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}
