//! Friends (the relation chain): `sns/friend_*`.
//!
//! Friend fields are tag/value pairs ([`SnsItem`] in requests, [`TagValue`] in responses):
//! the standard ones are named in [`tag`], custom ones are `Tag_SNS_Custom_<name>`. Their
//! documented rules (relationship chain page, 33521) are checked by `validate()`: a remark is
//! at most 96 bytes, a friend list name 1 to 30 bytes (at most 32 lists), a request message at
//! most 256 bytes, a source `AddSource_Type_` plus 1 to 8 letters, a string value at most 500
//! bytes.

use serde::Deserialize;
use serde_json::Value;

use crate::api::common::{
    from_account, from_id, invalid, required, sns_accounts, SnsBatchResponse, SnsResultItem,
    StatusResponse, SWITCH,
};
use crate::api::friend_list::{LIST_NAME_MAX_BYTES, MAX_LISTS_PER_ACCOUNT};
use crate::declare::{endpoint, payload, response, CheckedEach, Path};
use crate::endpoint::Paginated;
use crate::error::ValidationError;
use crate::validate::{Limit, LimitKind};
use crate::wire_enum;

wire_enum! {
    /// How friends are deleted.
    pub enum DeleteType {
        /// Remove the friend from the requester's list only (the default).
        Single = "Delete_Type_Single",
        /// Remove the friendship on both sides.
        Both = "Delete_Type_Both",
    }
}

/// Deletes friends of one account, one-way or both ways (`v4/sns/friend_delete`).
///
/// ```
/// use chatadmin_core::api::friend::{DeleteType, FriendDelete};
/// let req = FriendDelete::new("alice", ["bob", "carol"]).delete_type(DeleteType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["DeleteType"], "Delete_Type_Both");
/// ```
#[endpoint(
    path = "sns/friend_delete",
    summary = "Delete friends of an account, one-way or both ways",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34905",
    // Deleting the same friends again changes nothing more (the repeat reports 31704 per
    // item, which is data, not a duplicated effect).
    idempotency = Idempotent,
    response = FriendDeleteResponse
)]
pub struct FriendDelete {
    /// The account whose friends are deleted.
    pub from_account: from_account!(),
    /// The friends to delete (at most 1000 per request; the client splits longer lists):
    /// "Each request cannot contain more than 1000 UserIDs" (doc page sns.friend_delete,
    /// 2024-12; also the seed page).
    pub to_account: sns_accounts!(),
    /// One-way (default) or both ways.
    #[serde(rename = "DeleteType")]
    pub delete_type: Option<DeleteType>,
}

/// The answer to [`FriendDelete`]: one result per requested account, in request order.
#[response]
pub struct FriendDeleteResponse {
    /// Per-account results.
    #[serde(rename = "ResultItem")]
    #[merge]
    pub result_item: Vec<SnsResultItem>,
}

impl FriendDeleteResponse {
    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &SnsResultItem> {
        self.result_item.iter().filter(|i| !i.is_ok())
    }
}

// ---------------------------------------------------------------------------------------------
// Friend fields
// ---------------------------------------------------------------------------------------------

/// The friend field tags (relationship chain page, "Standard friend fields" and "Custom friend
/// fields": https://intl.cloud.tencent.com/document/product/1047/33521).
pub mod tag {
    /// The friend lists the friend is in: an array of list names.
    pub const GROUP: &str = "Tag_SNS_IM_Group";
    /// The remark the owner set for the friend: a string of at most 96 bytes.
    pub const REMARK: &str = "Tag_SNS_IM_Remark";
    /// Where the friend was added from: `AddSource_Type_` plus 1 to 8 letters.
    pub const ADD_SOURCE: &str = "Tag_SNS_IM_AddSource";
    /// The friend request message: a string of at most 256 bytes.
    pub const ADD_WORDING: &str = "Tag_SNS_IM_AddWording";
    /// When the friendship was made, unix seconds.
    pub const ADD_TIME: &str = "Tag_SNS_IM_AddTime";
    /// The prefix of every custom friend field (`Tag_SNS_Custom_Test`).
    pub const CUSTOM_PREFIX: &str = "Tag_SNS_Custom_";
    /// The prefix of the `AddSource` values (`AddSource_Type_Android`).
    pub const ADD_SOURCE_PREFIX: &str = "AddSource_Type_";

    /// The tag of the custom friend field `name` (`Test` gives `Tag_SNS_Custom_Test`); a
    /// name that already has the prefix is kept as it is.
    pub fn custom(name: &str) -> String {
        if name.starts_with(CUSTOM_PREFIX) {
            name.to_owned()
        } else {
            format!("{CUSTOM_PREFIX}{name}")
        }
    }

    /// Whether `tag` names a custom friend field.
    pub fn is_custom(tag: &str) -> bool {
        tag.len() > CUSTOM_PREFIX.len() && tag.starts_with(CUSTOM_PREFIX)
    }

    /// Whether `tag` names a standard friend field.
    pub fn is_standard(tag: &str) -> bool {
        [GROUP, REMARK, ADD_SOURCE, ADD_WORDING, ADD_TIME].contains(&tag)
    }
}

const FIELDS_DOC: &str = "https://intl.cloud.tencent.com/document/product/1047/33521";

/// The most friends an account can have: "Users can add up to 3,000 friends to their friend
/// lists" (Relationship Chain Management). Past it `friend_add` answers 30010 (the requester's
/// list is full) or 30014 (the target's).
pub const MAX_FRIENDS_PER_ACCOUNT: usize = 3000;

/// A remark (`Remark`, `Tag_SNS_IM_Remark`): "The length of a remark cannot exceed 96 bytes"
/// (relationship chain page, standard friend fields). May be empty.
pub const REMARK: Limit = Limit::bytes_or_empty(
    "Remark",
    96,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Remark: at most 96 bytes)",
);

/// A friend list name (`GroupName`, `Tag_SNS_IM_Group`): "The list name cannot be empty. The
/// length of a list name cannot exceed 30 bytes."
pub const GROUP_NAME: Limit = Limit::bytes(
    "GroupName[]",
    LIST_NAME_MAX_BYTES,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Group: a list name is 1 to 30 bytes)",
);

/// The friend lists of one friend (`friend_import`'s `GroupName`, `friend_update`'s
/// `Tag_SNS_IM_Group`): "A maximum of 32 lists are supported". May be empty.
pub const GROUP_NAMES: Limit = Limit {
    field: "GroupName",
    kind: LimitKind::Items {
        min: 0,
        max: MAX_LISTS_PER_ACCOUNT as u32,
    },
    source: "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Group: at most 32 lists)",
};

/// A friend request message (`AddWording`): "The length of a request cannot exceed 256
/// bytes". May be empty.
pub const ADD_WORDING: Limit = Limit::bytes_or_empty(
    "AddWording",
    256,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_AddWording: at most 256 bytes)",
);

/// A string value of a custom friend field: "A string of string type (string length cannot
/// exceed 500 bytes)". May be empty.
pub const CUSTOM_VALUE: Limit = Limit::bytes_or_empty(
    "Value",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (a relationship chain string value is at most 500 bytes)",
);

/// A source (`AddSource`): the prefix `AddSource_Type_` and a keyword that "must be a
/// combination of letters with no more than 8 bytes".
fn check_add_source(s: &str, at: &Path) -> Result<(), ValidationError> {
    match s.strip_prefix(tag::ADD_SOURCE_PREFIX) {
        Some(k) if (1..=8).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Ok(())
        }
        _ => Err(invalid(
            at,
            format!("is {s:?}; it must be \"AddSource_Type_\" followed by 1 to 8 letters (see {FIELDS_DOC})"),
        )),
    }
}

/// `friend_import`'s `CustomItem`: custom friend fields only.
fn check_custom_items(items: &[SnsItem], at: &Path) -> Result<(), ValidationError> {
    (items.iter().enumerate()).try_for_each(|(j, item)| check_custom(item, &at.index(j)))
}

/// A custom field: the tag is the prefix and a name of letters, digits and underscores ("Key
/// ... can only contain uppercase and lowercase letters, numbers, and underscores"); the value a
/// string of at most 500 bytes or an integer (the `friend_import` page's sample sets
/// `"Value": 0`).
fn check_custom(item: &SnsItem, at: &Path) -> Result<(), ValidationError> {
    let (t, value) = (&item.tag, &at.field("Value"));
    let name_ok = t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    match &item.value {
        _ if !tag::is_custom(t) || !name_ok => Err(invalid(
            &at.field("Tag"),
            format!("is {t:?}; a custom friend field is \"Tag_SNS_Custom_\" followed by letters, digits or underscores"),
        )),
        Value::String(s) => CUSTOM_VALUE.check_limit_at(s, value),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(()),
        other => Err(invalid(
            value,
            format!("is {other}; a custom friend field value is a string or an integer"),
        )),
    }
}

/// `friend_update`'s `SnsItem`s: only the remark, the friend lists and custom fields, each
/// with its value's rules ("Users are only allowed to update the remarks, group, and custom
/// fields").
fn check_update_fields(items: &[SnsItem], at: &Path) -> Result<(), ValidationError> {
    items.iter().enumerate().try_for_each(|(j, item)| {
        let (at, t) = (&at.index(j), item.tag.as_str());
        let value = &at.field("Value");
        let wrong = |what| invalid(value, format!("is {}; {t} takes {what}", item.value));
        match (t, &item.value) {
            (tag::REMARK, Value::String(s)) => REMARK.check_limit_at(s, value),
            (tag::REMARK, _) => Err(wrong("a string")),
            (tag::GROUP, v) => {
                let names = Vec::<String>::deserialize(v);
                let names = names.map_err(|_| wrong("an array of list names"))?;
                GROUP_NAMES.check_limit_at(&names, value)?;
                names.check_each(&GROUP_NAME, value)
            }
            _ if t.starts_with(tag::CUSTOM_PREFIX) => check_custom(item, at),
            _ => Err(invalid(
                &at.field("Tag"),
                format!("is {t:?}; only Tag_SNS_IM_Remark, Tag_SNS_IM_Group and Tag_SNS_Custom_* can be updated"),
            )),
        }
    })
}

/// One friend field in a request: `{"Tag": ..., "Value": ...}` (`friend_update`'s `SnsItem`,
/// `friend_import`'s `CustomItem`). The value is a string, an integer or (for
/// `Tag_SNS_IM_Group`) an array of strings. Its rules depend on where it is sent, so the
/// requests check it.
///
/// ```
/// use chatadmin_core::api::friend::{tag, SnsItem};
/// assert_eq!(SnsItem::custom("Level", 3).tag, "Tag_SNS_Custom_Level");
/// assert_eq!(SnsItem::groups(["family"]).as_strings(), Some(vec!["family"]));
/// assert_eq!(SnsItem::remark("Bobby").tag, tag::REMARK);
/// ```
#[payload]
pub struct SnsItem {
    /// The field (`Tag_SNS_IM_Remark`, `Tag_SNS_Custom_...`).
    #[serde(rename = "Tag")]
    pub tag: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: Value,
}

impl SnsItem {
    /// `Tag_SNS_IM_Remark`.
    pub fn remark(remark: impl Into<String>) -> Self {
        SnsItem::new(tag::REMARK, remark.into())
    }

    /// `Tag_SNS_IM_Group`: the friend lists the friend is in (replacing the current ones).
    pub fn groups(names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        SnsItem::new(tag::GROUP, names)
    }

    /// A custom field; `name` may be given with or without the `Tag_SNS_Custom_` prefix.
    pub fn custom(name: &str, value: impl Into<Value>) -> Self {
        SnsItem::new(tag::custom(name), value)
    }

    /// The value as a string.
    pub fn as_str(&self) -> Option<&str> {
        self.value.as_str()
    }

    /// The value as an unsigned integer.
    pub fn as_u64(&self) -> Option<u64> {
        self.value.as_u64()
    }

    /// The value as a list of strings (`Tag_SNS_IM_Group`).
    pub fn as_strings(&self) -> Option<Vec<&str>> {
        strings(&self.value)
    }
}

fn strings(v: &Value) -> Option<Vec<&str>> {
    v.as_array()?.iter().map(Value::as_str).collect()
}

/// One friend field in a response (`ValueItem` of `friend_get`, `SnsProfileItem` of
/// `friend_get_list`, which also carries profile fields `Tag_Profile_*`).
#[response(item)]
pub struct TagValue {
    /// The field.
    #[serde(rename = "Tag")]
    pub tag: String,
    /// The value: a string, an integer or an array of strings.
    #[serde(rename = "Value")]
    pub value: Value,
}

impl TagValue {
    /// The value as a string.
    pub fn as_str(&self) -> Option<&str> {
        self.value.as_str()
    }

    /// The value as an unsigned integer (also when sent as a numeric string).
    pub fn as_u64(&self) -> Option<u64> {
        match &self.value {
            Value::String(s) => s.trim().parse().ok(),
            v => v.as_u64(),
        }
    }

    /// The value as a list of strings (`Tag_SNS_IM_Group`).
    pub fn as_strings(&self) -> Option<Vec<&str>> {
        strings(&self.value)
    }
}

// ---------------------------------------------------------------------------------------------
// Shared response of friend_add, friend_import and friend_update
// ---------------------------------------------------------------------------------------------

/// The answer to [`FriendAdd`], [`FriendImport`] and [`FriendUpdate`]: one result per
/// requested friend, in request order, and the accounts that failed.
pub type FriendWriteResponse = SnsBatchResponse;

/// The answer to [`FriendAdd`].
pub type FriendAddResponse = FriendWriteResponse;
/// The answer to [`FriendImport`].
pub type FriendImportResponse = FriendWriteResponse;
/// The answer to [`FriendUpdate`].
pub type FriendUpdateResponse = FriendWriteResponse;

// ---------------------------------------------------------------------------------------------
// friend_add
// ---------------------------------------------------------------------------------------------

wire_enum! {
    /// How `friend_add` adds.
    pub enum AddType {
        /// One-way: `To_Account` enters `From_Account`'s list only.
        Single = "Add_Type_Single",
        /// Two-way (the default): each enters the other's list.
        Both = "Add_Type_Both",
    }
}

/// One friend to add (`AddFriendItem` of `friend_add`). `GroupName` is one list name here
/// (an array in `friend_import`).
#[payload]
pub struct AddFriendItem {
    /// The account to add.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The remark `From_Account` sets for the friend (at most 96 bytes).
    #[serde(rename = "Remark")]
    #[limit(REMARK)]
    pub remark: Option<String>,
    /// The friend list to put the friend in (1 to 30 bytes).
    #[serde(rename = "GroupName")]
    #[limit(GROUP_NAME)]
    pub group_name: Option<String>,
    /// Where the friend was added from (the whole value, `AddSource_Type_` plus 1 to 8
    /// letters: `AddSource_Type_Android`).
    #[serde(rename = "AddSource")]
    #[check(check_add_source)]
    pub add_source: Option<String>,
    /// The request message (at most 256 bytes).
    #[serde(rename = "AddWording")]
    #[limit(ADD_WORDING)]
    pub add_wording: Option<String>,
}

from_id!(AddFriendItem: &str, String);

/// Adds friends to an account, one-way or both ways (`v4/sns/friend_add`). The targets'
/// friend request settings (`AllowType`) apply unless `ForceAddFlags` is 1; a target that
/// requires confirmation gets a pending request (per-item 30539).
///
/// ```
/// use chatadmin_core::api::friend::{AddFriendItem, AddType, FriendAdd};
/// let req = FriendAdd::new(
///     "alice",
///     [AddFriendItem::new("bob").remark("Bobby").add_source("AddSource_Type_Web")],
/// )
/// .add_type(AddType::Single)
/// .force_add(true);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["AddFriendItem"][0]["AddSource"], "AddSource_Type_Web");
/// assert_eq!(body["ForceAddFlags"], 1);
/// ```
#[endpoint(
    path = "sns/friend_add",
    summary = "Add friends to an account, one-way or both ways",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34902",
    // A repeat can file a second friend request with a target that requires confirmation
    // (a new application and notification), so it is not retried blindly.
    idempotency = NotIdempotent,
    response = FriendAddResponse
)]
pub struct FriendAdd {
    /// The account that adds.
    pub from_account: from_account!(),
    /// The friends to add (accounts or [`AddFriendItem`]s). Their number per request is not
    /// documented (English and Chinese pages, 2024-12; the current pages checked neither).
    /// 100 is the figure the catalog gives as common for the relation-chain batch writes, and
    /// a split into chunks of 100 keeps the meaning (one result per item), so a longer list is
    /// split rather than refused.
    #[serde(rename = "AddFriendItem")]
    #[limit(
        items(max = 100),
        source = "not documented (https://intl.cloud.tencent.com/document/product/1047/34902 gives no maximum); 100 chosen as the catalog's common relation-chain batch size, split beyond"
    )]
    #[split]
    pub add_friend_item: Vec<AddFriendItem>,
    /// One-way or two-way (the default).
    #[serde(rename = "AddType")]
    pub add_type: Option<AddType>,
    /// 1: an admin force-add, ignoring the targets' friend request settings ("1 means force
    /// added while 0 means the friend is added normally").
    #[serde(rename = "ForceAddFlags")]
    #[limit(SWITCH)]
    pub force_add_flags: Option<u32>,
}

impl FriendAdd {
    /// Sets `ForceAddFlags` (1 when `force`).
    pub fn force_add(self, force: bool) -> Self {
        self.force_add_flags(u32::from(force))
    }
}

// ---------------------------------------------------------------------------------------------
// friend_import
// ---------------------------------------------------------------------------------------------

/// One friend to import (`AddFriendItem` of `friend_import`): every friend field, set as
/// given. `AddSource` is required here.
#[payload]
pub struct ImportFriendItem {
    /// The friend.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The remark (at most 96 bytes).
    #[serde(rename = "Remark")]
    #[limit(REMARK)]
    pub remark: Option<String>,
    /// When the remark was set, unix seconds.
    #[serde(rename = "RemarkTime")]
    pub remark_time: Option<u64>,
    /// The friend lists the friend is in (at most 32, each 1 to 30 bytes).
    #[serde(rename = "GroupName")]
    #[limit(GROUP_NAMES)]
    #[limit(each(GROUP_NAME))]
    pub group_name: Option<Vec<String>>,
    /// Where the friend was added from (`AddSource_Type_` plus 1 to 8 letters).
    #[serde(rename = "AddSource")]
    #[check(check_add_source)]
    pub add_source: String,
    /// The request message (at most 256 bytes).
    #[serde(rename = "AddWording")]
    #[limit(ADD_WORDING)]
    pub add_wording: Option<String>,
    /// When the friendship was made, unix seconds.
    #[serde(rename = "AddTime")]
    pub add_time: Option<u64>,
    /// Custom friend fields (`Tag_SNS_Custom_*`; a string value is at most 500 bytes).
    #[serde(rename = "CustomItem")]
    #[check(check_custom_items)]
    pub custom_item: Option<Vec<SnsItem>>,
}

impl ImportFriendItem {
    /// Adds a custom field (`name` with or without the `Tag_SNS_Custom_` prefix).
    pub fn custom(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.custom_item
            .get_or_insert_with(Vec::new)
            .push(SnsItem::custom(name, value));
        self
    }
}

/// Imports one-way friends with all their fields (`v4/sns/friend_import`): no friend request
/// is involved, so the targets' friend request settings do not apply.
///
/// ```
/// use chatadmin_core::api::friend::{FriendImport, ImportFriendItem};
/// let req = FriendImport::new(
///     "alice",
///     [ImportFriendItem::new("bob", "AddSource_Type_Import")
///         .group_name(["family"])
///         .add_time(1_700_000_000)
///         .custom("Level", 3)],
/// );
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["AddFriendItem"][0]["CustomItem"][0]["Tag"], "Tag_SNS_Custom_Level");
/// ```
#[endpoint(
    path = "sns/friend_import",
    summary = "Import one-way friends with their friend fields",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34903",
    // Importing sets the given fields; a repeat sets the same values again.
    idempotency = Idempotent,
    response = FriendImportResponse
)]
pub struct FriendImport {
    /// The account whose friends are imported.
    pub from_account: from_account!(),
    /// The friends: "the number of friends in a single request must not exceed 1000" (the
    /// current page; the 2024-12 snapshot gives no figure).
    #[serde(rename = "AddFriendItem")]
    #[limit(
        items(max = 1000),
        source = "https://www.tencentcloud.com/document/product/1047/34903 (AddFriendItem: at most 1000 friends per request)"
    )]
    #[split]
    pub add_friend_item: Vec<ImportFriendItem>,
}

// ---------------------------------------------------------------------------------------------
// friend_update
// ---------------------------------------------------------------------------------------------

/// The fields of one friend to update (`UpdateItem`).
#[payload]
pub struct UpdateItem {
    /// The friend.
    #[serde(rename = "To_Account")]
    #[user_id]
    pub to_account: String,
    /// The fields to set: `Tag_SNS_IM_Remark`, `Tag_SNS_IM_Group` or custom ones ("Users are
    /// only allowed to update the remarks, group, and custom fields").
    #[serde(rename = "SnsItem")]
    #[check(required)]
    #[check(check_update_fields)]
    pub sns_item: Vec<SnsItem>,
}

/// Updates friend fields (remark, friend lists, custom fields) of friends of one account
/// (`v4/sns/friend_update`).
///
/// ```
/// use chatadmin_core::api::friend::{FriendUpdate, SnsItem, UpdateItem};
/// let req = FriendUpdate::new(
///     "alice",
///     [UpdateItem::new("bob", [SnsItem::remark("Bobby"), SnsItem::groups(["family"])])],
/// );
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["UpdateItem"][0]["SnsItem"][1]["Value"][0], "family");
/// ```
#[endpoint(
    path = "sns/friend_update",
    summary = "Update friend fields (remark, friend lists, custom fields)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34904",
    // Sets fields to the given values; a repeat sets the same values.
    idempotency = Idempotent,
    response = FriendUpdateResponse
)]
pub struct FriendUpdate {
    /// The account whose friends are updated.
    pub from_account: from_account!(),
    /// The friends and their fields. Their number per request is not documented (English and
    /// Chinese pages, 2024-12, and the current English page). 100, as for `friend_add`; a
    /// split keeps the meaning (one result per item).
    #[serde(rename = "UpdateItem")]
    #[limit(
        items(max = 100),
        source = "not documented (https://intl.cloud.tencent.com/document/product/1047/34904 gives no maximum); 100 chosen as the catalog's common relation-chain batch size, split beyond"
    )]
    #[split]
    pub update_item: Vec<UpdateItem>,
}

// ---------------------------------------------------------------------------------------------
// friend_delete_all
// ---------------------------------------------------------------------------------------------

/// Deletes every friend of an account, one-way (default) or both ways
/// (`v4/sns/friend_delete_all`). No list in the request: one call covers the whole friend
/// list.
///
/// ```
/// use chatadmin_core::api::friend::{DeleteType, FriendDeleteAll};
/// let req = FriendDeleteAll::new("alice").delete_type(DeleteType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "DeleteType": "Delete_Type_Both"}));
/// ```
#[endpoint(
    path = "sns/friend_delete_all",
    summary = "Delete all friends of an account, one-way or both ways",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34906",
    // Deleting everything again leaves the same (empty) list.
    idempotency = Idempotent,
    response = FriendDeleteAllResponse
)]
pub struct FriendDeleteAll {
    /// The account whose friends are deleted.
    pub from_account: from_account!(),
    /// One-way (default) or both ways.
    #[serde(rename = "DeleteType")]
    pub delete_type: Option<DeleteType>,
}

/// The answer to [`FriendDeleteAll`]: the status only.
pub type FriendDeleteAllResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// friend_check
// ---------------------------------------------------------------------------------------------

wire_enum! {
    /// How `friend_check` checks (relationship chain page, "Verifying friends").
    pub enum CheckType {
        /// Only whether `To_Account` is in `From_Account`'s list: `AWithB` or `NoRelation`.
        Single = "CheckResult_Type_Single",
        /// Both directions: `BothWay`, `AWithB`, `BWithA` or `NoRelation`.
        Both = "CheckResult_Type_Both",
    }
}

wire_enum! {
    /// The relation `friend_check` reports between `From_Account` (A) and `To_Account` (B).
    pub enum Relation {
        /// Each is in the other's list.
        BothWay = "CheckResult_Type_BothWay",
        /// B is in A's list (and, for a two-way check, A is not in B's).
        AWithB = "CheckResult_Type_AWithB",
        /// A is in B's list, B is not in A's (two-way checks only).
        BWithA = "CheckResult_Type_BWithA",
        /// Neither (for a one-way check: B is not in A's list).
        NoRelation = "CheckResult_Type_NoRelation",
    }
}

/// Checks the friendship between an account and others (`v4/sns/friend_check`).
///
/// ```
/// use chatadmin_core::api::friend::{CheckType, FriendCheck};
/// let req = FriendCheck::new("alice", ["bob", "carol"], CheckType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CheckType"], "CheckResult_Type_Both");
/// ```
#[endpoint(
    path = "sns/friend_check",
    summary = "Check the friendship between an account and others",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34907",
    // A read.
    idempotency = Idempotent,
    response = FriendCheckResponse
)]
pub struct FriendCheck {
    /// The account whose relations are checked.
    pub from_account: from_account!(),
    /// The accounts to check (at most 1000 per request; the client splits longer lists):
    /// "Each request cannot contain more than 1,000 UserIDs."
    pub to_account: sns_accounts!(),
    /// One-way or two-way check.
    #[serde(rename = "CheckType")]
    pub check_type: CheckType,
}

/// The result of one checked account (`InfoItem` of `friend_check`).
#[response(item)]
pub struct CheckInfoItem {
    /// The checked account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The relation, when the check succeeded.
    #[serde(rename = "Relation")]
    pub relation: Option<Relation>,
    /// 0 on success, otherwise an error code.
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

impl CheckInfoItem {
    /// Whether this account's check succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }

    /// Whether `To_Account` is in `From_Account`'s list.
    pub fn in_my_list(&self) -> bool {
        matches!(self.relation, Some(Relation::BothWay | Relation::AWithB))
    }
}

/// The answer to [`FriendCheck`]: one result per account, in request order.
#[response]
pub struct FriendCheckResponse {
    /// Per-account results.
    #[serde(rename = "InfoItem")]
    #[merge]
    pub info_item: Vec<CheckInfoItem>,
    /// The accounts whose check failed; sent only when one did.
    #[serde(rename = "Fail_Account", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub fail_account: Vec<String>,
}

impl FriendCheckResponse {
    /// The relation reported for `account`.
    pub fn relation(&self, account: &str) -> Option<&Relation> {
        self.info_item
            .iter()
            .find(|i| i.to_account == account)
            .and_then(|i| i.relation.as_ref())
    }

    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &CheckInfoItem> {
        self.info_item.iter().filter(|i| !i.is_ok())
    }
}

// ---------------------------------------------------------------------------------------------
// friend_get
// ---------------------------------------------------------------------------------------------

/// Reads an account's friends with all their friend fields, a page at a time
/// (`v4/sns/friend_get`). Start at `StartIndex` 0 and follow `NextStartIndex` until
/// `CompleteFlag` is non-zero ([`ApiRequest::next_page`] does this).
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::friend::FriendGet;
/// use chatadmin_core::ApiRequest;
/// let req = FriendGet::new("alice");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "StartIndex": 0}));
/// let page: chatadmin_core::api::friend::FriendGetResponse = serde_json::from_value(
///     serde_json::json!({"ErrorCode": 0, "UserDataItem": [], "CompleteFlag": 0, "NextStartIndex": 100}),
/// ).unwrap();
/// assert_eq!(req.next_page(&page).unwrap().start_index, 100);
/// ```
#[endpoint(
    path = "sns/friend_get",
    summary = "Read an account's friends and their friend fields, a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34908",
    // A read.
    idempotency = Idempotent,
    response = FriendGetResponse,
    page_items = "UserDataItem",
    next_page = FriendGet::page_after
)]
pub struct FriendGet {
    /// The account whose friends are read.
    pub from_account: from_account!(),
    /// Where the page starts: 0, then the previous page's `NextStartIndex`. Required by the
    /// service and always sent; in JSON input (Python keyword arguments, the C and CLI calls)
    /// it may be left out for the first page (0).
    #[serde(rename = "StartIndex", default)]
    pub start_index: u64,
    /// The `StandardSequence` of an earlier read: when it is still current, standard friend
    /// fields are not returned.
    #[serde(rename = "StandardSequence")]
    pub standard_sequence: Option<u64>,
    /// The `CustomSequence` of an earlier read: when it is still current, custom friend
    /// fields are not returned.
    #[serde(rename = "CustomSequence")]
    pub custom_sequence: Option<u64>,
}

impl FriendGet {
    /// The next page starts at `NextStartIndex`, with the same sequences (the response's
    /// sequences would make the service leave out the fields of the remaining pages). `None`
    /// when `CompleteFlag` is set or `NextStartIndex` does not move past `StartIndex`.
    fn page_after(&self, resp: &FriendGetResponse) -> Option<Self> {
        let next = resp.next_start_index;
        (resp.complete_flag == 0 && next > self.start_index).then(|| FriendGet {
            start_index: next,
            ..self.clone()
        })
    }
}

impl Paginated for FriendGet {
    type Item = FriendData;

    fn into_items(resp: FriendGetResponse) -> Vec<FriendData> {
        resp.user_data_item
    }
}

/// One friend and its fields (`UserDataItem` of `friend_get`).
#[response(item)]
pub struct FriendData {
    /// The friend.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The friend fields.
    #[serde(rename = "ValueItem")]
    pub value_item: Vec<TagValue>,
}

impl FriendData {
    /// The field `tag`, if returned.
    pub fn get(&self, tag: &str) -> Option<&TagValue> {
        self.value_item.iter().find(|i| i.tag == tag)
    }

    /// `Tag_SNS_IM_Remark`.
    pub fn remark(&self) -> Option<&str> {
        self.get(tag::REMARK)?.as_str()
    }

    /// `Tag_SNS_IM_Group`: the friend lists the friend is in.
    pub fn groups(&self) -> Vec<&str> {
        self.get(tag::GROUP)
            .and_then(TagValue::as_strings)
            .unwrap_or_default()
    }

    /// `Tag_SNS_IM_AddSource`.
    pub fn add_source(&self) -> Option<&str> {
        self.get(tag::ADD_SOURCE)?.as_str()
    }

    /// `Tag_SNS_IM_AddTime`, unix seconds.
    pub fn add_time(&self) -> Option<u64> {
        self.get(tag::ADD_TIME)?.as_u64()
    }
}

/// One page of [`FriendGet`].
#[response]
pub struct FriendGetResponse {
    /// The friends of this page.
    #[serde(rename = "UserDataItem")]
    pub user_data_item: Vec<FriendData>,
    /// The sequence of the standard friend data, to send back in a later read.
    #[serde(rename = "StandardSequence")]
    pub standard_sequence: u64,
    /// The sequence of the custom friend data, to send back in a later read.
    #[serde(rename = "CustomSequence")]
    pub custom_sequence: u64,
    /// The number of friends in all.
    #[serde(rename = "FriendNum")]
    pub friend_num: u64,
    /// Non-zero on the last page.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u64,
    /// Where the next page starts.
    #[serde(rename = "NextStartIndex")]
    pub next_start_index: u64,
}

impl FriendGetResponse {
    /// Whether this is the last page.
    pub fn is_complete(&self) -> bool {
        self.complete_flag != 0
    }
}

// ---------------------------------------------------------------------------------------------
// friend_get_list
// ---------------------------------------------------------------------------------------------

/// `TagList`'s tags must not be empty.
fn no_empty_tag(tags: &[String], at: &Path) -> Result<(), ValidationError> {
    match tags.iter().position(String::is_empty) {
        Some(i) => Err(invalid(&at.index(i), "must not be empty".to_owned())),
        None => Ok(()),
    }
}

/// Reads chosen friend and profile fields of chosen friends (`v4/sns/friend_get_list`).
///
/// ```
/// use chatadmin_core::api::friend::{tag, FriendGetList};
/// let req = FriendGetList::new("alice", ["bob"], [tag::REMARK, "Tag_Profile_IM_Nick"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["TagList"][1], "Tag_Profile_IM_Nick");
/// ```
#[endpoint(
    path = "sns/friend_get_list",
    summary = "Read chosen fields of chosen friends of an account",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34910",
    // A read.
    idempotency = Idempotent,
    response = FriendGetListResponse
)]
pub struct FriendGetList {
    /// The account whose friends are read.
    pub from_account: from_account!(),
    /// The friends: "We recommend that you pull no more than 100 friends at a time to avoid
    /// response packet failure due to excessive data volume." A recommendation, not a hard
    /// limit: the client splits longer lists (one result per account, merged in order).
    #[serde(rename = "To_Account")]
    #[limit(
        items(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/34910 (To_Account: no more than 100 friends per request recommended)"
    )]
    #[user_id]
    #[split]
    pub to_account: Vec<String>,
    /// The fields: standard and custom profile fields (`Tag_Profile_*`) and friend fields
    /// (`Tag_SNS_*`).
    /// Required; no maximum is documented
    /// (https://intl.cloud.tencent.com/document/product/1047/34910).
    #[serde(rename = "TagList")]
    #[check(required)]
    #[check(no_empty_tag)]
    pub tag_list: Vec<String>,
}

/// The fields of one requested friend (`InfoItem` of `friend_get_list`).
#[response(item)]
pub struct FriendInfoItem {
    /// The friend.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The requested fields that have a value; absent for a failed item.
    #[serde(rename = "SnsProfileItem", skip_serializing_if = "Vec::is_empty")]
    pub sns_profile_item: Vec<TagValue>,
    /// 0 on success, otherwise an error code (30001 for an account that is not a friend).
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

impl FriendInfoItem {
    /// Whether this friend's read succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }

    /// The field `tag`, if returned.
    pub fn get(&self, tag: &str) -> Option<&TagValue> {
        self.sns_profile_item.iter().find(|i| i.tag == tag)
    }
}

/// The answer to [`FriendGetList`]: one item per requested friend, in request order.
#[response]
pub struct FriendGetListResponse {
    /// Per-friend results.
    #[serde(rename = "InfoItem")]
    #[merge]
    pub info_item: Vec<FriendInfoItem>,
    /// The accounts whose read failed; sent only when one did.
    #[serde(rename = "Fail_Account", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub fail_account: Vec<String>,
}

impl FriendGetListResponse {
    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &FriendInfoItem> {
        self.info_item.iter().filter(|i| !i.is_ok())
    }
}
