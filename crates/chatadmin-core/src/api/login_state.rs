//! Login state: `im_open_login_svc/kick` (invalidate an account's UserSigs) and
//! `openim/query_online_status` (who is online, on which platforms).

use serde::{Deserialize, Serialize};

use crate::api::common::{Extra, StatusResponse};
use crate::endpoint::{split_list, ApiRequest, ApiResponse, Area, EndpointMeta, Idempotency};
use crate::envelope::ResponseStatus;
use crate::error::{ApiError, ValidationError};
use crate::validate::{self, Limit};
use crate::{lenient, wire_enum};

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// `query_online_status`: "This API can be used to query the login statuses of up to 500
/// UserIDs at a time" (error 90011 beyond).
pub const QUERY_ONLINE_STATUS_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/35477 (To_Account: at most 500 UserIDs per request; error 90011 beyond)",
);

/// `query_online_status`: `IsNeedDetail` is "0: not needed. 1: needed."
pub const QUERY_ONLINE_STATUS_IS_NEED_DETAIL: Limit = Limit::range(
    "IsNeedDetail",
    0,
    1,
    "https://intl.cloud.tencent.com/document/product/1047/35477 (IsNeedDetail: 0 not needed, 1 needed)",
);

/// `query_online_status`: `IsReturnInstid`, 0 or 1. Not on the English page (2024-12) nor on
/// the Chinese snapshot (`openim.querystate`); the project's catalog
/// (spec/api-accounts-social.json, source "D(CN 2025)") records it from a newer Chinese page
/// as a 0/1 flag. Not verified against a page here: the 0/1 range follows the page's other
/// flag, `IsNeedDetail`.
pub const QUERY_ONLINE_STATUS_IS_RETURN_INSTID: Limit = Limit::range(
    "IsReturnInstid",
    0,
    1,
    "not documented on the English page https://intl.cloud.tencent.com/document/product/1047/35477; a 0/1 flag per the catalog's newer Chinese page (unverified), like IsNeedDetail",
);

/// `query_online_status`: `IsReturnCustomStatus`, 0 or 1; known, like `IsReturnInstid`, only
/// from the catalog's newer Chinese page.
pub const QUERY_ONLINE_STATUS_IS_RETURN_CUSTOM_STATUS: Limit = Limit::range(
    "IsReturnCustomStatus",
    0,
    1,
    "not documented on the English page https://intl.cloud.tencent.com/document/product/1047/35477; a 0/1 flag per the catalog's newer Chinese page (unverified), like IsNeedDetail",
);

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kick {
    /// The account whose login state is invalidated ("This API can invalidate only one
    /// account at a time").
    #[serde(rename = "UserID")]
    pub user_id: String,
}

impl Kick {
    /// Invalidates `user_id`'s login state.
    pub fn new(user_id: impl Into<String>) -> Self {
        Kick {
            user_id: user_id.into(),
        }
    }
}

impl ApiRequest for Kick {
    type Response = KickResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "im_open_login_svc/kick",
        area: Area::LoginState,
        method: "kick",
        summary: "Invalidate an account's login state (its UserSigs issued so far)",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34957",
        rate_limit_per_sec: 200,
        // Kicking again only moves the cut-off to a later instant: UserSigs already invalid
        // stay invalid, nothing is duplicated.
        idempotency: Idempotency::Idempotent,
        limit_table: || &[validate::USER_ID],
        split_field: None,
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("UserID", &self.user_id)
    }
}

/// The answer to [`Kick`]: the status only.
pub type KickResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// query_online_status
// ---------------------------------------------------------------------------------------------

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryOnlineStatus {
    /// The accounts to query (at most 500 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
    /// 1 to get the per-platform `Detail` of each account; 0 (the default) not to.
    #[serde(
        rename = "IsNeedDetail",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_need_detail: Option<u32>,
    /// 1 to get the device instance ids (`InstId`) in `Detail` (newer Chinese page only).
    #[serde(
        rename = "IsReturnInstid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_return_instid: Option<u32>,
    /// 1 to get each account's custom status (newer Chinese page only).
    #[serde(
        rename = "IsReturnCustomStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_return_custom_status: Option<u32>,
}

fn flag(on: bool) -> Option<u32> {
    Some(u32::from(on))
}

impl QueryOnlineStatus {
    /// Queries the accounts `ids`, without per-platform details.
    pub fn new<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        QueryOnlineStatus {
            to_account: ids.into_iter().map(Into::into).collect(),
            is_need_detail: None,
            is_return_instid: None,
            is_return_custom_status: None,
        }
    }

    /// Asks for (or not) the per-platform `Detail` list (`IsNeedDetail`).
    pub fn need_detail(mut self, on: bool) -> Self {
        self.is_need_detail = flag(on);
        self
    }

    /// Asks for (or not) the device instance ids (`IsReturnInstid`).
    pub fn return_instid(mut self, on: bool) -> Self {
        self.is_return_instid = flag(on);
        self
    }

    /// Asks for (or not) the custom status (`IsReturnCustomStatus`).
    pub fn return_custom_status(mut self, on: bool) -> Self {
        self.is_return_custom_status = flag(on);
        self
    }

    /// Whether `IsNeedDetail` is 1.
    pub fn wants_detail(&self) -> bool {
        self.is_need_detail == Some(1)
    }
}

impl ApiRequest for QueryOnlineStatus {
    type Response = QueryOnlineStatusResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "openim/query_online_status",
        area: Area::LoginState,
        method: "query_online_status",
        summary: "Query the login state (Online, PushOnline, Offline) of up to 500 accounts",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/35477",
        rate_limit_per_sec: 200,
        // A read.
        idempotency: Idempotency::Idempotent,
        limit_table: || {
            &[
                QUERY_ONLINE_STATUS_TO_ACCOUNT,
                validate::USER_ID,
                QUERY_ONLINE_STATUS_IS_NEED_DETAIL,
                QUERY_ONLINE_STATUS_IS_RETURN_INSTID,
                QUERY_ONLINE_STATUS_IS_RETURN_CUSTOM_STATUS,
            ]
        },
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        QUERY_ONLINE_STATUS_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)?;
        let flags = [
            (&QUERY_ONLINE_STATUS_IS_NEED_DETAIL, self.is_need_detail),
            (&QUERY_ONLINE_STATUS_IS_RETURN_INSTID, self.is_return_instid),
            (
                &QUERY_ONLINE_STATUS_IS_RETURN_CUSTOM_STATUS,
                self.is_return_custom_status,
            ),
        ];
        for (limit, value) in flags {
            if let Some(v) = value {
                limit.check_int(limit.field, i64::from(v))?;
            }
        }
        Ok(())
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            QUERY_ONLINE_STATUS_TO_ACCOUNT.max_items()?,
            |chunk| QueryOnlineStatus {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// The state of one login platform of an account (`QueryResult[].Detail[]`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PlatformStatus {
    /// The platform: "iPhone", "Android", "Web", "PC", "iPad" or "Mac" per the page (its
    /// sample writes "IPhone"); kept as sent.
    #[serde(rename = "Platform", default, deserialize_with = "lenient::string")]
    pub platform: String,
    /// The platform's state.
    #[serde(
        rename = "Status",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_enum"
    )]
    pub status: Option<OnlineStatus>,
    /// Unknown fields (such as `InstId` with `IsReturnInstid`), kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The state of one account (`QueryResult[]`).
///
/// The page's response table names the state `Status`; its samples (and the Chinese page)
/// write `State`. Both are accepted and kept as sent; [`AccountOnlineStatus::online_status`]
/// reads whichever is present.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AccountOnlineStatus {
    /// The account.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// The state, as the response table names it.
    #[serde(
        rename = "Status",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_enum"
    )]
    pub status: Option<OnlineStatus>,
    /// The state, as the page's samples name it.
    #[serde(
        rename = "State",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_enum"
    )]
    pub state: Option<OnlineStatus>,
    /// Per-platform states (only with `IsNeedDetail` 1; absent otherwise).
    #[serde(
        rename = "Detail",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::vec"
    )]
    pub detail: Vec<PlatformStatus>,
    /// Unknown fields (such as a custom status), kept.
    #[serde(flatten)]
    pub extra: Extra,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OnlineStatusError {
    /// The account.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// The error code (70107: the account does not exist).
    #[serde(rename = "ErrorCode", default, deserialize_with = "lenient::i64")]
    pub error_code: i64,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to [`QueryOnlineStatus`]: the state of each account found, and the accounts
/// that could not be queried. `ErrorCode` is 0 when at least one account was queried.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QueryOnlineStatusResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// The state of each account queried successfully.
    #[serde(
        rename = "QueryResult",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::vec"
    )]
    pub query_result: Vec<AccountOnlineStatus>,
    /// The accounts that could not be queried (absent when there are none).
    #[serde(
        rename = "ErrorList",
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::vec"
    )]
    pub error_list: Vec<OnlineStatusError>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

// Temporary until this file is declared (the declaration derives it).
impl crate::schema::Describe for QueryOnlineStatusResponse {
    fn shape() -> crate::schema::Shape {
        crate::schema::Shape::Any
    }
}

impl ApiResponse for QueryOnlineStatusResponse {
    fn status(&self) -> &ResponseStatus {
        &self.status
    }

    fn merge(mut first: Self, rest: Vec<Self>) -> Self {
        for r in rest {
            first.query_result.extend(r.query_result);
            first.error_list.extend(r.error_list);
        }
        first
    }

    /// The page: "If the query for all the accounts failed, the return value is not 0", with
    /// every account in `ErrorList`. In a split call that is one part's per-item data.
    fn from_all_items_failed(error: &ApiError) -> Option<Self> {
        let body = error.body.as_ref()?;
        let mut resp: QueryOnlineStatusResponse = serde_json::from_value(body.clone()).ok()?;
        if resp.error_list.is_empty() || !resp.query_result.is_empty() {
            return None;
        }
        resp.status = ResponseStatus::ok();
        Some(resp)
    }
}

impl QueryOnlineStatusResponse {
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
