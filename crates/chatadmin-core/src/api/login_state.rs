//! Login state: `im_open_login_svc/kick` (invalidate an account's UserSigs) and
//! `openim/query_online_status` (who is online, on which platforms).

use crate::api::common::{StatusResponse, SWITCH};
use crate::declare::{endpoint, response};
use crate::envelope::ResponseStatus;
use crate::error::ApiError;
use crate::validate::Limit;
use crate::wire_enum;

// ---------------------------------------------------------------------------------------------
// kick
// ---------------------------------------------------------------------------------------------

/// Invalidates the login state of one account (`v4/im_open_login_svc/kick`): every UserSig
/// issued so far stops working, and the user must log in again with a newly generated one.
///
/// ```
/// use chatadmin_core::api::login_state::Kick;
/// let req = Kick::new("alice");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"UserID": "alice"}));
/// ```
#[endpoint(
    path = "im_open_login_svc/kick",
    summary = "Invalidate an account's login state (its UserSigs issued so far)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34957",
    // Kicking again only moves the cut-off to a later instant: UserSigs already invalid
    // stay invalid, nothing is duplicated.
    idempotency = Idempotent,
    response = KickResponse
)]
pub struct Kick {
    /// The account whose login state is invalidated ("This API can invalidate only one
    /// account at a time").
    #[serde(rename = "UserID")]
    #[user_id]
    pub user_id: String,
}

/// The answer to [`Kick`]: the status only.
pub type KickResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// query_online_status
// ---------------------------------------------------------------------------------------------

/// `query_online_status`: "This API can be used to query the login statuses of up to 500
/// UserIDs at a time" (error 90011 beyond).
pub const QUERY_ONLINE_STATUS_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/35477 (To_Account: at most 500 UserIDs per request; error 90011 beyond)",
);

/// `query_online_status`: `IsReturnInstid` and `IsReturnCustomStatus`, 0 or 1. Not on the
/// English page (2024-12) nor on the Chinese snapshot (`openim.querystate`); the project's
/// catalog (spec/api-accounts-social.json, source "D(CN 2025)") records them from a newer
/// Chinese page as 0/1 flags. Not verified against a page here: the 0/1 range follows the
/// page's other flag, `IsNeedDetail`.
const NEWER_PAGE_FLAG: Limit = Limit::range(
    "IsReturnInstid",
    0,
    1,
    "not documented on the English page https://intl.cloud.tencent.com/document/product/1047/35477; a 0/1 flag per the catalog's newer Chinese page (unverified), like IsNeedDetail",
);

wire_enum! {
    /// The login state `query_online_status` reports for an account or one platform.
    pub enum OnlineStatus {
        /// The client is logged in and keeps a persistent connection.
        Online = "Online",
        /// The iOS or Android process was killed or lost its connection; offline pushes still
        /// reach it (kept for 7 days).
        PushOnline = "PushOnline",
        /// Logged out, or not logged in for 7 days since the last login.
        Offline = "Offline",
    }
}

/// Queries the login state of up to 500 accounts (`v4/openim/query_online_status`); longer
/// lists are split by the client and the results merged in order.
///
/// ```
/// use chatadmin_core::api::login_state::QueryOnlineStatus;
/// let req = QueryOnlineStatus::new(["alice", "bob"]).need_detail(true);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"To_Account": ["alice", "bob"], "IsNeedDetail": 1}));
/// ```
#[endpoint(
    path = "openim/query_online_status",
    summary = "Query the login state (Online, PushOnline, Offline) of up to 500 accounts",
    doc = "https://intl.cloud.tencent.com/document/product/1047/35477",
    // A read.
    idempotency = Idempotent,
    response = QueryOnlineStatusResponse
)]
pub struct QueryOnlineStatus {
    /// The accounts to query (at most 500 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    #[limit(QUERY_ONLINE_STATUS_TO_ACCOUNT)]
    #[user_id]
    #[split]
    pub to_account: Vec<String>,
    /// 1 to get the per-platform `Detail` of each account; 0 (the default) not to
    /// ("0: not needed. 1: needed.").
    #[serde(rename = "IsNeedDetail")]
    #[limit(SWITCH)]
    pub is_need_detail: Option<u32>,
    /// 1 to get the device instance ids (`InstId`) in `Detail` (newer Chinese page only).
    #[serde(rename = "IsReturnInstid")]
    #[limit(NEWER_PAGE_FLAG)]
    pub is_return_instid: Option<u32>,
    /// 1 to get each account's custom status (newer Chinese page only).
    #[serde(rename = "IsReturnCustomStatus")]
    #[limit(NEWER_PAGE_FLAG)]
    pub is_return_custom_status: Option<u32>,
}

impl QueryOnlineStatus {
    /// Asks for (or not) the per-platform `Detail` list (`IsNeedDetail`).
    pub fn need_detail(self, on: bool) -> Self {
        self.is_need_detail(u32::from(on))
    }

    /// Asks for (or not) the device instance ids (`IsReturnInstid`).
    pub fn return_instid(self, on: bool) -> Self {
        self.is_return_instid(u32::from(on))
    }

    /// Asks for (or not) the custom status (`IsReturnCustomStatus`).
    pub fn return_custom_status(self, on: bool) -> Self {
        self.is_return_custom_status(u32::from(on))
    }

    /// Whether `IsNeedDetail` is 1.
    pub fn wants_detail(&self) -> bool {
        self.is_need_detail == Some(1)
    }
}

/// The state of one login platform of an account (`QueryResult[].Detail[]`). Unknown fields
/// (such as `InstId` with `IsReturnInstid`) are kept in `extra`.
#[response(item)]
pub struct PlatformStatus {
    /// The platform: "iPhone", "Android", "Web", "PC", "iPad" or "Mac" per the page (its
    /// sample writes "IPhone"); kept as sent.
    #[serde(rename = "Platform")]
    pub platform: String,
    /// The platform's state.
    #[serde(rename = "Status")]
    pub status: Option<OnlineStatus>,
}

/// The state of one account (`QueryResult[]`). Unknown fields (such as a custom status) are
/// kept in `extra`.
///
/// The page's response table names the state `Status`; its samples (and the Chinese page)
/// write `State`. Both are accepted and kept as sent; [`AccountOnlineStatus::online_status`]
/// reads whichever is present.
#[response(item)]
pub struct AccountOnlineStatus {
    /// The account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The state, as the response table names it.
    #[serde(rename = "Status")]
    pub status: Option<OnlineStatus>,
    /// The state, as the page's samples name it.
    #[serde(rename = "State")]
    pub state: Option<OnlineStatus>,
    /// Per-platform states (only with `IsNeedDetail` 1; absent otherwise).
    #[serde(rename = "Detail", skip_serializing_if = "Vec::is_empty")]
    pub detail: Vec<PlatformStatus>,
}

impl AccountOnlineStatus {
    /// The account's state, from `Status` or else `State`.
    pub fn online_status(&self) -> Option<&OnlineStatus> {
        self.status.as_ref().or(self.state.as_ref())
    }

    /// Whether the account is `Online` on some platform.
    pub fn is_online(&self) -> bool {
        self.online_status() == Some(&OnlineStatus::Online)
    }
}

/// An account whose state could not be queried (`ErrorList[]`); 70107 means it does not
/// exist. The items carry no error text.
#[response(item)]
pub struct OnlineStatusError {
    /// The account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The error code (70107: the account does not exist).
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
}

/// The answer to [`QueryOnlineStatus`]: the state of each account found, and the accounts
/// that could not be queried. `ErrorCode` is 0 when at least one account was queried.
#[response(all_failed = QueryOnlineStatusResponse::all_failed)]
pub struct QueryOnlineStatusResponse {
    /// The state of each account queried successfully.
    #[serde(rename = "QueryResult", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub query_result: Vec<AccountOnlineStatus>,
    /// The accounts that could not be queried (absent when there are none).
    #[serde(rename = "ErrorList", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub error_list: Vec<OnlineStatusError>,
}

impl QueryOnlineStatusResponse {
    /// The page: "If the query for all the accounts failed, the return value is not 0", with
    /// every account in `ErrorList`. In a split call that is one part's per-item data.
    fn all_failed(error: &ApiError) -> Option<Self> {
        let body = error.body.as_ref()?;
        let mut resp: QueryOnlineStatusResponse = serde_json::from_value(body.clone()).ok()?;
        if resp.error_list.is_empty() || !resp.query_result.is_empty() {
            return None;
        }
        resp.status = ResponseStatus::ok();
        Some(resp)
    }

    /// The accounts that could not be queried.
    pub fn failures(&self) -> impl Iterator<Item = &OnlineStatusError> {
        self.error_list.iter()
    }

    /// The state of `account`, if it was queried successfully.
    pub fn status_of(&self, account: &str) -> Option<&OnlineStatus> {
        self.query_result
            .iter()
            .find(|r| r.to_account == account)
            .and_then(AccountOnlineStatus::online_status)
    }
}
