//! Group custom attributes: key/value pairs kept on a group (`group_open_attr_http_svc/get_group_attr`,
//! `group_open_http_svc/{modify,set,clear,delete}_group_attr`).
//!
//! Attributes are the "group attributes" of the client SDKs (seat lists of audio chat rooms and
//! the like), not the console-defined custom fields of `AppDefinedData`. On the wire the pair is
//! written in lower case, `{"key": ..., "value": ...}`.
//!
//! # Caps
//!
//! The modify and set pages (and the error-code page) give them:
//! - a key is at most 32 bytes (error 10045);
//! - a value is at most 4,000 bytes (error 10046);
//! - a group has at most 16 keys (error 10047);
//! - the values of a group total at most 16,000 bytes (error 10048);
//! - a group's attributes are written (added, deleted or modified) at most 5 times a second
//!   (error 10049).
//!
//! A request that breaks a cap by itself is refused before sending; a `modify` that would take
//! the group past 16 keys or 16,000 bytes is answered by the service (10047 / 10048).
//!
//! # Group types
//!
//! Every type supports `get`, `modify`, `set` and `delete`; `clear` is documented as not
//! supported for Community groups (the service answers 10007). The requests do not check the
//! type: they name a group ID only.

use crate::api::common::{from_id, required, StatusResponse};
use crate::api::group::group_id;
use crate::declare::{endpoint, payload, response, Path};
use crate::error::ValidationError;
use crate::validate::Limit;

/// The page that documents the caps (modify_group_attr).
pub const MODIFY_DOC: &str = "https://intl.cloud.tencent.com/document/product/1047/44188";

/// An attribute key: "Key of the custom attribute, which can be up to 32 bytes in length"
/// (modify_group_attr and set_group_attr pages; error 10045).
pub const ATTR_KEY: Limit = Limit::bytes(
    "key",
    32,
    "https://intl.cloud.tencent.com/document/product/1047/44188 (GroupAttr key: at most 32 bytes; error 10045)",
);

/// An attribute value: "Value of the custom attribute, which can be up to 4,000 bytes in
/// length" (error 10046). May be empty.
pub const ATTR_VALUE: Limit = Limit::bytes_or_empty(
    "value",
    4000,
    "https://intl.cloud.tencent.com/document/product/1047/44188 (GroupAttr value: at most 4000 bytes; error 10046)",
);

/// The most keys a group has: "Up to 16 keys are supported" (error 10047).
pub const MAX_ATTR_KEYS: usize = 16;

/// The most bytes the values of a group's attributes total: "The total size of custom attribute
/// values exceeds the limit of 16000 bytes" (error 10048).
pub const MAX_ATTR_TOTAL_BYTES: usize = 16_000;

/// One attribute in a request (`GroupAttr` of modify and set): `{"key": ..., "value": ...}`.
///
/// ```
/// use chatadmin_core::api::group_attr::GroupAttrItem;
/// let seat = GroupAttrItem::new("seat1", "alice");
/// assert_eq!(serde_json::to_value(&seat).unwrap(), serde_json::json!({"key": "seat1", "value": "alice"}));
/// ```
#[payload]
pub struct GroupAttrItem {
    /// The key: 1 to 32 bytes.
    #[serde(rename = "key")]
    #[limit(ATTR_KEY)]
    pub key: String,
    /// The value: at most 4,000 bytes.
    #[serde(rename = "value")]
    #[limit(ATTR_VALUE)]
    pub value: String,
}

impl<K: Into<String>, V: Into<String>> From<(K, V)> for GroupAttrItem {
    fn from((key, value): (K, V)) -> Self {
        GroupAttrItem::new(key, value)
    }
}

/// One key to delete (`GroupAttr` of delete_group_attr): `{"key": ...}`.
#[payload]
pub struct GroupAttrKey {
    /// The key: 1 to 32 bytes ("The size of the custom attribute key exceeds the limit of 32
    /// bytes", error 10045 on the delete page).
    #[serde(rename = "key")]
    #[limit(ATTR_KEY)]
    pub key: String,
}

from_id!(GroupAttrKey: &str, String);

/// One attribute in an answer (`GroupAttrAry` of get_group_attr).
#[response(item)]
pub struct GroupAttrEntry {
    /// The key.
    #[serde(rename = "key")]
    pub key: String,
    /// The value.
    #[serde(rename = "value")]
    pub value: String,
}

/// The values of `items` total at most 16,000 bytes (error 10048). Counted per distinct key,
/// the last value of a repeated key counting, as the group would keep it.
fn check_total(items: &[GroupAttrItem], at: &Path<'_>) -> Result<(), ValidationError> {
    let mut by_key = std::collections::BTreeMap::new();
    for i in items {
        by_key.insert(i.key.as_str(), i.value.len());
    }
    let total: usize = by_key.values().sum();
    if total > MAX_ATTR_TOTAL_BYTES {
        return Err(ValidationError::new(
            at.render(),
            format!("values total {total} bytes; at most {MAX_ATTR_TOTAL_BYTES} bytes are allowed per group (see {MODIFY_DOC}, error 10048)"),
        ));
    }
    Ok(())
}

/// Reads a group's attributes (`v4/group_open_attr_http_svc/get_group_attr`; note the service
/// name, which differs from the other attribute calls).
///
/// ```
/// use chatadmin_core::api::group_attr::GetGroupAttr;
/// let req = GetGroupAttr::new("@TGS#aC5SZEAEF");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#aC5SZEAEF"}));
/// ```
#[endpoint(
    path = "group_open_attr_http_svc/get_group_attr",
    summary = "Read a group's custom attributes",
    doc = "https://intl.cloud.tencent.com/document/product/1047/44187",
    // A read.
    idempotency = Idempotent,
    response = GetGroupAttrResponse
)]
pub struct GetGroupAttr {
    /// The group.
    pub group_id: group_id!(),
}

/// The answer to [`GetGroupAttr`].
#[response]
pub struct GetGroupAttrResponse {
    /// The attributes (`{"key", "value"}` pairs).
    #[serde(rename = "GroupAttrAry")]
    pub group_attr_ary: Vec<GroupAttrEntry>,
}

impl GetGroupAttrResponse {
    /// The value of `key`, when the group has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.group_attr_ary
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.as_str())
    }
}

/// Adds or updates attributes of a group, keeping the others
/// (`v4/group_open_http_svc/modify_group_attr`). The group keeps at most 16 keys whose values
/// total at most 16,000 bytes; a change past that is refused whole (10047 / 10048).
///
/// ```
/// use chatadmin_core::api::group_attr::ModifyGroupAttr;
/// let req = ModifyGroupAttr::new("@TGS#aC5SZEAEF", [("seat1", "alice"), ("seat2", "bob")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["GroupAttr"][1], serde_json::json!({"key": "seat2", "value": "bob"}));
/// let too_big = ModifyGroupAttr::new("g", (0..5).map(|i| (format!("k{i}"), "v".repeat(4000))));
/// let err = chatadmin_core::registry::encode_request(&too_big).unwrap_err();
/// assert!(err.to_string().contains("16000"), "{err}");
/// ```
#[endpoint(
    path = "group_open_http_svc/modify_group_attr",
    summary = "Add or update custom attributes of a group, keeping the others",
    doc = "https://intl.cloud.tencent.com/document/product/1047/44188",
    // Sets the given keys to the given values; a repeat sets the same values.
    idempotency = Idempotent,
    response = ModifyGroupAttrResponse
)]
pub struct ModifyGroupAttr {
    /// The group.
    pub group_id: group_id!(),
    /// The attributes to add or update: at most 16 ("Up to 16 keys are supported", error
    /// 10047), values totalling at most 16,000 bytes (error 10048). Not split: the caps are
    /// per group, so a longer list cannot fit in several calls either.
    #[serde(rename = "GroupAttr")]
    #[limit(
        items(max = 16),
        source = "https://intl.cloud.tencent.com/document/product/1047/44188 (GroupAttr: up to 16 keys; error 10047)"
    )]
    #[check(check_total)]
    pub group_attr: Vec<GroupAttrItem>,
}

/// The answer to [`ModifyGroupAttr`]: the status only.
pub type ModifyGroupAttrResponse = StatusResponse;

/// Replaces all attributes of a group with the given ones
/// (`v4/group_open_http_svc/set_group_attr`): keys not in the request are removed.
///
/// ```
/// use chatadmin_core::api::group_attr::SetGroupAttr;
/// let req = SetGroupAttr::new("@TGS#aC5SZEAEF", [("mode", "karaoke")]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["GroupAttr"], serde_json::json!([{"key": "mode", "value": "karaoke"}]));
/// ```
#[endpoint(
    path = "group_open_http_svc/set_group_attr",
    summary = "Replace all custom attributes of a group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/44190",
    // Replaces the whole set with the same one on a repeat.
    idempotency = Idempotent,
    response = SetGroupAttrResponse
)]
pub struct SetGroupAttr {
    /// The group.
    pub group_id: group_id!(),
    /// The new attributes: at most 16 (error 10047), values totalling at most 16,000 bytes
    /// (error 10048).
    #[serde(rename = "GroupAttr")]
    #[limit(
        items(max = 16),
        source = "https://intl.cloud.tencent.com/document/product/1047/44190 (GroupAttr: up to 16 keys; error 10047)"
    )]
    #[check(check_total)]
    pub group_attr: Vec<GroupAttrItem>,
}

/// The answer to [`SetGroupAttr`]: the status only.
pub type SetGroupAttrResponse = StatusResponse;

/// Removes every attribute of a group (`v4/group_open_http_svc/clear_group_attr`). Not
/// supported for Community groups (10007).
///
/// ```
/// use chatadmin_core::api::group_attr::ClearGroupAttr;
/// let body = chatadmin_core::registry::encode_request(&ClearGroupAttr::new("@TGS#aC5SZEAEF")).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#aC5SZEAEF"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/clear_group_attr",
    summary = "Remove all custom attributes of a group",
    doc = "https://intl.cloud.tencent.com/document/product/1047/44189",
    // Clearing again leaves the same (empty) set.
    idempotency = Idempotent,
    response = ClearGroupAttrResponse
)]
pub struct ClearGroupAttr {
    /// The group.
    pub group_id: group_id!(),
}

/// The answer to [`ClearGroupAttr`]: the status only.
pub type ClearGroupAttrResponse = StatusResponse;

/// Removes the given attributes of a group (`v4/group_open_http_svc/delete_group_attr`). The
/// page was not in the 2024-12 snapshot; it is
/// <https://www.tencentcloud.com/document/product/1047/59499>. A key the group does not have
/// fails the call (10050, "Failed to delete a non-existent custom attribute").
///
/// ```
/// use chatadmin_core::api::group_attr::DeleteGroupAttr;
/// let req = DeleteGroupAttr::new("@TGS#aC5SZEAEF", ["attr_key", "attr_key1"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["GroupAttr"], serde_json::json!([{"key": "attr_key"}, {"key": "attr_key1"}]));
/// ```
#[endpoint(
    path = "group_open_http_svc/delete_group_attr",
    summary = "Remove some custom attributes of a group",
    doc = "https://www.tencentcloud.com/document/product/1047/59499",
    // A repeat removes nothing more; it is answered 10050 (the keys no longer exist), an
    // answer, not a duplicated effect.
    idempotency = Idempotent,
    response = DeleteGroupAttrResponse
)]
pub struct DeleteGroupAttr {
    /// The group.
    pub group_id: group_id!(),
    /// The keys to remove ("List of custom attributes to be deleted, with the keys of the
    /// custom attributes"; required, no maximum documented).
    #[serde(rename = "GroupAttr")]
    #[check(required)]
    pub group_attr: Vec<GroupAttrKey>,
}

/// The answer to [`DeleteGroupAttr`]: the status only.
pub type DeleteGroupAttrResponse = StatusResponse;
