//! How an endpoint is declared: one annotated struct per request, payload and response.
//!
//! ```
//! use chatadmin_core::declare::{payload, Path, Validate};
//!
//! /// One friend to add.
//! #[payload]
//! pub struct Friend {
//!     /// The account.
//!     #[serde(rename = "To_Account")]
//!     #[user_id]
//!     pub to_account: String,
//!     /// A remark.
//!     #[serde(rename = "Remark")]
//!     #[limit(bytes(max = 96, min = 0), source = "the page (Remark: at most 96 bytes)")]
//!     pub remark: Option<String>,
//! }
//!
//! let ok = Friend::new("bob").remark("Bobby");
//! assert!(ok.validate_at(&Path::Root).is_ok());
//! let e = Friend::new("bob").remark("x".repeat(97)).validate_at(&Path::Root).unwrap_err();
//! assert_eq!(e.field, "Remark");
//! assert_eq!(e.message, "is 97 bytes long; at most 96 bytes are allowed");
//! let mut limits = Vec::new();
//! Friend::collect_limits("AddFriendItem[]", &mut limits);
//! assert_eq!(limits[0].field, "AddFriendItem[].To_Account");
//! assert_eq!(limits[1].field, "AddFriendItem[].Remark");
//! ```
//!
//! Everything a surface needs is derived from the declaration: the endpoint's
//! [`EndpointMeta`](crate::EndpointMeta) (its area and method come from its line in
//! [`for_each_endpoint!`](crate::for_each_endpoint)), `validate()` for every declared limit and
//! rule, `split()` of the `#[split]` list, the merge of split calls, the limit table every
//! surface prints, a `new` taking the required fields and a setter per optional field, and
//! lenient decoding of responses. The attributes are documented on [`macro@endpoint`],
//! [`macro@payload`] and [`macro@response`] (and in the `chatadmin-macros` crate).
//!
//! # Adding an endpoint
//!
//! 1. In `api/<area>.rs`, declare the request with `#[endpoint(..)]`, its list items with
//!    `#[payload]`, its response with `#[response]` and the response's items with
//!    `#[response(item)]`. Each documented limit is a `#[limit(..)]` with its `source` (the
//!    page, and the words that give the number); an undocumented choice says so in `source`.
//! 2. Add a line to [`for_each_endpoint!`](crate::for_each_endpoint): `method: path::Type`.
//! 3. Put the page's sample request and response under `tests/samples/<area>/` as
//!    `<command>.request.json` / `<command>.response.json` (the generic suite round-trips them
//!    and tests every limit at and one past its bound).
//! 4. Give the emulator its semantics (a handler; a test fails until there is one), and write
//!    scenario tests for them.
//! 5. Run `scripts/codegen.sh` (Python stubs, C header, README table; CI checks they are
//!    current).
//!
//! # Sharing fields
//!
//! When sibling declarations repeat fields with the same documented limits, write them once:
//!
//! - a limit two or more fields share is a `const` [`Limit`](crate::validate::Limit) with a
//!   `source` naming every page that gives it, used as `#[limit(NAME)]` (`GROUP_ID`,
//!   `api::common::SWITCH`);
//! - a field, or a run of fields, that several declarations share is a [`fields!`](macro@fields)
//!   group, included where a declaration writes `name: group!()` (`group_id: group_id!()`,
//!   `texts: group_texts!()`). The include is replaced by the group's fields at its place, so
//!   the wire order and `new`'s arguments are those of the expanded struct; the include of a
//!   one-field group keeps the field's name and may carry its own doc comment. Groups used in
//!   several files are `pub(crate)` and imported like items (`use crate::api::group::group_id`);
//!   paths inside a group are written from the crate root;
//! - a rule in code that several fields share is one function used with `#[check(..)]`
//!   (`api::common::required`).
//!
//! ```
//! use chatadmin_core::declare::{fields, payload, Path, Validate};
//!
//! fields! {
//!     /// The account and its remark, as several items share them.
//!     friend {
//!         /// The account.
//!         #[serde(rename = "To_Account")]
//!         #[user_id]
//!         pub to_account: String,
//!         /// A remark.
//!         #[serde(rename = "Remark")]
//!         #[limit(bytes(max = 96, min = 0), source = "the page (Remark: at most 96 bytes)")]
//!         pub remark: Option<String>,
//!     }
//! }
//!
//! /// One friend to add.
//! #[payload]
//! pub struct Add {
//!     /// The kind of request.
//!     #[serde(rename = "Type")]
//!     pub kind: u32,
//!     friend: friend!(),
//!     /// A message.
//!     #[serde(rename = "Wording")]
//!     pub wording: Option<String>,
//! }
//!
//! let add = Add::new(7, "bob").remark("Bobby").wording("hi");
//! let json = serde_json::to_string(&add).unwrap();
//! assert_eq!(json, r#"{"Type":7,"To_Account":"bob","Remark":"Bobby","Wording":"hi"}"#);
//! let e = Add::new(7, "bob").remark("x".repeat(97)).validate_at(&Path::Root).unwrap_err();
//! assert_eq!(e.field, "Remark");
//! let e = Add::new(7, "").validate_at(&Path::Root).unwrap_err();
//! assert_eq!(e.field, "To_Account");
//! ```
//!
//! # Names
//!
//! - The request type is the command in UpperCamelCase, prefixed by its object where the
//!   command leaves it out (`sns/black_list_add` → `BlocklistAdd`, `profile/portrait_get` →
//!   `PortraitGet`, `openim/querystate` → `QueryOnlineStatus`); its response is the request's
//!   name plus `Response`, or a shared type (`SnsBatchResponse`, `StatusResponse`) when the
//!   wire answer is the same.
//! - A list item is named after its wire field (`AddFriendItem`), or after what it is when
//!   the wire name is generic (`UserIdItem` for `{"UserID": ..}`).
//! - The method (in `for_each_endpoint!`, and so in every language) is the command without
//!   the area's noun, in snake_case: `blocklist.add`, `friends.get_list`, `groups.create`.
//! - Rust field names are the wire names in snake_case (`To_Account` → `to_account`); the
//!   wire name is always given with `#[serde(rename = "..")]`.

pub use crate::validate::{Checked, CheckedEach, Path, UserIds, Validate};
#[doc(hidden)]
pub use chatadmin_macros::include_fields;
pub use chatadmin_macros::{endpoint, fields, payload, response};
