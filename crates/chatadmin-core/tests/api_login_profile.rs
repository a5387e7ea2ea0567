//! Login state (`im_open_login_svc/kick`, `openim/query_online_status`) and profiles
//! (`profile/portrait_set`, `profile/portrait_get`): documented samples round-trip, limits
//! hold at the limit and fail one past it, splits keep order and merges keep every item,
//! unknown enum values are kept.

use chatadmin_core::api::login_state::{
    Kick, OnlineStatus, QueryOnlineStatus, QueryOnlineStatusResponse,
};
use chatadmin_core::api::profile::{
    tag, AdminForbidType, AllowType, Gender, PortraitGet, PortraitGetResponse, PortraitSet,
    PortraitSetResponse, ProfileItem, ProfileRule,
};
use chatadmin_core::registry::{self, encode_request, parse_request};
use chatadmin_core::{ApiRequest, ApiResponse, Area, ErrorKind};
use serde_json::{json, Value};

mod common;
use common::{ids, roundtrip_request, roundtrip_response, sample};

fn validation_message<R: ApiRequest>(req: &R) -> (String, String) {
    let e = req.validate().unwrap_err();
    (e.field.clone(), e.message.clone())
}

// ---------------------------------------------------------------------------------------------
// registry
// ---------------------------------------------------------------------------------------------

#[test]
fn the_four_endpoints_are_registered_after_accounts() {
    let listed: Vec<(Area, &str, &str)> = registry::all()
        .map(|e| (e.meta().area, e.meta().method, e.meta().path))
        .collect();
    let pos = |p: &str| listed.iter().position(|(_, _, x)| *x == p).unwrap();
    assert_eq!(
        listed[pos("im_open_login_svc/kick")],
        (Area::LoginState, "kick", "im_open_login_svc/kick")
    );
    assert_eq!(
        listed[pos("openim/query_online_status")].1,
        "query_online_status"
    );
    assert_eq!(
        listed[pos("profile/portrait_set")],
        (Area::Profiles, "set", "profile/portrait_set")
    );
    assert_eq!(
        listed[pos("profile/portrait_get")],
        (Area::Profiles, "get", "profile/portrait_get")
    );
    assert_eq!(
        pos("im_open_login_svc/account_check") + 1,
        pos("im_open_login_svc/kick")
    );
    assert!(pos("profile/portrait_get") < pos("sns/friend_delete"));
    assert_eq!(Kick::META.rate_limit_per_sec, 200);
    assert_eq!(QueryOnlineStatus::META.split_field, Some("To_Account"));
    assert_eq!(PortraitGet::META.split_field, Some("To_Account"));
    assert_eq!(PortraitSet::META.split_field, None);
}

// ---------------------------------------------------------------------------------------------
// kick
// ---------------------------------------------------------------------------------------------

#[test]
fn kick_samples_round_trip() {
    roundtrip_request(
        "im_open_login_svc/kick",
        "login_state/kick.default.request.json",
    );
    roundtrip_response(
        "im_open_login_svc/kick",
        "login_state/kick.default.response.json",
    );
    let k: Kick = parse_request(json!({"UserID": "test"})).unwrap();
    assert_eq!(k, Kick::new("test"));
}

#[test]
fn kick_checks_the_user_id() {
    assert!(Kick::new("a".repeat(32)).validate().is_ok());
    let (field, msg) = validation_message(&Kick::new("a".repeat(33)));
    assert_eq!(field, "UserID");
    assert!(msg.contains("at most 32 bytes"), "{msg}");
    assert_eq!(validation_message(&Kick::new("")).0, "UserID");
    let e = parse_request::<Kick>(json!({"UserID": "a", "To_Account": ["b"]})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.to_string().contains("To_Account"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// query_online_status
// ---------------------------------------------------------------------------------------------

#[test]
fn query_online_status_samples_round_trip() {
    let p = "openim/query_online_status";
    roundtrip_request(p, "login_state/query_online_status.basic.request.json");
    roundtrip_request(
        p,
        "login_state/query_online_status.with_detail.request.json",
    );
    roundtrip_response(p, "login_state/query_online_status.basic.response.json");
    roundtrip_response(
        p,
        "login_state/query_online_status.with_detail.response.json",
    );

    let r: QueryOnlineStatusResponse = chatadmin_core::envelope::decode_response(
        p,
        sample("login_state/query_online_status.with_detail.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(r.query_result.len(), 2);
    assert_eq!(r.status_of("id1"), Some(&OnlineStatus::Online));
    assert_eq!(r.status_of("id2"), Some(&OnlineStatus::Offline));
    assert!(r.query_result[0].is_online());
    assert_eq!(r.query_result[0].detail[0].platform, "IPhone");
    assert_eq!(
        r.query_result[0].detail[0].status,
        Some(OnlineStatus::PushOnline)
    );
    assert!(r.query_result[1].detail.is_empty());
    let f: Vec<_> = r.failures().collect();
    assert_eq!((f[0].to_account.as_str(), f[0].error_code), ("id4", 70107));

    // The documented request error: an API error with the page's code.
    let e = registry::find(p)
        .unwrap()
        .check_response(sample("login_state/query_online_status.error.response.json").as_bytes())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some(90001));
}

#[test]
fn query_online_status_accepts_status_or_state_and_unknown_values() {
    let body = json!({
        "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
        "QueryResult": [
            {"To_Account": "a", "Status": "PushOnline", "CustomStatus": "gaming"},
            {"To_Account": "b", "State": "Online"},
            {"To_Account": "c", "Status": "Busy",
             "Detail": [{"Platform": "Web", "Status": "Online", "InstId": 7}]}
        ]
    });
    let text = body.to_string();
    let r: QueryOnlineStatusResponse =
        chatadmin_core::envelope::decode_response("openim/query_online_status", text.as_bytes())
            .unwrap();
    assert_eq!(r.status_of("a"), Some(&OnlineStatus::PushOnline));
    assert_eq!(r.status_of("b"), Some(&OnlineStatus::Online));
    assert_eq!(r.status_of("c"), Some(&OnlineStatus::Other("Busy".into())));
    assert_eq!(r.query_result[0].extra["CustomStatus"], "gaming");
    assert_eq!(r.query_result[2].detail[0].extra["InstId"], 7);
    assert!(r.error_list.is_empty());
    // Re-encoding keeps every field as sent, `State` stays `State`.
    assert_eq!(serde_json::to_value(&r).unwrap(), body);
}

#[test]
fn query_online_status_limits() {
    assert!(QueryOnlineStatus::new(ids(500)).validate().is_ok());
    let e = encode_request(&QueryOnlineStatus::new(ids(501))).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let msg = e.to_string();
    assert!(
        msg.contains("`To_Account`") && msg.contains("at most 500"),
        "{msg}"
    );
    assert_eq!(
        validation_message(&QueryOnlineStatus::new(Vec::<String>::new())).0,
        "To_Account"
    );
    let mut bad = ids(3);
    bad[2] = "x".repeat(33);
    assert_eq!(
        validation_message(&QueryOnlineStatus::new(bad)).0,
        "To_Account[2]"
    );
    for flag in ["IsNeedDetail", "IsReturnInstid", "IsReturnCustomStatus"] {
        for ok in [0, 1] {
            let body = json!({"To_Account": ["a"], flag: ok});
            assert!(
                parse_request::<QueryOnlineStatus>(body).is_ok(),
                "{flag}={ok}"
            );
        }
        let e = parse_request::<QueryOnlineStatus>(json!({"To_Account": ["a"], flag: 2}))
            .unwrap_err()
            .to_string();
        assert!(e.contains(flag) && e.contains("between 0 and 1"), "{e}");
    }
    let req = QueryOnlineStatus::new(["a"])
        .need_detail(true)
        .return_instid(true)
        .return_custom_status(false);
    assert_eq!(
        encode_request(&req).unwrap(),
        json!({"To_Account": ["a"], "IsNeedDetail": 1, "IsReturnInstid": 1, "IsReturnCustomStatus": 0})
    );
    assert!(req.wants_detail());
}

#[test]
fn query_online_status_splits_by_500_and_merges_in_order() {
    let req = QueryOnlineStatus::new(ids(1001)).need_detail(true);
    let parts = req.split().unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [500, 500, 1]
    );
    assert_eq!(parts[2].to_account, ["user1000"]);
    assert!(parts.iter().all(|p| p.is_need_detail == Some(1)));
    assert!(QueryOnlineStatus::new(ids(500)).split().is_none());

    let a: QueryOnlineStatusResponse = serde_json::from_value(json!({
        "ErrorCode": 0, "QueryResult": [{"To_Account": "u0", "Status": "Online"}],
        "ErrorList": [{"To_Account": "u1", "ErrorCode": 70107}]
    }))
    .unwrap();
    let b: QueryOnlineStatusResponse = serde_json::from_value(json!({
        "ErrorCode": 0, "QueryResult": [{"To_Account": "u2", "Status": "Offline"}],
        "ErrorList": [{"To_Account": "u3", "ErrorCode": 70107}]
    }))
    .unwrap();
    let m = QueryOnlineStatusResponse::merge(a, vec![b]);
    let accounts: Vec<&str> = m
        .query_result
        .iter()
        .map(|r| r.to_account.as_str())
        .collect();
    assert_eq!(accounts, ["u0", "u2"]);
    let failed: Vec<&str> = m.failures().map(|f| f.to_account.as_str()).collect();
    assert_eq!(failed, ["u1", "u3"]);
}

// ---------------------------------------------------------------------------------------------
// portrait_set
// ---------------------------------------------------------------------------------------------

#[test]
fn portrait_set_samples_round_trip() {
    roundtrip_request(
        "profile/portrait_set",
        "profiles/portrait_set.default.request.json",
    );
    // The documented sample response is a failure: it decodes into the typed response and
    // re-encodes unchanged, and as a call result it is an API error with its code.
    let text = sample("profiles/portrait_set.default.response.json");
    let v: Value = serde_json::from_str(&text).unwrap();
    let r: PortraitSetResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(r.status.error_display.as_deref(), Some(""));
    assert_eq!(serde_json::to_value(&r).unwrap(), v);
    let e = registry::find("profile/portrait_set")
        .unwrap()
        .check_response(text.as_bytes())
        .unwrap_err();
    assert_eq!(e.code(), Some(40001));
}

#[test]
fn portrait_set_builder_types_every_standard_tag() {
    let req = PortraitSet::new("alice")
        .nick("A")
        .gender(Gender::Female)
        .birthday(19900101)
        .location("x")
        .self_signature("hi")
        .allow_type(AllowType::AllowAny)
        .language(2)
        .image("https://example.com/a.png")
        .msg_settings(1)
        .admin_forbid_type(AdminForbidType::SendOut)
        .level(3)
        .role(4)
        .custom("Team", "blue")
        .custom("Tag_Profile_Custom_Mood", "ok");
    let body = encode_request(&req).unwrap();
    let items = body["ProfileItem"].as_array().unwrap();
    let pairs: Vec<(&str, &Value)> = items
        .iter()
        .map(|i| (i["Tag"].as_str().unwrap(), &i["Value"]))
        .collect();
    assert_eq!(pairs.len(), 14);
    assert_eq!(pairs[1], (tag::GENDER, &json!("Gender_Type_Female")));
    assert_eq!(pairs[2], ("Tag_Profile_IM_BirthDay", &json!(19900101)));
    assert_eq!(
        pairs[5],
        (tag::ALLOW_TYPE, &json!("AllowType_Type_AllowAny"))
    );
    assert_eq!(
        pairs[9],
        (
            "Tag_Profile_IM_AdminForbidType",
            &json!("AdminForbid_Type_SendOut")
        )
    );
    assert_eq!(pairs[11], ("Tag_Profile_IM_Role", &json!(4)));
    assert_eq!(pairs[12], ("Tag_Profile_Custom_Team", &json!("blue")));
    assert_eq!(pairs[13], ("Tag_Profile_Custom_Mood", &json!("ok")));
    // What the builder makes parses back into the same request.
    assert_eq!(parse_request::<PortraitSet>(body).unwrap(), req);
}

#[test]
fn portrait_set_values_at_and_past_500_bytes() {
    let ok = PortraitSet::new("a").nick("n".repeat(500));
    assert!(ok.validate().is_ok());
    let long = PortraitSet::new("a")
        .nick("x")
        .self_signature("s".repeat(501));
    let (field, msg) = validation_message(&long);
    assert_eq!(field, "ProfileItem[1].Value");
    assert!(
        msg.contains("Tag_Profile_IM_SelfSignature") && msg.contains("at most 500 bytes"),
        "{msg}"
    );
    assert_eq!(long.first_problem().unwrap().1, ProfileRule::TooLong);
    assert_eq!(ProfileRule::TooLong.code(), 40601);
    // Bytes, not characters: 167 three-byte characters are 501 bytes.
    let cjk = PortraitSet::new("a").custom("Team", "好".repeat(167));
    assert_eq!(cjk.first_problem().unwrap().1, ProfileRule::TooLong);
    assert!(PortraitSet::new("a")
        .custom("Team", "好".repeat(166))
        .validate()
        .is_ok());
}

#[test]
fn portrait_set_checks_types_and_enum_values() {
    let cases: Vec<(ProfileItem, ProfileRule, i64)> = vec![
        (
            ProfileItem::new(tag::GENDER, "Gender_Type_Other"),
            ProfileRule::InvalidValue,
            40605,
        ),
        (
            ProfileItem::new(tag::ALLOW_TYPE, 1),
            ProfileRule::WrongType,
            40610,
        ),
        (
            ProfileItem::new(tag::BIRTHDAY, "19900101"),
            ProfileRule::WrongType,
            40610,
        ),
        (
            ProfileItem::new(tag::LEVEL, 4_294_967_296_u64),
            ProfileRule::InvalidValue,
            40605,
        ),
        (
            ProfileItem::new(tag::LEVEL, -1),
            ProfileRule::InvalidValue,
            40605,
        ),
        (
            ProfileItem::new(tag::NICK, 5),
            ProfileRule::WrongType,
            40610,
        ),
        (
            ProfileItem::new("Tag_Profile_Custom_Level", 3),
            ProfileRule::WrongType,
            40610,
        ),
        (
            ProfileItem::new("Tag_SNS_IM_Remark", "x"),
            ProfileRule::UnknownTag,
            40009,
        ),
        (
            ProfileItem::new("Tag_Profile_Custom_", "x"),
            ProfileRule::UnknownTag,
            40009,
        ),
    ];
    for (item, rule, code) in cases {
        let (got, why) = item.check().unwrap_err();
        assert_eq!((got, got.code()), (rule, code), "{item:?}: {why}");
    }
    assert!(ProfileItem::new(tag::LEVEL, u32::MAX).check().is_ok());
    assert!(
        ProfileItem::new(tag::ADMIN_FORBID_TYPE, "AdminForbid_Type_None")
            .check()
            .is_ok()
    );
    // A standard tag newer than this version is left to the service.
    assert!(ProfileItem::new("Tag_Profile_IM_Future", 1).check().is_ok());

    let req: Result<PortraitSet, _> = parse_request(json!({
        "From_Account": "a",
        "ProfileItem": [{"Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Other"}]
    }));
    let e = req.unwrap_err().to_string();
    assert!(
        e.contains("ProfileItem[0].Value") && e.contains("Gender_Type_Male"),
        "{e}"
    );
    let e = PortraitSet::new("a")
        .item("Tag_X", "v")
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "ProfileItem[0].Tag");
    assert_eq!(validation_message(&PortraitSet::new("a")).0, "ProfileItem");
    assert_eq!(
        validation_message(&PortraitSet::new("").nick("x")).0,
        "From_Account"
    );
    let e = parse_request::<PortraitSet>(json!({
        "From_Account": "a", "ProfileItem": [{"Tag": tag::NICK, "Value": "x", "Extra": 1}]
    }))
    .unwrap_err();
    assert!(e.to_string().contains("Extra"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// portrait_get
// ---------------------------------------------------------------------------------------------

#[test]
fn portrait_get_samples_round_trip() {
    let p = "profile/portrait_get";
    for name in [
        "one_user_one_tag",
        "one_user_many_tags",
        "many_users_one_tag",
        "many_users_many_tags",
    ] {
        roundtrip_request(p, &format!("profiles/portrait_get.{name}.request.json"));
        roundtrip_response(p, &format!("profiles/portrait_get.{name}.response.json"));
    }
    let r: PortraitGetResponse = chatadmin_core::envelope::decode_response(
        p,
        sample("profiles/portrait_get.many_users_many_tags.response.json").as_bytes(),
    )
    .unwrap();
    assert_eq!(r.user_profile_item.len(), 4);
    let id2 = r.profile_of("id2").unwrap();
    assert_eq!(id2.nick(), Some("NickNameTest2"));
    assert_eq!(id2.allow_type(), Some(AllowType::DenyAny));
    assert_eq!(id2.self_signature(), Some("I'm Test2"));
    assert_eq!(id2.custom("Test"), Some(&json!("Custom Data2")));
    assert_eq!(
        id2.custom("Tag_Profile_Custom_Test"),
        Some(&json!("Custom Data2"))
    );
    assert_eq!(id2.gender(), None);
    let failed: Vec<_> = r.failures().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].to_account.as_str(), failed[0].result_code),
        ("id4", 40006)
    );
    assert!(failed[0].profile_item.is_empty());
    assert_eq!(r.fail_account, ["id4"]);
}

#[test]
fn portrait_get_typed_accessors_are_lenient_and_keep_unknown_values() {
    let r: PortraitGetResponse = serde_json::from_value(json!({
        "ErrorCode": 0,
        "UserProfileItem": [{
            "To_Account": "a", "ResultCode": 0, "ResultInfo": "",
            "ProfileItem": [
                {"Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Nonbinary"},
                {"Tag": "Tag_Profile_IM_Level", "Value": "7"},
                {"Tag": "Tag_Profile_IM_BirthDay", "Value": 19900101},
                {"Tag": "Tag_Profile_IM_AdminForbidType", "Value": "AdminForbid_Type_None"},
                {"Tag": "Tag_Profile_IM_MsgSettings", "Value": 1}
            ]
        }]
    }))
    .unwrap();
    let a = &r.user_profile_item[0];
    assert_eq!(
        a.gender(),
        Some(Gender::Other("Gender_Type_Nonbinary".into()))
    );
    assert_eq!(a.level(), Some(7));
    assert_eq!(a.birthday(), Some(19900101));
    assert_eq!(a.admin_forbid_type(), Some(AdminForbidType::None));
    assert_eq!(a.msg_settings(), Some(1));
    assert_eq!(a.role(), None);
    assert!(r.fail_account.is_empty());
    assert!(serde_json::to_value(&r)
        .unwrap()
        .get("Fail_Account")
        .is_none());
}

#[test]
fn portrait_get_limits() {
    let tags = [tag::NICK];
    assert!(PortraitGet::new(ids(100), tags).validate().is_ok());
    let e = encode_request(&PortraitGet::new(ids(101), tags)).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("`To_Account`") && msg.contains("at most 100"),
        "{msg}"
    );
    assert_eq!(
        validation_message(&PortraitGet::new(Vec::<String>::new(), tags)).0,
        "To_Account"
    );
    assert_eq!(
        validation_message(&PortraitGet::new(["a"], Vec::<String>::new())).0,
        "TagList"
    );
    let (field, msg) =
        validation_message(&PortraitGet::new(["a"], [tag::NICK, "Tag_SNS_IM_Remark"]));
    assert_eq!(field, "TagList[1]");
    assert!(msg.contains("Tag_Profile_Custom_"), "{msg}");
    assert!(
        PortraitGet::new(["a"], ["Tag_Profile_Custom_Test", "Tag_Profile_IM_Future"])
            .validate()
            .is_ok()
    );
}

#[test]
fn portrait_get_splits_by_100_and_merges_profiles_and_failures() {
    let req = PortraitGet::new(ids(250), [tag::NICK, tag::LEVEL]);
    let parts = req.split().unwrap();
    assert_eq!(
        parts.iter().map(|p| p.to_account.len()).collect::<Vec<_>>(),
        [100, 100, 50]
    );
    assert!(parts.iter().all(|p| p.tag_list == req.tag_list));
    assert_eq!(parts[1].to_account[0], "user100");
    assert!(PortraitGet::new(ids(100), [tag::NICK]).split().is_none());

    let part = |ok: &str, bad: &str| -> PortraitGetResponse {
        serde_json::from_value(json!({
            "ErrorCode": 0,
            "UserProfileItem": [
                {"To_Account": ok, "ResultCode": 0, "ResultInfo": "",
                 "ProfileItem": [{"Tag": tag::NICK, "Value": ok}]},
                {"To_Account": bad, "ResultCode": 40003, "ResultInfo": "no"}
            ],
            "Fail_Account": [bad]
        }))
        .unwrap()
    };
    let m = PortraitGetResponse::merge(part("a", "b"), vec![part("c", "d")]);
    let order: Vec<&str> = m
        .user_profile_item
        .iter()
        .map(|p| p.to_account.as_str())
        .collect();
    assert_eq!(order, ["a", "b", "c", "d"]);
    assert_eq!(m.fail_account, ["b", "d"]);
    assert_eq!(m.profile_of("c").unwrap().nick(), Some("c"));
}

/// An all-accounts-failed answer is per-item data for a split call; anything else stays an error.
#[test]
fn query_online_status_reads_an_all_failed_answer_as_items() {
    use chatadmin_core::error::ApiError;
    let err = |body: Option<Value>| ApiError {
        endpoint: "openim/query_online_status".into(),
        code: 70107,
        info: "all failed".into(),
        display: None,
        request_id: None,
        body,
        retryable: false,
    };
    let failed = json!({"ActionStatus": "FAIL", "ErrorCode": 70107, "ErrorInfo": "all failed",
        "QueryResult": [], "ErrorList": [{"To_Account": "x", "ErrorCode": 70107}]});
    let r = QueryOnlineStatusResponse::from_all_items_failed(&err(Some(failed))).unwrap();
    assert_eq!(r.status.code(), 0);
    assert_eq!(r.error_list.len(), 1);
    assert_eq!(r.error_list[0].to_account, "x");
    // No per-item data, or some accounts answered: a real failure.
    assert!(QueryOnlineStatusResponse::from_all_items_failed(&err(None)).is_none());
    let no_list = json!({"ActionStatus": "FAIL", "ErrorCode": 90001, "ErrorInfo": "bad"});
    assert!(QueryOnlineStatusResponse::from_all_items_failed(&err(Some(no_list))).is_none());
    let mixed = json!({"ErrorCode": 70107, "QueryResult": [{"To_Account": "y", "Status": "Online"}],
        "ErrorList": [{"To_Account": "x", "ErrorCode": 70107}]});
    assert!(QueryOnlineStatusResponse::from_all_items_failed(&err(Some(mixed))).is_none());
    // Other endpoints keep their errors.
    assert!(PortraitGetResponse::from_all_items_failed(&err(Some(json!({})))).is_none());
}
