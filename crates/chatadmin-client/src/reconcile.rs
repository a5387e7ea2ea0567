//! A one-to-one send is never duplicated by a retry: reconciling an `openim/sendmsg` or
//! `openim/batchsendmsg` whose outcome is unknown before sending it again.
//!
//! # The problem
//!
//! An attempt can fail after the request reached the service: a timeout after sending, a
//! connection closed before the answer, an HTTP 5xx, a "try again" code. The message may then
//! have been delivered. The service deduplicates a repeat by `MsgRandom` (and `MsgSeq`), but
//! only within a short window ("deduplication within a second" on the sendmsg page; 120 s in
//! newer Chinese docs): a retry that lands later would deliver the message twice.
//!
//! # What the client does
//!
//! [`SendMsg`](chatadmin_core::api::message::SendMsg) fixes `MsgRandom` and `MsgSeq` when the
//! request is built, so every attempt of one call carries the same values. When an attempt of
//! `openim/sendmsg` ends with an unknown outcome, the client, before the next attempt, reads
//! the conversation from the **recipient's** side (`admin_getroammsg` with `Operator_Account`
//! = `To_Account`, `Peer_Account` = `From_Account`, or the admin when the admin sends) over
//! the time from [`WINDOW`] before the call's first attempt to [`WINDOW`] after now, following
//! every page, and looks for a message from that sender with the same `MsgRandom` and
//! `MsgSeq`:
//!
//! - found: the call succeeds with that message's `MsgTime` and `MsgKey`; nothing is sent
//!   again;
//! - not found: the request is sent again, unchanged (so the service's own dedup still
//!   applies);
//! - the lookup fails (any error): the request is sent again, as without reconciliation.
//!
//! # What is guaranteed
//!
//! One call delivers the message **at most once**, provided that when the lookup runs:
//!
//! 1. a delivered message shows in the recipient's history: it was not sent with
//!    `MsgLifeTime` 0 (online only, not stored), the recipient has not deleted it or the
//!    conversation, and roaming storage covers it;
//! 2. the service's clock and this machine's differ by less than [`WINDOW`];
//! 3. no other send from the same sender to the same recipient uses the same `MsgRandom` and
//!    `MsgSeq` (drawn at random per call, unless you set them);
//! 4. a delivered message is already visible to the history read (for a timeout, the
//!    service may still be processing the first attempt; the lookup runs after the retry
//!    backoff, and the service's dedup window covers a repeat that overtakes it).
//!
//! When one of these does not hold, the protection is the service's dedup alone. A message is
//! **never lost** by reconciliation: when the lookup does not find it, it is sent again. When
//! every attempt fails, the call returns the error and whether the message was delivered is
//! unknown; calling again with the same request (same `MsgRandom`/`MsgSeq`) reconciles again.
//!
//! # Batch sends
//!
//! [`BatchSendMsg`](chatadmin_core::api::message::BatchSendMsg) is reconciled the same way,
//! recipient by recipient (one history read per recipient, so up to 500 reads for a full
//! part): the recipients whose history holds the message are dropped from the next attempt,
//! which goes to the others only. When every recipient has it, the call succeeds with the
//! found `MsgKey` and nothing is sent again. When the next attempt to the others is refused
//! outright (the service answers "sent to none of the target accounts", e.g. 90012), the
//! call still succeeds, as the service's own "SomeError" answer would: those others are its
//! `ErrorList`, with the code of the refusal. The guarantee and its conditions are those
//! above, per recipient.
//!
//! # Group sends
//!
//! `send_group_msg` is not looked up: "If the random numbers of two messages are the same
//! within five minutes, they are considered to be the same message" (send_group_msg page),
//! and `Random` is fixed when the request is built, so every retry of one call lands inside
//! the service's window as long as the call's total timeout is under five minutes (the
//! default is 60 s). A longer total timeout, or calling again later with the same request,
//! is protected only within those five minutes.
//!
//! Imports (`importmsg`) are not looked up: the service deduplicates them on `MsgSeq`,
//! `MsgRandom` and `MsgTimeStamp` with no time window, and all three are fixed in the request.

use std::collections::BTreeSet;
use std::time::{SystemTime, UNIX_EPOCH};

use chatadmin_core::api::message::{AdminGetRoamMsg, BatchSendMsg, RoamMsg, SendMsg};
use chatadmin_core::{ApiError, ApiRequest};
use serde_json::{json, Value};

use crate::Client;

/// How far before the first attempt and after now the history is read, in seconds: covers
/// the clock difference between this machine and the service.
pub const WINDOW: u64 = 600;

/// The most history pages read for one lookup (100 messages each).
const MAX_PAGES: usize = 50;

/// Unix seconds now.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What a lookup decided.
pub(crate) enum Lookup {
    /// The message was delivered (to every recipient): the success answer the first attempt
    /// would have had. Nothing is sent again.
    Delivered(Value),
    /// Send again, with this body when some recipients of a batch already have the message
    /// (the others only), or unchanged (`None`).
    Resend(Option<Vec<u8>>),
}

/// The reconciliation of one part of a send call: which endpoint, when its first attempt was
/// made, and the batch recipients already found to have the message.
pub(crate) struct Reconciler {
    batch: bool,
    /// Unix seconds of the first attempt.
    started: u64,
    /// `MsgKey` of the message found for some recipients of a batch (the answer's key).
    found_key: Option<String>,
}

impl Reconciler {
    /// The reconciler for a call of `path`, when that endpoint is reconciled.
    pub(crate) fn for_path(path: &str) -> Option<Self> {
        let batch = path == BatchSendMsg::META.path;
        (batch || path == SendMsg::META.path).then(|| Reconciler {
            batch,
            started: unix_now(),
            found_key: None,
        })
    }

    /// Looks for the message of `body` (the encoded request last sent) in its recipients'
    /// histories.
    pub(crate) fn lookup(&mut self, client: &Client, admin: &str, body: &[u8]) -> Lookup {
        if !self.batch {
            let Ok(req) = serde_json::from_slice::<SendMsg>(body) else {
                return Lookup::Resend(None);
            };
            let from = req.from_account.as_deref().unwrap_or(admin);
            let key = |to: &str| (to.to_owned(), req.msg_random, req.msg_seq);
            return match find(client, from, &key(&req.to_account), self.started) {
                Some(m) => Lookup::Delivered(json!({
                    "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
                    "MsgTime": m.msg_time_stamp, "MsgKey": m.msg_key,
                })),
                None => Lookup::Resend(None),
            };
        }
        let Ok(mut req) = serde_json::from_slice::<BatchSendMsg>(body) else {
            return Lookup::Resend(None);
        };
        let from = req.from_account.clone().unwrap_or_else(|| admin.to_owned());
        let mut delivered = BTreeSet::new();
        for to in &req.to_account {
            let wanted = (to.clone(), req.msg_random, req.msg_seq);
            if let Some(m) = find(client, &from, &wanted, self.started) {
                self.found_key.get_or_insert(m.msg_key);
                delivered.insert(to.clone());
            }
        }
        if delivered.is_empty() {
            return Lookup::Resend(None);
        }
        req.to_account.retain(|to| !delivered.contains(to));
        if req.to_account.is_empty() {
            return Lookup::Delivered(json!({
                "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
                "MsgKey": self.found_key,
            }));
        }
        tracing::warn!(
            endpoint = BatchSendMsg::META.path,
            delivered = delivered.len(),
            remaining = req.to_account.len(),
            "an earlier attempt reached some recipients: sending to the others only"
        );
        Lookup::Resend(serde_json::to_vec(&req).ok())
    }

    /// When the service refuses outright a batch attempt sent to the recipients left after
    /// some were found: the call's answer, as the service's "SomeError" (the found recipients
    /// have the message, the others are its `ErrorList`). `body` is the refused request.
    pub(crate) fn refused_rest(&self, error: &ApiError, body: &[u8]) -> Option<Value> {
        let key = self.found_key.as_ref()?;
        let req: BatchSendMsg = serde_json::from_slice(body).ok()?;
        let errors: Vec<Value> = (req.to_account.iter())
            .map(|to| json!({"To_Account": to, "ErrorCode": error.code}))
            .collect();
        Some(json!({
            "ActionStatus": "SomeError", "ErrorCode": 0, "ErrorInfo": "",
            "MsgKey": key, "ErrorList": errors,
        }))
    }
}

/// Reads `to`'s history with `from` around the call and returns the message from `from`
/// with the wanted `(To_Account, MsgRandom, MsgSeq)`. `None` when it is not there or the
/// history cannot be read (then the message is sent again: never lost).
fn find(client: &Client, from: &str, wanted: &(String, u32, u32), started: u64) -> Option<RoamMsg> {
    let (to, random, seq) = wanted;
    let min = started.saturating_sub(WINDOW);
    let max = unix_now() + WINDOW;
    let mut page_req = AdminGetRoamMsg::new(to.clone(), from, 100, min, max);
    for _ in 0..MAX_PAGES {
        let mut page = match client.execute(&page_req) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(
                    error = %e,
                    "could not read the history to reconcile a send; sending it again"
                );
                return None;
            }
        };
        let found = page.msg_list.iter().position(|m| {
            m.from_account == from
                && &m.to_account == to
                && m.msg_random == *random
                && m.msg_seq == *seq
        });
        if let Some(i) = found {
            let m = page.msg_list.swap_remove(i);
            tracing::warn!(
                msg_key = %m.msg_key,
                "an earlier attempt delivered the message: not sending it again"
            );
            return Some(m);
        }
        page_req = page_req.next_page(&page)?;
    }
    None
}
