//! The social graph end to end through the typed client against the emulator: accounts,
//! friend requests and their settings, checks, one-way deletes, friend lists, blocklists, paging
//! through 1,000 friends, profiles, and kick cutting off earlier UserSigs.

use std::time::Duration;

use chatadmin_client::api::account::MultiAccountImport;
use chatadmin_client::api::blocklist::{
    BlockCheckType, BlockRelation, BlocklistAdd, BlocklistCheck, BlocklistDelete, BlocklistGet,
};
use chatadmin_client::api::friend::{
    tag, AddFriendItem, AddType, CheckType, DeleteType, FriendAdd, FriendCheck, FriendDelete,
    FriendGet, FriendGetList, FriendImport, FriendUpdate, ImportFriendItem, Relation, SnsItem,
    UpdateItem,
};
use chatadmin_client::api::friend_list::{FriendListAdd, FriendListDelete, FriendListGet};
use chatadmin_client::api::login_state::{Kick, OnlineStatus, QueryOnlineStatus};
use chatadmin_client::api::profile::{AllowType, Gender, PortraitGet, PortraitSet};
use chatadmin_client::{Client, RateLimit};
use chatadmin_emulator::{Emulator, EmulatorConfig, LoginError};

const APP: u64 = 1_400_000_321;
const KEY: &str = "social-secret-key-0123456789abcdef";

fn setup() -> (Emulator, Client) {
    let emu = Emulator::start(EmulatorConfig::new(APP, KEY)).unwrap();
    let client = Client::builder(APP)
        .secret_key(KEY)
        .base_url(emu.base_url())
        .timeout(Duration::from_secs(10))
        // The emulator enforces the documented rates; the client keeps under them itself.
        .rate_limit(RateLimit::Documented)
        .build()
        .unwrap();
    (emu, client)
}

fn relation(c: &Client, from: &str, to: &str) -> Relation {
    c.friends()
        .check(&FriendCheck::new(from, [to], CheckType::Both))
        .unwrap()
        .relation(to)
        .cloned()
        .unwrap()
}

fn lists_of(c: &Client, from: &str, friend: &str) -> Vec<String> {
    let r = c
        .friends()
        .get_list(&FriendGetList::new(from, [friend], [tag::GROUP]))
        .unwrap();
    let item = &r.info_item[0];
    item.get(tag::GROUP)
        .and_then(|v| v.as_strings())
        .map(|v| v.into_iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

#[test]
fn friends_both_ways_one_way_deletes_lists_and_the_blocklist() {
    let (emu, c) = setup();
    let ctl = emu.control();
    c.accounts()
        .import_many(&MultiAccountImport::ids(["alice", "bob", "carol", "dave"]))
        .unwrap();

    // Bob and dave accept anyone; carol keeps the default, which needs her confirmation.
    for who in ["bob", "dave"] {
        c.profiles()
            .set(&PortraitSet::new(who).allow_type(AllowType::AllowAny))
            .unwrap();
    }
    let added = c
        .friends()
        .add(
            &FriendAdd::new(
                "alice",
                [
                    AddFriendItem::new("bob").add_source("AddSource_Type_Game"),
                    AddFriendItem::new("carol").add_source("AddSource_Type_Game"),
                    AddFriendItem::new("dave").add_source("AddSource_Type_Game"),
                ],
            )
            .add_type(AddType::Both),
        )
        .unwrap();
    let codes: Vec<(&str, i64)> = added
        .result_item
        .iter()
        .map(|i| (i.to_account.as_str(), i.result_code))
        .collect();
    assert_eq!(codes, [("bob", 0), ("carol", 30539), ("dave", 0)]);
    assert_eq!(relation(&c, "alice", "bob"), Relation::BothWay);
    assert_eq!(relation(&c, "alice", "carol"), Relation::NoRelation);

    // An admin may force the add past carol's setting.
    let forced = c
        .friends()
        .add(
            &FriendAdd::new(
                "alice",
                [AddFriendItem::new("carol").add_source("AddSource_Type_Admin")],
            )
            .add_type(AddType::Single)
            .force_add(true),
        )
        .unwrap();
    assert_eq!(forced.failures().count(), 0, "{forced:?}");
    assert_eq!(relation(&c, "alice", "carol"), Relation::AWithB);
    assert_eq!(relation(&c, "carol", "alice"), Relation::BWithA);

    // Delete one way: bob keeps alice.
    c.friends()
        .delete(&FriendDelete::new("alice", ["bob"]).delete_type(DeleteType::Single))
        .unwrap();
    assert_eq!(relation(&c, "alice", "bob"), Relation::BWithA);
    assert_eq!(relation(&c, "bob", "alice"), Relation::AWithB);

    // Friend lists: dave into "team", then moved to "raid"; deleting "team" keeps friends.
    let seq0 = c
        .friend_lists()
        .add(&FriendListAdd::new("alice", ["team"]).friends(["dave"]))
        .unwrap()
        .current_sequence;
    assert_eq!(lists_of(&c, "alice", "dave"), ["team"]);
    let seq1 = c
        .friend_lists()
        .add(&FriendListAdd::new("alice", ["raid"]))
        .unwrap()
        .current_sequence;
    assert!(seq1 > seq0, "CurrentSequence advances: {seq0} -> {seq1}");
    c.friends()
        .update(&FriendUpdate::new(
            "alice",
            [UpdateItem::new(
                "dave",
                [SnsItem::new(tag::GROUP, serde_json::json!(["raid"]))],
            )],
        ))
        .unwrap();
    assert_eq!(lists_of(&c, "alice", "dave"), ["raid"]);
    c.friend_lists()
        .delete(&FriendListDelete::new("alice", ["team", "raid"]))
        .unwrap();
    let lists = c.friend_lists().get(&FriendListGet::new("alice")).unwrap();
    assert!(lists.result_item.is_empty(), "{lists:?}");
    assert_eq!(relation(&c, "alice", "dave"), Relation::BothWay);

    // Blocking dave ends the friendship both ways, and he cannot add alice back.
    c.blocklist()
        .add(&BlocklistAdd::new("alice", ["dave"]))
        .unwrap();
    assert_eq!(relation(&c, "alice", "dave"), Relation::NoRelation);
    assert!(!ctl.is_friend("dave", "alice"));
    let check = c
        .blocklist()
        .check(&BlocklistCheck::new(
            "dave",
            ["alice"],
            BlockCheckType::Both,
        ))
        .unwrap();
    assert_eq!(check.relation("alice"), Some(&BlockRelation::BWithA));
    let refused = c
        .friends()
        .add(
            &FriendAdd::new(
                "dave",
                [AddFriendItem::new("alice").add_source("AddSource_Type_Game")],
            )
            .force_add(true),
        )
        .unwrap();
    assert_eq!(refused.result_item[0].result_code, 30525, "{refused:?}");
    c.blocklist()
        .delete(&BlocklistDelete::new("alice", ["dave"]))
        .unwrap();
    assert_eq!(
        relation(&c, "alice", "dave"),
        Relation::NoRelation,
        "unblocking restores nothing"
    );
}

#[test]
fn iterating_1000_friends_and_a_blocklist_without_cursors() {
    let (emu, c) = setup();
    let ids: Vec<String> = (0..1000).map(|i| format!("f{i:04}")).collect();
    let mut accounts = ids.clone();
    accounts.push("owner".into());
    // 1,001 accounts: eleven calls of at most 100.
    c.accounts()
        .import_many(&MultiAccountImport::ids(&accounts))
        .unwrap();
    let items: Vec<ImportFriendItem> = ids
        .iter()
        .map(|id| ImportFriendItem::new(id, "AddSource_Type_Import").remark(format!("r-{id}")))
        .collect();
    let imported = c
        .friends()
        .import(&FriendImport::new("owner", items))
        .unwrap();
    assert_eq!(imported.result_item.len(), 1000);
    assert_eq!(imported.failures().count(), 0);

    let before = emu.control().hits("sns/friend_get");
    let friends = c
        .items(FriendGet::new("owner"))
        .collect::<chatadmin_client::Result<Vec<_>>>()
        .unwrap();
    let pages = emu.control().hits("sns/friend_get") - before;
    assert_eq!(friends.len(), 1000);
    let got: Vec<&str> = friends.iter().map(|f| f.to_account.as_str()).collect();
    assert_eq!(got, ids.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(friends[7].remark(), Some("r-f0007"));
    assert!(pages >= 2, "{pages} pages");

    let mut walk = c.pages(FriendGet::new("owner"));
    let sizes: Vec<usize> = walk
        .by_ref()
        .map(|p| p.unwrap().user_data_item.len())
        .collect();
    assert_eq!(sizes.iter().sum::<usize>(), 1000);
    assert_eq!(walk.pages_fetched() as u64, pages);

    // 250 blocked accounts, 40 per page: seven pages, every account once, in order.
    c.blocklist()
        .add(&BlocklistAdd::new("owner", &ids[..250]))
        .unwrap();
    let blocked = c
        .items(BlocklistGet::new("owner").max_limited(40))
        .collect::<chatadmin_client::Result<Vec<_>>>()
        .unwrap();
    assert_eq!(blocked.len(), 250);
    let mut names: Vec<&str> = blocked.iter().map(|b| b.to_account.as_str()).collect();
    names.dedup();
    assert_eq!(names.len(), 250);
    let remaining = c
        .items(FriendGet::new("owner"))
        .collect::<chatadmin_client::Result<Vec<_>>>()
        .unwrap();
    assert_eq!(remaining.len(), 750, "blocking removed 250 friends");
}

#[test]
fn profiles_kick_and_online_status() {
    let (emu, c) = setup();
    let ctl = emu.control();
    c.accounts()
        .import_many(&MultiAccountImport::ids(["pat", "sam"]))
        .unwrap();
    c.profiles()
        .set(
            &PortraitSet::new("pat")
                .nick("Pat")
                .gender(Gender::Female)
                .level(7)
                .custom("Tag_Profile_Custom_Guild", "owls"),
        )
        .unwrap();
    let got = c
        .profiles()
        .get(&PortraitGet::new(
            ["pat", "nobody"],
            [
                "Tag_Profile_IM_Nick",
                "Tag_Profile_IM_Gender",
                "Tag_Profile_IM_Level",
                "Tag_Profile_Custom_Guild",
            ],
        ))
        .unwrap();
    let pat = got.profile_of("pat").unwrap();
    assert_eq!(pat.nick(), Some("Pat"));
    assert_eq!(pat.gender(), Some(Gender::Female));
    assert_eq!(pat.level(), Some(7));
    assert_eq!(
        pat.custom("Tag_Profile_Custom_Guild"),
        Some(&serde_json::json!("owls"))
    );
    assert_eq!(got.failures().count(), 1, "nobody fails per item: {got:?}");

    // A 501-byte value never leaves the machine.
    let hits = ctl.total_hits();
    let e = c
        .profiles()
        .set(&PortraitSet::new("pat").self_signature("x".repeat(501)))
        .unwrap_err();
    assert!(e.to_string().contains("500"), "{e}");
    assert_eq!(ctl.total_hits(), hits);

    // A client login, then kick: the session ends and the old UserSig no longer logs in.
    let now = ctl.now();
    let old =
        chatadmin_client::chatadmin_core::usersig::generate(&KEY.into(), APP, "pat", 86_400, now);
    ctl.login("pat", old.expose_secret(), "iPhone").unwrap();
    let status = |c: &Client| {
        c.login_state()
            .query_online_status(&QueryOnlineStatus::new(["pat", "sam"]))
            .unwrap()
    };
    let s = status(&c);
    assert_eq!(s.status_of("pat"), Some(&OnlineStatus::Online));
    assert_eq!(s.status_of("sam"), Some(&OnlineStatus::Offline));
    c.login_state().kick(&Kick::new("pat")).unwrap();
    assert_eq!(status(&c).status_of("pat"), Some(&OnlineStatus::Offline));
    match ctl.login("pat", old.expose_secret(), "iPhone") {
        Err(LoginError::Kicked { .. }) => {}
        other => panic!("expected a refusal for a pre-kick UserSig, got {other:?}"),
    }
    ctl.advance_clock(5);
    let fresh = chatadmin_client::chatadmin_core::usersig::generate(
        &KEY.into(),
        APP,
        "pat",
        86_400,
        ctl.now(),
    );
    ctl.login("pat", fresh.expose_secret(), "Android").unwrap();
    ctl.set_push_online("pat").unwrap();
    assert_eq!(status(&c).status_of("pat"), Some(&OnlineStatus::PushOnline));
}

/// `query_online_status` fails a whole call when every account is unknown. Split in parts of
/// 500, a part made only of unknown accounts is per-item data of the longer call, not a failure
/// of it; only when every part fails does the call fail, as one unsplit call would.
#[test]
fn a_split_status_query_keeps_a_part_whose_accounts_are_all_unknown_as_items() {
    let (emu, c) = setup();
    let known: Vec<String> = (0..500).map(|i| format!("k{i:03}")).collect();
    for id in &known {
        emu.control().add_account(id);
    }
    let unknown: Vec<String> = (0..100).map(|i| format!("u{i:03}")).collect();
    let all: Vec<String> = known.iter().chain(&unknown).cloned().collect();
    let r = c
        .login_state()
        .query_online_status(&QueryOnlineStatus::new(&all))
        .unwrap();
    assert_eq!(emu.control().hits("openim/query_online_status"), 2);
    assert_eq!(r.status.code(), 0);
    assert_eq!(r.query_result.len(), 500);
    assert_eq!(r.error_list.len(), 100);
    assert!(r.error_list.iter().all(|e| e.error_code == 70107));
    assert_eq!(r.error_list[0].to_account, "u000");

    // Every part unknown: the service's own answer, an error.
    let nobody: Vec<String> = (0..600).map(|i| format!("n{i:03}")).collect();
    let e = c
        .login_state()
        .query_online_status(&QueryOnlineStatus::new(&nobody))
        .unwrap_err();
    assert_eq!(e.code(), Some(70107), "{e}");
    assert!(e.partial().is_none());

    // The all-unknown part first: the merged answer still has a success status.
    let first_unknown: Vec<String> = nobody[..500].iter().chain(&known[..100]).cloned().collect();
    let r = c
        .login_state()
        .query_online_status(&QueryOnlineStatus::new(&first_unknown))
        .unwrap();
    assert_eq!(r.status.code(), 0);
    assert_eq!((r.query_result.len(), r.error_list.len()), (100, 500));
    assert_eq!(r.error_list[0].to_account, "n000");
}
