//! Friends, friend lists and blocklists: the state of the relation-chain areas.

use std::collections::{BTreeMap, BTreeSet};

use chatadmin_core::api::friend::tag;
use chatadmin_core::api::friend_list::MAX_LISTS_PER_ACCOUNT;
use serde_json::{json, Map, Value};

use super::State;

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

impl State {
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
}

/// A friend's fields as `{tag: value}`, the tags `friend_get` would return.
pub(super) fn friend_json(f: &Friend, lists: &[String]) -> Value {
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
