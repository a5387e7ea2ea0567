//! Friend lists (`sns/group_add`, `sns/group_get`, `sns/group_delete`) and blocklists
//! (`sns/black_list_*`) over real HTTP: documented semantics and error codes, and a scenario
//! that uses them together.

mod common;

use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

fn sample(rel: &str) -> Value {
    let p = format!("{}/../../tests/samples/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

fn friends_of(h: &Harness, a: &str) -> Vec<String> {
    let s = h.emu.control().state_json();
    match s["friends"].get(a) {
        Some(v) => strings(v),
        None => Vec::new(),
    }
}

fn result_codes(v: &Value, list: &str) -> Vec<(String, i64)> {
    v[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {v}"))
        .iter()
        .map(|i| {
            (
                i["To_Account"].as_str().unwrap().to_owned(),
                i["ResultCode"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, i64)]) -> Vec<(String, i64)> {
    items.iter().map(|(a, c)| ((*a).to_owned(), *c)).collect()
}

// ---------------------------------------------------------------------------------------------
// Friend lists
// ---------------------------------------------------------------------------------------------

#[test]
fn group_add_answers_the_documented_samples() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("id");
    // The basic sample answers CurrentSequence 2: one earlier change, then this one.
    c.set_friend_lists("id", &[]);
    let v = h.call(
        "sns/group_add",
        sample("friend_lists/group_add.without_friends.request.json"),
    );
    assert_eq!(
        v,
        sample("friend_lists/group_add.without_friends.response.json")
    );

    // The complete sample: id1 is a friend, id2 is not (32216). (The sample's id3 fails with
    // 30002, an account of another SDKAppID, which the one-app emulator cannot have.)
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("id", "id1", true);
    c.add_account("id2");
    c.set_friend_lists("id", &[]);
    let body = json!({"From_Account": "id", "GroupName": ["group1", "group2", "group3"], "To_Account": ["id1", "id2"]});
    let v = h.call("sns/group_add", body);
    assert_ok(&v);
    let expected = sample("friend_lists/group_add.with_friends.response.json");
    assert_eq!(v["ResultItem"][0], expected["ResultItem"][0]);
    assert_eq!(v["ResultItem"][1], expected["ResultItem"][1]);
    assert_eq!(v["Fail_Account"], json!(["id2"]));
    assert_eq!(v["CurrentSequence"], 2);
    assert!(v.get("Invalid_Account").is_none(), "{v}");
    let lists = c.state_json()["friend_lists"]["id"]["Lists"].clone();
    assert_eq!(
        lists,
        json!({"group1": ["id1"], "group2": ["id1"], "group3": ["id1"]})
    );
}

#[test]
fn group_add_creates_lists_and_bumps_the_sequence_each_call() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_friend("a", "c", false);
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["work", "work"]}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 1);
    assert!(
        v.get("ResultItem").is_none() && v.get("Fail_Account").is_none(),
        "{v}"
    );
    assert_eq!(v["ErrorDisplay"], "");
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["home"], "To_Account": ["b", "c"]}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 2);
    assert_eq!(result_codes(&v, "ResultItem"), pairs(&[("b", 0), ("c", 0)]));
    assert!(v.get("Fail_Account").is_none(), "{v}");
    // An empty friend list is a ResultItem of nothing.
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["gym"], "To_Account": []}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 3);
    assert_eq!(
        c.state_json()["friend_lists"]["a"]["Lists"],
        json!({"gym": [], "home": ["b", "c"], "work": []})
    );
    // The friend data shows the list (Tag_SNS_IM_Group).
    assert_eq!(
        c.state_json()["friend_data"]["a"]["b"]["Tag_SNS_IM_Group"],
        json!(["home"])
    );
}

#[test]
fn group_add_errors_leave_everything_unchanged() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.set_friend_lists("a", &[("work", &[])]);
    let before = c.state_json();

    // A name the account already has (not documented: 30001, naming it).
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["new", "work"], "To_Account": ["b"]}),
    );
    assert!(assert_fail(&v, 30001).contains("work"));
    assert_eq!(v["ErrorDisplay"], "");
    // Unknown From_Account: 30003.
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "ghost", "GroupName": ["x"]}),
    );
    assert_fail(&v, 30003);
    // A name over 30 bytes (core's validation; the service's parameter error 30001).
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["x".repeat(31)]}),
    );
    assert!(assert_fail(&v, 30001).contains("30 bytes"));
    // An empty name.
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": [""]}),
    );
    assert_fail(&v, 30001);
    // Over 32 names in one request.
    let names: Vec<String> = (0..33).map(|i| format!("l{i}")).collect();
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": names}),
    );
    assert!(assert_fail(&v, 30001).contains("32"));
    assert_eq!(c.state_json(), before);

    // The 32-list maximum: 1 + 31 fit, then one more is 30011.
    let names: Vec<String> = (0..31).map(|i| format!("l{i}")).collect();
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": names}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 2);
    let after_32 = c.state_json();
    assert_eq!(
        after_32["friend_lists"]["a"]["Lists"]
            .as_object()
            .unwrap()
            .len(),
        32
    );
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["one_more"]}),
    );
    assert!(assert_fail(&v, 30011).contains("32"));
    assert_eq!(c.state_json(), after_32);
}

#[test]
fn group_add_puts_only_friends_in_lists() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    // c has a as a friend, but a does not have c: one-way, the wrong way round.
    c.add_friend("c", "a", false);
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "a", "GroupName": ["l"], "To_Account": ["b", "c", "nobody"]}),
    );
    assert_ok(&v);
    assert_eq!(
        result_codes(&v, "ResultItem"),
        pairs(&[("b", 0), ("c", 32216), ("nobody", 32216)])
    );
    assert_eq!(
        v["ResultItem"][1]["ResultInfo"],
        "Err_SNS_GroupAdd_ToTinyId_Not_Friend"
    );
    assert_eq!(v["ResultItem"][0]["ResultInfo"], "");
    assert_eq!(v["Fail_Account"], json!(["c", "nobody"]));
    assert_eq!(
        c.state_json()["friend_lists"]["a"]["Lists"],
        json!({"l": ["b"]})
    );
}

#[test]
fn group_get_returns_lists_and_friends_when_asked() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_friend("a", "c", true);
    c.set_friend_lists(
        "a",
        &[("work", &["b", "c"]), ("home", &["c"]), ("gym", &[])],
    );

    // All lists, in name order, without friends.
    let v = h.call("sns/group_get", json!({"From_Account": "a"}));
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 1);
    assert_eq!(v["ErrorDisplay"], "");
    assert_eq!(
        v["ResultItem"],
        json!([
            {"GroupName": "gym", "FriendNumber": 0},
            {"GroupName": "home", "FriendNumber": 1},
            {"GroupName": "work", "FriendNumber": 2},
        ])
    );
    // With NeedFriend: the friends of each list.
    let v = h.call(
        "sns/group_get",
        json!({"From_Account": "a", "NeedFriend": "Need_Friend_Type_Yes"}),
    );
    assert_eq!(
        v["ResultItem"],
        json!([
            {"GroupName": "gym", "FriendNumber": 0, "To_Account": []},
            {"GroupName": "home", "FriendNumber": 1, "To_Account": ["c"]},
            {"GroupName": "work", "FriendNumber": 2, "To_Account": ["b", "c"]},
        ])
    );
    // Named lists, in request order; NeedFriend is "valid only when GroupName is left empty".
    let v = h.call(
        "sns/group_get",
        json!({"From_Account": "a", "NeedFriend": "Need_Friend_Type_Yes", "GroupName": ["work", "gym"]}),
    );
    assert_ok(&v);
    assert_eq!(
        v["ResultItem"],
        json!([
            {"GroupName": "work", "FriendNumber": 2},
            {"GroupName": "gym", "FriendNumber": 0},
        ])
    );
    // An account without lists.
    c.add_account("lonely");
    let v = h.call("sns/group_get", json!({"From_Account": "lonely"}));
    assert_ok(&v);
    assert_eq!(v["ResultItem"], json!([]));
    assert_eq!(v["CurrentSequence"], 0);
}

#[test]
fn group_get_errors() {
    let h = Harness::new();
    let c = h.emu.control();
    c.set_friend_lists("a", &[("work", &[])]);
    let v = h.call(
        "sns/group_get",
        json!({"From_Account": "a", "GroupName": ["work", "nope"]}),
    );
    assert!(assert_fail(&v, 30001).contains("nope"));
    let v = h.call("sns/group_get", json!({"From_Account": "ghost"}));
    assert_fail(&v, 30003);
    let v = h.call(
        "sns/group_get",
        json!({"From_Account": "a", "NeedFriend": "Need_Friend_Type_No"}),
    );
    assert!(assert_fail(&v, 30001).contains("NeedFriend"));
    let v = h.call(
        "sns/group_get",
        json!({"From_Account": "a", "GroupName": ["y".repeat(31)]}),
    );
    assert_fail(&v, 30001);
}

#[test]
fn group_delete_rejects_names_over_30_bytes() {
    let h = Harness::new();
    h.emu.control().set_friend_lists("a", &[("work", &[])]);
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "a", "GroupName": ["z".repeat(31)]}),
    );
    assert!(assert_fail(&v, 30001).contains("30 bytes"));
}

// ---------------------------------------------------------------------------------------------
// Blocklists
// ---------------------------------------------------------------------------------------------

#[test]
fn black_list_add_blocks_ends_friendships_and_reports_per_item() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_friend("a", "c", false);
    c.add_friend("d", "a", false);
    c.set_friend_lists("a", &[("work", &["b", "c"])]);
    let t0 = c.now();
    let v = h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ["b", "c", "d", "ghost", "a"]}),
    );
    assert_ok(&v);
    assert_eq!(v["ErrorDisplay"], "");
    assert_eq!(
        result_codes(&v, "ResultItem"),
        pairs(&[("b", 0), ("c", 0), ("d", 0), ("ghost", 30003), ("a", 30001)])
    );
    assert_eq!(v["Fail_Account"], json!(["ghost", "a"]));
    assert_eq!(v["ResultItem"][0]["ResultInfo"], "");
    // Friendships end in both directions, and the lists lose the blocked friends.
    assert!(friends_of(&h, "a").is_empty());
    assert!(friends_of(&h, "b").is_empty());
    assert!(friends_of(&h, "d").is_empty());
    let s = c.state_json();
    assert_eq!(s["friend_lists"]["a"]["Lists"], json!({"work": []}));
    assert_eq!(s["blocklists"]["a"]["CurrentSequence"], 1);
    let blocked = s["blocklists"]["a"]["Blocked"].as_object().unwrap().clone();
    assert_eq!(blocked.keys().cloned().collect::<Vec<_>>(), ["b", "c", "d"]);
    assert!(blocked.values().all(|t| t.as_u64().unwrap() >= t0));

    // Blocking again: per item 30001 Err_SNS_BlackListAdd_Already_Exist, time kept, no bump.
    c.advance_clock(100);
    let v = h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ["b"]}),
    );
    assert_ok(&v);
    assert_eq!(result_codes(&v, "ResultItem"), pairs(&[("b", 30001)]));
    assert_eq!(
        v["ResultItem"][0]["ResultInfo"],
        "Err_SNS_BlackListAdd_Already_Exist"
    );
    assert_eq!(v["Fail_Account"], json!(["b"]));
    let s = c.state_json();
    assert_eq!(s["blocklists"]["a"]["CurrentSequence"], 1);
    assert_eq!(s["blocklists"]["a"]["Blocked"]["b"], blocked["b"]);

    // The timestamp is the emulated clock.
    c.add_account("e");
    let v = h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ["e"]}),
    );
    assert_ok(&v);
    let s = c.state_json();
    assert!(s["blocklists"]["a"]["Blocked"]["e"].as_u64().unwrap() >= t0 + 100);
    assert_eq!(s["blocklists"]["a"]["CurrentSequence"], 2);
}

#[test]
fn black_list_add_stops_at_1000_blocked_accounts() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("a");
    let ids: Vec<String> = (0..1001).map(|i| format!("u{i:04}")).collect();
    for id in &ids {
        c.add_account(id);
    }
    let v = h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ids[..999]}),
    );
    assert_ok(&v);
    assert!(v.get("Fail_Account").is_none(), "{}", v["Fail_Account"]);
    let v = h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ids[999..]}),
    );
    assert_ok(&v);
    assert_eq!(
        result_codes(&v, "ResultItem"),
        pairs(&[("u0999", 0), ("u1000", 30013)])
    );
    assert_eq!(v["Fail_Account"], json!(["u1000"]));
    let s = c.state_json();
    assert_eq!(
        s["blocklists"]["a"]["Blocked"].as_object().unwrap().len(),
        1000
    );
}

#[test]
fn black_list_add_and_delete_request_errors() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("a");
    for path in ["sns/black_list_add", "sns/black_list_delete"] {
        let v = h.call(path, json!({"From_Account": "ghost", "To_Account": ["a"]}));
        assert_fail(&v, 30003);
        let too_many: Vec<String> = (0..1001).map(|i| format!("u{i}")).collect();
        let v = h.call(path, json!({"From_Account": "a", "To_Account": too_many}));
        assert!(assert_fail(&v, 30001).contains("1000"), "{path}");
        let v = h.call(path, json!({"From_Account": "a", "To_Account": []}));
        assert_fail(&v, 30001);
    }
    let v = h.call(
        "sns/black_list_check",
        json!({"From_Account": "ghost", "To_Account": ["a"], "CheckType": "BlackCheckResult_Type_Both"}),
    );
    assert_fail(&v, 30003);
    let v = h.call(
        "sns/black_list_get",
        json!({"From_Account": "ghost", "StartIndex": 0, "MaxLimited": 10, "LastSequence": 0}),
    );
    assert_fail(&v, 30003);
    let v = h.call(
        "sns/black_list_get",
        json!({"From_Account": "a", "StartIndex": 0, "MaxLimited": 0, "LastSequence": 0}),
    );
    assert!(assert_fail(&v, 30001).contains("MaxLimited"));
    assert!(c.state_json()["blocklists"].as_object().unwrap().is_empty());
}

#[test]
fn black_list_delete_unblocks_and_reports_what_was_not_blocked() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_account("c");
    assert_ok(&h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ["b", "c"]}),
    ));
    let v = h.call(
        "sns/black_list_delete",
        json!({"From_Account": "a", "To_Account": ["b", "zzz", "b"]}),
    );
    assert_ok(&v);
    assert_eq!(
        result_codes(&v, "ResultItem"),
        pairs(&[("b", 0), ("zzz", 30001), ("b", 30001)])
    );
    assert_eq!(v["Fail_Account"], json!(["zzz", "b"]));
    let s = c.state_json();
    assert_eq!(
        s["blocklists"]["a"]["Blocked"].as_object().unwrap().len(),
        1
    );
    assert_eq!(s["blocklists"]["a"]["CurrentSequence"], 2);
    // Unblocking does not restore the friendship.
    assert!(!c.is_friend("a", "b") && !c.is_friend("b", "a"));
    // Nothing removed: no bump.
    let v = h.call(
        "sns/black_list_delete",
        json!({"From_Account": "a", "To_Account": ["b"]}),
    );
    assert_eq!(result_codes(&v, "ResultItem"), pairs(&[("b", 30001)]));
    assert_eq!(c.state_json()["blocklists"]["a"]["CurrentSequence"], 2);
    let v = h.call(
        "sns/black_list_delete",
        json!({"From_Account": "a", "To_Account": ["c"]}),
    );
    assert_ok(&v);
    assert!(v.get("Fail_Account").is_none(), "{v}");
    assert_eq!(
        v["ResultItem"],
        json!([{"To_Account": "c", "ResultCode": 0, "ResultInfo": ""}])
    );
}

#[test]
fn black_list_check_reports_relations_for_both_check_types() {
    let h = Harness::new();
    let c = h.emu.control();
    for id in ["a", "both", "a_blocked", "blocked_a", "none"] {
        c.add_account(id);
    }
    assert_ok(&h.call(
        "sns/black_list_add",
        json!({"From_Account": "a", "To_Account": ["both", "a_blocked"]}),
    ));
    for who in ["both", "blocked_a"] {
        assert_ok(&h.call(
            "sns/black_list_add",
            json!({"From_Account": who, "To_Account": ["a"]}),
        ));
    }
    let to = ["both", "a_blocked", "blocked_a", "none", "ghost"];
    let relations = |check: &str| -> Vec<(String, String)> {
        let v = h.call(
            "sns/black_list_check",
            json!({"From_Account": "a", "To_Account": to, "CheckType": check}),
        );
        assert_ok(&v);
        assert!(v.get("Fail_Account").is_none(), "{v}");
        v["BlackListCheckItem"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                assert_eq!(i["ResultCode"], 0);
                assert_eq!(i["ResultInfo"], "");
                (
                    i["To_Account"].as_str().unwrap().to_owned(),
                    i["Relation"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let rel = |pairs: [(&str, &str); 5]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, r)| ((*a).to_owned(), format!("BlackCheckResult_Type_{r}")))
            .collect()
    };
    assert_eq!(
        relations("BlackCheckResult_Type_Both"),
        rel([
            ("both", "BothWay"),
            ("a_blocked", "AWithB"),
            ("blocked_a", "BWithA"),
            ("none", "NO"),
            ("ghost", "NO"),
        ])
    );
    // Single looks only at From_Account's blocklist.
    assert_eq!(
        relations("BlackCheckResult_Type_Single"),
        rel([
            ("both", "AWithB"),
            ("a_blocked", "AWithB"),
            ("blocked_a", "NO"),
            ("none", "NO"),
            ("ghost", "NO"),
        ])
    );
    let v = h.call(
        "sns/black_list_check",
        json!({"From_Account": "a", "To_Account": ["none"], "CheckType": "BlackCheckResult_Type_Sometimes"}),
    );
    assert!(assert_fail(&v, 30001).contains("CheckType"));
}

#[test]
fn black_list_get_answers_in_the_documented_shape() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("a");
    let v = h.call(
        "sns/black_list_get",
        sample("blocklist/black_list_get.default.request.json"),
    );
    // "id" does not exist yet.
    assert_fail(&v, 30003);
    c.add_account("id");
    c.add_account("id1");
    let v = h.call(
        "sns/black_list_get",
        sample("blocklist/black_list_get.default.request.json"),
    );
    assert_ok(&v);
    assert_eq!(
        v,
        json!({"BlackListItem": [], "StartIndex": 0, "CurruentSequence": 0,
               "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ErrorDisplay": ""})
    );
    assert_ok(&h.call(
        "sns/black_list_add",
        json!({"From_Account": "id", "To_Account": ["id1"]}),
    ));
    let v = h.call(
        "sns/black_list_get",
        sample("blocklist/black_list_get.default.request.json"),
    );
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    let expected = sample("blocklist/black_list_get.default.response.json");
    let mut want: Vec<&String> = expected.as_object().unwrap().keys().collect();
    let mut got = keys.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(v["BlackListItem"][0]["To_Account"], "id1");
    assert!(v["BlackListItem"][0]["AddBlackTimeStamp"].as_u64().unwrap() > 1_600_000_000);
    assert_eq!(v["CurruentSequence"], 1);
    assert_eq!(v["StartIndex"], 0);
}

// ---------------------------------------------------------------------------------------------
// A scenario
// ---------------------------------------------------------------------------------------------

#[test]
fn lists_and_blocklist_scenario() {
    let h = Harness::new();
    let c = h.emu.control();
    for f in ["bob", "carol", "dave"] {
        c.add_friend("alice", f, true);
    }

    // Lists with friends.
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "alice", "GroupName": ["work"], "To_Account": ["bob", "carol"]}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 1);
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "alice", "GroupName": ["family"], "To_Account": ["dave"]}),
    );
    assert_eq!(v["CurrentSequence"], 2);

    // Move carol out of "work": a new list with carol, then delete the old one (bob goes with
    // it, and stays a friend).
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "alice", "GroupName": ["climbing"], "To_Account": ["carol"]}),
    );
    assert_eq!(v["CurrentSequence"], 3);
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "alice", "GroupName": ["work"]}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 4);
    let v = h.call(
        "sns/group_get",
        json!({"From_Account": "alice", "NeedFriend": "Need_Friend_Type_Yes"}),
    );
    assert_eq!(
        v["ResultItem"],
        json!([
            {"GroupName": "climbing", "FriendNumber": 1, "To_Account": ["carol"]},
            {"GroupName": "family", "FriendNumber": 1, "To_Account": ["dave"]},
        ])
    );
    assert_eq!(v["CurrentSequence"], 4);
    assert_eq!(friends_of(&h, "alice"), ["bob", "carol", "dave"]);
    assert_eq!(friends_of(&h, "bob"), ["alice"]);

    // Deleting every list keeps every friend.
    assert_ok(&h.call(
        "sns/group_delete",
        json!({"From_Account": "alice", "GroupName": ["climbing", "family"]}),
    ));
    assert_eq!(friends_of(&h, "alice"), ["bob", "carol", "dave"]);
    let v = h.call("sns/group_get", json!({"From_Account": "alice"}));
    assert_eq!(v["ResultItem"], json!([]));
    assert_eq!(v["CurrentSequence"], 5);

    // Blocking carol ends the friendship in both directions.
    let v = h.call(
        "sns/black_list_add",
        json!({"From_Account": "alice", "To_Account": ["carol"]}),
    );
    assert_ok(&v);
    assert_eq!(friends_of(&h, "alice"), ["bob", "dave"]);
    assert!(friends_of(&h, "carol").is_empty());
    let v = h.call(
        "sns/black_list_check",
        json!({"From_Account": "carol", "To_Account": ["alice"], "CheckType": "BlackCheckResult_Type_Both"}),
    );
    assert_eq!(
        v["BlackListCheckItem"][0]["Relation"],
        "BlackCheckResult_Type_BWithA"
    );
    // A list cannot take carol back: she is no longer a friend.
    let v = h.call(
        "sns/group_add",
        json!({"From_Account": "alice", "GroupName": ["again"], "To_Account": ["carol", "bob"]}),
    );
    assert_eq!(
        result_codes(&v, "ResultItem"),
        pairs(&[("carol", 32216), ("bob", 0)])
    );

    // Page through a blocklist of 250 with MaxLimited 20.
    let blocked: Vec<String> = (0..249).map(|i| format!("spam{i:03}")).collect();
    for b in &blocked {
        c.add_account(b);
    }
    assert_ok(&h.call(
        "sns/black_list_add",
        json!({"From_Account": "alice", "To_Account": blocked}),
    ));
    let mut expected = blocked.clone();
    expected.insert(0, "carol".to_owned()); // by UserID: "carol" < "spam000"
    assert_eq!(expected.len(), 250);
    let mut start = 0u64;
    let mut seen: Vec<String> = Vec::new();
    let mut pages = 0;
    loop {
        let v = h.call(
            "sns/black_list_get",
            json!({"From_Account": "alice", "StartIndex": start, "MaxLimited": 20, "LastSequence": 0}),
        );
        assert_ok(&v);
        assert_eq!(v["CurruentSequence"], 2);
        let items = v["BlackListItem"].as_array().unwrap();
        pages += 1;
        assert!(items.len() <= 20);
        seen.extend(
            items
                .iter()
                .map(|i| i["To_Account"].as_str().unwrap().to_owned()),
        );
        let next = v["StartIndex"].as_u64().unwrap();
        if next == 0 {
            assert_eq!(items.len(), 10, "the last page holds the rest");
            break;
        }
        assert_eq!(items.len(), 20);
        assert_eq!(next, start + 20);
        start = next;
        assert!(pages < 20, "paging does not end");
    }
    assert_eq!(pages, 13);
    assert_eq!(seen, expected);
    // A start past the end is an empty last page.
    let v = h.call(
        "sns/black_list_get",
        json!({"From_Account": "alice", "StartIndex": 999, "MaxLimited": 20, "LastSequence": 0}),
    );
    assert_eq!(v["BlackListItem"], json!([]));
    assert_eq!(v["StartIndex"], 0);
    // Exactly one full page is also the last.
    let v = h.call(
        "sns/black_list_get",
        json!({"From_Account": "alice", "StartIndex": 0, "MaxLimited": 1000, "LastSequence": 0}),
    );
    assert_eq!(v["BlackListItem"].as_array().unwrap().len(), 250);
    assert_eq!(v["StartIndex"], 0);
}

/// The SDK's JSON input may leave the first-page cursor out (core fills it in), but the service
/// requires every field on the wire, and so does the emulator.
#[test]
fn black_list_get_requires_its_cursor_fields_on_the_wire() {
    let h = Harness::new();
    h.emu.control().add_account("a");
    for missing in ["StartIndex", "MaxLimited", "LastSequence"] {
        let mut body =
            json!({"From_Account": "a", "StartIndex": 0, "MaxLimited": 10, "LastSequence": 0});
        body.as_object_mut().unwrap().remove(missing);
        let info = assert_fail(&h.call("sns/black_list_get", body), 30001);
        assert!(info.contains(missing), "{info}");
    }
    assert_ok(&h.call(
        "sns/black_list_get",
        json!({"From_Account": "a", "StartIndex": 0, "MaxLimited": 10, "LastSequence": 0}),
    ));
}
