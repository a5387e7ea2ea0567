//! Login state (`im_open_login_svc/kick`, `openim/query_online_status`, the simulated client
//! logins of `Control::login`) and profiles (`profile/portrait_set`, `portrait_get`), over
//! real HTTP.

mod common;

use chatadmin_core::usersig;
use chatadmin_core::SecretKey;
use chatadmin_emulator::LoginError;
use common::{assert_fail, assert_ok, code, request, Harness, KEY, SDKAPPID};
use serde_json::{json, Value};

/// A UserSig for `user` signed at `time` (emulated clock), valid `expire` seconds.
fn sig_at(user: &str, time: u64, expire: u64) -> String {
    usersig::generate(&SecretKey::new(KEY), SDKAPPID, user, expire, time).into_string()
}

/// A UserSig for `user` signed now on the emulator's clock, valid a day.
fn user_sig(h: &Harness, user: &str) -> String {
    sig_at(user, h.emu.control().now(), 86_400)
}

fn status_query(h: &Harness, body: Value) -> Value {
    h.call("openim/query_online_status", body)
}

/// `{account: state}` from a `query_online_status` answer.
fn states(v: &Value) -> Vec<(String, String)> {
    v["QueryResult"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| {
                    (
                        r["To_Account"].as_str().unwrap().to_owned(),
                        r["State"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// kick and client logins
// ---------------------------------------------------------------------------------------------

#[test]
fn kick_invalidates_usersigs_issued_up_to_its_second() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("alice");
    let old = user_sig(&h, "alice");
    c.login("alice", &old, "iPhone").unwrap();
    let v = status_query(&h, json!({"To_Account": ["alice"]}));
    assert_eq!(states(&v), pairs(&[("alice", "Online")]));

    let v = h.call("im_open_login_svc/kick", json!({"UserID": "alice"}));
    assert_ok(&v);
    assert_eq!(v["ErrorInfo"], "");
    let kicked_at = c.state_json()["accounts"]["alice"]["KickedAt"]
        .as_u64()
        .unwrap();
    // The kick ends the session.
    assert!(c.state_json()["accounts"]["alice"].get("Session").is_none());
    let v = status_query(&h, json!({"To_Account": ["alice"]}));
    assert_eq!(states(&v), pairs(&[("alice", "Offline")]));

    // The UserSig issued before the kick no longer logs in ...
    let e = c.login("alice", &old, "iPhone").unwrap_err();
    assert!(matches!(e, LoginError::Kicked { .. }), "{e:?}");
    assert_eq!(e.kind(), "kicked");
    let text = e.to_string();
    assert!(
        text.starts_with("kicked: log in with a new UserSig"),
        "{text}"
    );
    assert!(!text.contains(&old) && !format!("{e:?}").contains(&old));
    // ... nor does one issued in the kick's own second (UserSig times are whole seconds).
    let same_second = sig_at("alice", kicked_at, 86_400);
    assert!(matches!(
        c.login("alice", &same_second, "iPhone"),
        Err(LoginError::Kicked { issued_at, kicked_at: k }) if issued_at == k
    ));
    assert!(c.state_json()["accounts"]["alice"].get("Session").is_none());

    // A UserSig issued after the kick logs in.
    c.advance_clock(2);
    let new = user_sig(&h, "alice");
    c.login("alice", &new, "Android").unwrap();
    let v = status_query(&h, json!({"To_Account": ["alice"], "IsNeedDetail": 1}));
    assert_eq!(
        v["QueryResult"][0]["Detail"],
        json!([{"Platform": "Android", "Status": "Online"}])
    );
}

#[test]
fn kick_errors() {
    let h = Harness::new();
    let info = assert_fail(
        &h.call("im_open_login_svc/kick", json!({"UserID": "ghost"})),
        70107,
    );
    assert!(info.contains("ghost"), "{info}");
    assert_fail(&h.call("im_open_login_svc/kick", json!({})), 70402);
    assert_fail(
        &h.call("im_open_login_svc/kick", json!({"UserID": "x".repeat(33)})),
        70402,
    );
    assert_fail(
        &h.call("im_open_login_svc/kick", json!({"UserID": ["a"]})),
        70402,
    );
    assert!(h.emu.control().state_json()["accounts"]
        .as_object()
        .unwrap()
        .is_empty());
}

#[test]
fn login_verifies_the_usersig_like_a_client_login() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("alice");
    c.add_account("bob");
    let now = c.now();

    let wrong_key = usersig::generate(&SecretKey::new("another key"), SDKAPPID, "alice", 3600, now)
        .into_string();
    let e = c.login("alice", &wrong_key, "Web").unwrap_err();
    assert_eq!(e.kind(), "usersig");
    assert!(!e.to_string().contains(&wrong_key) && !format!("{e:?}").contains(&wrong_key));

    let for_bob = sig_at("bob", now, 3600);
    let e = c.login("alice", &for_bob, "Web").unwrap_err();
    assert!(
        matches!(&e, LoginError::UserSig(u) if u.failure() == usersig::VerifyFailure::IdentifierMismatch),
        "{e:?}"
    );

    let other_app =
        usersig::generate(&SecretKey::new(KEY), SDKAPPID + 1, "alice", 3600, now).into_string();
    assert_eq!(
        c.login("alice", &other_app, "Web").unwrap_err().kind(),
        "usersig"
    );
    assert_eq!(
        c.login("alice", "garbage", "Web").unwrap_err().kind(),
        "usersig"
    );

    let short = sig_at("alice", now, 10);
    c.advance_clock(20);
    let e = c.login("alice", &short, "Web").unwrap_err();
    assert!(
        matches!(&e, LoginError::UserSig(u) if u.failure() == usersig::VerifyFailure::Expired),
        "{e:?}"
    );

    let e = c.login("carol", &user_sig(&h, "carol"), "Web").unwrap_err();
    assert_eq!(e, LoginError::NoSuchAccount("carol".into()));
    assert!(!c.account_exists("carol"));
    assert_eq!(
        c.login("alice", &user_sig(&h, "alice"), "").unwrap_err(),
        LoginError::InvalidPlatform
    );
    // None of these logged anyone in.
    let v = status_query(&h, json!({"To_Account": ["alice", "bob"]}));
    assert_eq!(
        states(&v),
        pairs(&[("alice", "Offline"), ("bob", "Offline")])
    );
}

// ---------------------------------------------------------------------------------------------
// query_online_status
// ---------------------------------------------------------------------------------------------

#[test]
fn query_online_status_reflects_login_push_online_and_logout() {
    let h = Harness::new();
    let c = h.emu.control();
    for u in ["alice", "bob", "carol"] {
        c.add_account(u);
    }
    c.login("alice", &user_sig(&h, "alice"), "Web").unwrap();
    c.login("carol", &user_sig(&h, "carol"), "iPhone").unwrap();
    c.set_push_online("carol").unwrap();
    assert_eq!(
        c.set_push_online("bob").unwrap_err(),
        LoginError::NotLoggedIn("bob".into())
    );

    let v = status_query(
        &h,
        json!({"To_Account": ["alice", "ghost", "bob", "carol"]}),
    );
    assert_ok(&v);
    assert_eq!(
        states(&v),
        pairs(&[
            ("alice", "Online"),
            ("bob", "Offline"),
            ("carol", "PushOnline")
        ])
    );
    assert_eq!(
        v["ErrorList"],
        json!([{"To_Account": "ghost", "ErrorCode": 70107}])
    );
    // Without IsNeedDetail there is no Detail.
    assert!(v["QueryResult"][0].get("Detail").is_none(), "{v}");

    let v = status_query(
        &h,
        json!({"To_Account": ["alice", "bob", "carol"], "IsNeedDetail": 1}),
    );
    assert_eq!(
        v["QueryResult"][0]["Detail"],
        json!([{"Platform": "Web", "Status": "Online"}])
    );
    assert!(v["QueryResult"][1].get("Detail").is_none(), "{v}");
    assert_eq!(
        v["QueryResult"][2]["Detail"],
        json!([{"Platform": "iPhone", "Status": "PushOnline"}])
    );
    assert!(v.get("ErrorList").is_none(), "{v}");

    assert!(c.logout("alice"));
    assert!(!c.logout("alice"));
    let v = status_query(&h, json!({"To_Account": ["alice"], "IsNeedDetail": 0}));
    assert_eq!(states(&v), pairs(&[("alice", "Offline")]));
}

#[test]
fn query_online_status_errors() {
    let h = Harness::new();
    h.emu.control().add_account("a");
    // Every account failed: a non-zero ErrorCode, with the ErrorList.
    let v = status_query(&h, json!({"To_Account": ["x", "y"]}));
    assert_fail(&v, 70107);
    assert_eq!(v["ErrorList"].as_array().unwrap().len(), 2);

    let many: Vec<String> = (0..501).map(|i| format!("u{i}")).collect();
    assert_fail(&status_query(&h, json!({"To_Account": many})), 90011);
    let v = status_query(&h, json!({"To_Account": many[..500]}));
    assert_fail(&v, 70107); // 500 is allowed; none of them exists.
    assert_fail(&status_query(&h, json!({"To_Account": []})), 90001);
    assert_fail(&status_query(&h, json!({})), 90001);
    assert_fail(&status_query(&h, json!({"To_Account": ["a", 7]})), 90003);
    assert_fail(&status_query(&h, json!({"To_Account": "a"})), 90003);
    assert_fail(
        &status_query(&h, json!({"To_Account": ["a"], "IsNeedDetail": 2})),
        90001,
    );
    assert_ok(&status_query(
        &h,
        json!({"To_Account": ["a"], "IsReturnInstid": 1, "IsReturnCustomStatus": 1}),
    ));
}

// ---------------------------------------------------------------------------------------------
// The HTTP control routes for logins
// ---------------------------------------------------------------------------------------------

fn control(h: &Harness, method: &str, route: &str, body: Value) -> (u16, Value) {
    let resp = request(
        h.addr(),
        method,
        &format!("/__emulator/{route}"),
        body.to_string().as_bytes(),
    )
    .unwrap();
    (resp.status, resp.json())
}

#[test]
fn login_logout_and_push_online_over_http() {
    let h = Harness::new();
    let c = h.emu.control();
    c.add_account("alice");
    let sig = user_sig(&h, "alice");
    let ok = json!({"ok": true});
    assert_eq!(
        control(
            &h,
            "POST",
            "login",
            json!({"UserID": "alice", "UserSig": sig, "Platform": "PC"})
        ),
        (200, ok.clone())
    );
    assert_eq!(
        c.state_json()["accounts"]["alice"]["Session"],
        json!({"Platform": "PC", "Status": "Online"})
    );
    assert_eq!(
        control(&h, "POST", "push_online", json!({"UserID": "alice"})),
        (200, ok)
    );
    let v = status_query(&h, json!({"To_Account": ["alice"]}));
    assert_eq!(states(&v), pairs(&[("alice", "PushOnline")]));
    assert_eq!(
        control(&h, "POST", "logout", json!({"UserID": "alice"})),
        (200, json!({"ok": true, "was_logged_in": true}))
    );
    let (status, v) = control(&h, "POST", "push_online", json!({"UserID": "alice"}));
    assert_eq!((status, v["kind"].as_str()), (403, Some("not_logged_in")));

    // A refused login: 403 with the reason, never the UserSig.
    assert_ok(&h.call("im_open_login_svc/kick", json!({"UserID": "alice"})));
    let (status, v) = control(
        &h,
        "POST",
        "login",
        json!({"UserID": "alice", "UserSig": sig, "Platform": "PC"}),
    );
    assert_eq!(status, 403);
    assert_eq!(v["kind"], "kicked");
    let text = v["error"].as_str().unwrap();
    assert!(
        text.starts_with("kicked: log in with a new UserSig"),
        "{text}"
    );
    assert!(!v.to_string().contains(&sig));

    // Malformed bodies and wrong methods.
    let (status, v) = control(&h, "POST", "login", json!({"UserID": "alice"}));
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("UserSig"), "{v}");
    let (status, _) = control(
        &h,
        "POST",
        "login",
        json!({"UserID": "alice", "UserSig": "s", "Platform": "PC", "x": 1}),
    );
    assert_eq!(status, 400);
    assert_eq!(control(&h, "POST", "logout", json!({})).0, 400);
    assert_eq!(control(&h, "GET", "login", json!({})).0, 405);
}

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

fn portrait_set(h: &Harness, from: &str, items: Value) -> Value {
    h.call(
        "profile/portrait_set",
        json!({"From_Account": from, "ProfileItem": items}),
    )
}

fn portrait_get(h: &Harness, to: &[&str], tags: &[&str]) -> Value {
    h.call(
        "profile/portrait_get",
        json!({"To_Account": to, "TagList": tags}),
    )
}

#[test]
fn portrait_set_and_get_round_trip_standard_and_custom_fields() {
    let h = Harness::new();
    assert_ok(&h.call(
        "im_open_login_svc/account_import",
        json!({"UserID": "alice", "Nick": "Imported"}),
    ));
    h.emu.control().add_account("bob");
    let items = json!([
        {"Tag": "Tag_Profile_IM_Nick", "Value": "Alice"},
        {"Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Female"},
        {"Tag": "Tag_Profile_IM_BirthDay", "Value": 19900101},
        {"Tag": "Tag_Profile_IM_AllowType", "Value": "AllowType_Type_AllowAny"},
        {"Tag": "Tag_Profile_IM_AdminForbidType", "Value": "AdminForbid_Type_SendOut"},
        {"Tag": "Tag_Profile_IM_Level", "Value": 7},
        {"Tag": "Tag_Profile_Custom_Team", "Value": "blue"}
    ]);
    let v = portrait_set(&h, "alice", items);
    assert_ok(&v);
    assert_eq!(v["ErrorDisplay"], "");

    let tags = [
        "Tag_Profile_Custom_Team",
        "Tag_Profile_IM_Nick",
        "Tag_Profile_IM_Gender",
        "Tag_Profile_IM_BirthDay",
        "Tag_Profile_IM_AllowType",
        "Tag_Profile_IM_AdminForbidType",
        "Tag_Profile_IM_Level",
        "Tag_Profile_IM_SelfSignature",
    ];
    let v = portrait_get(&h, &["alice", "bob"], &tags);
    assert_ok(&v);
    assert_eq!(v["ErrorDisplay"], "");
    assert!(v.get("Fail_Account").is_none(), "{v}");
    // In TagList order; a field never set is left out.
    assert_eq!(
        v["UserProfileItem"][0],
        json!({
            "To_Account": "alice",
            "ProfileItem": [
                {"Tag": "Tag_Profile_Custom_Team", "Value": "blue"},
                {"Tag": "Tag_Profile_IM_Nick", "Value": "Alice"},
                {"Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Female"},
                {"Tag": "Tag_Profile_IM_BirthDay", "Value": 19900101},
                {"Tag": "Tag_Profile_IM_AllowType", "Value": "AllowType_Type_AllowAny"},
                {"Tag": "Tag_Profile_IM_AdminForbidType", "Value": "AdminForbid_Type_SendOut"},
                {"Tag": "Tag_Profile_IM_Level", "Value": 7}
            ],
            "ResultCode": 0,
            "ResultInfo": ""
        })
    );
    assert_eq!(
        v["UserProfileItem"][1],
        json!({"To_Account": "bob", "ResultCode": 0, "ResultInfo": ""})
    );

    // A later set overwrites only the fields it names.
    assert_ok(&portrait_set(
        &h,
        "alice",
        json!([{"Tag": "Tag_Profile_Custom_Team", "Value": "red"},
               {"Tag": "Tag_Profile_IM_SelfSignature", "Value": "hi"}]),
    ));
    let v = portrait_get(
        &h,
        &["alice"],
        &[
            "Tag_Profile_IM_Nick",
            "Tag_Profile_Custom_Team",
            "Tag_Profile_IM_SelfSignature",
        ],
    );
    let values: Vec<&Value> = v["UserProfileItem"][0]["ProfileItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["Value"])
        .collect();
    assert_eq!(values, [&json!("Alice"), &json!("red"), &json!("hi")]);
}

#[test]
fn portrait_set_values_up_to_500_bytes() {
    let h = Harness::new();
    h.emu.control().add_account("alice");
    let at = "a".repeat(500);
    assert_ok(&portrait_set(
        &h,
        "alice",
        json!([{"Tag": "Tag_Profile_IM_SelfSignature", "Value": at}]),
    ));
    let v = portrait_set(
        &h,
        "alice",
        json!([{"Tag": "Tag_Profile_IM_Nick", "Value": "new"},
               {"Tag": "Tag_Profile_IM_SelfSignature", "Value": "b".repeat(501)}]),
    );
    let info = assert_fail(&v, 40601);
    assert!(
        info.contains("ProfileItem[1].Value") && info.contains("500"),
        "{info}"
    );
    assert_eq!(v["ErrorDisplay"], "");
    // Custom fields too; 167 three-byte characters are 501 bytes.
    assert_fail(
        &portrait_set(
            &h,
            "alice",
            json!([{"Tag": "Tag_Profile_Custom_Team", "Value": "好".repeat(167)}]),
        ),
        40601,
    );
    assert_ok(&portrait_set(
        &h,
        "alice",
        json!([{"Tag": "Tag_Profile_Custom_Team", "Value": "好".repeat(166)}]),
    ));
    // The failed calls set nothing.
    let v = portrait_get(
        &h,
        &["alice"],
        &["Tag_Profile_IM_Nick", "Tag_Profile_IM_SelfSignature"],
    );
    assert_eq!(
        v["UserProfileItem"][0]["ProfileItem"],
        json!([{"Tag": "Tag_Profile_IM_SelfSignature", "Value": at}])
    );
}

#[test]
fn portrait_set_errors_have_the_pages_codes() {
    let h = Harness::new();
    h.emu.control().add_account("alice");
    let one = |tag: &str, value: Value| json!([{"Tag": tag, "Value": value}]);
    assert_fail(
        &portrait_set(&h, "ghost", one("Tag_Profile_IM_Nick", json!("x"))),
        40003,
    );
    assert_fail(
        &portrait_set(
            &h,
            "alice",
            one("Tag_Profile_IM_Gender", json!("Gender_Type_X")),
        ),
        40605,
    );
    assert_fail(
        &portrait_set(
            &h,
            "alice",
            one("Tag_Profile_IM_AllowType", json!("Anyone")),
        ),
        40605,
    );
    assert_fail(
        &portrait_set(&h, "alice", one("Tag_Profile_IM_Level", json!("7"))),
        40610,
    );
    assert_fail(
        &portrait_set(&h, "alice", one("Tag_Profile_IM_Nick", json!(7))),
        40610,
    );
    assert_fail(
        &portrait_set(&h, "alice", one("Tag_Profile_Custom_Level", json!(3))),
        40610,
    );
    assert_fail(
        &portrait_set(&h, "alice", one("Tag_SNS_IM_Remark", json!("x"))),
        40009,
    );
    // A standard-looking tag the service does not have: refused by the emulated service.
    assert_fail(
        &portrait_set(&h, "alice", one("Tag_Profile_IM_Future", json!("x"))),
        40009,
    );
    assert_fail(&portrait_set(&h, "alice", json!([])), 40001);
    assert_fail(
        &h.call(
            "profile/portrait_set",
            json!({"ProfileItem": one("Tag_Profile_IM_Nick", json!("x"))}),
        ),
        40001,
    );
    // Nothing was stored.
    assert!(h.emu.control().state_json()["accounts"]["alice"]
        .get("Profile")
        .is_none());
}

#[test]
fn portrait_get_reports_missing_accounts_per_item() {
    let h = Harness::new();
    h.emu.control().add_account("alice");
    assert_ok(&portrait_set(
        &h,
        "alice",
        json!([{"Tag": "Tag_Profile_IM_Nick", "Value": "A"}]),
    ));
    let v = portrait_get(&h, &["ghost", "alice"], &["Tag_Profile_IM_Nick"]);
    assert_ok(&v);
    assert_eq!(v["Fail_Account"], json!(["ghost"]));
    let ghost = &v["UserProfileItem"][0];
    assert_eq!(ghost["To_Account"], "ghost");
    assert_eq!(ghost["ResultCode"], 40003);
    assert!(ghost.get("ProfileItem").is_none(), "{v}");
    assert_eq!(
        v["UserProfileItem"][1]["ProfileItem"],
        json!([{"Tag": "Tag_Profile_IM_Nick", "Value": "A"}])
    );
}

#[test]
fn portrait_get_errors_have_the_pages_codes() {
    let h = Harness::new();
    h.emu.control().add_account("alice");
    assert_fail(
        &h.call(
            "profile/portrait_get",
            json!({"TagList": ["Tag_Profile_IM_Nick"]}),
        ),
        40002,
    );
    assert_fail(&portrait_get(&h, &[], &["Tag_Profile_IM_Nick"]), 40002);
    assert_fail(
        &portrait_get(&h, &["alice"], &["Tag_Profile_IM_Nick", "Nick"]),
        40009,
    );
    assert_fail(
        &portrait_get(&h, &["alice"], &["Tag_Profile_IM_Unknown"]),
        40009,
    );
    assert_fail(&portrait_get(&h, &["alice"], &[]), 40001);
    let many: Vec<String> = (0..101).map(|i| format!("u{i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_fail(&portrait_get(&h, &refs, &["Tag_Profile_IM_Nick"]), 40001);
    let v = portrait_get(&h, &refs[..100], &["Tag_Profile_IM_Nick"]);
    assert_eq!(code(&v), 0);
    assert_eq!(v["Fail_Account"].as_array().unwrap().len(), 100);
}
