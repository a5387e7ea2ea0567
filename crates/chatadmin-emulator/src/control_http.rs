//! The HTTP control surface under `/__emulator/` for out-of-process tests (the binary, the
//! CLI's `chatadmin emulator`). Test-only: no UserSig, meant for loopback. Each route is one
//! operation of [`CONTROL_OPS`](crate::CONTROL_OPS), applied by [`Control::apply`] — the same
//! dispatcher the Python extension and the C library call in-process — so this file only maps
//! a request to an operation and its answer to a response.

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Map, Value};

use crate::control::ControlError;
use crate::server::{json_response, Body};
use crate::shared::{lock, Shared};
use crate::state::archives::{self, Download};
use crate::{Control, CONTROL_OPS};
use bytes::Bytes;
use hyper::header::{HeaderValue, CONTENT_TYPE};

const MAX_BODY: usize = 1024 * 1024;

pub(crate) async fn handle(
    shared: &std::sync::Arc<Shared>,
    req: Request<Incoming>,
) -> Response<Body> {
    let route = req
        .uri()
        .path()
        .trim_start_matches("/__emulator")
        .trim_start_matches('/')
        .to_owned();
    if let Some(name) = route.strip_prefix(archives::ROUTE) {
        return download(shared, req.method(), name);
    }
    let query = req.uri().query().unwrap_or("").to_owned();
    let method = req.method().clone();
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(c) => c.to_bytes(),
        Err(e) => {
            return error(&ControlError::bad_request(format!(
                "cannot read the body: {e}"
            )))
        }
    };
    let control = Control {
        shared: std::sync::Arc::clone(shared),
    };
    let answer = route_to_op(&method, &route).and_then(|(op, read_only)| {
        let args = if read_only {
            query_args(&query)?
        } else if body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(&body).map_err(|e| {
                ControlError::bad_request(format!("the body is not valid JSON: {e}"))
            })?
        };
        control.apply(op, &args)
    });
    match answer {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(e) => error(&e),
    }
}

/// `GET /__emulator/history/<name>.gz`: a file `open_msg_svc/get_history` named, as the
/// service's download host serves it (no UserSig; 403 once the address expired, 404 for a
/// name never given out).
fn download(shared: &Shared, method: &Method, name: &str) -> Response<Body> {
    if *method != Method::GET && *method != Method::HEAD {
        return error(&ControlError::with_status(
            405,
            "archive files are downloaded with GET",
        ));
    }
    let now = shared.now();
    let answer = lock(&shared.state).archives.download(name, now);
    match answer {
        Download::File(bytes) => {
            let mut resp = Response::new(Body::new(Bytes::from(bytes)));
            resp.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            );
            resp
        }
        Download::Expired => error(&ControlError::with_status(
            403,
            "the download address expired; ask get_history for a new one",
        )),
        Download::NotFound => error(&ControlError::with_status(
            404,
            format!("no archive file {name:?}"),
        )),
    }
}

fn error(e: &ControlError) -> Response<Body> {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(status, &e.to_json())
}

/// The operation a method and route name, with whether it reads (its arguments then come
/// from the query string).
fn route_to_op(method: &Method, route: &str) -> Result<(&'static str, bool), ControlError> {
    let mut known = false;
    for op in CONTROL_OPS.iter().filter(|o| o.route == route) {
        known = true;
        let wanted = if op.read_only {
            Method::GET
        } else {
            Method::POST
        };
        if *method == wanted {
            return Ok((op.name, op.read_only));
        }
    }
    Err(if known {
        ControlError::with_status(405, "wrong method for this control route")
    } else {
        ControlError::with_status(
            404,
            format!("no control route {route:?}; see the chatadmin-emulator crate documentation"),
        )
    })
}

/// `a=1&b=x%2Fy` as `{"a": "1", "b": "x/y"}` (values are strings; the operation checks them).
fn query_args(query: &str) -> Result<Value, ControlError> {
    let mut o = Map::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = chatadmin_core::region::percent_decode_component(v)
            .map_err(|e| ControlError::bad_request(format!("`{k}` is malformed: {e}")))?;
        o.insert(k.to_owned(), json!(v));
    }
    Ok(Value::Object(o))
}
