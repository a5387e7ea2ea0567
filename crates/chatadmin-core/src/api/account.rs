//! Accounts: `im_open_login_svc/account_import`, `multiaccount_import`, `account_delete` and
//! `account_check`.
//!
//! An account must be imported before it can log in, be messaged or join groups. Importing is
//! idempotent: importing an account again creates no second internal ID.

use serde::{Deserialize, Serialize};

use crate::api::common::{Extra, StatusResponse};
use crate::endpoint::{split_list, ApiRequest, Area, EndpointMeta, Idempotency};
use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::{self, Limit};
use crate::{impl_response, lenient, wire_enum};

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// `account_import`: `Nick` is a profile field, and "the value of the profile field exceeds
/// the length limit of 500 bytes" is error 40601 of the page. May be empty.
pub const ACCOUNT_IMPORT_NICK: Limit = Limit::bytes_or_empty(
    "Nick",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/34953 (error 40601: a profile field value is at most 500 bytes)",
);

/// `account_import`: `FaceUrl` is a profile field; at most 500 bytes (error 40601 of the page).
/// May be empty.
pub const ACCOUNT_IMPORT_FACE_URL: Limit = Limit::bytes_or_empty(
    "FaceUrl",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/34953 (error 40601: a profile field value is at most 500 bytes)",
);

/// `multiaccount_import`, first form: "Up to 100 user names can be imported at a time".
pub const MULTI_ACCOUNT_IMPORT_ACCOUNTS: Limit = Limit::items(
    "Accounts",
    100,
    "https://intl.cloud.tencent.com/document/product/1047/34954 (Accounts: at most 100 user names per request)",
);

/// `multiaccount_import`, first form: "A single user name cannot exceed 32 bytes in length".
pub const MULTI_ACCOUNT_IMPORT_ACCOUNT_ID: Limit = Limit::bytes(
    "Accounts[]",
    32,
    "https://intl.cloud.tencent.com/document/product/1047/34954 (Accounts: each user name at most 32 bytes)",
);

/// `multiaccount_import`, second ("new version") form: "List of users to be imported, up to
/// 100 users can be imported at a time". Documented on the current page
/// (tencentcloud.com/document/product/1047/34954, trtc.io/document/34954, and the Chinese page
/// cloud.tencent.com/document/product/269/4919), not in the 2024-12 English snapshot, which
/// shows only `Accounts`.
pub const MULTI_ACCOUNT_IMPORT_ACCOUNT_LIST: Limit = Limit::items(
    "AccountList",
    100,
    "https://www.tencentcloud.com/document/product/1047/34954 (AccountList: at most 100 users per request)",
);

/// `multiaccount_import`, second form: "UserID ... a string of up to 32 bytes in length".
pub const MULTI_ACCOUNT_IMPORT_USER_ID: Limit = Limit::bytes(
    "AccountList[].UserID",
    32,
    "https://www.tencentcloud.com/document/product/1047/34954 (AccountList[].UserID: at most 32 bytes)",
);

/// `multiaccount_import`, second form: `Nick` is the standard profile field the page refers
/// to; a profile field value is at most 500 bytes (public error 40601). May be empty.
pub const MULTI_ACCOUNT_IMPORT_NICK: Limit = Limit::bytes_or_empty(
    "AccountList[].Nick",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/34348 (error 40601: a profile field value is at most 500 bytes)",
);

/// `multiaccount_import`, second form: `FaceUrl` is a standard profile field; at most 500
/// bytes (public error 40601). May be empty.
pub const MULTI_ACCOUNT_IMPORT_FACE_URL: Limit = Limit::bytes_or_empty(
    "AccountList[].FaceUrl",
    500,
    "https://intl.cloud.tencent.com/document/product/1047/34348 (error 40601: a profile field value is at most 500 bytes)",
);

/// `account_delete`: "A single request can contain up to 100 accounts".
pub const ACCOUNT_DELETE_ITEMS: Limit = Limit::items(
    "DeleteItem",
    100,
    "https://intl.cloud.tencent.com/document/product/1047/34955 (DeleteItem: at most 100 accounts per request)",
);

/// `account_check`: "A single request can contain up to 100 accounts".
pub const ACCOUNT_CHECK_ITEMS: Limit = Limit::items(
    "CheckItem",
    100,
    "https://intl.cloud.tencent.com/document/product/1047/34956 (CheckItem: at most 100 accounts per request)",
);

// ---------------------------------------------------------------------------------------------
// Shared types
// ---------------------------------------------------------------------------------------------

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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserIdItem {
    /// The account.
    #[serde(rename = "UserID")]
    pub user_id: String,
}

impl UserIdItem {
    /// The item for `user_id`.
    pub fn new(user_id: impl Into<String>) -> Self {
        UserIdItem {
            user_id: user_id.into(),
        }
    }
}

impl From<&str> for UserIdItem {
    fn from(s: &str) -> Self {
        UserIdItem::new(s)
    }
}

impl From<String> for UserIdItem {
    fn from(s: String) -> Self {
        UserIdItem::new(s)
    }
}

fn user_id_items<I, S>(ids: I) -> Vec<UserIdItem>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    ids.into_iter().map(UserIdItem::new).collect()
}

/// Checks the `UserID` of every item, with paths `field[i].UserID`.
fn check_user_id_items(field: &str, items: &[UserIdItem]) -> Result<(), ValidationError> {
    for (i, item) in items.iter().enumerate() {
        validate::user_id(&format!("{field}[{i}].UserID"), &item.user_id)?;
    }
    Ok(())
}

/// The per-account result item of `account_delete` and `account_check`:
/// `{UserID, ResultCode, ResultInfo[, AccountStatus]}`.
///
/// The call as a whole succeeds while single accounts fail: check `result_code` per item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AccountResultItem {
    /// The account this result is about.
    #[serde(rename = "UserID", default, deserialize_with = "lenient::string")]
    pub user_id: String,
    /// 0 on success, otherwise an error code (70107: the account does not exist; see
    /// [`crate::codes`]).
    #[serde(rename = "ResultCode", default, deserialize_with = "lenient::i64")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo", default, deserialize_with = "lenient::string")]
    pub result_info: String,
    /// Whether the account is imported (`account_check` only).
    #[serde(
        rename = "AccountStatus",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_enum"
    )]
    pub account_status: Option<AccountStatus>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountImport {
    /// The account to import: 1 to 32 bytes.
    #[serde(rename = "UserID")]
    pub user_id: String,
    /// The nickname (at most 500 bytes).
    #[serde(rename = "Nick", default, skip_serializing_if = "Option::is_none")]
    pub nick: Option<String>,
    /// The avatar URL (at most 500 bytes).
    #[serde(rename = "FaceUrl", default, skip_serializing_if = "Option::is_none")]
    pub face_url: Option<String>,
}

impl AccountImport {
    /// Imports `user_id` without profile fields.
    pub fn new(user_id: impl Into<String>) -> Self {
        AccountImport {
            user_id: user_id.into(),
            nick: None,
            face_url: None,
        }
    }

    /// Sets the nickname.
    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    /// Sets the avatar URL.
    pub fn face_url(mut self, url: impl Into<String>) -> Self {
        self.face_url = Some(url.into());
        self
    }
}

impl ApiRequest for AccountImport {
    type Response = AccountImportResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "im_open_login_svc/account_import",
        area: Area::Accounts,
        method: "import",
        summary: "Import one account, optionally with its nickname and avatar URL",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34953",
        rate_limit_per_sec: 200,
        // "If the same account is imported to Chat repeatedly, only one internal ID will be
        // created for the account."
        idempotency: Idempotency::Idempotent,
        limit_table: || {
            &[
                validate::USER_ID,
                ACCOUNT_IMPORT_NICK,
                ACCOUNT_IMPORT_FACE_URL,
            ]
        },
        split_field: None,
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("UserID", &self.user_id)?;
        if let Some(nick) = &self.nick {
            ACCOUNT_IMPORT_NICK.check_str("Nick", nick)?;
        }
        if let Some(url) = &self.face_url {
            ACCOUNT_IMPORT_FACE_URL.check_str("FaceUrl", url)?;
        }
        Ok(())
    }
}

/// The answer to [`AccountImport`]: the status only.
pub type AccountImportResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// multiaccount_import
// ---------------------------------------------------------------------------------------------

/// One item of [`MultiAccountImport`]'s `AccountList`: an account with its optional nickname
/// and avatar URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountProfile {
    /// The account to import: 1 to 32 bytes.
    #[serde(rename = "UserID")]
    pub user_id: String,
    /// The nickname (at most 500 bytes).
    #[serde(rename = "Nick", default, skip_serializing_if = "Option::is_none")]
    pub nick: Option<String>,
    /// The avatar URL (at most 500 bytes).
    #[serde(rename = "FaceUrl", default, skip_serializing_if = "Option::is_none")]
    pub face_url: Option<String>,
}

impl AccountProfile {
    /// The account `user_id` without profile fields.
    pub fn new(user_id: impl Into<String>) -> Self {
        AccountProfile {
            user_id: user_id.into(),
            nick: None,
            face_url: None,
        }
    }

    /// Sets the nickname.
    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    /// Sets the avatar URL.
    pub fn face_url(mut self, url: impl Into<String>) -> Self {
        self.face_url = Some(url.into());
        self
    }

    fn validate_at(&self, path: &str) -> Result<(), ValidationError> {
        MULTI_ACCOUNT_IMPORT_USER_ID.check_str(&format!("{path}.UserID"), &self.user_id)?;
        if let Some(nick) = &self.nick {
            MULTI_ACCOUNT_IMPORT_NICK.check_str(&format!("{path}.Nick"), nick)?;
        }
        if let Some(url) = &self.face_url {
            MULTI_ACCOUNT_IMPORT_FACE_URL.check_str(&format!("{path}.FaceUrl"), url)?;
        }
        Ok(())
    }
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultiAccountImport {
    /// The first form: the accounts to import, IDs only (at most 100, each 1 to 32 bytes).
    #[serde(rename = "Accounts", default, skip_serializing_if = "Option::is_none")]
    pub accounts: Option<Vec<String>>,
    /// The second form: the accounts to import with their profile fields (at most 100).
    #[serde(
        rename = "AccountList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub account_list: Option<Vec<AccountProfile>>,
}

impl MultiAccountImport {
    /// Imports the accounts `ids` (the `Accounts` form).
    pub fn ids<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        MultiAccountImport {
            accounts: Some(ids.into_iter().map(Into::into).collect()),
            account_list: None,
        }
    }

    /// Imports the accounts with their nicknames and avatar URLs (the `AccountList` form).
    pub fn with_profiles<I>(accounts: I) -> Self
    where
        I: IntoIterator<Item = AccountProfile>,
    {
        MultiAccountImport {
            accounts: None,
            account_list: Some(accounts.into_iter().collect()),
        }
    }

    /// The UserIDs imported, in request order, whichever form is used.
    pub fn user_ids(&self) -> impl Iterator<Item = &str> {
        let ids = self.accounts.iter().flatten().map(String::as_str);
        let profiles = self
            .account_list
            .iter()
            .flatten()
            .map(|p| p.user_id.as_str());
        ids.chain(profiles)
    }
}

impl ApiRequest for MultiAccountImport {
    type Response = MultiAccountImportResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "im_open_login_svc/multiaccount_import",
        area: Area::Accounts,
        method: "import_many",
        summary: "Import up to 100 accounts, by ID or with nicknames and avatar URLs",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34954",
        rate_limit_per_sec: 100,
        // Re-importing creates no second internal ID; with `AccountList` a repeat sets the same
        // profile values again.
        idempotency: Idempotency::Idempotent,
        limit_table: || {
            &[
                MULTI_ACCOUNT_IMPORT_ACCOUNTS,
                MULTI_ACCOUNT_IMPORT_ACCOUNT_ID,
                MULTI_ACCOUNT_IMPORT_ACCOUNT_LIST,
                MULTI_ACCOUNT_IMPORT_USER_ID,
                MULTI_ACCOUNT_IMPORT_NICK,
                MULTI_ACCOUNT_IMPORT_FACE_URL,
            ]
        },
        // Metadata holds one name: `Accounts`. A request in the `AccountList` form splits the
        // same way (100 per request, in order); `split()` handles both forms.
        split_field: Some("Accounts"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        match (&self.accounts, &self.account_list) {
            (Some(_), Some(_)) => Err(ValidationError::new(
                "",
                "the body has both `Accounts` and `AccountList`; send exactly one of them \
                 (`Accounts` for IDs only, `AccountList` to set Nick/FaceUrl too)",
            )),
            (None, None) => Err(ValidationError::new(
                "",
                "the body needs exactly one of `Accounts` (IDs only) or `AccountList` \
                 (IDs with Nick/FaceUrl); neither was given",
            )),
            (Some(ids), None) => MULTI_ACCOUNT_IMPORT_ACCOUNTS
                .check_list(ids, Some(&MULTI_ACCOUNT_IMPORT_ACCOUNT_ID)),
            (None, Some(list)) => {
                MULTI_ACCOUNT_IMPORT_ACCOUNT_LIST.check_items("AccountList", list.len())?;
                for (i, profile) in list.iter().enumerate() {
                    profile.validate_at(&format!("AccountList[{i}]"))?;
                }
                Ok(())
            }
        }
    }

    fn split(&self) -> Option<Vec<Self>> {
        match (&self.accounts, &self.account_list) {
            (Some(ids), None) => {
                split_list(ids, MULTI_ACCOUNT_IMPORT_ACCOUNTS.max_items()?, |chunk| {
                    MultiAccountImport {
                        accounts: Some(chunk),
                        account_list: None,
                    }
                })
            }
            (None, Some(list)) => split_list(
                list,
                MULTI_ACCOUNT_IMPORT_ACCOUNT_LIST.max_items()?,
                |chunk| MultiAccountImport {
                    accounts: None,
                    account_list: Some(chunk),
                },
            ),
            // Both or neither: invalid, nothing to split.
            _ => None,
        }
    }
}

/// The answer to [`MultiAccountImport`]: the accounts that could not be imported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MultiAccountImportResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// The accounts that failed to be imported (the call as a whole still succeeded).
    #[serde(
        rename = "FailAccounts",
        default,
        deserialize_with = "lenient::string_vec"
    )]
    pub fail_accounts: Vec<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(MultiAccountImportResponse, merge[fail_accounts]);

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountDelete {
    /// The accounts to delete (at most 100 per request; the client splits longer lists).
    #[serde(rename = "DeleteItem")]
    pub delete_item: Vec<UserIdItem>,
}

impl AccountDelete {
    /// Deletes the accounts `ids`.
    pub fn new<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AccountDelete {
            delete_item: user_id_items(ids),
        }
    }
}

impl ApiRequest for AccountDelete {
    type Response = AccountDeleteResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "im_open_login_svc/account_delete",
        area: Area::Accounts,
        method: "delete",
        summary: "Delete accounts and their data, irreversibly (trial-edition apps only)",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34955",
        rate_limit_per_sec: 100,
        // Deleting the same accounts again changes nothing more (the repeat reports 70107 per
        // item, which is data, not a duplicated effect).
        idempotency: Idempotency::Idempotent,
        limit_table: || &[ACCOUNT_DELETE_ITEMS],
        split_field: Some("DeleteItem"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        ACCOUNT_DELETE_ITEMS.check_items("DeleteItem", self.delete_item.len())?;
        check_user_id_items("DeleteItem", &self.delete_item)
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.delete_item,
            ACCOUNT_DELETE_ITEMS.max_items()?,
            |chunk| AccountDelete { delete_item: chunk },
        )
    }
}

/// The answer to [`AccountDelete`]: one result per requested account.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AccountDeleteResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-account results.
    #[serde(rename = "ResultItem", default, deserialize_with = "lenient::vec")]
    pub result_item: Vec<AccountResultItem>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(AccountDeleteResponse, merge[result_item]);

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountCheck {
    /// The accounts to check (at most 100 per request; the client splits longer lists).
    #[serde(rename = "CheckItem")]
    pub check_item: Vec<UserIdItem>,
}

impl AccountCheck {
    /// Checks the accounts `ids`.
    pub fn new<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AccountCheck {
            check_item: user_id_items(ids),
        }
    }
}

impl ApiRequest for AccountCheck {
    type Response = AccountCheckResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "im_open_login_svc/account_check",
        area: Area::Accounts,
        method: "check",
        summary: "Check whether accounts have been imported",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34956",
        rate_limit_per_sec: 100,
        idempotency: Idempotency::Idempotent,
        limit_table: || &[ACCOUNT_CHECK_ITEMS],
        split_field: Some("CheckItem"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        ACCOUNT_CHECK_ITEMS.check_items("CheckItem", self.check_item.len())?;
        check_user_id_items("CheckItem", &self.check_item)
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.check_item,
            ACCOUNT_CHECK_ITEMS.max_items()?,
            |chunk| AccountCheck { check_item: chunk },
        )
    }
}

/// The answer to [`AccountCheck`]: one result per requested account, with its
/// [`AccountStatus`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AccountCheckResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-account results.
    #[serde(rename = "ResultItem", default, deserialize_with = "lenient::vec")]
    pub result_item: Vec<AccountResultItem>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(AccountCheckResponse, merge[result_item]);

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
