//! One module per API area, one request type per endpoint.
//!
//! Conventions every endpoint follows (and reviewers check):
//! - every field has an explicit `#[serde(rename = "...")]` with the wire name (the service
//!   mixes `To_Account`, `UserID`, `FailAccounts`...; never `rename_all`);
//! - requests are strict: `#[serde(deny_unknown_fields)]`, optional fields skipped when
//!   `None`, enums checked against their documented values in `validate()`;
//! - responses are lenient: `#[serde(default)]` on lists, [`crate::lenient`] for numbers, an
//!   `extra` map (flattened, declared last) keeping unknown fields, the status flattened first;
//! - documented limits are `const Limit`s listed in the endpoint's `META` and checked by
//!   `validate()`, with the doc page they come from.

pub mod account;
pub mod blocklist;
pub mod common;
pub mod friend;
pub mod friend_list;
pub mod group;
pub mod login_state;
pub mod profile;
