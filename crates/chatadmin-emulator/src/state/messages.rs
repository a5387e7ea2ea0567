//! One-to-one messages: a store per conversation (an unordered pair of accounts), each
//! message with its `MsgSeq`, `MsgRandom`, time, `MsgKey`, sender and recipient, read state,
//! recall flag and extensions.

use std::collections::{BTreeMap, BTreeSet};

use chatadmin_core::api::msg_body::MsgElement;

/// The key-value extensions of one message (`openim_msg_ext_http_svc`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Extensions {
    /// The latest `Seq` (bumped once per changing `set_key_values` call).
    pub seq: u64,
    /// The `Seq` of the last clear (`ClearSeq`).
    pub clear_seq: u64,
    /// Key to (value, the `Seq` it was set at).
    pub pairs: BTreeMap<String, (String, u64)>,
}

/// One stored one-to-one message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct C2cMessage {
    pub from: String,
    pub to: String,
    pub seq: u32,
    pub random: u32,
    /// Unix seconds (`MsgTime` / `MsgTimeStamp`).
    pub time: u64,
    pub key: String,
    pub body: Vec<MsgElement>,
    pub cloud_custom_data: Option<String>,
    /// Recalled by `admin_msgwithdraw` (`MsgFlagBits` 8).
    pub recalled: bool,
    /// The recipient has read it (marked read, or imported as historical).
    pub read: bool,
    /// Counts as unread until read (`SendMsgControl` `NoUnread` turns this off).
    pub counts_unread: bool,
    /// The recipient sent a read receipt for it (`IsPeerRead`).
    pub peer_read: bool,
    /// Sent with `SupportMessageExtension` 1.
    pub supports_extension: bool,
    pub extensions: Extensions,
    /// Accounts whose history does not show it (`SyncOtherMachine` 2 for the sender, and
    /// `delete_c2c_msg_ramble`).
    pub hidden_for: BTreeSet<String>,
    /// Arrival order, the last tie-breaker of the history order.
    pub order: u64,
}

impl C2cMessage {
    /// History order: "sorted by timestamp first, and then ... by `MsgSeq`" (sendmsg page),
    /// then arrival.
    fn sort_key(&self) -> (u64, u32, u64) {
        (self.time, self.seq, self.order)
    }

    /// Whether `account`'s history shows it.
    pub fn visible_to(&self, account: &str) -> bool {
        !self.hidden_for.contains(account)
    }

    /// Whether it counts as unread for its recipient.
    pub fn is_unread(&self) -> bool {
        self.counts_unread && !self.read && !self.recalled
    }
}

/// Every one-to-one conversation's messages, in history order.
#[derive(Debug, Default)]
pub(crate) struct Messages {
    conversations: BTreeMap<(String, String), Vec<C2cMessage>>,
    next_order: u64,
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

impl Messages {
    /// The messages between `a` and `b`, in history order.
    pub fn between(&self, a: &str, b: &str) -> &[C2cMessage] {
        self.conversations
            .get(&pair(a, b))
            .map_or(&[], Vec::as_slice)
    }

    /// Every message, conversation by conversation (the hourly archives).
    pub fn all(&self) -> impl Iterator<Item = &C2cMessage> {
        self.conversations.values().flatten()
    }

    /// Stores a message in its conversation, in history order.
    pub fn insert(&mut self, mut msg: C2cMessage) {
        msg.order = self.next_order;
        self.next_order += 1;
        let list = self
            .conversations
            .entry(pair(&msg.from, &msg.to))
            .or_default();
        let at = list.partition_point(|m| m.sort_key() <= msg.sort_key());
        list.insert(at, msg);
    }

    /// The message of the conversation `a`-`b` with `key`.
    pub fn find(&self, a: &str, b: &str, key: &str) -> Option<&C2cMessage> {
        self.between(a, b).iter().find(|m| m.key == key)
    }

    /// The message of the conversation `a`-`b` with `key`, to change it.
    pub fn find_mut(&mut self, a: &str, b: &str, key: &str) -> Option<&mut C2cMessage> {
        self.conversations
            .get_mut(&pair(a, b))?
            .iter_mut()
            .find(|m| m.key == key)
    }

    /// Every message of the conversation `a`-`b`, to change them.
    pub fn between_mut(&mut self, a: &str, b: &str) -> impl Iterator<Item = &mut C2cMessage> {
        self.conversations
            .get_mut(&pair(a, b))
            .into_iter()
            .flat_map(|l| l.iter_mut())
    }

    /// Unread messages `peer` sent to `account`.
    pub fn unread(&self, account: &str, peer: &str) -> u64 {
        let mine = self.between(account, peer).iter();
        mine.filter(|m| m.to == account && m.from == peer && m.is_unread())
            .count() as u64
    }

    /// Unread messages of `account` over all its one-to-one conversations.
    pub fn unread_total(&self, account: &str) -> u64 {
        self.conversations
            .iter()
            .filter(|((a, b), _)| a == account || b == account)
            .flat_map(|(_, l)| l.iter())
            .filter(|m| m.to == account && m.is_unread())
            .count() as u64
    }
}
