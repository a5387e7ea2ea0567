//! Group custom attributes end to end over HTTP: set replaces, modify merges, delete removes
//! named keys, clear removes all; every documented cap refused with its code and the group's
//! attributes left as they were.

mod common;

use std::collections::BTreeMap;

use chatadmin_emulator::RateLimitMode;
use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

const GET: &str = "group_open_attr_http_svc/get_group_attr";
const MODIFY: &str = "group_open_http_svc/modify_group_attr";
const SET: &str = "group_open_http_svc/set_group_attr";
const CLEAR: &str = "group_open_http_svc/clear_group_attr";
const DELETE: &str = "group_open_http_svc/delete_group_attr";

/// A harness without rate limits: the scenarios write a group's attributes faster than the
/// documented 5 writes a second (10049, tested on its own below).
fn unlimited() -> Harness {
    Harness::with_rate_limit(RateLimitMode::Off)
}

fn create(h: &Harness, kind: &str, id: &str) {
    let mut body = json!({"Type": kind, "Name": "room", "GroupId": id});
    if kind == "Community" {
        body["GroupId"] = json!(format!("@TGS#_{id}"));
    }
    assert_ok(&h.call("group_open_http_svc/create_group", body));
}

fn pairs(items: &[(&str, &str)]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect(),
    )
}

fn attrs(h: &Harness, group: &str) -> BTreeMap<String, String> {
    let v = h.call(GET, json!({"GroupId": group}));
    assert_ok(&v);
    v["GroupAttrAry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["key"].as_str().unwrap().to_owned(),
                a["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn map(items: &[(&str, &str)]) -> BTreeMap<String, String> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn set_modify_delete_and_clear_keep_the_documented_meaning() {
    let h = unlimited();
    create(&h, "AVChatRoom", "seats");
    let g = "seats";
    assert!(attrs(&h, g).is_empty(), "a new group has no attributes");

    // set replaces the whole set.
    let v = h.call(
        SET,
        json!({"GroupId": g, "GroupAttr": pairs(&[("seat1", "alice"), ("seat2", "bob")])}),
    );
    assert_ok(&v);
    assert_eq!(attrs(&h, g), map(&[("seat1", "alice"), ("seat2", "bob")]));
    assert_ok(&h.call(
        SET,
        json!({"GroupId": g, "GroupAttr": pairs(&[("mode", "karaoke")])}),
    ));
    assert_eq!(
        attrs(&h, g),
        map(&[("mode", "karaoke")]),
        "set drops the keys it does not name"
    );

    // modify adds and updates, keeping the others.
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "GroupAttr": pairs(&[("seat1", "carol"), ("mode", "talk")])}),
    ));
    assert_eq!(attrs(&h, g), map(&[("mode", "talk"), ("seat1", "carol")]));

    // delete removes the named keys; a key the group lacks fails the whole call (10050).
    let info = assert_fail(
        &h.call(
            DELETE,
            json!({"GroupId": g, "GroupAttr": [{"key": "seat1"}, {"key": "seat9"}]}),
        ),
        10050,
    );
    assert!(info.contains("seat9"), "{info}");
    assert_eq!(attrs(&h, g).len(), 2, "a refused delete removes nothing");
    assert_ok(&h.call(
        DELETE,
        json!({"GroupId": g, "GroupAttr": [{"key": "seat1"}]}),
    ));
    assert_eq!(attrs(&h, g), map(&[("mode", "talk")]));

    // clear removes everything; clearing again is fine.
    assert_ok(&h.call(CLEAR, json!({"GroupId": g})));
    assert!(attrs(&h, g).is_empty());
    assert_ok(&h.call(CLEAR, json!({"GroupId": g})));

    // Unknown group: 10010 on every call.
    for (path, body) in [
        (GET, json!({"GroupId": "nope"})),
        (
            MODIFY,
            json!({"GroupId": "nope", "GroupAttr": pairs(&[("a", "b")])}),
        ),
        (
            SET,
            json!({"GroupId": "nope", "GroupAttr": pairs(&[("a", "b")])}),
        ),
        (CLEAR, json!({"GroupId": "nope"})),
        (
            DELETE,
            json!({"GroupId": "nope", "GroupAttr": [{"key": "a"}]}),
        ),
    ] {
        assert_fail(&h.call(path, body), 10010);
    }
}

#[test]
fn every_group_type_has_attributes_but_communities_cannot_be_cleared() {
    let h = unlimited();
    for kind in [
        "Private",
        "Public",
        "ChatRoom",
        "AVChatRoom",
        "Community",
        "Work",
        "Meeting",
    ] {
        let id = format!("g-{kind}");
        create(&h, kind, &id);
        let g = if kind == "Community" {
            format!("@TGS#_{id}")
        } else {
            id
        };
        assert_ok(&h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&[("k", kind)])}),
        ));
        assert_eq!(attrs(&h, &g), map(&[("k", kind)]), "{kind}");
        let v = h.call(CLEAR, json!({"GroupId": g}));
        if kind == "Community" {
            assert_fail(&v, 10007);
            assert_eq!(
                attrs(&h, &g).len(),
                1,
                "a refused clear keeps the attributes"
            );
            // The others still work: delete is how a community drops its attributes.
            assert_ok(&h.call(DELETE, json!({"GroupId": g, "GroupAttr": [{"key": "k"}]})));
        } else {
            assert_ok(&v);
        }
        assert!(attrs(&h, &g).is_empty(), "{kind}");
    }
}

#[test]
fn every_documented_cap_is_refused_with_its_code() {
    let h = unlimited();
    create(&h, "Public", "caps");
    let g = "caps";
    assert_ok(&h.call(
        SET,
        json!({"GroupId": g, "GroupAttr": pairs(&[("keep", "me")])}),
    ));

    // Key: at most 32 bytes (10045), on set, modify and delete alike.
    let k32 = "k".repeat(32);
    let k33 = "k".repeat(33);
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&[(&k33, "v")])}),
        ),
        10045,
    );
    assert_fail(
        &h.call(
            SET,
            json!({"GroupId": g, "GroupAttr": pairs(&[(&k33, "v")])}),
        ),
        10045,
    );
    assert_fail(
        &h.call(DELETE, json!({"GroupId": g, "GroupAttr": [{"key": k33}]})),
        10045,
    );
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "GroupAttr": pairs(&[(&k32, "v")])}),
    ));

    // Value: at most 4,000 bytes (10046).
    let v4000 = "v".repeat(4000);
    let v4001 = "v".repeat(4001);
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&[("big", &v4001)])}),
        ),
        10046,
    );
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "GroupAttr": pairs(&[("big", &v4000)])}),
    ));

    // Keys: at most 16 per request (10047) ...
    let names: Vec<String> = (0..17).map(|i| format!("key{i:02}")).collect();
    let seventeen: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
    assert_fail(
        &h.call(SET, json!({"GroupId": g, "GroupAttr": pairs(&seventeen)})),
        10047,
    );
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&seventeen)}),
        ),
        10047,
    );
    // ... and per group: the group has 3 keys, 14 more make 17.
    let before = attrs(&h, g);
    assert_eq!(before.len(), 3);
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&seventeen[..14])}),
        ),
        10047,
    );
    assert_eq!(attrs(&h, g), before, "a refused modify changes nothing");
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "GroupAttr": pairs(&seventeen[..13])}),
    ));
    assert_eq!(attrs(&h, g).len(), 16);
    // Updating a key the group has is no new key.
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "GroupAttr": pairs(&[("keep", "again")])}),
    ));

    // Values: at most 16,000 bytes in total (10048), in one request ...
    let five: Vec<(String, &str)> = (0..5).map(|i| (format!("v{i}"), v4000.as_str())).collect();
    let five: Vec<(&str, &str)> = five.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_fail(
        &h.call(SET, json!({"GroupId": g, "GroupAttr": pairs(&five)})),
        10048,
    );
    assert_ok(&h.call(SET, json!({"GroupId": g, "GroupAttr": pairs(&five[..4])})));
    // ... and in the group: 16,000 bytes are there, one more byte is too many.
    let before = attrs(&h, g);
    assert_eq!(before.values().map(String::len).sum::<usize>(), 16_000);
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&[("one", "1")])}),
        ),
        10048,
    );
    assert_eq!(attrs(&h, g), before);
    // Shrinking one value makes room.
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "GroupAttr": pairs(&[("v0", "short"), ("one", "1")])}),
    ));
    assert_eq!(attrs(&h, g)["one"], "1");

    // An empty list is an invalid parameter (10004), not a cap.
    assert_fail(
        &h.call(MODIFY, json!({"GroupId": g, "GroupAttr": []})),
        10004,
    );
    assert_fail(
        &h.call(DELETE, json!({"GroupId": g, "GroupAttr": []})),
        10004,
    );
}

#[test]
fn a_group_takes_5_attribute_writes_a_second() {
    let h = Harness::new();
    create(&h, "Public", "busy");
    create(&h, "Public", "calm");
    let write = |g: &str, i: usize| {
        h.call(
            MODIFY,
            json!({"GroupId": g, "GroupAttr": pairs(&[("k", &i.to_string())])}),
        )
    };
    for i in 0..5 {
        assert_ok(&write("busy", i));
    }
    // The sixth write within the second is refused, and changes nothing; reads are not
    // counted, nor writes to another group.
    assert_fail(&write("busy", 5), 10049);
    assert_fail(&h.call(CLEAR, json!({"GroupId": "busy"})), 10049);
    let v = h.call(GET, json!({"GroupId": "busy"}));
    assert_eq!(v["GroupAttrAry"][0]["value"], "4");
    assert_ok(&write("calm", 0));
    // The bucket refills at 5 a second: one write back after 200 ms.
    std::thread::sleep(std::time::Duration::from_millis(250));
    assert_ok(&write("busy", 6));
    assert_fail(&write("busy", 7), 10049);
    // Without rate limits, no 10049.
    let free = unlimited();
    create(&free, "Public", "busy");
    for i in 0..20 {
        assert_ok(&free.call(
            MODIFY,
            json!({"GroupId": "busy", "GroupAttr": pairs(&[("k", &i.to_string())])}),
        ));
    }
}
