//! Live-broadcast groups (`AVChatRoom`, and `BChatRoom` with the same rules): who is online,
//! member marks, the room's admins, and bans.
//!
//! Users join and leave a live-broadcast group through the client SDK only (the REST API has no
//! join call for them), and the group keeps no persistent member list: what the REST API sees
//! is who is *online* in the room. The endpoints live under two services, as their pages give
//! them:
//!
//! | method | wire path |
//! |---|---|
//! | `online_count` | `group_open_http_svc/get_online_member_num` |
//! | `members` | `group_open_avchatroom_http_svc/get_members` (paged by `Timestamp`) |
//! | `modify_marks` | `group_open_avchatroom_http_svc/modify_user_info` |
//! | `modify_admins` | `group_open_avchatroom_http_svc/modify_admin` |
//! | `admins` | `group_open_avchatroom_http_svc/get_admin_list` |
//! | `check_members` | `group_open_avchatroom_http_svc/check_members` |
//! | `ban` | `group_open_http_svc/ban_group_member` |
//! | `unban` | `group_open_http_svc/unban_group_member` |
//! | `banned` | `group_open_http_svc/get_group_ban_member` (paged by `Offset`) |
//!
//! Every page says the call is for audio-video groups only; the SDK sends it for any group and
//! the service answers 10007 for another type (the pages' "only ... for live stream groups").

use crate::api::common::StatusResponse;
use crate::api::group::{group_id, member_account};
use crate::declare::{endpoint, payload, response, Path};
use crate::endpoint::Paginated;
use crate::error::ValidationError;

/// The page of `get_online_member_num`.
pub const ONLINE_COUNT_DOC: &str = "https://www.tencentcloud.com/document/product/1047/38521";
/// The page of `get_members`.
pub const MEMBERS_DOC: &str = "https://www.tencentcloud.com/document/product/1047/50293";
/// The page of `modify_user_info` (member marks).
pub const MARKS_DOC: &str = "https://www.tencentcloud.com/document/product/1047/50294";
/// The page of `get_group_ban_member`.
pub const BANNED_DOC: &str = "https://www.tencentcloud.com/document/product/1047/50295";
/// The page of `ban_group_member`.
pub const BAN_DOC: &str = "https://www.tencentcloud.com/document/product/1047/50296";
/// The page of `unban_group_member`.
pub const UNBAN_DOC: &str = "https://www.tencentcloud.com/document/product/1047/50297";
/// The page of `check_members`.
pub const CHECK_MEMBERS_DOC: &str = "https://www.tencentcloud.com/document/product/1047/60523";
/// The page of `get_admin_list`.
pub const ADMINS_DOC: &str = "https://www.tencentcloud.com/document/product/1047/60524";
/// The page of `modify_admin`.
pub const MODIFY_ADMIN_DOC: &str = "https://www.tencentcloud.com/document/product/1047/60525";

/// "A live streaming group can have up to 5 administrators" (modify_admin page).
pub const MAX_ADMINS: usize = 5;
/// "For audio-video group, up to 10 different marks can be set" (modify_user_info page).
pub const MAX_DISTINCT_MARKS: usize = 10;
/// "Each mark can be set for up to 1,000 members" (modify_user_info page).
pub const MAX_MEMBERS_PER_MARK: usize = 1000;
/// The smallest mark an app defines: "A mark is a number greater than or equal to 1,000".
pub const MIN_CUSTOM_MARK: u64 = 1000;
/// Special mark: the member counts as always online (disconnections ignored) for up to three
/// days; the only mark that can be set for a member who is not in the room.
pub const MARK_ALWAYS_ONLINE: u64 = 500;
/// Special mark: the member is hidden from `get_members` unless the list is pulled by this mark.
pub const MARK_HIDDEN: u64 = 600;

// ---------------------------------------------------------------------------------------------
// get_online_member_num
// ---------------------------------------------------------------------------------------------

/// Reads the number of users online in a live-broadcast group
/// (`v4/group_open_http_svc/get_online_member_num`). The service updates the count every 10
/// seconds (at once for rooms under 300 users without web users).
///
/// ```
/// use chatadmin_core::api::live_group::GetOnlineMemberNum;
/// let req = GetOnlineMemberNum::new("@TGS#a6I4ZUUGO");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#a6I4ZUUGO"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_online_member_num",
    summary = "Count the users online in a live-broadcast (AVChatRoom) group",
    doc = "https://www.tencentcloud.com/document/product/1047/38521",
    // A read.
    idempotency = Idempotent,
    response = GetOnlineMemberNumResponse
)]
pub struct GetOnlineMemberNum {
    /// The group.
    pub group_id: group_id!(),
}

/// The answer to [`GetOnlineMemberNum`].
#[response]
pub struct GetOnlineMemberNumResponse {
    /// The number of users online in the group.
    #[serde(rename = "OnlineMemberNum")]
    pub online_member_num: u64,
}

// ---------------------------------------------------------------------------------------------
// get_members
// ---------------------------------------------------------------------------------------------

/// Reads the users online in a live-broadcast group with the instant each joined, a page at a
/// time (`v4/group_open_avchatroom_http_svc/get_members`). Start with `Timestamp` 0 and send
/// the previous page's `NextTimestamp` until it is 0 ([`ApiRequest::next_page`] does this).
///
/// The page: with the Ultimate edition and "List of online audio-video group members" on, at
/// most the 1,000 latest users are listed (up to 500 per page); other editions get the 30
/// latest. `Mark` lists only the users with that mark; users with mark 600 are hidden unless
/// pulled by it.
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::live_group::{LiveGetMembers, LiveGetMembersResponse};
/// use chatadmin_core::ApiRequest;
/// let req = LiveGetMembers::new("@TGS#a6I4ZUUGO").mark(1000);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#a6I4ZUUGO", "Timestamp": 0, "Mark": 1000}));
/// let page: LiveGetMembersResponse = serde_json::from_value(serde_json::json!(
///     {"ErrorCode": 0, "MemberList": [{"Member_Account": "a", "JoinTime": 1}], "NextTimestamp": 500}
/// )).unwrap();
/// let next = req.next_page(&page).unwrap();
/// assert_eq!((next.timestamp, next.mark), (500, Some(1000)));
/// ```
#[endpoint(
    path = "group_open_avchatroom_http_svc/get_members",
    summary = "List the users online in a live-broadcast group with their join times, a page at a time",
    doc = "https://www.tencentcloud.com/document/product/1047/50293",
    // A read.
    idempotency = Idempotent,
    response = LiveGetMembersResponse,
    page_items = "MemberList",
    next_page = LiveGetMembers::page_after
)]
pub struct LiveGetMembers {
    /// The group.
    pub group_id: group_id!(),
    /// The page cursor: 0 for the first page, then the previous page's `NextTimestamp`.
    /// Required by the service and always sent; in JSON input it may be left out for the first
    /// page (0).
    #[serde(rename = "Timestamp", default)]
    pub timestamp: u64,
    /// Only the users with this mark (set by `modify_user_info`).
    #[serde(rename = "Mark")]
    pub mark: Option<u64>,
}

impl LiveGetMembers {
    /// The next page is pulled with `NextTimestamp`, with the same `Mark`. `None` when it is 0,
    /// or when it does not move (which would read the same page again).
    fn page_after(&self, resp: &LiveGetMembersResponse) -> Option<Self> {
        let next = resp.next_timestamp;
        (next != 0 && next != self.timestamp).then(|| LiveGetMembers {
            timestamp: next,
            ..self.clone()
        })
    }
}

impl Paginated for LiveGetMembers {
    type Item = LiveMember;

    fn into_items(resp: LiveGetMembersResponse) -> Vec<LiveMember> {
        resp.member_list
    }
}

/// One user online in a live-broadcast group (`MemberList` of `get_members`).
#[response(item)]
pub struct LiveMember {
    /// The user.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// When the user joined the room, unix seconds.
    #[serde(rename = "JoinTime")]
    pub join_time: Option<u64>,
    /// The user's nickname (sample response; not in the field table).
    #[serde(rename = "NickName")]
    pub nick_name: Option<String>,
    /// The user's profile photo URL (sample response; not in the field table).
    #[serde(rename = "Avatar")]
    pub avatar: Option<String>,
    /// The user's marks (not on the page; established SDKs' models have it).
    #[serde(rename = "Marks")]
    pub marks: Option<Vec<u64>>,
}

/// One page of [`LiveGetMembers`].
#[response]
pub struct LiveGetMembersResponse {
    /// The users of this page.
    #[serde(rename = "MemberList")]
    pub member_list: Vec<LiveMember>,
    /// 0 when every user has been returned; otherwise the `Timestamp` of the next request.
    #[serde(rename = "NextTimestamp")]
    pub next_timestamp: u64,
}

// ---------------------------------------------------------------------------------------------
// modify_user_info (marks)
// ---------------------------------------------------------------------------------------------

/// `CommandType` 1 of `modify_user_info`: set marks.
pub const MARKS_SET: u32 = 1;
/// `CommandType` 2 of `modify_user_info`: delete marks.
pub const MARKS_DELETE: u32 = 2;

/// A mark is 1000 or more, or one of the special marks 500 and 600 that app admins may set.
fn check_marks(marks: &[u64], at: &Path) -> Result<(), ValidationError> {
    if marks.is_empty() {
        return Err(ValidationError::new(
            at.render(),
            "must list at least one mark",
        ));
    }
    match marks.iter().position(|&m| {
        m < MIN_CUSTOM_MARK && m != MARK_ALWAYS_ONLINE && m != MARK_HIDDEN
    }) {
        Some(i) => Err(ValidationError::new(
            at.index(i).render(),
            format!(
                "is {}; a mark is a number of at least {MIN_CUSTOM_MARK}, or one of the special marks {MARK_ALWAYS_ONLINE} and {MARK_HIDDEN}",
                marks[i]
            ),
        )),
        None => Ok(()),
    }
}

/// The marks of one user (an item of `MemberList` of `modify_user_info`).
///
/// ```
/// use chatadmin_core::api::live_group::MemberMarks;
/// use chatadmin_core::declare::{Path, Validate};
/// assert!(MemberMarks::new("teacher10", [1000, 500]).validate_at(&Path::Root).is_ok());
/// let e = MemberMarks::new("teacher10", [999]).validate_at(&Path::Root).unwrap_err();
/// assert_eq!(e.field, "Marks[0]");
/// ```
#[payload]
pub struct MemberMarks {
    /// The user.
    pub member_account: member_account!(),
    /// The marks to set or delete: each at least 1000, or 500 / 600 (special marks).
    #[serde(rename = "Marks")]
    #[check(check_marks)]
    pub marks: Vec<u64>,
}

/// Sets or deletes marks of users online in a live-broadcast group
/// (`v4/group_open_avchatroom_http_svc/modify_user_info`). [`LiveModifyUserInfo::set`] and
/// [`LiveModifyUserInfo::delete`] choose the `CommandType`.
///
/// The page's rules: at most 500 accounts per request; at most 10 different marks per group and
/// 1,000 users per mark; marks are set only for users in the room (except mark 500), and are
/// cleared when the user leaves. The answer lists the users whose marks were changed (offline
/// ones are left out); the call fails when none was.
///
/// Not split: the service fails a whole call whose users are all offline, so parts of a split
/// call could fail where the whole would not; a longer list is refused.
///
/// ```
/// use chatadmin_core::api::live_group::{LiveModifyUserInfo, MemberMarks};
/// let req = LiveModifyUserInfo::set("@TGS#a6I4ZUUGO", [MemberMarks::new("teacher10", [1000])]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CommandType"], 1);
/// assert_eq!(body["MemberList"][0]["Marks"][0], 1000);
/// let req = LiveModifyUserInfo::delete("@TGS#a6I4ZUUGO", [MemberMarks::new("teacher10", [1000])]);
/// assert_eq!(chatadmin_core::registry::encode_request(&req).unwrap()["CommandType"], 2);
/// ```
#[endpoint(
    path = "group_open_avchatroom_http_svc/modify_user_info",
    summary = "Set or delete marks of users online in a live-broadcast group",
    doc = "https://www.tencentcloud.com/document/product/1047/50294",
    // Setting or deleting the same marks again gives the same marks.
    idempotency = Idempotent,
    response = LiveModifyUserInfoResponse
)]
pub struct LiveModifyUserInfo {
    /// The group.
    pub group_id: group_id!(),
    /// `1` sets the marks, `2` deletes them ([`MARKS_SET`], [`MARKS_DELETE`]).
    #[serde(rename = "CommandType")]
    #[limit(
        range(min = 1, max = 2),
        source = "https://www.tencentcloud.com/document/product/1047/50294 (CommandType: 1 mark setting, 2 mark deletion)"
    )]
    pub command_type: u32,
    /// The users and their marks: "Up to 500 accounts are supported each time".
    #[serde(rename = "MemberList")]
    #[limit(
        items(max = 500),
        source = "https://www.tencentcloud.com/document/product/1047/50294 (MemberList: up to 500 accounts each time)"
    )]
    pub member_list: Vec<MemberMarks>,
}

impl LiveModifyUserInfo {
    /// Sets marks (`CommandType` 1).
    pub fn set(
        group_id: impl Into<String>,
        members: impl IntoIterator<Item = impl Into<MemberMarks>>,
    ) -> Self {
        LiveModifyUserInfo::new(group_id, MARKS_SET, members)
    }

    /// Deletes marks (`CommandType` 2).
    pub fn delete(
        group_id: impl Into<String>,
        members: impl IntoIterator<Item = impl Into<MemberMarks>>,
    ) -> Self {
        LiveModifyUserInfo::new(group_id, MARKS_DELETE, members)
    }
}

/// The marks of one user, as `modify_user_info` answers them.
#[response(item)]
pub struct MemberMarksResult {
    /// The user.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// The marks set or deleted.
    #[serde(rename = "Marks")]
    pub marks: Vec<u64>,
}

/// The answer to [`LiveModifyUserInfo`].
#[response]
pub struct LiveModifyUserInfoResponse {
    /// The request's `CommandType`.
    #[serde(rename = "CommandType")]
    pub command_type: Option<u32>,
    /// The users whose marks were changed; users not in the room are left out.
    #[serde(rename = "MemberList")]
    pub member_list: Vec<MemberMarksResult>,
}

// ---------------------------------------------------------------------------------------------
// modify_admin / get_admin_list
// ---------------------------------------------------------------------------------------------

/// `CommandType` 1 of `modify_admin`: make the accounts admins.
pub const ADMINS_ADD: u32 = 1;
/// `CommandType` 2 of `modify_admin`: make them admins no longer.
pub const ADMINS_REMOVE: u32 = 2;

/// Makes accounts admins of a live-broadcast group, or admins no longer
/// (`v4/group_open_avchatroom_http_svc/modify_admin`; page: [`MODIFY_ADMIN_DOC`], not in the
/// 2024-12 snapshot). [`LiveModifyAdmin::add`] and [`LiveModifyAdmin::remove`] choose the
/// `CommandType`.
///
/// An admin need not be in the room, and stays an admin when it leaves and comes back, until
/// this call removes it. "A live streaming group can have up to 5 administrators", so a
/// request lists at most 5.
///
/// ```
/// use chatadmin_core::api::live_group::LiveModifyAdmin;
/// let req = LiveModifyAdmin::add("@TGS#a6I4ZUUGO", ["user1"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#a6I4ZUUGO", "CommandType": 1, "Admin_Account": ["user1"]}));
/// let too_many = LiveModifyAdmin::add("@TGS#a6I4ZUUGO", ["a", "b", "c", "d", "e", "f"]);
/// assert!(chatadmin_core::registry::encode_request(&too_many).is_err());
/// ```
#[endpoint(
    path = "group_open_avchatroom_http_svc/modify_admin",
    summary = "Make accounts admins of a live-broadcast group, or admins no longer",
    doc = "https://www.tencentcloud.com/document/product/1047/60525",
    // Adding or removing the same admins again changes nothing more.
    idempotency = Idempotent,
    response = LiveModifyAdminResponse
)]
pub struct LiveModifyAdmin {
    /// The group.
    pub group_id: group_id!(),
    /// `1` sets admins, `2` cancels them ([`ADMINS_ADD`], [`ADMINS_REMOVE`]).
    #[serde(rename = "CommandType")]
    #[limit(
        range(min = 1, max = 2),
        source = "https://www.tencentcloud.com/document/product/1047/60525 (CommandType: 1 sets an administrator, 2 cancels administrator settings)"
    )]
    pub command_type: u32,
    /// The accounts: "A live streaming group can have up to 5 administrators".
    #[serde(rename = "Admin_Account")]
    #[limit(
        items(max = 5),
        source = "https://www.tencentcloud.com/document/product/1047/60525 (Admin_Account: a live streaming group can have up to 5 administrators)"
    )]
    #[user_id]
    pub admin_account: Vec<String>,
}

impl LiveModifyAdmin {
    /// Makes the accounts admins (`CommandType` 1).
    pub fn add(
        group_id: impl Into<String>,
        accounts: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        LiveModifyAdmin::new(group_id, ADMINS_ADD, accounts)
    }

    /// Makes the accounts admins no longer (`CommandType` 2).
    pub fn remove(
        group_id: impl Into<String>,
        accounts: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        LiveModifyAdmin::new(group_id, ADMINS_REMOVE, accounts)
    }
}

/// The answer to [`LiveModifyAdmin`]: the status only.
pub type LiveModifyAdminResponse = StatusResponse;

/// Lists the admins of a live-broadcast group
/// (`v4/group_open_avchatroom_http_svc/get_admin_list`; page: [`ADMINS_DOC`], not in the
/// 2024-12 snapshot).
///
/// ```
/// use chatadmin_core::api::live_group::LiveGetAdminList;
/// let req = LiveGetAdminList::new("@TGS#a6I4ZUUGO");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#a6I4ZUUGO"}));
/// ```
#[endpoint(
    path = "group_open_avchatroom_http_svc/get_admin_list",
    summary = "List the admins of a live-broadcast group",
    doc = "https://www.tencentcloud.com/document/product/1047/60524",
    // A read.
    idempotency = Idempotent,
    response = LiveGetAdminListResponse
)]
pub struct LiveGetAdminList {
    /// The group.
    pub group_id: group_id!(),
}

/// One admin of a live-broadcast group (`Admin_List` of `get_admin_list`).
#[response(item)]
pub struct LiveAdmin {
    /// The admin.
    #[serde(rename = "Admin_Account")]
    pub admin_account: String,
    /// The admin's nickname (empty when not set).
    #[serde(rename = "NickName")]
    pub nick_name: Option<String>,
    /// The admin's profile photo URL (empty when not set).
    #[serde(rename = "Avatar")]
    pub avatar: Option<String>,
}

/// The answer to [`LiveGetAdminList`].
#[response]
pub struct LiveGetAdminListResponse {
    /// The admins.
    #[serde(rename = "Admin_List")]
    pub admin_list: Vec<LiveAdmin>,
}

impl LiveGetAdminListResponse {
    /// The admins' accounts, in the answer's order.
    pub fn accounts(&self) -> Vec<&str> {
        self.admin_list
            .iter()
            .map(|a| a.admin_account.as_str())
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// check_members
// ---------------------------------------------------------------------------------------------

/// Tells which of some users are in a live-broadcast group
/// (`v4/group_open_avchatroom_http_svc/check_members`; page: [`CHECK_MEMBERS_DOC`], not in the
/// 2024-12 snapshot). The page gives no maximum for the list; it works beyond the 1,000 users
/// `get_members` lists.
///
/// ```
/// use chatadmin_core::api::live_group::LiveCheckMembers;
/// let req = LiveCheckMembers::new("@TGS#a6I4ZUUGO", ["245000", "202200"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Member_Account"][1], "202200");
/// ```
#[endpoint(
    path = "group_open_avchatroom_http_svc/check_members",
    summary = "Tell which of some users are in a live-broadcast group",
    doc = "https://www.tencentcloud.com/document/product/1047/60523",
    // A read.
    idempotency = Idempotent,
    response = LiveCheckMembersResponse
)]
pub struct LiveCheckMembers {
    /// The group.
    pub group_id: group_id!(),
    /// The users to check.
    #[serde(rename = "Member_Account")]
    #[user_id]
    pub member_account: Vec<String>,
}

/// The answer to [`LiveCheckMembers`].
#[response]
pub struct LiveCheckMembersResponse {
    /// The users of the request that are in the room.
    #[serde(rename = "Member_Account")]
    pub member_account: Vec<String>,
}

impl LiveCheckMembersResponse {
    /// Whether `account` is in the room.
    pub fn contains(&self, account: &str) -> bool {
        self.member_account.iter().any(|a| a == account)
    }
}

// ---------------------------------------------------------------------------------------------
// ban_group_member / unban_group_member / get_group_ban_member
// ---------------------------------------------------------------------------------------------

/// Bans users from a live-broadcast group for `Duration` seconds
/// (`v4/group_open_http_svc/ban_group_member`): a banned user is out of the room and can
/// neither receive its messages nor rejoin until the ban ends.
///
/// At most 20 accounts per request ("10005: The number of members to be banned exceeds the
/// upper limit of 20 members per request"). A longer list is refused, not split: the answer is
/// the status only, so the parts of a split call that failed could not be told apart.
///
/// ```
/// use chatadmin_core::api::live_group::BanGroupMember;
/// let req = BanGroupMember::new("@TGS#aJRGC4MH6", ["brennanli3", "brennanli12"], 3600)
///     .description("you are banned because of irregularities");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Duration"], 3600);
/// assert_eq!(body["Members_Account"][0], "brennanli3");
/// ```
#[endpoint(
    path = "group_open_http_svc/ban_group_member",
    summary = "Ban users from a live-broadcast group for a number of seconds",
    doc = "https://www.tencentcloud.com/document/product/1047/50296",
    // A repeat bans again from its own instant: the end moves, nothing is duplicated.
    idempotency = Idempotent,
    response = BanGroupMemberResponse
)]
pub struct BanGroupMember {
    /// The group.
    pub group_id: group_id!(),
    /// The users to ban: "Up to 20 account IDs are supported per request".
    #[serde(rename = "Members_Account")]
    #[limit(
        items(max = 20),
        source = "https://www.tencentcloud.com/document/product/1047/50296 (Members_Account: up to 20 account IDs per request; error 10005 beyond)"
    )]
    #[user_id]
    pub members_account: Vec<String>,
    /// How long the ban lasts, in seconds ("a 32-bit unsigned integer").
    #[serde(rename = "Duration")]
    pub duration: u32,
    /// Why: "Ban information, which can be up to 1,000 bytes in length".
    #[serde(rename = "Description")]
    #[limit(
        bytes(max = 1000, min = 0),
        source = "https://www.tencentcloud.com/document/product/1047/50296 (Description: up to 1,000 bytes)"
    )]
    pub description: Option<String>,
}

/// The answer to [`BanGroupMember`]: the status only.
pub type BanGroupMemberResponse = StatusResponse;

/// Lifts bans in a live-broadcast group (`v4/group_open_http_svc/unban_group_member`); the
/// users may rejoin. At most 20 accounts per request (error 10005 beyond); a longer list is
/// refused, not split (the answer is the status only).
///
/// ```
/// use chatadmin_core::api::live_group::UnbanGroupMember;
/// let req = UnbanGroupMember::new("@TGS#aJRGC4MH6", ["brennanli3"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#aJRGC4MH6", "Members_Account": ["brennanli3"]}));
/// ```
#[endpoint(
    path = "group_open_http_svc/unban_group_member",
    summary = "Lift bans in a live-broadcast group",
    doc = "https://www.tencentcloud.com/document/product/1047/50297",
    // Lifting a ban again changes nothing more.
    idempotency = Idempotent,
    response = UnbanGroupMemberResponse
)]
pub struct UnbanGroupMember {
    /// The group.
    pub group_id: group_id!(),
    /// The users to unban: "Up to 20 account IDs are supported per request".
    #[serde(rename = "Members_Account")]
    #[limit(
        items(max = 20),
        source = "https://www.tencentcloud.com/document/product/1047/50297 (Members_Account: up to 20 account IDs per request; error 10005 beyond)"
    )]
    #[user_id]
    pub members_account: Vec<String>,
}

/// The answer to [`UnbanGroupMember`]: the status only.
pub type UnbanGroupMemberResponse = StatusResponse;

/// Lists the users banned from a live-broadcast group with the end of each ban, a page at a
/// time (`v4/group_open_http_svc/get_group_ban_member`). Start at `Offset` 0 and send the
/// previous page's `NextOffset` until it is 0 ([`ApiRequest::next_page`] does this).
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::live_group::{GetGroupBanMember, GetGroupBanMemberResponse};
/// use chatadmin_core::ApiRequest;
/// let req = GetGroupBanMember::new("@TGS#aJRGC4MH6").limit(20);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#aJRGC4MH6", "Limit": 20, "Offset": 0}));
/// let page: GetGroupBanMemberResponse = serde_json::from_value(serde_json::json!(
///     {"ErrorCode": 0, "BannedAccountList": [{"Member_Account": "a", "BannedUntil": 9}], "NextOffset": 1}
/// )).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().offset, 1);
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_ban_member",
    summary = "List the users banned from a live-broadcast group with their ban end times, a page at a time",
    doc = "https://www.tencentcloud.com/document/product/1047/50295",
    // A read.
    idempotency = Idempotent,
    response = GetGroupBanMemberResponse,
    page_items = "BannedAccountList",
    next_page = GetGroupBanMember::page_after
)]
pub struct GetGroupBanMember {
    /// The group.
    pub group_id: group_id!(),
    /// How many banned users a page holds: "The maximum value allowed is 100".
    #[serde(rename = "Limit")]
    #[limit(
        range(min = 1, max = 100),
        source = "https://www.tencentcloud.com/document/product/1047/50295 (Limit: the maximum value allowed is 100; 0 is not documented and refused)"
    )]
    pub limit: Option<u32>,
    /// Where the page starts: 0, then the previous page's `NextOffset`. Required by the service
    /// and always sent; in JSON input it may be left out for the first page (0).
    #[serde(rename = "Offset", default)]
    pub offset: u64,
}

impl GetGroupBanMember {
    /// The next page starts at `NextOffset`, with the same `Limit`. `None` when it is 0 or does
    /// not move past `Offset`.
    fn page_after(&self, resp: &GetGroupBanMemberResponse) -> Option<Self> {
        let next = resp.next_offset;
        (next != 0 && next > self.offset).then(|| GetGroupBanMember {
            offset: next,
            ..self.clone()
        })
    }
}

impl Paginated for GetGroupBanMember {
    type Item = BannedAccount;

    fn into_items(resp: GetGroupBanMemberResponse) -> Vec<BannedAccount> {
        resp.banned_account_list
    }
}

/// One banned user (`BannedAccountList` of `get_group_ban_member`).
#[response(item)]
pub struct BannedAccount {
    /// The user.
    #[serde(rename = "Member_Account")]
    pub member_account: String,
    /// When the ban ends, unix seconds.
    #[serde(rename = "BannedUntil")]
    pub banned_until: u64,
}

/// One page of [`GetGroupBanMember`].
#[response]
pub struct GetGroupBanMemberResponse {
    /// The banned users of this page.
    #[serde(rename = "BannedAccountList")]
    pub banned_account_list: Vec<BannedAccount>,
    /// The `Offset` of the next request; 0 when the whole list has been read.
    #[serde(rename = "NextOffset")]
    pub next_offset: u64,
}
