//! Tests derived from the declarations: for every endpoint of the registry,
//!
//! - each documented sample (`tests/samples/<area>/<command>.<case>.{request,response}.json`)
//!   round-trips byte for byte, every endpoint has at least one of each, and no sample names
//!   an endpoint that does not exist;
//! - each declared limit holds at its bound and fails one past it, naming the field's path
//!   (a split field instead splits, in order, into parts that each fit);
//! - split calls merge their answers in order.
//!
//! Hand-written tests (`api_*.rs`) keep the semantics no declaration states.

mod common;

use std::collections::BTreeMap;

use chatadmin_core::registry::{self, DynEndpoint};
use chatadmin_core::validate::{Limit, LimitKind};
use chatadmin_core::{Error, ErrorKind};
use serde_json::{json, Value};

fn samples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/samples")
}

/// `(area, command) -> [(case, kind, path)]`.
type Samples = BTreeMap<(String, String), Vec<(String, String, std::path::PathBuf)>>;

/// Every sample file, by endpoint.
fn samples() -> Samples {
    let mut out: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for area in std::fs::read_dir(samples_dir()).unwrap() {
        let area = area.unwrap();
        let area_name = area.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(area.path()).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let parts: Vec<&str> = name.split('.').collect();
            assert_eq!(
                parts.len(),
                4,
                "{area_name}/{name}: samples are named <command>.<case>.<request|response>.json"
            );
            assert!(
                matches!(parts[2], "request" | "response") && parts[3] == "json",
                "{area_name}/{name}"
            );
            out.entry((area_name.clone(), parts[0].to_owned()))
                .or_default()
                .push((parts[1].to_owned(), parts[2].to_owned(), f.clone()));
        }
    }
    out
}

fn command(e: &dyn DynEndpoint) -> &'static str {
    e.meta().path.rsplit('/').next().unwrap()
}

fn key(e: &dyn DynEndpoint) -> (String, String) {
    (e.meta().area.accessor().to_owned(), command(e).to_owned())
}

fn read(p: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn every_sample_round_trips_and_every_endpoint_has_samples() {
    let all = samples();
    let mut used = 0;
    for e in registry::all() {
        let files = all.get(&key(e)).unwrap_or_else(|| {
            panic!(
                "{}: no samples under tests/samples/{}/{}.*",
                e.meta().path,
                key(e).0,
                key(e).1
            )
        });
        for kind in ["request", "response"] {
            assert!(
                files.iter().any(|(_, k, _)| k == kind),
                "{}: no {kind} sample",
                e.meta().path
            );
        }
        for (case, kind, path) in files {
            let v = read(path);
            if kind == "response" && v["ErrorCode"].as_i64().unwrap_or(0) != 0 {
                // A documented error answer: an API error with its code, the body kept.
                let err = e.check_response(v.to_string().as_bytes()).unwrap_err();
                match &err {
                    Error::Api(a) => {
                        assert_eq!(
                            Some(a.code),
                            v["ErrorCode"].as_i64(),
                            "{}/{case}",
                            e.meta().path
                        );
                        assert_eq!(a.body.as_ref(), Some(&v), "{}/{case}", e.meta().path);
                    }
                    other => panic!("{}/{case}: {other}", e.meta().path),
                }
                used += 1;
                continue;
            }
            let out = if kind == "request" {
                e.check_request(v.clone())
            } else {
                e.check_response(v.to_string().as_bytes())
            }
            .unwrap_or_else(|err| panic!("{}/{case}.{kind}: {err}", e.meta().path));
            assert_eq!(
                out,
                v,
                "{}/{case}.{kind} does not round-trip",
                e.meta().path
            );
            used += 1;
        }
    }
    let n: usize = all.values().map(Vec::len).sum();
    assert_eq!(
        used,
        n,
        "some samples name no registered endpoint: {:?}",
        all.keys()
            .filter(|k| !registry::all().any(|e| &key(e) == *k))
            .collect::<Vec<_>>()
    );
}

/// The request samples of an endpoint, by case name: the bases the limit tests change one
/// field of (the first that has the limit's field, so a form such as `multiaccount_import`'s
/// `AccountList` is tested on the sample of that form).
fn request_samples(e: &dyn DynEndpoint) -> Vec<Value> {
    let all = samples();
    let mut reqs: Vec<_> = all[&key(e)]
        .iter()
        .filter(|(_, k, _)| k == "request")
        .collect();
    reqs.sort_by(|a, b| a.0.cmp(&b.0));
    reqs.into_iter().map(|r| read(&r.2)).collect()
}

fn has_path(v: &Value, segs: &[Seg<'_>]) -> bool {
    let Some((first, rest)) = segs.split_first() else {
        return true;
    };
    match first {
        Seg::Field(name) => v.get(*name).is_some_and(|n| has_path(n, rest)),
        Seg::Each => v
            .as_array()
            .and_then(|a| a.first())
            .is_some_and(|n| has_path(n, rest)),
    }
}

/// One step of a limit's field path.
enum Seg<'a> {
    Field(&'a str),
    Each,
}

fn segments(field: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in field.split('.') {
        let name = part.trim_end_matches("[]");
        out.push(Seg::Field(name));
        for _ in 0..(part.len() - name.len()) / 2 {
            out.push(Seg::Each);
        }
    }
    out
}

/// The concrete path of the first value a limit's field path names (`[]` read as `[0]`).
fn concrete(field: &str) -> String {
    field.replace("[]", "[0]")
}

/// The value at the field path (the first item of each list), created when absent: `leaf`
/// gives a new leaf's value. `None` when a list on the way is empty.
fn at<'a>(v: &'a mut Value, segs: &[Seg<'_>], leaf: &dyn Fn() -> Value) -> Option<&'a mut Value> {
    let Some((first, rest)) = segs.split_first() else {
        return Some(v);
    };
    let next = match first {
        Seg::Field(name) => {
            let obj = v.as_object_mut()?;
            if !obj.contains_key(*name) {
                let fresh = match rest.first() {
                    None => leaf(),
                    Some(Seg::Each) => return None,
                    Some(Seg::Field(_)) => json!({}),
                };
                obj.insert((*name).to_owned(), fresh);
            }
            obj.get_mut(*name)?
        }
        Seg::Each => v.as_array_mut()?.first_mut()?,
    };
    at(next, rest, leaf)
}

/// A string of exactly `n` bytes that keeps the sample's value as its start (so rules on its
/// form, such as `AddSource_Type_` plus letters, still hold).
fn sized(existing: Option<&str>, n: usize) -> String {
    let mut s: String = existing
        .unwrap_or("")
        .chars()
        .take_while(|_| true)
        .collect();
    while s.len() > n {
        s.pop();
    }
    while s.len() < n {
        s.push('a');
    }
    s
}

/// The list `items` grown or shrunk to `n` items, each new item distinct from the others.
fn resized(items: &[Value], n: usize) -> Value {
    let template = items.first().cloned().unwrap_or(json!("u"));
    Value::Array((0..n).map(|i| distinct(&template, i)).collect::<Vec<_>>())
}

fn distinct(template: &Value, i: usize) -> Value {
    match template {
        Value::String(_) => json!(format!("u{i}")),
        Value::Object(o) => {
            let mut o = o.clone();
            for k in ["To_Account", "UserID", "Member_Account"] {
                if let Some(Value::String(_)) = o.get(k) {
                    o.insert(k.to_owned(), json!(format!("u{i}")));
                }
            }
            Value::Object(o)
        }
        other => other.clone(),
    }
}

fn validation_field(e: &Error) -> String {
    match e {
        Error::Validation(v) => v.field.clone(),
        other => panic!("expected a validation error, got {other}"),
    }
}

/// The body with the limit's field set to a value of `size` (items, bytes or the number).
fn with_size(base: &Value, limit: &Limit, size: i64) -> Option<Value> {
    let mut body = base.clone();
    let segs = segments(limit.field);
    let slot = match limit.kind {
        LimitKind::Items { .. } => at(&mut body, &segs, &|| json!([]))?,
        LimitKind::Bytes { .. } => at(&mut body, &segs, &|| json!(""))?,
        LimitKind::Range { .. } => at(&mut body, &segs, &|| json!(0))?,
    };
    *slot = match limit.kind {
        // A byte limit on a list is on its JSON (a message body): one text element whose
        // JSON is `size` bytes.
        LimitKind::Bytes { .. } if slot.is_array() => {
            let n = usize::try_from(size).ok()?;
            let overhead = serde_json::to_vec(
                &json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": ""}}]),
            )
            .ok()?
            .len();
            // Below the smallest element: the smallest body (0 bytes: an empty body).
            let text = "a".repeat(n.saturating_sub(overhead));
            match n {
                0 => json!([]),
                _ => json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]),
            }
        }
        LimitKind::Items { .. } => resized(slot.as_array()?, usize::try_from(size).ok()?),
        LimitKind::Bytes { .. } => json!(sized(slot.as_str(), usize::try_from(size).ok()?)),
        LimitKind::Range { .. } => json!(size),
    };
    Some(body)
}

/// For a byte limit on a list (`MsgBody`): the sample with the list replaced by one text
/// element whose JSON is exactly the bound, and one byte longer.
fn json_sized_list(base: &Value, limit: &Limit, segs: &[Seg<'_>]) -> Option<(Value, Value)> {
    let LimitKind::Bytes { max, .. } = limit.kind else {
        return None;
    };
    let mut body = base.clone();
    let slot = at(&mut body, segs, &|| json!(""))?;
    slot.as_array()?;
    let text =
        |n: usize| json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": "x".repeat(n)}}]);
    let overhead = text(0).to_string().len();
    let fill = (max as usize).checked_sub(overhead)?;
    *slot = text(fill);
    let fits = body.clone();
    *at(&mut body, segs, &|| json!(""))? = text(fill + 1);
    Some((fits, body))
}

/// Limits the generic test cannot drive from the first sample, each with the reason; the
/// test fails when one of them becomes testable (so the list cannot go stale).
const NOT_DRIVEN: &[(&str, &str, &str)] = &[];

#[test]
fn every_declared_limit_holds_at_its_bound_and_fails_past_it() {
    let mut skipped = Vec::new();
    let mut checked = 0;
    for e in registry::all() {
        let m = e.meta();
        let bases = request_samples(e);
        for limit in m.limits() {
            let segs = segments(limit.field);
            let base = bases
                .iter()
                .find(|b| has_path(b, &segs))
                .unwrap_or(&bases[0]);
            let (lo, hi, floor) = match limit.kind {
                LimitKind::Items { min, max } => (i64::from(min), i64::from(max), 0),
                LimitKind::Bytes { min, max } => (i64::from(min), i64::from(max), 0),
                LimitKind::Range { min, max } => (min, max, i64::MIN),
            };
            if let Some(body) = json_sized_list(base, limit, &segs) {
                // A byte limit on a list (a `MsgBody`'s 12 KB) measures the list's JSON: a
                // text element filling exactly the bound passes, one byte more is refused.
                let label = format!("{} {}", m.path, limit);
                let (fits, over) = body;
                e.check_request(fits)
                    .unwrap_or_else(|err| panic!("{label}: at the bound: {err}"));
                let err = e.check_request(over).expect_err(&label);
                assert_eq!(err.kind(), ErrorKind::Validation, "{label}: {err}");
                assert!(
                    validation_field(&err).starts_with(&concrete(limit.field)),
                    "{label}: {err}"
                );
                checked += 1;
                continue;
            }
            let Some(at_max) = with_size(base, limit, hi.min(5000)) else {
                skipped.push((m.path, limit.field));
                continue;
            };
            let label = format!("{} {}", m.path, limit);
            e.check_request(at_max.clone())
                .unwrap_or_else(|err| panic!("{label}: at the bound: {err}"));
            let at_min = with_size(base, limit, lo).unwrap();
            e.check_request(at_min)
                .unwrap_or_else(|err| panic!("{label}: at the lower bound: {err}"));
            checked += 1;
            let mut past = Vec::new();
            if hi < 5000 {
                past.push(hi + 1);
            }
            if lo > floor {
                past.push(lo - 1);
            }
            for size in past {
                let body = with_size(base, limit, size).unwrap();
                let result = e.check_request(body.clone());
                if size == 0 && !matches!(limit.kind, LimitKind::Range { .. }) {
                    if let Ok(sent) = &result {
                        // An empty optional value reads as absent (SPEC-NOTES, "Empty optional
                        // values"): accepted, and not sent.
                        assert!(!has_path(sent, &segs), "{label}: an empty value is sent");
                        continue;
                    }
                }
                let err = result.expect_err(&format!("{label}: {size} must be refused"));
                assert_eq!(err.kind(), ErrorKind::Validation, "{label}: {err}");
                let field = validation_field(&err);
                assert!(
                    field.starts_with(&concrete(limit.field)),
                    "{label}: {size} refused for `{field}`, not the limit's field: {err}"
                );
                if m.split_field == Some(limit.field) && size > hi {
                    check_split(e, &body, limit.field, hi as usize);
                }
            }
        }
    }
    let expected: Vec<(&str, &str)> = NOT_DRIVEN.iter().map(|(p, f, _)| (*p, *f)).collect();
    assert_eq!(skipped, expected, "limits the samples cannot drive");
    assert!(checked > 40, "only {checked} limits checked");
}

/// A body one past its split field's limit splits into parts that each pass, in order.
fn check_split(e: &dyn DynEndpoint, body: &Value, field: &str, max: usize) {
    let parts = e
        .split(body.clone())
        .unwrap()
        .unwrap_or_else(|| panic!("{}: {field} past its limit must split", e.meta().path));
    assert_eq!(parts.len(), 2, "{}: {field}", e.meta().path);
    let mut joined = Vec::new();
    for p in &parts {
        e.check_request(p.clone())
            .unwrap_or_else(|err| panic!("{}: a part is refused: {err}", e.meta().path));
        let items = p[field].as_array().unwrap();
        assert!(items.len() <= max);
        joined.extend(items.iter().cloned());
        for (k, v) in p.as_object().unwrap() {
            if k != field {
                assert_eq!(&body[k], v, "{}: parts keep {k}", e.meta().path);
            }
        }
    }
    assert_eq!(
        &Value::Array(joined),
        &body[field],
        "{}: order",
        e.meta().path
    );
    assert!(
        e.split(parts[0].clone()).unwrap().is_none(),
        "{}: a part that fits does not split again",
        e.meta().path
    );
}

#[test]
fn split_calls_merge_their_answers_in_order() {
    let all = samples();
    let mut merged = 0;
    for e in registry::all().filter(|e| e.meta().split_field.is_some()) {
        let m = e.meta();
        let files = &all[&key(e)];
        let resp = files
            .iter()
            .filter(|(_, k, _)| k == "response")
            .map(|(_, _, p)| read(p))
            .filter(|v| v["ErrorCode"].as_i64() == Some(0))
            // The sample with per-item data (a partial failure lists its items; a full
            // success may list none).
            .max_by_key(|v| {
                let o = v.as_object().unwrap();
                o.values()
                    .filter(|x| x.as_array().is_some_and(|a| !a.is_empty()))
                    .count()
            })
            .unwrap();
        let a = e.check_response(resp.to_string().as_bytes()).unwrap();
        let out = e.merge(vec![a.clone(), a.clone()]).unwrap();
        let mut grew = 0;
        for (k, v) in a.as_object().unwrap() {
            match (v, &out[k]) {
                (Value::Array(one), Value::Array(two)) if two.len() == 2 * one.len() => {
                    assert_eq!(&two[..one.len()], &one[..], "{}: {k} order", m.path);
                    assert_eq!(&two[one.len()..], &one[..], "{}: {k} order", m.path);
                    grew += usize::from(!one.is_empty());
                }
                (v, w) => assert_eq!(v, w, "{}: {k} is kept from the first part", m.path),
            }
        }
        assert!(
            grew > 0,
            "{}: merging two parts concatenated no list",
            m.path
        );
        merged += 1;
    }
    assert!(merged >= 10, "only {merged} split endpoints");
}
