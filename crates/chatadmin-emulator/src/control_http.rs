//! The HTTP control surface under `/__emulator/` for out-of-process tests (C, Python, CLI).
//! Test-only: no UserSig, meant for loopback. See the crate documentation for the routes.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Map, Value};

use crate::server::{json_response, Body};
use crate::shared::{path_key, Shared};
use crate::{Control, Fault, LoginError};

const MAX_BODY: usize = 1024 * 1024;

fn error(status: StatusCode, msg: impl Into<String>) -> Response<Body> {
    json_response(status, &json!({ "error": msg.into() }))
}

fn ok() -> Response<Body> {
    json_response(StatusCode::OK, &json!({ "ok": true }))
}

pub(crate) async fn handle(
    shared: &std::sync::Arc<Shared>,
    req: Request<Incoming>,
) -> Response<Body> {
    let route = req
        .uri()
        .path()
        .trim_start_matches("/__emulator")
        .to_owned();
    let query = req.uri().query().unwrap_or("").to_owned();
    let method = req.method().clone();
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(c) => c.to_bytes(),
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("cannot read the body: {e}"),
            )
        }
    };
    let control = Control {
        shared: std::sync::Arc::clone(shared),
    };
    let bad = |msg: String| (StatusCode::BAD_REQUEST, msg);
    let json_body = || -> Result<Value, (StatusCode, String)> {
        serde_json::from_slice(&body).map_err(|e| bad(format!("the body is not valid JSON: {e}")))
    };
    let result: Result<Response<Body>, (StatusCode, String)> = match (method, route.as_str()) {
        (Method::GET, "/state") => Ok(json_response(StatusCode::OK, &control.state_json())),
        (Method::GET, "/hits") => Ok(hits(shared, &query)),
        (Method::POST, "/reset") => {
            control.reset();
            Ok(ok())
        }
        (Method::POST, "/clear_faults") => {
            control.clear_faults();
            Ok(ok())
        }
        (Method::POST, "/fault") => json_body().and_then(|v| {
            let (path, fault, after, times) = parse_fault(&v).map_err(bad)?;
            control.inject_after(&path, fault, after, times);
            Ok(ok())
        }),
        (Method::POST, "/accounts") => json_body().and_then(|v| {
            for id in string_list(&v, "UserID").map_err(bad)? {
                control.add_account(&id);
            }
            Ok(ok())
        }),
        (Method::POST, "/friends") => json_body().and_then(|v| {
            let (from, to, both) = parse_friends(&v).map_err(bad)?;
            for b in to {
                control.add_friend(&from, &b, both);
            }
            Ok(ok())
        }),
        (Method::POST, "/friend_lists") => json_body().and_then(|v| {
            let (user, lists) = parse_friend_lists(&v).map_err(bad)?;
            control.set_friend_lists_owned(&user, lists);
            Ok(ok())
        }),
        (Method::POST, "/login") => json_body().and_then(|v| {
            let (user, sig, platform) = parse_login(&v).map_err(bad)?;
            Ok(match control.login(&user, &sig, &platform) {
                Ok(()) => ok(),
                Err(e) => login_refused(&e),
            })
        }),
        (Method::POST, "/logout") => json_body().and_then(|v| {
            let user = parse_user(&v).map_err(bad)?;
            let was = control.logout(&user);
            Ok(json_response(
                StatusCode::OK,
                &json!({"ok": true, "was_logged_in": was}),
            ))
        }),
        (Method::POST, "/push_online") => json_body().and_then(|v| {
            let user = parse_user(&v).map_err(bad)?;
            Ok(match control.set_push_online(&user) {
                Ok(()) => ok(),
                Err(e) => login_refused(&e),
            })
        }),
        (Method::GET, "/clock") => Ok(json_response(
            StatusCode::OK,
            &json!({"now": control.now()}),
        )),
        (Method::POST, "/clock") => json_body().and_then(|v| {
            let secs = parse_advance(&v).map_err(bad)?;
            control.advance_clock(secs);
            Ok(json_response(
                StatusCode::OK,
                &json!({"now": control.now()}),
            ))
        }),
        (
            _,
            "/state" | "/hits" | "/reset" | "/clear_faults" | "/fault" | "/accounts" | "/friends"
            | "/friend_lists" | "/login" | "/logout" | "/push_online" | "/clock",
        ) => Err((
            StatusCode::METHOD_NOT_ALLOWED,
            "wrong method for this control route".to_owned(),
        )),
        _ => Err((
            StatusCode::NOT_FOUND,
            format!("no control route {route:?}; see the chatadmin-emulator crate documentation"),
        )),
    };
    result.unwrap_or_else(|(status, msg)| error(status, msg))
}

/// `{"advance": SECONDS}`, a non-negative integer of at most ten years (the clock only moves
/// forward, and far enough for any expiry test).
fn parse_advance(v: &Value) -> Result<u64, String> {
    let o = object(v)?;
    check_keys(o, &["advance"])?;
    const MAX: u64 = 10 * 366 * 86_400;
    match o.get("advance").and_then(Value::as_u64) {
        Some(s) if s <= MAX => Ok(s),
        _ => Err(format!(
            "\"advance\" must be a number of seconds from 0 to {MAX}"
        )),
    }
}

fn hits(shared: &Shared, query: &str) -> Response<Body> {
    let path = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == "path")
        .map(|(_, v)| chatadmin_core::region::percent_decode_component(v));
    match path {
        Some(Ok(p)) => json_response(
            StatusCode::OK,
            &json!({"path": path_key(&p), "hits": shared.hits(&p), "total": shared.total_hits()}),
        ),
        Some(Err(e)) => error(StatusCode::BAD_REQUEST, format!("`path` is malformed: {e}")),
        None => json_response(
            StatusCode::OK,
            &json!({"hits": shared.all_hits(), "total": shared.total_hits()}),
        ),
    }
}

fn object(v: &Value) -> Result<&Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| "the body must be a JSON object".to_owned())
}

fn check_keys(o: &Map<String, Value>, allowed: &[&str]) -> Result<(), String> {
    match o.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("unknown field {k:?}; expected one of {allowed:?}")),
        None => Ok(()),
    }
}

fn string_field(o: &Map<String, Value>, key: &str) -> Result<String, String> {
    o.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| format!("`{key}` (a non-empty string) is required"))
}

/// A string or a list of strings under `key`.
fn string_list(v: &Value, key: &str) -> Result<Vec<String>, String> {
    let o = object(v)?;
    check_keys(o, &[key])?;
    strings_at(o, key)
}

fn strings_at(o: &Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    let err = || format!("`{key}` must be a string or a list of non-empty strings");
    match o.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(err)
            })
            .collect(),
        _ => Err(err()),
    }
}

/// A refused login: HTTP 403 with the reason and its kind; never the UserSig.
fn login_refused(e: &LoginError) -> Response<Body> {
    json_response(
        StatusCode::FORBIDDEN,
        &json!({"error": e.to_string(), "kind": e.kind()}),
    )
}

/// `{"UserID", "UserSig", "Platform"}`.
fn parse_login(v: &Value) -> Result<(String, String, String), String> {
    let o = object(v)?;
    check_keys(o, &["UserID", "UserSig", "Platform"])?;
    Ok((
        string_field(o, "UserID")?,
        string_field(o, "UserSig")?,
        string_field(o, "Platform")?,
    ))
}

/// `{"UserID"}`.
fn parse_user(v: &Value) -> Result<String, String> {
    let o = object(v)?;
    check_keys(o, &["UserID"])?;
    string_field(o, "UserID")
}

fn parse_friends(v: &Value) -> Result<(String, Vec<String>, bool), String> {
    let o = object(v)?;
    check_keys(o, &["From_Account", "To_Account", "BothWays"])?;
    let from = string_field(o, "From_Account")?;
    let to = strings_at(o, "To_Account")?;
    let both = match o.get("BothWays") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("`BothWays` must be true or false".into()),
    };
    Ok((from, to, both))
}

fn parse_friend_lists(v: &Value) -> Result<(String, BTreeMap<String, BTreeSet<String>>), String> {
    let o = object(v)?;
    check_keys(o, &["From_Account", "Lists"])?;
    let user = string_field(o, "From_Account")?;
    let lists = o
        .get("Lists")
        .and_then(Value::as_object)
        .ok_or("`Lists` must be an object of list name to member UserIDs")?;
    let mut out = BTreeMap::new();
    for (name, members) in lists {
        let members = members
            .as_array()
            .and_then(|m| {
                m.iter()
                    .map(|x| x.as_str().map(str::to_owned))
                    .collect::<Option<BTreeSet<_>>>()
            })
            .ok_or_else(|| format!("`Lists.{name}` must be a list of UserIDs"))?;
        out.insert(name.clone(), members);
    }
    Ok((user, out))
}

/// `{"path", "times", "after", <one kind>}`; `times` defaults to 1, `after` to 0.
fn parse_fault(v: &Value) -> Result<(String, Fault, u32, u32), String> {
    let o = object(v)?;
    check_keys(
        o,
        &[
            "path",
            "times",
            "after",
            "error_code",
            "error_info",
            "latency_ms",
            "drop_connection",
            "http_status",
        ],
    )?;
    let path = string_field(o, "path")?;
    let times = match o.get("times") {
        None => 1,
        Some(t) => t
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("`times` must be an integer from 0 to 4294967295")?,
    };
    let after = match o.get("after") {
        None => 0,
        Some(t) => t
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("`after` must be an integer from 0 to 4294967295")?,
    };
    let mut kinds = Vec::new();
    if let Some(c) = o.get("error_code") {
        let code = c.as_i64().ok_or("`error_code` must be an integer")?;
        let info = match o.get("error_info") {
            None => chatadmin_core::codes::meaning(Some(&path), code)
                .unwrap_or("")
                .to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err("`error_info` must be a string".into()),
        };
        kinds.push(Fault::ErrorCode { code, info });
    } else if o.contains_key("error_info") {
        return Err("`error_info` goes with `error_code`".into());
    }
    if let Some(ms) = o.get("latency_ms") {
        let ms = ms
            .as_u64()
            .ok_or("`latency_ms` must be a non-negative integer")?;
        kinds.push(Fault::Latency(Duration::from_millis(ms)));
    }
    match o.get("drop_connection") {
        None | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => kinds.push(Fault::DropConnection),
        Some(_) => return Err("`drop_connection` must be true".into()),
    }
    if let Some(s) = o.get("http_status") {
        let s = s
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..=999).contains(n))
            .ok_or("`http_status` must be an HTTP status code (100 to 999)")?;
        kinds.push(Fault::HttpStatus(s));
    }
    match kinds.len() {
        1 => Ok((path, kinds.remove(0), after, times)),
        0 => Err("give one of `error_code`, `latency_ms`, `drop_connection`, `http_status`".into()),
        _ => Err(
            "give only one of `error_code`, `latency_ms`, `drop_connection`, `http_status`".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_bodies() {
        let (p, f, after, n) =
            parse_fault(&json!({"path": "v4/sns/friend_delete", "error_code": 30006})).unwrap();
        assert_eq!((p.as_str(), after, n), ("v4/sns/friend_delete", 0, 1));
        assert!(matches!(f, Fault::ErrorCode { code: 30006, ref info } if !info.is_empty()));
        let (_, f, after, n) =
            parse_fault(&json!({"path": "a/b", "times": 3, "after": 2, "latency_ms": 20})).unwrap();
        assert_eq!(after, 2);
        assert_eq!((f, n), (Fault::Latency(Duration::from_millis(20)), 3));
        assert!(
            parse_fault(&json!({"path": "a/b", "http_status": 502, "drop_connection": true}))
                .is_err()
        );
        assert!(parse_fault(&json!({"path": "a/b"})).is_err());
        assert!(parse_fault(&json!({"path": "a/b", "http_status": 5})).is_err());
        assert!(parse_fault(&json!({"path": "a/b", "latecy_ms": 5})).is_err());
        assert!(parse_fault(&json!({"path": "a/b", "after": -1, "latency_ms": 5})).is_err());
    }
}
