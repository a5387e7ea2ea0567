//! The in-memory state of the emulated app: accounts, friendships, friend lists and groups.
//!
//! Plain data behind one `Mutex` in [`crate::Shared`]; every operation here is synchronous and
//! short, so a request holds the lock only while it applies its change.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

/// An imported account with the profile fields the account endpoints can set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Account {
    pub nick: Option<String>,
    pub face_url: Option<String>,
}

/// The friend lists of one account and their sequence number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FriendLists {
    /// Bumped on every change to the lists (`CurrentSequence` of `sns/group_*`).
    pub sequence: u64,
    /// List name to the friends in it.
    pub lists: BTreeMap<String, BTreeSet<String>>,
}

/// One group member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    pub account: String,
    /// `Owner`, `Admin` or `Member`.
    pub role: String,
}

/// A group as created by `group_open_http_svc/create_group`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Group {
    pub group_type: String,
    pub name: String,
    pub owner: Option<String>,
    /// In join order; the owner first when it is a member.
    pub members: Vec<Member>,
    pub introduction: Option<String>,
    pub notification: Option<String>,
    pub face_url: Option<String>,
    pub max_member_count: Option<u32>,
    pub apply_join_option: Option<String>,
    pub app_defined_data: Vec<(String, String)>,
    pub support_topic: Option<u32>,
}

/// Everything the emulated app stores.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub accounts: BTreeMap<String, Account>,
    /// One-way edges: `friends[a]` holds `b` when `b` is in `a`'s friend list. A two-way
    /// friendship is two edges.
    pub friends: BTreeMap<String, BTreeSet<String>>,
    pub friend_lists: BTreeMap<String, FriendLists>,
    pub groups: BTreeMap<String, Group>,
}

impl State {
    pub fn account_exists(&self, id: &str) -> bool {
        self.accounts.contains_key(id)
    }

    /// Imports `id` (idempotent). Profile fields are set when given and kept otherwise.
    pub fn import_account(&mut self, id: &str, nick: Option<String>, face_url: Option<String>) {
        let account = self.accounts.entry(id.to_owned()).or_default();
        if nick.is_some() {
            account.nick = nick;
        }
        if face_url.is_some() {
            account.face_url = face_url;
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
        self.friend_lists.remove(id);
        for lists in self.friend_lists.values_mut() {
            for members in lists.lists.values_mut() {
                members.remove(id);
            }
        }
        for group in self.groups.values_mut() {
            group.members.retain(|m| m.account != id);
            if group.owner.as_deref() == Some(id) {
                group.owner = None;
            }
        }
        true
    }

    pub fn is_friend(&self, a: &str, b: &str) -> bool {
        self.friends.get(a).is_some_and(|s| s.contains(b))
    }

    /// Adds `b` to `a`'s friends (and `a` to `b`'s when `both_ways`).
    pub fn add_friend(&mut self, a: &str, b: &str, both_ways: bool) {
        self.friends
            .entry(a.to_owned())
            .or_default()
            .insert(b.to_owned());
        if both_ways {
            self.friends
                .entry(b.to_owned())
                .or_default()
                .insert(a.to_owned());
        }
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
                if let Some(n) = &a.nick {
                    o.insert("Nick".into(), json!(n));
                }
                if let Some(f) = &a.face_url {
                    o.insert("FaceUrl".into(), json!(f));
                }
                (id.clone(), Value::Object(o))
            })
            .collect();
        let friends: Map<String, Value> = self
            .friends
            .iter()
            .map(|(a, set)| (a.clone(), json!(set)))
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
            .map(|(id, g)| (id.clone(), group_json(g)))
            .collect();
        json!({
            "accounts": accounts,
            "friends": friends,
            "friend_lists": friend_lists,
            "groups": groups,
        })
    }
}

fn group_json(g: &Group) -> Value {
    let mut o = Map::new();
    o.insert("Type".into(), json!(g.group_type));
    o.insert("Name".into(), json!(g.name));
    o.insert("Owner_Account".into(), json!(g.owner));
    let optional = [
        ("Introduction", &g.introduction),
        ("Notification", &g.notification),
        ("FaceUrl", &g.face_url),
        ("ApplyJoinOption", &g.apply_join_option),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            o.insert(k.into(), json!(v));
        }
    }
    if let Some(n) = g.max_member_count {
        o.insert("MaxMemberCount".into(), json!(n));
    }
    if let Some(t) = g.support_topic {
        o.insert("SupportTopic".into(), json!(t));
    }
    if !g.app_defined_data.is_empty() {
        let data: Vec<Value> = g
            .app_defined_data
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect();
        o.insert("AppDefinedData".into(), Value::Array(data));
    }
    let members: Vec<Value> = g
        .members
        .iter()
        .map(|m| json!({"Member_Account": m.account, "Role": m.role}))
        .collect();
    o.insert("MemberList".into(), Value::Array(members));
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleting_an_account_removes_every_reference_to_it() {
        let mut s = State::default();
        for id in ["a", "b", "c"] {
            s.import_account(id, None, None);
        }
        s.add_friend("a", "b", true);
        s.add_friend("c", "b", false);
        let mut lists = BTreeMap::new();
        lists.insert("l".to_owned(), BTreeSet::from(["b".to_owned()]));
        s.set_friend_lists("a", lists);
        s.groups.insert(
            "g".into(),
            Group {
                owner: Some("b".into()),
                members: vec![Member {
                    account: "b".into(),
                    role: "Owner".into(),
                }],
                ..Group::default()
            },
        );
        assert!(s.delete_account("b"));
        assert!(!s.delete_account("b"));
        assert!(!s.is_friend("a", "b") && !s.is_friend("c", "b"));
        assert!(s.friends.is_empty());
        assert!(s.friend_lists["a"].lists["l"].is_empty());
        assert_eq!(s.groups["g"].owner, None);
        assert!(s.groups["g"].members.is_empty());
    }
}
