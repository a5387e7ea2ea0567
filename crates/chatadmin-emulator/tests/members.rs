//! The group member endpoints end to end over HTTP, driven by core's typed requests the way
//! the client drives them: a list past its limit is split by core, each part is one signed
//! call, the answers are merged by core; paged reads follow core's `next_page`.

mod common;

use chatadmin_core::api::group::{CreateGroup, GroupType, MemberRole};
use chatadmin_core::api::member::{
    member_result, AddGroupMember, DeleteGroupMember, ForbidSendMsg, GetGroupMemberInfo,
    GetGroupMutedAccount, GetGroupShuttedUin, GetSpecifiedGroupMemberInfo, GroupMemberInfo,
    ImportGroupMember, ImportedMember, ModifyGroupMemberInfo, MsgFlag,
};
use chatadmin_core::{registry, ApiRequest, ApiResponse};
use common::{assert_fail, assert_ok, import_accounts, names, Harness};
use serde_json::{json, Value};

/// One typed call as the client makes it: validated and split by core, one HTTP call per
/// part, the parts' answers merged in order. Returns the merged answer and the number of
/// calls.
fn typed<R: ApiRequest>(h: &Harness, req: R) -> (R::Response, usize) {
    let parts = req.split().unwrap_or_else(|| vec![req]);
    let calls = parts.len();
    let answers: Vec<R::Response> = parts
        .iter()
        .map(|p| {
            let body = registry::encode_request(p).expect("valid request");
            let v = h.call(R::META.path, body);
            assert_ok(&v);
            serde_json::from_value(v).expect("typed answer")
        })
        .collect();
    let mut it = answers.into_iter();
    let first = it.next().unwrap();
    (R::Response::merge(first, it.collect()), calls)
}

/// A typed call expected to fail with `code`.
fn typed_fail<R: ApiRequest>(h: &Harness, req: &R, code: i64) -> String {
    let body = registry::encode_request(req).expect("valid request");
    assert_fail(&h.call(R::META.path, body), code)
}

/// Every member, following core's `next_page` from `first`; also the number of pages.
fn all_members(h: &Harness, first: GetGroupMemberInfo) -> (Vec<GroupMemberInfo>, usize) {
    let (mut items, mut pages, mut req) = (Vec::new(), 0, Some(first));
    while let Some(r) = req {
        let (page, _) = typed(h, r.clone());
        pages += 1;
        req = registry::next_page(&r, &page).expect("the cursor advances");
        items.extend(page.member_list);
        assert!(pages < 100, "paging does not end");
    }
    (items, pages)
}

fn create(h: &Harness, t: GroupType, owner: &str, members: &[String]) -> String {
    let req = CreateGroup::new(t, "members")
        .owner(owner)
        .members(members.iter().cloned());
    let (resp, _) = typed(h, req);
    resp.group_id
}

fn accounts(list: &[GroupMemberInfo]) -> Vec<&str> {
    list.iter().map(|m| m.member_account.as_str()).collect()
}

#[test]
fn a_public_group_grows_to_1100_members_pages_mutes_imports_and_deletes() {
    let h = Harness::new();
    let initial = names("init", 100);
    let added = names("user", 1000);
    let imported = names("old", 3);
    let mut everyone = vec!["owner".to_owned()];
    everyone.extend(initial.iter().cloned());
    everyone.extend(added.iter().cloned());
    everyone.extend(imported.iter().cloned());
    import_accounts(&h, &everyone);
    let created = h.emu.control().now();
    let gid = create(&h, GroupType::Public, "owner", &initial);

    // 1,000 members in one typed call: four calls of at most 300, merged in order.
    h.emu.control().advance_clock(10);
    let (resp, calls) = typed(
        &h,
        AddGroupMember::new(&gid, added.iter().cloned()).silent(true),
    );
    assert_eq!(calls, 4);
    assert_eq!(resp.member_list.len(), 1000);
    let reported: Vec<&str> = resp
        .member_list
        .iter()
        .map(|r| r.member_account.as_str())
        .collect();
    assert_eq!(
        reported,
        added.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(resp
        .member_list
        .iter()
        .all(|r| r.result == member_result::ADDED));
    assert_eq!(resp.failures().count(), 0);

    // Adding again (and an initial member) reports "already in the group".
    let again = AddGroupMember::new(&gid, [added[0].clone(), initial[5].clone()]);
    let (resp, _) = typed(&h, again);
    assert!(resp
        .member_list
        .iter()
        .all(|r| r.result == member_result::ALREADY_MEMBER));

    // Page through all 1,101 (owner + 100 + 1,000) by Offset, 200 at a time, in join order.
    let (all, pages) = all_members(&h, GetGroupMemberInfo::new(&gid).limit(200));
    assert_eq!(pages, 6);
    assert_eq!(all.len(), 1101);
    assert_eq!(
        accounts(&all),
        everyone[..1101]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(all[0].role, Some(MemberRole::Owner));
    // The emulated clock is the system clock plus the advances: allow it one tick.
    let around = |t: Option<u64>, at: u64| t.is_some_and(|t| (at..=at + 1).contains(&t));
    assert!(around(all[1].join_time, created), "{:?}", all[1]);
    assert!(around(all[200].join_time, created + 10), "{:?}", all[200]);
    assert_eq!(all[300].msg_flag, Some(MsgFlag::AcceptAndNotify));
    // One page says how many members the group has.
    let (page, _) = typed(&h, GetGroupMemberInfo::new(&gid).limit(10).offset(1095));
    assert_eq!(page.member_num, 1101);
    assert_eq!(page.member_list.len(), 6);

    // Promote an admin; the role filter then finds owner and admin only.
    let promote = ModifyGroupMemberInfo::new(&gid, &added[7]).role(MemberRole::Admin);
    typed(&h, promote.name_card("captain").app_data("Level", "9"));
    let admins = GetGroupMemberInfo::new(&gid).roles([MemberRole::Owner, MemberRole::Admin]);
    let (page, _) = typed(&h, admins);
    assert_eq!(accounts(&page.member_list), ["owner", added[7].as_str()]);
    assert_eq!(page.member_num, 1101);
    // The owner's identity cannot be modified.
    let demote_owner = ModifyGroupMemberInfo::new(&gid, "owner").role(MemberRole::Member);
    typed_fail(&h, &demote_owner, 10004);

    // Mute one member until now + 60: listed by both reads, then expired after 61 s.
    let now = h.emu.control().now();
    typed(&h, ForbidSendMsg::new(&gid, [added[3].clone()], 60));
    let (muted, _) = typed(&h, GetGroupMutedAccount::new(&gid));
    assert_eq!(muted.muted_account_list.len(), 1);
    assert_eq!(muted.muted_account_list[0].member_account, added[3]);
    let until = muted.muted_account_list[0].muted_until;
    assert!(around(Some(until), now + 60), "{until} vs {now}");
    let (legacy, _) = typed(&h, GetGroupShuttedUin::new(&gid));
    assert_eq!(legacy.shutted_uin_list[0].member_account, added[3]);
    assert_eq!(legacy.shutted_uin_list[0].shutted_until, until);
    let chosen = GetSpecifiedGroupMemberInfo::new(&gid, [added[3].clone(), added[7].clone()]);
    let (spec, _) = typed(&h, chosen);
    assert_eq!(spec.member_list[0].shut_up_until, Some(until));
    assert_eq!(spec.member_list[1].role, Some(MemberRole::Admin));
    assert_eq!(spec.member_list[1].name_card.as_deref(), Some("captain"));
    assert_eq!(spec.member_list[1].app_data("Level"), Some("9"));
    h.emu.control().advance_clock(61);
    let (muted, _) = typed(&h, GetGroupMutedAccount::new(&gid));
    assert!(muted.muted_account_list.is_empty(), "{muted:?}");
    let (spec, _) = typed(
        &h,
        GetSpecifiedGroupMemberInfo::new(&gid, [added[3].clone()]),
    );
    assert_eq!(spec.member_list[0].shut_up_until, Some(0));

    // Import members with their join time: one too early (before the group existed), one in
    // the future, one admin with an unread count capped at the group's message count (none).
    let now = h.emu.control().now();
    let import = ImportGroupMember::new(
        &gid,
        [
            ImportedMember::new(&imported[0])
                .join_time(created + 5)
                .admin()
                .unread_msg_num(5),
            ImportedMember::new(&imported[1]).join_time(created - 100),
            ImportedMember::new(&imported[2]).join_time(now + 3600),
            ImportedMember::new(&added[0]).join_time(created + 5),
        ],
    );
    let (resp, _) = typed(&h, import);
    let results: Vec<u32> = resp.member_list.iter().map(|r| r.result).collect();
    assert_eq!(
        results,
        [
            member_result::ADDED,
            member_result::FAILED,
            member_result::FAILED,
            member_result::ALREADY_MEMBER
        ]
    );
    let (spec, _) = typed(
        &h,
        GetSpecifiedGroupMemberInfo::new(&gid, imported.iter().cloned()),
    );
    assert_eq!(accounts(&spec.member_list), [imported[0].as_str()]);
    assert_eq!(spec.member_list[0].join_time, Some(created + 5));
    assert_eq!(spec.member_list[0].role, Some(MemberRole::Admin));

    // Delete members (one not in the group: still a success); the owner cannot be deleted.
    let doomed = [added[1].clone(), added[2].clone(), "stranger".to_owned()];
    typed(
        &h,
        DeleteGroupMember::new(&gid, doomed.iter().cloned()).reason("spam"),
    );
    typed_fail(&h, &DeleteGroupMember::new(&gid, ["owner"]), 10009);
    let (all, _) = all_members(
        &h,
        GetGroupMemberInfo::new(&gid).limit(100).fields(["Role"]),
    );
    assert_eq!(all.len(), 1101 - 2 + 1);
    assert!(!accounts(&all).contains(&added[1].as_str()));
    assert_eq!(all.last().unwrap().member_account, imported[0]);
    assert!(all
        .iter()
        .all(|m| m.join_time.is_none() && m.role.is_some()));
}

#[test]
fn communities_page_by_next_and_other_types_by_offset() {
    let h = Harness::new();
    let people = names("c", 250);
    let mut all = vec!["boss".to_owned()];
    all.extend(people.iter().cloned());
    import_accounts(&h, &all);
    let cid = create(&h, GroupType::Community, "boss", &[]);
    let (_, calls) = typed(&h, AddGroupMember::new(&cid, people.iter().cloned()));
    assert_eq!(calls, 1);

    // Next "" first, then the answer's Next until it is "".
    let (members, pages) = all_members(&h, GetGroupMemberInfo::new(&cid).limit(100).next(""));
    assert_eq!(pages, 3);
    assert_eq!(
        accounts(&members),
        all.iter().map(String::as_str).collect::<Vec<_>>()
    );

    // A community refuses Offset and needs Next; other types refuse Next.
    let body = json!({"GroupId": cid, "Limit": 10, "Offset": 0});
    assert_fail(
        &h.call("group_open_http_svc/get_group_member_info", body),
        10004,
    );
    let body = json!({"GroupId": cid, "Limit": 10});
    assert_fail(
        &h.call("group_open_http_svc/get_group_member_info", body),
        10004,
    );
    let pid = create(&h, GroupType::Public, "boss", &people[..3]);
    let body = json!({"GroupId": pid, "Limit": 10, "Next": ""});
    assert_fail(
        &h.call("group_open_http_svc/get_group_member_info", body),
        10004,
    );
    // Limit past the documented maximum: 200 by Offset, 100 by Next.
    let body = json!({"GroupId": pid, "Limit": 201});
    assert_fail(
        &h.call("group_open_http_svc/get_group_member_info", body),
        10004,
    );
    let body = json!({"GroupId": cid, "Limit": 101, "Next": ""});
    assert_fail(
        &h.call("group_open_http_svc/get_group_member_info", body),
        10004,
    );
    // Without Limit every member comes at once.
    let (page, _) = typed(&h, GetGroupMemberInfo::new(&pid));
    assert_eq!(page.member_list.len(), 4);
    assert!(page.next.is_none());
}

#[test]
fn group_types_caps_and_documented_codes() {
    let h = Harness::new();
    let people = names("p", 10);
    let mut all = vec!["boss".to_owned()];
    all.extend(people.iter().cloned());
    import_accounts(&h, &all);

    // AVChatRoom: no member list (10007 to add, import, read; 10004 to delete).
    let av = create(&h, GroupType::AvChatRoom, "boss", &[]);
    typed_fail(&h, &AddGroupMember::new(&av, [people[0].clone()]), 10007);
    typed_fail(
        &h,
        &ImportGroupMember::new(&av, [ImportedMember::new(&people[0])]),
        10007,
    );
    typed_fail(&h, &GetGroupMemberInfo::new(&av), 10007);
    typed_fail(&h, &DeleteGroupMember::new(&av, [people[0].clone()]), 10004);
    typed_fail(
        &h,
        &ModifyGroupMemberInfo::new(&av, &people[0]).name_card("x"),
        10007,
    );

    // Private (Work) groups: members join by invitation (add), and nobody is muted there.
    let work = create(&h, GroupType::Private, "boss", &[]);
    let (resp, _) = typed(&h, AddGroupMember::new(&work, people[..2].iter().cloned()));
    assert!(resp
        .member_list
        .iter()
        .all(|r| r.result == member_result::ADDED));
    typed_fail(
        &h,
        &ForbidSendMsg::new(&work, [people[0].clone()], 60),
        10007,
    );
    typed_fail(
        &h,
        &ModifyGroupMemberInfo::new(&work, &people[0]).shut_up_time(60),
        10007,
    );

    // Unknown accounts fail the whole add (10019) and nobody is added.
    let pubg = create(&h, GroupType::Public, "boss", &[]);
    let add = AddGroupMember::new(&pubg, [people[0].clone(), "ghost".to_owned()]);
    typed_fail(&h, &add, 10019);
    let (page, _) = typed(&h, GetGroupMemberInfo::new(&pubg));
    assert_eq!(accounts(&page.member_list), ["boss"]);

    // MaxMemberNum: a group of at most 3 takes 2 more, not 3 more (10014), state unchanged.
    let small = CreateGroup::new(GroupType::Public, "small")
        .owner("boss")
        .max_member_count(3);
    let (small, _) = typed(&h, small);
    let sid = small.group_id;
    typed_fail(
        &h,
        &AddGroupMember::new(&sid, people[..3].iter().cloned()),
        10014,
    );
    let (page, _) = typed(&h, GetGroupMemberInfo::new(&sid));
    assert_eq!(page.member_num, 1);
    typed(&h, AddGroupMember::new(&sid, people[..2].iter().cloned()));
    typed_fail(&h, &AddGroupMember::new(&sid, [people[5].clone()]), 10014);

    // More than 300 members in one raw body: 10005 (the typed path splits instead).
    let many: Vec<Value> = (0..301)
        .map(|i| json!({"Member_Account": format!("x{i}")}))
        .collect();
    let body = json!({"GroupId": pubg, "MemberList": many});
    assert_fail(&h.call("group_open_http_svc/add_group_member", body), 10005);

    // Missing groups: 10010.
    typed_fail(&h, &GetGroupMutedAccount::new("@TGS#NOSUCH"), 10010);
    typed_fail(
        &h,
        &ModifyGroupMemberInfo::new("@TGS#NOSUCH", "boss").name_card("x"),
        10010,
    );

    // A non-member cannot be modified; MsgFlag and a permanent mute are kept.
    typed_fail(
        &h,
        &ModifyGroupMemberInfo::new(&pubg, &people[9]).name_card("x"),
        10007,
    );
    typed(&h, AddGroupMember::new(&pubg, [people[9].clone()]));
    let modify = ModifyGroupMemberInfo::new(&pubg, &people[9])
        .msg_flag(MsgFlag::Discard)
        .shut_up_time(u32::MAX);
    typed(&h, modify);
    h.emu.control().advance_clock(3600);
    let (spec, _) = typed(
        &h,
        GetSpecifiedGroupMemberInfo::new(&pubg, [people[9].clone()]),
    );
    assert_eq!(spec.member_list[0].msg_flag, Some(MsgFlag::Discard));
    assert!(spec.member_list[0].shut_up_until.unwrap() > h.emu.control().now());
    // Unmute with 0.
    typed(&h, ForbidSendMsg::new(&pubg, [people[9].clone()], 0));
    let (muted, _) = typed(&h, GetGroupMutedAccount::new(&pubg));
    assert!(muted.muted_account_list.is_empty());
}
