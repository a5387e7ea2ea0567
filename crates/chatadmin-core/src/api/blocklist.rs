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

use crate::api::common::{from_account, sns_accounts, SnsBatchResponse};
use crate::declare::{endpoint, response};
use crate::endpoint::Paginated;
use crate::wire_enum;

/// The most accounts one blocklist holds: "Each user can add up to 1,000 accounts to their Chat
/// blocklist" (Relationship Chain Management); past it the service answers 30013 ("The maximum
/// number of blocked users has been reached", `sns.black_list_add` page).
pub const MAX_BLOCKED_PER_ACCOUNT: usize = 1000;

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
#[endpoint(
    path = "sns/black_list_add",
    summary = "Add accounts to an account's blocklist (ends friendships both ways)",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34911",
    // Blocking again changes nothing (the repeat reports "already exists" per item).
    idempotency = Idempotent,
    response = BlocklistChangeResponse
)]
pub struct BlocklistAdd {
    /// The account whose blocklist grows.
    pub from_account: from_account!(),
    /// The accounts to block (at most 1000 per request; the client splits longer lists).
    pub to_account: sns_accounts!(),
}

/// Removes accounts from an account's blocklist (`v4/sns/black_list_delete`). Friendships
/// ended by the block are not restored.
///
/// ```
/// use chatadmin_core::api::blocklist::BlocklistDelete;
/// let req = BlocklistDelete::new("alice", ["mallory"]);
/// assert!(chatadmin_core::registry::encode_request(&req).is_ok());
/// ```
#[endpoint(
    path = "sns/black_list_delete",
    summary = "Remove accounts from an account's blocklist",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34912",
    // Unblocking again changes nothing (the repeat reports a per-item failure).
    idempotency = Idempotent,
    response = BlocklistChangeResponse
)]
pub struct BlocklistDelete {
    /// The account whose blocklist shrinks.
    pub from_account: from_account!(),
    /// The accounts to unblock (at most 1000 per request; the client splits longer lists).
    pub to_account: sns_accounts!(),
}

/// Reads an account's blocklist a page at a time (`v4/sns/black_list_get`).
///
/// Start with `StartIndex` 0; each answer's `StartIndex` is where the next page starts, and 0
/// there means the whole blocklist has been read ([`ApiRequest::next_page`] follows it).
/// `LastSequence` is 0 for RESTful callers ("For a RESTful API, enter `0`").
///
/// The three paging fields are required by the service and always sent; JSON input (Python
/// keyword arguments, the C and CLI calls) may leave them out and gets [`BlocklistGet::new`]'s
/// values.
///
/// [`ApiRequest::next_page`]: crate::ApiRequest::next_page
///
/// ```
/// use chatadmin_core::api::blocklist::BlocklistGet;
/// let req = BlocklistGet::new("alice").max_limited(100);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["StartIndex"], 0);
/// assert_eq!(body["MaxLimited"], 100);
/// assert_eq!(body["LastSequence"], 0);
/// ```
#[endpoint(
    path = "sns/black_list_get",
    summary = "Read an account's blocklist a page at a time",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34914",
    // A read.
    idempotency = Idempotent,
    response = BlocklistGetResponse,
    page_items = "BlackListItem",
    next_page = BlocklistGet::page_after
)]
pub struct BlocklistGet {
    /// The account whose blocklist is read.
    pub from_account: from_account!(),
    /// Where the page starts (0 for the first page).
    #[serde(rename = "StartIndex", default)]
    pub start_index: u64,
    /// The most entries per page (1 to 1000).
    #[serde(rename = "MaxLimited", default = "BlocklistGet::default_max_limited")]
    #[limit(
        range(min = 1, max = 1000),
        source = "not documented for sns/black_list_get (https://intl.cloud.tencent.com/document/product/1047/34914); derived: a page must hold at least one entry, and a blocklist holds at most 1,000 accounts (https://intl.cloud.tencent.com/document/product/1047/33521)"
    )]
    pub max_limited: u32,
    /// The sequence the last read returned; 0 for RESTful callers.
    #[serde(rename = "LastSequence", default)]
    pub last_sequence: u64,
}

impl BlocklistGet {
    /// The default page size of [`BlocklistGet::new`]: a whole blocklist in one page.
    pub const DEFAULT_MAX_LIMITED: u32 = 1000;

    fn default_max_limited() -> u32 {
        Self::DEFAULT_MAX_LIMITED
    }

    /// The page at the answer's `StartIndex`; `None` when it is 0 ("`0` indicates that the
    /// entire blocklist has been pulled") or does not move past this page's start.
    fn page_after(&self, resp: &BlocklistGetResponse) -> Option<Self> {
        let next = resp.start_index;
        (next != 0 && next > self.start_index).then(|| BlocklistGet {
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
#[response(item)]
pub struct BlocklistEntry {
    /// The blocked account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// When it was blocked, unix seconds.
    #[serde(rename = "AddBlackTimeStamp")]
    pub add_black_time_stamp: u64,
}

/// The answer to [`BlocklistGet`]: one page.
#[response]
pub struct BlocklistGetResponse {
    /// The blocked accounts of this page.
    #[serde(rename = "BlackListItem")]
    pub black_list_item: Vec<BlocklistEntry>,
    /// Where the next page starts; 0 when the whole blocklist has been read.
    #[serde(rename = "StartIndex")]
    pub start_index: u64,
    /// The blocklist's sequence under the documented key `CurruentSequence` (sic), when the
    /// service sent that key. Read it with [`BlocklistGetResponse::sequence`].
    #[serde(rename = "CurruentSequence")]
    pub curruent_sequence: Option<u64>,
    /// The blocklist's sequence under the corrected key `CurrentSequence`, when the service
    /// sent that key instead.
    #[serde(rename = "CurrentSequence")]
    pub current_sequence: Option<u64>,
}

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
#[endpoint(
    path = "sns/black_list_check",
    summary = "Check the blocklist relation between an account and others",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34913",
    // A read.
    idempotency = Idempotent,
    response = BlocklistCheckResponse
)]
pub struct BlocklistCheck {
    /// The account whose blocklist is checked.
    pub from_account: from_account!(),
    /// The accounts to check (at most 1000 per request; the client splits longer lists).
    pub to_account: sns_accounts!(),
    /// One-way or both ways.
    #[serde(rename = "CheckType")]
    pub check_type: BlockCheckType,
}

/// One result of [`BlocklistCheck`].
#[response(item)]
pub struct BlocklistCheckItem {
    /// The checked account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The relation (meaningful when `ResultCode` is 0; absent only if the service leaves it
    /// out).
    #[serde(rename = "Relation")]
    pub relation: Option<BlockRelation>,
    /// 0 on success, otherwise an error code.
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

impl BlocklistCheckItem {
    /// Whether this account's check succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }
}

/// The answer to [`BlocklistCheck`]: one item per requested account, in request order.
#[response]
pub struct BlocklistCheckResponse {
    /// Per-account results.
    #[serde(rename = "BlackListCheckItem")]
    #[merge]
    pub black_list_check_item: Vec<BlocklistCheckItem>,
    /// The accounts whose check failed; sent only when there are some.
    #[serde(rename = "Fail_Account", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub fail_account: Vec<String>,
}

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
