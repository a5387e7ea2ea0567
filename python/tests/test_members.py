"""Group members end to end from Python: 1,000 members added with one call (split by the
library into calls of at most 300, the per-member results merged in order), every member walked
without cursors, an admin, a mute that expires on the emulated clock, imports with a join time,
deletes, communities paged by Next, and the documented error codes."""

from __future__ import annotations

import pytest

from chatadmin import ApiError, InvalidArgument

ADDED, ALREADY, FAILED = 1, 2, 0


def names(prefix, n):
    return [f"{prefix}{i:04}" for i in range(n)]


def create(client, type_, owner, members=(), **kw):
    r = client.groups.create(
        type=type_, name="members", owner_account=owner, member_list=[{"member_account": m} for m in members], **kw
    )
    return r.group_id


def test_a_public_group_of_1100_members(client, emu):
    initial, added, old = names("init", 100), names("user", 1000), names("old", 2)
    everyone = ["owner"] + initial + added
    client.accounts.import_many(accounts=everyone + old)
    created = emu.now()
    gid = create(client, "Public", "owner", initial)

    # One call, four requests of at most 300; one result per member, in order.
    emu.advance_clock(10)
    before = emu.hits("group_open_http_svc/add_group_member")
    r = client.members.add(group_id=gid, member_list=[{"member_account": a} for a in added], silence=1)
    assert emu.hits("group_open_http_svc/add_group_member") - before == 4
    assert [m.member_account for m in r.member_list] == added
    assert {m.result for m in r.member_list} == {ADDED}
    r = client.members.add(group_id=gid, member_list=[{"member_account": added[0]}])
    assert r.member_list[0].result == ALREADY

    # Every member by Offset, 200 a page, without handling cursors.
    before = emu.hits("group_open_http_svc/get_group_member_info")
    members = list(client.members.iter_get(group_id=gid, limit=200))
    assert [m.member_account for m in members] == everyone
    assert emu.hits("group_open_http_svc/get_group_member_info") - before == 6
    assert members[0].role == "Owner" and members[1].role == "Member"
    assert created <= members[1].join_time <= created + 1
    assert members[500].join_time >= created + 10
    page = client.members.get(group_id=gid, limit=5, offset=1098)
    assert page.member_num == 1101 and len(page.member_list) == 3

    # Promote an admin with a name card; the role filter finds owner and admin.
    client.members.modify(group_id=gid, member_account=added[7], role="Admin", name_card="captain")
    page = client.members.get(group_id=gid, member_role_filter=["Owner", "Admin"])
    assert [m.member_account for m in page.member_list] == ["owner", added[7]]
    with pytest.raises(ApiError) as e:
        client.members.modify(group_id=gid, member_account="owner", role="Member")
    assert e.value.code == 10004
    with pytest.raises(InvalidArgument, match="NameCard"):
        client.members.modify(group_id=gid, member_account=added[7], name_card="x" * 51)

    # Mute for 60 s: listed by both reads; after 61 s on the emulated clock, gone.
    now = emu.now()
    client.members.mute(group_id=gid, members_account=[added[3]], shut_up_time=60)
    muted = client.members.muted(group_id=gid).muted_account_list
    assert [m.member_account for m in muted] == [added[3]]
    assert now + 60 <= muted[0].muted_until <= now + 61
    legacy = client.members.muted_legacy(group_id=gid).shutted_uin_list
    assert [(m.member_account, m.shutted_until) for m in legacy] == [(added[3], muted[0].muted_until)]
    spec = client.members.get_specified(group_id=gid, member_list_account=[added[3], added[7]])
    assert spec.member_list[0].shut_up_until == muted[0].muted_until
    assert spec.member_list[1].name_card == "captain"
    emu.advance_clock(61)
    assert client.members.muted(group_id=gid).muted_account_list == []

    # Import with join times: one valid admin, one before the group existed.
    r = client.members.import_(
        group_id=gid,
        member_list=[
            {"member_account": old[0], "join_time": created + 5, "role": "Admin"},
            {"member_account": old[1], "join_time": created - 100},
        ],
    )
    assert [m.result for m in r.member_list] == [ADDED, FAILED]
    spec = client.members.get_specified(group_id=gid, member_list_account=old)
    assert [(m.member_account, m.join_time, m.role) for m in spec.member_list] == [(old[0], created + 5, "Admin")]

    # Delete (a stranger too: still a success); the owner cannot be deleted.
    client.members.delete(group_id=gid, member_to_del_account=[added[1], added[2], "stranger"], reason="spam")
    with pytest.raises(ApiError) as e:
        client.members.delete(group_id=gid, member_to_del_account=["owner"])
    assert e.value.code == 10009
    left = [m.member_account for m in client.members.iter_get(group_id=gid, limit=100, member_info_filter=["Role"])]
    assert len(left) == 1101 - 2 + 1
    assert added[1] not in left and left[-1] == old[0]


def test_a_community_is_walked_by_next(client, emu):
    people = names("c", 230)
    client.accounts.import_many(accounts=["boss"] + people)
    cid = create(client, "Community", "boss")
    client.members.add(group_id=cid, member_list=[{"member_account": a} for a in people])
    before = emu.hits("group_open_http_svc/get_group_member_info")
    got = [m.member_account for m in client.members.iter_get(group_id=cid, limit=100, next="")]
    assert got == ["boss"] + people
    assert emu.hits("group_open_http_svc/get_group_member_info") - before == 3
    # Offset is not for communities; Limit with Next is at most 100 (refused before sending).
    with pytest.raises(ApiError) as e:
        client.members.get(group_id=cid, limit=10, offset=0)
    assert e.value.code == 10004
    with pytest.raises(InvalidArgument, match="Limit"):
        client.members.get(group_id=cid, limit=101, next="")


def test_group_types_and_caps(client, emu):
    people = names("p", 5)
    client.accounts.import_many(accounts=["boss"] + people)
    live = create(client, "AVChatRoom", "boss")
    for call in (
        lambda: client.members.add(group_id=live, member_list=[{"member_account": people[0]}]),
        lambda: client.members.get(group_id=live),
    ):
        with pytest.raises(ApiError) as e:
            call()
        assert e.value.code == 10007
    work = create(client, "Private", "boss")
    client.members.add(group_id=work, member_list=[{"member_account": people[0]}])
    with pytest.raises(ApiError) as e:
        client.members.mute(group_id=work, members_account=[people[0]], shut_up_time=60)
    assert e.value.code == 10007
    small = create(client, "Public", "boss", max_member_count=2)
    with pytest.raises(ApiError) as e:
        client.members.add(group_id=small, member_list=[{"member_account": p} for p in people[:2]])
    assert e.value.code == 10014
    assert [m.member_account for m in client.members.get(group_id=small).member_list] == ["boss"]
    with pytest.raises(ApiError) as e:
        client.members.add(group_id=small, member_list=[{"member_account": "ghost"}])
    assert e.value.code == 10019


# One case per member endpoint, in the form of test_endpoints.py's CASES (accounts alice, bob
# and carol exist): test_endpoints.py checks that every endpoint has one.


def _group(client):
    return create(client, "Public", "alice", ["bob"])


def _add(client, emu):
    r = client.members.add(group_id=_group(client), member_list=[{"member_account": "carol"}, {"member_account": "bob"}])
    assert [(m.member_account, m.result) for m in r.member_list] == [("carol", ADDED), ("bob", ALREADY)]


def _delete(client, emu):
    gid = _group(client)
    client.members.delete(group_id=gid, member_to_del_account=["bob"], silence=1)
    assert [m.member_account for m in client.members.get(group_id=gid).member_list] == ["alice"]


def _get(client, emu):
    r = client.members.get(group_id=_group(client), limit=1, offset=1, member_info_filter=["Role"])
    assert r.member_num == 2
    assert [m.to_dict() for m in r.member_list] == [{"Member_Account": "bob", "Role": "Member"}]


def _get_specified(client, emu):
    r = client.members.get_specified(group_id=_group(client), member_list_account=["bob", "carol"])
    assert [m.member_account for m in r.member_list] == ["bob"]


def _modify(client, emu):
    gid = _group(client)
    client.members.modify(group_id=gid, member_account="bob", msg_flag="Discard", name_card="B")
    m = client.members.get_specified(group_id=gid, member_list_account=["bob"]).member_list[0]
    assert (m.msg_flag, m.name_card) == ("Discard", "B")


def _import(client, emu):
    r = client.members.import_(group_id=_group(client), member_list=[{"member_account": "carol"}])
    assert r.member_list[0].result == ADDED


def _mute(client, emu):
    gid = _group(client)
    client.members.mute(group_id=gid, members_account=["bob"], shut_up_time=30)
    assert [m.member_account for m in client.members.muted(group_id=gid).muted_account_list] == ["bob"]


def _muted(client, emu):
    assert client.members.muted(group_id=_group(client)).muted_account_list == []


def _muted_legacy(client, emu):
    gid = _group(client)
    client.members.mute(group_id=gid, members_account=["bob"], shut_up_time=30)
    assert [m.member_account for m in client.members.muted_legacy(group_id=gid).shutted_uin_list] == ["bob"]


ENDPOINT_CASES = {
    "group_open_http_svc/add_group_member": _add,
    "group_open_http_svc/delete_group_member": _delete,
    "group_open_http_svc/get_group_member_info": _get,
    "group_open_http_svc/get_specified_group_member_info": _get_specified,
    "group_open_http_svc/modify_group_member_info": _modify,
    "group_open_http_svc/import_group_member": _import,
    "group_open_http_svc/forbid_send_msg": _mute,
    "group_open_http_svc/get_group_muted_account": _muted,
    "group_open_http_svc/get_group_shutted_uin": _muted_legacy,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_member_endpoint_case(path, client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
