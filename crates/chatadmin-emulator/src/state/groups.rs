//! The group model: one for every group endpoint (management, members, live-broadcast
//! groups, attributes, topics, counters) and, later, group messages.
//!
//! Who owns what:
//! - [`Group`] holds the profile every type shares and the persistent member list;
//! - [`Live`] holds what only audio-video (live-broadcast) groups have: who is online, the
//!   bans with their end time, the admins and user marks (AVChatRoom has no persistent member
//!   list, so none of it lives in [`Group::members`]);
//! - [`Group::attrs`], [`Group::counters`] and [`Group::topics`] hold the group attributes,
//!   counters and community topics.
//!
//! Times are unix seconds on the emulated clock ([`crate::handlers::Ctx::now`]), so a mute or a
//! ban ends when the test advances the clock past it.

use std::collections::{BTreeMap, BTreeSet};

use chatadmin_core::api::group::{GroupType, MemberRole};
use serde_json::{json, Map, Value};

use super::group_messages::GroupMessages;

/// The kind of a group, with the newer product names folded onto the type IDs they rename
/// (`Work` is `Private`, `Meeting` is `ChatRoom`); `BChatRoom` (the broadcast chat room) has
/// the AVChatRoom rules: no persistent member list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Private,
    Public,
    ChatRoom,
    Live,
    Community,
}

impl Kind {
    pub fn of(t: &GroupType) -> Kind {
        match t.as_str() {
            "Private" | "Work" => Kind::Private,
            "ChatRoom" | "Meeting" => Kind::ChatRoom,
            "AVChatRoom" | "BChatRoom" => Kind::Live,
            "Community" => Kind::Community,
            _ => Kind::Public,
        }
    }

    /// Whether the group keeps a member list (every kind but live-broadcast groups).
    pub fn has_member_list(self) -> bool {
        self != Kind::Live
    }

    /// The most members a group of this kind may be given (`MaxMemberNum` /
    /// `MaxMemberCount`): "The number of members in a Work, Public, or Meeting group can be
    /// increased to a maximum of 6,000 ... A Community group supports up to 100,000 members
    /// per group. There is no upper limit on the number of members in an AVChatRoom" (Group
    /// System, https://www.tencentcloud.com/document/product/1047/33529). `u64::MAX` for live
    /// groups.
    pub fn max_members_cap(self) -> u64 {
        match self {
            Kind::Private | Kind::Public | Kind::ChatRoom => 6000,
            Kind::Community => 100_000,
            Kind::Live => u64::MAX,
        }
    }

    /// The `MaxMemberNum` of a group created without one. The REST pages say "the upper limit
    /// of the paid package" (create_group) and "The default value is 2,000" (import_group);
    /// the client SDK documents the defaults per type: Work 200, Public 2,000, Meeting 10,000
    /// (capped here at the Group System page's 6,000), AVChatRoom unlimited
    /// (https://web.sdk.qcloud.com/im/doc/chat-engine/CreateGroupParams.html). A community
    /// gets its cap, 100,000. Not documented: a live group reports 0 (no limit).
    pub fn default_max_members(self) -> u64 {
        match self {
            Kind::Private => 200,
            Kind::Public => 2000,
            Kind::ChatRoom => 6000,
            Kind::Community => 100_000,
            Kind::Live => 0,
        }
    }
}

/// One member of a group with a member list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    pub account: String,
    pub role: MemberRole,
    /// `JoinTime`.
    pub join_time: u64,
    /// `MsgSeq`: the sequence of the last message the member read.
    pub msg_seq: u64,
    /// `MsgFlag`: `AcceptAndNotify` unless changed.
    pub msg_flag: String,
    /// `LastSendMsgTime`.
    pub last_send_msg_time: u64,
    /// `ShutUpUntil`: muted until this instant; 0 when not muted. A member is muted while
    /// `now < shut_up_until`.
    pub shut_up_until: u64,
    /// `NameCard`.
    pub name_card: String,
    /// `AppMemberDefinedData`, by key.
    pub app_data: BTreeMap<String, String>,
    /// The unread count set by `set_unread_msg_num`.
    pub unread: u64,
    /// Mutes in the topics of a topic-enabled community (`forbid_send_msg` with `TopicId`):
    /// the instant each ends, by topic ID. Muted in a topic while `now < until`.
    pub topic_shut_up_until: BTreeMap<String, u64>,
}

impl Member {
    pub fn new(account: impl Into<String>, role: MemberRole, join_time: u64) -> Member {
        Member {
            account: account.into(),
            role,
            join_time,
            msg_seq: 0,
            msg_flag: "AcceptAndNotify".to_owned(),
            last_send_msg_time: 0,
            shut_up_until: 0,
            name_card: String::new(),
            app_data: BTreeMap::new(),
            unread: 0,
            topic_shut_up_until: BTreeMap::new(),
        }
    }

    /// Whether the member is muted at `now`.
    pub fn is_muted(&self, now: u64) -> bool {
        now < self.shut_up_until
    }

    /// When the member's mute ends, as the member calls show it: 0 when not muted at `now`.
    pub fn muted_until(&self, now: u64) -> u64 {
        if self.is_muted(now) {
            self.shut_up_until
        } else {
            0
        }
    }

    /// When the member's mute in `topic` ends, if muted there at `now`.
    pub fn topic_muted_until(&self, topic: &str, now: u64) -> Option<u64> {
        let until = *self.topic_shut_up_until.get(topic)?;
        (now < until).then_some(until)
    }

    /// Mutes the member for `secs` seconds from `now` (0 unmutes), in `topic` when given.
    pub fn mute(&mut self, topic: Option<&str>, secs: u32, now: u64) {
        let until = if secs == 0 { 0 } else { now + u64::from(secs) };
        match topic {
            Some(t) if until == 0 => {
                self.topic_shut_up_until.remove(t);
            }
            Some(t) => {
                self.topic_shut_up_until.insert(t.to_owned(), until);
            }
            None => self.shut_up_until = until,
        }
    }
}

/// What only live-broadcast groups (AVChatRoom, BChatRoom) keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Live {
    /// The users in the room now, with the instant each joined. Users join through the client
    /// SDK; the emulator's control route `live_join` stands in for it.
    pub online: BTreeMap<String, u64>,
    /// Banned users and the instant each ban ends (a user is banned while `now < until`).
    pub bans: BTreeMap<String, u64>,
    /// The room's admins (`modify_admin`).
    pub admins: BTreeSet<String>,
    /// User marks set by `modify_user_info`, by user.
    pub marks: BTreeMap<String, BTreeSet<u64>>,
    /// The order users joined in: each online user's join number (`get_members` lists users in
    /// join order, and many join in the same second).
    pub join_order: BTreeMap<String, u64>,
    /// The join number the next user to join gets.
    pub next_join: u64,
    /// Muted users (`forbid_send_msg`) and the instant each mute ends: a live group has no
    /// member list, so mutes are kept by user, and outlast leaving and rejoining the room.
    pub mutes: BTreeMap<String, u64>,
}

impl Live {
    /// Mutes `user` for `secs` seconds from `now`; 0 unmutes.
    pub fn mute(&mut self, user: &str, secs: u32, now: u64) {
        if secs == 0 {
            self.mutes.remove(user);
        } else {
            self.mutes.insert(user.to_owned(), now + u64::from(secs));
        }
    }

    /// When `user`'s mute ends, if they are muted at `now`.
    pub fn muted_until(&self, user: &str, now: u64) -> Option<u64> {
        self.mutes.get(user).copied().filter(|&until| now < until)
    }
}

/// A community topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Topic {
    pub name: String,
    pub owner: Option<String>,
    pub introduction: Option<String>,
    pub notification: Option<String>,
    pub face_url: Option<String>,
    pub custom_string: Option<String>,
    pub create_time: u64,
    /// `LastInfoTime`.
    pub info_time: u64,
    /// `LastMsgTime`.
    pub last_msg_time: u64,
    /// `NextMsgSeq`.
    pub next_msg_seq: u64,
    /// `MuteAllMember`.
    pub mute_all: bool,
}

/// A group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// The type as created (`Private`, `Work`, ...); [`Group::kind`] folds the names.
    pub group_type: GroupType,
    pub name: String,
    /// `Owner_Account`; `None` for a group created without one (or whose owner was deleted).
    pub owner: Option<String>,
    pub introduction: Option<String>,
    pub notification: Option<String>,
    pub face_url: Option<String>,
    /// `MaxMemberNum` (`MaxMemberCount` at creation); `None` means the type's default.
    pub max_member_count: Option<u32>,
    /// `ApplyJoinOption` as set, when set.
    pub apply_join_option: Option<String>,
    /// `InviteJoinOption` as set, when set.
    pub invite_join_option: Option<String>,
    /// `AppDefinedData`, by key.
    pub app_data: BTreeMap<String, String>,
    /// `SupportTopic` as sent at creation.
    pub support_topic: Option<u32>,
    /// `MuteAllMember`: everyone but the owner and admins is muted.
    pub mute_all: bool,
    /// `CreateTime`.
    pub create_time: u64,
    /// `LastInfoTime`: the last change to the profile.
    pub info_time: u64,
    /// `LastMsgTime`.
    pub last_msg_time: u64,
    /// `NextMsgSeq`: the sequence the next message gets.
    pub next_msg_seq: u64,
    /// The members in join order, the owner first when it is one. Empty for live groups.
    pub members: Vec<Member>,
    /// Live-broadcast groups only.
    pub live: Live,
    /// Group attributes (`group_open_attr_http_svc`), by key.
    pub attrs: BTreeMap<String, String>,
    /// Group counters, by key.
    pub counters: BTreeMap<String, i64>,
    /// Community topics, by topic ID.
    pub topics: BTreeMap<String, Topic>,
    /// The messages (history, receipts, extensions, notifications) of the group and its topics.
    pub messages: GroupMessages,
    /// The order in which the app's groups were created or imported (1, 2, ...), set by the
    /// create and import handlers: the order and the cursor of `get_appid_group_list`. A group
    /// built directly with [`Group::new`] has 0 and is listed before the others (give it a
    /// sequence when it matters).
    pub seq: u64,
}

impl Group {
    /// A new group of `group_type` named `name`, created at `now`, with no members.
    pub fn new(group_type: GroupType, name: impl Into<String>, now: u64) -> Group {
        Group {
            group_type,
            name: name.into(),
            owner: None,
            introduction: None,
            notification: None,
            face_url: None,
            max_member_count: None,
            apply_join_option: None,
            invite_join_option: None,
            app_data: BTreeMap::new(),
            support_topic: None,
            mute_all: false,
            create_time: now,
            info_time: now,
            last_msg_time: 0,
            next_msg_seq: 1,
            members: Vec::new(),
            live: Live::default(),
            attrs: BTreeMap::new(),
            counters: BTreeMap::new(),
            topics: BTreeMap::new(),
            messages: GroupMessages::default(),
            seq: 0,
        }
    }

    /// `MaxMemberNum`: as set, or the type's default ([`Kind::default_max_members`]).
    pub fn max_members(&self) -> u64 {
        self.max_member_count
            .map_or_else(|| self.kind().default_max_members(), u64::from)
    }

    /// `MemberNum`: the member list, or for live groups the users in the room.
    pub fn member_num(&self) -> u64 {
        if self.kind().has_member_list() {
            self.members.len() as u64
        } else {
            self.live.online.len() as u64
        }
    }

    pub fn kind(&self) -> Kind {
        Kind::of(&self.group_type)
    }

    pub fn member(&self, account: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.account == account)
    }

    pub fn member_mut(&mut self, account: &str) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.account == account)
    }

    pub fn is_member(&self, account: &str) -> bool {
        self.member(account).is_some()
    }

    /// The role of `account`: from the member list, or for live groups the owner and the
    /// admins set by `modify_admin`.
    pub fn role_of(&self, account: &str) -> Option<MemberRole> {
        if self.kind().has_member_list() {
            return self.member(account).map(|m| m.role.clone());
        }
        if self.owner.as_deref() == Some(account) {
            Some(MemberRole::Owner)
        } else if self.live.admins.contains(account) {
            Some(MemberRole::Admin)
        } else if self.live.online.contains_key(account) {
            Some(MemberRole::Member)
        } else {
            None
        }
    }

    /// Removes every trace of a deleted account.
    pub fn forget_account(&mut self, id: &str) {
        self.members.retain(|m| m.account != id);
        if self.owner.as_deref() == Some(id) {
            self.owner = None;
        }
        self.live.online.remove(id);
        self.live.bans.remove(id);
        self.live.admins.remove(id);
        self.live.marks.remove(id);
        self.live.mutes.remove(id);
    }

    /// The group as the emulator's state snapshot shows it.
    pub fn snapshot(&self) -> Value {
        let mut o = Map::new();
        o.insert("Type".into(), json!(self.group_type.as_str()));
        o.insert("Name".into(), json!(self.name));
        o.insert("Owner_Account".into(), json!(self.owner));
        let optional = [
            ("Introduction", &self.introduction),
            ("Notification", &self.notification),
            ("FaceUrl", &self.face_url),
            ("ApplyJoinOption", &self.apply_join_option),
            ("InviteJoinOption", &self.invite_join_option),
        ];
        for (k, v) in optional {
            if let Some(v) = v {
                o.insert(k.into(), json!(v));
            }
        }
        if let Some(n) = self.max_member_count {
            o.insert("MaxMemberCount".into(), json!(n));
        }
        if let Some(t) = self.support_topic {
            o.insert("SupportTopic".into(), json!(t));
        }
        if !self.app_data.is_empty() {
            let data: Vec<Value> = self
                .app_data
                .iter()
                .map(|(k, v)| json!({"Key": k, "Value": v}))
                .collect();
            o.insert("AppDefinedData".into(), Value::Array(data));
        }
        let members: Vec<Value> = self
            .members
            .iter()
            .map(|m| json!({"Member_Account": m.account, "Role": m.role.as_str()}))
            .collect();
        o.insert("MemberList".into(), Value::Array(members));
        if self.kind() == Kind::Live {
            o.insert(
                "Online".into(),
                json!(self.live.online.keys().collect::<Vec<_>>()),
            );
        }
        if !self.attrs.is_empty() {
            o.insert("Attrs".into(), json!(self.attrs));
        }
        if !self.counters.is_empty() {
            o.insert("Counters".into(), json!(self.counters));
        }
        if !self.topics.is_empty() {
            o.insert(
                "Topics".into(),
                json!(self.topics.keys().collect::<Vec<_>>()),
            );
        }
        if self.messages != GroupMessages::default() {
            o.insert("Messages".into(), self.messages.main.snapshot());
        }
        Value::Object(o)
    }
}
