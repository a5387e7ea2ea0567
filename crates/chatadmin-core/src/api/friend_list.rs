//! Friend lists (named groups of friends): `sns/group_*`.
//!
//! Not to be confused with chat groups (`group_open_http_svc/*`): the service calls a friend
//! list a "group" in its paths and fields (`GroupName`).
//!
//! The rules for lists come from the "Relationship Chain Management" page
//! (<https://intl.cloud.tencent.com/document/product/1047/33521>, standard friend field
//! `Tag_SNS_IM_Group`): an account has at most 32 lists, a list name is not empty and at most
//! 30 bytes, and one friend can be in several lists. A list holds friends only.

use serde::Deserializer;

use crate::api::common::{from_account, SnsResultItem};
use crate::api::friend::MAX_FRIENDS_PER_ACCOUNT;
use crate::declare::{endpoint, response};
use crate::validate::{Limit, LimitKind};
use crate::{lenient, wire_enum};

/// The most lists an account can have: "A maximum of 32 lists are supported"
/// (Relationship Chain Management, `Tag_SNS_IM_Group`). The service answers 30011 ("The
/// maximum number of friend lists has been reached", `sns.group_add` page) past it.
pub const MAX_LISTS_PER_ACCOUNT: usize = 32;

/// The longest list name: "The list name cannot be empty. The length of a list name cannot
/// exceed 30 bytes" (Relationship Chain Management, `Tag_SNS_IM_Group`).
pub const LIST_NAME_MAX_BYTES: u32 = 30;

/// A list name: not empty, at most 30 bytes of UTF-8.
pub const GROUP_NAME: Limit = Limit::bytes(
    "GroupName[]",
    LIST_NAME_MAX_BYTES,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Group: \"The list name cannot be empty\", \"cannot exceed 30 bytes\"; error 9005 on https://intl.cloud.tencent.com/document/product/1047/34348 says the same)",
);

wire_enum! {
    /// Whether `sns/group_get` returns the friends in each list (`NeedFriend`).
    pub enum NeedFriendType {
        /// Return the friends (`To_Account`) of each list.
        Yes = "Need_Friend_Type_Yes",
    }
}

/// Deletes friend lists of an account (`v4/sns/group_delete`). The friends in them stay
/// friends.
///
/// ```
/// use chatadmin_core::api::friend_list::FriendListDelete;
/// let req = FriendListDelete::new("alice", ["colleagues", "family"]);
/// assert!(chatadmin_core::registry::encode_request(&req).is_ok());
/// ```
#[endpoint(
    path = "sns/group_delete",
    summary = "Delete friend lists of an account (the friends stay friends)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34926",
    idempotency = Idempotent,
    response = FriendListDeleteResponse
)]
pub struct FriendListDelete {
    /// The account whose lists are deleted.
    pub from_account: from_account!(),
    /// The lists to delete (at most 32). An account has at most 32 lists, so a longer request
    /// is a mistake, not a batch: it is refused, not split.
    #[serde(rename = "GroupName")]
    #[limit(
        items(max = 32),
        source = "https://intl.cloud.tencent.com/document/product/1047/34926 (seed page: at most 32 lists per request, an account has at most 32)"
    )]
    #[limit(each(GROUP_NAME))]
    pub group_name: Vec<String>,
}

/// The answer to [`FriendListDelete`].
#[response]
pub struct FriendListDeleteResponse {
    /// The lists' sequence number after the change.
    #[serde(rename = "CurrentSequence")]
    pub current_sequence: u64,
}

/// Creates friend lists for an account and optionally puts friends in all of them
/// (`v4/sns/group_add`).
///
/// ```
/// use chatadmin_core::api::friend_list::FriendListAdd;
/// let req = FriendListAdd::new("alice", ["colleagues", "family"]).friends(["bob", "carol"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["To_Account"][1], "carol");
/// ```
#[endpoint(
    path = "sns/group_add",
    summary = "Create friend lists for an account, optionally with friends in them",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34950",
    // Repeating never creates a list twice (names are unique per account): the repeat
    // finds the lists already there and changes nothing.
    idempotency = Idempotent,
    response = FriendListAddResponse
)]
pub struct FriendListAdd {
    /// The account that gets the new lists.
    pub from_account: from_account!(),
    /// The names of the new lists (1 to 32, each 1 to 30 bytes).
    #[serde(rename = "GroupName")]
    #[limit(
        items(max = 32),
        source = "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Group: \"A maximum of 32 lists are supported\"; more new lists than that cannot be created)"
    )]
    #[limit(each(GROUP_NAME))]
    pub group_name: Vec<String>,
    /// Friends of `From_Account` to put in every new list. Not split: splitting would create
    /// the lists in the first part and find them existing in the others.
    #[serde(rename = "To_Account", default)]
    #[limit(GROUP_ADD_TO_ACCOUNT)]
    #[user_id]
    #[no_setter]
    pub to_account: Option<Vec<String>>,
}

/// `sns/group_add` `To_Account`: not documented. A list holds friends only and an account has
/// at most 3000 friends ("Users can add up to 3,000 friends", Relationship Chain Management),
/// so a longer list cannot succeed; 3000 is the bound. May be empty (no friends to put in).
pub const GROUP_ADD_TO_ACCOUNT: Limit = Limit {
    field: "To_Account",
    kind: LimitKind::Items {
        min: 0,
        max: MAX_FRIENDS_PER_ACCOUNT as u32,
    },
    source: "not documented for sns/group_add (https://intl.cloud.tencent.com/document/product/1047/34950); derived: a list holds friends only and an account has at most 3000 friends (https://intl.cloud.tencent.com/document/product/1047/33521)",
};

impl FriendListAdd {
    /// Puts these friends of `From_Account` in every new list.
    pub fn friends(mut self, to: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.to_account = Some(to.into_iter().map(Into::into).collect());
        self
    }
}

/// The answer to [`FriendListAdd`]. `ResultItem` and `Fail_Account` come only when the request
/// named friends (`To_Account`).
#[response]
pub struct FriendListAddResponse {
    /// One result per requested friend (32216: not a friend, so not put in a list).
    #[serde(rename = "ResultItem", skip_serializing_if = "Vec::is_empty")]
    pub result_item: Vec<SnsResultItem>,
    /// The friends that could not be put in the lists; sent only when there are some.
    #[serde(rename = "Fail_Account", skip_serializing_if = "Vec::is_empty")]
    pub fail_account: Vec<String>,
    /// Accounts of another SDKAppID (Chinese page of `sns/group_add`: "返回 SDKAppID 不匹配的
    /// 非法用户列表"); sent only when there are some.
    #[serde(rename = "Invalid_Account", skip_serializing_if = "Vec::is_empty")]
    pub invalid_account: Vec<String>,
    /// The lists' sequence number after the change.
    #[serde(rename = "CurrentSequence")]
    pub current_sequence: u64,
}

impl FriendListAddResponse {
    /// The friends that were not put in the lists.
    pub fn failures(&self) -> impl Iterator<Item = &SnsResultItem> {
        self.result_item.iter().filter(|i| !i.is_ok())
    }
}

/// Reads the friend lists of an account (`v4/sns/group_get`): all of them, or the named ones.
///
/// The page says `NeedFriend` "is valid only when `GroupName` is left empty": to get the
/// friends in each list, ask for all lists.
///
/// ```
/// use chatadmin_core::api::friend_list::FriendListGet;
/// let req = FriendListGet::new("alice").need_friend();
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["NeedFriend"], "Need_Friend_Type_Yes");
/// let named = FriendListGet::new("alice").groups(["family"]);
/// assert_eq!(chatadmin_core::registry::encode_request(&named).unwrap()["GroupName"][0], "family");
/// ```
#[endpoint(
    path = "sns/group_get",
    summary = "Read the friend lists of an account, optionally with their friends",
    doc = "https://intl.cloud.tencent.com/document/product/1047/40123",
    // A read.
    idempotency = Idempotent,
    response = FriendListGetResponse
)]
pub struct FriendListGet {
    /// The account whose lists are read.
    pub from_account: from_account!(),
    /// `Need_Friend_Type_Yes` to get the friends in each list.
    #[serde(rename = "NeedFriend", default)]
    #[no_setter]
    pub need_friend: Option<NeedFriendType>,
    /// The lists to read (at most 32); all when absent. An empty list reads as absent: the
    /// field is optional and the page documents no error for `[]` (SPEC-NOTES).
    #[serde(rename = "GroupName", default)]
    #[limit(
        items(max = 32),
        source = "https://intl.cloud.tencent.com/document/product/1047/40123 (Chinese page: GroupName at most 32 per request, an account has at most 32 lists)"
    )]
    #[limit(each(GROUP_NAME))]
    #[no_setter]
    pub group_name: Option<Vec<String>>,
}

impl FriendListGet {
    /// Asks for the friends in each list (`NeedFriend: Need_Friend_Type_Yes`).
    pub fn need_friend(mut self) -> Self {
        self.need_friend = Some(NeedFriendType::Yes);
        self
    }

    /// Reads only these lists; no names (an empty list) reads every list, as leaving
    /// `GroupName` out does.
    pub fn groups(mut self, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        self.group_name = (!names.is_empty()).then_some(names);
        self
    }
}

/// One list in a [`FriendListGetResponse`].
#[response(item)]
pub struct FriendListItem {
    /// The list's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// How many friends are in the list.
    #[serde(rename = "FriendNumber")]
    pub friend_number: u64,
    /// The friends in the list, when `NeedFriend` asked for them.
    #[serde(rename = "To_Account", default, deserialize_with = "opt_string_vec")]
    pub to_account: Option<Vec<String>>,
}

/// An optional list of strings: absent is `None` (with `default`), `null` is `Some([])`.
fn opt_string_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    lenient::string_vec(d).map(Some)
}

/// The answer to [`FriendListGet`].
#[response]
pub struct FriendListGetResponse {
    /// The lists.
    #[serde(rename = "ResultItem")]
    pub result_item: Vec<FriendListItem>,
    /// The lists' sequence number.
    #[serde(rename = "CurrentSequence")]
    pub current_sequence: u64,
}

impl FriendListGetResponse {
    /// The list of that name, if it was returned.
    pub fn list(&self, name: &str) -> Option<&FriendListItem> {
        self.result_item.iter().find(|l| l.group_name == name)
    }
}
