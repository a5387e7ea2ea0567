//! Blocklists: `sns/black_list_*`.
//!
//! "Each user can add up to 1,000 accounts to their Chat blocklist", and blocking someone ends
//! a friendship between the two in both directions (Relationship Chain Management,
//! <https://intl.cloud.tencent.com/document/product/1047/33521>; the `sns.black_list_add` page
//! says the same).
//!
//! # The sequence key of `black_list_get`
//!
//! The English and Chinese pages of `sns/black_list_get` spell the response's sequence
//! `CurruentSequence` (sic); some material spells it `CurrentSequence`. [`BlocklistGetResponse`]
//! keeps each spelling in its own field, so a response re-encodes with exactly the key the
//! service sent, and [`BlocklistGetResponse::sequence`] reads whichever came.

use serde::{Deserialize, Serialize};

use crate::api::common::{Extra, SnsBatchResponse};
use crate::endpoint::{split_list, ApiRequest, Area, EndpointMeta, Idempotency, Paginated};
use crate::enums::WireEnum;
use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::{self, Limit};
use crate::{impl_response, lenient, wire_enum};

/// The most accounts one blocklist holds: "Each user can add up to 1,000 accounts to their Chat
/// blocklist" (Relationship Chain Management); past it the service answers 30013 ("The maximum
/// number of blocked users has been reached", `sns.black_list_add` page).
pub const MAX_BLOCKED_PER_ACCOUNT: usize = 1000;

/// `sns/black_list_add`: "This array should not contain more than 1000 UserIDs".
pub const BLOCKLIST_ADD_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    1000,
    "https://intl.cloud.tencent.com/document/product/1047/34911 (To_Account: \"should not contain more than 1000 UserIDs\")",
);

/// `sns/black_list_delete`: "The number of To_Accounts in a single request cannot exceed
/// 1,000".
pub const BLOCKLIST_DELETE_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    1000,
    "https://intl.cloud.tencent.com/document/product/1047/34912 (To_Account: \"cannot exceed 1,000\" per request)",
);

/// `sns/black_list_check`: "This field supports up to 1,000 UserIDs per request".
pub const BLOCKLIST_CHECK_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    1000,
    "https://intl.cloud.tencent.com/document/product/1047/34913 (To_Account: \"up to 1,000 UserIDs per request\")",
);

/// `sns/black_list_get` `MaxLimited`: the page documents no range. A page holds at least one
/// entry to make progress, and a blocklist holds at most 1000 accounts, so 1..=1000.
pub const BLOCKLIST_GET_MAX_LIMITED: Limit = Limit::range(
    "MaxLimited",
    1,
    1000,
    "not documented for sns/black_list_get (https://intl.cloud.tencent.com/document/product/1047/34914); derived: a page must hold at least one entry, and a blocklist holds at most 1,000 accounts (https://intl.cloud.tencent.com/document/product/1047/33521)",
);

wire_enum! {
    /// What `sns/black_list_check` checks (`CheckType`).
    pub enum BlockCheckType {
        /// Only whether `To_Account` is in `From_Account`'s blocklist.
        Single = "BlackCheckResult_Type_Single",
        /// Both directions.
        Both = "BlackCheckResult_Type_Both",
    }
}

wire_enum! {
    /// The blocklist relation of two accounts A (`From_Account`) and B (`To_Account`), as
    /// Relationship Chain Management defines it.
    pub enum BlockRelation {
        /// B is in A's blocklist and A is in B's.
        BothWay = "BlackCheckResult_Type_BothWay",
        /// B is in A's blocklist. From a `Single` check: whether A is in B's was not checked;
        /// from a `Both` check: A is not in B's.
        AWithB = "BlackCheckResult_Type_AWithB",
        /// B is not in A's blocklist but A is in B's (`Both` checks only).
        BWithA = "BlackCheckResult_Type_BWithA",
        /// B is not in A's blocklist (and, with `Both`, A is not in B's).
        No = "BlackCheckResult_Type_NO",
    }
}

impl BlockRelation {
    /// Whether `From_Account` blocked `To_Account`.
    pub fn from_blocked_to(&self) -> bool {
        matches!(self, BlockRelation::BothWay | BlockRelation::AWithB)
    }

    /// Whether `To_Account` blocked `From_Account` (known only from a `Both` check).
    pub fn to_blocked_from(&self) -> bool {
        matches!(self, BlockRelation::BothWay | BlockRelation::BWithA)
    }
}

/// The answer to [`BlocklistAdd`] and [`BlocklistDelete`]: one result per requested account,
/// in request order, and the accounts that failed.
pub type BlocklistChangeResponse = SnsBatchResponse;

/// Adds accounts to an account's blocklist (`v4/sns/black_list_add`). A friendship between
/// the two ends, in both directions.
///
/// ```
/// use chatadmin_core::api::blocklist::BlocklistAdd;
/// let req = BlocklistAdd::new("alice", ["mallory"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["To_Account"][0], "mallory");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocklistAdd {
    /// The account whose blocklist grows.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The accounts to block (at most 1000 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
}

impl BlocklistAdd {
    /// Blocks `to` for `from`.
    pub fn new<I, S>(from: impl Into<String>, to: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        BlocklistAdd {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
        }
    }
}

impl ApiRequest for BlocklistAdd {
    type Response = BlocklistChangeResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/black_list_add",
        area: Area::Blocklist,
        method: "add",
        summary: "Add accounts to an account's blocklist (ends friendships both ways)",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34911",
        rate_limit_per_sec: 200,
        // Blocking again changes nothing (the repeat reports "already exists" per item).
        idempotency: Idempotency::Idempotent,
        limits: &[BLOCKLIST_ADD_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        BLOCKLIST_ADD_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            BLOCKLIST_ADD_TO_ACCOUNT.max_items()?,
            |chunk| BlocklistAdd {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// Removes accounts from an account's blocklist (`v4/sns/black_list_delete`). Friendships
/// ended by the block are not restored.
///
/// ```
/// use chatadmin_core::api::blocklist::BlocklistDelete;
/// let req = BlocklistDelete::new("alice", ["mallory"]);
/// assert!(chatadmin_core::registry::encode_request(&req).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocklistDelete {
    /// The account whose blocklist shrinks.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The accounts to unblock (at most 1000 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
}

impl BlocklistDelete {
    /// Unblocks `to` for `from`.
    pub fn new<I, S>(from: impl Into<String>, to: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        BlocklistDelete {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
        }
    }
}

impl ApiRequest for BlocklistDelete {
    type Response = BlocklistChangeResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/black_list_delete",
        area: Area::Blocklist,
        method: "delete",
        summary: "Remove accounts from an account's blocklist",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34912",
        rate_limit_per_sec: 200,
        // Unblocking again changes nothing (the repeat reports a per-item failure).
        idempotency: Idempotency::Idempotent,
        limits: &[BLOCKLIST_DELETE_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        BLOCKLIST_DELETE_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            BLOCKLIST_DELETE_TO_ACCOUNT.max_items()?,
            |chunk| BlocklistDelete {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// Reads an account's blocklist a page at a time (`v4/sns/black_list_get`).
///
/// Start with `StartIndex` 0; each answer's `StartIndex` is where the next page starts, and 0
/// there means the whole blocklist has been read ([`ApiRequest::next_page`] follows it).
/// `LastSequence` is 0 for RESTful callers ("For a RESTful API, enter `0`").
///
/// ```
/// use chatadmin_core::api::blocklist::BlocklistGet;
/// let req = BlocklistGet::new("alice").max_limited(100);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["StartIndex"], 0);
/// assert_eq!(body["MaxLimited"], 100);
/// assert_eq!(body["LastSequence"], 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocklistGet {
    /// The account whose blocklist is read.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Where the page starts (0 for the first page).
    #[serde(rename = "StartIndex", default)]
    pub start_index: u64,
    /// The most entries per page (1 to 1000).
    #[serde(rename = "MaxLimited", default = "default_max_limited")]
    pub max_limited: u32,
    /// The sequence the last read returned; 0 for RESTful callers.
    #[serde(rename = "LastSequence", default)]
    pub last_sequence: u64,
}

/// The three fields are required by the service and always sent; JSON input (Python keyword
/// arguments, the C and CLI calls) may leave them out and gets [`BlocklistGet::new`]'s values.
fn default_max_limited() -> u32 {
    BlocklistGet::DEFAULT_MAX_LIMITED
}

impl BlocklistGet {
    /// The default page size of [`BlocklistGet::new`]: a whole blocklist in one page.
    pub const DEFAULT_MAX_LIMITED: u32 = 1000;

    /// The first page of `from`'s blocklist, up to 1000 entries.
    pub fn new(from: impl Into<String>) -> Self {
        BlocklistGet {
            from_account: from.into(),
            start_index: 0,
            max_limited: Self::DEFAULT_MAX_LIMITED,
            last_sequence: 0,
        }
    }

    /// Sets the page size.
    pub fn max_limited(mut self, n: u32) -> Self {
        self.max_limited = n;
        self
    }

    /// Sets where the page starts.
    pub fn start_index(mut self, i: u64) -> Self {
        self.start_index = i;
        self
    }

    /// Sets `LastSequence`.
    pub fn last_sequence(mut self, s: u64) -> Self {
        self.last_sequence = s;
        self
    }
}

impl ApiRequest for BlocklistGet {
    type Response = BlocklistGetResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/black_list_get",
        area: Area::Blocklist,
        method: "get",
        summary: "Read an account's blocklist a page at a time",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34914",
        rate_limit_per_sec: 200,
        // A read.
        idempotency: Idempotency::Idempotent,
        limits: &[BLOCKLIST_GET_MAX_LIMITED],
        split_field: None,
    };

    const PAGE_ITEMS: Option<&'static str> = Some("BlackListItem");

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        BLOCKLIST_GET_MAX_LIMITED.check_int("MaxLimited", i64::from(self.max_limited))
    }

    /// The page at the answer's `StartIndex`; `None` when it is 0 ("`0` indicates that the
    /// entire blocklist has been pulled") or does not move past this page's start.
    fn next_page(&self, resp: &BlocklistGetResponse) -> Option<Self> {
        let next = resp.start_index;
        if next == 0 || next <= self.start_index {
            return None;
        }
        Some(BlocklistGet {
            start_index: next,
            ..self.clone()
        })
    }
}

impl Paginated for BlocklistGet {
    type Item = BlocklistEntry;

    fn into_items(resp: BlocklistGetResponse) -> Vec<BlocklistEntry> {
        resp.black_list_item
    }
}

/// One blocked account.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BlocklistEntry {
    /// The blocked account.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// When it was blocked, unix seconds.
    #[serde(
        rename = "AddBlackTimeStamp",
        default,
        deserialize_with = "lenient::u64"
    )]
    pub add_black_time_stamp: u64,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to [`BlocklistGet`]: one page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BlocklistGetResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// The blocked accounts of this page.
    #[serde(rename = "BlackListItem", default, deserialize_with = "lenient::vec")]
    pub black_list_item: Vec<BlocklistEntry>,
    /// Where the next page starts; 0 when the whole blocklist has been read.
    #[serde(rename = "StartIndex", default, deserialize_with = "lenient::u64")]
    pub start_index: u64,
    /// The blocklist's sequence under the documented key `CurruentSequence` (sic), when the
    /// service sent that key. Read it with [`BlocklistGetResponse::sequence`].
    #[serde(
        rename = "CurruentSequence",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub curruent_sequence: Option<u64>,
    /// The blocklist's sequence under the corrected key `CurrentSequence`, when the service
    /// sent that key instead.
    #[serde(
        rename = "CurrentSequence",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub current_sequence: Option<u64>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(BlocklistGetResponse);

impl BlocklistGetResponse {
    /// The blocklist's latest sequence, whichever key carried it (`CurruentSequence` first);
    /// 0 when neither came.
    pub fn sequence(&self) -> u64 {
        self.curruent_sequence
            .or(self.current_sequence)
            .unwrap_or_default()
    }

    /// Whether this was the last page.
    pub fn is_last_page(&self) -> bool {
        self.start_index == 0
    }
}

/// Checks the blocklist relation between an account and others (`v4/sns/black_list_check`).
///
/// ```
/// use chatadmin_core::api::blocklist::{BlockCheckType, BlocklistCheck};
/// let req = BlocklistCheck::new("alice", ["bob"], BlockCheckType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["CheckType"], "BlackCheckResult_Type_Both");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocklistCheck {
    /// The account whose blocklist is checked.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The accounts to check (at most 1000 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
    /// One-way or both ways.
    #[serde(rename = "CheckType")]
    pub check_type: BlockCheckType,
}

impl BlocklistCheck {
    /// Checks `to` against `from`'s blocklist (and, with `Both`, `from` against theirs).
    pub fn new<I, S>(from: impl Into<String>, to: I, check_type: BlockCheckType) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        BlocklistCheck {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
            check_type,
        }
    }
}

impl ApiRequest for BlocklistCheck {
    type Response = BlocklistCheckResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/black_list_check",
        area: Area::Blocklist,
        method: "check",
        summary: "Check the blocklist relation between an account and others",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34913",
        rate_limit_per_sec: 200,
        // A read.
        idempotency: Idempotency::Idempotent,
        limits: &[BLOCKLIST_CHECK_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        BLOCKLIST_CHECK_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)?;
        self.check_type.check("CheckType")
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            BLOCKLIST_CHECK_TO_ACCOUNT.max_items()?,
            |chunk| BlocklistCheck {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// One result of [`BlocklistCheck`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BlocklistCheckItem {
    /// The checked account.
    #[serde(rename = "To_Account", default, deserialize_with = "lenient::string")]
    pub to_account: String,
    /// The relation (meaningful when `ResultCode` is 0; absent only if the service leaves it
    /// out).
    #[serde(
        rename = "Relation",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_enum"
    )]
    pub relation: Option<BlockRelation>,
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

impl BlocklistCheckItem {
    /// Whether this account's check succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }
}

/// The answer to [`BlocklistCheck`]: one item per requested account, in request order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BlocklistCheckResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-account results.
    #[serde(
        rename = "BlackListCheckItem",
        default,
        deserialize_with = "lenient::vec"
    )]
    pub black_list_check_item: Vec<BlocklistCheckItem>,
    /// The accounts whose check failed; sent only when there are some.
    #[serde(
        rename = "Fail_Account",
        default,
        deserialize_with = "lenient::string_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub fail_account: Vec<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(BlocklistCheckResponse, merge[black_list_check_item, fail_account]);

impl BlocklistCheckResponse {
    /// The items whose check failed.
    pub fn failures(&self) -> impl Iterator<Item = &BlocklistCheckItem> {
        self.black_list_check_item.iter().filter(|i| !i.is_ok())
    }

    /// The relation reported for `account`, if it was checked successfully.
    pub fn relation(&self, account: &str) -> Option<&BlockRelation> {
        self.black_list_check_item
            .iter()
            .find(|i| i.to_account == account && i.is_ok())
            .and_then(|i| i.relation.as_ref())
    }
}
