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
use chatadmin_core::api::friend::{DeleteType, FriendDelete};
use chatadmin_core::api::friend_list::FriendListDelete;
use chatadmin_core::api::group::{CreateGroup, DestroyGroup, GroupType};
use chatadmin_core::registry::encode_request;
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
                    "      ErrorInfo {:?}; retry: {}",
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
            .base_url(&emulator.base_url())
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
        demo.note(&format!("not imported: {missing:?}"));
    }

    demo.section("Friend lists");
    if let Some(emu) = &demo.emulator {
        // The friend-adding endpoints come with the social-graph work; the emulator's test
        // hooks set the scene instead.
        let c = emu.control();
        c.add_friend(&alice, &bob, true);
        c.add_friend(&alice, &carol, true);
        c.add_friend(&alice, &dave, false);
        c.set_friend_lists(
            &alice,
            &[
                ("team", &[bob.as_str(), carol.as_str()]),
                ("family", &[dave.as_str()]),
            ],
        );
        demo.note("(emulator setup) alice <-> bob, alice <-> carol, alice -> dave; lists team=[bob, carol], family=[dave]");
    }
    if let Some(r) = demo.step(
        "delete alice's list \"family\" (the friends in it stay friends)",
        &FriendListDelete::new(&alice, ["family"]),
        Expect::Success,
    ) {
        demo.note(&format!("lists are now at sequence {}", r.current_sequence));
    }
    if let Some(emu) = &demo.emulator {
        demo.note(&format!(
            "alice still has dave as a friend: {}",
            emu.control().is_friend(&alice, &dave)
        ));
    }

    demo.section("A partial failure is data, not an error");
    if let Some(r) = demo.step(
        "delete bob and erin from alice's friends, both ways (erin is no friend)",
        &FriendDelete::new(&alice, [&bob, &erin]).delete_type(DeleteType::Both),
        Expect::Success,
    ) {
        for item in &r.result_item {
            demo.note(&format!(
                "{}: {}",
                item.to_account,
                if item.is_ok() {
                    "deleted".to_owned()
                } else {
                    format!(
                        "failed with {} ({})",
                        item.result_code,
                        chatadmin_core::codes::meaning(
                            Some(FriendDelete::META.path),
                            item.result_code
                        )
                        .unwrap_or("?")
                    )
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
        demo.step("destroy it", &DestroyGroup::new(&gid), Expect::Success);
        demo.step(
            "destroy it again",
            &DestroyGroup::new(&gid),
            Expect::ApiError(10010),
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
    demo.step(
        "delete the demo accounts",
        &AccountDelete::new([&alice, &bob, &carol, &dave, &erin]),
        Expect::Success,
    );

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

fn rand_suffix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64 ^ d.as_secs())
        .unwrap_or(7)
}
