//! `chatadmin bulk`, run as a process against the in-process emulator: batch sizes from core's
//! declared limits, per-item failures, interruptions and `--resume` proven with hit counts.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chatadmin_emulator::{Emulator, EmulatorConfig, Fault};
use serde_json::{json, Value};

const KEY: &str = "bulk-test-key";
const APP: u64 = 1_400_000_077;
const MULTI: &str = "im_open_login_svc/multiaccount_import";

fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::new(APP, KEY)).unwrap()
}

/// A fresh directory for one test's files.
fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bulk-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn command(emu: &Emulator, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chatadmin"));
    c.arg("bulk")
        .args(args)
        .env_remove("CHATADMIN_ADMIN")
        .env_remove("CHATADMIN_REGION")
        .env("CHATADMIN_SDKAPPID", APP.to_string())
        .env("CHATADMIN_SECRET_KEY", KEY)
        .env("CHATADMIN_BASE_URL", emu.base_url())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn bulk(emu: &Emulator, args: &[&str]) -> Output {
    command(emu, args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The summary line the command prints on standard output.
fn summary(o: &Output) -> Value {
    let out = text(&o.stdout);
    serde_json::from_str(out.trim()).unwrap_or_else(|e| {
        panic!(
            "no summary ({e}): stdout {out:?}, stderr {:?}",
            text(&o.stderr)
        )
    })
}

/// The declared item limit of a list field: what the CLI must batch by.
fn limit(path: &str, field: &str) -> usize {
    chatadmin_core::registry::require(path)
        .unwrap()
        .meta()
        .limit(field)
        .and_then(|l| l.max_items())
        .unwrap()
}

fn batches(items: usize, size: usize) -> u64 {
    items.div_ceil(size) as u64
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn accounts(emu: &Emulator) -> serde_json::Map<String, Value> {
    emu.control().state_json()["accounts"]
        .as_object()
        .cloned()
        .unwrap_or_default()
}

fn write_csv(path: &Path, n: usize) {
    let mut s = String::from("UserID,Nick\n");
    for i in 0..n {
        s.push_str(&format!("user{i:05},Player {i}\n"));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn imports_2500_accounts_from_csv_in_declared_batches() {
    let emu = emulator();
    let dir = workdir("csv");
    let input = dir.join("accounts.csv");
    write_csv(&input, 2500);
    let o = bulk(
        &emu,
        &[
            "import-accounts",
            input.to_str().unwrap(),
            "--progress",
            "plain",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let size = limit(MULTI, "AccountList");
    let s = summary(&o);
    assert_eq!(s["items"], 2500);
    assert_eq!(s["succeeded"], 2500);
    assert_eq!(s["failed"], 0);
    assert_eq!(s["complete"], true);
    assert_eq!(s["batch_size"], size);
    assert_eq!(s["batches_sent"], batches(2500, size));
    assert_eq!(emu.control().hits(MULTI), batches(2500, size));
    let accts = accounts(&emu);
    assert_eq!(accts.len(), 2500);
    assert_eq!(accts["user01234"]["Nick"], "Player 1234");
    // Plain progress lines (stderr is a pipe), the last one complete.
    let err = text(&o.stderr);
    assert!(
        err.contains("import-accounts: 2500/2500 items (100.0%)"),
        "{err}"
    );
    assert!(err.contains("items/s, ETA"), "{err}");
    // No failures; the journal ends finished.
    let failures = dir.join("accounts.csv.failures.jsonl");
    assert_eq!(std::fs::read_to_string(&failures).unwrap(), "");
    let journal = lines(&dir.join("accounts.csv.failures.jsonl.journal"));
    assert_eq!(journal[0]["job"], "import-accounts");
    assert_eq!(journal.last().unwrap(), &json!({"finished": true}));

    // Running it again needs --resume; resuming a finished job sends nothing.
    let again = bulk(&emu, &["import-accounts", input.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--resume"));
    let resumed = bulk(
        &emu,
        &["import-accounts", input.to_str().unwrap(), "--resume"],
    );
    assert!(resumed.status.success(), "{}", text(&resumed.stderr));
    assert_eq!(summary(&resumed)["batches_sent"], 0);
    assert_eq!(emu.control().hits(MULTI), batches(2500, size));
}

#[test]
fn imports_2500_accounts_from_jsonl_and_writes_per_item_failures() {
    let emu = emulator();
    let dir = workdir("jsonl");
    let input = dir.join("accounts.jsonl");
    let mut s = String::new();
    for i in 0..2500 {
        s.push_str(&json!({"UserID": format!("j{i}")}).to_string());
        s.push('\n');
    }
    // Bad rows among them: too long, empty, not a string, not JSON, not an object, a
    // duplicate; and a blank line, which is skipped.
    let bad = [
        json!({"UserID": "x".repeat(33)}).to_string(),
        json!({"UserID": ""}).to_string(),
        json!({"UserID": 7}).to_string(),
        "{not json".to_owned(),
        "[1, 2]".to_owned(),
        json!({"UserID": "j17"}).to_string(),
        String::new(),
    ];
    for b in &bad {
        s.push_str(b);
        s.push('\n');
    }
    std::fs::write(&input, s).unwrap();
    let failures = dir.join("out").join("fail.jsonl");
    std::fs::create_dir_all(failures.parent().unwrap()).unwrap();
    let o = bulk(
        &emu,
        &[
            "import-accounts",
            input.to_str().unwrap(),
            "--failures",
            failures.to_str().unwrap(),
            "--jobs",
            "3",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("6 of 2506 items failed"));
    let s = summary(&o);
    assert_eq!(s["succeeded"], 2500);
    assert_eq!(s["failed"], 6);
    let size = limit(MULTI, "Accounts");
    assert_eq!(emu.control().hits(MULTI), batches(2500, size));
    assert_eq!(accounts(&emu).len(), 2500);

    let f = lines(&failures);
    assert_eq!(f.len(), 6, "{f:?}");
    let by_line = |n: u64| f.iter().find(|x| x["line"] == n).unwrap().clone();
    let long = by_line(2501);
    assert_eq!(long["kind"], "invalid");
    assert_eq!(long["code"], Value::Null);
    assert_eq!(long["item"]["UserID"], "x".repeat(33));
    // Core's validation names the field of the one-item request (the `Accounts` form).
    assert!(
        long["info"].as_str().unwrap().contains("33 bytes"),
        "{long}"
    );
    assert!(by_line(2502)["info"]
        .as_str()
        .unwrap()
        .contains("Accounts[0]"));
    assert_eq!(by_line(2503)["kind"], "invalid");
    assert_eq!(by_line(2504)["item"], "{not json");
    assert!(by_line(2504)["info"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
    assert!(by_line(2505)["info"]
        .as_str()
        .unwrap()
        .contains("not a JSON object"));
    let dup = by_line(2506);
    assert_eq!(dup["kind"], "duplicate");
    assert!(dup["info"].as_str().unwrap().contains("line 18"), "{dup}");
    // The journal lives next to the failures file.
    assert!(failures.with_file_name("fail.jsonl.journal").exists());
}

/// Batch 10 fails with a non-retryable public code (the job stops); `--resume` then sends
/// exactly the batches that were not done, and none of the nine that were.
#[test]
fn stops_on_a_failed_batch_and_resumes_without_repeating_work() {
    let emu = emulator();
    let dir = workdir("resume");
    let input = dir.join("accounts.csv");
    write_csv(&input, 2500);
    let size = limit(MULTI, "AccountList");
    let total = batches(2500, size);
    let fault = Fault::ErrorCode {
        code: 70398,
        info: "account limit".into(),
    };
    emu.control().inject_after(MULTI, fault, 9, 1);
    let args = ["import-accounts", input.to_str().unwrap(), "--jobs", "1"];
    let o = bulk(&emu, &args);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("70398") && err.contains("--resume"), "{err}");
    let s = summary(&o);
    assert_eq!(s["complete"], false);
    assert_eq!(s["done"], 9 * size);
    assert_eq!(emu.control().hits(MULTI), 10);
    assert_eq!(accounts(&emu).len(), 9 * size);

    // Without --resume the journal is not overwritten.
    let refused = bulk(&emu, &args);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(emu.control().hits(MULTI), 10);

    let mut resume = args.to_vec();
    resume.push("--resume");
    let o = bulk(&emu, &resume);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let s = summary(&o);
    assert_eq!(s["skipped_as_done"], 9 * size);
    assert_eq!(s["batches_sent"], total - 9);
    assert_eq!(s["succeeded"], 2500);
    // 9 good + 1 failed in the first run, then only the 16 not done.
    assert_eq!(emu.control().hits(MULTI), 10 + (total - 9));
    assert_eq!(accounts(&emu).len(), 2500);
}

/// A dropped connection that outlasts the client's retries stops the job the same way; the
/// resume covers the rest.
#[test]
fn resumes_after_dropped_connections() {
    let emu = emulator();
    let dir = workdir("drop");
    let input = dir.join("accounts.csv");
    write_csv(&input, 2500);
    let total = batches(2500, limit(MULTI, "AccountList"));
    emu.control()
        .inject_after(MULTI, Fault::DropConnection, 4, 50);
    let args = ["import-accounts", input.to_str().unwrap(), "--jobs", "1"];
    let o = bulk(&emu, &args);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(summary(&o)["complete"], false);
    let done_batches = summary(&o)["done"].as_u64().unwrap() / limit(MULTI, "AccountList") as u64;
    assert_eq!(done_batches, 4);
    emu.control().clear_faults();
    let before = emu.control().hits(MULTI);
    let mut resume = args.to_vec();
    resume.push("--resume");
    let o = bulk(&emu, &resume);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(emu.control().hits(MULTI) - before, total - done_batches);
    assert_eq!(accounts(&emu).len(), 2500);
}

fn wait_for(child: &mut Child, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(child.try_wait().unwrap().is_none(), "exited before {what}");
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The process is killed while a batch is in flight: the resume sends that batch again and
/// nothing the journal records as done.
#[test]
fn resumes_after_the_process_is_killed() {
    let emu = emulator();
    let dir = workdir("kill");
    let input = dir.join("accounts.csv");
    write_csv(&input, 2500);
    let total = batches(2500, limit(MULTI, "AccountList"));
    // The 11th call hangs, so the kill lands while it is in flight.
    emu.control()
        .inject_after(MULTI, Fault::Latency(Duration::from_secs(30)), 10, 1);
    let args = ["import-accounts", input.to_str().unwrap(), "--jobs", "1"];
    let mut child = command(&emu, &args).spawn().unwrap();
    wait_for(&mut child, "the 11th call", || {
        emu.control().hits(MULTI) == 11
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let journal = lines(&dir.join("accounts.csv.failures.jsonl.journal"));
    let recorded = journal.iter().filter(|l| l.get("done").is_some()).count() as u64;
    assert_eq!(recorded, 10, "{journal:?}");

    let mut resume = args.to_vec();
    resume.push("--resume");
    let o = bulk(&emu, &resume);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(summary(&o)["batches_sent"], total - 10);
    assert_eq!(emu.control().hits(MULTI), 11 + (total - 10));
    assert_eq!(accounts(&emu).len(), 2500);
}

#[test]
fn a_changed_input_is_not_resumed() {
    let emu = emulator();
    let dir = workdir("changed");
    let input = dir.join("a.csv");
    write_csv(&input, 300);
    emu.control().inject(
        MULTI,
        Fault::ErrorCode {
            code: 70398,
            info: String::new(),
        },
        1,
    );
    let o = bulk(&emu, &["import-accounts", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    write_csv(&input, 301);
    let o = bulk(
        &emu,
        &["import-accounts", input.to_str().unwrap(), "--resume"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("input file"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn deletes_accounts_and_reports_missing_ones_per_item() {
    let emu = emulator();
    for i in 0..250 {
        emu.control().add_account(&format!("user{i:05}"));
    }
    let dir = workdir("delete");
    let input = dir.join("gone.csv");
    // The import file's shape: the Nick column is ignored here. 50 of 300 do not exist.
    write_csv(&input, 300);
    let o = bulk(&emu, &["delete-accounts", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let path = "im_open_login_svc/account_delete";
    assert_eq!(
        emu.control().hits(path),
        batches(300, limit(path, "DeleteItem"))
    );
    assert!(accounts(&emu).is_empty());
    let f = lines(&dir.join("gone.csv.failures.jsonl"));
    assert_eq!(f.len(), 50);
    for x in &f {
        assert_eq!(x["code"], 70107, "{x}");
        assert_eq!(x["kind"], "item");
        let id = x["item"]["UserID"].as_str().unwrap();
        assert!(id >= "user00250", "{id}");
    }
}

#[test]
fn sets_profile_fields_one_call_per_account() {
    let emu = emulator();
    for i in 0..120 {
        emu.control().add_account(&format!("p{i}"));
    }
    let dir = workdir("profile");
    let input = dir.join("profiles.csv");
    let mut s =
        String::from("UserID,Tag_Profile_IM_Nick,Tag_Profile_IM_Level,Tag_Profile_IM_Gender\n");
    for i in 0..120 {
        let gender = if i % 2 == 0 { "Gender_Type_Female" } else { "" };
        s.push_str(&format!("p{i},Nick {i},{i},{gender}\n"));
    }
    s.push_str("ghost,Boo,1,\n"); // no such account: the call fails for this item
    s.push_str("p1,Again,x,\n"); // Level is not a number: refused before sending
    std::fs::write(&input, s).unwrap();
    let o = bulk(
        &emu,
        &["set-profile", input.to_str().unwrap(), "--jobs", "8"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(emu.control().hits("profile/portrait_set"), 121);
    let accts = accounts(&emu);
    let p7 = &accts["p7"]["Profile"];
    assert_eq!(p7["Tag_Profile_IM_Nick"], "Nick 7");
    assert_eq!(p7["Tag_Profile_IM_Level"], 7);
    assert!(p7.get("Tag_Profile_IM_Gender").is_none(), "{p7}");
    assert_eq!(
        accts["p8"]["Profile"]["Tag_Profile_IM_Gender"],
        "Gender_Type_Female"
    );
    assert_eq!(accts["p1"]["Profile"]["Tag_Profile_IM_Nick"], "Nick 1");
    let f = lines(&dir.join("profiles.csv.failures.jsonl"));
    assert_eq!(f.len(), 2, "{f:?}");
    let ghost = f.iter().find(|x| x["item"]["UserID"] == "ghost").unwrap();
    assert_eq!(ghost["code"], 40003);
    assert_eq!(ghost["kind"], "call");
    let bad = f.iter().find(|x| x["line"] == 123).unwrap();
    assert_eq!(bad["kind"], "invalid");
    assert!(bad["info"].as_str().unwrap().contains("Level"), "{bad}");
}

#[test]
fn adds_friends_in_batches_per_account() {
    let emu = emulator();
    for id in ["hub", "side"] {
        emu.control().add_account(id);
    }
    for i in 0..250 {
        emu.control().add_account(&format!("f{i}"));
    }
    let dir = workdir("friends");
    let input = dir.join("friends.csv");
    let mut s = String::from("From_Account,To_Account,Remark\n");
    for i in 0..250 {
        s.push_str(&format!("hub,f{i},r{i}\n"));
    }
    for i in 0..30 {
        s.push_str(&format!("side,f{i},\n"));
    }
    s.push_str("side,nobody,\n"); // not imported: a per-item failure
    std::fs::write(&input, s).unwrap();
    let o = bulk(&emu, &["add-friends", input.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let path = "sns/friend_add";
    let size = limit(path, "AddFriendItem");
    assert_eq!(
        emu.control().hits(path),
        batches(250, size) + batches(31, size)
    );
    assert!(emu.control().is_friend("hub", "f249"));
    assert!(emu.control().is_friend("f249", "hub"));
    assert!(emu.control().is_friend("side", "f29"));
    let f = lines(&dir.join("friends.csv.failures.jsonl"));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["item"]["To_Account"], "nobody");
    assert_eq!(f[0]["code"], 30003);
}

#[test]
fn imports_friends_from_jsonl_with_a_default_add_source() {
    let emu = emulator();
    emu.control().add_account("a");
    for i in 0..40 {
        emu.control().add_account(&format!("b{i}"));
    }
    let dir = workdir("friend-import");
    let input = dir.join("f.jsonl");
    let mut s = String::new();
    for i in 0..40 {
        let mut o = json!({"From_Account": "a", "To_Account": format!("b{i}")});
        if i == 0 {
            o["GroupName"] = json!(["Team"]);
            o["AddSource"] = json!("AddSource_Type_Web");
        }
        s.push_str(&o.to_string());
        s.push('\n');
    }
    std::fs::write(&input, s).unwrap();
    let o = bulk(
        &emu,
        &[
            "add-friends",
            input.to_str().unwrap(),
            "--import",
            "--add-source",
            "AddSource_Type_Bulk",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(emu.control().hits("sns/friend_import"), 1);
    let state = emu.control().state_json();
    assert_eq!(state["friends"]["a"].as_array().unwrap().len(), 40);
    assert!(!emu.control().is_friend("b1", "a"), "an import is one-way");
    let data = &state["friend_data"]["a"];
    assert_eq!(data["b0"]["Tag_SNS_IM_AddSource"], "AddSource_Type_Web");
    assert_eq!(data["b0"]["Tag_SNS_IM_Group"], json!(["Team"]));
    assert_eq!(data["b1"]["Tag_SNS_IM_AddSource"], "AddSource_Type_Bulk");

    // --add-type belongs to friend_add only.
    let o = bulk(
        &emu,
        &[
            "add-friends",
            input.to_str().unwrap(),
            "--import",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_headers_are_usage_errors() {
    let emu = emulator();
    let dir = workdir("headers");
    let input = dir.join("h.csv");
    std::fs::write(&input, "UserID,Nickname\na,b\n").unwrap();
    let o = bulk(&emu, &["import-accounts", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("\"Nickname\""),
        "{}",
        text(&o.stderr)
    );
    std::fs::write(&input, "Nick\nb\n").unwrap();
    let o = bulk(&emu, &["import-accounts", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no UserID column"));
    let txt = dir.join("h.txt");
    std::fs::write(&txt, "UserID\na\n").unwrap();
    let o = bulk(&emu, &["import-accounts", txt.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--format"));
    assert_eq!(emu.control().total_hits(), 0);
}

#[test]
fn missing_configuration_writes_nothing() {
    let emu = emulator();
    let dir = workdir("noenv");
    let input = dir.join("a.csv");
    write_csv(&input, 3);
    let o = command(&emu, &["import-accounts", input.to_str().unwrap()])
        .env_remove("CHATADMIN_SECRET_KEY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("CHATADMIN_SECRET_KEY"));
    assert!(!dir.join("a.csv.failures.jsonl.journal").exists());
    assert_eq!(emu.control().total_hits(), 0);
}
