//! Group messages end to end over HTTP: sends with sequences from 1 and deduplication on
//! `Random`, a thousand messages paged back with the history's paging rule, recall and modify,
//! a muted member refused until the emulated clock passes the mute, read receipts, message
//! extensions with a conflicting `Seq`, import keeping times, notifications, broadcasts, clear
//! and delete by sender, and the codes of each refusal.

mod common;

use chatadmin_core::api::group_message::{
    GetGroupMsgReceiptDetail, GetGroupMsgReceiptDetailResponse, GroupGetKeyValues,
    GroupGetKeyValuesResponse, GroupMsgGetSimple, GroupMsgGetSimpleResponse,
};
use chatadmin_core::ApiRequest;
use chatadmin_emulator::RateLimitMode;
use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

const SEND: &str = "group_open_http_svc/send_group_msg";
const HISTORY: &str = "group_open_http_svc/group_msg_get_simple";
const RECALL: &str = "group_open_http_svc/group_msg_recall";
const MODIFY: &str = "openim/modify_group_msg";
const RECEIPT: &str = "group_open_http_svc/group_msg_receipt";
const COUNTS: &str = "group_open_http_svc/get_group_msg_receipt";
const DETAIL: &str = "group_open_http_svc/get_group_msg_receipt_detail";
const GET_EXT: &str = "openim_msg_ext_http_svc/group_get_key_values";
const SET_EXT: &str = "openim_msg_ext_http_svc/group_set_key_values";
const IMPORT: &str = "group_open_http_svc/import_group_msg";

const MEMBERS: [&str; 4] = ["alice", "bob", "carol", "dave"];

fn import_accounts(h: &Harness, ids: &[&str]) {
    assert_ok(&h.call(
        "im_open_login_svc/multiaccount_import",
        json!({ "Accounts": ids }),
    ));
}

/// A group of `kind` owned by `owner` with `MEMBERS`.
fn group(h: &Harness, kind: &str) -> String {
    import_accounts(h, &["owner", "alice", "bob", "carol", "dave", "stranger"]);
    let members: Vec<Value> = if kind == "AVChatRoom" {
        Vec::new()
    } else {
        MEMBERS
            .iter()
            .map(|m| json!({"Member_Account": m}))
            .collect()
    };
    let mut body = json!({"Type": kind, "Name": "guild", "Owner_Account": "owner"});
    if !members.is_empty() {
        body["MemberList"] = Value::Array(members);
    }
    let v = h.call("group_open_http_svc/create_group", body);
    assert_ok(&v);
    v["GroupId"].as_str().unwrap().to_owned()
}

fn text(t: &str) -> Value {
    json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": t}}])
}

fn send(h: &Harness, g: &str, from: Option<&str>, body: Value, random: u32) -> Value {
    let mut req = json!({"GroupId": g, "Random": random, "MsgBody": body});
    if let Some(f) = from {
        req["From_Account"] = json!(f);
    }
    h.call(SEND, req)
}

fn sent_seq(v: &Value) -> u64 {
    assert_ok(v);
    v["MsgSeq"].as_u64().unwrap()
}

/// Every message of the history, newest first, paged with the request's own paging rule
/// (`ApiRequest::next_page`, what `client.items(..)` follows). Returns the messages and the
/// number of pages.
fn all_history(h: &Harness, g: &str, with_recalled: bool) -> (Vec<Value>, usize) {
    let mut req = GroupMsgGetSimple::new(g, 20);
    if with_recalled {
        req = req.with_recalled_msg(1);
    }
    let mut out = Vec::new();
    let mut pages = 0;
    loop {
        let body = chatadmin_core::registry::encode_request(&req).unwrap();
        let v = h.call(HISTORY, body);
        assert_ok(&v);
        pages += 1;
        let list = v["RspMsgList"].as_array().unwrap();
        assert!(list.len() <= 20, "a page has at most ReqMsgNumber messages");
        out.extend(list.iter().cloned());
        let page: GroupMsgGetSimpleResponse = serde_json::from_value(v).unwrap();
        match req.next_page(&page) {
            Some(next) => req = next,
            None => break,
        }
        assert!(pages < 200, "paging must end");
    }
    (out, pages)
}

fn latest(h: &Harness, g: &str, n: u32) -> Vec<Value> {
    let v = h.call(HISTORY, json!({"GroupId": g, "ReqMsgNumber": n}));
    assert_ok(&v);
    v["RspMsgList"].as_array().unwrap().clone()
}

fn seqs(list: &[Value]) -> Vec<u64> {
    list.iter().map(|m| m["MsgSeq"].as_u64().unwrap()).collect()
}

#[test]
fn text_and_custom_messages_get_sequences_and_repeats_are_discarded() {
    let h = Harness::new();
    let g = group(&h, "Public");
    let now = h.emu.control().now();

    // The admin's text, then a member's custom message with a priority.
    let v = send(&h, &g, None, text("welcome"), 11);
    assert_eq!(sent_seq(&v), 1, "sequences start at 1");
    assert_eq!(v["MsgTime"], now, "MsgTime is the emulated clock");
    let custom = json!([{"MsgType": "TIMCustomElem", "MsgContent": {"Data": "{\"level\":3}", "Desc": "Level up"}}]);
    let v = h.call(
        SEND,
        json!({"GroupId": g, "Random": 22, "From_Account": "alice", "MsgBody": custom,
               "MsgPriority": "High", "CloudCustomData": "cc"}),
    );
    assert_eq!(sent_seq(&v), 2);

    // The same Random and content within five minutes is the same message.
    h.emu.control().advance_clock(60);
    let again = send(&h, &g, Some("alice"), custom.clone(), 22);
    assert_eq!(sent_seq(&again), 2, "a repeat answers the first message");
    assert_eq!(again["MsgTime"], now);
    // The same Random with other content is another message; so is a repeat after 5 minutes.
    assert_eq!(sent_seq(&send(&h, &g, Some("alice"), text("hi"), 22)), 3);
    h.emu.control().advance_clock(300);
    assert_eq!(
        sent_seq(&send(&h, &g, Some("alice"), custom.clone(), 22)),
        4
    );

    let list = latest(&h, &g, 20);
    assert_eq!(seqs(&list), vec![4, 3, 2, 1], "newest first, no duplicate");
    assert_eq!(list[3]["From_Account"], "administrator");
    assert_eq!(list[3]["MsgBody"], text("welcome"));
    assert_eq!(list[3]["MsgPriority"], 2, "Normal is 2 in history");
    assert_eq!(list[3]["MsgRandom"], 11);
    assert_eq!(list[3]["IsPlaceMsg"], 0);
    assert_eq!(list[2]["From_Account"], "alice");
    assert_eq!(list[2]["MsgBody"], custom);
    assert_eq!(list[2]["MsgPriority"], 1, "High is 1 in history");
    assert_eq!(list[2]["CloudCustomData"], "cc");
    assert_eq!(list[2]["MsgTimeStamp"], now);

    // ReqMsgSeq reads from a sequence down.
    let v = h.call(
        HISTORY,
        json!({"GroupId": g, "ReqMsgSeq": 3, "ReqMsgNumber": 2}),
    );
    assert_eq!(seqs(v["RspMsgList"].as_array().unwrap()), vec![3, 2]);

    // The sender's last send time is kept on the member.
    let info = h.call(
        "group_open_http_svc/get_group_member_info",
        json!({"GroupId": g, "MemberInfoFilter": ["LastSendMsgTime"]}),
    );
    let alice = info["MemberList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["Member_Account"] == "alice")
        .unwrap();
    assert_eq!(alice["LastSendMsgTime"], now + 360);
    let gi = h.call(
        "group_open_http_svc/get_group_info",
        json!({"GroupIdList": [g]}),
    );
    assert_eq!(gi["GroupInfo"][0]["NextMsgSeq"], 5);
    assert_eq!(gi["GroupInfo"][0]["LastMsgTime"], now + 360);
}

#[test]
fn a_thousand_messages_page_back_in_order() {
    let h = Harness::with_rate_limit(RateLimitMode::Off);
    let g = group(&h, "Public");
    for i in 1..=1000u32 {
        let from = MEMBERS[i as usize % MEMBERS.len()];
        assert_eq!(
            sent_seq(&send(&h, &g, Some(from), text(&format!("m{i}")), i)),
            u64::from(i)
        );
    }
    let (all, pages) = all_history(&h, &g, false);
    assert_eq!(pages, 50, "1,000 messages at 20 a page");
    assert_eq!(seqs(&all), (1..=1000).rev().collect::<Vec<_>>());
    assert_eq!(all[0]["MsgBody"], text("m1000"));
    assert_eq!(all[999]["MsgBody"], text("m1"));

    // Recalled messages are left out of the pages unless asked for.
    let v = h.call(
        RECALL,
        json!({"GroupId": g, "MsgSeqList": [{"MsgSeq": 500}, {"MsgSeq": 20}]}),
    );
    assert_ok(&v);
    let (all, _) = all_history(&h, &g, false);
    assert_eq!(all.len(), 998);
    assert!(!seqs(&all).contains(&500));
    let (all, _) = all_history(&h, &g, true);
    assert_eq!(all.len(), 1000);
    let m500 = all.iter().find(|m| m["MsgSeq"] == 500).unwrap();
    assert_eq!(m500["IsPlaceMsg"], 2, "recalled");
    assert_eq!(m500["MsgBody"], json!([]));
}

#[test]
fn recall_and_modify() {
    let h = Harness::new();
    let g = group(&h, "Public");
    for i in 1..=3 {
        send(&h, &g, Some("bob"), text(&format!("b{i}")), i);
    }
    let v = h.call(
        RECALL,
        json!({"GroupId": g, "MsgSeqList": [{"MsgSeq": 2}, {"MsgSeq": 9}, {"MsgSeq": 2}]}),
    );
    assert_ok(&v);
    let codes: Vec<(u64, i64)> = v["RecallRetList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["MsgSeq"].as_u64().unwrap(),
                r["RetCode"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![(2, 0), (9, 10030), (2, 10032)],
        "per sequence, in order: recalled, no such message, already recalled"
    );
    assert_eq!(seqs(&latest(&h, &g, 20)), vec![3, 1]);

    // Modify the body, then the custom data alone.
    let v = h.call(
        MODIFY,
        json!({"GroupId": g, "MsgSeq": 3, "MsgBody": text("b3 (edited)")}),
    );
    assert_ok(&v);
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "MsgSeq": 3, "CloudCustomData": "edited"}),
    ));
    let list = latest(&h, &g, 1);
    assert_eq!(list[0]["MsgBody"], text("b3 (edited)"));
    assert_eq!(list[0]["CloudCustomData"], "edited");
    assert_eq!(list[0]["MsgSeq"], 3, "modifying keeps the sequence");

    // A recalled or missing message, or a request changing nothing, is refused.
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "MsgSeq": 2, "MsgBody": text("x")}),
        ),
        20001,
    );
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "MsgSeq": 99, "MsgBody": text("x")}),
        ),
        20001,
    );
    assert_fail(&h.call(MODIFY, json!({"GroupId": g, "MsgSeq": 3})), 20001);
    // The body's rules hold before sending: two custom elements.
    let two = json!([
        {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "a"}},
        {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "b"}},
    ]);
    let info = assert_fail(
        &h.call(MODIFY, json!({"GroupId": g, "MsgSeq": 3, "MsgBody": two})),
        90001,
    );
    assert!(info.contains("MsgBody[1]"), "{info}");
    assert_eq!(latest(&h, &g, 1)[0]["MsgBody"], text("b3 (edited)"));
}

#[test]
fn a_muted_member_is_refused_until_the_mute_ends() {
    let h = Harness::new();
    let g = group(&h, "Public");
    assert_ok(&h.call(
        "group_open_http_svc/forbid_send_msg",
        json!({"GroupId": g, "Members_Account": ["bob"], "ShutUpTime": 60}),
    ));
    let info = assert_fail(&send(&h, &g, Some("bob"), text("let me speak"), 1), 10017);
    assert!(info.contains("bob"), "{info}");
    assert!(latest(&h, &g, 20).is_empty(), "nothing stored");
    // Others still post; the group's sequence did not move for the refused send.
    assert_eq!(sent_seq(&send(&h, &g, Some("alice"), text("hi"), 2)), 1);

    h.emu.control().advance_clock(59);
    assert_fail(&send(&h, &g, Some("bob"), text("now?"), 3), 10017);
    h.emu.control().advance_clock(1);
    assert_eq!(
        sent_seq(&send(&h, &g, Some("bob"), text("now"), 4)),
        2,
        "accepted once the clock reaches the mute's end"
    );

    // MuteAllMember blocks members but not the owner, an admin or the app admin.
    assert_ok(&h.call(
        "group_open_http_svc/modify_group_member_info",
        json!({"GroupId": g, "Member_Account": "carol", "Role": "Admin"}),
    ));
    assert_ok(&h.call(
        "group_open_http_svc/modify_group_base_info",
        json!({"GroupId": g, "MuteAllMember": "On"}),
    ));
    assert_fail(&send(&h, &g, Some("alice"), text("x"), 5), 10017);
    assert_eq!(sent_seq(&send(&h, &g, Some("owner"), text("owner"), 6)), 3);
    assert_eq!(sent_seq(&send(&h, &g, Some("carol"), text("admin"), 7)), 4);
    assert_eq!(sent_seq(&send(&h, &g, None, text("app admin"), 8)), 5);

    // A sender who is not a member, or not an account, and a group that does not exist.
    assert_fail(&send(&h, &g, Some("stranger"), text("x"), 9), 10007);
    assert_fail(&send(&h, &g, Some("nobody"), text("x"), 10), 10019);
    assert_fail(&send(&h, "@TGS#NOSUCH", None, text("x"), 11), 10010);
}

#[test]
fn read_receipts_count_and_list_the_readers() {
    let h = Harness::new();
    let g = group(&h, "Public");
    let seq = sent_seq(&h.call(
        SEND,
        json!({"GroupId": g, "Random": 1, "From_Account": "alice", "MsgBody": text("poll"),
               "NeedReadReceipt": 1}),
    ));
    let plain = sent_seq(&send(&h, &g, Some("alice"), text("no receipt"), 2));

    // Reached: owner, bob, carol, dave (not the sender). Bob and dave read.
    for who in ["bob", "dave"] {
        assert_ok(&h.call(
            RECEIPT,
            json!({"GroupId": g, "From_Account": who, "MsgSeqList": [{"MsgSeq": seq}]}),
        ));
    }
    let v = h.call(
        COUNTS,
        json!({"GroupId": g, "MsgSeqList": [{"MsgSeq": seq}, {"MsgSeq": plain}]}),
    );
    assert_ok(&v);
    let l = &v["GroupMsgReceiptList"];
    assert_eq!(
        (&l[0]["Code"], &l[0]["ReadNum"], &l[0]["UnreadNum"]),
        (&json!(0), &json!(2), &json!(2))
    );
    assert_eq!(l[1]["Code"], 10062, "a message without receipts");

    // The unread list, one member a page, through the paging rule.
    let mut req = GetGroupMsgReceiptDetail::new(&g, 1, 1).msg_seq(seq);
    let mut unread = Vec::new();
    loop {
        let v = h.call(
            DETAIL,
            chatadmin_core::registry::encode_request(&req).unwrap(),
        );
        assert_ok(&v);
        let page: GetGroupMsgReceiptDetailResponse = serde_json::from_value(v).unwrap();
        unread.extend(page.unread_list.iter().map(|m| m.unread_account.clone()));
        match req.next_page(&page) {
            Some(next) => req = next,
            None => break,
        }
    }
    assert_eq!(unread, vec!["owner", "carol"]);
    let v = h.call(
        DETAIL,
        json!({"GroupId": g, "MsgSeq": seq, "Filter": 0, "Cursor": "", "Count": 200}),
    );
    assert_eq!(v["IsFinish"], 1);
    assert_eq!(
        v["ReadList"],
        json!([{"Read_Account": "bob"}, {"Read_Account": "dave"}])
    );

    // Refusals: a non-member reader, a message without receipts, a detail without MsgSeq.
    assert_fail(
        &h.call(
            RECEIPT,
            json!({"GroupId": g, "From_Account": "stranger", "MsgSeqList": [{"MsgSeq": seq}]}),
        ),
        10007,
    );
    assert_fail(
        &h.call(
            RECEIPT,
            json!({"GroupId": g, "From_Account": "carol", "MsgSeqList": [{"MsgSeq": seq}, {"MsgSeq": plain}]}),
        ),
        10062,
    );
    let v = h.call(
        COUNTS,
        json!({"GroupId": g, "MsgSeqList": [{"MsgSeq": seq}]}),
    );
    assert_eq!(
        v["GroupMsgReceiptList"][0]["ReadNum"], 2,
        "the refused request marked nothing"
    );
    assert_fail(
        &h.call(
            DETAIL,
            json!({"GroupId": g, "Filter": 1, "Cursor": "", "Count": 5}),
        ),
        10004,
    );
}

#[test]
fn extensions_with_a_conflicting_sequence() {
    let h = Harness::new();
    let g = group(&h, "Public");
    let seq = sent_seq(&h.call(
        SEND,
        json!({"GroupId": g, "Random": 1, "MsgBody": text("vote"), "SupportMessageExtension": 1}),
    ));
    let plain = sent_seq(&send(&h, &g, None, text("plain"), 2));

    // Two new keys (Seq 0 for a new key).
    let v = h.call(
        SET_EXT,
        json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1, "ExtensionList": [
            {"Key": "alice", "Value": "yes", "Seq": 0}, {"Key": "bob", "Value": "no", "Seq": 0}]}),
    );
    assert_ok(&v);
    assert_eq!(v["ExtensionList"][0]["ErrorCode"], 0);
    assert_eq!(
        v["ExtensionList"][1]["Extension"],
        json!({"Key": "bob", "Value": "no", "Seq": 1})
    );

    // Bob changes his vote with the current Seq; a stale Seq conflicts (23001) and shows the
    // pair as it is; the other item of the request still applies.
    let v = h.call(
        SET_EXT,
        json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1, "ExtensionList": [
            {"Key": "bob", "Value": "yes", "Seq": 1}]}),
    );
    assert_eq!(v["ExtensionList"][0]["Extension"]["Seq"], 2);
    let v = h.call(
        SET_EXT,
        json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1, "ExtensionList": [
            {"Key": "bob", "Value": "maybe", "Seq": 1}, {"Key": "carol", "Value": "yes", "Seq": 0}]}),
    );
    assert_ok(&v);
    assert_eq!(v["ExtensionList"][0]["ErrorCode"], 23001);
    assert_eq!(
        v["ExtensionList"][0]["Extension"],
        json!({"Key": "bob", "Value": "yes", "Seq": 2})
    );
    assert_eq!(v["ExtensionList"][1]["ErrorCode"], 0);
    // Without Seq (the app admin's own write) the pair is written unchecked.
    let v = h.call(
        SET_EXT,
        json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1, "ExtensionList": [
            {"Key": "bob", "Value": "abstain"}]}),
    );
    assert_eq!(v["ExtensionList"][0]["ErrorCode"], 0);

    let v = h.call(GET_EXT, json!({"GroupId": g, "MsgSeq": seq}));
    assert_ok(&v);
    let got: GroupGetKeyValuesResponse = serde_json::from_value(v).unwrap();
    assert_eq!(got.complete_flag, 1);
    assert_eq!(got.latest_seq, 4);
    assert_eq!(got.get("bob").unwrap().value, "abstain");
    assert_eq!(got.get("alice").unwrap().seq, 1);
    let v = h.call(GET_EXT, json!({"GroupId": g, "MsgSeq": seq, "StartSeq": 3}));
    let keys: Vec<&str> = v["ExtensionList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, vec!["carol", "bob"], "by Seq from StartSeq");

    // Delete one, then clear all.
    let v = h.call(
        SET_EXT,
        json!({"GroupId": g, "MsgSeq": seq, "OperateType": 2, "ExtensionList": [
            {"Key": "alice", "Value": "", "Seq": 1}]}),
    );
    assert_eq!(v["ExtensionList"][0]["ErrorCode"], 0);
    let v = h.call(GET_EXT, json!({"GroupId": g, "MsgSeq": seq}));
    assert_eq!(v["ExtensionList"].as_array().unwrap().len(), 2);
    assert_ok(&h.call(
        SET_EXT,
        json!({"GroupId": g, "MsgSeq": seq, "OperateType": 3}),
    ));
    let v = h.call(GET_EXT, json!({"GroupId": g, "MsgSeq": seq}));
    assert_eq!(v["ExtensionList"], json!([]));
    assert_eq!(v["ClearSeq"], v["LatestSeq"]);

    // A message sent without extension support, and one that does not exist.
    assert_fail(
        &h.call(
            SET_EXT,
            json!({"GroupId": g, "MsgSeq": plain, "OperateType": 1, "ExtensionList": [{"Key": "k", "Value": "v"}]}),
        ),
        23002,
    );
    assert_fail(&h.call(GET_EXT, json!({"GroupId": g, "MsgSeq": 77})), 23004);
    // Setting without a list is refused before sending.
    assert_fail(
        &h.call(
            SET_EXT,
            json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1}),
        ),
        10004,
    );
}

#[test]
fn more_than_two_hundred_extensions_page_by_start_seq() {
    let h = Harness::with_rate_limit(RateLimitMode::Off);
    let g = group(&h, "Private");
    let seq = sent_seq(&h.call(
        SEND,
        json!({"GroupId": g, "Random": 1, "MsgBody": text("survey"), "SupportMessageExtension": 1}),
    ));
    for batch in 0..15 {
        let list: Vec<Value> = (0..20)
            .map(|i| json!({"Key": format!("k{batch:02}-{i:02}"), "Value": "v"}))
            .collect();
        assert_ok(&h.call(
            SET_EXT,
            json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1, "ExtensionList": list}),
        ));
    }
    let mut req = GroupGetKeyValues::new(&g, seq);
    let mut keys = Vec::new();
    let mut pages = 0;
    loop {
        let v = h.call(
            GET_EXT,
            chatadmin_core::registry::encode_request(&req).unwrap(),
        );
        assert_ok(&v);
        let page: GroupGetKeyValuesResponse = serde_json::from_value(v).unwrap();
        assert!(page.extension_list.len() <= 200);
        keys.extend(page.extension_list.iter().map(|e| e.key.clone()));
        pages += 1;
        match req.next_page(&page) {
            Some(next) => req = next,
            None => break,
        }
    }
    assert_eq!(pages, 2);
    assert_eq!(keys.len(), 300, "every pair once");
    // The 301st pair is refused.
    assert_fail(
        &h.call(
            SET_EXT,
            json!({"GroupId": g, "MsgSeq": seq, "OperateType": 1, "ExtensionList": [{"Key": "one-more", "Value": "v"}]}),
        ),
        10004,
    );
}

#[test]
fn import_keeps_times_and_reports_each_message() {
    let h = Harness::new();
    let g = group(&h, "Public");
    let created = h.emu.control().now();
    h.emu.control().advance_clock(1000);
    let item = |from: &str, t: u64, s: &str| json!({"From_Account": from, "SendTime": t, "MsgBody": text(s)});
    let v = h.call(
        IMPORT,
        json!({"GroupId": g, "MsgList": [
            item("alice", created + 10, "old 1"),
            item("bob", created + 20, "old 2"),
            item("bob", created + 15, "out of order"),
            item("carol", created + 5000, "future"),
        ]}),
    );
    assert_ok(&v);
    let results: Vec<(u64, u64, i64)> = v["ImportMsgResult"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["MsgSeq"].as_u64().unwrap(),
                r["MsgTime"].as_u64().unwrap(),
                r["Result"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        results,
        vec![
            (1, created + 10, 0),
            (2, created + 20, 0),
            (0, created + 15, 10004),
            (0, created + 5000, 10004),
        ]
    );
    let list = latest(&h, &g, 20);
    assert_eq!(seqs(&list), vec![2, 1]);
    assert_eq!(
        list[1]["MsgTimeStamp"],
        created + 10,
        "the given time is kept"
    );
    // A send afterwards continues the sequence; an import older than it is refused.
    assert_eq!(sent_seq(&send(&h, &g, Some("alice"), text("live"), 1)), 3);
    let v = h.call(
        IMPORT,
        json!({"GroupId": g, "MsgList": [item("alice", created + 30, "too late")]}),
    );
    assert_eq!(v["ImportMsgResult"][0]["Result"], 10004);
    // More than 7 messages is refused before sending (the client splits).
    let eight: Vec<Value> = (0..8)
        .map(|i| item("alice", created + 40 + i, "x"))
        .collect();
    assert_fail(
        &h.call(IMPORT, json!({"GroupId": g, "MsgList": eight})),
        10004,
    );
}

#[test]
fn live_groups_keep_no_history() {
    // send_broadcast_msg allows 1 call per second; the repeats below come faster.
    let h = Harness::with_rate_limit(RateLimitMode::Off);
    let live = group(&h, "AVChatRoom");
    assert_eq!(sent_seq(&send(&h, &live, None, text("hello room"), 1)), 1);
    assert_eq!(sent_seq(&send(&h, &live, None, text("again"), 2)), 2);
    assert_fail(
        &h.call(HISTORY, json!({"GroupId": live, "ReqMsgNumber": 5})),
        10007,
    );
    assert_fail(
        &h.call(
            RECALL,
            json!({"GroupId": live, "MsgSeqList": [{"MsgSeq": 1}]}),
        ),
        10033,
    );
    assert_fail(
        &h.call(IMPORT, json!({"GroupId": live, "MsgList": [{"From_Account": "alice", "SendTime": 1, "MsgBody": text("x")}]})),
        10007,
    );
    // Deleting a sender's messages "does not take effect ... but no error will be returned".
    assert_ok(&h.call(
        "group_open_http_svc/delete_group_msg_by_sender",
        json!({"GroupId": live, "Sender_Account": "alice"}),
    ));
    // Notifications go to everyone in the room, never to listed members.
    assert_fail(
        &h.call(
            "group_open_http_svc/send_group_system_notification",
            json!({"GroupId": live, "ToMembers_Account": ["alice"], "Content": "x"}),
        ),
        10004,
    );
    // Broadcasts reach every audio-video group, numbered from 1; a repeat is the same one.
    let b = json!({"Random": 5, "MsgBody": text("maintenance at 8")});
    let v = h.call("group_open_http_svc/send_broadcast_msg", b.clone());
    assert_ok(&v);
    assert_eq!(v["MsgSeq"], 1);
    assert_eq!(
        h.call("group_open_http_svc/send_broadcast_msg", b)["MsgSeq"],
        1
    );
    let v = h.call(
        "group_open_http_svc/send_broadcast_msg",
        json!({"Random": 6, "MsgBody": text("done"), "From_Account": "alice"}),
    );
    assert_eq!(v["MsgSeq"], 2);
}

#[test]
fn notifications_delete_by_sender_and_clear() {
    let h = Harness::new();
    let g = group(&h, "Public");
    for (i, who) in ["alice", "bob", "alice", "carol"].iter().enumerate() {
        send(&h, &g, Some(who), text(&format!("{who} {i}")), i as u32);
    }
    assert_ok(&h.call(
        "group_open_http_svc/send_group_system_notification",
        json!({"GroupId": g, "ToMembers_Account": ["bob", "carol"], "Content": "raid at 8"}),
    ));
    assert_ok(&h.call(
        "group_open_http_svc/send_group_system_notification",
        json!({"GroupId": g, "Content": "to all"}),
    ));
    assert_fail(
        &h.call(
            "group_open_http_svc/send_group_system_notification",
            json!({"GroupId": g, "ToMembers_Account": ["stranger"], "Content": "x"}),
        ),
        10004,
    );
    let state = h.emu.control().state_json();
    let notes = &state["groups"][&g]["Messages"]["Notifications"];
    assert_eq!(notes[0]["To"], json!(["bob", "carol"]));
    assert_eq!(
        notes[1]["To"],
        json!(["owner", "alice", "bob", "carol", "dave"])
    );
    assert_eq!(
        seqs(&latest(&h, &g, 20)).len(),
        4,
        "notifications are not messages"
    );

    // Alice's messages are recalled; the others stay.
    assert_ok(&h.call(
        "group_open_http_svc/delete_group_msg_by_sender",
        json!({"GroupId": g, "Sender_Account": "alice"}),
    ));
    assert_eq!(seqs(&latest(&h, &g, 20)), vec![4, 2]);

    // Clearing marks messages for the members' clients; the admin still reads them.
    assert_ok(&h.call(
        "group_open_http_svc/clear_group_msg",
        json!({"GroupId": g, "MsgSeq": 2}),
    ));
    let state = h.emu.control().state_json();
    assert_eq!(state["groups"][&g]["Messages"]["ClearedUpTo"], 2);
    assert_eq!(seqs(&latest(&h, &g, 20)), vec![4, 2]);
    assert_ok(&h.call("group_open_http_svc/clear_group_msg", json!({"GroupId": g})));
    assert_eq!(
        h.emu.control().state_json()["groups"][&g]["Messages"]["ClearedUpTo"],
        4
    );
    let community = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Community", "Name": "c"}),
    );
    let c = community["GroupId"].as_str().unwrap();
    assert_fail(
        &h.call("group_open_http_svc/clear_group_msg", json!({"GroupId": c})),
        10007,
    );
}
