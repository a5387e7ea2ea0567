//! One-to-one (C2C) messages: `openim/sendmsg`, `batchsendmsg`, `importmsg`, history
//! (`admin_getroammsg`), recall, read state, modification, one-sided deletion, read receipts
//! and message extensions (`openim_msg_ext_http_svc/*_key_values`).
//!
//! # Message identity and retries
//!
//! A one-to-one message is named by its `MsgKey` (`"{MsgSeq}_{MsgRandom}_{MsgTime}"` in every
//! documented sample). The service deduplicates a send by its `MsgRandom` (and `MsgSeq`), so a
//! send request fixes both when it is built ([`SendMsg::new`], or JSON input that leaves them
//! out): every retry of one call carries the same values and is deduplicated instead of
//! delivered twice. Give your own values to make a send reproducible across processes.
//!
//! Every `MsgBody` is a list of [`MsgElement`]s checked by [`check_msg_body`] (at least one
//! element, at most one `TIMCustomElem`, at most 12 KB of JSON).

use crate::api::common::from_account;
use crate::api::msg_body::{
    check_msg_body, new_random, MsgElement, OfflinePushInfo, MSG_BODY_SIZE,
};
use crate::declare::{endpoint, payload, response, Path};
use crate::endpoint::Paginated;
use crate::envelope::ResponseStatus;
use crate::error::ApiError;
use crate::error::ValidationError;
use crate::wire_enum;

const SENDMSG_DOC: &str = "https://intl.cloud.tencent.com/document/product/1047/34919";

/// The `MsgKey` the service gives a one-to-one message: `"{MsgSeq}_{MsgRandom}_{MsgTime}"`
/// (the shape of every documented sample, e.g. `"89541_2574206_1572870301"`).
pub fn msg_key(seq: u32, random: u32, time: u64) -> String {
    format!("{seq}_{random}_{time}")
}

/// The parts of a `MsgKey` of that shape: `(MsgSeq, MsgRandom, MsgTime)`.
pub fn parse_msg_key(key: &str) -> Option<(u32, u32, u64)> {
    let mut it = key.split('_');
    let (a, b, c) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?))
}

wire_enum! {
    /// `SendMsgControl` values: per-message delivery controls.
    pub enum SendMsgControl {
        /// Not counted as unread.
        NoUnread = "NoUnread",
        /// Does not refresh the conversation list.
        NoLastMsg = "NoLastMsg",
        /// Honors the recipient's "mute notifications" setting.
        WithMuteNotifications = "WithMuteNotifications",
    }
}

wire_enum! {
    /// `ForbidCallbackControl` values: the webhooks not triggered by this message.
    pub enum ForbidCallback {
        /// No "before a one-to-one message is sent" webhook.
        ForbidBeforeSendMsgCallback = "ForbidBeforeSendMsgCallback",
        /// No "after a one-to-one message is sent" webhook.
        ForbidAfterSendMsgCallback = "ForbidAfterSendMsgCallback",
    }
}

/// `SyncOtherMachine` / 0-1 flags: "1 or 2" and "0 or 1" rules.
fn check_sync(v: &u32, at: &Path) -> Result<(), ValidationError> {
    match v {
        1 | 2 => Ok(()),
        _ => Err(ValidationError::new(
            at.render(),
            format!("is {v}; SyncOtherMachine is 1 (sync to the sender) or 2 (do not sync) (see {SENDMSG_DOC})"),
        )),
    }
}

/// Sends a one-to-one message (`v4/openim/sendmsg`), from the admin or, with `From_Account`,
/// from that account.
///
/// `MsgRandom` and `MsgSeq` are fixed when the request is built, so retries are deduplicated
/// by the service:
///
/// ```
/// use chatadmin_core::api::message::SendMsg;
/// use chatadmin_core::api::msg_body::MsgElement;
/// let req = SendMsg::new("bob", [MsgElement::text("hi")]).from_account("alice").sync_other_machine(1);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["To_Account"], "bob");
/// assert_eq!(body["MsgBody"][0]["MsgContent"]["Text"], "hi");
/// assert_eq!(body["MsgRandom"], req.msg_random);
/// // The same request encodes the same keys every time it is sent.
/// assert_eq!(chatadmin_core::registry::encode_request(&req).unwrap(), body);
/// let fixed = SendMsg::new("bob", ["hi"]).msg_random(7).msg_seq(8);
/// assert_eq!(chatadmin_core::registry::encode_request(&fixed).unwrap()["MsgRandom"], 7);
/// ```
#[endpoint(
    path = "openim/sendmsg",
    summary = "Send a one-to-one message",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34919",
    // The service deduplicates by MsgRandom (fixed before the first attempt).
    idempotency = DedupKeyed,
    response = SendMsgResponse
)]
pub struct SendMsg {
    /// 1: sync the message to the sender's devices and roaming; 2: do not. Left out: the
    /// sender's roaming gets it.
    #[serde(rename = "SyncOtherMachine")]
    #[check(check_sync)]
    pub sync_other_machine: Option<u32>,
    /// The sender; left out, the admin sends.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
    /// The recipient.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// Offline retention in seconds (0: online only; longer than 604800 is kept 7 days).
    #[serde(rename = "MsgLifeTime")]
    pub msg_life_time: Option<u32>,
    /// Sequence number used for dedup and ordering within one second; filled with a random
    /// value when the request is built.
    #[serde(rename = "MsgSeq", default = "new_random")]
    pub msg_seq: u32,
    /// Random number used for dedup; filled when the request is built (before any attempt).
    #[serde(rename = "MsgRandom", default = "new_random")]
    pub msg_random: u32,
    /// Webhooks not triggered by this message.
    #[serde(rename = "ForbidCallbackControl")]
    pub forbid_callback_control: Option<Vec<ForbidCallback>>,
    /// Delivery controls.
    #[serde(rename = "SendMsgControl")]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    /// The message body.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Vec<MsgElement>,
    /// Custom data stored with the message.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
    /// 1: the message supports extensions (`set_key_values`).
    #[serde(rename = "SupportMessageExtension")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34919 (SupportMessageExtension: 0 or 1)"
    )]
    pub support_message_extension: Option<u32>,
    /// Offline push settings.
    #[serde(rename = "OfflinePushInfo")]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// 1: the message asks for a read receipt.
    #[serde(rename = "IsNeedReadReceipt")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34919 (IsNeedReadReceipt: 0 or 1)"
    )]
    pub is_need_read_receipt: Option<u32>,
}

/// The answer to [`SendMsg`]: the message's time and key.
#[response]
pub struct SendMsgResponse {
    /// The message's timestamp (unix seconds).
    #[serde(rename = "MsgTime")]
    pub msg_time: u64,
    /// The message's key (for recall, modification...).
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
}

/// Sends one message to many accounts (`v4/openim/batchsendmsg`); at most 500 recipients per
/// request (the client splits longer lists and merges the per-account errors).
///
/// ```
/// use chatadmin_core::api::message::BatchSendMsg;
/// let req = BatchSendMsg::new(["bob", "carol"], ["hi"]).from_account("dave");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["To_Account"], serde_json::json!(["bob", "carol"]));
/// assert_eq!(body["MsgRandom"], req.msg_random);
/// ```
#[endpoint(
    path = "openim/batchsendmsg",
    summary = "Send a one-to-one message to many accounts",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34920",
    // Deduplicated per recipient by MsgRandom, fixed before the first attempt.
    idempotency = DedupKeyed,
    response = BatchSendMsgResponse
)]
pub struct BatchSendMsg {
    /// 1: sync to the sender's devices and roaming; 2: do not.
    #[serde(rename = "SyncOtherMachine")]
    #[check(check_sync)]
    pub sync_other_machine: Option<u32>,
    /// The sender; left out, the admin sends.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
    /// The recipients: "send one-to-one messages to multiple users (up to 500) at a time".
    #[serde(rename = "To_Account")]
    #[limit(
        items(max = 500),
        source = "https://intl.cloud.tencent.com/document/product/1047/34920 (up to 500 recipients at a time; 90011 beyond)"
    )]
    #[user_id]
    #[split]
    pub to_account: Vec<String>,
    /// Sequence number; filled with a random value when the request is built.
    #[serde(rename = "MsgSeq", default = "new_random")]
    pub msg_seq: u32,
    /// Random number used for dedup; filled when the request is built.
    #[serde(rename = "MsgRandom", default = "new_random")]
    pub msg_random: u32,
    /// The message body.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Vec<MsgElement>,
    /// Offline retention in seconds (0: online only).
    #[serde(rename = "MsgLifeTime")]
    pub msg_life_time: Option<u32>,
    /// Custom data stored with the message.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
    /// Delivery controls.
    #[serde(rename = "SendMsgControl")]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    /// Offline push settings.
    #[serde(rename = "OfflinePushInfo")]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// 1: the message asks for a read receipt.
    #[serde(rename = "IsNeedReadReceipt")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34920 (IsNeedReadReceipt: 0 or 1)"
    )]
    pub is_need_read_receipt: Option<u32>,
}

/// A recipient the batch message did not reach.
#[response(item)]
pub struct BatchSendError {
    /// The account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// Why (70107: the account does not exist).
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
}

/// The answer to [`BatchSendMsg`]: the message's key, and the recipients it did not reach
/// (`ActionStatus` "SomeError" then).
#[response(all_failed = BatchSendMsgResponse::all_failed)]
pub struct BatchSendMsgResponse {
    /// The message's key (of the first part, in a split call).
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
    /// The recipients the message did not reach.
    #[serde(rename = "ErrorList", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub error_list: Vec<BatchSendError>,
}

impl BatchSendMsgResponse {
    /// "If the message was sent to none of the target accounts, the value is not 0": when that
    /// answer lists the failed accounts, in a split call it is one part's per-item data.
    fn all_failed(error: &ApiError) -> Option<Self> {
        let body = error.body.as_ref()?;
        let mut resp: BatchSendMsgResponse = serde_json::from_value(body.clone()).ok()?;
        if resp.error_list.is_empty() {
            return None;
        }
        resp.status = ResponseStatus::ok();
        Some(resp)
    }

    /// The recipients the message did not reach.
    pub fn failures(&self) -> impl Iterator<Item = &BatchSendError> {
        self.error_list.iter()
    }
}

fn check_sync_from_old_system(v: &u32, at: &Path) -> Result<(), ValidationError> {
    match v {
        2 | 5 => Ok(()),
        _ => Err(ValidationError::new(
            at.render(),
            format!("is {v}; SyncFromOldSystem is 2 (historical, read) or 5 (real-time, unread) (see https://intl.cloud.tencent.com/document/product/1047/35014)"),
        )),
    }
}

/// Imports one one-to-one message with its original time (`v4/openim/importmsg`). No
/// webhooks; duplicates (same `MsgSeq`, `MsgRandom` and `MsgTimeStamp` in the conversation)
/// are dropped. For migrations, give deterministic `MsgSeq`/`MsgRandom` values.
///
/// ```
/// use chatadmin_core::api::message::ImportMsg;
/// let req = ImportMsg::new(2, "alice", "bob", 1556178721, ["hi"]).msg_seq(1).msg_random(2);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgTimeStamp"], 1556178721);
/// assert_eq!(body["SyncFromOldSystem"], 2);
/// ```
#[endpoint(
    path = "openim/importmsg",
    summary = "Import a one-to-one message with its original time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/35014",
    // Duplicates are matched on MsgSeq, MsgRandom and MsgTimeStamp, all fixed in the request.
    idempotency = Idempotent,
    response = ImportMsgResponse
)]
pub struct ImportMsg {
    /// 2: historical (read, not pushed); 5: real-time (unread, pushed).
    #[serde(rename = "SyncFromOldSystem")]
    #[check(check_sync_from_old_system)]
    pub sync_from_old_system: u32,
    /// The sender.
    pub from_account: from_account!(),
    /// The recipient.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// Sequence number; filled with a random value when the request is built.
    #[serde(rename = "MsgSeq", default = "new_random")]
    pub msg_seq: u32,
    /// Random number; filled when the request is built.
    #[serde(rename = "MsgRandom", default = "new_random")]
    pub msg_random: u32,
    /// When the message was sent (unix seconds), kept as given.
    #[serde(rename = "MsgTimeStamp")]
    pub msg_time_stamp: u64,
    /// The message body.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Vec<MsgElement>,
    /// Custom data stored with the message.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
}

/// The answer to [`ImportMsg`].
#[response]
pub struct ImportMsgResponse {}

/// Reads the history of a one-to-one conversation as one party sees it, in a time range
/// (`v4/openim/admin_getroammsg`). Pages go back in time: the next page keeps `MinTime`,
/// sets `MaxTime` to the previous `LastMsgTime` and sends its `LastMsgKey`
/// ([`ApiRequest::next_page`](crate::ApiRequest::next_page) does this) until `Complete` is 1.
///
/// ```
/// use chatadmin_core::api::message::{AdminGetRoamMsg, AdminGetRoamMsgResponse};
/// use chatadmin_core::ApiRequest;
/// let req = AdminGetRoamMsg::new("user2", "user1", 100, 1584669600, 1584673200);
/// let page: AdminGetRoamMsgResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "Complete": 0, "LastMsgTime": 1584669680,
///     "LastMsgKey": "549396494_2578554_1584669680", "MsgList": []})).unwrap();
/// let next = req.next_page(&page).unwrap();
/// assert_eq!(next.max_time, 1584669680);
/// assert_eq!(next.last_msg_key.as_deref(), Some("549396494_2578554_1584669680"));
/// ```
#[endpoint(
    path = "openim/admin_getroammsg",
    summary = "Read a one-to-one conversation's history in a time range, a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/35478",
    // A read.
    idempotency = Idempotent,
    response = AdminGetRoamMsgResponse,
    page_items = "MsgList",
    next_page = AdminGetRoamMsg::page_after
)]
pub struct AdminGetRoamMsg {
    /// The party whose view of the conversation is read.
    #[serde(rename = "Operator_Account")]
    #[user_id]
    pub operator_account: String,
    /// The other party.
    #[serde(rename = "Peer_Account")]
    #[user_id]
    pub peer_account: String,
    /// How many messages to read (a page holds at most this many).
    #[serde(rename = "MaxCnt")]
    pub max_cnt: u32,
    /// Start of the time range (unix seconds).
    #[serde(rename = "MinTime")]
    pub min_time: u64,
    /// End of the time range (unix seconds).
    #[serde(rename = "MaxTime")]
    pub max_time: u64,
    /// The previous page's `LastMsgKey`, to continue.
    #[serde(rename = "LastMsgKey")]
    pub last_msg_key: Option<String>,
}

impl AdminGetRoamMsg {
    /// "In the continued pulling request, the value of `MaxTime` must be changed to the value
    /// of `LastMsgTime` in the response, and the `LastMsgKey` in the response must be
    /// entered". `None` when `Complete` is 1 or the page gives no key.
    fn page_after(&self, resp: &AdminGetRoamMsgResponse) -> Option<Self> {
        let key = resp.last_msg_key.as_ref().filter(|k| !k.is_empty())?;
        (resp.complete == 0 && self.last_msg_key.as_ref() != Some(key)).then(|| AdminGetRoamMsg {
            max_time: resp.last_msg_time,
            last_msg_key: Some(key.clone()),
            ..self.clone()
        })
    }
}

impl Paginated for AdminGetRoamMsg {
    type Item = RoamMsg;

    fn into_items(resp: AdminGetRoamMsgResponse) -> Vec<RoamMsg> {
        resp.msg_list
    }
}

/// One message of a one-to-one history.
#[response(item)]
pub struct RoamMsg {
    /// The sender.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The recipient.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The message's `MsgSeq`.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u32,
    /// The message's `MsgRandom`.
    #[serde(rename = "MsgRandom")]
    pub msg_random: u32,
    /// When it was sent (unix seconds).
    #[serde(rename = "MsgTimeStamp")]
    pub msg_time_stamp: u64,
    /// 0: normal; 8: recalled.
    #[serde(rename = "MsgFlagBits")]
    pub msg_flag_bits: u32,
    /// 1 when the recipient sent a read receipt for it.
    #[serde(rename = "IsPeerRead")]
    pub is_peer_read: u32,
    /// The message's key.
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
    /// The body.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<MsgElement>,
    /// Custom data stored with the message.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
}

impl RoamMsg {
    /// `MsgFlagBits` 8: the message was recalled.
    pub const RECALLED: u32 = 8;

    /// Whether the message was recalled.
    pub fn is_recalled(&self) -> bool {
        self.msg_flag_bits & Self::RECALLED != 0
    }
}

/// A page of [`AdminGetRoamMsg`].
#[response]
pub struct AdminGetRoamMsgResponse {
    /// 1: everything in the range has been read; 0: continue.
    #[serde(rename = "Complete")]
    pub complete: u32,
    /// How many messages this page holds.
    #[serde(rename = "MsgCnt")]
    pub msg_cnt: u32,
    /// The time of the page's oldest message.
    #[serde(rename = "LastMsgTime")]
    pub last_msg_time: u64,
    /// The key of the page's oldest message.
    #[serde(rename = "LastMsgKey")]
    pub last_msg_key: Option<String>,
    /// The messages, oldest first.
    #[serde(rename = "MsgList")]
    pub msg_list: Vec<RoamMsg>,
}

/// Recalls a one-to-one message (`v4/openim/admin_msgwithdraw`); it stays in history with
/// `MsgFlagBits` 8.
///
/// ```
/// use chatadmin_core::api::message::AdminMsgWithdraw;
/// let req = AdminMsgWithdraw::new("vinson", "dramon", "31906_833502_1572869830");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgKey"], "31906_833502_1572869830");
/// ```
#[endpoint(
    path = "openim/admin_msgwithdraw",
    summary = "Recall a one-to-one message",
    doc = "https://intl.cloud.tencent.com/document/product/1047/35015",
    // A second recall changes nothing (it answers 20023).
    idempotency = Idempotent,
    response = AdminMsgWithdrawResponse
)]
pub struct AdminMsgWithdraw {
    /// The sender.
    pub from_account: from_account!(),
    /// The recipient.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The message's key.
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
}

/// The answer to [`AdminMsgWithdraw`].
#[response]
pub struct AdminMsgWithdrawResponse {}

/// Marks a one-to-one conversation read for one party up to a time
/// (`v4/openim/admin_set_msg_read`).
///
/// ```
/// use chatadmin_core::api::message::AdminSetMsgRead;
/// let req = AdminSetMsgRead::new("dramon1", "dramon2").msg_read_time("1584669600");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgReadTime"], "1584669600");
/// ```
#[endpoint(
    path = "openim/admin_set_msg_read",
    summary = "Mark a one-to-one conversation read",
    doc = "https://intl.cloud.tencent.com/document/product/1047/38996",
    // Setting the same read point again changes nothing.
    idempotency = Idempotent,
    response = AdminSetMsgReadResponse
)]
pub struct AdminSetMsgRead {
    /// The account that reads.
    #[serde(rename = "Report_Account")]
    #[user_id]
    pub report_account: String,
    /// The other party.
    #[serde(rename = "Peer_Account")]
    #[user_id]
    pub peer_account: String,
    /// Messages up to this unix time (seconds, as a string per the page) are read; left out,
    /// all messages up to now.
    #[serde(rename = "MsgReadTime")]
    pub msg_read_time: Option<String>,
}

/// The answer to [`AdminSetMsgRead`].
#[response]
pub struct AdminSetMsgReadResponse {}

/// Reads unread counts of one account's one-to-one conversations
/// (`v4/openim/get_c2c_unread_msg_num`): all of them, or those with at most 10 named peers.
///
/// ```
/// use chatadmin_core::api::message::GetC2cUnreadMsgNum;
/// let req = GetC2cUnreadMsgNum::new("dramon1").peer_account(["dramon2"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Peer_Account"], serde_json::json!(["dramon2"]));
/// ```
#[endpoint(
    path = "openim/get_c2c_unread_msg_num",
    summary = "Read the unread counts of an account's one-to-one conversations",
    doc = "https://intl.cloud.tencent.com/document/product/1047/41046",
    // A read.
    idempotency = Idempotent,
    response = GetC2cUnreadMsgNumResponse
)]
pub struct GetC2cUnreadMsgNum {
    /// The account whose counts are read.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The peers to read (left out: the total over all conversations).
    #[serde(rename = "Peer_Account")]
    #[limit(
        items(max = 10),
        source = "https://intl.cloud.tencent.com/document/product/1047/41046 (Peer_Account: the array can contain up to 10 UserIDs)"
    )]
    #[user_id]
    pub peer_account: Option<Vec<String>>,
}

/// The unread count of one conversation.
#[response(item)]
pub struct C2cUnreadMsgNum {
    /// The peer.
    #[serde(rename = "Peer_Account")]
    pub peer_account: String,
    /// Unread messages from the peer.
    #[serde(rename = "C2CUnreadMsgNum")]
    pub c2c_unread_msg_num: u64,
}

/// A peer whose count could not be read.
#[response(item)]
pub struct UnreadError {
    /// The peer.
    #[serde(rename = "Peer_Account")]
    pub peer_account: String,
    /// Why (70107: the account does not exist).
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
}

/// The answer to [`GetC2cUnreadMsgNum`]: the total (when no peers were named) or one count
/// per named peer.
#[response]
pub struct GetC2cUnreadMsgNumResponse {
    /// Unread messages over all one-to-one conversations.
    #[serde(rename = "AllC2CUnreadMsgNum")]
    pub all_c2c_unread_msg_num: Option<u64>,
    /// Per-peer counts.
    #[serde(rename = "C2CUnreadMsgNumList", skip_serializing_if = "Vec::is_empty")]
    pub c2c_unread_msg_num_list: Vec<C2cUnreadMsgNum>,
    /// Peers that could not be read.
    #[serde(rename = "ErrorList", skip_serializing_if = "Vec::is_empty")]
    pub error_list: Vec<UnreadError>,
}

impl GetC2cUnreadMsgNumResponse {
    /// The unread count with `peer`, when it was returned.
    pub fn unread_with(&self, peer: &str) -> Option<u64> {
        (self.c2c_unread_msg_num_list.iter())
            .find(|c| c.peer_account == peer)
            .map(|c| c.c2c_unread_msg_num)
    }
}

/// At least one of `MsgBody` and `CloudCustomData`.
fn check_modify(req: &ModifyC2cMsg, at: &Path) -> Result<(), ValidationError> {
    match (&req.msg_body, &req.cloud_custom_data) {
        (None, None) => Err(ValidationError::new(
            at.field("MsgBody").render(),
            "give MsgBody, CloudCustomData or both: there is nothing to modify".to_owned(),
        )),
        _ => Ok(()),
    }
}

/// Overwrites the body and/or custom data of a one-to-one message
/// (`v4/openim/modify_c2c_msg`).
///
/// ```
/// use chatadmin_core::api::message::ModifyC2cMsg;
/// use chatadmin_core::ApiRequest;
/// let req = ModifyC2cMsg::new("dramon1", "dramon2", "1_2_3").msg_body(["hello"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgBody"][0]["MsgContent"]["Text"], "hello");
/// assert!(ModifyC2cMsg::new("a", "b", "1_2_3").validate().is_err());
/// ```
#[endpoint(
    path = "openim/modify_c2c_msg",
    summary = "Modify a one-to-one message's body or custom data",
    doc = "https://intl.cloud.tencent.com/document/product/1047/47722",
    // Overwrites with the given values.
    idempotency = Idempotent,
    response = ModifyC2cMsgResponse,
    validate = check_modify
)]
pub struct ModifyC2cMsg {
    /// The sender.
    pub from_account: from_account!(),
    /// The recipient.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The message's key.
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
    /// The new body.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Option<Vec<MsgElement>>,
    /// The new custom data.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
}

/// The answer to [`ModifyC2cMsg`].
#[response]
pub struct ModifyC2cMsgResponse {}

/// Deletes messages of a one-to-one conversation for one party only
/// (`v4/openim/delete_c2c_msg_ramble`); at most 30 per request (the client splits longer
/// lists). Page: https://cloud.tencent.com/document/product/269/101439 (the page is in
/// Chinese; found with the search tool).
///
/// ```
/// use chatadmin_core::api::message::DeleteC2cMsgRamble;
/// let req = DeleteC2cMsgRamble::new("user0", "user1", ["1472765512_1000001_1697790495"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgKeyList"][0], "1472765512_1000001_1697790495");
/// ```
#[endpoint(
    path = "openim/delete_c2c_msg_ramble",
    summary = "Delete one-to-one messages for one party only",
    doc = "https://cloud.tencent.com/document/product/269/101439",
    // Deleting deleted messages changes nothing.
    idempotency = Idempotent,
    response = DeleteC2cMsgRambleResponse
)]
pub struct DeleteC2cMsgRamble {
    /// The party for whom the messages are deleted.
    #[serde(rename = "Operator_Account")]
    #[user_id]
    pub operator_account: String,
    /// The other party.
    #[serde(rename = "Peer_Account")]
    #[user_id]
    pub peer_account: String,
    /// The keys of the messages to delete.
    #[serde(rename = "MsgKeyList")]
    #[limit(
        items(max = 30),
        source = "https://cloud.tencent.com/document/product/269/101439 (MsgKeyList: at most 30 messages per request)"
    )]
    #[split]
    pub msg_key_list: Vec<String>,
}

/// The answer to [`DeleteC2cMsgRamble`].
#[response]
pub struct DeleteC2cMsgRambleResponse {
    /// Keys that named no message of the conversation (in the Java SDK's model; not on the
    /// page).
    #[serde(rename = "InvalidMsgKeyList", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub invalid_msg_key_list: Vec<String>,
}

/// One message a read receipt is sent for.
#[payload]
pub struct C2cMsgInfo {
    /// The message's sender (must be `Peer_Account`).
    pub from_account: from_account!(),
    /// The message's recipient (must be `Operator_Account`).
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The message's key.
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
}

/// Sends read receipts for one-to-one messages, as their recipient
/// (`v4/openim/c2c_msg_read_receipt`). Page found with the search tool:
/// https://www.tencentcloud.com/document/product/1047/77776.
///
/// ```
/// use chatadmin_core::api::message::{C2cMsgInfo, C2cMsgReadReceipt};
/// let req = C2cMsgReadReceipt::new("user1", "user2", [C2cMsgInfo::new("user2", "user1", "1_2_3")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["C2CMsgInfo"][0]["MsgKey"], "1_2_3");
/// ```
#[endpoint(
    path = "openim/c2c_msg_read_receipt",
    summary = "Send read receipts for one-to-one messages",
    doc = "https://www.tencentcloud.com/document/product/1047/77776",
    // Marking read twice changes nothing.
    idempotency = Idempotent,
    response = C2cMsgReadReceiptResponse
)]
pub struct C2cMsgReadReceipt {
    /// The recipient sending the receipts.
    #[serde(rename = "Operator_Account")]
    #[user_id]
    pub operator_account: String,
    /// The messages' sender.
    #[serde(rename = "Peer_Account")]
    #[user_id]
    pub peer_account: String,
    /// The messages.
    #[serde(rename = "C2CMsgInfo")]
    pub c2c_msg_info: Vec<C2cMsgInfo>,
}

/// The answer to [`C2cMsgReadReceipt`].
#[response]
pub struct C2cMsgReadReceiptResponse {}

// ---------------------------------------------------------------------------------------------
// Message extensions
// ---------------------------------------------------------------------------------------------

pub use crate::api::msg_body::{EXTENSIONS_PER_PAGE, MAX_EXTENSIONS_PER_MESSAGE};

/// Reads a one-to-one message's extensions (`v4/openim_msg_ext_http_svc/get_key_values`), at
/// most 200 a page; the next page starts at `StartSeq` past the last `Seq` returned.
///
/// ```
/// use chatadmin_core::api::message::{GetKeyValues, GetKeyValuesResponse};
/// use chatadmin_core::ApiRequest;
/// let req = GetKeyValues::new("116400", "44739199_12_1665388280").from_account("62768");
/// let page: GetKeyValuesResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "CompleteFlag": 0, "LatestSeq": 9,
///     "ExtensionList": [{"Key": "k", "Value": "v", "Seq": 4}]})).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().start_seq, Some(5));
/// ```
#[endpoint(
    path = "openim_msg_ext_http_svc/get_key_values",
    summary = "Read a one-to-one message's extensions (key-value pairs)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/51194",
    // A read.
    idempotency = Idempotent,
    response = GetKeyValuesResponse,
    page_items = "ExtensionList",
    next_page = GetKeyValues::page_after
)]
pub struct GetKeyValues {
    /// The message's sender; left out, the admin.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
    /// The message's recipient.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The message's key.
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
    /// Only pairs whose `Seq` is at least this.
    #[serde(rename = "StartSeq")]
    pub start_seq: Option<u64>,
}

impl GetKeyValues {
    /// "If there are more than 200 key-value pairs, they need to be pulled in batches based on
    /// `StartSeq`": the next page starts past the page's highest `Seq`.
    fn page_after(&self, resp: &GetKeyValuesResponse) -> Option<Self> {
        let last = resp.extension_list.iter().map(|e| e.seq).max()?;
        (resp.complete_flag == 0 && Some(last + 1) > self.start_seq).then(|| GetKeyValues {
            start_seq: Some(last + 1),
            ..self.clone()
        })
    }
}

impl Paginated for GetKeyValues {
    type Item = Extension;

    fn into_items(resp: GetKeyValuesResponse) -> Vec<Extension> {
        resp.extension_list
    }
}

/// A stored key-value pair of a message.
#[response(item)]
pub struct Extension {
    /// The key.
    #[serde(rename = "Key")]
    pub key: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: String,
    /// The pair's version.
    #[serde(rename = "Seq")]
    pub seq: u64,
}

/// A page of [`GetKeyValues`].
#[response]
pub struct GetKeyValuesResponse {
    /// 1: every pair was returned.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u32,
    /// The highest `Seq` of the message's pairs.
    #[serde(rename = "LatestSeq")]
    pub latest_seq: u64,
    /// Pairs with a `Seq` up to this were cleared.
    #[serde(rename = "ClearSeq")]
    pub clear_seq: u64,
    /// The pairs, by `Seq`.
    #[serde(rename = "ExtensionList")]
    pub extension_list: Vec<Extension>,
}

/// A key-value pair to set or delete.
#[payload]
pub struct KeyValue {
    /// The key: "can be up to 100 bytes".
    #[serde(rename = "Key")]
    #[limit(
        bytes(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/51195 (Key: up to 100 bytes)"
    )]
    pub key: String,
    /// The value: "can be up to 1,000 bytes".
    #[serde(rename = "Value")]
    #[limit(
        bytes(max = 1000, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/51195 (Value: up to 1,000 bytes)"
    )]
    pub value: String,
    /// The pair's current version (0 for a new key). Given, the service refuses the change
    /// with 23001 when the pair changed since; left out (admin), no check.
    #[serde(rename = "Seq")]
    pub seq: Option<u64>,
}

/// `OperateType` 1 set, 2 delete, 3 clear.
pub mod operate_type {
    /// Set the listed pairs.
    pub const SET: u32 = 1;
    /// Delete the listed pairs.
    pub const DELETE: u32 = 2;
    /// Delete every pair.
    pub const CLEAR: u32 = 3;
}

/// Sets, deletes or clears a one-to-one message's extensions
/// (`v4/openim_msg_ext_http_svc/set_key_values`); at most 20 pairs per request. The message
/// must have been sent with `SupportMessageExtension` 1. A pair given with a `Seq` that is not
/// its current one is refused (23001, "Seq conflict") and its current value returned.
///
/// ```
/// use chatadmin_core::api::message::{operate_type, KeyValue, SetKeyValues};
/// let req = SetKeyValues::new("116400", "44739199_12_1665388280", operate_type::SET)
///     .extension_list([KeyValue::new("k1", "v1").seq(0)]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["ExtensionList"][0], serde_json::json!({"Key": "k1", "Value": "v1", "Seq": 0}));
/// ```
#[endpoint(
    path = "openim_msg_ext_http_svc/set_key_values",
    summary = "Set, delete or clear a one-to-one message's extensions",
    doc = "https://intl.cloud.tencent.com/document/product/1047/51195",
    // Sets and deletes of named keys give the same state when repeated (a repeat with the
    // same Seq answers 23001 per pair, which is data).
    idempotency = Idempotent,
    response = SetKeyValuesResponse
)]
pub struct SetKeyValues {
    /// The message's sender; left out, the admin.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
    /// The message's recipient.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The message's key.
    #[serde(rename = "MsgKey")]
    pub msg_key: String,
    /// 1 set, 2 delete, 3 clear (see [`operate_type`]).
    #[serde(rename = "OperateType")]
    #[limit(
        range(min = 1, max = 3),
        source = "https://intl.cloud.tencent.com/document/product/1047/51195 (OperateType: 1 set, 2 delete, 3 clear)"
    )]
    pub operate_type: u32,
    /// The pairs (required for set and delete; the service answers 10004 without them):
    /// "Up to 20 key-value pairs can be set or deleted per
    /// request".
    #[serde(rename = "ExtensionList")]
    #[limit(
        items(max = 20),
        source = "https://intl.cloud.tencent.com/document/product/1047/51195 (ExtensionList: up to 20 key-value pairs per request)"
    )]
    pub extension_list: Option<Vec<KeyValue>>,
}

/// The result for one pair of [`SetKeyValues`].
#[response(item)]
pub struct SetKeyValueResult {
    /// 0, or why the pair was not changed (23001: Seq conflict).
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
    /// The pair as stored now.
    #[serde(rename = "Extension")]
    pub extension: Option<Extension>,
}

/// The answer to [`SetKeyValues`]: one result per pair.
#[response]
pub struct SetKeyValuesResponse {
    /// Per-pair results.
    #[serde(rename = "ExtensionList")]
    pub extension_list: Vec<SetKeyValueResult>,
}

impl SetKeyValuesResponse {
    /// The pairs that were not changed.
    pub fn failures(&self) -> impl Iterator<Item = &SetKeyValueResult> {
        self.extension_list.iter().filter(|r| r.error_code != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::ApiRequest;

    #[test]
    fn keys_are_fixed_once_per_request() {
        let a = SendMsg::new("bob", [MsgElement::text("x")]);
        let b = SendMsg::new("bob", [MsgElement::text("x")]);
        assert_ne!((a.msg_random, a.msg_seq), (b.msg_random, b.msg_seq));
        let c = a.clone();
        assert_eq!(a.msg_random, c.msg_random);
        // JSON input without MsgRandom gets one when decoded, once.
        let req: SendMsg = serde_json::from_value(serde_json::json!({
            "To_Account": "bob", "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "x"}}]
        }))
        .unwrap();
        let body = crate::registry::encode_request(&req).unwrap();
        assert_eq!(body["MsgRandom"], req.msg_random);
    }

    #[test]
    fn msg_keys_round_trip() {
        let k = msg_key(89541, 2574206, 1572870301);
        assert_eq!(k, "89541_2574206_1572870301");
        assert_eq!(parse_msg_key(&k), Some((89541, 2574206, 1572870301)));
        assert_eq!(parse_msg_key("1_2"), None);
        assert_eq!(parse_msg_key("a_2_3"), None);
        assert_eq!(parse_msg_key("1_2_3_4"), None);
    }

    #[test]
    fn sync_other_machine_is_1_or_2() {
        let e = SendMsg::new("bob", ["x"])
            .sync_other_machine(3)
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "SyncOtherMachine");
        let e = ImportMsg::new(3, "a", "b", 1, ["x"])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "SyncFromOldSystem");
    }
}
