//! `chatadmin demo [--live]`: a walk through what the SDK does, printing every request it
//! sends and every answer it gets.
//!
//! By default it starts the emulator in-process, so it needs no account and no network. With
//! `--live` and credentials in the environment (see `chatadmin call --help`) it runs against
//! the real service, with throwaway account names, and deletes what it created.

use std::time::{SystemTime, UNIX_EPOCH};

use chatadmin_client::{Client, ClientBuilder};
use chatadmin_core::api::account::{
    AccountCheck, AccountDelete, AccountImport, MultiAccountImport,
};
use chatadmin_core::api::blocklist::{BlockCheckType, BlocklistAdd, BlocklistCheck, BlocklistGet};
use chatadmin_core::api::friend::{
    AddFriendItem, AddType, CheckType, DeleteType, FriendAdd, FriendCheck, FriendDelete, FriendGet,
};
use chatadmin_core::api::friend_list::{FriendListAdd, FriendListDelete, FriendListGet};
use chatadmin_core::api::group::{CreateGroup, DestroyGroup, GroupType};
use chatadmin_core::api::login_state::{Kick, QueryOnlineStatus};
use chatadmin_core::api::profile::{AllowType, PortraitGet, PortraitSet};
use chatadmin_core::registry::encode_request;
use chatadmin_core::usersig::{self, Expected, UserbufCheck};
use chatadmin_core::{ApiRequest, Error, SecretKey};
use chatadmin_emulator::{Emulator, EmulatorConfig};
use clap::Args;
use serde_json::Value;

use crate::call_cmd;
use crate::Failure;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Run against the real service configured in the environment (CHATADMIN_SDKAPPID,
    /// CHATADMIN_SECRET_KEY, CHATADMIN_REGION or CHATADMIN_BASE_URL) instead of the emulator.
    #[arg(long)]
    live: bool,
}

/// What a step is expected to do; a demo step that surprises fails the demo (exit 1), which
/// is what makes `chatadmin demo` a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Success,
    ApiError(i64),
    Rejected,
}

struct Demo {
    client: Client,
    emulator: Option<Emulator>,
    calls: u32,
    surprises: Vec<String>,
}

const WIDTH: usize = 160;

fn compact(v: &Value) -> String {
    let s = v.to_string();
    if s.len() <= WIDTH {
        return s;
    }
    let mut cut = WIDTH;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes)", &s[..cut], s.len())
}

impl Demo {
    fn section(&self, title: &str) {
        println!("\n== {title}");
    }

    fn note(&self, text: &str) {
        println!("   {text}");
    }

    /// Sends one typed request, printing both directions, and checks the outcome.
    fn step<R: ApiRequest>(&mut self, what: &str, req: &R, expect: Expect) -> Option<R::Response> {
        println!("-- {what}");
        // Shown for the reader; the client validates again and is what rejects bad input.
        if let Ok(body) = encode_request(req) {
            println!("   -> POST v4/{}  {}", R::META.path, compact(&body));
            self.calls += 1;
        }
        match self.client.execute(req) {
            Err(Error::Validation(e)) => {
                println!("   x rejected before sending: {e}");
                self.check(what, expect, Expect::Rejected);
                None
            }
            Ok(resp) => {
                let v = serde_json::to_value(&resp).unwrap_or(Value::Null);
                println!("   <- {}", compact(&v));
                self.check(what, expect, Expect::Success);
                Some(resp)
            }
            Err(Error::Api(api)) => {
                println!(
                    "   <- error {}: {}",
                    api.code,
                    api.meaning().unwrap_or("(no documented meaning)")
                );
                println!(
                    "      ErrorInfo: {}; retry: {}",
                    api.info,
                    api.retry_class().as_str()
                );
                self.check(what, expect, Expect::ApiError(api.code));
                None
            }
            Err(e) => {
                println!("   <- {} error: {e}", e.kind());
                self.surprises.push(format!("{what}: {e}"));
                None
            }
        }
    }

    fn check(&mut self, what: &str, expected: Expect, got: Expect) {
        // Against the real service the outcome of a step may legitimately differ (the app's
        // own settings, accounts left from an earlier run): report, don't fail.
        if expected != got && self.emulator.is_some() {
            self.surprises
                .push(format!("{what}: expected {expected:?}, got {got:?}"));
        }
    }
}

pub fn run(args: DemoArgs) -> Result<(), Failure> {
    let (mut demo, prefix) = if args.live {
        if !call_cmd::credentials_present() {
            return Err(Failure::usage(
                "--live needs CHATADMIN_SDKAPPID, CHATADMIN_SECRET_KEY and CHATADMIN_REGION (or CHATADMIN_BASE_URL)",
            ));
        }
        let client = call_cmd::client_from_env()?;
        println!(
            "chatadmin demo against the real service (accounts are created and deleted again)"
        );
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() % 1_000_000)
            .unwrap_or(0);
        (
            Demo {
                client,
                emulator: None,
                calls: 0,
                surprises: Vec::new(),
            },
            format!("cadm{stamp}_"),
        )
    } else {
        let sdkappid = 1_400_000_000;
        let key = SecretKey::new(format!("demo-key-{}", rand_suffix()));
        let emulator = Emulator::start(EmulatorConfig::new(sdkappid, key.clone()))
            .map_err(|e| Failure::invalid(format!("cannot start the emulator: {e}")))?;
        let client = ClientBuilder::new(sdkappid)
            .secret_key(key)
            .base_url(emulator.base_url())
            .build()
            .map_err(|e| Failure::invalid(e.to_string()))?;
        println!(
            "chatadmin demo against the embedded emulator at {}",
            emulator.base_url()
        );
        println!("(run `chatadmin demo --live` with credentials in the environment to use the real service)");
        (
            Demo {
                client,
                emulator: Some(emulator),
                calls: 0,
                surprises: Vec::new(),
            },
            String::new(),
        )
    };
    let id = |name: &str| format!("{prefix}{name}");
    let (alice, bob, carol, dave, erin) =
        (id("alice"), id("bob"), id("carol"), id("dave"), id("erin"));

    usersigs(&mut demo);

    demo.section("Accounts");
    demo.step(
        "import four accounts at once",
        &MultiAccountImport::ids([&alice, &bob, &carol, &dave]),
        Expect::Success,
    );
    demo.step(
        "import one account with a nickname",
        &AccountImport::new(&erin).nick("Erin"),
        Expect::Success,
    );
    let mallory = id("mallory");
    if let Some(r) = demo.step(
        "check which accounts exist",
        &AccountCheck::new([&alice, &erin, &mallory]),
        Expect::Success,
    ) {
        let missing: Vec<&str> = r.not_imported().collect();
        demo.note(&format!(
            "{} of 3 exist; not imported: {}",
            3 - missing.len(),
            list(&missing)
        ));
    }

    demo.section("Profiles");
    for who in [&bob, &carol, &dave] {
        demo.step(
            &format!("let {who} accept friend requests from anyone"),
            &PortraitSet::new(who.as_str()).allow_type(AllowType::AllowAny),
            Expect::Success,
        );
    }
    if let Some(r) = demo.step(
        "read erin's nickname and friend setting",
        &PortraitGet::new([&erin], ["Tag_Profile_IM_Nick", "Tag_Profile_IM_AllowType"]),
        Expect::Success,
    ) {
        if let Some(p) = r.profile_of(&erin) {
            demo.note(&format!(
                "erin: nickname {}, friend requests: {}",
                p.nick().map_or("(none)".to_owned(), |n| format!("\"{n}\"")),
                match p.allow_type() {
                    Some(AllowType::AllowAny) => "anyone may add her".to_owned(),
                    Some(AllowType::DenyAny) => "no one may add her".to_owned(),
                    Some(AllowType::NeedConfirm) | None =>
                        "she must confirm each one (the default when unset)".to_owned(),
                    Some(other) => other.as_str().to_owned(),
                }
            ));
        }
    }

    demo.section("Friends");
    let source = "AddSource_Type_Demo";
    if let Some(r) = demo.step(
        "alice adds bob, carol and erin as friends both ways",
        &FriendAdd::new(
            &alice,
            [&bob, &carol, &erin].map(|f| AddFriendItem::new(f.as_str()).add_source(source)),
        )
        .add_type(AddType::Both),
        Expect::Success,
    ) {
        for item in &r.result_item {
            demo.note(&format!(
                "{}: {}",
                item.to_account,
                describe(item.result_code)
            ));
        }
    }
    if let Some(r) = demo.step(
        "alice adds dave one way",
        &FriendAdd::new(&alice, [AddFriendItem::new(&dave).add_source(source)])
            .add_type(AddType::Single),
        Expect::Success,
    ) {
        for item in &r.result_item {
            demo.note(&format!(
                "{}: {} (dave's list does not get alice)",
                item.to_account,
                describe(item.result_code)
            ));
        }
    }
    if let Some(r) = demo.step(
        "check how alice and the others relate",
        &FriendCheck::new(&alice, [&bob, &dave, &erin], CheckType::Both),
        Expect::Success,
    ) {
        for item in &r.info_item {
            demo.note(&format!(
                "{}: {}",
                item.to_account,
                relation(item.relation.as_ref(), "alice")
            ));
        }
    }

    demo.section("Friend lists");
    if demo
        .step(
            "alice makes a friend list \"team\" with bob and carol",
            &FriendListAdd::new(&alice, ["team"]).friends([&bob, &carol]),
            Expect::Success,
        )
        .is_some()
    {
        demo.note("created \"team\" with 2 friends");
    }
    if demo
        .step(
            "and \"family\" with dave",
            &FriendListAdd::new(&alice, ["family"]).friends([&dave]),
            Expect::Success,
        )
        .is_some()
    {
        demo.note("created \"family\" with 1 friend");
    }
    if let Some(r) = demo.step(
        "delete alice's list \"family\" (the friends in it stay friends)",
        &FriendListDelete::new(&alice, ["family"]),
        Expect::Success,
    ) {
        demo.note(&format!("lists are now at sequence {}", r.current_sequence));
    }
    if let Some(r) = demo.step(
        "alice's lists, with their friends",
        &FriendListGet::new(&alice).need_friend(),
        Expect::Success,
    ) {
        for l in &r.result_item {
            let friends: Vec<&str> = l.to_account.iter().flatten().map(String::as_str).collect();
            demo.note(&format!("\"{}\": {}", l.group_name, list(&friends)));
        }
    }
    // Every friend, however many pages: the client follows the cursor.
    match demo
        .client
        .items(FriendGet::new(&alice))
        .collect::<chatadmin_client::Result<Vec<_>>>()
    {
        Ok(friends) => {
            println!("-- every friend of alice, page by page (client.items)");
            demo.calls += 1;
            let names: Vec<&str> = friends.iter().map(|f| f.to_account.as_str()).collect();
            demo.note(&format!("{} friends: {}", friends.len(), list(&names)));
        }
        Err(e) => demo.surprises.push(format!("walking alice's friends: {e}")),
    }

    demo.section("Blocklist");
    if let Some(r) = demo.step(
        "alice blocks carol (which ends their friendship, both ways)",
        &BlocklistAdd::new(&alice, [&carol]),
        Expect::Success,
    ) {
        for item in &r.result_item {
            demo.note(&format!(
                "{}: {}",
                item.to_account,
                describe_at(BlocklistAdd::META.path, item.result_code)
            ));
        }
    }
    if let Some(r) = demo.step(
        "does carol still see alice as a friend?",
        &FriendCheck::new(&carol, [&alice], CheckType::Both),
        Expect::Success,
    ) {
        demo.note(&format!("alice: {}", relation(r.relation(&alice), "carol")));
    }
    if let Some(r) = demo.step(
        "who blocks whom, seen from carol",
        &BlocklistCheck::new(&carol, [&alice], BlockCheckType::Both),
        Expect::Success,
    ) {
        for item in &r.black_list_check_item {
            demo.note(&format!(
                "{}: {}",
                item.to_account,
                match item.relation.as_ref().map(|b| b.as_str()) {
                    Some("BlackCheckResult_Type_BothWay") =>
                        format!("they block each other ({})", item.to_account),
                    Some("BlackCheckResult_Type_AWithB") =>
                        format!("carol blocks {}", item.to_account),
                    Some("BlackCheckResult_Type_BWithA") =>
                        format!("{} blocks carol", item.to_account),
                    Some("BlackCheckResult_Type_NO") => "neither blocks the other".to_owned(),
                    Some(other) => other.to_owned(),
                    None => "not reported".to_owned(),
                }
            ));
        }
    }
    if let Some(r) = demo.step(
        "alice's blocklist",
        &BlocklistGet::new(&alice),
        Expect::Success,
    ) {
        let blocked: Vec<&str> = r
            .black_list_item
            .iter()
            .map(|e| e.to_account.as_str())
            .collect();
        demo.note(&format!("alice blocks: {}", list(&blocked)));
    }

    demo.section("Login state");
    if demo
        .step(
            "kick bob: his sessions end and his earlier UserSigs stop working",
            &Kick::new(&bob),
            Expect::Success,
        )
        .is_some()
    {
        demo.note("bob is logged out everywhere; he logs in again with a new UserSig");
    }
    if let Some(r) = demo.step(
        "who is online",
        &QueryOnlineStatus::new([&alice, &bob]),
        Expect::Success,
    ) {
        for s in &r.query_result {
            demo.note(&format!(
                "{}: {}",
                s.to_account,
                match s.status.as_ref().map(|st| st.as_str()) {
                    Some("Online") => "online".to_owned(),
                    Some("PushOnline") =>
                        "reachable by offline push only (the app is in the background)".to_owned(),
                    Some("Offline") => "offline (no client logged in)".to_owned(),
                    Some(other) => other.to_owned(),
                    None => "not reported".to_owned(),
                }
            ));
        }
    }

    demo.section("A partial failure is data, not an error");
    if let Some(r) = demo.step(
        "delete bob and carol from alice's friends, both ways (carol is no friend any more)",
        &FriendDelete::new(&alice, [&bob, &carol]).delete_type(DeleteType::Both),
        Expect::Success,
    ) {
        for item in &r.result_item {
            demo.note(&format!(
                "{}: {}",
                item.to_account,
                if item.is_ok() {
                    "deleted".to_owned()
                } else {
                    describe_at(FriendDelete::META.path, item.result_code)
                }
            ));
        }
    }

    demo.section("Groups");
    let create = CreateGroup::new(GroupType::Public, "chatadmin demo")
        .owner(&alice)
        .members([bob.as_str(), carol.as_str()]);
    if let Some(r) = demo.step(
        "create a public group with two members",
        &create,
        Expect::Success,
    ) {
        let gid = r.group_id.clone();
        demo.note(&format!("the service assigned the id {gid}"));
        if demo
            .step("destroy it", &DestroyGroup::new(&gid), Expect::Success)
            .is_some()
        {
            demo.note("the group is gone");
        }
        demo.step(
            "destroy it again",
            &DestroyGroup::new(&gid),
            Expect::ApiError(10010),
        );
        demo.note(
            "the service's refusal comes back as an error with its code, meaning and retry advice",
        );
    }

    demo.section("Invalid requests never leave the machine");
    let before = demo.emulator.as_ref().map(|e| e.control().total_hits());
    let names: Vec<String> = (0..33).map(|i| format!("list{i}")).collect();
    demo.step(
        "delete 33 friend lists (at most 32 per request)",
        &FriendListDelete::new(&alice, names),
        Expect::Rejected,
    );
    demo.step(
        "import an account with a 33-byte UserID",
        &AccountImport::new("x".repeat(33)),
        Expect::Rejected,
    );
    if let (Some(before), Some(emu)) = (before, &demo.emulator) {
        demo.note(&format!(
            "requests the emulator received meanwhile: {}",
            emu.control().total_hits() - before
        ));
    }

    demo.section("Clean up");
    if let Some(r) = demo.step(
        "delete the demo accounts",
        &AccountDelete::new([&alice, &bob, &carol, &dave, &erin]),
        Expect::Success,
    ) {
        let failed = r.result_item.iter().filter(|i| i.result_code != 0).count();
        demo.note(&format!(
            "{} deleted, {failed} failed",
            r.result_item.len() - failed
        ));
    }

    println!();
    if demo.surprises.is_empty() {
        println!(
            "demo finished: {} calls, every step behaved as documented",
            demo.calls
        );
        Ok(())
    } else {
        Err(Failure::invalid(format!(
            "demo finished with {} surprise(s):\n  {}",
            demo.surprises.len(),
            demo.surprises.join("\n  ")
        )))
    }
}

/// UserSigs, offline: what the client signs for its admin calls, and what an app server signs
/// for each game client and checks. The UserSig itself is a credential and is not printed.
fn usersigs(demo: &mut Demo) {
    demo.section("UserSigs (offline, no service involved)");
    let key = SecretKey::new("demo-secret-key");
    let (sdkappid, now) = (1_400_000_000, unix_now());
    println!("-- sign a UserSig for alice, valid for one day");
    let sig = usersig::generate(&key, sdkappid, "alice", 86_400, now);
    match usersig::inspect(sig.expose_secret()) {
        Ok(d) => demo.note(&format!(
            "{} characters; it says: app {}, user {:?}, signed {}, expires {} (the signature itself is not shown)",
            sig.expose_secret().len(),
            d.sdkappid,
            d.identifier,
            usersig::format_unix_utc(d.time),
            usersig::format_unix_utc(d.expires_at())
        )),
        Err(e) => demo.surprises.push(format!("inspecting a fresh UserSig: {e}")),
    }
    for (what, identifier, at, expect_ok) in [
        ("verify it as alice's, now", "alice", now, true),
        ("verify it as bob's", "bob", now, false),
        ("verify it two days later", "alice", now + 2 * 86_400, false),
    ] {
        println!("-- {what}");
        let expected = Expected {
            sdkappid,
            identifier,
            now: at,
            userbuf: UserbufCheck::Absent,
        };
        match usersig::verify(&key, sig.expose_secret(), &expected) {
            Ok(_) => {
                demo.note("valid");
                if !expect_ok {
                    demo.surprises.push(format!("{what}: accepted"));
                }
            }
            Err(e) => {
                demo.note(&format!("refused ({}): {e}", e.failure().as_str()));
                if expect_ok {
                    demo.surprises.push(format!("{what}: {e}"));
                }
            }
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `a, b, c`, or `(none)`.
fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(", ")
    }
}

/// A friend_check relation in words, from the point of view of `from` (A) towards the account
/// (B) of the item.
fn relation(r: Option<&chatadmin_core::api::friend::Relation>, from: &str) -> String {
    use chatadmin_core::api::friend::Relation;
    match r {
        Some(Relation::BothWay) => "friends both ways".to_owned(),
        Some(Relation::AWithB) => format!("in {from}'s list only"),
        Some(Relation::BWithA) => format!("has {from} in their list, not the other way"),
        Some(Relation::NoRelation) => "not friends".to_owned(),
        Some(other) => other.as_str().to_owned(),
        None => "not reported".to_owned(),
    }
}

/// A per-item result code in words.
fn describe(code: i64) -> String {
    describe_at(FriendAdd::META.path, code)
}

fn describe_at(path: &str, code: i64) -> String {
    if code == 0 {
        return "ok".to_owned();
    }
    format!(
        "failed with {code} ({})",
        chatadmin_core::codes::meaning(Some(path), code).unwrap_or("no documented meaning")
    )
}

fn rand_suffix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64 ^ d.as_secs())
        .unwrap_or(7)
}
