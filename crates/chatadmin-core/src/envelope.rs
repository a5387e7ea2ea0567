//! The response envelope shared by every endpoint, and the one place responses are decoded.
//!
//! Success is `ErrorCode == 0`: `ActionStatus` is missing from several documented responses
//! and `ErrorInfo` can be `""`, `"OK"` or even `"0"` on success, so neither is trusted.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ApiError, DecodeError, Error};
use crate::lenient;

/// The status fields every response carries. Embedded (flattened) in every typed response;
/// fields absent from a response stay absent when it is encoded again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseStatus {
    /// `"OK"` or `"FAIL"`; not always sent.
    #[serde(
        rename = "ActionStatus",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub action_status: Option<String>,
    /// `0` on success.
    #[serde(
        rename = "ErrorCode",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_i64"
    )]
    pub error_code: Option<i64>,
    /// Error text; may be `""`, `"OK"` or `"0"` on success.
    #[serde(
        rename = "ErrorInfo",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub error_info: Option<String>,
    /// Text meant for end users (`sns/*`, `profile/*`).
    #[serde(
        rename = "ErrorDisplay",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub error_display: Option<String>,
    /// The service's request id, when it sends one.
    #[serde(
        rename = "RequestId",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub request_id: Option<String>,
}

impl ResponseStatus {
    /// A success status as the service writes it.
    pub fn ok() -> Self {
        ResponseStatus {
            action_status: Some("OK".into()),
            error_code: Some(0),
            error_info: Some(String::new()),
            ..Default::default()
        }
    }

    /// A failure status as the service writes it.
    pub fn fail(code: i64, info: impl Into<String>) -> Self {
        ResponseStatus {
            action_status: Some("FAIL".into()),
            error_code: Some(code),
            error_info: Some(info.into()),
            ..Default::default()
        }
    }

    /// The error code, 0 when the call succeeded.
    pub fn code(&self) -> i64 {
        self.error_code.unwrap_or(0)
    }
}

/// Reads the status of a response body without decoding the rest.
pub fn read_status(endpoint: &str, body: &Value) -> Result<ResponseStatus, Error> {
    let obj = body.as_object().ok_or_else(|| {
        DecodeError::new(
            Some(endpoint),
            format!("expected a JSON object, got {}", json_kind(body)),
        )
    })?;
    let mut picked = serde_json::Map::new();
    for k in [
        "ActionStatus",
        "ErrorCode",
        "ErrorInfo",
        "ErrorDisplay",
        "RequestId",
    ] {
        if let Some(v) = obj.get(k) {
            picked.insert(k.to_owned(), v.clone());
        }
    }
    let status: ResponseStatus = serde_json::from_value(Value::Object(picked))
        .map_err(|e| DecodeError::new(Some(endpoint), format!("bad status fields: {e}")))?;
    if status.error_code.is_none() {
        // A body with neither ErrorCode nor a clear "OK" is not a service answer we understand.
        match status.action_status.as_deref() {
            Some("OK") => {}
            _ => return Err(DecodeError::new(Some(endpoint), "response has no ErrorCode").into()),
        }
    }
    Ok(status)
}

/// Decodes a response body: JSON, then the status (a non-zero `ErrorCode` is an
/// [`ApiError`] carrying the whole body), then the typed response.
pub fn decode_response<T: DeserializeOwned>(endpoint: &str, body: &[u8]) -> Result<T, Error> {
    let value = parse_json_body(endpoint, body)?;
    decode_value(endpoint, value)
}

/// Like [`decode_response`], from an already parsed body.
pub fn decode_value<T: DeserializeOwned>(endpoint: &str, value: Value) -> Result<T, Error> {
    let status = read_status(endpoint, &value)?;
    if status.code() != 0 {
        return Err(ApiError::new(endpoint, status, value).into());
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        DecodeError::new(Some(endpoint), format!("at `{path}`: {}", e.into_inner())).into()
    })
}

/// Parses a response body as JSON, with a short, safe excerpt of the body in the error.
pub fn parse_json_body(endpoint: &str, body: &[u8]) -> Result<Value, Error> {
    serde_json::from_slice(body).map_err(|e| {
        DecodeError::new(
            Some(endpoint),
            format!("not JSON ({e}); body starts with {:?}", excerpt(body)),
        )
        .into()
    })
}

fn excerpt(body: &[u8]) -> String {
    let s = String::from_utf8_lossy(&body[..body.len().min(80)]);
    s.into_owned()
}

/// What kind of JSON value `v` is, for messages (`a string`, `an array`, ...).
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Empty {
        #[serde(flatten)]
        status: ResponseStatus,
    }

    fn dec(s: &str) -> Result<Empty, Error> {
        decode_response("x/y", s.as_bytes())
    }

    #[test]
    fn success_is_decided_by_error_code_only() {
        assert_eq!(
            dec(r#"{"ErrorCode":0,"ErrorInfo":"0"}"#)
                .unwrap()
                .status
                .code(),
            0
        );
        assert!(dec(r#"{"ErrorCode":"0","ErrorInfo":"OK"}"#).is_ok());
        assert!(dec(r#"{"ActionStatus":"OK"}"#).is_ok());
        let e = dec(r#"{"ActionStatus":"OK","ErrorCode":30003,"ErrorInfo":"no such account"}"#)
            .unwrap_err();
        assert_eq!(e.code(), Some(30003));
    }

    #[test]
    fn malformed_bodies_are_decode_errors() {
        for body in [
            "",
            "<html>502</html>",
            "[]",
            "{\"ActionStatus\":\"FAIL\"}",
            "{\"ErrorCode\":\"x\"}",
        ] {
            let e = dec(body).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Decode, "{body}: {e}");
        }
    }
}
