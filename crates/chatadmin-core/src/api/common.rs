//! Types shared by several endpoints.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// Unknown fields of a response object, kept as sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The per-account result item of the relation-chain (`sns/*`) batch calls.
///
/// The call as a whole succeeds while single accounts fail: check `result_code` per item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SnsResultItem {
    /// The account this result is about.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// 0 on success, otherwise an error code (see [`crate::codes`]).
    #[serde(rename = "ResultCode", default, deserialize_with = "lenient::i64")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo", default, deserialize_with = "lenient::string")]
    pub result_info: String,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SnsResultItem {
    /// Whether this account's part succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }
}
