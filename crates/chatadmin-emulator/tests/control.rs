//! Test hooks: faults, hit counts, rate limits, concurrency, the HTTP control surface.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chatadmin_emulator::{Fault, RateLimitMode};
use common::{assert_fail, assert_ok, code, request, Harness};
use serde_json::{json, Value};

const IMPORT: &str = "im_open_login_svc/account_import";

#[test]
fn an_injected_error_applies_n_times_then_calls_succeed() {
    let h = Harness::new();
    let c = h.emu.control();
    c.inject(
        "v4/im_open_login_svc/account_import",
        Fault::ErrorCode {
            code: 70169,
            info: "Server timeout".into(),
        },
        2,
    );
    for _ in 0..2 {
        let v = h.call(IMPORT, json!({"UserID": "alice"}));
        assert_eq!(assert_fail(&v, 70169), "Server timeout");
        assert!(
            !c.account_exists("alice"),
            "an injected error has no effect"
        );
    }
    assert_ok(&h.call(IMPORT, json!({"UserID": "alice"})));
    assert!(c.account_exists("alice"));
    assert_eq!(c.hits(IMPORT), 3);
    assert_eq!(c.hits("/v4/im_open_login_svc/account_import"), 3);
    assert_eq!(c.total_hits(), 3);
}

#[test]
fn faults_queue_per_path_and_can_be_cleared() {
    let h = Harness::new();
    let c = h.emu.control();
    c.inject(
        IMPORT,
        Fault::ErrorCode {
            code: 1,
            info: "a".into(),
        },
        1,
    );
    c.inject(
        IMPORT,
        Fault::ErrorCode {
            code: 2,
            info: "b".into(),
        },
        1,
    );
    c.inject("sns/friend_delete", Fault::HttpStatus(500), 1);
    assert_eq!(code(&h.call(IMPORT, json!({"UserID": "x"}))), 1);
    assert_eq!(code(&h.call(IMPORT, json!({"UserID": "x"}))), 2);
    assert_eq!(code(&h.call(IMPORT, json!({"UserID": "x"}))), 0);
    c.inject(IMPORT, Fault::DropConnection, 5);
    c.clear_faults();
    assert_eq!(code(&h.call(IMPORT, json!({"UserID": "y"}))), 0);
    // Faults on other paths are untouched by calls here, but cleared too.
    let resp = request(h.addr(), "POST", &h.target("sns/friend_delete"), b"{}").unwrap();
    assert_eq!(resp.status, 200);
}

#[test]
fn latency_delays_then_handles_the_call() {
    let h = Harness::new();
    h.emu
        .control()
        .inject(IMPORT, Fault::Latency(Duration::from_millis(300)), 1);
    let t = Instant::now();
    assert_ok(&h.call(IMPORT, json!({"UserID": "slow"})));
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    assert!(h.emu.control().account_exists("slow"));
    let t = Instant::now();
    assert_ok(&h.call(IMPORT, json!({"UserID": "fast"})));
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[test]
fn a_call_delayed_past_the_clients_timeout_still_takes_effect() {
    let h = Harness::new();
    let c = h.emu.control();
    c.inject(IMPORT, Fault::Latency(Duration::from_millis(200)), 1);
    let r = common::request_with_timeout(
        h.addr(),
        "POST",
        &h.target(IMPORT),
        br#"{"UserID":"late"}"#,
        Duration::from_millis(50),
    );
    assert!(r.is_err(), "the client times out first: {r:?}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !c.account_exists("late") {
        assert!(
            Instant::now() < deadline,
            "the delayed call never took effect"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_dropped_connection_is_a_client_side_read_error() {
    let h = Harness::new();
    let c = h.emu.control();
    c.inject(IMPORT, Fault::DropConnection, 1);
    let r = request(
        h.addr(),
        "POST",
        &h.target(IMPORT),
        br#"{"UserID":"alice"}"#,
    );
    assert!(r.is_err(), "expected no response, got {r:?}");
    assert!(!c.account_exists("alice"));
    assert_ok(&h.call(IMPORT, json!({"UserID": "alice"})));
    assert_eq!(c.hits(IMPORT), 2);
}

#[test]
fn an_http_status_fault_answers_a_non_json_page() {
    let h = Harness::new();
    let c = h.emu.control();
    c.inject(IMPORT, Fault::HttpStatus(502), 1);
    let resp = request(
        h.addr(),
        "POST",
        &h.target(IMPORT),
        br#"{"UserID":"alice"}"#,
    )
    .unwrap();
    assert_eq!(resp.status, 502);
    assert_eq!(resp.header("content-type"), Some("text/html"));
    assert!(serde_json::from_slice::<Value>(&resp.body).is_err());
    assert!(String::from_utf8_lossy(&resp.body).contains("502 Bad Gateway"));
    assert!(!c.account_exists("alice"));
}

#[test]
fn hits_count_every_request_and_reset_clears_everything() {
    let h = Harness::new();
    let c = h.emu.control();
    h.call(IMPORT, json!({"UserID": "a"}));
    // Rejected requests count too.
    h.raw(&common::target(IMPORT, 1, "administrator", &h.sig), b"{}");
    h.call(
        "sns/friend_delete",
        json!({"From_Account": "a", "To_Account": ["b"]}),
    );
    assert_eq!(c.hits(IMPORT), 2);
    assert_eq!(c.hits("sns/friend_delete"), 1);
    assert_eq!(c.hits("sns/group_delete"), 0);
    assert_eq!(c.total_hits(), 3);
    c.inject(IMPORT, Fault::HttpStatus(503), 1);
    c.reset();
    assert_eq!((c.hits(IMPORT), c.total_hits()), (0, 0));
    assert!(!c.account_exists("a"));
    assert_ok(&h.call(IMPORT, json!({"UserID": "a"})));
}

/// Sends `n` account_check calls from 8 threads at once; returns the 60007 answers.
fn burst(h: &Arc<Harness>, n: usize) -> Vec<Value> {
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let h = Arc::clone(h);
            std::thread::spawn(move || {
                (t..n)
                    .step_by(8)
                    .map(|_| {
                        h.call(
                            "im_open_login_svc/account_check",
                            json!({"CheckItem": [{"UserID": "a"}]}),
                        )
                    })
                    .filter(|v| match code(v) {
                        0 => false,
                        60007 => true,
                        other => panic!("unexpected {other}: {v}"),
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect()
}

#[test]
fn documented_rate_limits_answer_60007_beyond_the_burst() {
    // account_check allows 100 calls/s (its page), with a burst of one second's worth.
    let h = Arc::new(Harness::new());
    let limited = burst(&h, 150);
    assert!(!limited.is_empty(), "150 calls at once must exceed 100/s");
    assert!(
        limited.len() <= 50,
        "at most the excess is refused, got {}",
        limited.len()
    );
    let info = assert_fail(&limited[0], 60007);
    assert!(info.contains("100 calls per second"), "{info}");
    assert_eq!(h.emu.control().hits("im_open_login_svc/account_check"), 150);
    // Other endpoints have their own budget.
    assert_ok(&h.call(IMPORT, json!({"UserID": "x"})));
}

#[test]
fn rate_limit_off_never_answers_60007() {
    let h = Arc::new(Harness::with_rate_limit(RateLimitMode::Off));
    assert!(burst(&h, 150).is_empty());
}

#[test]
fn concurrent_requests_leave_consistent_state() {
    let h = Arc::new(Harness::with_rate_limit(RateLimitMode::Off));
    let c = h.emu.control();
    for t in 0..8 {
        for i in 0..10 {
            c.add_friend(&format!("t{t}"), &format!("t{t}f{i}"), true);
        }
    }
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let h = Arc::clone(&h);
            std::thread::spawn(move || {
                for i in 0..10 {
                    let v = h.call(IMPORT, json!({"UserID": format!("new{t}_{i}")}));
                    assert_ok(&v);
                    let v = h.call(
                        "sns/friend_delete",
                        json!({"From_Account": format!("t{t}"), "To_Account": [format!("t{t}f{i}")], "DeleteType": "Delete_Type_Both"}),
                    );
                    assert_eq!(v["ResultItem"][0]["ResultCode"], 0, "{v}");
                    // Everyone also imports one shared account.
                    assert_ok(&h.call(IMPORT, json!({"UserID": "shared"})));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let state = c.state_json();
    // 8 owners + 80 friends + 80 new + 1 shared.
    assert_eq!(
        state["accounts"].as_object().unwrap().len(),
        8 + 80 + 80 + 1
    );
    assert_eq!(state["friends"], json!({}));
    assert_eq!(c.hits(IMPORT), 160);
    assert_eq!(c.hits("sns/friend_delete"), 80);
}

// ---------------------------------------------------------------------------------------------
// The HTTP control surface
// ---------------------------------------------------------------------------------------------

fn control(h: &Harness, method: &str, route: &str, body: Value) -> (u16, Value) {
    let body = if body.is_null() {
        Vec::new()
    } else {
        body.to_string().into_bytes()
    };
    let resp = request(h.addr(), method, &format!("/__emulator/{route}"), &body).unwrap();
    (resp.status, resp.json())
}

#[test]
fn the_http_control_surface() {
    let h = Harness::new();
    let c = h.emu.control();
    let ok = json!({"ok": true});
    assert_eq!(
        control(&h, "POST", "accounts", json!({"UserID": ["a", "b", "c"]})),
        (200, ok.clone())
    );
    assert_eq!(
        control(&h, "POST", "accounts", json!({"UserID": "d"})),
        (200, ok.clone())
    );
    assert!(c.account_exists("a") && c.account_exists("d"));
    assert_eq!(
        control(
            &h,
            "POST",
            "friends",
            json!({"From_Account": "a", "To_Account": ["b", "c"], "BothWays": true})
        ),
        (200, ok.clone())
    );
    assert!(c.is_friend("a", "b") && c.is_friend("c", "a"));
    assert_eq!(
        control(
            &h,
            "POST",
            "friend_lists",
            json!({"From_Account": "a", "Lists": {"work": ["b"]}})
        ),
        (200, ok.clone())
    );
    let (status, state) = control(&h, "GET", "state", Value::Null);
    assert_eq!(status, 200);
    assert_eq!(state["friend_lists"]["a"]["Lists"]["work"], json!(["b"]));
    assert_eq!(state["sdkappid"], common::SDKAPPID);
    assert_eq!(state["admin"], "administrator");

    // Faults of every kind.
    let (s, _) = control(
        &h,
        "POST",
        "fault",
        json!({"path": "v4/im_open_login_svc/account_import", "times": 1, "error_code": 70500}),
    );
    assert_eq!(s, 200);
    let v = h.call(IMPORT, json!({"UserID": "e"}));
    assert!(
        !assert_fail(&v, 70500).is_empty(),
        "info defaults to the documented meaning"
    );
    control(
        &h,
        "POST",
        "fault",
        json!({"path": IMPORT, "http_status": 502}),
    );
    assert_eq!(
        request(h.addr(), "POST", &h.target(IMPORT), b"{}")
            .unwrap()
            .status,
        502
    );
    control(
        &h,
        "POST",
        "fault",
        json!({"path": IMPORT, "drop_connection": true}),
    );
    assert!(request(h.addr(), "POST", &h.target(IMPORT), b"{}").is_err());
    control(
        &h,
        "POST",
        "fault",
        json!({"path": IMPORT, "latency_ms": 100, "times": 1}),
    );
    let t = Instant::now();
    assert_ok(&h.call(IMPORT, json!({"UserID": "e"})));
    assert!(t.elapsed() >= Duration::from_millis(100));
    control(
        &h,
        "POST",
        "fault",
        json!({"path": IMPORT, "error_code": 1, "error_info": "x", "times": 9}),
    );
    assert_eq!(
        control(&h, "POST", "clear_faults", Value::Null),
        (200, ok.clone())
    );
    assert_ok(&h.call(IMPORT, json!({"UserID": "f"})));

    // Hits.
    let (_, hits) = control(
        &h,
        "GET",
        "hits?path=v4/im_open_login_svc/account_import",
        Value::Null,
    );
    assert_eq!(hits["hits"], 5);
    assert_eq!(hits["path"], IMPORT);
    let (_, all) = control(&h, "GET", "hits", Value::Null);
    assert_eq!(all["hits"][IMPORT], 5);
    assert_eq!(all["total"], 5);

    // Bad requests.
    assert_eq!(control(&h, "POST", "fault", json!({"path": IMPORT})).0, 400);
    assert_eq!(
        control(
            &h,
            "POST",
            "fault",
            json!({"path": IMPORT, "http_status": 42})
        )
        .0,
        400
    );
    assert_eq!(
        control(&h, "POST", "accounts", json!({"UserIDs": ["a"]})).0,
        400
    );
    let resp = request(h.addr(), "POST", "/__emulator/accounts", b"{nope").unwrap();
    assert_eq!(resp.status, 400);
    assert_eq!(control(&h, "GET", "reset", Value::Null).0, 405);
    assert_eq!(control(&h, "GET", "nothing", Value::Null).0, 404);

    assert_eq!(control(&h, "POST", "reset", Value::Null), (200, ok));
    assert!(!c.account_exists("a"));
    assert_eq!(c.total_hits(), 0);
}

#[test]
fn shutdown_does_not_wait_for_slow_calls_or_open_connections() {
    let h = Harness::new();
    h.emu
        .control()
        .inject(IMPORT, Fault::Latency(Duration::from_secs(30)), 1);
    let addr = h.addr();
    let target = h.target(IMPORT);
    let pending = std::thread::spawn(move || request(addr, "POST", &target, b"{}"));
    // An idle keep-alive connection too.
    let _idle = std::net::TcpStream::connect(addr).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let t = Instant::now();
    drop(h);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert!(pending.join().unwrap().is_err());
}

#[test]
fn the_clock_route_reads_and_advances_the_emulated_clock() {
    let h = Harness::new();
    let (status, before) = control(&h, "GET", "clock", Value::Null);
    assert_eq!(status, 200);
    let before = before["now"].as_u64().unwrap();
    assert!(
        before.abs_diff(common::now()) <= 2,
        "starts at the real time"
    );
    let (status, after) = control(&h, "POST", "clock", json!({"advance": 3600}));
    assert_eq!(status, 200);
    let after = after["now"].as_u64().unwrap();
    assert!(
        (3600..=3602).contains(&(after - before)),
        "{before} -> {after}"
    );
    assert_eq!(h.emu.control().now(), after);
    // Only forward, by a number of seconds; unknown keys are refused.
    for bad in [
        json!({"advance": -1}),
        json!({"advance": "60"}),
        json!({"advance": 1e12}),
        json!({"seconds": 60}),
    ] {
        assert_eq!(control(&h, "POST", "clock", bad.clone()).0, 400, "{bad}");
    }
    assert_eq!(control(&h, "DELETE", "clock", Value::Null).0, 405);
}
