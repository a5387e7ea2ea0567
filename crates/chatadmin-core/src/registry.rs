//! The endpoint registry: every endpoint core defines, by wire path, with JSON conversions.
//!
//! [`for_each_endpoint!`](crate::for_each_endpoint) is the single list of endpoints. Surfaces
//! generate their methods from it (the Rust client's area methods, the Python methods, the
//! generic call's dispatch), so an endpoint added here appears everywhere and a surface
//! cannot silently miss one.

use std::marker::PhantomData;

use serde_json::Value;

use crate::endpoint::{ApiRequest, ApiResponse, EndpointMeta};
use crate::envelope;
use crate::error::{Error, ValidationError};
use crate::region::normalize_wire_path;

/// Calls `$callback!` with every endpoint, grouped by area:
///
/// ```text
/// $callback! {
///     Accounts accounts {
///         import: $crate::api::account::AccountImport,
///         ...
///     }
///     ...
/// }
/// ```
///
/// `Accounts` is the [`Area`](crate::Area) variant, `accounts` its accessor, `import` the
/// method, and the path names the request type (which names its response and metadata).
#[macro_export]
macro_rules! for_each_endpoint {
    ($callback:path) => {
        $callback! {
            Accounts accounts {
                import: $crate::api::account::AccountImport,
                import_many: $crate::api::account::MultiAccountImport,
                delete: $crate::api::account::AccountDelete,
                check: $crate::api::account::AccountCheck,
            }
            LoginState login_state {
                kick: $crate::api::login_state::Kick,
                query_online_status: $crate::api::login_state::QueryOnlineStatus,
            }
            Profiles profiles {
                set: $crate::api::profile::PortraitSet,
                get: $crate::api::profile::PortraitGet,
            }
            Friends friends {
                add: $crate::api::friend::FriendAdd,
                import: $crate::api::friend::FriendImport,
                update: $crate::api::friend::FriendUpdate,
                delete: $crate::api::friend::FriendDelete,
                delete_all: $crate::api::friend::FriendDeleteAll,
                check: $crate::api::friend::FriendCheck,
                get: $crate::api::friend::FriendGet,
                get_list: $crate::api::friend::FriendGetList,
            }
            FriendLists friend_lists {
                add: $crate::api::friend_list::FriendListAdd,
                delete: $crate::api::friend_list::FriendListDelete,
                get: $crate::api::friend_list::FriendListGet,
            }
            Blocklist blocklist {
                add: $crate::api::blocklist::BlocklistAdd,
                delete: $crate::api::blocklist::BlocklistDelete,
                get: $crate::api::blocklist::BlocklistGet,
                check: $crate::api::blocklist::BlocklistCheck,
            }
            Groups groups {
                create: $crate::api::group::CreateGroup,
                destroy: $crate::api::group::DestroyGroup,
                list: $crate::api::group::GetAppidGroupList,
                get_info: $crate::api::group::GetGroupInfo,
                modify: $crate::api::group::ModifyGroupBaseInfo,
                joined: $crate::api::group::GetJoinedGroupList,
                change_owner: $crate::api::group::ChangeGroupOwner,
                roles: $crate::api::group::GetRoleInGroup,
                import: $crate::api::group::ImportGroup,
                set_unread: $crate::api::group::SetUnreadMsgNum,
            }
            Members members {
                add: $crate::api::member::AddGroupMember,
                delete: $crate::api::member::DeleteGroupMember,
                get: $crate::api::member::GetGroupMemberInfo,
                get_specified: $crate::api::member::GetSpecifiedGroupMemberInfo,
                modify: $crate::api::member::ModifyGroupMemberInfo,
                import: $crate::api::member::ImportGroupMember,
                mute: $crate::api::member::ForbidSendMsg,
                muted: $crate::api::member::GetGroupMutedAccount,
                muted_legacy: $crate::api::member::GetGroupShuttedUin,
            }
            LiveGroups live_groups {
                online_count: $crate::api::live_group::GetOnlineMemberNum,
                members: $crate::api::live_group::LiveGetMembers,
                modify_marks: $crate::api::live_group::LiveModifyUserInfo,
                modify_admins: $crate::api::live_group::LiveModifyAdmin,
                admins: $crate::api::live_group::LiveGetAdminList,
                check_members: $crate::api::live_group::LiveCheckMembers,
                ban: $crate::api::live_group::BanGroupMember,
                unban: $crate::api::live_group::UnbanGroupMember,
                banned: $crate::api::live_group::GetGroupBanMember,
            }
            GroupAttrs group_attrs {
                get: $crate::api::group_attr::GetGroupAttr,
                modify: $crate::api::group_attr::ModifyGroupAttr,
                set: $crate::api::group_attr::SetGroupAttr,
                clear: $crate::api::group_attr::ClearGroupAttr,
                delete: $crate::api::group_attr::DeleteGroupAttr,
            }
            Topics topics {
                create: $crate::api::topic::CreateTopic,
                get: $crate::api::topic::GetTopic,
                modify: $crate::api::topic::ModifyTopic,
                destroy: $crate::api::topic::DestroyTopic,
                import: $crate::api::topic::ImportTopic,
            }
            GroupCounters group_counters {
                get: $crate::api::group_counter::GetGroupCounter,
                update: $crate::api::group_counter::UpdateGroupCounter,
                delete: $crate::api::group_counter::DeleteGroupCounter,
            }
            Messages messages {
                send: $crate::api::message::SendMsg,
                send_batch: $crate::api::message::BatchSendMsg,
                import: $crate::api::message::ImportMsg,
                history: $crate::api::message::AdminGetRoamMsg,
                recall: $crate::api::message::AdminMsgWithdraw,
                mark_read: $crate::api::message::AdminSetMsgRead,
                unread: $crate::api::message::GetC2cUnreadMsgNum,
                modify: $crate::api::message::ModifyC2cMsg,
                delete_for_one: $crate::api::message::DeleteC2cMsgRamble,
                read_receipt: $crate::api::message::C2cMsgReadReceipt,
                get_extensions: $crate::api::message::GetKeyValues,
                set_extensions: $crate::api::message::SetKeyValues,
            }
            GroupMessages group_messages {
                send: $crate::api::group_message::SendGroupMsg,
                send_notification: $crate::api::group_message::SendGroupSystemNotification,
                broadcast: $crate::api::group_message::SendBroadcastMsg,
                import: $crate::api::group_message::ImportGroupMsg,
                history: $crate::api::group_message::GroupMsgGetSimple,
                recall: $crate::api::group_message::GroupMsgRecall,
                modify: $crate::api::group_message::ModifyGroupMsg,
                delete_by_sender: $crate::api::group_message::DeleteGroupMsgBySender,
                clear: $crate::api::group_message::ClearGroupMsg,
                read_receipt: $crate::api::group_message::GroupMsgReceipt,
                receipt_counts: $crate::api::group_message::GetGroupMsgReceipt,
                receipt_detail: $crate::api::group_message::GetGroupMsgReceiptDetail,
                get_extensions: $crate::api::group_message::GroupGetKeyValues,
                set_extensions: $crate::api::group_message::GroupSetKeyValues,
            }
            Conversations conversations {
                list: $crate::api::conversation::RecentContactGetList,
                delete: $crate::api::conversation::RecentContactDelete,
                create_group: $crate::api::conversation::CreateContactGroup,
                update_group: $crate::api::conversation::UpdateContactGroup,
                delete_group: $crate::api::conversation::DelContactGroup,
                mark: $crate::api::conversation::MarkContact,
                search_groups: $crate::api::conversation::SearchContactGroup,
                groups: $crate::api::conversation::GetContactGroup,
            }
            Operations operations {
                history_files: $crate::api::operation::GetHistory,
            }
        }
    };
}

/// The place of an endpoint in [`for_each_endpoint!`](crate::for_each_endpoint): its area and
/// method name. Implemented by the list itself, so the declaration does not repeat them and an
/// endpoint missing from the list does not compile.
pub trait Listed {
    /// The area.
    const AREA: crate::endpoint::Area;
    /// The method name within the area.
    const METHOD: &'static str;
}

/// One endpoint, type-erased: what the generic JSON surfaces (C, Python, CLI) need.
pub trait DynEndpoint: Send + Sync {
    /// The declaration.
    fn meta(&self) -> &'static EndpointMeta;

    /// Parses a request body into the typed request, validates it, and returns the canonical
    /// JSON the SDK would send. Errors are validation errors naming the field.
    fn check_request(&self, body: Value) -> Result<Value, Error>;

    /// Decodes a response body into the typed response and returns it as JSON (unknown
    /// fields kept). A non-zero `ErrorCode` is an API error.
    fn check_response(&self, body: &[u8]) -> Result<Value, Error>;

    /// For paged reads, the wire name of the response's item list (`UserDataItem`).
    fn page_items(&self) -> Option<&'static str>;

    /// For paged reads: the request body of the page after `response`, given the request
    /// body that produced it; `Ok(None)` after the last page (and for endpoints that are not
    /// paged). Both bodies are parsed with the typed request and response first.
    fn next_page(&self, request: Value, response: &Value) -> Result<Option<Value>, Error>;

    /// The shape of the typed response (field names, wire names and value shapes), for typed
    /// stubs.
    fn response_shape(&self) -> crate::schema::Shape;

    /// Splits a request body at the endpoint's `split_field` into bodies that each fit its
    /// limit, in order (the parts a client sends); `Ok(None)` when it fits or the endpoint does
    /// not split. The body is parsed with the typed request but not validated (a body that is
    /// too long is what splitting is for).
    fn split(&self, request: Value) -> Result<Option<Vec<Value>>, Error>;

    /// Merges the responses of the parts of a split call, in order, as a client does (typed
    /// first; per-item lists concatenated).
    fn merge(&self, parts: Vec<Value>) -> Result<Value, Error>;

    /// The declaration as JSON ([`EndpointMeta::to_json`]) plus `page_items`: the form every
    /// surface prints (`chatadmin api list --json`, the C and Python catalogs).
    fn to_json(&self) -> Value {
        let mut v = self.meta().to_json();
        if let Value::Object(o) = &mut v {
            o.insert(
                "page_items".to_owned(),
                self.page_items().map_or(Value::Null, Value::from),
            );
            o.insert("response".to_owned(), self.response_shape().to_json());
        }
        v
    }
}

struct Typed<R>(PhantomData<fn() -> R>);

impl std::fmt::Debug for dyn DynEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("DynEndpoint")
            .field(&self.meta().path)
            .finish()
    }
}

impl<R: ApiRequest> DynEndpoint for Typed<R> {
    fn meta(&self) -> &'static EndpointMeta {
        R::META
    }

    fn check_request(&self, body: Value) -> Result<Value, Error> {
        let req: R = parse_request(body)?;
        encode_request(&req)
    }

    fn check_response(&self, body: &[u8]) -> Result<Value, Error> {
        let resp: R::Response = envelope::decode_response(R::META.path, body)?;
        serde_json::to_value(&resp).map_err(|e| {
            crate::error::DecodeError::new(Some(R::META.path), format!("re-encoding: {e}")).into()
        })
    }

    fn page_items(&self) -> Option<&'static str> {
        R::PAGE_ITEMS
    }

    fn response_shape(&self) -> crate::schema::Shape {
        <R::Response as crate::schema::Describe>::shape()
    }

    fn split(&self, request: Value) -> Result<Option<Vec<Value>>, Error> {
        let req: R = serde_json::from_value(request)
            .map_err(|e| Error::from(ValidationError::new("", e.to_string()).at(R::META.path)))?;
        req.split()
            .map(|parts| parts.iter().map(to_json).collect())
            .transpose()
    }

    fn merge(&self, parts: Vec<Value>) -> Result<Value, Error> {
        let mut typed = parts
            .into_iter()
            .map(|p| {
                serde_json::from_value::<R::Response>(p).map_err(|e| {
                    Error::from(crate::error::DecodeError::new(
                        Some(R::META.path),
                        e.to_string(),
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?
            .into_iter();
        let first = typed.next().ok_or_else(|| {
            Error::from(ValidationError::new("", "nothing to merge").at(R::META.path))
        })?;
        to_json(&R::Response::merge(first, typed.collect()))
    }

    fn next_page(&self, request: Value, response: &Value) -> Result<Option<Value>, Error> {
        let req: R = parse_request(request)?;
        let resp: R::Response = serde_json::from_value(response.clone()).map_err(|e| {
            Error::from(crate::error::DecodeError::new(
                Some(R::META.path),
                format!("the response does not fit the endpoint's response type: {e}"),
            ))
        })?;
        next_page(&req, &resp)?
            .map(|next| encode_request(&next))
            .transpose()
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v)
        .map_err(|e| crate::error::DecodeError::new(None, format!("encoding: {e}")).into())
}

/// Parses and validates a typed request from JSON. Unknown or mistyped fields are validation
/// errors naming the field's JSON path.
pub fn parse_request<R: ApiRequest>(mut body: Value) -> Result<R, Error> {
    if !body.is_object() {
        return Err(
            ValidationError::new("", "the request body must be a JSON object")
                .at(R::META.path)
                .into(),
        );
    }
    drop_empty_optionals(R::META.path, &mut body, false);
    let parse = |body: &Value| -> Result<R, Error> {
        let req: R = serde_path_to_error::deserialize(body).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let message = crate::error::readable_serde_message(&e.into_inner().to_string());
            ValidationError::new(path, message).at(R::META.path)
        })?;
        req.validate().map_err(|e| e.at(R::META.path))?;
        Ok(req)
    };
    match parse(&body) {
        Ok(req) => Ok(req),
        Err(e) => {
            // An empty optional list of the body itself reads as absent when that makes the
            // request acceptable; otherwise the error is the one of the body as sent.
            let mut relaxed = body;
            if drop_empty_optionals(R::META.path, &mut relaxed, true) {
                if let Ok(req) = parse(&relaxed) {
                    return Ok(req);
                }
            }
            Err(e)
        }
    }
}

/// Reads an empty optional value as absent: removes from a JSON request body every field the
/// traced request schema ([`crate::schema::request_schema`]) marks as optional whose value is
/// `""` or `[]`, inside the items of a list (at any depth); with `top_level`, also an empty
/// optional *list* of the body itself. A top-level empty string is never removed (an empty
/// caller-chosen ID such as `create_group`'s `GroupId: ""` is refused: leave it out). Required
/// fields and values of free-form shape stay as sent. Returns whether anything was removed.
///
/// Real clients send unset optional fields that way (the community PyPI package
/// `tencentcloud-sdk-python-im` sends `"GroupName": ""` and `"Remark": ""` in every
/// `AddFriendItem`), the pages document no error for it, and the service is used with them; so
/// the generic JSON path (C, Python, CLI, `Client::call_json`) and the emulator accept it
/// (docs/SPEC-NOTES.md, "Empty optional values"). [`parse_request`] removes nested ones always,
/// and top-level empty lists (`sns/group_get` `"GroupName": []`) only when the body as sent is
/// refused and the body without them is not; otherwise the error is the body's as sent.
///
/// ```
/// use serde_json::json;
/// let mut body = json!({"From_Account": "a", "AddFriendItem": [
///     {"To_Account": "b", "AddSource": "AddSource_Type_Web", "GroupName": "", "Remark": ""}]});
/// assert!(chatadmin_core::registry::drop_empty_optionals("sns/friend_add", &mut body, false));
/// assert_eq!(body, json!({"From_Account": "a", "AddFriendItem": [
///     {"To_Account": "b", "AddSource": "AddSource_Type_Web"}]}));
/// ```
pub fn drop_empty_optionals(wire_path: &str, body: &mut Value, top_level: bool) -> bool {
    use crate::schema::{request_schema, Shape, StructSchema};

    fn is_empty(v: &Value, strings: bool) -> bool {
        (strings && matches!(v, Value::String(s) if s.is_empty()))
            || matches!(v, Value::Array(a) if a.is_empty())
    }
    fn in_shape(shape: &Shape, v: &mut Value, changed: &mut bool) {
        match (shape.unwrap_optional(), v) {
            (Shape::Struct(s), v) => in_struct(s, v, Some(true), changed),
            (Shape::List(items), Value::Array(a)) => {
                for x in a.iter_mut() {
                    match items.unwrap_optional() {
                        Shape::Struct(s) => in_struct(s, x, Some(true), changed),
                        other => in_shape(other, x, changed),
                    }
                }
            }
            _ => {}
        }
    }
    /// `drop`: `Some(strings)` removes empty optional lists (and strings when `strings`);
    /// `None` removes nothing at this level.
    fn in_struct(schema: &StructSchema, v: &mut Value, drop: Option<bool>, changed: &mut bool) {
        let Value::Object(o) = v else { return };
        for f in &schema.fields {
            let Some(value) = o.get_mut(f.wire) else {
                continue;
            };
            let stringy = matches!(
                f.shape.unwrap_optional(),
                Shape::String | Shape::Enum(_) | Shape::List(_)
            );
            let remove = match drop {
                Some(strings) => !f.required && stringy && is_empty(value, strings),
                None => false,
            };
            if remove {
                o.remove(f.wire);
                *changed = true;
            } else {
                in_shape(&f.shape, value, changed);
            }
        }
    }

    let mut changed = false;
    if let Some(schema) = request_schema(wire_path) {
        let drop = if top_level { Some(false) } else { None };
        in_struct(schema, body, drop, &mut changed);
    }
    changed
}

/// The request for the page after `resp` ([`ApiRequest::next_page`]), refusing a cursor that
/// does not move: a next request equal to `req` would fetch the same page forever, so it is a
/// decode error naming the endpoint. `Ok(None)` after the last page.
pub fn next_page<R: ApiRequest>(req: &R, resp: &R::Response) -> Result<Option<R>, Error> {
    let Some(next) = req.next_page(resp) else {
        return Ok(None);
    };
    let same = match (serde_json::to_value(req), serde_json::to_value(&next)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(crate::error::DecodeError::new(
            Some(R::META.path),
            "the response's cursor does not advance (the next page would be the same request); \
             stopping instead of asking for the same page again",
        )
        .into());
    }
    Ok(Some(next))
}

/// Validates a typed request and encodes the exact body to send.
pub fn encode_request<R: ApiRequest>(req: &R) -> Result<Value, Error> {
    req.validate().map_err(|e| e.at(R::META.path))?;
    serde_json::to_value(req).map_err(|e| {
        ValidationError::new("", format!("cannot be encoded: {e}"))
            .at(R::META.path)
            .into()
    })
}

macro_rules! build_registry {
    ($( $area:ident $acc:ident { $( $method:ident : $t:path ),* $(,)? } )*) => {
        $( $(
            impl Listed for $t {
                const AREA: crate::endpoint::Area = crate::endpoint::Area::$area;
                const METHOD: &'static str = stringify!($method);
            }
        )* )*

        static ENTRIES: &[&dyn DynEndpoint] = &[
            $( $( &Typed::<$t>(PhantomData), )* )*
        ];

        /// `(area accessor, method, wire path)` as listed in the macro, for consistency tests.
        #[doc(hidden)]
        pub static LISTED: &[(&str, &str, &str)] = &[
            $( $( (stringify!($acc), stringify!($method), <$t as ApiRequest>::META.path), )* )*
        ];
    };
}

crate::for_each_endpoint!(build_registry);

/// Every registered endpoint, in declaration order.
pub fn all() -> impl Iterator<Item = &'static dyn DynEndpoint> {
    ENTRIES.iter().copied()
}

/// Finds an endpoint by wire path: `sns/friend_delete`, `v4/sns/friend_delete` or
/// `/v4/sns/friend_delete`.
pub fn find(wire_path: &str) -> Option<&'static dyn DynEndpoint> {
    let p = normalize_wire_path(wire_path.trim());
    all().find(|e| e.meta().path == p)
}

/// Like [`find`], with an error listing how to see the known paths.
pub fn require(wire_path: &str) -> Result<&'static dyn DynEndpoint, Error> {
    find(wire_path).ok_or_else(|| {
        ValidationError::new(
            "",
            format!(
                "unknown endpoint {wire_path:?}; `chatadmin api list` shows the {} known ones",
                ENTRIES.len()
            ),
        )
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn listing_matches_metadata_and_paths_are_unique() {
        let mut seen = HashSet::new();
        for (entry, (acc, method, path)) in all().zip(LISTED) {
            let m = entry.meta();
            assert_eq!(m.area.accessor(), *acc, "{path}: area accessor");
            assert_eq!(m.method, *method, "{path}: method name");
            assert_eq!(m.path, *path);
            assert!(seen.insert(m.path), "{path} listed twice");
            assert!(!m.path.starts_with("v4/") && m.path.contains('/'), "{path}");
            assert!(m.rate_limit_per_sec > 0, "{path}: rate limit");
            assert!(m.doc_url.starts_with("https://"), "{path}: doc url");
            if let Some(f) = m.split_field {
                assert!(
                    m.limit(f).and_then(|l| l.max_items()).is_some(),
                    "{path}: split field {f} needs an item limit"
                );
            }
        }
        assert_eq!(seen.len(), LISTED.len());
    }

    #[test]
    fn find_accepts_every_spelling() {
        for p in [
            "sns/friend_delete",
            "v4/sns/friend_delete",
            "/v4/sns/friend_delete",
            " sns/friend_delete\n",
        ] {
            assert_eq!(
                find(p).map(|e| e.meta().path),
                Some("sns/friend_delete"),
                "{p}"
            );
        }
        assert!(find("sns/friend_nope").is_none());
        assert!(require("nope/x")
            .unwrap_err()
            .to_string()
            .contains("chatadmin api list"));
    }

    #[test]
    fn non_object_bodies_are_rejected() {
        let e = find("sns/friend_delete")
            .unwrap()
            .check_request(serde_json::json!([1]))
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Validation);
    }
}
