//! Group counters: integer key/value pairs kept on a group (likes, viewers, gifts...):
//! `group_open_http_svc/{get,update,delete}_group_counter`.
//!
//! The update page gives the caps: "The list can contain up to 20 keys, with each key containing
//! no more than 128 bytes. `Value` ... is a 64-bit signed integer"; a group has at most 20 keys
//! (error 10063, "The number of keys in the group counter exceeds the limit of 20"). Counters
//! need the Ultimate edition (error 10059 otherwise) and are documented as not supported for
//! Community groups (the service answers 10007); the requests do not check the type.

use crate::api::group::group_id;
use crate::declare::{endpoint, payload, response};
use crate::validate::Limit;
use crate::wire_enum;

/// A counter key: "each key containing no more than 128 bytes" (update_group_counter page).
pub const COUNTER_KEY: Limit = Limit::bytes(
    "Key",
    128,
    "https://intl.cloud.tencent.com/document/product/1047/53428 (GroupCounter Key: at most 128 bytes)",
);

/// A key of `GroupCounterKeys` (same rule as [`COUNTER_KEY`]).
pub const COUNTER_KEYS_ITEM: Limit = Limit::bytes(
    "GroupCounterKeys[]",
    128,
    "https://intl.cloud.tencent.com/document/product/1047/53428 (a group counter key is at most 128 bytes)",
);

/// The most counters a group has: "up to 20 keys" (error 10063).
pub const MAX_COUNTER_KEYS: usize = 20;

wire_enum! {
    /// How `update_group_counter` changes the values (`Mode`).
    pub enum CounterMode {
        /// Sets each key to its value.
        Set = "Set",
        /// Adds the value to the key's current one (a missing key starts at 0).
        Increase = "Increase",
        /// Subtracts the value from the key's current one (a missing key starts at 0).
        Decrease = "Decrease",
    }
}

/// One counter in a request (`GroupCounter` of update_group_counter).
///
/// ```
/// use chatadmin_core::api::group_counter::GroupCounterItem;
/// let like = GroupCounterItem::new("like", 5);
/// assert_eq!(serde_json::to_value(&like).unwrap(), serde_json::json!({"Key": "like", "Value": 5}));
/// ```
#[payload]
pub struct GroupCounterItem {
    /// The key: 1 to 128 bytes.
    #[serde(rename = "Key")]
    #[limit(COUNTER_KEY)]
    pub key: String,
    /// The value (`Set`) or the amount (`Increase`, `Decrease`): a 64-bit signed integer.
    #[serde(rename = "Value")]
    pub value: i64,
}

impl<K: Into<String>> From<(K, i64)> for GroupCounterItem {
    fn from((key, value): (K, i64)) -> Self {
        GroupCounterItem::new(key, value)
    }
}

/// One counter in an answer (`GroupCounter` of get and update).
#[response(item)]
pub struct GroupCounterEntry {
    /// The key.
    #[serde(rename = "Key")]
    pub key: String,
    /// The current value.
    #[serde(rename = "Value")]
    pub value: i64,
}

/// Reads counters of a group (`v4/group_open_http_svc/get_group_counter`): the keys asked
/// for, or every counter without `GroupCounterKeys`.
///
/// ```
/// use chatadmin_core::api::group_counter::GetGroupCounter;
/// let req = GetGroupCounter::new("@TGS#aC5SZEAEF").group_counter_keys(["like"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#aC5SZEAEF", "GroupCounterKeys": ["like"]}));
/// ```
#[endpoint(
    path = "group_open_http_svc/get_group_counter",
    summary = "Read counters of a group (some keys or all)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/53427",
    // A read.
    idempotency = Idempotent,
    response = GetGroupCounterResponse
)]
pub struct GetGroupCounter {
    /// The group.
    pub group_id: group_id!(),
    /// The keys to read; without it (or empty) every counter. No maximum is documented.
    #[serde(rename = "GroupCounterKeys")]
    #[limit(each(COUNTER_KEYS_ITEM))]
    pub group_counter_keys: Option<Vec<String>>,
}

/// The answer to [`GetGroupCounter`].
#[response]
pub struct GetGroupCounterResponse {
    /// The counters read.
    #[serde(rename = "GroupCounter")]
    pub group_counter: Vec<GroupCounterEntry>,
}

impl GetGroupCounterResponse {
    /// The value of `key`, when it was read.
    pub fn get(&self, key: &str) -> Option<i64> {
        self.group_counter
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.value)
    }
}

/// Sets, increases or decreases counters of a group
/// (`v4/group_open_http_svc/update_group_counter`) and answers their new values. A group has
/// at most 20 counters (10063).
///
/// Increase and Decrease are not idempotent: a retry after an unknown outcome would count
/// twice, so only `Set` is retried (see [`UpdateGroupCounter::is_retry_safe`]).
///
/// ```
/// use chatadmin_core::api::group_counter::{CounterMode, UpdateGroupCounter};
/// let req = UpdateGroupCounter::new("@TGS#aC5SZEAEF", [("like", 5), ("unlike", 1)]).mode(CounterMode::Increase);
/// assert!(!req.is_retry_safe());
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["Mode"], "Increase");
/// assert_eq!(body["GroupCounter"][1], serde_json::json!({"Key": "unlike", "Value": 1}));
/// ```
#[endpoint(
    path = "group_open_http_svc/update_group_counter",
    summary = "Set, increase or decrease counters of a group; answers the new values",
    doc = "https://intl.cloud.tencent.com/document/product/1047/53428",
    // Increase and Decrease count again on a repeat; Set does not (`is_retry_safe`).
    idempotency = NotIdempotent,
    response = UpdateGroupCounterResponse,
    retry_safe = UpdateGroupCounter::is_retry_safe
)]
pub struct UpdateGroupCounter {
    /// The group.
    pub group_id: group_id!(),
    /// The counters: "The list can contain up to 20 keys" (error 10063). Not split: a group
    /// has at most 20 counters, so a longer list cannot fit in several calls either.
    #[serde(rename = "GroupCounter")]
    #[limit(
        items(max = 20),
        source = "https://intl.cloud.tencent.com/document/product/1047/53428 (GroupCounter: up to 20 keys; error 10063)"
    )]
    pub group_counter: Vec<GroupCounterItem>,
    /// `Set`, `Increase` or `Decrease`. The page gives no default; the sample sends `Set`.
    #[serde(rename = "Mode")]
    pub mode: Option<CounterMode>,
}

impl UpdateGroupCounter {
    /// Whether a retry after an unknown outcome is safe: only for `Set` (an explicit `Mode`),
    /// which sets the same values again.
    pub fn is_retry_safe(&self) -> bool {
        self.mode == Some(CounterMode::Set)
    }
}

/// The answer to [`UpdateGroupCounter`]: the new values of the keys updated.
#[response]
pub struct UpdateGroupCounterResponse {
    /// "List of the latest group counter key-value pairs updated".
    #[serde(rename = "GroupCounter")]
    pub group_counter: Vec<GroupCounterEntry>,
}

impl UpdateGroupCounterResponse {
    /// The new value of `key`, when it was updated.
    pub fn get(&self, key: &str) -> Option<i64> {
        self.group_counter
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.value)
    }
}

/// Deletes counters of a group (`v4/group_open_http_svc/delete_group_counter`): the keys
/// given, or every counter without `GroupCounterKeys`.
///
/// ```
/// use chatadmin_core::api::group_counter::DeleteGroupCounter;
/// let body = chatadmin_core::registry::encode_request(&DeleteGroupCounter::new("@TGS#aC5SZEAEF")).unwrap();
/// assert_eq!(body, serde_json::json!({"GroupId": "@TGS#aC5SZEAEF"}));
/// ```
#[endpoint(
    path = "group_open_http_svc/delete_group_counter",
    summary = "Delete counters of a group (some keys or all)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/53429",
    // Deleting again removes nothing more.
    idempotency = Idempotent,
    response = DeleteGroupCounterResponse
)]
pub struct DeleteGroupCounter {
    /// The group.
    pub group_id: group_id!(),
    /// The keys to delete; without it (or empty) every counter ("If no value is passed in, all
    /// group counter keys will be deleted"). No maximum is documented.
    #[serde(rename = "GroupCounterKeys")]
    #[limit(each(COUNTER_KEYS_ITEM))]
    pub group_counter_keys: Option<Vec<String>>,
}

/// The answer to [`DeleteGroupCounter`]: the status only.
pub type DeleteGroupCounterResponse = crate::api::common::StatusResponse;
