//! Retry fidelity against the emulator (issue 10, items 3 and 4; issue 9, item 4):
//! documented waits are never retried within seconds, a repeat answered "already done" after
//! a lost answer is a success, and the client decides `retryable` on the error it returns.

mod emu;

use chatadmin_client::api::account::AccountCheck;
use chatadmin_client::api::friend::{AddFriendItem, FriendAdd, FriendDelete};
use chatadmin_client::api::friend_list::{FriendListAdd, FriendListDelete};
use chatadmin_client::api::group::{CreateGroup, DestroyGroup, GroupType};
use chatadmin_client::{Client, ErrorKind};
use chatadmin_emulator::{Emulator, Fault, RateLimitMode};
use serde_json::json;

const APP: u64 = 1_400_000_778;
const KEY: &str = "fidelity-secret-key-0123456789abcd";

fn emulator() -> Emulator {
    emu::emulator(APP, KEY, RateLimitMode::Off)
}

/// Fast retries, 3 attempts, and a total timeout of 30 s: shorter than the documented
/// one-minute waits.
fn client(emu: &Emulator) -> Client {
    emu::builder(emu, APP, KEY).build().unwrap()
}

fn injected(code: i64) -> Fault {
    Fault::ErrorCode {
        code,
        info: "injected".into(),
    }
}

/// 70050 ("try again in one minute"), 30540 and 31707 ("do not send such requests
/// frequently"): with a deadline nearer than a minute, the error comes back after one
/// attempt, says to wait, and is retryable.
#[test]
fn documented_waits_are_not_retried_within_seconds() {
    let emu = emulator();
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_friend("alice", "bob", true);
    ctl.add_account("carol");

    let check = "im_open_login_svc/account_check";
    ctl.inject(check, injected(70050), 5);
    let e = c
        .accounts()
        .check(&AccountCheck::new(["alice"]))
        .unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(70050)));
    assert_eq!(ctl.hits(check), 1, "70050 is not repeated within seconds");
    assert!(e.retryable(), "after a minute it may succeed");
    let shown = e.to_string();
    assert!(
        shown.contains("one minute") && shown.contains("at least 60 s"),
        "{shown}"
    );
    ctl.clear_faults();

    let add = "sns/friend_add";
    ctl.inject(add, injected(30540), 5);
    let e = c
        .friends()
        .add(&FriendAdd::new(
            "alice",
            [AddFriendItem::new("carol").add_source("AddSource_Type_Web")],
        ))
        .unwrap_err();
    assert_eq!(e.code(), Some(30540));
    assert_eq!(ctl.hits(add), 1, "30540 is not repeated within seconds");
    assert!(e.to_string().contains("frequently"), "{e}");
    ctl.clear_faults();

    let del = "sns/friend_delete";
    ctl.inject(del, injected(31707), 5);
    let e = c
        .friends()
        .delete(&FriendDelete::new("alice", ["bob"]))
        .unwrap_err();
    assert_eq!(e.code(), Some(31707));
    assert_eq!(ctl.hits(del), 1, "31707 is not repeated within seconds");
    assert!(
        ctl.is_friend("alice", "bob"),
        "the refused delete changed nothing"
    );

    // A plain rate limit still backs off briefly and is retried.
    ctl.clear_faults();
    ctl.inject(check, injected(60007), 2);
    c.accounts().check(&AccountCheck::new(["alice"])).unwrap();
    assert_eq!(ctl.hits(check), 1 + 3);
}

fn lists(emu: &Emulator, user: &str) -> serde_json::Value {
    emu.control().state_json()["friend_lists"][user]["Lists"].clone()
}

/// `sns/group_add`: the first attempt creates the list and its answer is lost; the repeat is
/// refused with 30001 (the list exists), which after a lost answer means success.
#[test]
fn a_friend_list_add_whose_answer_was_lost_succeeds_once() {
    let emu = emulator();
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_friend("alice", "bob", true);
    let path = "sns/group_add";

    ctl.inject(path, Fault::DropAfterEffect, 1);
    let resp = c
        .friend_lists()
        .add(&FriendListAdd::new("alice", ["team"]).friends(["bob"]))
        .unwrap();
    assert_eq!(resp.status.code(), 0);
    assert_eq!(ctl.hits(path), 2, "one lost answer, one repeat");
    assert_eq!(
        lists(&emu, "alice"),
        json!({"team": ["bob"]}),
        "no duplicate"
    );

    // Without a lost answer, 30001 stays an error: the list existed before the call.
    let e = c
        .friend_lists()
        .add(&FriendListAdd::new("alice", ["team"]))
        .unwrap_err();
    assert_eq!(e.code(), Some(30001));
    assert!(!e.retryable());

    // Nor after a failure that surely had no effect (a rate limit refuses the call).
    ctl.inject(path, injected(60007), 1);
    let e = c
        .friend_lists()
        .add(&FriendListAdd::new("alice", ["team"]))
        .unwrap_err();
    assert_eq!(e.code(), Some(30001));
    assert_eq!(ctl.hits(path), 2 + 1 + 2);

    // A connection dropped before the call took effect: the repeat does the work.
    ctl.inject(path, Fault::DropConnection, 1);
    c.friend_lists()
        .add(&FriendListAdd::new("alice", ["raid"]))
        .unwrap();
    assert_eq!(
        lists(&emu, "alice"),
        json!({"raid": [], "team": ["bob"]}),
        "{}",
        ctl.state_json()
    );

    // The list delete answers its repeat with 30001 too.
    let path = "sns/group_delete";
    ctl.inject(path, Fault::DropAfterEffect, 1);
    c.friend_lists()
        .delete(&FriendListDelete::new("alice", ["raid"]))
        .unwrap();
    assert_eq!(ctl.hits(path), 2);
    assert_eq!(lists(&emu, "alice"), json!({"team": ["bob"]}));
}

/// `destroy_group`: the first attempt disbands the group and its answer is lost; the repeat
/// gets 10010 (no such group), which after a lost answer means success.
#[test]
fn a_group_destroy_whose_answer_was_lost_succeeds() {
    let emu = emulator();
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_account("owner");
    let g = c
        .groups()
        .create(&CreateGroup::new(GroupType::Public, "Guild").owner("owner"))
        .unwrap();
    let path = "group_open_http_svc/destroy_group";

    ctl.inject(path, Fault::DropAfterEffect, 1);
    let resp = c
        .groups()
        .destroy(&DestroyGroup::new(g.group_id.clone()))
        .unwrap();
    assert_eq!(resp.status.code(), 0);
    assert_eq!(ctl.hits(path), 2);
    assert!(!ctl.group_exists(&g.group_id));

    // Destroying it again is an error, as before.
    let e = c
        .groups()
        .destroy(&DestroyGroup::new(g.group_id.clone()))
        .unwrap_err();
    assert_eq!(e.code(), Some(10010));
    assert_eq!(ctl.hits(path), 3, "10010 is not retried");
}

/// The client decides `retryable` with the request's own retry safety: `create_group` with a
/// custom `GroupId` is safe to repeat (the service refuses a second group with that ID),
/// without one it is not.
#[test]
fn retryable_follows_the_request_not_only_the_endpoint() {
    let emu = emulator();
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_account("owner");
    let path = "group_open_http_svc/create_group";

    ctl.inject(path, Fault::DropConnection, 10);
    let e = c
        .groups()
        .create(&CreateGroup::new(GroupType::Public, "g").owner("owner"))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(
        !e.retryable(),
        "a generated ID: a repeat could create a second group"
    );
    assert_eq!(ctl.hits(path), 1);

    let e = c
        .groups()
        .create(
            &CreateGroup::new(GroupType::Public, "g")
                .owner("owner")
                .group_id("custom_1"),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(e.retryable(), "a custom ID: safe to repeat");
    assert_eq!(ctl.hits(path), 1 + 3);

    // The generic JSON path decides the same way.
    let e = c
        .call_json(
            path,
            json!({"Type": "Public", "Name": "g", "Owner_Account": "owner", "GroupId": "custom_2"}),
        )
        .unwrap_err();
    assert!(e.retryable());
    let e = c
        .call_json(
            path,
            json!({"Type": "Public", "Name": "g", "Owner_Account": "owner"}),
        )
        .unwrap_err();
    assert!(!e.retryable());
}
