//! End to end against the emulator: every endpoint through its typed method and through
//! `call_json`, retries of injected faults counted exactly, rate limiting, splitting and
//! concurrency.

mod emu;

use std::collections::BTreeSet;
use std::time::Duration;

use chatadmin_client::api::account::{
    AccountCheck, AccountDelete, AccountImport, AccountProfile, AccountStatus, MultiAccountImport,
};
use chatadmin_client::api::blocklist::{
    BlockCheckType, BlockRelation, BlocklistAdd, BlocklistCheck, BlocklistDelete, BlocklistGet,
};
use chatadmin_client::api::friend::{
    tag, AddFriendItem, AddType, CheckType, DeleteType, FriendAdd, FriendCheck, FriendDelete,
    FriendDeleteAll, FriendGet, FriendGetList, FriendImport, FriendUpdate, ImportFriendItem,
    Relation, SnsItem, UpdateItem,
};
use chatadmin_client::api::friend_list::{FriendListAdd, FriendListDelete, FriendListGet};
use chatadmin_client::api::group::{CreateGroup, DestroyGroup, GroupType};
use chatadmin_client::api::login_state::{Kick, OnlineStatus, QueryOnlineStatus};
use chatadmin_client::api::profile::{AllowType, PortraitGet, PortraitSet};
use chatadmin_client::{registry, Client, ClientBuilder, ErrorKind, RateLimit, RetryPolicy};
use chatadmin_emulator::{Emulator, Fault, RateLimitMode};
use serde_json::{json, Value};

const APP: u64 = 1_400_000_777;
const KEY: &str = "e2e-secret-key-0123456789abcdef";

fn emulator(rate_limit: RateLimitMode) -> Emulator {
    emu::emulator(APP, KEY, rate_limit)
}

fn builder(emu: &Emulator) -> ClientBuilder {
    emu::builder(emu, APP, KEY)
}

fn client(emu: &Emulator) -> Client {
    builder(emu).build().unwrap()
}

fn code(e: &chatadmin_client::Error) -> Option<i64> {
    e.code()
}

#[test]
fn accounts_import_check_delete() {
    let emu = emulator(RateLimitMode::Documented);
    let c = client(&emu);
    let acc = c.accounts();

    acc.import(&AccountImport::new("alice").nick("Alice"))
        .unwrap();
    let r = acc
        .import_many(&MultiAccountImport::ids(["bob", "carol"]))
        .unwrap();
    assert!(r.fail_accounts.is_empty());
    acc.import_many(&MultiAccountImport::with_profiles([AccountProfile::new(
        "dave",
    )
    .nick("Dave")]))
        .unwrap();
    assert!(["alice", "bob", "carol", "dave"]
        .iter()
        .all(|id| emu.control().account_exists(id)));
    assert_eq!(
        emu.control().state_json()["accounts"]["dave"]["Nick"],
        "Dave"
    );

    let r = acc.check(&AccountCheck::new(["alice", "nobody"])).unwrap();
    assert_eq!(
        r.result_item[0].account_status,
        Some(AccountStatus::Imported)
    );
    assert_eq!(r.not_imported().collect::<Vec<_>>(), ["nobody"]);

    let r = acc.delete(&AccountDelete::new(["bob", "nobody"])).unwrap();
    assert_eq!(r.result_item[0].result_code, 0);
    assert_eq!(
        r.result_item[1].result_code, 70107,
        "per-item failure is data"
    );
    assert!(!emu.control().account_exists("bob"));
    let r = acc.check(&AccountCheck::new(["bob"])).unwrap();
    assert_eq!(r.not_imported().collect::<Vec<_>>(), ["bob"]);
}

#[test]
fn friends_delete_one_way_and_both_ways() {
    let emu = emulator(RateLimitMode::Documented);
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_friend("a", "b", true);
    ctl.add_friend("a", "c", true);
    ctl.add_account("stranger");

    let r = c
        .friends()
        .delete(&FriendDelete::new("a", ["b", "stranger"]))
        .unwrap();
    assert_eq!(r.result_item[0].result_code, 0);
    assert_eq!(
        r.result_item[1].result_code, 31704,
        "not a friend: per-item"
    );
    assert_eq!(r.failures().count(), 1);
    assert!(!ctl.is_friend("a", "b"));
    assert!(
        ctl.is_friend("b", "a"),
        "one-way deletion leaves the other side"
    );

    let r = c
        .friends()
        .delete(&FriendDelete::new("a", ["c"]).delete_type(DeleteType::Both))
        .unwrap();
    assert_eq!(r.result_item[0].result_code, 0);
    assert!(!ctl.is_friend("a", "c") && !ctl.is_friend("c", "a"));

    // Deleting again is an answer per item, not an error.
    let r = c.friends().delete(&FriendDelete::new("a", ["c"])).unwrap();
    assert_eq!(r.result_item[0].result_code, 31704);
}

#[test]
fn friend_lists_delete() {
    let emu = emulator(RateLimitMode::Documented);
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_friend("a", "b", true);
    ctl.add_friend("a", "c", true);
    ctl.set_friend_lists("a", &[("family", &["b"]), ("work", &["c"])]);

    let r = c
        .friend_lists()
        .delete(&FriendListDelete::new("a", ["family"]))
        .unwrap();
    assert!(r.current_sequence > 0);
    let lists = &ctl.state_json()["friend_lists"]["a"]["Lists"];
    assert!(lists.get("family").is_none(), "{lists}");
    assert!(lists.get("work").is_some(), "{lists}");
    assert!(ctl.is_friend("a", "b"), "the friends stay friends");
}

#[test]
fn groups_create_destroy_and_destroy_again() {
    let emu = emulator(RateLimitMode::Documented);
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_account("owner");

    let g = c
        .groups()
        .create(&CreateGroup::new(GroupType::Public, "Guild").owner("owner"))
        .unwrap();
    assert!(g.group_id.starts_with("@TGS#"), "{}", g.group_id);
    assert!(ctl.group_exists(&g.group_id));

    c.groups()
        .destroy(&DestroyGroup::new(g.group_id.clone()))
        .unwrap();
    assert!(!ctl.group_exists(&g.group_id));

    let e = c
        .groups()
        .destroy(&DestroyGroup::new(g.group_id.clone()))
        .unwrap_err();
    assert_eq!((e.kind(), code(&e)), (ErrorKind::Api, Some(10010)));
    assert_eq!(
        ctl.hits("group_open_http_svc/destroy_group"),
        2,
        "10010 is not retried"
    );
}

#[test]
fn every_registered_endpoint_is_called_through_its_typed_method() {
    let emu = emulator(RateLimitMode::Documented);
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_friend("x", "y", true);
    ctl.set_friend_lists("x", &[("l", &["y"])]);

    c.accounts().import(&AccountImport::new("x1")).unwrap();
    c.accounts()
        .import_many(&MultiAccountImport::ids(["x2", "x3"]))
        .unwrap();
    c.accounts().check(&AccountCheck::new(["x1"])).unwrap();
    c.accounts().delete(&AccountDelete::new(["x2"])).unwrap();

    c.login_state().kick(&Kick::new("x1")).unwrap();
    let online = c
        .login_state()
        .query_online_status(&QueryOnlineStatus::new(["x1"]))
        .unwrap();
    assert_eq!(online.status_of("x1"), Some(&OnlineStatus::Offline));

    c.profiles()
        .set(
            &PortraitSet::new("x3")
                .nick("X3")
                .allow_type(AllowType::AllowAny),
        )
        .unwrap();
    let p = c
        .profiles()
        .get(&PortraitGet::new(["x3"], ["Tag_Profile_IM_Nick"]))
        .unwrap();
    assert_eq!(p.profile_of("x3").and_then(|u| u.nick()), Some("X3"));

    let add = c
        .friends()
        .add(
            &FriendAdd::new(
                "x",
                [AddFriendItem::new("x3").add_source("AddSource_Type_Test")],
            )
            .add_type(AddType::Single),
        )
        .unwrap();
    assert_eq!(add.failures().count(), 0, "{add:?}");
    c.friends()
        .import(&FriendImport::new(
            "x",
            [ImportFriendItem::new("x1", "AddSource_Type_Test")],
        ))
        .unwrap();
    c.friends()
        .update(&FriendUpdate::new(
            "x",
            [UpdateItem::new("x1", [SnsItem::remark("one")])],
        ))
        .unwrap();
    let check = c
        .friends()
        .check(&FriendCheck::new("x", ["y", "x3"], CheckType::Both))
        .unwrap();
    assert_eq!(check.relation("y"), Some(&Relation::BothWay));
    assert_eq!(check.relation("x3"), Some(&Relation::AWithB));
    let page = c.friends().get(&FriendGet::new("x")).unwrap();
    assert_eq!(page.user_data_item.len(), 3);
    let list = c
        .friends()
        .get_list(&FriendGetList::new("x", ["x1"], [tag::REMARK]))
        .unwrap();
    assert_eq!(list.failures().count(), 0, "{list:?}");
    c.friends().delete(&FriendDelete::new("x", ["y"])).unwrap();
    c.friends().delete_all(&FriendDeleteAll::new("x3")).unwrap();

    c.friend_lists()
        .add(&FriendListAdd::new("x", ["m"]).friends(["x1"]))
        .unwrap();
    let lists = c.friend_lists().get(&FriendListGet::new("x")).unwrap();
    assert!(lists.list("m").is_some() && lists.list("l").is_some());
    c.friend_lists()
        .delete(&FriendListDelete::new("x", ["l"]))
        .unwrap();

    c.blocklist().add(&BlocklistAdd::new("x", ["x1"])).unwrap();
    let blocked = c
        .blocklist()
        .check(&BlocklistCheck::new("x", ["x1"], BlockCheckType::Both))
        .unwrap();
    assert_eq!(blocked.relation("x1"), Some(&BlockRelation::AWithB));
    let got = c.blocklist().get(&BlocklistGet::new("x")).unwrap();
    assert_eq!(got.black_list_item.len(), 1);
    c.blocklist()
        .delete(&BlocklistDelete::new("x", ["x1"]))
        .unwrap();

    let g = c
        .groups()
        .create(&CreateGroup::new(GroupType::Private, "w"))
        .unwrap();
    c.groups().destroy(&DestroyGroup::new(g.group_id)).unwrap();

    let missing: Vec<_> = registry::all()
        .filter(|e| SOCIAL_AREAS.contains(&e.meta().area.accessor()))
        .map(|e| e.meta().path)
        .filter(|p| ctl.hits(p) == 0 && !is_later_group_endpoint(p))
        .collect();
    assert!(
        missing.is_empty(),
        "endpoints not exercised here (add them to this test): {missing:?}"
    );
}

/// The areas the two hand-written whole-flow tests walk through (accounts to blocklists, and
/// creating and disbanding a group). The group areas have their own scenario tests in the
/// emulator crate, and every endpoint answers its documented samples in
/// `every_endpoint_answers_its_documented_samples`.
const SOCIAL_AREAS: &[&str] = &[
    "accounts",
    "login_state",
    "profiles",
    "friends",
    "friend_lists",
    "blocklist",
    "groups",
];

/// Group endpoints besides create and disband, covered by the group scenario tests.
fn is_later_group_endpoint(path: &str) -> bool {
    path.starts_with("group_open_http_svc/")
        && path != "group_open_http_svc/create_group"
        && path != "group_open_http_svc/destroy_group"
}

/// Every documented request sample (`tests/samples/<area>/<command>.<case>.request.json`) of
/// every registered endpoint, sent through `call_json` to the emulator: each endpoint is
/// emulated, accepts its documented request, and answers with a body the SDK decodes. The
/// samples name accounts and groups that do not exist here, so an API error (the service's
/// answer) passes; a validation, decode or transport error, or "not emulated", does not.
#[test]
fn every_endpoint_answers_its_documented_samples() {
    let emu = emulator(RateLimitMode::Off);
    let c = client(&emu);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/samples");
    let mut sent = BTreeSet::new();
    for e in registry::all() {
        let meta = e.meta();
        let command = meta.path.rsplit('/').next().unwrap();
        let dir = root.join(meta.area.accessor());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
            .map(|f| f.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.starts_with(&format!("{command}."))
                    && name.ends_with(".request.json")
                    && name.split('.').count() == 4
            })
            .collect();
        files.sort();
        for f in files {
            let body: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
            match c.call_json(meta.path, body) {
                Ok(out) => assert_eq!(out["ErrorCode"], 0, "{}: {out}", f.display()),
                Err(err) => {
                    assert_eq!(err.kind(), ErrorKind::Api, "{}: {err}", f.display());
                    assert!(!err.to_string().contains("not emulated"), "{err}");
                }
            }
            sent.insert(meta.path);
        }
    }
    let registered: BTreeSet<_> = registry::all().map(|e| e.meta().path).collect();
    assert_eq!(sent, registered, "every endpoint has a request sample");
}

#[test]
fn injected_faults_are_retried_exactly_as_the_policy_says() {
    let emu = emulator(RateLimitMode::Off);
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_account("owner");
    let check = "im_open_login_svc/account_check";
    let create = "group_open_http_svc/create_group";
    let destroy = "group_open_http_svc/destroy_group";
    let err = |code: i64| Fault::ErrorCode {
        code,
        info: "injected".into(),
    };
    let new_group = || CreateGroup::new(GroupType::Public, "g").owner("owner");

    // Rate limit (after backoff): retried for every call, even a create.
    ctl.inject(create, err(60007), 2);
    c.groups().create(&new_group()).unwrap();
    assert_eq!(ctl.hits(create), 3);
    ctl.reset();
    ctl.add_account("owner");

    // Documented "internal error, try again" (after backoff), beyond the attempts: the error.
    ctl.inject(check, err(70500), 5);
    let e = c
        .accounts()
        .check(&AccountCheck::new(["owner"]))
        .unwrap_err();
    assert_eq!(code(&e), Some(70500));
    assert_eq!(ctl.hits(check), 3, "max_attempts");
    ctl.reset();
    ctl.add_account("owner");

    // Unknown outcome (60008): only idempotent calls.
    ctl.inject(check, err(60008), 2);
    c.accounts().check(&AccountCheck::new(["owner"])).unwrap();
    assert_eq!(ctl.hits(check), 3);
    ctl.inject(create, err(60008), 1);
    assert_eq!(
        code(&c.groups().create(&new_group()).unwrap_err()),
        Some(60008)
    );
    assert_eq!(ctl.hits(create), 1);
    ctl.reset();
    ctl.add_account("owner");

    // Never retried (60003, request JSON error).
    ctl.inject(check, err(60003), 1);
    assert_eq!(
        code(
            &c.accounts()
                .check(&AccountCheck::new(["owner"]))
                .unwrap_err()
        ),
        Some(60003)
    );
    assert_eq!(ctl.hits(check), 1);
    ctl.reset();
    ctl.add_account("owner");

    // Expired UserSig: renewed and repeated once, for any call.
    ctl.inject(create, err(70001), 1);
    c.groups().create(&new_group()).unwrap();
    assert_eq!(ctl.hits(create), 2);
    ctl.inject(create, err(70001), 2);
    assert_eq!(
        code(&c.groups().create(&new_group()).unwrap_err()),
        Some(70001)
    );
    assert_eq!(ctl.hits(create), 4, "exactly one repeat per call");
    ctl.reset();
    ctl.add_account("owner");

    // HTTP 502 from a gateway: only idempotent calls.
    ctl.inject(check, Fault::HttpStatus(502), 2);
    c.accounts().check(&AccountCheck::new(["owner"])).unwrap();
    assert_eq!(ctl.hits(check), 3);
    ctl.inject(create, Fault::HttpStatus(502), 1);
    let e = c.groups().create(&new_group()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(ctl.hits(create), 1);
    ctl.reset();
    ctl.add_account("owner");

    // Dropped connection: only idempotent calls. The client cannot tell whether the first
    // attempt took effect, so the repeat's 10010 ("no such group") is the documented "already
    // done" answer of destroy_group and reads as success (codes::already_done).
    ctl.inject(destroy, Fault::DropConnection, 1);
    c.groups().destroy(&DestroyGroup::new("@TGS#NOPE")).unwrap();
    assert_eq!(ctl.hits(destroy), 2);
    // Without a dropped connection, 10010 is an error.
    assert_eq!(
        code(
            &c.groups()
                .destroy(&DestroyGroup::new("@TGS#NOPE"))
                .unwrap_err()
        ),
        Some(10010)
    );
    assert_eq!(ctl.hits(destroy), 3);
    ctl.inject(create, Fault::DropConnection, 1);
    assert_eq!(
        c.groups().create(&new_group()).unwrap_err().kind(),
        ErrorKind::Transport
    );
    assert_eq!(ctl.hits(create), 1);
    ctl.reset();
    ctl.add_account("owner");

    // A timeout: the create may have happened, so it is not repeated.
    let impatient = builder(&emu)
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    ctl.inject(create, Fault::Latency(Duration::from_millis(400)), 1);
    assert_eq!(
        impatient.groups().create(&new_group()).unwrap_err().kind(),
        ErrorKind::Timeout
    );
    assert_eq!(ctl.hits(create), 1);
    ctl.inject(check, Fault::Latency(Duration::from_millis(400)), 1);
    impatient
        .accounts()
        .check(&AccountCheck::new(["owner"]))
        .unwrap();
    assert_eq!(ctl.hits(check), 2);
    std::thread::sleep(Duration::from_millis(400));
    let groups = ctl.state_json()["groups"]
        .as_object()
        .map_or(0, |g| g.len());
    assert!(groups <= 1, "never two groups from one create: {groups}");
}

#[test]
fn a_create_with_a_custom_id_whose_answer_was_lost_reads_as_created() {
    let emu = emulator(RateLimitMode::Off);
    let ctl = emu.control();
    ctl.add_account("owner");
    let c = client(&emu);
    let create = "group_open_http_svc/create_group";
    // The group is created and the answer lost; the repeat is refused with 10025 ("you have
    // already used this group ID"): the earlier attempt took effect, so the call succeeds with
    // the ID asked for, and there is one group.
    ctl.inject(create, Fault::DropAfterEffect, 1);
    let req = CreateGroup::new(GroupType::Public, "g")
        .owner("owner")
        .group_id("MyGroup");
    assert_eq!(c.groups().create(&req).unwrap().group_id, "MyGroup");
    assert_eq!(ctl.hits(create), 2);
    assert_eq!(ctl.state_json()["groups"].as_object().unwrap().len(), 1);
    // Without a lost answer, the same 10025 is an error: the ID was already used.
    assert_eq!(code(&c.groups().create(&req).unwrap_err()), Some(10025));
}

#[test]
fn wrong_key_is_rejected_and_not_retried() {
    let emu = emulator(RateLimitMode::Off);
    let c = Client::builder(APP)
        .secret_key("not-the-key")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let e = c.accounts().check(&AccountCheck::new(["a"])).unwrap_err();
    assert_eq!(code(&e), Some(70009), "{e}");
    assert_eq!(emu.control().total_hits(), 1);
}

#[test]
fn usersig_provider_works_against_the_emulator() {
    let emu = emulator(RateLimitMode::Off);
    let provider: chatadmin_client::UserSigProvider = std::sync::Arc::new(|id: &str| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        Ok(chatadmin_client::chatadmin_core::usersig::generate(
            &KEY.into(),
            APP,
            id,
            600,
            now,
        ))
    });
    let c = Client::builder(APP)
        .usersig_provider(provider)
        .base_url(emu.base_url())
        .build()
        .unwrap();
    c.accounts().import(&AccountImport::new("p")).unwrap();
    assert!(emu.control().account_exists("p"));
}

#[test]
fn a_burst_of_300_stays_under_the_documented_rate() {
    let emu = emulator(RateLimitMode::Documented);
    // No retries: a single rate-limit answer from the emulator would fail the test.
    let c = builder(&emu)
        .retry_policy(RetryPolicy::none())
        .rate_limit(RateLimit::Documented)
        .build()
        .unwrap();
    assert_eq!(
        <AccountImport as chatadmin_client::ApiRequest>::META.rate_limit_per_sec,
        200
    );
    let errors: Vec<_> = (0..300)
        .filter_map(|i| {
            c.accounts()
                .import(&AccountImport::new(format!("burst{i}")))
                .err()
        })
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors, first: {}",
        errors.len(),
        errors[0]
    );
    assert_eq!(emu.control().hits("im_open_login_svc/account_import"), 300);
}

#[test]
fn without_client_limiting_the_emulator_pushes_back() {
    // The counterpart of the test above: the emulator does enforce the limit.
    let emu = emulator(RateLimitMode::Documented);
    let c = builder(&emu)
        .retry_policy(RetryPolicy::none())
        .rate_limit(RateLimit::Off)
        .build()
        .unwrap();
    let rejected = (0..300)
        .filter_map(|i| {
            c.accounts()
                .import(&AccountImport::new(format!("r{i}")))
                .err()
        })
        .filter(|e| e.code() == Some(60007))
        .count();
    assert!(
        rejected > 0,
        "the emulator should have rejected some of an unlimited burst"
    );
}

#[test]
fn friend_delete_of_2500_is_three_calls_merged_in_order() {
    let emu = emulator(RateLimitMode::Documented);
    let ctl = emu.control();
    let ids: Vec<String> = (0..2500).map(|i| format!("f{i:04}")).collect();
    for id in &ids[..2400] {
        ctl.add_friend("bulk", id, false);
    }
    for id in &ids[2400..] {
        ctl.add_account(id);
    }
    let c = client(&emu);
    let r = c
        .friends()
        .delete(&FriendDelete::new("bulk", ids.clone()))
        .unwrap();
    assert_eq!(ctl.hits("sns/friend_delete"), 3);
    let got: Vec<_> = r.result_item.iter().map(|i| i.to_account.clone()).collect();
    assert_eq!(got, ids, "all 2,500 results, in request order");
    assert!(r.result_item[..2400].iter().all(|i| i.result_code == 0));
    assert!(r.result_item[2400..].iter().all(|i| i.result_code == 31704));
    assert!(ids.iter().all(|id| !ctl.is_friend("bulk", id)));
}

#[test]
fn a_split_delete_failing_part_way_returns_what_took_effect() {
    let emu = emulator(RateLimitMode::Off);
    let ctl = emu.control();
    let ids: Vec<String> = (0..2500).map(|i| format!("p{i:04}")).collect();
    for id in &ids {
        ctl.add_friend("bulk", id, false);
    }
    // The third request fails (a documented transient code, but no retries here).
    ctl.inject_after(
        "sns/friend_delete",
        Fault::ErrorCode {
            code: 30006,
            info: "internal error".into(),
        },
        2,
        1,
    );
    let c = builder(&emu)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let e = c
        .friends()
        .delete(&FriendDelete::new("bulk", ids.clone()))
        .unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(30006)));
    let p = e.partial().expect("partial progress");
    assert_eq!((p.parts, p.succeeded), (3, 2));
    let done = p.completed.as_ref().unwrap()["ResultItem"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(done.len(), 2000);
    assert_eq!(done[1999]["To_Account"], ids[1999]);
    // Exactly what the error says took effect did.
    assert!(!ctl.is_friend("bulk", &ids[1999]));
    assert!(ctl.is_friend("bulk", &ids[2000]));
    assert_eq!(ctl.hits("sns/friend_delete"), 3);
}

#[test]
fn threads_share_one_client() {
    let emu = emulator(RateLimitMode::Documented);
    let c = builder(&emu)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let threads = 8;
    std::thread::scope(|s| {
        for t in 0..threads {
            let c = c.clone();
            s.spawn(move || {
                for i in 0..50 {
                    c.accounts()
                        .import(&AccountImport::new(format!("t{t}_{i}")))
                        .unwrap();
                }
            });
        }
    });
    let all: Vec<String> = (0..threads)
        .flat_map(|t| (0..50).map(move |i| format!("t{t}_{i}")))
        .collect();
    assert_eq!(emu.control().hits("im_open_login_svc/account_import"), 400);
    let r = c.accounts().check(&AccountCheck::new(all.clone())).unwrap();
    assert_eq!(r.result_item.len(), 400);
    assert!(r.result_item.iter().all(|i| i.is_imported()));
    let state = emu.control().state_json();
    let imported: BTreeSet<&str> = state["accounts"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(all.iter().all(|id| imported.contains(id.as_str())));
    assert_eq!(
        emu.control().hits("im_open_login_svc/account_check"),
        4,
        "400 checks: 4 calls of 100"
    );
}

#[test]
fn call_json_reaches_every_endpoint() {
    let emu = emulator(RateLimitMode::Documented);
    let ctl = emu.control();
    let c = client(&emu);
    ctl.add_friend("j1", "j9", true);
    ctl.set_friend_lists("j1", &[("L", &["j9"])]);

    let mut group_id = String::new();
    let mut called = BTreeSet::new();
    ctl.add_account("j5");
    let order = [
        "im_open_login_svc/account_import",
        "im_open_login_svc/multiaccount_import",
        "im_open_login_svc/account_check",
        "im_open_login_svc/account_delete",
        "im_open_login_svc/kick",
        "openim/query_online_status",
        "profile/portrait_set",
        "profile/portrait_get",
        "sns/friend_add",
        "sns/friend_import",
        "sns/friend_update",
        "sns/friend_check",
        "sns/friend_get",
        "sns/friend_get_list",
        "sns/friend_delete",
        "sns/group_add",
        "sns/group_get",
        "sns/group_delete",
        "sns/black_list_add",
        "sns/black_list_check",
        "sns/black_list_get",
        "sns/black_list_delete",
        "sns/friend_delete_all",
        "group_open_http_svc/create_group",
        "group_open_http_svc/destroy_group",
    ];
    for path in order {
        let body = match path {
            "im_open_login_svc/account_import" => json!({"UserID": "j2", "Nick": "J"}),
            "im_open_login_svc/multiaccount_import" => json!({"Accounts": ["j3", "j4"]}),
            "im_open_login_svc/account_check" => {
                json!({"CheckItem": [{"UserID": "j2"}, {"UserID": "zz"}]})
            }
            "im_open_login_svc/account_delete" => json!({"DeleteItem": [{"UserID": "j4"}]}),
            "im_open_login_svc/kick" => json!({"UserID": "j2"}),
            "openim/query_online_status" => json!({"To_Account": ["j2"], "IsNeedDetail": 1}),
            "profile/portrait_set" => json!({"From_Account": "j3", "ProfileItem": [
                {"Tag": "Tag_Profile_IM_AllowType", "Value": "AllowType_Type_AllowAny"},
                {"Tag": "Tag_Profile_Custom_Title", "Value": "captain"}]}),
            "profile/portrait_get" => json!({"To_Account": ["j3"],
                "TagList": ["Tag_Profile_IM_AllowType", "Tag_Profile_Custom_Title"]}),
            "sns/friend_add" => json!({"From_Account": "j1",
                "AddFriendItem": [{"To_Account": "j3", "AddSource": "AddSource_Type_Json"}],
                "AddType": "Add_Type_Both"}),
            "sns/friend_import" => json!({"From_Account": "j1",
                "AddFriendItem": [{"To_Account": "j5", "AddSource": "AddSource_Type_Json",
                    "GroupName": ["M"]}]}),
            "sns/friend_update" => json!({"From_Account": "j1", "UpdateItem": [{"To_Account": "j5",
                "SnsItem": [{"Tag": "Tag_SNS_IM_Remark", "Value": "five"}]}]}),
            "sns/friend_check" => json!({"From_Account": "j1", "To_Account": ["j3", "j5"],
                "CheckType": "CheckResult_Type_Both"}),
            "sns/friend_get" => json!({"From_Account": "j1", "StartIndex": 0}),
            "sns/friend_get_list" => json!({"From_Account": "j1", "To_Account": ["j5"],
                "TagList": ["Tag_SNS_IM_Remark", "Tag_SNS_IM_Group"]}),
            "sns/friend_delete" => {
                json!({"From_Account": "j1", "To_Account": ["j9"], "DeleteType": "Delete_Type_Both"})
            }
            "sns/group_add" => {
                json!({"From_Account": "j1", "GroupName": ["N"], "To_Account": ["j3"]})
            }
            "sns/group_get" => json!({"From_Account": "j1", "NeedFriend": "Need_Friend_Type_Yes"}),
            "sns/group_delete" => json!({"From_Account": "j1", "GroupName": ["L"]}),
            "sns/black_list_add" => json!({"From_Account": "j1", "To_Account": ["j5"]}),
            "sns/black_list_check" => json!({"From_Account": "j1", "To_Account": ["j5"],
                "CheckType": "BlackCheckResult_Type_Both"}),
            "sns/black_list_get" => json!({"From_Account": "j1", "StartIndex": 0,
                "MaxLimited": 10, "LastSequence": 0}),
            "sns/black_list_delete" => json!({"From_Account": "j1", "To_Account": ["j5"]}),
            "sns/friend_delete_all" => {
                json!({"From_Account": "j1", "DeleteType": "Delete_Type_Both"})
            }
            "group_open_http_svc/create_group" => {
                json!({"Type": "Public", "Name": "JG", "Owner_Account": "j1"})
            }
            "group_open_http_svc/destroy_group" => json!({"GroupId": group_id}),
            other => panic!("no body for {other}"),
        };
        let out: Value = c.call_json(&format!("v4/{path}"), body).unwrap();
        assert_eq!(out["ErrorCode"], 0, "{path}: {out}");
        match path {
            "im_open_login_svc/account_check" => {
                assert_eq!(out["ResultItem"][0]["AccountStatus"], "Imported");
                assert_eq!(out["ResultItem"][1]["AccountStatus"], "NotImported");
            }
            "openim/query_online_status" => {
                assert_eq!(out["QueryResult"][0]["State"], "Offline", "{out}")
            }
            "profile/portrait_get" => {
                let items = &out["UserProfileItem"][0]["ProfileItem"];
                assert_eq!(items[0]["Value"], "AllowType_Type_AllowAny", "{out}");
                assert_eq!(items[1]["Value"], "captain", "{out}");
            }
            "sns/friend_add" => assert_eq!(out["ResultItem"][0]["ResultCode"], 0, "{out}"),
            "sns/friend_check" => {
                let relations: Vec<&Value> = out["InfoItem"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| &i["Relation"])
                    .collect();
                assert_eq!(
                    relations,
                    [
                        &json!("CheckResult_Type_BothWay"),
                        &json!("CheckResult_Type_AWithB")
                    ],
                    "{out}"
                );
            }
            "sns/friend_get" => {
                assert_eq!(out["FriendNum"], 3, "j9, j3 and j5: {out}");
                assert_eq!(out["CompleteFlag"], 1, "{out}");
            }
            "sns/friend_get_list" => {
                assert_eq!(
                    out["InfoItem"][0]["SnsProfileItem"][0]["Value"], "five",
                    "{out}"
                )
            }
            "sns/friend_delete" => assert_eq!(out["ResultItem"][0]["ResultCode"], 0),
            "sns/group_get" => assert!(out["ResultItem"].as_array().unwrap().len() >= 2, "{out}"),
            "sns/black_list_check" => assert_eq!(
                out["BlackListCheckItem"][0]["Relation"], "BlackCheckResult_Type_AWithB",
                "{out}"
            ),
            "sns/black_list_get" => assert_eq!(out["BlackListItem"][0]["To_Account"], "j5"),
            "group_open_http_svc/create_group" => {
                group_id = out["GroupId"].as_str().unwrap().to_owned();
            }
            _ => {}
        }
        called.insert(path);
    }
    let registered: BTreeSet<_> = registry::all()
        .filter(|e| SOCIAL_AREAS.contains(&e.meta().area.accessor()))
        .map(|e| e.meta().path)
        .filter(|p| !is_later_group_endpoint(p))
        .collect();
    assert_eq!(
        called, registered,
        "every endpoint of the social areas, and only those, through call_json"
    );
    assert!(ctl.account_exists("j3") && !ctl.account_exists("j4"));
    assert!(!ctl.is_friend("j1", "j9") && !ctl.is_friend("j9", "j1"));
    assert!(
        !ctl.is_friend("j1", "j3") && !ctl.is_friend("j3", "j1"),
        "deleted all"
    );
    assert!(!ctl.group_exists(&group_id));

    // Bad input fails the same way as typed input, before anything is sent.
    let before = ctl.total_hits();
    let e = c
        .call_json(
            "sns/friend_delete",
            json!({"From_Account": "j1", "To_Account": "j9"}),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.to_string().contains("To_Account"), "{e}");
    assert_eq!(ctl.total_hits(), before);
}
