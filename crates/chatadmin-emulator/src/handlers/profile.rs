//! Profiles (`profile/portrait_*`).
//!
//! Profile fields live in `Account::profile` by tag. The app's custom fields are not
//! configured anywhere in the emulator: every `Tag_Profile_Custom_<keyword>` tag is accepted
//! as if it had been configured in the console with read and write permission (the service
//! answers 40009 for a tag it does not have, and 40007/40008 without permission).

use chatadmin_core::api::profile::{
    is_custom_tag, is_profile_tag, standard_kind, PortraitGet, PortraitGetResponse, PortraitSet,
    PortraitSetResponse, ProfileField, UserProfile,
};
use chatadmin_core::error::ValidationError;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::State;

/// "40003: The requested account does not exist" (both profile pages).
const ACCOUNT_NOT_FOUND: i64 = 40003;
/// "40009: The tag of a profile field does not exist" (both profile pages).
const TAG_NOT_FOUND: i64 = 40009;
/// "40002: Request parameter error. To_Account is not specified." (`portrait_get` page).
const TO_ACCOUNT_MISSING: i64 = 40002;

/// A tag the emulated app has: a standard tag this version knows, or any custom tag.
fn tag_exists(tag: &str) -> bool {
    standard_kind(tag).is_some() || is_custom_tag(tag)
}

fn unknown_tag(field: &str, tag: &str) -> Failure {
    Failure::new(
        TAG_NOT_FOUND,
        format!("{field} {tag:?}: the profile field tag does not exist"),
    )
}

/// `profile.portrait_set` page: sets the given fields of `From_Account` (40003 when it does
/// not exist). Values are checked by core's rules with the page's codes (see
/// `invalid_request_code`): 40601 over 500 bytes, 40605 a value that is not one of the
/// tag's documented values, 40610 the wrong JSON type, 40009 a tag that does not exist. A
/// failure sets nothing (not documented whether the service applies the valid items of a
/// request with an invalid one).
impl Emulate for PortraitSet {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<PortraitSetResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, ACCOUNT_NOT_FOUND)?;
        if let Some(item) = self.profile_item.iter().find(|i| !tag_exists(&i.tag)) {
            return Err(unknown_tag("ProfileItem Tag", &item.tag));
        }
        state.set_profile(
            &self.from_account,
            self.profile_item.into_iter().map(|i| (i.tag, i.value)),
        );
        Ok(PortraitSetResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, _error: &ValidationError) -> Option<i64> {
        let req: PortraitSet = serde_json::from_value(body.clone()).ok()?;
        req.first_problem().map(|(_, rule, _)| rule.code())
    }
}

/// `profile.portrait_get` page: one `UserProfileItem` per `To_Account`, in request order,
/// with the requested tags the account has set, in `TagList` order (fields never set are
/// left out: not documented). An account that does not exist gets `ResultCode` 40003 (the
/// page's code for it; the `ResultInfo` text is not documented) and is listed in
/// `Fail_Account`, as the page's sample does for a failed item; the call still succeeds. A
/// tag that does not exist fails the call with 40009.
impl Emulate for PortraitGet {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<PortraitGetResponse, Failure> {
        if let Some(t) = self.tag_list.iter().find(|t| !tag_exists(t)) {
            return Err(unknown_tag("TagList", t));
        }
        let mut fail_account = Vec::new();
        let user_profile_item = self
            .to_account
            .into_iter()
            .map(|id| match state.accounts.get(&id) {
                Some(account) => UserProfile {
                    profile_item: self
                        .tag_list
                        .iter()
                        .filter_map(|t| {
                            account.profile.get(t).map(|v| ProfileField {
                                tag: t.clone(),
                                value: v.clone(),
                                extra: Default::default(),
                            })
                        })
                        .collect(),
                    to_account: id,
                    ..Default::default()
                },
                None => {
                    fail_account.push(id.clone());
                    UserProfile {
                        result_code: ACCOUNT_NOT_FOUND,
                        result_info: format!(
                            "To_Account {id:?} does not exist (the account was not imported)"
                        ),
                        to_account: id,
                        ..Default::default()
                    }
                }
            })
            .collect();
        Ok(PortraitGetResponse {
            status: ctx.ok(),
            user_profile_item,
            fail_account,
            extra: Default::default(),
        })
    }

    /// 40002 when `To_Account` is missing or empty, 40009 for a `TagList` item that is no
    /// profile tag; anything else gets the family's 40001.
    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        match body.get("To_Account") {
            None => return Some(TO_ACCOUNT_MISSING),
            Some(Value::Array(a)) if a.is_empty() => return Some(TO_ACCOUNT_MISSING),
            _ => {}
        }
        let bad_tag = |t: &Value| t.as_str().is_some_and(|t| !is_profile_tag(t));
        match body.get("TagList") {
            Some(Value::Array(tags))
                if error.field.starts_with("TagList[") && tags.iter().any(bad_tag) =>
            {
                Some(TAG_NOT_FOUND)
            }
            _ => None,
        }
    }
}
