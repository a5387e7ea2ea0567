//! Types shared by several endpoints.

use crate::declare::response;
use crate::envelope::ResponseStatus;

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
