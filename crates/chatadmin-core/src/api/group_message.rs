//! Group messages: send, system notifications, broadcasts, import, history, recall, modify,
//! delete and clear, read receipts and message extensions (`group_open_http_svc/*_msg*`,
//! `openim/modify_group_msg`, `openim_msg_ext_http_svc/group_{get,set}_key_values`).
//!
//! The message body is [`MsgElement`]s (see [`crate::api::msg_body`]); every `MsgBody` is checked
//! by [`check_msg_body`] (at least one element, at most one `TIMCustomElem`, at most 12 KB).
//!
//! # Sends are deduplicated on `Random`
//!
//! "If the content and random numbers of two messages within five minutes are the same, the
//! later message will be discarded as a repeated message" (send_group_msg page). A request
//! built with `new` (or parsed from JSON without `Random`) gets a random `Random` once, so every
//! retry of that request carries the same value and cannot post the message twice.
//!
//! # `MsgPriority`
//!
//! A string on send (`"High"`, `"Normal"`, `"Low"`, `"Lowest"`: [`MsgPriority`]) and an integer
//! in history (1 high, 2 normal, 3 low, 4 lowest: [`MsgPriority::history_value`]).

use crate::api::common::{from_account, StatusResponse};
use crate::api::group::group_id;
use crate::api::msg_body::{check_msg_body, MsgElement, OfflinePushInfo, MSG_BODY_SIZE};
use crate::declare::{endpoint, payload, response, Path};
use crate::endpoint::Paginated;
use crate::error::ValidationError;
use crate::wire_enum;

const SEND_DOC: &str = "https://intl.cloud.tencent.com/document/product/1047/34959";

/// The `Random` of a send, fixed before the first attempt (shared with one-to-one sends).
pub use crate::api::msg_body::new_random;

wire_enum! {
    /// The priority of a group message (`MsgPriority` on send): "`High`, `Normal`, and `Low`
    /// ... They are case-sensitive" (send_group_msg page; the catalog adds `Lowest`).
    pub enum MsgPriority {
        /// High.
        High = "High",
        /// Normal (the default).
        Normal = "Normal",
        /// Low.
        Low = "Low",
        /// Lowest.
        Lowest = "Lowest",
    }
}

impl MsgPriority {
    /// The integer history shows for this priority: "`1`: high priority; `2`: normal
    /// priority, `3`: low priority; `4`: lowest priority" (group_msg_get_simple page).
    /// `None` for a value this version does not know.
    ///
    /// ```
    /// use chatadmin_core::api::group_message::MsgPriority;
    /// assert_eq!(MsgPriority::High.history_value(), Some(1));
    /// assert_eq!(MsgPriority::Lowest.history_value(), Some(4));
    /// ```
    pub fn history_value(&self) -> Option<u32> {
        match self {
            MsgPriority::High => Some(1),
            MsgPriority::Normal => Some(2),
            MsgPriority::Low => Some(3),
            MsgPriority::Lowest => Some(4),
            MsgPriority::Other(_) => None,
        }
    }
}

wire_enum! {
    /// Callbacks a single message does not trigger (`ForbidCallbackControl`).
    pub enum ForbidCallback {
        /// No before-send callback.
        BeforeSend = "ForbidBeforeSendMsgCallback",
        /// No after-send callback.
        AfterSend = "ForbidAfterSendMsgCallback",
    }
}

wire_enum! {
    /// What a single message does not do (`SendMsgControl`).
    pub enum SendMsgControl {
        /// Does not update conversations.
        NoLastMsg = "NoLastMsg",
        /// Is not counted as unread.
        NoUnread = "NoUnread",
    }
}

/// One mention (`GroupAtInfo` item of send_group_msg), in the order of the @s in the text.
#[payload]
pub struct GroupAtItem {
    /// `1`: @all; `0`: @ one member (`GroupAt_Account`).
    #[serde(rename = "GroupAtAllFlag")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34959 (GroupAtAllFlag: 1 @all, 0 a member)"
    )]
    pub group_at_all_flag: u32,
    /// The member mentioned (with `GroupAtAllFlag` 0).
    #[serde(rename = "GroupAt_Account")]
    #[user_id]
    pub group_at_account: Option<String>,
}

impl GroupAtItem {
    /// @all.
    pub fn all() -> Self {
        GroupAtItem::new(1)
    }

    /// @ one member.
    pub fn member(account: impl Into<String>) -> Self {
        GroupAtItem::new(0).group_at_account(account)
    }
}

/// One message sequence (`MsgSeqList` item of recall and the receipt calls).
#[payload]
pub struct MsgSeqItem {
    /// The message's sequence in its group.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
}

impl From<u64> for MsgSeqItem {
    fn from(msg_seq: u64) -> Self {
        MsgSeqItem::new(msg_seq)
    }
}

// ---------------------------------------------------------------------------------------------
// send_group_msg
// ---------------------------------------------------------------------------------------------

/// Sends an ordinary message to a group (`v4/group_open_http_svc/send_group_msg`), as the app
/// admin or as a member (`From_Account`). `Random` is drawn once in `new` (see the
/// [module documentation](self)).
///
/// ```
/// use chatadmin_core::api::group_message::{MsgPriority, SendGroupMsg};
/// use chatadmin_core::api::msg_body::MsgElement;
/// let req = SendGroupMsg::new("@TGS#2C5SZEAEF", [MsgElement::text("red packet")])
///     .from_account("leckie")
///     .msg_priority(MsgPriority::High);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgBody"][0]["MsgContent"]["Text"], "red packet");
/// assert_eq!(body["MsgPriority"], "High");
/// assert_eq!(body["Random"], req.random);
/// ```
#[endpoint(
    path = "group_open_http_svc/send_group_msg",
    summary = "Send an ordinary message to a group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34959",
    // The same Random and content within 5 minutes is discarded as a repeat; Random is fixed
    // per request before the first attempt.
    idempotency = DedupKeyed,
    response = SendGroupMsgResponse,
    validate = SendGroupMsg::check_controls
)]
pub struct SendGroupMsg {
    /// The group.
    pub group_id: group_id!(),
    /// The deduplication key, a 32-bit unsigned integer; drawn by `new` (and for JSON input
    /// without it).
    #[serde(rename = "Random", default = "new_random")]
    pub random: u32,
    /// The priority (`Normal` by default).
    #[serde(rename = "MsgPriority")]
    pub msg_priority: Option<MsgPriority>,
    /// The message.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Vec<MsgElement>,
    /// The sender; the app admin when left out. Must exist.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
    /// Offline push settings.
    #[serde(rename = "OfflinePushInfo")]
    pub offline_push_info: Option<OfflinePushInfo>,
    /// Callbacks this message does not trigger.
    #[serde(rename = "ForbidCallbackControl")]
    pub forbid_callback_control: Option<Vec<ForbidCallback>>,
    /// `1`: to online members only (not stored); `0` (default): to all.
    #[serde(rename = "OnlineOnlyFlag")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34959 (OnlineOnlyFlag: 1 online members only, 0 all)"
    )]
    pub online_only_flag: Option<u32>,
    /// `NoLastMsg`, `NoUnread`; not with `OnlineOnlyFlag` 1.
    #[serde(rename = "SendMsgControl")]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    /// Custom data stored with the message.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
    /// `1`: the message supports extensions (`group_set_key_values`).
    #[serde(rename = "SupportMessageExtension")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34959 (SupportMessageExtension: 0 no, 1 yes)"
    )]
    pub support_message_extension: Option<u32>,
    /// Only these members receive the message (at most 50; not counted as unread).
    #[serde(rename = "To_Account")]
    #[limit(
        items(max = 50),
        source = "https://intl.cloud.tencent.com/document/product/1047/34959 (To_Account: up to 50 message receivers)"
    )]
    #[user_id]
    pub to_account: Option<Vec<String>>,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
    /// `1`: the message needs read receipts (api-messages catalog; the group name has no `Is`).
    #[serde(rename = "NeedReadReceipt")]
    #[limit(
        range(min = 0, max = 1),
        source = "spec/api-messages.md (NeedReadReceipt: 0/1, from the Java SDK)"
    )]
    pub need_read_receipt: Option<u32>,
    /// The mentions, in the order of the @s in the text.
    #[serde(rename = "GroupAtInfo")]
    pub group_at_info: Option<Vec<GroupAtItem>>,
}

impl SendGroupMsg {
    /// "If `OnlineOnlyFlag` is set to `1` for the message, this field [`SendMsgControl`]
    /// cannot be used."
    fn check_controls(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let controls = self
            .send_msg_control
            .as_ref()
            .is_some_and(|c| !c.is_empty());
        if self.online_only_flag == Some(1) && controls {
            return Err(ValidationError::new(
                at.field("SendMsgControl").render(),
                format!("cannot be used with OnlineOnlyFlag 1 (see {SEND_DOC})"),
            ));
        }
        Ok(())
    }
}

/// The answer to [`SendGroupMsg`].
#[response]
pub struct SendGroupMsgResponse {
    /// When the message was sent (unix seconds, server time).
    #[serde(rename = "MsgTime")]
    pub msg_time: u64,
    /// The message's sequence in the group.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// Why the message was discarded (frequency control); absent or empty when it was not.
    #[serde(rename = "MsgDropReason")]
    pub msg_drop_reason: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// send_group_system_notification
// ---------------------------------------------------------------------------------------------

/// Sends a system notification to all members of a group or to some
/// (`v4/group_open_http_svc/send_group_system_notification`).
///
/// ```
/// use chatadmin_core::api::group_message::SendGroupSystemNotification;
/// let req = SendGroupSystemNotification::new("@TGS#2C5SZEAEF", "Hello World")
///     .to_members_account(["peter", "leckie"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["ToMembers_Account"][1], "leckie");
/// ```
#[endpoint(
    path = "group_open_http_svc/send_group_system_notification",
    summary = "Send a system notification to all or some members of a group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34958",
    // No deduplication key: a repeat notifies twice.
    idempotency = NotIdempotent,
    response = StatusResponse
)]
pub struct SendGroupSystemNotification {
    /// The group.
    pub group_id: group_id!(),
    /// The recipients (at most 500); left out or empty: every member.
    #[serde(rename = "ToMembers_Account")]
    #[limit(
        items(max = 500),
        source = "https://intl.cloud.tencent.com/document/product/1047/34958 (ToMembers_Account: up to 500 recipient UserIDs)"
    )]
    #[user_id]
    pub to_members_account: Option<Vec<String>>,
    /// The notification.
    #[serde(rename = "Content")]
    pub content: String,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// send_broadcast_msg
// ---------------------------------------------------------------------------------------------

/// Broadcasts a message to every audio-video group of the app
/// (`v4/group_open_http_svc/send_broadcast_msg`; 1 call per second).
///
/// ```
/// use chatadmin_core::api::group_message::SendBroadcastMsg;
/// use chatadmin_core::api::msg_body::MsgElement;
/// let req = SendBroadcastMsg::new([MsgElement::custom("{\"type\":1}")]).from_account("test");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgBody"][0]["MsgType"], "TIMCustomElem");
/// assert!(body["Random"].is_u64());
/// ```
#[endpoint(
    path = "group_open_http_svc/send_broadcast_msg",
    summary = "Broadcast a message to every audio-video group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/49440",
    // Deduplicated on Random and content, as send_group_msg.
    idempotency = DedupKeyed,
    rate = 1,
    response = SendBroadcastMsgResponse
)]
pub struct SendBroadcastMsg {
    /// The sender; the app admin when left out. Must exist.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
    /// The deduplication key; drawn by `new` (and for JSON input without it).
    #[serde(rename = "Random", default = "new_random")]
    pub random: u32,
    /// The message.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Vec<MsgElement>,
    /// Custom data stored with the message.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
}

/// The answer to [`SendBroadcastMsg`].
#[response]
pub struct SendBroadcastMsgResponse {
    /// The broadcast's sequence.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
}

// ---------------------------------------------------------------------------------------------
// import_group_msg
// ---------------------------------------------------------------------------------------------

/// One message to import (`MsgList` item of import_group_msg).
#[payload]
pub struct ImportMsgItem {
    /// The sender.
    pub from_account: from_account!(),
    /// When it was sent (unix seconds): after the group's creation and its latest message,
    /// before now, ascending in the list.
    #[serde(rename = "SendTime")]
    pub send_time: u64,
    /// The deduplication key.
    #[serde(rename = "Random")]
    pub random: Option<u32>,
    /// The message.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Vec<MsgElement>,
}

/// Imports earlier messages into a group, keeping their times, without callbacks or
/// notifications (`v4/group_open_http_svc/import_group_msg`). At most 7 messages per request;
/// the client splits longer lists in order (the times must ascend across the parts too, which
/// they do when they ascend in the list).
///
/// ```
/// use chatadmin_core::api::group_message::{ImportGroupMsg, ImportMsgItem};
/// use chatadmin_core::api::msg_body::MsgElement;
/// let req = ImportGroupMsg::new(
///     "@TGS#2C5SZEAEF",
///     [ImportMsgItem::new("leckie", 1620808101, [MsgElement::text("red packet")])],
/// );
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgList"][0]["SendTime"], 1620808101);
/// ```
#[endpoint(
    path = "group_open_http_svc/import_group_msg",
    summary = "Import messages into a group, keeping their times",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34968",
    // A repeat's times are no longer after the group's latest message, so the service refuses
    // each (Result 10004) instead of importing twice.
    idempotency = Idempotent,
    response = ImportGroupMsgResponse
)]
pub struct ImportGroupMsg {
    /// The group.
    pub group_id: group_id!(),
    /// `1`: update conversations (not for AVChatRoom and Community).
    #[serde(rename = "RecentContactFlag")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34968 (RecentContactFlag: 1 triggers conversation update)"
    )]
    pub recent_contact_flag: Option<u32>,
    /// The messages, ascending by `SendTime` (at most 7 per request; the client splits).
    #[serde(rename = "MsgList")]
    #[limit(
        items(max = 7),
        source = "https://intl.cloud.tencent.com/document/product/1047/34968 (A single request can import up to seven group messages)"
    )]
    #[split]
    pub msg_list: Vec<ImportMsgItem>,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

/// The result of one imported message (`ImportMsgResult` item).
#[response(item)]
pub struct ImportMsgResult {
    /// The message's sequence.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// Its time.
    #[serde(rename = "MsgTime")]
    pub msg_time: u64,
    /// `0` imported; `10004` invalid time; `80002` too long.
    #[serde(rename = "Result")]
    pub result: i64,
}

/// The answer to [`ImportGroupMsg`]: one result per message, in request order.
#[response]
pub struct ImportGroupMsgResponse {
    /// Per-message results.
    #[serde(rename = "ImportMsgResult")]
    #[merge]
    pub import_msg_result: Vec<ImportMsgResult>,
}

impl ImportGroupMsgResponse {
    /// The messages that were not imported.
    pub fn failures(&self) -> impl Iterator<Item = &ImportMsgResult> {
        self.import_msg_result.iter().filter(|r| r.result != 0)
    }
}

// ---------------------------------------------------------------------------------------------
// group_msg_get_simple
// ---------------------------------------------------------------------------------------------

/// Reads a group's history, newest first, a page at a time
/// (`v4/group_open_http_svc/group_msg_get_simple`): up to `ReqMsgNumber` (at most 20) messages
/// with a sequence up to `ReqMsgSeq` (the latest without it). The next page asks for the
/// smallest sequence returned minus one ([`ApiRequest::next_page`] does this).
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::group_message::{GroupMsgGetSimple, GroupMsgGetSimpleResponse};
/// use chatadmin_core::ApiRequest;
/// let req = GroupMsgGetSimple::new("@TGS#15ERQPAER", 20);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#15ERQPAER", "ReqMsgNumber": 20}));
/// let page: GroupMsgGetSimpleResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "GroupId": "@TGS#15ERQPAER", "IsFinished": 0,
///     "RspMsgList": [{"From_Account": "a", "IsPlaceMsg": 0, "MsgBody": [], "MsgPriority": 2,
///                     "MsgRandom": 1, "MsgSeq": 41, "MsgTimeStamp": 1}],
/// })).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().req_msg_seq, Some(40));
/// ```
#[endpoint(
    path = "group_open_http_svc/group_msg_get_simple",
    summary = "Read a group's message history, newest first, a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34971",
    // A read.
    idempotency = Idempotent,
    response = GroupMsgGetSimpleResponse,
    page_items = "RspMsgList",
    next_page = GroupMsgGetSimple::page_after
)]
pub struct GroupMsgGetSimple {
    /// The group.
    pub group_id: group_id!(),
    /// How many messages (at most 20).
    #[serde(rename = "ReqMsgNumber")]
    #[limit(
        range(min = 1, max = 20),
        source = "https://intl.cloud.tencent.com/document/product/1047/34971 (ReqMsgNumber: a maximum of 20 historical messages per request)"
    )]
    pub req_msg_number: u32,
    /// The largest sequence to return; the latest message without it.
    #[serde(rename = "ReqMsgSeq")]
    pub req_msg_seq: Option<u64>,
    /// `1`: recalled messages are returned too (`IsPlaceMsg` 2).
    #[serde(rename = "WithRecalledMsg")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34971 (WithRecalledMsg: 1 pulls recalled messages)"
    )]
    pub with_recalled_msg: Option<u32>,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

impl GroupMsgGetSimple {
    /// The next page ends just below the smallest sequence returned. `None` when the page is
    /// empty or reached sequence 1 (sequences start at 1), so paging always ends.
    fn page_after(&self, resp: &GroupMsgGetSimpleResponse) -> Option<Self> {
        let lowest = resp.rsp_msg_list.iter().map(|m| m.msg_seq).min()?;
        let next = lowest.checked_sub(1).filter(|n| *n >= 1)?;
        if self.req_msg_seq.is_some_and(|s| next >= s) {
            return None;
        }
        Some(GroupMsgGetSimple {
            req_msg_seq: Some(next),
            ..self.clone()
        })
    }
}

impl Paginated for GroupMsgGetSimple {
    type Item = GroupHistoryMsg;

    fn into_items(resp: GroupMsgGetSimpleResponse) -> Vec<GroupHistoryMsg> {
        resp.rsp_msg_list
    }
}

/// One message of a group's history (`RspMsgList` item).
#[response(item)]
pub struct GroupHistoryMsg {
    /// The sender.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// `0` a message; `1` deleted or expired (empty `MsgBody`); `2` recalled.
    #[serde(rename = "IsPlaceMsg")]
    pub is_place_msg: u32,
    /// The message.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<MsgElement>,
    /// `1` high, `2` normal, `3` low, `4` lowest.
    #[serde(rename = "MsgPriority")]
    pub msg_priority: u32,
    /// The message's `Random`.
    #[serde(rename = "MsgRandom")]
    pub msg_random: u64,
    /// The message's sequence.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// When it was sent (unix seconds).
    #[serde(rename = "MsgTimeStamp")]
    pub msg_time_stamp: u64,
    /// `1`: a system message.
    #[serde(rename = "IsSystemMsg")]
    pub is_system_msg: Option<u32>,
    /// The message's custom data (not in the page's field table; stored with the message and
    /// returned in history, spec/api-messages.md "CloudCustomData").
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
}

impl GroupHistoryMsg {
    /// Whether the message was recalled (`IsPlaceMsg` 2).
    pub fn is_recalled(&self) -> bool {
        self.is_place_msg == 2
    }
}

/// The answer to [`GroupMsgGetSimple`].
#[response]
pub struct GroupMsgGetSimpleResponse {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: String,
    /// `1` every requested message returned; `0` not all (too long or more than 20); `2` not
    /// all and all expired.
    #[serde(rename = "IsFinished")]
    pub is_finished: u32,
    /// The messages, newest first.
    #[serde(rename = "RspMsgList")]
    pub rsp_msg_list: Vec<GroupHistoryMsg>,
}

// ---------------------------------------------------------------------------------------------
// group_msg_recall
// ---------------------------------------------------------------------------------------------

/// Recalls messages of a group by sequence (`v4/group_open_http_svc/group_msg_recall`): at
/// most 10 per request (the client splits longer lists), one result per sequence.
///
/// ```
/// use chatadmin_core::api::group_message::GroupMsgRecall;
/// let req = GroupMsgRecall::new("@TGS#2J4SZEAEL", [100u64, 101]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgSeqList"], serde_json::json!([{"MsgSeq": 100}, {"MsgSeq": 101}]));
/// ```
#[endpoint(
    path = "group_open_http_svc/group_msg_recall",
    summary = "Recall messages of a group by sequence",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34965",
    // Recalling again answers a per-item code and changes nothing.
    idempotency = Idempotent,
    response = GroupMsgRecallResponse
)]
pub struct GroupMsgRecall {
    /// The group.
    pub group_id: group_id!(),
    /// The messages (at most 10 per request; the client splits).
    #[serde(rename = "MsgSeqList")]
    #[limit(
        items(max = 10),
        source = "https://intl.cloud.tencent.com/document/product/1047/34965 (MsgSeqList: up to 10 message sequences per request)"
    )]
    #[split]
    pub msg_seq_list: Vec<MsgSeqItem>,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

/// The result of recalling one message (`RecallRetList` item).
#[response(item)]
pub struct RecallRet {
    /// The message.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// `0` recalled; `10030` no such message, `10031` too old, `10032` cannot be recalled...
    #[serde(rename = "RetCode")]
    pub ret_code: i64,
}

/// The answer to [`GroupMsgRecall`]: one result per sequence, in request order.
#[response]
pub struct GroupMsgRecallResponse {
    /// Per-message results.
    #[serde(rename = "RecallRetList")]
    #[merge]
    pub recall_ret_list: Vec<RecallRet>,
}

// ---------------------------------------------------------------------------------------------
// modify_group_msg
// ---------------------------------------------------------------------------------------------

/// Overwrites the body and/or the custom data of a group message (`v4/openim/modify_group_msg`).
///
/// ```
/// use chatadmin_core::api::group_message::ModifyGroupMsg;
/// use chatadmin_core::api::msg_body::MsgElement;
/// let req = ModifyGroupMsg::new("@TGS#1HYEP2SHC", 23).msg_body([MsgElement::text("hello")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgSeq"], 23);
/// ```
#[endpoint(
    path = "openim/modify_group_msg",
    summary = "Modify the body or custom data of a group message",
    doc = "https://intl.cloud.tencent.com/document/product/1047/47948",
    // Overwrites: a repeat gives the same message.
    idempotency = Idempotent,
    response = StatusResponse
)]
pub struct ModifyGroupMsg {
    /// The group.
    pub group_id: group_id!(),
    /// The message.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// The new body.
    #[serde(rename = "MsgBody")]
    #[check(check_msg_body)]
    #[limit(MSG_BODY_SIZE, listed)]
    pub msg_body: Option<Vec<MsgElement>>,
    /// The new custom data.
    #[serde(rename = "CloudCustomData")]
    pub cloud_custom_data: Option<String>,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// delete_group_msg_by_sender, clear_group_msg
// ---------------------------------------------------------------------------------------------

/// Recalls (silently) the messages one member sent among the last 1,000 of a group
/// (`v4/group_open_http_svc/delete_group_msg_by_sender`).
///
/// ```
/// use chatadmin_core::api::group_message::DeleteGroupMsgBySender;
/// let req = DeleteGroupMsgBySender::new("@TGS#2C5SZEAEF", "leckie");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Sender_Account"], "leckie");
/// ```
#[endpoint(
    path = "group_open_http_svc/delete_group_msg_by_sender",
    summary = "Recall a member's messages among the last 1,000 of a group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34970",
    // Recalling again changes nothing.
    idempotency = Idempotent,
    response = StatusResponse
)]
pub struct DeleteGroupMsgBySender {
    /// The group.
    pub group_id: group_id!(),
    /// The sender whose messages are recalled.
    #[serde(rename = "Sender_Account")]
    #[user_id]
    pub sender_account: String,
    /// The topic, in a topic-enabled community.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

/// Clears a group's history for the members' clients, up to a sequence or all
/// (`v4/group_open_http_svc/clear_group_msg`). The messages are marked, not deleted: the app
/// admin still reads them with `group_msg_get_simple`.
///
/// ```
/// use chatadmin_core::api::group_message::ClearGroupMsg;
/// let req = ClearGroupMsg::new("@TGS#15ERQPAER").msg_seq(7803321);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgSeq"], 7803321);
/// ```
#[endpoint(
    path = "group_open_http_svc/clear_group_msg",
    summary = "Clear a group's history for members, up to a sequence or all",
    doc = "https://www.tencentcloud.com/document/product/1047/65970",
    // Clearing again changes nothing.
    idempotency = Idempotent,
    response = StatusResponse
)]
pub struct ClearGroupMsg {
    /// The group.
    pub group_id: group_id!(),
    /// Clears the messages up to this sequence (inclusive); all without it.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: Option<u64>,
}

// ---------------------------------------------------------------------------------------------
// Read receipts
// ---------------------------------------------------------------------------------------------

/// Marks messages of a group as read by a member, for read receipts
/// (`v4/group_open_http_svc/group_msg_receipt`). The endpoint is in the Java server SDK
/// (doocs/qcloud-im-server-sdk-java) but on no official page found; its limit of 50 sequences
/// comes from there.
///
/// ```
/// use chatadmin_core::api::group_message::GroupMsgReceipt;
/// let req = GroupMsgReceipt::new("@TGS#2TTV7VSII", "test1", [1u64, 2]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["From_Account"], "test1");
/// ```
#[endpoint(
    path = "group_open_http_svc/group_msg_receipt",
    summary = "Mark messages of a group as read by a member (read receipts)",
    doc = "https://github.com/doocs/qcloud-im-server-sdk-java (Message group_msg_receipt; no official page)",
    // Reading again changes nothing.
    idempotency = Idempotent,
    response = StatusResponse
)]
pub struct GroupMsgReceipt {
    /// The group.
    pub group_id: group_id!(),
    /// The member who read.
    pub from_account: from_account!(),
    /// The messages read (at most 50).
    #[serde(rename = "MsgSeqList")]
    #[limit(
        items(max = 50),
        source = "spec/api-messages.json (group_msg_receipt MsgSeqList: max 50, from the Java SDK; unverified)"
    )]
    pub msg_seq_list: Vec<MsgSeqItem>,
}

/// Reads the read and unread counts of group messages
/// (`v4/group_open_http_svc/get_group_msg_receipt`).
///
/// ```
/// use chatadmin_core::api::group_message::GetGroupMsgReceipt;
/// let req = GetGroupMsgReceipt::new("@TGS#2TTV7VSII", [1u64, 2]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MsgSeqList"][1]["MsgSeq"], 2);
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_msg_receipt",
    summary = "Read the read and unread counts of group messages",
    doc = "https://www.tencentcloud.com/document/product/1047/49439",
    // A read.
    idempotency = Idempotent,
    response = GetGroupMsgReceiptResponse
)]
pub struct GetGroupMsgReceipt {
    /// The group.
    pub group_id: group_id!(),
    /// The messages. No maximum is documented.
    #[serde(rename = "MsgSeqList")]
    pub msg_seq_list: Vec<MsgSeqItem>,
}

/// The counts of one message (`GroupMsgReceiptList` item).
#[response(item)]
pub struct GroupMsgReceiptCount {
    /// `0`, or `10062` when the message has no read receipt.
    #[serde(rename = "Code")]
    pub code: i64,
    /// The message.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// Members who read it.
    #[serde(rename = "ReadNum")]
    pub read_num: u64,
    /// Members who did not.
    #[serde(rename = "UnreadNum")]
    pub unread_num: u64,
}

/// The answer to [`GetGroupMsgReceipt`]: one item per message, in request order.
#[response]
pub struct GetGroupMsgReceiptResponse {
    /// The counts.
    #[serde(rename = "GroupMsgReceiptList")]
    pub group_msg_receipt_list: Vec<GroupMsgReceiptCount>,
}

/// Reads who read (`Filter` 0) or did not read (`Filter` 1) a group message, a page of at
/// most 200 members at a time (`v4/group_open_http_svc/get_group_msg_receipt_detail`). Start
/// with `Cursor` "" and pass the answer's `Cursor` back until `IsFinish` is 1
/// ([`ApiRequest::next_page`] does this). The generic surfaces page `UnreadList` (the members
/// to remind); in Rust, [`Paginated`] gives the members of either list.
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::group_message::{GetGroupMsgReceiptDetail, GetGroupMsgReceiptDetailResponse};
/// use chatadmin_core::ApiRequest;
/// let req = GetGroupMsgReceiptDetail::new("@TGS#2TTV7VSII", 1, 5).msg_seq(1);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Cursor"], "");
/// let page: GetGroupMsgReceiptDetailResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "Cursor": "5", "IsFinish": 0, "MsgSeq": 1,
///     "UnreadList": [{"Unread_Account": "test"}],
/// })).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().cursor, "5");
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_msg_receipt_detail",
    summary = "Read who read or did not read a group message, a page at a time",
    doc = "https://www.tencentcloud.com/document/product/1047/49438",
    // A read.
    idempotency = Idempotent,
    response = GetGroupMsgReceiptDetailResponse,
    page_items = "UnreadList",
    next_page = GetGroupMsgReceiptDetail::page_after
)]
pub struct GetGroupMsgReceiptDetail {
    /// The group.
    pub group_id: group_id!(),
    /// The message (the page marks it optional; the service needs it to answer).
    #[serde(rename = "MsgSeq")]
    pub msg_seq: Option<u64>,
    /// `0`: who read; `1`: who did not.
    #[serde(rename = "Filter")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://www.tencentcloud.com/document/product/1047/49438 (Filter: 0 read, 1 unread)"
    )]
    pub filter: u32,
    /// Where the page starts: "" for the first, then the previous answer's `Cursor`. Required
    /// by the service and always sent; in JSON input it may be left out for the first page.
    #[serde(rename = "Cursor", default)]
    pub cursor: String,
    /// The most members per page (at most 200).
    #[serde(rename = "Count")]
    #[limit(
        range(min = 1, max = 200),
        source = "https://www.tencentcloud.com/document/product/1047/49438 (Count: the maximum value is 200)"
    )]
    pub count: u32,
}

impl GetGroupMsgReceiptDetail {
    /// The next page starts at the answer's `Cursor`; `None` once `IsFinish` is 1 or the cursor
    /// is empty or does not move.
    fn page_after(&self, resp: &GetGroupMsgReceiptDetailResponse) -> Option<Self> {
        let next = resp.cursor.as_deref().unwrap_or("");
        (resp.is_finish == 0 && !next.is_empty() && next != self.cursor).then(|| {
            GetGroupMsgReceiptDetail {
                cursor: next.to_owned(),
                ..self.clone()
            }
        })
    }
}

impl Paginated for GetGroupMsgReceiptDetail {
    type Item = String;

    fn into_items(resp: GetGroupMsgReceiptDetailResponse) -> Vec<String> {
        let read = resp.read_list.into_iter().map(|m| m.read_account);
        let unread = resp.unread_list.into_iter().map(|m| m.unread_account);
        read.chain(unread).collect()
    }
}

/// A member who read (`ReadList` item).
#[response(item)]
pub struct ReadMember {
    /// The member.
    #[serde(rename = "Read_Account")]
    pub read_account: String,
}

/// A member who did not read (`UnreadList` item).
#[response(item)]
pub struct UnreadMember {
    /// The member.
    #[serde(rename = "Unread_Account")]
    pub unread_account: String,
}

/// The answer to [`GetGroupMsgReceiptDetail`]: one of the two lists, by `Filter`.
#[response]
pub struct GetGroupMsgReceiptDetailResponse {
    /// The cursor of the next page.
    #[serde(rename = "Cursor")]
    pub cursor: Option<String>,
    /// `1`: the list is complete (the page's table says `IsFinished`, its samples `IsFinish`).
    #[serde(rename = "IsFinish")]
    pub is_finish: u32,
    /// The message.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// Who read (`Filter` 0).
    #[serde(rename = "ReadList", skip_serializing_if = "Vec::is_empty")]
    pub read_list: Vec<ReadMember>,
    /// Who did not (`Filter` 1).
    #[serde(rename = "UnreadList", skip_serializing_if = "Vec::is_empty")]
    pub unread_list: Vec<UnreadMember>,
}

// ---------------------------------------------------------------------------------------------
// Message extensions
// ---------------------------------------------------------------------------------------------

pub use crate::api::msg_body::{EXTENSIONS_PER_PAGE, MAX_EXTENSIONS_PER_MESSAGE};

/// Reads the extensions of a group message, from `StartSeq` on
/// (`v4/openim_msg_ext_http_svc/group_get_key_values`); at most 200 per answer, the rest with a
/// later `StartSeq` ([`ApiRequest::next_page`] does this).
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::group_message::GroupGetKeyValues;
/// let req = GroupGetKeyValues::new("@TGS#1YMVAB3IZ", 158).start_seq(2);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["StartSeq"], 2);
/// ```
#[endpoint(
    path = "openim_msg_ext_http_svc/group_get_key_values",
    summary = "Read the extensions (key-value pairs) of a group message",
    doc = "https://intl.cloud.tencent.com/document/product/1047/52169",
    // A read.
    idempotency = Idempotent,
    response = GroupGetKeyValuesResponse,
    page_items = "ExtensionList",
    next_page = GroupGetKeyValues::page_after
)]
pub struct GroupGetKeyValues {
    /// The group.
    pub group_id: group_id!(),
    /// The message.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// Only pairs whose `Seq` is at least this.
    #[serde(rename = "StartSeq")]
    pub start_seq: Option<u64>,
}

impl GroupGetKeyValues {
    /// While `CompleteFlag` is 0, the next page starts after the largest `Seq` returned.
    fn page_after(&self, resp: &GroupGetKeyValuesResponse) -> Option<Self> {
        if resp.complete_flag != 0 {
            return None;
        }
        let next = resp.extension_list.iter().map(|e| e.seq).max()? + 1;
        (next > self.start_seq.unwrap_or(0)).then(|| GroupGetKeyValues {
            start_seq: Some(next),
            ..self.clone()
        })
    }
}

impl Paginated for GroupGetKeyValues {
    type Item = MsgExtension;

    fn into_items(resp: GroupGetKeyValuesResponse) -> Vec<MsgExtension> {
        resp.extension_list
    }
}

/// One extension of a message, as the service answers it.
#[response(item)]
pub struct MsgExtension {
    /// The key.
    #[serde(rename = "Key")]
    pub key: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: String,
    /// Its version.
    #[serde(rename = "Seq")]
    pub seq: u64,
}

/// The answer to [`GroupGetKeyValues`].
#[response]
pub struct GroupGetKeyValuesResponse {
    /// `1`: every pair returned.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u32,
    /// The largest `Seq` of the message's pairs.
    #[serde(rename = "LatestSeq")]
    pub latest_seq: u64,
    /// Pairs with a `Seq` up to this were cleared.
    #[serde(rename = "ClearSeq")]
    pub clear_seq: u64,
    /// The pairs, by `Seq`.
    #[serde(rename = "ExtensionList")]
    pub extension_list: Vec<MsgExtension>,
}

impl GroupGetKeyValuesResponse {
    /// The pair `key`, if returned.
    pub fn get(&self, key: &str) -> Option<&MsgExtension> {
        self.extension_list.iter().find(|e| e.key == key)
    }
}

/// One extension to set or delete (`ExtensionList` item of group_set_key_values).
#[payload]
pub struct ExtensionItem {
    /// The key: at most 100 bytes.
    #[serde(rename = "Key")]
    #[limit(
        bytes(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/52170 (Key: up to 100 bytes)"
    )]
    pub key: String,
    /// The value: at most 1,000 bytes ("" when deleting).
    #[serde(rename = "Value")]
    #[limit(
        bytes(max = 1000, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/52170 (Value: up to 1,000 bytes)"
    )]
    pub value: String,
    /// The pair's current `Seq` (0 for a new key); not checked for the app admin.
    #[serde(rename = "Seq")]
    pub seq: Option<u64>,
}

/// Sets (`OperateType` 1), deletes (2) or clears (3) extensions of a group message
/// (`v4/openim_msg_ext_http_svc/group_set_key_values`). A member's `Seq` must be the pair's
/// current one, or the pair answers 23001 (someone changed it first).
///
/// ```
/// use chatadmin_core::api::group_message::{ExtensionItem, GroupSetKeyValues};
/// let req = GroupSetKeyValues::new("@TGS#1YMVAB3IZ", 158, 1)
///     .extension_list([ExtensionItem::new("key1", "value1").seq(0)]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["ExtensionList"][0]["Key"], "key1");
/// use chatadmin_core::ApiRequest;
/// assert!(GroupSetKeyValues::new("@TGS#1YMVAB3IZ", 158, 1).validate().is_err());
/// ```
#[endpoint(
    path = "openim_msg_ext_http_svc/group_set_key_values",
    summary = "Set, delete or clear the extensions of a group message",
    doc = "https://intl.cloud.tencent.com/document/product/1047/52170",
    // Seq makes a repeat of a member's write conflict (23001) rather than apply twice; re-read
    // with group_get_key_values first.
    idempotency = Idempotent,
    response = GroupSetKeyValuesResponse,
    validate = GroupSetKeyValues::check_list
)]
pub struct GroupSetKeyValues {
    /// The group.
    pub group_id: group_id!(),
    /// The message.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// `1` set, `2` delete, `3` clear all.
    #[serde(rename = "OperateType")]
    #[limit(
        range(min = 1, max = 3),
        source = "https://intl.cloud.tencent.com/document/product/1047/52170 (OperateType: 1 set, 2 delete, 3 clear)"
    )]
    pub operate_type: u32,
    /// The pairs (at most 20; required to set or delete).
    #[serde(rename = "ExtensionList")]
    #[limit(
        items(max = 20),
        source = "https://intl.cloud.tencent.com/document/product/1047/52170 (ExtensionList: up to 20 key-value pairs per request)"
    )]
    pub extension_list: Option<Vec<ExtensionItem>>,
}

impl GroupSetKeyValues {
    /// "`ExtensionList` ... Yes (when `OperateType` is `1` or `2`)".
    fn check_list(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let empty = self.extension_list.as_ref().map_or(true, Vec::is_empty);
        if matches!(self.operate_type, 1 | 2) && empty {
            return Err(ValidationError::new(
                at.field("ExtensionList").render(),
                format!(
                    "is required with OperateType {} (1 set, 2 delete)",
                    self.operate_type
                ),
            ));
        }
        Ok(())
    }
}

/// The result for one pair (`ExtensionList` item of the answer).
#[response(item)]
pub struct ExtensionResult {
    /// `0`, or `23001` (the pair's `Seq` did not match)...
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
    /// The pair as it is now.
    #[serde(rename = "Extension")]
    pub extension: MsgExtension,
}

/// The answer to [`GroupSetKeyValues`]: one result per pair, in request order.
#[response]
pub struct GroupSetKeyValuesResponse {
    /// Per-pair results.
    #[serde(rename = "ExtensionList")]
    pub extension_list: Vec<ExtensionResult>,
}

impl GroupSetKeyValuesResponse {
    /// The pairs that failed.
    pub fn failures(&self) -> impl Iterator<Item = &ExtensionResult> {
        self.extension_list.iter().filter(|r| r.error_code != 0)
    }
}
