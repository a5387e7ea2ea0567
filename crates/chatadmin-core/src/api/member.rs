//! Group members (`group_open_http_svc`): adding, importing and deleting members, reading
//! their profiles a page at a time, changing a member's role, name card and custom fields,
//! and muting.
//!
//! Members live in groups with a member list: every type but the audio-video groups
//! (`AVChatRoom`, `BChatRoom`), which answer most of these calls with 10007 (10004 for
//! `delete_group_member`). Those rules depend on the group, which only the service knows, so
//! they are not checked before sending.
//!
//! # Results per member
//!
//! `add_group_member` and `import_group_member` answer one `Result` per member:
//! [`member_result::FAILED`] (0), [`member_result::ADDED`] (1),
//! [`member_result::ALREADY_MEMBER`] (2) and, for invitations that need approval,
//! [`member_result::PENDING`] (3).

use crate::api::common::{from_id, StatusResponse, SWITCH};
use crate::api::group::{group_id, member_account, AppDefinedDataItem, MemberRole};
use crate::declare::{endpoint, payload, response, Path, Validate};
use crate::endpoint::Paginated;
use crate::error::ValidationError;
use crate::wire_enum;

/// The values of a per-member `Result` (`add_group_member`, `import_group_member`).
pub mod member_result {
    /// "0: failed".
    pub const FAILED: u32 = 0;
    /// "1: successful".
    pub const ADDED: u32 = 1;
    /// "2: already in the group".
    pub const ALREADY_MEMBER: u32 = 2;
    /// "3: pending approval by the invitee or admin" (`add_group_member` only).
    pub const PENDING: u32 = 3;
}

wire_enum! {
    /// How a member receives the group's messages (`MsgFlag`).
    pub enum MsgFlag {
        /// Receive and be notified (the default).
        AcceptAndNotify = "AcceptAndNotify",
        /// Receive without notification.
        AcceptNotNotify = "AcceptNotNotify",
        /// Neither receive nor be notified.
        Discard = "Discard",
    }
}

/// A custom member field in a response: `{"Key": ..., "Value": ...}`.
#[response(item)]
pub struct MemberDataItem {
    /// The key, as enabled in the console.
    #[serde(rename = "Key")]
    pub key: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: String,
}

/// The result for one member of [`AddGroupMember`] or [`ImportGroupMember`].
#[response(item)]
pub struct MemberResult {
    /// The member.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// 0 failed, 1 added, 2 already a member, 3 pending approval (see [`member_result`]).
    #[serde(rename = "Result")]
    pub result: u32,
}

impl MemberResult {
    /// Whether the member is in the group now: added by this call or already there.
    pub fn is_member(&self) -> bool {
        self.result == member_result::ADDED || self.result == member_result::ALREADY_MEMBER
    }
}

/// The answer to [`AddGroupMember`] and [`ImportGroupMember`]: one result per member, in
/// request order (a split call's parts merged in order).
#[response]
pub struct MemberWriteResponse {
    /// Per-member results.
    #[serde(rename = "MemberList")]
    #[merge]
    pub member_list: Vec<MemberResult>,
}

impl MemberWriteResponse {
    /// The members whose result is `result` (a [`member_result`] value).
    pub fn with_result(&self, result: u32) -> impl Iterator<Item = &str> {
        (self.member_list.iter())
            .filter(move |m| m.result == result)
            .map(|m| m.member_account.as_str())
    }

    /// The members that failed (`Result` 0).
    pub fn failures(&self) -> impl Iterator<Item = &str> {
        self.with_result(member_result::FAILED)
    }
}

// ---------------------------------------------------------------------------------------------
// add_group_member
// ---------------------------------------------------------------------------------------------

/// One member to add (an item of `add_group_member`'s `MemberList`).
#[payload]
pub struct NewMember {
    /// The member's UserID (an imported account).
    pub member_account: member_account!(),
}

from_id!(NewMember: &str, String);

/// Adds (invites) members to a group (`v4/group_open_http_svc/add_group_member`). This is
/// how members enter a Private (Work) group. Not for audio-video groups (10007).
///
/// At most 300 members per request ("A single request supports adding up to 300 members");
/// a client splits a longer list into calls of 300 and merges the per-member results in order.
///
/// ```
/// use chatadmin_core::api::member::AddGroupMember;
/// use chatadmin_core::ApiRequest;
/// let req = AddGroupMember::new("@TGS#2J4SZEAEL", ["tommy", "jared"]).silent(true);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(
///     body,
///     serde_json::json!({"GroupId": "@TGS#2J4SZEAEL", "Silence": 1,
///         "MemberList": [{"Member_Account": "tommy"}, {"Member_Account": "jared"}]})
/// );
/// let many = AddGroupMember::new("g", (0..1000).map(|i| format!("u{i}")));
/// let parts = many.split().unwrap();
/// assert_eq!(parts.iter().map(|p| p.member_list.len()).collect::<Vec<_>>(), [300, 300, 300, 100]);
/// ```
#[endpoint(
    path = "group_open_http_svc/add_group_member",
    summary = "Add (invite) members to a group; one result per member",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34921",
    // Adding again reports "already a member" (Result 2) and changes nothing more.
    idempotency = Idempotent,
    response = AddGroupMemberResponse
)]
pub struct AddGroupMember {
    /// The group.
    pub group_id: group_id!(),
    /// `1`: nobody is notified; `0` (the default): the group gets a system notification.
    #[serde(rename = "Silence")]
    #[limit(SWITCH)]
    pub silence: Option<u32>,
    /// The members to add: "A single request supports adding up to 300 members" (error 10005
    /// beyond). Split beyond.
    #[serde(rename = "MemberList")]
    #[limit(
        items(max = 300),
        source = "https://intl.cloud.tencent.com/document/product/1047/34921 (MemberList: up to 300 members per request; 10005 beyond)"
    )]
    #[split]
    pub member_list: Vec<NewMember>,
}

impl AddGroupMember {
    /// Sets `Silence` (1 when `silent`).
    pub fn silent(self, silent: bool) -> Self {
        self.silence(u32::from(silent))
    }
}

/// The answer to [`AddGroupMember`].
pub type AddGroupMemberResponse = MemberWriteResponse;

// ---------------------------------------------------------------------------------------------
// delete_group_member
// ---------------------------------------------------------------------------------------------

/// Deletes members from a group (`v4/group_open_http_svc/delete_group_member`). "Even if a
/// user to be deleted is not in the group, the API will still return success." Not for
/// audio-video groups (10004).
///
/// ```
/// use chatadmin_core::api::member::DeleteGroupMember;
/// let req = DeleteGroupMember::new("@TGS#2J4SZEAEL", ["tommy", "jared"]).reason("kick reason");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MemberToDel_Account"][1], "jared");
/// assert_eq!(body["Reason"], "kick reason");
/// ```
#[endpoint(
    path = "group_open_http_svc/delete_group_member",
    summary = "Delete members from a group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34949",
    // Deleting again succeeds and changes nothing ("will still return success").
    idempotency = Idempotent,
    response = DeleteGroupMemberResponse
)]
pub struct DeleteGroupMember {
    /// The group.
    pub group_id: group_id!(),
    /// `1`: nobody but the deleted members is notified.
    #[serde(rename = "Silence")]
    #[limit(SWITCH)]
    pub silence: Option<u32>,
    /// The reason, shown in the notification (no length documented).
    #[serde(rename = "Reason")]
    pub reason: Option<String>,
    /// The members to delete: "A maximum of 100 members can be deleted". Not split: the
    /// answer is the status only, so the parts of a split call could not say which members
    /// were deleted when one part failed; a longer list is refused.
    #[serde(rename = "MemberToDel_Account")]
    #[limit(
        items(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/34949 (MemberToDel_Account: a maximum of 100 members per request)"
    )]
    #[user_id]
    pub member_to_del_account: Vec<String>,
}

impl DeleteGroupMember {
    /// Sets `Silence` (1 when `silent`).
    pub fn silent(self, silent: bool) -> Self {
        self.silence(u32::from(silent))
    }
}

/// The answer to [`DeleteGroupMember`]: the status only.
pub type DeleteGroupMemberResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// get_group_member_info
// ---------------------------------------------------------------------------------------------

/// The most members per page with `Offset`: "`Limit` ... Maximum value: 200".
pub const MAX_PAGE: u32 = 200;
/// The most members per batch with `Next` (communities): "Maximum value: 100".
pub const MAX_BATCH: u32 = 100;

/// The member profile fields `MemberInfoFilter` can name (group system page,
/// "Group member profile"; `OnlineStatus` from the get_specified_group_member_info page).
pub mod member_field {
    /// `Role`.
    pub const ROLE: &str = "Role";
    /// `JoinTime`.
    pub const JOIN_TIME: &str = "JoinTime";
    /// `MsgSeq`.
    pub const MSG_SEQ: &str = "MsgSeq";
    /// `MsgFlag`.
    pub const MSG_FLAG: &str = "MsgFlag";
    /// `LastSendMsgTime`.
    pub const LAST_SEND_MSG_TIME: &str = "LastSendMsgTime";
    /// `ShutUpUntil`.
    pub const MUTE_UNTIL: &str = "ShutUpUntil";
    /// `NameCard`.
    pub const NAME_CARD: &str = "NameCard";
}

/// One member's profile (an item of `MemberList` in `get_group_member_info` and
/// `get_specified_group_member_info`). Only the fields asked for in `MemberInfoFilter` are sent.
#[response(item)]
pub struct GroupMemberInfo {
    /// The member.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// `Owner`, `Admin` or `Member`.
    #[serde(rename = "Role")]
    pub role: Option<MemberRole>,
    /// When the member joined, unix seconds.
    #[serde(rename = "JoinTime")]
    pub join_time: Option<u64>,
    /// The sequence of the last message the member read.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: Option<u64>,
    /// How the member receives messages.
    #[serde(rename = "MsgFlag")]
    pub msg_flag: Option<MsgFlag>,
    /// When the member last sent a message, unix seconds.
    #[serde(rename = "LastSendMsgTime")]
    pub last_send_msg_time: Option<u64>,
    /// "`0`: the member is not muted; other values: the time when the member will be unmuted".
    /// The English page's translation names it `MuteUntil`, which is read too.
    #[serde(rename = "ShutUpUntil", alias = "MuteUntil")]
    pub shut_up_until: Option<u64>,
    /// The member's name card.
    #[serde(rename = "NameCard")]
    pub name_card: Option<String>,
    /// The member's custom fields (those named in `AppDefinedDataFilter_GroupMember`).
    #[serde(rename = "AppMemberDefinedData")]
    pub app_member_defined_data: Option<Vec<MemberDataItem>>,
}

impl GroupMemberInfo {
    /// The custom field `key`, if sent.
    pub fn app_data(&self, key: &str) -> Option<&str> {
        let data = self.app_member_defined_data.as_deref()?;
        data.iter().find(|d| d.key == key).map(|d| d.value.as_str())
    }
}

/// `Offset` and `Next` are two paging modes; with `Next`, `Limit` is at most 100.
fn check_paging(req: &GetGroupMemberInfo, at: &Path<'_>) -> Result<(), ValidationError> {
    if req.next.is_none() {
        return Ok(());
    }
    if req.offset.is_some() {
        let message = "cannot be sent with Next: Offset pages non-community groups, Next batches communities (\"A community group does not support the Offset field\")";
        return Err(ValidationError::new(at.field("Offset").render(), message));
    }
    match req.limit {
        Some(limit) if limit > MAX_BATCH => Err(ValidationError::new(
            at.field("Limit").render(),
            format!("is {limit}; with Next at most {MAX_BATCH} members are returned per batch"),
        )),
        _ => Ok(()),
    }
}

/// Reads a group's members and their profiles (`v4/group_open_http_svc/get_group_member_info`),
/// in join order. Not for audio-video groups (10007).
///
/// Two ways to page, and every surface's page iterator follows the one the request uses:
/// - `Limit` (at most 200) and `Offset` for every type but communities: the next page starts
///   at `Offset + Limit` until a page comes back short or `MemberNum` is reached;
/// - `Limit` (at most 100) and `Next` for communities: `""` first, then the `Next` of the last
///   answer until it is `""`.
///
/// Without `Limit` the service returns every member at once (and 10018 when the answer would
/// exceed 1 MB). The page's field table says `Limit` "cannot exceed 6000"; its paging section,
/// which is more specific, says "Maximum value: 200", which is what is checked.
///
/// ```
/// use chatadmin_core::api::member::{GetGroupMemberInfo, GetGroupMemberInfoResponse};
/// use chatadmin_core::ApiRequest;
/// let req = GetGroupMemberInfo::new("@TGS#1NVTZEAE4").limit(100).offset(0);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#1NVTZEAE4", "Limit": 100, "Offset": 0}));
/// let page: GetGroupMemberInfoResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "MemberNum": 250,
///     "MemberList": (0..100).map(|i| serde_json::json!({"Member_Account": format!("u{i}")})).collect::<Vec<_>>(),
/// })).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().offset, Some(100));
/// // Communities: follow Next.
/// let batch = GetGroupMemberInfo::new("@TGS#_@TGS#cAVQXXXXXX").limit(100).next("");
/// let answer: GetGroupMemberInfoResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "MemberNum": 250, "Next": "144115265295492787", "MemberList": [],
/// })).unwrap();
/// assert_eq!(batch.next_page(&answer).unwrap().next.as_deref(), Some("144115265295492787"));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_member_info",
    summary = "Read a group's members and their profiles, a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34948",
    // A read.
    idempotency = Idempotent,
    response = GetGroupMemberInfoResponse,
    page_items = "MemberList",
    next_page = GetGroupMemberInfo::page_after,
    validate = check_paging
)]
pub struct GetGroupMemberInfo {
    /// The group.
    pub group_id: group_id!(),
    /// The profile fields to read (`Member_Account` always comes; see [`member_field`]);
    /// without it, all of them.
    #[serde(rename = "MemberInfoFilter")]
    pub member_info_filter: Option<Vec<String>>,
    /// Only members with these roles; without it, every role.
    #[serde(rename = "MemberRoleFilter")]
    pub member_role_filter: Option<Vec<MemberRole>>,
    /// The custom member fields to read (none unless named).
    #[serde(rename = "AppDefinedDataFilter_GroupMember")]
    pub app_defined_data_filter_group_member: Option<Vec<String>>,
    /// Members per page: at most 200 with `Offset`, 100 with `Next`.
    #[serde(rename = "Limit")]
    #[limit(
        range(min = 1, max = 200),
        source = "https://intl.cloud.tencent.com/document/product/1047/34948 (Limit: \"Maximum value: 200\" when paging by Offset, 100 with Next; the field table's 6000 is the older figure)"
    )]
    pub limit: Option<u32>,
    /// Where the page starts (0 is the first member). Not for communities.
    #[serde(rename = "Offset")]
    pub offset: Option<u64>,
    /// Communities: `""` for the first batch, then the answer's `Next`.
    #[serde(rename = "Next")]
    pub next: Option<String>,
}

impl GetGroupMemberInfo {
    /// Reads only these profile fields (see [`member_field`]).
    pub fn fields(self, fields: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.member_info_filter(fields.into_iter().map(Into::into).collect::<Vec<_>>())
    }

    /// Reads only members with these roles.
    pub fn roles(self, roles: impl IntoIterator<Item = MemberRole>) -> Self {
        self.member_role_filter(roles.into_iter().collect::<Vec<_>>())
    }

    /// Reads these custom member fields.
    pub fn app_data_keys(self, keys: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let keys: Vec<String> = keys.into_iter().map(Into::into).collect();
        self.app_defined_data_filter_group_member(keys)
    }

    /// The next page: by `Next` when the request sent it (or sent no `Offset` and the answer
    /// gave a non-empty `Next`), else by `Offset`. `None` after the last page: an empty
    /// `Next`, no `Limit` (every member came at once), a short page, or `MemberNum` reached.
    fn page_after(&self, resp: &GetGroupMemberInfoResponse) -> Option<Self> {
        let answered_next = resp.next.as_deref().filter(|n| !n.is_empty());
        if self.next.is_some() || (self.offset.is_none() && answered_next.is_some()) {
            let next = answered_next?;
            return (self.next.as_deref() != Some(next)).then(|| GetGroupMemberInfo {
                next: Some(next.to_owned()),
                offset: None,
                ..self.clone()
            });
        }
        let limit = u64::from(self.limit?);
        let got = resp.member_list.len() as u64;
        let offset = self.offset.unwrap_or(0) + got;
        (got > 0 && got >= limit && offset < resp.member_num).then(|| GetGroupMemberInfo {
            offset: Some(offset),
            ..self.clone()
        })
    }
}

impl Paginated for GetGroupMemberInfo {
    type Item = GroupMemberInfo;

    fn into_items(resp: GetGroupMemberInfoResponse) -> Vec<GroupMemberInfo> {
        resp.member_list
    }
}

/// One page of [`GetGroupMemberInfo`].
#[response]
pub struct GetGroupMemberInfoResponse {
    /// The number of members in the group (all of them, whatever the filters).
    #[serde(rename = "MemberNum")]
    pub member_num: u64,
    /// The members of this page, in join order.
    #[serde(rename = "MemberList")]
    pub member_list: Vec<GroupMemberInfo>,
    /// Communities: the cursor of the next batch; `""` after the last.
    #[serde(rename = "Next")]
    pub next: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// get_specified_group_member_info
// ---------------------------------------------------------------------------------------------

/// Reads the profiles of chosen members of a group
/// (`v4/group_open_http_svc/get_specified_group_member_info`). "The number of specified group
/// members cannot exceed 50 at a time"; a longer list is split and the answers' member lists
/// merged in order. Not for audio-video groups.
///
/// ```
/// use chatadmin_core::api::member::GetSpecifiedGroupMemberInfo;
/// let req = GetSpecifiedGroupMemberInfo::new("@TGS#2KIFZCIPQ", ["bob", "peter"])
///     .member_info_filter(vec!["Role".to_owned(), "NameCard".to_owned()]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Member_List_Account"], serde_json::json!(["bob", "peter"]));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_specified_group_member_info",
    summary = "Read the profiles of chosen members of a group",
    doc = "https://www.tencentcloud.com/document/product/1047/64897",
    // A read.
    idempotency = Idempotent,
    response = GetSpecifiedGroupMemberInfoResponse
)]
pub struct GetSpecifiedGroupMemberInfo {
    /// The group.
    pub group_id: group_id!(),
    /// The members to read: at most 50 per request. Split beyond.
    #[serde(rename = "Member_List_Account")]
    #[limit(
        items(max = 50),
        source = "https://www.tencentcloud.com/document/product/1047/64897 (Member_List_Account: \"cannot exceed 50 at a time\")"
    )]
    #[user_id]
    #[split]
    pub member_list_account: Vec<String>,
    /// The profile fields to read; without it, all of them.
    #[serde(rename = "MemberInfoFilter")]
    pub member_info_filter: Option<Vec<String>>,
    /// Only members with these roles.
    #[serde(rename = "MemberRoleFilter")]
    pub member_role_filter: Option<Vec<MemberRole>>,
    /// The custom member fields to read.
    #[serde(rename = "AppDefinedDataFilter_GroupMember")]
    pub app_defined_data_filter_group_member: Option<Vec<String>>,
}

/// The answer to [`GetSpecifiedGroupMemberInfo`].
#[response]
pub struct GetSpecifiedGroupMemberInfoResponse {
    /// The requested members that are in the group, in request order.
    #[serde(rename = "MemberList")]
    #[merge]
    pub member_list: Vec<GroupMemberInfo>,
    /// The number of members in the group, when sent.
    #[serde(rename = "MemberNum")]
    pub member_num: Option<u64>,
}

// ---------------------------------------------------------------------------------------------
// modify_group_member_info
// ---------------------------------------------------------------------------------------------

/// `modify_group_member_info` sets `Admin` or `Member`: "The group owner identity cannot be
/// modified" (the owner changes with `change_group_owner`).
fn check_new_role(role: &MemberRole, at: &Path<'_>) -> Result<(), ValidationError> {
    role.validate_at(at)?;
    match role {
        MemberRole::Admin | MemberRole::Member => Ok(()),
        other => Err(ValidationError::new(
            at.render(),
            format!("is {:?}; only \"Admin\" or \"Member\" can be set (the group owner identity cannot be modified)", other.as_str()),
        )),
    }
}

/// Changes one member's profile in a group
/// (`v4/group_open_http_svc/modify_group_member_info`): role (admin or not), message flag,
/// name card (at most 50 bytes), custom fields and mute. Not for audio-video groups.
///
/// The mute is `ShutUpTime`, seconds from now (0 unmutes); muting is not for Private (Work)
/// groups. The Chinese page, Tencent's own REST samples and the server SDKs name it `ShutUpTime`; the
/// English page's translation says `MuteTime`. `ShutUpTime` is sent, the name the service is
/// known to read (a field it does not know would be ignored and the mute silently lost).
///
/// ```
/// use chatadmin_core::api::group::MemberRole;
/// use chatadmin_core::api::member::{ModifyGroupMemberInfo, MsgFlag};
/// let req = ModifyGroupMemberInfo::new("@TGS#2CLUZEAEJ", "bob")
///     .role(MemberRole::Admin)
///     .msg_flag(MsgFlag::AcceptNotNotify)
///     .name_card("Bobby")
///     .app_data("MemberDefined1", "ModifyData1");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Role"], "Admin");
/// assert_eq!(body["AppMemberDefinedData"][0]["Key"], "MemberDefined1");
/// let owner = ModifyGroupMemberInfo::new("g", "bob").role(MemberRole::Owner);
/// assert!(chatadmin_core::registry::encode_request(&owner).is_err());
/// ```
#[endpoint(
    path = "group_open_http_svc/modify_group_member_info",
    summary = "Change a member's role, message flag, name card, custom fields or mute",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34900",
    // Sets the given values; a repeat sets them again (a mute restarts from the repeat).
    idempotency = Idempotent,
    response = ModifyGroupMemberInfoResponse
)]
pub struct ModifyGroupMemberInfo {
    /// The group.
    pub group_id: group_id!(),
    /// The member.
    pub member_account: member_account!(),
    /// `Admin` makes the member an admin, `Member` revokes it.
    #[serde(rename = "Role")]
    #[check(check_new_role)]
    pub role: Option<MemberRole>,
    /// How the member receives messages.
    #[serde(rename = "MsgFlag")]
    pub msg_flag: Option<MsgFlag>,
    /// The name card: "with a maximum length of 50 bytes"; `""` clears it.
    #[serde(rename = "NameCard")]
    #[limit(
        bytes(max = 50, min = 0),
        source = "https://intl.cloud.tencent.com/document/product/1047/34900 (NameCard: a maximum length of 50 bytes)"
    )]
    pub name_card: Option<String>,
    /// Custom member fields to set (must be enabled in the console).
    #[serde(rename = "AppMemberDefinedData")]
    pub app_member_defined_data: Option<Vec<AppDefinedDataItem>>,
    /// Mute for this many seconds from now; `0` unmutes. (`ShutUpTime`: see the type's
    /// documentation for the name.)
    #[serde(rename = "ShutUpTime")]
    pub shut_up_time: Option<u32>,
}

impl ModifyGroupMemberInfo {
    /// Sets one custom member field.
    pub fn app_data(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.app_member_defined_data
            .get_or_insert_with(Vec::new)
            .push(AppDefinedDataItem::new(key, value));
        self
    }
}

/// The answer to [`ModifyGroupMemberInfo`]: the status only.
pub type ModifyGroupMemberInfoResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// import_group_member
// ---------------------------------------------------------------------------------------------

/// An imported member's role: "Currently, only `Admin` is supported" (without it, `Member`).
fn check_imported_role(role: &MemberRole, at: &Path<'_>) -> Result<(), ValidationError> {
    role.validate_at(at)?;
    if *role == MemberRole::Admin {
        return Ok(());
    }
    Err(ValidationError::new(
        at.render(),
        format!(
            "is {:?}; only \"Admin\" can be imported (leave Role out for an ordinary member)",
            role.as_str()
        ),
    ))
}

/// One member to import (an item of `import_group_member`'s `MemberList`).
#[payload]
pub struct ImportedMember {
    /// The member's UserID.
    pub member_account: member_account!(),
    /// `Admin`, or left out for an ordinary member.
    #[serde(rename = "Role")]
    #[check(check_imported_role)]
    pub role: Option<MemberRole>,
    /// When the member joined, unix seconds: after the group's creation and not in the future
    /// ("Otherwise, the member cannot be imported").
    #[serde(rename = "JoinTime")]
    pub join_time: Option<u64>,
    /// The member's unread count (capped by the service at the group's message count).
    #[serde(rename = "UnreadMsgNum")]
    pub unread_msg_num: Option<u64>,
}

from_id!(ImportedMember: &str, String);

/// Imports members with their join time, role and unread count
/// (`v4/group_open_http_svc/import_group_member`), for migrations: no webhook, no
/// notification. "A single request can import up to 300 members"; split beyond. Not for
/// audio-video groups (10007).
///
/// ```
/// use chatadmin_core::api::member::{ImportGroupMember, ImportedMember};
/// let req = ImportGroupMember::new(
///     "@TGS#2J4SZEAEL",
///     [ImportedMember::new("tommy").admin().join_time(1448357837).unread_msg_num(5)],
/// );
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MemberList"][0]["Role"], "Admin");
/// assert_eq!(body["MemberList"][0]["JoinTime"], 1448357837);
/// ```
#[endpoint(
    path = "group_open_http_svc/import_group_member",
    summary = "Import members with their join time, role and unread count",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34969",
    // Importing again reports "already a member" (Result 2).
    idempotency = Idempotent,
    response = ImportGroupMemberResponse
)]
pub struct ImportGroupMember {
    /// The group.
    pub group_id: group_id!(),
    /// The members: "A single request can import up to 300 members" (10005 beyond).
    #[serde(rename = "MemberList")]
    #[limit(
        items(max = 300),
        source = "https://intl.cloud.tencent.com/document/product/1047/34969 (MemberList: up to 300 members per request; 10005 beyond)"
    )]
    #[split]
    pub member_list: Vec<ImportedMember>,
}

impl ImportedMember {
    /// Imports the member as an admin.
    pub fn admin(self) -> Self {
        self.role(MemberRole::Admin)
    }
}

/// The answer to [`ImportGroupMember`].
pub type ImportGroupMemberResponse = MemberWriteResponse;

// ---------------------------------------------------------------------------------------------
// forbid_send_msg
// ---------------------------------------------------------------------------------------------

/// `ShutUpTime` that never ends: "`4294967295`: Permanent muting".
pub const MUTE_FOREVER: u32 = u32::MAX;

/// Mutes or unmutes members (`v4/group_open_http_svc/forbid_send_msg`) for `ShutUpTime` seconds
/// from now; `0` unmutes, `4294967295` mutes permanently. At most 500 accounts per request.
/// Not for Private (Work) groups.
///
/// ```
/// use chatadmin_core::api::member::ForbidSendMsg;
/// let req = ForbidSendMsg::new("@TGS#2C5SZEAEF", ["peter", "leckie"], 60);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(
///     body,
///     serde_json::json!({"GroupId": "@TGS#2C5SZEAEF", "Members_Account": ["peter", "leckie"], "ShutUpTime": 60})
/// );
/// ```
#[endpoint(
    path = "group_open_http_svc/forbid_send_msg",
    summary = "Mute members for a time, or unmute them (ShutUpTime 0)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34951",
    // Sets the mute end; a repeat sets it again from the repeat's time.
    idempotency = Idempotent,
    response = ForbidSendMsgResponse
)]
pub struct ForbidSendMsg {
    /// The group.
    pub group_id: group_id!(),
    /// The members: "A maximum of 500 accounts are supported". Not split (the answer is the
    /// status only, so a part's failure could not say who was muted); a longer list is
    /// refused.
    #[serde(rename = "Members_Account")]
    #[limit(
        items(max = 500),
        source = "https://intl.cloud.tencent.com/document/product/1047/34951 (Members_Account: a maximum of 500 accounts)"
    )]
    #[user_id]
    pub members_account: Vec<String>,
    /// Seconds from now; `0` unmutes; [`MUTE_FOREVER`] mutes permanently. (The Chinese page, Tencent's own REST samples and the server SDKs name it `ShutUpTime`; the
    /// English page's translation says `MuteTime`. `ShutUpTime` is sent, the name the service is
    /// known to read (a field it does not know would be ignored and the mute silently lost.)
    #[serde(rename = "ShutUpTime")]
    pub shut_up_time: u32,
    /// Topic-enabled communities: the topic the mute applies to.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

/// The answer to [`ForbidSendMsg`]: the status only.
pub type ForbidSendMsgResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// get_group_muted_account, get_group_shutted_uin
// ---------------------------------------------------------------------------------------------

/// Lists the members muted now, with when each mute ends
/// (`v4/group_open_http_svc/get_group_muted_account`).
///
/// ```
/// use chatadmin_core::api::member::GetGroupMutedAccount;
/// let req = GetGroupMutedAccount::new("@TGS#1KGZ2RAEU");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#1KGZ2RAEU"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_muted_account",
    summary = "List a group's muted members and when each mute ends",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34964",
    // A read.
    idempotency = Idempotent,
    response = GetGroupMutedAccountResponse
)]
pub struct GetGroupMutedAccount {
    /// The group.
    pub group_id: group_id!(),
    /// Topic-enabled communities: the topic whose muted members are listed.
    #[serde(rename = "TopicId")]
    pub topic_id: Option<String>,
}

/// One muted member (`MutedAccountList`).
#[response(item)]
pub struct MutedAccount {
    /// The member.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// When the mute ends, unix seconds.
    #[serde(rename = "MutedUntil")]
    pub muted_until: u64,
}

/// The answer to [`GetGroupMutedAccount`].
#[response]
pub struct GetGroupMutedAccountResponse {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    /// The muted members.
    #[serde(rename = "MutedAccountList")]
    pub muted_account_list: Vec<MutedAccount>,
}

/// The older path of [`GetGroupMutedAccount`]
/// (`v4/group_open_http_svc/get_group_shutted_uin`), which answers `ShuttedUinList` with
/// `ShuttedUntil`. Its page lists BChatRoom as not supported.
///
/// ```
/// use chatadmin_core::api::member::GetGroupShuttedUin;
/// let body = chatadmin_core::registry::encode_request(&GetGroupShuttedUin::new("@TGS#1KGZ2RAEU")).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#1KGZ2RAEU"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_shutted_uin",
    summary = "List a group's muted members (older path of get_group_muted_account)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34964 (get_group_shutted_uin is the older page of this read)",
    // A read.
    idempotency = Idempotent,
    response = GetGroupShuttedUinResponse
)]
pub struct GetGroupShuttedUin {
    /// The group.
    pub group_id: group_id!(),
}

/// One muted member (`ShuttedUinList`).
#[response(item)]
pub struct ShuttedUin {
    /// The member.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// When the mute ends, unix seconds.
    #[serde(rename = "ShuttedUntil")]
    pub shutted_until: u64,
}

/// The answer to [`GetGroupShuttedUin`].
#[response]
pub struct GetGroupShuttedUinResponse {
    /// The group.
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    /// The muted members.
    #[serde(rename = "ShuttedUinList")]
    pub shutted_uin_list: Vec<ShuttedUin>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiRequest;

    fn page(n: usize, total: u64, next: Option<&str>) -> GetGroupMemberInfoResponse {
        serde_json::from_value(serde_json::json!({
            "ErrorCode": 0, "MemberNum": total, "Next": next,
            "MemberList": (0..n).map(|i| serde_json::json!({"Member_Account": format!("u{i}")})).collect::<Vec<_>>(),
        }))
        .unwrap()
    }

    #[test]
    fn offset_paging_stops_on_a_short_page_or_at_member_num() {
        let req = GetGroupMemberInfo::new("g").limit(200);
        let second = req.next_page(&page(200, 1100, None)).unwrap();
        assert_eq!(second.offset, Some(200));
        assert!(second.next.is_none());
        let last = GetGroupMemberInfo::new("g").limit(200).offset(1000);
        assert!(last.next_page(&page(100, 1100, None)).is_none());
        let exact = GetGroupMemberInfo::new("g").limit(100).offset(1000);
        assert!(exact.next_page(&page(100, 1100, None)).is_none());
        // Without Limit every member came at once.
        assert!(GetGroupMemberInfo::new("g")
            .next_page(&page(5, 5, None))
            .is_none());
    }

    #[test]
    fn next_paging_follows_the_cursor_until_it_is_empty() {
        let req = GetGroupMemberInfo::new("c").limit(100).next("");
        let second = req.next_page(&page(100, 300, Some("abc"))).unwrap();
        assert_eq!(second.next.as_deref(), Some("abc"));
        assert!(second.next_page(&page(100, 300, Some(""))).is_none());
        // A cursor that does not move ends the walk.
        assert!(second.next_page(&page(100, 300, Some("abc"))).is_none());
        // A request without Offset follows a Next the answer gives.
        let by_answer = GetGroupMemberInfo::new("c").limit(100);
        let n = by_answer.next_page(&page(100, 300, Some("x"))).unwrap();
        assert_eq!(n.next.as_deref(), Some("x"));
    }

    #[test]
    fn next_allows_100_and_refuses_offset() {
        let ok = GetGroupMemberInfo::new("c").limit(100).next("");
        assert!(ok.validate().is_ok());
        let e = GetGroupMemberInfo::new("c")
            .limit(101)
            .next("")
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "Limit");
        let e = GetGroupMemberInfo::new("c")
            .offset(0)
            .next("")
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "Offset");
        assert!(GetGroupMemberInfo::new("g")
            .limit(200)
            .offset(0)
            .validate()
            .is_ok());
    }

    #[test]
    fn the_mute_is_sent_as_shut_up_time_and_either_answer_name_is_read() {
        for name in ["ShutUpUntil", "MuteUntil"] {
            let info: GroupMemberInfo =
                serde_json::from_value(serde_json::json!({"Member_Account": "a", name: 9}))
                    .unwrap();
            assert_eq!(info.shut_up_until, Some(9));
        }
        let req = ForbidSendMsg::new("g", ["a"], 60);
        let sent = crate::registry::encode_request(&req).unwrap();
        assert_eq!(sent["ShutUpTime"], 60);
        assert!(sent.get("MuteTime").is_none());
    }

    #[test]
    fn imported_and_modified_roles_follow_the_pages() {
        let e = ImportGroupMember::new("g", [ImportedMember::new("a").role(MemberRole::Member)])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "MemberList[0].Role");
        assert!(ModifyGroupMemberInfo::new("g", "a")
            .role(MemberRole::Member)
            .validate()
            .is_ok());
        let e = ModifyGroupMemberInfo::new("g", "a")
            .role(MemberRole::Owner)
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "Role");
    }
}
