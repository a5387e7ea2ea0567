//! Community topics end to end over HTTP: a topic-enabled community gets topics with assigned
//! and custom IDs, reads them all or by ID (with a filter and one member's state), changes one,
//! destroys one, imports one with its creation time; groups without topics are refused with the
//! documented codes.

mod common;

use common::{assert_fail, assert_ok, Harness};
use serde_json::{json, Value};

const CREATE: &str = "million_group_open_http_svc/create_topic";
const GET: &str = "million_group_open_http_svc/get_topic";
const MODIFY: &str = "million_group_open_http_svc/modify_topic";
const DESTROY: &str = "million_group_open_http_svc/destroy_topic";
const IMPORT: &str = "group_open_http_svc/import_topic";

/// alice owns a topic-enabled community with bob; carol is an account outside it.
fn community(h: &Harness) -> String {
    assert_ok(&h.call(
        "im_open_login_svc/multiaccount_import",
        json!({"Accounts": ["alice", "bob", "carol"]}),
    ));
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Community", "Name": "guild", "Owner_Account": "alice",
               "MemberList": [{"Member_Account": "bob"}], "SupportTopic": 1}),
    );
    assert_ok(&v);
    v["GroupId"].as_str().unwrap().to_owned()
}

fn items(v: &Value) -> &Vec<Value> {
    v["TopicAndSelfInfo"].as_array().unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    items(v)
        .iter()
        .map(|i| i["TopicInfo"]["TopicId"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_topic_enabled_community_creates_reads_changes_and_destroys_topics() {
    let h = Harness::new();
    let g = community(&h);
    let prefix = format!("{g}@TOPIC#_");

    // An assigned ID: the group ID, "@TOPIC#_" and a part the service picks.
    let v = h.call(
        CREATE,
        json!({"GroupId": g, "TopicName": "general", "From_Account": "bob",
               "Notification": "be nice", "CustomString": "c1"}),
    );
    assert_ok(&v);
    let general = v["TopicId"].as_str().unwrap().to_owned();
    assert!(
        general.starts_with(&format!("{prefix}@TOPIC#")),
        "{general}"
    );

    // A custom ID: "GroupId+@TOPIC#_+Custom part".
    let news = format!("{prefix}news");
    let v = h.call(
        CREATE,
        json!({"GroupId": g, "TopicId": news, "TopicName": "news", "FaceUrl": "http://x/n.png"}),
    );
    assert_ok(&v);
    assert_eq!(v["TopicId"], news.as_str());
    // The same custom ID again: 10025 ("You have already used this ... ID").
    assert_fail(
        &h.call(
            CREATE,
            json!({"GroupId": g, "TopicId": news, "TopicName": "again"}),
        ),
        10025,
    );
    // Another group's prefix: an invalid parameter.
    assert_fail(
        &h.call(
            CREATE,
            json!({"GroupId": g, "TopicId": "@TGS#_other@TOPIC#_x", "TopicName": "x"}),
        ),
        10004,
    );
    // Not the form at all: refused before anything is looked up.
    assert_fail(
        &h.call(
            CREATE,
            json!({"GroupId": g, "TopicId": "news2", "TopicName": "x"}),
        ),
        10004,
    );
    // From_Account must be a member; and an imported account.
    assert_fail(
        &h.call(
            CREATE,
            json!({"GroupId": g, "TopicName": "x", "From_Account": "carol"}),
        ),
        10007,
    );
    assert_fail(
        &h.call(
            CREATE,
            json!({"GroupId": g, "TopicName": "x", "From_Account": "ghost"}),
        ),
        10019,
    );
    // The name: 1 to 30 bytes.
    assert_fail(
        &h.call(CREATE, json!({"GroupId": g, "TopicName": "n".repeat(31)})),
        10004,
    );

    // Every topic, with bob's state in each.
    let v = h.call(GET, json!({"GroupId": g, "From_Account": "bob"}));
    assert_ok(&v);
    let mut all = ids(&v);
    all.sort();
    let mut expected = vec![general.clone(), news.clone()];
    expected.sort();
    assert_eq!(all, expected);
    for i in items(&v) {
        assert_eq!(i["ErrorCode"], 0, "{i}");
        assert_eq!(i["SelfInfo"]["MsgFlag"], "AcceptAndNotify", "{i}");
        assert_eq!(i["SelfInfo"]["ShutUpTime"], 0, "{i}");
        assert_eq!(i["TopicInfo"]["GroupID"], g.as_str(), "{i}");
        assert_eq!(i["TopicInfo"]["MuteAllMember"], "Off", "{i}");
        assert_eq!(i["TopicInfo"]["NextMsgSeq"], 1, "{i}");
    }
    // An account outside the community has no SelfInfo.
    let v = h.call(GET, json!({"GroupId": g, "From_Account": "carol"}));
    assert!(items(&v).iter().all(|i| i.get("SelfInfo").is_none()), "{v}");

    // By ID, in request order; a topic that does not exist has its own 110003.
    let gone = format!("{prefix}gone");
    let v = h.call(
        GET,
        json!({"GroupId": g, "From_Account": "alice", "TopicIdList": [news, gone, general]}),
    );
    assert_ok(&v);
    assert_eq!(ids(&v), vec![news.clone(), gone.clone(), general.clone()]);
    let codes: Vec<i64> = items(&v)
        .iter()
        .map(|i| i["ErrorCode"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, vec![0, 110_003, 0]);
    let g0 = &items(&v)[2]["TopicInfo"];
    assert_eq!(g0["TopicName"], "general");
    assert_eq!(g0["Notification"], "be nice");
    assert_eq!(g0["CustomString"], "c1");

    // A filter returns only the fields it names, plus TopicId and GroupID.
    let v = h.call(
        GET,
        json!({"GroupId": g, "From_Account": "alice", "TopicIdList": [news],
               "ResponseFilter": ["TopicName", "FaceUrl"]}),
    );
    let info = items(&v)[0]["TopicInfo"].as_object().unwrap().clone();
    let mut keys: Vec<&str> = info.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, vec!["FaceUrl", "GroupID", "TopicId", "TopicName"]);
    assert_eq!(info["FaceUrl"], "http://x/n.png");

    // modify sets the given fields and keeps the others.
    assert_ok(&h.call(
        MODIFY,
        json!({"GroupId": g, "TopicId": general, "TopicName": "lobby", "MuteAllMember": "On",
               "From_Account": "alice"}),
    ));
    let v = h.call(
        GET,
        json!({"GroupId": g, "From_Account": "alice", "TopicIdList": [general]}),
    );
    let t = &items(&v)[0]["TopicInfo"];
    assert_eq!(t["TopicName"], "lobby");
    assert_eq!(t["MuteAllMember"], "On");
    assert_eq!(t["Notification"], "be nice", "kept");
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "TopicId": gone, "TopicName": "x"}),
        ),
        10010,
    );
    assert_fail(
        &h.call(
            MODIFY,
            json!({"GroupId": g, "TopicId": general, "MuteAllMember": "Maybe"}),
        ),
        10004,
    );

    // destroy: one result per topic, in order; again is 110003.
    let v = h.call(DESTROY, json!({"GroupId": g, "TopicIdList": [news, gone]}));
    assert_ok(&v);
    let r: Vec<(String, i64)> = v["DestroyResultItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["TopicId"].as_str().unwrap().to_owned(),
                i["ErrorCode"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(r, vec![(news.clone(), 0), (gone.clone(), 110_003)]);
    let v = h.call(GET, json!({"GroupId": g, "From_Account": "alice"}));
    assert_eq!(ids(&v), vec![general.clone()]);
    let v = h.call(DESTROY, json!({"GroupId": g, "TopicIdList": [news]}));
    assert_eq!(v["DestroyResultItem"][0]["ErrorCode"], 110_003);
    assert_fail(
        &h.call(DESTROY, json!({"GroupId": g, "TopicIdList": []})),
        10004,
    );

    // The ID of a destroyed topic can be used again.
    assert_ok(&h.call(
        CREATE,
        json!({"GroupId": g, "TopicId": news, "TopicName": "news"}),
    ));
}

#[test]
fn import_keeps_the_creation_time() {
    let h = Harness::new();
    let g = community(&h);
    let v = h.call(
        IMPORT,
        json!({"Type": "Community", "GroupId": g, "TopicName": "archive", "CreateTime": 1_448_357_837,
               "Introduction": "old days"}),
    );
    assert_ok(&v);
    let archive = v["TopicId"].as_str().unwrap().to_owned();
    let custom = format!("{g}@TOPIC#_history");
    let v = h.call(
        IMPORT,
        json!({"GroupId": g, "TopicId": custom, "TopicName": "history"}),
    );
    assert_ok(&v);
    assert_eq!(v["TopicId"], custom.as_str());
    // The custom ID again: 10021 ("The topic ID is already in use").
    assert_fail(
        &h.call(
            IMPORT,
            json!({"GroupId": g, "TopicId": custom, "TopicName": "h"}),
        ),
        10021,
    );
    // Only communities have topics.
    assert_fail(
        &h.call(
            IMPORT,
            json!({"Type": "Public", "GroupId": g, "TopicName": "h"}),
        ),
        10004,
    );

    let v = h.call(
        GET,
        json!({"GroupId": g, "From_Account": "alice", "TopicIdList": [archive, custom]}),
    );
    assert_ok(&v);
    let archive_info = &items(&v)[0]["TopicInfo"];
    assert_eq!(archive_info["CreateTime"], 1_448_357_837);
    assert_eq!(archive_info["Introduction"], "old days");
    let history_time = items(&v)[1]["TopicInfo"]["CreateTime"].as_u64().unwrap();
    assert!(
        history_time > 1_600_000_000,
        "without CreateTime, the time of the request: {history_time}"
    );
}

#[test]
fn groups_without_topics_are_refused_with_the_documented_codes() {
    let h = Harness::new();
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Community", "Name": "plain"}),
    );
    let plain = v["GroupId"].as_str().unwrap().to_owned();
    let v = h.call(
        "group_open_http_svc/create_group",
        json!({"Type": "Public", "Name": "pub"}),
    );
    let public = v["GroupId"].as_str().unwrap().to_owned();

    for (group, code) in [
        (plain.as_str(), 11000),
        (public.as_str(), 10007),
        ("@TGS#_missing", 10010),
    ] {
        let t = format!("{group}@TOPIC#_t");
        let calls = [
            (CREATE, json!({"GroupId": group, "TopicName": "t"})),
            (GET, json!({"GroupId": group, "From_Account": "alice"})),
            (
                MODIFY,
                json!({"GroupId": group, "TopicId": t, "TopicName": "u"}),
            ),
            (DESTROY, json!({"GroupId": group, "TopicIdList": [t]})),
            (IMPORT, json!({"GroupId": group, "TopicName": "t"})),
        ];
        for (path, body) in calls {
            assert_fail(&h.call(path, body), code);
        }
    }
    // Disbanding a community takes its topics with it.
    let g = community(&h);
    let v = h.call(CREATE, json!({"GroupId": g, "TopicName": "t"}));
    assert_ok(&v);
    assert_ok(&h.call("group_open_http_svc/destroy_group", json!({"GroupId": g})));
    assert_fail(
        &h.call(GET, json!({"GroupId": g, "From_Account": "alice"})),
        10010,
    );
}
