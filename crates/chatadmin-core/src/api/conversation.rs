//! Conversations (`recentcontact/*`): an account's conversation list, paged with separate
//! cursors for pinned and general conversations; deleting a conversation (optionally with its
//! roaming messages); conversation groups (named groups of conversations, at most 20 per
//! account) and conversation marks (standard mark bits and a custom mark).
//!
//! A conversation is one-to-one (`Type` 1, the peer in `To_Account`) or a group conversation
//! (`Type` 2, the group in `ToGroupId`; `recentcontact/delete` spells it `ToGroupid`). A
//! *conversation group*'s `GroupId` is an integer the service assigns, not a chat group ID.

use crate::api::common::{from_account, invalid, StatusResponse, SWITCH};
use crate::declare::{endpoint, payload, response, Path};
use crate::endpoint::Paginated;
use crate::error::ValidationError;
use crate::validate::Limit;

/// `Type` 1: a one-to-one conversation.
pub const C2C: u32 = 1;
/// `Type` 2: a group conversation.
pub const GROUP: u32 = 2;

/// The most conversation groups an account can have: "up to 20 conversation groups can be
/// added for each user" (51010 past it).
pub const MAX_CONTACT_GROUPS: usize = 20;
/// The most conversations in conversation groups and marks of one account: "Conversation group
/// marks support up to 1,000 conversations" (51008 past it).
pub const MAX_MARKED_CONVERSATIONS: usize = 1000;

const CREATE_DOC: &str = "https://www.tencentcloud.com/document/product/1047/53437";
const UPDATE_DOC: &str = "https://trtc.io/document/53439";
const MARK_DOC: &str = "https://trtc.io/document/53438";

/// A conversation group name: "can contain up to 32 bytes" (51011 past it).
pub const CONTACT_GROUP_NAME: Limit = Limit::bytes(
    "GroupName",
    32,
    "https://www.tencentcloud.com/document/product/1047/53437 (GroupName: up to 32 bytes)",
);

/// A conversation named by type and peer: `Type` 1 (one-to-one) needs `To_Account`, `Type` 2
/// (group) the group field. (Not a declared range: the type and its peer are one rule.)
fn check_peer(
    t: u32,
    account: &Option<String>,
    group: &Option<String>,
    group_field: &'static str,
    at: &Path<'_>,
) -> Result<(), ValidationError> {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    match t {
        C2C if !set(account) => Err(invalid(
            &at.field("To_Account"),
            "is required for a one-to-one conversation (Type 1)",
        )),
        GROUP if !set(group) => Err(invalid(
            &at.field(group_field),
            "is required for a group conversation (Type 2)",
        )),
        C2C | GROUP => Ok(()),
        other => Err(invalid(
            &at.field("Type"),
            format!(
                "is {other}; a conversation type is 1 (one-to-one) or 2 (group) (see {CREATE_DOC})"
            ),
        )),
    }
}

/// A conversation in a request (`ContactItem`): its type and its peer.
///
/// ```
/// use chatadmin_core::api::conversation::ContactItem;
/// let c = ContactItem::c2c("bob");
/// assert_eq!(serde_json::to_value(&c).unwrap(), serde_json::json!({"Type": 1, "To_Account": "bob"}));
/// let g = ContactItem::group("@TGS#1");
/// assert_eq!(serde_json::to_value(&g).unwrap(), serde_json::json!({"Type": 2, "ToGroupId": "@TGS#1"}));
/// ```
#[payload]
pub struct ContactItem {
    /// 1 one-to-one, 2 group (checked with the peer).
    #[serde(rename = "Type")]
    pub conversation_type: u32,
    /// The group, for a group conversation.
    #[serde(rename = "ToGroupId")]
    pub to_group_id: Option<String>,
    /// The peer, for a one-to-one conversation.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: Option<String>,
}

impl ContactItem {
    /// The one-to-one conversation with `peer`.
    pub fn c2c(peer: impl Into<String>) -> Self {
        ContactItem::new(C2C).to_account(peer)
    }

    /// The conversation of the group `group_id`.
    pub fn group(group_id: impl Into<String>) -> Self {
        ContactItem::new(GROUP).to_group_id(group_id)
    }

    /// Type 1 needs `To_Account`, type 2 `ToGroupId`.
    pub fn check_peer(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        check_peer(
            self.conversation_type,
            &self.to_account,
            &self.to_group_id,
            "ToGroupId",
            at,
        )
    }
}

fn check_contacts(items: &[ContactItem], at: &Path<'_>) -> Result<(), ValidationError> {
    (items.iter().enumerate()).try_for_each(|(i, c)| c.check_peer(&at.index(i)))
}

/// A conversation in a response (`ContactItem` of per-item results).
#[response(item)]
pub struct ContactRef {
    /// 1 one-to-one, 2 group.
    #[serde(rename = "Type")]
    pub conversation_type: u32,
    /// The group, for a group conversation.
    #[serde(rename = "ToGroupId")]
    pub to_group_id: Option<String>,
    /// The peer, for a one-to-one conversation.
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
}

/// A conversation group: its name and the integer ID the service assigned.
#[response(item)]
pub struct ContactGroupItem {
    /// The name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The conversation group's ID (an integer, not a chat group ID).
    #[serde(rename = "GroupId")]
    pub group_id: u64,
}

/// The result for one conversation of a conversation-group or mark operation.
#[response(item)]
pub struct ContactResultItem {
    /// The conversation.
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactRef,
    /// 0 on success.
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The reason of a failure.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

// ---------------------------------------------------------------------------------------------
// get_list
// ---------------------------------------------------------------------------------------------

/// `AssistFlags` bit 0: pinned conversations come first, with `TopFlag` 1.
pub const ASSIST_PINNED: u32 = 1;
/// `AssistFlags` bit 1: conversations without messages are returned too.
pub const ASSIST_EMPTY: u32 = 2;
/// `AssistFlags` bit 2: pinned conversations are paged too (with `TopTimeStamp` and
/// `TopStartIndex`).
pub const ASSIST_PAGE_PINNED: u32 = 4;

/// Reads an account's conversation list, a page at a time (`v4/recentcontact/get_list`).
/// Start with every cursor 0 and send back the four cursors of each answer until
/// `CompleteFlag` is 1 ([`ApiRequest::next_page`] does this). `AssistFlags` is a bit set:
/// [`ASSIST_PINNED`], [`ASSIST_EMPTY`], [`ASSIST_PAGE_PINNED`].
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::conversation::{RecentContactGetList, RecentContactGetListResponse};
/// use chatadmin_core::ApiRequest;
/// let req = RecentContactGetList::new("alice", 7);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "TimeStamp": 0, "StartIndex": 0,
///     "TopTimeStamp": 0, "TopStartIndex": 0, "AssistFlags": 7}));
/// let page: RecentContactGetListResponse = serde_json::from_value(serde_json::json!({
///     "ErrorCode": 0, "SessionItem": [], "CompleteFlag": 0, "TimeStamp": 1630997627,
///     "StartIndex": 1, "TopTimeStamp": 0, "TopStartIndex": 0})).unwrap();
/// let next = req.next_page(&page).unwrap();
/// assert_eq!((next.time_stamp, next.start_index), (1630997627, 1));
/// ```
#[endpoint(
    path = "recentcontact/get_list",
    summary = "Read an account's conversation list, pinned first, a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/43087",
    // A read.
    idempotency = Idempotent,
    response = RecentContactGetListResponse,
    page_items = "SessionItem",
    next_page = RecentContactGetList::page_after
)]
pub struct RecentContactGetList {
    /// The account whose conversations are read.
    pub from_account: from_account!(),
    /// Where the page of general conversations starts: 0, then the previous answer's
    /// `TimeStamp`. Required by the service and always sent; JSON input may leave it out for
    /// the first page.
    #[serde(rename = "TimeStamp", default)]
    pub time_stamp: u64,
    /// With `TimeStamp`: 0, then the previous answer's `StartIndex`.
    #[serde(rename = "StartIndex", default)]
    pub start_index: u64,
    /// Where the page of pinned conversations starts: 0, then the previous answer's
    /// `TopTimeStamp`.
    #[serde(rename = "TopTimeStamp", default)]
    pub top_time_stamp: u64,
    /// With `TopTimeStamp`: 0, then the previous answer's `TopStartIndex`.
    #[serde(rename = "TopStartIndex", default)]
    pub top_start_index: u64,
    /// Bit 0 pinned conversations supported, bit 1 empty conversations returned, bit 2 pinned
    /// conversations paged.
    #[serde(rename = "AssistFlags")]
    #[limit(
        range(min = 0, max = 7),
        source = "https://intl.cloud.tencent.com/document/product/1047/43087 (AssistFlags: flag bits 0, 1 and 2)"
    )]
    pub assist_flags: u32,
}

impl RecentContactGetList {
    /// The next page starts at the four cursors of `resp`. `None` when `CompleteFlag` is set
    /// or no cursor moved (so a malformed answer cannot loop).
    fn page_after(&self, resp: &RecentContactGetListResponse) -> Option<Self> {
        let next = RecentContactGetList {
            time_stamp: resp.time_stamp,
            start_index: resp.start_index,
            top_time_stamp: resp.top_time_stamp,
            top_start_index: resp.top_start_index,
            ..self.clone()
        };
        let cursor = |r: &Self| {
            (
                r.time_stamp,
                r.start_index,
                r.top_time_stamp,
                r.top_start_index,
            )
        };
        (resp.complete_flag == 0 && cursor(&next) != cursor(self)).then_some(next)
    }
}

impl Paginated for RecentContactGetList {
    type Item = SessionItem;

    fn into_items(resp: RecentContactGetListResponse) -> Vec<SessionItem> {
        resp.session_item
    }
}

/// One conversation of the list.
#[response(item)]
pub struct SessionItem {
    /// 1 one-to-one, 2 group.
    #[serde(rename = "Type")]
    pub conversation_type: u32,
    /// The peer, for a one-to-one conversation.
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    /// The group, for a group conversation.
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    /// The time of the conversation's last message, unix seconds.
    #[serde(rename = "MsgTime")]
    pub msg_time: u64,
    /// 1 pinned, 0 general.
    #[serde(rename = "TopFlag")]
    pub top_flag: u32,
}

impl SessionItem {
    /// Whether the conversation is pinned.
    pub fn is_pinned(&self) -> bool {
        self.top_flag == 1
    }
}

/// One page of [`RecentContactGetList`].
#[response]
pub struct RecentContactGetListResponse {
    /// The conversations of this page.
    #[serde(rename = "SessionItem")]
    pub session_item: Vec<SessionItem>,
    /// 1 when every conversation was returned.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u32,
    /// The next page's `TimeStamp`.
    #[serde(rename = "TimeStamp")]
    pub time_stamp: u64,
    /// The next page's `StartIndex`.
    #[serde(rename = "StartIndex")]
    pub start_index: u64,
    /// The next page's `TopTimeStamp`.
    #[serde(rename = "TopTimeStamp")]
    pub top_time_stamp: u64,
    /// The next page's `TopStartIndex`.
    #[serde(rename = "TopStartIndex")]
    pub top_start_index: u64,
}

// ---------------------------------------------------------------------------------------------
// delete
// ---------------------------------------------------------------------------------------------

/// Deletes a conversation of an account, optionally with its roaming messages
/// (`v4/recentcontact/delete`). The group field is spelled `ToGroupid` here.
///
/// ```
/// use chatadmin_core::api::conversation::RecentContactDelete;
/// let req = RecentContactDelete::c2c("alice", "bob").clear_ramble(1);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "Type": 1, "To_Account": "bob", "ClearRamble": 1}));
/// let bad = serde_json::json!({"From_Account": "alice", "Type": 2});
/// let e = chatadmin_core::registry::parse_request::<RecentContactDelete>(bad).unwrap_err();
/// assert!(e.to_string().contains("ToGroupid"), "{e}");
/// ```
#[endpoint(
    path = "recentcontact/delete",
    summary = "Delete a conversation of an account, optionally with its roaming messages",
    doc = "https://intl.cloud.tencent.com/document/product/1047/43088",
    // Deleting a deleted conversation again changes nothing more.
    idempotency = Idempotent,
    response = RecentContactDeleteResponse,
    validate = RecentContactDelete::check_peer
)]
pub struct RecentContactDelete {
    /// The account whose conversation is deleted.
    pub from_account: from_account!(),
    /// 1 one-to-one, 2 group.
    #[serde(rename = "Type")]
    pub conversation_type: u32,
    /// The peer, for a one-to-one conversation.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: Option<String>,
    /// The group, for a group conversation (wire name `ToGroupid`).
    #[serde(rename = "ToGroupid")]
    pub to_groupid: Option<String>,
    /// 1 to clear the roaming messages too, 0 not.
    #[serde(rename = "ClearRamble")]
    #[limit(SWITCH)]
    pub clear_ramble: Option<u32>,
}

impl RecentContactDelete {
    /// Deletes `from`'s one-to-one conversation with `peer`.
    pub fn c2c(from: impl Into<String>, peer: impl Into<String>) -> Self {
        RecentContactDelete::new(from, C2C).to_account(peer)
    }

    /// Deletes `from`'s conversation of the group `group_id`.
    pub fn group(from: impl Into<String>, group_id: impl Into<String>) -> Self {
        RecentContactDelete::new(from, GROUP).to_groupid(group_id)
    }

    fn check_peer(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        check_peer(
            self.conversation_type,
            &self.to_account,
            &self.to_groupid,
            "ToGroupid",
            at,
        )
    }
}

/// The answer to [`RecentContactDelete`]: the status only.
pub type RecentContactDeleteResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// create_contact_group
// ---------------------------------------------------------------------------------------------

/// One conversation group to create: its name and its conversations.
#[payload]
pub struct GroupContactItem {
    /// The name (at most 32 bytes).
    #[serde(rename = "GroupName")]
    #[limit(CONTACT_GROUP_NAME)]
    pub group_name: String,
    /// The conversations to put in it.
    #[serde(rename = "ContactItem")]
    pub contact_item: Vec<ContactItem>,
}

/// Creates a conversation group of an account with its first conversations
/// (`v4/recentcontact/create_contact_group`). One group per call; an account has at most 20
/// (51010), and conversation groups and marks cover at most 1,000 conversations (51008).
///
/// ```
/// use chatadmin_core::api::conversation::{ContactItem, CreateContactGroup};
/// let req = CreateContactGroup::one("alice", "work", [ContactItem::c2c("bob")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["GroupContactItem"][0]["GroupName"], "work");
/// assert_eq!(body["GroupContactItem"][0]["ContactItem"][0]["To_Account"], "bob");
/// ```
#[endpoint(
    path = "recentcontact/create_contact_group",
    summary = "Create a conversation group of an account",
    doc = "https://www.tencentcloud.com/document/product/1047/53437",
    // A repeat after a lost answer fails (the name now exists), so it is not retried blindly.
    idempotency = NotIdempotent,
    response = CreateContactGroupResponse,
    validate = CreateContactGroup::check_items
)]
pub struct CreateContactGroup {
    /// The account.
    pub from_account: from_account!(),
    /// The group to create: "Only one conversation group can be added at a time".
    #[serde(rename = "GroupContactItem")]
    #[limit(
        items(max = 1),
        source = "https://www.tencentcloud.com/document/product/1047/53437 (GroupContactItem: only one conversation group can be added at a time)"
    )]
    pub group_contact_item: Vec<GroupContactItem>,
}

impl CreateContactGroup {
    /// Creates the group `name` of `from` with `contacts`.
    pub fn one(
        from: impl Into<String>,
        name: impl Into<String>,
        contacts: impl IntoIterator<Item = ContactItem>,
    ) -> Self {
        CreateContactGroup::new(from, [GroupContactItem::new(name, contacts)])
    }

    fn check_items(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let items = at.field("GroupContactItem");
        self.group_contact_item
            .iter()
            .enumerate()
            .try_for_each(|(i, g)| {
                let at = items.index(i);
                check_contacts(&g.contact_item, &at.field("ContactItem"))
            })
    }
}

/// The result for the created group.
#[response(item)]
pub struct GroupResultItem {
    /// The group created.
    #[serde(rename = "GroupItem")]
    pub group_item: ContactGroupItem,
    /// One result per conversation.
    #[serde(rename = "ResultItem")]
    pub result_item: Vec<ContactResultItem>,
}

/// The answer to [`CreateContactGroup`].
#[response]
pub struct CreateContactGroupResponse {
    /// The group created and its per-conversation results.
    #[serde(rename = "GroupResultItem")]
    pub group_result_item: Vec<GroupResultItem>,
}

// ---------------------------------------------------------------------------------------------
// update_contact_group
// ---------------------------------------------------------------------------------------------

/// `UpdateGroupType` 1: rename the group.
pub const UPDATE_NAME: u32 = 1;
/// `UpdateGroupType` 2: add or remove conversations.
pub const UPDATE_CONTACTS: u32 = 2;
/// `ContactOptType` 1: add the conversation to the group.
pub const CONTACT_ADD: u32 = 1;
/// `ContactOptType` 2: remove the conversation from the group.
pub const CONTACT_REMOVE: u32 = 2;

/// One conversation to add to or remove from a group.
#[payload]
pub struct ContactUpdateItem {
    /// 1 add, 2 remove.
    #[serde(rename = "ContactOptType")]
    #[limit(
        range(min = 1, max = 2),
        source = "https://trtc.io/document/53439 (ContactOptType: 1 adding a conversation to a group, 2 deleting it)"
    )]
    pub contact_opt_type: u32,
    /// The conversation.
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
}

/// The update of one group: a rename (`UpdateGroupType` 1, `NewGroupName`) or conversations
/// added and removed (`UpdateGroupType` 2, `ContactUpdateItem`).
#[payload]
pub struct UpdateGroup {
    /// 1 rename, 2 conversations (checked with `NewGroupName`: "1: Updating the group name;
    /// 2 Updating the conversation group").
    #[serde(rename = "UpdateGroupType")]
    pub update_group_type: u32,
    /// The group's current name.
    #[serde(rename = "OldGroupName")]
    #[limit(CONTACT_GROUP_NAME)]
    pub old_group_name: String,
    /// The new name, for a rename (at most 32 bytes).
    #[serde(rename = "NewGroupName")]
    #[limit(CONTACT_GROUP_NAME)]
    pub new_group_name: Option<String>,
    /// The conversations to add or remove.
    #[serde(rename = "ContactUpdateItem")]
    pub contact_update_item: Option<Vec<ContactUpdateItem>>,
}

/// Renames a conversation group, or adds conversations to it and removes them
/// (`v4/recentcontact/update_contact_group`).
///
/// ```
/// use chatadmin_core::api::conversation::{ContactItem, UpdateContactGroup};
/// let req = UpdateContactGroup::rename("alice", "work", "office");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["UpdateGroup"], serde_json::json!({"UpdateGroupType": 1,
///     "OldGroupName": "work", "NewGroupName": "office"}));
/// let req = UpdateContactGroup::contacts("alice", "work", [ContactItem::c2c("bob")], []);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["UpdateGroup"]["ContactUpdateItem"][0]["ContactOptType"], 1);
/// assert!(chatadmin_core::registry::encode_request(
///     &UpdateContactGroup::new("alice", 1, chatadmin_core::api::conversation::UpdateGroup::new(1, "work"))
/// ).is_err(), "a rename needs NewGroupName");
/// ```
#[endpoint(
    path = "recentcontact/update_contact_group",
    summary = "Rename a conversation group or add and remove its conversations",
    doc = "https://trtc.io/document/53439",
    // A rename repeated after a lost answer finds the old name gone (51009).
    idempotency = NotIdempotent,
    response = UpdateContactGroupResponse,
    validate = UpdateContactGroup::check_update
)]
pub struct UpdateContactGroup {
    /// The account.
    pub from_account: from_account!(),
    /// 1 (the only documented value: a group update).
    #[serde(rename = "UpdateType")]
    #[limit(
        range(min = 1, max = 1),
        source = "https://trtc.io/document/53439 (UpdateType: 1 adding a conversation to or deleting a conversation from a group)"
    )]
    pub update_type: u32,
    /// The update.
    #[serde(rename = "UpdateGroup")]
    pub update_group: UpdateGroup,
}

impl UpdateContactGroup {
    /// Renames `from`'s group `old` to `new`.
    pub fn rename(from: impl Into<String>, old: impl Into<String>, new: impl Into<String>) -> Self {
        let g = UpdateGroup::new(UPDATE_NAME, old).new_group_name(new);
        UpdateContactGroup::new(from, 1, g)
    }

    /// Adds `add` to `from`'s group `name` and removes `remove` from it.
    pub fn contacts(
        from: impl Into<String>,
        name: impl Into<String>,
        add: impl IntoIterator<Item = ContactItem>,
        remove: impl IntoIterator<Item = ContactItem>,
    ) -> Self {
        let items: Vec<ContactUpdateItem> = (add.into_iter())
            .map(|c| ContactUpdateItem::new(CONTACT_ADD, c))
            .chain(
                remove
                    .into_iter()
                    .map(|c| ContactUpdateItem::new(CONTACT_REMOVE, c)),
            )
            .collect();
        let g = UpdateGroup::new(UPDATE_CONTACTS, name).contact_update_item(items);
        UpdateContactGroup::new(from, 1, g)
    }

    fn check_update(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let g = &self.update_group;
        let at = at.field("UpdateGroup");
        match g.update_group_type {
            UPDATE_NAME if g.new_group_name.is_none() => {
                return Err(invalid(
                    &at.field("NewGroupName"),
                    format!("is required to rename a group (UpdateGroupType 1; see {UPDATE_DOC})"),
                ))
            }
            UPDATE_NAME | UPDATE_CONTACTS => {}
            other => {
                return Err(invalid(
                    &at.field("UpdateGroupType"),
                    format!("is {other}; it is 1 (rename) or 2 (add or remove conversations) (see {UPDATE_DOC})"),
                ))
            }
        }
        let items = at.field("ContactUpdateItem");
        (g.contact_update_item.iter().flatten().enumerate()).try_for_each(|(i, c)| {
            let at = items.index(i);
            c.contact_item.check_peer(&at.field("ContactItem"))
        })
    }
}

/// The result for one conversation added or removed.
#[response(item)]
pub struct ContactUpdateResult {
    /// 1 add, 2 remove.
    #[serde(rename = "ContactOptType")]
    pub contact_opt_type: u32,
    /// The conversation.
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactRef,
    /// 0 on success.
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The reason of a failure.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

/// What the update did to the group.
#[response(item)]
pub struct UpdateGroupResult {
    /// 1 rename, 2 conversations.
    #[serde(rename = "UpdateGroupType")]
    pub update_group_type: u32,
    /// The group's current name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The group's ID.
    #[serde(rename = "GroupId")]
    pub group_id: u64,
    /// The group's name before the update.
    #[serde(rename = "OldGroupName")]
    pub old_group_name: String,
    /// One result per conversation added or removed.
    #[serde(rename = "ContactResultItem")]
    pub contact_result_item: Option<Vec<ContactUpdateResult>>,
}

/// The answer to [`UpdateContactGroup`].
#[response]
pub struct UpdateContactGroupResponse {
    /// 1.
    #[serde(rename = "UpdateType")]
    pub update_type: u32,
    /// What the update did.
    #[serde(rename = "UpdateGroupResult")]
    pub update_group_result: UpdateGroupResult,
}

// ---------------------------------------------------------------------------------------------
// del_contact_group
// ---------------------------------------------------------------------------------------------

/// Deletes a conversation group of an account (`v4/recentcontact/del_contact_group`); its
/// conversations stay. "Currently, only one conversation group can be deleted at a time";
/// a group that does not exist is 51009.
///
/// ```
/// use chatadmin_core::api::conversation::DelContactGroup;
/// let req = DelContactGroup::new("alice", ["work"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "GroupName": ["work"]}));
/// assert!(chatadmin_core::registry::encode_request(&DelContactGroup::new("alice", ["a", "b"])).is_err());
/// ```
#[endpoint(
    path = "recentcontact/del_contact_group",
    summary = "Delete a conversation group of an account",
    doc = "https://www.tencentcloud.com/document/product/1047/53441",
    // A repeat finds the group gone (51009): no duplicated effect.
    idempotency = Idempotent,
    response = DelContactGroupResponse
)]
pub struct DelContactGroup {
    /// The account.
    pub from_account: from_account!(),
    /// The group to delete: one name.
    #[serde(rename = "GroupName")]
    #[limit(
        items(max = 1),
        source = "https://www.tencentcloud.com/document/product/1047/53441 (GroupName: currently, only one conversation group can be deleted at a time)"
    )]
    #[limit(each(CONTACT_GROUP_NAME))]
    pub group_name: Vec<String>,
}

/// The answer to [`DelContactGroup`]: the groups deleted.
#[response]
pub struct DelContactGroupResponse {
    /// The groups deleted.
    #[serde(rename = "GroupItem")]
    pub group_item: Vec<ContactGroupItem>,
}

// ---------------------------------------------------------------------------------------------
// mark_contact
// ---------------------------------------------------------------------------------------------

/// `OptType` 1: set standard marks.
pub const MARK_STANDARD: u32 = 1;
/// `OptType` 2: set the custom mark.
pub const MARK_CUSTOM: u32 = 2;
/// `OptType` 3: both.
pub const MARK_BOTH: u32 = 3;

/// The standard mark bits the service defines ("Bit 1: favorite ... Bit 4: hidden"); bits
/// past 32 are the app's.
pub mod mark_bit {
    /// A favorite conversation.
    pub const FAVORITE: u32 = 1;
    /// An (important) conversation marked unread.
    pub const UNREAD: u32 = 2;
    /// A collapsed conversation.
    pub const COLLAPSED: u32 = 3;
    /// A hidden conversation.
    pub const HIDDEN: u32 = 4;
}

/// A standard mark bit: "A standard conversation mark has 64 bits in total" (numbered 0 to
/// 63 here; the page numbers the internal ones from 1).
pub const MARK_BIT: Limit = Limit::range(
    "SetMark[]",
    0,
    63,
    "https://trtc.io/document/53438 (a standard conversation mark has 64 bits in total)",
);

/// One conversation's marks to change.
#[payload]
pub struct MarkItem {
    /// 1 standard marks, 2 the custom mark, 3 both.
    #[serde(rename = "OptType")]
    #[limit(
        range(min = 1, max = 3),
        source = "https://trtc.io/document/53438 (OptType: 1 standard marks, 2 custom marks, 3 both)"
    )]
    pub opt_type: u32,
    /// The conversation.
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
    /// The standard mark bits to clear.
    #[serde(rename = "ClearMark")]
    #[limit(each(MARK_BIT))]
    pub clear_mark: Option<Vec<u32>>,
    /// The standard mark bits to set.
    #[serde(rename = "SetMark")]
    #[limit(each(MARK_BIT))]
    pub set_mark: Option<Vec<u32>>,
    /// The custom mark: "Up to 256 bytes are supported". With `OptType` 2 or 3, absent or
    /// empty clears it.
    #[serde(rename = "CustomMark")]
    #[limit(
        bytes(max = 256, min = 0),
        source = "https://trtc.io/document/53438 (CustomMark: up to 256 bytes)"
    )]
    pub custom_mark: Option<String>,
}

/// Sets or clears standard marks and sets the custom mark of conversations
/// (`v4/recentcontact/mark_contact`), at most 100 per call (the client splits longer lists;
/// one result per conversation, merged in order).
///
/// ```
/// use chatadmin_core::api::conversation::{mark_bit, ContactItem, MarkContact, MarkItem, MARK_STANDARD};
/// let item = MarkItem::new(MARK_STANDARD, ContactItem::c2c("bob")).set_mark([mark_bit::FAVORITE]);
/// let req = MarkContact::new("alice", [item]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["MarkItem"][0]["SetMark"], serde_json::json!([1]));
/// ```
#[endpoint(
    path = "recentcontact/mark_contact",
    summary = "Set or clear standard and custom marks of conversations",
    doc = "https://trtc.io/document/53438",
    // Setting the same bits again changes nothing more.
    idempotency = Idempotent,
    response = MarkContactResponse,
    validate = MarkContact::check_items
)]
pub struct MarkContact {
    /// The account.
    pub from_account: from_account!(),
    /// The conversations' marks: "The array can contain up to 100 conversation marks".
    #[serde(rename = "MarkItem")]
    #[limit(
        items(max = 100),
        source = "https://trtc.io/document/53438 (MarkItem: up to 100 conversation marks)"
    )]
    #[split]
    pub mark_item: Vec<MarkItem>,
}

impl MarkContact {
    fn check_items(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let items = at.field("MarkItem");
        self.mark_item.iter().enumerate().try_for_each(|(i, m)| {
            let at = items.index(i);
            m.contact_item.check_peer(&at.field("ContactItem"))?;
            let standard = m.set_mark.is_some() || m.clear_mark.is_some();
            match m.opt_type {
                MARK_STANDARD | MARK_BOTH if !standard => Err(invalid(
                    &at.field("SetMark"),
                    format!("SetMark or ClearMark is required to set standard marks (OptType {}; see {MARK_DOC})", m.opt_type),
                )),
                _ => Ok(()),
            }
        })
    }
}

/// The result for one conversation's marks.
#[response(item)]
pub struct MarkResultItem {
    /// 1 standard, 2 custom, 3 both.
    #[serde(rename = "OptType")]
    pub opt_type: u32,
    /// The conversation.
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactRef,
    /// 0 on success.
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The reason of a failure.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

/// The answer to [`MarkContact`]: one result per conversation, in request order.
#[response]
pub struct MarkContactResponse {
    /// Per-conversation results.
    #[serde(rename = "ResultItem")]
    #[merge]
    pub result_item: Vec<MarkResultItem>,
}

// ---------------------------------------------------------------------------------------------
// search_contact_group / get_contact_group
// ---------------------------------------------------------------------------------------------

/// A conversation with its marks and conversation groups.
#[response(item)]
pub struct ContactMarkItem {
    /// 1 one-to-one, 2 group.
    #[serde(rename = "Type")]
    pub conversation_type: u32,
    /// The peer, for a one-to-one conversation.
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    /// The group, for a group conversation.
    #[serde(rename = "ToGroupId")]
    pub to_group_id: Option<String>,
    /// The standard mark bits as a bit string.
    #[serde(rename = "StandardMark")]
    pub standard_mark: Option<String>,
    /// The custom mark.
    #[serde(rename = "CustomMark")]
    pub custom_mark: Option<String>,
    /// The conversation groups it is in.
    #[serde(rename = "ContactGroupId")]
    pub contact_group_id: Option<Vec<u64>>,
    /// When its group and mark data last changed, unix seconds.
    #[serde(rename = "Timestamp")]
    pub timestamp: u64,
}

/// Reads the marks and conversation groups of chosen conversations
/// (`v4/recentcontact/search_contact_group`), at most 300 per call.
///
/// ```
/// use chatadmin_core::api::conversation::{ContactItem, SearchContactGroup};
/// let req = SearchContactGroup::new("alice", [ContactItem::c2c("bob")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["ContactItem"][0]["Type"], 1);
/// ```
#[endpoint(
    path = "recentcontact/search_contact_group",
    summary = "Read the marks and conversation groups of chosen conversations",
    doc = "https://trtc.io/document/53442",
    // A read.
    idempotency = Idempotent,
    response = SearchContactGroupResponse,
    validate = SearchContactGroup::check_items
)]
pub struct SearchContactGroup {
    /// The account.
    pub from_account: from_account!(),
    /// The conversations: "Up to 300 conversations can be searched at a time".
    #[serde(rename = "ContactItem")]
    #[limit(
        items(max = 300),
        source = "https://trtc.io/document/53442 (ContactItem: up to 300 conversations at a time)"
    )]
    pub contact_item: Vec<ContactItem>,
}

impl SearchContactGroup {
    fn check_items(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        check_contacts(&self.contact_item, &at.field("ContactItem"))
    }
}

/// The answer to [`SearchContactGroup`].
#[response]
pub struct SearchContactGroupResponse {
    /// The conversations found, with their marks and groups.
    #[serde(rename = "ContactResultItem")]
    pub contact_result_item: Vec<ContactMarkItem>,
    /// The conversation groups those conversations are in.
    #[serde(rename = "GroupItem")]
    pub group_item: Vec<ContactGroupItem>,
}

/// Reads an account's conversation groups and marked conversations, a page at a time
/// (`v4/recentcontact/get_contact_group`): start at `StartIndex` 0 and follow `NextStartIndex`
/// until `CompleteFlag` is 1 ([`ApiRequest::next_page`] does this).
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::conversation::GetContactGroup;
/// let req = GetContactGroup::new("alice");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "StartIndex": 0}));
/// ```
#[endpoint(
    path = "recentcontact/get_contact_group",
    summary = "Read an account's conversation groups and marked conversations, a page at a time",
    doc = "https://trtc.io/document/53440",
    // A read.
    idempotency = Idempotent,
    response = GetContactGroupResponse,
    page_items = "ContactItem",
    next_page = GetContactGroup::page_after
)]
pub struct GetContactGroup {
    /// The account.
    pub from_account: from_account!(),
    /// Where the page starts: 0, then the previous answer's `NextStartIndex`. JSON input may
    /// leave it out for the first page.
    #[serde(rename = "StartIndex", default)]
    pub start_index: u64,
}

impl GetContactGroup {
    /// The next page starts at `NextStartIndex`; `None` when `CompleteFlag` is set or the
    /// index does not move forward.
    fn page_after(&self, resp: &GetContactGroupResponse) -> Option<Self> {
        let next = resp.next_start_index;
        (resp.complete_flag == 0 && next > self.start_index).then(|| GetContactGroup {
            start_index: next,
            ..self.clone()
        })
    }
}

impl Paginated for GetContactGroup {
    type Item = ContactMarkItem;

    fn into_items(resp: GetContactGroupResponse) -> Vec<ContactMarkItem> {
        resp.contact_item
    }
}

/// One page of [`GetContactGroup`].
#[response]
pub struct GetContactGroupResponse {
    /// The conversations of this page, with their marks and groups.
    #[serde(rename = "ContactItem")]
    pub contact_item: Vec<ContactMarkItem>,
    /// Every conversation group of the account.
    #[serde(rename = "GroupItem")]
    pub group_item: Vec<ContactGroupItem>,
    /// 1 on the last page.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u32,
    /// Where the next page starts.
    #[serde(rename = "NextStartIndex")]
    pub next_start_index: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declare::Validate;
    use crate::ApiRequest;

    fn page(complete: u32, t: u64, i: u64) -> RecentContactGetListResponse {
        serde_json::from_value(serde_json::json!({"ErrorCode": 0, "SessionItem": [],
            "CompleteFlag": complete, "TimeStamp": t, "StartIndex": i,
            "TopTimeStamp": 0, "TopStartIndex": 0}))
        .unwrap()
    }

    #[test]
    fn get_list_stops_when_complete_or_stuck() {
        let req = RecentContactGetList::new("a", 7);
        assert!(req.next_page(&page(1, 5, 0)).is_none());
        assert!(
            req.next_page(&page(0, 0, 0)).is_none(),
            "cursors did not move"
        );
        assert_eq!(req.next_page(&page(0, 5, 2)).unwrap().start_index, 2);
    }

    #[test]
    fn peers_match_the_type() {
        let e = SearchContactGroup::new("a", [ContactItem::new(C2C)])
            .validate_at(&Path::Root)
            .unwrap_err();
        assert_eq!(e.field, "ContactItem[0].To_Account");
        let e = MarkContact::new("a", [MarkItem::new(1, ContactItem::group("g"))])
            .validate_at(&Path::Root)
            .unwrap_err();
        assert_eq!(e.field, "MarkItem[0].SetMark");
    }
}
