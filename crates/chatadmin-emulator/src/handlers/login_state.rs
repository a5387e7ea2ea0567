//! Login state (`im_open_login_svc/kick`, `openim/query_online_status`).
//!
//! Sessions come from [`crate::Control::login`] (standing in for a client SDK login), which
//! checks UserSigs against the `kicked_at` instant `kick` records.

use chatadmin_core::api::login_state::{
    AccountOnlineStatus, Kick, KickResponse, OnlineStatus, OnlineStatusError, PlatformStatus,
    QueryOnlineStatus, QueryOnlineStatusResponse, QUERY_ONLINE_STATUS_TO_ACCOUNT,
};
use chatadmin_core::error::ValidationError;
use chatadmin_core::ResponseStatus;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::State;

/// "70107: The requested user account does not exist" (kick and query_online_status pages).
const ACCOUNT_NOT_FOUND: i64 = 70107;

/// `im_open_login_svc.kick` page: invalidates the account's login state, so that "when the
/// user uses the original UserSig state to log in to IM, the login fails", while "a newly
/// generated UserSig" logs in. Recorded as `kicked_at = now`: a UserSig issued at or before
/// that second no longer logs in (UserSig times have a resolution of one second, so a sig
/// issued in the kick's own second counts as earlier). The current session ends too (not
/// documented; a kicked client is logged out in practice). 70107 for an account that was
/// never imported.
impl Emulate for Kick {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<KickResponse, Failure> {
        require_account(state, "UserID", &self.user_id, ACCOUNT_NOT_FOUND)?;
        state.kick(&self.user_id, ctx.now);
        Ok(KickResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// `openim.query_online_status` page: one `QueryResult` per existing account, in request
/// order, with `Online` or `PushOnline` from its session and `Offline` without one; `Detail`
/// (the session's platform and state) only with `IsNeedDetail` 1, and left out when the
/// account has no session; each account that does not exist goes to `ErrorList` with 70107.
/// "If the query for all the accounts failed, the return value is not 0": then `ErrorCode`
/// is 70107 (the code is not documented; it is the items' code) and `ErrorList` is kept.
///
/// The account's state is written under `State`, as every sample of the English and Chinese
/// pages writes it (and two of the three field tables); only the English response table names
/// it `Status` (docs/SPEC-NOTES.md, "query_online_status: `State`"). Core reads both. The
/// per-platform state in `Detail[]` is `Status` everywhere. Not emulated: `InstId` (`IsReturnInstid`) and custom
/// statuses (`IsReturnCustomStatus`), which the emulated clients do not have.
impl Emulate for QueryOnlineStatus {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<QueryOnlineStatusResponse, Failure> {
        let detail = self.wants_detail();
        let mut query_result = Vec::new();
        let mut error_list = Vec::new();
        for id in self.to_account {
            let Some(account) = state.accounts.get(&id) else {
                error_list.push(OnlineStatusError {
                    to_account: id,
                    error_code: ACCOUNT_NOT_FOUND,
                    extra: Default::default(),
                });
                continue;
            };
            let (status, platforms) = match &account.session {
                Some(s) => {
                    let st = s.status.clone();
                    let p = PlatformStatus {
                        platform: s.platform.clone(),
                        status: Some(st.clone()),
                        extra: Default::default(),
                    };
                    (st, vec![p])
                }
                None => (OnlineStatus::Offline, Vec::new()),
            };
            query_result.push(AccountOnlineStatus {
                to_account: id,
                status: None,
                state: Some(status),
                detail: if detail { platforms } else { Vec::new() },
                extra: Default::default(),
            });
        }
        let status = if query_result.is_empty() && !error_list.is_empty() {
            ResponseStatus::fail(
                ACCOUNT_NOT_FOUND,
                "none of the To_Account accounts exists (see ErrorList)",
            )
        } else {
            ctx.ok()
        };
        Ok(QueryOnlineStatusResponse {
            status,
            query_result,
            error_list,
            extra: Default::default(),
        })
    }

    /// The page's codes for a bad `To_Account`: 90011 for more than 500 accounts, 90001 for
    /// an empty list ("or whether To_Account is a null array"), 90003 for an item that is not
    /// a string. Anything else gets the family's 90001.
    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        let to = body.get("To_Account");
        match to {
            Some(Value::Array(items)) => {
                let max = QUERY_ONLINE_STATUS_TO_ACCOUNT.max_items().unwrap_or(500);
                if items.len() > max {
                    Some(90011)
                } else if items.is_empty() {
                    Some(90001)
                } else if items.iter().any(|i| !i.is_string())
                    || error.field.starts_with("To_Account")
                {
                    Some(90003)
                } else {
                    None
                }
            }
            Some(_) => Some(90003),
            None => Some(90001),
        }
    }
}
