//! The emulated endpoints: one [`Emulate`] impl per core request type, and the dispatch table
//! derived from core's [`for_each_endpoint!`](chatadmin_core::for_each_endpoint).
//!
//! The table lists every endpoint core registers. An endpoint whose request type has no
//! [`Emulate`] impl still gets an entry, with no handler: the server answers it with a clear
//! "not emulated" error, and the test `every_registered_endpoint_is_emulated` fails until a
//! handler is written. (The "has a handler or not" choice is made at compile time per concrete
//! type, by method resolution preferring the `Emulate`-bounded impl; see [`Probe`].)
//!
//! Semantics and codes come from the endpoint pages of the official docs (2024-12 snapshot,
//! `docs/<service>.<command>.md`) and the error-code page; each choice the pages leave open is
//! marked "not documented" where it is made.

use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::sync::Mutex;

use chatadmin_core::api::account::{
    AccountCheck, AccountCheckResponse, AccountDelete, AccountDeleteResponse, AccountImport,
    AccountImportResponse, AccountResultItem, AccountStatus, MultiAccountImport,
    MultiAccountImportResponse,
};
use chatadmin_core::api::common::SnsResultItem;
use chatadmin_core::api::friend::{DeleteType, FriendDelete, FriendDeleteResponse};
use chatadmin_core::api::friend_list::{FriendListDelete, FriendListDeleteResponse};
use chatadmin_core::api::group::{
    CreateGroup, CreateGroupResponse, DestroyGroup, DestroyGroupResponse, GroupType, MemberRole,
};
use chatadmin_core::error::ValidationError;
use chatadmin_core::{ApiRequest, EndpointMeta, Error, ResponseStatus};
use rand::Rng;
use serde_json::Value;

use crate::envelope::{self, Failure};
use crate::state::{Group, Member, State};

/// What a handler knows about the call besides its body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// The wire path without `v4/`.
    pub path: &'static str,
}

impl Ctx {
    /// The success status as the service writes it for this endpoint.
    pub fn ok(&self) -> ResponseStatus {
        envelope::ok_status(self.path)
    }
}

/// An endpoint the emulator implements.
pub(crate) trait Emulate: ApiRequest {
    /// Applies the (parsed and validated) request to the state. A `Failure` must leave the
    /// state unchanged.
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<Self::Response, Failure>;

    /// The code for a body that failed core's validation, when the endpoint's page documents a
    /// more specific one than the service family's "invalid parameter".
    fn invalid_request_code(_body: &Value, _error: &ValidationError) -> Option<i64> {
        None
    }
}

/// Runs one call: parse with core's typed request (which also checks the documented limits),
/// then apply it under the state lock. Returns the response body.
pub(crate) type HandlerFn = fn(&Mutex<State>, &Ctx, Value) -> Value;

fn run<R: Emulate>(state: &Mutex<State>, ctx: &Ctx, body: Value) -> Value {
    let req = match chatadmin_core::registry::parse_request::<R>(body.clone()) {
        Ok(req) => req,
        Err(e) => {
            let specific = match &e {
                Error::Validation(v) => R::invalid_request_code(&body, v),
                _ => None,
            };
            let code = specific.unwrap_or_else(|| envelope::invalid_parameter_code(ctx.path));
            return envelope::fail(ctx.path, code, e.to_string());
        }
    };
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    match req.emulate(&mut st, ctx) {
        Ok(resp) => serde_json::to_value(&resp).unwrap_or_else(|e| {
            // Core's response types always serialize; this is a safety net, not a path.
            envelope::fail(
                ctx.path,
                60008,
                format!("emulator could not encode the response: {e}"),
            )
        }),
        Err(f) => envelope::fail(ctx.path, f.code, f.info),
    }
}

/// Resolves to `Some(run::<T>)` when `T: Emulate` and to `None` otherwise. Used as
/// `(&&Probe::<T>(PhantomData)).handler()` with a concrete `T`: method resolution tries the
/// receiver `&&Probe<T>` first, where only [`ViaEmulate`] (bounded by `T: Emulate`) applies,
/// then auto-derefs to `&Probe<T>`, where [`ViaFallback`] applies to every `T`.
pub(crate) struct Probe<T>(PhantomData<fn() -> T>);

pub(crate) trait ViaEmulate {
    fn handler(&self) -> Option<HandlerFn>;
}

impl<T: Emulate> ViaEmulate for &Probe<T> {
    fn handler(&self) -> Option<HandlerFn> {
        Some(run::<T>)
    }
}

// Unused while every registered endpoint is emulated; it is what keeps the crate compiling
// (and answering "not emulated") when core registers a new endpoint first.
#[allow(dead_code)]
pub(crate) trait ViaFallback {
    fn handler(&self) -> Option<HandlerFn>;
}

impl<T> ViaFallback for Probe<T> {
    fn handler(&self) -> Option<HandlerFn> {
        None
    }
}

/// One row of the dispatch table.
#[derive(Clone, Copy)]
pub(crate) struct Route {
    pub path: &'static str,
    pub meta: &'static EndpointMeta,
    pub handler: Option<HandlerFn>,
}

macro_rules! build_routes {
    ($( $area:ident $acc:ident { $( $method:ident : $t:path ),* $(,)? } )*) => {
        /// Every endpoint core registers, in registry order, with its handler if emulated.
        pub(crate) fn routes() -> Vec<Route> {
            vec![
                $( $(
                    Route {
                        path: <$t as ApiRequest>::META.path,
                        meta: <$t as ApiRequest>::META,
                        handler: (&&Probe::<$t>(PhantomData)).handler(),
                    },
                )* )*
            ]
        }
    };
}

chatadmin_core::for_each_endpoint!(build_routes);

// ---------------------------------------------------------------------------------------------
// Accounts (im_open_login_svc)
// ---------------------------------------------------------------------------------------------

/// `account_import` page: "If the same account is imported to Chat repeatedly, only one
/// internal ID will be created for the account." Nick/FaceUrl are set when given.
impl Emulate for AccountImport {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AccountImportResponse, Failure> {
        state.import_account(&self.user_id, self.nick, self.face_url);
        Ok(AccountImportResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// `multiaccount_import` page: imports up to 100 accounts, repeat imports are harmless;
/// `FailAccounts` lists "accounts that failed to be imported". Every entry core's validation
/// accepts (1 to 32 bytes) is importable, so the list is empty here; the page gives no other
/// per-account failure cause. The `AccountList` form also sets Nick/FaceUrl.
impl Emulate for MultiAccountImport {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<MultiAccountImportResponse, Failure> {
        for id in self.accounts.iter().flatten() {
            state.import_account(id, None, None);
        }
        for p in self.account_list.into_iter().flatten() {
            state.import_account(&p.user_id, p.nick, p.face_url);
        }
        Ok(MultiAccountImportResponse {
            status: ctx.ok(),
            fail_accounts: Vec::new(),
            extra: Default::default(),
        })
    }
}

/// The per-item `ResultInfo` of 70107, as in the `account_delete` page's sample response.
const ACCOUNT_NOT_EXIST_INFO: &str = "Err_TLS_PT_Open_Login_Account_Not_Exist";

/// `account_delete` page: one `ResultItem` per UserID; "70107: The UserID to delete does not
/// exist"; "When an account is deleted, the account's data such as relationship chain and
/// profile will also be deleted." (The trial-edition restriction, 71000, is not emulated: the
/// emulated app may delete accounts.)
impl Emulate for AccountDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AccountDeleteResponse, Failure> {
        let result_item = self
            .delete_item
            .into_iter()
            .map(|item| {
                let existed = state.delete_account(&item.user_id);
                AccountResultItem {
                    user_id: item.user_id,
                    result_code: if existed { 0 } else { 70107 },
                    result_info: if existed {
                        String::new()
                    } else {
                        ACCOUNT_NOT_EXIST_INFO.to_owned()
                    },
                    ..Default::default()
                }
            })
            .collect();
        Ok(AccountDeleteResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}

/// `account_check` page: `AccountStatus` is `Imported` or `NotImported`, `ResultCode` 0.
impl Emulate for AccountCheck {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AccountCheckResponse, Failure> {
        let result_item = self
            .check_item
            .into_iter()
            .map(|item| {
                let status = if state.account_exists(&item.user_id) {
                    AccountStatus::Imported
                } else {
                    AccountStatus::NotImported
                };
                AccountResultItem {
                    user_id: item.user_id,
                    account_status: Some(status),
                    ..Default::default()
                }
            })
            .collect();
        Ok(AccountCheckResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Friends and friend lists (sns)
// ---------------------------------------------------------------------------------------------

/// 30003, "The requested account does not exist" (`sns.friend_delete` and `sns.group_delete`
/// pages), for a `From_Account` that was never imported.
fn require_account(state: &State, field: &str, id: &str, code: i64) -> Result<(), Failure> {
    if state.account_exists(id) {
        Ok(())
    } else {
        Err(Failure::new(
            code,
            format!("{field} {id:?} does not exist (the account was not imported)"),
        ))
    }
}

/// The per-item `ResultInfo` of 31704 as the service writes it (seen in a public app's log of
/// the service's answers; the page gives only the meaning).
const NOT_FRIEND_INFO: &str = "Err_SNS_FriendDelete_Not_Friend";

/// `sns.friend_delete` page: one `ResultItem` per `To_Account`; "31704: The account you
/// requested to delete is not your friend"; `DeleteType` defaults to `Delete_Type_Single`.
/// Single removes `To` from `From`'s list only; Both removes both sides. Not documented: Both
/// when only `To` has `From` (succeeds, removing that side); 31704 when neither side exists.
impl Emulate for FriendDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendDeleteResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let both = matches!(self.delete_type, Some(DeleteType::Both));
        let from = self.from_account;
        let result_item = self
            .to_account
            .into_iter()
            .map(|to| {
                let removed = if both {
                    let a = state.remove_friend_edge(&from, &to);
                    let b = state.remove_friend_edge(&to, &from);
                    a || b
                } else {
                    state.remove_friend_edge(&from, &to)
                };
                SnsResultItem {
                    to_account: to,
                    result_code: if removed { 0 } else { 31704 },
                    result_info: if removed {
                        String::new()
                    } else {
                        NOT_FRIEND_INFO.to_owned()
                    },
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(FriendDeleteResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}

/// `sns.group_delete` page: deletes lists (the friends stay friends) and returns
/// `CurrentSequence`, which grows with every change to the account's lists. Not documented: a
/// list name the account does not have. The page's only request error is 30001 ("Incorrect
/// request parameter"), so the call fails with 30001 naming the list, and nothing is deleted.
impl Emulate for FriendListDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendListDeleteResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let names: BTreeSet<String> = self.group_name.into_iter().collect();
        let existing = state.friend_lists.get(&self.from_account);
        if let Some(missing) = names
            .iter()
            .find(|n| !existing.is_some_and(|l| l.lists.contains_key(*n)))
        {
            return Err(Failure::new(
                30001,
                format!(
                    "GroupName {missing:?}: account {:?} has no friend list of that name",
                    self.from_account
                ),
            ));
        }
        let lists = state
            .friend_lists
            .entry(self.from_account.clone())
            .or_default();
        for n in &names {
            lists.lists.remove(n);
        }
        lists.sequence += 1;
        Ok(FriendListDeleteResponse {
            status: ctx.ok(),
            current_sequence: lists.sequence,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Groups (group_open_http_svc)
// ---------------------------------------------------------------------------------------------

/// Characters of generated group IDs, like the page's sample `@TGS#2J4SZEAEL`.
const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// Characters of generated community IDs, like the sample `@TGS#_@TGS#cRDH3HIM62CP`.
const COMMUNITY_ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn generate_group_id(state: &State, group_type: &GroupType) -> String {
    let mut rng = rand::thread_rng();
    let (prefix, chars, len) = if *group_type == GroupType::Community {
        ("@TGS#_@TGS#", COMMUNITY_ID_CHARS, 12)
    } else {
        ("@TGS#", ID_CHARS, 9)
    };
    loop {
        let tail: String = (0..len)
            .map(|_| char::from(chars[rng.gen_range(0..chars.len())]))
            .collect();
        let id = format!("{prefix}{tail}");
        if !state.groups.contains_key(&id) {
            return id;
        }
    }
}

/// `group_open_http_svc.create_group` page:
/// - without `GroupId` the service assigns `@TGS#...`; "10021: The group ID has already been
///   used by another user" for a custom ID in use;
/// - "Owner_Account ... must be an imported account. The value will be automatically added to
///   group members"; for AVChatRoom the owner "must use the SDK API to join", so it is not
///   added there;
/// - "10005: The number of members imported in the request packet exceeds 100";
/// - AVChatRoom: "If a group member is specified during the group creation, error 10007 will
///   be returned".
///
/// Not documented: the code for an owner or member that was never imported. The error-code
/// page's group table has "10019: The requested UserID does not exist", used here for both; the
/// group is not created.
impl Emulate for CreateGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<CreateGroupResponse, Failure> {
        let members = self.member_list.unwrap_or_default();
        let named = self
            .owner_account
            .iter()
            .map(|o| ("Owner_Account", o.as_str()))
            .chain(
                members
                    .iter()
                    .map(|m| ("MemberList[].Member_Account", m.member_account.as_str())),
            );
        for (field, id) in named {
            require_account(state, field, id, 10019)?;
        }
        let group_id = match self.group_id {
            Some(id) if state.groups.contains_key(&id) => {
                return Err(Failure::new(
                    10021,
                    format!("GroupId {id:?} is already used by another group"),
                ))
            }
            Some(id) => id,
            None => generate_group_id(state, &self.group_type),
        };
        let mut list: Vec<Member> = Vec::new();
        if self.group_type != GroupType::AvChatRoom {
            if let Some(owner) = &self.owner_account {
                list.push(Member {
                    account: owner.clone(),
                    role: MemberRole::Owner.as_str().to_owned(),
                });
            }
            for m in members {
                if list.iter().any(|x| x.account == m.member_account) {
                    continue;
                }
                let role = m.role.unwrap_or(MemberRole::Member);
                list.push(Member {
                    account: m.member_account,
                    role: role.as_str().to_owned(),
                });
            }
        }
        let is_community = self.group_type == GroupType::Community;
        state.groups.insert(
            group_id.clone(),
            Group {
                group_type: self.group_type.as_str().to_owned(),
                name: self.name,
                owner: self.owner_account,
                members: list,
                introduction: self.introduction,
                notification: self.notification,
                face_url: self.face_url,
                max_member_count: self.max_member_count,
                apply_join_option: self.apply_join_option.map(|o| o.as_str().to_owned()),
                app_defined_data: self
                    .app_defined_data
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| (d.key, d.value))
                    .collect(),
                support_topic: self.support_topic,
            },
        );
        // The page's community sample answers with `HugeGroupFlag` and `Type` too.
        Ok(CreateGroupResponse {
            status: ctx.ok(),
            group_id,
            group_type: is_community.then_some(GroupType::Community),
            huge_group_flag: is_community.then_some(0),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        if error.field != "MemberList" {
            return None;
        }
        let members = body.get("MemberList").and_then(Value::as_array)?;
        if body.get("Type").and_then(Value::as_str) == Some("AVChatRoom") && !members.is_empty() {
            Some(10007)
        } else if members.len() > 100 {
            Some(10005)
        } else {
            None
        }
    }
}

/// `group_open_http_svc.destroy_group` page: "10010: The group does not exist or has been
/// deleted." Disbanding removes the group and its memberships; its ID may be used again.
impl Emulate for DestroyGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DestroyGroupResponse, Failure> {
        if state.groups.remove(&self.group_id).is_none() {
            return Err(Failure::new(
                10010,
                format!(
                    "GroupId {:?}: the group does not exist or has been disbanded",
                    self.group_id
                ),
            ));
        }
        Ok(DestroyGroupResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// Friend-list setup for [`crate::Control::set_friend_lists`].
pub(crate) fn lists_from(lists: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
    lists
        .iter()
        .map(|(name, members)| {
            (
                (*name).to_owned(),
                members.iter().map(|m| (*m).to_owned()).collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new endpoint in core must get a handler here; until then it answers "not emulated".
    #[test]
    fn every_registered_endpoint_is_emulated() {
        let routes = routes();
        let registered: Vec<&str> = chatadmin_core::registry::all()
            .map(|e| e.meta().path)
            .collect();
        assert_eq!(
            routes.iter().map(|r| r.path).collect::<Vec<_>>(),
            registered
        );
        let missing: Vec<&str> = routes
            .iter()
            .filter(|r| r.handler.is_none())
            .map(|r| r.path)
            .collect();
        assert!(
            missing.is_empty(),
            "endpoints registered in chatadmin-core without an emulator handler: {missing:?}"
        );
    }

    #[test]
    fn every_routed_service_has_an_invalid_parameter_code() {
        for r in routes() {
            assert!(
                envelope::documented_invalid_parameter_code(r.path).is_some(),
                "{}: add the service's documented invalid-parameter code",
                r.path
            );
        }
    }

    // The double borrow is the mechanism under test, not a needless one.
    #[allow(clippy::needless_borrow)]
    #[test]
    fn a_type_without_emulate_resolves_to_no_handler() {
        #[derive(Debug)]
        struct NotAnEndpoint;
        let h = (&&Probe::<NotAnEndpoint>(PhantomData)).handler();
        assert!(h.is_none());
        let h = (&&Probe::<DestroyGroup>(PhantomData)).handler();
        assert!(h.is_some());
    }

    #[test]
    fn generated_ids_look_like_the_services() {
        let s = State::default();
        let id = generate_group_id(&s, &GroupType::Public);
        assert!(id.starts_with("@TGS#") && id.len() == 14, "{id}");
        let id = generate_group_id(&s, &GroupType::Community);
        assert!(id.starts_with("@TGS#_@TGS#") && id.len() == 23, "{id}");
    }
}
