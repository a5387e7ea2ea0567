//! The emulated endpoints' documented semantics, over real HTTP.

mod common;

use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

#[test]
fn account_import_is_idempotent_and_sets_the_profile() {
    let h = Harness::new();
    let body = json!({"UserID": "alice", "Nick": "Alice", "FaceUrl": "https://x/a.png"});
    for _ in 0..2 {
        let v = h.call("im_open_login_svc/account_import", body.clone());
        assert_ok(&v);
        assert_eq!(v["ErrorInfo"], "");
        assert!(v.get("ErrorDisplay").is_none(), "{v}");
    }
    // Without profile fields a repeat keeps them.
    assert_ok(&h.call(
        "im_open_login_svc/account_import",
        json!({"UserID": "alice"}),
    ));
    let state = h.emu.control().state_json();
    assert_eq!(state["accounts"].as_object().unwrap().len(), 1);
    assert_eq!(state["accounts"]["alice"]["Nick"], "Alice");
    assert_eq!(state["accounts"]["alice"]["FaceUrl"], "https://x/a.png");
}

#[test]
fn multiaccount_import_takes_both_forms() {
    let h = Harness::new();
    let v = h.call(
        "im_open_login_svc/multiaccount_import",
        json!({"Accounts": ["a1", "a2", "a1"]}),
    );
    assert_ok(&v);
    assert_eq!(v["FailAccounts"], json!([]));
    let v = h.call(
        "im_open_login_svc/multiaccount_import",
        json!({"AccountList": [{"UserID": "a2", "Nick": "Two"}, {"UserID": "a3"}]}),
    );
    assert_ok(&v);
    let c = h.emu.control();
    assert!(["a1", "a2", "a3"].iter().all(|a| c.account_exists(a)));
    assert_eq!(c.state_json()["accounts"]["a2"]["Nick"], "Two");
    // Both forms at once, or neither, is a protocol violation.
    let v = h.call(
        "im_open_login_svc/multiaccount_import",
        json!({"Accounts": ["x"], "AccountList": [{"UserID": "y"}]}),
    );
    assert_fail(&v, 70402);
    assert!(!c.account_exists("x") && !c.account_exists("y"));
    // An account ID over 32 bytes fails the request (core's documented limit).
    let v = h.call(
        "im_open_login_svc/multiaccount_import",
        json!({"Accounts": ["ok", "x".repeat(33)]}),
    );
    assert!(assert_fail(&v, 70402).contains("Accounts[1]"));
    assert!(!c.account_exists("ok"));
}

#[test]
fn account_check_reports_import_status() {
    let h = Harness::new();
    h.emu.control().add_account("in");
    let v = h.call(
        "im_open_login_svc/account_check",
        json!({"CheckItem": [{"UserID": "in"}, {"UserID": "out"}]}),
    );
    assert_ok(&v);
    assert_eq!(
        v["ResultItem"],
        json!([
            {"UserID": "in", "ResultCode": 0, "ResultInfo": "", "AccountStatus": "Imported"},
            {"UserID": "out", "ResultCode": 0, "ResultInfo": "", "AccountStatus": "NotImported"},
        ])
    );
}

#[test]
fn account_delete_reports_per_account_and_removes_the_accounts_data() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("alice", "bob", true);
    c.add_friend("carol", "alice", false);
    c.set_friend_lists("bob", &[("close", &["alice"])]);
    let g = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Public", "Name": "g", "Owner_Account": "alice", "MemberList": [{"Member_Account": "bob"}]}),
    );
    assert_ok(&g);
    let gid = g["GroupId"].as_str().unwrap().to_owned();

    let v = h.call(
        "im_open_login_svc/account_delete",
        json!({"DeleteItem": [{"UserID": "alice"}, {"UserID": "ghost"}, {"UserID": "alice"}]}),
    );
    assert_ok(&v);
    let items = v["ResultItem"].as_array().unwrap();
    assert_eq!(
        items[0],
        json!({"UserID": "alice", "ResultCode": 0, "ResultInfo": ""})
    );
    for item in &items[1..] {
        assert_eq!(item["ResultCode"], 70107, "{item}");
        assert_eq!(
            item["ResultInfo"],
            "Err_TLS_PT_Open_Login_Account_Not_Exist"
        );
    }
    assert!(!c.account_exists("alice"));
    assert!(!c.is_friend("bob", "alice") && !c.is_friend("carol", "alice"));
    let state = c.state_json();
    assert_eq!(state["friend_lists"]["bob"]["Lists"]["close"], json!([]));
    assert_eq!(state["groups"][&gid]["Owner_Account"], Value::Null);
    assert_eq!(
        state["groups"][&gid]["MemberList"],
        json!([{"Member_Account": "bob", "Role": "Member"}])
    );
}

#[test]
fn account_lists_over_the_documented_limit_are_invalid_parameters() {
    let h = Harness::new();
    let items: Vec<Value> = (0..101)
        .map(|i| json!({"UserID": format!("u{i}")}))
        .collect();
    let v = h.call(
        "im_open_login_svc/account_check",
        json!({"CheckItem": items}),
    );
    let info = assert_fail(&v, 70402);
    assert!(info.contains("CheckItem") && info.contains("100"), "{info}");
}

// ---------------------------------------------------------------------------------------------
// Friends
// ---------------------------------------------------------------------------------------------

#[test]
fn friend_delete_single_removes_only_the_requesters_side() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_friend("a", "c", true);
    c.add_account("stranger");
    c.set_friend_lists("a", &[("best", &["b", "c"])]);
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b", "stranger", "nobody"]}),
    );
    assert_ok(&v);
    assert_eq!(v["ErrorInfo"], "0");
    assert_eq!(v["ErrorDisplay"], "");
    assert_eq!(
        v["ResultItem"][0],
        json!({"To_Account": "b", "ResultCode": 0, "ResultInfo": ""})
    );
    for i in 1..3 {
        assert_eq!(v["ResultItem"][i]["ResultCode"], 31704, "{v}");
        assert_eq!(
            v["ResultItem"][i]["ResultInfo"],
            "Err_SNS_FriendDelete_Not_Friend"
        );
    }
    assert!(!c.is_friend("a", "b"));
    assert!(
        c.is_friend("b", "a"),
        "Delete_Type_Single keeps the other side"
    );
    assert!(c.is_friend("a", "c"));
    // The deleted friend leaves a's lists; the list stays.
    assert_eq!(
        c.state_json()["friend_lists"]["a"]["Lists"]["best"],
        json!(["c"])
    );
    // Deleting again: not a friend any more.
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b"], "DeleteType": "Delete_Type_Single"}),
    );
    assert_eq!(v["ResultItem"][0]["ResultCode"], 31704);
}

#[test]
fn friend_delete_both_removes_both_sides() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_friend("c", "a", false); // only c has a
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b", "c"], "DeleteType": "Delete_Type_Both"}),
    );
    assert_ok(&v);
    assert_eq!(v["ResultItem"][0]["ResultCode"], 0);
    assert_eq!(v["ResultItem"][1]["ResultCode"], 0);
    assert!(!c.is_friend("a", "b") && !c.is_friend("b", "a") && !c.is_friend("c", "a"));
}

#[test]
fn friend_delete_errors() {
    let h = Harness::new();
    h.emu.control().add_friend("a", "b", true);
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "ghost", "To_Account": ["b"]}),
    );
    let info = assert_fail(&v, 30003);
    assert!(info.contains("ghost"), "{info}");
    assert_eq!(v["ErrorDisplay"], "");
    assert!(v.get("ResultItem").is_none());
    // Over the documented 1000 To_Account.
    let many: Vec<String> = (0..1001).map(|i| format!("u{i}")).collect();
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": many}),
    );
    let info = assert_fail(&v, 30001);
    assert!(
        info.contains("To_Account") && info.contains("1000"),
        "{info}"
    );
    // Unknown DeleteType, unknown field: invalid parameters, nothing deleted.
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b"], "DeleteType": "Delete_Type_All"}),
    );
    assert_fail(&v, 30001);
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b"], "Extra": 1}),
    );
    assert_fail(&v, 30001);
    assert!(h.emu.control().is_friend("a", "b"));
}

// ---------------------------------------------------------------------------------------------
// Friend lists
// ---------------------------------------------------------------------------------------------

#[test]
fn group_delete_removes_lists_keeps_friends_and_bumps_the_sequence() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.set_friend_lists("a", &[("work", &["b"]), ("home", &["b"]), ("gym", &[])]);
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "a", "GroupName": ["work", "gym"]}),
    );
    assert_ok(&v);
    assert_eq!(v["CurrentSequence"], 2);
    assert_eq!(v["ErrorDisplay"], "");
    assert!(c.is_friend("a", "b"));
    let lists = c.state_json()["friend_lists"]["a"].clone();
    assert_eq!(lists["Lists"], json!({"home": ["b"]}));
    assert_eq!(lists["CurrentSequence"], 2);
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "a", "GroupName": ["home"]}),
    );
    assert_eq!(v["CurrentSequence"], 3);
}

#[test]
fn group_delete_errors() {
    let h = Harness::new();
    let c = h.emu.control();
    c.set_friend_lists("a", &[("work", &[])]);
    // A list the account does not have: the whole call fails and nothing changes.
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "a", "GroupName": ["work", "nope"]}),
    );
    assert!(assert_fail(&v, 30001).contains("nope"));
    assert_eq!(c.state_json()["friend_lists"]["a"]["CurrentSequence"], 1);
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "ghost", "GroupName": ["x"]}),
    );
    assert_fail(&v, 30003);
    // Over the documented 32 names.
    let names: Vec<String> = (0..33).map(|i| format!("l{i}")).collect();
    let v = h.call(
        "sns/group_delete",
        json!({"From_Account": "a", "GroupName": names}),
    );
    assert!(assert_fail(&v, 30001).contains("32"));
}

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

#[test]
fn create_group_assigns_ids_and_stores_the_group() {
    let h = Harness::new();
    let c = h.emu.control();
    for a in ["leckie", "bob", "peter"] {
        c.add_account(a);
    }
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({
            "Owner_Account": "leckie", "Type": "Public", "Name": "TestGroup",
            "Introduction": "intro", "ApplyJoinOption": "FreeAccess",
            "MemberList": [{"Member_Account": "bob", "Role": "Admin"}, {"Member_Account": "peter"}, {"Member_Account": "leckie"}]
        }),
    );
    assert_ok(&v);
    let id = v["GroupId"].as_str().unwrap().to_owned();
    assert!(id.starts_with("@TGS#") && id.len() > 5, "{id}");
    assert!(
        v.get("Type").is_none() && v.get("ErrorDisplay").is_none(),
        "{v}"
    );
    assert!(c.group_exists(&id));
    let g = c.state_json()["groups"][&id].clone();
    assert_eq!(g["Type"], "Public");
    assert_eq!(g["Name"], "TestGroup");
    assert_eq!(g["Owner_Account"], "leckie");
    assert_eq!(g["Introduction"], "intro");
    assert_eq!(
        g["MemberList"],
        json!([
            {"Member_Account": "leckie", "Role": "Owner"},
            {"Member_Account": "bob", "Role": "Admin"},
            {"Member_Account": "peter", "Role": "Member"},
        ])
    );
    // Another call gets another ID.
    let v2 = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Private", "Name": "n"}),
    );
    assert_ne!(v2["GroupId"], v["GroupId"]);
}

#[test]
fn create_group_with_a_custom_id_and_its_reuse() {
    let h = Harness::new();
    let body = json!({"Type": "Public", "GroupId": "MyFirstGroup", "Name": "TestGroup"});
    let v = h.call("group_open_http_svc/create_group", body.clone());
    assert_ok(&v);
    assert_eq!(v["GroupId"], "MyFirstGroup");
    let v = h.call("group_open_http_svc/create_group", body.clone());
    assert_fail(&v, 10021);
    assert_eq!(
        h.emu.control().state_json()["groups"]
            .as_object()
            .unwrap()
            .len(),
        1
    );
    // After disbanding, the ID is free again.
    assert_ok(&h.call(
        "group_open_http_svc/destroy_group",
        json!({"GroupId": "MyFirstGroup"}),
    ));
    assert_ok(&h.call("group_open_http_svc/create_group", body));
}

#[test]
fn create_group_special_types() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("owner");
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Community", "Name": "c", "SupportTopic": 1}),
    );
    assert_ok(&v);
    assert!(v["GroupId"].as_str().unwrap().starts_with("@TGS#_"), "{v}");
    assert_eq!(v["Type"], "Community");
    assert_eq!(v["HugeGroupFlag"], 0);
    // An AVChatRoom owner joins through the SDK, so is not a member yet.
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "AVChatRoom", "Name": "live", "Owner_Account": "owner"}),
    );
    let id = v["GroupId"].as_str().unwrap();
    let g = c.state_json()["groups"][id].clone();
    assert_eq!(g["Owner_Account"], "owner");
    assert_eq!(g["MemberList"], json!([]));
}

#[test]
fn create_group_errors() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("bob");
    let create = |body: Value| h.call("group_open_http_svc/create_group", body);
    // Owner or member never imported.
    let v = create(json!({"Type": "Public", "Name": "g", "Owner_Account": "ghost"}));
    assert!(assert_fail(&v, 10019).contains("ghost"));
    let v = create(
        json!({"Type": "Public", "Name": "g", "MemberList": [{"Member_Account": "bob"}, {"Member_Account": "ghost2"}]}),
    );
    assert!(assert_fail(&v, 10019).contains("ghost2"));
    // AVChatRoom with members: 10007 (create_group page).
    let v = create(
        json!({"Type": "AVChatRoom", "Name": "g", "MemberList": [{"Member_Account": "bob"}]}),
    );
    assert_fail(&v, 10007);
    // More than 100 initial members: 10005 (create_group page).
    let members: Vec<Value> = (0..101)
        .map(|i| json!({"Member_Account": format!("m{i}")}))
        .collect();
    let v = create(json!({"Type": "Public", "Name": "g", "MemberList": members}));
    assert_fail(&v, 10005);
    // Other documented limits: invalid parameter 10004.
    let v = create(json!({"Type": "Public", "Name": "x".repeat(31)}));
    assert!(assert_fail(&v, 10004).contains("Name"));
    // "Work" is now an accepted type (issue 12); an unknown type is still invalid.
    let v = create(json!({"Type": "Workgroup", "Name": "g"}));
    assert_fail(&v, 10004);
    let v = create(json!({"Type": "Public", "Name": "g", "GroupId": "@TGS#mine"}));
    assert_fail(&v, 10004);
    assert_eq!(c.state_json()["groups"], json!({}));
}

#[test]
fn destroy_group_of_an_unknown_or_disbanded_group_is_10010() {
    let h = Harness::new();
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "ChatRoom", "Name": "g"}),
    );
    let id = v["GroupId"].as_str().unwrap().to_owned();
    let v = h.call("group_open_http_svc/destroy_group", json!({"GroupId": id}));
    assert_ok(&v);
    assert!(!h.emu.control().group_exists(&id));
    let v = h.call("group_open_http_svc/destroy_group", json!({"GroupId": id}));
    assert_fail(&v, 10010);
    let v = h.call(
        "group_open_http_svc/destroy_group",
        json!({"GroupId": "never"}),
    );
    assert_fail(&v, 10010);
    let v = h.call("group_open_http_svc/destroy_group", json!({"GroupId": ""}));
    assert_fail(&v, 10004);
}

// ---------------------------------------------------------------------------------------------
// The documented samples (tests/samples of the repository)
// ---------------------------------------------------------------------------------------------

fn sample(rel: &str) -> Value {
    let path = format!("{}/../../tests/samples/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Same keys at every level, same JSON types (values may differ, like generated IDs).
fn assert_same_shape(got: &Value, want: &Value, at: &str) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let gk: Vec<&String> = g.keys().collect();
            let mut gk_sorted = gk.clone();
            gk_sorted.sort();
            let mut wk: Vec<&String> = w.keys().collect();
            wk.sort();
            assert_eq!(gk_sorted, wk, "keys at {at}");
            for (k, wv) in w {
                assert_same_shape(&g[k], wv, &format!("{at}.{k}"));
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            if let (Some(g0), Some(w0)) = (g.first(), w.first()) {
                assert_same_shape(g0, w0, &format!("{at}[0]"));
            }
        }
        (g, w) => assert_eq!(
            std::mem::discriminant(g),
            std::mem::discriminant(w),
            "type at {at}: {g} vs {w}"
        ),
    }
}

#[test]
fn documented_samples_get_documented_answers() {
    let h = Harness::new();
    let c = h.emu.control();

    c.add_account("UserID_1");
    let v = h.call(
        "im_open_login_svc/account_delete",
        sample("accounts/account_delete.default.request.json"),
    );
    assert_eq!(v, sample("accounts/account_delete.default.response.json"));

    c.add_account("UserID_1");
    let v = h.call(
        "im_open_login_svc/account_check",
        sample("accounts/account_check.default.request.json"),
    );
    assert_eq!(v, sample("accounts/account_check.default.response.json"));

    let v = h.call(
        "im_open_login_svc/account_import",
        sample("accounts/account_import.default.request.json"),
    );
    assert_eq!(v, sample("accounts/account_import.default.response.json"));

    let v = h.call(
        "im_open_login_svc/multiaccount_import",
        sample("accounts/multiaccount_import.default.request.json"),
    );
    assert_same_shape(
        &v,
        &sample("accounts/multiaccount_import.default.response.json"),
        "$",
    );

    for to in ["id1", "id2", "id3"] {
        c.add_friend("id", to, true);
    }
    let v = h.call(
        "sns/friend_delete",
        sample("friends/friend_delete.one_way.request.json"),
    );
    assert_eq!(v, sample("friends/friend_delete.default.response.json"));
    let v = h.call(
        "sns/friend_delete",
        sample("friends/friend_delete.two_way.request.json"),
    );
    assert_eq!(v, sample("friends/friend_delete.default.response.json"));

    // The sample answers CurrentSequence 4: three earlier changes, then this one.
    let lists: [(&str, &[&str]); 3] = [("group1", &[]), ("group2", &[]), ("group3", &[])];
    for _ in 0..3 {
        c.set_friend_lists("id", &lists);
    }
    let v = h.call(
        "sns/group_delete",
        sample("friend_lists/group_delete.default.request.json"),
    );
    assert_eq!(v, sample("friend_lists/group_delete.default.response.json"));

    for a in ["leckie", "bob", "peter"] {
        c.add_account(a);
    }
    for variant in [
        "app_defined_data",
        "base_info",
        "custom_group_id",
        "full",
        "member_defined_data",
        "minimal",
        "with_members",
        "community_with_topics",
    ] {
        let req = sample(&format!("groups/create_group.{variant}.request.json"));
        let v = h.call("group_open_http_svc/create_group", req.clone());
        let want = match variant {
            "custom_group_id" | "full" => {
                sample("groups/create_group.custom_group_id.response.json")
            }
            "community_with_topics" => sample("groups/create_group.community.response.json"),
            _ => sample("groups/create_group.default.response.json"),
        };
        assert_same_shape(&v, &want, variant);
        if req.get("GroupId").is_some() {
            assert_eq!(v, want, "{variant}");
        }
        let destroyed = h.call(
            "group_open_http_svc/destroy_group",
            json!({"GroupId": v["GroupId"]}),
        );
        assert_eq!(
            destroyed,
            sample("groups/destroy_group.default.response.json")
        );
    }
}
