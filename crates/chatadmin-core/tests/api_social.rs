//! `sns/friend_delete` and `sns/group_delete` (two of the seed pages): documented samples
//! round-trip exactly, limits hold at the limit and fail one past it, splits keep order.

use chatadmin_core::api::friend::{DeleteType, FriendDelete, FriendDeleteResponse};
use chatadmin_core::api::friend_list::{FriendListDelete, FriendListDeleteResponse};
use chatadmin_core::registry::{self, encode_request, parse_request};
use chatadmin_core::{ApiRequest, ApiResponse, ErrorKind};
use serde_json::{json, Value};

mod common;
use common::{ids, roundtrip_request, roundtrip_response, sample};

#[test]
fn friend_delete_samples_round_trip() {
    roundtrip_request(
        "sns/friend_delete",
        "friends/friend_delete.one_way.request.json",
    );
    roundtrip_request(
        "v4/sns/friend_delete",
        "friends/friend_delete.two_way.request.json",
    );
    roundtrip_response(
        "sns/friend_delete",
        "friends/friend_delete.default.response.json",
    );
}

#[test]
fn group_delete_samples_round_trip() {
    roundtrip_request(
        "sns/group_delete",
        "friend_lists/group_delete.default.request.json",
    );
    roundtrip_response(
        "sns/group_delete",
        "friend_lists/group_delete.default.response.json",
    );
    let r: FriendListDeleteResponse = chatadmin_core::envelope::decode_response(
        "sns/group_delete",
        sample("friend_lists/group_delete.default.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(r.current_sequence, 4);
    assert_eq!(r.status.error_info.as_deref(), Some("0"));
}

#[test]
fn friend_delete_to_account_limit_is_1000() {
    assert!(FriendDelete::new("a", ids(1000)).validate().is_ok());
    let e = encode_request(&FriendDelete::new("a", ids(1001))).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let msg = e.to_string();
    assert!(
        msg.contains("`To_Account`") && msg.contains("at most 1000"),
        "{msg}"
    );
    assert!(msg.contains("sns/friend_delete"), "{msg}");
    let e = FriendDelete::new("a", Vec::<String>::new())
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "To_Account");
}

#[test]
fn friend_delete_checks_each_account_and_the_delete_type() {
    let mut long = ids(3);
    long[1] = "x".repeat(33);
    let e = FriendDelete::new("a", long).validate().unwrap_err();
    assert_eq!(e.field, "To_Account[1]");
    assert!(e.message.contains("at most 32 bytes"));
    let e = FriendDelete::new("", ids(1)).validate().unwrap_err();
    assert_eq!(e.field, "From_Account");
    let body = json!({"From_Account":"a","To_Account":["b"],"DeleteType":"Delete_Type_Everything"});
    let e = parse_request::<FriendDelete>(body).unwrap_err().to_string();
    assert!(
        e.contains("`DeleteType`") && e.contains("Delete_Type_Both"),
        "{e}"
    );
}

#[test]
fn unknown_and_mistyped_request_fields_name_the_field() {
    let e = parse_request::<FriendDelete>(json!({"From_Account":"a","To_account":["b"]}))
        .unwrap_err()
        .to_string();
    assert!(e.contains("To_account"), "{e}");
    let e = parse_request::<FriendDelete>(json!({"From_Account":"a","To_Account":["b", 7]}))
        .unwrap_err();
    let ErrorKind::Validation = e.kind() else {
        panic!("{e}")
    };
    assert!(e.to_string().contains("To_Account[1]"), "{e}");
}

#[test]
fn friend_delete_splits_in_order_and_merges_in_order() {
    let req = FriendDelete::new("a", ids(2500)).delete_type(DeleteType::Both);
    assert!(FriendDelete::new("a", ids(1000)).split().is_none());
    let parts = req.split().unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [1000, 1000, 500]
    );
    assert!(parts
        .iter()
        .all(|p| p.validate().is_ok() && p.delete_type == Some(DeleteType::Both)));
    assert_eq!(
        parts
            .iter()
            .flat_map(|p| p.to_account.clone())
            .collect::<Vec<_>>(),
        ids(2500)
    );

    let resp = |range: std::ops::Range<usize>| -> FriendDeleteResponse {
        let items: Vec<Value> = range
            .map(|i| json!({"To_Account": format!("user{i}"), "ResultCode": if i % 7 == 0 { 31704 } else { 0 }, "ResultInfo": ""}))
            .collect();
        serde_json::from_value(
            json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":items}),
        )
        .unwrap()
    };
    let merged =
        FriendDeleteResponse::merge(resp(0..1000), vec![resp(1000..2000), resp(2000..2500)]);
    let got: Vec<String> = merged
        .result_item
        .iter()
        .map(|i| i.to_account.clone())
        .collect();
    assert_eq!(got, ids(2500));
    assert_eq!(
        merged.failures().count(),
        (0..2500).filter(|i| i % 7 == 0).count()
    );
}

#[test]
fn group_delete_allows_32_lists_not_33() {
    let names = |n: usize| (0..n).map(|i| format!("list{i}")).collect::<Vec<_>>();
    assert!(FriendListDelete::new("a", names(32)).validate().is_ok());
    let e = FriendListDelete::new("a", names(33))
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "GroupName");
    assert!(e.message.contains("at most 32"), "{}", e.message);
    let e = FriendListDelete::new("a", ["ok", ""])
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "GroupName[1]");
    // An account has at most 32 lists: a longer request is a mistake, never split.
    assert!(FriendListDelete::new("a", names(40)).split().is_none());
}

#[test]
fn responses_are_decoded_leniently_and_keep_unknown_fields() {
    let body = br#"{"ErrorCode":"0","ErrorInfo":"","ResultItem":[{"To_Account":"b","ResultCode":"31704","ResultInfo":"not friends","Extra":1}],"NewField":{"x":[1,2]}}"#;
    let v = registry::find("sns/friend_delete")
        .unwrap()
        .check_response(body)
        .unwrap();
    assert_eq!(v["NewField"], json!({"x":[1,2]}));
    assert_eq!(v["ResultItem"][0]["ResultCode"], json!(31704));
    assert_eq!(v["ResultItem"][0]["Extra"], json!(1));
    // An empty list left out is an empty list.
    let v = registry::find("sns/friend_delete")
        .unwrap()
        .check_response(br#"{"ErrorCode":0}"#)
        .unwrap();
    assert_eq!(v["ResultItem"], json!([]));
}

#[test]
fn error_answers_are_api_errors_with_the_body() {
    let body = br#"{"ActionStatus":"FAIL","ErrorCode":30003,"ErrorInfo":"Err_SNS_Account_Not_Exist","ErrorDisplay":""}"#;
    let e = registry::find("sns/friend_delete")
        .unwrap()
        .check_response(body)
        .unwrap_err();
    assert_eq!(e.code(), Some(30003));
    let chatadmin_core::Error::Api(api) = e else {
        panic!()
    };
    assert!(api.meaning().is_some());
    assert_eq!(api.body.unwrap()["ErrorInfo"], "Err_SNS_Account_Not_Exist");
}
