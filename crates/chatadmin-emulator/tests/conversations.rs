//! Conversations (`recentcontact/*`) and the archive list (`open_msg_svc/get_history`) end to
//! end over HTTP: the conversation list in last-message order, paged with the SDK's own
//! cursor logic, pinned conversations, deletes, conversation groups and marks with their
//! caps and the pages' error codes.

mod common;

use std::collections::BTreeSet;

use chatadmin_core::api::conversation::{RecentContactGetList, RecentContactGetListResponse};
use chatadmin_core::ApiRequest;
use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

const LIST: &str = "recentcontact/get_list";

fn setup(users: &[&str]) -> Harness {
    let h = Harness::new();
    h.emu
        .control()
        .apply_json(&json!({"op": "accounts", "UserID": users}))
        .unwrap();
    h
}

fn touch(h: &Harness, body: Value) {
    let mut body = body;
    body["op"] = json!("conversation_touch");
    h.emu.control().apply_json(&body).unwrap();
}

/// Every conversation of `owner`, walking the pages with core's `next_page` (what every
/// client's iterator uses); returns the items and the number of pages.
fn walk(h: &Harness, owner: &str, flags: u32) -> (Vec<Value>, usize) {
    let mut req = RecentContactGetList::new(owner, flags);
    let (mut items, mut pages) = (Vec::new(), 0);
    loop {
        let body = chatadmin_core::registry::encode_request(&req).unwrap();
        let v = h.call(LIST, body);
        assert_ok(&v);
        pages += 1;
        assert!(pages < 50, "the pages do not end");
        items.extend(v["SessionItem"].as_array().unwrap().iter().cloned());
        let resp: RecentContactGetListResponse = serde_json::from_value(v).unwrap();
        match req.next_page(&resp) {
            Some(next) => req = next,
            None => return (items, pages),
        }
    }
}

fn peer(i: &Value) -> String {
    match i["Type"].as_u64() {
        Some(1) => format!("c2c:{}", i["To_Account"].as_str().unwrap()),
        _ => format!("group:{}", i["GroupId"].as_str().unwrap()),
    }
}

fn first_page(h: &Harness, owner: &str, flags: u32) -> Vec<(String, u64, u64)> {
    let v = h.call(
        LIST,
        json!({"From_Account": owner, "TimeStamp": 0, "StartIndex": 0, "TopTimeStamp": 0,
               "TopStartIndex": 0, "AssistFlags": flags}),
    );
    assert_ok(&v);
    v["SessionItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                peer(i),
                i["MsgTime"].as_u64().unwrap(),
                i["TopFlag"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn names(list: &[(String, u64, u64)]) -> Vec<&str> {
    list.iter().map(|(p, _, _)| p.as_str()).collect()
}

fn create_chat_group(h: &Harness, owner: &str) -> String {
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Owner_Account": owner, "Type": "Public", "Name": "team"}),
    );
    assert_ok(&v);
    v["GroupId"].as_str().unwrap().to_owned()
}

#[test]
fn conversations_come_newest_first_and_pinned_ones_on_top() {
    let h = setup(&["alice", "bob", "carol", "dave"]);
    let g = create_chat_group(&h, "alice");
    touch(
        &h,
        json!({"From_Account": "alice", "To_Account": "bob", "MsgTime": 100}),
    );
    touch(
        &h,
        json!({"From_Account": "alice", "To_Account": "carol", "MsgTime": 300, "Unread": 2}),
    );
    touch(
        &h,
        json!({"From_Account": "alice", "GroupId": g, "MsgTime": 200}),
    );
    let gk = format!("group:{g}");
    assert_eq!(
        names(&first_page(&h, "alice", 7)),
        ["c2c:carol", gk.as_str(), "c2c:bob"]
    );

    // A new message moves bob up.
    touch(
        &h,
        json!({"From_Account": "alice", "To_Account": "bob", "MsgTime": 400}),
    );
    assert_eq!(
        names(&first_page(&h, "alice", 7)),
        ["c2c:bob", "c2c:carol", gk.as_str()]
    );

    // Pinning the oldest puts it first, marked, when pinned conversations are supported.
    touch(
        &h,
        json!({"From_Account": "alice", "GroupId": g, "Pinned": true}),
    );
    let page = first_page(&h, "alice", 1);
    assert_eq!(page[0], (gk.clone(), 200, 1), "the pin keeps its time");
    assert_eq!(page[1..].iter().map(|p| p.2).collect::<Vec<_>>(), [0, 0]);
    // Without bit 0 the pinned one is listed by time, unmarked.
    let page = first_page(&h, "alice", 0);
    assert_eq!(page[2], (gk.clone(), 200, 0));

    // A pinned conversation without messages is empty: listed only with bit 1.
    touch(
        &h,
        json!({"From_Account": "alice", "To_Account": "dave", "Pinned": true}),
    );
    assert_eq!(first_page(&h, "alice", 1).len(), 3);
    let page = first_page(&h, "alice", 3);
    assert_eq!(page.len(), 4);
    assert!(page.contains(&("c2c:dave".to_owned(), 0, 1)), "{page:?}");

    // Unpinning puts it back in time order; bob's list is his own (empty).
    touch(
        &h,
        json!({"From_Account": "alice", "GroupId": g, "Pinned": false}),
    );
    assert_eq!(names(&first_page(&h, "alice", 1))[2], gk);
    assert!(first_page(&h, "bob", 7).is_empty());

    let v = h.call(
        LIST,
        json!({"From_Account": "nobody", "TimeStamp": 0, "StartIndex": 0,
        "TopTimeStamp": 0, "TopStartIndex": 0, "AssistFlags": 7}),
    );
    assert_fail(&v, 50001);
    let v = h.call(LIST, json!({"From_Account": "alice", "AssistFlags": 7}));
    assert_fail(&v, 50002);
    let v = h.call(
        LIST,
        json!({"From_Account": "alice", "TimeStamp": 0, "StartIndex": 0,
        "TopTimeStamp": 0, "TopStartIndex": 0, "AssistFlags": 8}),
    );
    assert!(assert_fail(&v, 50002).contains("AssistFlags"));
}

#[test]
fn paging_walks_every_conversation_once_in_order() {
    let h = setup(&["alice"]);
    let peers: Vec<String> = (0..250).map(|i| format!("u{i:03}")).collect();
    // Pairs share a last-message time, so cursors must handle ties across page ends.
    for (i, p) in peers.iter().enumerate() {
        let t = 1_000 + (i as u64) / 2;
        touch(
            &h,
            json!({"From_Account": "alice", "To_Account": p, "MsgTime": t}),
        );
    }
    let (items, pages) = walk(&h, "alice", 7);
    assert_eq!(pages, 3, "100 a page");
    assert_eq!(items.len(), 250);
    let distinct: BTreeSet<String> = items.iter().map(peer).collect();
    assert_eq!(distinct.len(), 250, "no conversation twice");
    let times: Vec<u64> = items
        .iter()
        .map(|i| i["MsgTime"].as_u64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(times[0], 1_124);

    // 120 pinned: with bit 2 they are paged too, pinned first.
    for p in &peers[..120] {
        touch(
            &h,
            json!({"From_Account": "alice", "To_Account": p, "Pinned": true}),
        );
    }
    let (items, pages) = walk(&h, "alice", 7);
    assert_eq!((items.len(), pages), (250, 3));
    let flags: Vec<u64> = items
        .iter()
        .map(|i| i["TopFlag"].as_u64().unwrap())
        .collect();
    assert!(flags[..120].iter().all(|f| *f == 1) && flags[120..].iter().all(|f| *f == 0));
    assert_eq!(items.iter().map(peer).collect::<BTreeSet<_>>().len(), 250);

    // Without bit 2 every pinned one comes on the first page, before 100 general ones.
    let page = first_page(&h, "alice", 3);
    assert_eq!(page.len(), 220);
    let (items, pages) = walk(&h, "alice", 3);
    assert_eq!((items.len(), pages), (250, 2));
}

#[test]
fn deleting_conversations_one_to_one_and_group() {
    let h = setup(&["alice", "bob", "carol"]);
    let g = create_chat_group(&h, "alice");
    touch(
        &h,
        json!({"From_Account": "alice", "To_Account": ["bob", "carol"], "MsgTime": 50}),
    );
    touch(
        &h,
        json!({"From_Account": "alice", "GroupId": g, "MsgTime": 60, "Pinned": true}),
    );
    assert_eq!(first_page(&h, "alice", 7).len(), 3);

    let del = "recentcontact/delete";
    let v = h.call(
        del,
        json!({"From_Account": "alice", "Type": 1, "To_Account": "bob"}),
    );
    assert_ok(&v);
    assert_eq!(v["ErrorDisplay"], "", "the page's envelope");
    let v = h.call(
        del,
        json!({"From_Account": "alice", "Type": 2, "ToGroupid": g, "ClearRamble": 1}),
    );
    assert_ok(&v);
    assert_eq!(names(&first_page(&h, "alice", 7)), ["c2c:carol"]);
    // Deleting again changes nothing; a new message brings it back, no longer pinned.
    assert_ok(&h.call(
        del,
        json!({"From_Account": "alice", "Type": 1, "To_Account": "bob"}),
    ));
    touch(
        &h,
        json!({"From_Account": "alice", "GroupId": g, "MsgTime": 70}),
    );
    assert_eq!(first_page(&h, "alice", 7)[0].2, 0);

    assert_fail(
        &h.call(
            del,
            json!({"From_Account": "zed", "Type": 1, "To_Account": "bob"}),
        ),
        50001,
    );
    let info = assert_fail(
        &h.call(del, json!({"From_Account": "alice", "Type": 2})),
        50002,
    );
    assert!(info.contains("ToGroupid"), "{info}");
    assert_fail(
        &h.call(
            del,
            json!({"From_Account": "alice", "Type": 1, "To_Account": "bob", "ClearRamble": 2}),
        ),
        50002,
    );
}

fn search(h: &Harness, owner: &str, items: Value) -> Value {
    let v = h.call(
        "recentcontact/search_contact_group",
        json!({"From_Account": owner, "ContactItem": items}),
    );
    assert_ok(&v);
    v
}

#[test]
fn conversation_groups_created_renamed_filled_emptied_and_deleted() {
    let h = setup(&["alice", "bob", "carol"]);
    let g = create_chat_group(&h, "alice");
    let create = "recentcontact/create_contact_group";
    let v = h.call(
        create,
        json!({"From_Account": "alice", "GroupContactItem": [{"GroupName": "work",
            "ContactItem": [{"Type": 1, "To_Account": "bob"}, {"Type": 2, "ToGroupId": g},
                            {"Type": 2, "ToGroupId": "@TGS#gone"}]}]}),
    );
    assert_ok(&v);
    let r = &v["GroupResultItem"][0];
    assert_eq!(r["GroupItem"], json!({"GroupName": "work", "GroupId": 1}));
    let codes: Vec<i64> = (r["ResultItem"].as_array().unwrap().iter())
        .map(|i| i["ResultCode"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [0, 0, 51007], "a group that does not exist");

    // The same name again, a name over 32 bytes.
    let again = json!({"From_Account": "alice", "GroupContactItem": [{"GroupName": "work", "ContactItem": []}]});
    assert_fail(&h.call(create, again), 50002);
    let long = json!({"From_Account": "alice", "GroupContactItem": [{"GroupName": "x".repeat(33), "ContactItem": []}]});
    assert_fail(&h.call(create, long), 51011);

    let found = search(
        &h,
        "alice",
        json!([{"Type": 1, "To_Account": "bob"}, {"Type": 1, "To_Account": "carol"}]),
    );
    assert_eq!(
        found["ContactResultItem"].as_array().unwrap().len(),
        1,
        "carol is in no group"
    );
    assert_eq!(found["ContactResultItem"][0]["ContactGroupId"], json!([1]));
    assert_eq!(
        found["GroupItem"],
        json!([{"GroupName": "work", "GroupId": 1}])
    );

    // Rename, then add carol and remove bob.
    let update = "recentcontact/update_contact_group";
    let v = h.call(
        update,
        json!({"From_Account": "alice", "UpdateType": 1, "UpdateGroup": {"UpdateGroupType": 1,
            "OldGroupName": "work", "NewGroupName": "office"}}),
    );
    assert_ok(&v);
    assert_eq!(v["UpdateGroupResult"]["GroupName"], "office");
    assert_eq!(v["UpdateGroupResult"]["OldGroupName"], "work");
    let v = h.call(
        update,
        json!({"From_Account": "alice", "UpdateType": 1, "UpdateGroup": {"UpdateGroupType": 2,
            "OldGroupName": "office", "ContactUpdateItem": [
                {"ContactOptType": 1, "ContactItem": {"Type": 1, "To_Account": "carol"}},
                {"ContactOptType": 2, "ContactItem": {"Type": 1, "To_Account": "bob"}}]}}),
    );
    assert_ok(&v);
    let items = v["UpdateGroupResult"]["ContactResultItem"]
        .as_array()
        .unwrap();
    assert_eq!(
        items
            .iter()
            .map(|i| i["ResultCode"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [0, 0]
    );
    let found = search(
        &h,
        "alice",
        json!([{"Type": 1, "To_Account": "bob"}, {"Type": 1, "To_Account": "carol"}]),
    );
    let who: Vec<&str> = (found["ContactResultItem"].as_array().unwrap().iter())
        .map(|i| i["To_Account"].as_str().unwrap())
        .collect();
    assert_eq!(who, ["carol"], "bob left the group and has no other data");

    let missing = json!({"From_Account": "alice", "UpdateType": 1, "UpdateGroup": {"UpdateGroupType": 1,
        "OldGroupName": "work", "NewGroupName": "x"}});
    assert_fail(&h.call(update, missing), 51009);
    let no_name = json!({"From_Account": "alice", "UpdateType": 1, "UpdateGroup": {"UpdateGroupType": 1,
        "OldGroupName": "office"}});
    assert!(assert_fail(&h.call(update, no_name), 50002).contains("NewGroupName"));

    // get_contact_group lists the data and every group.
    let v = h.call(
        "recentcontact/get_contact_group",
        json!({"From_Account": "alice", "StartIndex": 0}),
    );
    assert_ok(&v);
    assert_eq!(v["CompleteFlag"], 1);
    assert_eq!(
        v["GroupItem"],
        json!([{"GroupName": "office", "GroupId": 1}])
    );
    assert_eq!(
        v["ContactItem"].as_array().unwrap().len(),
        2,
        "carol and the chat group"
    );

    // Delete: the group goes, its conversations leave it; a second delete is 51009.
    let del = "recentcontact/del_contact_group";
    let v = h.call(
        del,
        json!({"From_Account": "alice", "GroupName": ["office"]}),
    );
    assert_ok(&v);
    assert_eq!(
        v["GroupItem"],
        json!([{"GroupName": "office", "GroupId": 1}])
    );
    assert_fail(
        &h.call(
            del,
            json!({"From_Account": "alice", "GroupName": ["office"]}),
        ),
        51009,
    );
    let found = search(&h, "alice", json!([{"Type": 1, "To_Account": "carol"}]));
    assert!(found["ContactResultItem"].as_array().unwrap().is_empty());
    assert_fail(
        &h.call(
            del,
            json!({"From_Account": "alice", "GroupName": ["a", "b"]}),
        ),
        50002,
    );
}

#[test]
fn twenty_conversation_groups_at_most_and_ids_are_not_reused() {
    let h = setup(&["alice"]);
    let create = |name: String| {
        h.call(
            "recentcontact/create_contact_group",
            json!({"From_Account": "alice", "GroupContactItem": [{"GroupName": name, "ContactItem": []}]}),
        )
    };
    for i in 1..=20 {
        let v = create(format!("g{i}"));
        assert_ok(&v);
        assert_eq!(v["GroupResultItem"][0]["GroupItem"]["GroupId"], i);
    }
    assert_fail(&create("g21".into()), 51010);
    assert_ok(&h.call(
        "recentcontact/del_contact_group",
        json!({"From_Account": "alice", "GroupName": ["g3"]}),
    ));
    let v = create("g21".into());
    assert_ok(&v);
    assert_eq!(v["GroupResultItem"][0]["GroupItem"]["GroupId"], 21);
}

#[test]
fn marks_are_set_cleared_and_capped() {
    let h = setup(&["alice"]);
    let mark = "recentcontact/mark_contact";
    let v = h.call(
        mark,
        json!({"From_Account": "alice", "MarkItem": [{"OptType": 3,
            "ContactItem": {"Type": 1, "To_Account": "bob"}, "SetMark": [1, 3], "CustomMark": "vip"}]}),
    );
    assert_ok(&v);
    assert_eq!(v["ResultItem"][0]["ResultCode"], 0);
    let found = search(&h, "alice", json!([{"Type": 1, "To_Account": "bob"}]));
    let item = &found["ContactResultItem"][0];
    assert_eq!(
        (item["StandardMark"].as_str(), item["CustomMark"].as_str()),
        (Some("1010"), Some("vip"))
    );

    // Clear bit 1 only: the custom mark stays.
    assert_ok(&h.call(
        mark,
        json!({"From_Account": "alice", "MarkItem": [{"OptType": 1,
            "ContactItem": {"Type": 1, "To_Account": "bob"}, "ClearMark": [1]}]}),
    ));
    let found = search(&h, "alice", json!([{"Type": 1, "To_Account": "bob"}]));
    assert_eq!(found["ContactResultItem"][0]["StandardMark"], "1000");
    assert_eq!(found["ContactResultItem"][0]["CustomMark"], "vip");

    // 51006: an empty list, or more than 100 in one call.
    assert_fail(
        &h.call(mark, json!({"From_Account": "alice", "MarkItem": []})),
        51006,
    );
    let item = |i: usize| json!({"OptType": 2, "ContactItem": {"Type": 1, "To_Account": format!("u{i:04}")}, "CustomMark": "m"});
    let many: Vec<Value> = (0..101).map(item).collect();
    assert_fail(
        &h.call(mark, json!({"From_Account": "alice", "MarkItem": many})),
        51006,
    );

    // 1,000 conversations with mark data at most (bob is one): the 1,000th new one fails.
    for chunk in (0..1000).collect::<Vec<_>>().chunks(100) {
        let items: Vec<Value> = chunk.iter().map(|i| item(*i)).collect();
        let v = h.call(mark, json!({"From_Account": "alice", "MarkItem": items}));
        assert_ok(&v);
        let last = chunk[chunk.len() - 1];
        let codes: Vec<i64> = (v["ResultItem"].as_array().unwrap().iter())
            .map(|r| r["ResultCode"].as_i64().unwrap())
            .collect();
        let expected: Vec<i64> = chunk
            .iter()
            .map(|i| if *i == 999 { 51008 } else { 0 })
            .collect();
        assert_eq!(codes, expected, "chunk ending {last}");
    }
    // Changing an existing one is still allowed; a group conversation of no group is 51007.
    let v = h.call(
        mark,
        json!({"From_Account": "alice", "MarkItem": [item(5),
            {"OptType": 2, "ContactItem": {"Type": 2, "ToGroupId": "@TGS#none"}, "CustomMark": "x"}]}),
    );
    let codes: Vec<i64> = (v["ResultItem"].as_array().unwrap().iter())
        .map(|r| r["ResultCode"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [0, 51007]);
}

#[test]
fn get_history_answers_the_pages_codes() {
    let h = setup(&[]);
    let path = "open_msg_svc/get_history";
    let hour = |secs_ago: u64| {
        // The Beijing-time hour (UTC+8) `secs_ago` before the emulated clock.
        chatadmin_core::clock::archive_hour(h.emu.control().now() - secs_ago)
    };
    let call = |chat: &str, t: &str| h.call(path, json!({"ChatType": chat, "MsgTime": t}));
    // The current hour is not archived yet; one of yesterday has no messages; last month's
    // files expired.
    assert_fail(&call("C2C", &hour(0)), 1004);
    assert_fail(&call("Group", &hour(86_400)), 1004);
    assert_fail(&call("C2C", &hour(30 * 86_400)), 1005);
    assert_fail(&call("C2C", "2015120121"), 1005);
    // Malformed: 1002.
    assert!(assert_fail(&call("C2C", "2015123124"), 1002).contains("MsgTime"));
    assert_fail(&call("C2C", "20151201"), 1002);
    assert_fail(&call("Private", &hour(0)), 1002);
}

/// Sends move the conversations: the recipient's and the sender's one-to-one conversation,
/// every member's group conversation, newest first; "NoLastMsg" leaves the lists alone.
#[test]
fn sends_move_the_conversation_lists() {
    let h = setup(&["alice", "bob", "carol"]);
    let g = create_chat_group(&h, "alice");
    assert_ok(&h.call(
        "group_open_http_svc/add_group_member",
        json!({"GroupId": g, "MemberList": [{"Member_Account": "bob"}, {"Member_Account": "carol"}]}),
    ));
    let advance = |secs: u64| {
        h.emu
            .control()
            .apply_json(&json!({"op": "advance_clock", "advance": secs}))
            .unwrap();
    };
    let text = |t: &str| json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": t}}]);
    assert_ok(&h.call(
        "openim/sendmsg",
        json!({"From_Account": "alice", "To_Account": "bob", "MsgRandom": 1, "MsgBody": text("hi")}),
    ));
    advance(10);
    assert_ok(&h.call(
        "group_open_http_svc/send_group_msg",
        json!({"GroupId": g, "From_Account": "carol", "Random": 2, "MsgBody": text("all")}),
    ));
    let group = format!("group:{g}");
    assert_eq!(
        names(&first_page(&h, "bob", 0)),
        [group.as_str(), "c2c:alice"]
    );
    assert_eq!(
        names(&first_page(&h, "alice", 0)),
        [group.as_str(), "c2c:bob"]
    );
    assert_eq!(names(&first_page(&h, "carol", 0)), [group.as_str()]);

    // A message that must not refresh the conversation list does not.
    advance(10);
    assert_ok(&h.call(
        "openim/sendmsg",
        json!({"From_Account": "alice", "To_Account": "carol", "MsgRandom": 3,
               "MsgBody": text("quiet"), "SendMsgControl": ["NoLastMsg"]}),
    ));
    assert_eq!(names(&first_page(&h, "carol", 0)), [group.as_str()]);
    // A one-to-one message moves the pair's conversation back to the top.
    assert_ok(&h.call(
        "openim/sendmsg",
        json!({"From_Account": "bob", "To_Account": "alice", "MsgRandom": 4, "MsgBody": text("back")}),
    ));
    assert_eq!(
        names(&first_page(&h, "alice", 0)),
        ["c2c:bob", group.as_str()]
    );
}
