"""Live-broadcast groups (AVChatRoom, BChatRoom) end to end from Python: users join through the
emulator's ``live_join`` control operation (standing in for the client SDK), then the online
count, the paged member list, admins, check_members, marks, bans that end on the emulated
clock, unbans, and the documented codes for other group types."""

from __future__ import annotations

import pytest

import chatadmin
from chatadmin.testing import EmulatorError

ROOM = "live-room-1"


def join(emu, group, users):
    emu.live_join(group, users)


def create(client, group_type, group_id):
    client.groups.create(type=group_type, name="Live", owner_account="host", group_id=group_id)


def api_code(call):
    with pytest.raises(chatadmin.ApiError) as e:
        call()
    return e.value.code


def test_a_live_room_with_admins_and_bans(client, emu):
    users = ["u1", "u2", "u3", "u4", "u5"]
    emu.add_accounts(["host", "outsider", *users])
    create(client, "AVChatRoom", ROOM)
    live = client.live_groups
    assert live.online_count(group_id=ROOM).online_member_num == 0

    t0 = emu.now()
    join(emu, ROOM, users)
    assert live.online_count(group_id=ROOM).online_member_num == 5

    # The member list, walked page by page by the SDK; each user with its join time.
    members = list(live.iter_members(group_id=ROOM))
    assert [m.member_account for m in members] == users
    assert all(t0 <= m.join_time <= t0 + 5 for m in members)
    page = live.members(group_id=ROOM)
    assert page.next_timestamp == 0

    # Admins: two set and listed; a sixth refused; they need not be in the room.
    live.modify_admins(group_id=ROOM, command_type=1, admin_account=["u1", "u2"])
    assert [a.admin_account for a in live.admins(group_id=ROOM).admin_list] == ["u1", "u2"]
    emu.add_accounts(["a3", "a4", "a5", "a6"])
    assert api_code(lambda: live.modify_admins(group_id=ROOM, command_type=1, admin_account=["a3", "a4", "a5", "a6"])) == 10004
    live.modify_admins(group_id=ROOM, command_type=2, admin_account=["u2"])
    assert [a.admin_account for a in live.admins(group_id=ROOM).admin_list] == ["u1"]
    # More than five in one request is refused before sending, naming the field.
    with pytest.raises(chatadmin.InvalidArgument, match="Admin_Account"):
        live.modify_admins(group_id=ROOM, command_type=1, admin_account=["a", "b", "c", "d", "e", "f"])

    # check_members: the users of the request that are in the room.
    r = live.check_members(group_id=ROOM, member_account=["u3", "outsider", "u5"])
    assert list(r.member_account) == ["u3", "u5"]

    # Marks: only users in the room get them; the list can be pulled by mark.
    r = live.modify_marks(
        group_id=ROOM,
        command_type=1,
        member_list=[{"member_account": "u3", "marks": [1000]}, {"member_account": "outsider", "marks": [1000]}],
    )
    assert [m.member_account for m in r.member_list] == ["u3"]
    assert [m.member_account for m in live.iter_members(group_id=ROOM, mark=1000)] == ["u3"]
    with pytest.raises(chatadmin.InvalidArgument, match="Marks"):
        live.modify_marks(group_id=ROOM, command_type=1, member_list=[{"member_account": "u3", "marks": [7]}])

    # Ban two users for 60 seconds: out of the room, listed, unable to rejoin.
    before = emu.now()
    live.ban(group_id=ROOM, members_account=["u3", "u4"], duration=60, description="spam")
    assert live.online_count(group_id=ROOM).online_member_num == 3
    assert list(live.check_members(group_id=ROOM, member_account=users).member_account) == ["u1", "u2", "u5"]
    bans = list(live.iter_banned(group_id=ROOM))
    assert [b.member_account for b in bans] == ["u3", "u4"]
    assert all(before + 60 <= b.banned_until <= before + 62 for b in bans)
    with pytest.raises(EmulatorError, match="403"):
        join(emu, ROOM, ["u3"])
    assert live.online_count(group_id=ROOM).online_member_num == 3
    assert list(live.iter_members(group_id=ROOM, mark=1000)) == [], "leaving cleared u3's mark"

    # The emulated clock passes the end: nobody is banned, u3 and u4 rejoin.
    emu.advance_clock(61)
    assert list(live.iter_banned(group_id=ROOM)) == []
    join(emu, ROOM, ["u3", "u4"])
    assert live.online_count(group_id=ROOM).online_member_num == 5

    # A ban lifted before its end.
    live.ban(group_id=ROOM, members_account=["u4"], duration=3600)
    with pytest.raises(EmulatorError, match="banned"):
        join(emu, ROOM, ["u4"])
    live.unban(group_id=ROOM, members_account=["u4"])
    assert list(live.iter_banned(group_id=ROOM)) == []
    join(emu, ROOM, ["u4"])
    assert list(live.check_members(group_id=ROOM, member_account=users).member_account) == users

    # A user who leaves is no longer counted.
    assert emu.live_leave(ROOM, ["u5"]) == [True]
    assert live.online_count(group_id=ROOM).online_member_num == 4


def test_pages_of_members_and_bans(client, emu):
    names = [f"v{i:03d}" for i in range(530)]
    emu.add_accounts(["host", *names])
    create(client, "AVChatRoom", "live-paged")
    live = client.live_groups
    join(emu, "live-paged", names)
    first = live.members(group_id="live-paged", timestamp=0)
    assert len(first.member_list) == 500 and first.next_timestamp != 0
    before = emu.hits("group_open_avchatroom_http_svc/get_members")
    assert [m.member_account for m in live.iter_members(group_id="live-paged")] == names
    assert emu.hits("group_open_avchatroom_http_svc/get_members") - before == 2

    live.ban(group_id="live-paged", members_account=names[:20], duration=100)
    live.ban(group_id="live-paged", members_account=names[20:25], duration=100)
    assert [b.member_account for b in live.iter_banned(group_id="live-paged", limit=10)] == names[:25]
    with pytest.raises(chatadmin.InvalidArgument, match="Members_Account"):
        live.ban(group_id="live-paged", members_account=names[:21], duration=100)
    with pytest.raises(chatadmin.InvalidArgument, match="Limit"):
        live.banned(group_id="live-paged", limit=101)


def test_other_group_types_get_the_documented_codes(client, emu):
    emu.add_accounts(["host", "u1"])
    live = client.live_groups
    calls = [
        lambda g: live.online_count(group_id=g),
        lambda g: live.members(group_id=g),
        lambda g: live.modify_marks(group_id=g, command_type=1, member_list=[{"member_account": "u1", "marks": [1000]}]),
        lambda g: live.modify_admins(group_id=g, command_type=1, admin_account=["u1"]),
        lambda g: live.admins(group_id=g),
        lambda g: live.check_members(group_id=g, member_account=["u1"]),
        lambda g: live.ban(group_id=g, members_account=["u1"], duration=60),
        lambda g: live.unban(group_id=g, members_account=["u1"]),
        lambda g: live.banned(group_id=g),
    ]
    create(client, "Public", "public-1")
    for call in calls:
        assert api_code(lambda: call("public-1")) == 10007
        assert api_code(lambda: call("no-such-group")) == 10010
    with pytest.raises(EmulatorError, match="400"):
        join(emu, "public-1", ["u1"])

    # BChatRoom follows the AVChatRoom rules.
    create(client, "BChatRoom", "broadcast-1")
    join(emu, "broadcast-1", ["u1"])
    assert live.online_count(group_id="broadcast-1").online_member_num == 1


# -- one case per endpoint, in the shape of test_endpoints.py's CASES (path -> fn(client, emu)) --


def _live_room(client, emu, users=("alice", "bob")):
    client.groups.create(type="AVChatRoom", name="Live", group_id="live-case")
    join(emu, "live-case", users)
    return "live-case"


def _online_count(client, emu):
    g = _live_room(client, emu)
    assert client.live_groups.online_count(group_id=g).online_member_num == 2


def _members(client, emu):
    g = _live_room(client, emu)
    r = client.live_groups.members(group_id=g)
    assert [m.member_account for m in r.member_list] == ["alice", "bob"]
    assert r.next_timestamp == 0
    assert r.to_dict()["MemberList"][0]["JoinTime"] >= emu.now() - 5


def _modify_marks(client, emu):
    g = _live_room(client, emu)
    r = client.live_groups.modify_marks(group_id=g, command_type=1, member_list=[{"member_account": "bob", "marks": [1001]}])
    assert r.command_type == 1 and r.member_list[0].marks == [1001]
    assert [m.member_account for m in client.live_groups.members(group_id=g, mark=1001).member_list] == ["bob"]


def _modify_admins(client, emu):
    g = _live_room(client, emu)
    r = client.live_groups.modify_admins(group_id=g, command_type=1, admin_account=["carol"])
    assert r.error_code == 0
    assert [a.admin_account for a in client.live_groups.admins(group_id=g).admin_list] == ["carol"]


def _admins(client, emu):
    g = _live_room(client, emu)
    assert list(client.live_groups.admins(group_id=g).admin_list) == []
    client.live_groups.modify_admins(group_id=g, command_type=1, admin_account=["alice"])
    assert client.live_groups.admins(group_id=g).to_dict()["Admin_List"][0]["Admin_Account"] == "alice"


def _check_members(client, emu):
    g = _live_room(client, emu)
    r = client.live_groups.check_members(group_id=g, member_account=["carol", "bob"])
    assert list(r.member_account) == ["bob"]


def _ban(client, emu):
    g = _live_room(client, emu)
    assert client.live_groups.ban(group_id=g, members_account=["bob"], duration=30).error_code == 0
    assert client.live_groups.online_count(group_id=g).online_member_num == 1


def _unban(client, emu):
    g = _live_room(client, emu)
    client.live_groups.ban(group_id=g, members_account=["bob"], duration=30)
    assert client.live_groups.unban(group_id=g, members_account=["bob"]).error_code == 0
    join(emu, g, ["bob"])
    assert client.live_groups.online_count(group_id=g).online_member_num == 2


def _banned(client, emu):
    g = _live_room(client, emu)
    client.live_groups.ban(group_id=g, members_account=["alice"], duration=30)
    r = client.live_groups.banned(group_id=g, limit=10)
    assert [(b.member_account, b.banned_until >= emu.now() + 25) for b in r.banned_account_list] == [("alice", True)]
    assert r.next_offset == 1


ENDPOINT_CASES = {
    "group_open_http_svc/get_online_member_num": _online_count,
    "group_open_avchatroom_http_svc/get_members": _members,
    "group_open_avchatroom_http_svc/modify_user_info": _modify_marks,
    "group_open_avchatroom_http_svc/modify_admin": _modify_admins,
    "group_open_avchatroom_http_svc/get_admin_list": _admins,
    "group_open_avchatroom_http_svc/check_members": _check_members,
    "group_open_http_svc/ban_group_member": _ban,
    "group_open_http_svc/unban_group_member": _unban,
    "group_open_http_svc/get_group_ban_member": _banned,
}


def test_every_live_group_endpoint_has_a_case():
    live = {e["path"] for e in chatadmin.endpoints() if e["area"] == "live_groups"}
    assert set(ENDPOINT_CASES) == live


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_live_endpoint_through_its_typed_method(path, client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
