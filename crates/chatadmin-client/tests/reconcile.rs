//! "A send is never duplicated by a retry" (issue 13, point 2): sends whose answers are lost
//! after they took effect are reconciled from history instead of being sent again; sends
//! lost before they took effect are sent again. Zero duplicates, zero losses.

mod emu;

use std::collections::BTreeSet;

use chatadmin_client::api::message::{AdminGetRoamMsg, BatchSendMsg, SendMsg};
use chatadmin_client::api::msg_body::MsgElement;
use chatadmin_client::Client;
use chatadmin_emulator::{Emulator, Fault, RateLimitMode};

const APP: u64 = 1_400_000_913;
const KEY: &str = "reconcile-secret-key-0123456789abc";
const SEND: &str = "openim/sendmsg";
const HISTORY: &str = "openim/admin_getroammsg";

fn emulator() -> Emulator {
    emu::emulator(APP, KEY, RateLimitMode::Off)
}

fn client(emu: &Emulator) -> Client {
    emu::builder(emu, APP, KEY).build().unwrap()
}

/// Every message `op` sees with `peer`, walked through every page.
fn all_keys(c: &Client, op: &str, peer: &str) -> Vec<(String, String)> {
    let req = AdminGetRoamMsg::new(op, peer, 7, 0, u32::MAX as u64);
    let msgs: Vec<_> = c
        .items(req)
        .collect::<chatadmin_client::Result<Vec<_>>>()
        .unwrap();
    msgs.into_iter()
        .map(|m| {
            (
                m.msg_key.clone(),
                m.msg_body[0].as_text().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn fifty_sends_with_lost_answers_are_delivered_exactly_once() {
    let emu = emulator();
    let ctl = emu.control();
    ctl.add_account("alice");
    ctl.add_account("bob");
    let c = client(&emu);

    let mut returned = Vec::new();
    for i in 0..50 {
        // Every send takes effect and its answer is lost; half are not synced to the sender.
        ctl.inject(SEND, Fault::DropAfterEffect, 1);
        let mut req =
            SendMsg::new("bob", [MsgElement::text(format!("m{i}"))]).from_account("alice");
        if i % 2 == 0 {
            req = req.sync_other_machine(2);
        }
        let resp = c.messages().send(&req).unwrap();
        assert!(
            resp.msg_key.contains(&format!("_{}_", req.msg_random)),
            "{}",
            resp.msg_key
        );
        returned.push((resp.msg_key.clone(), format!("m{i}")));
    }
    // Not one send was repeated: each lost answer was found in the history instead.
    assert_eq!(ctl.hits(SEND), 50);
    assert!(ctl.hits(HISTORY) >= 50);
    let delivered = all_keys(&c, "bob", "alice");
    assert_eq!(delivered.len(), 50, "no duplicate, no loss");
    let mut expected = returned.clone();
    expected.sort();
    let mut got = delivered.clone();
    got.sort();
    assert_eq!(
        got, expected,
        "the answered keys are the delivered messages"
    );
    let unique: BTreeSet<_> = delivered.iter().map(|(k, _)| k).collect();
    assert_eq!(unique.len(), 50);
}

#[test]
fn sends_lost_before_they_took_effect_are_sent_again() {
    let emu = emulator();
    let ctl = emu.control();
    ctl.add_account("alice");
    ctl.add_account("bob");
    let c = client(&emu);

    for i in 0..50 {
        // Alternate: a connection dropped before the effect (the lookup finds nothing and the
        // send is repeated), and a lost answer after it (found, not repeated).
        let fault = if i % 2 == 0 {
            Fault::DropConnection
        } else {
            Fault::DropAfterEffect
        };
        ctl.inject(SEND, fault, 1);
        let req = SendMsg::new("bob", [MsgElement::text(format!("m{i}"))]).from_account("alice");
        c.messages().send(&req).unwrap();
    }
    assert_eq!(ctl.hits(SEND), 25 * 2 + 25);
    let delivered = all_keys(&c, "alice", "bob");
    let texts: BTreeSet<_> = delivered.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(delivered.len(), 50, "no duplicate");
    assert_eq!(texts, (0..50).map(|i| format!("m{i}")).collect(), "no loss");
}

#[test]
fn a_send_that_fails_cleanly_is_not_looked_up() {
    let emu = emulator();
    let ctl = emu.control();
    ctl.add_account("alice");
    let c = client(&emu);
    // An unknown recipient is an answer, not an unknown outcome: no lookup, no retry.
    let e = c
        .messages()
        .send(&SendMsg::new("ghost", [MsgElement::text("x")]).from_account("alice"))
        .unwrap_err();
    assert_eq!(e.code(), Some(90012));
    assert_eq!(ctl.hits(SEND), 1);
    assert_eq!(ctl.hits(HISTORY), 0);
}

const BATCH: &str = "openim/batchsendmsg";

#[test]
fn batch_sends_with_lost_answers_reach_each_recipient_once() {
    let emu = emulator();
    let ctl = emu.control();
    for a in ["alice", "bob", "carol", "dan"] {
        ctl.add_account(a);
    }
    let c = client(&emu);
    let mut keys = Vec::new();
    for i in 0..20 {
        ctl.inject(BATCH, Fault::DropAfterEffect, 1);
        let req =
            BatchSendMsg::new(["bob", "carol", "dan"], [format!("b{i}")]).from_account("alice");
        let resp = c.messages().send_batch(&req).unwrap();
        assert!(resp.error_list.is_empty(), "{resp:?}");
        assert!(
            resp.msg_key.contains(&format!("_{}_", req.msg_random)),
            "{}",
            resp.msg_key
        );
        keys.push(resp.msg_key);
    }
    // Not one batch was sent again: every recipient was found to have each message.
    assert_eq!(ctl.hits(BATCH), 20);
    assert!(ctl.hits(HISTORY) >= 60);
    for to in ["bob", "carol", "dan"] {
        // Messages of one second are ordered by their random MsgSeq: compare as sets.
        let got: Vec<(String, String)> = all_keys(&c, to, "alice");
        assert_eq!(got.len(), 20, "{to}: no duplicate");
        let texts: BTreeSet<String> = got.into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            (0..20).map(|i| format!("b{i}")).collect(),
            "{to}: no loss"
        );
    }
}

#[test]
fn a_batch_retry_goes_to_the_recipients_that_lack_the_message() {
    let emu = emulator();
    let ctl = emu.control();
    for a in ["alice", "bob", "carol"] {
        ctl.add_account(a);
    }
    let c = client(&emu);
    // The first attempt reaches bob and carol (ghost is no account) and its answer is lost.
    // The lookup finds bob and carol; the retry goes to ghost alone, which the service refuses
    // outright (90012: "sent to none of the target accounts"). The call answers as the
    // service's "SomeError" would have: ghost failed, the others have the message once.
    ctl.inject(BATCH, Fault::DropAfterEffect, 1);
    let req = BatchSendMsg::new(["bob", "ghost", "carol"], ["hi"]).from_account("alice");
    let resp = c.messages().send_batch(&req).unwrap();
    let failed: Vec<_> = resp
        .failures()
        .map(|f| (f.to_account.as_str(), f.error_code))
        .collect();
    assert_eq!(failed, [("ghost", 90012)], "only ghost was in the retry");
    assert!(
        resp.msg_key.contains(&format!("_{}_", req.msg_random)),
        "{}",
        resp.msg_key
    );
    assert_eq!(ctl.hits(BATCH), 2);
    for to in ["bob", "carol"] {
        assert_eq!(
            all_keys(&c, to, "alice").len(),
            1,
            "{to} has the message once"
        );
    }
}
