//! Conversations: each account's recent-contact list (`recentcontact/get_list`, `delete`) and
//! its conversation-group and mark data (`recentcontact/*_contact_group`, `mark_contact`),
//! which the pages describe as "independent of recent contacts": deleting a conversation keeps
//! its groups and marks.
//!
//! # Wiring message sends
//!
//! Sends call [`Conversations::touch`] (one conversation of one account) or the helpers built
//! on it after they have stored a message:
//!
//! - a one-to-one message from `a` to `b` at `t`: [`Conversations::touch_c2c`]`(a, b, t)`
//!   (the sender's conversation moves up without unread, the recipient's gets one unread);
//! - a group message: [`Conversations::touch_group`]`(group_id, members, sender, t)` with
//!   every member of the group (the sender, when a member, gets no unread);
//! - a message that must not move the conversation (`SendMsgControl: NoLastMsg`) is not
//!   touched; one that must not count as unread (`NoUnread`) is touched with
//!   `unread_delta` 0.

use std::collections::{BTreeMap, BTreeSet};

/// One conversation of an account: with a peer account, or of a group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ConversationKey {
    /// One-to-one (`Type` 1) with this account.
    C2C(String),
    /// Of this group (`Type` 2).
    Group(String),
}

impl ConversationKey {
    /// The wire `Type`: 1 one-to-one, 2 group.
    pub fn wire_type(&self) -> u32 {
        match self {
            ConversationKey::C2C(_) => 1,
            ConversationKey::Group(_) => 2,
        }
    }

    /// The peer account or the group ID.
    pub fn peer(&self) -> &str {
        match self {
            ConversationKey::C2C(p) | ConversationKey::Group(p) => p,
        }
    }
}

/// A conversation of the recent-contact list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Recent {
    /// The time of the last message, unix seconds; 0 for a conversation without messages (a
    /// pinned one that never had any).
    pub msg_time: u64,
    /// Messages the owner has not read.
    pub unread: u64,
    /// Pinned to the top (`TopFlag` 1).
    pub pinned: bool,
}

/// The conversation-group and mark data of one conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Standard mark bits: bit `n` is `1 << n` (`SetMark`/`ClearMark` give `n`).
    pub standard: u64,
    /// The custom mark (empty for none).
    pub custom: String,
    /// The conversation groups (by ID) the conversation is in.
    pub groups: BTreeSet<u64>,
    /// When this data last changed, unix seconds (`Timestamp`).
    pub timestamp: u64,
}

impl Marks {
    fn is_empty(&self) -> bool {
        self.standard == 0 && self.custom.is_empty() && self.groups.is_empty()
    }

    /// `StandardMark` as the service writes it: the bits as a binary number, highest set bit
    /// first (bits 1, 2 and 3 are "1110"). Not documented beyond the page's examples
    /// ("11111110").
    pub fn standard_string(&self) -> String {
        format!("{:b}", self.standard)
    }
}

/// Everything one account has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AccountConversations {
    /// The recent-contact list.
    pub recent: BTreeMap<ConversationKey, Recent>,
    /// Conversations with group or mark data (at most 1,000).
    pub marks: BTreeMap<ConversationKey, Marks>,
    /// The conversation groups: ID to name (at most 20).
    pub groups: BTreeMap<u64, String>,
    /// The last conversation-group ID given (IDs are not reused).
    pub last_group_id: u64,
    /// For conversations whose roaming messages were cleared (`recentcontact/delete` with
    /// `ClearRamble` 1): the time of the clearing. Messages sent at or before it are no longer
    /// in the owner's roaming history.
    pub roaming_cleared: BTreeMap<ConversationKey, u64>,
}

impl AccountConversations {
    /// The conversation group named `name`.
    pub fn group_id(&self, name: &str) -> Option<u64> {
        self.groups
            .iter()
            .find_map(|(id, n)| (n == name).then_some(*id))
    }

    /// The marks of `key` to change, created if the 1,000-conversation cap allows (`None`
    /// past it).
    pub fn marks_mut(&mut self, key: &ConversationKey) -> Option<&mut Marks> {
        if !self.marks.contains_key(key) && self.marks.len() >= MAX_MARKED {
            return None;
        }
        Some(self.marks.entry(key.clone()).or_default())
    }

    /// Drops mark entries left without data.
    pub fn prune_marks(&mut self) {
        self.marks.retain(|_, m| !m.is_empty());
    }

    /// The recent-contact list in the order `get_list` pages it: the last message first; ties
    /// by conversation (one-to-one before group, then by ID). Not documented: the page's
    /// sample lists times in rising order, but a conversation list shows the latest first.
    pub fn ordered(&self) -> Vec<(&ConversationKey, &Recent)> {
        let mut v: Vec<_> = self.recent.iter().collect();
        v.sort_by(|a, b| b.1.msg_time.cmp(&a.1.msg_time).then_with(|| a.0.cmp(b.0)));
        v
    }
}

/// "Conversation group marks support up to 1,000 conversations" (51008).
const MAX_MARKED: usize = chatadmin_core::api::conversation::MAX_MARKED_CONVERSATIONS;

/// Every account's conversations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Conversations {
    pub by_account: BTreeMap<String, AccountConversations>,
}

impl Conversations {
    /// A message in `owner`'s conversation `key` at `time` (unix seconds): the conversation
    /// enters the list (again, after a delete) with its last-message time raised to `time`
    /// (an older time does not move it back), and `unread_delta` more unread messages. The
    /// conversation keeps its pin.
    pub fn touch(&mut self, owner: &str, key: ConversationKey, time: u64, unread_delta: u64) {
        let acc = self.by_account.entry(owner.to_owned()).or_default();
        let r = acc.recent.entry(key).or_default();
        r.msg_time = r.msg_time.max(time);
        r.unread = r.unread.saturating_add(unread_delta);
    }

    /// Forgets a deleted account: its own conversations, groups and marks, and its one-to-one
    /// conversation in every other account's list.
    pub fn forget_account(&mut self, id: &str) {
        self.by_account.remove(id);
        let key = ConversationKey::C2C(id.to_owned());
        for acc in self.by_account.values_mut() {
            acc.recent.remove(&key);
            acc.marks.remove(&key);
            acc.roaming_cleared.remove(&key);
        }
    }

    /// A one-to-one message from `from` to `to` at `time`: both conversations move up; the
    /// recipient's gets one unread message.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn touch_c2c(&mut self, from: &str, to: &str, time: u64) {
        self.touch(from, ConversationKey::C2C(to.to_owned()), time, 0);
        self.touch(to, ConversationKey::C2C(from.to_owned()), time, 1);
    }

    /// A group message reaching every member of `group_id` at `time`: each member's group
    /// conversation moves up with one unread message, except for `sender` (none for a
    /// message sent by the admin or the system).
    pub fn touch_group<'a>(
        &mut self,
        group_id: &str,
        members: impl IntoIterator<Item = &'a str>,
        sender: Option<&str>,
        time: u64,
    ) {
        for m in members {
            let unread = u64::from(Some(m) != sender);
            self.touch(m, ConversationKey::Group(group_id.to_owned()), time, unread);
        }
    }

    /// Pins or unpins `owner`'s conversation `key`; pinning a conversation not in the list
    /// adds it without messages (`MsgTime` 0).
    pub fn set_pinned(&mut self, owner: &str, key: ConversationKey, pinned: bool) {
        let acc = self.by_account.entry(owner.to_owned()).or_default();
        match acc.recent.get_mut(&key) {
            Some(r) => r.pinned = pinned,
            None if pinned => {
                acc.recent.insert(
                    key,
                    Recent {
                        pinned,
                        ..Recent::default()
                    },
                );
            }
            None => {}
        }
    }

    /// `owner`'s conversation `key`, if it is in the list.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn get(&self, owner: &str, key: &ConversationKey) -> Option<&Recent> {
        self.by_account.get(owner)?.recent.get(key)
    }

    /// When `owner` last cleared the roaming messages of `key` (`ClearRamble`): a message
    /// history read leaves out the messages at or before it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn roaming_cleared(&self, owner: &str, key: &ConversationKey) -> Option<u64> {
        self.by_account
            .get(owner)?
            .roaming_cleared
            .get(key)
            .copied()
    }

    /// Removes `owner`'s conversation `key` from the list (its group and mark data stay);
    /// with `clear_roaming`, records the clearing at `now`. Whether it was listed.
    pub fn delete(
        &mut self,
        owner: &str,
        key: &ConversationKey,
        clear_roaming: bool,
        now: u64,
    ) -> bool {
        let Some(acc) = self.by_account.get_mut(owner) else {
            return false;
        };
        if clear_roaming {
            acc.roaming_cleared.insert(key.clone(), now);
        }
        acc.recent.remove(key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c2c(p: &str) -> ConversationKey {
        ConversationKey::C2C(p.into())
    }

    #[test]
    fn touch_moves_a_conversation_up_and_counts_unread() {
        let mut c = Conversations::default();
        c.touch("a", c2c("b"), 100, 1);
        c.touch("a", c2c("b"), 90, 2);
        let r = c.get("a", &c2c("b")).unwrap();
        assert_eq!(
            (r.msg_time, r.unread),
            (100, 3),
            "an older message does not move it back"
        );
        c.touch("a", c2c("c"), 150, 0);
        let acc = &c.by_account["a"];
        let order: Vec<_> = acc
            .ordered()
            .iter()
            .map(|(k, _)| k.peer().to_owned())
            .collect();
        assert_eq!(order, ["c", "b"]);
    }

    #[test]
    fn a_deleted_account_leaves_every_list() {
        let mut c = Conversations::default();
        c.touch_c2c("a", "b", 10);
        c.touch_c2c("c", "b", 11);
        c.touch_c2c("a", "c", 12);
        c.forget_account("b");
        assert!(c.get("b", &c2c("a")).is_none());
        assert!(c.get("a", &c2c("b")).is_none() && c.get("c", &c2c("b")).is_none());
        assert!(c.get("a", &c2c("c")).is_some(), "other conversations stay");
    }

    #[test]
    fn c2c_and_group_sends_reach_each_side() {
        let mut c = Conversations::default();
        c.touch_c2c("a", "b", 10);
        assert_eq!(c.get("a", &c2c("b")).unwrap().unread, 0);
        assert_eq!(c.get("b", &c2c("a")).unwrap().unread, 1);
        let g = ConversationKey::Group("@TGS#1".into());
        c.touch_group("@TGS#1", ["a", "b", "d"], Some("a"), 20);
        assert_eq!(c.get("a", &g).unwrap().unread, 0);
        assert_eq!(c.get("b", &g).unwrap().unread, 1);
        assert_eq!(c.get("d", &g).unwrap().msg_time, 20);
        c.touch_group("@TGS#1", ["a", "b"], None, 30);
        assert_eq!(
            c.get("a", &g).unwrap().unread,
            1,
            "an admin message is unread for all"
        );
    }

    #[test]
    fn delete_keeps_marks_and_records_a_clearing() {
        let mut c = Conversations::default();
        c.touch("a", c2c("b"), 10, 1);
        c.set_pinned("a", c2c("b"), true);
        let acc = c.by_account.get_mut("a").unwrap();
        acc.marks_mut(&c2c("b")).unwrap().standard = 2;
        assert!(c.delete("a", &c2c("b"), true, 50));
        assert!(c.get("a", &c2c("b")).is_none());
        assert_eq!(c.roaming_cleared("a", &c2c("b")), Some(50));
        assert_eq!(c.by_account["a"].marks[&c2c("b")].standard_string(), "10");
        assert!(!c.delete("a", &c2c("b"), false, 60), "already gone");
        c.touch("a", c2c("b"), 70, 1);
        assert!(
            !c.get("a", &c2c("b")).unwrap().pinned,
            "a new conversation is not pinned"
        );
    }

    #[test]
    fn pinning_an_unknown_conversation_lists_it_empty() {
        let mut c = Conversations::default();
        c.set_pinned("a", c2c("z"), true);
        assert_eq!(c.get("a", &c2c("z")).unwrap().msg_time, 0);
        c.set_pinned("a", c2c("y"), false);
        assert!(c.get("a", &c2c("y")).is_none());
    }

    #[test]
    fn marks_stop_at_the_cap() {
        let mut acc = AccountConversations::default();
        for i in 0..MAX_MARKED {
            acc.marks_mut(&c2c(&format!("u{i}"))).unwrap().custom = "x".into();
        }
        assert!(acc.marks_mut(&c2c("extra")).is_none());
        assert!(
            acc.marks_mut(&c2c("u0")).is_some(),
            "an existing entry can change"
        );
    }
}
