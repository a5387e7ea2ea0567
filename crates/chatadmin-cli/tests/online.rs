//! `chatadmin call`, `chatadmin emulator` and `chatadmin demo`, against local emulators only.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

use chatadmin_emulator::{Emulator, EmulatorConfig};

const KEY: &str = "cli-test-key";
const APP: u64 = 1_400_000_001;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chatadmin"));
    for v in [
        "CHATADMIN_SDKAPPID",
        "CHATADMIN_SECRET_KEY",
        "CHATADMIN_ADMIN",
        "CHATADMIN_REGION",
        "CHATADMIN_BASE_URL",
    ] {
        c.env_remove(v);
    }
    c
}

fn call(emu: &Emulator, path: &str, body: &str) -> Output {
    call_with(emu, &["call", path, "-"], body)
}

fn call_with(emu: &Emulator, args: &[&str], body: &str) -> Output {
    let mut child = bin()
        .args(args)
        .env("CHATADMIN_SDKAPPID", APP.to_string())
        .env("CHATADMIN_SECRET_KEY", KEY)
        .env("CHATADMIN_BASE_URL", emu.base_url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::new(APP, KEY)).unwrap()
}

#[test]
fn call_prints_the_response() {
    let emu = emulator();
    let o = call(
        &emu,
        "im_open_login_svc/account_import",
        r#"{"UserID":"alice"}"#,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ErrorCode"], 0);
    assert!(emu.control().account_exists("alice"));
}

#[test]
fn call_reports_api_errors_with_code_and_meaning() {
    let emu = emulator();
    let o = call(
        &emu,
        "v4/group_open_http_svc/destroy_group",
        r#"{"GroupId":"@TGS#nope"}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("10010"), "{err}");
    assert!(err.contains("retry: never"), "{err}");
}

#[test]
fn call_rejects_invalid_requests_before_the_network() {
    let emu = emulator();
    let names: Vec<String> = (0..33).map(|i| format!("l{i}")).collect();
    let body = serde_json::json!({"From_Account":"a","GroupName":names}).to_string();
    let o = call(&emu, "sns/group_delete", &body);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("at most 32"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(emu.control().total_hits(), 0);
}

#[test]
fn call_without_configuration_is_a_usage_error() {
    let o = bin()
        .args(["call", "sns/friend_delete", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
}

#[test]
fn emulator_subcommand_prints_its_address_first() {
    let mut child = bin()
        .args([
            "emulator",
            "--sdkappid",
            "1400000002",
            "--key",
            KEY,
            "--listen",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(line.starts_with("listening on http://127.0.0.1:"), "{line}");
}

#[test]
fn demo_runs_against_the_embedded_emulator() {
    let o = bin().arg("demo").output().unwrap();
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", text(&o.stderr));
    for needle in [
        "-> POST v4/im_open_login_svc/multiaccount_import",
        "-> POST v4/sns/group_delete",
        "failed with 31704",
        "error 10010",
        "rejected before sending",
        "requests the emulator received meanwhile: 0",
        "every step behaved as documented",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    // Values, not Rust's Option/enum formatting; every answer interpreted; UserSigs shown.
    let notes: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.starts_with("   ")
                && !l.starts_with("   -> ")
                && !l.starts_with("   <- ")
                && !l.starts_with("   x ")
                && !l.starts_with("      ")
        })
        .collect();
    assert!(notes.len() > 15, "{out}");
    // (The documented meanings of codes may quote wire values such as AllowType_Type_...).
    for rust in ["Some(", "None", "BothWay", "AWithB", "[\"", "\"]"] {
        for note in &notes {
            assert!(!note.contains(rust), "{rust:?} in {note:?}");
        }
    }
    for needle in [
        "erin: nickname \"Erin\"",
        "friends both ways",
        "verify it as alice's, now",
        "   valid",
        "refused (identifier_mismatch)",
        "refused (expired)",
        "alice blocks: carol",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
}

#[test]
fn call_validation_error_says_it_once() {
    let emu = emulator();
    let o = call(
        &emu,
        "sns/friend_delete",
        r#"{"From_Account":"a","To_Account":[{"x":1}]}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("error: invalid request for sns/friend_delete"),
        "{err}"
    );
    assert!(!err.contains("validation error"), "{err}");
    let o = call(&emu, "sns/friend_delet", "{}");
    assert!(
        text(&o.stderr).contains("did you mean sns/friend_delete?"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn demo_live_without_credentials_is_a_usage_error() {
    let o = bin().args(["demo", "--live"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn call_all_pages_prints_every_page_as_a_json_line() {
    let emu = emulator();
    let ctl = emu.control();
    ctl.add_account("owner");
    for i in 0..5 {
        let id = format!("b{i}");
        ctl.add_account(&id);
    }
    let add = r#"{"From_Account":"owner","To_Account":["b0","b1","b2","b3","b4"]}"#;
    assert!(call(&emu, "sns/black_list_add", add).status.success());
    let o = call_with(
        &emu,
        &["call", "sns/black_list_get", "-", "--all-pages"],
        r#"{"From_Account":"owner","MaxLimited":2}"#,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let pages: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pages.len(), 3);
    let names: Vec<&str> = pages
        .iter()
        .flat_map(|p| p["BlackListItem"].as_array().unwrap())
        .map(|i| i["To_Account"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["b0", "b1", "b2", "b3", "b4"]);
    assert_eq!(ctl.hits("sns/black_list_get"), 3);

    // Not a paged read: a usage error, nothing sent.
    let o = call_with(
        &emu,
        &["call", "sns/friend_delete", "-", "--all-pages"],
        r#"{"From_Account":"owner","To_Account":["b0"]}"#,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("not a paged read"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(ctl.hits("sns/friend_delete"), 0);
}

/// `chatadmin send`: a text one-to-one, a batch to several accounts (the unknown one in
/// `ErrorList`), a custom element to a group; the history holds them; bad arguments are
/// usage errors before anything is sent.
#[test]
fn send_sends_one_message_as_the_arguments_say() {
    let emu = emulator();
    let ctl = emu.control();
    for id in ["alice", "bob", "carol"] {
        ctl.add_account(id);
    }
    let send = |args: &[&str]| call_with(&emu, &[&["send"][..], args].concat(), "");
    let o = send(&["--from", "alice", "--to", "bob", "hello bob"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["MsgKey"].as_str().is_some_and(|k| !k.is_empty()), "{v}");

    let o = send(&[
        "--from", "alice", "--to", "bob", "--to", "carol", "--to", "nobody", "hi all",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ErrorList"][0]["To_Account"], "nobody", "{v}");

    let o = call(
        &emu,
        "group_open_http_svc/create_group",
        r#"{"Type":"Public","Name":"ops","GroupId":"ops","Owner_Account":"alice"}"#,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = send(&["--group", "ops", "--custom", r#"{"kind":"notice"}"#]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["MsgSeq"], 1, "{v}");

    let o = call(
        &emu,
        "openim/admin_getroammsg",
        r#"{"Operator_Account":"bob","Peer_Account":"alice","MaxCnt":10,"MinTime":0,"MaxTime":4294967295}"#,
    );
    let history = text(&o.stdout);
    assert!(
        history.contains("hello bob") && history.contains("hi all"),
        "{history}"
    );

    // Usage errors, nothing sent.
    let before = ctl.total_hits();
    for bad in [
        &["--to", "bob"][..],
        &["--to", "bob", "--group", "ops", "x"][..],
        &["--to", "bob", "--custom", "d", "text too"][..],
        &["hello"][..],
    ] {
        let o = send(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", text(&o.stderr));
    }
    assert_eq!(ctl.total_hits(), before);
}
