//! Groups: creating and disbanding them (`group_open_http_svc/create_group`,
//! `group_open_http_svc/destroy_group`).
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

use crate::api::common::StatusResponse;
use crate::declare::{endpoint, payload, response, Path, Validate};
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
    /// A member's role in a group. `create_group` accepts only `Admin` as an explicit role.
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

/// A member's role at creation: "Currently, only the Admin option is available".
fn check_initial_role(role: &MemberRole, at: &Path<'_>) -> Result<(), ValidationError> {
    role.validate_at(at)?;
    if *role == MemberRole::Admin {
        return Ok(());
    }
    let name = role.as_str();
    let message = format!("is {name:?}; only \"Admin\" can be given when creating a group (leave Role out for an ordinary member)");
    Err(ValidationError::new(at.render(), message))
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
    #[serde(rename = "Member_Account")]
    #[user_id]
    pub member_account: String,
    /// The member's role; only `Admin` may be given ("Currently, only the Admin option is
    /// available"). Without it the member is an ordinary member.
    #[serde(rename = "Role")]
    #[check(check_initial_role)]
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

impl From<&str> for InitialMember {
    fn from(account: &str) -> Self {
        InitialMember::new(account)
    }
}

impl From<String> for InitialMember {
    fn from(account: String) -> Self {
        InitialMember::new(account)
    }
}

/// Creates a group (`v4/group_open_http_svc/create_group`).
///
/// Rules checked before sending, besides the field limits:
/// - an `AVChatRoom` gets no initial members ("If a group member is specified during the group
///   creation, error 10007 will be returned");
/// - `ApplyJoinOption` is refused for communities ("Community groups currently do not support
///   this field") and for `Private` (Work) groups, which users join only by invitation (the
///   field "is valid only for groups that can be joined by users");
/// - `SupportTopic` is for communities only ("This field is valid only for communities");
/// - a member's `Role` can only be `Admin`;
/// - a custom `GroupId` follows [`check_custom_group_id`].
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
    /// The owner's UserID (an imported account, added to the members). Without it the group
    /// has no owner.
    #[serde(rename = "Owner_Account")]
    #[user_id]
    pub owner_account: Option<String>,
    /// The group type.
    #[serde(rename = "Type")]
    pub group_type: GroupType,
    /// A custom group ID; without it the service assigns one (`@TGS#...`). Checked by
    /// [`check_custom_group_id`], which depends on the group type.
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    /// The group name: "Group name, whose maximum length is 30 bytes. This field is
    /// UTF-8-encoded, and one Chinese character occupies 3 bytes" (create_group page, request
    /// fields). Required, so non-empty.
    #[serde(rename = "Name")]
    #[limit(
        bytes(max = 30),
        source = "https://intl.cloud.tencent.com/document/product/1047/34895 (Name: required, at most 30 bytes of UTF-8)"
    )]
    pub name: String,
    /// The group introduction: at most 240 bytes of UTF-8 (create_group page, request fields).
    #[serde(rename = "Introduction")]
    #[limit(
        bytes(max = 240, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/34895 (Introduction: at most 240 bytes of UTF-8)"
    )]
    pub introduction: Option<String>,
    /// The group notice: at most 300 bytes of UTF-8 (create_group page, request fields).
    #[serde(rename = "Notification")]
    #[limit(
        bytes(max = 300, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/34895 (Notification: at most 300 bytes of UTF-8)"
    )]
    pub notification: Option<String>,
    /// The group profile photo URL: at most 100 bytes (create_group page, request fields).
    #[serde(rename = "FaceUrl")]
    #[limit(
        bytes(max = 100, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/34895 (FaceUrl: at most 100 bytes)"
    )]
    pub face_url: Option<String>,
    /// The maximum number of members; the default is the plan's limit. (Named
    /// `MaxMemberNum` in the group-info calls.)
    #[serde(rename = "MaxMemberCount")]
    pub max_member_count: Option<u32>,
    /// How requests to join are handled; the service's default is `NeedPermission`.
    #[serde(rename = "ApplyJoinOption")]
    pub apply_join_option: Option<ApplyJoinOption>,
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
    /// Communities only: `1` enables topics, `0` does not ("`1`: yes; `0`: no", valid only
    /// for communities: create_group page, the topic-enabled sample and request fields).
    #[serde(rename = "SupportTopic")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/34895 (SupportTopic: 1 yes, 0 no; communities only)"
    )]
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

    /// Communities: enables (or explicitly disables) topics.
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
        let joins = self.apply_join_option.is_some();
        let members = self.member_list.as_ref().is_some_and(|m| !m.is_empty());
        let (field, message) = match t {
            GroupType::Community if joins => ("ApplyJoinOption", "is not supported for Community groups; leave it out".to_owned()),
            GroupType::Private if joins => ("ApplyJoinOption", "does not apply to Private (Work) groups, which users join only by invitation; leave it out".to_owned()),
            GroupType::AvChatRoom if members => ("MemberList", "must be left out for AVChatRoom groups: users join them through the client SDK (the service answers 10007)".to_owned()),
            GroupType::Community => return Ok(()),
            _ if self.support_topic.is_some() => ("SupportTopic", format!("is only valid for Community groups, not {:?}", t.as_str())),
            _ => return Ok(()),
        };
        Err(ValidationError::new(at.field(field).render(), message))
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
    #[serde(rename = "GroupId")]
    #[limit(GROUP_ID)]
    pub group_id: String,
}

/// The answer to [`DestroyGroup`]: the status only.
pub type DestroyGroupResponse = StatusResponse;
