//! Live-broadcast groups (AVChatRoom, BChatRoom) end to end over HTTP: users join through the
//! control operation `live_join` (standing in for the client SDK), then the online count, the
//! paged member list, admins, `check_members`, marks, bans with their expiry on the emulated
//! clock, unbans, and the documented codes for other group types.

mod common;

use chatadmin_core::api::live_group::{
    GetGroupBanMember, GetGroupBanMemberResponse, LiveGetMembers, LiveGetMembersResponse,
};
use chatadmin_core::ApiRequest;
use common::{assert_fail, assert_ok, request, Harness};
use serde_json::{json, Value};

const ONLINE: &str = "group_open_http_svc/get_online_member_num";
const MEMBERS: &str = "group_open_avchatroom_http_svc/get_members";
const MARKS: &str = "group_open_avchatroom_http_svc/modify_user_info";
const MODIFY_ADMIN: &str = "group_open_avchatroom_http_svc/modify_admin";
const ADMINS: &str = "group_open_avchatroom_http_svc/get_admin_list";
const CHECK: &str = "group_open_avchatroom_http_svc/check_members";
const BAN: &str = "group_open_http_svc/ban_group_member";
const UNBAN: &str = "group_open_http_svc/unban_group_member";
const BANNED: &str = "group_open_http_svc/get_group_ban_member";

fn accounts(h: &Harness, ids: &[&str]) {
    h.emu
        .control()
        .apply_json(&json!({"op": "accounts", "UserID": ids}))
        .unwrap();
}

fn create(h: &Harness, group_type: &str, id: &str) {
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": group_type, "Name": "Live", "Owner_Account": "host", "GroupId": id}),
    );
    assert_ok(&v);
}

fn join(h: &Harness, group: &str, users: &[&str]) {
    h.emu
        .control()
        .apply_json(&json!({"op": "live_join", "GroupId": group, "UserID": users}))
        .unwrap();
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

fn online(h: &Harness, group: &str) -> u64 {
    let v = h.call(ONLINE, json!({"GroupId": group}));
    assert_ok(&v);
    v["OnlineMemberNum"].as_u64().unwrap()
}

fn check(h: &Harness, group: &str, users: &[&str]) -> Vec<String> {
    let v = h.call(CHECK, json!({"GroupId": group, "Member_Account": users}));
    assert_ok(&v);
    strings(&v["Member_Account"])
}

/// Every page of `get_members`, following `NextTimestamp` with core's `next_page`.
fn all_members(h: &Harness, first: LiveGetMembers) -> (Vec<Value>, Vec<usize>) {
    let mut req = Some(first);
    let (mut items, mut sizes) = (Vec::new(), Vec::new());
    while let Some(r) = req {
        let v = h.call(MEMBERS, serde_json::to_value(&r).unwrap());
        assert_ok(&v);
        let page: LiveGetMembersResponse = serde_json::from_value(v.clone()).unwrap();
        sizes.push(page.member_list.len());
        items.extend(v["MemberList"].as_array().unwrap().iter().cloned());
        req = r.next_page(&page);
        assert!(sizes.len() < 10, "paging does not end");
    }
    (items, sizes)
}

fn member_names(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|m| m["Member_Account"].as_str().unwrap().to_owned())
        .collect()
}

fn admins(h: &Harness, group: &str) -> Vec<String> {
    let v = h.call(ADMINS, json!({"GroupId": group}));
    assert_ok(&v);
    v["Admin_List"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Admin_Account"].as_str().unwrap().to_owned())
        .collect()
}

/// Every page of `get_group_ban_member` as (account, until), with the page sizes.
fn banned(h: &Harness, group: &str, limit: Option<u32>) -> (Vec<(String, u64)>, Vec<usize>) {
    let mut first = GetGroupBanMember::new(group);
    first.limit = limit;
    let mut req = Some(first);
    let (mut out, mut sizes) = (Vec::new(), Vec::new());
    while let Some(r) = req {
        let v = h.call(BANNED, serde_json::to_value(&r).unwrap());
        assert_ok(&v);
        let page: GetGroupBanMemberResponse = serde_json::from_value(v).unwrap();
        sizes.push(page.banned_account_list.len());
        out.extend(
            page.banned_account_list
                .iter()
                .map(|b| (b.member_account.clone(), b.banned_until)),
        );
        req = r.next_page(&page);
        assert!(sizes.len() < 20, "paging does not end");
    }
    (out, sizes)
}

#[test]
fn a_live_room_with_members_admins_marks_and_bans() {
    let h = Harness::new();
    let users = ["u1", "u2", "u3", "u4", "u5"];
    accounts(&h, &["host", "outsider", "u1", "u2", "u3", "u4", "u5"]);
    let g = "live-0001";
    create(&h, "AVChatRoom", g);
    assert_eq!(
        online(&h, g),
        0,
        "nobody is in a new room, not even the owner"
    );

    // Five users join: four in-process, one over the HTTP control route.
    let t0 = h.emu.control().now();
    join(&h, g, &users[..4]);
    let resp = request(
        h.addr(),
        "POST",
        "/__emulator/live_join",
        json!({"GroupId": g, "UserID": "u5"}).to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
    assert_eq!(online(&h, g), 5);
    join(&h, g, &["u1"]);
    assert_eq!(online(&h, g), 5, "joining again changes nothing");

    // The member list: everyone with a join time, in join order, one page.
    let (items, sizes) = all_members(&h, LiveGetMembers::new(g));
    assert_eq!(sizes, [5]);
    assert_eq!(member_names(&items), users);
    for m in &items {
        let t = m["JoinTime"].as_u64().unwrap();
        assert!(t >= t0 && t <= t0 + 5, "{m}");
    }

    // Admins: set two, list them, a sixth is refused, one removed.
    assert_ok(&h.call(
        MODIFY_ADMIN,
        json!({"GroupId": g, "CommandType": 1, "Admin_Account": ["u1", "u2"]}),
    ));
    assert_eq!(admins(&h, g), ["u1", "u2"]);
    let v = h.call(ADMINS, json!({"GroupId": g}));
    assert_eq!(v["Admin_List"][0]["NickName"], "");
    assert_eq!(v["Admin_List"][0]["Avatar"], "");
    accounts(&h, &["a3", "a4", "a5", "a6"]);
    let v = h.call(
        MODIFY_ADMIN,
        json!({"GroupId": g, "CommandType": 1, "Admin_Account": ["a3", "a4", "a5", "a6"]}),
    );
    assert!(assert_fail(&v, 10004).contains("up to 5"));
    assert_eq!(
        admins(&h, g),
        ["u1", "u2"],
        "a refused change changes nothing"
    );
    // An admin need not be in the room, and stays one across leaving and rejoining.
    assert_ok(&h.call(
        MODIFY_ADMIN,
        json!({"GroupId": g, "CommandType": 1, "Admin_Account": ["outsider"]}),
    ));
    let left = h
        .emu
        .control()
        .apply_json(&json!({"op": "live_leave", "GroupId": g, "UserID": ["u1", "nobody"]}))
        .unwrap();
    assert_eq!(left["was_online"], json!([true, false]));
    assert_eq!(online(&h, g), 4);
    join(&h, g, &["u1"]);
    assert_eq!(admins(&h, g), ["outsider", "u1", "u2"]);
    assert_ok(&h.call(
        MODIFY_ADMIN,
        json!({"GroupId": g, "CommandType": 2, "Admin_Account": ["u2", "outsider"]}),
    ));
    assert_eq!(admins(&h, g), ["u1"]);
    let v = h.call(
        MODIFY_ADMIN,
        json!({"GroupId": g, "CommandType": 1, "Admin_Account": ["ghost"]}),
    );
    assert_fail(&v, 10019);

    // check_members: only the users in the room, in request order.
    assert_eq!(
        check(&h, g, &["u3", "outsider", "ghost", "u2", "u3"]),
        ["u3", "u2"]
    );

    // Marks: set for users in the room only (the offline one is left out of the answer).
    let v = h.call(
        MARKS,
        json!({"GroupId": g, "CommandType": 1, "MemberList": [
            {"Member_Account": "u3", "Marks": [1000]},
            {"Member_Account": "outsider", "Marks": [1000]},
            {"Member_Account": "u4", "Marks": [1000, 1001]},
        ]}),
    );
    assert_ok(&v);
    assert_eq!(v["CommandType"], 1);
    let answered: Vec<_> = v["MemberList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Member_Account"].as_str().unwrap())
        .collect();
    assert_eq!(answered, ["u3", "u4"]);
    let (items, _) = all_members(&h, LiveGetMembers::new(g).mark(1000));
    assert_eq!(member_names(&items), ["u3", "u4"]);
    assert_eq!(items[1]["Marks"], json!([1000, 1001]));
    let v = h.call(
        MARKS,
        json!({"GroupId": g, "CommandType": 1, "MemberList": [{"Member_Account": "outsider", "Marks": [1000]}]}),
    );
    assert_fail(&v, 10004);
    // Mark 600 hides a user from the list unless it is pulled by that mark.
    assert_ok(&h.call(
        MARKS,
        json!({"GroupId": g, "CommandType": 1, "MemberList": [{"Member_Account": "u5", "Marks": [600]}]}),
    ));
    let (items, _) = all_members(&h, LiveGetMembers::new(g));
    assert!(!member_names(&items).contains(&"u5".to_owned()));
    let (items, _) = all_members(&h, LiveGetMembers::new(g).mark(600));
    assert_eq!(member_names(&items), ["u5"]);
    // Deleting a mark.
    assert_ok(&h.call(
        MARKS,
        json!({"GroupId": g, "CommandType": 2, "MemberList": [{"Member_Account": "u4", "Marks": [1000]}]}),
    ));
    let (items, _) = all_members(&h, LiveGetMembers::new(g).mark(1000));
    assert_eq!(member_names(&items), ["u3"]);

    // Ban two users for 60 s: out of the room, listed with their end, unable to rejoin.
    let before = h.emu.control().now();
    assert_ok(&h.call(
        BAN,
        json!({"GroupId": g, "Members_Account": ["u3", "u4"], "Duration": 60, "Description": "spam"}),
    ));
    assert_eq!(online(&h, g), 3);
    assert_eq!(check(&h, g, &["u3", "u4", "u5"]), ["u5"]);
    let (list, _) = banned(&h, g, None);
    assert_eq!(list.len(), 2);
    for (who, until) in &list {
        assert!(
            *until >= before + 60 && *until <= before + 62,
            "{who}: {until}"
        );
    }
    assert_eq!(
        list.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>(),
        ["u3", "u4"]
    );
    let e = h
        .emu
        .control()
        .apply_json(&json!({"op": "live_join", "GroupId": g, "UserID": "u3"}))
        .unwrap_err();
    assert_eq!(e.status(), 403, "{e}");
    assert!(e.message().contains("banned"), "{e}");
    let resp = request(
        h.addr(),
        "POST",
        "/__emulator/live_join",
        json!({"GroupId": g, "UserID": "u4"}).to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!(resp.status, 403);
    assert_eq!(online(&h, g), 3, "a refused join changes nothing");
    // Leaving (here: being banned) cleared u3's marks.
    let (items, _) = all_members(&h, LiveGetMembers::new(g).mark(1000));
    assert!(items.is_empty());

    // The clock moves past the end: the bans are over and not listed; u3 rejoins.
    h.emu
        .control()
        .apply_json(&json!({"op": "advance_clock", "advance": 63}))
        .unwrap();
    let (list, sizes) = banned(&h, g, None);
    assert!(list.is_empty(), "{list:?}");
    assert_eq!(sizes, [0]);
    join(&h, g, &["u3"]);
    assert_eq!(online(&h, g), 4);

    // Unban before the end.
    assert_ok(&h.call(
        BAN,
        json!({"GroupId": g, "Members_Account": ["u4"], "Duration": 3600}),
    ));
    assert_eq!(banned(&h, g, None).0.len(), 1);
    assert_ok(&h.call(
        UNBAN,
        json!({"GroupId": g, "Members_Account": ["u4", "u1"]}),
    ));
    assert!(banned(&h, g, None).0.is_empty());
    join(&h, g, &["u4"]);
    assert_eq!(check(&h, g, &users), users);
}

#[test]
fn member_list_pages_and_keeps_the_latest_thousand() {
    let h = Harness::new();
    let names: Vec<String> = (0..1003).map(|i| format!("v{i:04}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    accounts(&h, &["host"]);
    accounts(&h, &refs);
    let g = "live-paged";
    create(&h, "AVChatRoom", g);
    join(&h, g, &refs[..600]);
    assert_eq!(online(&h, g), 600);
    let (items, sizes) = all_members(&h, LiveGetMembers::new(g));
    assert_eq!(sizes, [500, 100]);
    assert_eq!(member_names(&items), &names[..600]);
    let v = h.call(MEMBERS, json!({"GroupId": g, "Timestamp": 0}));
    assert_eq!(v["NextTimestamp"], 500);

    join(&h, g, &refs[600..]);
    assert_eq!(online(&h, g), 1003);
    let (items, sizes) = all_members(&h, LiveGetMembers::new(g));
    assert_eq!(sizes, [500, 500]);
    assert_eq!(
        member_names(&items),
        &names[3..],
        "the 1,000 latest, oldest first"
    );
    // check_members still sees the users beyond the listed thousand.
    assert_eq!(check(&h, g, &["v0000", "v1002"]), ["v0000", "v1002"]);
    // Timestamp is required on the wire.
    assert_fail(&h.call(MEMBERS, json!({"GroupId": g})), 10004);
}

#[test]
fn banned_list_pages_by_offset() {
    let h = Harness::new();
    let names: Vec<String> = (0..25).map(|i| format!("b{i:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    accounts(&h, &["host"]);
    accounts(&h, &refs);
    let g = "live-bans";
    create(&h, "AVChatRoom", g);
    join(&h, g, &refs);
    assert_ok(&h.call(
        BAN,
        json!({"GroupId": g, "Members_Account": &refs[..20], "Duration": 100}),
    ));
    assert_ok(&h.call(
        BAN,
        json!({"GroupId": g, "Members_Account": &refs[20..], "Duration": 200}),
    ));
    assert_eq!(online(&h, g), 0);
    let (list, sizes) = banned(&h, g, Some(10));
    assert_eq!(sizes, [10, 10, 5, 0]);
    assert_eq!(
        list.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>(),
        names
    );
    // The first twenty end after 100 s, the others after 200 s.
    h.emu.control().advance_clock(150);
    let (list, _) = banned(&h, g, Some(10));
    assert_eq!(
        list.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>(),
        &refs[20..]
    );
    // More than 20 accounts per request: the page's 10005; nobody is banned.
    accounts(&h, &["x"]);
    let mut many: Vec<&str> = refs[..20].to_vec();
    many.push("x");
    let v = h.call(
        BAN,
        json!({"GroupId": g, "Members_Account": many, "Duration": 10}),
    );
    assert_fail(&v, 10005);
    assert_fail(
        &h.call(UNBAN, json!({"GroupId": g, "Members_Account": many})),
        10005,
    );
    assert_eq!(banned(&h, g, None).0.len(), 5);
    // An account that was never imported.
    let v = h.call(
        BAN,
        json!({"GroupId": g, "Members_Account": ["b00", "ghost"], "Duration": 10}),
    );
    assert_fail(&v, 10019);
    assert_eq!(banned(&h, g, None).0.len(), 5, "nobody was banned");
    // Limit beyond 100 is refused; Offset is required on the wire.
    assert_fail(
        &h.call(BANNED, json!({"GroupId": g, "Limit": 101, "Offset": 0})),
        10004,
    );
    assert_fail(&h.call(BANNED, json!({"GroupId": g})), 10004);
}

#[test]
fn other_group_types_get_the_documented_codes() {
    let h = Harness::new();
    accounts(&h, &["host", "u1"]);
    let bodies = [
        (ONLINE, json!({})),
        (MEMBERS, json!({"Timestamp": 0})),
        (
            MARKS,
            json!({"CommandType": 1, "MemberList": [{"Member_Account": "u1", "Marks": [1000]}]}),
        ),
        (
            MODIFY_ADMIN,
            json!({"CommandType": 1, "Admin_Account": ["u1"]}),
        ),
        (ADMINS, json!({})),
        (CHECK, json!({"Member_Account": ["u1"]})),
        (BAN, json!({"Members_Account": ["u1"], "Duration": 60})),
        (UNBAN, json!({"Members_Account": ["u1"]})),
        (BANNED, json!({"Offset": 0})),
    ];
    let call = |path: &str, body: &Value, group: &str| {
        let mut b = body.clone();
        b["GroupId"] = json!(group);
        h.call(path, b)
    };
    for t in [
        "Public",
        "Private",
        "ChatRoom",
        "Community",
        "Work",
        "Meeting",
    ] {
        let g = format!("not-live-{t}");
        create(&h, t, &g);
        for (path, body) in &bodies {
            let info = assert_fail(&call(path, body, &g), 10007);
            assert!(info.contains("audio-video"), "{path}: {info}");
        }
        let e = h
            .emu
            .control()
            .apply_json(&json!({"op": "live_join", "GroupId": g, "UserID": "u1"}))
            .unwrap_err();
        assert_eq!(e.status(), 400, "{e}");
    }
    for (path, body) in &bodies {
        assert_fail(&call(path, body, "@TGS#nothere"), 10010);
    }
    let e = h.emu.control().live_join("@TGS#nothere", "u1").unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");

    // BChatRoom has the AVChatRoom rules.
    let g = "broadcast-1";
    create(&h, "BChatRoom", g);
    join(&h, g, &["u1"]);
    assert_eq!(online(&h, g), 1);
    assert_eq!(check(&h, g, &["u1", "host"]), ["u1"]);
    let e = h.emu.control().live_join(g, "ghost").unwrap_err();
    assert!(e.to_string().contains("not imported"), "{e}");
    // A disbanded room forgets its users.
    assert_ok(&h.call("group_open_http_svc/destroy_group", json!({"GroupId": g})));
    assert_fail(&h.call(ONLINE, json!({"GroupId": g})), 10010);
}

#[test]
fn marks_follow_the_pages_limits() {
    let h = Harness::new();
    let names: Vec<String> = (0..1001).map(|i| format!("m{i:04}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    accounts(&h, &["host", "outsider"]);
    accounts(&h, &refs);
    let g = "live-marks";
    create(&h, "AVChatRoom", g);
    join(&h, g, &refs);
    let set = |items: Value| {
        h.call(
            MARKS,
            json!({"GroupId": g, "CommandType": 1, "MemberList": items}),
        )
    };

    // Ten different marks per group; an eleventh is refused and nothing changes.
    let ten: Vec<u64> = (1000..1010).collect();
    assert_ok(&set(json!([{"Member_Account": "m0000", "Marks": ten}])));
    let v = set(json!([
        {"Member_Account": "m0001", "Marks": [1000]},
        {"Member_Account": "m0002", "Marks": [1010]},
    ]));
    assert!(assert_fail(&v, 10004).contains("at most 10"), "{v}");
    let (items, _) = all_members(&h, LiveGetMembers::new(g).mark(1000));
    assert_eq!(
        member_names(&items),
        ["m0000"],
        "the refused call set nothing"
    );

    // Mark 500 is the one mark a user outside the room can get.
    let v = set(json!([{"Member_Account": "outsider", "Marks": [500, 1000]}]));
    assert_ok(&v);
    assert_eq!(
        v["MemberList"],
        json!([{"Member_Account": "outsider", "Marks": [500]}])
    );

    // A thousand users per mark.
    let mark = |who: &[&str]| -> Value {
        who.iter()
            .map(|u| json!({"Member_Account": u, "Marks": [1001]}))
            .collect()
    };
    assert_ok(&set(mark(&refs[..500])));
    assert_ok(&set(mark(&refs[500..1000])));
    let v = set(mark(&refs[1000..]));
    assert!(
        assert_fail(&v, 10004).contains("at most 1000 per mark"),
        "{v}"
    );
    let (items, _) = all_members(&h, LiveGetMembers::new(g).mark(1001));
    assert_eq!(items.len(), 1000);

    // The request's own limits: 500 accounts, marks of at least 1000 (or 500, 600).
    assert_fail(&set(mark(&refs[..501])), 10004);
    let v = set(json!([{"Member_Account": "m0003", "Marks": [999]}]));
    assert!(assert_fail(&v, 10004).contains("Marks"), "{v}");
    let v = h.call(
        MARKS,
        json!({"GroupId": g, "CommandType": 3, "MemberList": [{"Member_Account": "m0003", "Marks": [1000]}]}),
    );
    assert!(assert_fail(&v, 10004).contains("CommandType"), "{v}");
}

/// forbid_send_msg works on audio-video groups (the page's type table: AVChatRoom "Yes"): the
/// mute is kept by user, listed by get_group_muted_account, refuses the user's sends with
/// 10017 until it ends on the emulated clock, and outlasts leaving and rejoining the room.
#[test]
fn a_live_room_mutes_by_user_until_the_clock_passes() {
    let h = Harness::new();
    accounts(&h, &["host", "v1", "v2"]);
    create(&h, "AVChatRoom", "live-mute");
    join(&h, "live-mute", &["v1", "v2"]);
    assert_ok(&h.call(
        "group_open_http_svc/forbid_send_msg",
        json!({"GroupId": "live-mute", "Members_Account": ["v1"], "ShutUpTime": 60}),
    ));
    let muted = h.call(
        "group_open_http_svc/get_group_muted_account",
        json!({"GroupId": "live-mute"}),
    );
    assert_ok(&muted);
    assert_eq!(
        muted["MutedAccountList"][0]["Member_Account"], "v1",
        "{muted}"
    );
    let text = json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]);
    let send = |from: &str, random: u32| {
        h.call(
            "group_open_http_svc/send_group_msg",
            json!({"GroupId": "live-mute", "From_Account": from, "Random": random, "MsgBody": text}),
        )
    };
    assert_fail(&send("v1", 1), 10017);
    assert_ok(&send("v2", 2));
    // Leaving and rejoining does not lift the mute.
    h.emu
        .control()
        .apply_json(&json!({"op": "live_leave", "GroupId": "live-mute", "UserID": ["v1"]}))
        .unwrap();
    join(&h, "live-mute", &["v1"]);
    assert_fail(&send("v1", 3), 10017);
    // The clock passes the mute: listed no more, and the send goes through.
    h.emu
        .control()
        .apply_json(&json!({"op": "advance_clock", "advance": 61}))
        .unwrap();
    let muted = h.call(
        "group_open_http_svc/get_group_muted_account",
        json!({"GroupId": "live-mute"}),
    );
    assert_eq!(muted["MutedAccountList"], json!([]), "{muted}");
    assert_ok(&send("v1", 4));
    // ShutUpTime 0 unmutes at once.
    assert_ok(&h.call(
        "group_open_http_svc/forbid_send_msg",
        json!({"GroupId": "live-mute", "Members_Account": ["v2"], "ShutUpTime": 60}),
    ));
    assert_fail(&send("v2", 5), 10017);
    assert_ok(&h.call(
        "group_open_http_svc/forbid_send_msg",
        json!({"GroupId": "live-mute", "Members_Account": ["v2"], "ShutUpTime": 0}),
    ));
    assert_ok(&send("v2", 6));
}
