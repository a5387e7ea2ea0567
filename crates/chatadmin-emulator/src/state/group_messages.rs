//! The messages of a group (and of each topic of a topic-enabled community): the history with
//! recall and clear marks, read receipts, message extensions, system notifications, and the
//! sends of the last five minutes (the deduplication window of `Random`).
//!
//! Sequences and the last message time live on the group ([`super::Group::next_msg_seq`],
//! [`super::Group::last_msg_time`]) or the topic; the handlers assign them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

/// How long a `Random` with the same content is a repeat: "If the content and random numbers of
/// two messages within five minutes are the same, the later message will be discarded".
pub(crate) const DEDUP_WINDOW_SECS: u64 = 300;

/// One extension of a message: its value and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extension {
    pub value: String,
    pub seq: u64,
}

/// One stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredMsg {
    pub seq: u64,
    pub time: u64,
    pub random: u32,
    pub from: String,
    /// The `MsgBody` as JSON (core's `MsgElement`s, kept as sent).
    pub body: Value,
    /// The history value: 1 high, 2 normal, 3 low, 4 lowest.
    pub priority: u32,
    pub cloud_custom_data: Option<String>,
    /// Recalled (`IsPlaceMsg` 2).
    pub recalled: bool,
    /// `SupportMessageExtension` 1 at send.
    pub supports_extensions: bool,
    /// `NeedReadReceipt` 1 at send: the message has read receipts.
    pub needs_receipt: bool,
    /// Only these members received it (`To_Account`); `None`: every member.
    pub recipients: Option<Vec<String>>,
    /// The members who read it (`group_msg_receipt`).
    pub readers: BTreeSet<String>,
    /// The members it was sent to, for read receipts: the members when it was sent (or its
    /// recipients), less the sender.
    pub audience: Vec<String>,
    /// Extensions by key.
    pub extensions: BTreeMap<String, Extension>,
    /// The largest extension `Seq` given so far.
    pub ext_latest_seq: u64,
    /// The `Seq` of the last clear of the extensions (`OperateType` 3).
    pub ext_clear_seq: u64,
}

/// A system notification as delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notification {
    pub time: u64,
    pub content: String,
    /// The members it reached.
    pub to: Vec<String>,
}

/// A recent send, for deduplication (kept for every group type, also those without history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecentSend {
    pub random: u32,
    /// The body and sender as JSON: "the content".
    pub content: String,
    pub seq: u64,
    pub time: u64,
}

/// The messages of one conversation: a group, or one topic of a community.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MessageStore {
    /// The history by sequence (empty for live groups, which keep none).
    pub history: BTreeMap<u64, StoredMsg>,
    /// Messages with a sequence up to this are cleared for the members' clients
    /// (`clear_group_msg`); the app admin still reads them.
    pub cleared_up_to: u64,
    pub notifications: Vec<Notification>,
    pub recent: Vec<RecentSend>,
}

impl MessageStore {
    /// The earlier send of the same content with the same `Random` within five minutes.
    pub fn repeat_of(&self, random: u32, content: &str, now: u64) -> Option<&RecentSend> {
        self.recent.iter().find(|r| {
            r.random == random && r.content == content && now < r.time + DEDUP_WINDOW_SECS
        })
    }

    /// Records a send for deduplication, forgetting those past the window.
    pub fn remember(&mut self, send: RecentSend, now: u64) {
        self.recent.retain(|r| now < r.time + DEDUP_WINDOW_SECS);
        self.recent.push(send);
    }

    pub fn snapshot(&self) -> Value {
        let msgs: Vec<Value> = self
            .history
            .values()
            .map(|m| {
                json!({
                    "MsgSeq": m.seq,
                    "MsgTime": m.time,
                    "From_Account": m.from,
                    "Recalled": m.recalled,
                    "Cleared": m.seq <= self.cleared_up_to,
                    "Readers": m.readers,
                    "Extensions": m.extensions.len(),
                })
            })
            .collect();
        json!({
            "Messages": msgs,
            "ClearedUpTo": self.cleared_up_to,
            "Notifications": self.notifications.iter().map(|n| json!({"Time": n.time, "Content": n.content, "To": n.to})).collect::<Vec<_>>(),
        })
    }
}

/// The messages of a group: its own and, for a topic-enabled community, each topic's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GroupMessages {
    pub main: MessageStore,
    pub topics: BTreeMap<String, MessageStore>,
}

impl GroupMessages {
    /// The store of the group (`None`) or of a topic.
    pub fn store(&self, topic: Option<&str>) -> Option<&MessageStore> {
        match topic {
            None => Some(&self.main),
            Some(t) => self.topics.get(t),
        }
    }

    /// The store of the group or of a topic, created for a topic on first use.
    pub fn store_mut(&mut self, topic: Option<&str>) -> &mut MessageStore {
        match topic {
            None => &mut self.main,
            Some(t) => self.topics.entry(t.to_owned()).or_default(),
        }
    }
}

/// One broadcast to every audio-video group (`send_broadcast_msg`). Live groups keep no
/// history, so the broadcast is kept here, with the groups it reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Broadcast {
    pub seq: u64,
    pub time: u64,
    pub random: u32,
    pub from: String,
    pub body: Value,
    pub groups: Vec<String>,
}
