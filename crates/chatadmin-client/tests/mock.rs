//! The transport against a tiny local HTTP server: retries counted exactly, timeouts,
//! failover, splitting, rate limiting, redaction. No emulator needed.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chatadmin_client::api::account::{AccountCheck, AccountImport};
use chatadmin_client::api::friend::FriendDelete;
use chatadmin_client::api::group::{CreateGroup, DestroyGroup, GroupType};
use chatadmin_client::chatadmin_core::usersig;
use chatadmin_client::{
    registry, Client, ClientBuilder, Error, ErrorKind, RateLimit, Region, RetryPolicy, UserSig,
    UserSigProvider,
};
use serde_json::{json, Value};
use support::{closed_port_url, Hit, LogCapture, Mock, Reply};

const APP: u64 = 1_400_000_001;
const KEY: &str = "SECRETKEY-do-not-leak-5bd2850fff3ecb11d7c805251c51ee46";
const DESTROY: &str = "group_open_http_svc/destroy_group";
const CREATE: &str = "group_open_http_svc/create_group";

fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        multiplier: 2.0,
        jitter: true,
    }
}

fn builder(mock: &Mock) -> ClientBuilder {
    Client::builder(APP)
        .secret_key(KEY)
        .base_url(&mock.url)
        .timeout(Duration::from_secs(5))
        .total_timeout(Duration::from_secs(10))
        .retry_policy(fast_retries(3))
        .rate_limit(RateLimit::Off)
}

fn client(mock: &Mock) -> Client {
    builder(mock).build().unwrap()
}

fn destroy() -> DestroyGroup {
    DestroyGroup::new("@TGS#1")
}

fn create() -> CreateGroup {
    CreateGroup::new(GroupType::Public, "g")
}

fn create_ok() -> Reply {
    Reply::Json(
        json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "GroupId": "@TGS#new"}),
    )
}

/// A handler answering every path with `f(n)`.
fn always(f: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Mock {
    Mock::start(move |_hit: &Hit, n| Some(f(n)))
}

#[test]
fn requests_have_the_documented_shape() {
    let mock = Mock::start(|hit, _| {
        (hit.path == "sns/friend_delete").then(|| {
            Reply::Json(json!({"ActionStatus": "OK", "ErrorCode": 0, "ResultItem": [
                {"To_Account": "bob", "ResultCode": 0, "ResultInfo": ""}
            ]}))
        })
    });
    let c = client(&mock);
    for _ in 0..3 {
        let r = c
            .friends()
            .delete(&FriendDelete::new("alice", ["bob"]))
            .unwrap();
        assert_eq!(r.result_item[0].to_account, "bob");
    }
    let hits = mock.hits();
    assert_eq!(hits.len(), 3);
    for h in &hits {
        assert_eq!(h.method, "POST");
        assert_eq!(h.query["sdkappid"], APP.to_string());
        assert_eq!(h.query["identifier"], "administrator");
        assert_eq!(h.query["contenttype"], "json");
        assert_eq!(h.headers["content-type"], "application/json");
        assert!(
            h.headers["user-agent"].starts_with("chatadmin-rust/"),
            "{:?}",
            h.headers
        );
        assert_eq!(
            h.body,
            json!({"From_Account": "alice", "To_Account": ["bob"]})
        );
        let d = usersig::inspect(h.usersig()).unwrap();
        assert_eq!(
            (d.sdkappid, d.identifier.as_str(), d.expire),
            (APP, "administrator", 86_400)
        );
        h.query["random"].parse::<u32>().unwrap();
    }
    assert_eq!(
        hits[0].usersig(),
        hits[2].usersig(),
        "the admin UserSig is cached"
    );
    let randoms: std::collections::HashSet<_> =
        hits.iter().map(|h| h.query["random"].clone()).collect();
    assert_eq!(randoms.len(), 3, "a fresh random per request");
    mock.assert_nothing_unexpected();
}

#[test]
fn garbage_body_is_a_decode_error_and_not_retried() {
    let mock = always(|_| Reply::Status(200, "<html>gateway says hi</html>".into()));
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert_eq!(mock.total(), 1);

    let mock = always(|_| Reply::Json(json!({"hello": "world"})));
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert_eq!(mock.total(), 1);
}

#[test]
fn truncated_response_is_retried_only_when_idempotent() {
    let truncated = || {
        Reply::Raw(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ErrorCode\":".to_vec(),
        )
    };
    let mock = always(move |_| truncated());
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(mock.count(DESTROY), 3);

    let mock = always(move |_| truncated());
    let e = client(&mock).execute(&create()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert_eq!(
        mock.count(CREATE),
        1,
        "a create that may have happened is not repeated"
    );
}

#[test]
fn dropped_connection_is_retried_only_when_idempotent() {
    let mock = always(|n| if n < 3 { Reply::Close } else { Reply::ok() });
    client(&mock).execute(&destroy()).unwrap();
    assert_eq!(mock.count(DESTROY), 3);

    let mock = always(|_| Reply::Close);
    client(&mock).execute(&create()).unwrap_err();
    assert_eq!(mock.count(CREATE), 1);
}

#[test]
fn http_502_is_retried_only_when_idempotent() {
    let mock = always(|n| {
        if n < 3 {
            Reply::Status(502, "Bad Gateway".into())
        } else {
            Reply::ok()
        }
    });
    client(&mock).execute(&destroy()).unwrap();
    assert_eq!(mock.count(DESTROY), 3);

    let mock = always(|_| Reply::Status(502, "Bad Gateway".into()));
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(mock.count(DESTROY), 3, "max_attempts in all");
    match &e {
        Error::Transport(t) => assert_eq!(t.status, Some(502)),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(e.to_string().contains("Bad Gateway"), "{e}");

    let mock = always(|_| Reply::Status(502, "Bad Gateway".into()));
    client(&mock).execute(&create()).unwrap_err();
    assert_eq!(mock.count(CREATE), 1);
}

#[test]
fn http_429_is_retried_for_every_call() {
    let mock = always(|n| {
        if n < 3 {
            Reply::Status(429, String::new())
        } else {
            create_ok()
        }
    });
    let r = client(&mock).groups().create(&create()).unwrap();
    assert_eq!(r.group_id, "@TGS#new");
    assert_eq!(mock.count(CREATE), 3);
}

#[test]
fn other_http_statuses_are_not_retried() {
    let mock = always(|_| Reply::Status(404, "no such path".into()));
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(mock.total(), 1);
}

#[test]
fn service_codes_follow_their_retry_class() {
    // 60007 (rate limit): after backoff, for every call.
    let mock = always(|n| {
        if n < 3 {
            Reply::code(60007, "too fast")
        } else {
            create_ok()
        }
    });
    client(&mock).execute(&create()).unwrap();
    assert_eq!(mock.count(CREATE), 3);

    // 60008 (service timeout): only idempotent calls.
    let mock = always(|_| Reply::code(60008, "timeout"));
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(e.code(), Some(60008));
    assert_eq!(mock.count(DESTROY), 3);
    let mock = always(|_| Reply::code(60008, "timeout"));
    client(&mock).execute(&create()).unwrap_err();
    assert_eq!(mock.count(CREATE), 1);

    // 10010 (no such group): never.
    let mock = always(|_| Reply::code(10010, "group not found"));
    let e = client(&mock).execute(&destroy()).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(10010)));
    assert_eq!(mock.count(DESTROY), 1);

    // RetryPolicy::none(): one attempt even for a retryable code.
    let mock = always(|_| Reply::code(60007, "too fast"));
    builder(&mock)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
        .execute(&destroy())
        .unwrap_err();
    assert_eq!(mock.count(DESTROY), 1);
}

/// Issue 12: create_group's 10002 ("internal error, try again") may come after the group was
/// created, so it is repeated only when the create is retry-safe (a custom GroupId); 10006 on
/// create_group is a daily quota of net new groups, never repeated within seconds.
#[test]
fn create_group_internal_errors_and_the_daily_quota() {
    let mock = always(|_| Reply::code(10002, "internal error"));
    let e = client(&mock).execute(&create()).unwrap_err();
    assert_eq!(e.code(), Some(10002));
    assert!(!e.retryable(), "a repeat could create a second group");
    assert_eq!(mock.count(CREATE), 1, "no custom GroupId: not repeated");

    let mock = always(|n| {
        if n < 3 {
            Reply::code(10002, "internal error")
        } else {
            create_ok()
        }
    });
    client(&mock)
        .execute(&create().group_id("MyGroup"))
        .unwrap();
    assert_eq!(
        mock.count(CREATE),
        3,
        "a custom GroupId makes the repeat safe"
    );

    // Other endpoints keep 10002 as "try again".
    let mock = always(|n| {
        if n < 2 {
            Reply::code(10002, "internal error")
        } else {
            Reply::ok()
        }
    });
    client(&mock).execute(&destroy()).unwrap();
    assert_eq!(mock.count(DESTROY), 2);

    let mock = always(|_| Reply::code(10006, "too many new groups today"));
    let e = client(&mock)
        .execute(&create().group_id("MyGroup"))
        .unwrap_err();
    assert_eq!(e.code(), Some(10006));
    assert!(!e.retryable());
    assert_eq!(mock.count(CREATE), 1, "a daily quota is not retried");
}

#[test]
fn timeouts_are_retried_only_when_idempotent() {
    let slow = || Reply::After(Duration::from_millis(400), Box::new(Reply::ok()));
    let mock = always(move |_| slow());
    let c = builder(&mock)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let e = c.execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert_eq!(mock.count(DESTROY), 3);

    let e = c.execute(&create()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert_eq!(mock.count(CREATE), 1, "non-idempotent: exactly one attempt");
}

#[test]
fn expired_usersig_is_renewed_and_the_call_repeated_once() {
    let asked = Arc::new(AtomicU64::new(0));
    let a = asked.clone();
    // A different validity each time, so each UserSig is a different string.
    let provider: UserSigProvider = Arc::new(move |id: &str| {
        let n = a.fetch_add(1, Ordering::SeqCst);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        Ok(usersig::generate(&KEY.into(), APP, id, 86_400 + n, now))
    });
    let with_provider = |mock: &Mock| {
        Client::builder(APP)
            .usersig_provider(provider.clone())
            .base_url(&mock.url)
            .retry_policy(fast_retries(3))
            .rate_limit(RateLimit::Off)
            .build()
            .unwrap()
    };

    let mock = always(|n| {
        if n == 1 {
            Reply::code(70001, "sig expired")
        } else {
            create_ok()
        }
    });
    with_provider(&mock).execute(&create()).unwrap();
    let hits = mock.hits();
    assert_eq!(hits.len(), 2, "even for a non-idempotent call");
    assert_ne!(
        hits[0].usersig(),
        hits[1].usersig(),
        "a new UserSig on the second attempt"
    );
    assert_eq!(asked.load(Ordering::SeqCst), 2);

    let mock = always(|_| Reply::code(70001, "sig expired"));
    let e = with_provider(&mock).execute(&destroy()).unwrap_err();
    assert_eq!(e.code(), Some(70001));
    assert_eq!(mock.total(), 2, "renewed and retried exactly once");

    // Signed with the key, with RetryPolicy::none(): the renewal retry is not a blind retry.
    let mock = always(|_| Reply::code(70001, "sig expired"));
    let e = builder(&mock)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
        .execute(&destroy())
        .unwrap_err();
    assert_eq!(e.code(), Some(70001));
    assert_eq!(mock.total(), 2);
}

#[test]
fn usersig_is_renewed_before_it_expires() {
    let now = Arc::new(AtomicU64::new(1_800_000_000));
    let t = now.clone();
    let mock = always(|_| Reply::ok());
    let c = builder(&mock)
        .usersig_ttl(1000)
        .clock_for_test(Arc::new(move || t.load(Ordering::SeqCst)))
        .build()
        .unwrap();
    c.execute(&destroy()).unwrap();
    now.fetch_add(850, Ordering::SeqCst);
    c.execute(&destroy()).unwrap();
    now.fetch_add(60, Ordering::SeqCst); // 910 s in: less than 10% left
    c.execute(&destroy()).unwrap();
    c.execute(&destroy()).unwrap();
    let sigs: Vec<_> = mock.hits().iter().map(|h| h.usersig().to_owned()).collect();
    assert_eq!(sigs[0], sigs[1]);
    assert_ne!(sigs[1], sigs[2]);
    assert_eq!(sigs[2], sigs[3]);
    assert_eq!(usersig::inspect(&sigs[2]).unwrap().time, 1_800_000_910);
}

#[test]
fn backoff_is_capped() {
    let mock = always(|_| Reply::Status(502, String::new()));
    let c = builder(&mock)
        .retry_policy(RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(20),
            max_backoff: Duration::from_millis(40),
            multiplier: 100.0,
            jitter: false,
        })
        .build()
        .unwrap();
    let started = Instant::now();
    c.execute(&destroy()).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(mock.total(), 5);
    // 20 + 40 + 40 + 40 ms; uncapped it would be 20 ms + 2 s + 200 s + ...
    assert!(elapsed >= Duration::from_millis(140), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    let hits = mock.hits();
    for pair in hits.windows(2).skip(1) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= Duration::from_millis(38) && gap < Duration::from_millis(500),
            "{gap:?}"
        );
    }
}

#[test]
fn total_timeout_ends_retries() {
    let mock = always(|_| Reply::code(60007, "too fast"));
    let c = builder(&mock)
        .total_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy {
            max_attempts: 1000,
            initial_backoff: Duration::from_millis(40),
            max_backoff: Duration::from_millis(40),
            multiplier: 1.0,
            jitter: false,
        })
        .build()
        .unwrap();
    let started = Instant::now();
    let e = c.execute(&destroy()).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.code(), Some(60007), "the last error is returned");
    // At most 300 ms / 40 ms + 1 attempts fit; far fewer than max_attempts.
    let n = mock.total();
    assert!((2..=8).contains(&n), "{n} attempts");
}

#[test]
fn total_timeout_cuts_a_slow_attempt() {
    let mock = always(|_| Reply::After(Duration::from_secs(3), Box::new(Reply::ok())));
    let c = builder(&mock)
        .timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = c.execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(mock.total(), 1);
}

#[test]
fn unreachable_primary_fails_over_to_the_standby_and_remembers() {
    let standby = always(|_| Reply::ok());
    let c = Client::builder(APP)
        .secret_key(KEY)
        .base_urls_for_test(&closed_port_url(), &standby.url)
        .retry_policy(RetryPolicy::none())
        .rate_limit(RateLimit::Off)
        .build()
        .unwrap();
    let (_, logs) = LogCapture::run(|| {
        c.execute(&destroy()).unwrap();
        c.execute(&destroy()).unwrap();
        c.execute(&destroy()).unwrap();
    });
    assert_eq!(standby.total(), 3);
    assert_eq!(
        logs.matches("cannot connect to the primary host").count(),
        1,
        "the standby is remembered: {logs}"
    );

    // Without a standby, a connection failure is retried like any other (nothing was sent).
    let c = Client::builder(APP)
        .secret_key(KEY)
        .base_url(closed_port_url())
        .retry_policy(fast_retries(2))
        .build()
        .unwrap();
    let e = c.execute(&create()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e}");
    assert!(e.to_string().contains("cannot connect"), "{e}");
}

#[test]
fn long_lists_are_split_and_merged_in_order() {
    let mock = Mock::start(|hit, _| {
        (hit.path == "sns/friend_delete").then(|| {
            let items: Vec<Value> = hit.body["To_Account"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| json!({"To_Account": id, "ResultCode": 0, "ResultInfo": ""}))
                .collect();
            Reply::Json(json!({"ActionStatus": "OK", "ErrorCode": 0, "ResultItem": items}))
        })
    });
    let ids: Vec<String> = (0..2500).map(|i| format!("u{i}")).collect();
    let r = client(&mock)
        .friends()
        .delete(&FriendDelete::new("alice", ids.clone()))
        .unwrap();
    let got: Vec<_> = r.result_item.iter().map(|i| i.to_account.clone()).collect();
    assert_eq!(got, ids);
    let sizes: Vec<_> = mock
        .hits()
        .iter()
        .map(|h| h.body["To_Account"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [1000, 1000, 500]);
    mock.assert_nothing_unexpected();
}

#[test]
fn a_failing_later_part_says_how_many_parts_took_effect() {
    let mock = Mock::start(|hit, n| {
        Some(if n < 3 {
            let items: Vec<Value> = hit.body["CheckItem"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| json!({"UserID": i["UserID"], "ResultCode": 0, "AccountStatus": "Imported"}))
                .collect();
            Reply::Json(json!({"ErrorCode": 0, "ResultItem": items}))
        } else {
            Reply::code(60003, "bad json")
        })
    });
    let ids: Vec<String> = (0..250).map(|i| format!("u{i}")).collect();
    let e = client(&mock).execute(&AccountCheck::new(ids)).unwrap_err();
    assert_eq!(e.code(), Some(60003));
    assert_eq!(e.kind(), ErrorKind::Api);
    let s = e.to_string();
    assert!(
        s.contains("part 3 of 3") && s.contains("first 2 part(s) succeeded"),
        "{s}"
    );
    // The results of the parts that took effect are kept, in order.
    let p = e.partial().expect("a partial failure");
    assert_eq!((p.parts, p.succeeded), (3, 2));
    let done = p.completed.as_ref().unwrap();
    let done: Vec<&str> = done["ResultItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["UserID"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..200).map(|i| format!("u{i}")).collect();
    assert_eq!(done, expected);
    assert!(matches!(e.root(), Error::Api(a) if a.code == 60003));
    assert!(matches!(e, Error::Partial(_)));
}

#[test]
fn every_part_is_validated_before_anything_is_sent() {
    let mock = always(|_| Reply::ok());
    let mut ids: Vec<String> = (0..2500).map(|i| format!("u{i}")).collect();
    ids[2400] = String::new();
    let e = client(&mock)
        .friends()
        .delete(&FriendDelete::new("alice", ids))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
    assert_eq!(mock.total(), 0);

    // A list that cannot be split fails validation with core's message.
    let names: Vec<String> = (0..33).map(|i| format!("list{i}")).collect();
    let req = chatadmin_client::api::friend_list::FriendListDelete::new("alice", names);
    let e = client(&mock).friend_lists().delete(&req).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.to_string().contains("GroupName"), "{e}");
    assert_eq!(mock.total(), 0);
}

#[test]
fn call_json_accepts_every_registered_path() {
    let mock = always(|_| Reply::ok());
    let c = client(&mock);
    let mut n = 0;
    for endpoint in registry::all() {
        let path = endpoint.meta().path;
        for body in [json!([1, 2]), json!({"NoSuchField__": 1}), json!("x")] {
            let e = c.call_json(path, body.clone()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Validation, "{path} {body}: {e}");
            assert!(!e.to_string().contains("unknown endpoint"), "{path}: {e}");
        }
        let e = c
            .call_json(&format!("/v4/{path}"), json!({"NoSuchField__": 1}))
            .unwrap_err();
        assert!(!e.to_string().contains("unknown endpoint"), "{path}: {e}");
        n += 1;
    }
    assert!(n >= 8, "{n} endpoints");
    assert_eq!(mock.total(), 0, "nothing invalid is sent");
    let e = c.call_json("sns/no_such_thing", json!({})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.to_string().contains("unknown endpoint"), "{e}");
}

#[test]
fn call_json_executes_the_typed_request_and_keeps_unknown_fields() {
    let mock = Mock::start(|hit, _| {
        (hit.path == "sns/friend_delete").then(|| {
            let items: Vec<Value> = hit.body["To_Account"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| json!({"To_Account": id, "ResultCode": 31704, "ResultInfo": "not a friend", "NewItemField": 1}))
                .collect();
            Reply::Json(json!({"ActionStatus": "OK", "ErrorCode": 0, "ResultItem": items, "NewTopField": "x"}))
        })
    });
    let c = client(&mock);
    let out = c
        .call_json(
            "v4/sns/friend_delete",
            json!({"From_Account": "a", "To_Account": ["b"], "DeleteType": "Delete_Type_Both"}),
        )
        .unwrap();
    assert_eq!(out["NewTopField"], "x");
    assert_eq!(out["ResultItem"][0]["NewItemField"], 1);
    assert_eq!(out["ResultItem"][0]["ResultCode"], 31704);
    assert_eq!(mock.hits()[0].body["DeleteType"], "Delete_Type_Both");

    // Long lists are split here too.
    let ids: Vec<String> = (0..1500).map(|i| format!("u{i}")).collect();
    let out = c
        .call_json(
            "sns/friend_delete",
            json!({"From_Account": "a", "To_Account": ids}),
        )
        .unwrap();
    assert_eq!(out["ResultItem"].as_array().unwrap().len(), 1500);
    assert_eq!(mock.total(), 3);
}

#[test]
fn client_rate_limit_spaces_calls() {
    let mock = always(|_| Reply::ok());
    let c = builder(&mock)
        .rate_limit(RateLimit::PerSecond(10))
        .build()
        .unwrap();
    let started = Instant::now();
    for _ in 0..14 {
        c.execute(&destroy()).unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // The times are when the mock *received* each call; on a loaded machine a call can
    // arrive late and bunch with the next, so the window allows 150 ms of such jitter.
    let times: Vec<Instant> = mock.hits().iter().map(|h| h.at).collect();
    for (i, &t) in times.iter().enumerate() {
        let in_window = times[i..]
            .iter()
            .filter(|&&u| u - t < Duration::from_millis(850))
            .count();
        assert!(in_window <= 10, "{in_window} calls within a second");
    }
}

#[test]
fn rate_limit_overrides_and_waits_respect_the_total_timeout() {
    let mock = always(|_| Reply::ok());
    let c = builder(&mock)
        .rate_limit(RateLimit::Off)
        .rate_limit_for("v4/group_open_http_svc/destroy_group", 1)
        .total_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    c.execute(&destroy()).unwrap();
    let started = Instant::now();
    let e = c.execute(&destroy()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(e.to_string().contains("rate limit"), "{e}");
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "fails at once, not after waiting"
    );
    // Other endpoints are not limited.
    for _ in 0..5 {
        c.execute(&AccountImport::new("x")).unwrap();
    }
    assert_eq!(mock.total(), 6);
}

#[test]
fn threads_share_one_client_and_one_usersig() {
    let asked = Arc::new(AtomicU64::new(0));
    let a = asked.clone();
    let provider: UserSigProvider = Arc::new(move |id: &str| {
        a.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50)); // a slow vault
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        Ok(usersig::generate(&KEY.into(), APP, id, 86_400, now))
    });
    let mock = always(|_| Reply::ok());
    let c = Client::builder(APP)
        .usersig_provider(provider)
        .base_url(&mock.url)
        .build()
        .unwrap();
    std::thread::scope(|s| {
        for _ in 0..8 {
            let c = c.clone();
            s.spawn(move || {
                for _ in 0..5 {
                    c.execute(&destroy()).unwrap();
                }
            });
        }
    });
    assert_eq!(mock.total(), 40);
    assert_eq!(
        asked.load(Ordering::SeqCst),
        1,
        "only one thread fetched the UserSig"
    );
}

#[test]
fn configuration_errors_are_clear() {
    let ok = || {
        Client::builder(APP)
            .secret_key(KEY)
            .base_url("http://127.0.0.1:1")
    };
    assert!(ok().build().is_ok());
    let cases: Vec<(ClientBuilder, &str)> = vec![
        (Client::builder(APP).secret_key(KEY), "region"),
        (
            Client::builder(0).secret_key(KEY).region(Region::China),
            "sdkappid",
        ),
        (Client::builder(APP).region(Region::China), "secret_key"),
        (
            Client::builder(APP).secret_key("").region(Region::China),
            "empty",
        ),
        (ok().region(Region::China), "not both"),
        (ok().admin(""), "admin"),
        (ok().admin("x".repeat(40)), "admin"),
        (
            Client::builder(APP).secret_key(KEY).base_url("ftp://x"),
            "base_url",
        ),
        (
            Client::builder(APP)
                .secret_key(KEY)
                .base_url("http://u:pw@host"),
            "base_url",
        ),
        (ok().timeout(Duration::ZERO), "timeout"),
        (ok().total_timeout(Duration::ZERO), "total_timeout"),
        (ok().usersig_ttl(0), "usersig_ttl"),
        (ok().rate_limit(RateLimit::PerSecond(0)), "RateLimit::Off"),
        (ok().rate_limit_for("sns/nope", 5), "unknown endpoint"),
        (ok().rate_limit_for("sns/friend_delete", 0), "at least 1"),
        (
            ok().retry_policy(RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            }),
            "max_attempts",
        ),
        (ok().proxy("::not a url::"), "proxy"),
        (
            ok().usersig_provider(Arc::new(|_: &str| Err("x".into()))),
            "not both",
        ),
    ];
    for (b, needle) in cases {
        let shown = format!("{b:?}");
        let e = b.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{shown}: {e}");
        assert!(
            e.to_string().contains(needle),
            "{e} should mention {needle}"
        );
        assert!(!e.to_string().contains("pw"), "{e}");
    }
    let e = Client::builder(APP).secret_key(KEY).build().unwrap_err();
    assert!(
        e.to_string().contains("region(") && e.to_string().contains("base_url("),
        "{e}"
    );
}

/// Whether `text` contains any 16-character piece of `secret`.
fn contains_piece(text: &str, secret: &str) -> bool {
    let s = secret.as_bytes();
    s.windows(16.min(s.len()))
        .any(|w| text.as_bytes().windows(w.len()).any(|x| x == w))
}

#[test]
fn secrets_never_appear_in_debug_errors_or_logs() {
    // Echoes the UserSig back in every kind of answer, as a careless gateway might.
    let mock = Mock::start(|hit, _| {
        let sig = hit.usersig().to_owned();
        let url = format!("/v4/{}?usersig={sig}", hit.path);
        Some(match hit.path.as_str() {
            "group_open_http_svc/destroy_group" => {
                Reply::Status(502, format!("bad gateway for {url}"))
            }
            "group_open_http_svc/create_group" => Reply::Status(200, format!("<html>{sig}</html>")),
            "sns/friend_delete" => Reply::Json(json!({
                "ActionStatus": "FAIL", "ErrorCode": 70009, "ErrorInfo": format!("bad sig {sig}"),
                "ErrorDisplay": format!("for {url}"), "Echo": [sig]
            })),
            "sns/group_delete" => Reply::After(Duration::from_millis(300), Box::new(Reply::ok())),
            _ => Reply::ok(),
        })
    });
    let bad_sig = "eJyrVkrxCdZLLVKyUjJUqgUAMSsFLQ__NOT_A_REAL_SIG";
    let (errors, logs) = LogCapture::run(|| {
        let c = builder(&mock)
            .timeout(Duration::from_millis(100))
            .build()
            .unwrap();
        let mut errors: Vec<Error> = vec![
            c.execute(&destroy()).unwrap_err(),
            c.execute(&create()).unwrap_err(),
            c.execute(&FriendDelete::new("a", ["b"])).unwrap_err(),
            c.execute(&chatadmin_client::api::friend_list::FriendListDelete::new(
                "a",
                ["l"],
            ))
            .unwrap_err(),
            c.execute(&FriendDelete::new("", ["b"])).unwrap_err(),
            Client::builder(APP)
                .secret_key(KEY)
                .base_url(format!("http://admin:{KEY}@h"))
                .build()
                .unwrap_err(),
            Client::builder(APP)
                .secret_key(KEY)
                .region(Region::China)
                .proxy(format!("http://u:{KEY}@ bad"))
                .build()
                .unwrap_err(),
        ];
        let provider: UserSigProvider = Arc::new(move |_: &str| Ok(UserSig::new(bad_sig)));
        let pc = Client::builder(APP)
            .usersig_provider(provider)
            .base_url(&mock.url)
            .build()
            .unwrap();
        errors.push(pc.execute(&destroy()).unwrap_err());
        let other: UserSigProvider = Arc::new(|_: &str| {
            Ok(usersig::generate(
                &KEY.into(),
                APP,
                "someone_else",
                3600,
                1_900_000_000,
            ))
        });
        let oc = Client::builder(APP)
            .usersig_provider(other)
            .base_url(&mock.url)
            .build()
            .unwrap();
        errors.push(oc.execute(&destroy()).unwrap_err());
        let cc = Client::builder(APP)
            .secret_key(KEY)
            .base_url(closed_port_url())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        errors.push(cc.execute(&destroy()).unwrap_err());
        // Debug of the builder and the client.
        let b = builder(&mock).proxy(format!("http://u:{KEY}@proxy:1"));
        tracing::info!(builder = ?b, client = ?c, "debug output");
        errors
    });
    let kinds: std::collections::HashSet<_> = errors.iter().map(Error::kind).collect();
    for k in [
        ErrorKind::Transport,
        ErrorKind::Decode,
        ErrorKind::Api,
        ErrorKind::Timeout,
        ErrorKind::Validation,
        ErrorKind::Config,
        ErrorKind::UserSig,
    ] {
        assert!(kinds.contains(&k), "no {k} error among {errors:?}");
    }
    let sigs: std::collections::HashSet<String> = mock
        .hits()
        .iter()
        .map(|h| h.usersig().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(!sigs.is_empty());
    let mut texts = vec![logs];
    for e in &errors {
        texts.push(format!("{e}"));
        texts.push(format!("{e:?}"));
        texts.push(format!("{e:#?}"));
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            texts.push(format!("{s} {s:?}"));
            src = s.source();
        }
    }
    let b = builder(&mock).proxy(format!("http://u:{KEY}@proxy:1"));
    texts.push(format!("{b:?} {b:#?}"));
    texts.push(format!("{:?}", b.build().unwrap()));
    for t in &texts {
        assert!(!contains_piece(t, KEY), "the key leaked: {t}");
        assert!(!t.contains("SECRETKEY"), "the key leaked: {t}");
        assert!(
            !contains_piece(t, bad_sig),
            "a provided UserSig leaked: {t}"
        );
        for s in &sigs {
            assert!(!contains_piece(t, s), "the UserSig leaked: {t}");
        }
    }
    // The logs were written at all (debug lines with redacted URLs).
    assert!(texts[0].contains("usersig=<redacted>"), "{}", texts[0]);
}
