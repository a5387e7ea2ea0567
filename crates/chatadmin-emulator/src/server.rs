//! The HTTP side: accept loop, per-request pipeline and the checks the service makes before an
//! endpoint sees the body.
//!
//! Pipeline of an API call (`/v4/...`), in order:
//! 1. count the hit, read the body;
//! 2. an injected fault for the path, if any (before anything else, so an injected error
//!    means the call had no effect);
//! 3. method and query string: POST only; `random` a u32; `contenttype=json` (60002);
//! 4. `sdkappid`: missing 60012, not a positive integer 60006, another app 70020;
//! 5. `identifier` missing 60004; `usersig` missing or empty 70002;
//! 6. the UserSig verified with core's `usersig::verify` against the request's identifier and
//!    the emulated app (70001/70003/70009/70013/70014);
//! 7. `identifier` must be the app admin (60010);
//! 8. the endpoint must be known (60009) and emulated (60009, "not emulated");
//! 9. the per-API rate limit (60007);
//! 10. the body must be JSON (60003), then the endpoint parses it with core's typed request
//!     (the family's invalid-parameter code on a validation error) and applies it.
//!
//! Every answer of steps 3–10 is HTTP 200 with the JSON envelope, as the service does
//! (page.rest_api_overview.md: "The returned HTTP status code for RESTful APIs is always 200
//! unless a network error (such as error 502) occurs").

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use chatadmin_core::region::percent_decode_component;
use chatadmin_core::usersig::{self, Expected, UserSigError, UserbufCheck, VerifyFailure};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::envelope::{self, Failure};
use crate::handlers::Ctx;
use crate::shared::{lock, path_key, Shared};
use crate::{control_http, Fault, RateLimitMode};

/// The largest request body read. The service's own limits are far smaller (message bodies
/// are limited to a few KB); this only bounds memory.
const MAX_BODY: usize = 8 * 1024 * 1024;

pub(crate) type Body = Full<Bytes>;

/// Returned by the service function to make hyper close the connection without answering
/// ([`Fault::DropConnection`]).
#[derive(Debug)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DropConnection {}

/// Accepts connections until `stop` is notified.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>, stop: Arc<Notify>) {
    loop {
        let accepted = tokio::select! {
            _ = stop.notified() => return,
            r = listener.accept() => r,
        };
        match accepted {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    let svc = service_fn(move |req| handle(Arc::clone(&shared), req));
                    // Errors here are the client going away or an injected drop: nothing to do.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
            // Out of file descriptors and the like: back off briefly instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    }
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Body>, DropConnection> {
    let path = req.uri().path().to_owned();
    if path == "/__emulator" || path.starts_with("/__emulator/") {
        return Ok(control_http::handle(&shared, req).await);
    }
    let key = path_key(&path);
    shared.count_hit(&key);
    let method = req.method().clone();
    let query = req.uri().query().unwrap_or("").to_owned();
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            let v = envelope::fail(
                &key,
                envelope::HTTP_PARSE_ERROR,
                format!("cannot read the request body: {e}"),
            );
            return Ok(json_response(StatusCode::OK, &v));
        }
    };
    if let Some(fault) = shared.take_fault(&key) {
        match fault {
            Fault::ErrorCode { code, info } => {
                return Ok(json_response(
                    StatusCode::OK,
                    &envelope::fail(&key, code, info),
                ))
            }
            Fault::Latency(d) => {
                // In a task of its own, so the call takes effect after the delay even when the
                // client gives up and hyper drops this future: like a slow service, a timeout
                // leaves the outcome unknown to the client, not undone.
                let task = tokio::spawn(async move {
                    tokio::time::sleep(d).await;
                    call(&shared, &method, &path, &query, &body)
                });
                let v = task.await.unwrap_or_else(|e| {
                    envelope::fail(&key, 60008, format!("the emulator is shutting down: {e}"))
                });
                return Ok(json_response(StatusCode::OK, &v));
            }
            Fault::DropConnection => return Err(DropConnection),
            Fault::DropAfterEffect => {
                // The answer is computed (the state changes) and thrown away.
                let _ = call(&shared, &method, &path, &query, &body);
                return Err(DropConnection);
            }
            Fault::HttpStatus(s) => return Ok(gateway_page(s)),
        }
    }
    let v = call(&shared, &method, &path, &query, &body);
    Ok(json_response(StatusCode::OK, &v))
}

/// A JSON response.
pub(crate) fn json_response(status: StatusCode, v: &Value) -> Response<Body> {
    let bytes = serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec());
    let mut resp = Response::new(Full::new(Bytes::from(bytes)));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// What a gateway in front of the service sends for a 5xx: an HTML page, not the envelope.
fn gateway_page(status: u16) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let reason = status.canonical_reason().unwrap_or("Error");
    let code = status.as_u16();
    let html = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    let mut resp = Response::new(Full::new(Bytes::from(html)));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
    resp
}

/// Steps 3–10 of the pipeline: the answer to one API call, as an envelope.
pub(crate) fn call(
    shared: &Shared,
    method: &Method,
    path: &str,
    query: &str,
    body: &[u8],
) -> Value {
    match call_inner(shared, method, path, query, body) {
        Ok(v) => v,
        Err(f) => envelope::fail(&path_key(path), f.code, f.info),
    }
}

/// The query parameters every call carries (page.rest_api_overview.md, "Request URL").
const COMMON_PARAMS: [&str; 5] = ["sdkappid", "identifier", "usersig", "random", "contenttype"];

fn parse_query(query: &str) -> Result<HashMap<String, String>, Failure> {
    let bad = |what: String| Failure::new(envelope::HTTP_PARSE_ERROR, what);
    let mut params = HashMap::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        // The decode errors carry byte offsets only, never the text (it may be a UserSig).
        let k = percent_decode_component(k)
            .map_err(|e| bad(format!("a query parameter name is malformed: {e}")))?;
        let v = percent_decode_component(v)
            .map_err(|e| bad(format!("query parameter `{k}` is malformed: {e}")))?;
        if params.insert(k.clone(), v).is_some() && COMMON_PARAMS.contains(&k.as_str()) {
            return Err(bad(format!(
                "query parameter `{k}` is given more than once"
            )));
        }
    }
    Ok(params)
}

fn usersig_failure(e: &UserSigError) -> Failure {
    let code = match e.failure() {
        VerifyFailure::Expired => envelope::USERSIG_EXPIRED,
        VerifyFailure::Malformed => envelope::USERSIG_INVALID,
        VerifyFailure::SignatureMismatch => envelope::USERSIG_VERIFY_FAILED,
        VerifyFailure::IdentifierMismatch => envelope::USERSIG_IDENTIFIER_MISMATCH,
        VerifyFailure::SdkAppIdMismatch => envelope::USERSIG_SDKAPPID_MISMATCH,
        // A userbuf is accepted (`UserbufCheck::Any`), and the key is never empty (checked at
        // start); both are kept as "verification failed" should that ever change.
        VerifyFailure::UserbufMismatch | VerifyFailure::InvalidInput => {
            envelope::USERSIG_VERIFY_FAILED
        }
    };
    // UserSigError's text never contains the key, the UserSig or TLS.sig (core's contract).
    Failure::new(code, format!("UserSig check failed: {e}"))
}

fn call_inner(
    shared: &Shared,
    method: &Method,
    path: &str,
    query: &str,
    body: &[u8],
) -> Result<Value, Failure> {
    if method != Method::POST {
        return Err(Failure::new(
            envelope::HTTP_PARSE_ERROR,
            format!("the REST API is called with POST, not {method}"),
        ));
    }
    let params = parse_query(query)?;
    let get = |k: &str| params.get(k).map(String::as_str);

    match get("random") {
        Some(r) if r.parse::<u32>().is_ok() => {}
        Some(_) => {
            return Err(Failure::new(
                envelope::HTTP_PARSE_ERROR,
                "query parameter `random` must be a 32-bit unsigned integer (0..4294967295)",
            ))
        }
        None => {
            return Err(Failure::new(
                envelope::HTTP_PARSE_ERROR,
                "query parameter `random` is missing (a random 32-bit unsigned integer)",
            ))
        }
    }
    if get("contenttype") != Some("json") {
        return Err(Failure::new(
            envelope::HTTP_PARSE_ERROR,
            "query parameter `contenttype` must be `json`",
        ));
    }

    let sdkappid = match get("sdkappid") {
        None | Some("") => {
            return Err(Failure::new(
                envelope::SDKAPPID_MISSING,
                "query parameter `sdkappid` is missing",
            ))
        }
        Some(s) => match s.parse::<u64>() {
            Ok(n) if n > 0 => n,
            _ => {
                return Err(Failure::new(
                    envelope::INVALID_SDKAPPID,
                    format!("query parameter `sdkappid` is not a valid SDKAppID: {s:?}"),
                ))
            }
        },
    };
    if sdkappid != shared.sdkappid {
        return Err(Failure::new(
            envelope::SDKAPPID_NOT_FOUND,
            format!(
                "SDKAppID {sdkappid} not found (this emulator serves SDKAppID {})",
                shared.sdkappid
            ),
        ));
    }
    let identifier = match get("identifier") {
        Some(i) if !i.is_empty() => i,
        _ => {
            return Err(Failure::new(
                envelope::ACCOUNT_OR_SIG_ERROR,
                "query parameter `identifier` is missing (the app admin account)",
            ))
        }
    };
    let sig = match get("usersig") {
        Some(s) if !s.trim().is_empty() => s,
        _ => {
            return Err(Failure::new(
                envelope::USERSIG_EMPTY,
                "query parameter `usersig` is missing or empty",
            ))
        }
    };
    let expected = Expected {
        sdkappid: shared.sdkappid,
        identifier,
        now: shared.now(),
        userbuf: UserbufCheck::Any,
    };
    usersig::verify(&shared.key, sig, &expected).map_err(|e| usersig_failure(&e))?;
    if identifier != shared.admin {
        return Err(Failure::new(
            envelope::NEEDS_ADMIN,
            format!(
                "identifier {identifier:?} is not an app admin; REST calls must be made as the admin account"
            ),
        ));
    }

    let wire = path.strip_prefix("/v4/").unwrap_or("");
    let route = shared.routes.get(wire).ok_or_else(|| {
        Failure::new(
            envelope::BAD_RESOURCE,
            format!("no such REST API: {path:?} (expected /v4/<service>/<command>; path segments are case-sensitive)"),
        )
    })?;
    let handler = route.handler.ok_or_else(|| {
        Failure::new(
            envelope::BAD_RESOURCE,
            format!(
                "v4/{} is defined by chatadmin-core but not emulated by chatadmin-emulator yet",
                route.path
            ),
        )
    })?;

    if shared.rate_limit == RateLimitMode::Documented {
        let per_sec = route.meta.rate_limit_per_sec;
        if !lock(&shared.limiter).allow(route.path, per_sec, Instant::now()) {
            return Err(Failure::new(
                envelope::RATE_LIMITED,
                format!(
                    "REST call rate limit exceeded: v4/{} allows {per_sec} calls per second",
                    route.path
                ),
            ));
        }
    }

    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::new(
            envelope::JSON_PARSE_ERROR,
            "the request body is empty; send {} when there are no fields",
        ));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        Failure::new(
            envelope::JSON_PARSE_ERROR,
            format!("the request body is not valid JSON: {e}"),
        )
    })?;
    let ctx = Ctx {
        path: route.path,
        now: shared.now(),
        rate_limited: shared.rate_limit == RateLimitMode::Documented,
    };
    Ok(handler(&shared.state, &ctx, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parsing_rejects_repeats_and_bad_escapes() {
        assert!(parse_query("sdkappid=1&sdkappid=2").is_err());
        assert!(parse_query("usersig=%zz").is_err());
        let p = parse_query("identifier=%E7%AE%A1&x&nettype=1&nettype=2").unwrap();
        assert_eq!(p["identifier"], "管");
        assert_eq!(p["x"], "");
    }
}
