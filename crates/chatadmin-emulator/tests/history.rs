//! The hourly message archive (`open_msg_svc/get_history`) end to end over HTTP: messages
//! sent in an hour, the hour over, the file list, the download (no UserSig), its sizes and
//! MD5s, every message in it; frozen once built; 1004 for an empty hour, 1005 past seven
//! days, HTTP 403 after the download address expires.

mod common;

use std::collections::BTreeSet;

use chatadmin_core::archive::{self, ArchivedMsg};
use common::{assert_fail, assert_ok, request, Harness};
use serde_json::{json, Value};

const PATH: &str = "open_msg_svc/get_history";

/// The Beijing-time hour `YYYYMMDDHH` of unix time `t`.
fn hour_of(t: u64) -> String {
    chatadmin_core::clock::archive_hour(t)
}

fn text(s: &str) -> Value {
    json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": s}}])
}

/// An emulator whose clock is one minute into an hour, with accounts, a group and a
/// topic-enabled community with a topic.
struct World {
    h: Harness,
    group: String,
    community: String,
    topic: String,
}

fn world() -> World {
    let h = Harness::new();
    let now = h.emu.control().now();
    h.emu.control().advance_clock(3600 - now % 3600 + 60);
    assert_ok(&h.call(
        "im_open_login_svc/multiaccount_import",
        json!({"Accounts": ["alice", "bob", "carol"]}),
    ));
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Public", "Name": "g", "Owner_Account": "alice",
               "MemberList": [{"Member_Account": "bob"}]}),
    );
    assert_ok(&v);
    let group = v["GroupId"].as_str().unwrap().to_owned();
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Community", "Name": "c", "Owner_Account": "alice",
               "MemberList": [{"Member_Account": "bob"}], "SupportTopic": 1}),
    );
    assert_ok(&v);
    let community = v["GroupId"].as_str().unwrap().to_owned();
    let v = h.call(
        "million_group_open_http_svc/create_topic",
        json!({"GroupId": community, "TopicName": "news"}),
    );
    assert_ok(&v);
    let topic = v["TopicId"].as_str().unwrap().to_owned();
    World {
        h,
        group,
        community,
        topic,
    }
}

fn get_history(h: &Harness, chat: &str, hour: &str) -> Value {
    h.call(PATH, json!({"ChatType": chat, "MsgTime": hour}))
}

/// Downloads a URL the emulator gave (plain GET, no UserSig) and returns status and body.
fn download(h: &Harness, url: &str) -> (u16, Vec<u8>) {
    let base = h.emu.base_url();
    let target = url
        .strip_prefix(&base)
        .unwrap_or_else(|| panic!("{url} is not on {base}"));
    assert!(!url.contains("usersig"), "{url}");
    let r = request(h.addr(), "GET", target, b"").unwrap();
    (r.status, r.body)
}

/// The one file of an answer: checks the sums of the downloaded bytes and reads it.
fn fetch(h: &Harness, v: &Value) -> (Value, Vec<ArchivedMsg>) {
    assert_ok(v);
    let files = v["File"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{v}");
    let f = files[0].clone();
    let (status, gz) = download(h, f["URL"].as_str().unwrap());
    assert_eq!(status, 200);
    assert_eq!(gz.len() as u64, f["GzipSize"].as_u64().unwrap());
    assert_eq!(archive::md5_hex(&gz), f["GzipMD5"].as_str().unwrap());
    let json_bytes = archive::gunzip(&gz).unwrap();
    assert_eq!(json_bytes.len() as u64, f["FileSize"].as_u64().unwrap());
    assert_eq!(
        archive::md5_hex(&json_bytes),
        f["FileMD5"].as_str().unwrap()
    );
    let typed: chatadmin_core::api::operation::HistoryFile =
        serde_json::from_value(f.clone()).unwrap();
    let mut r = archive::open_gzip(&gz[..], Some(&typed)).unwrap();
    let msgs: Vec<ArchivedMsg> = r.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(r.header().sdk_app_id, common::SDKAPPID);
    (f, msgs)
}

fn body_text(m: &ArchivedMsg) -> String {
    serde_json::to_value(&m.msg_body).unwrap()[0]["MsgContent"]["Text"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn an_hour_of_one_to_one_messages_is_archived_and_downloaded() {
    let w = world();
    let h = &w.h;
    let mut sent = BTreeSet::new();
    let mut hour = String::new();
    for i in 0..40u32 {
        let (from, to) = [("alice", "bob"), ("bob", "carol"), ("carol", "alice")][i as usize % 3];
        let v = h.call(
            "openim/sendmsg",
            json!({"From_Account": from, "To_Account": to, "MsgRandom": 1000 + i,
                   "MsgBody": text(&format!("m{i}")), "CloudCustomData": "cc"}),
        );
        assert_ok(&v);
        hour = hour_of(v["MsgTime"].as_u64().unwrap());
        sent.insert((from.to_owned(), to.to_owned(), format!("m{i}"), 1000 + i));
    }
    // The hour is not over: no file yet.
    assert!(assert_fail(&get_history(h, "C2C", &hour), 1004).contains("not over"));
    h.emu.control().advance_clock(3600);

    let v = get_history(h, "C2C", &hour);
    let (f, msgs) = fetch(h, &v);
    let got: BTreeSet<_> = msgs
        .iter()
        .map(|m| {
            assert_eq!(m.group_id, None);
            assert_eq!(hour_of(m.msg_timestamp), hour);
            assert_eq!(m.extra["CloudCustomData"], "cc");
            (
                m.from_account.clone(),
                m.to_account.clone().unwrap(),
                body_text(m),
                m.msg_random.unwrap() as u32,
            )
        })
        .collect();
    assert_eq!(msgs.len(), 40);
    assert_eq!(got, sent);
    // Time order.
    assert!(msgs
        .windows(2)
        .all(|p| p[0].msg_timestamp <= p[1].msg_timestamp));
    // ExpireTime: 12 hours after the answer, Beijing time.
    let expire = f["ExpireTime"].as_str().unwrap();
    assert_eq!(expire.len(), 19, "{expire}");
    let now = h.emu.control().now();
    assert_eq!(
        &expire[..13],
        format!(
            "{}-{}-{} {}",
            &hour_of(now + 12 * 3600)[..4],
            &hour_of(now + 12 * 3600)[4..6],
            &hour_of(now + 12 * 3600)[6..8],
            &hour_of(now + 12 * 3600)[8..]
        )
    );

    // Frozen: a message imported into that hour afterwards does not change the file.
    let in_hour = msgs[0].msg_timestamp;
    assert_ok(&h.call(
        "openim/importmsg",
        json!({"SyncFromOldSystem": 2, "From_Account": "alice", "To_Account": "carol",
               "MsgRandom": 7, "MsgTimeStamp": in_hour, "MsgBody": text("late")}),
    ));
    let again = get_history(h, "C2C", &hour);
    let (f2, msgs2) = fetch(h, &again);
    assert_eq!(msgs2, msgs);
    assert_eq!(f2["FileMD5"], f["FileMD5"]);
    assert_ne!(f2["URL"], f["URL"], "each answer gives a new address");

    // No group message in that hour.
    assert!(assert_fail(&get_history(h, "Group", &hour), 1004).contains("no message"));

    // The address expires after 12 hours: 403, as an expired signed URL.
    h.emu.control().advance_clock(12 * 3600 + 1);
    assert_eq!(download(h, f["URL"].as_str().unwrap()).0, 403);
    let (status, _) = download(
        h,
        &format!("{}/__emulator/history/nope.gz", h.emu.base_url()),
    );
    assert_eq!(status, 404);
    // A fresh answer works again, until the file is more than seven days old: 1005.
    let (_, msgs3) = fetch(h, &get_history(h, "C2C", &hour));
    assert_eq!(msgs3.len(), 40);
    h.emu.control().advance_clock(7 * 86_400);
    // A UserSig signed at the emulated time (the harness's one expired with the clock).
    let sig = chatadmin_core::usersig::generate(
        &chatadmin_core::SecretKey::new(common::KEY),
        common::SDKAPPID,
        "administrator",
        86_400,
        h.emu.control().now(),
    )
    .into_string();
    let target = common::target(PATH, common::SDKAPPID, "administrator", &sig);
    let body = json!({"ChatType": "C2C", "MsgTime": hour}).to_string();
    let r = request(h.addr(), "POST", &target, body.as_bytes()).unwrap();
    assert_fail(&r.json(), 1005);
}

#[test]
fn group_and_topic_messages_are_archived() {
    let w = world();
    let h = &w.h;
    let mut hour = String::new();
    for i in 0..6u32 {
        let mut body = json!({"GroupId": w.group, "From_Account": "bob", "Random": i,
                              "MsgBody": text(&format!("g{i}"))});
        if i % 2 == 1 {
            body["GroupId"] = json!(w.community);
            body["TopicId"] = json!(w.topic);
        }
        let v = h.call("group_open_http_svc/send_group_msg", body);
        assert_ok(&v);
        hour = hour_of(v["MsgTime"].as_u64().unwrap());
    }
    h.emu.control().advance_clock(3600);
    let (_, msgs) = fetch(h, &get_history(h, "Group", &hour));
    assert_eq!(msgs.len(), 6);
    for m in &msgs {
        let i: u32 = body_text(m)[1..].parse().unwrap();
        assert_eq!(m.from_account, "bob");
        assert_eq!((m.to_account.as_ref(), m.msg_random), (None, None));
        if i % 2 == 1 {
            assert_eq!(m.group_id.as_deref(), Some(w.community.as_str()));
            assert_eq!(m.extra["TopicId"], w.topic.as_str());
        } else {
            assert_eq!(m.group_id.as_deref(), Some(w.group.as_str()));
            assert!(!m.extra.contains_key("TopicId"));
        }
    }
    // The one-to-one archive of that hour is empty: 1004.
    assert_fail(&get_history(h, "C2C", &hour), 1004);
    // The hour before had nothing either.
    let before = hour_of(msgs[0].msg_timestamp - 3600);
    assert_fail(&get_history(h, "Group", &before), 1004);
}

#[test]
fn the_file_is_the_documented_layout() {
    let w = world();
    let h = &w.h;
    let v = h.call(
        "openim/sendmsg",
        json!({"From_Account": "alice", "To_Account": "bob", "MsgRandom": 5,
               "MsgBody": text("hello")}),
    );
    assert_ok(&v);
    let hour = hour_of(v["MsgTime"].as_u64().unwrap());
    h.emu.control().advance_clock(3600);
    let ans = get_history(h, "C2C", &hour);
    assert_ok(&ans);
    let (_, gz) = download(h, ans["File"][0]["URL"].as_str().unwrap());
    let text_bytes = String::from_utf8(archive::gunzip(&gz).unwrap()).unwrap();
    let lines: Vec<&str> = text_bytes.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{{\"SdkAppId\":{},\"ChatType\":\"C2C\",\"MsgTime\":\"{hour}\",\"MsgList\":[",
            common::SDKAPPID
        )
    );
    assert!(
        lines[1]
            .starts_with("{\"From_Account\":\"alice\",\"To_Account\":\"bob\",\"MsgTimestamp\":"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with("\"MsgRandom\":5,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hello\"}}]}"), "{}", lines[1]);
    assert_eq!(lines[2], "]}");
    assert_eq!(lines.len(), 3);
}
