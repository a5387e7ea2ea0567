//! Group counters end to end over HTTP: set, increase and decrease answer the new values; get
//! reads some keys or all; delete removes some keys or all; the 20-key cap, the key size, the
//! 64-bit range and the group types are refused with their codes, leaving the counters as they
//! were.

mod common;

use std::collections::BTreeMap;

use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

const GET: &str = "group_open_http_svc/get_group_counter";
const UPDATE: &str = "group_open_http_svc/update_group_counter";
const DELETE: &str = "group_open_http_svc/delete_group_counter";

fn create(h: &Harness, kind: &str) -> String {
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": kind, "Name": "live"}),
    );
    assert_ok(&v);
    v["GroupId"].as_str().unwrap().to_owned()
}

fn counters(v: &Value) -> Vec<(String, i64)> {
    v["GroupCounter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["Key"].as_str().unwrap().to_owned(),
                c["Value"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn update(h: &Harness, g: &str, mode: &str, items: &[(&str, i64)]) -> Value {
    let list: Vec<Value> = items
        .iter()
        .map(|(k, v)| json!({"Key": k, "Value": v}))
        .collect();
    h.call(
        UPDATE,
        json!({"GroupId": g, "GroupCounter": list, "Mode": mode}),
    )
}

fn all(h: &Harness, g: &str) -> BTreeMap<String, i64> {
    let v = h.call(GET, json!({"GroupId": g}));
    assert_ok(&v);
    counters(&v).into_iter().collect()
}

fn owned(items: &[(&str, i64)]) -> Vec<(String, i64)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn set_increase_decrease_get_and_delete() {
    let h = Harness::new();
    let g = create(&h, "AVChatRoom");

    let v = update(&h, &g, "Set", &[("like", 5), ("unlike", 1)]);
    assert_ok(&v);
    assert_eq!(
        counters(&v),
        owned(&[("like", 5), ("unlike", 1)]),
        "the new values, in order"
    );

    // Increase and decrease change the current value; a new key starts at 0.
    let v = update(&h, &g, "Increase", &[("like", 3), ("gifts", 10)]);
    assert_eq!(counters(&v), owned(&[("like", 8), ("gifts", 10)]));
    let v = update(&h, &g, "Decrease", &[("unlike", 4), ("viewers", 2)]);
    assert_eq!(
        counters(&v),
        owned(&[("unlike", -3), ("viewers", -2)]),
        "values are signed"
    );
    // Without Mode: Set.
    let v = h.call(
        UPDATE,
        json!({"GroupId": g, "GroupCounter": [{"Key": "viewers", "Value": 100}]}),
    );
    assert_eq!(counters(&v), owned(&[("viewers", 100)]));

    // get: the keys asked for, in request order (unknown keys left out), or everything.
    let v = h.call(
        GET,
        json!({"GroupId": g, "GroupCounterKeys": ["viewers", "nope", "like"]}),
    );
    assert_ok(&v);
    assert_eq!(counters(&v), owned(&[("viewers", 100), ("like", 8)]));
    let expected: BTreeMap<String, i64> =
        owned(&[("gifts", 10), ("like", 8), ("unlike", -3), ("viewers", 100)])
            .into_iter()
            .collect();
    assert_eq!(all(&h, &g), expected);
    let v = h.call(GET, json!({"GroupId": g, "GroupCounterKeys": []}));
    assert_eq!(counters(&v).len(), 4, "an empty key list reads everything");

    // delete some, then all.
    assert_ok(&h.call(
        DELETE,
        json!({"GroupId": g, "GroupCounterKeys": ["unlike", "nope"]}),
    ));
    assert_eq!(
        all(&h, &g).keys().cloned().collect::<Vec<_>>(),
        vec!["gifts", "like", "viewers"]
    );
    assert_ok(&h.call(DELETE, json!({"GroupId": g})));
    assert!(all(&h, &g).is_empty());
    // A deleted key starts again at 0.
    let v = update(&h, &g, "Increase", &[("like", 1)]);
    assert_eq!(counters(&v), owned(&[("like", 1)]));
}

#[test]
fn limits_and_group_types() {
    let h = Harness::new();
    let g = create(&h, "Public");

    // At most 20 keys per request and per group (10063).
    let names: Vec<String> = (0..21).map(|i| format!("c{i:02}")).collect();
    let items: Vec<(&str, i64)> = names.iter().map(|n| (n.as_str(), 1)).collect();
    assert_fail(&update(&h, &g, "Set", &items), 10063);
    assert!(all(&h, &g).is_empty());
    assert_ok(&update(&h, &g, "Set", &items[..20]));
    assert_fail(&update(&h, &g, "Increase", &[("one_more", 1)]), 10063);
    assert_eq!(all(&h, &g).len(), 20, "a refused update changes nothing");
    // Updating existing keys stays within the cap.
    assert_ok(&update(&h, &g, "Increase", &items[..20]));
    assert_eq!(all(&h, &g)["c00"], 2);

    // A key is 1 to 128 bytes.
    assert_ok(&h.call(DELETE, json!({"GroupId": g})));
    let k128 = "k".repeat(128);
    let k129 = "k".repeat(129);
    assert_ok(&update(&h, &g, "Set", &[(&k128, 1)]));
    assert_fail(&update(&h, &g, "Set", &[(&k129, 1)]), 10004);
    assert_fail(
        &h.call(GET, json!({"GroupId": g, "GroupCounterKeys": [k129]})),
        10004,
    );
    assert_fail(&update(&h, &g, "Set", &[("", 1)]), 10004);

    // Values are 64-bit signed: the extremes are kept, a result beyond them is refused.
    let v = update(&h, &g, "Set", &[("max", i64::MAX), ("min", i64::MIN)]);
    assert_eq!(counters(&v), owned(&[("max", i64::MAX), ("min", i64::MIN)]));
    assert_fail(&update(&h, &g, "Increase", &[("max", 1)]), 10004);
    assert_fail(&update(&h, &g, "Decrease", &[("min", 1)]), 10004);
    assert_eq!(all(&h, &g)["max"], i64::MAX, "unchanged");
    let v = h.call(UPDATE, json!({"GroupId": g, "GroupCounter": [{"Key": "x", "Value": 9_223_372_036_854_775_808u64}]}));
    assert_fail(&v, 10004);
    // An undocumented mode and an empty list are invalid parameters.
    assert_fail(&update(&h, &g, "Multiply", &[("x", 2)]), 10004);
    assert_fail(&update(&h, &g, "Set", &[]), 10004);

    // Every type but Community (10007); a missing group is 10010.
    for kind in ["Private", "ChatRoom", "Work", "Meeting", "AVChatRoom"] {
        let g = create(&h, kind);
        assert_ok(&update(&h, &g, "Increase", &[("n", 1)]));
    }
    let community = create(&h, "Community");
    assert_fail(&update(&h, &community, "Set", &[("n", 1)]), 10007);
    assert_fail(&h.call(GET, json!({"GroupId": community})), 10007);
    assert_fail(&h.call(DELETE, json!({"GroupId": community})), 10007);
    assert_fail(&h.call(GET, json!({"GroupId": "@TGS#missing"})), 10010);
    assert_fail(&update(&h, "@TGS#missing", "Set", &[("n", 1)]), 10010);
    assert_fail(&h.call(DELETE, json!({"GroupId": "@TGS#missing"})), 10010);
}
