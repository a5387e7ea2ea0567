//! Friends (the relation chain): `sns/friend_*`.
//!
//! Friend fields are tag/value pairs ([`SnsItem`] in requests, [`TagValue`] in responses):
//! the standard ones are named in [`tag`], custom ones are `Tag_SNS_Custom_<name>`. Their
//! documented rules (relationship chain page, 33521) are checked by `validate()`: a remark is
//! at most 96 bytes, a friend list name 1 to 30 bytes (at most 32 lists), a request message at
//! most 256 bytes, a source `AddSource_Type_` plus 1 to 8 letters, a string value at most 500
//! bytes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::common::{Extra, SnsBatchResponse, SnsResultItem, StatusResponse};
use crate::api::friend_list::{LIST_NAME_MAX_BYTES, MAX_LISTS_PER_ACCOUNT};
use crate::endpoint::{split_list, ApiRequest, Area, EndpointMeta, Idempotency, Paginated};
use crate::enums::WireEnum;
use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::{self, Limit, LimitKind};
use crate::{impl_response, lenient, wire_enum};

wire_enum! {
    /// How friends are deleted.
    pub enum DeleteType {
        /// Remove the friend from the requester's list only (the default).
        Single = "Delete_Type_Single",
        /// Remove the friendship on both sides.
        Both = "Delete_Type_Both",
    }
}

/// `sns/friend_delete`: "Each request cannot contain more than 1000 UserIDs" (doc page
/// sns.friend_delete, 2024-12; also the seed page).
pub const FRIEND_DELETE_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    1000,
    "https://intl.cloud.tencent.com/document/product/1047/34905 (To_Account: at most 1000 UserIDs per request)",
);

/// Deletes friends of one account, one-way or both ways (`v4/sns/friend_delete`).
///
/// ```
/// use chatadmin_core::api::friend::{DeleteType, FriendDelete};
/// let req = FriendDelete::new("alice", ["bob", "carol"]).delete_type(DeleteType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["DeleteType"], "Delete_Type_Both");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendDelete {
    /// The account whose friends are deleted.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The friends to delete (at most 1000 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
    /// One-way (default) or both ways.
    #[serde(rename = "DeleteType", skip_serializing_if = "Option::is_none")]
    pub delete_type: Option<DeleteType>,
}

impl FriendDelete {
    /// Deletes `to` from `from`'s friends, one-way.
    pub fn new<I, S>(from: impl Into<String>, to: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        FriendDelete {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
            delete_type: None,
        }
    }

    /// Sets the deletion type.
    pub fn delete_type(mut self, t: DeleteType) -> Self {
        self.delete_type = Some(t);
        self
    }
}

impl ApiRequest for FriendDelete {
    type Response = FriendDeleteResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_delete",
        area: Area::Friends,
        method: "delete",
        summary: "Delete friends of an account, one-way or both ways",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34905",
        rate_limit_per_sec: 200,
        // Deleting the same friends again changes nothing more (the repeat reports 31704
        // per item, which is data, not a duplicated effect).
        idempotency: Idempotency::Idempotent,
        limit_table: || &[FRIEND_DELETE_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_DELETE_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)?;
        if let Some(t) = &self.delete_type {
            t.check("DeleteType")?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            FRIEND_DELETE_TO_ACCOUNT.max_items()?,
            |chunk| FriendDelete {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// The answer to [`FriendDelete`]: one result per requested account, in request order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendDeleteResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-account results.
    #[serde(rename = "ResultItem", default, deserialize_with = "lenient::vec")]
    pub result_item: Vec<SnsResultItem>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(FriendDeleteResponse, merge[result_item]);

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
    "AddFriendItem[].Remark",
    96,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Remark: at most 96 bytes)",
);

/// A friend list name (`GroupName`, `Tag_SNS_IM_Group`): "The list name cannot be empty. The
/// length of a list name cannot exceed 30 bytes."
pub const GROUP_NAME: Limit = Limit::bytes(
    "AddFriendItem[].GroupName",
    LIST_NAME_MAX_BYTES,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Group: a list name is 1 to 30 bytes)",
);

/// The friend lists of one friend (`friend_import`'s `GroupName`, `friend_update`'s
/// `Tag_SNS_IM_Group`): "A maximum of 32 lists are supported". May be empty.
pub const GROUP_NAMES: Limit = Limit {
    field: "AddFriendItem[].GroupName",
    kind: LimitKind::Items {
        min: 0,
        max: MAX_LISTS_PER_ACCOUNT as u32,
    },
    source: "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_Group: at most 32 lists)",
};

/// A friend request message (`AddWording`): "The length of a request cannot exceed 256
/// bytes". May be empty.
pub const ADD_WORDING: Limit = Limit::bytes_or_empty(
    "AddFriendItem[].AddWording",
    256,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_AddWording: at most 256 bytes)",
);

/// A source (`AddSource`): the prefix `AddSource_Type_` (15 bytes) and a keyword that "must be
/// a combination of letters with no more than 8 bytes", so 16 to 23 bytes; `validate()` also
/// checks the prefix and the letters.
pub const ADD_SOURCE: Limit = Limit {
    field: "AddFriendItem[].AddSource",
    kind: LimitKind::Bytes { min: 16, max: 23 },
    source: "https://intl.cloud.tencent.com/document/product/1047/33521 (Tag_SNS_IM_AddSource: \"AddSource_Type_\" plus 1 to 8 letters)",
};

/// A string value of a custom friend field: "A string of string type (string length cannot
/// exceed 500 bytes)". May be empty.
pub const CUSTOM_VALUE: Limit = Limit::bytes_or_empty(
    "AddFriendItem[].CustomItem[].Value",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/33521 (a relationship chain string value is at most 500 bytes)",
);

fn check_add_source(path: &str, s: &str) -> Result<(), ValidationError> {
    let keyword = s.strip_prefix(tag::ADD_SOURCE_PREFIX).unwrap_or("");
    if keyword.is_empty() || keyword.len() > 8 || !keyword.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return Err(ValidationError::new(
            path,
            format!(
                "is {s:?}; it must be \"AddSource_Type_\" followed by 1 to 8 letters (see {FIELDS_DOC})"
            ),
        ));
    }
    Ok(())
}

fn check_group_names(path: &str, names: &[String]) -> Result<(), ValidationError> {
    GROUP_NAMES.check_items(path, names.len())?;
    for (i, n) in names.iter().enumerate() {
        GROUP_NAME.check_str(&format!("{path}[{i}]"), n)?;
    }
    Ok(())
}

/// A custom tag: the prefix and a name of letters, digits and underscores ("Key ... can only
/// contain uppercase and lowercase letters, numbers, and underscores").
fn check_custom_tag(path: &str, t: &str) -> Result<(), ValidationError> {
    if !tag::is_custom(t) || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(ValidationError::new(
            path,
            format!(
                "is {t:?}; a custom friend field is \"Tag_SNS_Custom_\" followed by letters, digits or underscores"
            ),
        ));
    }
    Ok(())
}

/// A custom value: a string of at most 500 bytes, or an integer (the `friend_import` page's
/// sample sets `"Value": 0`).
fn check_custom_value(path: &str, v: &Value) -> Result<(), ValidationError> {
    match v {
        Value::String(s) => CUSTOM_VALUE.check_str(path, s),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(()),
        other => Err(ValidationError::new(
            path,
            format!("is {other}; a custom friend field value is a string or an integer"),
        )),
    }
}

/// One friend field in a request: `{"Tag": ..., "Value": ...}` (`friend_update`'s `SnsItem`,
/// `friend_import`'s `CustomItem`). The value is a string, an integer or (for
/// `Tag_SNS_IM_Group`) an array of strings.
///
/// ```
/// use chatadmin_core::api::friend::{tag, SnsItem};
/// assert_eq!(SnsItem::custom("Level", 3).tag, "Tag_SNS_Custom_Level");
/// assert_eq!(SnsItem::groups(["family"]).as_strings(), Some(vec!["family"]));
/// assert_eq!(SnsItem::remark("Bobby").tag, tag::REMARK);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnsItem {
    /// The field (`Tag_SNS_IM_Remark`, `Tag_SNS_Custom_...`).
    #[serde(rename = "Tag")]
    pub tag: String,
    /// The value.
    #[serde(rename = "Value")]
    pub value: Value,
}

impl SnsItem {
    /// A field with any value.
    pub fn new(tag: impl Into<String>, value: impl Into<Value>) -> Self {
        SnsItem {
            tag: tag.into(),
            value: value.into(),
        }
    }

    /// `Tag_SNS_IM_Remark`.
    pub fn remark(remark: impl Into<String>) -> Self {
        SnsItem::new(tag::REMARK, remark.into())
    }

    /// `Tag_SNS_IM_Group`: the friend lists the friend is in (replacing the current ones).
    pub fn groups<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let names: Vec<Value> = names.into_iter().map(|s| Value::String(s.into())).collect();
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TagValue {
    /// The field.
    #[serde(rename = "Tag", default, deserialize_with = "lenient::string")]
    pub tag: String,
    /// The value: a string, an integer or an array of strings.
    #[serde(rename = "Value", default)]
    pub value: Value,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
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

fn find<'a>(items: &'a [TagValue], t: &str) -> Option<&'a TagValue> {
    items.iter().find(|i| i.tag == t)
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

/// `friend_add`: the number of `AddFriendItem`s per request is not documented (English and
/// Chinese pages, 2024-12; the current pages checked neither). 100 is the figure the catalog
/// gives as common for the relation-chain batch writes, and a split into chunks of 100 keeps
/// the meaning (one result per item), so a longer list is split rather than refused.
pub const FRIEND_ADD_ITEMS: Limit = Limit::items(
    "AddFriendItem",
    100,
    "not documented (https://intl.cloud.tencent.com/document/product/1047/34902 gives no maximum); 100 chosen as the catalog's common relation-chain batch size, split beyond",
);

/// `friend_add`'s `ForceAddFlags`: "1 means force added while 0 means the friend is added
/// normally".
pub const FRIEND_ADD_FORCE_FLAGS: Limit = Limit::range(
    "ForceAddFlags",
    0,
    1,
    "https://intl.cloud.tencent.com/document/product/1047/34902 (ForceAddFlags: 0 or 1)",
);

/// One friend to add (`AddFriendItem` of `friend_add`). `GroupName` is one list name here
/// (an array in `friend_import`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddFriendItem {
    /// The account to add.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The remark `From_Account` sets for the friend (at most 96 bytes).
    #[serde(rename = "Remark", skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// The friend list to put the friend in (1 to 30 bytes).
    #[serde(rename = "GroupName", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Where the friend was added from (`AddSource_Type_` plus 1 to 8 letters).
    #[serde(rename = "AddSource", skip_serializing_if = "Option::is_none")]
    pub add_source: Option<String>,
    /// The request message (at most 256 bytes).
    #[serde(rename = "AddWording", skip_serializing_if = "Option::is_none")]
    pub add_wording: Option<String>,
}

impl AddFriendItem {
    /// An item adding `to` with no optional fields.
    pub fn new(to: impl Into<String>) -> Self {
        AddFriendItem {
            to_account: to.into(),
            remark: None,
            group_name: None,
            add_source: None,
            add_wording: None,
        }
    }

    /// Sets the remark.
    pub fn remark(mut self, remark: impl Into<String>) -> Self {
        self.remark = Some(remark.into());
        self
    }

    /// Sets the friend list.
    pub fn group_name(mut self, name: impl Into<String>) -> Self {
        self.group_name = Some(name.into());
        self
    }

    /// Sets the source (the whole value, `AddSource_Type_Android`).
    pub fn add_source(mut self, source: impl Into<String>) -> Self {
        self.add_source = Some(source.into());
        self
    }

    /// Sets the request message.
    pub fn add_wording(mut self, wording: impl Into<String>) -> Self {
        self.add_wording = Some(wording.into());
        self
    }

    fn check(&self, i: usize) -> Result<(), ValidationError> {
        let p = |f: &str| format!("AddFriendItem[{i}].{f}");
        validate::user_id(&p("To_Account"), &self.to_account)?;
        if let Some(r) = &self.remark {
            REMARK.check_str(&p("Remark"), r)?;
        }
        if let Some(g) = &self.group_name {
            GROUP_NAME.check_str(&p("GroupName"), g)?;
        }
        if let Some(s) = &self.add_source {
            check_add_source(&p("AddSource"), s)?;
        }
        if let Some(w) = &self.add_wording {
            ADD_WORDING.check_str(&p("AddWording"), w)?;
        }
        Ok(())
    }
}

impl From<&str> for AddFriendItem {
    fn from(s: &str) -> Self {
        AddFriendItem::new(s)
    }
}

impl From<String> for AddFriendItem {
    fn from(s: String) -> Self {
        AddFriendItem::new(s)
    }
}

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendAdd {
    /// The account that adds.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The friends to add.
    #[serde(rename = "AddFriendItem")]
    pub add_friend_item: Vec<AddFriendItem>,
    /// One-way or two-way (the default).
    #[serde(rename = "AddType", skip_serializing_if = "Option::is_none")]
    pub add_type: Option<AddType>,
    /// 1: an admin force-add, ignoring the targets' friend request settings.
    #[serde(rename = "ForceAddFlags", skip_serializing_if = "Option::is_none")]
    pub force_add_flags: Option<u32>,
}

impl FriendAdd {
    /// Adds `items` (accounts or [`AddFriendItem`]s) to `from`'s friends.
    pub fn new<I, T>(from: impl Into<String>, items: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<AddFriendItem>,
    {
        FriendAdd {
            from_account: from.into(),
            add_friend_item: items.into_iter().map(Into::into).collect(),
            add_type: None,
            force_add_flags: None,
        }
    }

    /// Sets the add type.
    pub fn add_type(mut self, t: AddType) -> Self {
        self.add_type = Some(t);
        self
    }

    /// Sets `ForceAddFlags` (1 when `force`).
    pub fn force_add(mut self, force: bool) -> Self {
        self.force_add_flags = Some(u32::from(force));
        self
    }
}

impl ApiRequest for FriendAdd {
    type Response = FriendAddResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_add",
        area: Area::Friends,
        method: "add",
        summary: "Add friends to an account, one-way or both ways",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34902",
        rate_limit_per_sec: 200,
        // A repeat can file a second friend request with a target that requires confirmation
        // (a new application and notification), so it is not retried blindly.
        idempotency: Idempotency::NotIdempotent,
        limit_table: || {
            &[
                FRIEND_ADD_ITEMS,
                REMARK,
                GROUP_NAME,
                ADD_SOURCE,
                ADD_WORDING,
                FRIEND_ADD_FORCE_FLAGS,
            ]
        },
        split_field: Some("AddFriendItem"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_ADD_ITEMS.check_items("AddFriendItem", self.add_friend_item.len())?;
        for (i, item) in self.add_friend_item.iter().enumerate() {
            item.check(i)?;
        }
        if let Some(t) = &self.add_type {
            t.check("AddType")?;
        }
        if let Some(f) = self.force_add_flags {
            FRIEND_ADD_FORCE_FLAGS.check_int("ForceAddFlags", i64::from(f))?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.add_friend_item,
            FRIEND_ADD_ITEMS.max_items()?,
            |chunk| FriendAdd {
                add_friend_item: chunk,
                ..self.clone()
            },
        )
    }
}

// ---------------------------------------------------------------------------------------------
// friend_import
// ---------------------------------------------------------------------------------------------

/// `friend_import`: "the number of friends in a single request must not exceed 1000" (the
/// current page; the 2024-12 snapshot gives no figure).
pub const FRIEND_IMPORT_ITEMS: Limit = Limit::items(
    "AddFriendItem",
    1000,
    "https://www.tencentcloud.com/document/product/1047/34903 (AddFriendItem: at most 1000 friends per request)",
);

/// One friend to import (`AddFriendItem` of `friend_import`): every friend field, set as
/// given. `AddSource` is required here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportFriendItem {
    /// The friend.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The remark (at most 96 bytes).
    #[serde(rename = "Remark", skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// When the remark was set, unix seconds.
    #[serde(rename = "RemarkTime", skip_serializing_if = "Option::is_none")]
    pub remark_time: Option<u64>,
    /// The friend lists the friend is in (at most 32, each 1 to 30 bytes).
    #[serde(rename = "GroupName", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<Vec<String>>,
    /// Where the friend was added from (`AddSource_Type_` plus 1 to 8 letters).
    #[serde(rename = "AddSource")]
    pub add_source: String,
    /// The request message (at most 256 bytes).
    #[serde(rename = "AddWording", skip_serializing_if = "Option::is_none")]
    pub add_wording: Option<String>,
    /// When the friendship was made, unix seconds.
    #[serde(rename = "AddTime", skip_serializing_if = "Option::is_none")]
    pub add_time: Option<u64>,
    /// Custom friend fields (`Tag_SNS_Custom_*`).
    #[serde(rename = "CustomItem", skip_serializing_if = "Option::is_none")]
    pub custom_item: Option<Vec<SnsItem>>,
}

impl ImportFriendItem {
    /// An item importing `to` with its source (`AddSource_Type_...`).
    pub fn new(to: impl Into<String>, add_source: impl Into<String>) -> Self {
        ImportFriendItem {
            to_account: to.into(),
            remark: None,
            remark_time: None,
            group_name: None,
            add_source: add_source.into(),
            add_wording: None,
            add_time: None,
            custom_item: None,
        }
    }

    /// Sets the remark.
    pub fn remark(mut self, remark: impl Into<String>) -> Self {
        self.remark = Some(remark.into());
        self
    }

    /// Sets when the remark was set.
    pub fn remark_time(mut self, t: u64) -> Self {
        self.remark_time = Some(t);
        self
    }

    /// Sets the friend lists.
    pub fn group_name<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.group_name = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the request message.
    pub fn add_wording(mut self, wording: impl Into<String>) -> Self {
        self.add_wording = Some(wording.into());
        self
    }

    /// Sets when the friendship was made.
    pub fn add_time(mut self, t: u64) -> Self {
        self.add_time = Some(t);
        self
    }

    /// Adds a custom field (`name` with or without the `Tag_SNS_Custom_` prefix).
    pub fn custom(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.custom_item
            .get_or_insert_with(Vec::new)
            .push(SnsItem::custom(name, value));
        self
    }

    fn check(&self, i: usize) -> Result<(), ValidationError> {
        let p = |f: &str| format!("AddFriendItem[{i}].{f}");
        validate::user_id(&p("To_Account"), &self.to_account)?;
        if let Some(r) = &self.remark {
            REMARK.check_str(&p("Remark"), r)?;
        }
        if let Some(g) = &self.group_name {
            check_group_names(&p("GroupName"), g)?;
        }
        check_add_source(&p("AddSource"), &self.add_source)?;
        if let Some(w) = &self.add_wording {
            ADD_WORDING.check_str(&p("AddWording"), w)?;
        }
        for (j, c) in self.custom_item.iter().flatten().enumerate() {
            check_custom_tag(&p(&format!("CustomItem[{j}].Tag")), &c.tag)?;
            check_custom_value(&p(&format!("CustomItem[{j}].Value")), &c.value)?;
        }
        Ok(())
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendImport {
    /// The account whose friends are imported.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The friends.
    #[serde(rename = "AddFriendItem")]
    pub add_friend_item: Vec<ImportFriendItem>,
}

impl FriendImport {
    /// Imports `items` into `from`'s friends.
    pub fn new(from: impl Into<String>, items: impl IntoIterator<Item = ImportFriendItem>) -> Self {
        FriendImport {
            from_account: from.into(),
            add_friend_item: items.into_iter().collect(),
        }
    }
}

impl ApiRequest for FriendImport {
    type Response = FriendImportResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_import",
        area: Area::Friends,
        method: "import",
        summary: "Import one-way friends with their friend fields",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34903",
        rate_limit_per_sec: 200,
        // Importing sets the given fields; a repeat sets the same values again.
        idempotency: Idempotency::Idempotent,
        limit_table: || {
            &[
                FRIEND_IMPORT_ITEMS,
                REMARK,
                GROUP_NAMES,
                GROUP_NAME,
                ADD_SOURCE,
                ADD_WORDING,
                CUSTOM_VALUE,
            ]
        },
        split_field: Some("AddFriendItem"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_IMPORT_ITEMS.check_items("AddFriendItem", self.add_friend_item.len())?;
        for (i, item) in self.add_friend_item.iter().enumerate() {
            item.check(i)?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.add_friend_item,
            FRIEND_IMPORT_ITEMS.max_items()?,
            |chunk| FriendImport {
                add_friend_item: chunk,
                ..self.clone()
            },
        )
    }
}

// ---------------------------------------------------------------------------------------------
// friend_update
// ---------------------------------------------------------------------------------------------

/// `friend_update`: the number of `UpdateItem`s per request is not documented (English and
/// Chinese pages, 2024-12, and the current English page). 100, as for `friend_add`; a split
/// keeps the meaning (one result per item).
pub const FRIEND_UPDATE_ITEMS: Limit = Limit::items(
    "UpdateItem",
    100,
    "not documented (https://intl.cloud.tencent.com/document/product/1047/34904 gives no maximum); 100 chosen as the catalog's common relation-chain batch size, split beyond",
);

/// `friend_update`'s `SnsItem` list of one friend: non-empty. No maximum is documented; one
/// entry per updatable field (remark, lists, custom fields) is what makes sense.
const UPDATE_SNS_ITEMS: Limit = Limit::items(
    "UpdateItem[].SnsItem",
    u32::MAX,
    "https://intl.cloud.tencent.com/document/product/1047/34904 (SnsItem is required)",
);

/// The fields of one friend to update (`UpdateItem`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateItem {
    /// The friend.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The fields to set: `Tag_SNS_IM_Remark`, `Tag_SNS_IM_Group` or custom ones ("Users are
    /// only allowed to update the remarks, group, and custom fields").
    #[serde(rename = "SnsItem")]
    pub sns_item: Vec<SnsItem>,
}

impl UpdateItem {
    /// Sets `fields` of the friend `to`.
    pub fn new(to: impl Into<String>, fields: impl IntoIterator<Item = SnsItem>) -> Self {
        UpdateItem {
            to_account: to.into(),
            sns_item: fields.into_iter().collect(),
        }
    }

    fn check(&self, i: usize) -> Result<(), ValidationError> {
        let p = |f: &str| format!("UpdateItem[{i}].{f}");
        validate::user_id(&p("To_Account"), &self.to_account)?;
        UPDATE_SNS_ITEMS.check_items(&p("SnsItem"), self.sns_item.len())?;
        for (j, item) in self.sns_item.iter().enumerate() {
            let value_path = p(&format!("SnsItem[{j}].Value"));
            match item.tag.as_str() {
                tag::REMARK => match &item.value {
                    Value::String(s) => REMARK.check_str(&value_path, s)?,
                    other => {
                        return Err(ValidationError::new(
                            value_path,
                            format!("is {other}; Tag_SNS_IM_Remark takes a string"),
                        ))
                    }
                },
                tag::GROUP => {
                    let names: Option<Vec<String>> = item.value.as_array().and_then(|a| {
                        a.iter().map(|v| v.as_str().map(str::to_owned)).collect()
                    });
                    let Some(names) = names else {
                        return Err(ValidationError::new(
                            value_path,
                            format!(
                                "is {}; Tag_SNS_IM_Group takes an array of list names",
                                item.value
                            ),
                        ));
                    };
                    check_group_names(&value_path, &names)?;
                }
                t if t.starts_with(tag::CUSTOM_PREFIX) => {
                    check_custom_tag(&p(&format!("SnsItem[{j}].Tag")), t)?;
                    check_custom_value(&value_path, &item.value)?;
                }
                other => {
                    return Err(ValidationError::new(
                        p(&format!("SnsItem[{j}].Tag")),
                        format!(
                            "is {other:?}; only Tag_SNS_IM_Remark, Tag_SNS_IM_Group and Tag_SNS_Custom_* can be updated"
                        ),
                    ))
                }
            }
        }
        Ok(())
    }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendUpdate {
    /// The account whose friends are updated.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The friends and their fields.
    #[serde(rename = "UpdateItem")]
    pub update_item: Vec<UpdateItem>,
}

impl FriendUpdate {
    /// Applies `items` to `from`'s friends.
    pub fn new(from: impl Into<String>, items: impl IntoIterator<Item = UpdateItem>) -> Self {
        FriendUpdate {
            from_account: from.into(),
            update_item: items.into_iter().collect(),
        }
    }
}

impl ApiRequest for FriendUpdate {
    type Response = FriendUpdateResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_update",
        area: Area::Friends,
        method: "update",
        summary: "Update friend fields (remark, friend lists, custom fields)",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34904",
        rate_limit_per_sec: 200,
        // Sets fields to the given values; a repeat sets the same values.
        idempotency: Idempotency::Idempotent,
        limit_table: || {
            &[
                FRIEND_UPDATE_ITEMS,
                REMARK,
                GROUP_NAMES,
                GROUP_NAME,
                CUSTOM_VALUE,
            ]
        },
        split_field: Some("UpdateItem"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_UPDATE_ITEMS.check_items("UpdateItem", self.update_item.len())?;
        for (i, item) in self.update_item.iter().enumerate() {
            item.check(i)?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.update_item,
            FRIEND_UPDATE_ITEMS.max_items()?,
            |chunk| FriendUpdate {
                update_item: chunk,
                ..self.clone()
            },
        )
    }
}

// ---------------------------------------------------------------------------------------------
// friend_delete_all
// ---------------------------------------------------------------------------------------------

/// Deletes every friend of an account, one-way (default) or both ways
/// (`v4/sns/friend_delete_all`).
///
/// ```
/// use chatadmin_core::api::friend::{DeleteType, FriendDeleteAll};
/// let req = FriendDeleteAll::new("alice").delete_type(DeleteType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"From_Account": "alice", "DeleteType": "Delete_Type_Both"}));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendDeleteAll {
    /// The account whose friends are deleted.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// One-way (default) or both ways.
    #[serde(rename = "DeleteType", skip_serializing_if = "Option::is_none")]
    pub delete_type: Option<DeleteType>,
}

impl FriendDeleteAll {
    /// Deletes all of `from`'s friends, one-way.
    pub fn new(from: impl Into<String>) -> Self {
        FriendDeleteAll {
            from_account: from.into(),
            delete_type: None,
        }
    }

    /// Sets the deletion type.
    pub fn delete_type(mut self, t: DeleteType) -> Self {
        self.delete_type = Some(t);
        self
    }
}

impl ApiRequest for FriendDeleteAll {
    type Response = FriendDeleteAllResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_delete_all",
        area: Area::Friends,
        method: "delete_all",
        summary: "Delete all friends of an account, one-way or both ways",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34906",
        rate_limit_per_sec: 200,
        // Deleting everything again leaves the same (empty) list.
        idempotency: Idempotency::Idempotent,
        limit_table: || &[],
        // No list in the request: one call covers the whole friend list.
        split_field: None,
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        if let Some(t) = &self.delete_type {
            t.check("DeleteType")?;
        }
        Ok(())
    }
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

/// `friend_check`: "Each request cannot contain more than 1,000 UserIDs."
pub const FRIEND_CHECK_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    1000,
    "https://intl.cloud.tencent.com/document/product/1047/34907 (To_Account: at most 1000 UserIDs per request)",
);

/// Checks the friendship between an account and others (`v4/sns/friend_check`).
///
/// ```
/// use chatadmin_core::api::friend::{CheckType, FriendCheck};
/// let req = FriendCheck::new("alice", ["bob", "carol"], CheckType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CheckType"], "CheckResult_Type_Both");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendCheck {
    /// The account whose relations are checked.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The accounts to check (at most 1000 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
    /// One-way or two-way check.
    #[serde(rename = "CheckType")]
    pub check_type: CheckType,
}

impl FriendCheck {
    /// Checks `to` against `from` with `check_type`.
    pub fn new<I, S>(from: impl Into<String>, to: I, check_type: CheckType) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        FriendCheck {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
            check_type,
        }
    }
}

impl ApiRequest for FriendCheck {
    type Response = FriendCheckResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_check",
        area: Area::Friends,
        method: "check",
        summary: "Check the friendship between an account and others",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34907",
        rate_limit_per_sec: 200,
        // A read.
        idempotency: Idempotency::Idempotent,
        limit_table: || &[FRIEND_CHECK_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_CHECK_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)?;
        self.check_type.check("CheckType")
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            FRIEND_CHECK_TO_ACCOUNT.max_items()?,
            |chunk| FriendCheck {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// The result of one checked account (`InfoItem` of `friend_check`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CheckInfoItem {
    /// The checked account.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// The relation, when the check succeeded.
    #[serde(
        rename = "Relation",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_enum"
    )]
    pub relation: Option<Relation>,
    /// 0 on success, otherwise an error code.
    #[serde(rename = "ResultCode", default, deserialize_with = "lenient::i64")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo", default, deserialize_with = "lenient::string")]
    pub result_info: String,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendCheckResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-account results.
    #[serde(rename = "InfoItem", default, deserialize_with = "lenient::vec")]
    pub info_item: Vec<CheckInfoItem>,
    /// The accounts whose check failed; sent only when one did.
    #[serde(
        rename = "Fail_Account",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::string_vec"
    )]
    pub fail_account: Vec<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(FriendCheckResponse, merge[info_item, fail_account]);

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendGet {
    /// The account whose friends are read.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Where the page starts: 0, then the previous page's `NextStartIndex`. Required by the
    /// service and always sent; in JSON input (Python keyword arguments, the C and CLI calls)
    /// it may be left out for the first page (0).
    #[serde(rename = "StartIndex", default)]
    pub start_index: u64,
    /// The `StandardSequence` of an earlier read: when it is still current, standard friend
    /// fields are not returned.
    #[serde(rename = "StandardSequence", skip_serializing_if = "Option::is_none")]
    pub standard_sequence: Option<u64>,
    /// The `CustomSequence` of an earlier read: when it is still current, custom friend
    /// fields are not returned.
    #[serde(rename = "CustomSequence", skip_serializing_if = "Option::is_none")]
    pub custom_sequence: Option<u64>,
}

impl FriendGet {
    /// The first page of `from`'s friends.
    pub fn new(from: impl Into<String>) -> Self {
        FriendGet {
            from_account: from.into(),
            start_index: 0,
            standard_sequence: None,
            custom_sequence: None,
        }
    }

    /// Sets where the page starts.
    pub fn start_index(mut self, index: u64) -> Self {
        self.start_index = index;
        self
    }

    /// Sets the `StandardSequence` of an earlier read.
    pub fn standard_sequence(mut self, seq: u64) -> Self {
        self.standard_sequence = Some(seq);
        self
    }

    /// Sets the `CustomSequence` of an earlier read.
    pub fn custom_sequence(mut self, seq: u64) -> Self {
        self.custom_sequence = Some(seq);
        self
    }
}

impl ApiRequest for FriendGet {
    type Response = FriendGetResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_get",
        area: Area::Friends,
        method: "get",
        summary: "Read an account's friends and their friend fields, a page at a time",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34908",
        rate_limit_per_sec: 200,
        // A read.
        idempotency: Idempotency::Idempotent,
        limit_table: || &[],
        split_field: None,
    };

    const PAGE_ITEMS: Option<&'static str> = Some("UserDataItem");

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)
    }

    /// The next page starts at `NextStartIndex`, with the same sequences (the response's
    /// sequences would make the service leave out the fields of the remaining pages). `None`
    /// when `CompleteFlag` is set or `NextStartIndex` does not move past `StartIndex`.
    fn next_page(&self, resp: &FriendGetResponse) -> Option<Self> {
        if resp.complete_flag != 0 || resp.next_start_index <= self.start_index {
            return None;
        }
        Some(FriendGet {
            start_index: resp.next_start_index,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendData {
    /// The friend.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// The friend fields.
    #[serde(rename = "ValueItem", default, deserialize_with = "lenient::vec")]
    pub value_item: Vec<TagValue>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl FriendData {
    /// The field `tag`, if returned.
    pub fn get(&self, tag: &str) -> Option<&TagValue> {
        find(&self.value_item, tag)
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendGetResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// The friends of this page.
    #[serde(rename = "UserDataItem", default, deserialize_with = "lenient::vec")]
    pub user_data_item: Vec<FriendData>,
    /// The sequence of the standard friend data, to send back in a later read.
    #[serde(
        rename = "StandardSequence",
        default,
        deserialize_with = "lenient::u64"
    )]
    pub standard_sequence: u64,
    /// The sequence of the custom friend data, to send back in a later read.
    #[serde(rename = "CustomSequence", default, deserialize_with = "lenient::u64")]
    pub custom_sequence: u64,
    /// The number of friends in all.
    #[serde(rename = "FriendNum", default, deserialize_with = "lenient::u64")]
    pub friend_num: u64,
    /// Non-zero on the last page.
    #[serde(rename = "CompleteFlag", default, deserialize_with = "lenient::u64")]
    pub complete_flag: u64,
    /// Where the next page starts.
    #[serde(rename = "NextStartIndex", default, deserialize_with = "lenient::u64")]
    pub next_start_index: u64,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(FriendGetResponse);

impl FriendGetResponse {
    /// Whether this is the last page.
    pub fn is_complete(&self) -> bool {
        self.complete_flag != 0
    }
}

// ---------------------------------------------------------------------------------------------
// friend_get_list
// ---------------------------------------------------------------------------------------------

/// `friend_get_list`: "We recommend that you pull no more than 100 friends at a time to avoid
/// response packet failure due to excessive data volume." A recommendation, not a hard limit:
/// the client splits longer lists (one result per account, merged in order).
pub const FRIEND_GET_LIST_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    100,
    "https://intl.cloud.tencent.com/document/product/1047/34910 (To_Account: no more than 100 friends per request recommended)",
);

/// `friend_get_list`'s `TagList`: required; every tag non-empty. No maximum is documented.
const TAG_LIST: Limit = Limit::items(
    "TagList",
    u32::MAX,
    "https://intl.cloud.tencent.com/document/product/1047/34910 (TagList is required)",
);
const TAG_LIST_TAG: Limit = Limit::bytes("TagList[]", u32::MAX, "a tag must not be empty");

/// Reads chosen friend and profile fields of chosen friends (`v4/sns/friend_get_list`).
///
/// ```
/// use chatadmin_core::api::friend::{tag, FriendGetList};
/// let req = FriendGetList::new("alice", ["bob"], [tag::REMARK, "Tag_Profile_IM_Nick"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["TagList"][1], "Tag_Profile_IM_Nick");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendGetList {
    /// The account whose friends are read.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The friends (at most 100 recommended; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
    /// The fields: standard and custom profile fields (`Tag_Profile_*`) and friend fields
    /// (`Tag_SNS_*`).
    #[serde(rename = "TagList")]
    pub tag_list: Vec<String>,
}

impl FriendGetList {
    /// Reads `tags` of `from`'s friends `to`.
    pub fn new<I, S, J, T>(from: impl Into<String>, to: I, tags: J) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
        J: IntoIterator<Item = T>,
        T: Into<String>,
    {
        FriendGetList {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
            tag_list: tags.into_iter().map(Into::into).collect(),
        }
    }
}

impl ApiRequest for FriendGetList {
    type Response = FriendGetListResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_get_list",
        area: Area::Friends,
        method: "get_list",
        summary: "Read chosen fields of chosen friends of an account",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34910",
        rate_limit_per_sec: 200,
        // A read.
        idempotency: Idempotency::Idempotent,
        limit_table: || &[FRIEND_GET_LIST_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_GET_LIST_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)?;
        TAG_LIST.check_list(&self.tag_list, Some(&TAG_LIST_TAG))
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            FRIEND_GET_LIST_TO_ACCOUNT.max_items()?,
            |chunk| FriendGetList {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// The fields of one requested friend (`InfoItem` of `friend_get_list`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendInfoItem {
    /// The friend.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// The requested fields that have a value; absent for a failed item.
    #[serde(
        rename = "SnsProfileItem",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::vec"
    )]
    pub sns_profile_item: Vec<TagValue>,
    /// 0 on success, otherwise an error code (30001 for an account that is not a friend).
    #[serde(rename = "ResultCode", default, deserialize_with = "lenient::i64")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo", default, deserialize_with = "lenient::string")]
    pub result_info: String,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl FriendInfoItem {
    /// Whether this friend's read succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }

    /// The field `tag`, if returned.
    pub fn get(&self, tag: &str) -> Option<&TagValue> {
        find(&self.sns_profile_item, tag)
    }
}

/// The answer to [`FriendGetList`]: one item per requested friend, in request order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendGetListResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-friend results.
    #[serde(rename = "InfoItem", default, deserialize_with = "lenient::vec")]
    pub info_item: Vec<FriendInfoItem>,
    /// The accounts whose read failed; sent only when one did.
    #[serde(
        rename = "Fail_Account",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::string_vec"
    )]
    pub fail_account: Vec<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(FriendGetListResponse, merge[info_item, fail_account]);

impl FriendGetListResponse {
    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &FriendInfoItem> {
        self.info_item.iter().filter(|i| !i.is_ok())
    }
}
