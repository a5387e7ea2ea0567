//! Community topics: `million_group_open_http_svc/{create,get,modify,destroy}_topic` and
//! `group_open_http_svc/import_topic`.
//!
//! Topics exist only in topic-enabled communities: a `Community` group created with
//! `SupportTopic` 1 (the feature must also be enabled in the console). The service answers
//! other groups with an error (11000: "The current group does not support the community topic
//! feature"); the requests name a group ID only and do not check it.
//!
//! # Topic IDs
//!
//! A topic ID is its community's group ID, `@TOPIC#_`, and a part of its own:
//! `@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cETE3HIM62CQ` when the service assigns it, and
//! `@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic` for a custom ID, which create_topic documents as
//! "GroupId+@TOPIC#_+Custom part". The form of a custom `TopicId` is checked before sending
//! ([`check_custom_topic_id`]); that its group part is the request's `GroupId` is left to the
//! service.
//!
//! # Field limits
//!
//! The create_topic, modify_topic and import_topic pages give the same ones: `TopicName` at most
//! 30 bytes, `CustomString` at most 3,000 bytes, `FaceUrl` at most 100 bytes, `Notification` at
//! most 300 bytes, `Introduction` at most 240 bytes (UTF-8).

use crate::api::common::{from_account, required, StatusResponse};
use crate::api::group::{group_id, GroupType};
use crate::declare::{endpoint, fields, response, Path};
use crate::error::ValidationError;
use crate::validate::Limit;
use crate::wire_enum;

/// The create_topic page.
pub const CREATE_DOC: &str = "https://intl.cloud.tencent.com/document/product/1047/49471";

/// What joins a community's group ID and a topic's own part in a topic ID.
pub const TOPIC_ID_INFIX: &str = "@TOPIC#_";

/// A topic name: "Topic name, whose maximum length is 30 bytes" (create, modify and import
/// pages). Required on create and import, so non-empty.
pub const TOPIC_NAME: Limit = Limit::bytes(
    "TopicName",
    30,
    "https://intl.cloud.tencent.com/document/product/1047/49471 (TopicName: at most 30 bytes of UTF-8)",
);

/// "Custom string, which can contain up to 3,000 bytes, encoded in UTF-8." May be empty.
pub const CUSTOM_STRING: Limit = Limit::bytes_or_empty(
    "CustomString",
    3000,
    "https://intl.cloud.tencent.com/document/product/1047/49471 (CustomString: at most 3000 bytes of UTF-8)",
);

/// "URL of the topic profile photo, whose maximum length is 100 bytes." May be empty.
pub const FACE_URL: Limit = Limit::bytes_or_empty(
    "FaceUrl",
    100,
    "https://intl.cloud.tencent.com/document/product/1047/49471 (FaceUrl: at most 100 bytes)",
);

/// "Topic notice, whose maximum length is 300 bytes." May be empty.
pub const NOTIFICATION: Limit = Limit::bytes_or_empty(
    "Notification",
    300,
    "https://intl.cloud.tencent.com/document/product/1047/49471 (Notification: at most 300 bytes of UTF-8)",
);

/// "Topic introduction, whose maximum length is 240 bytes." May be empty.
pub const INTRODUCTION: Limit = Limit::bytes_or_empty(
    "Introduction",
    240,
    "https://intl.cloud.tencent.com/document/product/1047/49471 (Introduction: at most 240 bytes of UTF-8)",
);

wire_enum! {
    /// Whether everyone in a topic is muted (`MuteAllMember`): only the owner, the admins and
    /// the app admin may then speak.
    pub enum MuteAllMember {
        /// Everyone is muted.
        On = "On",
        /// Nobody is muted by this switch.
        Off = "Off",
    }
}

/// The topic ID prefix of the community `group_id`: `group_id` + `@TOPIC#_`.
pub fn topic_id_prefix(group_id: &str) -> String {
    format!("{group_id}{TOPIC_ID_INFIX}")
}

/// Checks the form of a custom topic ID chosen at creation (or import): "GroupId+@TOPIC#_+Custom
/// part", the group part and the custom part both non-empty.
///
/// Whether the group part is the request's own `GroupId` is left to the service (the
/// emulator answers 10004): the ID is checked on its own here, so that a request stays valid
/// while its fields are built one at a time.
///
/// ```
/// use chatadmin_core::api::topic::check_custom_topic_id;
/// assert!(check_custom_topic_id("TopicId", "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic").is_ok());
/// assert!(check_custom_topic_id("TopicId", "TestTopic").is_err());
/// assert!(check_custom_topic_id("TopicId", "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_").is_err());
/// assert!(check_custom_topic_id("TopicId", "@TOPIC#_TestTopic").is_err());
/// ```
pub fn check_custom_topic_id(path: &str, id: &str) -> Result<(), ValidationError> {
    match id.split_once(TOPIC_ID_INFIX) {
        Some((group, own)) if !group.is_empty() && !own.is_empty() => Ok(()),
        _ => Err(ValidationError::new(
            path,
            format!("is {id:?}; a custom topic ID is the GroupId, \"@TOPIC#_\" and a custom part, none of them empty (see {CREATE_DOC})"),
        )),
    }
}

/// Whether `topic_id` names a topic of the community `group_id` (starts with `group_id` +
/// `@TOPIC#_`, followed by a part of its own).
pub fn belongs_to(topic_id: &str, group_id: &str) -> bool {
    topic_id
        .strip_prefix(&topic_id_prefix(group_id))
        .is_some_and(|own| !own.is_empty())
}

fields! {
    /// What creating, changing and importing a topic share (create_topic, modify_topic and
    /// import_topic pages), in their wire order.
    topic_profile {
        /// The member creating or changing the topic ("User account that wants to create the
        /// topic"; the page types it uint64, its sample sends a string UserID).
        #[serde(rename = "From_Account")]
        #[user_id]
        pub from_account: Option<String>,
        /// A custom string: at most 3,000 bytes.
        #[serde(rename = "CustomString")]
        #[limit(crate::api::topic::CUSTOM_STRING)]
        pub custom_string: Option<String>,
        /// The profile photo URL: at most 100 bytes.
        #[serde(rename = "FaceUrl")]
        #[limit(crate::api::topic::FACE_URL)]
        pub face_url: Option<String>,
        /// The notice: at most 300 bytes.
        #[serde(rename = "Notification")]
        #[limit(crate::api::topic::NOTIFICATION)]
        pub notification: Option<String>,
        /// The introduction: at most 240 bytes.
        #[serde(rename = "Introduction")]
        #[limit(crate::api::topic::INTRODUCTION)]
        pub introduction: Option<String>,
    }
}

// ---------------------------------------------------------------------------------------------
// create_topic
// ---------------------------------------------------------------------------------------------

/// Creates a topic in a topic-enabled community (`v4/million_group_open_http_svc/create_topic`).
/// Without `TopicId` the service assigns one; a custom one is "GroupId+@TOPIC#_+Custom part".
///
/// Retrying is safe only with a custom `TopicId` (a repeat is then refused as a duplicate ID
/// instead of creating a second topic): see [`CreateTopic::is_retry_safe`].
///
/// ```
/// use chatadmin_core::api::topic::CreateTopic;
/// let g = "@TGS#_@TGS#cQVLVHIM62CJ";
/// let req = CreateTopic::new(g, "TestTopic").custom_id("TestTopic").from_account("leckie");
/// assert!(req.is_retry_safe());
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["TopicId"], "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic");
/// let bad = CreateTopic::new(g, "TestTopic").topic_id("TestTopic");
/// let err = chatadmin_core::registry::encode_request(&bad).unwrap_err();
/// assert!(err.to_string().contains("TopicId"), "{err}");
/// ```
#[endpoint(
    path = "million_group_open_http_svc/create_topic",
    summary = "Create a topic in a topic-enabled community",
    doc = "https://intl.cloud.tencent.com/document/product/1047/49471",
    // Without a custom TopicId a retry creates a second topic; `is_retry_safe` tells the
    // custom-ID case apart.
    idempotency = NotIdempotent,
    response = CreateTopicResponse,
    retry_safe = CreateTopic::is_retry_safe,
    validate = CreateTopic::check_topic_id
)]
pub struct CreateTopic {
    /// The community (created with `SupportTopic` 1).
    pub group_id: group_id!(),
    /// A custom topic ID: the `GroupId`, `@TOPIC#_` and a custom part
    /// ([`CreateTopic::custom_id`] builds it). Without it the service assigns one.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
    /// The topic name: 1 to 30 bytes.
    #[serde(rename = "TopicName")]
    #[limit(TOPIC_NAME)]
    pub topic_name: String,
    profile: topic_profile!(),
}

impl CreateTopic {
    /// Sets a custom topic ID from its custom part: `GroupId` + `@TOPIC#_` + `own`.
    pub fn custom_id(self, own: &str) -> Self {
        let id = format!("{}{own}", topic_id_prefix(&self.group_id));
        self.topic_id(id)
    }

    /// Whether a retry after an unknown outcome is safe: true when a custom `TopicId` is set.
    pub fn is_retry_safe(&self) -> bool {
        self.topic_id.as_deref().is_some_and(|id| !id.is_empty())
    }

    fn check_topic_id(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        match &self.topic_id {
            Some(id) => check_custom_topic_id(&at.field("TopicId").render(), id),
            None => Ok(()),
        }
    }
}

/// The answer to [`CreateTopic`] and [`ImportTopic`]: the new topic's ID.
#[response]
pub struct CreateTopicResponse {
    /// The topic ID, assigned or the custom one requested.
    #[serde(rename = "TopicId")]
    pub topic_id: String,
}

// ---------------------------------------------------------------------------------------------
// get_topic
// ---------------------------------------------------------------------------------------------

/// Reads topics of a community with one member's state in each
/// (`v4/million_group_open_http_svc/get_topic`): all topics, or those of `TopicIdList`. Each
/// topic has its own `ErrorCode` (the call's own one is "meaningless" per the page).
///
/// ```
/// use chatadmin_core::api::topic::GetTopic;
/// let req = GetTopic::new("@TGS#_@TGS#cQVLVHIM62CJ", "1400187352")
///     .topic_id_list(["@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"])
///     .response_filter(["TopicName", "Notification"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["ResponseFilter"][1], "Notification");
/// ```
#[endpoint(
    path = "million_group_open_http_svc/get_topic",
    summary = "Read topics of a community, with one member's state in each",
    doc = "https://intl.cloud.tencent.com/document/product/1047/49469",
    // A read.
    idempotency = Idempotent,
    response = GetTopicResponse
)]
pub struct GetTopic {
    /// The community.
    pub group_id: group_id!(),
    /// The member whose state (`SelfInfo`) is read in each topic (required by the page).
    pub from_account: from_account!(),
    /// The topics to read; without it (or empty) every topic of the community. No maximum is
    /// documented.
    #[serde(rename = "TopicIdList")]
    pub topic_id_list: Option<Vec<String>>,
    /// The topic fields to return (`TopicName`, `FaceUrl`, `Notification`, `Introduction`,
    /// ...); without it every field. `TopicId` and `GroupID` always come back.
    #[serde(rename = "ResponseFilter")]
    pub response_filter: Option<Vec<String>>,
}

/// A member's state in a topic (`SelfInfo` of get_topic).
#[response(item)]
pub struct TopicSelfInfo {
    /// Muted until (unix seconds); 0 when not muted ("Muting period of the user").
    #[serde(rename = "ShutUpTime")]
    pub shut_up_time: Option<u64>,
    /// The sequence number of the last message the member read.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: Option<u64>,
    /// How the member receives messages (`AcceptAndNotify`, ...).
    #[serde(rename = "MsgFlag")]
    pub msg_flag: Option<String>,
}

/// A topic's profile (`TopicInfo` of get_topic). Only `TopicId` and `GroupID` are sure to be
/// present: `ResponseFilter` leaves the others out.
#[response(item)]
pub struct TopicInfo {
    /// The topic name.
    #[serde(rename = "TopicName")]
    pub topic_name: Option<String>,
    /// The community's ID (spelled `GroupID` here).
    #[serde(rename = "GroupID")]
    pub group_id: Option<String>,
    /// The profile photo URL.
    #[serde(rename = "FaceUrl")]
    pub face_url: Option<String>,
    /// The topic ID.
    #[serde(rename = "TopicId")]
    pub topic_id: String,
    /// The sequence number the next message gets.
    #[serde(rename = "NextMsgSeq")]
    pub next_msg_seq: Option<u64>,
    /// The notice.
    #[serde(rename = "Notification")]
    pub notification: Option<String>,
    /// The introduction.
    #[serde(rename = "Introduction")]
    pub introduction: Option<String>,
    /// When the topic was created (unix seconds).
    #[serde(rename = "CreateTime")]
    pub create_time: Option<u64>,
    /// When the last message was sent (unix seconds; 0 without messages).
    #[serde(rename = "LastMsgTime")]
    pub last_msg_time: Option<u64>,
    /// Whether everyone is muted.
    #[serde(rename = "MuteAllMember")]
    pub mute_all_member: Option<MuteAllMember>,
    /// The custom string.
    #[serde(rename = "CustomString")]
    pub custom_string: Option<String>,
}

/// One topic of a get_topic answer (`TopicAndSelfInfo`): its own result, its profile and the
/// member's state in it.
#[response(item)]
pub struct TopicAndSelfInfo {
    /// 0 when this topic was read, otherwise an error code (110003: the topic was deleted).
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
    /// The error text ("ok" on success).
    #[serde(rename = "ErrorInfo")]
    pub error_info: Option<String>,
    /// The member's state in the topic.
    #[serde(rename = "SelfInfo")]
    pub self_info: Option<TopicSelfInfo>,
    /// The topic's profile.
    #[serde(rename = "TopicInfo")]
    pub topic_info: Option<TopicInfo>,
}

impl TopicAndSelfInfo {
    /// Whether this topic was read.
    pub fn is_ok(&self) -> bool {
        self.error_code == 0
    }

    /// The topic ID, when the answer names it.
    pub fn topic_id(&self) -> Option<&str> {
        self.topic_info.as_ref().map(|t| t.topic_id.as_str())
    }
}

/// The answer to [`GetTopic`]: one item per topic.
#[response]
pub struct GetTopicResponse {
    /// The topics, each with its own `ErrorCode`.
    #[serde(rename = "TopicAndSelfInfo")]
    pub topic_and_self_info: Vec<TopicAndSelfInfo>,
}

impl GetTopicResponse {
    /// The profile of the topic `id`, when it was read.
    pub fn topic(&self, id: &str) -> Option<&TopicInfo> {
        self.topic_and_self_info
            .iter()
            .filter(|t| t.is_ok())
            .filter_map(|t| t.topic_info.as_ref())
            .find(|t| t.topic_id == id)
    }
}

// ---------------------------------------------------------------------------------------------
// modify_topic
// ---------------------------------------------------------------------------------------------

/// Changes a topic's profile (`v4/million_group_open_http_svc/modify_topic`): the fields given
/// are set, the others kept.
///
/// ```
/// use chatadmin_core::api::topic::{ModifyTopic, MuteAllMember};
/// let req = ModifyTopic::new("@TGS#_@TGS#cQVLVHIM62CJ", "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic")
///     .topic_name("News")
///     .mute_all_member(MuteAllMember::On);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MuteAllMember"], "On");
/// ```
#[endpoint(
    path = "million_group_open_http_svc/modify_topic",
    summary = "Change a topic's profile (name, notice, mute-all, ...)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/49468",
    // Sets fields to the given values; a repeat sets the same values.
    idempotency = Idempotent,
    response = ModifyTopicResponse
)]
pub struct ModifyTopic {
    /// The community.
    pub group_id: group_id!(),
    /// The topic.
    #[serde(rename = "TopicId")]
    pub topic_id: String,
    /// A new name: 1 to 30 bytes.
    #[serde(rename = "TopicName")]
    #[limit(TOPIC_NAME)]
    pub topic_name: Option<String>,
    profile: topic_profile!(),
    /// Mutes (`On`) or unmutes (`Off`) everyone but the owner, the admins and the app admin.
    #[serde(rename = "MuteAllMember")]
    pub mute_all_member: Option<MuteAllMember>,
}

/// The answer to [`ModifyTopic`]: the status only.
pub type ModifyTopicResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// destroy_topic
// ---------------------------------------------------------------------------------------------

/// Deletes topics of a community, irrevocably (`v4/million_group_open_http_svc/destroy_topic`).
/// Each topic has its own result (`DestroyResultItem`).
///
/// ```
/// use chatadmin_core::api::topic::DestroyTopic;
/// let g = "@TGS#_@TGS#cQVLVHIM62CJ";
/// let req = DestroyTopic::new(g, [format!("{g}@TOPIC#_TestTopic")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["TopicIdList"][0], "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic");
/// ```
#[endpoint(
    path = "million_group_open_http_svc/destroy_topic",
    summary = "Delete topics of a community (irrevocable)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/49470",
    // Deleting again removes nothing more: the repeat reports the topics as already deleted
    // per item (110003), data rather than a duplicated effect.
    idempotency = Idempotent,
    response = DestroyTopicResponse
)]
pub struct DestroyTopic {
    /// The community.
    pub group_id: group_id!(),
    /// The topics to delete: one or more ("可以有多个", the Chinese page); no maximum is
    /// documented, so the list is neither capped nor split.
    #[serde(rename = "TopicIdList")]
    #[check(required)]
    pub topic_id_list: Vec<String>,
}

/// The result of one topic of [`DestroyTopic`].
#[response(item)]
pub struct DestroyResultItem {
    /// 0 when the topic was deleted, otherwise an error code (110003: already deleted).
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
    /// The error text ("ok" on success).
    #[serde(rename = "ErrorInfo")]
    pub error_info: Option<String>,
    /// The topic.
    #[serde(rename = "TopicId")]
    pub topic_id: String,
}

impl DestroyResultItem {
    /// Whether this topic was deleted.
    pub fn is_ok(&self) -> bool {
        self.error_code == 0
    }
}

/// The answer to [`DestroyTopic`]: one result per topic, in request order.
#[response]
pub struct DestroyTopicResponse {
    /// Per-topic results.
    #[serde(rename = "DestroyResultItem")]
    pub destroy_result_item: Vec<DestroyResultItem>,
}

impl DestroyTopicResponse {
    /// The topics that were not deleted.
    pub fn failures(&self) -> impl Iterator<Item = &DestroyResultItem> {
        self.destroy_result_item.iter().filter(|i| !i.is_ok())
    }
}

// ---------------------------------------------------------------------------------------------
// import_topic
// ---------------------------------------------------------------------------------------------

/// Imports a topic with its creation time, without callbacks or notifications
/// (`v4/group_open_http_svc/import_topic`), for a migration from another system.
///
/// ```
/// use chatadmin_core::api::topic::ImportTopic;
/// let req = ImportTopic::new("@TGS#_@TGS#cBZXAIIM62CV", "test_topic3").create_time(1_448_357_837);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CreateTime"], 1_448_357_837);
/// ```
#[endpoint(
    path = "group_open_http_svc/import_topic",
    summary = "Import a topic with its creation time (no callbacks, no notifications)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/53448",
    // Like create_topic: without a custom TopicId a repeat imports a second topic.
    idempotency = NotIdempotent,
    response = ImportTopicResponse,
    retry_safe = ImportTopic::is_retry_safe,
    validate = ImportTopic::check_topic_id
)]
pub struct ImportTopic {
    /// The type of the topic's group: "Currently, only a Community group is supported".
    #[serde(rename = "Type")]
    #[no_setter]
    pub group_type: Option<GroupType>,
    /// The community.
    pub group_id: group_id!(),
    /// A custom topic ID (`GroupId` + `@TOPIC#_` + a custom part); without it the service
    /// assigns one.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
    /// The topic name: 1 to 30 bytes (required by the field table).
    #[serde(rename = "TopicName")]
    #[limit(TOPIC_NAME)]
    pub topic_name: String,
    profile: topic_profile!(),
    /// The creation time (unix seconds) kept on the topic; without it the time of the request.
    #[serde(rename = "CreateTime")]
    pub create_time: Option<u64>,
}

impl ImportTopic {
    /// Sets the group type sent in `Type` (only `Community` is supported by the service).
    pub fn group_type(mut self, t: GroupType) -> Self {
        self.group_type = Some(t);
        self
    }

    /// Sets a custom topic ID from its custom part: `GroupId` + `@TOPIC#_` + `own`.
    pub fn custom_id(self, own: &str) -> Self {
        let id = format!("{}{own}", topic_id_prefix(&self.group_id));
        self.topic_id(id)
    }

    /// Whether a retry after an unknown outcome is safe: true when a custom `TopicId` is set
    /// (the repeat is refused with 10021, "The topic ID is already in use").
    pub fn is_retry_safe(&self) -> bool {
        self.topic_id.as_deref().is_some_and(|id| !id.is_empty())
    }

    fn check_topic_id(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        match &self.topic_id {
            Some(id) => check_custom_topic_id(&at.field("TopicId").render(), id),
            None => Ok(()),
        }
    }
}

/// The answer to [`ImportTopic`]: the topic's ID.
pub type ImportTopicResponse = CreateTopicResponse;
