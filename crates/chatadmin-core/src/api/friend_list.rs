//! Friend lists (named groups of friends): `sns/group_*`.
//!
//! Not to be confused with chat groups (`group_open_http_svc/*`): the service calls a friend
//! list a "group" in its paths and fields (`GroupName`).

use serde::{Deserialize, Serialize};

use crate::api::common::Extra;
use crate::endpoint::{ApiRequest, Area, EndpointMeta, Idempotency};
use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::{self, Limit};
use crate::{impl_response, lenient};

/// "Since the maximum number of groups is 32, the number of groups in a single request must
/// not exceed 32" (seed page for `sns/group_delete`).
pub const GROUP_NAME_LIST: Limit = Limit::items(
    "GroupName",
    32,
    "https://intl.cloud.tencent.com/document/product/1047/34926 (seed page: at most 32 lists per request, an account has at most 32)",
);

/// A friend list name in a request: non-empty. (No byte limit is documented for names in
/// the English or Chinese pages checked; the service rejects what it does not accept.)
const GROUP_NAME: Limit = Limit::bytes("GroupName[]", u32::MAX, "a list name must not be empty");

/// Deletes friend lists of an account (`v4/sns/group_delete`). The friends in them stay
/// friends.
///
/// ```
/// use chatadmin_core::api::friend_list::FriendListDelete;
/// let req = FriendListDelete::new("alice", ["colleagues", "family"]);
/// assert!(chatadmin_core::registry::encode_request(&req).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendListDelete {
    /// The account whose lists are deleted.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The lists to delete (at most 32).
    #[serde(rename = "GroupName")]
    pub group_name: Vec<String>,
}

impl FriendListDelete {
    /// Deletes the named lists of `from`.
    pub fn new<I, S>(from: impl Into<String>, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        FriendListDelete {
            from_account: from.into(),
            group_name: names.into_iter().map(Into::into).collect(),
        }
    }
}

impl ApiRequest for FriendListDelete {
    type Response = FriendListDeleteResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/group_delete",
        area: Area::FriendLists,
        method: "delete",
        summary: "Delete friend lists of an account (the friends stay friends)",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34926",
        rate_limit_per_sec: 200,
        idempotency: Idempotency::Idempotent,
        limits: &[GROUP_NAME_LIST],
        // An account has at most 32 lists, so a longer request is a mistake, not a batch.
        split_field: None,
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        GROUP_NAME_LIST.check_list(&self.group_name, Some(&GROUP_NAME))
    }
}

/// The answer to [`FriendListDelete`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendListDeleteResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// The lists' sequence number after the change.
    #[serde(rename = "CurrentSequence", default, deserialize_with = "lenient::u64")]
    pub current_sequence: u64,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(FriendListDeleteResponse);
