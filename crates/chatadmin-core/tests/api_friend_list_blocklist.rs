//! Friend lists (`sns/group_add`, `sns/group_get`, `sns/group_delete`) and blocklists
//! (`sns/black_list_*`): documented samples round-trip, limits hold at the limit and fail one
//! past it, splits keep order, paging follows `StartIndex`, enums keep unknown values.

use chatadmin_core::api::blocklist::{
    BlockCheckType, BlockRelation, BlocklistAdd, BlocklistChangeResponse, BlocklistCheck,
    BlocklistCheckResponse, BlocklistDelete, BlocklistGet, BlocklistGetResponse,
};
use chatadmin_core::api::friend_list::{
    FriendListAdd, FriendListAddResponse, FriendListDelete, FriendListGet, FriendListGetResponse,
    NeedFriendType,
};
use chatadmin_core::enums::WireEnum;
use chatadmin_core::registry::{self, encode_request, parse_request};
use chatadmin_core::{ApiRequest, ApiResponse, Area, ErrorKind, Idempotency, Paginated};
use serde_json::{json, Value};

mod common;
use common::{ids, roundtrip_request, roundtrip_response, sample};

fn decode<T: serde::de::DeserializeOwned>(path: &str, rel: &str) -> T {
    chatadmin_core::envelope::decode_response(path, sample(rel).as_bytes()).unwrap()
}

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("list{i}")).collect()
}

// ------------------------------------------------------------------------------------------
// Registry
// ------------------------------------------------------------------------------------------

#[test]
fn endpoints_are_registered_with_their_areas_and_methods() {
    let expect = [
        ("sns/group_add", Area::FriendLists, "add"),
        ("sns/group_delete", Area::FriendLists, "delete"),
        ("sns/group_get", Area::FriendLists, "get"),
        ("sns/black_list_add", Area::Blocklist, "add"),
        ("sns/black_list_delete", Area::Blocklist, "delete"),
        ("sns/black_list_get", Area::Blocklist, "get"),
        ("sns/black_list_check", Area::Blocklist, "check"),
    ];
    for (path, area, method) in expect {
        let m = registry::find(path).unwrap().meta();
        assert_eq!((m.area, m.method), (area, method), "{path}");
        assert_eq!(m.rate_limit_per_sec, 200, "{path}");
        assert_eq!(m.idempotency, Idempotency::Idempotent, "{path}");
    }
    let listed: Vec<(&str, &str)> = registry::LISTED
        .iter()
        .filter(|(acc, _, _)| *acc == "friend_lists" || *acc == "blocklist")
        .map(|(acc, m, _)| (*acc, *m))
        .collect();
    assert_eq!(
        listed,
        [
            ("friend_lists", "add"),
            ("friend_lists", "delete"),
            ("friend_lists", "get"),
            ("blocklist", "add"),
            ("blocklist", "delete"),
            ("blocklist", "get"),
            ("blocklist", "check"),
        ]
    );
    assert_eq!(
        registry::find("sns/black_list_get").unwrap().page_items(),
        Some("BlackListItem")
    );
    assert_eq!(registry::find("sns/group_get").unwrap().page_items(), None);
    assert_eq!(
        BlocklistAdd::META.split_field,
        Some("To_Account"),
        "black_list_add splits"
    );
    assert_eq!(FriendListAdd::META.split_field, None);
}

// ------------------------------------------------------------------------------------------
// Samples
// ------------------------------------------------------------------------------------------

#[test]
fn friend_list_samples_round_trip() {
    roundtrip_request(
        "sns/group_add",
        "friend_lists/group_add.with_friends.request.json",
    );
    roundtrip_request(
        "sns/group_add",
        "friend_lists/group_add.without_friends.request.json",
    );
    roundtrip_response(
        "sns/group_add",
        "friend_lists/group_add.with_friends.response.json",
    );
    roundtrip_response(
        "sns/group_add",
        "friend_lists/group_add.without_friends.response.json",
    );
    roundtrip_request("sns/group_get", "friend_lists/group_get.all.request.json");
    roundtrip_request(
        "sns/group_get",
        "friend_lists/group_get.specified_groups.request.json",
    );
    roundtrip_response(
        "sns/group_get",
        "friend_lists/group_get.default.response.json",
    );
    roundtrip_request(
        "sns/group_delete",
        "friend_lists/group_delete.default.request.json",
    );
    roundtrip_response(
        "sns/group_delete",
        "friend_lists/group_delete.default.response.json",
    );
}

#[test]
fn friend_list_samples_decode_into_typed_values() {
    let r: FriendListAddResponse = decode(
        "sns/group_add",
        "friend_lists/group_add.with_friends.response.json",
    );
    assert_eq!(r.current_sequence, 3);
    assert_eq!(r.fail_account, ["id2", "id3"]);
    let failed: Vec<(&str, i64)> = r
        .failures()
        .map(|i| (i.to_account.as_str(), i.result_code))
        .collect();
    assert_eq!(failed, [("id2", 32216), ("id3", 30002)]);
    let r: FriendListAddResponse = decode(
        "sns/group_add",
        "friend_lists/group_add.without_friends.response.json",
    );
    assert!(r.result_item.is_empty() && r.fail_account.is_empty());
    assert_eq!(r.current_sequence, 2);

    let r: FriendListGetResponse = decode(
        "sns/group_get",
        "friend_lists/group_get.default.response.json",
    );
    assert_eq!(r.current_sequence, 2);
    let l = r.list("group1").unwrap();
    assert_eq!(l.friend_number, 1);
    assert_eq!(l.to_account.as_deref(), Some(&["friend1".to_owned()][..]));
    assert!(r.list("group2").is_none());

    let req: FriendListGet = parse_request(
        serde_json::from_str(&sample(
            "friend_lists/group_get.specified_groups.request.json",
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(req.need_friend, Some(NeedFriendType::Yes));
    assert_eq!(req.group_name, Some(vec!["group1".to_owned()]));
    let req: FriendListAdd = parse_request(
        serde_json::from_str(&sample("friend_lists/group_add.with_friends.request.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(req.to_account.as_ref().map(Vec::len), Some(3));
}

#[test]
fn blocklist_samples_round_trip() {
    for (path, name) in [
        ("sns/black_list_add", "black_list_add"),
        ("sns/black_list_delete", "black_list_delete"),
        ("sns/black_list_get", "black_list_get"),
        ("sns/black_list_check", "black_list_check"),
    ] {
        roundtrip_request(path, &format!("blocklist/{name}.default.request.json"));
        roundtrip_response(path, &format!("blocklist/{name}.default.response.json"));
    }
}

#[test]
fn blocklist_samples_decode_into_typed_values() {
    let r: BlocklistChangeResponse = decode(
        "sns/black_list_add",
        "blocklist/black_list_add.default.response.json",
    );
    assert_eq!(r.fail_account, ["id2", "id3"]);
    assert_eq!(r.failures().next().unwrap().result_code, 30001);
    let r: BlocklistChangeResponse = decode(
        "sns/black_list_delete",
        "blocklist/black_list_delete.default.response.json",
    );
    assert_eq!(
        r.failures().map(|i| i.result_code).collect::<Vec<_>>(),
        [30006]
    );

    let r: BlocklistGetResponse = decode(
        "sns/black_list_get",
        "blocklist/black_list_get.default.response.json",
    );
    assert_eq!(r.sequence(), 13);
    assert_eq!(r.curruent_sequence, Some(13));
    assert_eq!(r.current_sequence, None);
    assert!(r.is_last_page());
    let items = BlocklistGet::into_items(r);
    assert_eq!(
        items
            .iter()
            .map(|i| (i.to_account.as_str(), i.add_black_time_stamp))
            .collect::<Vec<_>>(),
        [("id1", 1_430_000_001), ("id2", 1_430_000_002)]
    );

    let r: BlocklistCheckResponse = decode(
        "sns/black_list_check",
        "blocklist/black_list_check.default.response.json",
    );
    assert_eq!(r.relation("id1"), Some(&BlockRelation::BothWay));
    assert_eq!(r.relation("id2"), Some(&BlockRelation::AWithB));
    assert_eq!(r.relation("id3"), Some(&BlockRelation::BWithA));
    assert_eq!(r.relation("id4"), Some(&BlockRelation::No));
    // id5 failed: no relation is reported for it.
    assert_eq!(r.relation("id5"), None);
    assert_eq!(
        r.failures().map(|i| i.result_code).collect::<Vec<_>>(),
        [30007]
    );
    assert!(BlockRelation::BothWay.from_blocked_to() && BlockRelation::BothWay.to_blocked_from());
    assert!(BlockRelation::AWithB.from_blocked_to() && !BlockRelation::AWithB.to_blocked_from());
    assert!(!BlockRelation::BWithA.from_blocked_to() && BlockRelation::BWithA.to_blocked_from());
    assert!(!BlockRelation::No.from_blocked_to() && !BlockRelation::No.to_blocked_from());
}

#[test]
fn the_sequence_keeps_the_key_the_service_sent() {
    // The documented misspelling.
    let v = registry::find("sns/black_list_get")
        .unwrap()
        .check_response(br#"{"ErrorCode":0,"StartIndex":0,"CurruentSequence":"7"}"#)
        .unwrap();
    assert_eq!(v["CurruentSequence"], json!(7));
    assert!(v.get("CurrentSequence").is_none(), "{v}");
    // The corrected spelling.
    let body = br#"{"ErrorCode":0,"StartIndex":0,"CurrentSequence":9}"#;
    let v = registry::find("sns/black_list_get")
        .unwrap()
        .check_response(body)
        .unwrap();
    assert_eq!(v["CurrentSequence"], json!(9));
    assert!(v.get("CurruentSequence").is_none(), "{v}");
    let r: BlocklistGetResponse =
        chatadmin_core::envelope::decode_response("sns/black_list_get", body).unwrap();
    assert_eq!(r.sequence(), 9);
    // Neither: 0, and nothing invented on re-encoding.
    let r: BlocklistGetResponse =
        chatadmin_core::envelope::decode_response("sns/black_list_get", br#"{"ErrorCode":0}"#)
            .unwrap();
    assert_eq!(r.sequence(), 0);
    let v = serde_json::to_value(&r).unwrap();
    assert!(v.get("CurrentSequence").is_none() && v.get("CurruentSequence").is_none());
}

#[test]
fn responses_are_lenient_and_keep_unknown_fields() {
    let v = registry::find("sns/group_get")
        .unwrap()
        .check_response(
            br#"{"ErrorCode":0,"ResultItem":[{"GroupName":"g","FriendNumber":"2","To_Account":null,"Color":"red"}],"CurrentSequence":"5","New":1}"#,
        )
        .unwrap();
    assert_eq!(v["ResultItem"][0]["FriendNumber"], json!(2));
    assert_eq!(v["ResultItem"][0]["To_Account"], json!([]));
    assert_eq!(v["ResultItem"][0]["Color"], "red");
    assert_eq!(v["CurrentSequence"], json!(5));
    assert_eq!(v["New"], json!(1));
    let v = registry::find("sns/black_list_check")
        .unwrap()
        .check_response(
            br#"{"ErrorCode":0,"BlackListCheckItem":[{"To_Account":"b","ResultCode":30006,"ResultInfo":"x"}]}"#,
        )
        .unwrap();
    // A failed item without a relation decodes; nothing is invented for it.
    assert!(v["BlackListCheckItem"][0].get("Relation").is_none(), "{v}");
    assert!(v.get("Fail_Account").is_none());
}

// ------------------------------------------------------------------------------------------
// Enums
// ------------------------------------------------------------------------------------------

#[test]
fn unknown_enum_values_are_kept_in_responses_and_rejected_in_requests() {
    let v = registry::find("sns/black_list_check")
        .unwrap()
        .check_response(
            br#"{"ErrorCode":0,"BlackListCheckItem":[{"To_Account":"b","Relation":"BlackCheckResult_Type_Muted","ResultCode":0,"ResultInfo":""}]}"#,
        )
        .unwrap();
    assert_eq!(
        v["BlackListCheckItem"][0]["Relation"],
        "BlackCheckResult_Type_Muted"
    );
    let r: BlocklistCheckResponse = serde_json::from_value(v).unwrap();
    assert_eq!(
        r.relation("b"),
        Some(&BlockRelation::Other("BlackCheckResult_Type_Muted".into()))
    );

    let e = parse_request::<BlocklistCheck>(
        json!({"From_Account":"a","To_Account":["b"],"CheckType":"BlackCheckResult_Type_Maybe"}),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("`CheckType`") && e.contains("BlackCheckResult_Type_Single"),
        "{e}"
    );
    let e = parse_request::<FriendListGet>(
        json!({"From_Account":"a","NeedFriend":"Need_Friend_Type_No"}),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("`NeedFriend`") && e.contains("Need_Friend_Type_Yes"),
        "{e}"
    );
    assert_eq!(
        BlockCheckType::KNOWN,
        ["BlackCheckResult_Type_Single", "BlackCheckResult_Type_Both"]
    );
    assert_eq!(BlockRelation::KNOWN.len(), 4);
}

// ------------------------------------------------------------------------------------------
// Limits
// ------------------------------------------------------------------------------------------

#[test]
fn list_names_are_at_most_30_bytes_everywhere() {
    let ok = "a".repeat(30);
    let long = "a".repeat(31);
    // 10 three-byte characters are 30 bytes; 11 are 33.
    let cjk_ok = "组".repeat(10);
    let cjk_long = "组".repeat(11);
    assert!(FriendListAdd::new("a", [ok.as_str(), cjk_ok.as_str()])
        .validate()
        .is_ok());
    assert!(FriendListDelete::new("a", [ok.as_str()]).validate().is_ok());
    assert!(FriendListGet::new("a")
        .groups([ok.as_str()])
        .validate()
        .is_ok());
    for bad in [&long, &cjk_long] {
        let e = FriendListAdd::new("a", ["fine", bad.as_str()])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "GroupName[1]");
        assert!(e.message.contains("at most 30 bytes"), "{}", e.message);
        let e = FriendListDelete::new("a", [bad.as_str()])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "GroupName[0]");
        assert!(e.message.contains("at most 30 bytes"), "{}", e.message);
        let e = FriendListGet::new("a")
            .groups([bad.as_str()])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "GroupName[0]");
    }
    let e = FriendListAdd::new("a", [""]).validate().unwrap_err();
    assert_eq!(e.field, "GroupName[0]");
    let e = encode_request(&FriendListAdd::new("a", [long.as_str()])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.to_string().contains("sns/group_add"), "{e}");
}

#[test]
fn group_add_and_get_take_at_most_32_lists() {
    assert!(FriendListAdd::new("a", names(32)).validate().is_ok());
    let e = FriendListAdd::new("a", names(33)).validate().unwrap_err();
    assert_eq!(e.field, "GroupName");
    assert!(e.message.contains("at most 32"), "{}", e.message);
    let e = FriendListAdd::new("a", Vec::<String>::new())
        .validate()
        .unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.message.as_str()),
        ("GroupName", "must not be empty")
    );
    assert!(FriendListGet::new("a").groups(names(32)).validate().is_ok());
    let e = FriendListGet::new("a")
        .groups(names(33))
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "GroupName");
    assert!(e.message.contains("at most 32"), "{}", e.message);
    // Lists are never split: an account cannot have more than 32.
    assert!(FriendListAdd::new("a", names(40)).split().is_none());
}

#[test]
fn group_add_takes_at_most_3000_friends() {
    let req = FriendListAdd::new("a", ["l"]).friends(ids(3000));
    assert!(req.validate().is_ok());
    // Not split: later parts would find the list already created.
    assert!(FriendListAdd::new("a", ["l"])
        .friends(ids(5000))
        .split()
        .is_none());
    let e = FriendListAdd::new("a", ["l"])
        .friends(ids(3001))
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "To_Account");
    assert!(e.message.contains("at most 3000"), "{}", e.message);
    // An empty friend list is allowed (it creates empty lists).
    assert!(FriendListAdd::new("a", ["l"])
        .friends(Vec::<String>::new())
        .validate()
        .is_ok());
    let mut bad = ids(2);
    bad[1] = "x".repeat(33);
    let e = FriendListAdd::new("a", ["l"])
        .friends(bad)
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "To_Account[1]");
    let e = FriendListGet::new("").validate().unwrap_err();
    assert_eq!(e.field, "From_Account");
}

#[test]
fn blocklist_calls_take_at_most_1000_accounts() {
    type Make = fn(Vec<String>) -> Result<(), chatadmin_core::error::ValidationError>;
    let makers: [(&str, Make); 3] = [
        ("add", |v| BlocklistAdd::new("a", v).validate()),
        ("delete", |v| BlocklistDelete::new("a", v).validate()),
        ("check", |v| {
            BlocklistCheck::new("a", v, BlockCheckType::Single).validate()
        }),
    ];
    for (name, make) in makers {
        assert!(make(ids(1000)).is_ok(), "{name}");
        let e = make(ids(1001)).unwrap_err();
        assert_eq!(e.field, "To_Account", "{name}");
        assert!(e.message.contains("at most 1000"), "{name}: {}", e.message);
        let e = make(Vec::new()).unwrap_err();
        assert_eq!(e.message, "must not be empty", "{name}");
        let mut bad = ids(3);
        bad[2] = String::new();
        assert_eq!(make(bad).unwrap_err().field, "To_Account[2]", "{name}");
    }
}

#[test]
fn black_list_get_max_limited_is_1_to_1000() {
    assert!(BlocklistGet::new("a").max_limited(1).validate().is_ok());
    assert!(BlocklistGet::new("a").max_limited(1000).validate().is_ok());
    for bad in [0, 1001] {
        let e = BlocklistGet::new("a")
            .max_limited(bad)
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "MaxLimited");
        assert!(e.message.contains("between 1 and 1000"), "{}", e.message);
    }
    // Every field is required by the page: JSON input may leave them out, the body sent has
    // them all.
    let req =
        parse_request::<BlocklistGet>(json!({"From_Account":"a","StartIndex":0,"MaxLimited":10}))
            .unwrap();
    assert_eq!(encode_request(&req).unwrap()["LastSequence"], 0);
    let body = encode_request(&BlocklistGet::new("a").start_index(5).last_sequence(3)).unwrap();
    assert_eq!(
        body,
        json!({"From_Account":"a","StartIndex":5,"MaxLimited":1000,"LastSequence":3})
    );
}

// ------------------------------------------------------------------------------------------
// Splits and merges
// ------------------------------------------------------------------------------------------

fn change_resp(range: std::ops::Range<usize>) -> BlocklistChangeResponse {
    let items: Vec<Value> = range
        .clone()
        .map(|i| json!({"To_Account": format!("user{i}"), "ResultCode": if i % 9 == 0 { 30001 } else { 0 }, "ResultInfo": ""}))
        .collect();
    let fails: Vec<String> = range
        .filter(|i| i % 9 == 0)
        .map(|i| format!("user{i}"))
        .collect();
    let mut v = json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":items});
    if !fails.is_empty() {
        v["Fail_Account"] = json!(fails);
    }
    serde_json::from_value(v).unwrap()
}

#[test]
fn blocklist_add_and_delete_split_in_order_and_merge_in_order() {
    assert!(BlocklistAdd::new("a", ids(1000)).split().is_none());
    let parts = BlocklistAdd::new("a", ids(2001)).split().unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [1000, 1000, 1]
    );
    assert!(parts
        .iter()
        .all(|p| p.from_account == "a" && p.validate().is_ok()));
    assert_eq!(
        parts
            .iter()
            .flat_map(|p| p.to_account.clone())
            .collect::<Vec<_>>(),
        ids(2001)
    );
    let parts = BlocklistDelete::new("a", ids(1500)).split().unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [1000, 500]
    );

    let merged = BlocklistChangeResponse::merge(
        change_resp(0..1000),
        vec![change_resp(1000..2000), change_resp(2000..2001)],
    );
    assert_eq!(
        merged
            .result_item
            .iter()
            .map(|i| i.to_account.clone())
            .collect::<Vec<_>>(),
        ids(2001)
    );
    let expected_fails: Vec<String> = (0..2001)
        .filter(|i| i % 9 == 0)
        .map(|i| format!("user{i}"))
        .collect();
    assert_eq!(merged.fail_account, expected_fails);
    assert_eq!(merged.failures().count(), expected_fails.len());
}

#[test]
fn blocklist_check_splits_keeping_the_check_type_and_merges() {
    let parts = BlocklistCheck::new("a", ids(1001), BlockCheckType::Both)
        .split()
        .unwrap();
    assert_eq!(parts.len(), 2);
    assert!(parts.iter().all(|p| p.check_type == BlockCheckType::Both));
    let resp = |range: std::ops::Range<usize>| -> BlocklistCheckResponse {
        let items: Vec<Value> = range
            .map(|i| json!({"To_Account": format!("user{i}"), "Relation": "BlackCheckResult_Type_NO", "ResultCode": if i == 1000 { 30006 } else { 0 }, "ResultInfo": ""}))
            .collect();
        serde_json::from_value(json!({"ErrorCode":0,"BlackListCheckItem":items})).unwrap()
    };
    let mut last = resp(1000..1001);
    last.fail_account = vec!["user1000".into()];
    let merged = BlocklistCheckResponse::merge(resp(0..1000), vec![last]);
    assert_eq!(merged.black_list_check_item.len(), 1001);
    assert_eq!(merged.black_list_check_item[1000].to_account, "user1000");
    assert_eq!(merged.fail_account, ["user1000"]);
    assert_eq!(merged.relation("user999"), Some(&BlockRelation::No));
    assert_eq!(merged.relation("user1000"), None);
}

// ------------------------------------------------------------------------------------------
// Paging
// ------------------------------------------------------------------------------------------

fn page(start_index: u64) -> BlocklistGetResponse {
    serde_json::from_value(
        json!({"ErrorCode":0,"BlackListItem":[],"StartIndex":start_index,"CurruentSequence":1}),
    )
    .unwrap()
}

#[test]
fn black_list_get_follows_start_index_until_zero() {
    let first = BlocklistGet::new("a").max_limited(100).last_sequence(4);
    let second = registry::next_page(&first, &page(100)).unwrap().unwrap();
    assert_eq!(second.start_index, 100);
    assert_eq!((second.max_limited, second.last_sequence), (100, 4));
    assert_eq!(second.from_account, "a");
    let third = registry::next_page(&second, &page(200)).unwrap().unwrap();
    assert_eq!(third.start_index, 200);
    // 0 is the documented end marker.
    assert!(registry::next_page(&third, &page(0)).unwrap().is_none());
    // A cursor that does not move forward ends the walk instead of looping.
    assert!(third.next_page(&page(200)).is_none());
    assert!(third.next_page(&page(150)).is_none());

    // The JSON surface does the same.
    let ep = registry::find("sns/black_list_get").unwrap();
    let req = json!({"From_Account":"a","StartIndex":0,"MaxLimited":2,"LastSequence":0});
    let next = ep
        .next_page(
            req.clone(),
            &json!({"ErrorCode":0,"StartIndex":2,"CurruentSequence":3}),
        )
        .unwrap()
        .unwrap();
    assert_eq!(next["StartIndex"], 2);
    assert!(ep
        .next_page(req, &json!({"ErrorCode":0,"StartIndex":0}))
        .unwrap()
        .is_none());
}

/// JSON input may leave the cursor fields of the first page out; the request sent has them.
#[test]
fn paged_reads_fill_in_the_first_page_cursor_from_json() {
    use chatadmin_core::registry;
    let ep = registry::require("sns/black_list_get").unwrap();
    let body = ep
        .check_request(serde_json::json!({"From_Account": "alice"}))
        .unwrap();
    assert_eq!(
        body,
        serde_json::json!({"From_Account": "alice", "StartIndex": 0, "MaxLimited": 1000, "LastSequence": 0})
    );
    let ep = registry::require("sns/friend_get").unwrap();
    let body = ep
        .check_request(serde_json::json!({"From_Account": "alice"}))
        .unwrap();
    assert_eq!(
        body,
        serde_json::json!({"From_Account": "alice", "StartIndex": 0})
    );
}
