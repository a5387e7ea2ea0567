//! The account endpoints: `im_open_login_svc/account_import`, `multiaccount_import`,
//! `account_delete`, `account_check`.
//!
//! Samples are the documented bodies, copied into `tests/samples/accounts/` at the repo root.

use chatadmin_core::api::account::{
    AccountCheck, AccountCheckResponse, AccountDelete, AccountDeleteResponse, AccountImport,
    AccountImportResponse, AccountProfile, AccountStatus, MultiAccountImport,
    MultiAccountImportResponse, UserIdItem,
};
use chatadmin_core::registry::{encode_request, find, parse_request};
use chatadmin_core::{ApiRequest, ApiResponse, Error, ErrorKind, ValidationError};
use serde_json::{json, Value};

const IMPORT: &str = "im_open_login_svc/account_import";
const IMPORT_MANY: &str = "im_open_login_svc/multiaccount_import";
const DELETE: &str = "im_open_login_svc/account_delete";
const CHECK: &str = "im_open_login_svc/account_check";

macro_rules! sample {
    ($name:literal) => {
        include_str!(concat!("../../../tests/samples/accounts/", $name))
    };
}

/// The documented samples: (path, request, response).
const SAMPLES: &[(&str, &str, &str)] = &[
    (
        IMPORT,
        sample!("account_import.default.request.json"),
        sample!("account_import.default.response.json"),
    ),
    (
        IMPORT_MANY,
        sample!("multiaccount_import.default.request.json"),
        sample!("multiaccount_import.default.response.json"),
    ),
    (
        DELETE,
        sample!("account_delete.default.request.json"),
        sample!("account_delete.default.response.json"),
    ),
    (
        CHECK,
        sample!("account_check.default.request.json"),
        sample!("account_check.default.response.json"),
    ),
];

/// The "new version" (`AccountList`) request sample of the current multiaccount_import page
/// (https://www.tencentcloud.com/document/product/1047/34954), and its response sample.
const ACCOUNT_LIST_REQUEST: &str = r#"{
  "AccountList": [
    {"UserID": "UserID_001", "Nick": "Nick_001", "FaceUrl": "http://www.qq.com"},
    {"UserID": "UserID_002", "Nick": "Nick_002", "FaceUrl": "http://www.qq.com"},
    {"UserID": "UserID_002", "Nick": "Nick_001", "FaceUrl": "http://www.qq.com"}
  ]
}"#;
const ACCOUNT_LIST_RESPONSE: &str = r#"{
  "ActionStatus": "OK",
  "ErrorCode": 0,
  "ErrorInfo": "",
  "FailAccounts": ["UserID_002", "UserID_003"]
}"#;

fn value(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

fn check_request(path: &str, body: Value) -> Result<Value, Error> {
    find(path).unwrap().check_request(body)
}

fn check_response(path: &str, body: &str) -> Result<Value, Error> {
    find(path).unwrap().check_response(body.as_bytes())
}

fn validation(e: Error) -> ValidationError {
    match e {
        Error::Validation(v) => v,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

// ---------------------------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------------------------

#[test]
fn every_sample_request_round_trips_exactly() {
    for (path, req, _) in SAMPLES {
        let sample = value(req);
        let canonical = check_request(path, sample.clone()).unwrap();
        assert_eq!(canonical, sample, "{path}");
    }
    let sample = value(ACCOUNT_LIST_REQUEST);
    assert_eq!(check_request(IMPORT_MANY, sample.clone()).unwrap(), sample);
}

#[test]
fn every_sample_response_round_trips_exactly() {
    for (path, _, resp) in SAMPLES {
        let decoded = check_response(path, resp).unwrap();
        assert_eq!(decoded, value(resp), "{path}");
    }
    assert_eq!(
        check_response(IMPORT_MANY, ACCOUNT_LIST_RESPONSE).unwrap(),
        value(ACCOUNT_LIST_RESPONSE)
    );
}

#[test]
fn typed_requests_encode_to_the_samples() {
    let req = AccountImport::new("test")
        .nick("test")
        .face_url("http://www.qq.com");
    assert_eq!(
        encode_request(&req).unwrap(),
        value(sample!("account_import.default.request.json"))
    );
    assert_eq!(
        encode_request(&AccountImport::new("test")).unwrap(),
        json!({"UserID": "test"})
    );

    let req = MultiAccountImport::ids(["test1", "test2", "test3", "test4", "test5"]);
    assert_eq!(
        encode_request(&req).unwrap(),
        value(sample!("multiaccount_import.default.request.json"))
    );

    let req = MultiAccountImport::with_profiles([
        AccountProfile::new("UserID_001")
            .nick("Nick_001")
            .face_url("http://www.qq.com"),
        AccountProfile::new("UserID_002")
            .nick("Nick_002")
            .face_url("http://www.qq.com"),
        AccountProfile::new("UserID_002")
            .nick("Nick_001")
            .face_url("http://www.qq.com"),
    ]);
    assert_eq!(encode_request(&req).unwrap(), value(ACCOUNT_LIST_REQUEST));
    assert_eq!(
        req.user_ids().collect::<Vec<_>>(),
        ["UserID_001", "UserID_002", "UserID_002"]
    );

    let req = AccountDelete::new(["UserID_1", "UserID_2"]);
    assert_eq!(
        encode_request(&req).unwrap(),
        value(sample!("account_delete.default.request.json"))
    );

    let req = AccountCheck::new(["UserID_1", "UserID_2"]);
    assert_eq!(
        encode_request(&req).unwrap(),
        value(sample!("account_check.default.request.json"))
    );
}

#[test]
fn typed_requests_parse_from_the_samples() {
    let req: AccountImport =
        parse_request(value(sample!("account_import.default.request.json"))).unwrap();
    assert_eq!(req.user_id, "test");
    assert_eq!(req.nick.as_deref(), Some("test"));
    assert_eq!(req.face_url.as_deref(), Some("http://www.qq.com"));

    let req: MultiAccountImport =
        parse_request(value(sample!("multiaccount_import.default.request.json"))).unwrap();
    assert_eq!(req.accounts.as_ref().map(Vec::len), Some(5));
    assert!(req.account_list.is_none());

    let req: MultiAccountImport = parse_request(value(ACCOUNT_LIST_REQUEST)).unwrap();
    assert!(req.accounts.is_none());
    let list = req.account_list.unwrap();
    assert_eq!(list[1].nick.as_deref(), Some("Nick_002"));

    let req: AccountDelete =
        parse_request(value(sample!("account_delete.default.request.json"))).unwrap();
    assert_eq!(req, AccountDelete::new(["UserID_1", "UserID_2"]));

    let req: AccountCheck =
        parse_request(value(sample!("account_check.default.request.json"))).unwrap();
    assert_eq!(
        req.check_item,
        vec![UserIdItem::from("UserID_1"), UserIdItem::from("UserID_2")]
    );
}

#[test]
fn typed_responses_decode_the_samples() {
    let r: AccountImportResponse =
        serde_json::from_str(sample!("account_import.default.response.json")).unwrap();
    assert_eq!(r.status().code(), 0);
    assert!(r.extra.is_empty());

    let r: MultiAccountImportResponse =
        serde_json::from_str(sample!("multiaccount_import.default.response.json")).unwrap();
    assert_eq!(r.failures().collect::<Vec<_>>(), ["test3", "test4"]);

    let r: AccountDeleteResponse =
        serde_json::from_str(sample!("account_delete.default.response.json")).unwrap();
    assert_eq!(r.result_item.len(), 2);
    assert!(r.result_item[0].is_ok());
    assert_eq!(r.result_item[0].account_status, None);
    let failed: Vec<_> = r.failures().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].user_id, "UserID_2");
    assert_eq!(failed[0].result_code, 70107);
    assert_eq!(
        failed[0].result_info,
        "Err_TLS_PT_Open_Login_Account_Not_Exist"
    );

    let r: AccountCheckResponse =
        serde_json::from_str(sample!("account_check.default.response.json")).unwrap();
    assert_eq!(r.failures().count(), 0);
    assert_eq!(
        r.result_item[0].account_status,
        Some(AccountStatus::Imported)
    );
    assert!(r.result_item[0].is_imported());
    assert_eq!(
        r.result_item[1].account_status,
        Some(AccountStatus::NotImported)
    );
    assert_eq!(r.not_imported().collect::<Vec<_>>(), ["UserID_2"]);
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

#[test]
fn metadata_matches_the_doc_pages() {
    let cases = [
        (IMPORT, "import", 200, None, "34953"),
        (IMPORT_MANY, "import_many", 100, Some("Accounts"), "34954"),
        (DELETE, "delete", 100, Some("DeleteItem"), "34955"),
        (CHECK, "check", 100, Some("CheckItem"), "34956"),
    ];
    for (path, method, rate, split, page) in cases {
        let m = find(path).unwrap().meta();
        assert_eq!(m.area, chatadmin_core::Area::Accounts, "{path}");
        assert_eq!(m.method, method, "{path}");
        assert_eq!(m.rate_limit_per_sec, rate, "{path}");
        assert_eq!(m.split_field, split, "{path}");
        assert!(m.idempotency.retry_safe(), "{path}");
        assert_eq!(
            m.doc_url,
            format!("https://intl.cloud.tencent.com/document/product/1047/{page}")
        );
        for l in m.limits() {
            assert!(!l.source.is_empty(), "{path}: {} has no source", l.field);
        }
        if let Some(f) = split {
            assert_eq!(m.limit(f).and_then(|l| l.max_items()), Some(100), "{path}");
        }
    }
    let m = MultiAccountImport::META;
    assert_eq!(
        m.limit("AccountList").and_then(|l| l.max_items()),
        Some(100)
    );
}

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// Asserts that `body` is rejected at `field` with a message naming `limit`.
fn rejected(path: &str, body: Value, field: &str, limit: &str) {
    let e = validation(check_request(path, body).unwrap_err());
    assert_eq!(e.field, field, "{e}");
    assert!(e.message.contains(limit), "{e}");
    assert_eq!(e.endpoint.as_deref(), Some(path));
}

#[test]
fn account_import_user_id_is_1_to_32_bytes() {
    check_request(IMPORT, json!({"UserID": "a".repeat(32)})).unwrap();
    rejected(
        IMPORT,
        json!({"UserID": "a".repeat(33)}),
        "UserID",
        "at most 32 bytes",
    );
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    rejected(
        IMPORT,
        json!({"UserID": "好".repeat(11)}),
        "UserID",
        "at most 32 bytes",
    );
    rejected(IMPORT, json!({"UserID": ""}), "UserID", "must not be empty");
    let e = validation(check_request(IMPORT, json!({"Nick": "x"})).unwrap_err());
    assert!(e.message.contains("missing field `UserID`"), "{e}");
}

#[test]
fn account_import_profile_fields_are_at_most_500_bytes() {
    for field in ["Nick", "FaceUrl"] {
        check_request(IMPORT, json!({"UserID": "a", field: "n".repeat(500)})).unwrap();
        check_request(IMPORT, json!({"UserID": "a", field: ""})).unwrap();
        rejected(
            IMPORT,
            json!({"UserID": "a", field: "n".repeat(501)}),
            field,
            "at most 500 bytes",
        );
    }
    let e = validation(encode_request(&AccountImport::new("a").nick("n".repeat(501))).unwrap_err());
    assert_eq!(e.field, "Nick");
}

#[test]
fn multiaccount_import_accounts_form_limits() {
    check_request(IMPORT_MANY, json!({"Accounts": ids("u", 100)})).unwrap();
    rejected(
        IMPORT_MANY,
        json!({"Accounts": ids("u", 101)}),
        "Accounts",
        "at most 100",
    );
    rejected(
        IMPORT_MANY,
        json!({"Accounts": []}),
        "Accounts",
        "must not be empty",
    );
    check_request(IMPORT_MANY, json!({"Accounts": ["a".repeat(32)]})).unwrap();
    rejected(
        IMPORT_MANY,
        json!({"Accounts": ["ok", "a".repeat(33)]}),
        "Accounts[1]",
        "at most 32 bytes",
    );
}

#[test]
fn multiaccount_import_account_list_form_limits() {
    let list = |n: usize| -> Value {
        ids("u", n)
            .into_iter()
            .map(|id| json!({"UserID": id}))
            .collect()
    };
    check_request(IMPORT_MANY, json!({"AccountList": list(100)})).unwrap();
    rejected(
        IMPORT_MANY,
        json!({"AccountList": list(101)}),
        "AccountList",
        "at most 100",
    );
    rejected(
        IMPORT_MANY,
        json!({"AccountList": []}),
        "AccountList",
        "must not be empty",
    );
    check_request(
        IMPORT_MANY,
        json!({"AccountList": [{"UserID": "a".repeat(32)}]}),
    )
    .unwrap();
    rejected(
        IMPORT_MANY,
        json!({"AccountList": [{"UserID": "a"}, {"UserID": "a".repeat(33)}]}),
        "AccountList[1].UserID",
        "at most 32 bytes",
    );
    for field in ["Nick", "FaceUrl"] {
        check_request(
            IMPORT_MANY,
            json!({"AccountList": [{"UserID": "a", field: "n".repeat(500)}]}),
        )
        .unwrap();
        rejected(
            IMPORT_MANY,
            json!({"AccountList": [{"UserID": "a", field: "n".repeat(501)}]}),
            &format!("AccountList[0].{field}"),
            "at most 500 bytes",
        );
    }
}

#[test]
fn multiaccount_import_needs_exactly_one_form() {
    let e = validation(
        check_request(
            IMPORT_MANY,
            json!({"Accounts": ["a"], "AccountList": [{"UserID": "b"}]}),
        )
        .unwrap_err(),
    );
    assert_eq!(e.field, "");
    assert!(
        e.message.contains("both `Accounts` and `AccountList`"),
        "{e}"
    );

    for body in [json!({}), json!({"Accounts": null})] {
        let e = validation(check_request(IMPORT_MANY, body).unwrap_err());
        assert_eq!(e.field, "");
        assert!(e.message.contains("neither"), "{e}");
        assert!(e.message.contains("`Accounts`") && e.message.contains("`AccountList`"));
    }

    // The typed API catches the same mistakes before anything is sent.
    let mut both = MultiAccountImport::ids(["a"]);
    both.account_list = Some(vec![AccountProfile::new("b")]);
    assert!(both.validate().unwrap_err().message.contains("both"));
    let neither = MultiAccountImport {
        accounts: None,
        account_list: None,
    };
    assert!(neither.validate().unwrap_err().message.contains("neither"));
}

#[test]
fn account_delete_and_check_take_at_most_100_accounts() {
    for (path, field) in [(DELETE, "DeleteItem"), (CHECK, "CheckItem")] {
        let items = |n: usize| -> Value {
            ids("u", n)
                .into_iter()
                .map(|id| json!({"UserID": id}))
                .collect()
        };
        check_request(path, json!({field: items(100)})).unwrap();
        rejected(path, json!({field: items(101)}), field, "at most 100");
        rejected(path, json!({field: []}), field, "must not be empty");
        check_request(path, json!({field: [{"UserID": "a".repeat(32)}]})).unwrap();
        rejected(
            path,
            json!({field: [{"UserID": "a"}, {"UserID": "a".repeat(33)}]}),
            &format!("{field}[1].UserID"),
            "at most 32 bytes",
        );
    }
    let e = AccountDelete::new(ids("u", 101)).validate().unwrap_err();
    assert_eq!(e.field, "DeleteItem");
    let e = AccountCheck::new(ids("u", 101)).validate().unwrap_err();
    assert_eq!(e.field, "CheckItem");
}

#[test]
fn unknown_request_fields_are_rejected_by_name() {
    let cases = [
        (IMPORT, json!({"UserId": "a"}), "UserId"),
        (
            IMPORT_MANY,
            json!({"Accounts": ["a"], "UserId": "a"}),
            "UserId",
        ),
        (
            IMPORT_MANY,
            json!({"AccountList": [{"UserId": "a"}]}),
            "AccountList[0].UserId",
        ),
        (
            DELETE,
            json!({"DeleteItem": [{"UserID": "a"}, {"UserId": "b"}]}),
            "DeleteItem[1].UserId",
        ),
        (
            CHECK,
            json!({"CheckItem": [{"UserId": "a"}]}),
            "CheckItem[0].UserId",
        ),
    ];
    for (path, body, field) in cases {
        let e = validation(check_request(path, body).unwrap_err());
        assert_eq!(e.field, field, "{path}: {e}");
        assert!(e.message.contains("unknown field `UserId`"), "{path}: {e}");
        assert_eq!(e.endpoint.as_deref(), Some(path));
    }
}

// ---------------------------------------------------------------------------------------------
// Lenient responses
// ---------------------------------------------------------------------------------------------

#[test]
fn responses_keep_unknown_fields_and_accept_numbers_as_strings() {
    let body = r#"{
        "ActionStatus": "OK", "ErrorCode": "0", "ErrorInfo": "",
        "ResultItem": [
            {"UserID": 12345, "ResultCode": "0", "ResultInfo": "", "AccountStatus": "Imported",
             "LastLogin": 1700000000},
            {"UserID": "b", "ResultCode": 0, "ResultInfo": "", "AccountStatus": "Frozen"}
        ],
        "NewTopLevel": {"x": 1}
    }"#;
    let r: AccountCheckResponse =
        chatadmin_core::envelope::decode_response(CHECK, body.as_bytes()).unwrap();
    assert_eq!(r.status.code(), 0);
    assert_eq!(r.result_item[0].user_id, "12345");
    assert_eq!(r.result_item[0].extra["LastLogin"], 1700000000);
    assert_eq!(
        r.result_item[1].account_status,
        Some(AccountStatus::Other("Frozen".into()))
    );
    assert_eq!(r.extra["NewTopLevel"], json!({"x": 1}));

    let out = check_response(CHECK, body).unwrap();
    assert_eq!(out["NewTopLevel"], json!({"x": 1}));
    assert_eq!(out["ResultItem"][0]["LastLogin"], 1700000000);
    assert_eq!(out["ResultItem"][0]["ResultCode"], 0);
    assert_eq!(out["ResultItem"][1]["AccountStatus"], "Frozen");

    let body = r#"{"ErrorCode": 0, "FailAccounts": [42, "b"], "Extra": "kept"}"#;
    let out = check_response(IMPORT_MANY, body).unwrap();
    assert_eq!(out["FailAccounts"], json!(["42", "b"]));
    assert_eq!(out["Extra"], "kept");

    let out = check_response(DELETE, r#"{"ErrorCode": "0", "ResultItem": null, "Z": 1}"#).unwrap();
    assert_eq!(out["ResultItem"], json!([]));
    assert_eq!(out["Z"], 1);

    let out = check_response(IMPORT, r#"{"ErrorCode": 0, "RequestId": "r1", "Z": [1]}"#).unwrap();
    assert_eq!(out, json!({"ErrorCode": 0, "RequestId": "r1", "Z": [1]}));
}

#[test]
fn per_item_failures_are_data_not_errors() {
    let body = r#"{
        "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
        "ResultItem": [
            {"ResultCode": 0, "ResultInfo": "", "UserID": "a"},
            {"ResultCode": 70107, "ResultInfo": "Err_TLS_PT_Open_Login_Account_Not_Exist", "UserID": "b"},
            {"ResultCode": 70500, "ResultInfo": "internal", "UserID": "c"}
        ]
    }"#;
    let r: AccountDeleteResponse =
        chatadmin_core::envelope::decode_response(DELETE, body.as_bytes()).unwrap();
    let failed: Vec<_> = r
        .failures()
        .map(|i| (i.user_id.as_str(), i.result_code))
        .collect();
    assert_eq!(failed, [("b", 70107), ("c", 70500)]);

    let body = body.replace(
        "\"UserID\": \"c\"",
        "\"UserID\": \"c\", \"AccountStatus\": \"NotImported\"",
    );
    let r: AccountCheckResponse =
        chatadmin_core::envelope::decode_response(CHECK, body.as_bytes()).unwrap();
    assert_eq!(r.failures().count(), 2);
    // A failed check says nothing about the account.
    assert_eq!(r.not_imported().count(), 0);

    let r: MultiAccountImportResponse = chatadmin_core::envelope::decode_response(
        IMPORT_MANY,
        br#"{"ErrorCode": 0, "FailAccounts": ["x"]}"#,
    )
    .unwrap();
    assert_eq!(r.failures().collect::<Vec<_>>(), ["x"]);
    let r: MultiAccountImportResponse =
        chatadmin_core::envelope::decode_response(IMPORT_MANY, br#"{"ErrorCode": 0}"#).unwrap();
    assert_eq!(r.failures().count(), 0);
}

#[test]
fn non_zero_error_code_is_an_api_error() {
    let cases = [
        (IMPORT, 70402),
        (IMPORT_MANY, 70398),
        (DELETE, 71000),
        (CHECK, 70403),
    ];
    for (path, code) in cases {
        let body =
            format!(r#"{{"ActionStatus": "FAIL", "ErrorCode": {code}, "ErrorInfo": "failed"}}"#);
        let e = check_response(path, &body).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Api, "{path}");
        assert_eq!(e.code(), Some(code), "{path}");
        match e {
            Error::Api(api) => {
                assert_eq!(api.endpoint, path);
                assert_eq!(api.info, "failed");
            }
            other => panic!("{other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Splitting and merging
// ---------------------------------------------------------------------------------------------

fn chunk_sizes<T>(parts: &[T], len: impl Fn(&T) -> usize) -> Vec<usize> {
    parts.iter().map(len).collect()
}

#[test]
fn multiaccount_import_splits_both_forms_in_order() {
    let all = ids("u", 250);
    let parts = MultiAccountImport::ids(all.clone()).split().unwrap();
    assert_eq!(
        chunk_sizes(&parts, |p| p.accounts.as_ref().unwrap().len()),
        [100, 100, 50]
    );
    let joined: Vec<String> = parts
        .iter()
        .flat_map(|p| p.user_ids())
        .map(String::from)
        .collect();
    assert_eq!(joined, all);
    for p in &parts {
        assert!(p.account_list.is_none());
        p.validate().unwrap();
    }

    let profiles: Vec<_> = all
        .iter()
        .map(|id| AccountProfile::new(id.clone()).nick(format!("n-{id}")))
        .collect();
    let parts = MultiAccountImport::with_profiles(profiles.clone())
        .split()
        .unwrap();
    assert_eq!(
        chunk_sizes(&parts, |p| p.account_list.as_ref().unwrap().len()),
        [100, 100, 50]
    );
    let joined: Vec<AccountProfile> = parts
        .into_iter()
        .flat_map(|p| {
            assert!(p.accounts.is_none());
            p.account_list.unwrap()
        })
        .collect();
    assert_eq!(joined, profiles);

    assert!(MultiAccountImport::ids(ids("u", 100)).split().is_none());
    let mut both = MultiAccountImport::ids(all);
    both.account_list = Some(vec![AccountProfile::new("x")]);
    assert!(both.split().is_none());
}

#[test]
fn account_delete_and_check_split_in_order() {
    let all = ids("u", 250);

    let parts = AccountDelete::new(all.clone()).split().unwrap();
    assert_eq!(chunk_sizes(&parts, |p| p.delete_item.len()), [100, 100, 50]);
    let joined: Vec<String> = parts
        .iter()
        .flat_map(|p| p.delete_item.iter().map(|i| i.user_id.clone()))
        .collect();
    assert_eq!(joined, all);
    assert!(AccountDelete::new(ids("u", 100)).split().is_none());

    let parts = AccountCheck::new(all.clone()).split().unwrap();
    assert_eq!(chunk_sizes(&parts, |p| p.check_item.len()), [100, 100, 50]);
    let joined: Vec<String> = parts
        .iter()
        .flat_map(|p| p.check_item.iter().map(|i| i.user_id.clone()))
        .collect();
    assert_eq!(joined, all);
    assert!(AccountCheck::new(ids("u", 100)).split().is_none());
}

#[test]
fn merge_concatenates_results_in_order() {
    let all = ids("u", 250);
    let parts = AccountCheck::new(all.clone()).split().unwrap();
    // One answer per part, as the service would give it.
    let answers: Vec<AccountCheckResponse> = parts
        .iter()
        .map(|p| {
            let items: Vec<Value> = p
                .check_item
                .iter()
                .map(|i| {
                    json!({"UserID": i.user_id, "ResultCode": 0, "ResultInfo": "",
                           "AccountStatus": "Imported"})
                })
                .collect();
            serde_json::from_value(json!({"ErrorCode": 0, "ResultItem": items})).unwrap()
        })
        .collect();
    let mut rest = answers;
    let first = rest.remove(0);
    let merged = AccountCheckResponse::merge(first, rest);
    let got: Vec<&str> = merged
        .result_item
        .iter()
        .map(|i| i.user_id.as_str())
        .collect();
    assert_eq!(got, all.iter().map(String::as_str).collect::<Vec<_>>());

    let part = |ids: &[&str]| -> AccountDeleteResponse {
        let items: Vec<Value> = ids
            .iter()
            .map(|id| json!({"UserID": id, "ResultCode": 70107, "ResultInfo": "x"}))
            .collect();
        serde_json::from_value(json!({"ErrorCode": 0, "ResultItem": items})).unwrap()
    };
    let merged = AccountDeleteResponse::merge(part(&["a", "b"]), vec![part(&["c"]), part(&["d"])]);
    let got: Vec<&str> = merged.failures().map(|i| i.user_id.as_str()).collect();
    assert_eq!(got, ["a", "b", "c", "d"]);

    let part = |fails: &[&str]| -> MultiAccountImportResponse {
        serde_json::from_value(json!({"ErrorCode": 0, "FailAccounts": fails})).unwrap()
    };
    let merged =
        MultiAccountImportResponse::merge(part(&["a"]), vec![part(&[]), part(&["b", "c"])]);
    assert_eq!(merged.failures().collect::<Vec<_>>(), ["a", "b", "c"]);
}
