//! The `chatadmin` command as users' scripts see it: output and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const T: &str = "1569910200";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chatadmin"));
    c.env_remove("CHATADMIN_SECRET_KEY");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading its input (an unknown endpoint) may close the pipe
    // first: the write then fails with a broken pipe, which is not the test's concern.
    if let Err(e) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn gen(extra: &[&str]) -> String {
    let mut args = vec![
        "usersig",
        "gen",
        "--sdkappid",
        "1400000000",
        "--key",
        KEY,
        "--identifier",
        "0",
        "--time",
        T,
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).trim().to_owned()
}

#[test]
fn gen_decodes_to_the_documented_vector() {
    // spec V1 (compact JSON, zlib level 6). Deflate encoders differ byte for byte, so the
    // decoded documents are compared, not the strings.
    let documented = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyKRWFGQWpQLFTU1NjeCiJZm5YDEzS0tDAyOYaHFmOtBM54KsUqeUwGLLqPK8UndHryCL-Lx8-1RPy7Ty1AijMk9f30hLk0x-r3CvSFulWgAPYy*9";
    let ours: Value =
        serde_json::from_str(&stdout(&run(&["usersig", "inspect", &gen(&[])]))).unwrap();
    let theirs: Value =
        serde_json::from_str(&stdout(&run(&["usersig", "inspect", documented]))).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(
        ours["TLS.sig"],
        "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="
    );
}

#[test]
fn verify_exit_codes_and_failed_check_in_words() {
    let sig = gen(&[]);
    let base = [
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--key",
        KEY,
        "--identifier",
        "0",
    ];
    let ok = run(&[&base[..], &["--now", "1569910300", &sig]].concat());
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).starts_with("valid"));

    // Expired by one second: time + expire + 1.
    let late = run(&[&base[..], &["--now", "1585462201", &sig]].concat());
    assert_eq!(late.status.code(), Some(1));
    assert!(stderr(&late).contains("expired"), "{}", stderr(&late));

    let wrong_id = run(&[
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--key",
        KEY,
        "--identifier",
        "1",
        "--now",
        "1569910300",
        &sig,
    ]);
    assert_eq!(wrong_id.status.code(), Some(1));
    assert!(
        stderr(&wrong_id).contains("identifier"),
        "{}",
        stderr(&wrong_id)
    );

    let wrong_key = run(&[
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--key",
        "other",
        "--identifier",
        "0",
        "--now",
        "1569910300",
        &sig,
    ]);
    assert_eq!(wrong_key.status.code(), Some(1));
    assert!(
        stderr(&wrong_key).contains("signature"),
        "{}",
        stderr(&wrong_key)
    );
    assert!(!stderr(&wrong_key).contains(&sig));

    let garbage = run(&[&base[..], &["--now", "1569910300", "not-a-sig"]].concat());
    assert_eq!(garbage.status.code(), Some(1));
    assert!(
        stderr(&garbage).contains("malformed"),
        "{}",
        stderr(&garbage)
    );
}

#[test]
fn the_key_can_come_from_the_environment_and_never_prints() {
    let o = bin()
        .env("CHATADMIN_SECRET_KEY", KEY)
        .args([
            "usersig",
            "gen",
            "--sdkappid",
            "1400000000",
            "--identifier",
            "0",
            "--time",
            T,
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), gen(&[]));
    let help = bin()
        .env("CHATADMIN_SECRET_KEY", KEY)
        .args(["usersig", "gen", "--help"])
        .output()
        .unwrap();
    assert!(!stdout(&help).contains(KEY));
    assert!(stdout(&help).contains("CHATADMIN_SECRET_KEY"));
}

#[test]
fn verify_reads_the_sig_from_stdin() {
    let sig = gen(&[]);
    let o = run_stdin(
        &[
            "usersig",
            "verify",
            "--sdkappid",
            "1400000000",
            "--key",
            KEY,
            "--identifier",
            "0",
            "--now",
            "1569910300",
            "-",
        ],
        format!("{sig}\n").as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn userbuf_round_trips_through_gen_verify_inspect() {
    let sig = gen(&["--userbuf-base64", "YWJj"]);
    let base = [
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--key",
        KEY,
        "--identifier",
        "0",
        "--now",
        "1569910300",
    ];
    assert!(
        run(&[&base[..], &["--userbuf-base64", "YWJj", &sig]].concat())
            .status
            .success()
    );
    let missing = run(&[&base[..], &[sig.as_str()]].concat());
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("userbuf"), "{}", stderr(&missing));
    let doc: Value = serde_json::from_str(&stdout(&run(&["usersig", "inspect", &sig]))).unwrap();
    assert_eq!(doc["TLS.userbuf"], "YWJj");
    assert_eq!(
        doc["TLS.sig"],
        "bC3u5cuslSg8Ds7KY58mhSkTrxunrFu50dkdkCYH4i8="
    );
}

#[test]
fn inspect_prints_the_document_with_readable_times() {
    let o = run(&["usersig", "inspect", &gen(&[])]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["TLS.ver"], "2.0");
    assert_eq!(doc["TLS.identifier"], "0");
    assert_eq!(doc["TLS.sdkappid"], 1400000000u64);
    assert_eq!(doc["TLS.expire"], 15552000);
    assert_eq!(doc["TLS.time"], 1569910200);
    assert_eq!(
        doc["TLS.sig"],
        "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="
    );
    assert_eq!(doc["issued_at"], "2019-10-01T06:10:00Z");
    assert_eq!(doc["expires_at"], "2020-03-29T06:10:00Z");
    let bad = run(&["usersig", "inspect", "AAAA"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn private_map_key_matches_the_documented_vector() {
    let o = run(&[
        "usersig",
        "private-map-key",
        "--sdkappid",
        "1400000000",
        "--key",
        KEY,
        "--identifier",
        "xiaojun",
        "--room-id",
        "10000",
        "--privileges",
        "255",
        "--time",
        "1700000000",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value =
        serde_json::from_str(&stdout(&run(&["usersig", "inspect", stdout(&o).trim()]))).unwrap();
    assert_eq!(
        doc["TLS.userbuf"],
        "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"
    );
    assert_eq!(
        doc["TLS.sig"],
        "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI="
    );
    assert_eq!(doc["private_map"]["room"]["room_id"], 10000);
    assert_eq!(doc["private_map"]["expire_at"], 1715552000u64);

    let s = run(&[
        "usersig",
        "private-map-key",
        "--sdkappid",
        "1400000000",
        "--key",
        KEY,
        "--identifier",
        "xiaojun",
        "--room-str",
        "lobby-1",
        "--privileges",
        "create,enter",
    ]);
    assert!(s.status.success(), "{}", stderr(&s));
    let doc: Value =
        serde_json::from_str(&stdout(&run(&["usersig", "inspect", stdout(&s).trim()]))).unwrap();
    assert_eq!(doc["private_map"]["room"]["room_str"], "lobby-1");
    assert_eq!(doc["private_map"]["privileges"], 3);

    let both = run(&[
        "usersig",
        "private-map-key",
        "--sdkappid",
        "1",
        "--key",
        KEY,
        "--identifier",
        "x",
        "--room-id",
        "1",
        "--room-str",
        "a",
    ]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn api_list_covers_the_registry() {
    let n = chatadmin_core::registry::all().count();
    let table = stdout(&run(&["api", "list", "--wide"]));
    assert!(
        table.contains("sns/friend_delete") && table.contains("To_Account: at most 1000 items"),
        "{table}"
    );
    assert!(table.trim_end().ends_with(&format!("{n} endpoints")));
    // The default table fits a terminal of 80-100 columns; the limits are in --wide.
    let narrow = stdout(&run(&["api", "list"]));
    assert!(narrow.trim_end().ends_with(&format!("{n} endpoints")));
    assert!(narrow.contains("sns/friend_delete") && narrow.contains("--wide"));
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    let json: Value = serde_json::from_str(&stdout(&run(&["api", "list", "--json"]))).unwrap();
    let arr = json.as_array().unwrap();
    assert_eq!(arr.len(), n);
    let fd = arr
        .iter()
        .find(|e| e["path"] == "sns/friend_delete")
        .unwrap();
    let to_account = fd["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["field"] == "To_Account")
        .unwrap();
    assert_eq!(to_account["max"], 1000);
    assert_eq!(fd["rate_limit_per_sec"], 200);
}

#[test]
fn check_request_prints_canonical_json_or_names_the_field() {
    let o = run_stdin(
        &["api", "check-request", "v4/sns/friend_delete", "-"],
        br#"{ "To_Account": ["b"],  "From_Account": "a" }"#,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"From_Account":"a","To_Account":["b"]})
    );

    let many: Vec<String> = (0..1001).map(|i| format!("u{i}")).collect();
    let body = serde_json::json!({"From_Account":"a","To_Account":many}).to_string();
    let o = run_stdin(
        &["api", "check-request", "sns/friend_delete"],
        body.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`To_Account`") && stderr(&o).contains("at most 1000"),
        "{}",
        stderr(&o)
    );

    let o = run_stdin(&["api", "check-request", "sns/friend_delete"], b"{not json");
    assert_eq!(o.status.code(), Some(1));
    let o = run_stdin(&["api", "check-request", "sns/nope"], b"{}");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown endpoint"));
}

#[test]
fn check_response_keeps_unknown_fields_and_rejects_malformed() {
    let path = format!(
        "{}/../../tests/samples/friends/friend_delete.default.response.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = run(&["api", "check-response", "sns/friend_delete", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(got, want);

    let o = run_stdin(
        &["api", "check-response", "sns/group_delete"],
        br#"{"ErrorCode":0,"CurrentSequence":"7","Brand_New":true}"#,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["CurrentSequence"], 7);
    assert_eq!(v["Brand_New"], true);

    let o = run_stdin(
        &["api", "check-response", "sns/group_delete"],
        b"<html>502 Bad Gateway</html>",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("malformed response"), "{}", stderr(&o));

    let o = run_stdin(
        &["api", "check-response", "sns/group_delete"],
        br#"{"ActionStatus":"FAIL","ErrorCode":30003,"ErrorInfo":"x"}"#,
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("30003"), "{}", stderr(&o));
}

/// The README's endpoint table is the registry's: `chatadmin api list --markdown` between the
/// README's markers. (Regenerate it with that command when an endpoint is added.)
#[test]
fn readme_endpoint_table_is_the_registrys() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let begin = "<!-- endpoints:begin (chatadmin api list --markdown) -->\n";
    let end = "<!-- endpoints:end -->";
    let start = readme.find(begin).expect("README has the begin marker") + begin.len();
    let stop = readme[start..]
        .find(end)
        .expect("README has the end marker")
        + start;
    let table = stdout(&run(&["api", "list", "--markdown"]));
    assert_eq!(
        readme[start..stop],
        table,
        "README.md's endpoint table is stale: paste the output of `chatadmin api list --markdown`"
    );
    for e in chatadmin_core::registry::all() {
        assert!(table.contains(&format!("| `{}` |", e.meta().path)));
    }
}

#[test]
fn a_mistyped_endpoint_gets_the_closest_one() {
    for (typo, meant) in [
        ("sns/friend_delet", "sns/friend_delete"),
        ("v4/sns/frend_add", "sns/friend_add"),
        ("friends.delet", "sns/friend_delete"),
        (
            "im_open_login_svc/acount_check",
            "im_open_login_svc/account_check",
        ),
    ] {
        // The endpoint is checked before the body is read.
        let o = run(&["api", "check-request", typo, "no-such-file.json"]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("did you mean {meant}?")),
            "{typo}: {err}"
        );
        assert_eq!(err.matches("error").count(), 1, "says it once: {err}");
    }
    // The method name `chatadmin api list` prints names the endpoint too.
    let o = run_stdin(
        &["api", "check-request", "groups.destroy"],
        br#"{"GroupId":"@TGS#1"}"#,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Nothing close: no guess.
    let o = run(&["api", "check-request", "zzzzzz", "no-such-file.json"]);
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

#[test]
fn validation_errors_name_json_kinds_and_say_it_once() {
    let o = run_stdin(
        &["api", "check-request", "sns/friend_delete"],
        br#"{"From_Account":"a","To_Account":[{"x":1}]}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: invalid request for sns/friend_delete: `To_Account[0]`"),
        "{err}"
    );
    assert!(!err.contains("validation error"), "{err}");
}

#[test]
fn help_texts_name_no_rust_internals() {
    let commands: &[&[&str]] = &[
        &[],
        &["api"],
        &["api", "list"],
        &["api", "check-request"],
        &["api", "check-response"],
        &["call"],
        &["emulator"],
        &["demo"],
        &["usersig"],
        &["usersig", "gen"],
        &["usersig", "verify"],
        &["usersig", "inspect"],
        &["usersig", "private-map-key"],
    ];
    for args in commands {
        let o = run(&[*args, &["--help"]].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let help = stdout(&o);
        for internal in ["::", "Some(", "Option<", "Vec<", "&str"] {
            assert!(
                !help.contains(internal),
                "`chatadmin {}` --help names {internal}:\n{help}",
                args.join(" ")
            );
        }
    }
}
