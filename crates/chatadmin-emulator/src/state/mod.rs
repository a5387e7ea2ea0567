//! The in-memory state of the emulated app: accounts and their profiles, login sessions,
//! friendships, friend lists, blocklists and groups.
//!
//! Plain data behind one `Mutex` in [`crate::Shared`]; every operation here is synchronous and
//! short, so a request holds the lock only while it applies its change.

use std::collections::{BTreeMap, BTreeSet};

use chatadmin_core::api::friend::tag;
use chatadmin_core::api::friend_list::MAX_LISTS_PER_ACCOUNT;
use chatadmin_core::api::login_state::OnlineStatus;
use chatadmin_core::api::profile;
use serde_json::{json, Map, Value};

pub(crate) mod archives;
mod conversations;
mod group_messages;
mod groups;
pub(crate) mod messages;
pub(crate) use conversations::{ConversationKey, Conversations, Marks};
pub(crate) use group_messages::{
    Broadcast, Extension, MessageStore, Notification, RecentSend, StoredMsg, DEDUP_WINDOW_SECS,
};
pub(crate) use groups::{Group, Kind, Live, Member, Topic};

/// An imported account.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Account {
    /// Profile fields by tag, standard (`Tag_Profile_IM_*`) and custom
    /// (`Tag_Profile_Custom_*`), as last set. `account_import`'s `Nick` and `FaceUrl` are
    /// `Tag_Profile_IM_Nick` and `Tag_Profile_IM_Image`.
    pub profile: BTreeMap<String, Value>,
    /// When `kick` last invalidated the account's login state (unix seconds): a UserSig
    /// issued at or before this instant no longer logs in.
    pub kicked_at: Option<u64>,
    /// The account's client session, when one is logged in (through the emulator's control
    /// surface, standing in for a client SDK login).
    pub session: Option<Session>,
}

/// A logged-in client session of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Session {
    /// The platform name `query_online_status` reports (`iPhone`, `Android`, `Web`, ...).
    pub platform: String,
    /// `Online` or `PushOnline` (`Offline` is the absence of a session).
    pub status: OnlineStatus,
}

/// One entry of an account's friend list: the standard friend fields and the custom ones.
/// The friend lists the friend is in (`Tag_SNS_IM_Group`) live in [`FriendLists`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Friend {
    /// `Tag_SNS_IM_Remark`.
    pub remark: Option<String>,
    /// `Tag_SNS_IM_AddSource` (`AddSource_Type_...`).
    pub add_source: Option<String>,
    /// `Tag_SNS_IM_AddWording`.
    pub add_wording: Option<String>,
    /// `Tag_SNS_IM_AddTime`, unix seconds.
    pub add_time: u64,
    /// Custom friend fields (`Tag_SNS_Custom_*`) by tag.
    pub custom: BTreeMap<String, Value>,
}

/// The sequence numbers `friend_get` reports for an account's friend data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FriendSequences {
    /// Bumped when standard friend data changes (a friend added, removed or edited).
    pub standard: u64,
    /// Bumped when custom friend data (`Tag_SNS_Custom_*`) changes.
    pub custom: u64,
}

/// An account's blocklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Blocklist {
    /// Bumped on every change (`CurrentSequence` of `black_list_get`).
    pub sequence: u64,
    /// Blocked account to the time it was blocked (unix seconds).
    pub blocked: BTreeMap<String, u64>,
}

/// The friend lists of one account and their sequence number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FriendLists {
    /// Bumped on every change to the lists (`CurrentSequence` of `sns/group_*`).
    pub sequence: u64,
    /// List name to the friends in it.
    pub lists: BTreeMap<String, BTreeSet<String>>,
}

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
    pub archives: archives::Archives,
}

impl State {
    pub fn account_exists(&self, id: &str) -> bool {
        self.accounts.contains_key(id)
    }

    /// Imports `id` (idempotent). The nickname and avatar are set when given and kept
    /// otherwise.
    pub fn import_account(&mut self, id: &str, nick: Option<String>, face_url: Option<String>) {
        let account = self.accounts.entry(id.to_owned()).or_default();
        if let Some(n) = nick {
            account
                .profile
                .insert(profile::tag::NICK.to_owned(), Value::String(n));
        }
        if let Some(f) = face_url {
            account
                .profile
                .insert(profile::tag::IMAGE.to_owned(), Value::String(f));
        }
    }

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

    pub fn is_friend(&self, a: &str, b: &str) -> bool {
        self.friends.get(a).is_some_and(|s| s.contains_key(b))
    }

    /// Whether `b` is in `a`'s blocklist.
    pub fn is_blocked(&self, a: &str, b: &str) -> bool {
        self.blocklists
            .get(a)
            .is_some_and(|l| l.blocked.contains_key(b))
    }

    /// Adds `b` to `a`'s friends (and `a` to `b`'s when `both_ways`) with default friend
    /// fields added at `now`, keeping an existing entry as it is.
    pub fn add_friend(&mut self, a: &str, b: &str, both_ways: bool, now: u64) {
        let edges: &[(&str, &str)] = if both_ways {
            &[(a, b), (b, a)]
        } else {
            &[(a, b)]
        };
        for (x, y) in edges {
            if !self.is_friend(x, y) {
                self.insert_friend(
                    x,
                    y,
                    Friend {
                        add_time: now,
                        ..Friend::default()
                    },
                );
            }
        }
    }

    /// Puts `b` in `a`'s friend list with `friend`'s fields (replacing an existing entry) and
    /// bumps `a`'s friend sequences.
    pub fn insert_friend(&mut self, a: &str, b: &str, friend: Friend) {
        let custom_changed = !friend.custom.is_empty()
            || self
                .friends
                .get(a)
                .and_then(|m| m.get(b))
                .is_some_and(|old| !old.custom.is_empty());
        self.friends
            .entry(a.to_owned())
            .or_default()
            .insert(b.to_owned(), friend);
        self.bump_friend_sequences(a, custom_changed);
    }

    /// Bumps `a`'s standard friend sequence (and the custom one when `custom` is set).
    pub fn bump_friend_sequences(&mut self, a: &str, custom: bool) {
        let seq = self.friend_sequences.entry(a.to_owned()).or_default();
        seq.standard += 1;
        if custom {
            seq.custom += 1;
        }
    }

    /// The friend lists of `a` that hold `b`, in name order (`Tag_SNS_IM_Group`).
    pub fn lists_of(&self, a: &str, b: &str) -> Vec<String> {
        self.friend_lists
            .get(a)
            .map(|l| {
                l.lists
                    .iter()
                    .filter(|(_, members)| members.contains(b))
                    .map(|(name, _)| name.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Removes `b` from `a`'s friends, and from every list of `a` (a list only holds
    /// friends). Returns whether `b` was `a`'s friend.
    pub fn remove_friend_edge(&mut self, a: &str, b: &str) -> bool {
        let Some(set) = self.friends.get_mut(a) else {
            return false;
        };
        let removed = set.remove(b);
        if set.is_empty() {
            self.friends.remove(a);
        }
        if let Some(old) = &removed {
            let custom = !old.custom.is_empty();
            self.bump_friend_sequences(a, custom);
        }
        let removed = removed.is_some();
        if removed {
            if let Some(lists) = self.friend_lists.get_mut(a) {
                for members in lists.lists.values_mut() {
                    members.remove(b);
                }
            }
        }
        removed
    }

    /// Replaces `user`'s friend lists and bumps their sequence.
    pub fn set_friend_lists(&mut self, user: &str, lists: BTreeMap<String, BTreeSet<String>>) {
        let entry = self.friend_lists.entry(user.to_owned()).or_default();
        entry.lists = lists;
        entry.sequence += 1;
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
                    .map(|(b, f)| (b.clone(), friend_json(f, &self.lists_of(a, b))))
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

    // --- friends ---

    /// How many friends `a` has.
    pub fn friend_count(&self, a: &str) -> usize {
        self.friends.get(a).map_or(0, BTreeMap::len)
    }

    /// `b`'s entry in `a`'s friend list.
    pub fn friend(&self, a: &str, b: &str) -> Option<&Friend> {
        self.friends.get(a)?.get(b)
    }

    /// How many of `names` are not yet friend lists of `a` (what setting them would create).
    pub fn missing_lists(&self, a: &str, names: &[String]) -> usize {
        let existing = self.friend_lists.get(a);
        let unique: BTreeSet<&String> = names.iter().collect();
        unique
            .into_iter()
            .filter(|n| !existing.is_some_and(|l| l.lists.contains_key(*n)))
            .count()
    }

    /// How many friend lists `a` has.
    pub fn list_count(&self, a: &str) -> usize {
        self.friend_lists.get(a).map_or(0, |l| l.lists.len())
    }

    /// Whether creating the lists among `names` that `a` lacks would take `a` past the
    /// documented 32 lists (error 30011).
    pub fn exceeds_list_cap(&self, a: &str, names: &[String]) -> bool {
        self.list_count(a) + self.missing_lists(a, names) > MAX_LISTS_PER_ACCOUNT
    }

    /// Puts `b` in exactly the lists `names` of `a` (creating missing ones) and takes it out
    /// of the others. Bumps the lists' sequence and `a`'s standard friend sequence when
    /// anything changed.
    pub fn set_lists_of(&mut self, a: &str, b: &str, names: &[String]) {
        let wanted: BTreeSet<&String> = names.iter().collect();
        let lists = self.friend_lists.entry(a.to_owned()).or_default();
        let mut changed = false;
        for n in &wanted {
            if !lists.lists.contains_key(*n) {
                lists.lists.insert((*n).clone(), BTreeSet::new());
                changed = true;
            }
        }
        for (name, members) in lists.lists.iter_mut() {
            changed |= if wanted.contains(name) {
                members.insert(b.to_owned())
            } else {
                members.remove(b)
            };
        }
        if changed {
            lists.sequence += 1;
            self.bump_friend_sequences(a, false);
        } else if lists.lists.is_empty() && lists.sequence == 0 {
            self.friend_lists.remove(a);
        }
    }

    /// Removes every friend of `a` (and, when `both_ways`, `a` from each of those friends'
    /// lists). Returns how many friends `a` had.
    pub fn remove_all_friends(&mut self, a: &str, both_ways: bool) -> usize {
        let friends: Vec<String> = self
            .friends
            .get(a)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for b in &friends {
            self.remove_friend_edge(a, b);
            if both_ways {
                self.remove_friend_edge(b, a);
            }
        }
        friends.len()
    }

    // --- login state & profiles ---

    /// `kick`: records `now` as the account's kick instant (UserSigs issued at or before it
    /// no longer log in) and ends its session. Returns whether the account exists.
    pub fn kick(&mut self, id: &str, now: u64) -> bool {
        let Some(account) = self.accounts.get_mut(id) else {
            return false;
        };
        account.kicked_at = Some(now);
        account.session = None;
        true
    }

    /// Sets profile fields of an existing account (later items win for a repeated tag).
    /// Returns whether the account exists.
    pub fn set_profile(
        &mut self,
        id: &str,
        items: impl IntoIterator<Item = (String, Value)>,
    ) -> bool {
        let Some(account) = self.accounts.get_mut(id) else {
            return false;
        };
        account.profile.extend(items);
        true
    }
}

/// A friend's fields as `{tag: value}`, the tags `friend_get` would return.
fn friend_json(f: &Friend, lists: &[String]) -> Value {
    let mut o = Map::new();
    o.insert(tag::ADD_TIME.into(), json!(f.add_time));
    let optional = [
        (tag::REMARK, &f.remark),
        (tag::ADD_SOURCE, &f.add_source),
        (tag::ADD_WORDING, &f.add_wording),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            o.insert(k.into(), json!(v));
        }
    }
    if !lists.is_empty() {
        o.insert(tag::GROUP.into(), json!(lists));
    }
    for (k, v) in &f.custom {
        o.insert(k.clone(), v.clone());
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
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
