//! Every registered endpoint, fed malformed input: arbitrary JSON as a request body, as a
//! response body and as a paging response, and every documented sample with one value swapped
//! for a value of another type. Each must be answered with a value or an error, never a panic;
//! a request that is accepted must encode and parse again to the same body.

use chatadmin_core::registry;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

mod common;

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "[A-Za-z_]{0,12}".prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Mostly the wire names the endpoints use, so that random bodies reach the typed fields.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "From_Account", "To_Account", "UserID", "StartIndex", "NextStartIndex", "CompleteFlag",
            "MaxLimited", "LastSequence", "ResultItem", "InfoItem", "UserDataItem", "ValueItem",
            "Tag", "Value", "GroupName", "AddFriendItem", "ProfileItem", "TagList", "ErrorCode",
            "ActionStatus", "ErrorInfo", "BlackListItem", "QueryResult", "ErrorList", "Relation",
            "CheckType", "DeleteType", "AddType", "ResultCode", "CurrentSequence",
            "CurruentSequence", "Fail_Account", "UserProfileItem", "Status", "State",
        ]).prop_map(str::to_owned),
        1 => "[A-Za-z_]{1,10}",
    ]
}

fn endpoints() -> Vec<&'static str> {
    registry::all().map(|e| e.meta().path).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_request_bodies_are_values_or_errors(
        i in 0usize..64,
        body in any_json(),
    ) {
        let paths = endpoints();
        let ep = registry::find(paths[i % paths.len()]).unwrap();
        if let Ok(canonical) = ep.check_request(body) {
            // What is accepted is stable: the canonical body is accepted as itself.
            prop_assert_eq!(ep.check_request(canonical.clone()).unwrap(), canonical);
        }
    }

    #[test]
    fn arbitrary_response_bodies_are_values_or_errors(
        i in 0usize..64,
        body in any_json(),
        ok in any::<bool>(),
    ) {
        let paths = endpoints();
        let ep = registry::find(paths[i % paths.len()]).unwrap();
        let mut body = body;
        if ok {
            if let Value::Object(o) = &mut body {
                o.insert("ActionStatus".into(), json!("OK"));
                o.insert("ErrorCode".into(), json!(0));
            }
        }
        let _ = ep.check_response(body.to_string().as_bytes());
        let _ = ep.check_response(&body.to_string().as_bytes()[..body.to_string().len() / 2]);
    }

    #[test]
    fn paging_never_loops_or_panics_on_arbitrary_responses(
        start in 0u64..1_000,
        response in any_json(),
    ) {
        for (path, first) in [
            ("sns/friend_get", json!({"From_Account": "a", "StartIndex": start})),
            ("sns/black_list_get", json!({"From_Account": "a", "StartIndex": start, "MaxLimited": 10, "LastSequence": 0})),
        ] {
            let ep = registry::find(path).unwrap();
            if let Ok(Some(next)) = ep.next_page(first.clone(), &response) {
                // A next page always moves past the page that produced it.
                let from = first["StartIndex"].as_u64().unwrap();
                let to = next["StartIndex"].as_u64().unwrap();
                prop_assert!(to > from, "{} -> {}", from, to);
            }
        }
    }
}

/// Every value of `v`, one at a time, replaced by each of `replacements`.
fn mutations(v: &Value) -> Vec<Value> {
    let replacements = [
        json!(null),
        json!("x"),
        json!(-1),
        json!(1.5),
        json!(true),
        json!([]),
        json!({}),
        json!(u64::MAX),
    ];
    let mut out = Vec::new();
    fn walk(root: &Value, path: &mut Vec<PathStep>, out: &mut Vec<Value>, repl: &[Value]) {
        let node = get(root, path);
        for r in repl {
            if !path.is_empty() && r != node {
                let mut m = root.clone();
                *get_mut(&mut m, path) = r.clone();
                out.push(m);
            }
        }
        match node {
            Value::Object(o) => {
                for k in o.keys() {
                    path.push(PathStep::Key(k.clone()));
                    walk(root, path, out, repl);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for i in 0..a.len() {
                    path.push(PathStep::Index(i));
                    walk(root, path, out, repl);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    walk(v, &mut Vec::new(), &mut out, &replacements);
    out
}

#[derive(Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn get<'a>(v: &'a Value, path: &[PathStep]) -> &'a Value {
    path.iter().fold(v, |v, s| match s {
        PathStep::Key(k) => &v[k.as_str()],
        PathStep::Index(i) => &v[*i],
    })
}

fn get_mut<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// The documented samples of every area, each value swapped for one of another type: requests
/// are accepted or refused, responses decoded or refused, and nothing panics.
#[test]
fn every_sample_with_one_value_of_the_wrong_type() {
    let dir = format!("{}/../../tests/samples", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0usize;
    for area in std::fs::read_dir(&dir).unwrap() {
        let area = area.unwrap().path();
        for file in std::fs::read_dir(&area).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let command = name.split('.').next().unwrap();
            let Some(ep) =
                registry::all().find(|e| e.meta().path.ends_with(&format!("/{command}")))
            else {
                continue;
            };
            let rel = format!("{}/{name}", area.file_name().unwrap().to_string_lossy());
            let sample: Value = serde_json::from_str(&common::sample(&rel)).unwrap();
            for m in mutations(&sample) {
                if name.contains(".request.") {
                    let _ = ep.check_request(m);
                } else {
                    let _ = ep.check_response(m.to_string().as_bytes());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} mutated samples");
}
