//! One-to-one messages end to end over HTTP: sends with dedup, history paging, recall,
//! modification, read state and unread counts, receipts, batch sends with per-recipient
//! errors, imports, one-sided deletion and message extensions, with the pages' error codes.

mod common;

use common::{assert_fail, assert_ok, code, Harness};
use serde_json::{json, Value};

fn setup(ids: &[&str]) -> Harness {
    let h = Harness::new();
    assert_ok(&h.call(
        "im_open_login_svc/multiaccount_import",
        json!({ "Accounts": ids }),
    ));
    h
}

fn text(s: &str) -> Value {
    json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": s}}])
}

/// Sends `s` from `from` to `to` with `random`; returns the answer.
fn send(h: &Harness, from: &str, to: &str, s: &str, random: u32, extra: Value) -> Value {
    let mut body = json!({
        "From_Account": from, "To_Account": to, "MsgRandom": random, "MsgSeq": random ^ 0x5555,
        "MsgBody": text(s),
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    h.call("openim/sendmsg", body)
}

fn sent(h: &Harness, from: &str, to: &str, s: &str, random: u32) -> (u64, String) {
    let v = send(h, from, to, s, random, json!({}));
    assert_ok(&v);
    (
        v["MsgTime"].as_u64().unwrap(),
        v["MsgKey"].as_str().unwrap().to_owned(),
    )
}

/// The whole history `op` sees with `peer` (one page: at most 13 KB of messages).
fn history(h: &Harness, op: &str, peer: &str) -> Vec<Value> {
    let v = h.call(
        "openim/admin_getroammsg",
        json!({"Operator_Account": op, "Peer_Account": peer, "MaxCnt": 1000,
               "MinTime": 0, "MaxTime": u32::MAX}),
    );
    assert_ok(&v);
    assert_eq!(v["Complete"], 1, "{v}");
    v["MsgList"].as_array().unwrap().clone()
}

fn texts(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|m| {
            m["MsgBody"][0]["MsgContent"]["Text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn send_dedups_a_repeat_within_a_second_and_history_shows_it_once() {
    let h = setup(&["alice", "bob"]);
    let (t1, k1) = sent(&h, "alice", "bob", "hi", 1111);
    // MsgKey is "{MsgSeq}_{MsgRandom}_{MsgTime}".
    assert_eq!(k1, format!("{}_1111_{t1}", 1111 ^ 0x5555));
    // The same MsgRandom again (a retry): the first message's time and key, nothing stored.
    let (t2, k2) = sent(&h, "alice", "bob", "hi", 1111);
    assert_eq!((t2, &k2), (t1, &k1));
    let list = history(&h, "bob", "alice");
    assert_eq!(list.len(), 1);
    let m = &list[0];
    assert_eq!(m["From_Account"], "alice");
    assert_eq!(m["To_Account"], "bob");
    assert_eq!(m["MsgRandom"], 1111);
    assert_eq!(m["MsgTimeStamp"], t1);
    assert_eq!(m["MsgKey"], k1.as_str());
    assert_eq!(m["MsgFlagBits"], 0);
    assert_eq!(m["IsPeerRead"], 0);
    // Past the dedup window the same MsgRandom is a new message.
    h.emu.control().advance_clock(5);
    let (t3, k3) = sent(&h, "alice", "bob", "hi", 1111);
    assert!(t3 >= t1 + 5);
    assert_ne!(k3, k1);
    // Another MsgRandom within the second is another message.
    let (_, k4) = sent(&h, "alice", "bob", "again", 2222);
    assert_ne!(k4, k3);
    assert_eq!(texts(&history(&h, "alice", "bob")), ["hi", "hi", "again"]);
}

#[test]
fn send_account_rules_and_admin_sends() {
    let h = setup(&["alice", "bob"]);
    assert_fail(&send(&h, "alice", "ghost", "x", 1, json!({})), 90012);
    assert_fail(&send(&h, "ghost", "bob", "x", 2, json!({})), 20003);
    // From_Account left out: the admin sends.
    let v = h.call(
        "openim/sendmsg",
        json!({"To_Account": "bob", "MsgRandom": 3, "MsgBody": text("from admin")}),
    );
    assert_ok(&v);
    assert!(v["MsgKey"].as_str().unwrap().contains("_3_"));
    // Bad bodies are refused before anything is stored.
    let v = h.call(
        "openim/sendmsg",
        json!({"To_Account": "bob", "MsgRandom": 4, "MsgBody": []}),
    );
    assert_fail(&v, 90001);
    let big = "x".repeat(13 * 1024);
    let v = send(&h, "alice", "bob", &big, 5, json!({}));
    assert_fail(&v, 90001);
    assert!(history(&h, "bob", "alice").is_empty());
    // MsgLifeTime 0: online only, not stored.
    let v = send(&h, "alice", "bob", "online", 6, json!({"MsgLifeTime": 0}));
    assert_ok(&v);
    assert!(history(&h, "bob", "alice").is_empty());
}

#[test]
fn sync_other_machine_2_keeps_it_out_of_the_senders_history() {
    let h = setup(&["alice", "bob"]);
    assert_ok(&send(
        &h,
        "alice",
        "bob",
        "synced",
        1,
        json!({"SyncOtherMachine": 1}),
    ));
    assert_ok(&send(
        &h,
        "alice",
        "bob",
        "quiet",
        2,
        json!({"SyncOtherMachine": 2}),
    ));
    assert_eq!(texts(&history(&h, "bob", "alice")), ["synced", "quiet"]);
    assert_eq!(texts(&history(&h, "alice", "bob")), ["synced"]);
    assert_fail(
        &send(&h, "alice", "bob", "x", 3, json!({"SyncOtherMachine": 3})),
        90001,
    );
}

#[test]
fn a_history_page_stops_at_13_kb() {
    let h = setup(&["alice", "bob"]);
    // 40 messages of 1,000 bytes of text: about 40 KB, so MaxCnt 100 takes several pages.
    let big = |i: usize| format!("{i:04}{}", "x".repeat(996));
    for i in 0..40 {
        sent(&h, "alice", "bob", &big(i), 1000 + i as u32);
    }
    let mut req = json!({"Operator_Account": "bob", "Peer_Account": "alice", "MaxCnt": 100,
                         "MinTime": 0, "MaxTime": u32::MAX});
    let mut all = Vec::new();
    let mut sizes = Vec::new();
    loop {
        let v = h.call("openim/admin_getroammsg", req.clone());
        assert_ok(&v);
        let list = v["MsgList"].as_array().unwrap().clone();
        sizes.push(serde_json::to_vec(&list).unwrap().len());
        let mut page = texts(&list);
        page.extend(all);
        all = page;
        if v["Complete"] == 1 {
            break;
        }
        req["MaxTime"] = v["LastMsgTime"].clone();
        req["LastMsgKey"] = v["LastMsgKey"].clone();
        assert!(sizes.len() < 40, "paging does not end");
    }
    assert!(sizes.len() >= 4, "{sizes:?}");
    assert!(sizes.iter().all(|&n| n <= 13 * 1024), "{sizes:?}");
    // Messages of one second are ordered by MsgSeq: compare the sorted texts.
    all.sort();
    assert!(
        all == (0..40).map(big).collect::<Vec<_>>(),
        "gap or repeat: {} messages",
        all.len()
    );
    // One message bigger than the cap still comes, alone.
    h.emu.control().advance_clock(1);
    sent(&h, "bob", "alice", &"y".repeat(11_000), 7);
    h.emu.control().advance_clock(1);
    sent(&h, "bob", "alice", &"z".repeat(11_000), 8);
    let v = h.call(
        "openim/admin_getroammsg",
        json!({"Operator_Account": "alice", "Peer_Account": "bob", "MaxCnt": 100,
               "MinTime": 0, "MaxTime": u32::MAX}),
    );
    assert_eq!(v["MsgCnt"], 1, "{}", v["MsgCnt"]);
    assert_eq!(v["Complete"], 0);
    assert_eq!(
        v["MsgList"][0]["MsgBody"][0]["MsgContent"]["Text"]
            .as_str()
            .map(|t| &t[..1]),
        Some("z")
    );
}

#[test]
fn history_pages_go_back_in_time_without_gaps_or_repeats() {
    let h = setup(&["alice", "bob"]);
    let start = h.emu.control().now();
    for i in 0..7u32 {
        let (from, to) = if i % 2 == 0 {
            ("alice", "bob")
        } else {
            ("bob", "alice")
        };
        sent(&h, from, to, &format!("m{i}"), 100 + i);
        h.emu.control().advance_clock(1);
    }
    let mut req = json!({"Operator_Account": "alice", "Peer_Account": "bob", "MaxCnt": 3,
                         "MinTime": start, "MaxTime": start + 100});
    let mut pages = Vec::new();
    loop {
        let v = h.call("openim/admin_getroammsg", req.clone());
        assert_ok(&v);
        let list = v["MsgList"].as_array().unwrap().clone();
        assert_eq!(v["MsgCnt"], list.len());
        // The page's oldest message names the continuation.
        assert_eq!(v["LastMsgKey"], list[0]["MsgKey"]);
        assert_eq!(v["LastMsgTime"], list[0]["MsgTimeStamp"]);
        pages.push(texts(&list));
        if v["Complete"] == 1 {
            break;
        }
        req["MaxTime"] = v["LastMsgTime"].clone();
        req["LastMsgKey"] = v["LastMsgKey"].clone();
        assert!(pages.len() < 10, "paging does not end");
    }
    assert_eq!(
        pages,
        [vec!["m4", "m5", "m6"], vec!["m1", "m2", "m3"], vec!["m0"]]
    );
    // A time range picks its messages.
    let v = h.call(
        "openim/admin_getroammsg",
        json!({"Operator_Account": "bob", "Peer_Account": "alice", "MaxCnt": 100,
               "MinTime": start + 2, "MaxTime": start + 3}),
    );
    assert_eq!(texts(v["MsgList"].as_array().unwrap()), ["m2", "m3"]);
    // Unknown accounts.
    let q = |op: &str, peer: &str| {
        h.call(
            "openim/admin_getroammsg",
            json!({"Operator_Account": op, "Peer_Account": peer, "MaxCnt": 1, "MinTime": 0, "MaxTime": 1}),
        )
    };
    assert_fail(&q("ghost", "bob"), 90008);
    assert_fail(&q("alice", "ghost"), 90003);
}

#[test]
fn recall_marks_the_message_and_modify_changes_it() {
    let h = setup(&["alice", "bob"]);
    let (_, key) = sent(&h, "alice", "bob", "oops", 7);
    let (_, other) = sent(&h, "alice", "bob", "fine", 8);
    let modify = h.call(
        "openim/modify_c2c_msg",
        json!({"From_Account": "alice", "To_Account": "bob", "MsgKey": other,
               "MsgBody": text("edited"), "CloudCustomData": "v2"}),
    );
    assert_ok(&modify);
    let recall = |key: &str| {
        h.call(
            "openim/admin_msgwithdraw",
            json!({"From_Account": "alice", "To_Account": "bob", "MsgKey": key}),
        )
    };
    assert_ok(&recall(&key));
    assert_fail(&recall(&key), 20023);
    assert_fail(&recall("1_2_3"), 20022);
    assert_fail(&recall("not-a-key"), 90054);
    // The recipient cannot be the one who recalls it: the key is alice's message to bob.
    let v = h.call(
        "openim/admin_msgwithdraw",
        json!({"From_Account": "bob", "To_Account": "alice", "MsgKey": other}),
    );
    assert_fail(&v, 20022);
    let list = history(&h, "bob", "alice");
    assert_eq!(list[0]["MsgFlagBits"], 8);
    assert_eq!(list[1]["MsgFlagBits"], 0);
    assert_eq!(texts(&list[1..]), ["edited"]);
    assert_eq!(list[1]["CloudCustomData"], "v2");
    // Modify: unknown accounts and keys; nothing to modify is refused before sending.
    let m = |from: &str, to: &str, key: &str| {
        h.call(
            "openim/modify_c2c_msg",
            json!({"From_Account": from, "To_Account": to, "MsgKey": key, "CloudCustomData": "x"}),
        )
    };
    assert_fail(&m("ghost", "bob", &other), 20003);
    assert_fail(&m("alice", "ghost", &other), 90012);
    assert_fail(&m("alice", "bob", "9_9_9"), 20001);
    let v = h.call(
        "openim/modify_c2c_msg",
        json!({"From_Account": "alice", "To_Account": "bob", "MsgKey": other}),
    );
    assert_fail(&v, 90001);
    assert_eq!(history(&h, "bob", "alice")[1]["CloudCustomData"], "v2");
}

fn unread(h: &Harness, who: &str, peers: Option<&[&str]>) -> Value {
    let mut body = json!({"To_Account": who});
    if let Some(p) = peers {
        body["Peer_Account"] = json!(p);
    }
    let v = h.call("openim/get_c2c_unread_msg_num", body);
    assert_ok(&v);
    v
}

#[test]
fn unread_counts_follow_sends_reads_and_controls() {
    let h = setup(&["alice", "bob", "carol"]);
    let (t1, _) = sent(&h, "alice", "bob", "1", 1);
    h.emu.control().advance_clock(10);
    let (t2, _) = sent(&h, "alice", "bob", "2", 2);
    h.emu.control().advance_clock(10);
    let (_, k3) = sent(&h, "alice", "bob", "3", 3);
    assert_ok(&send(
        &h,
        "carol",
        "bob",
        "quiet",
        4,
        json!({"SendMsgControl": ["NoUnread"]}),
    ));
    assert_ok(&send(&h, "carol", "bob", "loud", 5, json!({})));
    // bob's own messages are not unread for him.
    sent(&h, "bob", "alice", "reply", 6);
    assert_eq!(unread(&h, "bob", None)["AllC2CUnreadMsgNum"], 4);
    let v = unread(&h, "bob", Some(&["alice", "carol", "ghost"]));
    assert_eq!(
        v["C2CUnreadMsgNumList"],
        json!([{"Peer_Account": "alice", "C2CUnreadMsgNum": 3},
               {"Peer_Account": "carol", "C2CUnreadMsgNum": 1}])
    );
    assert_eq!(
        v["ErrorList"],
        json!([{"Peer_Account": "ghost", "ErrorCode": 70107}])
    );
    assert_eq!(unread(&h, "alice", None)["AllC2CUnreadMsgNum"], 1);
    // Read up to the second message's time.
    let mark = |body: Value| h.call("openim/admin_set_msg_read", body);
    assert_ok(&mark(
        json!({"Report_Account": "bob", "Peer_Account": "alice",
                           "MsgReadTime": t2.to_string()}),
    ));
    let left = unread(&h, "bob", Some(&["alice"]));
    assert_eq!(left["C2CUnreadMsgNumList"][0]["C2CUnreadMsgNum"], 1);
    assert!(t1 < t2);
    // A recalled message no longer counts.
    assert_ok(&h.call(
        "openim/admin_msgwithdraw",
        json!({"From_Account": "alice", "To_Account": "bob", "MsgKey": k3}),
    ));
    assert_eq!(
        unread(&h, "bob", Some(&["alice"]))["C2CUnreadMsgNumList"][0]["C2CUnreadMsgNum"],
        0
    );
    // Everything up to now.
    assert_ok(&mark(
        json!({"Report_Account": "bob", "Peer_Account": "carol"}),
    ));
    assert_eq!(unread(&h, "bob", None)["AllC2CUnreadMsgNum"], 0);
    assert_fail(
        &mark(json!({"Report_Account": "ghost", "Peer_Account": "carol"})),
        90008,
    );
    assert_fail(
        &mark(json!({"Report_Account": "bob", "Peer_Account": "ghost"})),
        90003,
    );
    assert_fail(
        &mark(json!({"Report_Account": "bob", "Peer_Account": "carol", "MsgReadTime": "soon"})),
        90001,
    );
    let v = h.call(
        "openim/get_c2c_unread_msg_num",
        json!({"To_Account": "ghost"}),
    );
    assert_fail(&v, 90003);
    let eleven: Vec<String> = (0..11).map(|i| format!("p{i}")).collect();
    let v = h.call(
        "openim/get_c2c_unread_msg_num",
        json!({"To_Account": "bob", "Peer_Account": eleven}),
    );
    assert_fail(&v, 90001);
}

#[test]
fn read_receipts_set_is_peer_read() {
    let h = setup(&["alice", "bob"]);
    let (_, key) = sent(&h, "alice", "bob", "read me", 1);
    let receipt = |op: &str, peer: &str, from: &str, to: &str, key: &str| {
        h.call(
            "openim/c2c_msg_read_receipt",
            json!({"Operator_Account": op, "Peer_Account": peer,
                   "C2CMsgInfo": [{"From_Account": from, "To_Account": to, "MsgKey": key}]}),
        )
    };
    // The sender cannot send the receipt of its own message.
    assert_fail(&receipt("alice", "bob", "alice", "bob", &key), 90001);
    assert_fail(&receipt("bob", "alice", "alice", "bob", "1_1_1"), 20022);
    assert_fail(&receipt("ghost", "alice", "alice", "ghost", &key), 70107);
    assert_eq!(history(&h, "alice", "bob")[0]["IsPeerRead"], 0);
    assert_ok(&receipt("bob", "alice", "alice", "bob", &key));
    assert_eq!(history(&h, "alice", "bob")[0]["IsPeerRead"], 1);
}

#[test]
fn batch_sends_report_each_missing_recipient() {
    let h = setup(&["dave", "bonnie", "rong"]);
    let v = h.call(
        "openim/batchsendmsg",
        json!({"From_Account": "dave", "To_Account": ["bonnie", "ghost", "rong"],
               "MsgRandom": 42, "MsgSeq": 7, "MsgBody": text("news")}),
    );
    assert_eq!(code(&v), 0, "{v}");
    assert_eq!(v["ActionStatus"], "SomeError");
    assert_eq!(
        v["ErrorList"],
        json!([{"To_Account": "ghost", "ErrorCode": 70107}])
    );
    let key = v["MsgKey"].as_str().unwrap();
    assert!(key.starts_with("7_42_"), "{key}");
    for to in ["bonnie", "rong"] {
        let list = history(&h, to, "dave");
        assert_eq!(texts(&list), ["news"]);
        assert_eq!(list[0]["MsgKey"], key);
    }
    // All recipients fine: OK without ErrorList.
    let v = h.call(
        "openim/batchsendmsg",
        json!({"To_Account": ["bonnie"], "MsgRandom": 43, "MsgBody": text("admin news")}),
    );
    assert_ok(&v);
    assert!(v.get("ErrorList").is_none());
    // Nobody reached: FAIL 90012, nothing stored.
    let v = h.call(
        "openim/batchsendmsg",
        json!({"From_Account": "dave", "To_Account": ["ghost"], "MsgRandom": 44, "MsgBody": text("x")}),
    );
    assert_fail(&v, 90012);
    let v = h.call(
        "openim/batchsendmsg",
        json!({"From_Account": "ghost", "To_Account": ["bonnie"], "MsgRandom": 45, "MsgBody": text("x")}),
    );
    assert_fail(&v, 90008);
    let many: Vec<String> = (0..501).map(|i| format!("u{i}")).collect();
    let v = h.call(
        "openim/batchsendmsg",
        json!({"To_Account": many, "MsgRandom": 46, "MsgBody": text("x")}),
    );
    assert_fail(&v, 90001);
    assert_eq!(history(&h, "bonnie", "dave").len(), 1);
}

#[test]
fn imports_keep_their_time_and_drop_duplicates() {
    let h = setup(&["a", "b"]);
    let import = |sync: u32, seq: u32, random: u32, ts: u64, s: &str, from: &str, to: &str| {
        h.call(
            "openim/importmsg",
            json!({"SyncFromOldSystem": sync, "From_Account": from, "To_Account": to,
                   "MsgSeq": seq, "MsgRandom": random, "MsgTimeStamp": ts, "MsgBody": text(s)}),
        )
    };
    assert_ok(&import(2, 1, 1, 1_556_178_721, "old", "a", "b"));
    assert_ok(&import(5, 2, 2, 1_556_178_800, "live", "a", "b"));
    // Same seq, random and time: a duplicate, whatever the content or direction.
    assert_ok(&import(5, 2, 2, 1_556_178_800, "other text", "b", "a"));
    let list = history(&h, "b", "a");
    assert_eq!(texts(&list), ["old", "live"]);
    assert_eq!(list[0]["MsgTimeStamp"], 1_556_178_721);
    assert_eq!(list[0]["MsgKey"], "1_1_1556178721");
    // Historical imports are read; real-time ones unread.
    assert_eq!(unread(&h, "b", None)["AllC2CUnreadMsgNum"], 1);
    assert_fail(&import(2, 3, 3, 1, "x", "ghost", "b"), 90008);
    assert_fail(&import(2, 3, 3, 1, "x", "a", "ghost"), 90012);
    assert_fail(&import(3, 3, 3, 1, "x", "a", "b"), 90001);
}

#[test]
fn delete_for_one_hides_messages_from_one_side_only() {
    let h = setup(&["alice", "bob"]);
    let (_, k1) = sent(&h, "alice", "bob", "one", 1);
    let (_, k2) = sent(&h, "bob", "alice", "two", 2);
    let v = h.call(
        "openim/delete_c2c_msg_ramble",
        json!({"Operator_Account": "alice", "Peer_Account": "bob", "MsgKeyList": [k1, k2, "5_5_5"]}),
    );
    assert_ok(&v);
    assert_eq!(v["InvalidMsgKeyList"], json!(["5_5_5"]));
    assert!(history(&h, "alice", "bob").is_empty());
    assert_eq!(texts(&history(&h, "bob", "alice")), ["one", "two"]);
    // Deleting again: the keys no longer name messages alice sees.
    let v = h.call(
        "openim/delete_c2c_msg_ramble",
        json!({"Operator_Account": "alice", "Peer_Account": "bob", "MsgKeyList": [k1]}),
    );
    assert_eq!(v["InvalidMsgKeyList"], json!([k1]));
    let v = h.call(
        "openim/delete_c2c_msg_ramble",
        json!({"Operator_Account": "ghost", "Peer_Account": "bob", "MsgKeyList": [k1]}),
    );
    assert_fail(&v, 90008);
}

#[test]
fn extensions_follow_the_sequence_rule() {
    let h = setup(&["62768", "116400"]);
    let v = send(
        &h,
        "62768",
        "116400",
        "ext",
        12,
        json!({"SupportMessageExtension": 1}),
    );
    assert_ok(&v);
    let key = v["MsgKey"].as_str().unwrap().to_owned();
    let set = |op: u32, list: Value| {
        let mut body = json!({"From_Account": "62768", "To_Account": "116400", "MsgKey": key,
                              "OperateType": op});
        if !list.is_null() {
            body["ExtensionList"] = list;
        }
        h.call("openim_msg_ext_http_svc/set_key_values", body)
    };
    let get = |start: Option<u64>| {
        let mut body = json!({"From_Account": "62768", "To_Account": "116400", "MsgKey": key});
        if let Some(s) = start {
            body["StartSeq"] = json!(s);
        }
        let v = h.call("openim_msg_ext_http_svc/get_key_values", body);
        assert_ok(&v);
        v
    };
    let v = set(
        1,
        json!([{"Key": "k1", "Value": "v1", "Seq": 0}, {"Key": "k2", "Value": "v2", "Seq": 0}]),
    );
    assert_ok(&v);
    assert_eq!(
        v["ExtensionList"],
        json!([{"ErrorCode": 0, "Extension": {"Key": "k1", "Value": "v1", "Seq": 1}},
               {"ErrorCode": 0, "Extension": {"Key": "k2", "Value": "v2", "Seq": 1}}])
    );
    // A stale Seq conflicts and answers the current pair; the other pair goes through.
    let v = set(
        1,
        json!([{"Key": "k2", "Value": "v1234", "Seq": 0}, {"Key": "k3", "Value": "v3", "Seq": 0}]),
    );
    assert_ok(&v);
    assert_eq!(
        v["ExtensionList"],
        json!([{"ErrorCode": 23001, "Extension": {"Key": "k2", "Value": "v2", "Seq": 1}},
               {"ErrorCode": 0, "Extension": {"Key": "k3", "Value": "v3", "Seq": 2}}])
    );
    // With the latest Seq it applies; without a Seq (admin) it is not checked.
    assert_eq!(
        set(1, json!([{"Key": "k2", "Value": "v2b", "Seq": 1}]))["ExtensionList"][0]["ErrorCode"],
        0
    );
    assert_eq!(
        set(1, json!([{"Key": "k1", "Value": "v1b"}]))["ExtensionList"][0]["Extension"]["Seq"],
        4
    );
    let all = get(None);
    assert_eq!(all["LatestSeq"], 4);
    assert_eq!(all["CompleteFlag"], 1);
    assert_eq!(
        all["ExtensionList"],
        json!([{"Key": "k3", "Value": "v3", "Seq": 2}, {"Key": "k2", "Value": "v2b", "Seq": 3},
               {"Key": "k1", "Value": "v1b", "Seq": 4}])
    );
    assert_eq!(
        get(Some(4))["ExtensionList"],
        json!([{"Key": "k1", "Value": "v1b", "Seq": 4}])
    );
    // Delete one, then clear.
    assert_ok(&set(2, json!([{"Key": "k3", "Value": "", "Seq": 2}])));
    assert_eq!(get(None)["ExtensionList"].as_array().unwrap().len(), 2);
    assert_fail(&set(2, Value::Null), 10004);
    assert_ok(&set(3, Value::Null));
    let cleared = get(None);
    assert_eq!(cleared["ExtensionList"], json!([]));
    assert_eq!(cleared["ClearSeq"], 6);
    assert_eq!(cleared["LatestSeq"], 6);
    // A message sent without extension support, and one that does not exist.
    let (_, plain) = sent(&h, "62768", "116400", "plain", 13);
    let v = h.call(
        "openim_msg_ext_http_svc/set_key_values",
        json!({"From_Account": "62768", "To_Account": "116400", "MsgKey": plain, "OperateType": 3}),
    );
    assert_fail(&v, 23002);
    let v = h.call(
        "openim_msg_ext_http_svc/get_key_values",
        json!({"From_Account": "62768", "To_Account": "116400", "MsgKey": "1_1_1"}),
    );
    assert_fail(&v, 23004);
    // Limits: 21 pairs, a 101-byte key.
    let many: Vec<Value> = (0..21)
        .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
        .collect();
    assert_fail(&set(1, json!(many)), 10004);
    assert_fail(
        &set(1, json!([{"Key": "k".repeat(101), "Value": "v"}])),
        10004,
    );
}

#[test]
fn extension_pages_hold_at_most_200_pairs() {
    let h = setup(&["a", "b"]);
    let v = send(
        &h,
        "a",
        "b",
        "ext",
        1,
        json!({"SupportMessageExtension": 1}),
    );
    let key = v["MsgKey"].as_str().unwrap().to_owned();
    for call in 0..15 {
        let list: Vec<Value> = (0..20)
            .map(|i| json!({"Key": format!("k{call:02}_{i:02}"), "Value": "v"}))
            .collect();
        let v = h.call(
            "openim_msg_ext_http_svc/set_key_values",
            json!({"From_Account": "a", "To_Account": "b", "MsgKey": key, "OperateType": 1,
                   "ExtensionList": list}),
        );
        assert_ok(&v);
    }
    // 300 pairs stored; one more is refused.
    let v = h.call(
        "openim_msg_ext_http_svc/set_key_values",
        json!({"From_Account": "a", "To_Account": "b", "MsgKey": key, "OperateType": 1,
               "ExtensionList": [{"Key": "one_more", "Value": "v"}]}),
    );
    assert_eq!(v["ExtensionList"][0]["ErrorCode"], 10004);
    let mut start = None;
    let mut seen = 0;
    loop {
        let mut body = json!({"From_Account": "a", "To_Account": "b", "MsgKey": key});
        if let Some(s) = start {
            body["StartSeq"] = json!(s);
        }
        let v = h.call("openim_msg_ext_http_svc/get_key_values", body);
        let page = v["ExtensionList"].as_array().unwrap();
        assert!(!page.is_empty() && page.len() <= 200, "{}", page.len());
        seen += page.len();
        if v["CompleteFlag"] == 1 {
            break;
        }
        start = Some(page.last().unwrap()["Seq"].as_u64().unwrap() + 1);
    }
    assert_eq!(seen, 300);
}
