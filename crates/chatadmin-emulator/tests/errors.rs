//! Requests the service rejects before an endpoint runs: URL, SDKAppID, UserSig, admin,
//! endpoint, body. Each answer is HTTP 200 with the documented code.

mod common;

use chatadmin_core::usersig;
use chatadmin_core::SecretKey;
use chatadmin_emulator::{Emulator, EmulatorConfig};
use common::{assert_fail, request, sig_with, target, Harness, KEY, SDKAPPID};

const PATH: &str = "im_open_login_svc/account_import";
const BODY: &[u8] = br#"{"UserID":"alice"}"#;

/// Calls `PATH` with `target`; asserts the account was not imported.
fn rejected(h: &Harness, target: &str, code: i64) -> String {
    let info = assert_fail(&h.raw(target, BODY), code);
    assert!(!h.emu.control().account_exists("alice"), "{target}");
    info
}

#[test]
fn sdkappid_errors() {
    let h = Harness::new();
    let other = target(PATH, SDKAPPID + 1, "administrator", &h.sig);
    let info = rejected(&h, &other, 70020);
    assert!(info.contains(&(SDKAPPID + 1).to_string()), "{info}");
    let t = format!(
        "/v4/{PATH}?sdkappid=abc&identifier=administrator&usersig={}&random=1&contenttype=json",
        h.sig
    );
    rejected(&h, &t, 60006);
    let t = format!(
        "/v4/{PATH}?identifier=administrator&usersig={}&random=1&contenttype=json",
        h.sig
    );
    rejected(&h, &t, 60012);
}

#[test]
fn usersig_errors_map_to_the_documented_codes() {
    let h = Harness::new();
    let key = SecretKey::new(KEY);
    let long_ago = common::now() - 10 * 86_400;
    let expired =
        usersig::generate(&key, SDKAPPID, "administrator", 86_400, long_ago).into_string();
    let info = rejected(
        &h,
        &target(PATH, SDKAPPID, "administrator", &expired),
        70001,
    );
    assert!(info.contains("expired"), "{info}");
    assert!(
        !info.contains(&expired),
        "ErrorInfo must not echo the UserSig"
    );

    let wrong_key = sig_with("another-key", SDKAPPID, "administrator");
    let info = rejected(
        &h,
        &target(PATH, SDKAPPID, "administrator", &wrong_key),
        70009,
    );
    assert!(info.contains("secret key"), "{info}");

    let for_bob = sig_with(KEY, SDKAPPID, "bob");
    rejected(
        &h,
        &target(PATH, SDKAPPID, "administrator", &for_bob),
        70013,
    );

    let other_app = sig_with(KEY, SDKAPPID + 5, "administrator");
    rejected(
        &h,
        &target(PATH, SDKAPPID, "administrator", &other_app),
        70014,
    );

    rejected(
        &h,
        &target(PATH, SDKAPPID, "administrator", "not-a-usersig"),
        70003,
    );
    rejected(&h, &target(PATH, SDKAPPID, "administrator", ""), 70002);
    let t = format!(
        "/v4/{PATH}?sdkappid={SDKAPPID}&identifier=administrator&random=1&contenttype=json"
    );
    rejected(&h, &t, 70002);
}

#[test]
fn only_the_admin_may_call() {
    let h = Harness::new();
    // A valid UserSig of an ordinary account.
    let bob = sig_with(KEY, SDKAPPID, "bob");
    let info = rejected(&h, &target(PATH, SDKAPPID, "bob", &bob), 60010);
    assert!(info.contains("bob"), "{info}");
    let t = format!(
        "/v4/{PATH}?sdkappid={SDKAPPID}&usersig={}&random=1&contenttype=json",
        h.sig
    );
    rejected(&h, &t, 60004);
}

#[test]
fn a_percent_encoded_admin_identifier_is_decoded() {
    let mut config = EmulatorConfig::new(SDKAPPID, KEY);
    config.admin = "管理员".into();
    let emu = Emulator::start(config).unwrap();
    let sig = sig_with(KEY, SDKAPPID, "管理员");
    let t = format!(
        "/v4/{PATH}?sdkappid={SDKAPPID}&identifier=%E7%AE%A1%E7%90%86%E5%91%98&usersig={sig}&random=1&contenttype=json"
    );
    let v = request(emu.addr(), "POST", &t, BODY).unwrap().json();
    assert_eq!(v["ErrorCode"], 0, "{v}");
}

#[test]
fn url_format_errors() {
    let h = Harness::new();
    let ok = h.target(PATH);
    // Not POST.
    let resp = request(h.addr(), "GET", &ok, b"").unwrap();
    assert_eq!(resp.status, 200);
    assert_fail(&resp.json(), 60002);
    // random missing or not a u32, contenttype not json, a repeated parameter, a bad escape.
    let base = format!(
        "/v4/{PATH}?sdkappid={SDKAPPID}&identifier=administrator&usersig={}",
        h.sig
    );
    rejected(&h, &format!("{base}&contenttype=json"), 60002);
    rejected(
        &h,
        &format!("{base}&random=4294967296&contenttype=json"),
        60002,
    );
    rejected(&h, &format!("{base}&random=1&contenttype=xml"), 60002);
    rejected(&h, &format!("{base}&random=1"), 60002);
    rejected(
        &h,
        &format!("{base}&random=1&contenttype=json&sdkappid={SDKAPPID}"),
        60002,
    );
    rejected(
        &h,
        &format!("{base}&random=1&contenttype=json&x=%G1"),
        60002,
    );
    // Extra parameters are allowed (ConfigSvc/GetIPList takes nettype).
    let v = h.raw(&format!("{ok}&nettype=1"), BODY);
    assert_eq!(v["ErrorCode"], 0, "{v}");
}

#[test]
fn unknown_endpoints_are_60009() {
    let h = Harness::new();
    for path in ["sns/friend_nope", "SNS/friend_delete", "nope"] {
        let info = assert_fail(&h.raw(&h.target(path), b"{}"), 60009);
        assert!(info.contains("no such REST API"), "{info}");
    }
    let t = h.target("sns/friend_delete").replacen("/v4/", "/v3/", 1);
    assert_fail(&h.raw(&t, b"{}"), 60009);
    // Errors on sns paths carry ErrorDisplay, like the service's sns envelopes.
    let v = h.raw(&h.target("sns/friend_nope"), b"{}");
    assert_eq!(v["ErrorDisplay"], "");
    assert_eq!(h.emu.control().hits("sns/friend_nope"), 2);
}

#[test]
fn malformed_bodies() {
    let h = Harness::new();
    let t = h.target(PATH);
    let not_json = assert_fail(&h.raw(&t, b"{\"UserID\":"), 60003);
    assert!(not_json.contains("JSON"), "{not_json}");
    assert_fail(&h.raw(&t, b""), 60003);
    assert_fail(&h.raw(&t, b"  \n"), 60003);
    // JSON, but not what the endpoint takes: the family's invalid-parameter code, with core's
    // message naming the field.
    let info = assert_fail(&h.raw(&t, b"[1,2]"), 70402);
    assert!(info.contains("object"), "{info}");
    let info = assert_fail(&h.raw(&t, br#"{"UserID": 5}"#), 70402);
    assert!(info.contains("UserID"), "{info}");
    let info = assert_fail(&h.raw(&t, br#"{"UserID": ""}"#), 70402);
    assert!(info.contains("UserID"), "{info}");
    let st = h.raw(&h.target("sns/friend_delete"), b"null");
    assert_fail(&st, 30001);
    let gr = h.raw(&h.target("group_open_http_svc/destroy_group"), b"{}");
    assert!(assert_fail(&gr, 10004).contains("GroupId"));
    assert!(!h.emu.control().account_exists(""));
}
