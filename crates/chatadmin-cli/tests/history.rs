//! `chatadmin history download` and `chatadmin history read` against a local emulator.

use std::process::{Command, Output};

use chatadmin_emulator::{Emulator, EmulatorConfig};
use serde_json::Value;

const KEY: &str = "cli-history-key";
const APP: u64 = 1_400_000_002;

fn bin(emu: &Emulator) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chatadmin"));
    for v in ["CHATADMIN_ADMIN", "CHATADMIN_REGION"] {
        c.env_remove(v);
    }
    c.env("CHATADMIN_SDKAPPID", APP.to_string())
        .env("CHATADMIN_SECRET_KEY", KEY)
        .env("CHATADMIN_BASE_URL", emu.base_url());
    c
}

fn run(emu: &Emulator, args: &[&str]) -> Output {
    bin(emu).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The Beijing-time hour `YYYYMMDDHH` of unix time `t`.
fn hour_of(t: u64) -> String {
    chatadmin_core::clock::archive_hour(t)
}

#[test]
fn download_then_read_an_hour() {
    let emu = Emulator::start(EmulatorConfig::new(APP, KEY)).unwrap();
    let now = emu.control().now();
    emu.control().advance_clock(3600 - now % 3600 + 30);
    emu.control()
        .apply_json(&serde_json::json!({"op": "accounts", "UserID": ["alice", "bob"]}))
        .unwrap();
    let mut hour = String::new();
    for (i, t) in ["hello", "second, with \"quotes\"", "third\nline"]
        .iter()
        .enumerate()
    {
        let from = if i % 2 == 0 { "alice" } else { "bob" };
        let to = if i % 2 == 0 { "bob" } else { "alice" };
        let o = run(&emu, &["send", "--from", from, "--to", to, t]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        hour = hour_of(v["MsgTime"].as_u64().unwrap());
    }
    // Not over yet: the service's 1004, exit 1.
    let dir = std::env::temp_dir().join(format!("chatadmin-cli-history-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = run(
        &emu,
        &[
            "history",
            "download",
            "--chat-type",
            "C2C",
            "--hour",
            &hour,
            "-o",
            d,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("1004"), "{}", text(&o.stderr));
    emu.control().advance_clock(3600);

    let o = run(
        &emu,
        &[
            "history",
            "download",
            "--chat-type",
            "C2C",
            "--hour",
            &hour,
            "-o",
            d,
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let path = lines[0]["path"].as_str().unwrap().to_owned();
    assert!(path.ends_with(&format!("{APP}_C2C_{hour}.gz")), "{path}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.len() as u64, lines[0]["GzipSize"].as_u64().unwrap());
    assert_eq!(
        chatadmin_core::archive::md5_hex(&bytes),
        lines[0]["GzipMD5"].as_str().unwrap()
    );

    let o = run(&emu, &["history", "read", "--header", &path]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 4);
    assert_eq!(out[0]["MsgTime"], hour.as_str());
    assert_eq!(out[0]["SdkAppId"], APP);
    let texts: Vec<&str> = out[1..]
        .iter()
        .map(|m| m["MsgBody"][0]["MsgContent"]["Text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["hello", "second, with \"quotes\"", "third\nline"]);
    assert_eq!(out[1]["From_Account"], "alice");
    assert_eq!(out[2]["To_Account"], "alice");

    // A file that is not an archive: exit 1, said in words.
    let bad = dir.join("bad.gz");
    std::fs::write(&bad, b"<html>nope</html>").unwrap();
    let o = run(&emu, &["history", "read", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("gzip"), "{}", text(&o.stderr));
    // A truncated one too.
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    let o = run(&emu, &["history", "read", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));

    // No group message that hour: 1004. A bad chat type or hour: usage/validation errors.
    let o = run(
        &emu,
        &[
            "history",
            "download",
            "--chat-type",
            "Group",
            "--hour",
            &hour,
            "-o",
            d,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("1004"), "{}", text(&o.stderr));
    let o = run(
        &emu,
        &[
            "history",
            "download",
            "--chat-type",
            "Private",
            "--hour",
            &hour,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &emu,
        &[
            "history",
            "download",
            "--chat-type",
            "C2C",
            "--hour",
            "2015123124",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("MsgTime"), "{}", text(&o.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
