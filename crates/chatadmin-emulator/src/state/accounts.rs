//! Accounts, their profiles and login sessions: the state of the account, profile and
//! login-state areas.

use std::collections::BTreeMap;

use chatadmin_core::api::login_state::OnlineStatus;
use chatadmin_core::api::profile;
use serde_json::Value;

use super::State;

/// An imported account.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Account {
    /// Profile fields by tag, standard (`Tag_Profile_IM_*`) and custom
    /// (`Tag_Profile_Custom_*`), as last set. `account_import`'s `Nick` and `FaceUrl` are
    /// `Tag_Profile_IM_Nick` and `Tag_Profile_IM_Image`.
    pub profile: BTreeMap<String, Value>,
    /// When `kick` last invalidated the account's login state (unix seconds): a UserSig
    /// issued at or before this instant no longer logs in.
    pub kicked_at: Option<u64>,
    /// The account's client session, when one is logged in (through the emulator's control
    /// surface, standing in for a client SDK login).
    pub session: Option<Session>,
}

/// A logged-in client session of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Session {
    /// The platform name `query_online_status` reports (`iPhone`, `Android`, `Web`, ...).
    pub platform: String,
    /// `Online` or `PushOnline` (`Offline` is the absence of a session).
    pub status: OnlineStatus,
}

impl State {
    pub fn account_exists(&self, id: &str) -> bool {
        self.accounts.contains_key(id)
    }

    /// Imports `id` (idempotent). The nickname and avatar are set when given and kept
    /// otherwise.
    pub fn import_account(&mut self, id: &str, nick: Option<String>, face_url: Option<String>) {
        let account = self.accounts.entry(id.to_owned()).or_default();
        if let Some(n) = nick {
            account
                .profile
                .insert(profile::tag::NICK.to_owned(), Value::String(n));
        }
        if let Some(f) = face_url {
            account
                .profile
                .insert(profile::tag::IMAGE.to_owned(), Value::String(f));
        }
    }

    /// `kick`: records `now` as the account's kick instant (UserSigs issued at or before it
    /// no longer log in) and ends its session. Returns whether the account exists.
    pub fn kick(&mut self, id: &str, now: u64) -> bool {
        let Some(account) = self.accounts.get_mut(id) else {
            return false;
        };
        account.kicked_at = Some(now);
        account.session = None;
        true
    }

    /// Sets profile fields of an existing account (later items win for a repeated tag).
    /// Returns whether the account exists.
    pub fn set_profile(
        &mut self,
        id: &str,
        items: impl IntoIterator<Item = (String, Value)>,
    ) -> bool {
        let Some(account) = self.accounts.get_mut(id) else {
            return false;
        };
        account.profile.extend(items);
        true
    }
}
