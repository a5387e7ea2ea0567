//! `cargo bench -p chatadmin-core`: the costs core adds to a call, each next to a baseline
//! measured in the same run, so the figures read as ratios on any machine.
//!
//! - UserSig: generate / verify / inspect (the free functions: level-6 zlib, key schedule per
//!   call) and a `Signer` (keyed once, stored zlib blocks), against one bare HMAC-SHA256 of
//!   the same content (key schedule included, as a caller without this crate would write it).
//! - Requests: parse + validate + canonical encode of a 1000-account `sns/friend_delete`,
//!   against parsing the same JSON into a `serde_json::Value`.
//! - Responses: typed lenient decode of 1000 result items, against the same `Value` parse.
//! - Paging: decode of a 100-friend `sns/friend_get` page with five tags each, plus the next
//!   request, against a `Value` parse of the page.
//!
//! No assertions: these are measurements, not tests. `BENCH_ITERS=N` runs each case exactly N
//! times instead of for a time budget (for `valgrind --tool=callgrind`, whose counts are then
//! per-call comparable).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chatadmin_core::registry;
use chatadmin_core::usersig::{self, Expected, Signer, UserbufCheck};
use chatadmin_core::SecretKey;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

/// Runs `f` repeatedly for about `budget` and returns nanoseconds per call.
fn measure(budget: Duration, mut f: impl FnMut()) -> f64 {
    if let Some(n) = std::env::var("BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        return start.elapsed().as_nanos() as f64 / n.max(1) as f64;
    }
    for _ in 0..10 {
        f();
    }
    let mut n = 0u64;
    let start = Instant::now();
    while start.elapsed() < budget {
        for _ in 0..16 {
            f();
        }
        n += 16;
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

fn report(name: &str, ns: f64, baseline: f64) {
    println!(
        "{name:<48} {:>12.0} ns/op   {:>7.2}x baseline",
        ns,
        ns / baseline
    );
}

fn main() {
    let budget = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(700),
    );
    let key = SecretKey::new("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
    let now = 1_700_000_000;

    // UserSig
    let content = "TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\n";
    let hmac = measure(budget, || {
        let mut m = Hmac::<Sha256>::new_from_slice(key.expose_secret().as_bytes()).unwrap();
        m.update(black_box(content.as_bytes()));
        black_box(m.finalize().into_bytes());
    });
    println!(
        "{:<48} {:>12.0} ns/op   (baseline)",
        "HMAC-SHA256 of the signed content", hmac
    );
    let sig = usersig::generate(&key, 1_400_000_000, "administrator", 86_400, now);
    report(
        "usersig::generate",
        measure(budget, || {
            black_box(usersig::generate(
                &key,
                1_400_000_000,
                black_box("administrator"),
                86_400,
                now,
            ));
        }),
        hmac,
    );
    let expected = Expected {
        sdkappid: 1_400_000_000,
        identifier: "administrator",
        now: now + 10,
        userbuf: UserbufCheck::Absent,
    };
    report(
        "usersig::verify",
        measure(budget, || {
            black_box(usersig::verify(&key, black_box(sig.expose_secret()), &expected).unwrap());
        }),
        hmac,
    );
    let signer = Signer::new(&key, 1_400_000_000);
    report(
        "Signer::generate (keyed once, stored zlib)",
        measure(budget, || {
            black_box(signer.generate(black_box("administrator"), 86_400, now));
        }),
        hmac,
    );
    let fast = signer.generate("administrator", 86_400, now);
    report(
        "Signer::verify (a stored-zlib UserSig)",
        measure(budget, || {
            black_box(
                signer
                    .verify(
                        black_box(fast.expose_secret()),
                        "administrator",
                        now + 10,
                        UserbufCheck::Absent,
                    )
                    .unwrap(),
            );
        }),
        hmac,
    );
    report(
        "Signer::verify (a level-6 UserSig)",
        measure(budget, || {
            black_box(
                signer
                    .verify(
                        black_box(sig.expose_secret()),
                        "administrator",
                        now + 10,
                        UserbufCheck::Absent,
                    )
                    .unwrap(),
            );
        }),
        hmac,
    );
    report(
        "usersig::inspect",
        measure(budget, || {
            black_box(usersig::inspect(black_box(sig.expose_secret())).unwrap());
        }),
        hmac,
    );

    // Requests: 1000 accounts.
    let ids: Vec<String> = (0..1000).map(|i| format!("player_{i:06}")).collect();
    let req_text =
        json!({"From_Account":"admin_bot","To_Account":ids,"DeleteType":"Delete_Type_Both"})
            .to_string();
    let parse = measure(budget, || {
        black_box(serde_json::from_str::<Value>(black_box(&req_text)).unwrap());
    });
    println!();
    println!(
        "{:<48} {:>12.0} ns/op   (baseline)",
        "serde_json::Value parse, 1000-account request", parse
    );
    let ep = registry::find("sns/friend_delete").unwrap();
    report(
        "check_request (parse+typed+validate+encode)",
        measure(budget, || {
            let v: Value = serde_json::from_str(&req_text).unwrap();
            black_box(ep.check_request(v).unwrap());
        }),
        parse,
    );

    // Responses: 1000 result items, some failed.
    let items: Vec<Value> = (0..1000)
        .map(|i| json!({"To_Account": format!("player_{i:06}"), "ResultCode": if i % 10 == 0 { 31704 } else { 0 }, "ResultInfo": ""}))
        .collect();
    let resp_text = json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"","ResultItem":items}).to_string();
    let parse = measure(budget, || {
        black_box(serde_json::from_slice::<Value>(black_box(resp_text.as_bytes())).unwrap());
    });
    println!();
    println!(
        "{:<48} {:>12.0} ns/op   (baseline)",
        "serde_json::Value parse, 1000-item response", parse
    );
    report(
        "decode_response (typed, lenient, extras kept)",
        measure(budget, || {
            black_box(
                chatadmin_core::envelope::decode_response::<
                    chatadmin_core::api::friend::FriendDeleteResponse,
                >("sns/friend_delete", resp_text.as_bytes())
                .unwrap(),
            );
        }),
        parse,
    );

    // Paging: one full friend_get page (100 friends, five tags each) and its next request.
    let friends: Vec<Value> = (0..100)
        .map(|i| {
            json!({"To_Account": format!("player_{i:06}"), "ValueItem": [
                {"Tag": "Tag_SNS_IM_AddSource", "Value": "AddSource_Type_Android"},
                {"Tag": "Tag_SNS_IM_Remark", "Value": format!("remark {i}")},
                {"Tag": "Tag_SNS_IM_Group", "Value": ["raid", "guild"]},
                {"Tag": "Tag_SNS_IM_AddTime", "Value": 1_700_000_000 + i},
                {"Tag": "Tag_SNS_Custom_Level", "Value": i},
            ]})
        })
        .collect();
    let page_text = json!({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
        "UserDataItem": friends, "StandardSequence": 88, "CustomSequence": 46, "FriendNum": 1000,
        "CompleteFlag": 0, "NextStartIndex": 100})
    .to_string();
    let parse = measure(budget, || {
        black_box(serde_json::from_slice::<Value>(black_box(page_text.as_bytes())).unwrap());
    });
    println!();
    println!(
        "{:<48} {:>12.0} ns/op   (baseline)",
        "serde_json::Value parse, 100-friend page", parse
    );
    let first = chatadmin_core::api::friend::FriendGet::new("admin_bot");
    report(
        "friend_get page decode + next_page",
        measure(budget, || {
            let page = chatadmin_core::envelope::decode_response::<
                chatadmin_core::api::friend::FriendGetResponse,
            >("sns/friend_get", page_text.as_bytes())
            .unwrap();
            black_box(registry::next_page(&first, &page).unwrap());
        }),
        parse,
    );
}
