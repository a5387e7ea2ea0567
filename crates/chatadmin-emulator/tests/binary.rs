//! The `chatadmin-emulator` binary: first stdout line, serving, options.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use common::{request, sig_with, target, KEY, SDKAPPID};

const BIN: &str = env!("CARGO_BIN_EXE_chatadmin-emulator");

/// Kills the child when the test ends, passing or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(cmd: &mut Command) -> (Running, SocketAddr) {
    let mut child = Running(
        cmd.stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let url = line
        .trim_end()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    (child, url.parse().expect("HOST:PORT"))
}

#[test]
fn prints_its_address_first_and_serves() {
    let (_child, addr) = spawn(Command::new(BIN).args([
        "--sdkappid",
        &SDKAPPID.to_string(),
        "--key",
        KEY,
        "--rate-limit",
        "off",
    ]));
    assert!(addr.ip().is_loopback() && addr.port() != 0, "{addr}");
    let sig = sig_with(KEY, SDKAPPID, "administrator");
    let t = target(
        "im_open_login_svc/account_import",
        SDKAPPID,
        "administrator",
        &sig,
    );
    let v = request(addr, "POST", &t, br#"{"UserID":"alice"}"#)
        .unwrap()
        .json();
    assert_eq!(v["ErrorCode"], 0, "{v}");
    let state = request(addr, "GET", "/__emulator/state", b"")
        .unwrap()
        .json();
    assert!(state["accounts"].get("alice").is_some(), "{state}");
}

#[test]
fn takes_the_key_from_the_environment_and_a_custom_admin() {
    let (_child, addr) = spawn(
        Command::new(BIN)
            .args(["--sdkappid", "77", "--admin", "root"])
            .env("CHATADMIN_SECRET_KEY", "env-key"),
    );
    let sig = sig_with("env-key", 77, "root");
    let v = request(
        addr,
        "POST",
        &target("im_open_login_svc/account_check", 77, "root", &sig),
        br#"{"CheckItem":[{"UserID":"a"}]}"#,
    )
    .unwrap()
    .json();
    assert_eq!(v["ErrorCode"], 0, "{v}");
}

#[test]
fn help_never_shows_the_key_and_bad_options_fail() {
    let out = Command::new(BIN)
        .arg("--help")
        .env("CHATADMIN_SECRET_KEY", "very-secret-value")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--rate-limit") && help.contains("CHATADMIN_SECRET_KEY"),
        "{help}"
    );
    assert!(!help.contains("very-secret-value"));

    let out = Command::new(BIN)
        .args([
            "--sdkappid",
            "1",
            "--key",
            "k",
            "--listen",
            "not-an-address",
        ])
        .env_remove("CHATADMIN_SECRET_KEY")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
}
