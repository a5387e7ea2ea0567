"""The social graph end to end from Python: friend requests and settings, checks, one-way
deletes, friend lists, the blocklist, 1,000 friends walked without cursors, kick and logins."""

from __future__ import annotations

import pytest

import chatadmin
from chatadmin.testing import EmulatorError


def relation(client, a, b):
    r = client.friends.check(from_account=a, to_account=[b], check_type="CheckResult_Type_Both")
    return r.info_item[0].relation


def test_friends_lists_and_blocklist(client, emu):
    client.accounts.import_many(accounts=["alice", "bob", "carol", "dave"])
    for who in ["bob", "dave"]:
        client.profiles.set(
            from_account=who,
            profile_item=[{"tag": "Tag_Profile_IM_AllowType", "value": "AllowType_Type_AllowAny"}],
        )
    r = client.friends.add(
        from_account="alice",
        add_friend_item=[{"to_account": n, "add_source": "AddSource_Type_Py"} for n in ["bob", "carol", "dave"]],
        add_type="Add_Type_Both",
    )
    assert [i.result_code for i in r.result_item] == [0, 30539, 0]  # carol must confirm
    assert relation(client, "alice", "bob") == "CheckResult_Type_BothWay"
    assert relation(client, "alice", "carol") == "CheckResult_Type_NoRelation"

    # One-way delete: bob keeps alice.
    client.friends.delete(from_account="alice", to_account=["bob"])
    assert relation(client, "alice", "bob") == "CheckResult_Type_BWithA"
    assert relation(client, "bob", "alice") == "CheckResult_Type_AWithB"

    # Move dave from one list to another; deleting the lists keeps the friendship.
    client.friend_lists.add(from_account="alice", group_name=["team"], to_account=["dave"])
    client.friend_lists.add(from_account="alice", group_name=["raid"])
    client.friends.update(
        from_account="alice",
        update_item=[{"to_account": "dave", "sns_item": [{"tag": "Tag_SNS_IM_Group", "value": ["raid"]}]}],
    )
    got = client.friend_lists.get(from_account="alice", need_friend="Need_Friend_Type_Yes")
    members = {i.group_name: list(i.to_account or []) for i in got.result_item}
    assert members == {"raid": ["dave"], "team": []}
    client.friend_lists.delete(from_account="alice", group_name=["raid", "team"])
    assert relation(client, "alice", "dave") == "CheckResult_Type_BothWay"

    # Blocking ends the friendship both ways and stops adds from the blocked side.
    client.blocklist.add(from_account="alice", to_account=["dave"])
    assert relation(client, "alice", "dave") == "CheckResult_Type_NoRelation"
    r = client.blocklist.check(from_account="dave", to_account=["alice"], check_type="BlackCheckResult_Type_Both")
    assert r.black_list_check_item[0].relation == "BlackCheckResult_Type_BWithA"
    r = client.friends.add(
        from_account="dave",
        add_friend_item=[{"to_account": "alice", "add_source": "AddSource_Type_Py"}],
        force_add_flags=1,
    )
    assert r.result_item[0].result_code == 30525


def test_iterating_1000_friends_and_a_blocklist(client, emu):
    ids = [f"f{i:04}" for i in range(1000)]
    client.accounts.import_many(accounts=ids + ["owner"])  # split into 11 calls of at most 100
    r = client.friends.import_(
        from_account="owner",
        add_friend_item=[{"to_account": i, "add_source": "AddSource_Type_Py", "remark": "r-" + i} for i in ids],
    )
    assert len(r.result_item) == 1000

    before = emu.hits("sns/friend_get")
    friends = list(client.friends.iter_get(from_account="owner"))
    assert [f.to_account for f in friends] == ids
    remarks = {v.tag: v.value for v in friends[7].value_item}
    assert remarks["Tag_SNS_IM_Remark"] == "r-f0007"
    assert emu.hits("sns/friend_get") - before >= 2

    client.blocklist.add(from_account="owner", to_account=ids[:250])
    blocked = list(client.blocklist.iter_get(from_account="owner", max_limited=40))
    assert [b.to_account for b in blocked] == ids[:250]
    assert all(b.add_black_time_stamp > 0 for b in blocked)
    assert len(list(client.friends.iter_get(from_account="owner"))) == 750

    # The iterator is lazy: an error is raised where the failing page would start.
    emu.inject_fault("sns/friend_get", error_code=30006, after=1)
    it = client.friends.iter_get(from_account="owner")
    first_page = [next(it) for _ in range(100)]
    assert len(first_page) == 100
    with pytest.raises(chatadmin.ApiError) as e:
        list(it)
    assert e.value.code == 30006


def test_kick_cuts_off_earlier_user_sigs(client, emu):
    client.accounts.import_many(accounts=["pat", "sam"])
    old = emu.user_sig("pat")
    emu.login("pat", old, platform="iPhone")

    def status():
        r = client.login_state.query_online_status(to_account=["pat", "sam"])
        return {i.to_account: i.state for i in r.query_result}

    assert status() == {"pat": "Online", "sam": "Offline"}
    client.login_state.kick(user_id="pat")
    assert status()["pat"] == "Offline"
    with pytest.raises(EmulatorError, match="kick"):
        emu.login("pat", old)
    emu.advance_clock(5)
    emu.login("pat", emu.user_sig("pat"), platform="Android")
    emu.push_online("pat")
    assert status()["pat"] == "PushOnline"
    emu.logout("pat")
    assert status()["pat"] == "Offline"
    # A UserSig signed with another key never logs in, and the error does not show it.
    forged = chatadmin.usersig.generate(emu.sdkappid, "not-the-key", "pat")
    with pytest.raises(EmulatorError) as e:
        emu.login("pat", forged)
    assert forged not in str(e.value)
