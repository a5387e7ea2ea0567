//! Types shared by several endpoints.

use crate::declare::{fields, response, Path};
use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::Limit;

fields! {
    /// The `From_Account` of a request made for one account: a required account ID.
    pub(crate) from_account {
        /// The account the request is made for.
        #[serde(rename = "From_Account")]
        #[user_id]
        pub from_account: String,
    }
}

/// A 0/1 switch ("0: no; 1: yes"), as each of these pages documents one: create_group and
/// import_group (`SupportTopic`), get_joined_group_list (`WithHugeGroups`,
/// `WithNoActiveGroups`, `SupportTopic`), add_group_member and delete_group_member (`Silence`),
/// friend_add (`ForceAddFlags`), query_online_status (`IsNeedDetail`) and recentcontact/delete
/// (`ClearRamble`).
pub const SWITCH: Limit = Limit::range(
    "",
    0,
    1,
    "https://intl.cloud.tencent.com/document/product/1047/ pages 34895 and 34967 (SupportTopic: 1 yes, 0 no; communities only), 34925 (WithHugeGroups, WithNoActiveGroups: 0 no, 1 yes; SupportTopic: 1 yes, 0 no), 34921 and 34949 (Silence: 0 no (default), 1 yes), 34902 (ForceAddFlags: 0 or 1), 35477 (IsNeedDetail: 0 not needed, 1 needed), 43088 (ClearRamble: 1 yes, 0 no)",
);

fields! {
    /// The `To_Account` list of the relation-chain calls that take at most 1,000 accounts and
    /// split longer lists: friend_delete, friend_check, black_list_add, black_list_delete and
    /// black_list_check.
    pub(crate) sns_accounts {
        /// The accounts (at most 1000 per request; the client splits longer lists).
        #[serde(rename = "To_Account")]
        #[limit(
            items(max = 1000),
            source = "https://intl.cloud.tencent.com/document/product/1047/ pages 34905 and 34907 (friend_delete, friend_check; To_Account: at most 1000 UserIDs per request), 34911 (black_list_add; To_Account: \"should not contain more than 1000 UserIDs\"), 34912 (black_list_delete; \"cannot exceed 1,000\" per request) and 34913 (black_list_check; \"up to 1,000 UserIDs per request\")"
        )]
        #[user_id]
        #[split]
        pub to_account: Vec<String>,
    }
}

/// `From` impls that build an item from its one required field, an ID (`impl From<&str> for
/// NewMember`), so that lists of IDs build requests: `from_id!(NewMember: &str, String)`.
macro_rules! from_id {
    ($item:ident: $($t:ty),*) => { $(
        impl From<$t> for $item {
            fn from(id: $t) -> Self {
                $item::new(id)
            }
        }
    )* };
}
pub(crate) use from_id;

/// Checks that a list without a documented maximum is not empty.
pub(crate) fn required<T>(items: &[T], at: &Path<'_>) -> Result<(), ValidationError> {
    match items.is_empty() {
        true => Err(ValidationError::new(at.render(), "must not be empty")),
        false => Ok(()),
    }
}

/// A validation error at `at`.
pub(crate) fn invalid(at: &Path<'_>, message: impl Into<String>) -> ValidationError {
    ValidationError::new(at.render(), message)
}

/// Unknown fields of a response object, kept as sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The per-account result item of the relation-chain (`sns/*`) batch calls.
///
/// The call as a whole succeeds while single accounts fail: check `result_code` per item.
#[response(item)]
pub struct SnsResultItem {
    /// The account this result is about.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// 0 on success, otherwise an error code (see [`crate::codes`]).
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

impl SnsResultItem {
    /// The result for `to`: `code` 0 for success (`info` is then dropped, the service sends
    /// `""`), or an error code with its text.
    pub fn new(to: impl Into<String>, code: i64, info: impl Into<String>) -> Self {
        SnsResultItem {
            to_account: to.into(),
            result_code: code,
            result_info: if code == 0 {
                String::new()
            } else {
                info.into()
            },
            extra: Extra::new(),
        }
    }

    /// Whether this account's part succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }
}

/// The answer of the relation-chain batch writes (`sns/friend_add`, `friend_import`,
/// `friend_update`, `black_list_add`, `black_list_delete`): one result per requested account,
/// in request order, and the accounts that failed (`Fail_Account`, "only returned when at
/// least one user fails").
#[response]
pub struct SnsBatchResponse {
    /// Per-account results.
    #[serde(rename = "ResultItem")]
    #[merge]
    pub result_item: Vec<SnsResultItem>,
    /// The accounts whose item failed; sent only when one did.
    #[serde(rename = "Fail_Account", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub fail_account: Vec<String>,
}

impl SnsBatchResponse {
    /// A response with `status` and `items`, listing the failed items' accounts in
    /// `Fail_Account` as the service does.
    pub fn from_items(status: ResponseStatus, items: Vec<SnsResultItem>) -> Self {
        SnsBatchResponse {
            status,
            fail_account: items
                .iter()
                .filter(|i| !i.is_ok())
                .map(|i| i.to_account.clone())
                .collect(),
            result_item: items,
            extra: Extra::new(),
        }
    }

    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &SnsResultItem> {
        self.result_item.iter().filter(|i| !i.is_ok())
    }
}

/// The answer of the endpoints that return only the status (`account_import`, `kick`,
/// `portrait_set`, `friend_delete_all`, `destroy_group`): `ActionStatus`, `ErrorCode`,
/// `ErrorInfo` (and `ErrorDisplay` where the service sends it).
#[response]
pub struct StatusResponse {}
