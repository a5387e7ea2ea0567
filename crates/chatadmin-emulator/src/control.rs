//! The JSON control surface, defined once: every test hook of [`Control`] as a named
//! operation taking and answering JSON. The HTTP routes under `/__emulator/`
//! (`control_http.rs`), the Python extension and the C library all call
//! [`Control::apply_json`] (or [`Control::apply`]), so an operation, its arguments, its checks
//! and its answer are written here only.
//!
//! A request is a JSON object naming the operation in `"op"`, with the operation's fields
//! beside it: `{"op": "fault", "path": "sns/friend_delete", "error_code": 30006}`. See
//! [`CONTROL_OPS`] for the list and the crate documentation for each one's fields.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde_json::{json, Map, Value};

use crate::handlers::live_group::JoinRefusal;
use crate::shared::{lock, path_key};
use crate::state::ConversationKey;
use crate::{Control, Fault, LoginError};

/// One operation of the control surface, and the HTTP route that serves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlOp {
    /// The name given in `"op"`.
    pub name: &'static str,
    /// Whether it only reads (served by `GET` over HTTP; the others by `POST`).
    pub read_only: bool,
    /// The HTTP route under `/__emulator/` (the name, except for `advance_clock`, which is
    /// `POST /__emulator/clock`).
    pub route: &'static str,
    /// What it does, one line.
    pub summary: &'static str,
}

const fn op(
    name: &'static str,
    read_only: bool,
    route: &'static str,
    summary: &'static str,
) -> ControlOp {
    ControlOp {
        name,
        read_only,
        route,
        summary,
    }
}

/// Every control operation, in the order the documentation lists them.
pub const CONTROL_OPS: &[ControlOp] = &[
    op("state", true, "state", "the whole state as JSON"),
    op(
        "hits",
        true,
        "hits",
        "requests per path since the last reset; with `path`, for that path",
    ),
    op(
        "reset",
        false,
        "reset",
        "empties the state, faults, hit counts, rate-limit history",
    ),
    op(
        "fault",
        false,
        "fault",
        "injects a fault into the next calls of an endpoint",
    ),
    op(
        "clear_faults",
        false,
        "clear_faults",
        "removes every pending fault",
    ),
    op(
        "accounts",
        false,
        "accounts",
        "imports accounts directly (no API call is counted)",
    ),
    op(
        "friends",
        false,
        "friends",
        "makes accounts friends directly",
    ),
    op(
        "friend_lists",
        false,
        "friend_lists",
        "replaces an account's friend lists",
    ),
    op(
        "login",
        false,
        "login",
        "logs an account in as a client SDK would, checking its UserSig",
    ),
    op(
        "logout",
        false,
        "logout",
        "ends an account's client session",
    ),
    op(
        "push_online",
        false,
        "push_online",
        "moves an account's session to PushOnline",
    ),
    op(
        "live_join",
        false,
        "live_join",
        "a user joins a live-broadcast (AVChatRoom) group, as through the client SDK",
    ),
    op(
        "live_leave",
        false,
        "live_leave",
        "a user leaves a live-broadcast group",
    ),
    op(
        "conversation_touch",
        false,
        "conversation_touch",
        "puts conversations in an account's list as message sends do (time, unread, pin)",
    ),
    op("clock", true, "clock", "the emulated clock, unix seconds"),
    op(
        "advance_clock",
        false,
        "clock",
        "moves the emulated clock forward",
    ),
];

/// A refused control request: what was wrong, and the HTTP status the control routes answer
/// it with (400 for a bad request, 403 for a refused login, 404 for an unknown operation,
/// 405 for a known route with the wrong method). Never shows a UserSig or the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlError {
    status: u16,
    message: String,
    login: Option<LoginError>,
}

impl ControlError {
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ControlError {
            status: 400,
            message: message.into(),
            login: None,
        }
    }

    pub(crate) fn with_status(status: u16, message: impl Into<String>) -> Self {
        ControlError {
            status,
            message: message.into(),
            login: None,
        }
    }

    /// A refused `live_join` or `live_leave`: 403 for a banned user, 400 otherwise.
    fn live(e: LiveJoinError) -> Self {
        let status = if matches!(e, LiveJoinError::Banned { .. }) {
            403
        } else {
            400
        };
        ControlError::with_status(status, e.to_string())
    }

    fn login(e: LoginError) -> Self {
        ControlError {
            status: 403,
            message: e.to_string(),
            login: Some(e),
        }
    }

    /// The HTTP status the control routes answer with: 400, 403, 404 or 405.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For a refused `login` or `push_online`, why.
    pub fn login_error(&self) -> Option<&LoginError> {
        self.login.as_ref()
    }

    /// The answer's JSON: `{"error": message}`, plus `"kind"` ([`LoginError::kind`]) for a
    /// refused login.
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("error".into(), self.message.clone().into());
        if let Some(l) = &self.login {
            o.insert("kind".into(), l.kind().into());
        }
        Value::Object(o)
    }
}

impl std::fmt::Display for ControlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ControlError {}

fn ok() -> Value {
    json!({ "ok": true })
}

impl Control {
    /// Applies one control request, `{"op": NAME, ...fields}`, and answers with the
    /// operation's JSON (`{"ok": true}` or the data asked for).
    ///
    /// ```
    /// use chatadmin_emulator::{Emulator, EmulatorConfig};
    /// use serde_json::json;
    ///
    /// let emu = Emulator::start(EmulatorConfig::new(1400000000, "test-key")).unwrap();
    /// let c = emu.control();
    /// c.apply_json(&json!({"op": "accounts", "UserID": ["alice", "bob"]})).unwrap();
    /// c.apply_json(&json!({"op": "fault", "path": "sns/friend_delete", "error_code": 30006}))
    ///     .unwrap();
    /// let hits = c.apply_json(&json!({"op": "hits", "path": "sns/friend_delete"})).unwrap();
    /// assert_eq!(hits["hits"], 0);
    /// let err = c.apply_json(&json!({"op": "fault", "path": "a/b"})).unwrap_err();
    /// assert_eq!(err.status(), 400);
    /// ```
    pub fn apply_json(&self, request: &Value) -> Result<Value, ControlError> {
        let o = request.as_object().ok_or_else(|| {
            ControlError::bad_request("a control request must be a JSON object with \"op\"")
        })?;
        let name = match o.get("op") {
            Some(Value::String(s)) => s.as_str(),
            Some(_) => return Err(ControlError::bad_request("`op` must be a string")),
            None => {
                return Err(ControlError::bad_request(format!(
                    "`op` (the operation: one of {}) is required",
                    op_names()
                )))
            }
        };
        let mut args = o.clone();
        args.remove("op");
        self.apply(name, &Value::Object(args))
    }

    /// Applies the operation `name` with its fields `args` (a JSON object; `null` for none).
    pub fn apply(&self, name: &str, args: &Value) -> Result<Value, ControlError> {
        let empty = Value::Object(Map::new());
        let args = if args.is_null() { &empty } else { args };
        let o = args
            .as_object()
            .ok_or_else(|| ControlError::bad_request("the fields must be a JSON object"))?;
        let bad = |m: String| ControlError::bad_request(m);
        match name {
            "state" => {
                check_keys(o, &[]).map_err(bad)?;
                Ok(self.state_json())
            }
            "hits" => {
                check_keys(o, &["path"]).map_err(bad)?;
                let s = &self.shared;
                match o.get("path") {
                    None => Ok(json!({"hits": s.all_hits(), "total": s.total_hits()})),
                    Some(Value::String(p)) if !p.is_empty() => {
                        Ok(json!({"path": path_key(p), "hits": s.hits(p), "total": s.total_hits()}))
                    }
                    Some(_) => Err(ControlError::bad_request(
                        "`path` must be a non-empty string",
                    )),
                }
            }
            "reset" => {
                check_keys(o, &[]).map_err(bad)?;
                self.reset();
                Ok(ok())
            }
            "clear_faults" => {
                check_keys(o, &[]).map_err(bad)?;
                self.clear_faults();
                Ok(ok())
            }
            "fault" => {
                let (path, fault, after, times) = parse_fault(o).map_err(bad)?;
                self.inject_after(&path, fault, after, times);
                Ok(ok())
            }
            "accounts" => {
                check_keys(o, &["UserID"]).map_err(bad)?;
                for id in strings_at(o, "UserID").map_err(bad)? {
                    self.add_account(&id);
                }
                Ok(ok())
            }
            "friends" => {
                let (from, to, both) = parse_friends(o).map_err(bad)?;
                for b in to {
                    self.add_friend(&from, &b, both);
                }
                Ok(ok())
            }
            "friend_lists" => {
                let (user, lists) = parse_friend_lists(o).map_err(bad)?;
                self.set_friend_lists_owned(&user, lists);
                Ok(ok())
            }
            "login" => {
                let (user, sig, platform) = parse_login(o).map_err(bad)?;
                self.login(&user, &sig, &platform)
                    .map_err(ControlError::login)?;
                Ok(ok())
            }
            "logout" => {
                let user = parse_user(o).map_err(bad)?;
                let was = self.logout(&user);
                Ok(json!({"ok": true, "was_logged_in": was}))
            }
            "push_online" => {
                let user = parse_user(o).map_err(bad)?;
                self.set_push_online(&user).map_err(ControlError::login)?;
                Ok(ok())
            }
            "live_join" => {
                let (group, users) = parse_live(o).map_err(bad)?;
                for user in users {
                    self.live_join(&group, &user).map_err(ControlError::live)?;
                }
                Ok(ok())
            }
            "live_leave" => {
                let (group, users) = parse_live(o).map_err(bad)?;
                let mut was = Vec::new();
                for user in users {
                    was.push(self.live_leave(&group, &user).map_err(ControlError::live)?);
                }
                Ok(json!({"ok": true, "was_online": was}))
            }
            "conversation_touch" => {
                let touch = parse_conversation_touch(o, self.now()).map_err(bad)?;
                self.conversation_touch(touch).map_err(bad)?;
                Ok(ok())
            }
            "clock" => {
                check_keys(o, &[]).map_err(bad)?;
                Ok(json!({"now": self.now()}))
            }
            "advance_clock" => {
                let secs = parse_advance(o).map_err(bad)?;
                self.advance_clock(secs);
                Ok(json!({"now": self.now()}))
            }
            _ => Err(ControlError::with_status(
                404,
                format!(
                    "no control operation {name:?}; expected one of {}",
                    op_names()
                ),
            )),
        }
    }
}

/// Why a user could not join or leave a live-broadcast group ([`Control::live_join`],
/// [`Control::live_leave`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveJoinError {
    /// The group does not exist.
    NoSuchGroup(String),
    /// The group is not an audio-video group (AVChatRoom, BChatRoom); its type.
    NotLive {
        /// The group.
        group: String,
        /// Its type.
        group_type: String,
    },
    /// The account was never imported.
    NoSuchAccount(String),
    /// The user is banned from the group (`ban_group_member`) until this instant (unix
    /// seconds on the emulated clock).
    Banned {
        /// The user.
        user: String,
        /// When the ban ends.
        until: u64,
    },
}

impl std::fmt::Display for LiveJoinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiveJoinError::NoSuchGroup(g) => write!(f, "group {g:?} does not exist"),
            LiveJoinError::NotLive { group, group_type } => write!(
                f,
                "group {group:?} is a {group_type} group; only audio-video groups (AVChatRoom, BChatRoom) are joined this way"
            ),
            LiveJoinError::NoSuchAccount(u) => {
                write!(f, "account {u:?} does not exist (it was not imported)")
            }
            LiveJoinError::Banned { user, until } => write!(
                f,
                "{user:?} is banned from the group until {until} and cannot rejoin before"
            ),
        }
    }
}

impl std::error::Error for LiveJoinError {}

impl Control {
    /// `user` joins the live-broadcast group `group_id` now (on the emulated clock), as a
    /// client SDK join would: it is then online in the room (`get_online_member_num`,
    /// `get_members`, `check_members`). Joining again keeps the first join time. Refused for a
    /// group that does not exist or is not an AVChatRoom/BChatRoom, an account that was not
    /// imported, and a user whose ban (`ban_group_member`) has not ended.
    pub fn live_join(&self, group_id: &str, user: &str) -> Result<(), LiveJoinError> {
        let now = self.now();
        let mut st = lock(&self.shared.state);
        st.live_join(group_id, user, now)
            .map_err(|r| live_error(group_id, user, r))
    }

    /// `user` leaves the live-broadcast group `group_id` (its marks are cleared); whether it
    /// was in the room.
    pub fn live_leave(&self, group_id: &str, user: &str) -> Result<bool, LiveJoinError> {
        let mut st = lock(&self.shared.state);
        st.live_leave(group_id, user)
            .map_err(|r| live_error(group_id, user, r))
    }
}

fn live_error(group: &str, user: &str, r: JoinRefusal) -> LiveJoinError {
    match r {
        JoinRefusal::NoGroup => LiveJoinError::NoSuchGroup(group.to_owned()),
        JoinRefusal::NotLive(group_type) => LiveJoinError::NotLive {
            group: group.to_owned(),
            group_type,
        },
        JoinRefusal::NoAccount => LiveJoinError::NoSuchAccount(user.to_owned()),
        JoinRefusal::Banned(until) => LiveJoinError::Banned {
            user: user.to_owned(),
            until,
        },
    }
}

/// `{"GroupId", "UserID"}`, `UserID` one user or a list.
fn parse_live(o: &Map<String, Value>) -> Result<(String, Vec<String>), String> {
    check_keys(o, &["GroupId", "UserID"])?;
    Ok((string_field(o, "GroupId")?, strings_at(o, "UserID")?))
}

/// The fields of `conversation_touch`.
struct ConversationTouch {
    owner: String,
    keys: Vec<ConversationKey>,
    /// The message time to set, unless only the pin changes.
    time: Option<u64>,
    unread: u64,
    pinned: Option<bool>,
}

/// `{"From_Account", "To_Account" | "GroupId" (one or a list), "MsgTime"?, "Unread"?,
/// "Pinned"?}`. Without `MsgTime`, the conversations get a message now, unless `Pinned` is the
/// only change asked for.
fn parse_conversation_touch(o: &Map<String, Value>, now: u64) -> Result<ConversationTouch, String> {
    check_keys(
        o,
        &[
            "From_Account",
            "To_Account",
            "GroupId",
            "MsgTime",
            "Unread",
            "Pinned",
        ],
    )?;
    let owner = string_field(o, "From_Account")?;
    let keys: Vec<ConversationKey> = match (o.contains_key("To_Account"), o.contains_key("GroupId"))
    {
        (true, false) => strings_at(o, "To_Account")?
            .into_iter()
            .map(ConversationKey::C2C)
            .collect(),
        (false, true) => strings_at(o, "GroupId")?
            .into_iter()
            .map(ConversationKey::Group)
            .collect(),
        _ => {
            return Err(
                "exactly one of `To_Account` (one-to-one) and `GroupId` (group) is required".into(),
            )
        }
    };
    let number = |k: &str| match o.get(k) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("`{k}` must be a non-negative integer")),
    };
    let pinned = match o.get("Pinned") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err("`Pinned` must be true or false".into()),
    };
    let (msg_time, unread) = (number("MsgTime")?, number("Unread")?);
    let time = match (msg_time, pinned, unread) {
        (Some(t), _, _) => Some(t),
        (None, Some(_), None) => None,
        (None, _, _) => Some(now),
    };
    Ok(ConversationTouch {
        owner,
        keys,
        time,
        unread: unread.unwrap_or(0),
        pinned,
    })
}

impl Control {
    fn conversation_touch(&self, t: ConversationTouch) -> Result<(), String> {
        let mut st = lock(&self.shared.state);
        if !st.account_exists(&t.owner) {
            return Err(format!(
                "account {:?} does not exist (it was not imported)",
                t.owner
            ));
        }
        for key in t.keys {
            if let Some(time) = t.time {
                st.conversations
                    .touch(&t.owner, key.clone(), time, t.unread);
            }
            if let Some(p) = t.pinned {
                st.conversations.set_pinned(&t.owner, key, p);
            }
        }
        Ok(())
    }
}

fn op_names() -> String {
    CONTROL_OPS
        .iter()
        .map(|o| o.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `{"advance": SECONDS}`, a non-negative integer of at most ten years (the clock only moves
/// forward, and far enough for any expiry test).
fn parse_advance(o: &Map<String, Value>) -> Result<u64, String> {
    check_keys(o, &["advance"])?;
    const MAX: u64 = 10 * 366 * 86_400;
    match o.get("advance").and_then(Value::as_u64) {
        Some(s) if s <= MAX => Ok(s),
        _ => Err(format!(
            "\"advance\" must be a number of seconds from 0 to {MAX}"
        )),
    }
}

fn check_keys(o: &Map<String, Value>, allowed: &[&str]) -> Result<(), String> {
    match o.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) if allowed.is_empty() => Err(format!("unknown field {k:?}; expected none")),
        Some(k) => Err(format!("unknown field {k:?}; expected one of {allowed:?}")),
        None => Ok(()),
    }
}

fn string_field(o: &Map<String, Value>, key: &str) -> Result<String, String> {
    o.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| format!("`{key}` (a non-empty string) is required"))
}

/// A string or a list of non-empty strings under `key`.
fn strings_at(o: &Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    let err = || format!("`{key}` must be a string or a list of non-empty strings");
    match o.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(err)
            })
            .collect(),
        _ => Err(err()),
    }
}

/// `{"UserID", "UserSig", "Platform"}`.
fn parse_login(o: &Map<String, Value>) -> Result<(String, String, String), String> {
    check_keys(o, &["UserID", "UserSig", "Platform"])?;
    Ok((
        string_field(o, "UserID")?,
        string_field(o, "UserSig")?,
        string_field(o, "Platform")?,
    ))
}

/// `{"UserID"}`.
fn parse_user(o: &Map<String, Value>) -> Result<String, String> {
    check_keys(o, &["UserID"])?;
    string_field(o, "UserID")
}

fn parse_friends(o: &Map<String, Value>) -> Result<(String, Vec<String>, bool), String> {
    check_keys(o, &["From_Account", "To_Account", "BothWays"])?;
    let from = string_field(o, "From_Account")?;
    let to = strings_at(o, "To_Account")?;
    let both = match o.get("BothWays") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("`BothWays` must be true or false".into()),
    };
    Ok((from, to, both))
}

fn parse_friend_lists(
    o: &Map<String, Value>,
) -> Result<(String, BTreeMap<String, BTreeSet<String>>), String> {
    check_keys(o, &["From_Account", "Lists"])?;
    let user = string_field(o, "From_Account")?;
    let lists = o
        .get("Lists")
        .and_then(Value::as_object)
        .ok_or("`Lists` must be an object of list name to member UserIDs")?;
    let mut out = BTreeMap::new();
    for (name, members) in lists {
        let members = members
            .as_array()
            .and_then(|m| {
                m.iter()
                    .map(|x| x.as_str().map(str::to_owned))
                    .collect::<Option<BTreeSet<_>>>()
            })
            .ok_or_else(|| format!("`Lists.{name}` must be a list of UserIDs"))?;
        out.insert(name.clone(), members);
    }
    Ok((user, out))
}

/// The kinds of fault the control surface takes, one per `fault` op.
const FAULT_KINDS: &str =
    "`error_code`, `latency_ms`, `drop_connection`, `drop_after_effect`, `http_status`";

/// `{"path", "times", "after", <one kind>}`; `times` defaults to 1, `after` to 0.
fn parse_fault(o: &Map<String, Value>) -> Result<(String, Fault, u32, u32), String> {
    check_keys(
        o,
        &[
            "path",
            "times",
            "after",
            "error_code",
            "error_info",
            "latency_ms",
            "drop_connection",
            "drop_after_effect",
            "http_status",
        ],
    )?;
    let path = string_field(o, "path")?;
    let times = match o.get("times") {
        None => 1,
        Some(t) => t
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("`times` must be an integer from 0 to 4294967295")?,
    };
    let after = match o.get("after") {
        None => 0,
        Some(t) => t
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("`after` must be an integer from 0 to 4294967295")?,
    };
    let mut kinds = Vec::new();
    if let Some(c) = o.get("error_code") {
        let code = c.as_i64().ok_or("`error_code` must be an integer")?;
        let info = match o.get("error_info") {
            None => chatadmin_core::codes::meaning(Some(&path), code)
                .unwrap_or("")
                .to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err("`error_info` must be a string".into()),
        };
        kinds.push(Fault::ErrorCode { code, info });
    } else if o.contains_key("error_info") {
        return Err("`error_info` goes with `error_code`".into());
    }
    if let Some(ms) = o.get("latency_ms") {
        let ms = ms
            .as_u64()
            .ok_or("`latency_ms` must be a non-negative integer")?;
        kinds.push(Fault::Latency(Duration::from_millis(ms)));
    }
    match o.get("drop_connection") {
        None | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => kinds.push(Fault::DropConnection),
        Some(_) => return Err("`drop_connection` must be true".into()),
    }
    match o.get("drop_after_effect") {
        None | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => kinds.push(Fault::DropAfterEffect),
        Some(_) => return Err("`drop_after_effect` must be true".into()),
    }
    if let Some(s) = o.get("http_status") {
        let s = s
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..=999).contains(n))
            .ok_or("`http_status` must be an HTTP status code (100 to 999)")?;
        kinds.push(Fault::HttpStatus(s));
    }
    match kinds.len() {
        1 => Ok((path, kinds.remove(0), after, times)),
        0 => Err(format!("give one of {FAULT_KINDS}")),
        _ => Err(format!("give only one of {FAULT_KINDS}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(v: Value) -> Result<(String, Fault, u32, u32), String> {
        parse_fault(v.as_object().unwrap())
    }

    #[test]
    fn fault_bodies() {
        let (p, f, after, n) =
            fault(json!({"path": "v4/sns/friend_delete", "error_code": 30006})).unwrap();
        assert_eq!((p.as_str(), after, n), ("v4/sns/friend_delete", 0, 1));
        assert!(matches!(f, Fault::ErrorCode { code: 30006, ref info } if !info.is_empty()));
        let (_, f, after, n) =
            fault(json!({"path": "a/b", "times": 3, "after": 2, "latency_ms": 20})).unwrap();
        assert_eq!(after, 2);
        assert_eq!((f, n), (Fault::Latency(Duration::from_millis(20)), 3));
        assert!(
            fault(json!({"path": "a/b", "http_status": 502, "drop_connection": true})).is_err()
        );
        assert!(fault(json!({"path": "a/b"})).is_err());
        let (_, f, _, _) = fault(json!({"path": "a/b", "drop_after_effect": true})).unwrap();
        assert_eq!(f, Fault::DropAfterEffect);
        assert!(fault(json!({"path": "a/b", "drop_after_effect": 1})).is_err());
        assert!(fault(json!({"path": "a/b", "http_status": 5})).is_err());
        assert!(fault(json!({"path": "a/b", "latecy_ms": 5})).is_err());
        assert!(fault(json!({"path": "a/b", "after": -1, "latency_ms": 5})).is_err());
    }

    #[test]
    fn every_operation_is_dispatched_and_routed() {
        let emu = crate::Emulator::start(crate::EmulatorConfig::new(1, "k")).unwrap();
        let c = emu.control();
        for op in CONTROL_OPS {
            // Every listed name reaches an operation: a wrong field is a 400 naming it, never
            // the 404 of an unknown operation.
            let e = c
                .apply(op.name, &json!({"no_such_field": 1}))
                .expect_err(op.name);
            assert_eq!(e.status(), 400, "{}: {e}", op.name);
            assert!(e.message().contains("no_such_field"), "{}: {e}", op.name);
        }
        assert_eq!(c.apply("nothing", &Value::Null).unwrap_err().status(), 404);
    }

    #[test]
    fn requests_name_their_operation() {
        let emu = crate::Emulator::start(crate::EmulatorConfig::new(1, "k")).unwrap();
        let c = emu.control();
        assert_eq!(c.apply_json(&json!({"op": "reset"})).unwrap(), ok());
        assert_eq!(c.apply_json(&json!({})).unwrap_err().status(), 400);
        assert_eq!(c.apply_json(&json!({"op": 3})).unwrap_err().status(), 400);
        assert_eq!(c.apply_json(&json!([1])).unwrap_err().status(), 400);
        c.apply_json(&json!({"op": "accounts", "UserID": "a"}))
            .unwrap();
        assert!(c.account_exists("a"));
        let now = c.now();
        let after = c
            .apply_json(&json!({"op": "advance_clock", "advance": 60}))
            .unwrap();
        assert!(after["now"].as_u64().unwrap() >= now + 60);
        let e = c
            .apply_json(
                &json!({"op": "login", "UserID": "a", "UserSig": "nope", "Platform": "iPhone"}),
            )
            .unwrap_err();
        assert_eq!(e.status(), 403);
        assert_eq!(e.to_json()["kind"], "usersig");
        assert!(matches!(e.login_error(), Some(LoginError::UserSig(_))));
    }
}
