//! What an endpoint is: data.
//!
//! Each endpoint is one request type implementing [`ApiRequest`], which names its response
//! type and its [`EndpointMeta`] (wire path, area, documented limits, rate limit,
//! idempotency). Transports only execute; every surface — Rust client, C, Python, CLI,
//! emulator — reads the same declaration through [`crate::registry`].

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::Limit;

/// The API areas; each becomes a group of methods (`client.friends().delete(..)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Area {
    /// Account import, deletion and checks.
    Accounts,
    /// Login state: kick, online status.
    LoginState,
    /// User profiles.
    Profiles,
    /// Friends (the relation chain).
    Friends,
    /// Friend lists (named groups of friends).
    FriendLists,
    /// Blocklists.
    Blocklist,
    /// Groups.
    Groups,
    /// Group members.
    Members,
    /// Live-broadcast (AVChatRoom) groups: online members, admins, bans.
    LiveGroups,
    /// Group attributes.
    GroupAttrs,
    /// Community topics.
    Topics,
    /// Group counters.
    GroupCounters,
    /// One-to-one messages.
    Messages,
    /// Group messages.
    GroupMessages,
    /// Conversations.
    Conversations,
    /// All-member push.
    Push,
    /// Global mute settings.
    GlobalMute,
    /// Operations data.
    Operations,
    /// Chatbots.
    Chatbots,
}

impl Area {
    /// The accessor name used by every surface (`accounts`, `friend_lists`, ...).
    pub fn accessor(self) -> &'static str {
        match self {
            Area::Accounts => "accounts",
            Area::LoginState => "login_state",
            Area::Profiles => "profiles",
            Area::Friends => "friends",
            Area::FriendLists => "friend_lists",
            Area::Blocklist => "blocklist",
            Area::Groups => "groups",
            Area::Members => "members",
            Area::LiveGroups => "live_groups",
            Area::GroupAttrs => "group_attrs",
            Area::Topics => "topics",
            Area::GroupCounters => "group_counters",
            Area::Messages => "messages",
            Area::GroupMessages => "group_messages",
            Area::Conversations => "conversations",
            Area::Push => "push",
            Area::GlobalMute => "global_mute",
            Area::Operations => "operations",
            Area::Chatbots => "chatbots",
        }
    }
}

impl std::fmt::Display for Area {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.accessor())
    }
}

/// Whether repeating a call can duplicate an effect; decides what a client may retry blindly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Idempotency {
    /// Repeating gives the same state (reads, imports, deletes of named items, sets).
    Idempotent,
    /// Repeating may apply the effect twice (create a group with a generated id, add a
    /// member and notify, ...). Retried only when the service surely did not act.
    NotIdempotent,
    /// Repeating is deduplicated by the service through keys in the body (`MsgRandom`,
    /// `MsgSeq`, `Random`), which the client fixes before the first attempt.
    DedupKeyed,
}

impl Idempotency {
    /// Whether a retry after an unknown outcome is safe.
    pub fn retry_safe(self) -> bool {
        !matches!(self, Idempotency::NotIdempotent)
    }

    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Idempotency::Idempotent => "idempotent",
            Idempotency::NotIdempotent => "not_idempotent",
            Idempotency::DedupKeyed => "dedup_keyed",
        }
    }
}

/// Everything about an endpoint except its types. Made by `#[endpoint(..)]` from the
/// declaration (see [`crate::declare`]).
#[derive(Clone, Copy)]
pub struct EndpointMeta {
    /// The wire path without `v4/`: `sns/friend_delete`.
    pub path: &'static str,
    /// The area.
    pub area: Area,
    /// The method name within the area (`delete` for `client.friends().delete`).
    pub method: &'static str,
    /// A one-line summary.
    pub summary: &'static str,
    /// The official documentation page.
    pub doc_url: &'static str,
    /// The documented default rate limit, calls per second per app.
    pub rate_limit_per_sec: u32,
    /// Whether repeating the call is safe.
    pub idempotency: Idempotency,
    /// The documented per-request limits, each labelled with its field path (read them with
    /// [`EndpointMeta::limits`]; the table is derived from the declaration's `#[limit]`s).
    pub limit_table: fn() -> &'static [Limit],
    /// The list field a client may split into several calls when it is longer than its
    /// limit (per-item results are merged in order). `None` where splitting would change
    /// the meaning of the call.
    pub split_field: Option<&'static str>,
}

impl std::fmt::Debug for EndpointMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EndpointMeta")
            .field("path", &self.path)
            .field("area", &self.area)
            .field("method", &self.method)
            .field("rate_limit_per_sec", &self.rate_limit_per_sec)
            .field("idempotency", &self.idempotency)
            .field("limits", &self.limits())
            .field("split_field", &self.split_field)
            .finish()
    }
}

impl PartialEq for EndpointMeta {
    /// Two declarations are the same endpoint when their wire paths are.
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl Eq for EndpointMeta {}

impl EndpointMeta {
    /// The path with `v4/`, as in the service's docs and URLs.
    pub fn versioned_path(&self) -> String {
        format!("v4/{}", self.path)
    }

    /// `area.method`, the name used in logs and docs.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.area.accessor(), self.method)
    }

    /// The documented per-request limits, labelled with their field paths (`To_Account`,
    /// `AddFriendItem[].Remark`).
    pub fn limits(&self) -> &'static [Limit] {
        (self.limit_table)()
    }

    /// The first limit declared for a field path, if any.
    pub fn limit(&self, field: &str) -> Option<&'static Limit> {
        self.limits().iter().find(|l| l.field == field)
    }

    /// The declaration as JSON, the form every surface prints (`chatadmin api list --json`,
    /// the C and Python catalogs).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "path": self.path,
            "versioned_path": self.versioned_path(),
            "area": self.area.accessor(),
            "method": self.method,
            "summary": self.summary,
            "doc_url": self.doc_url,
            "rate_limit_per_sec": self.rate_limit_per_sec,
            "idempotency": self.idempotency.as_str(),
            "split_field": self.split_field,
            "limits": self.limits().iter().map(Limit::to_json).collect::<Vec<_>>(),
        })
    }
}

/// A typed request of one endpoint.
pub trait ApiRequest: Serialize + DeserializeOwned + Debug + Clone + Send + Sync + 'static {
    /// The typed response.
    type Response: ApiResponse;
    /// The endpoint's declaration.
    const META: &'static EndpointMeta;

    /// Checks every documented rule; the error names the field (wire name) and the limit.
    /// A client calls this before anything is sent.
    fn validate(&self) -> Result<(), ValidationError>;

    /// Whether this request may be repeated after an unknown outcome (a timeout, a reset
    /// connection, a 5xx). Defaults to the endpoint's [`Idempotency`]; a request whose body
    /// makes the service deduplicate it (a create with a caller-chosen id) overrides this.
    fn retry_safe(&self) -> bool {
        Self::META.idempotency.retry_safe()
    }

    /// Splits a request whose list (the endpoint's `split_field`) is longer than its limit
    /// into requests that each fit, in order. `None` when it fits or cannot be split.
    fn split(&self) -> Option<Vec<Self>> {
        None
    }

    /// For paged reads ([`Paginated`]): the wire name of the response's list of items
    /// (`UserDataItem`). `None` for every other endpoint.
    const PAGE_ITEMS: Option<&'static str> = None;

    /// For paged reads: the request for the page after `resp` (this request with the cursor
    /// the response returned), or `None` when `resp` was the last page. An implementation
    /// returns `None` rather than a request whose cursor does not advance, so that a
    /// malformed response cannot make a client loop forever.
    fn next_page(&self, resp: &Self::Response) -> Option<Self> {
        let _ = resp;
        None
    }
}

/// A read that returns its results a page at a time (`sns/friend_get`, `sns/black_list_get`).
///
/// The request names its cursor and the response says where the next page starts; an
/// implementation also overrides [`ApiRequest::next_page`] (which every surface, typed or
/// JSON, uses to walk the pages) and sets [`ApiRequest::PAGE_ITEMS`]. Clients build iterators
/// on this, so a user walks every item without handling cursors.
pub trait Paginated: ApiRequest {
    /// One result item.
    type Item;

    /// The items of one page, in order.
    fn into_items(resp: Self::Response) -> Vec<Self::Item>;
}

/// A typed response.
pub trait ApiResponse:
    Serialize + DeserializeOwned + Debug + Clone + Send + Sync + crate::schema::Describe + 'static
{
    /// The status fields.
    fn status(&self) -> &ResponseStatus;

    /// Merges the responses of the parts of a split request (`first` then `rest`, in
    /// order), keeping every per-item result. Endpoints whose requests split override this;
    /// the default keeps `first`.
    fn merge(first: Self, rest: Vec<Self>) -> Self {
        let _ = rest;
        first
    }

    /// For one part of a split call: an error answer read as that part's per-item results.
    ///
    /// Some endpoints fail a whole call when *every* item failed, while the same items in a
    /// longer call come back as per-item failures (`openim/query_online_status`: "if the query
    /// for all the accounts failed, the return value is not 0", each account listed in
    /// `ErrorList`). Splitting must not turn per-item data into a failed call, so a client
    /// merges such a part as a response with a success status. A client still returns the
    /// error when every part answered this way (what one unsplit call would have done).
    /// `None`, the default, keeps the error.
    fn from_all_items_failed(error: &crate::error::ApiError) -> Option<Self> {
        let _ = error;
        None
    }
}

/// Implements [`ApiResponse`] for a struct with a `status: ResponseStatus` field. With
/// `merge[field, ...]`, the merge of split calls concatenates those list fields in order.
#[macro_export]
macro_rules! impl_response {
    ($t:ty) => {
        impl $crate::schema::Describe for $t {
            fn shape() -> $crate::schema::Shape {
                $crate::schema::Shape::Any
            }
        }
        impl $crate::endpoint::ApiResponse for $t {
            fn status(&self) -> &$crate::envelope::ResponseStatus {
                &self.status
            }
        }
    };
    ($t:ty, merge[$($field:ident),+ $(,)?]) => {
        impl $crate::schema::Describe for $t {
            fn shape() -> $crate::schema::Shape {
                $crate::schema::Shape::Any
            }
        }
        impl $crate::endpoint::ApiResponse for $t {
            fn status(&self) -> &$crate::envelope::ResponseStatus {
                &self.status
            }
            fn merge(mut first: Self, rest: Vec<Self>) -> Self {
                for r in rest {
                    $( first.$field.extend(r.$field); )+
                }
                first
            }
        }
    };
}

/// Splits `items` into chunks of at most `max`, each made into a request by `make`; `None`
/// when everything fits in one.
pub fn split_list<T: Clone, R>(
    items: &[T],
    max: usize,
    mut make: impl FnMut(Vec<T>) -> R,
) -> Option<Vec<R>> {
    if items.len() <= max || max == 0 {
        return None;
    }
    Some(items.chunks(max).map(|c| make(c.to_vec())).collect())
}
