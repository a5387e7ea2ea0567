//! A one-to-one send is never duplicated by a retry: reconciling an `openim/sendmsg` whose
//! outcome is unknown before sending it again.
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
//! `batchsendmsg` and imports are not reconciled (imports are deduplicated on their keys with
//! no time window; a batch send relies on the service's dedup).

use std::time::{SystemTime, UNIX_EPOCH};

use chatadmin_core::api::message::{AdminGetRoamMsg, SendMsg};
use chatadmin_core::ApiRequest;
use serde_json::Value;

use crate::Client;

/// How far before the first attempt and after now the history is read, in seconds: covers
/// the clock difference between this machine and the service.
pub const WINDOW: u64 = 600;

/// The most history pages read for one lookup (100 messages each).
const MAX_PAGES: usize = 50;

/// The wire path reconciled.
pub(crate) fn applies_to(path: &str) -> bool {
    path == SendMsg::META.path
}

/// Unix seconds now.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Looks for the message `body` (an encoded `SendMsg`) in the recipient's history; `started`
/// is when the call's first attempt was made (unix seconds). Returns the success answer the
/// first attempt would have had.
pub(crate) fn find_sent(client: &Client, admin: &str, body: &[u8], started: u64) -> Option<Value> {
    let req: SendMsg = serde_json::from_slice(body).ok()?;
    let from = req.from_account.as_deref().unwrap_or(admin);
    let min = started.saturating_sub(WINDOW);
    let max = unix_now() + WINDOW;
    let mut page_req = AdminGetRoamMsg::new(req.to_account.clone(), from, 100, min, max);
    for _ in 0..MAX_PAGES {
        let page = match client.execute(&page_req) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(
                    error = %e,
                    "could not read the history to reconcile a send; sending it again"
                );
                return None;
            }
        };
        let found = page.msg_list.iter().find(|m| {
            m.from_account == from
                && m.to_account == req.to_account
                && m.msg_random == req.msg_random
                && m.msg_seq == req.msg_seq
        });
        if let Some(m) = found {
            tracing::warn!(
                endpoint = SendMsg::META.path,
                msg_key = %m.msg_key,
                "an earlier attempt delivered the message: not sending it again"
            );
            return Some(serde_json::json!({
                "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "",
                "MsgTime": m.msg_time_stamp, "MsgKey": m.msg_key,
            }));
        }
        page_req = page_req.next_page(&page)?;
    }
    None
}
