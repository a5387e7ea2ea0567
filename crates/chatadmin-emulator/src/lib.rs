//! # chatadmin-emulator
//!
//! An offline emulator of the Tencent Cloud Chat (formerly Tencent IM) server REST API, for
//! tests and development without a cloud account. It serves the same URL scheme and response
//! envelope as the service on loopback, verifies every request the way the service does, and
//! keeps the app's state in memory.
//!
//! - **Calls**: `POST /v4/{service}/{command}?sdkappid=..&identifier=..&usersig=..&random=..&contenttype=json`
//!   with a JSON body; always HTTP 200 with `ActionStatus`/`ErrorCode`/`ErrorInfo` (plus
//!   `ErrorDisplay` on `sns/*` and `profile/*`).
//! - **Checks**, each answered with the service's documented code: the URL parameters
//!   (60002, 60004, 60006, 60012), the SDKAppID (70020 for another app), the UserSig with the
//!   configured key (70001 expired, 70002 empty, 70003 malformed, 70009 wrong key, 70013
//!   identifier mismatch, 70014 SDKAppID mismatch), admin-only access (60010), the endpoint
//!   (60009), the per-API rate limit (60007), the body (60003 not JSON; core's typed request
//!   and documented limits, failing with the service family's invalid-parameter code: 70402
//!   accounts, 30001 `sns`, 10004 groups, 40001 `profile`, 90001 `openim`, or the page's more
//!   specific code).
//! - **State**, with each endpoint's documented semantics: accounts
//!   (`im_open_login_svc/account_import`, `multiaccount_import`, `account_delete`,
//!   `account_check`), login state (`im_open_login_svc/kick`, `openim/query_online_status`,
//!   with client logins simulated by [`Control::login`]), profiles (`profile/portrait_set`,
//!   `portrait_get`; every `Tag_Profile_Custom_*` tag is accepted as configured), friends
//!   (`sns/friend_add`, `friend_import`, `friend_update`, `friend_delete`, `friend_delete_all`,
//!   `friend_check`, `friend_get`, `friend_get_list`: one- and two-way adds with the target's
//!   `AllowType` and `ForceAddFlags`, the 3,000-friend cap, paging with sequences), friend
//!   lists (`sns/group_add`, `group_delete`, `group_get`: at most 32, `CurrentSequence`), the
//!   blocklist (`sns/black_list_add`, `black_list_delete`, `black_list_get`,
//!   `black_list_check`: blocking ends a friendship both ways and refuses adds) and groups
//!   (`group_open_http_svc/create_group`, `destroy_group`). A test clock
//!   ([`Control::advance_clock`]) drives `AddTime`, kicks and UserSig expiry.
//!
//! The endpoints come from `chatadmin-core`'s registry; one that core defines but the emulator
//! does not implement yet answers 60009 with an `ErrorInfo` saying it is not emulated.
//!
//! # In-process use (Rust tests)
//!
//! [`Emulator::start`] runs the server on its own thread and returns once it listens; the
//! [`Control`] handle sets up state, injects faults and counts requests.
//!
//! ```
//! use chatadmin_emulator::{Emulator, EmulatorConfig, Fault};
//! use std::io::{Read, Write};
//!
//! let emu = Emulator::start(EmulatorConfig::new(1400000000, "test-key")).unwrap();
//! emu.control().add_account("alice");
//!
//! // A raw call, as any HTTP client would make it.
//! let now = std::time::SystemTime::now()
//!     .duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
//! let sig = chatadmin_core::usersig::generate(
//!     &"test-key".into(), emu.sdkappid(), emu.admin(), 3600, now);
//! let body = r#"{"CheckItem":[{"UserID":"alice"},{"UserID":"bob"}]}"#;
//! let mut tcp = std::net::TcpStream::connect(emu.addr()).unwrap();
//! write!(tcp, "POST /v4/im_open_login_svc/account_check?sdkappid={}&identifier={}\
//!     &usersig={}&random=7&contenttype=json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
//!     Content-Length: {}\r\n\r\n{body}",
//!     emu.sdkappid(), emu.admin(), sig.expose_secret(), body.len()).unwrap();
//! let mut answer = String::new();
//! tcp.read_to_string(&mut answer).unwrap();
//! assert!(answer.contains(r#""AccountStatus":"Imported""#));
//! assert!(answer.contains(r#""AccountStatus":"NotImported""#));
//! assert_eq!(emu.control().hits("im_open_login_svc/account_check"), 1);
//!
//! // The next call to this endpoint fails as if the service were overloaded.
//! emu.control().inject("v4/sns/friend_delete", Fault::ErrorCode {
//!     code: 30006, info: "internal error".into() }, 1);
//! emu.shutdown();
//! ```
//!
//! # In-process use from Python, C and C++
//!
//! The Python extension (`chatadmin.testing.Emulator`) and the C library
//! (`chatadmin_emulator_start`, `chatadmin::Emulator` in C++) link this crate and run
//! [`Emulator::start`] in the caller's process. Their control calls are JSON requests handed
//! to [`Control::apply_json`], the one dispatcher every control surface uses.
//!
//! # Out-of-process use (other languages, the CLI)
//!
//! The binary `chatadmin-emulator --sdkappid N --key K [--admin administrator]
//! [--listen 127.0.0.1:0] [--rate-limit documented|off]` (the key may come from the
//! environment variable `CHATADMIN_SECRET_KEY` instead) prints `listening on http://HOST:PORT`
//! as its first line on stdout, then serves until it is killed. The same options are
//! [`cli::Args`], reused by the `chatadmin emulator` subcommand.
//!
//! # The control operations
//!
//! One list, [`CONTROL_OPS`], served three ways: in-process as `{"op": NAME, ...fields}` to
//! [`Control::apply_json`] (Python, C, C++), and over HTTP under `/__emulator/` with the
//! fields as the JSON body (`POST`) or the query string (`GET`). The HTTP surface needs no
//! UserSig; it is for tests on loopback only (do not expose an emulator on a public
//! interface).
//!
//! | `op` | HTTP route | Does |
//! |---|---|---|
//! | `state` | `GET /__emulator/state` | [`Control::state_json`] |
//! | `hits` | `GET /__emulator/hits?path=sns/friend_delete` | `{"path", "hits", "total"}`; without `path`, `{"hits": {path: n}, "total"}` |
//! | `reset` | `POST /__emulator/reset` | [`Control::reset`] |
//! | `fault` | `POST /__emulator/fault` | [`Control::inject_after`], fields `{"path": "...", "times": N, "after": K, ...}` with one of `"error_code": 70001, "error_info": "..."` (info defaults to the code's documented meaning), `"latency_ms": 200`, `"drop_connection": true`, `"drop_after_effect": true` (the call takes effect, then the connection closes without an answer), `"http_status": 502`; `times` defaults to 1, `after` (calls let through first) to 0 |
//! | `clear_faults` | `POST /__emulator/clear_faults` | [`Control::clear_faults`] |
//! | `accounts` | `POST /__emulator/accounts` | [`Control::add_account`] for each of `{"UserID": ["a", "b"]}` |
//! | `friends` | `POST /__emulator/friends` | [`Control::add_friend`]: `{"From_Account": "a", "To_Account": ["b"], "BothWays": true}` |
//! | `friend_lists` | `POST /__emulator/friend_lists` | [`Control::set_friend_lists`]: `{"From_Account": "a", "Lists": {"family": ["b"]}}` |
//! | `login` | `POST /__emulator/login` | [`Control::login`]: `{"UserID": "a", "UserSig": "...", "Platform": "iPhone"}`; a refused login is status 403 with `{"error", "kind"}` ([`LoginError::kind`]) |
//! | `logout` | `POST /__emulator/logout` | [`Control::logout`]: `{"UserID": "a"}`; answers `{"ok": true, "was_logged_in": bool}` |
//! | `push_online` | `POST /__emulator/push_online` | [`Control::set_push_online`]: `{"UserID": "a"}`; 403 with `{"error", "kind"}` when it has no session |
//! | `live_join` | `POST /__emulator/live_join` | [`Control::live_join`] for each of `{"GroupId": "@TGS#a...", "UserID": ["a", "b"]}`: users join an AVChatRoom/BChatRoom as through the client SDK; a banned user is refused with status 403, a missing group or account or another group type with 400 |
//! | `live_leave` | `POST /__emulator/live_leave` | [`Control::live_leave`] for each of `{"GroupId", "UserID"}`; answers `{"ok": true, "was_online": [bool, ...]}` |
//! | `conversation_touch` | `POST /__emulator/conversation_touch` | `{"From_Account": "a", "To_Account": "b"}` (or a list, or `"GroupId"` for group conversations), optional `"MsgTime"` (default now), `"Unread"` (added, default 0), `"Pinned"` (true/false; given alone it only pins or unpins, adding a pinned conversation without messages when it is not listed): the conversations as a message send leaves them (`recentcontact/get_list`); 400 for an account not imported |
//! | `clock` | `GET /__emulator/clock` | `{"now": unix_seconds}`, [`Control::now`] |
//! | `advance_clock` | `POST /__emulator/clock` | [`Control::advance_clock`]: `{"advance": 3600}`; answers `{"now": ...}` |
//!
//! One more route is not an operation: `GET /__emulator/history/<name>.gz` serves the
//! hourly message archives whose URLs `open_msg_svc/get_history` answers (the documented
//! gzip of JSON, one message a line, built once per `ChatType` and hour that is over and
//! at most seven days old; no UserSig; HTTP 403 after the answer's `ExpireTime`, 12 hours
//! later by the emulated clock; 404 for a name never given out).
//!
//! Operations answer `{"ok": true}` (or the data asked for). A refused request is a
//! [`ControlError`] with the status the HTTP surface answers (400 a bad request, 403 a
//! refused login, 404 an unknown operation or route, 405 the wrong method) and the JSON
//! `{"error": "..."}` (plus `"kind"` for a refused login).
//!
//! # What is not emulated
//!
//! Callbacks to an app URL, the trial-edition restriction of `account_delete` (71000), plan
//! quotas (70398, 10036–10038, 10058), custom-field enablement in the console, and every
//! endpoint core does not define yet.

mod control;
mod control_http;
mod envelope;
mod handlers;
mod ratelimit;
mod server;
mod shared;
mod state;

pub mod cli;

pub use control::{ControlError, ControlOp, LiveJoinError, CONTROL_OPS};

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chatadmin_core::SecretKey;
use serde_json::Value;
use tokio::sync::Notify;

use crate::shared::{lock, Shared};

/// Whether the per-API rate limits are enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RateLimitMode {
    /// Each endpoint allows its documented calls per second (the RATE column of
    /// `chatadmin api list`, usually 200), with a burst of one second's worth; calls beyond
    /// get 60007.
    #[default]
    Documented,
    /// No rate limiting.
    Off,
}

impl RateLimitMode {
    /// The mode's name: `documented` or `off` (as the `--rate-limit` option spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            RateLimitMode::Documented => "documented",
            RateLimitMode::Off => "off",
        }
    }
}

impl std::str::FromStr for RateLimitMode {
    type Err = String;

    /// `documented` or `off` (any case), the names the bindings accept.
    ///
    /// ```
    /// use chatadmin_emulator::RateLimitMode;
    /// assert_eq!("Off".parse::<RateLimitMode>(), Ok(RateLimitMode::Off));
    /// assert!("fast".parse::<RateLimitMode>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, String> {
        [RateLimitMode::Documented, RateLimitMode::Off]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("the rate limit must be \"documented\" or \"off\", not {s:?}"))
    }
}

/// How to run an [`Emulator`].
///
/// ```
/// use chatadmin_emulator::{EmulatorConfig, RateLimitMode};
/// let mut config = EmulatorConfig::new(1400000000, "secret");
/// config.rate_limit = RateLimitMode::Off;
/// assert_eq!(config.admin, "administrator");
/// assert!(!format!("{config:?}").contains("\"secret\""));
/// ```
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// The SDKAppID of the emulated app; calls with another get 70020.
    pub sdkappid: u64,
    /// The app's secret key, which UserSigs must be signed with.
    pub key: SecretKey,
    /// The app admin account, the only `identifier` allowed to call (60010 otherwise).
    pub admin: String,
    /// Where to listen; port 0 picks a free port ([`Emulator::addr`] tells which).
    pub listen: SocketAddr,
    /// Whether per-API rate limits apply.
    pub rate_limit: RateLimitMode,
}

impl EmulatorConfig {
    /// An app with admin `administrator`, listening on `127.0.0.1:0`, with documented rate
    /// limits.
    pub fn new(sdkappid: u64, key: impl Into<SecretKey>) -> Self {
        EmulatorConfig {
            sdkappid,
            key: key.into(),
            admin: "administrator".to_owned(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            rate_limit: RateLimitMode::Documented,
        }
    }
}

/// A fault to inject into calls of one endpoint ([`Control::inject`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this `ErrorCode`/`ErrorInfo` (HTTP 200, the usual envelope); the call has
    /// no effect.
    ErrorCode {
        /// The `ErrorCode`.
        code: i64,
        /// The `ErrorInfo`.
        info: String,
    },
    /// Wait this long, then handle the call normally. The call takes effect even when the
    /// client gives up waiting (a client timeout leaves the outcome unknown, as with the
    /// service).
    Latency(Duration),
    /// Close the TCP connection without any response; the call has no effect.
    DropConnection,
    /// Handle the call normally (it takes effect), then close the TCP connection without
    /// sending the answer: the client cannot know that the call succeeded, as when a response
    /// is lost on the network. A client that repeats the call meets what the first one did.
    DropAfterEffect,
    /// Answer with this HTTP status and a non-JSON (HTML) body, like a gateway would (e.g.
    /// 502); the call has no effect. A number that is no HTTP status (outside 100–999) gives
    /// 502.
    HttpStatus(u16),
}

/// A running emulator. Stops on [`shutdown`](Emulator::shutdown) or when dropped.
pub struct Emulator {
    addr: SocketAddr,
    control: Control,
    stop: Arc<Notify>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.addr)
            .field("sdkappid", &self.sdkappid())
            .field("admin", &self.admin())
            .finish_non_exhaustive()
    }
}

fn invalid(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, msg)
}

impl Emulator {
    /// Starts the emulator on its own background thread and tokio runtime; returns once it
    /// is listening. Fails when the address cannot be bound, or the SDKAppID, key or admin is
    /// empty.
    pub fn start(config: EmulatorConfig) -> std::io::Result<Emulator> {
        if config.sdkappid == 0 {
            return Err(invalid("the SDKAppID must not be 0"));
        }
        if config.key.is_empty() {
            return Err(invalid("the secret key must not be empty"));
        }
        if config.admin.is_empty() {
            return Err(invalid("the admin account must not be empty"));
        }
        let std_listener = std::net::TcpListener::bind(config.listen)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .thread_name("chatadmin-emulator-worker")
            .enable_all()
            .build()?;
        let listener = {
            let _guard = rt.enter();
            tokio::net::TcpListener::from_std(std_listener)?
        };
        let shared = Arc::new(Shared::new(
            config.sdkappid,
            config.key,
            config.admin,
            config.rate_limit,
        ));
        shared.set_base_url(format!("http://{addr}"));
        let stop = Arc::new(Notify::new());
        let thread = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("chatadmin-emulator".into())
                .spawn(move || {
                    rt.block_on(server::serve(listener, shared, stop));
                    // Connections still open (a latency fault, a keep-alive client) are
                    // dropped with the runtime.
                    rt.shutdown_timeout(Duration::from_millis(200));
                })?
        };
        Ok(Emulator {
            addr,
            control: Control { shared },
            stop,
            thread: Some(thread),
        })
    }

    /// The address it listens on (with the real port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, the base URL to give a client instead of a regional domain.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The emulated app's SDKAppID.
    pub fn sdkappid(&self) -> u64 {
        self.control.shared.sdkappid
    }

    /// The app admin account.
    pub fn admin(&self) -> &str {
        &self.control.shared.admin
    }

    /// The test hooks.
    pub fn control(&self) -> &Control {
        &self.control
    }

    /// Stops serving and waits for the server thread (at most a fraction of a second).
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Test hooks of a running emulator: state setup and inspection, faults, request counts.
/// Cheap to clone; every method is thread-safe.
#[derive(Clone)]
pub struct Control {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control")
            .field("total_hits", &self.total_hits())
            .finish_non_exhaustive()
    }
}

impl Control {
    /// The next `times` calls to `wire_path` (any spelling: `sns/friend_delete`,
    /// `v4/sns/friend_delete`, `/v4/sns/friend_delete`) get `fault`. Faults apply before
    /// anything else, so an injected error, drop or HTTP status means the call had no effect
    /// (except [`Fault::DropAfterEffect`], which drops the answer of a call that took effect).
    /// Several injections for one path apply one after the other; `times == 0` does nothing.
    pub fn inject(&self, wire_path: &str, fault: Fault, times: u32) {
        self.shared.inject(wire_path, fault, 0, times);
    }

    /// Like [`Control::inject`], but the fault lets the next `after` calls to `wire_path`
    /// through first: for example a split call whose third part fails
    /// (`inject_after(path, fault, 2, 1)`).
    pub fn inject_after(&self, wire_path: &str, fault: Fault, after: u32, times: u32) {
        self.shared.inject(wire_path, fault, after, times);
    }

    /// Removes every pending fault.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// How many requests reached routing for `wire_path` (any spelling), faulted, rejected or
    /// not, so tests can count retries exactly.
    pub fn hits(&self, wire_path: &str) -> u64 {
        self.shared.hits(wire_path)
    }

    /// How many API requests were received in all (control routes excluded).
    pub fn total_hits(&self) -> u64 {
        self.shared.total_hits()
    }

    /// Empties the state and removes faults, hit counts and rate-limit history.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// A readable snapshot of the whole state:
    /// `{"sdkappid", "admin", "accounts": {id: {"Nick"?, "FaceUrl"?}}, "friends": {a: [b..]},
    /// "friend_lists": {a: {"CurrentSequence", "Lists": {name: [b..]}}}, "groups": {id:
    /// {"Type", "Name", "Owner_Account", "MemberList": [{"Member_Account", "Role"}], ...}}}`.
    /// `friends[a]` lists the accounts in `a`'s friend list (a one-way relation).
    pub fn state_json(&self) -> Value {
        let mut v = lock(&self.shared.state).to_json();
        if let Value::Object(o) = &mut v {
            o.insert("sdkappid".into(), self.shared.sdkappid.into());
            o.insert("admin".into(), self.shared.admin.clone().into());
        }
        v
    }

    /// Imports an account directly (no checks).
    pub fn add_account(&self, user_id: &str) {
        lock(&self.shared.state).import_account(user_id, None, None);
    }

    /// Makes `b` a friend of `a` (and `a` of `b` when `both_ways`), importing both accounts if
    /// needed.
    pub fn add_friend(&self, a: &str, b: &str, both_ways: bool) {
        let mut st = lock(&self.shared.state);
        st.import_account(a, None, None);
        st.import_account(b, None, None);
        let now = self.shared.now();
        st.add_friend(a, b, both_ways, now);
    }

    /// Replaces `user`'s friend lists with `lists` (name, members), importing `user` if
    /// needed and bumping the lists' `CurrentSequence`. Friendships are not changed.
    pub fn set_friend_lists(&self, user: &str, lists: &[(&str, &[&str])]) {
        self.set_friend_lists_owned(user, handlers::lists_from(lists));
    }

    pub(crate) fn set_friend_lists_owned(
        &self,
        user: &str,
        lists: BTreeMap<String, BTreeSet<String>>,
    ) {
        let mut st = lock(&self.shared.state);
        st.import_account(user, None, None);
        st.set_friend_lists(user, lists);
    }

    /// Whether `b` is in `a`'s friend list.
    pub fn is_friend(&self, a: &str, b: &str) -> bool {
        lock(&self.shared.state).is_friend(a, b)
    }

    /// The emulated service's clock, unix seconds (the system clock plus
    /// [`Control::advance_clock`]).
    pub fn now(&self) -> u64 {
        self.shared.now()
    }

    /// Moves the emulated clock forward by `secs` seconds, for tests of time-dependent
    /// behaviour (UserSig expiry, `kick`, `AddTime`) without sleeping. [`Control::reset`]
    /// does not rewind it.
    pub fn advance_clock(&self, secs: u64) {
        self.shared.advance_clock(secs);
    }

    /// Whether the account is imported.
    pub fn account_exists(&self, user_id: &str) -> bool {
        lock(&self.shared.state).account_exists(user_id)
    }

    /// Whether the group exists (created and not disbanded).
    pub fn group_exists(&self, group_id: &str) -> bool {
        lock(&self.shared.state).groups.contains_key(group_id)
    }

    /// Logs `user` in on `platform` (`"iPhone"`, `"Android"`, `"Web"`, `"PC"`, `"iPad"`,
    /// `"Mac"`, or any other name) as a client SDK login would, so that
    /// `openim/query_online_status` reports it `Online`. The UserSig is verified with the
    /// app's key like the service verifies a client's: it must be for this SDKAppID and for
    /// `user`, not expired on the emulated clock, and issued after the account's last
    /// `im_open_login_svc/kick` (a UserSig issued at or before the kick's second is refused:
    /// UserSig times have a resolution of one second). The account must have been imported.
    /// A new login replaces the account's session.
    pub fn login(&self, user: &str, usersig: &str, platform: &str) -> Result<(), LoginError> {
        if platform.is_empty() {
            return Err(LoginError::InvalidPlatform);
        }
        let expected = chatadmin_core::usersig::Expected {
            sdkappid: self.shared.sdkappid,
            identifier: user,
            now: self.shared.now(),
            userbuf: chatadmin_core::usersig::UserbufCheck::Any,
        };
        let decoded = chatadmin_core::usersig::verify(&self.shared.key, usersig, &expected)
            .map_err(LoginError::UserSig)?;
        let mut st = lock(&self.shared.state);
        let Some(account) = st.accounts.get_mut(user) else {
            return Err(LoginError::NoSuchAccount(user.to_owned()));
        };
        if let Some(kicked_at) = account.kicked_at {
            if decoded.time <= kicked_at {
                return Err(LoginError::Kicked {
                    issued_at: decoded.time,
                    kicked_at,
                });
            }
        }
        account.session = Some(state::Session {
            platform: platform.to_owned(),
            status: chatadmin_core::api::login_state::OnlineStatus::Online,
        });
        Ok(())
    }

    /// Logs `user` out (its state becomes `Offline`). Returns whether it had a session.
    pub fn logout(&self, user: &str) -> bool {
        lock(&self.shared.state)
            .accounts
            .get_mut(user)
            .and_then(|a| a.session.take())
            .is_some()
    }

    /// Moves `user`'s session to `PushOnline`, as when the mobile client's process is killed
    /// or loses its connection (it still gets offline pushes). Fails when `user` has no
    /// session.
    pub fn set_push_online(&self, user: &str) -> Result<(), LoginError> {
        let mut st = lock(&self.shared.state);
        match st.accounts.get_mut(user) {
            None => Err(LoginError::NoSuchAccount(user.to_owned())),
            Some(a) => match &mut a.session {
                None => Err(LoginError::NotLoggedIn(user.to_owned())),
                Some(s) => {
                    s.status = chatadmin_core::api::login_state::OnlineStatus::PushOnline;
                    Ok(())
                }
            },
        }
    }
}

/// Why [`Control::login`] (or [`Control::set_push_online`]) refused. Neither `Debug` nor
/// `Display` ever shows the UserSig or the key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoginError {
    /// The account was never imported.
    NoSuchAccount(String),
    /// The UserSig is malformed, for another app or account, expired, or not signed with the
    /// app's key. The error names the failed check only.
    UserSig(chatadmin_core::usersig::UserSigError),
    /// The UserSig was issued at or before the account's last `kick`.
    Kicked {
        /// `TLS.time` of the UserSig, unix seconds.
        issued_at: u64,
        /// When the account was kicked, unix seconds.
        kicked_at: u64,
    },
    /// The platform name is empty.
    InvalidPlatform,
    /// [`Control::set_push_online`] for an account without a session.
    NotLoggedIn(String),
}

impl LoginError {
    /// A stable name of the kind of refusal (`no_such_account`, `usersig`, `kicked`,
    /// `invalid_platform`, `not_logged_in`), as the HTTP control surface reports it.
    pub fn kind(&self) -> &'static str {
        match self {
            LoginError::NoSuchAccount(_) => "no_such_account",
            LoginError::UserSig(_) => "usersig",
            LoginError::Kicked { .. } => "kicked",
            LoginError::InvalidPlatform => "invalid_platform",
            LoginError::NotLoggedIn(_) => "not_logged_in",
        }
    }
}

impl std::fmt::Display for LoginError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoginError::NoSuchAccount(u) => {
                write!(f, "account {u:?} does not exist (import it first)")
            }
            // UserSigError's text never contains the key or the UserSig (core's contract).
            LoginError::UserSig(e) => write!(f, "login refused: {e}"),
            LoginError::Kicked {
                issued_at,
                kicked_at,
            } => write!(
                f,
                "kicked: log in with a new UserSig (this one was issued at {issued_at}, at or \
                 before the kick at {kicked_at})"
            ),
            LoginError::InvalidPlatform => f.write_str("the platform name must not be empty"),
            LoginError::NotLoggedIn(u) => write!(f, "account {u:?} is not logged in"),
        }
    }
}

impl std::error::Error for LoginError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn handles_are_send_and_sync() {
        assert_send_sync::<Emulator>();
        assert_send_sync::<Control>();
    }

    #[test]
    fn start_rejects_bad_configuration() {
        assert!(Emulator::start(EmulatorConfig::new(0, "k")).is_err());
        assert!(Emulator::start(EmulatorConfig::new(1, "")).is_err());
        let mut c = EmulatorConfig::new(1, "k");
        c.admin.clear();
        assert!(Emulator::start(c).is_err());
    }

    #[test]
    fn starts_and_stops_inside_an_async_context() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let emu = Emulator::start(EmulatorConfig::new(1, "k")).unwrap();
            emu.control().add_account("a");
            drop(emu);
        });
    }

    #[test]
    fn shutdown_is_prompt_and_frees_the_port() {
        let emu = Emulator::start(EmulatorConfig::new(1, "k")).unwrap();
        let addr = emu.addr();
        let t = std::time::Instant::now();
        emu.shutdown();
        assert!(t.elapsed() < Duration::from_secs(2));
        assert!(std::net::TcpListener::bind(addr).is_ok());
    }
}
