//! The in-memory state of the emulated app: accounts and their profiles, login sessions,
//! friendships, friend lists, blocklists, groups, messages and conversations.
//!
//! Plain data behind one `Mutex` in [`crate::Shared`]; every operation here is synchronous and
//! short, so a request holds the lock only while it applies its change.
//!
//! Each area keeps its types and its `impl State` methods in its own file: `accounts`
//! (accounts, profiles, login sessions), `friends` (friends, friend lists, blocklists),
//! `groups`, `group_messages`, `messages` and `conversations`. This file holds [`State`] and
//! what spans areas: deleting an account (which touches every area) and the snapshot.

use std::collections::BTreeMap;

use chatadmin_core::api::profile;
use serde_json::{json, Map, Value};

mod accounts;
pub(crate) mod archives;
mod conversations;
mod friends;
mod group_messages;
mod groups;
pub(crate) mod messages;
pub(crate) use accounts::{Account, Session};
pub(crate) use conversations::{ConversationKey, Conversations, Marks};
pub(crate) use friends::{Blocklist, Friend, FriendLists, FriendSequences};
pub(crate) use group_messages::{
    Broadcast, Extension, MessageStore, Notification, RecentSend, StoredMsg, DEDUP_WINDOW_SECS,
};
pub(crate) use groups::{Group, Kind, Live, Member, Topic};

/// Everything the emulated app stores.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub accounts: BTreeMap<String, Account>,
    /// One-way edges: `friends[a]` holds `b` when `b` is in `a`'s friend list. A two-way
    /// friendship is two edges. Ordered by UserID, which is also the paging order of
    /// `friend_get` (the service's order is not documented).
    pub friends: BTreeMap<String, BTreeMap<String, Friend>>,
    pub friend_sequences: BTreeMap<String, FriendSequences>,
    pub friend_lists: BTreeMap<String, FriendLists>,
    /// `blocklists[a]` holds the accounts `a` blocked.
    pub blocklists: BTreeMap<String, Blocklist>,
    pub groups: BTreeMap<String, Group>,
    /// One-to-one messages, by conversation.
    pub messages: messages::Messages,
    /// The broadcasts to every audio-video group (`send_broadcast_msg`).
    pub broadcasts: Vec<Broadcast>,
    /// Every account's conversation list, conversation groups and marks.
    pub conversations: Conversations,
    /// The per-object rate limits' buckets (`Emulate::keyed_rate`).
    pub keyed_rates: crate::ratelimit::RateLimiter,
    /// The hourly message archives made so far (`open_msg_svc/get_history`).
    pub archives: archives::Archives,
}

impl State {
    /// Deletes an account with everything that refers to it: its friendships in both
    /// directions, its friend lists, its place in other accounts' lists and its group
    /// memberships (a group it owned is left without an owner). Returns whether it existed.
    pub fn delete_account(&mut self, id: &str) -> bool {
        if self.accounts.remove(id).is_none() {
            return false;
        }
        self.friends.remove(id);
        for set in self.friends.values_mut() {
            set.remove(id);
        }
        self.friends.retain(|_, set| !set.is_empty());
        self.friend_sequences.remove(id);
        self.friend_lists.remove(id);
        for lists in self.friend_lists.values_mut() {
            for members in lists.lists.values_mut() {
                members.remove(id);
            }
        }
        self.blocklists.remove(id);
        for b in self.blocklists.values_mut() {
            b.blocked.remove(id);
        }
        for group in self.groups.values_mut() {
            group.forget_account(id);
        }
        self.conversations.forget_account(id);
        true
    }

    /// A readable snapshot; keys use the service's wire names where there is one.
    pub fn to_json(&self) -> Value {
        let accounts: Map<String, Value> = self
            .accounts
            .iter()
            .map(|(id, a)| {
                let mut o = Map::new();
                if let Some(Value::String(n)) = a.profile.get(profile::tag::NICK) {
                    o.insert("Nick".into(), json!(n));
                }
                if let Some(Value::String(f)) = a.profile.get(profile::tag::IMAGE) {
                    o.insert("FaceUrl".into(), json!(f));
                }
                if !a.profile.is_empty() {
                    o.insert("Profile".into(), json!(a.profile));
                }
                if let Some(t) = a.kicked_at {
                    o.insert("KickedAt".into(), json!(t));
                }
                if let Some(s) = &a.session {
                    o.insert(
                        "Session".into(),
                        json!({"Platform": s.platform, "Status": s.status.as_str()}),
                    );
                }
                (id.clone(), Value::Object(o))
            })
            .collect();
        let friends: Map<String, Value> = self
            .friends
            .iter()
            .map(|(a, set)| (a.clone(), json!(set.keys().collect::<Vec<_>>())))
            .collect();
        let friend_data: Map<String, Value> = self
            .friends
            .iter()
            .map(|(a, set)| {
                let items: Map<String, Value> = set
                    .iter()
                    .map(|(b, f)| (b.clone(), friends::friend_json(f, &self.lists_of(a, b))))
                    .collect();
                (a.clone(), Value::Object(items))
            })
            .collect();
        let blocklists: Map<String, Value> = self
            .blocklists
            .iter()
            .map(|(a, l)| {
                (
                    a.clone(),
                    json!({"CurrentSequence": l.sequence, "Blocked": l.blocked}),
                )
            })
            .collect();
        let friend_lists: Map<String, Value> = self
            .friend_lists
            .iter()
            .map(|(user, l)| {
                let lists: Map<String, Value> = l
                    .lists
                    .iter()
                    .map(|(name, members)| (name.clone(), json!(members)))
                    .collect();
                (
                    user.clone(),
                    json!({"CurrentSequence": l.sequence, "Lists": lists}),
                )
            })
            .collect();
        let groups: Map<String, Value> = self
            .groups
            .iter()
            .map(|(id, g)| (id.clone(), g.snapshot()))
            .collect();
        json!({
            "accounts": accounts,
            "friends": friends,
            "friend_data": friend_data,
            "friend_lists": friend_lists,
            "blocklists": blocklists,
            "groups": groups,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use chatadmin_core::api::group::{GroupType, MemberRole};

    #[test]
    fn deleting_an_account_removes_every_reference_to_it() {
        let mut s = State::default();
        for id in ["a", "b", "c"] {
            s.import_account(id, None, None);
        }
        s.add_friend("a", "b", true, 1);
        s.add_friend("c", "b", false, 1);
        s.blocklists
            .entry("c".into())
            .or_default()
            .blocked
            .insert("b".into(), 1);
        let mut lists = BTreeMap::new();
        lists.insert("l".to_owned(), BTreeSet::from(["b".to_owned()]));
        s.set_friend_lists("a", lists);
        s.groups.insert(
            "g".into(),
            Group {
                owner: Some("b".into()),
                members: vec![Member::new("b", MemberRole::Owner, 1)],
                ..Group::new(GroupType::Public, "g", 1)
            },
        );
        assert!(s.delete_account("b"));
        assert!(!s.delete_account("b"));
        assert!(!s.is_friend("a", "b") && !s.is_friend("c", "b"));
        assert!(s.friends.is_empty());
        assert!(!s.is_blocked("c", "b"));
        assert!(s.friend_lists["a"].lists["l"].is_empty());
        assert_eq!(s.groups["g"].owner, None);
        assert!(s.groups["g"].members.is_empty());
    }
}
