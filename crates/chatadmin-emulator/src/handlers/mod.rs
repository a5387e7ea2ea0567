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
use std::time::Instant;

use chatadmin_core::error::ValidationError;
use chatadmin_core::{ApiRequest, EndpointMeta, Error, ResponseStatus};

mod account;
mod blocklist;
mod conversation;
mod friend;
mod friend_list;
mod group;
mod group_attr;
mod group_counter;
mod group_message;
pub(crate) mod live_group;
mod login_state;
mod member;
mod message;
mod operation;
mod profile;
mod topic;
use serde_json::Value;

use crate::envelope::{self, Failure};
use crate::state::State;

/// What a handler knows about the call besides its body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// The wire path without `v4/`.
    pub path: &'static str,
    /// The emulated clock when the call arrived, unix seconds.
    pub now: u64,
    /// Whether documented rate limits apply (`RateLimitMode::Documented`), including the
    /// per-object ones of [`Emulate::keyed_rate`].
    pub rate_limited: bool,
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

    /// Fields the service requires in the body although core's request type fills them in
    /// when JSON input leaves them out (the first-page cursor of paged reads). The SDK always
    /// sends them; a raw HTTP caller that does not gets the invalid-parameter code, as from
    /// the service.
    const REQUIRED_ON_WIRE: &'static [&'static str] = &[];

    /// A documented rate limit on the object the request writes rather than on the endpoint
    /// (applied when the emulator's rate limits are on).
    fn keyed_rate(&self) -> Option<KeyedRate> {
        None
    }
}

/// A per-object rate limit: at most `per_sec` calls a second for `key`, refused with `code`.
pub(crate) struct KeyedRate {
    /// The object, e.g. `group_attr:@TGS#1...`.
    pub key: String,
    pub per_sec: u32,
    pub code: i64,
    /// The page's words for the limit, for the error.
    pub what: &'static str,
}

/// Runs one call: parse with core's typed request (which also checks the documented limits),
/// then apply it under the state lock. Returns the response body.
pub(crate) type HandlerFn = fn(&Mutex<State>, &Ctx, Value) -> Value;

fn run<R: Emulate>(state: &Mutex<State>, ctx: &Ctx, body: Value) -> Value {
    if let Some(missing) = R::REQUIRED_ON_WIRE
        .iter()
        .find(|f| body.as_object().is_some_and(|o| !o.contains_key(**f)))
    {
        return envelope::fail(
            ctx.path,
            envelope::invalid_parameter_code(ctx.path),
            format!(
                "invalid request for {}: missing field `{missing}`",
                ctx.path
            ),
        );
    }
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
    if let Some(rate) = req.keyed_rate().filter(|_| ctx.rate_limited) {
        if !st
            .keyed_rates
            .allow(&rate.key, rate.per_sec, Instant::now())
        {
            return envelope::fail(ctx.path, rate.code, rate.what.to_owned());
        }
    }
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
// Helpers shared by the areas
// ---------------------------------------------------------------------------------------------

/// 30003, "The requested account does not exist" (`sns.friend_delete` and `sns.group_delete`
/// pages), for a `From_Account` that was never imported.
pub(crate) fn require_account(
    state: &State,
    field: &str,
    id: &str,
    code: i64,
) -> Result<(), Failure> {
    if state.account_exists(id) {
        Ok(())
    } else {
        Err(Failure::new(
            code,
            format!("{field} {id:?} does not exist (the account was not imported)"),
        ))
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
    use crate::handlers::group::generate_group_id;
    use chatadmin_core::api::group::{DestroyGroup, GroupType};

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
