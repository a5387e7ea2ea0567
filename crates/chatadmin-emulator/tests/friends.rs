//! The friend endpoints (`sns/friend_*`) end to end over HTTP: adds one-way and two-way,
//! checks, deletes, imports, updates, paged reads and reads of chosen fields, with the pages'
//! error codes.

mod common;

use std::collections::BTreeSet;

use common::{assert_fail, assert_ok, import_accounts, names, Harness};
use serde_json::{json, Value};

fn relations(v: &Value) -> Vec<(String, String)> {
    v["InfoItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["ResultCode"], 0, "{i}");
            (
                i["To_Account"].as_str().unwrap().to_owned(),
                i["Relation"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn check(h: &Harness, from: &str, to: &[&str], both: bool) -> Vec<String> {
    let v = h.call(
        "sns/friend_check",
        json!({
            "From_Account": from,
            "To_Account": to,
            "CheckType": if both { "CheckResult_Type_Both" } else { "CheckResult_Type_Single" },
        }),
    );
    assert_ok(&v);
    let r = relations(&v);
    assert_eq!(
        r.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
        to,
        "one item per account, in order"
    );
    r.into_iter().map(|(_, rel)| rel).collect()
}

fn codes(v: &Value) -> Vec<i64> {
    v["ResultItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ResultCode"].as_i64().unwrap())
        .collect()
}

/// Every page of `from`'s friends, following `NextStartIndex` until `CompleteFlag`.
fn all_pages(h: &Harness, from: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut start = 0u64;
    loop {
        let v = h.call(
            "sns/friend_get",
            json!({"From_Account": from, "StartIndex": start}),
        );
        assert_ok(&v);
        let complete = v["CompleteFlag"].as_u64().unwrap();
        let next = v["NextStartIndex"].as_u64().unwrap();
        pages.push(v);
        if complete != 0 {
            assert_eq!(next, 0);
            break;
        }
        assert!(next > start, "the cursor moves forward");
        start = next;
        assert!(pages.len() < 100, "runaway paging");
    }
    pages
}

#[test]
fn add_check_delete_and_page_through_a_thousand_friends() {
    let h = Harness::new();
    import_accounts(&h, &["a".into(), "b".into()]);

    // b requires confirmation (the default): a plain add is pending, nothing is added.
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b", "AddSource": "AddSource_Type_Web"}]}),
    );
    assert_ok(&v);
    assert_eq!(codes(&v), [30539]);
    assert_eq!(v["Fail_Account"], json!(["b"]));
    assert_eq!(v["ErrorDisplay"], "");
    assert_eq!(
        check(&h, "a", &["b"], true),
        ["CheckResult_Type_NoRelation"]
    );

    // An admin force-add, two-way by default.
    let v = h.call(
        "sns/friend_add",
        json!({
            "From_Account": "a",
            "AddFriendItem": [{"To_Account": "b", "Remark": "Bee", "GroupName": "pals",
                               "AddSource": "AddSource_Type_Web", "AddWording": "hi"}],
            "ForceAddFlags": 1
        }),
    );
    assert_ok(&v);
    assert_eq!(codes(&v), [0]);
    assert!(v.get("Fail_Account").is_none(), "{v}");
    assert_eq!(check(&h, "a", &["b"], true), ["CheckResult_Type_BothWay"]);
    assert_eq!(check(&h, "b", &["a"], true), ["CheckResult_Type_BothWay"]);

    // a's side carries the request's fields; b's side the source and time.
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "a", "StartIndex": 0}),
    );
    assert_ok(&v);
    let item = &v["UserDataItem"][0];
    assert_eq!(item["To_Account"], "b");
    let tags: Vec<(&str, &Value)> = item["ValueItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["Tag"].as_str().unwrap(), &t["Value"]))
        .collect();
    let now = h.emu.control().now();
    assert_eq!(
        tags,
        [
            ("Tag_SNS_IM_AddSource", &json!("AddSource_Type_Web")),
            ("Tag_SNS_IM_Remark", &json!("Bee")),
            ("Tag_SNS_IM_Group", &json!(["pals"])),
            ("Tag_SNS_IM_AddTime", &json!(now)),
            ("Tag_SNS_IM_AddWording", &json!("hi")),
        ]
    );
    assert_eq!(
        (v["FriendNum"].as_u64(), v["CompleteFlag"].as_u64()),
        (Some(1), Some(1))
    );
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "b", "StartIndex": 0}),
    );
    assert_eq!(
        v["UserDataItem"][0]["ValueItem"],
        json!([{"Tag": "Tag_SNS_IM_AddSource", "Value": "AddSource_Type_Web"},
               {"Tag": "Tag_SNS_IM_AddTime", "Value": now}])
    );

    // Delete one way: b keeps a.
    let v = h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b"], "DeleteType": "Delete_Type_Single"}),
    );
    assert_ok(&v);
    assert_eq!(check(&h, "a", &["b"], true), ["CheckResult_Type_BWithA"]);
    assert_eq!(check(&h, "b", &["a"], true), ["CheckResult_Type_AWithB"]);
    // A one-way check only looks at the requester's list.
    assert_eq!(
        check(&h, "a", &["b"], false),
        ["CheckResult_Type_NoRelation"]
    );
    assert_eq!(check(&h, "b", &["a"], false), ["CheckResult_Type_AWithB"]);

    // A thousand friends for a, imported in batches, then read a page at a time.
    let many = names("f", 1000);
    import_accounts(&h, &many);
    // Imported out of order: the pages come in UserID order.
    let mut shuffled = many.clone();
    shuffled.reverse();
    for chunk in shuffled.chunks(250) {
        let items: Vec<Value> = chunk
            .iter()
            .map(|id| json!({"To_Account": id, "AddSource": "AddSource_Type_Import"}))
            .collect();
        let v = h.call(
            "sns/friend_import",
            json!({"From_Account": "a", "AddFriendItem": items}),
        );
        assert_ok(&v);
        assert!(codes(&v).iter().all(|c| *c == 0));
        assert_eq!(v["ResultItem"][0]["To_Account"], json!(chunk[0]));
    }
    let pages = all_pages(&h, "a");
    assert_eq!(pages.len(), 10, "100 friends a page");
    let mut seen = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p["FriendNum"], 1000);
        let items = p["UserDataItem"].as_array().unwrap();
        assert_eq!(items.len(), 100);
        assert_eq!(p["CompleteFlag"], u64::from(i == 9));
        seen.extend(
            items
                .iter()
                .map(|it| it["To_Account"].as_str().unwrap().to_owned()),
        );
    }
    assert_eq!(seen, many, "every friend once, in UserID order");
    let seq = pages[0]["StandardSequence"].as_u64().unwrap();
    assert!(seq > 0);
    assert!(pages.iter().all(|p| p["StandardSequence"] == seq));

    // With the current StandardSequence the standard fields are left out.
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "a", "StartIndex": 0, "StandardSequence": seq, "CustomSequence": 0}),
    );
    assert_ok(&v);
    assert_eq!(v["UserDataItem"][0]["ValueItem"], json!([]));
    assert_eq!(v["UserDataItem"].as_array().unwrap().len(), 100);
    // A start past the end is an empty last page.
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "a", "StartIndex": 5000}),
    );
    assert_eq!(v["UserDataItem"], json!([]));
    assert_eq!(
        (v["CompleteFlag"].as_u64(), v["FriendNum"].as_u64()),
        (Some(1), Some(1000))
    );

    // Delete all of a's friends one-way: the friends keep a (none had it), b keeps a.
    assert_ok(&h.call("sns/friend_delete_all", json!({"From_Account": "a"})));
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "a", "StartIndex": 0}),
    );
    assert_eq!(
        (v["FriendNum"].as_u64(), v["CompleteFlag"].as_u64()),
        (Some(0), Some(1))
    );
    assert!(h.emu.control().is_friend("b", "a"));
}

#[test]
fn one_way_add_and_allow_any() {
    let h = Harness::new();
    import_accounts(&h, &["a".into(), "b".into(), "c".into()]);
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b"}, {"To_Account": "c"}],
               "AddType": "Add_Type_Single", "ForceAddFlags": 1}),
    );
    assert_eq!(codes(&v), [0, 0]);
    assert_eq!(
        check(&h, "a", &["b", "c"], true),
        ["CheckResult_Type_AWithB", "CheckResult_Type_AWithB"]
    );
    let c = h.emu.control();
    assert!(!c.is_friend("b", "a"));
    // Adding again changes nothing and succeeds.
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b"}], "AddType": "Add_Type_Single"}),
    );
    assert_eq!(codes(&v), [0]);
    // A two-way add of an existing one-way friend adds the missing side.
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b"}], "ForceAddFlags": 1}),
    );
    assert_eq!(codes(&v), [0]);
    assert!(c.is_friend("b", "a"));
}

#[test]
fn friend_add_per_item_errors() {
    let h = Harness::new();
    import_accounts(&h, &["a".into(), "b".into()]);
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "ForceAddFlags": 1, "AddFriendItem": [
            {"To_Account": "ghost"}, {"To_Account": "a"}, {"To_Account": "b"}
        ]}),
    );
    assert_ok(&v);
    assert_eq!(codes(&v), [30003, 30001, 0]);
    assert_eq!(v["Fail_Account"], json!(["ghost", "a"]));

    // 32 lists already: a 33rd through GroupName is refused for that item only.
    let c = h.emu.control();
    c.add_account("d");
    let lists: Vec<String> = (0..32).map(|i| format!("l{i}")).collect();
    let refs: Vec<(&str, &[&str])> = lists.iter().map(|l| (l.as_str(), &[][..])).collect();
    c.set_friend_lists("a", &refs);
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "ForceAddFlags": 1, "AddFriendItem": [
            {"To_Account": "d", "GroupName": "new"}
        ]}),
    );
    assert_eq!(codes(&v), [30011]);
    assert!(!c.is_friend("a", "d") && !c.is_friend("d", "a"));
    // An existing list is fine.
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "ForceAddFlags": 1, "AddFriendItem": [
            {"To_Account": "d", "GroupName": "l3"}
        ]}),
    );
    assert_eq!(codes(&v), [0]);
    assert_eq!(
        c.state_json()["friend_lists"]["a"]["Lists"]["l3"],
        json!(["d"])
    );
}

#[test]
fn friend_import_sets_every_field() {
    let h = Harness::new();
    import_accounts(&h, &["a".into(), "b".into(), "c".into()]);
    let v = h.call(
        "sns/friend_import",
        json!({"From_Account": "a", "AddFriendItem": [
            {"To_Account": "b", "Remark": "Bee", "RemarkTime": 1420000001,
             "GroupName": ["Colleagues", "Friends"], "AddSource": "AddSource_Type_Android",
             "AddWording": "I'm Test3", "AddTime": 1420000001,
             "CustomItem": [{"Tag": "Tag_SNS_Custom_Level", "Value": "gold"},
                            {"Tag": "Tag_SNS_Custom_Score", "Value": 7}]},
            {"To_Account": "nobody", "AddSource": "AddSource_Type_Android"},
            {"To_Account": "c", "AddSource": "AddSource_Type_IOS"}
        ]}),
    );
    assert_ok(&v);
    assert_eq!(codes(&v), [0, 30003, 0]);
    assert_eq!(v["Fail_Account"], json!(["nobody"]));
    let c = h.emu.control();
    // One-way only.
    assert!(c.is_friend("a", "b") && !c.is_friend("b", "a"));
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "a", "StartIndex": 0}),
    );
    assert_eq!(
        v["UserDataItem"][0]["ValueItem"],
        json!([
            {"Tag": "Tag_SNS_IM_AddSource", "Value": "AddSource_Type_Android"},
            {"Tag": "Tag_SNS_IM_Remark", "Value": "Bee"},
            {"Tag": "Tag_SNS_IM_Group", "Value": ["Colleagues", "Friends"]},
            {"Tag": "Tag_SNS_IM_AddTime", "Value": 1420000001},
            {"Tag": "Tag_SNS_IM_AddWording", "Value": "I'm Test3"},
            {"Tag": "Tag_SNS_Custom_Level", "Value": "gold"},
            {"Tag": "Tag_SNS_Custom_Score", "Value": 7},
        ])
    );
    // AddTime defaults to now.
    assert_eq!(
        v["UserDataItem"][1]["ValueItem"][1],
        json!({"Tag": "Tag_SNS_IM_AddTime", "Value": c.now()})
    );
    let lists = &c.state_json()["friend_lists"]["a"];
    assert_eq!(lists["Lists"]["Friends"], json!(["b"]));
    // With the current CustomSequence only the standard fields come back.
    let cs = v["CustomSequence"].as_u64().unwrap();
    assert!(cs > 0);
    let v = h.call(
        "sns/friend_get",
        json!({"From_Account": "a", "StartIndex": 0, "CustomSequence": cs}),
    );
    assert_eq!(
        v["UserDataItem"][0]["ValueItem"].as_array().unwrap().len(),
        5
    );

    // The friend limit of 3000 (30010) and the list limit of 32 (30011).
    let lists: Vec<String> = (0..31).map(|i| format!("l{i}")).collect();
    let refs: Vec<(&str, &[&str])> = lists.iter().map(|l| (l.as_str(), &[][..])).collect();
    c.set_friend_lists("c", &refs);
    let v = h.call(
        "sns/friend_import",
        json!({"From_Account": "c", "AddFriendItem": [
            {"To_Account": "a", "AddSource": "AddSource_Type_X", "GroupName": ["n1", "n2"]},
            {"To_Account": "b", "AddSource": "AddSource_Type_X", "GroupName": ["n1", "l0"]},
        ]}),
    );
    assert_eq!(codes(&v), [30011, 0]);
    assert!(!c.is_friend("c", "a") && c.is_friend("c", "b"));
}

#[test]
fn friend_import_stops_at_three_thousand_friends() {
    let h = Harness::new();
    let many = names("u", 3001);
    import_accounts(&h, &many);
    h.emu.control().add_account("a");
    for chunk in many[..3000].chunks(1000) {
        let items: Vec<Value> = chunk
            .iter()
            .map(|id| json!({"To_Account": id, "AddSource": "AddSource_Type_X"}))
            .collect();
        let v = h.call(
            "sns/friend_import",
            json!({"From_Account": "a", "AddFriendItem": items}),
        );
        assert!(codes(&v).iter().all(|c| *c == 0));
    }
    let v = h.call(
        "sns/friend_import",
        json!({"From_Account": "a", "AddFriendItem": [
            {"To_Account": many[3000], "AddSource": "AddSource_Type_X"},
            // Re-importing an existing friend is not a new friend.
            {"To_Account": many[0], "AddSource": "AddSource_Type_Y"},
        ]}),
    );
    assert_eq!(codes(&v), [30010, 0]);
    assert_eq!(
        v["ResultItem"][0]["ResultInfo"],
        "Err_SNS_FriendImport_My_Friend_Num_Exceed_Threshold"
    );
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": "a", "ForceAddFlags": 1, "AddType": "Add_Type_Single",
               "AddFriendItem": [{"To_Account": many[3000]}]}),
    );
    assert_eq!(codes(&v), [30010]);
    // The other side: a has 3000 friends, so a two-way add to a fails with 30014.
    let v = h.call(
        "sns/friend_add",
        json!({"From_Account": many[3000], "ForceAddFlags": 1, "AddFriendItem": [{"To_Account": "a"}]}),
    );
    assert_eq!(codes(&v), [30014]);
    assert!(!h.emu.control().is_friend(&many[3000], "a"));
}

#[test]
fn friend_update_sets_remark_lists_and_custom_fields() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_account("stranger");
    let v = h.call(
        "sns/friend_update",
        json!({"From_Account": "a", "UpdateItem": [
            {"To_Account": "b", "SnsItem": [
                {"Tag": "Tag_SNS_IM_Remark", "Value": "Bee"},
                {"Tag": "Tag_SNS_IM_Group", "Value": ["g1", "g2"]},
                {"Tag": "Tag_SNS_Custom_Test", "Value": "test"}]},
            {"To_Account": "stranger", "SnsItem": [{"Tag": "Tag_SNS_IM_Remark", "Value": "x"}]}
        ]}),
    );
    assert_ok(&v);
    assert_eq!(codes(&v), [0, 30001]);
    assert_eq!(v["Fail_Account"], json!(["stranger"]));
    let read = |tags: Value| {
        h.call(
            "sns/friend_get_list",
            json!({"From_Account": "a", "To_Account": ["b"], "TagList": tags}),
        )
    };
    let v = read(json!([
        "Tag_SNS_IM_Remark",
        "Tag_SNS_IM_Group",
        "Tag_SNS_Custom_Test"
    ]));
    assert_eq!(
        v["InfoItem"][0]["SnsProfileItem"],
        json!([{"Tag": "Tag_SNS_IM_Remark", "Value": "Bee"},
               {"Tag": "Tag_SNS_IM_Group", "Value": ["g1", "g2"]},
               {"Tag": "Tag_SNS_Custom_Test", "Value": "test"}])
    );
    // The lists are replaced; an empty remark clears it.
    let v = h.call(
        "sns/friend_update",
        json!({"From_Account": "a", "UpdateItem": [{"To_Account": "b", "SnsItem": [
            {"Tag": "Tag_SNS_IM_Remark", "Value": ""},
            {"Tag": "Tag_SNS_IM_Group", "Value": ["g2"]}]}]}),
    );
    assert_eq!(codes(&v), [0]);
    let v = read(json!(["Tag_SNS_IM_Remark", "Tag_SNS_IM_Group"]));
    assert_eq!(
        v["InfoItem"][0]["SnsProfileItem"],
        json!([{"Tag": "Tag_SNS_IM_Group", "Value": ["g2"]}])
    );
    assert_eq!(
        c.state_json()["friend_lists"]["a"]["Lists"]["g1"],
        json!([])
    );
    // Fields that cannot be updated fail the request (30001) and change nothing.
    let v = h.call(
        "sns/friend_update",
        json!({"From_Account": "a", "UpdateItem": [{"To_Account": "b", "SnsItem": [
            {"Tag": "Tag_SNS_IM_Group", "Value": ["g9"]},
            {"Tag": "Tag_SNS_IM_AddSource", "Value": "AddSource_Type_X"}]}]}),
    );
    let info = assert_fail(&v, 30001);
    assert!(info.contains("SnsItem[1].Tag"), "{info}");
    assert!(c.state_json()["friend_lists"]["a"]["Lists"]
        .get("g9")
        .is_none());
    // 32 lists: a 33rd is refused for that friend.
    let lists: Vec<String> = (0..32).map(|i| format!("l{i}")).collect();
    let refs: Vec<(&str, &[&str])> = lists.iter().map(|l| (l.as_str(), &[][..])).collect();
    c.set_friend_lists("a", &refs);
    let v = h.call(
        "sns/friend_update",
        json!({"From_Account": "a", "UpdateItem": [{"To_Account": "b", "SnsItem": [
            {"Tag": "Tag_SNS_IM_Remark", "Value": "kept?"},
            {"Tag": "Tag_SNS_IM_Group", "Value": ["l0", "another"]}]}]}),
    );
    assert_eq!(codes(&v), [30011]);
    let v = read(json!(["Tag_SNS_IM_Remark"]));
    assert!(v["InfoItem"][0].get("SnsProfileItem").is_none(), "{v}");
}

#[test]
fn friend_get_list_reads_friend_and_profile_fields() {
    let h = Harness::new();
    assert_ok(&h.call(
        "im_open_login_svc/account_import",
        json!({"UserID": "UserID_2", "Nick": "nick_2"}),
    ));
    import_accounts(&h, &["UserID_1".into(), "UserID_3".into()]);
    let v = h.call(
        "sns/friend_import",
        json!({"From_Account": "UserID_1", "AddFriendItem": [
            {"To_Account": "UserID_2", "Remark": "remark_2", "GroupName": ["group1", "group2"],
             "AddSource": "AddSource_Type_Web",
             "CustomItem": [{"Tag": "Tag_SNS_Custom_Test", "Value": "custom_sns_2"}]}
        ]}),
    );
    assert_eq!(codes(&v), [0]);
    let v = h.call(
        "sns/friend_get_list",
        json!({"From_Account": "UserID_1", "To_Account": ["UserID_2", "UserID_3", "UserID_4"],
               "TagList": ["Tag_Profile_Custom_Test", "Tag_Profile_IM_Image", "Tag_Profile_IM_Nick",
                           "Tag_SNS_Custom_Test", "Tag_SNS_IM_Remark", "Tag_SNS_IM_Group"]}),
    );
    assert_ok(&v);
    // The sample's order: friend fields, profile fields, custom friend fields; fields without
    // a value are left out.
    assert_eq!(
        v["InfoItem"][0],
        json!({"To_Account": "UserID_2", "SnsProfileItem": [
            {"Tag": "Tag_SNS_IM_Remark", "Value": "remark_2"},
            {"Tag": "Tag_SNS_IM_Group", "Value": ["group1", "group2"]},
            {"Tag": "Tag_Profile_IM_Nick", "Value": "nick_2"},
            {"Tag": "Tag_SNS_Custom_Test", "Value": "custom_sns_2"}],
            "ResultCode": 0, "ResultInfo": ""})
    );
    for (i, who) in [(1, "UserID_3"), (2, "UserID_4")] {
        assert_eq!(
            v["InfoItem"][i],
            json!({"To_Account": who, "ResultCode": 30001,
                   "ResultInfo": "Err_SNS_FriendGetList_Friend_Not_Exist"})
        );
    }
    assert_eq!(v["Fail_Account"], json!(["UserID_3", "UserID_4"]));
    // More than the recommended 100 friends is refused (the SDK splits).
    let many: Vec<String> = names("x", 101);
    let v = h.call(
        "sns/friend_get_list",
        json!({"From_Account": "UserID_1", "To_Account": many, "TagList": ["Tag_SNS_IM_Remark"]}),
    );
    let info = assert_fail(&v, 30001);
    assert!(info.contains("To_Account"), "{info}");
}

#[test]
fn friend_delete_all_both_ways() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "b", true);
    c.add_friend("a", "c", false);
    c.add_friend("d", "a", false); // d has a, a does not have d
    c.set_friend_lists("a", &[("close", &["b", "c"])]);
    let v = h.call(
        "sns/friend_delete_all",
        json!({"From_Account": "a", "DeleteType": "Delete_Type_Both"}),
    );
    assert_ok(&v);
    assert_eq!(v["ErrorInfo"], "");
    assert!(!c.is_friend("a", "b") && !c.is_friend("b", "a") && !c.is_friend("a", "c"));
    assert!(c.is_friend("d", "a"), "not a's friend: kept");
    // The lists stay, emptied.
    assert_eq!(
        c.state_json()["friend_lists"]["a"]["Lists"]["close"],
        json!([])
    );
    // Again: nothing left, still fine.
    assert_ok(&h.call("sns/friend_delete_all", json!({"From_Account": "a"})));
}

#[test]
fn unknown_from_account_and_bad_requests() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("b");
    for (path, body) in [
        (
            "sns/friend_add",
            json!({"From_Account": "ghost", "AddFriendItem": [{"To_Account": "b"}]}),
        ),
        (
            "sns/friend_import",
            json!({"From_Account": "ghost", "AddFriendItem": [{"To_Account": "b", "AddSource": "AddSource_Type_X"}]}),
        ),
        (
            "sns/friend_update",
            json!({"From_Account": "ghost", "UpdateItem": [{"To_Account": "b", "SnsItem": [{"Tag": "Tag_SNS_IM_Remark", "Value": "x"}]}]}),
        ),
        ("sns/friend_delete_all", json!({"From_Account": "ghost"})),
        (
            "sns/friend_check",
            json!({"From_Account": "ghost", "To_Account": ["b"], "CheckType": "CheckResult_Type_Both"}),
        ),
        (
            "sns/friend_get",
            json!({"From_Account": "ghost", "StartIndex": 0}),
        ),
        (
            "sns/friend_get_list",
            json!({"From_Account": "ghost", "To_Account": ["b"], "TagList": ["Tag_SNS_IM_Remark"]}),
        ),
    ] {
        let v = h.call(path, body);
        let info = assert_fail(&v, 30003);
        assert!(info.contains("ghost"), "{path}: {info}");
        assert_eq!(v["ErrorDisplay"], "", "{path}");
    }
    assert!(!c.account_exists("ghost"));

    c.add_account("a");
    let items: Vec<Value> = (0..101)
        .map(|i| json!({"To_Account": format!("u{i}")}))
        .collect();
    for (path, body, needle) in [
        (
            "sns/friend_add",
            json!({"From_Account": "a", "AddFriendItem": items}),
            "AddFriendItem",
        ),
        (
            "sns/friend_add",
            json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b", "AddSource": "Web"}]}),
            "AddSource",
        ),
        (
            "sns/friend_check",
            json!({"From_Account": "a", "To_Account": ["b"], "CheckType": "Both"}),
            "CheckType",
        ),
        ("sns/friend_get", json!({"From_Account": "a"}), "StartIndex"),
        (
            "sns/friend_import",
            json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b", "AddSource": "AddSource_Type_X", "Remark": "r".repeat(97)}]}),
            "Remark",
        ),
    ] {
        let info = assert_fail(&h.call(path, body), 30001);
        assert!(info.contains(needle), "{path}: {info}");
    }
    assert!(!c.is_friend("a", "b"));
}

#[test]
fn friend_check_covers_every_relation() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_friend("a", "both", true);
    c.add_friend("a", "mine", false);
    c.add_friend("theirs", "a", false);
    c.add_account("none");
    let to = ["both", "mine", "theirs", "none", "never_imported"];
    assert_eq!(
        check(&h, "a", &to, true),
        [
            "CheckResult_Type_BothWay",
            "CheckResult_Type_AWithB",
            "CheckResult_Type_BWithA",
            "CheckResult_Type_NoRelation",
            "CheckResult_Type_NoRelation"
        ]
    );
    assert_eq!(
        check(&h, "a", &to, false),
        [
            "CheckResult_Type_AWithB",
            "CheckResult_Type_AWithB",
            "CheckResult_Type_NoRelation",
            "CheckResult_Type_NoRelation",
            "CheckResult_Type_NoRelation"
        ]
    );
    let unique: BTreeSet<&str> = to.iter().copied().collect();
    assert_eq!(unique.len(), to.len());
}
