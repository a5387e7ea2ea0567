//! One-to-one messages (`openim/*` C2C endpoints and `openim_msg_ext_http_svc/*_key_values`).
//!
//! Sends do not update conversation lists here (wired separately).

use std::collections::BTreeSet;

use chatadmin_core::api::message::{
    msg_key, operate_type, parse_msg_key, AdminGetRoamMsg, AdminGetRoamMsgResponse,
    AdminMsgWithdraw, AdminMsgWithdrawResponse, AdminSetMsgRead, AdminSetMsgReadResponse,
    BatchSendError, BatchSendMsg, BatchSendMsgResponse, C2cMsgReadReceipt,
    C2cMsgReadReceiptResponse, C2cUnreadMsgNum, DeleteC2cMsgRamble, DeleteC2cMsgRambleResponse,
    Extension, GetC2cUnreadMsgNum, GetC2cUnreadMsgNumResponse, GetKeyValues, GetKeyValuesResponse,
    ImportMsg, ImportMsgResponse, ModifyC2cMsg, ModifyC2cMsgResponse, RoamMsg, SendMsg,
    SendMsgControl, SendMsgResponse, SetKeyValueResult, SetKeyValues, SetKeyValuesResponse,
    UnreadError, EXTENSIONS_PER_PAGE, MAX_EXTENSIONS_PER_MESSAGE,
};
use chatadmin_core::api::msg_body::MsgElement;
use chatadmin_core::ResponseStatus;

use crate::envelope::Failure;
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::messages::{C2cMessage, Extensions};
use crate::state::{ConversationKey, State};

/// The sender of a message sent without `From_Account`: "When the admin sends a message to an
/// account, the sender displayed to the recipient is the admin". The emulator's default admin
/// identifier (not documented: the handlers do not see the caller's identifier, and the
/// emulated app's admin is `administrator` unless configured otherwise).
pub(crate) const ADMIN_SENDER: &str = "administrator";

/// The longest offline retention: "max. period: 7 days (604800 seconds)"; a longer one is
/// kept for 7 days (sendmsg page), so it is not an error.
const MAX_LIFE_TIME: u32 = 604_800;

/// What one send stores.
struct Outgoing<'a> {
    from: &'a str,
    to: &'a str,
    seq: u32,
    random: u32,
    body: &'a [MsgElement],
    cloud_custom_data: &'a Option<String>,
    sync_other_machine: Option<u32>,
    life_time: Option<u32>,
    controls: &'a Option<Vec<SendMsgControl>>,
    supports_extension: bool,
}

/// Delivers one message, or answers the earlier one it duplicates. Returns (MsgTime, MsgKey).
///
/// - Dedup (sendmsg page: `MsgRandom` "is used by the backend for message deduplication within
///   a second"): a message from the same sender to the same peer with the same `MsgRandom`
///   sent at most 1 second earlier is the same message; its `MsgTime`/`MsgKey` are answered
///   and nothing new is stored (not documented: what a deduplicated send answers).
/// - `SyncOtherMachine` 2: not synced to the sender's roaming, so the sender's history does
///   not show it (admin_getroammsg page, fourth case).
/// - `MsgLifeTime` 0: "the message will only be sent to the recipient online and not retained
///   offline" and (batchsendmsg page) not counted as unread or stored: nothing is stored.
/// - `SendMsgControl` `NoUnread`: not counted as unread.
fn deliver(state: &mut State, ctx: &Ctx, m: Outgoing<'_>) -> (u64, String) {
    let dup = state.messages.between(m.from, m.to).iter().find(|old| {
        old.from == m.from
            && old.to == m.to
            && old.random == m.random
            && old.time <= ctx.now
            && ctx.now - old.time <= 1
    });
    if let Some(old) = dup {
        return (old.time, old.key.clone());
    }
    let key = msg_key(m.seq, m.random, ctx.now);
    let life = m.life_time.map(|l| l.min(MAX_LIFE_TIME));
    if life == Some(0) {
        return (ctx.now, key);
    }
    let no_unread = (m.controls.iter().flatten()).any(|c| *c == SendMsgControl::NoUnread);
    let no_last_msg = (m.controls.iter().flatten()).any(|c| *c == SendMsgControl::NoLastMsg);
    let mut hidden_for = BTreeSet::new();
    if m.sync_other_machine == Some(2) {
        hidden_for.insert(m.from.to_owned());
    }
    // The conversation lists (recentcontact/get_list): the recipient's conversation with the
    // sender moves up with one more unread message (none with "NoUnread"), and the sender's
    // too unless the message is not synced to the sender ("SyncOtherMachine": 2);
    // "NoLastMsg" leaves both lists as they are.
    if !no_last_msg {
        let unread = u64::from(!no_unread);
        let peer = |id: &str| ConversationKey::C2C(id.to_owned());
        state
            .conversations
            .touch(m.to, peer(m.from), ctx.now, unread);
        if !hidden_for.contains(m.from) {
            state.conversations.touch(m.from, peer(m.to), ctx.now, 0);
        }
    }
    state.messages.insert(C2cMessage {
        from: m.from.to_owned(),
        to: m.to.to_owned(),
        seq: m.seq,
        random: m.random,
        time: ctx.now,
        key: key.clone(),
        body: m.body.to_vec(),
        cloud_custom_data: m.cloud_custom_data.clone(),
        recalled: false,
        read: false,
        counts_unread: !no_unread,
        peer_read: false,
        supports_extension: m.supports_extension,
        extensions: Extensions::default(),
        hidden_for,
        order: 0,
    });
    (ctx.now, key)
}

/// sendmsg page: `From_Account` optional (the admin sends); "20003: The UserID of the sender
/// or recipient is invalid or does not exist" for an unknown sender; "90012: The account
/// specified in To_Account does not exist" for an unknown recipient.
impl Emulate for SendMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<SendMsgResponse, Failure> {
        if let Some(from) = &self.from_account {
            require_account(state, "From_Account", from, 20003)?;
        }
        require_account(state, "To_Account", &self.to_account, 90012)?;
        let from = self.from_account.as_deref().unwrap_or(ADMIN_SENDER);
        let (msg_time, msg_key) = deliver(
            state,
            ctx,
            Outgoing {
                from,
                to: &self.to_account,
                seq: self.msg_seq,
                random: self.msg_random,
                body: &self.msg_body,
                cloud_custom_data: &self.cloud_custom_data,
                sync_other_machine: self.sync_other_machine,
                life_time: self.msg_life_time,
                controls: &self.send_msg_control,
                supports_extension: self.support_message_extension == Some(1),
            },
        );
        Ok(SendMsgResponse {
            status: ctx.ok(),
            msg_time,
            msg_key,
            extra: Default::default(),
        })
    }
}

/// batchsendmsg page: "90008: ... the account specified in From_Account does not exist";
/// each recipient that does not exist is listed in `ErrorList` with 70107 and the answer's
/// `ActionStatus` is "SomeError" with `ErrorCode` 0; when no recipient got the message the
/// answer is `FAIL` 90012 ("invalid To_Account"). Not documented: that answer also carries
/// the `ErrorList` (so a split call can merge its parts per recipient). Each recipient gets
/// the message as from sendmsg (dedup per recipient); one `MsgKey` for all.
impl Emulate for BatchSendMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<BatchSendMsgResponse, Failure> {
        if let Some(from) = &self.from_account {
            require_account(state, "From_Account", from, 90008)?;
        }
        let from = self.from_account.as_deref().unwrap_or(ADMIN_SENDER);
        let mut error_list = Vec::new();
        let mut key = None;
        for to in &self.to_account {
            if !state.account_exists(to) {
                error_list.push(BatchSendError {
                    to_account: to.clone(),
                    error_code: 70107,
                    extra: Default::default(),
                });
                continue;
            }
            let (_, k) = deliver(
                state,
                ctx,
                Outgoing {
                    from,
                    to,
                    seq: self.msg_seq,
                    random: self.msg_random,
                    body: &self.msg_body,
                    cloud_custom_data: &self.cloud_custom_data,
                    sync_other_machine: self.sync_other_machine,
                    life_time: self.msg_life_time,
                    controls: &self.send_msg_control,
                    supports_extension: false,
                },
            );
            key.get_or_insert(k);
        }
        let status = match (&key, error_list.is_empty()) {
            (None, _) => ResponseStatus::fail(90012, "invalid To_Account"),
            (Some(_), true) => ctx.ok(),
            (Some(_), false) => {
                let mut s = ctx.ok();
                s.action_status = Some("SomeError".to_owned());
                s
            }
        };
        Ok(BatchSendMsgResponse {
            status,
            msg_key: key.unwrap_or_default(),
            error_list,
            extra: Default::default(),
        })
    }
}

/// importmsg page: "90008: The From_Account field is missing ... ", "90012: The account
/// specified in To_Account does not exist"; duplicates are the messages of the conversation
/// with the same `MsgSeq`, `MsgRandom` and `MsgTimeStamp` in either direction ("regardless of
/// their contents"; "Imported messages will not be overwritten"): nothing is stored. The
/// message keeps `MsgTimeStamp`; `SyncFromOldSystem` 2 imports it as read, 5 as unread. No
/// dedup window and no webhooks.
impl Emulate for ImportMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ImportMsgResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 90008)?;
        require_account(state, "To_Account", &self.to_account, 90012)?;
        let (from, to) = (&self.from_account, &self.to_account);
        let dup = state.messages.between(from, to).iter().any(|m| {
            m.seq == self.msg_seq && m.random == self.msg_random && m.time == self.msg_time_stamp
        });
        if !dup {
            state.messages.insert(C2cMessage {
                from: from.clone(),
                to: to.clone(),
                seq: self.msg_seq,
                random: self.msg_random,
                time: self.msg_time_stamp,
                key: msg_key(self.msg_seq, self.msg_random, self.msg_time_stamp),
                body: self.msg_body,
                cloud_custom_data: self.cloud_custom_data,
                recalled: false,
                read: self.sync_from_old_system == 2,
                counts_unread: true,
                peer_read: false,
                supports_extension: false,
                extensions: Extensions::default(),
                hidden_for: BTreeSet::new(),
                order: 0,
            });
        }
        Ok(ImportMsgResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// The size cap of one history page: "currently 13 KB" (admin_getroammsg page), counted as
/// the JSON of the page's messages.
const ROAM_PAGE_BYTES: usize = 13 * 1024;

/// admin_getroammsg page: the messages of the conversation `Operator_Account` sees, with
/// `MinTime <= MsgTimeStamp <= MaxTime`, recalled ones included with `MsgFlagBits` 8. Pages
/// go back in time (the samples: a continued request sets `MaxTime` to the previous
/// `LastMsgTime` and sends its `LastMsgKey`): a page is the newest `MaxCnt` messages older
/// than `LastMsgKey`, oldest first; `LastMsgTime`/`LastMsgKey` name its oldest message;
/// `Complete` is 1 when nothing older remains. A page also stops before its messages would
/// pass [`ROAM_PAGE_BYTES`] ("If the total size of the messages within the requested time
/// range exceeds the upper size limit (currently 13 KB) of the response, continued pulling is
/// needed"), holding at least one message. Codes: "90008: The From_Account field is missing
/// ... or the account it specifies does not exist" for the operator, 90003 for the peer. Not
/// documented: a `LastMsgKey` naming no message gives an empty, complete page.
impl Emulate for AdminGetRoamMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AdminGetRoamMsgResponse, Failure> {
        require_account(state, "Operator_Account", &self.operator_account, 90008)?;
        require_account(state, "Peer_Account", &self.peer_account, 90003)?;
        let op = &self.operator_account;
        let seen: Vec<&C2cMessage> = (state.messages.between(op, &self.peer_account).iter())
            .filter(|m| m.visible_to(op) && (self.min_time..=self.max_time).contains(&m.time))
            .collect();
        let older: &[&C2cMessage] = match &self.last_msg_key {
            None => &seen,
            Some(k) => match seen.iter().position(|m| &m.key == k) {
                Some(i) => &seen[..i],
                None => &[],
            },
        };
        // Newest first, until MaxCnt messages or the size cap.
        let (mut msg_list, mut bytes) = (Vec::new(), 0);
        for m in older.iter().rev().take(self.max_cnt as usize) {
            let msg = roam(m);
            bytes += serde_json::to_vec(&msg).map_or(0, |v| v.len());
            if bytes > ROAM_PAGE_BYTES && !msg_list.is_empty() {
                break;
            }
            msg_list.push(msg);
        }
        msg_list.reverse();
        let first = msg_list.first();
        Ok(AdminGetRoamMsgResponse {
            status: ctx.ok(),
            complete: u32::from(msg_list.len() == older.len()),
            msg_cnt: msg_list.len() as u32,
            last_msg_time: first.map_or(0, |m| m.msg_time_stamp),
            last_msg_key: first.map(|m| m.msg_key.clone()),
            msg_list,
            extra: Default::default(),
        })
    }
}

fn roam(m: &C2cMessage) -> RoamMsg {
    RoamMsg {
        from_account: m.from.clone(),
        to_account: m.to.clone(),
        msg_seq: m.seq,
        msg_random: m.random,
        msg_time_stamp: m.time,
        msg_flag_bits: if m.recalled { RoamMsg::RECALLED } else { 0 },
        is_peer_read: u32::from(m.peer_read),
        msg_key: m.key.clone(),
        msg_body: m.body.clone(),
        cloud_custom_data: m.cloud_custom_data.clone(),
        extra: Default::default(),
    }
}

/// admin_msgwithdraw page: "90008 ... From_Account does not exist", "90003 ... To_Account does
/// not exist", "90054: The MsgKey in the recall request is invalid" (not of the
/// `seq_random_time` form), "20022: The message to be recalled does not exist", "20023: The
/// message has been recalled". The message stays, marked recalled.
impl Emulate for AdminMsgWithdraw {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AdminMsgWithdrawResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 90008)?;
        require_account(state, "To_Account", &self.to_account, 90003)?;
        if parse_msg_key(&self.msg_key).is_none() {
            return Err(Failure::new(
                90054,
                format!("MsgKey {:?} is invalid", self.msg_key),
            ));
        }
        let msg = sent_message(state, &self.from_account, &self.to_account, &self.msg_key)
            .ok_or_else(|| Failure::new(20022, "the message to be recalled does not exist"))?;
        if msg.recalled {
            return Err(Failure::new(20023, "the message has been recalled"));
        }
        msg.recalled = true;
        Ok(AdminMsgWithdrawResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// The message `key` sent by `from` to `to`.
fn sent_message<'a>(
    state: &'a mut State,
    from: &str,
    to: &str,
    key: &str,
) -> Option<&'a mut C2cMessage> {
    (state.messages.find_mut(from, to, key)).filter(|m| m.from == from && m.to == to)
}

/// admin_set_msg_read page: every message `Peer_Account` sent to `Report_Account` up to
/// `MsgReadTime` (now when left out) is read. Codes: 90008 for the reporting account, 90003
/// for the peer (the page names them From_Account/To_Account); a `MsgReadTime` that is not a
/// number of seconds: 90001.
impl Emulate for AdminSetMsgRead {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AdminSetMsgReadResponse, Failure> {
        require_account(state, "Report_Account", &self.report_account, 90008)?;
        require_account(state, "Peer_Account", &self.peer_account, 90003)?;
        let until = match &self.msg_read_time {
            None => ctx.now,
            Some(t) => t.trim().parse::<u64>().map_err(|_| {
                Failure::new(
                    90001,
                    format!("MsgReadTime {t:?} is not a unix time in seconds"),
                )
            })?,
        };
        let (me, peer) = (&self.report_account, &self.peer_account);
        for m in state.messages.between_mut(me, peer) {
            if &m.to == me && &m.from == peer && m.time <= until {
                m.read = true;
            }
        }
        Ok(AdminSetMsgReadResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// get_c2c_unread_msg_num page: without `Peer_Account`, `AllC2CUnreadMsgNum` over every
/// conversation; with it, one `C2CUnreadMsgNumList` entry per existing peer and `ErrorList`
/// 70107 for the others. 90003 when `To_Account` does not exist. Unread: not read, not
/// recalled, not sent with `NoUnread` (a recalled message not counting is not documented).
impl Emulate for GetC2cUnreadMsgNum {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetC2cUnreadMsgNumResponse, Failure> {
        require_account(state, "To_Account", &self.to_account, 90003)?;
        let me = &self.to_account;
        let mut resp = GetC2cUnreadMsgNumResponse {
            status: ctx.ok(),
            all_c2c_unread_msg_num: None,
            c2c_unread_msg_num_list: Vec::new(),
            error_list: Vec::new(),
            extra: Default::default(),
        };
        match self.peer_account {
            None => resp.all_c2c_unread_msg_num = Some(state.messages.unread_total(me)),
            Some(peers) => {
                for p in peers {
                    if state.account_exists(&p) {
                        resp.c2c_unread_msg_num_list.push(C2cUnreadMsgNum {
                            c2c_unread_msg_num: state.messages.unread(me, &p),
                            peer_account: p,
                            extra: Default::default(),
                        });
                    } else {
                        resp.error_list.push(UnreadError {
                            peer_account: p,
                            error_code: 70107,
                            extra: Default::default(),
                        });
                    }
                }
            }
        }
        Ok(resp)
    }
}

/// modify_c2c_msg page: overwrites `MsgBody` and/or `CloudCustomData` of the message `From`
/// sent to `To`. Codes: 20003 for an unknown sender, 90012 for an unknown recipient. Not
/// documented: a key naming no message answers 20001 ("Invalid request").
impl Emulate for ModifyC2cMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ModifyC2cMsgResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 20003)?;
        require_account(state, "To_Account", &self.to_account, 90012)?;
        let msg = sent_message(state, &self.from_account, &self.to_account, &self.msg_key)
            .ok_or_else(|| {
                Failure::new(20001, format!("no message with MsgKey {:?}", self.msg_key))
            })?;
        if let Some(body) = self.msg_body {
            msg.body = body;
        }
        if let Some(data) = self.cloud_custom_data {
            msg.cloud_custom_data = Some(data);
        }
        Ok(ModifyC2cMsgResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// delete_c2c_msg_ramble page (https://cloud.tencent.com/document/product/269/101439): the
/// messages disappear from `Operator_Account`'s history only ("the other party can still see
/// it"). Not documented: 90008/90003 for unknown accounts (as admin_getroammsg); keys naming
/// no message the operator sees are listed in `InvalidMsgKeyList` (the Java SDK's field).
impl Emulate for DeleteC2cMsgRamble {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DeleteC2cMsgRambleResponse, Failure> {
        require_account(state, "Operator_Account", &self.operator_account, 90008)?;
        require_account(state, "Peer_Account", &self.peer_account, 90003)?;
        let (op, peer) = (&self.operator_account, &self.peer_account);
        let mut invalid = Vec::new();
        for key in self.msg_key_list {
            match state.messages.find_mut(op, peer, &key) {
                Some(m) if m.visible_to(op) => {
                    m.hidden_for.insert(op.clone());
                }
                _ => invalid.push(key),
            }
        }
        Ok(DeleteC2cMsgRambleResponse {
            status: ctx.ok(),
            invalid_msg_key_list: invalid,
            extra: Default::default(),
        })
    }
}

/// c2c_msg_read_receipt page (https://www.tencentcloud.com/document/product/1047/77776): each
/// `C2CMsgInfo` names a message `Peer_Account` sent to `Operator_Account` ("From_Account ...
/// Must match Peer_Account", "To_Account ... Must match Operator_Account"); its `IsPeerRead`
/// becomes 1. Not documented: unknown accounts 70107; a mismatched pair 90001; a key naming no
/// such message 20022 (as a recall); the whole request fails and nothing changes. Whether
/// the message asked for a receipt (`IsNeedReadReceipt`) is not checked.
impl Emulate for C2cMsgReadReceipt {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<C2cMsgReadReceiptResponse, Failure> {
        require_account(state, "Operator_Account", &self.operator_account, 70107)?;
        require_account(state, "Peer_Account", &self.peer_account, 70107)?;
        let (op, peer) = (&self.operator_account, &self.peer_account);
        for info in &self.c2c_msg_info {
            if &info.from_account != peer || &info.to_account != op {
                return Err(Failure::new(
                    90001,
                    "C2CMsgInfo: From_Account must be Peer_Account and To_Account Operator_Account",
                ));
            }
            let found = state.messages.find(op, peer, &info.msg_key);
            if !found.is_some_and(|m| &m.from == peer && &m.to == op) {
                return Err(Failure::new(
                    20022,
                    format!("no message with MsgKey {:?}", info.msg_key),
                ));
            }
        }
        for info in &self.c2c_msg_info {
            if let Some(m) = state.messages.find_mut(op, peer, &info.msg_key) {
                m.peer_read = true;
            }
        }
        Ok(C2cMsgReadReceiptResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// The message an extension call names: "23004: The one-to-one message does not exist".
/// `From_Account` left out is the admin.
fn ext_message<'a>(
    state: &'a mut State,
    from: Option<&str>,
    to: &str,
    key: &str,
) -> Result<&'a mut C2cMessage, Failure> {
    let from = from.unwrap_or(ADMIN_SENDER);
    sent_message(state, from, to, key).ok_or_else(|| {
        Failure::new(
            23004,
            format!("the one-to-one message {key:?} does not exist"),
        )
    })
}

/// get_key_values page: the pairs whose `Seq` is at least `StartSeq`, by `Seq`; "Up to 200
/// key-value pairs can be returned per pull" (a page ends between two `Seq`s, so the next
/// page can start past the last one; not documented); `LatestSeq`, `ClearSeq`; 23004 for a
/// missing message. A message sent without extension support has no pairs.
impl Emulate for GetKeyValues {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetKeyValuesResponse, Failure> {
        let start = self.start_seq.unwrap_or(0);
        let msg = ext_message(
            state,
            self.from_account.as_deref(),
            &self.to_account,
            &self.msg_key,
        )?;
        let ext = &msg.extensions;
        let mut pairs: Vec<Extension> = (ext.pairs.iter())
            .filter(|(_, (_, seq))| *seq >= start)
            .map(|(k, (v, seq))| Extension {
                key: k.clone(),
                value: v.clone(),
                seq: *seq,
                extra: Default::default(),
            })
            .collect();
        pairs.sort_by_key(|e| e.seq);
        let mut end = pairs.len();
        if pairs.len() > EXTENSIONS_PER_PAGE {
            let cut_seq = pairs[EXTENSIONS_PER_PAGE].seq;
            end = pairs.partition_point(|e| e.seq < cut_seq).max(
                // One Seq holds at most 20 pairs (one call); never an empty page.
                pairs.partition_point(|e| e.seq <= pairs[0].seq),
            );
        }
        let complete_flag = u32::from(end == pairs.len());
        pairs.truncate(end);
        Ok(GetKeyValuesResponse {
            status: ctx.ok(),
            complete_flag,
            latest_seq: ext.seq,
            clear_seq: ext.clear_seq,
            extension_list: pairs,
            extra: Default::default(),
        })
    }
}

/// set_key_values page: the message must support extensions ("23002: The configured
/// one-to-one message does not support message extension"), 23004 when it does not exist;
/// `ExtensionList` is required for set and delete (10004 otherwise). The sequence rule: a
/// pair given with a `Seq` must carry the pair's latest `Seq` (0 for a new key), else that
/// pair is refused with "23001 Seq conflict" and its current value returned; a pair without
/// `Seq` (an admin call) is not checked. Every pair changed by one call gets the message's
/// next `Seq`. Clear (3) removes every pair and sets `ClearSeq`. Not documented: a set that
/// would exceed "Up to 300 key-value pairs" for the message refuses the pair with 10004.
impl Emulate for SetKeyValues {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<SetKeyValuesResponse, Failure> {
        let op = self.operate_type;
        if op != operate_type::CLEAR && self.extension_list.is_none() {
            return Err(Failure::new(
                10004,
                "ExtensionList is required when OperateType is 1 (set) or 2 (delete)",
            ));
        }
        let msg = ext_message(
            state,
            self.from_account.as_deref(),
            &self.to_account,
            &self.msg_key,
        )?;
        if !msg.supports_extension {
            return Err(Failure::new(
                23002,
                "the message was not sent with SupportMessageExtension 1",
            ));
        }
        let ext = &mut msg.extensions;
        let next = ext.seq + 1;
        let mut changed = false;
        let mut results = Vec::new();
        if op == operate_type::CLEAR {
            ext.pairs.clear();
            ext.seq = next;
            ext.clear_seq = next;
        } else {
            for kv in self.extension_list.unwrap_or_default() {
                let current = ext.pairs.get(&kv.key).cloned();
                let current_seq = current.as_ref().map_or(0, |(_, s)| *s);
                let result = |code, value: String, seq| SetKeyValueResult {
                    error_code: code,
                    extension: Some(Extension {
                        key: kv.key.clone(),
                        value,
                        seq,
                        extra: Default::default(),
                    }),
                    extra: Default::default(),
                };
                if kv.seq.is_some_and(|s| s != current_seq) {
                    let (v, s) = current.unwrap_or_default();
                    results.push(result(23001, v, s));
                    continue;
                }
                if op == operate_type::SET {
                    if current.is_none() && ext.pairs.len() >= MAX_EXTENSIONS_PER_MESSAGE {
                        results.push(result(10004, kv.value.clone(), 0));
                        continue;
                    }
                    ext.pairs.insert(kv.key.clone(), (kv.value.clone(), next));
                    results.push(result(0, kv.value.clone(), next));
                } else {
                    ext.pairs.remove(&kv.key);
                    results.push(result(0, String::new(), next));
                }
                changed = true;
            }
            if changed {
                ext.seq = next;
            }
        }
        Ok(SetKeyValuesResponse {
            status: ctx.ok(),
            extension_list: results,
            extra: Default::default(),
        })
    }
}
