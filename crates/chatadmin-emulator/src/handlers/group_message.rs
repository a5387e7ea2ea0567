//! Group messages (`group_open_http_svc` message calls, `openim/modify_group_msg`,
//! `openim_msg_ext_http_svc/group_{get,set}_key_values`; pages 34959, 34958, 49440, 34968,
//! 34971, 34965, 47948, 34970, 65970, 49439, 49438, 52169, 52170).
//!
//! Every group keeps a per-group sequence that starts at 1 and only grows
//! ([`Group::next_msg_seq`]); a topic of a community keeps its own. Times are the emulated
//! clock. Audio-video groups (AVChatRoom, BChatRoom) keep no history: "the historical messages
//! of this type of group cannot be stored" (group_msg_get_simple), so their sends take a
//! sequence and leave nothing to read, recall or extend.
//!
//! Not emulated: editions (10008/10059 "Ultimate edition"), the console switches (broadcast,
//! recall, receipts), webhooks (10016), frequency limits on sends (10023, `MsgDropReason`) and on
//! extension writes (23003), and conversation updates (wired elsewhere).

use std::collections::BTreeSet;

use chatadmin_core::api::common::StatusResponse;
use chatadmin_core::api::group::MemberRole;
use chatadmin_core::api::group_message::{
    new_random, ClearGroupMsg, DeleteGroupMsgBySender, ExtensionResult, GetGroupMsgReceipt,
    GetGroupMsgReceiptDetail, GetGroupMsgReceiptDetailResponse, GetGroupMsgReceiptResponse,
    GroupGetKeyValues, GroupGetKeyValuesResponse, GroupHistoryMsg, GroupMsgGetSimple,
    GroupMsgGetSimpleResponse, GroupMsgRecall, GroupMsgRecallResponse, GroupMsgReceipt,
    GroupMsgReceiptCount, GroupSetKeyValues, GroupSetKeyValuesResponse, ImportGroupMsg,
    ImportGroupMsgResponse, ImportMsgResult, ModifyGroupMsg, MsgExtension, MsgPriority, ReadMember,
    RecallRet, SendBroadcastMsg, SendBroadcastMsgResponse, SendGroupMsg, SendGroupMsgResponse,
    SendGroupSystemNotification, UnreadMember, EXTENSIONS_PER_PAGE, MAX_EXTENSIONS_PER_MESSAGE,
};
use chatadmin_core::api::msg_body::MsgElement;
use serde_json::{json, Value};

use crate::envelope::Failure;
use crate::handlers::group::find_group;
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::{
    Broadcast, Extension, Group, Kind, MessageStore, Notification, RecentSend, State, StoredMsg,
};

/// Not documented: the handlers do not see the caller's identifier; a message the app admin
/// sends without `From_Account` is recorded as from the emulator's default admin account.
const ADMIN: &str = "administrator";

/// How far back `delete_group_msg_by_sender` reaches: "among the last 1,000 messages".
const DELETE_BY_SENDER_REACH: usize = 1000;

fn status(ctx: &Ctx) -> StatusResponse {
    StatusResponse {
        status: ctx.ok(),
        extra: Default::default(),
    }
}

fn fail(code: i64, info: impl Into<String>) -> Failure {
    Failure::new(code, info)
}

/// The group `id` for a change ("10010: The group does not exist or has been deleted").
fn group_mut<'s>(state: &'s mut State, id: &str, code: i64) -> Result<&'s mut Group, Failure> {
    state.groups.get_mut(id).ok_or_else(|| {
        fail(
            code,
            format!("GroupId {id:?}: the group does not exist or has been disbanded"),
        )
    })
}

/// Not documented: the code for a `TopicId` the group does not have (or on a group without
/// topics): 10004, as the member calls answer it.
fn check_topic(group: &Group, topic: Option<&str>) -> Result<(), Failure> {
    match topic {
        Some(t) if !group.topics.contains_key(t) => Err(fail(
            10004,
            format!("TopicId {t:?}: the group has no such topic"),
        )),
        _ => Ok(()),
    }
}

/// The pages' "Applicable group types" tables: a type marked "No" answers `code`.
fn refuse_kinds(group: &Group, id: &str, kinds: &[Kind], code: i64) -> Result<(), Failure> {
    if kinds.contains(&group.kind()) {
        return Err(fail(
            code,
            format!(
                "GroupId {id:?}: this call does not support {} groups",
                group.group_type.as_str()
            ),
        ));
    }
    Ok(())
}

fn body_json(body: &[MsgElement]) -> Value {
    serde_json::to_value(body).unwrap_or(Value::Null)
}

fn body_of(v: &Value) -> Vec<MsgElement> {
    serde_json::from_value(v.clone()).unwrap_or_default()
}

/// The sender's right to post: a member (for groups with a member list), not muted (the
/// member's own mute, its mute in the topic, or `MuteAllMember` for anyone but the owner and
/// admins).
fn check_sender(group: &Group, from: &str, topic: Option<&str>, now: u64) -> Result<(), Failure> {
    let role = group.role_of(from);
    if group.kind().has_member_list() {
        let Some(member) = group.member(from) else {
            // Not documented: a sender who is not a member answers the page's "10007: No
            // operation permissions".
            return Err(fail(
                10007,
                format!("From_Account {from:?} is not a member of the group"),
            ));
        };
        if member.is_muted(now) {
            return Err(fail(
                10017,
                format!(
                    "From_Account {from:?} is muted until {} (the message cannot be sent due to muting)",
                    member.shut_up_until
                ),
            ));
        }
        if let Some(until) = topic.and_then(|t| member.topic_muted_until(t, now)) {
            return Err(fail(
                10017,
                format!("From_Account {from:?} is muted in the topic until {until}"),
            ));
        }
    } else if let Some(until) = group.live.muted_until(from, now) {
        return Err(fail(
            10017,
            format!("From_Account {from:?} is muted in the room until {until}"),
        ));
    }
    let privileged = matches!(role, Some(MemberRole::Owner | MemberRole::Admin));
    let all_muted = match topic {
        Some(t) => group.topics.get(t).is_some_and(|t| t.mute_all) || group.mute_all,
        None => group.mute_all,
    };
    if all_muted && !privileged {
        return Err(fail(
            10017,
            format!("From_Account {from:?}: every member but the owner and admins is muted (MuteAllMember)"),
        ));
    }
    Ok(())
}

/// Takes the next sequence of the group or the topic, and sets its last message time.
fn take_seq(group: &mut Group, topic: Option<&str>, time: u64) -> u64 {
    let (next, last) = match topic.and_then(|t| group.topics.get_mut(t)) {
        Some(t) => (&mut t.next_msg_seq, &mut t.last_msg_time),
        None => (&mut group.next_msg_seq, &mut group.last_msg_time),
    };
    *next = (*next).max(1);
    let seq = *next;
    *next += 1;
    *last = (*last).max(time);
    seq
}

/// The members a message reaches, for read receipts: its recipients or every member, less
/// the sender.
fn audience(group: &Group, recipients: Option<&[String]>, from: &str) -> Vec<String> {
    match recipients {
        Some(r) => r.iter().filter(|a| *a != from).cloned().collect(),
        None => group
            .members
            .iter()
            .map(|m| m.account.clone())
            .filter(|a| a != from)
            .collect(),
    }
}

fn stored(seq: u64, time: u64, random: u32, from: &str, body: Value, priority: u32) -> StoredMsg {
    StoredMsg {
        seq,
        time,
        random,
        from: from.to_owned(),
        body,
        priority,
        cloud_custom_data: None,
        recalled: false,
        supports_extensions: false,
        needs_receipt: false,
        recipients: None,
        readers: BTreeSet::new(),
        audience: Vec::new(),
        extensions: Default::default(),
        ext_latest_seq: 0,
        ext_clear_seq: 0,
    }
}

// ---------------------------------------------------------------------------------------------
// send_group_msg
// ---------------------------------------------------------------------------------------------

/// send_group_msg: the message takes the group's (or topic's) next sequence and the emulated
/// time; the sender (the admin, or a member named in `From_Account`) must be allowed to post:
///
/// - "10010: The group does not exist or has been deleted";
/// - "10017: The message cannot be sent due to muting": the member is muted (`now` before the
///   mute's end), muted in the topic, or `MuteAllMember` is on and the sender is neither the
///   owner nor an admin;
/// - not documented: a `From_Account` never imported answers 10019 (the group family's "The
///   requested UserID does not exist"); one that is not a member, 10007; a `To_Account` that is
///   not a member, 10004;
/// - a repeat ("the content and random numbers of two messages within five minutes are the
///   same") is discarded; not documented: the repeat is answered with the first message's
///   `MsgSeq` and `MsgTime`.
///
/// The message is stored in the history unless the group is an audio-video group ("cannot be
/// stored") or `OnlineOnlyFlag` is 1 ("not for offline or roaming retention").
impl Emulate for SendGroupMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<SendGroupMsgResponse, Failure> {
        if let Some(from) = &self.from_account {
            find_group(state, &self.group_id)?;
            require_account(state, "From_Account", from, 10019)?;
        }
        let now = ctx.now;
        let group = group_mut(state, &self.group_id, 10010)?;
        let topic = self.topic_id.as_deref();
        check_topic(group, topic)?;
        let from = self.from_account.as_deref().unwrap_or(ADMIN);
        if self.from_account.is_some() {
            check_sender(group, from, topic, now)?;
        }
        let recipients = self.to_account.clone().filter(|r| !r.is_empty());
        if let Some(r) = &recipients {
            if let Some(stranger) = r.iter().find(|a| !group.is_member(a)) {
                return Err(fail(
                    10004,
                    format!("To_Account {stranger:?} is not a member of the group"),
                ));
            }
        }
        let body = body_json(&self.msg_body);
        let content = json!({"From_Account": from, "MsgBody": body}).to_string();
        let store = group.messages.store(topic);
        if let Some(first) = store.and_then(|s| s.repeat_of(self.random, &content, now)) {
            return Ok(SendGroupMsgResponse {
                status: ctx.ok(),
                msg_time: first.time,
                msg_seq: first.seq,
                msg_drop_reason: None,
                extra: Default::default(),
            });
        }
        let seq = take_seq(group, topic, now);
        if let Some(m) = group.member_mut(from) {
            m.last_send_msg_time = now;
        }
        let keeps_history = group.kind() != Kind::Live && self.online_only_flag != Some(1);
        let audience = audience(group, recipients.as_deref(), from);
        let priority = self
            .msg_priority
            .as_ref()
            .and_then(MsgPriority::history_value)
            .unwrap_or(2);
        let store = group.messages.store_mut(topic);
        if keeps_history {
            let mut msg = stored(seq, now, self.random, from, body, priority);
            msg.cloud_custom_data = self.cloud_custom_data;
            msg.supports_extensions = self.support_message_extension == Some(1);
            msg.needs_receipt = self.need_read_receipt == Some(1);
            msg.recipients = recipients;
            msg.audience = audience;
            store.history.insert(seq, msg);
        }
        store.remember(
            RecentSend {
                random: self.random,
                content,
                seq,
                time: now,
            },
            now,
        );
        // The conversation lists: every member's conversation with the group moves up, with
        // one more unread message for everyone but the sender (a targeted message reaches only
        // its recipients; a live group keeps no member list, so no conversations).
        if keeps_history {
            let members: Vec<String> = match &self.to_account {
                Some(r) if !r.is_empty() => r.clone(),
                _ => group.members.iter().map(|m| m.account.clone()).collect(),
            };
            let sender = self.from_account.as_deref();
            state.conversations.touch_group(
                &self.group_id,
                members.iter().map(String::as_str),
                sender,
                now,
            );
        }
        Ok(SendGroupMsgResponse {
            status: ctx.ok(),
            msg_time: now,
            msg_seq: seq,
            msg_drop_reason: None,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// send_group_system_notification
// ---------------------------------------------------------------------------------------------

/// send_group_system_notification: to every member (no `ToMembers_Account`, or an empty one) or
/// to the members listed; an audio-video group "only supports sending system notifications to
/// all group members" (the users in the room). Notifications take no sequence and are not in
/// the history (not documented).
///
/// Not documented: a listed account that is not a member, or a list for an audio-video group,
/// answers 10004.
impl Emulate for SendGroupSystemNotification {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let group = group_mut(state, &self.group_id, 10010)?;
        let topic = self.topic_id.as_deref();
        check_topic(group, topic)?;
        let listed = self.to_members_account.filter(|l| !l.is_empty());
        let to: Vec<String> = match listed {
            Some(_) if group.kind() == Kind::Live => return Err(fail(
                10004,
                "ToMembers_Account: an audio-video group only takes notifications to all members",
            )),
            Some(list) => {
                if let Some(stranger) = list.iter().find(|a| !group.is_member(a)) {
                    return Err(fail(
                        10004,
                        format!("ToMembers_Account {stranger:?} is not a member of the group"),
                    ));
                }
                list
            }
            None if group.kind() == Kind::Live => group.live.online.keys().cloned().collect(),
            None => group.members.iter().map(|m| m.account.clone()).collect(),
        };
        group
            .messages
            .store_mut(topic)
            .notifications
            .push(Notification {
                time: ctx.now,
                content: self.content,
                to,
            });
        Ok(status(ctx))
    }
}

// ---------------------------------------------------------------------------------------------
// send_broadcast_msg
// ---------------------------------------------------------------------------------------------

/// send_broadcast_msg: "deliver broadcast messages to all the audio-video groups". Broadcasts
/// are numbered app-wide from 1 (not documented) and kept with the groups they reached; a
/// repeat (same `Random` and content within five minutes) answers the first's `MsgSeq`.
///
/// Not documented: a `From_Account` never imported answers 10004 ("you must ensure that the
/// account in this field exists").
impl Emulate for SendBroadcastMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<SendBroadcastMsgResponse, Failure> {
        if let Some(from) = &self.from_account {
            require_account(state, "From_Account", from, 10004)?;
        }
        let from = self.from_account.as_deref().unwrap_or(ADMIN).to_owned();
        let body = body_json(&self.msg_body);
        let now = ctx.now;
        let repeat = state.broadcasts.iter().find(|b| {
            b.random == self.random
                && b.from == from
                && b.body == body
                && now < b.time + crate::state::DEDUP_WINDOW_SECS
        });
        let seq = match repeat {
            Some(b) => b.seq,
            None => {
                let seq = state.broadcasts.last().map_or(1, |b| b.seq + 1);
                let groups = state
                    .groups
                    .iter()
                    .filter(|(_, g)| g.kind() == Kind::Live)
                    .map(|(id, _)| id.clone())
                    .collect();
                state.broadcasts.push(Broadcast {
                    seq,
                    time: now,
                    random: self.random,
                    from,
                    body,
                    groups,
                });
                seq
            }
        };
        Ok(SendBroadcastMsgResponse {
            status: ctx.ok(),
            msg_seq: seq,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// import_group_msg
// ---------------------------------------------------------------------------------------------

/// import_group_msg: each message keeps its `SendTime` and takes the next sequence, with no
/// notification. "The messages must be imported in ascending order by timestamp, and the
/// timestamps of imported messages must be earlier than the current time, and later than the
/// group creation time and the creation time of the latest message in the group": a message
/// that is not gets `Result` 10004 ("The sending time of the message is invalid") and the
/// others go on. "After messages are imported through this API, the unread message count for
/// all members will become 0."
///
/// - "AVChatRoom ... error 10007 will be returned";
/// - not documented: a `From_Account` never imported fails the request with 10004, before any
///   message is imported; a message without `Random` gets a random one.
impl Emulate for ImportGroupMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ImportGroupMsgResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        refuse_kinds(group, &self.group_id, &[Kind::Live], 10007)?;
        check_topic(group, self.topic_id.as_deref())?;
        for m in &self.msg_list {
            require_account(state, "MsgList[].From_Account", &m.from_account, 10004)?;
        }
        let topic = self.topic_id.as_deref();
        let group = group_mut(state, &self.group_id, 10010)?;
        // The latest message: the last stored, or a send that left no history (online only).
        let last_msg_time = match topic.and_then(|t| group.topics.get(t)) {
            Some(t) => t.last_msg_time,
            None => group.last_msg_time,
        };
        let mut latest = group
            .messages
            .store(topic)
            .and_then(|s| s.history.values().map(|m| m.time).max())
            .unwrap_or(0)
            .max(last_msg_time);
        let created = group.create_time;
        let mut results = Vec::with_capacity(self.msg_list.len());
        let mut imported = false;
        for item in self.msg_list {
            let t = item.send_time;
            if t >= ctx.now || t <= created || t <= latest {
                results.push(ImportMsgResult {
                    msg_seq: 0,
                    msg_time: t,
                    result: 10004,
                    extra: Default::default(),
                });
                continue;
            }
            let seq = take_seq(group, topic, t);
            let random = item.random.unwrap_or_else(new_random);
            let mut msg = stored(
                seq,
                t,
                random,
                &item.from_account,
                body_json(&item.msg_body),
                2,
            );
            msg.audience = audience(group, None, &item.from_account);
            group.messages.store_mut(topic).history.insert(seq, msg);
            latest = t;
            imported = true;
            results.push(ImportMsgResult {
                msg_seq: seq,
                msg_time: t,
                result: 0,
                extra: Default::default(),
            });
        }
        if imported {
            let last = group.next_msg_seq.saturating_sub(1);
            for m in &mut group.members {
                m.unread = 0;
                m.msg_seq = m.msg_seq.max(last);
            }
        }
        Ok(ImportGroupMsgResponse {
            status: ctx.ok(),
            import_msg_result: results,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// group_msg_get_simple
// ---------------------------------------------------------------------------------------------

fn history_item(m: &StoredMsg) -> GroupHistoryMsg {
    let (is_place_msg, body) = if m.recalled {
        (2, Vec::new())
    } else {
        (0, body_of(&m.body))
    };
    GroupHistoryMsg {
        from_account: m.from.clone(),
        is_place_msg,
        msg_body: body,
        msg_priority: m.priority,
        msg_random: u64::from(m.random),
        msg_seq: m.seq,
        msg_time_stamp: m.time,
        is_system_msg: None,
        cloud_custom_data: m.cloud_custom_data.clone(),
        extra: Default::default(),
    }
}

/// group_msg_get_simple: the newest `ReqMsgNumber` messages with a sequence up to `ReqMsgSeq`
/// (the latest without it), newest first. Recalled messages are left out unless
/// `WithRecalledMsg` is 1, and then have `IsPlaceMsg` 2 and an empty body. Cleared messages
/// are returned: "The admin can still pull cleared historical messages" (clear_group_msg).
///
/// AVChatRoom: "do not support this API"; not documented: the code, 10007 ("No operation
/// permissions") here. `IsFinished` is 1: the emulator has no response size limit.
impl Emulate for GroupMsgGetSimple {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GroupMsgGetSimpleResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        refuse_kinds(group, &self.group_id, &[Kind::Live], 10007)?;
        check_topic(group, self.topic_id.as_deref())?;
        let with_recalled = self.with_recalled_msg == Some(1);
        let list = match group.messages.store(self.topic_id.as_deref()) {
            Some(store) => {
                let top = self.req_msg_seq.unwrap_or(u64::MAX);
                store
                    .history
                    .range(..=top)
                    .rev()
                    .map(|(_, m)| m)
                    .filter(|m| with_recalled || !m.recalled)
                    .take(self.req_msg_number as usize)
                    .map(history_item)
                    .collect()
            }
            None => Vec::new(),
        };
        Ok(GroupMsgGetSimpleResponse {
            status: ctx.ok(),
            group_id: self.group_id,
            is_finished: 1,
            rsp_msg_list: list,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// group_msg_recall, delete_group_msg_by_sender, clear_group_msg, modify_group_msg
// ---------------------------------------------------------------------------------------------

/// group_msg_recall: one `RetCode` per sequence, in request order: 0 recalled; "10030: The
/// message requested does not exist"; not documented: a message already recalled answers
/// "10032: The message requested cannot be recalled". "This API can recall group messages sent
/// for any period of time", so 10031 (too old) is never answered. AVChatRoom: "10033: This type
/// of group does not support message recalls".
impl Emulate for GroupMsgRecall {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GroupMsgRecallResponse, Failure> {
        let group = group_mut(state, &self.group_id, 10010)?;
        refuse_kinds(group, &self.group_id, &[Kind::Live], 10033)?;
        let topic = self.topic_id.as_deref();
        check_topic(group, topic)?;
        let store = group.messages.store_mut(topic);
        let results = self
            .msg_seq_list
            .iter()
            .map(|item| {
                let ret_code = match store.history.get_mut(&item.msg_seq) {
                    None => 10030,
                    Some(m) if m.recalled => 10032,
                    Some(m) => {
                        m.recalled = true;
                        0
                    }
                };
                RecallRet {
                    msg_seq: item.msg_seq,
                    ret_code,
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(GroupMsgRecallResponse {
            status: ctx.ok(),
            recall_ret_list: results,
            extra: Default::default(),
        })
    }
}

/// delete_group_msg_by_sender: marks as recalled the messages `Sender_Account` sent among the
/// group's last 1,000. An audio-video group keeps no history: "this API does not take effect
/// ... (but no error will be returned)".
impl Emulate for DeleteGroupMsgBySender {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let group = group_mut(state, &self.group_id, 10010)?;
        let topic = self.topic_id.as_deref();
        check_topic(group, topic)?;
        let store = group.messages.store_mut(topic);
        for m in store
            .history
            .values_mut()
            .rev()
            .take(DELETE_BY_SENDER_REACH)
            .filter(|m| m.from == self.sender_account)
        {
            m.recalled = true;
        }
        Ok(status(ctx))
    }
}

/// clear_group_msg: marks the messages up to `MsgSeq` (all without it) as cleared for the
/// members' clients; the app admin's history still has them. A later clear with a smaller
/// `MsgSeq` does not un-clear (not documented). The type table says "Community: No" (10007,
/// the family's code for a type a call does not support).
impl Emulate for ClearGroupMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let group = group_mut(state, &self.group_id, 10010)?;
        refuse_kinds(group, &self.group_id, &[Kind::Community], 10007)?;
        let last = group.next_msg_seq.saturating_sub(1);
        let upto = self.msg_seq.unwrap_or(last).min(last);
        let store = group.messages.store_mut(None);
        store.cleared_up_to = store.cleared_up_to.max(upto);
        Ok(status(ctx))
    }
}

/// modify_group_msg: overwrites `MsgBody` and/or `CloudCustomData` of a stored message. The
/// page documents openim codes only; not documented: a group or message that does not exist, a
/// recalled message, an audio-video group ("cannot be used to modify the historical messages
/// of audio-video groups") and a request changing nothing answer "20001: Invalid request".
impl Emulate for ModifyGroupMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let group = group_mut(state, &self.group_id, 20001)?;
        refuse_kinds(group, &self.group_id, &[Kind::Live], 20001)?;
        let topic = self.topic_id.as_deref();
        check_topic(group, topic).map_err(|f| fail(20001, f.info))?;
        if self.msg_body.is_none() && self.cloud_custom_data.is_none() {
            return Err(fail(
                20001,
                "nothing to modify: give MsgBody, CloudCustomData or both",
            ));
        }
        let store = group.messages.store_mut(topic);
        let msg = match store.history.get_mut(&self.msg_seq) {
            Some(m) if !m.recalled => m,
            Some(_) => {
                return Err(fail(
                    20001,
                    format!("MsgSeq {}: the message was recalled", self.msg_seq),
                ))
            }
            None => {
                return Err(fail(
                    20001,
                    format!("MsgSeq {}: no such message in the group", self.msg_seq),
                ))
            }
        };
        if let Some(body) = &self.msg_body {
            msg.body = body_json(body);
        }
        if let Some(data) = self.cloud_custom_data {
            msg.cloud_custom_data = Some(data);
        }
        Ok(status(ctx))
    }
}

// ---------------------------------------------------------------------------------------------
// Read receipts
// ---------------------------------------------------------------------------------------------

/// The receipt pages' type tables: AVChatRoom and Community "No" (10007).
const NO_RECEIPTS: &[Kind] = &[Kind::Live, Kind::Community];

/// The message `seq` when it has read receipts (sent with `NeedReadReceipt` 1): else "10062:
/// The read receipt doesn't exist".
fn receipt_msg(store: &MessageStore, seq: u64) -> Result<&StoredMsg, Failure> {
    match store.history.get(&seq) {
        Some(m) if m.needs_receipt && !m.recalled => Ok(m),
        _ => Err(fail(
            10062,
            format!("MsgSeq {seq}: the read receipt does not exist (send with NeedReadReceipt 1)"),
        )),
    }
}

/// group_msg_receipt (Java SDK only): `From_Account` read the messages. Not documented: a
/// `From_Account` that is not a member answers 10007; a message without read receipts answers
/// 10062 and nothing is marked; a member the message did not reach (a targeted message, or a
/// member who joined later) or its sender is not counted.
impl Emulate for GroupMsgReceipt {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let group = group_mut(state, &self.group_id, 10010)?;
        refuse_kinds(group, &self.group_id, NO_RECEIPTS, 10007)?;
        if !group.is_member(&self.from_account) {
            return Err(fail(
                10007,
                format!(
                    "From_Account {:?} is not a member of the group",
                    self.from_account
                ),
            ));
        }
        let store = group.messages.store_mut(None);
        for item in &self.msg_seq_list {
            receipt_msg(store, item.msg_seq)?;
        }
        let mut highest = 0;
        for item in &self.msg_seq_list {
            if let Some(m) = store.history.get_mut(&item.msg_seq) {
                if m.audience.contains(&self.from_account) {
                    m.readers.insert(self.from_account.clone());
                }
            }
            highest = highest.max(item.msg_seq);
        }
        if let Some(m) = group.member_mut(&self.from_account) {
            m.msg_seq = m.msg_seq.max(highest);
        }
        Ok(status(ctx))
    }
}

/// get_group_msg_receipt: per message, the members it reached who read it and who did not;
/// `Code` 10062 for a message without read receipts.
impl Emulate for GetGroupMsgReceipt {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupMsgReceiptResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        refuse_kinds(group, &self.group_id, NO_RECEIPTS, 10007)?;
        let store = &group.messages.main;
        let list = self
            .msg_seq_list
            .iter()
            .map(|item| {
                let (code, read, unread) = match receipt_msg(store, item.msg_seq) {
                    Ok(m) => {
                        let read = m.audience.iter().filter(|a| m.readers.contains(*a)).count();
                        (0, read, m.audience.len() - read)
                    }
                    Err(f) => (f.code, 0, 0),
                };
                GroupMsgReceiptCount {
                    code,
                    msg_seq: item.msg_seq,
                    read_num: read as u64,
                    unread_num: unread as u64,
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(GetGroupMsgReceiptResponse {
            status: ctx.ok(),
            group_msg_receipt_list: list,
            extra: Default::default(),
        })
    }
}

/// get_group_msg_receipt_detail: the members who read (`Filter` 0) or did not (1), in the
/// order the message reached them, `Count` at a time. Not documented: the cursor is the
/// position of the next member (a decimal number; "" for the first page), "0" once the list is
/// finished (as the page's sample); a cursor that is not one, or no `MsgSeq`, answers 10004.
impl Emulate for GetGroupMsgReceiptDetail {
    const REQUIRED_ON_WIRE: &'static [&'static str] = &["Cursor"];

    fn emulate(
        self,
        state: &mut State,
        ctx: &Ctx,
    ) -> Result<GetGroupMsgReceiptDetailResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        refuse_kinds(group, &self.group_id, NO_RECEIPTS, 10007)?;
        let Some(seq) = self.msg_seq else {
            return Err(fail(
                10004,
                "MsgSeq: the message to read receipts of is required",
            ));
        };
        let msg = receipt_msg(&group.messages.main, seq)?;
        let start: usize = match self.cursor.as_str() {
            "" => 0,
            c => c.parse().map_err(|_| {
                fail(
                    10004,
                    format!("Cursor {c:?} is not a cursor this call gave"),
                )
            })?,
        };
        let want_read = self.filter == 0;
        let members: Vec<&String> = msg
            .audience
            .iter()
            .filter(|a| msg.readers.contains(*a) == want_read)
            .collect();
        let end = (start + self.count as usize).min(members.len());
        let page = members.get(start.min(end)..end).unwrap_or_default();
        let finished = end >= members.len();
        let (read_list, unread_list) = if want_read {
            let l = page
                .iter()
                .map(|a| ReadMember {
                    read_account: (*a).clone(),
                    extra: Default::default(),
                })
                .collect();
            (l, Vec::new())
        } else {
            let l = page
                .iter()
                .map(|a| UnreadMember {
                    unread_account: (*a).clone(),
                    extra: Default::default(),
                })
                .collect();
            (Vec::new(), l)
        };
        Ok(GetGroupMsgReceiptDetailResponse {
            status: ctx.ok(),
            cursor: Some(if finished {
                "0".to_owned()
            } else {
                end.to_string()
            }),
            is_finish: u32::from(finished),
            msg_seq: seq,
            read_list,
            unread_list,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Message extensions
// ---------------------------------------------------------------------------------------------

/// The extension pages' type tables: AVChatRoom and Community "No"; not documented: the code,
/// 10007 (the group family's, which the extension service falls back to).
const NO_EXTENSIONS: &[Kind] = &[Kind::Live, Kind::Community];

fn ext_missing(seq: u64) -> Failure {
    fail(
        23004,
        format!("MsgSeq {seq}: the group message does not exist"),
    )
}

fn extension(key: &str, e: Option<&Extension>) -> MsgExtension {
    MsgExtension {
        key: key.to_owned(),
        value: e.map(|e| e.value.clone()).unwrap_or_default(),
        seq: e.map_or(0, |e| e.seq),
        extra: Default::default(),
    }
}

/// group_get_key_values: the pairs with `Seq` at least `StartSeq`, by `Seq` (then key), at most
/// 200 per answer ("If there are more than 200 key-value pairs, they need to be pulled in
/// batches based on `StartSeq`"): an answer ends on a `Seq` boundary so that the next
/// `StartSeq` (the largest returned plus one) misses nothing. "23004: The group message does
/// not exist."
impl Emulate for GroupGetKeyValues {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GroupGetKeyValuesResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        refuse_kinds(group, &self.group_id, NO_EXTENSIONS, 10007)?;
        let msg = group
            .messages
            .main
            .history
            .get(&self.msg_seq)
            .ok_or_else(|| ext_missing(self.msg_seq))?;
        let from = self.start_seq.unwrap_or(0);
        let mut pairs: Vec<(&String, &Extension)> = msg
            .extensions
            .iter()
            .filter(|(_, e)| e.seq >= from)
            .collect();
        pairs.sort_by(|a, b| (a.1.seq, a.0).cmp(&(b.1.seq, b.0)));
        let mut take = pairs.len().min(EXTENSIONS_PER_PAGE);
        if take < pairs.len() {
            // Back off to the start of the Seq the cut falls in (unless one Seq alone is larger
            // than a page, which 20 keys per write cannot make).
            let cut_seq = pairs[take].1.seq;
            let start_of_seq = pairs
                .iter()
                .position(|p| p.1.seq == cut_seq)
                .unwrap_or(take);
            if start_of_seq > 0 {
                take = start_of_seq;
            }
        }
        let complete = take == pairs.len();
        Ok(GroupGetKeyValuesResponse {
            status: ctx.ok(),
            complete_flag: u32::from(complete),
            latest_seq: msg.ext_latest_seq,
            clear_seq: msg.ext_clear_seq,
            extension_list: pairs[..take]
                .iter()
                .map(|(k, e)| extension(k, Some(e)))
                .collect(),
            extra: Default::default(),
        })
    }
}

/// group_set_key_values: sets (1), deletes (2) or clears (3) pairs of a message sent with
/// `SupportMessageExtension` 1 ("23002: The configured group message does not support message
/// extension"; "23004: ... does not exist").
///
/// The `Seq` check: "If the `Seq` does not match the key-value pair, the configuration fails,
/// and an error code is returned" (23001), while "The backend does not verify the `Seq` when
/// the API is called by an app admin". REST calls are the admin's, so not documented: the
/// emulator checks `Seq` when an item carries one (an app writing for a member passes it back),
/// and writes an item without `Seq` unchecked. A pair's `Seq` is 0 before it exists. The
/// successful writes of one request share one new `Seq` (the page's sample answers and pulls
/// show `Seq` 1 for the first write). The answer lists each pair as it is afterwards.
///
/// Not documented: more than 300 pairs on a message ("Up to 300 key-value pairs can be set for
/// each group message") answers 10004, nothing changed.
impl Emulate for GroupSetKeyValues {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GroupSetKeyValuesResponse, Failure> {
        let group = group_mut(state, &self.group_id, 10010)?;
        refuse_kinds(group, &self.group_id, NO_EXTENSIONS, 10007)?;
        let msg = group
            .messages
            .main
            .history
            .get_mut(&self.msg_seq)
            .filter(|m| !m.recalled)
            .ok_or_else(|| ext_missing(self.msg_seq))?;
        if !msg.supports_extensions {
            return Err(fail(
                23002,
                format!(
                    "MsgSeq {}: the message was not sent with SupportMessageExtension 1",
                    self.msg_seq
                ),
            ));
        }
        let new_seq = msg.ext_latest_seq + 1;
        if self.operate_type == 3 {
            msg.extensions.clear();
            msg.ext_latest_seq = new_seq;
            msg.ext_clear_seq = new_seq;
            return Ok(GroupSetKeyValuesResponse {
                status: ctx.ok(),
                extension_list: Vec::new(),
                extra: Default::default(),
            });
        }
        let items = self.extension_list.unwrap_or_default();
        let conflicts: Vec<bool> = items
            .iter()
            .map(|i| {
                i.seq
                    .is_some_and(|s| s != msg.extensions.get(&i.key).map_or(0, |e| e.seq))
            })
            .collect();
        if self.operate_type == 1 {
            let mut keys: BTreeSet<&String> = msg.extensions.keys().collect();
            keys.extend(
                items
                    .iter()
                    .zip(&conflicts)
                    .filter(|(_, c)| !**c)
                    .map(|(i, _)| &i.key),
            );
            if keys.len() > MAX_EXTENSIONS_PER_MESSAGE {
                return Err(fail(
                    10004,
                    format!(
                        "MsgSeq {}: a group message has at most {MAX_EXTENSIONS_PER_MESSAGE} key-value pairs",
                        self.msg_seq
                    ),
                ));
            }
        }
        let mut wrote = false;
        let mut results = Vec::with_capacity(items.len());
        for (item, conflict) in items.iter().zip(conflicts) {
            if conflict {
                results.push(ExtensionResult {
                    error_code: 23001,
                    extension: extension(&item.key, msg.extensions.get(&item.key)),
                    extra: Default::default(),
                });
                continue;
            }
            wrote = true;
            let now = if self.operate_type == 1 {
                let e = Extension {
                    value: item.value.clone(),
                    seq: new_seq,
                };
                msg.extensions.insert(item.key.clone(), e.clone());
                extension(&item.key, Some(&e))
            } else {
                msg.extensions.remove(&item.key);
                MsgExtension {
                    key: item.key.clone(),
                    value: String::new(),
                    seq: new_seq,
                    extra: Default::default(),
                }
            };
            results.push(ExtensionResult {
                error_code: 0,
                extension: now,
                extra: Default::default(),
            });
        }
        if wrote {
            msg.ext_latest_seq = new_seq;
        }
        Ok(GroupSetKeyValuesResponse {
            status: ctx.ok(),
            extension_list: results,
            extra: Default::default(),
        })
    }
}
