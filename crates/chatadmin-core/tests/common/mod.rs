//! Helpers shared by the endpoint tests: the documented samples under `tests/samples/` and
//! their round trips through the registry.

// Each test file uses its own subset.
#![allow(dead_code)]

use chatadmin_core::registry;
use serde_json::Value;

/// The text of `tests/samples/<rel>` (a documented sample payload).
pub fn sample(rel: &str) -> String {
    let p = format!("{}/../../tests/samples/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// A request sample parses into the endpoint's typed request and encodes back unchanged.
pub fn roundtrip_request(path: &str, rel: &str) {
    let v: Value = serde_json::from_str(&sample(rel)).unwrap();
    let out = registry::find(path)
        .unwrap()
        .check_request(v.clone())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(out, v, "{rel}");
}

/// A response sample decodes into the endpoint's typed response and encodes back unchanged
/// (unknown fields kept).
pub fn roundtrip_response(path: &str, rel: &str) {
    let text = sample(rel);
    let v: Value = serde_json::from_str(&text).unwrap();
    let out = registry::find(path)
        .unwrap()
        .check_response(text.as_bytes())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(out, v, "{rel}");
}

/// `user0`, `user1`, ... `user{n-1}`.
pub fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user{i}")).collect()
}
