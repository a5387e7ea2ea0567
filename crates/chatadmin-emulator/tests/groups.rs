//! Group management end to end over HTTP (`group_open_http_svc`): groups of every type
//! created and imported, the app's group list paged by `Next`, group profiles read with and
//! without filters, profiles changed, a user's groups paged, ownership transferred, roles
//! read, unread counts set, with the pages' error codes.

mod common;

use std::collections::BTreeSet;

use chatadmin_emulator::RateLimitMode;
use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

const CREATE: &str = "group_open_http_svc/create_group";
const DESTROY: &str = "group_open_http_svc/destroy_group";
const LIST: &str = "group_open_http_svc/get_appid_group_list";
const INFO: &str = "group_open_http_svc/get_group_info";
const MODIFY: &str = "group_open_http_svc/modify_group_base_info";
const JOINED: &str = "group_open_http_svc/get_joined_group_list";
const OWNER: &str = "group_open_http_svc/change_group_owner";
const ROLES: &str = "group_open_http_svc/get_role_in_group";
const IMPORT: &str = "group_open_http_svc/import_group";
const UNREAD: &str = "group_open_http_svc/set_unread_msg_num";

/// A harness without the documented 1 call/s of `get_appid_group_list`, and accounts.
fn harness(accounts: &[&str]) -> Harness {
    let h = Harness::with_rate_limit(RateLimitMode::Off);
    for a in accounts {
        h.emu.control().add_account(a);
    }
    h
}

fn create(h: &Harness, body: Value) -> String {
    let v = h.call(CREATE, body);
    assert_ok(&v);
    v["GroupId"].as_str().unwrap().to_owned()
}

/// The `GroupInfo` items of a `get_group_info` call that succeeded as a whole.
fn info(h: &Harness, ids: &[&str], filter: Option<Value>) -> Vec<Value> {
    let mut body = json!({ "GroupIdList": ids });
    if let Some(f) = filter {
        body["ResponseFilter"] = f;
    }
    let v = h.call(INFO, body);
    assert_ok(&v);
    let items = v["GroupInfo"].as_array().unwrap().clone();
    assert_eq!(
        items
            .iter()
            .map(|i| i["GroupId"].clone())
            .collect::<Vec<_>>(),
        ids.iter().map(|i| json!(i)).collect::<Vec<_>>(),
        "one item per group, in request order"
    );
    items
}

fn one(h: &Harness, id: &str) -> Value {
    let g = info(h, &[id], None).remove(0);
    assert_eq!(g["ErrorCode"], 0, "{g}");
    g
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn members(g: &Value) -> Vec<(String, String)> {
    g["MemberList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["Member_Account"].as_str().unwrap().to_owned(),
                m["Role"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn roles(h: &Harness, group: &str, users: &[&str]) -> Vec<String> {
    let v = h.call(ROLES, json!({"GroupId": group, "User_Account": users}));
    assert_ok(&v);
    let list = v["UserIdList"].as_array().unwrap();
    assert_eq!(
        list.iter()
            .map(|u| u["Member_Account"].as_str().unwrap())
            .collect::<Vec<_>>(),
        users
    );
    list.iter()
        .map(|u| u["Role"].as_str().unwrap().to_owned())
        .collect()
}

fn ids_of(v: &Value) -> Vec<String> {
    v["GroupIdList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["GroupId"].as_str().unwrap().to_owned())
        .collect()
}

/// Every page of the app's group list (`Limit` per page), following `Next` until 0.
fn app_groups(h: &Harness, limit: u32, group_type: Option<&str>) -> (Vec<String>, u64) {
    let mut all = Vec::new();
    let mut next = 0u64;
    let mut total = None;
    for _ in 0..100 {
        let mut body = json!({"Limit": limit, "Next": next});
        if let Some(t) = group_type {
            body["GroupType"] = json!(t);
        }
        let v = h.call(LIST, body);
        assert_ok(&v);
        let page = ids_of(&v);
        assert!(page.len() <= limit as usize, "{v}");
        let t = v["TotalCount"].as_u64().unwrap();
        assert_eq!(
            *total.get_or_insert(t),
            t,
            "TotalCount does not depend on paging"
        );
        all.extend(page);
        next = v["Next"].as_u64().unwrap();
        if next == 0 {
            return (all, t);
        }
    }
    panic!("get_appid_group_list never answered Next 0");
}

#[test]
fn the_app_group_list_pages_by_next_and_filters_by_type() {
    let h = harness(&["leader"]);
    let mut made: Vec<(String, &str)> = Vec::new();
    for t in [
        "Public",
        "Private",
        "ChatRoom",
        "AVChatRoom",
        "Community",
        "Work",
        "Meeting",
        "BChatRoom",
    ] {
        let n = if matches!(t, "Work" | "Meeting" | "BChatRoom") {
            1
        } else {
            2
        };
        for i in 0..n {
            let id = create(
                &h,
                json!({"Type": t, "Name": format!("{t}{i}"), "Owner_Account": "leader"}),
            );
            made.push((id, t));
        }
    }
    assert_eq!(made.len(), 13);

    // Two at a time: every group once, in creation order, the last page with Next 0.
    let (all, total) = app_groups(&h, 2, None);
    assert_eq!(total, 13);
    assert_eq!(
        all,
        made.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>()
    );
    // One page holds everything by default ({} is the page's "basic format").
    let v = h.call(LIST, json!({}));
    assert_ok(&v);
    assert_eq!(ids_of(&v).len(), 13);
    assert_eq!(v["Next"], 0);

    // By type: the type IDs list the groups created under the newer names too; the two live
    // types stay apart.
    let of = |types: &[&str]| -> Vec<String> {
        made.iter()
            .filter(|(_, t)| types.contains(t))
            .map(|(id, _)| id.clone())
            .collect()
    };
    for (filter, types) in [
        ("Public", &["Public"][..]),
        ("Private", &["Private", "Work"][..]),
        ("ChatRoom", &["ChatRoom", "Meeting"][..]),
        ("AVChatRoom", &["AVChatRoom"][..]),
        ("BChatRoom", &["BChatRoom"][..]),
        ("Community", &["Community"][..]),
    ] {
        let (ids, total) = app_groups(&h, 2, Some(filter));
        assert_eq!(ids, of(types), "{filter}");
        assert_eq!(
            total,
            ids.len() as u64,
            "{filter}: TotalCount counts the type"
        );
    }

    // A group disbanded and one created between two pages: the walk neither repeats nor
    // skips the others.
    let v = h.call(LIST, json!({"Limit": 4, "Next": 0}));
    let first = ids_of(&v);
    let next = v["Next"].as_u64().unwrap();
    assert_ne!(next, 0);
    assert_ok(&h.call(DESTROY, json!({"GroupId": made[6].0})));
    let late = create(&h, json!({"Type": "Public", "Name": "late"}));
    let mut rest = Vec::new();
    let mut cursor = next;
    while cursor != 0 {
        let v = h.call(LIST, json!({"Limit": 4, "Next": cursor}));
        assert_ok(&v);
        assert_eq!(v["TotalCount"], 13, "12 left plus the new one");
        rest.extend(ids_of(&v));
        cursor = v["Next"].as_u64().unwrap();
    }
    let mut expected: Vec<String> = made[4..]
        .iter()
        .filter(|(id, _)| *id != made[6].0)
        .map(|(id, _)| id.clone())
        .collect();
    expected.push(late);
    assert_eq!(first, of_first(&made, 4));
    assert_eq!(rest, expected);

    // Limit is 1 to 10,000 (page); an unknown type is invalid: 10004.
    for body in [
        json!({"Limit": 0}),
        json!({"Limit": 10_001}),
        json!({"GroupType": "Friends"}),
    ] {
        assert_fail(&h.call(LIST, body), 10004);
    }
}

fn of_first(made: &[(String, &str)], n: usize) -> Vec<String> {
    made[..n].iter().map(|(id, _)| id.clone()).collect()
}

#[test]
fn the_app_group_list_allows_one_call_per_second() {
    let h = Harness::new();
    assert_ok(&h.call(LIST, json!({})));
    // "Maximum call frequency: 1 times/second": the next call at once is refused.
    let v = h.call(LIST, json!({}));
    assert_ne!(common::code(&v), 0, "{v}");
}

#[test]
fn group_info_reads_everything_or_what_the_filters_name() {
    let h = harness(&["leckie", "peter", "wesley"]);
    let c = h.emu.control();
    let created = c.now();
    let id = create(
        &h,
        json!({
            "Type": "Public", "Name": "MyFirstGroup", "Owner_Account": "leckie",
            "Introduction": "intro", "FaceUrl": "http://this.is.face.url",
            "AppDefinedData": [{"Key": "GroupTestData1", "Value": "xxxx"}, {"Key": "GroupTestData2", "Value": "abc\u{0}\u{1}"}],
            "MemberList": [
                {"Member_Account": "peter", "Role": "Admin", "AppMemberDefinedData": [{"Key": "MemberDefined1", "Value": "v1"}, {"Key": "MemberDefined2", "Value": "v2"}]},
                {"Member_Account": "wesley"}
            ]
        }),
    );
    c.advance_clock(30);

    // No filter: the whole profile, the custom fields, every member with every field.
    let g = one(&h, &id);
    assert_eq!(g["Type"], "Public");
    assert_eq!(g["Name"], "MyFirstGroup");
    assert_eq!(g["Introduction"], "intro");
    assert_eq!(g["Notification"], "");
    assert_eq!(g["FaceUrl"], "http://this.is.face.url");
    assert_eq!(g["Owner_Account"], "leckie");
    assert_eq!(g["CreateTime"], created);
    assert_eq!(g["LastInfoTime"], created);
    assert_eq!(g["LastMsgTime"], 0);
    assert_eq!(g["NextMsgSeq"], 1);
    assert_eq!(g["MemberNum"], 3);
    assert_eq!(g["MaxMemberNum"], 2000, "a Public group's default");
    assert_eq!(g["ApplyJoinOption"], "NeedPermission", "the page's default");
    assert_eq!(g["MuteAllMember"], "Off");
    assert_eq!(
        g["AppDefinedData"],
        json!([{"Key": "GroupTestData1", "Value": "xxxx"}, {"Key": "GroupTestData2", "Value": "abc\u{0}\u{1}"}])
    );
    assert_eq!(
        members(&g),
        [
            ("leckie", "Owner"),
            ("peter", "Admin"),
            ("wesley", "Member")
        ]
        .map(|(a, r)| (a.to_owned(), r.to_owned()))
    );
    let peter = &g["MemberList"][1];
    assert_eq!(peter["JoinTime"], created);
    assert_eq!(peter["MsgFlag"], "AcceptAndNotify");
    assert_eq!(peter["ShutUpUntil"], 0);
    assert_eq!(peter["AppMemberDefinedData"][1]["Value"], "v2");

    // Filters: only what they name.
    let f = info(
        &h,
        &[&id],
        Some(json!({
            "GroupBaseInfoFilter": ["Type", "Name", "MemberNum"],
            "MemberInfoFilter": ["Account", "Role"],
            "AppDefinedDataFilter_Group": ["GroupTestData2"],
            "AppDefinedDataFilter_GroupMember": ["MemberDefined1"]
        })),
    )
    .remove(0);
    assert_eq!(
        keys(&f),
        set(&[
            "GroupId",
            "ErrorCode",
            "ErrorInfo",
            "Type",
            "Name",
            "MemberNum",
            "AppDefinedData",
            "MemberList"
        ])
    );
    assert_eq!(
        f["AppDefinedData"],
        json!([{"Key": "GroupTestData2", "Value": "abc\u{0}\u{1}"}])
    );
    assert_eq!(
        keys(&f["MemberList"][1]),
        set(&["Member_Account", "Role", "AppMemberDefinedData"])
    );
    assert_eq!(
        f["MemberList"][1]["AppMemberDefinedData"],
        json!([{"Key": "MemberDefined1", "Value": "v1"}])
    );
    // A profile filter alone: no members, no custom fields.
    let f = info(
        &h,
        &[&id],
        Some(json!({"GroupBaseInfoFilter": ["CreateTime"]})),
    )
    .remove(0);
    assert_eq!(
        keys(&f),
        set(&["GroupId", "ErrorCode", "ErrorInfo", "CreateTime"])
    );

    // Per-group results: the call succeeds, each group says what happened to it.
    let long = "x".repeat(49);
    let items = info(&h, &["@TGS#NOSUCH", &id, &long], None);
    assert_eq!(items[0]["ErrorCode"], 10010);
    assert_eq!(items[1]["ErrorCode"], 0);
    assert_eq!(items[2]["ErrorCode"], 10015);

    // At most 50 groups per request (page): 10004 beyond.
    let many: Vec<String> = (0..51).map(|i| format!("g{i}")).collect();
    assert_fail(&h.call(INFO, json!({ "GroupIdList": many })), 10004);
}

#[test]
fn group_types_answer_by_their_rules() {
    let h = harness(&["leader", "bob"]);
    // Issue 12: what the page only calls "valid only for" some types is accepted.
    let work = create(
        &h,
        json!({"Type": "Private", "Name": "w", "Owner_Account": "leader", "ApplyJoinOption": "FreeAccess",
               "MemberList": [{"Member_Account": "bob", "Role": "Member"}]}),
    );
    let community = create(
        &h,
        json!({"Type": "Community", "Name": "c", "ApplyJoinOption": "FreeAccess", "SupportTopic": 0}),
    );
    let public = create(
        &h,
        json!({"Type": "Public", "Name": "p", "SupportTopic": 0, "MemberList": [{"Member_Account": "bob", "Role": "Owner"}]}),
    );
    let live = create(
        &h,
        json!({"Type": "AVChatRoom", "Name": "l", "Owner_Account": "leader"}),
    );
    let meeting = create(&h, json!({"Type": "Meeting", "Name": "m"}));

    let w = one(&h, &work);
    assert_eq!(
        w["ApplyJoinOption"], "DisableApply",
        "a Work group cannot be applied to"
    );
    assert_eq!(w["MaxMemberNum"], 200);
    assert_eq!(members(&w)[1], ("bob".to_owned(), "Member".to_owned()));
    let c = one(&h, &community);
    assert!(c.get("ApplyJoinOption").is_none(), "{c}");
    assert_eq!(c["MaxMemberNum"], 100_000);
    let p = one(&h, &public);
    assert_eq!(
        members(&p),
        vec![("bob".to_owned(), "Member".to_owned())],
        "only Admin is honoured at creation"
    );
    let l = one(&h, &live);
    assert!(
        l.get("MemberList").is_none(),
        "live groups keep no member list: {l}"
    );
    assert_eq!(l["MemberNum"], 0);
    assert_eq!(l["Owner_Account"], "leader");
    assert_eq!(one(&h, &meeting)["MaxMemberNum"], 6000);

    // Member caps by type (Group System page): 6,000 for Work/Public/Meeting, 100,000 for a
    // community; beyond is an invalid parameter and nothing is created.
    let before = app_groups(&h, 100, None).1;
    for body in [
        json!({"Type": "Public", "Name": "g", "MaxMemberCount": 6001}),
        json!({"Type": "Work", "Name": "g", "MaxMemberCount": 6001}),
        json!({"Type": "Community", "Name": "g", "MaxMemberCount": 100_001}),
        json!({"Type": "Public", "Name": "g", "MaxMemberCount": 0}),
    ] {
        assert_fail(&h.call(CREATE, body), 10004);
    }
    assert_eq!(app_groups(&h, 100, None).1, before);
    let big = create(
        &h,
        json!({"Type": "Community", "Name": "g", "MaxMemberCount": 100_000}),
    );
    assert_eq!(one(&h, &big)["MaxMemberNum"], 100_000);
}

#[test]
fn custom_group_ids_in_use_answer_10021_or_10025() {
    let h = harness(&["leckie", "peter"]);
    let body = json!({"Type": "Public", "GroupId": "MyFirstGroup", "Name": "g", "Owner_Account": "leckie"});
    assert_eq!(create(&h, body.clone()), "MyFirstGroup");
    // The same owner again: "You have already used this group ID" (10025).
    let info = assert_fail(&h.call(CREATE, body.clone()), 10025);
    assert!(info.contains("MyFirstGroup"), "{info}");
    // Another owner, or none: "used by another user" (10021).
    let other =
        json!({"Type": "Public", "GroupId": "MyFirstGroup", "Name": "g", "Owner_Account": "peter"});
    assert_fail(&h.call(CREATE, other), 10021);
    let nobody = json!({"Type": "Public", "GroupId": "MyFirstGroup", "Name": "g"});
    assert_fail(&h.call(CREATE, nobody), 10021);
    // Disbanding frees the ID.
    assert_ok(&h.call(DESTROY, json!({"GroupId": "MyFirstGroup"})));
    assert_eq!(create(&h, body), "MyFirstGroup");
}

#[test]
fn modify_changes_the_profile_and_its_last_info_time() {
    let h = harness(&["leckie", "peter", "wesley"]);
    let c = h.emu.control();
    let created = c.now();
    let id = create(
        &h,
        json!({"Type": "Public", "Name": "old", "Owner_Account": "leckie",
               "MemberList": [{"Member_Account": "peter"}, {"Member_Account": "wesley"}],
               "AppDefinedData": [{"Key": "GroupTestData1", "Value": "a"}, {"Key": "GroupTestData2", "Value": "b"}]}),
    );
    c.advance_clock(100);
    assert_ok(&h.call(
        MODIFY,
        json!({
            "GroupId": id, "Name": "NewName", "Introduction": "NewIntroduction",
            "Notification": "NewNotification", "FaceUrl": "http://this.is.new.face.url",
            "MaxMemberNum": 500, "ApplyJoinOption": "FreeAccess", "InviteJoinOption": "DisableInvite",
            "MuteAllMember": "On",
            "AppDefinedData": [{"Key": "GroupTestData1", "Value": "NewData"}, {"Key": "GroupTestData2", "Value": ""}, {"Key": "GroupTestData3", "Value": "c"}]
        }),
    ));
    let g = one(&h, &id);
    assert_eq!(g["Name"], "NewName");
    assert_eq!(g["Introduction"], "NewIntroduction");
    assert_eq!(g["Notification"], "NewNotification");
    assert_eq!(g["FaceUrl"], "http://this.is.new.face.url");
    assert_eq!(g["MaxMemberNum"], 500);
    assert_eq!(g["ApplyJoinOption"], "FreeAccess");
    assert_eq!(g["InviteJoinOption"], "DisableInvite");
    assert_eq!(g["MuteAllMember"], "On");
    assert_eq!(
        g["AppDefinedData"],
        json!([{"Key": "GroupTestData1", "Value": "NewData"}, {"Key": "GroupTestData3", "Value": "c"}]),
        "an empty value deletes the field"
    );
    assert_eq!(g["CreateTime"], created);
    assert_eq!(g["LastInfoTime"], created + 100);

    // Only the fields given change.
    c.advance_clock(5);
    assert_ok(&h.call(MODIFY, json!({"GroupId": id, "MuteAllMember": "Off"})));
    let g = one(&h, &id);
    assert_eq!(
        (g["Name"].clone(), g["MuteAllMember"].clone()),
        (json!("NewName"), json!("Off"))
    );
    assert_eq!(g["LastInfoTime"], created + 105);

    // Refused changes leave everything as it was.
    c.advance_clock(5);
    let refused = [
        (json!({"GroupId": "@TGS#NOSUCH", "Name": "x"}), 10010),
        (json!({"GroupId": id, "Name": "x".repeat(31)}), 10004),
        (
            json!({"GroupId": id, "Notification": "x".repeat(301)}),
            10004,
        ),
        (json!({"GroupId": id, "MaxMemberNum": 6001}), 10004),
        (
            json!({"GroupId": id, "MaxMemberNum": 2, "Name": "x"}),
            10004,
        ),
        (json!({"GroupId": id, "MuteAllMember": "Maybe"}), 10004),
        (
            json!({"GroupId": id, "AppDefinedData": [{"Key": "K".repeat(17), "Value": "v"}]}),
            10004,
        ),
    ];
    for (body, code) in refused {
        assert_fail(&h.call(MODIFY, body), code);
    }
    // A group has at most 10 custom fields: 2 now, 8 more fit, one more does not.
    let eight: Vec<Value> = (0..8)
        .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
        .collect();
    assert_ok(&h.call(MODIFY, json!({"GroupId": id, "AppDefinedData": eight})));
    let v = h.call(
        MODIFY,
        json!({"GroupId": id, "Name": "x", "AppDefinedData": [{"Key": "k8", "Value": "v"}]}),
    );
    assert!(assert_fail(&v, 10004).contains("10"), "{v}");
    let g = one(&h, &id);
    assert_eq!(g["Name"], "NewName");
    assert_eq!(g["AppDefinedData"].as_array().unwrap().len(), 10);
    assert_eq!(g["MaxMemberNum"], 500);

    // AVChatRoom: MaxMemberNum "is invalid" (ignored); a community does not support
    // ApplyJoinOption (ignored). Neither is an error.
    let live = create(&h, json!({"Type": "AVChatRoom", "Name": "l"}));
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": live, "MaxMemberNum": 100, "Name": "live"}),
    ));
    let l = one(&h, &live);
    assert_eq!(
        (l["Name"].clone(), l["MaxMemberNum"].clone()),
        (json!("live"), json!(0))
    );
    let community = create(&h, json!({"Type": "Community", "Name": "c"}));
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": community, "ApplyJoinOption": "FreeAccess"}),
    ));
    assert!(one(&h, &community).get("ApplyJoinOption").is_none());
}

#[test]
fn a_users_groups_are_listed_paged_and_filtered() {
    let h = harness(&["u", "owner"]);
    let mut shown = Vec::new();
    for i in 0..3 {
        shown.push(create(
            &h,
            json!({"Type": "Public", "Name": format!("p{i}"), "Owner_Account": "owner", "MemberList": [{"Member_Account": "u"}]}),
        ));
    }
    shown.push(create(
        &h,
        json!({"Type": "Meeting", "Name": "m", "MemberList": [{"Member_Account": "u"}]}),
    ));
    let topics = create(
        &h,
        json!({"Type": "Community", "Name": "t", "SupportTopic": 1, "MemberList": [{"Member_Account": "u"}]}),
    );
    shown.push(topics.clone());
    shown.push(create(
        &h,
        json!({"Type": "Community", "Name": "c", "Owner_Account": "u"}),
    ));
    // A Work group without messages is not activated; u owns a live group.
    let work = create(
        &h,
        json!({"Type": "Work", "Name": "w", "MemberList": [{"Member_Account": "u"}]}),
    );
    let live = create(
        &h,
        json!({"Type": "AVChatRoom", "Name": "l", "Owner_Account": "u"}),
    );
    // A group u is not in.
    create(
        &h,
        json!({"Type": "Public", "Name": "other", "Owner_Account": "owner"}),
    );

    let joined = |body: Value| {
        let v = h.call(JOINED, body);
        assert_ok(&v);
        v
    };
    let v = joined(json!({"Member_Account": "u"}));
    assert_eq!(ids_of(&v), shown);
    assert_eq!(v["TotalCount"], 6);
    assert_eq!(
        keys(&v["GroupIdList"][0]),
        set(&["GroupId"]),
        "without a filter, IDs only"
    );

    // Two at a time: Offset = (page - 1) x Limit; TotalCount ignores paging.
    let mut paged = Vec::new();
    for page in 0..3 {
        let v = joined(json!({"Member_Account": "u", "Limit": 2, "Offset": page * 2}));
        assert_eq!(v["TotalCount"], 6);
        assert_eq!(ids_of(&v).len(), 2);
        paged.extend(ids_of(&v));
    }
    assert_eq!(paged, shown);
    assert!(ids_of(&joined(
        json!({"Member_Account": "u", "Limit": 2, "Offset": 6})
    ))
    .is_empty());

    // The groups left out by default.
    let v = joined(json!({"Member_Account": "u", "WithNoActiveGroups": 1}));
    assert_eq!(v["TotalCount"], 7);
    assert!(ids_of(&v).contains(&work));
    let v = joined(json!({"Member_Account": "u", "WithHugeGroups": 1}));
    assert_eq!(v["TotalCount"], 7);
    assert!(ids_of(&v).contains(&live));
    let v = joined(json!({"Member_Account": "u", "WithHugeGroups": 1, "WithNoActiveGroups": 1}));
    assert_eq!(v["TotalCount"], 8);

    // By type.
    let v = joined(json!({"Member_Account": "u", "GroupType": "Public"}));
    assert_eq!(ids_of(&v), shown[..3].to_vec());
    let v = joined(json!({"Member_Account": "u", "GroupType": "ChatRoom"}));
    assert_eq!(ids_of(&v), vec![shown[3].clone()]);
    let v = joined(json!({"Member_Account": "u", "GroupType": "Private", "WithNoActiveGroups": 1}));
    assert_eq!(ids_of(&v), vec![work.clone()]);

    // Topic-enabled communities, as the page's sample answers them.
    let v = joined(json!({"Member_Account": "u", "SupportTopic": 1}));
    assert_eq!(ids_of(&v), vec![topics.clone()]);
    let g = &v["GroupIdList"][0];
    assert_eq!(g["Type"], "Community");
    assert_eq!(g["SupportTopic"], 1);
    assert_eq!(g["GrossTopicNextMsgSeq"], 1);
    assert_eq!(g["SelfInfo"]["GrossTopicReadSeq"], 0);
    let v = joined(json!({"Member_Account": "u", "SupportTopic": 0, "GroupType": "Community"}));
    assert_eq!(ids_of(&v), vec![shown[5].clone()]);
    // "If this field is specified, GroupType must be Community."
    assert_fail(
        &h.call(
            JOINED,
            json!({"Member_Account": "u", "SupportTopic": 1, "GroupType": "Public"}),
        ),
        10004,
    );

    // Filters: the named profile fields and the user's own data.
    let v = joined(json!({
        "Member_Account": "u", "Limit": 1,
        "ResponseFilter": {"GroupBaseInfoFilter": ["Name", "MemberNum", "Owner_Account"], "SelfInfoFilter": ["Role", "JoinTime", "UnreadMsgNum"]}
    }));
    let g = &v["GroupIdList"][0];
    assert_eq!(
        keys(g),
        set(&["GroupId", "Name", "MemberNum", "Owner_Account", "SelfInfo"])
    );
    assert_eq!(
        (g["Name"].clone(), g["MemberNum"].clone()),
        (json!("p0"), json!(2))
    );
    assert_eq!(g["SelfInfo"]["Role"], "Member");
    assert_eq!(g["SelfInfo"]["UnreadMsgNum"], 0);
    assert!(g["SelfInfo"]["JoinTime"].as_u64().unwrap() > 0);
    let v = joined(
        json!({"Member_Account": "u", "GroupType": "Community", "ResponseFilter": {"SelfInfoFilter": ["Role"]}}),
    );
    assert_eq!(v["GroupIdList"][1]["SelfInfo"]["Role"], "Owner");

    // Limits: at most 5,000 per page; the flags are 0 or 1.
    for body in [
        json!({"Member_Account": "u", "Limit": 5001}),
        json!({"Member_Account": "u", "WithHugeGroups": 2}),
    ] {
        assert_fail(&h.call(JOINED, body), 10004);
    }
    // Not documented: an account that does not exist has no groups.
    assert_eq!(joined(json!({"Member_Account": "ghost"}))["TotalCount"], 0);
}

#[test]
fn ownership_moves_to_a_member_and_roles_follow() {
    let h = harness(&["leckie", "peter", "wesley", "outsider"]);
    let c = h.emu.control();
    let id = create(
        &h,
        json!({"Type": "Public", "Name": "g", "Owner_Account": "leckie",
               "MemberList": [{"Member_Account": "peter", "Role": "Admin"}, {"Member_Account": "wesley"}]}),
    );
    assert_eq!(
        roles(&h, &id, &["leckie", "peter", "wesley", "outsider", "ghost"]),
        ["Owner", "Admin", "Member", "NotMember", "NotMember"]
    );

    c.advance_clock(60);
    assert_ok(&h.call(OWNER, json!({"GroupId": id, "NewOwner_Account": "wesley"})));
    assert_eq!(
        roles(&h, &id, &["leckie", "peter", "wesley"]),
        ["Member", "Admin", "Owner"]
    );
    let g = one(&h, &id);
    assert_eq!(g["Owner_Account"], "wesley");
    assert_eq!(members(&g)[0], ("wesley".to_owned(), "Owner".to_owned()));
    assert_eq!(g["MemberNum"], 3);
    assert_eq!(g["LastInfoTime"], c.now());

    // The new owner must be a member; with From_Account only the owner may transfer.
    let info = assert_fail(
        &h.call(
            OWNER,
            json!({"GroupId": id, "NewOwner_Account": "outsider"}),
        ),
        10004,
    );
    assert!(info.contains("outsider"), "{info}");
    assert_fail(
        &h.call(
            OWNER,
            json!({"GroupId": id, "NewOwner_Account": "leckie", "From_Account": "peter"}),
        ),
        10007,
    );
    assert_eq!(roles(&h, &id, &["wesley"]), ["Owner"]);
    assert_ok(&h.call(
        OWNER,
        json!({"GroupId": id, "NewOwner_Account": "peter", "From_Account": "wesley"}),
    ));
    assert_eq!(
        roles(&h, &id, &["leckie", "peter", "wesley"]),
        ["Member", "Owner", "Member"]
    );
    // The same owner again changes nothing.
    assert_ok(&h.call(OWNER, json!({"GroupId": id, "NewOwner_Account": "peter"})));
    assert_eq!(roles(&h, &id, &["peter"]), ["Owner"]);

    // A group without an owner gets one.
    let ownerless = create(
        &h,
        json!({"Type": "Community", "Name": "c", "MemberList": [{"Member_Account": "leckie"}]}),
    );
    assert_eq!(one(&h, &ownerless)["Owner_Account"], "");
    assert_ok(&h.call(
        OWNER,
        json!({"GroupId": ownerless, "NewOwner_Account": "leckie"}),
    ));
    assert_eq!(roles(&h, &ownerless, &["leckie"]), ["Owner"]);

    // AVChatRoom supports neither call (10007); an unknown group is 10010.
    let live = create(
        &h,
        json!({"Type": "AVChatRoom", "Name": "l", "Owner_Account": "leckie"}),
    );
    assert_fail(
        &h.call(OWNER, json!({"GroupId": live, "NewOwner_Account": "peter"})),
        10007,
    );
    assert_fail(
        &h.call(ROLES, json!({"GroupId": live, "User_Account": ["leckie"]})),
        10007,
    );
    assert_fail(
        &h.call(
            OWNER,
            json!({"GroupId": "@TGS#NOSUCH", "NewOwner_Account": "peter"}),
        ),
        10010,
    );
    assert_fail(
        &h.call(
            ROLES,
            json!({"GroupId": "@TGS#NOSUCH", "User_Account": ["peter"]}),
        ),
        10010,
    );
    // At most 500 users per request (page).
    let many: Vec<String> = (0..501).map(|i| format!("u{i}")).collect();
    assert_fail(
        &h.call(ROLES, json!({"GroupId": id, "User_Account": many})),
        10004,
    );
}

#[test]
fn an_imported_group_keeps_its_create_time() {
    let h = harness(&["leckie"]);
    let now = h.emu.control().now();
    let v = h.call(
        IMPORT,
        json!({"Owner_Account": "leckie", "Type": "Public", "Name": "TestGroup", "CreateTime": 1_448_357_837u64}),
    );
    assert_ok(&v);
    let id = v["GroupId"].as_str().unwrap().to_owned();
    assert!(id.starts_with("@TGS#"), "{id}");
    let g = one(&h, &id);
    assert_eq!(g["CreateTime"], 1_448_357_837u64);
    assert_eq!(g["LastInfoTime"], 1_448_357_837u64);
    assert_eq!(g["MemberList"][0]["JoinTime"], 1_448_357_837u64);
    assert_eq!(members(&g), vec![("leckie".to_owned(), "Owner".to_owned())]);
    assert_eq!(app_groups(&h, 10, None).0, vec![id.clone()]);

    // The page's full sample: a custom ID, which cannot be imported twice (10021).
    let full = json!({
        "Owner_Account": "leckie", "Type": "Public", "GroupId": "MyFirstGroup", "Name": "TestGroup",
        "Introduction": "This is group Introduction", "Notification": "This is group Notification",
        "FaceUrl": "http://this.is.face.url", "MaxMemberCount": 500, "ApplyJoinOption": "FreeAccess",
        "CreateTime": 1_448_357_837u64,
        "AppDefinedData": [{"Key": "GroupTestData1", "Value": "xxxxx"}]
    });
    let v = h.call(IMPORT, full.clone());
    assert_ok(&v);
    assert_eq!(v["GroupId"], "MyFirstGroup");
    let g = one(&h, "MyFirstGroup");
    assert_eq!(g["MaxMemberNum"], 500);
    assert_eq!(g["ApplyJoinOption"], "FreeAccess");
    assert_eq!(g["AppDefinedData"][0]["Value"], "xxxxx");
    assert_fail(&h.call(IMPORT, full), 10021);

    // Without CreateTime the group is created now; a topic-enabled community.
    let v = h.call(
        IMPORT,
        json!({"Type": "Community", "Name": "test_import_group", "SupportTopic": 1}),
    );
    assert_ok(&v);
    let community = v["GroupId"].as_str().unwrap();
    assert!(community.starts_with("@TGS#_@TGS#"), "{community}");
    assert_eq!(one(&h, community)["CreateTime"], now);

    // AVChatRoom cannot be imported (10007); nor BChatRoom, which has its rules.
    for t in ["AVChatRoom", "BChatRoom"] {
        assert_fail(&h.call(IMPORT, json!({"Type": t, "Name": "l"})), 10007);
    }
    // An owner that was never imported.
    assert_fail(
        &h.call(
            IMPORT,
            json!({"Type": "Public", "Name": "g", "Owner_Account": "ghost"}),
        ),
        10019,
    );
    assert_eq!(app_groups(&h, 10, None).1, 3);
}

#[test]
fn unread_counts_are_set_for_members_of_groups_that_keep_them() {
    let h = harness(&["bob", "ann"]);
    let public = create(
        &h,
        json!({"Type": "Public", "Name": "p", "MemberList": [{"Member_Account": "bob"}]}),
    );
    let meeting = create(
        &h,
        json!({"Type": "ChatRoom", "Name": "m", "MemberList": [{"Member_Account": "bob"}]}),
    );
    let unread = |g: &str| {
        let v = h.call(
            JOINED,
            json!({"Member_Account": "bob", "ResponseFilter": {"SelfInfoFilter": ["UnreadMsgNum"]}}),
        );
        assert_ok(&v);
        v["GroupIdList"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["GroupId"] == g)
            .map(|i| i["SelfInfo"]["UnreadMsgNum"].clone())
    };
    // The group has no messages yet: "If the unread message count specified by this API is
    // greater than the current number of messages in the group, the unread message count will
    // be set to the current number of messages in the group."
    assert_ok(&h.call(
        UNREAD,
        json!({"GroupId": public, "Member_Account": "bob", "UnreadMsgNum": 5}),
    ));
    assert_eq!(unread(&public), Some(json!(0)));
    // Meeting groups keep no unread counts: no error, no effect.
    assert_ok(&h.call(
        UNREAD,
        json!({"GroupId": meeting, "Member_Account": "bob", "UnreadMsgNum": 5}),
    ));
    assert_eq!(unread(&meeting), Some(json!(0)));
    // Errors.
    assert_fail(
        &h.call(
            UNREAD,
            json!({"GroupId": "@TGS#NOSUCH", "Member_Account": "bob", "UnreadMsgNum": 1}),
        ),
        10010,
    );
    assert_fail(
        &h.call(
            UNREAD,
            json!({"GroupId": public, "Member_Account": "ann", "UnreadMsgNum": 1}),
        ),
        10004,
    );
    assert_fail(
        &h.call(UNREAD, json!({"GroupId": public, "Member_Account": "bob"})),
        10004,
    );
}
