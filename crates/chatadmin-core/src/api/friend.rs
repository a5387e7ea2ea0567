//! Friends (the relation chain): `sns/friend_*`.

use serde::{Deserialize, Serialize};

use crate::api::common::{Extra, SnsResultItem};
use crate::endpoint::{split_list, ApiRequest, Area, EndpointMeta, Idempotency};
use crate::enums::WireEnum;
use crate::envelope::ResponseStatus;
use crate::error::ValidationError;
use crate::validate::{self, Limit};
use crate::{impl_response, lenient, wire_enum};

wire_enum! {
    /// How friends are deleted.
    pub enum DeleteType {
        /// Remove the friend from the requester's list only (the default).
        Single = "Delete_Type_Single",
        /// Remove the friendship on both sides.
        Both = "Delete_Type_Both",
    }
}

/// `sns/friend_delete`: "Each request cannot contain more than 1000 UserIDs" (doc page
/// sns.friend_delete, 2024-12; also the seed page).
pub const FRIEND_DELETE_TO_ACCOUNT: Limit = Limit::items(
    "To_Account",
    1000,
    "https://intl.cloud.tencent.com/document/product/1047/34905 (To_Account: at most 1000 UserIDs per request)",
);

/// Deletes friends of one account, one-way or both ways (`v4/sns/friend_delete`).
///
/// ```
/// use chatadmin_core::api::friend::{DeleteType, FriendDelete};
/// let req = FriendDelete::new("alice", ["bob", "carol"]).delete_type(DeleteType::Both);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body["DeleteType"], "Delete_Type_Both");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FriendDelete {
    /// The account whose friends are deleted.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The friends to delete (at most 1000 per request; the client splits longer lists).
    #[serde(rename = "To_Account")]
    pub to_account: Vec<String>,
    /// One-way (default) or both ways.
    #[serde(rename = "DeleteType", skip_serializing_if = "Option::is_none")]
    pub delete_type: Option<DeleteType>,
}

impl FriendDelete {
    /// Deletes `to` from `from`'s friends, one-way.
    pub fn new<I, S>(from: impl Into<String>, to: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        FriendDelete {
            from_account: from.into(),
            to_account: to.into_iter().map(Into::into).collect(),
            delete_type: None,
        }
    }

    /// Sets the deletion type.
    pub fn delete_type(mut self, t: DeleteType) -> Self {
        self.delete_type = Some(t);
        self
    }
}

impl ApiRequest for FriendDelete {
    type Response = FriendDeleteResponse;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_delete",
        area: Area::Friends,
        method: "delete",
        summary: "Delete friends of an account, one-way or both ways",
        doc_url: "https://intl.cloud.tencent.com/document/product/1047/34905",
        rate_limit_per_sec: 200,
        // Deleting the same friends again changes nothing more (the repeat reports 31704
        // per item, which is data, not a duplicated effect).
        idempotency: Idempotency::Idempotent,
        limits: &[FRIEND_DELETE_TO_ACCOUNT],
        split_field: Some("To_Account"),
    };

    fn validate(&self) -> Result<(), ValidationError> {
        validate::user_id("From_Account", &self.from_account)?;
        FRIEND_DELETE_TO_ACCOUNT.check_items("To_Account", self.to_account.len())?;
        validate::user_ids("To_Account", &self.to_account)?;
        if let Some(t) = &self.delete_type {
            t.check("DeleteType")?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Vec<Self>> {
        split_list(
            &self.to_account,
            FRIEND_DELETE_TO_ACCOUNT.max_items()?,
            |chunk| FriendDelete {
                to_account: chunk,
                ..self.clone()
            },
        )
    }
}

/// The answer to [`FriendDelete`]: one result per requested account, in request order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FriendDeleteResponse {
    /// Status fields.
    #[serde(flatten)]
    pub status: ResponseStatus,
    /// Per-account results.
    #[serde(rename = "ResultItem", default, deserialize_with = "lenient::vec")]
    pub result_item: Vec<SnsResultItem>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

impl_response!(FriendDeleteResponse, merge[result_item]);

impl FriendDeleteResponse {
    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &SnsResultItem> {
        self.result_item.iter().filter(|i| !i.is_ok())
    }
}
