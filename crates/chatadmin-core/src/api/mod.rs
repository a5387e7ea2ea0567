//! One module per API area, one request type per endpoint.
//!
//! Every endpoint is a declaration ([`crate::declare`]): `#[endpoint]` on the request,
//! `#[payload]` on its list items, `#[response]` on the answer. Conventions reviewers check:
//! - every field has an explicit `#[serde(rename = "...")]` with the wire name (the service
//!   mixes `To_Account`, `UserID`, `FailAccounts`...; never `rename_all`);
//! - requests are strict (unknown fields refused, enums checked against their documented
//!   values), responses lenient (numbers as strings, `null` lists, unknown fields kept);
//! - every documented limit is a `#[limit(..)]` on its field with the page it comes from;
//!   limits shared by several fields are `const Limit`s named in `#[limit(CONST)]`.

pub mod account;
pub mod blocklist;
pub mod common;
pub mod conversation;
pub mod friend;
pub mod friend_list;
pub mod group;
pub mod group_attr;
pub mod group_counter;
pub mod group_message;
pub mod live_group;
pub mod login_state;
pub mod member;
pub mod message;
pub mod msg_body;
pub mod operation;
pub mod profile;
pub mod topic;
