//! `group_open_http_svc/create_group` and `group_open_http_svc/destroy_group`: the documented
//! samples round-trip exactly, every documented limit holds at the limit and fails one past
//! it, the type-specific rules, strictness of requests and leniency of responses.
//!
//! The samples live in `tests/samples/groups/` at the repository root (copied from the spec),
//! so the tests never read anything outside the repository.

use chatadmin_core::api::group::*;
use chatadmin_core::endpoint::ApiRequest;
use chatadmin_core::envelope::decode_response;
use chatadmin_core::registry::{self, DynEndpoint};
use chatadmin_core::{Error, ErrorKind, Idempotency, ValidationError};
use serde_json::{json, Value};

const CREATE: &str = "group_open_http_svc/create_group";
const DESTROY: &str = "group_open_http_svc/destroy_group";

macro_rules! sample {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../tests/samples/groups/", $name)),
        )
    };
}

/// Every documented create_group / destroy_group sample.
const REQUESTS: &[(&str, &str)] = &[
    sample!("create_group.minimal.request.json"),
    sample!("create_group.base_info.request.json"),
    sample!("create_group.with_members.request.json"),
    sample!("create_group.custom_group_id.request.json"),
    sample!("create_group.app_defined_data.request.json"),
    sample!("create_group.member_defined_data.request.json"),
    sample!("create_group.community_with_topics.request.json"),
    sample!("create_group.full.request.json"),
    sample!("destroy_group.default.request.json"),
];

const RESPONSES: &[(&str, &str)] = &[
    sample!("create_group.default.response.json"),
    sample!("create_group.community.response.json"),
    sample!("create_group.custom_group_id.response.json"),
    sample!("destroy_group.default.response.json"),
];

fn endpoint(path: &str) -> &'static dyn DynEndpoint {
    registry::find(path).unwrap_or_else(|| panic!("{path} is registered"))
}

fn path_of(sample: &str) -> &'static str {
    if sample.starts_with("create_group.") {
        CREATE
    } else {
        DESTROY
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("sample is JSON")
}

/// A minimal valid create_group body, to change one field at a time.
fn base() -> Value {
    json!({"Type": "Public", "Name": "TestGroup"})
}

fn validation(r: Result<Value, Error>) -> ValidationError {
    match r {
        Err(Error::Validation(v)) => v,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Asserts the body is rejected at `field` with a message containing every `needle`.
fn rejects(path: &str, body: Value, field: &str, needles: &[&str]) -> ValidationError {
    let e = validation(endpoint(path).check_request(body));
    assert_eq!(e.field, field, "{e}");
    assert_eq!(e.endpoint.as_deref(), Some(path));
    for n in needles {
        assert!(e.message.contains(n), "{e} should mention {n:?}");
    }
    e
}

fn accepts(path: &str, body: Value) {
    if let Err(e) = endpoint(path).check_request(body.clone()) {
        panic!("{body} should be valid: {e}");
    }
}

fn with(mut body: Value, field: &str, value: Value) -> Value {
    body[field] = value;
    body
}

fn members(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"Member_Account": format!("user{i}")}))
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// Documented samples

#[test]
fn the_sample_directory_holds_exactly_the_listed_samples() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/samples/groups");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/samples/groups exists")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("create_group.") || n.starts_with("destroy_group."))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = REQUESTS
        .iter()
        .chain(RESPONSES)
        .map(|(n, _)| (*n).to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_documented_request_round_trips_exactly() {
    // No documented sample breaks a documented rule. Note: `app_defined_data` has the key
    // " GroupTestData2" with a leading space (the ALL IN ONE sample spells it without); key
    // rules ([A-Za-z0-9_], at most 16 bytes) appear only in SDK comments, not on the page, so
    // keys are not checked and the sample passes as written.
    for (name, text) in REQUESTS {
        let sample = json(text);
        let out = endpoint(path_of(name))
            .check_request(sample.clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out, sample, "{name}");
    }
}

#[test]
fn every_documented_response_round_trips_exactly() {
    for (name, text) in RESPONSES {
        let out = endpoint(path_of(name))
            .check_response(text.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out, json(text), "{name}");
    }
}

#[test]
fn documented_samples_decode_into_the_expected_types() {
    let full: CreateGroup = registry::parse_request(json(REQUESTS[7].1)).unwrap();
    assert_eq!(full.group_type, GroupType::Public);
    assert_eq!(full.group_id.as_deref(), Some("MyFirstGroup"));
    assert_eq!(full.apply_join_option, Some(ApplyJoinOption::FreeAccess));
    assert_eq!(full.max_member_count, Some(500));
    // The custom field value carries binary data.
    assert_eq!(
        full.app_defined_data.as_ref().unwrap()[1].value,
        "abc\u{0}\u{1}"
    );
    let list = full.member_list.as_ref().unwrap();
    assert_eq!(list[0].role, Some(MemberRole::Admin));
    assert_eq!(list[1].role, None);
    assert_eq!(list[1].app_member_defined_data.as_ref().unwrap().len(), 2);

    let topics: CreateGroup = registry::parse_request(json(REQUESTS[6].1)).unwrap();
    assert_eq!(topics.group_type, GroupType::Community);
    assert_eq!(topics.support_topic, Some(1));

    let community: CreateGroupResponse =
        decode_response(CREATE, RESPONSES[1].1.as_bytes()).unwrap();
    assert_eq!(community.group_id, "@TGS#_@TGS#cRDH3HIM62CP");
    assert_eq!(community.group_type, Some(GroupType::Community));
    assert_eq!(community.huge_group_flag, Some(0));
    assert!(community.extra.is_empty());

    let destroy: DestroyGroup = registry::parse_request(json(REQUESTS[8].1)).unwrap();
    assert_eq!(destroy, DestroyGroup::new("@TGS#2J4SZEAEL"));
}

#[test]
fn the_builder_produces_the_documented_all_in_one_body() {
    let req = CreateGroup::new(GroupType::Public, "TestGroup")
        .owner("leckie")
        .group_id("MyFirstGroup")
        .introduction("This is group Introduction")
        .notification("This is group Notification")
        .face_url("http://this.is.face.url")
        .max_member_count(500)
        .apply_join_option(ApplyJoinOption::FreeAccess)
        .app_data("GroupTestData1", "xxxxx")
        .app_data("GroupTestData2", "abc\u{0}\u{1}")
        .member(
            InitialMember::new("bob")
                .admin()
                .app_data("MemberDefined1", "MemberData1")
                .app_data("MemberDefined2", "MemberData2"),
        )
        .members([InitialMember::new("peter")
            .app_data("MemberDefined1", "MemberData1")
            .app_data("MemberDefined2", "MemberData2")]);
    let body = registry::encode_request(&req).unwrap();
    assert_eq!(body, json(REQUESTS[7].1));

    let topics = CreateGroup::new(GroupType::Community, "TestCommunityGroup").support_topic(true);
    assert_eq!(
        registry::encode_request(&topics).unwrap(),
        json(REQUESTS[6].1)
    );

    let plain = CreateGroup::new(GroupType::Public, "TestGroup").members(["bob", "peter"]);
    assert_eq!(
        registry::encode_request(&plain).unwrap()["MemberList"],
        json!([{"Member_Account": "bob"}, {"Member_Account": "peter"}])
    );
}

// ---------------------------------------------------------------------------------------------
// Metadata and idempotency

#[test]
fn metadata_matches_the_pages() {
    let c = CreateGroup::META;
    assert_eq!(c.path, CREATE);
    assert_eq!(c.qualified_name(), "groups.create");
    assert_eq!(
        c.doc_url,
        "https://intl.cloud.tencent.com/document/product/1047/34895"
    );
    assert_eq!(c.rate_limit_per_sec, 200);
    assert_eq!(c.idempotency, Idempotency::NotIdempotent);
    assert_eq!(c.split_field, None);
    assert_eq!(c.limit("MemberList").unwrap().max_items(), Some(100));
    for l in c.limits() {
        assert!(l.source.contains("https://"), "{}: source", l.field);
    }

    let d = DestroyGroup::META;
    assert_eq!(d.path, DESTROY);
    assert_eq!(d.qualified_name(), "groups.destroy");
    assert_eq!(
        d.doc_url,
        "https://intl.cloud.tencent.com/document/product/1047/34896"
    );
    assert_eq!(d.rate_limit_per_sec, 200);
    assert_eq!(d.idempotency, Idempotency::Idempotent);
    assert!(d.limit("GroupId").is_some());
}

#[test]
fn create_is_retry_safe_only_with_a_custom_group_id() {
    let plain = CreateGroup::new(GroupType::Public, "g");
    assert!(!plain.is_retry_safe());
    assert!(plain.clone().group_id("MyFirstGroup").is_retry_safe());
    // An empty ID is not an ID (and validation rejects it).
    assert!(!plain.group_id("").is_retry_safe());
}

// ---------------------------------------------------------------------------------------------
// Documented limits: at the limit and one past it

#[test]
fn name_is_required_and_at_most_30_bytes() {
    // 10 three-byte characters are exactly 30 bytes.
    accepts(CREATE, with(base(), "Name", json!("好".repeat(10))));
    accepts(CREATE, with(base(), "Name", json!("n".repeat(30))));
    rejects(
        CREATE,
        with(base(), "Name", json!(format!("{}a", "好".repeat(10)))),
        "Name",
        &["31 bytes", "at most 30 bytes"],
    );
    rejects(
        CREATE,
        with(base(), "Name", json!("")),
        "Name",
        &["must not be empty"],
    );
    rejects(CREATE, json!({"Type": "Public"}), "", &["Name"]);
    rejects(CREATE, json!({"Name": "g"}), "", &["Type"]);
}

#[test]
fn text_fields_have_their_documented_byte_limits() {
    for (field, max) in [
        ("Introduction", 240),
        ("Notification", 300),
        ("FaceUrl", 100),
    ] {
        accepts(CREATE, with(base(), field, json!("x".repeat(max))));
        accepts(CREATE, with(base(), field, json!("")));
        rejects(
            CREATE,
            with(base(), field, json!("x".repeat(max + 1))),
            field,
            &[
                &format!("{} bytes", max + 1),
                &format!("at most {max} bytes"),
            ],
        );
    }
}

#[test]
fn member_list_has_at_most_100_members() {
    accepts(CREATE, with(base(), "MemberList", members(100)));
    accepts(CREATE, with(base(), "MemberList", json!([])));
    rejects(
        CREATE,
        with(base(), "MemberList", members(101)),
        "MemberList",
        &["101 items", "at most 100"],
    );
}

#[test]
fn accounts_are_userids_of_at_most_32_bytes() {
    let at = json!([{"Member_Account": "a".repeat(32)}]);
    accepts(CREATE, with(base(), "MemberList", at));
    let past = json!([{"Member_Account": "bob"}, {"Member_Account": "a".repeat(33)}]);
    rejects(
        CREATE,
        with(base(), "MemberList", past),
        "MemberList[1].Member_Account",
        &["33 bytes", "at most 32 bytes"],
    );
    rejects(
        CREATE,
        with(base(), "MemberList", json!([{"Member_Account": ""}])),
        "MemberList[0].Member_Account",
        &["must not be empty"],
    );
    accepts(CREATE, with(base(), "Owner_Account", json!("o".repeat(32))));
    rejects(
        CREATE,
        with(base(), "Owner_Account", json!("o".repeat(33))),
        "Owner_Account",
        &["at most 32 bytes"],
    );
}

#[test]
fn custom_group_id_is_printable_ascii_of_at_most_48_bytes() {
    accepts(CREATE, with(base(), "GroupId", json!("g".repeat(48))));
    accepts(
        CREATE,
        with(
            base(),
            "GroupId",
            json!(" ~!#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}"),
        ),
    );
    rejects(
        CREATE,
        with(base(), "GroupId", json!("g".repeat(49))),
        "GroupId",
        &["49 bytes", "at most 48 bytes"],
    );
    rejects(
        CREATE,
        with(base(), "GroupId", json!("grüppe")),
        "GroupId",
        &["'ü'", "byte 2", "printable ASCII (0x20-0x7e)"],
    );
    rejects(
        CREATE,
        with(base(), "GroupId", json!("tab\there")),
        "GroupId",
        &["'\\t'", "printable ASCII"],
    );
    rejects(
        CREATE,
        with(base(), "GroupId", json!("")),
        "GroupId",
        &["must not be empty", "leave it out"],
    );
}

#[test]
fn custom_group_id_must_not_take_the_assigned_prefix() {
    rejects(
        CREATE,
        with(base(), "GroupId", json!("@TGS#mine")),
        "GroupId",
        &["\"@TGS#\"", "reserved"],
    );
    rejects(
        CREATE,
        with(base(), "GroupId", json!("@TGS#_mine")),
        "GroupId",
        &["\"@TGS#\""],
    );
    // Communities: the client SDK docs require `@TGS#_` for custom community IDs.
    let community = json!({"Type": "Community", "Name": "c"});
    accepts(
        CREATE,
        with(community.clone(), "GroupId", json!("@TGS#_mine")),
    );
    accepts(CREATE, with(community.clone(), "GroupId", json!("mine")));
    rejects(
        CREATE,
        with(community, "GroupId", json!("@TGS#mine")),
        "GroupId",
        &["\"@TGS#_\""],
    );
}

#[test]
fn support_topic_is_0_or_1() {
    let community = json!({"Type": "Community", "Name": "c"});
    accepts(CREATE, with(community.clone(), "SupportTopic", json!(0)));
    accepts(CREATE, with(community.clone(), "SupportTopic", json!(1)));
    rejects(
        CREATE,
        with(community.clone(), "SupportTopic", json!(2)),
        "SupportTopic",
        &["is 2", "between 0 and 1"],
    );
    // A negative number is not even a u32.
    rejects(
        CREATE,
        with(community, "SupportTopic", json!(-1)),
        "SupportTopic",
        &[],
    );
}

#[test]
fn destroy_group_id_is_required_and_at_most_48_bytes() {
    accepts(DESTROY, json!({"GroupId": "g".repeat(48)}));
    accepts(DESTROY, json!({"GroupId": "@TGS#_@TGS#cRDH3HIM62CP"}));
    rejects(
        DESTROY,
        json!({"GroupId": "g".repeat(49)}),
        "GroupId",
        &["49 bytes", "at most 48 bytes"],
    );
    rejects(
        DESTROY,
        json!({"GroupId": ""}),
        "GroupId",
        &["must not be empty"],
    );
    rejects(DESTROY, json!({}), "", &["GroupId"]);
}

// ---------------------------------------------------------------------------------------------
// Type-specific rules

#[test]
fn avchatroom_takes_no_initial_members() {
    let av = json!({"Type": "AVChatRoom", "Name": "live", "Owner_Account": "leckie"});
    accepts(CREATE, av.clone());
    accepts(CREATE, with(av.clone(), "MemberList", json!([])));
    rejects(
        CREATE,
        with(av, "MemberList", members(1)),
        "MemberList",
        &["AVChatRoom", "10007"],
    );
    for t in ["Private", "Public", "ChatRoom", "Community"] {
        accepts(
            CREATE,
            json!({"Type": t, "Name": "g", "MemberList": members(2)}),
        );
    }
}

// Issue 12: the pages document no error for ApplyJoinOption on Community and Private (Work)
// groups, SupportTopic on other types than communities, or a member role other than Admin, so
// they are sent as given (the service, and the emulator, answer).
#[test]
fn apply_join_option_is_sent_for_every_type() {
    for option in ["FreeAccess", "NeedPermission", "DisableApply"] {
        for t in [
            "Public",
            "ChatRoom",
            "AVChatRoom",
            "Community",
            "Private",
            "Work",
            "Meeting",
        ] {
            accepts(
                CREATE,
                json!({"Type": t, "Name": "g", "ApplyJoinOption": option}),
            );
        }
    }
    rejects(
        CREATE,
        with(base(), "ApplyJoinOption", json!("Anyone")),
        "ApplyJoinOption",
        &[
            "\"Anyone\"",
            "\"FreeAccess\", \"NeedPermission\", \"DisableApply\"",
        ],
    );
}

#[test]
fn support_topic_is_sent_for_every_type() {
    for t in ["Private", "Public", "ChatRoom", "AVChatRoom", "Community"] {
        for v in [0, 1] {
            accepts(CREATE, json!({"Type": t, "Name": "g", "SupportTopic": v}));
        }
    }
}

#[test]
fn any_known_initial_role_is_sent() {
    let list = json!([{"Member_Account": "bob", "Role": "Admin"}, {"Member_Account": "peter", "Role": "Member"}, {"Member_Account": "carol", "Role": "Owner"}]);
    accepts(CREATE, with(base(), "MemberList", list));
    let unknown = json!([{"Member_Account": "bob", "Role": "Boss"}]);
    rejects(
        CREATE,
        with(base(), "MemberList", unknown),
        "MemberList[0].Role",
        &["\"Boss\"", "expected one of"],
    );
}

// ---------------------------------------------------------------------------------------------
// Strict requests, lenient responses

#[test]
fn unknown_fields_are_rejected_by_name() {
    let e = rejects(
        CREATE,
        with(base(), "Nickname", json!("x")),
        "Nickname",
        &["`Nickname`"],
    );
    assert!(e.message.contains("unknown field"), "{e}");
    let nested = json!([{"Member_Account": "bob", "NameCard": "B"}]);
    rejects(
        CREATE,
        with(base(), "MemberList", nested),
        "MemberList[0].NameCard",
        &["`NameCard`"],
    );
    let data = json!([{"Key": "k", "Value": "v", "Type": "x"}]);
    rejects(
        CREATE,
        with(base(), "AppDefinedData", data),
        "AppDefinedData[0].Type",
        &["`Type`"],
    );
    rejects(
        DESTROY,
        json!({"GroupId": "g", "Reason": "x"}),
        "Reason",
        &["`Reason`"],
    );
    // Not documented on the create_group page (2024-12): refused until verified.
    let option = json!("FreeAccess");
    rejects(
        CREATE,
        with(base(), "InviteJoinOption", option),
        "InviteJoinOption",
        &["`InviteJoinOption`"],
    );
}

#[test]
fn unknown_group_types_are_rejected_in_requests_with_the_valid_ones() {
    let valid = "\"Private\", \"Public\", \"ChatRoom\", \"AVChatRoom\", \"Community\", \"Work\", \"Meeting\", \"BChatRoom\"";
    rejects(
        CREATE,
        with(base(), "Type", json!("HugeRoom")),
        "Type",
        &["\"HugeRoom\"", valid],
    );
    // The newer product names and BChatRoom are accepted as sent (issue 12: the pages
    // document no error for them; the service answers).
    for t in [
        "Private",
        "Public",
        "ChatRoom",
        "AVChatRoom",
        "Community",
        "Work",
        "Meeting",
        "BChatRoom",
    ] {
        accepts(CREATE, with(base(), "Type", json!(t)));
    }
}

#[test]
fn unknown_group_types_decode_in_responses() {
    let body = br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","GroupId":"@TGS#1","Type":"HugeRoom"}"#;
    let r: CreateGroupResponse = decode_response(CREATE, body).unwrap();
    assert_eq!(r.group_type, Some(GroupType::Other("HugeRoom".into())));
    let out = endpoint(CREATE).check_response(body).unwrap();
    assert_eq!(out["Type"], "HugeRoom");
}

#[test]
fn responses_keep_extra_fields_and_accept_numbers_as_strings() {
    let body = br#"{
        "ActionStatus": "OK", "ErrorCode": "0", "ErrorInfo": "", "RequestId": "req-1",
        "GroupId": 123456, "HugeGroupFlag": "1", "Type": "Community",
        "NewFlag": {"a": [1, 2]}, "CreateTime": "1700000000"
    }"#;
    let r: CreateGroupResponse = decode_response(CREATE, body).unwrap();
    assert_eq!(r.status.code(), 0);
    assert_eq!(r.status.request_id.as_deref(), Some("req-1"));
    assert_eq!(r.group_id, "123456");
    assert_eq!(r.huge_group_flag, Some(1));
    assert_eq!(r.group_type, Some(GroupType::Community));
    assert_eq!(r.extra.len(), 2, "{:?}", r.extra);
    assert_eq!(r.extra["NewFlag"], json!({"a": [1, 2]}));
    assert_eq!(r.extra["CreateTime"], "1700000000");

    let out = endpoint(CREATE).check_response(body).unwrap();
    assert_eq!(out["GroupId"], "123456");
    assert_eq!(out["ErrorCode"], 0);
    assert_eq!(out["NewFlag"], json!({"a": [1, 2]}));

    let d: DestroyGroupResponse = decode_response(
        DESTROY,
        br#"{"ErrorCode":"0","ErrorInfo":"OK","Extra":true}"#,
    )
    .unwrap();
    assert_eq!(d.extra["Extra"], true);
    // Missing optional fields stay missing.
    let out = endpoint(DESTROY)
        .check_response(br#"{"ErrorCode":0}"#)
        .unwrap();
    assert_eq!(out, json!({"ErrorCode": 0}));
}

#[test]
fn error_responses_are_api_errors() {
    let body =
        br#"{"ActionStatus":"FAIL","ErrorCode":10021,"ErrorInfo":"group id has been used!"}"#;
    let e = endpoint(CREATE).check_response(body).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some(10021));
    match &e {
        Error::Api(api) => {
            assert_eq!(api.endpoint, CREATE);
            assert_eq!(api.info, "group id has been used!");
            assert!(api.meaning().is_some());
            assert_eq!(api.body.as_ref().unwrap()["ErrorCode"], 10021);
        }
        other => panic!("{other:?}"),
    }
    assert!(!e.is_retryable(true));

    let e = endpoint(DESTROY)
        .check_response(
            br#"{"ActionStatus":"FAIL","ErrorCode":10010,"ErrorInfo":"group not found"}"#,
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Api);
    assert_eq!(e.code(), Some(10010));
}

#[test]
fn create_group_is_retry_safe_only_with_a_custom_group_id() {
    use chatadmin_core::ApiRequest;
    let plain = CreateGroup::new(GroupType::Public, "g");
    assert!(!plain.retry_safe(), "a retry could create a second group");
    assert!(plain.clone().group_id("my-group-1").retry_safe());
    assert!(chatadmin_core::api::group::DestroyGroup::new("g").retry_safe());
}

// ---------------------------------------------------------------------------------------------
// Group management reads and writes

fn page<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

#[test]
fn paged_group_reads_stop_where_the_pages_say() {
    // get_appid_group_list: follow Next until 0; a cursor that does not move ends the walk.
    let first = GetAppidGroupList::new().limit(2);
    let resp: GetAppidGroupListResponse = page(
        json!({"ErrorCode": 0, "TotalCount": 5, "GroupIdList": [{"GroupId": "a"}, {"GroupId": "b"}], "Next": 7}),
    );
    let second = first.next_page(&resp).unwrap();
    assert_eq!((second.next, second.limit), (Some(7), Some(2)));
    assert!(second.next_page(&resp).is_none(), "the same cursor again");
    let last: GetAppidGroupListResponse = page(
        json!({"ErrorCode": 0, "TotalCount": 5, "GroupIdList": [{"GroupId": "e"}], "Next": 0}),
    );
    assert!(second.next_page(&last).is_none());

    // get_joined_group_list: Offset advances by Limit until TotalCount; no Limit is one page.
    let joined = GetJoinedGroupList::new("u").limit(2);
    let two: GetJoinedGroupListResponse = page(
        json!({"ErrorCode": 0, "TotalCount": 5, "GroupIdList": [{"GroupId": "a"}, {"GroupId": "b"}]}),
    );
    let next = joined.next_page(&two).unwrap();
    assert_eq!(next.offset, Some(2));
    assert_eq!(next.next_page(&two).unwrap().offset, Some(4));
    let at_end = GetJoinedGroupList::new("u").limit(2).offset(4);
    assert!(at_end.next_page(&two).is_none(), "4 + 2 >= 5");
    let empty: GetJoinedGroupListResponse =
        page(json!({"ErrorCode": 0, "TotalCount": 5, "GroupIdList": []}));
    assert!(
        joined.next_page(&empty).is_none(),
        "an empty page ends the walk"
    );
    assert!(GetJoinedGroupList::new("u").next_page(&two).is_none());
}

#[test]
fn group_management_limits_and_rules() {
    // get_group_info: at most 50 groups per request, split in order.
    let ids: Vec<String> = (0..120).map(|i| format!("g{i}")).collect();
    let parts = GetGroupInfo::new(ids.clone()).split().unwrap();
    assert_eq!(
        parts
            .iter()
            .map(|p| p.group_id_list.len())
            .collect::<Vec<_>>(),
        [50, 50, 20]
    );
    assert_eq!(parts[2].group_id_list[19], "g119");
    // get_role_in_group: at most 500 users per request.
    let users: Vec<String> = (0..501).map(|i| format!("u{i}")).collect();
    assert_eq!(GetRoleInGroup::new("g", users).split().unwrap().len(), 2);

    // modify_group_base_info: the documented byte limits, custom fields of at most 16-byte
    // keys and 512-byte values, at most 10 per request; an empty value (deletion) is fine.
    let base = || ModifyGroupBaseInfo::new("@TGS#1NVTZEAE4");
    assert!(base().app_data("GroupTestData2", "").validate().is_ok());
    let e = base().app_data("K".repeat(17), "v").validate().unwrap_err();
    assert_eq!(e.field, "AppDefinedData[0].Key");
    let e = base()
        .app_data("k", "v".repeat(513))
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "AppDefinedData[0].Value");
    let mut eleven = base();
    for i in 0..11 {
        eleven = eleven.app_data(format!("k{i}"), "v");
    }
    assert_eq!(eleven.validate().unwrap_err().field, "AppDefinedData");
    assert_eq!(
        base()
            .notification("x".repeat(301))
            .validate()
            .unwrap_err()
            .field,
        "Notification"
    );
    assert!(base().name("").validate().is_err(), "a name is not empty");

    // import_group: AVChatRoom cannot be imported; a custom ID follows the create_group rules;
    // retrying is safe only with a custom ID.
    let e = ImportGroup::new(GroupType::AvChatRoom, "l")
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "Type");
    let e = ImportGroup::new(GroupType::Public, "g")
        .group_id("@TGS#mine")
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "GroupId");
    assert!(!ImportGroup::new(GroupType::Public, "g").is_retry_safe());
    assert!(ImportGroup::new(GroupType::Public, "g")
        .group_id("Mine")
        .retry_safe());
    assert_eq!(ImportGroup::META.idempotency, Idempotency::NotIdempotent);

    // get_joined_group_list: at most 5,000 per page; the flags are 0 or 1.
    assert!(GetJoinedGroupList::new("u").limit(5001).validate().is_err());
    assert!(GetJoinedGroupList::new("u")
        .with_huge_groups(2)
        .validate()
        .is_err());
    // get_appid_group_list: 1 to 10,000 per page, 1 call per second.
    assert!(GetAppidGroupList::new().limit(10_001).validate().is_err());
    assert_eq!(GetAppidGroupList::META.rate_limit_per_sec, 1);
}

#[test]
fn group_info_answers_keep_per_group_results() {
    let resp: GetGroupInfoResponse = page(json!({
        "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
        "GroupInfo": [
            {"GroupId": "a", "ErrorCode": 0, "ErrorInfo": "", "MemberNum": "3", "MuteAllMember": "On",
             "AppDefinedData": [{"Key": "k", "Value": "v"}], "MemberList": [{"Member_Account": "x", "Role": "Owner"}],
             "SomethingNew": 1},
            {"GroupId": "b", "ErrorCode": 10010, "ErrorInfo": "gone"}
        ]
    }));
    let a = resp.group("a").unwrap();
    assert!(a.is_ok());
    assert_eq!(a.member_num, Some(3), "a number sent as a string");
    assert_eq!(a.mute_all_member, Some(OnOff::On));
    assert_eq!(a.app_data("k"), Some("v"));
    assert_eq!(a.member("x").unwrap().role, Some(MemberRole::Owner));
    assert_eq!(a.extra["SomethingNew"], 1);
    assert_eq!(
        resp.failures()
            .map(|g| g.group_id.as_str())
            .collect::<Vec<_>>(),
        ["b"]
    );
    let roles: GetRoleInGroupResponse =
        page(json!({"ErrorCode": 0, "UserIdList": [{"Member_Account": "w", "Role": "NotMember"}]}));
    assert_eq!(roles.role("w"), Some(&RoleInGroup::NotMember));
}
