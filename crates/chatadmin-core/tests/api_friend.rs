//! `sns/friend_add`, `friend_import`, `friend_update`, `friend_delete_all`, `friend_check`,
//! `friend_get` and `friend_get_list`: documented samples round-trip, limits hold at the limit
//! and fail one past it, splits keep order and merges keep every item, paging follows the
//! cursor and stops.

use chatadmin_core::api::friend::{
    tag, AddFriendItem, AddType, CheckType, FriendAdd, FriendCheck, FriendCheckResponse,
    FriendDeleteAll, FriendGet, FriendGetList, FriendGetListResponse, FriendGetResponse,
    FriendImport, FriendUpdate, FriendWriteResponse, ImportFriendItem, Relation, SnsItem,
    UpdateItem,
};
use chatadmin_core::endpoint::Paginated;
use chatadmin_core::enums::WireEnum;
use chatadmin_core::registry::{self, encode_request, parse_request};
use chatadmin_core::{ApiRequest, ApiResponse, ErrorKind};
use serde_json::{json, Value};

mod common;
use common::{ids, roundtrip_request, roundtrip_response, sample};

fn field_of(e: chatadmin_core::Error) -> String {
    match e {
        chatadmin_core::Error::Validation(v) => v.field,
        other => panic!("not a validation error: {other}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------------------------

#[test]
fn request_samples_round_trip() {
    for (path, rel) in [
        ("sns/friend_add", "friends/friend_add.basic.request.json"),
        ("sns/friend_add", "friends/friend_add.full.request.json"),
        ("sns/friend_add", "friends/friend_add.batch.request.json"),
        (
            "sns/friend_import",
            "friends/friend_import.basic.request.json",
        ),
        (
            "sns/friend_import",
            "friends/friend_import.full.request.json",
        ),
        (
            "sns/friend_import",
            "friends/friend_import.batch.request.json",
        ),
        (
            "sns/friend_update",
            "friends/friend_update.basic.request.json",
        ),
        (
            "sns/friend_update",
            "friends/friend_update.batch.request.json",
        ),
        (
            "sns/friend_update",
            "friends/friend_update.multiple_fields.request.json",
        ),
        (
            "sns/friend_delete_all",
            "friends/friend_delete_all.basic.request.json",
        ),
        (
            "sns/friend_delete_all",
            "friends/friend_delete_all.two_way.request.json",
        ),
        (
            "sns/friend_check",
            "friends/friend_check.default.request.json",
        ),
        ("sns/friend_get", "friends/friend_get.default.request.json"),
        (
            "sns/friend_get_list",
            "friends/friend_get_list.one_friend.request.json",
        ),
        (
            "sns/friend_get_list",
            "friends/friend_get_list.many_friends.request.json",
        ),
    ] {
        roundtrip_request(path, rel);
    }
}

#[test]
fn response_samples_round_trip() {
    for (path, rel) in [
        ("sns/friend_add", "friends/friend_add.basic.response.json"),
        ("sns/friend_add", "friends/friend_add.batch.response.json"),
        (
            "sns/friend_import",
            "friends/friend_import.basic.response.json",
        ),
        (
            "sns/friend_import",
            "friends/friend_import.batch.response.json",
        ),
        (
            "sns/friend_update",
            "friends/friend_update.basic.response.json",
        ),
        (
            "sns/friend_update",
            "friends/friend_update.batch.response.json",
        ),
        (
            "sns/friend_delete_all",
            "friends/friend_delete_all.default.response.json",
        ),
        (
            "sns/friend_check",
            "friends/friend_check.default.response.json",
        ),
        ("sns/friend_get", "friends/friend_get.default.response.json"),
        (
            "sns/friend_get_list",
            "friends/friend_get_list.one_friend.response.json",
        ),
        (
            "sns/friend_get_list",
            "friends/friend_get_list.many_friends.response.json",
        ),
    ] {
        roundtrip_response(path, rel);
    }
}

#[test]
fn typed_samples_have_the_documented_values() {
    let add: FriendAdd = parse_request(
        serde_json::from_str(&sample("friends/friend_add.batch.request.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(add.add_type, Some(AddType::Both));
    assert_eq!(add.force_add_flags, Some(1));
    assert_eq!(
        add.add_friend_item[2].group_name.as_deref(),
        Some("Colleagues")
    );

    let imp: FriendImport = parse_request(
        serde_json::from_str(&sample("friends/friend_import.batch.request.json")).unwrap(),
    )
    .unwrap();
    let third = &imp.add_friend_item[2];
    assert_eq!(
        third.group_name.as_deref(),
        Some(&["Colleagues".to_owned(), "Friends".to_owned()][..])
    );
    let custom = third.custom_item.as_ref().unwrap();
    assert_eq!(custom[0].as_str(), Some("Test"));
    assert_eq!(custom[1].as_u64(), Some(0));

    let r: FriendWriteResponse = chatadmin_core::envelope::decode_response(
        "sns/friend_add",
        sample("friends/friend_add.batch.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(r.fail_account, ["id2", "id3"]);
    assert_eq!(
        r.failures().map(|i| i.result_code).collect::<Vec<_>>(),
        [30006, 30002]
    );

    let c: FriendCheckResponse = chatadmin_core::envelope::decode_response(
        "sns/friend_check",
        sample("friends/friend_check.default.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(c.relation("id1"), Some(&Relation::BothWay));
    assert_eq!(c.relation("id3"), Some(&Relation::BWithA));
    assert!(c.info_item[1].in_my_list() && !c.info_item[2].in_my_list());
    assert_eq!(c.failures().count(), 1);

    let g: FriendGetResponse = chatadmin_core::envelope::decode_response(
        "sns/friend_get",
        sample("friends/friend_get.default.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(
        (g.standard_sequence, g.custom_sequence, g.friend_num),
        (88, 46, 20)
    );
    assert!(g.is_complete());
    let first = &g.user_data_item[0];
    assert_eq!(first.remark(), Some("Remark1"));
    assert_eq!(first.groups(), ["Group1", "Group2"]);
    assert_eq!(first.add_time(), Some(1_563_867_420));
    assert_eq!(first.add_source(), Some("AddSource_Type_Android"));
    assert_eq!(
        first.get("Tag_SNS_Custom_Test").unwrap().as_str(),
        Some("CustomData1")
    );
    assert_eq!(g.user_data_item[1].remark(), None);

    let l: FriendGetListResponse = chatadmin_core::envelope::decode_response(
        "sns/friend_get_list",
        sample("friends/friend_get_list.many_friends.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(l.fail_account, ["UserID_4"]);
    assert!(l.info_item[2].sns_profile_item.is_empty());
    assert_eq!(l.failures().next().unwrap().result_code, 30001);
    assert_eq!(
        l.info_item[0].get(tag::GROUP).unwrap().as_strings(),
        Some(vec!["group1", "group2"])
    );
}

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

#[test]
fn friend_add_item_count_and_field_limits() {
    assert!(FriendAdd::new("a", ids(100)).validate().is_ok());
    let e = encode_request(&FriendAdd::new("a", ids(101))).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let msg = e.to_string();
    assert!(
        msg.contains("`AddFriendItem`") && msg.contains("at most 100"),
        "{msg}"
    );
    assert_eq!(
        FriendAdd::new("a", Vec::<String>::new())
            .validate()
            .unwrap_err()
            .field,
        "AddFriendItem"
    );

    let one = |item: AddFriendItem| FriendAdd::new("a", [item]).validate();
    assert!(one(AddFriendItem::new("b").remark("r".repeat(96))).is_ok());
    let e = one(AddFriendItem::new("b").remark("r".repeat(97))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].Remark");
    assert!(e.message.contains("at most 96 bytes"), "{}", e.message);

    assert!(one(AddFriendItem::new("b").group_name("g".repeat(30))).is_ok());
    let e = one(AddFriendItem::new("b").group_name("g".repeat(31))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].GroupName");
    assert!(e.message.contains("at most 30 bytes"));
    assert_eq!(
        one(AddFriendItem::new("b").group_name(""))
            .unwrap_err()
            .message,
        "must not be empty"
    );

    assert!(one(AddFriendItem::new("b").add_wording("w".repeat(256))).is_ok());
    let e = one(AddFriendItem::new("b").add_wording("w".repeat(257))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].AddWording");
    assert!(e.message.contains("at most 256 bytes"));

    assert!(one(AddFriendItem::new("b").add_source("AddSource_Type_ABCDEFGH")).is_ok());
    assert!(one(AddFriendItem::new("b").add_source("AddSource_Type_A")).is_ok());
    for bad in [
        "AddSource_Type_ABCDEFGHI",
        "AddSource_Type_",
        "AddSource_Type_Web1",
        "Web",
        "addsource_type_Web",
    ] {
        let e = one(AddFriendItem::new("b").add_source(bad)).unwrap_err();
        assert_eq!(e.field, "AddFriendItem[0].AddSource", "{bad}");
        assert!(e.message.contains("1 to 8 letters"), "{}", e.message);
    }

    let e = one(AddFriendItem::new("x".repeat(33))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].To_Account");
    let mut req = FriendAdd::new("a", ["b"]);
    req.force_add_flags = Some(2);
    let e = req.validate().unwrap_err();
    assert_eq!(e.field, "ForceAddFlags");
    assert!(e.message.contains("between 0 and 1"));
    assert!(FriendAdd::new("a", ["b"])
        .force_add(true)
        .validate()
        .is_ok());
}

#[test]
fn friend_import_limits() {
    let items = |n: usize| {
        ids(n)
            .into_iter()
            .map(|id| ImportFriendItem::new(id, "AddSource_Type_Import"))
            .collect::<Vec<_>>()
    };
    assert!(FriendImport::new("a", items(1000)).validate().is_ok());
    let e = FriendImport::new("a", items(1001)).validate().unwrap_err();
    assert_eq!(e.field, "AddFriendItem");
    assert!(e.message.contains("at most 1000"));

    let one = |item: ImportFriendItem| FriendImport::new("a", [item]).validate();
    let base = || ImportFriendItem::new("b", "AddSource_Type_Web");
    let lists = |n: usize| (0..n).map(|i| format!("l{i}")).collect::<Vec<_>>();
    assert!(one(base().group_name(lists(32))).is_ok());
    assert!(one(base().group_name(Vec::<String>::new())).is_ok());
    let e = one(base().group_name(lists(33))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].GroupName");
    assert!(e.message.contains("at most 32"));
    let e = one(base().group_name(["ok".to_owned(), "g".repeat(31)])).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].GroupName[1]");

    assert!(one(base().custom("Note", "v".repeat(500))).is_ok());
    let e = one(base().custom("Note", "v".repeat(501))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].CustomItem[0].Value");
    assert!(e.message.contains("at most 500 bytes"));
    assert!(one(base().custom("Level", 7)).is_ok());
    let e = one(base().custom("Level", json!([1]))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].CustomItem[0].Value");
    let mut bad_tag = base();
    bad_tag.custom_item = Some(vec![SnsItem::new("Tag_Profile_Custom_X", "v")]);
    assert_eq!(
        one(bad_tag).unwrap_err().field,
        "AddFriendItem[0].CustomItem[0].Tag"
    );
    // AddSource is required for an import.
    let e = parse_request::<FriendImport>(
        json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b"}]}),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("AddSource"), "{e}");
    let e = one(ImportFriendItem::new("b", "Android")).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].AddSource");
    let e = one(base().remark("r".repeat(97))).unwrap_err();
    assert_eq!(e.field, "AddFriendItem[0].Remark");
}

#[test]
fn friend_update_limits_and_tags() {
    let upd = |n: usize| {
        FriendUpdate::new(
            "a",
            ids(n)
                .into_iter()
                .map(|id| UpdateItem::new(id, [SnsItem::remark("r")])),
        )
    };
    assert!(upd(100).validate().is_ok());
    let e = upd(101).validate().unwrap_err();
    assert_eq!(e.field, "UpdateItem");
    assert!(e.message.contains("at most 100"));

    let one =
        |items: Vec<SnsItem>| FriendUpdate::new("a", [UpdateItem::new("b", items)]).validate();
    assert_eq!(one(vec![]).unwrap_err().field, "UpdateItem[0].SnsItem");
    assert!(one(vec![SnsItem::remark("r".repeat(96))]).is_ok());
    assert_eq!(
        one(vec![SnsItem::remark("r".repeat(97))])
            .unwrap_err()
            .field,
        "UpdateItem[0].SnsItem[0].Value"
    );
    let lists = |n: usize| (0..n).map(|i| format!("l{i}")).collect::<Vec<_>>();
    assert!(one(vec![SnsItem::groups(lists(32))]).is_ok());
    let e = one(vec![SnsItem::remark("ok"), SnsItem::groups(lists(33))]).unwrap_err();
    assert_eq!(e.field, "UpdateItem[0].SnsItem[1].Value");
    assert!(e.message.contains("at most 32"));
    assert_eq!(
        one(vec![SnsItem::groups(["g".repeat(31)])])
            .unwrap_err()
            .field,
        "UpdateItem[0].SnsItem[0].Value[0]"
    );
    assert!(one(vec![SnsItem::new(tag::GROUP, "notalist")]).is_err());
    assert!(one(vec![SnsItem::new(tag::REMARK, 5)]).is_err());
    assert!(one(vec![SnsItem::custom("Test", "x".repeat(500))]).is_ok());
    assert!(one(vec![SnsItem::custom("Test", "x".repeat(501))]).is_err());
    // Only remark, lists and custom fields are updatable.
    for t in [
        tag::ADD_SOURCE,
        tag::ADD_TIME,
        tag::ADD_WORDING,
        "Tag_Profile_IM_Nick",
    ] {
        let e = one(vec![SnsItem::new(t, "x")]).unwrap_err();
        assert_eq!(e.field, "UpdateItem[0].SnsItem[0].Tag", "{t}");
        assert!(e.message.contains("can be updated"));
    }
}

#[test]
fn friend_check_and_get_list_limits() {
    assert!(FriendCheck::new("a", ids(1000), CheckType::Both)
        .validate()
        .is_ok());
    let e = FriendCheck::new("a", ids(1001), CheckType::Both)
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "To_Account");
    assert!(e.message.contains("at most 1000"));
    // CheckType is required.
    let e = parse_request::<FriendCheck>(json!({"From_Account": "a", "To_Account": ["b"]}))
        .unwrap_err()
        .to_string();
    assert!(e.contains("CheckType"), "{e}");

    assert!(FriendGetList::new("a", ids(100), [tag::REMARK])
        .validate()
        .is_ok());
    let e = FriendGetList::new("a", ids(101), [tag::REMARK])
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "To_Account");
    assert!(e.message.contains("at most 100"));
    let e = FriendGetList::new("a", ids(1), Vec::<String>::new())
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "TagList");
    let e = FriendGetList::new("a", ids(1), ["x", ""])
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "TagList[1]");
}

#[test]
fn from_account_and_enums_are_checked() {
    assert_eq!(
        field_of(encode_request(&FriendDeleteAll::new("")).unwrap_err()),
        "From_Account"
    );
    assert_eq!(
        field_of(encode_request(&FriendGet::new("x".repeat(33))).unwrap_err()),
        "From_Account"
    );
    for (path, body, field) in [
        (
            "sns/friend_add",
            json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b"}], "AddType": "Add_Type_Many"}),
            "AddType",
        ),
        (
            "sns/friend_check",
            json!({"From_Account": "a", "To_Account": ["b"], "CheckType": "CheckResult_Type_Three"}),
            "CheckType",
        ),
        (
            "sns/friend_delete_all",
            json!({"From_Account": "a", "DeleteType": "Delete_Type_All"}),
            "DeleteType",
        ),
    ] {
        let e = registry::find(path)
            .unwrap()
            .check_request(body)
            .unwrap_err()
            .to_string();
        assert!(e.contains(&format!("`{field}`")), "{e}");
    }
    // Unknown fields in requests are refused, also inside items.
    let e = parse_request::<FriendAdd>(
        json!({"From_Account": "a", "AddFriendItem": [{"To_Account": "b", "Remarks": "x"}]}),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("Remarks"), "{e}");
}

#[test]
fn unknown_enum_values_in_responses_are_kept() {
    let body = br#"{"ErrorCode":0,"InfoItem":[{"To_Account":"b","Relation":"CheckResult_Type_Blocked","ResultCode":0,"ResultInfo":""}]}"#;
    let r: FriendCheckResponse =
        chatadmin_core::envelope::decode_response("sns/friend_check", body).unwrap();
    let rel = r.info_item[0].relation.clone().unwrap();
    assert_eq!(rel, Relation::Other("CheckResult_Type_Blocked".into()));
    assert!(!rel.is_known());
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["InfoItem"][0]["Relation"], "CheckResult_Type_Blocked");
    assert_eq!(
        AddType::from("Add_Type_X"),
        AddType::Other("Add_Type_X".into())
    );
    assert_eq!(
        CheckType::from("CheckResult_Type_Single"),
        CheckType::Single
    );
}

#[test]
fn responses_are_lenient_and_keep_unknown_fields() {
    let body = br#"{"ErrorCode":"0","UserDataItem":[{"To_Account":7,"ValueItem":[{"Tag":"Tag_SNS_IM_AddTime","Value":"1700000000","New":true}],"X":1}],"FriendNum":"3","CompleteFlag":"1","NextStartIndex":null,"Later":[1]}"#;
    let v = registry::find("sns/friend_get")
        .unwrap()
        .check_response(body)
        .unwrap();
    assert_eq!(v["Later"], json!([1]));
    assert_eq!(v["FriendNum"], json!(3));
    assert_eq!(v["UserDataItem"][0]["To_Account"], "7");
    assert_eq!(v["UserDataItem"][0]["X"], 1);
    assert_eq!(v["UserDataItem"][0]["ValueItem"][0]["New"], true);
    let r: FriendGetResponse = serde_json::from_value(v).unwrap();
    assert_eq!(r.user_data_item[0].add_time(), Some(1_700_000_000));
    // Missing lists are empty; Fail_Account is not invented.
    let v = registry::find("sns/friend_add")
        .unwrap()
        .check_response(br#"{"ErrorCode":0}"#)
        .unwrap();
    assert_eq!(v["ResultItem"], json!([]));
    assert!(v.get("Fail_Account").is_none());
}

// ---------------------------------------------------------------------------------------------
// Splits and merges
// ---------------------------------------------------------------------------------------------

#[test]
fn batch_writes_split_in_order_and_merge_every_item() {
    let req = FriendAdd::new("a", ids(250))
        .add_type(AddType::Single)
        .force_add(true);
    assert!(FriendAdd::new("a", ids(100)).split().is_none());
    let parts = req.split().unwrap();
    assert_eq!(
        parts
            .iter()
            .map(|p| p.add_friend_item.len())
            .collect::<Vec<_>>(),
        [100, 100, 50]
    );
    assert!(parts.iter().all(|p| p.validate().is_ok()
        && p.add_type == Some(AddType::Single)
        && p.force_add_flags == Some(1)));
    let order: Vec<String> = parts
        .iter()
        .flat_map(|p| p.add_friend_item.iter().map(|i| i.to_account.clone()))
        .collect();
    assert_eq!(order, ids(250));

    let items = ids(2100)
        .into_iter()
        .map(|id| ImportFriendItem::new(id, "AddSource_Type_X"));
    let parts = FriendImport::new("a", items).split().unwrap();
    assert_eq!(
        parts
            .iter()
            .map(|p| p.add_friend_item.len())
            .collect::<Vec<_>>(),
        [1000, 1000, 100]
    );
    let upd = FriendUpdate::new(
        "a",
        ids(101)
            .into_iter()
            .map(|id| UpdateItem::new(id, [SnsItem::remark("r")])),
    );
    assert_eq!(upd.split().unwrap().len(), 2);
    assert!(FriendDeleteAll::new("a").split().is_none());

    let resp = |range: std::ops::Range<usize>| -> FriendWriteResponse {
        let items: Vec<Value> = range
            .clone()
            .map(|i| json!({"To_Account": format!("user{i}"), "ResultCode": if i % 3 == 0 { 30010 } else { 0 }, "ResultInfo": ""}))
            .collect();
        let fails: Vec<String> = range
            .filter(|i| i % 3 == 0)
            .map(|i| format!("user{i}"))
            .collect();
        serde_json::from_value(json!({"ErrorCode": 0, "ResultItem": items, "Fail_Account": fails}))
            .unwrap()
    };
    let merged = FriendWriteResponse::merge(resp(0..100), vec![resp(100..200), resp(200..250)]);
    assert_eq!(
        merged
            .result_item
            .iter()
            .map(|i| i.to_account.clone())
            .collect::<Vec<_>>(),
        ids(250)
    );
    let expected_fails: Vec<String> = (0..250)
        .filter(|i| i % 3 == 0)
        .map(|i| format!("user{i}"))
        .collect();
    assert_eq!(merged.fail_account, expected_fails);
    assert_eq!(merged.failures().count(), expected_fails.len());
}

#[test]
fn reads_split_and_merge() {
    let parts = FriendCheck::new("a", ids(2001), CheckType::Single)
        .split()
        .unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [1000, 1000, 1]
    );
    assert!(parts.iter().all(|p| p.check_type == CheckType::Single));
    let check = |range: std::ops::Range<usize>| -> FriendCheckResponse {
        let items: Vec<Value> = range
            .map(|i| json!({"To_Account": format!("user{i}"), "Relation": "CheckResult_Type_AWithB", "ResultCode": 0, "ResultInfo": ""}))
            .collect();
        serde_json::from_value(json!({"ErrorCode": 0, "InfoItem": items})).unwrap()
    };
    let merged =
        FriendCheckResponse::merge(check(0..1000), vec![check(1000..2000), check(2000..2001)]);
    assert_eq!(merged.info_item.len(), 2001);
    assert_eq!(merged.info_item[2000].to_account, "user2000");

    let parts = FriendGetList::new("a", ids(250), [tag::REMARK, tag::GROUP])
        .split()
        .unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [100, 100, 50]
    );
    assert!(parts
        .iter()
        .all(|p| p.tag_list == [tag::REMARK, tag::GROUP]));
    let list = |range: std::ops::Range<usize>, fail: &str| -> FriendGetListResponse {
        let items: Vec<Value> = range
            .map(|i| json!({"To_Account": format!("user{i}"), "ResultCode": 0, "ResultInfo": ""}))
            .collect();
        serde_json::from_value(json!({"ErrorCode": 0, "InfoItem": items, "Fail_Account": [fail]}))
            .unwrap()
    };
    let merged = FriendGetListResponse::merge(list(0..100, "x"), vec![list(100..150, "y")]);
    assert_eq!(merged.info_item.len(), 150);
    assert_eq!(merged.fail_account, ["x", "y"]);
}

// ---------------------------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------------------------

fn page(complete: u64, next: u64, n: usize) -> FriendGetResponse {
    let items: Vec<Value> = (0..n)
        .map(|i| json!({"To_Account": format!("f{i}"), "ValueItem": []}))
        .collect();
    serde_json::from_value(json!({
        "ErrorCode": 0, "UserDataItem": items, "StandardSequence": 9, "CustomSequence": 4,
        "FriendNum": 250, "CompleteFlag": complete, "NextStartIndex": next
    }))
    .unwrap()
}

#[test]
fn friend_get_follows_next_start_index_until_complete() {
    assert_eq!(FriendGet::PAGE_ITEMS, Some("UserDataItem"));
    let req = FriendGet::new("alice")
        .standard_sequence(3)
        .custom_sequence(1);
    let next = req.next_page(&page(0, 100, 100)).unwrap();
    assert_eq!(next.start_index, 100);
    // The caller's sequences are kept (the response's would hide the remaining fields).
    assert_eq!(
        (next.standard_sequence, next.custom_sequence),
        (Some(3), Some(1))
    );
    assert_eq!(next.from_account, "alice");
    let last = next.next_page(&page(0, 200, 100)).unwrap();
    assert_eq!(last.start_index, 200);
    // CompleteFlag ends the walk.
    assert!(last.next_page(&page(1, 0, 50)).is_none());
    assert!(last.next_page(&page(1, 300, 50)).is_none());
    // A cursor that does not move forward ends it too.
    assert!(last.next_page(&page(0, 200, 0)).is_none());
    assert!(last.next_page(&page(0, 150, 0)).is_none());
    // The generic JSON path agrees.
    let ep = registry::find("sns/friend_get").unwrap();
    assert_eq!(ep.page_items(), Some("UserDataItem"));
    let body = json!({"From_Account": "alice", "StartIndex": 0});
    let resp = serde_json::to_value(page(0, 100, 100)).unwrap();
    assert_eq!(
        ep.next_page(body.clone(), &resp).unwrap(),
        Some(json!({"From_Account": "alice", "StartIndex": 100}))
    );
    let resp = serde_json::to_value(page(1, 0, 3)).unwrap();
    assert_eq!(ep.next_page(body, &resp).unwrap(), None);
    // Items of one page, in order.
    let items = FriendGet::into_items(page(1, 0, 3));
    assert_eq!(
        items
            .iter()
            .map(|i| i.to_account.as_str())
            .collect::<Vec<_>>(),
        ["f0", "f1", "f2"]
    );
}

#[test]
fn non_paged_friend_reads_have_no_next_page() {
    assert_eq!(FriendGetList::PAGE_ITEMS, None);
    assert_eq!(FriendCheck::PAGE_ITEMS, None);
}

#[test]
fn metadata_is_registered() {
    let want = [
        ("sns/friend_add", "add", Some("AddFriendItem"), false),
        ("sns/friend_import", "import", Some("AddFriendItem"), true),
        ("sns/friend_update", "update", Some("UpdateItem"), true),
        ("sns/friend_delete", "delete", Some("To_Account"), true),
        ("sns/friend_delete_all", "delete_all", None, true),
        ("sns/friend_check", "check", Some("To_Account"), true),
        ("sns/friend_get", "get", None, true),
        ("sns/friend_get_list", "get_list", Some("To_Account"), true),
    ];
    for (path, method, split, retry_safe) in want {
        let m = registry::find(path).unwrap().meta();
        assert_eq!(m.area.accessor(), "friends", "{path}");
        assert_eq!(m.method, method, "{path}");
        assert_eq!(m.split_field, split, "{path}");
        assert_eq!(m.idempotency.retry_safe(), retry_safe, "{path}");
        assert_eq!(m.rate_limit_per_sec, 200, "{path}");
        assert!(m.doc_url.starts_with("https://"), "{path}");
        for l in m.limits() {
            assert!(!l.source.is_empty(), "{path} {}", l.field);
        }
    }
    assert_eq!(
        FriendAdd::META.limit("AddFriendItem").unwrap().max_items(),
        Some(100)
    );
    assert_eq!(
        FriendImport::META
            .limit("AddFriendItem")
            .unwrap()
            .max_items(),
        Some(1000)
    );
}
