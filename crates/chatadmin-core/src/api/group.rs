//! Groups: creating, importing, reading, changing and disbanding them, and the app's and a
//! user's group lists (`group_open_http_svc`: `create_group`, `destroy_group`,
//! `get_appid_group_list`, `get_group_info`, `modify_group_base_info`,
//! `get_joined_group_list`, `change_group_owner`, `get_role_in_group`, `import_group`,
//! `set_unread_msg_num`).
//!
//! # Group types
//!
//! The REST API names group types by their *group type IDs*: `Private`, `Public`, `ChatRoom`,
//! `AVChatRoom` and `Community` ([`GroupType`]). Newer product pages call `Private` groups "Work"
//! groups and `ChatRoom` groups "Meeting" groups; the endpoint pages say "Private: same as work
//! groups (Work) in the new version". Both names are accepted and sent as given (the pages
//! document no error for either), as is `BChatRoom`, the broadcast chat room.
//!
//! # Group IDs
//!
//! The service assigns IDs starting with `@TGS#` (`@TGS#2J4SZEAEL`; communities get
//! `@TGS#_@TGS#...`). An app may choose its own ID when creating a group; the error-code page
//! (error 8501) says a custom ID is printable ASCII (0x20–0x7e), at most 48 bytes, and not
//! prefixed with `@TGS#`. Tencent's client SDK documentation adds that a custom *Community* ID
//! must start with `@TGS#_`, so that prefix is allowed (not required) for communities.

use crate::api::common::{from_id, StatusResponse, SWITCH};
use crate::declare::{endpoint, fields, payload, response, Path};
use crate::endpoint::Paginated;
use crate::error::ValidationError;
use crate::validate::Limit;
use crate::wire_enum;

wire_enum! {
    /// A group type, by the group type ID the REST API uses.
    pub enum GroupType {
        /// Work group (called `Work` in newer product pages): members join by invitation only.
        Private = "Private",
        /// Public group: users apply to join; the owner or an admin approves.
        Public = "Public",
        /// Meeting group (called `Meeting` in newer product pages): users join and leave freely.
        ChatRoom = "ChatRoom",
        /// Audio-video (live-broadcast) group, `AVChatRoom` on the wire: no initial members;
        /// users, the owner included, join through the client SDK.
        AvChatRoom = "AVChatRoom",
        /// Community: very large groups, optionally divided into topics.
        Community = "Community",
        /// The newer product name of `Private`, accepted by the service.
        Work = "Work",
        /// The newer product name of `ChatRoom`, accepted by the service.
        Meeting = "Meeting",
        /// Broadcast chat room: an audio-video group type for app-wide broadcasts, with the
        /// AVChatRoom rules (no persistent member list).
        BChatRoom = "BChatRoom",
    }
}

wire_enum! {
    /// How requests to join a group are handled (`ApplyJoinOption`).
    pub enum ApplyJoinOption {
        /// Anyone may join without approval.
        FreeAccess = "FreeAccess",
        /// The owner or an admin approves each request (the service's default).
        NeedPermission = "NeedPermission",
        /// Nobody may apply to join.
        DisableApply = "DisableApply",
    }
}

wire_enum! {
    /// A member's role in a group. The create_group page says only `Admin` can be given
    /// there ("Currently, only the Admin option is available").
    pub enum MemberRole {
        /// The group owner.
        Owner = "Owner",
        /// A group admin.
        Admin = "Admin",
        /// An ordinary member.
        Member = "Member",
    }
}

/// A group ID: 1 to 48 bytes. Custom IDs are "printable ASCII characters (0x20-0x7e)
/// containing up to 48 bytes in length" (error-code page, error 8501); the IDs the service
/// assigns (`@TGS#2J4SZEAEL`, `@TGS#_@TGS#cRDH3HIM62CP`) are shorter, so no longer ID names a
/// group.
pub const GROUP_ID: Limit = Limit::bytes(
    "GroupId",
    48,
    "https://intl.cloud.tencent.com/document/product/1047/34348 (error 8501: a custom group ID is printable ASCII 0x20-0x7e, at most 48 bytes, not prefixed with @TGS#)",
);

fields! {
    /// The `GroupId` of a request about one group, with its [`GROUP_ID`] limit.
    pub(crate) group_id {
        /// The group.
        #[serde(rename = "GroupId")]
        #[limit(crate::api::group::GROUP_ID)]
        pub group_id: String,
    }
}

fields! {
    /// The `Member_Account` of a request or item about one member: an account ID.
    pub(crate) member_account {
        /// The member.
        #[serde(rename = "Member_Account")]
        #[user_id]
        pub member_account: String,
    }
}

/// The prefix of the IDs the service assigns; custom IDs must not start with it (error 8501).
pub const ASSIGNED_GROUP_ID_PREFIX: &str = "@TGS#";

/// The prefix of community IDs. Tencent's client SDK documentation says a custom Community ID
/// must start with it; the REST pages do not say so, so it is allowed for communities, not
/// required.
pub const COMMUNITY_GROUP_ID_PREFIX: &str = "@TGS#_";

/// Checks a custom group ID chosen at creation for a group of type `group_type`: 1 to 48
/// bytes of printable ASCII (0x20–0x7e), not prefixed with `@TGS#`, except that a Community ID
/// may start with `@TGS#_` (see the [module documentation](self)).
pub fn check_custom_group_id(
    path: &str,
    id: &str,
    group_type: &GroupType,
) -> Result<(), ValidationError> {
    if id.is_empty() {
        return Err(ValidationError::new(
            path,
            "must not be empty; leave it out to have the service assign an ID",
        ));
    }
    GROUP_ID.check_str(path, id)?;
    let community = *group_type == GroupType::Community;
    let not_printable = id.char_indices().find(|&(_, c)| !(' '..='~').contains(&c));
    let problem = if let Some((i, c)) = not_printable {
        format!("contains {c:?} at byte {i}; a custom group ID must be printable ASCII (0x20-0x7e)")
    } else if id.starts_with(ASSIGNED_GROUP_ID_PREFIX)
        && !(community && id.starts_with(COMMUNITY_GROUP_ID_PREFIX))
    {
        let also = if community {
            format!(" (a Community ID may start with {COMMUNITY_GROUP_ID_PREFIX:?})")
        } else {
            String::new()
        };
        format!("starts with {ASSIGNED_GROUP_ID_PREFIX:?}, which is reserved for the IDs the service assigns{also}")
    } else {
        return Ok(());
    };
    Err(ValidationError::new(path, problem))
}

/// A custom field of a group or a group member: `{"Key": ..., "Value": ...}`.
///
/// Custom fields are off by default and their keys must be enabled in the Chat console first.
/// The value may carry binary data (`"abc\u0000\u0001"` in the documented sample). No key or
/// value limit is stated on the create_group page, so none is checked here; the service rejects
/// keys it does not know.
#[payload]
pub struct AppDefinedDataItem {
    /// The key, as enabled in the console: the *name* of a custom group field (`Level`,
    /// `Guild`), public data shown to the app's users. Not a credential: the only secrets
    /// in this SDK are `SecretKey` and `UserSig`, which redact themselves.
    #[serde(rename = "Key")]
    pub key: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: String,
}

/// A member added when a group is created (an item of `MemberList`). "When group members are
/// initialized, only the `Member_Account` and `Role` fields can be set" (create_group page),
/// plus the member's custom fields.
///
/// ```
/// use chatadmin_core::api::group::InitialMember;
/// let bob = InitialMember::new("bob").admin().app_data("Level", "3");
/// assert_eq!(serde_json::to_value(&bob).unwrap()["Role"], "Admin");
/// ```
#[payload]
pub struct InitialMember {
    /// The member's UserID (an imported account).
    pub member_account: member_account!(),
    /// The member's role. The page says "Currently, only the Admin option is available" but
    /// documents no error for another role, so any role is sent as given (issue 12): the
    /// service decides. Without it the member is an ordinary member.
    #[serde(rename = "Role")]
    pub role: Option<MemberRole>,
    /// The member's custom fields (must be enabled in the console).
    #[serde(rename = "AppMemberDefinedData")]
    pub app_member_defined_data: Option<Vec<AppDefinedDataItem>>,
}

impl InitialMember {
    /// Makes the member an admin.
    pub fn admin(self) -> Self {
        self.role(MemberRole::Admin)
    }

    /// Adds one of the member's custom fields.
    pub fn app_data(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.app_member_defined_data
            .get_or_insert_with(Vec::new)
            .push(AppDefinedDataItem::new(key, value));
        self
    }
}

from_id!(InitialMember: &str, String);

fields! {
    /// The profile texts of a group, as create_group, import_group and modify_group_base_info
    /// take them (the three pages give the same limits).
    group_texts {
        /// The group introduction: at most 240 bytes of UTF-8.
        #[serde(rename = "Introduction")]
        #[limit(
            bytes(max = 240, min = 0),
            source = "https://intl.cloud.tencent.com/document/product/1047/34895, /34962 and /34967 (create_group, modify_group_base_info, import_group; Introduction: at most 240 bytes of UTF-8)"
        )]
        pub introduction: Option<String>,
        /// The group notice: at most 300 bytes of UTF-8.
        #[serde(rename = "Notification")]
        #[limit(
            bytes(max = 300, min = 0),
            source = "https://intl.cloud.tencent.com/document/product/1047/34895, /34962 and /34967 (create_group, modify_group_base_info, import_group; Notification: at most 300 bytes of UTF-8)"
        )]
        pub notification: Option<String>,
        /// The group profile photo URL: at most 100 bytes.
        #[serde(rename = "FaceUrl")]
        #[limit(
            bytes(max = 100, min = 0),
            source = "https://intl.cloud.tencent.com/document/product/1047/34895, /34962 and /34967 (create_group, modify_group_base_info, import_group; FaceUrl: at most 100 bytes)"
        )]
        pub face_url: Option<String>,
    }
}

fields! {
    /// What creating and importing a group share (create_group and import_group pages), in
    /// their wire order.
    new_group {
        /// The owner's UserID (an imported account, added to the members). Without it the group
        /// has no owner.
        #[serde(rename = "Owner_Account")]
        #[user_id]
        pub owner_account: Option<String>,
        /// The group type (import_group: "Public, Private (Work), ChatRoom, or Community").
        #[serde(rename = "Type")]
        pub group_type: GroupType,
        /// A custom group ID; without it the service assigns one (`@TGS#...`). Checked by
        /// [`check_custom_group_id`], which depends on the group type.
        #[serde(rename = "GroupId")]
        pub group_id: Option<String>,
        /// The group name: "Group name, whose maximum length is 30 bytes. This field is
        /// UTF-8-encoded, and one Chinese character occupies 3 bytes" (create_group and
        /// import_group pages, request fields). Required, so non-empty.
        #[serde(rename = "Name")]
        #[limit(
            bytes(max = 30),
            source = "https://intl.cloud.tencent.com/document/product/1047/34895 and /34967 (create_group, import_group; Name: required, at most 30 bytes of UTF-8)"
        )]
        pub name: String,
        texts: group_texts!(),
        /// The maximum number of members; the default is the plan's limit. (Named
        /// `MaxMemberNum` in the group-info calls.) import_group: "6,000 at the maximum. The
        /// default value is 2,000. Currently, a community group supports up to 100,000 group
        /// members." The cap depends on the type, so the service (and the emulator) checks it.
        #[serde(rename = "MaxMemberCount")]
        pub max_member_count: Option<u32>,
        /// How requests to join are handled; the service's default is `NeedPermission` ("not
        /// supported by community groups"; sent as given).
        #[serde(rename = "ApplyJoinOption")]
        pub apply_join_option: Option<ApplyJoinOption>,
    }
}

/// Creates a group (`v4/group_open_http_svc/create_group`).
///
/// Rules checked before sending, besides the field limits:
/// - an `AVChatRoom` gets no initial members ("If a group member is specified during the group
///   creation, error 10007 will be returned");
/// - a custom `GroupId` follows [`check_custom_group_id`].
///
/// What the page only calls "valid only for" some group types is sent as given, because the
/// page documents no error for it: `ApplyJoinOption` for communities ("Community groups
/// currently do not support this field") and for `Private` (Work) groups, `SupportTopic` for
/// other types than communities, and a member `Role` other than `Admin` ("Currently, only the
/// Admin option is available"). The service decides what they do.
///
/// Retrying is safe only with a custom `GroupId` (see [`CreateGroup::is_retry_safe`]).
///
/// ```
/// use chatadmin_core::api::group::{ApplyJoinOption, CreateGroup, GroupType, InitialMember};
/// let req = CreateGroup::new(GroupType::Public, "TestGroup")
///     .owner("leckie")
///     .group_id("MyFirstGroup")
///     .apply_join_option(ApplyJoinOption::FreeAccess)
///     .member(InitialMember::new("bob").admin())
///     .member("peter");
/// assert!(req.is_retry_safe());
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Type"], "Public");
/// assert_eq!(body["MemberList"][1]["Member_Account"], "peter");
/// ```
#[endpoint(
    path = "group_open_http_svc/create_group",
    summary = "Create a group, optionally with an owner, initial members and a custom ID",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34895",
    // Metadata is per endpoint, so it states the worst case: without a custom GroupId a
    // retry creates a second group. With a custom GroupId the repeat is refused (10021 /
    // 10025) and retrying is safe; `CreateGroup::is_retry_safe` tells which case a
    // request is.
    idempotency = NotIdempotent,
    response = CreateGroupResponse,
    retry_safe = CreateGroup::is_retry_safe,
    validate = CreateGroup::check_type_rules
)]
pub struct CreateGroup {
    new_group: new_group!(),
    /// Group custom fields (must be enabled in the console).
    #[serde(rename = "AppDefinedData")]
    pub app_defined_data: Option<Vec<AppDefinedDataItem>>,
    /// The initial members (none for an `AVChatRoom`): "Initial group member list, which
    /// contains a maximum of 100 members" (English create_group page, request fields and
    /// samples; error 10005 beyond). The older Chinese page says 500; the English page wins.
    /// An empty list is allowed (it adds nobody).
    #[serde(rename = "MemberList")]
    #[limit(
        items(max = 100, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/34895 (MemberList: at most 100 members; error 10005 beyond)"
    )]
    pub member_list: Option<Vec<InitialMember>>,
    /// Group member custom fields at the top level of the request. The page's field table
    /// lists `AppMemberDefinedData` as a request field of its own; its samples set it per
    /// member in `MemberList`, which is what [`InitialMember::app_data`] does.
    #[serde(rename = "AppMemberDefinedData")]
    pub app_member_defined_data: Option<Vec<AppDefinedDataItem>>,
    /// `1` enables topics, `0` does not ("`1`: yes; `0`: no"; "valid only for communities":
    /// create_group page, the topic-enabled sample and request fields). Sent for any type: the
    /// page documents no error for other types.
    #[serde(rename = "SupportTopic")]
    #[limit(SWITCH)]
    #[no_setter]
    pub support_topic: Option<u32>,
}

impl CreateGroup {
    /// Sets the owner.
    pub fn owner(self, account: impl Into<String>) -> Self {
        self.owner_account(account)
    }

    /// Adds a group custom field.
    pub fn app_data(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.app_defined_data
            .get_or_insert_with(Vec::new)
            .push(AppDefinedDataItem::new(key, value));
        self
    }

    /// Adds an initial member: a UserID or an [`InitialMember`].
    pub fn member(self, member: impl Into<InitialMember>) -> Self {
        self.members([member])
    }

    /// Adds initial members.
    pub fn members(mut self, members: impl IntoIterator<Item = impl Into<InitialMember>>) -> Self {
        self.member_list
            .get_or_insert_with(Vec::new)
            .extend(members.into_iter().map(Into::into));
        self
    }

    /// Enables (or explicitly disables) topics; the page says the field is valid only for
    /// communities.
    pub fn support_topic(mut self, enabled: bool) -> Self {
        self.support_topic = Some(u32::from(enabled));
        self
    }

    /// Whether a retry after an unknown outcome is safe: true when a custom `GroupId` is set.
    ///
    /// The endpoint is declared [`Idempotency::NotIdempotent`] because without a custom ID a
    /// retry creates a second group. With one, the service deduplicates: a repeat after a
    /// success fails with 10021 or 10025 (the ID is already used) instead of creating another
    /// group, so a caller that retries should treat those codes as "probably created by the
    /// first attempt" and check with the group-info call.
    ///
    /// [`Idempotency::NotIdempotent`]: crate::Idempotency::NotIdempotent
    pub fn is_retry_safe(&self) -> bool {
        self.group_id.as_deref().is_some_and(|id| !id.is_empty())
    }

    /// The rules that depend on the group type.
    fn check_type_rules(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let t = &self.group_type;
        if let Some(id) = &self.group_id {
            check_custom_group_id(&at.field("GroupId").render(), id, t)?;
        }
        let members = self.member_list.as_ref().is_some_and(|m| !m.is_empty());
        if *t == GroupType::AvChatRoom && members {
            return Err(ValidationError::new(
                at.field("MemberList").render(),
                "must be left out for AVChatRoom groups: users join them through the client SDK (the service answers 10007)",
            ));
        }
        Ok(())
    }
}

/// The answer to [`CreateGroup`].
#[response]
pub struct CreateGroupResponse {
    /// The new group's ID: assigned (`@TGS#...`) or the custom ID requested.
    #[serde(rename = "GroupId")]
    pub group_id: String,
    /// The group type, sent for communities (documented sample only, not in the field table).
    #[serde(rename = "Type")]
    pub group_type: Option<GroupType>,
    /// Sent for communities (documented sample only, meaning undocumented).
    #[serde(rename = "HugeGroupFlag")]
    pub huge_group_flag: Option<u32>,
}

/// Disbands a group (`v4/group_open_http_svc/destroy_group`). Irrevocable.
///
/// ```
/// use chatadmin_core::api::group::DestroyGroup;
/// let req = DestroyGroup::new("@TGS#2J4SZEAEL");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#2J4SZEAEL"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/destroy_group",
    summary = "Disband a group (irrevocable)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34896",
    // Disbanding again changes nothing more: the repeat fails with 10010 (the group does
    // not exist or was disbanded), which is an answer, not a duplicated effect.
    idempotency = Idempotent,
    response = DestroyGroupResponse
)]
pub struct DestroyGroup {
    /// The group to disband.
    pub group_id: group_id!(),
}

/// The answer to [`DestroyGroup`]: the status only.
pub type DestroyGroupResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// Shared by the group reads and writes below
// ---------------------------------------------------------------------------------------------

wire_enum! {
    /// How invitations to a group are handled (`InviteJoinOption`).
    pub enum InviteJoinOption {
        /// Members may invite without approval.
        FreeAccess = "FreeAccess",
        /// The owner or an admin approves each invitation.
        NeedPermission = "NeedPermission",
        /// Nobody may invite.
        DisableInvite = "DisableInvite",
    }
}

wire_enum! {
    /// A switch sent as `"On"` / `"Off"` (`MuteAllMember`).
    pub enum OnOff {
        /// Enabled.
        On = "On",
        /// Disabled.
        Off = "Off",
    }
}

wire_enum! {
    /// A user's role as `get_role_in_group` reports it: a member role, or `NotMember`.
    pub enum RoleInGroup {
        /// The group owner.
        Owner = "Owner",
        /// A group admin.
        Admin = "Admin",
        /// An ordinary member.
        Member = "Member",
        /// Not in the group.
        NotMember = "NotMember",
    }
}

/// A group custom field's key: at most 16 bytes (Use Limits page, group custom fields).
pub const APP_DATA_KEY: Limit = Limit::bytes(
    "Key",
    16,
    "https://trtc.io/zh/document/34381 (group custom fields: a Key is at most 16 bytes)",
);

/// A group custom field's value: at most 512 bytes (Use Limits page, group custom fields).
/// May be empty: `modify_group_base_info` deletes a field whose new value is empty.
pub const APP_DATA_VALUE: Limit = Limit::bytes_or_empty(
    "Value",
    512,
    "https://trtc.io/zh/document/34381 (group custom fields: a group-level Value is at most 512 bytes)",
);

/// The most custom fields a group has ("up to 10 group-level custom fields", Use Limits).
pub const MAX_GROUP_APP_DATA: usize = 10;

/// Checks the keys and values of group custom fields ([`APP_DATA_KEY`], [`APP_DATA_VALUE`]).
/// The key's characters are not checked: the import_group page's own sample sends
/// `" GroupTestData2"`.
fn check_group_app_data(
    items: &[AppDefinedDataItem],
    at: &Path<'_>,
) -> Result<(), ValidationError> {
    for (i, d) in items.iter().enumerate() {
        let item = at.index(i);
        APP_DATA_KEY.check_str(&item.field("Key").render(), &d.key)?;
        APP_DATA_VALUE.check_str(&item.field("Value").render(), &d.value)?;
    }
    Ok(())
}

/// A custom field in an answer: `{"Key": ..., "Value": ...}`. The value may hold binary data.
#[response(item)]
pub struct AppDataValue {
    /// The key.
    #[serde(rename = "Key")]
    pub key: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: String,
}

/// A group ID in a list answer: `{"GroupId": ...}`, with the group's profile fields when the
/// request asked for them (`get_joined_group_list`'s `ResponseFilter`).
#[response(item)]
pub struct GroupIdItem {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: String,
}

/// A member as `get_group_info` lists it (`MemberList`); which fields are present depends on
/// `MemberInfoFilter`.
#[response(item)]
pub struct GroupInfoMember {
    /// The member.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// The member's role.
    #[serde(rename = "Role")]
    pub role: Option<MemberRole>,
    /// When the member joined, unix seconds.
    #[serde(rename = "JoinTime")]
    pub join_time: Option<u64>,
    /// The sequence of the last message the member read.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: Option<u64>,
    /// How the member receives group messages (`AcceptAndNotify`, ...).
    #[serde(rename = "MsgFlag")]
    pub msg_flag: Option<String>,
    /// When the member last sent a message, unix seconds.
    #[serde(rename = "LastSendMsgTime")]
    pub last_send_msg_time: Option<u64>,
    /// When the member's mute ends, unix seconds; 0 when not muted.
    #[serde(rename = "ShutUpUntil")]
    pub shut_up_until: Option<u64>,
    /// The member's name card.
    #[serde(rename = "NameCard")]
    pub name_card: Option<String>,
    /// The member's custom fields.
    #[serde(rename = "AppMemberDefinedData")]
    pub app_member_defined_data: Option<Vec<AppDataValue>>,
}

/// The requesting user's own data in a group (`SelfInfo` of `get_joined_group_list`).
#[response(item)]
pub struct GroupSelfInfo {
    /// The user's role.
    #[serde(rename = "Role")]
    pub role: Option<MemberRole>,
    /// When the user joined, unix seconds.
    #[serde(rename = "JoinTime")]
    pub join_time: Option<u64>,
    /// How the user receives group messages.
    #[serde(rename = "MsgFlag")]
    pub msg_flag: Option<String>,
    /// The sequence of the last message the user read.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: Option<u64>,
    /// The user's unread message count (`set_unread_msg_num`).
    #[serde(rename = "UnreadMsgNum")]
    pub unread_msg_num: Option<u64>,
    /// Topic-enabled communities: the sequence the user has read across topics.
    #[serde(rename = "GrossTopicReadSeq")]
    pub gross_topic_read_seq: Option<u64>,
}

/// A group's profile as `get_group_info` (`GroupInfo[]`) and `get_joined_group_list`
/// (`GroupIdList[]`) return it: the page's "group data structure". Which fields are present
/// depends on the request's filters; `get_group_info` adds a per-group `ErrorCode`.
#[response(item)]
pub struct GroupInfo {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: String,
    /// `get_group_info`: this group's result, 0 on success (10010 for a group that does not
    /// exist). The call's own `ErrorCode` is "meaningless" (page): check this one.
    #[serde(rename = "ErrorCode")]
    pub error_code: Option<i64>,
    /// `get_group_info`: this group's error text.
    #[serde(rename = "ErrorInfo")]
    pub error_info: Option<String>,
    /// The group type.
    #[serde(rename = "Type")]
    pub group_type: Option<GroupType>,
    /// The name.
    #[serde(rename = "Name")]
    pub name: Option<String>,
    /// The app's SDKAppID (`get_group_info` sample).
    #[serde(rename = "Appid")]
    pub appid: Option<u64>,
    /// The introduction.
    #[serde(rename = "Introduction")]
    pub introduction: Option<String>,
    /// The notice.
    #[serde(rename = "Notification")]
    pub notification: Option<String>,
    /// The profile photo URL.
    #[serde(rename = "FaceUrl")]
    pub face_url: Option<String>,
    /// The owner; `""` for a group without one.
    #[serde(rename = "Owner_Account")]
    pub owner_account: Option<String>,
    /// When the group was created (or the `CreateTime` it was imported with), unix seconds.
    #[serde(rename = "CreateTime")]
    pub create_time: Option<u64>,
    /// When the profile last changed, unix seconds.
    #[serde(rename = "LastInfoTime")]
    pub last_info_time: Option<u64>,
    /// When the last message was sent, unix seconds (0: none yet).
    #[serde(rename = "LastMsgTime")]
    pub last_msg_time: Option<u64>,
    /// The sequence the next message gets.
    #[serde(rename = "NextMsgSeq")]
    pub next_msg_seq: Option<u64>,
    /// The number of members.
    #[serde(rename = "MemberNum")]
    pub member_num: Option<u64>,
    /// The most members the group may have.
    #[serde(rename = "MaxMemberNum")]
    pub max_member_num: Option<u64>,
    /// How requests to join are handled.
    #[serde(rename = "ApplyJoinOption")]
    pub apply_join_option: Option<ApplyJoinOption>,
    /// How invitations are handled.
    #[serde(rename = "InviteJoinOption")]
    pub invite_join_option: Option<InviteJoinOption>,
    /// `"On"` when everyone but the owner and admins is muted.
    #[serde(rename = "MuteAllMember")]
    pub mute_all_member: Option<OnOff>,
    /// The older name of `MuteAllMember`, as some answers still send it.
    #[serde(rename = "ShutUpAllMember")]
    pub shut_up_all_member: Option<OnOff>,
    /// The group's custom fields.
    #[serde(rename = "AppDefinedData")]
    pub app_defined_data: Option<Vec<AppDataValue>>,
    /// `get_group_info`: the members (groups with a member list).
    #[serde(rename = "MemberList")]
    pub member_list: Option<Vec<GroupInfoMember>>,
    /// `get_joined_group_list`: the user's own data in the group (`SelfInfoFilter`).
    #[serde(rename = "SelfInfo")]
    pub self_info: Option<GroupSelfInfo>,
    /// Communities: 1 when topics are enabled.
    #[serde(rename = "SupportTopic")]
    pub support_topic: Option<u32>,
    /// Topic-enabled communities: the next message sequence across topics.
    #[serde(rename = "GrossTopicNextMsgSeq")]
    pub gross_topic_next_msg_seq: Option<u64>,
}

impl GroupInfo {
    /// Whether this group's part of a `get_group_info` answer succeeded (an item without
    /// `ErrorCode`, as `get_joined_group_list` sends them, counts as success).
    pub fn is_ok(&self) -> bool {
        self.error_code.unwrap_or(0) == 0
    }

    /// The value of custom field `key`, if returned.
    pub fn app_data(&self, key: &str) -> Option<&str> {
        self.app_defined_data
            .as_deref()?
            .iter()
            .find(|d| d.key == key)
            .map(|d| d.value.as_str())
    }

    /// The member `account`, if listed.
    pub fn member(&self, account: &str) -> Option<&GroupInfoMember> {
        self.member_list
            .as_deref()?
            .iter()
            .find(|m| m.member_account == account)
    }
}

// ---------------------------------------------------------------------------------------------
// get_appid_group_list
// ---------------------------------------------------------------------------------------------

/// Lists the IDs of the app's groups, a page at a time
/// (`v4/group_open_http_svc/get_appid_group_list`).
///
/// Start with `Next` 0 (or none) and send each answer's `Next` back until it is 0 ("If the
/// returned `Next` value is 0, all groups have been pulled"; [`ApiRequest::next_page`] does
/// this). `Limit` is 1 to 10,000 per page (the default). `GroupType` keeps one type, and then
/// `TotalCount` counts only that type. The service allows 1 call per second.
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::group::{GetAppidGroupList, GetAppidGroupListResponse, GroupType};
/// use chatadmin_core::ApiRequest;
/// let req = GetAppidGroupList::new().limit(20).group_type(GroupType::Public);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"Limit": 20, "GroupType": "Public"}));
/// let page: GetAppidGroupListResponse = serde_json::from_value(serde_json::json!(
///     {"ErrorCode": 0, "TotalCount": 30, "GroupIdList": [{"GroupId": "@TGS#2J4SZEAEL"}], "Next": 4454685361u64}
/// )).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().next, Some(4454685361));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_appid_group_list",
    summary = "List the IDs of the app's groups, a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34960",
    // "Maximum call frequency: 1 times/second" (page).
    rate = 1,
    // A read.
    idempotency = Idempotent,
    response = GetAppidGroupListResponse,
    page_items = "GroupIdList",
    next_page = GetAppidGroupList::page_after
)]
pub struct GetAppidGroupList {
    /// The most group IDs per page: "cannot exceed 10,000. If no value is specified, the
    /// maximum value 10000 is used by default."
    #[serde(rename = "Limit")]
    #[limit(
        range(min = 1, max = 10000),
        source = "https://intl.cloud.tencent.com/document/product/1047/34960 (Limit: at most 10,000 group IDs per page)"
    )]
    pub limit: Option<u32>,
    /// The cursor: 0 (or none) for the first page, then the previous answer's `Next`.
    #[serde(rename = "Next")]
    pub next: Option<u64>,
    /// Only groups of this type ("Public, Private, ChatRoom, AVChatRoom, BChatRoom, and
    /// Community").
    #[serde(rename = "GroupType")]
    pub group_type: Option<GroupType>,
}

impl GetAppidGroupList {
    /// The page at the answer's `Next`; `None` when it is 0 or repeats this page's cursor.
    fn page_after(&self, resp: &GetAppidGroupListResponse) -> Option<Self> {
        let next = resp.next;
        (next != 0 && Some(next) != self.next).then(|| GetAppidGroupList {
            next: Some(next),
            ..self.clone()
        })
    }
}

impl Paginated for GetAppidGroupList {
    type Item = GroupIdItem;

    fn into_items(resp: GetAppidGroupListResponse) -> Vec<GroupIdItem> {
        resp.group_id_list
    }
}

/// One page of [`GetAppidGroupList`].
#[response]
pub struct GetAppidGroupListResponse {
    /// The number of the app's groups (of the requested type), whatever the paging.
    #[serde(rename = "TotalCount")]
    pub total_count: u64,
    /// The group IDs of this page.
    #[serde(rename = "GroupIdList")]
    pub group_id_list: Vec<GroupIdItem>,
    /// The cursor of the next page; 0 when every group has been listed.
    #[serde(rename = "Next")]
    pub next: u64,
}

// ---------------------------------------------------------------------------------------------
// get_group_info
// ---------------------------------------------------------------------------------------------

/// What `get_group_info` returns (`ResponseFilter`): "If filters are set, only the fields
/// specified by filters are pulled."
#[payload]
pub struct GroupInfoFilter {
    /// The profile fields (`Type`, `Name`, `Introduction`, `Notification`, `FaceUrl`,
    /// `Owner_Account`, `CreateTime`, `LastInfoTime`, `LastMsgTime`, `NextMsgSeq`,
    /// `MemberNum`, `MaxMemberNum`, `ApplyJoinOption`, `MuteAllMember`, ...).
    #[serde(rename = "GroupBaseInfoFilter")]
    pub group_base_info_filter: Option<Vec<String>>,
    /// The member fields (`Account`, `Role`, `JoinTime`, `MsgSeq`, `MsgFlag`,
    /// `LastSendMsgTime`, `ShutUpUntil`, `NameCard`); without it no member list is returned.
    #[serde(rename = "MemberInfoFilter")]
    pub member_info_filter: Option<Vec<String>>,
    /// The group custom fields, by key.
    #[serde(rename = "AppDefinedDataFilter_Group")]
    pub app_defined_data_filter_group: Option<Vec<String>>,
    /// The member custom fields, by key.
    #[serde(rename = "AppDefinedDataFilter_GroupMember")]
    pub app_defined_data_filter_group_member: Option<Vec<String>>,
}

/// Reads groups' profiles, members and custom fields
/// (`v4/group_open_http_svc/get_group_info`).
///
/// At most 50 groups per request ("Each request can be used to query information on a maximum
/// of 50 groups"); the client splits longer lists and merges the answers in order. Each group
/// has its own `ErrorCode` in the answer ([`GroupInfo::is_ok`]): a group that does not exist
/// is a per-group 10010, not a failed call.
///
/// ```
/// use chatadmin_core::api::group::{GetGroupInfo, GroupInfoFilter};
/// let req = GetGroupInfo::new(["@TGS#1NVTZEAE4"]).response_filter(
///     GroupInfoFilter::new().group_base_info_filter(["Name".to_owned(), "MemberNum".to_owned()]),
/// );
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["GroupIdList"][0], "@TGS#1NVTZEAE4");
/// assert_eq!(body["ResponseFilter"]["GroupBaseInfoFilter"][1], "MemberNum");
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_info",
    summary = "Read groups' profiles, members and custom fields (per-group results)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34961",
    // A read.
    idempotency = Idempotent,
    response = GetGroupInfoResponse
)]
pub struct GetGroupInfo {
    /// The groups (1 to 50 per request; the client splits longer lists).
    #[serde(rename = "GroupIdList")]
    #[limit(
        items(max = 50),
        source = "https://intl.cloud.tencent.com/document/product/1047/34961 (\"a maximum of 50 groups\" per request)"
    )]
    #[split]
    pub group_id_list: Vec<String>,
    /// What to return; without it every profile field, the members and the custom fields.
    #[serde(rename = "ResponseFilter")]
    pub response_filter: Option<GroupInfoFilter>,
}

/// The answer to [`GetGroupInfo`]: one item per requested group, in request order.
#[response]
pub struct GetGroupInfoResponse {
    /// The groups, each with its own `ErrorCode`.
    #[serde(rename = "GroupInfo")]
    #[merge]
    pub group_info: Vec<GroupInfo>,
}

impl GetGroupInfoResponse {
    /// The item of group `id`.
    pub fn group(&self, id: &str) -> Option<&GroupInfo> {
        self.group_info.iter().find(|g| g.group_id == id)
    }

    /// The groups that failed (do not exist, invalid ID, ...).
    pub fn failures(&self) -> impl Iterator<Item = &GroupInfo> {
        self.group_info.iter().filter(|g| !g.is_ok())
    }
}

// ---------------------------------------------------------------------------------------------
// modify_group_base_info
// ---------------------------------------------------------------------------------------------

/// Changes a group's profile (`v4/group_open_http_svc/modify_group_base_info`).
///
/// Only the fields given change. A custom field (`AppDefinedData`) with an empty value is
/// deleted ("If this parameter is empty, the custom field is to be deleted"). `MaxMemberNum` is
/// "invalid" for AVChatRoom and `ApplyJoinOption` unsupported for communities: both are sent
/// as given (the page documents no error).
///
/// ```
/// use chatadmin_core::api::group::{ModifyGroupBaseInfo, OnOff};
/// let req = ModifyGroupBaseInfo::new("@TGS#1NVTZEAE4")
///     .name("NewName")
///     .mute_all_member(OnOff::On)
///     .app_data("GroupTestData2", "");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MuteAllMember"], "On");
/// assert_eq!(body["AppDefinedData"][0]["Value"], "");
/// ```
#[endpoint(
    path = "group_open_http_svc/modify_group_base_info",
    summary = "Change a group's profile (name, notice, limits, options, custom fields)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34962",
    // Setting the same values again changes nothing more.
    idempotency = Idempotent,
    response = ModifyGroupBaseInfoResponse
)]
pub struct ModifyGroupBaseInfo {
    /// The group.
    pub group_id: group_id!(),
    /// The new name: "The maximum length is 30 bytes".
    #[serde(rename = "Name")]
    #[limit(
        bytes(max = 30),
        source = "https://intl.cloud.tencent.com/document/product/1047/34962 (Name: at most 30 bytes of UTF-8)"
    )]
    pub name: Option<String>,
    texts: group_texts!(),
    /// The most members (up to the type's limit, see the Group System page; "invalid" for
    /// AVChatRoom). Named `MaxMemberCount` at creation.
    #[serde(rename = "MaxMemberNum")]
    pub max_member_num: Option<u32>,
    /// How requests to join are handled ("Community groups currently do not support this
    /// field").
    #[serde(rename = "ApplyJoinOption")]
    pub apply_join_option: Option<ApplyJoinOption>,
    /// How invitations are handled. Not in the page's field table; part of the group profile
    /// the product documents (the client SDKs' `inviteOption`), sent only when set.
    #[serde(rename = "InviteJoinOption")]
    pub invite_join_option: Option<InviteJoinOption>,
    /// `On` mutes everyone but the owner, the admins and the app admin; `Off` lifts it.
    #[serde(rename = "MuteAllMember")]
    pub mute_all_member: Option<OnOff>,
    /// Custom fields to set; an empty value deletes the field. At most 10 (a group has at
    /// most 10 custom fields), keys of at most 16 bytes, values of at most 512 bytes (Use
    /// Limits page).
    #[serde(rename = "AppDefinedData")]
    #[check(check_group_app_data)]
    #[limit(
        items(max = 10, min = 0),
        source = "https://trtc.io/zh/document/34381 (a group has at most 10 group-level custom fields)"
    )]
    pub app_defined_data: Option<Vec<AppDefinedDataItem>>,
}

impl ModifyGroupBaseInfo {
    /// Sets a custom field; an empty `value` deletes it.
    pub fn app_data(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.app_defined_data
            .get_or_insert_with(Vec::new)
            .push(AppDefinedDataItem::new(key, value));
        self
    }
}

/// The answer to [`ModifyGroupBaseInfo`]: the status only.
pub type ModifyGroupBaseInfoResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// get_joined_group_list
// ---------------------------------------------------------------------------------------------

/// What `get_joined_group_list` returns for each group (`ResponseFilter`).
#[payload]
pub struct JoinedGroupFilter {
    /// The profile fields to return (as [`GroupInfoFilter::group_base_info_filter`]).
    #[serde(rename = "GroupBaseInfoFilter")]
    pub group_base_info_filter: Option<Vec<String>>,
    /// The user's own fields to return in `SelfInfo` (`Role`, `JoinTime`, `MsgFlag`,
    /// `MsgSeq`, `UnreadMsgNum`).
    #[serde(rename = "SelfInfoFilter")]
    pub self_info_filter: Option<Vec<String>>,
}

/// Lists the groups a user has joined (`v4/group_open_http_svc/get_joined_group_list`).
///
/// Without `Limit` every group comes in one answer; with it, pages start at `Offset` ("(Page
/// number – 1) × Number of groups displayed on each page") and [`ApiRequest::next_page`]
/// follows them until `TotalCount` is reached. Live-broadcast groups (AVChatRoom) come only
/// with `WithHugeGroups` 1, Work groups that are not activated yet only with
/// `WithNoActiveGroups` 1. Without `ResponseFilter` each item holds only the `GroupId`.
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::group::{GetJoinedGroupList, GetJoinedGroupListResponse};
/// use chatadmin_core::ApiRequest;
/// let req = GetJoinedGroupList::new("leckie").limit(2);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"Member_Account": "leckie", "Limit": 2}));
/// let page: GetJoinedGroupListResponse = serde_json::from_value(serde_json::json!(
///     {"ErrorCode": 0, "TotalCount": 3, "GroupIdList": [{"GroupId": "a"}, {"GroupId": "b"}]}
/// )).unwrap();
/// let next = req.next_page(&page).unwrap();
/// assert_eq!(next.offset, Some(2));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_joined_group_list",
    summary = "List the groups a user has joined, optionally paged and with profile fields",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34925",
    // A read.
    idempotency = Idempotent,
    response = GetJoinedGroupListResponse,
    page_items = "GroupIdList",
    next_page = GetJoinedGroupList::page_after
)]
pub struct GetJoinedGroupList {
    /// The user.
    pub member_account: member_account!(),
    /// `1` also lists the audio-video groups (AVChatRoom) the user is in; `0` (default) not.
    #[serde(rename = "WithHugeGroups")]
    #[limit(SWITCH)]
    pub with_huge_groups: Option<u32>,
    /// `1` also lists the Work (Private) groups that are not activated yet; `0` (default) not.
    #[serde(rename = "WithNoActiveGroups")]
    #[limit(SWITCH)]
    pub with_no_active_groups: Option<u32>,
    /// The most groups per page, at most 5,000 ("cannot exceed 5,000"); without it, all.
    #[serde(rename = "Limit")]
    #[limit(
        range(min = 1, max = 5000),
        source = "https://intl.cloud.tencent.com/document/product/1047/34925 (Limit: the groups per page cannot exceed 5,000)"
    )]
    pub limit: Option<u32>,
    /// The position of the page's first group in the whole list (0 by default).
    #[serde(rename = "Offset")]
    pub offset: Option<u64>,
    /// Only groups of this type.
    #[serde(rename = "GroupType")]
    pub group_type: Option<GroupType>,
    /// The fields to return per group.
    #[serde(rename = "ResponseFilter")]
    pub response_filter: Option<JoinedGroupFilter>,
    /// Communities only: `1` lists topic-enabled communities, `0` the others ("If this field
    /// is specified, `GroupType` must be `Community`").
    #[serde(rename = "SupportTopic")]
    #[limit(SWITCH)]
    pub support_topic: Option<u32>,
}

impl GetJoinedGroupList {
    /// The page after this one: `Offset` advanced by `Limit`, while `TotalCount` is not
    /// reached. `None` without `Limit` (every group came in one answer) or after an empty page.
    fn page_after(&self, resp: &GetJoinedGroupListResponse) -> Option<Self> {
        let limit = u64::from(self.limit?);
        let next = self.offset.unwrap_or(0) + limit;
        (!resp.group_id_list.is_empty() && next < resp.total_count).then(|| GetJoinedGroupList {
            offset: Some(next),
            ..self.clone()
        })
    }
}

impl Paginated for GetJoinedGroupList {
    type Item = GroupInfo;

    fn into_items(resp: GetJoinedGroupListResponse) -> Vec<GroupInfo> {
        resp.group_id_list
    }
}

/// One page of [`GetJoinedGroupList`].
#[response]
pub struct GetJoinedGroupListResponse {
    /// The number of groups that match, whatever the paging.
    #[serde(rename = "TotalCount")]
    pub total_count: u64,
    /// The groups of this page, with the fields the filter asked for.
    #[serde(rename = "GroupIdList")]
    pub group_id_list: Vec<GroupInfo>,
}

// ---------------------------------------------------------------------------------------------
// change_group_owner
// ---------------------------------------------------------------------------------------------

/// Makes a member the group's owner (`v4/group_open_http_svc/change_group_owner`); the old
/// owner becomes an ordinary member. Also gives an owner to a group without one.
///
/// "The new group owner must be a member of the group." Audio-video groups (AVChatRoom) do not
/// support it (10007). With `From_Account` the transfer is made as that user, who must be
/// allowed to make it (the owner).
///
/// ```
/// use chatadmin_core::api::group::ChangeGroupOwner;
/// let req = ChangeGroupOwner::new("@TGS#1NVTZEAE4", "peter");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#1NVTZEAE4", "NewOwner_Account": "peter"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/change_group_owner",
    summary = "Transfer a group's ownership to a member",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34966",
    // Making the same member owner again changes nothing more.
    idempotency = Idempotent,
    response = ChangeGroupOwnerResponse
)]
pub struct ChangeGroupOwner {
    /// The group.
    pub group_id: group_id!(),
    /// The new owner, a member of the group.
    #[serde(rename = "NewOwner_Account")]
    #[user_id]
    pub new_owner_account: String,
    /// The operator the transfer is made as ("Specified Operator Account"; in the newer
    /// edition of the page, https://intl.cloud.tencent.com/jp/document/product/1047/34966).
    /// Without it the app admin transfers.
    #[serde(rename = "From_Account")]
    #[user_id]
    pub from_account: Option<String>,
}

/// The answer to [`ChangeGroupOwner`]: the status only.
pub type ChangeGroupOwnerResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// get_role_in_group
// ---------------------------------------------------------------------------------------------

/// Reads users' roles in a group (`v4/group_open_http_svc/get_role_in_group`): `Owner`,
/// `Admin`, `Member` or `NotMember` each.
///
/// At most 500 users per request ("Up to 500 accounts are supported"); the client splits
/// longer lists and merges the answers in order. Not for audio-video groups (10007).
///
/// ```
/// use chatadmin_core::api::group::GetRoleInGroup;
/// let req = GetRoleInGroup::new("@TGS#2C5SZEAEF", ["leckie", "peter"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["User_Account"][1], "peter");
/// ```
#[endpoint(
    path = "group_open_http_svc/get_role_in_group",
    summary = "Read users' roles in a group (Owner, Admin, Member or NotMember)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34963",
    // A read.
    idempotency = Idempotent,
    response = GetRoleInGroupResponse
)]
pub struct GetRoleInGroup {
    /// The group.
    pub group_id: group_id!(),
    /// The users (1 to 500 per request; the client splits longer lists).
    #[serde(rename = "User_Account")]
    #[limit(
        items(max = 500),
        source = "https://intl.cloud.tencent.com/document/product/1047/34963 (User_Account: \"Up to 500 accounts are supported\")"
    )]
    #[user_id]
    #[split]
    pub user_account: Vec<String>,
}

/// One user's role (`UserIdList[]` of `get_role_in_group`).
#[response(item)]
pub struct UserRole {
    /// The user.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// The role, or `NotMember`.
    #[serde(rename = "Role")]
    pub role: Option<RoleInGroup>,
}

/// The answer to [`GetRoleInGroup`]: one item per requested user, in request order.
#[response]
pub struct GetRoleInGroupResponse {
    /// The roles.
    #[serde(rename = "UserIdList")]
    #[merge]
    pub user_id_list: Vec<UserRole>,
}

impl GetRoleInGroupResponse {
    /// The role reported for `account`.
    pub fn role(&self, account: &str) -> Option<&RoleInGroup> {
        self.user_id_list
            .iter()
            .find(|u| u.member_account == account)
            .and_then(|u| u.role.as_ref())
    }
}

// ---------------------------------------------------------------------------------------------
// import_group
// ---------------------------------------------------------------------------------------------

/// Imports a group from another system (`v4/group_open_http_svc/import_group`): like
/// [`CreateGroup`] without initial members, plus the group's original `CreateTime`. No
/// webhook runs and no notification is sent.
///
/// AVChatRoom groups cannot be imported ("error 10007 is returned"), so that type is refused
/// before sending. Retrying is safe only with a custom `GroupId` (a repeat then fails with
/// 10021 instead of importing a second group).
///
/// ```
/// use chatadmin_core::api::group::{GroupType, ImportGroup};
/// let req = ImportGroup::new(GroupType::Public, "TestGroup")
///     .owner_account("leckie")
///     .create_time(1448357837);
/// assert!(!req.is_retry_safe());
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CreateTime"], 1448357837);
/// ```
#[endpoint(
    path = "group_open_http_svc/import_group",
    summary = "Import a group with its original creation time (migration)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34967",
    // As create_group: without a custom GroupId a repeat imports a second group.
    idempotency = NotIdempotent,
    response = ImportGroupResponse,
    retry_safe = ImportGroup::is_retry_safe,
    validate = ImportGroup::check_type_rules
)]
pub struct ImportGroup {
    new_group: new_group!(),
    /// Group custom fields (must be enabled in the console): at most 10, keys of at most 16
    /// bytes, values of at most 512 bytes (Use Limits page).
    #[serde(rename = "AppDefinedData")]
    #[check(check_group_app_data)]
    #[limit(
        items(max = 10, min = 0),
        source = "https://trtc.io/zh/document/34381 (a group has at most 10 group-level custom fields)"
    )]
    pub app_defined_data: Option<Vec<AppDefinedDataItem>>,
    /// The group's original creation time, unix seconds; "If this field is not specified, the
    /// default creation time is the request time."
    #[serde(rename = "CreateTime")]
    pub create_time: Option<u64>,
    /// `1` enables topics, `0` not ("valid only for communities"; sent as given).
    #[serde(rename = "SupportTopic")]
    #[limit(SWITCH)]
    pub support_topic: Option<u32>,
}

impl ImportGroup {
    /// Whether a retry after an unknown outcome is safe: true when a custom `GroupId` is set
    /// (see [`CreateGroup::is_retry_safe`]).
    pub fn is_retry_safe(&self) -> bool {
        self.group_id.as_deref().is_some_and(|id| !id.is_empty())
    }

    /// Adds a group custom field.
    pub fn app_data(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.app_defined_data
            .get_or_insert_with(Vec::new)
            .push(AppDefinedDataItem::new(key, value));
        self
    }

    fn check_type_rules(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        if let Some(id) = &self.group_id {
            check_custom_group_id(&at.field("GroupId").render(), id, &self.group_type)?;
        }
        if self.group_type == GroupType::AvChatRoom {
            return Err(ValidationError::new(
                at.field("Type").render(),
                "is \"AVChatRoom\", which cannot be imported (the service answers 10007); create the group and set its profile instead",
            ));
        }
        Ok(())
    }
}

/// The answer to [`ImportGroup`].
#[response]
pub struct ImportGroupResponse {
    /// The group's ID: assigned (`@TGS#...`) or the custom ID requested.
    #[serde(rename = "GroupId")]
    pub group_id: String,
}

// ---------------------------------------------------------------------------------------------
// set_unread_msg_num
// ---------------------------------------------------------------------------------------------

/// Sets a member's unread message count in a group (`v4/group_open_http_svc/set_unread_msg_num`),
/// for migrations. A count above the group's number of messages becomes that number. Meeting
/// (ChatRoom) and AVChatRoom groups have no unread counts: the call succeeds there without
/// effect ("no error will be returned").
///
/// ```
/// use chatadmin_core::api::group::SetUnreadMsgNum;
/// let req = SetUnreadMsgNum::new("@TGS#2CLUZEAEJ", "bob", 5);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["UnreadMsgNum"], 5);
/// ```
#[endpoint(
    path = "group_open_http_svc/set_unread_msg_num",
    summary = "Set a member's unread message count in a group (migration)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34909",
    // Setting the same count again changes nothing more.
    idempotency = Idempotent,
    response = SetUnreadMsgNumResponse
)]
pub struct SetUnreadMsgNum {
    /// The group.
    pub group_id: group_id!(),
    /// The member.
    pub member_account: member_account!(),
    /// The unread count.
    #[serde(rename = "UnreadMsgNum")]
    pub unread_msg_num: u64,
}

/// The answer to [`SetUnreadMsgNum`]: the status only.
pub type SetUnreadMsgNumResponse = StatusResponse;
