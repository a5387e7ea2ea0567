//! The error codes of the REST API: what a non-zero `ErrorCode` (or a per-item `ResultCode`)
//! means, and how a client may react to it.
//!
//! # Sources
//!
//! Meanings are condensed from the official English pages: the error-code page (its "Common
//! backend", "Account", "Profile", "Relationship chain", "Recent contacts", "Message", "Group"
//! and "Operations data" tables) and the "Error Codes" table of each endpoint page. Codes that
//! only the Chinese pages, a documented response sample or the SDK models list are marked as such
//! next to their entry. The client-SDK codes of the error-code page (4001–9525, the negative
//! access-layer and push-vendor codes, 114xxx resource-file codes, the V3 SDK table) never come
//! back from the REST API and are left out.
//!
//! # Scopes and lookup
//!
//! The same number can mean different things in different services (10008 is a signature
//! problem in the group services and an edition problem in message extensions; 90030 is a push
//! attribute length for `all_member_push` and a field type for `openim/importmsg`). Each entry
//! therefore has a [`Scope`]:
//!
//! - [`Scope::Public`]: the public range 60000–79999 (plus 80001–80004, which the error-code
//!   page lists with the common codes), valid for every endpoint;
//! - [`Scope::Service`]: a code family shared by the endpoints of a service (the first segment
//!   of the wire path, e.g. `sns`);
//! - [`Scope::Endpoint`]: an endpoint whose page gives a meaning (or a limit, or an outcome)
//!   different from its family's.
//!
//! [`lookup`] takes the most specific entry for the endpoint that returned the code:
//!
//! 1. the entry for that endpoint;
//! 2. the entry for its service;
//! 3. the entry for its service's family: the other group services
//!    (`group_open_avchatroom_http_svc`, `group_open_attr_http_svc`,
//!    `million_group_open_http_svc`), message extensions (`openim_msg_ext_http_svc`) and chatbots
//!    (`openim_robot_http_svc`) share the 10xxx codes of `group_open_http_svc`, and
//!    `all_member_push` shares the 90xxx codes of `openim`;
//! 4. the public entry;
//! 5. any other entry for the code: service entries before endpoint entries, then table order
//!    (which keeps each family together, so this is the code's home family).
//!
//! The wire path may be given with or without a leading `/` or `v4/`; a query string is ignored.
//!
//! # Retry classes
//!
//! A code in the table has the [`RetryClass`] of its entry (the comments next to the entries
//! justify the less obvious ones). A code that is not in the table is classified by range:
//!
//! - `0` (success) → [`RetryClass::Never`];
//! - 10100–10200 from the group services and 120001–130000 from `openim`, the ranges an app's
//!   own group and one-to-one webhooks may refuse a request with → [`RetryClass::Never`] (the
//!   app's policy refused it; [`meaning`] says so too);
//! - 90990–90999 from `openim` (and `all_member_push`), where every documented code (90992,
//!   90994, 90995) is an internal service error → [`RetryClass::AfterBackoff`];
//! - anything else → [`RetryClass::Never`]: an unknown code is more likely a new validation or
//!   permission error than a transient one, and retrying blindly can duplicate effects.
//!
//! The range rules apply to the services named, or to any code when no wire path is given.
//!
//! # Waits and "already done" answers
//!
//! Two more facts shape how a client repeats a call:
//!
//! - [`retry_wait`]: codes whose page asks for a pause ("try again in one minute": 70050; "do
//!   not send such requests frequently": 30540, 31707). They are never repeated within
//!   seconds: not before the wait, and not at all when the caller's deadline is nearer.
//! - [`already_done`]: per endpoint, the codes with which the service answers the repeat of a
//!   call that already took effect (30001 for `sns/group_add`, 10010 for `destroy_group`). A
//!   retry after an unknown outcome that gets one of them has succeeded.

#[path = "codes_data.rs"]
mod codes_data;

/// How a client may react to a code. Stable: explicit discriminants, only ever appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum RetryClass {
    /// Do not retry: fix the request, the configuration or the data first.
    Never = 0,
    /// Rate limits and transient internal errors: retry with exponential backoff.
    AfterBackoff = 1,
    /// The UserSig expired (70001): sign a new one, then retry once.
    AfterRenewingUserSig = 2,
    /// Timeouts and other unknown outcomes: retry only when the call cannot duplicate an effect
    /// (reads, idempotent writes, sends that reuse their dedup keys).
    IfIdempotent = 3,
}

impl RetryClass {
    /// A stable snake-case name: `never`, `after_backoff`, `after_renewing_usersig`,
    /// `if_idempotent`.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryClass::Never => "never",
            RetryClass::AfterBackoff => "after_backoff",
            RetryClass::AfterRenewingUserSig => "after_renewing_usersig",
            RetryClass::IfIdempotent => "if_idempotent",
        }
    }
}

/// Where a code's meaning applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every endpoint (the public range 60000–79999, and 80001–80004).
    Public,
    /// Every endpoint of a service, named by the first segment of the wire path, e.g. `"sns"`,
    /// `"group_open_http_svc"`, `"openim"`, `"profile"`, `"im_open_login_svc"`.
    Service(&'static str),
    /// One endpoint, by its wire path without `v4/`, e.g. `"sns/friend_delete"`.
    Endpoint(&'static str),
}

/// One documented code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeInfo {
    /// The `ErrorCode` / `ResultCode` value.
    pub code: i64,
    /// Where this meaning applies.
    pub scope: Scope,
    /// The official meaning, condensed to one line.
    pub meaning: &'static str,
    /// How a client may react.
    pub retry: RetryClass,
}

/// Every documented code, grouped by family. A code appears once per scope.
pub fn all() -> &'static [CodeInfo] {
    codes_data::CODES
}

/// The most specific entry for `code` as returned by the endpoint `wire_path` (like
/// `"sns/friend_delete"`, with or without a leading `"v4/"`): the endpoint's entry, then its
/// service's, then its service family's, then the public one, then any entry for the code (see
/// the [module documentation](self)). Without a path, the public entry or else any entry.
pub fn lookup(wire_path: Option<&str>, code: i64) -> Option<&'static CodeInfo> {
    lookup_in(all().iter(), wire_path, code)
}

/// The meaning of `code` as returned by `wire_path`, if known. Besides the table, this knows the
/// ranges of custom codes that an app's webhooks may answer with.
pub fn meaning(wire_path: Option<&str>, code: i64) -> Option<&'static str> {
    match lookup(wire_path, code) {
        Some(info) => Some(info.meaning),
        None => range_rule(wire_path, code).and_then(|rule| rule.meaning),
    }
}

/// How a client may react to `code` as returned by `wire_path`. Codes in the table get their
/// entry's class; other codes are classified by range (see the [module documentation](self)):
/// `0` and unknown codes are [`RetryClass::Never`], the 90990–90999 internal-error family is
/// [`RetryClass::AfterBackoff`].
pub fn retry_class(wire_path: Option<&str>, code: i64) -> RetryClass {
    if code == 0 {
        return RetryClass::Never;
    }
    if let Some(info) = lookup(wire_path, code) {
        return info.retry;
    }
    range_rule(wire_path, code).map_or(RetryClass::Never, |rule| rule.retry)
}

/// A documented pause before a call answered with `code` may be repeated ("try again in one
/// minute", "do not send such requests frequently"). See [`retry_wait`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryWait {
    /// The `ErrorCode`.
    pub code: i64,
    /// Where this applies (looked up like [`CodeInfo::scope`]).
    pub scope: Scope,
    /// The shortest wait before a repeat.
    pub wait: std::time::Duration,
    /// What the page asks for, in a few words (shown in the error).
    pub advice: &'static str,
}

/// Every documented pause (see [`retry_wait`]).
pub fn retry_waits() -> &'static [RetryWait] {
    codes_data::WAITS
}

/// The pause the pages ask for before repeating a call that `wire_path` answered with
/// `code`, if any: a client repeats such a call no sooner than [`RetryWait::wait`], and
/// returns the error at once (with [`RetryWait::advice`]) when the caller's deadline does not
/// leave that long. The most specific entry wins, as in [`lookup`].
///
/// ```
/// use chatadmin_core::codes::retry_wait;
/// assert_eq!(retry_wait(Some("sns/friend_add"), 30540).unwrap().wait.as_secs(), 60);
/// assert_eq!(retry_wait(None, 70050).unwrap().wait.as_secs(), 60);
/// assert!(retry_wait(None, 60007).is_none());
/// ```
pub fn retry_wait(wire_path: Option<&str>, code: i64) -> Option<&'static RetryWait> {
    let path = wire_path.map(normalize).filter(|p| !p.is_empty());
    let service = path.map(service_of);
    let parent = service.and_then(family_parent);
    retry_waits()
        .iter()
        .filter(|w| w.code == code)
        .filter_map(|w| {
            let rank: u8 = match w.scope {
                Scope::Endpoint(e) if Some(e) == path => 0,
                Scope::Service(s) if Some(s) == service => 1,
                Scope::Service(s) if Some(s) == parent => 2,
                Scope::Public => 3,
                // Without a path, any entry for the code.
                _ if path.is_none() => 4,
                _ => return None,
            };
            Some((rank, w))
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, w)| w)
}

/// The codes with which the endpoint `wire_path` answers the *repeat* of a call that already
/// took effect: `sns/group_add` and `sns/group_delete` answer 30001, `destroy_group` 10010,
/// `create_group` and `import_group` with a custom `GroupId` 10025.
///
/// A client that repeats a call after an unknown outcome (a timeout, a connection dropped
/// after sending, a 5xx) and gets one of these codes reads it as success: the earlier attempt
/// did what was asked. The same code on a first attempt (or after a failure that surely had no
/// effect) stays an error. Empty for every other endpoint. The table is keyed by wire path
/// (with or without `v4/`) so that endpoint declarations can fold it in later.
///
/// ```
/// use chatadmin_core::codes::already_done;
/// assert_eq!(already_done("v4/group_open_http_svc/destroy_group"), &[10010]);
/// assert!(already_done("sns/friend_add").is_empty());
/// ```
pub fn already_done(wire_path: &str) -> &'static [i64] {
    let path = normalize(wire_path);
    codes_data::ALREADY_DONE
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(&[], |(_, codes)| codes)
}

/// The answer that stands for the lost first answer when a repeat of `wire_path` is refused
/// with one of its [`already_done`] codes: the success envelope, plus the fields of the
/// request `body` (encoded JSON) that the lost answer repeated (`create_group` and
/// `import_group` answer the custom `GroupId` asked for). What else it carried (per-item
/// results) is not known, so the answer has none.
///
/// ```
/// use chatadmin_core::codes::already_done_answer;
/// let a = already_done_answer("group_open_http_svc/create_group", br#"{"GroupId":"g1","Type":"Public"}"#);
/// assert_eq!(a, serde_json::json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "GroupId": "g1"}));
/// let a = already_done_answer("sns/group_add", br#"{"GroupName":["x"]}"#);
/// assert_eq!(a["ActionStatus"], "OK");
/// assert!(a.get("GroupName").is_none());
/// ```
pub fn already_done_answer(wire_path: &str, body: &[u8]) -> serde_json::Value {
    let mut answer = serde_json::json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": ""});
    let path = normalize(wire_path);
    let echoed = (codes_data::ECHOED.iter())
        .find(|(p, _)| *p == path)
        .map_or(&[][..], |(_, fields)| fields);
    if echoed.is_empty() {
        return answer;
    }
    if let Ok(serde_json::Value::Object(req)) = serde_json::from_slice(body) {
        for field in echoed {
            if let Some(v) = req.get(*field) {
                answer[*field] = v.clone();
            }
        }
    }
    answer
}

/// Services that share the code family of another service (step 3 of the lookup).
const FAMILY_PARENTS: &[(&str, &str)] = &[
    ("group_open_avchatroom_http_svc", "group_open_http_svc"),
    ("group_open_attr_http_svc", "group_open_http_svc"),
    ("million_group_open_http_svc", "group_open_http_svc"),
    ("openim_msg_ext_http_svc", "group_open_http_svc"),
    ("openim_robot_http_svc", "group_open_http_svc"),
    ("all_member_push", "openim"),
];

fn family_parent(service: &str) -> Option<&'static str> {
    FAMILY_PARENTS
        .iter()
        .find(|(child, _)| *child == service)
        .map(|(_, parent)| *parent)
}

/// A rule for codes that are not in the table. It applies to the listed services (and the
/// services of their families), or to any code when no wire path is given.
struct RangeRule {
    low: i64,
    high: i64,
    services: &'static [&'static str],
    meaning: Option<&'static str>,
    retry: RetryClass,
}

const RANGE_RULES: &[RangeRule] = &[
    // docs: the group "before" webhooks (create group, join, invite, send, create topic) may
    // refuse with a custom ErrorCode in [10100, 10200], which is passed back to the caller.
    RangeRule {
        low: 10100,
        high: 10200,
        services: &["group_open_http_svc"],
        meaning: Some("Custom error code returned by the app's group webhook"),
        retry: RetryClass::Never,
    },
    // docs: C2C.CallbackBeforeSendMsg may refuse with a custom ErrorCode in [120001, 130000];
    // listed on the error-code page too.
    RangeRule {
        low: 120_001,
        high: 130_000,
        services: &["openim"],
        meaning: Some("Custom error code returned by the app's one-to-one message webhook"),
        retry: RetryClass::Never,
    },
    // Every documented code of this block (90992, 90994, 90995) is "internal service error,
    // try again"; an unlisted neighbour most likely is too.
    RangeRule {
        low: 90_990,
        high: 90_999,
        services: &["openim"],
        meaning: None,
        retry: RetryClass::AfterBackoff,
    },
];

fn range_rule(wire_path: Option<&str>, code: i64) -> Option<&'static RangeRule> {
    let service = wire_path
        .map(normalize)
        .map(service_of)
        .filter(|s| !s.is_empty());
    let applies = |rule: &RangeRule| match service {
        None => true,
        Some(s) => rule
            .services
            .iter()
            .any(|r| *r == s || Some(*r) == family_parent(s)),
    };
    RANGE_RULES
        .iter()
        .find(|rule| (rule.low..=rule.high).contains(&code) && applies(rule))
}

/// Reduces `/v4/sns/friend_delete?sdkappid=…` to `sns/friend_delete`.
fn normalize(wire_path: &str) -> &str {
    let path = wire_path.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_start_matches('/');
    path.strip_prefix("v4/")
        .unwrap_or(path)
        .trim_end_matches('/')
}

/// The service of a normalized wire path: its first segment.
fn service_of(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

fn lookup_in<'a>(
    entries: impl Iterator<Item = &'a CodeInfo>,
    wire_path: Option<&str>,
    code: i64,
) -> Option<&'a CodeInfo> {
    let path = wire_path.map(normalize).filter(|p| !p.is_empty());
    let service = path.map(service_of);
    let parent = service.and_then(family_parent);
    let rank = |info: &CodeInfo| -> u8 {
        match info.scope {
            Scope::Endpoint(e) if Some(e) == path => 0,
            Scope::Service(s) if Some(s) == service => 1,
            Scope::Service(s) if Some(s) == parent => 2,
            Scope::Public => 3,
            Scope::Service(_) => 4,
            Scope::Endpoint(_) => 5,
        }
    };
    // `min_by_key` keeps the first of equal ranks, i.e. table order.
    entries
        .filter(|info| info.code == code)
        .min_by_key(|info| rank(info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The REST codes of the error-code page's "Common backend error codes" and "Account error
    /// codes" tables.
    const PAGE_PUBLIC_CODES: &[i64] = &[
        60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60013, 60014,
        60015, 60016, 60017, 60018, 60019, 60020, 60021, 80001, 80002, 80003, 80004, 70001, 70002,
        70003, 70005, 70009, 70013, 70014, 70016, 70020, 70050, 70051, 70107, 70114, 70169, 70202,
        70206, 70402, 70403, 70398, 70500, 71000, 72000, 72001,
    ];

    #[test]
    fn every_public_code_of_the_error_page_is_public() {
        for &code in PAGE_PUBLIC_CODES {
            let info = lookup(None, code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(info.scope, Scope::Public, "{code}");
            assert!(all().contains(info));
        }
    }

    #[test]
    fn public_entries_stay_in_the_public_range() {
        for info in all().iter().filter(|i| i.scope == Scope::Public) {
            assert!(
                (60000..=79999).contains(&info.code) || (80001..=80004).contains(&info.code),
                "{info:?}"
            );
        }
    }

    #[test]
    fn no_duplicate_code_and_scope() {
        let mut seen = HashSet::new();
        for info in all() {
            assert!(seen.insert((info.code, info.scope)), "duplicate {info:?}");
        }
    }

    #[test]
    fn meanings_are_single_non_empty_lines() {
        for info in all() {
            let m = info.meaning;
            assert!(!m.trim().is_empty(), "{info:?}");
            assert_eq!(m, m.trim(), "{info:?}");
            assert!(!m.contains('\n') && !m.ends_with('.'), "{info:?}");
        }
    }

    #[test]
    fn scope_names_are_well_formed() {
        for info in all() {
            match info.scope {
                Scope::Public => {}
                Scope::Service(s) => {
                    assert!(!s.is_empty() && !s.contains('/'), "{info:?}")
                }
                Scope::Endpoint(e) => {
                    assert!(!e.starts_with("v4/") && !e.starts_with('/'), "{info:?}");
                    assert_eq!(e.matches('/').count(), 1, "{info:?}");
                }
            }
        }
    }

    #[test]
    fn endpoint_entries_differ_from_what_they_shadow() {
        for info in all() {
            if let Scope::Endpoint(path) = info.scope {
                let others = all().iter().filter(|other| *other != info);
                if let Some(shadowed) = lookup_in(others, Some(path), info.code) {
                    assert!(
                        shadowed.meaning != info.meaning || shadowed.retry != info.retry,
                        "{info:?} repeats {shadowed:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn endpoint_beats_service_and_the_prefix_is_ignored() {
        for path in [
            "group_open_http_svc/add_group_member",
            "v4/group_open_http_svc/add_group_member",
            "/v4/group_open_http_svc/add_group_member?sdkappid=1&random=2",
        ] {
            let info = lookup(Some(path), 10005).unwrap();
            assert_eq!(
                info.scope,
                Scope::Endpoint("group_open_http_svc/add_group_member"),
                "{path}"
            );
        }
        let info = lookup(Some("v4/group_open_http_svc/import_group_member"), 10005).unwrap();
        assert_eq!(info.scope, Scope::Service("group_open_http_svc"));
        // The batch send overrides the public 70169.
        let batch = lookup(Some("v4/openim/batchsendmsg"), 70169).unwrap();
        assert_eq!(batch.scope, Scope::Endpoint("openim/batchsendmsg"));
        let kick = lookup(Some("v4/im_open_login_svc/kick"), 70169).unwrap();
        assert_eq!(kick.scope, Scope::Public);
    }

    #[test]
    fn service_beats_family_beats_public_beats_others() {
        // Own service over the group family.
        let ext = lookup(Some("openim_msg_ext_http_svc/set_key_values"), 10008).unwrap();
        assert_eq!(ext.scope, Scope::Service("openim_msg_ext_http_svc"));
        // Family fallback.
        let topic = lookup(Some("million_group_open_http_svc/get_topic"), 10002).unwrap();
        assert_eq!(topic.scope, Scope::Service("group_open_http_svc"));
        let push = lookup(Some("all_member_push/im_push"), 91000).unwrap();
        assert_eq!(push.scope, Scope::Service("openim"));
        let attr = lookup(Some("all_member_push/im_set_attr"), 90030).unwrap();
        assert_eq!(attr.scope, Scope::Service("all_member_push"));
        let import = lookup(Some("openim/importmsg"), 90030).unwrap();
        assert_eq!(import.scope, Scope::Endpoint("openim/importmsg"));
        // Public.
        assert_eq!(
            lookup(Some("sns/friend_add"), 60007).unwrap().scope,
            Scope::Public
        );
        // Any entry: a service entry before an endpoint entry.
        let any = lookup(Some("sns/friend_add"), 10005).unwrap();
        assert_eq!(any.scope, Scope::Service("group_open_http_svc"));
        let no_path = lookup(None, 30006).unwrap();
        assert_eq!(no_path.scope, Scope::Service("sns"));
        // Cross-family codes in the account service's own words.
        let del = lookup(Some("im_open_login_svc/account_delete"), 30006).unwrap();
        assert_eq!(del.scope, Scope::Service("im_open_login_svc"));
        assert!(lookup(None, 123_456).is_none());
    }

    #[test]
    fn documented_codes_of_sample_endpoints_resolve() {
        let cases: &[(&str, &[i64])] = &[
            (
                "sns/friend_delete",
                &[
                    30001, 30002, 30003, 30004, 30006, 30007, 30008, 31704, 31707,
                ],
            ),
            (
                "sns/group_delete",
                &[30001, 30003, 30004, 30006, 30007, 30008],
            ),
            (
                "group_open_http_svc/destroy_group",
                &[10002, 10003, 10004, 10007, 10010, 10015],
            ),
            (
                "im_open_login_svc/account_delete",
                &[
                    30006, 30007, 30008, 40006, 70107, 70169, 70202, 70402, 70403, 70500, 71000,
                ],
            ),
            (
                "openim/query_online_status",
                &[
                    70107, 70169, 90001, 90003, 90009, 90011, 90992, 90994, 90995, 91000,
                ],
            ),
        ];
        for (path, codes) in cases {
            for &code in *codes {
                assert!(lookup(Some(path), code).is_some(), "{path} {code}");
            }
        }
    }

    #[test]
    fn retry_classes_of_representative_codes() {
        use RetryClass::*;
        assert_eq!(retry_class(None, 60007), AfterBackoff);
        assert_eq!(retry_class(None, 60011), AfterBackoff);
        assert_eq!(retry_class(None, 70050), AfterBackoff);
        assert_eq!(retry_class(None, 70001), AfterRenewingUserSig);
        assert_eq!(retry_class(None, 70003), Never);
        assert_eq!(retry_class(Some("sns/friend_add"), 30006), AfterBackoff);
        assert_eq!(retry_class(Some("sns/friend_add"), 30007), IfIdempotent);
        assert_eq!(retry_class(None, 60008), IfIdempotent);
        assert_eq!(retry_class(None, 0), Never);
        assert_eq!(retry_class(None, 123_456), Never);
        assert_eq!(retry_class(Some("sns/friend_add"), 123_456), Never);
        assert_eq!(
            retry_class(Some("v4/im_open_login_svc/account_import"), 70169),
            AfterBackoff
        );
        assert_eq!(
            retry_class(Some("v4/openim/batchsendmsg"), 70169),
            IfIdempotent
        );
        assert_eq!(
            retry_class(Some("group_open_http_svc/send_group_msg"), 10002),
            AfterBackoff
        );
        // Issue 12: a create's internal error may have created the group; 10006 on a create is
        // the daily quota of net new groups.
        assert_eq!(
            retry_class(Some("group_open_http_svc/create_group"), 10002),
            IfIdempotent
        );
        assert_eq!(
            retry_class(Some("group_open_http_svc/import_group"), 10002),
            IfIdempotent
        );
        assert_eq!(
            retry_class(Some("group_open_http_svc/create_group"), 10006),
            Never
        );
        assert_eq!(
            retry_class(Some("group_open_http_svc/get_appid_group_list"), 10006),
            AfterBackoff
        );
        assert_eq!(
            retry_class(Some("openim/sendmsg"), 20002),
            AfterRenewingUserSig
        );
    }

    #[test]
    fn unknown_codes_follow_the_range_rules() {
        use RetryClass::*;
        assert_eq!(retry_class(Some("openim/sendmsg"), 90993), AfterBackoff);
        assert_eq!(meaning(Some("openim/sendmsg"), 90993), None);
        assert_eq!(retry_class(Some("openim/sendmsg"), 125_000), Never);
        assert!(meaning(Some("openim/sendmsg"), 125_000)
            .unwrap()
            .contains("webhook"));
        assert!(meaning(None, 10150).unwrap().contains("group webhook"));
        assert_eq!(retry_class(None, -1), Never);
        assert_eq!(meaning(None, 654_321), None);
        assert_eq!(retry_class(None, 654_321), Never);
        // Range rules only apply to their services (or when the path is unknown).
        assert_eq!(meaning(Some("sns/friend_add"), 123_456), None);
        assert_eq!(retry_class(Some("sns/friend_add"), 90993), Never);
        assert_eq!(
            retry_class(Some("all_member_push/im_push"), 90993),
            AfterBackoff
        );
        assert!(meaning(Some("million_group_open_http_svc/create_topic"), 10150).is_some());
        // Table entries win over range rules.
        assert_eq!(retry_class(None, 90992), AfterBackoff);
        assert!(meaning(None, 90992)
            .unwrap()
            .starts_with("Internal service error"));
    }

    #[test]
    fn meaning_follows_lookup() {
        assert_eq!(
            meaning(Some("v4/sns/friend_delete"), 31704),
            Some("The account to delete is not a friend")
        );
        assert_eq!(
            meaning(None, 70001),
            Some(lookup(None, 70001).unwrap().meaning)
        );
    }

    #[test]
    fn documented_waits_resolve_and_are_retryable_classes() {
        for w in retry_waits() {
            let path = match w.scope {
                Scope::Public => None,
                Scope::Service(s) => Some(s),
                Scope::Endpoint(e) => Some(e),
            };
            assert!(
                lookup(path, w.code).is_some(),
                "{w:?} is not a documented code"
            );
            assert_ne!(retry_class(path, w.code), RetryClass::Never, "{w:?}");
            assert!(w.wait.as_secs() >= 1 && !w.advice.is_empty(), "{w:?}");
        }
        assert_eq!(
            retry_wait(Some("sns/friend_delete"), 31707).unwrap().code,
            31707
        );
        assert_eq!(
            retry_wait(Some("v4/sns/friend_add"), 30540).unwrap().code,
            30540
        );
        // 30540 is an sns code: another service's 30540 (none documented) has no wait.
        assert!(retry_wait(Some("openim/sendmsg"), 30540).is_none());
        assert!(retry_wait(Some("openim/sendmsg"), 70050).is_some());
        assert!(retry_wait(None, 30540).is_some());
        assert!(retry_wait(None, 60007).is_none());
    }

    #[test]
    fn already_done_codes_belong_to_their_endpoints() {
        for (path, codes) in codes_data::ALREADY_DONE {
            assert!(!codes.is_empty(), "{path}");
            for &code in *codes {
                assert!(lookup(Some(path), code).is_some(), "{path} {code}");
                assert_eq!(
                    retry_class(Some(path), code),
                    RetryClass::Never,
                    "{path} {code}"
                );
            }
        }
        assert_eq!(already_done("/v4/sns/group_add"), &[30001]);
        assert_eq!(already_done("group_open_http_svc/destroy_group"), &[10010]);
        // Session 6: a create with a custom GroupId repeated after a lost answer gets 10025.
        assert_eq!(already_done("group_open_http_svc/create_group"), &[10025]);
        assert!(already_done("group_open_http_svc/add_group_member").is_empty());
        for (path, _) in codes_data::ECHOED {
            assert!(
                !already_done(path).is_empty(),
                "{path} echoes without a code"
            );
        }
    }

    #[test]
    fn retry_class_names_and_discriminants_are_stable() {
        use RetryClass::*;
        let all = [
            (Never, 0, "never"),
            (AfterBackoff, 1, "after_backoff"),
            (AfterRenewingUserSig, 2, "after_renewing_usersig"),
            (IfIdempotent, 3, "if_idempotent"),
        ];
        for (class, value, name) in all {
            assert_eq!(class as u8, value);
            assert_eq!(class.as_str(), name);
        }
    }
}
