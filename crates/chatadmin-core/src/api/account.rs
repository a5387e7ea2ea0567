//! Accounts: `im_open_login_svc/account_import`, `multiaccount_import`, `account_delete` and
//! `account_check`.
//!
//! An account must be imported before it can log in, be messaged or join groups. Importing is
//! idempotent: importing an account again creates no second internal ID.

use std::sync::OnceLock;

use crate::api::common::{from_id, StatusResponse};
use crate::declare::{endpoint, payload, response, Path, Validate};
use crate::endpoint::{split_list, ApiRequest, EndpointMeta, Idempotency};
use crate::error::ValidationError;
use crate::registry::Listed;
use crate::validate::Limit;
use crate::wire_enum;

wire_enum! {
    /// Whether an account has been imported (`account_check`'s `AccountStatus`).
    pub enum AccountStatus {
        /// The account exists.
        Imported = "Imported",
        /// The account has not been imported (or was deleted).
        NotImported = "NotImported",
    }
}

/// One account named in a request list: `{"UserID": "..."}` (the items of `DeleteItem` and
/// `CheckItem`).
#[payload]
pub struct UserIdItem {
    /// The account.
    #[serde(rename = "UserID")]
    #[user_id]
    pub user_id: String,
}

// An item from an account ID (`&str`, `&String` or `String`), so lists of IDs build requests.
from_id!(UserIdItem: &str, &String, String);

/// The per-account result item of `account_delete` and `account_check`:
/// `{UserID, ResultCode, ResultInfo[, AccountStatus]}`.
///
/// The call as a whole succeeds while single accounts fail: check `result_code` per item.
#[response(item)]
pub struct AccountResultItem {
    /// The account this result is about.
    #[serde(rename = "UserID")]
    pub user_id: String,
    /// 0 on success, otherwise an error code (70107: the account does not exist; see
    /// [`crate::codes`]).
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
    /// Whether the account is imported (`account_check` only).
    #[serde(rename = "AccountStatus")]
    pub account_status: Option<AccountStatus>,
}

impl AccountResultItem {
    /// Whether this account's part succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }

    /// Whether the account was reported as imported (`account_check`).
    pub fn is_imported(&self) -> bool {
        self.account_status == Some(AccountStatus::Imported)
    }
}

// ---------------------------------------------------------------------------------------------
// account_import
// ---------------------------------------------------------------------------------------------

/// A profile field sent with an imported account (`Nick`, `FaceUrl`): at most 500 bytes, "the
/// value of the profile field exceeds the length limit of 500 bytes" being error 40601 of the
/// account_import page and of the public error-code page. May be empty.
pub const PROFILE_FIELD: Limit = Limit::bytes_or_empty(
    "",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/34953 and /34348 (error 40601: a profile field value is at most 500 bytes)",
);

/// Imports one account, optionally with its nickname and avatar URL
/// (`v4/im_open_login_svc/account_import`). Importing an existing account again creates no
/// second internal ID.
///
/// ```
/// use chatadmin_core::api::account::AccountImport;
/// let req = AccountImport::new("alice").nick("Alice").face_url("https://example.com/a.png");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({
///     "UserID": "alice", "Nick": "Alice", "FaceUrl": "https://example.com/a.png"
/// }));
/// ```
#[endpoint(
    path = "im_open_login_svc/account_import",
    summary = "Import one account, optionally with its nickname and avatar URL",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34953",
    // "If the same account is imported to Chat repeatedly, only one internal ID will be
    // created for the account."
    idempotency = Idempotent,
    response = AccountImportResponse
)]
pub struct AccountImport {
    /// The account to import: 1 to 32 bytes.
    #[serde(rename = "UserID")]
    #[user_id]
    pub user_id: String,
    /// The nickname. `Nick` is a profile field, and "the value of the profile field exceeds
    /// the length limit of 500 bytes" is error 40601 of the page. May be empty.
    #[serde(rename = "Nick")]
    #[limit(PROFILE_FIELD)]
    pub nick: Option<String>,
    /// The avatar URL: a profile field, at most 500 bytes (error 40601 of the page). May be
    /// empty.
    #[serde(rename = "FaceUrl")]
    #[limit(PROFILE_FIELD)]
    pub face_url: Option<String>,
}

/// The answer to [`AccountImport`]: the status only.
pub type AccountImportResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// multiaccount_import
// ---------------------------------------------------------------------------------------------

/// One item of [`MultiAccountImport`]'s `AccountList`: an account with its optional nickname
/// and avatar URL.
#[payload]
pub struct AccountProfile {
    /// The account to import: "UserID ... a string of up to 32 bytes in length".
    #[serde(rename = "UserID")]
    #[limit(
        bytes(max = 32),
        source = "https://www.tencentcloud.com/document/product/1047/34954 (AccountList[].UserID: at most 32 bytes)"
    )]
    pub user_id: String,
    /// The nickname: the standard profile field the page refers to; a profile field value is
    /// at most 500 bytes (public error 40601). May be empty.
    #[serde(rename = "Nick")]
    #[limit(PROFILE_FIELD)]
    pub nick: Option<String>,
    /// The avatar URL: a standard profile field; at most 500 bytes (public error 40601). May
    /// be empty.
    #[serde(rename = "FaceUrl")]
    #[limit(PROFILE_FIELD)]
    pub face_url: Option<String>,
}

/// Imports up to 100 accounts (`v4/im_open_login_svc/multiaccount_import`); longer lists are
/// split by the client.
///
/// The endpoint takes one of two request forms, and exactly one must be set:
/// - `Accounts: [UserID]` ([`MultiAccountImport::ids`]), which imports the IDs only;
/// - `AccountList: [{UserID, Nick?, FaceUrl?}]` ([`MultiAccountImport::with_profiles`]), which
///   also sets (or, for existing accounts, updates) the nickname and avatar URL.
///
/// [`validate`](ApiRequest::validate) rejects a request with both or neither.
///
/// ```
/// use chatadmin_core::api::account::{AccountProfile, MultiAccountImport};
/// let req = MultiAccountImport::ids(["alice", "bob"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"Accounts": ["alice", "bob"]}));
///
/// let req = MultiAccountImport::with_profiles([
///     AccountProfile::new("alice").nick("Alice"),
///     AccountProfile::new("bob"),
/// ]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["AccountList"][0]["Nick"], "Alice");
/// ```
// `#[endpoint]` splits one list field; this request has two alternative (optional) lists, so
// it is declared as a payload and its `ApiRequest` is written out below.
#[payload(validate = MultiAccountImport::one_form, no_new)]
pub struct MultiAccountImport {
    /// The first form: the accounts to import, IDs only. "Up to 100 user names can be
    /// imported at a time"; "A single user name cannot exceed 32 bytes in length".
    #[serde(rename = "Accounts")]
    #[limit(
        items(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/34954 (Accounts: at most 100 user names per request)"
    )]
    #[limit(
        each(bytes(max = 32)),
        source = "https://intl.cloud.tencent.com/document/product/1047/34954 (Accounts: each user name at most 32 bytes)"
    )]
    pub accounts: Option<Vec<String>>,
    /// The second ("new version") form: the accounts with their profile fields. "List of
    /// users to be imported, up to 100 users can be imported at a time". Documented on the
    /// current page (tencentcloud.com/document/product/1047/34954, trtc.io/document/34954, and
    /// the Chinese page cloud.tencent.com/document/product/269/4919), not in the 2024-12
    /// English snapshot, which shows only `Accounts`.
    #[serde(rename = "AccountList")]
    #[limit(
        items(max = 100),
        source = "https://www.tencentcloud.com/document/product/1047/34954 (AccountList: at most 100 users per request)"
    )]
    pub account_list: Option<Vec<AccountProfile>>,
}

impl MultiAccountImport {
    /// Imports the accounts `ids` (the `Accounts` form).
    pub fn ids(ids: impl IntoIterator<Item = impl Into<String>>) -> Self {
        MultiAccountImport {
            accounts: Some(ids.into_iter().map(Into::into).collect()),
            account_list: None,
        }
    }

    /// Imports the accounts with their nicknames and avatar URLs (the `AccountList` form).
    pub fn with_profiles(accounts: impl IntoIterator<Item = AccountProfile>) -> Self {
        MultiAccountImport {
            accounts: None,
            account_list: Some(accounts.into_iter().collect()),
        }
    }

    /// The UserIDs imported, in request order, whichever form is used.
    pub fn user_ids(&self) -> impl Iterator<Item = &str> {
        let ids = self.accounts.iter().flatten().map(String::as_str);
        let profiles = self.account_list.iter().flatten();
        ids.chain(profiles.map(|p| p.user_id.as_str()))
    }

    fn one_form(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let message = match (&self.accounts, &self.account_list) {
            (Some(_), Some(_)) => {
                "the body has both `Accounts` and `AccountList`; send exactly one of them \
                 (`Accounts` for IDs only, `AccountList` to set Nick/FaceUrl too)"
            }
            (None, None) => {
                "the body needs exactly one of `Accounts` (IDs only) or `AccountList` \
                 (IDs with Nick/FaceUrl); neither was given"
            }
            _ => return Ok(()),
        };
        Err(ValidationError::new(at.render(), message))
    }

    fn limit_table() -> &'static [Limit] {
        static LIMITS: OnceLock<Vec<Limit>> = OnceLock::new();
        LIMITS.get_or_init(|| {
            let mut out = Vec::new();
            Self::collect_limits("", &mut out);
            out
        })
    }
}

impl ApiRequest for MultiAccountImport {
    type Response = MultiAccountImportResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "im_open_login_svc/multiaccount_import",
        area: <Self as Listed>::AREA,
        method: <Self as Listed>::METHOD,
        summary: "Import up to 100 accounts, by ID or with nicknames and avatar URLs",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34954",
        rate_limit_per_sec: 100,
        // Re-importing creates no second internal ID; with `AccountList` a repeat sets the same
        // profile values again.
        idempotency: Idempotency::Idempotent,
        limit_table: MultiAccountImport::limit_table,
        // Metadata holds one name: `Accounts`. A request in the `AccountList` form splits the
        // same way (100 per request, in order); `split()` handles both forms.
        split_field: Some("Accounts"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        self.validate_at(&Path::Root)
    }

    fn split(&self) -> Option<Vec<Self>> {
        let max = |field| Self::META.limit(field).and_then(Limit::max_items);
        match (&self.accounts, &self.account_list) {
            (Some(ids), None) => split_list(ids, max("Accounts")?, Self::ids),
            (None, Some(list)) => split_list(list, max("AccountList")?, Self::with_profiles),
            // Both or neither: invalid, nothing to split.
            _ => None,
        }
    }
}

/// The answer to [`MultiAccountImport`]: the accounts that could not be imported.
#[response]
pub struct MultiAccountImportResponse {
    /// The accounts that failed to be imported (the call as a whole still succeeded).
    #[serde(rename = "FailAccounts")]
    #[merge]
    pub fail_accounts: Vec<String>,
}

impl MultiAccountImportResponse {
    /// The accounts that failed to be imported.
    pub fn failures(&self) -> impl Iterator<Item = &str> {
        self.fail_accounts.iter().map(String::as_str)
    }
}

// ---------------------------------------------------------------------------------------------
// account_delete
// ---------------------------------------------------------------------------------------------

/// Deletes accounts, with their profiles and relation chains, irreversibly
/// (`v4/im_open_login_svc/account_delete`). Only apps on the free trial edition may delete
/// accounts (error 71000 otherwise).
///
/// ```
/// use chatadmin_core::api::account::AccountDelete;
/// let req = AccountDelete::new(["alice", "bob"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({
///     "DeleteItem": [{"UserID": "alice"}, {"UserID": "bob"}]
/// }));
/// ```
#[endpoint(
    path = "im_open_login_svc/account_delete",
    summary = "Delete accounts and their data, irreversibly (trial-edition apps only)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34955",
    rate = 100,
    // Deleting the same accounts again changes nothing more (the repeat reports 70107 per
    // item, which is data, not a duplicated effect).
    idempotency = Idempotent,
    response = AccountDeleteResponse
)]
pub struct AccountDelete {
    /// The accounts to delete: "A single request can contain up to 100 accounts" (the client
    /// splits longer lists).
    #[serde(rename = "DeleteItem")]
    #[limit(
        items(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/34955 (DeleteItem: at most 100 accounts per request)"
    )]
    #[split]
    pub delete_item: Vec<UserIdItem>,
}

/// The answer to [`AccountDelete`]: one result per requested account.
#[response]
pub struct AccountDeleteResponse {
    /// Per-account results.
    #[serde(rename = "ResultItem")]
    #[merge]
    pub result_item: Vec<AccountResultItem>,
}

impl AccountDeleteResponse {
    /// The items that failed (70107: the account does not exist).
    pub fn failures(&self) -> impl Iterator<Item = &AccountResultItem> {
        self.result_item.iter().filter(|i| !i.is_ok())
    }
}

// ---------------------------------------------------------------------------------------------
// account_check
// ---------------------------------------------------------------------------------------------

/// Checks whether accounts have been imported (`v4/im_open_login_svc/account_check`).
///
/// ```
/// use chatadmin_core::api::account::AccountCheck;
/// let req = AccountCheck::new(["alice", "bob"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CheckItem"][1]["UserID"], "bob");
/// ```
#[endpoint(
    path = "im_open_login_svc/account_check",
    summary = "Check whether accounts have been imported",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34956",
    rate = 100,
    // A read.
    idempotency = Idempotent,
    response = AccountCheckResponse
)]
pub struct AccountCheck {
    /// The accounts to check: "A single request can contain up to 100 accounts" (the client
    /// splits longer lists).
    #[serde(rename = "CheckItem")]
    #[limit(
        items(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/34956 (CheckItem: at most 100 accounts per request)"
    )]
    #[split]
    pub check_item: Vec<UserIdItem>,
}

/// The answer to [`AccountCheck`]: one result per requested account, with its
/// [`AccountStatus`].
#[response]
pub struct AccountCheckResponse {
    /// Per-account results.
    #[serde(rename = "ResultItem")]
    #[merge]
    pub result_item: Vec<AccountResultItem>,
}

impl AccountCheckResponse {
    /// The items whose check failed.
    pub fn failures(&self) -> impl Iterator<Item = &AccountResultItem> {
        self.result_item.iter().filter(|i| !i.is_ok())
    }

    /// The accounts checked successfully and reported as not imported.
    pub fn not_imported(&self) -> impl Iterator<Item = &str> {
        self.result_item
            .iter()
            .filter(|i| i.is_ok() && i.account_status == Some(AccountStatus::NotImported))
            .map(|i| i.user_id.as_str())
    }
}
