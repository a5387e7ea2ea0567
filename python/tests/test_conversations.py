"""Conversations end to end from Python: an account's conversation list in last-message order,
walked across pages without cursors, pinned conversations first, deletes (with ClearRamble),
conversation groups created, renamed, filled, emptied, searched and deleted with their caps,
conversation marks, and the hourly message archive of ``open_msg_svc/get_history``: its codes,
the download with its checks and the reader.

Conversations are seeded with the emulator's ``conversation_touch`` control operation (what a
message send does to the sender's and recipients' lists)."""

from __future__ import annotations

import hashlib
import time

import pytest

import chatadmin
from chatadmin import ApiError, DecodeError, InvalidArgument, TransportError


def touch(emu, owner, *, to=None, group=None, MsgTime=None, Unread=0, Pinned=None):
    emu.touch_conversation(owner, to_account=to, group_id=group, msg_time=MsgTime, unread=Unread, pinned=Pinned)


def peer(item):
    return item.to_account if item.type == 1 else item.group_id


def first_page(client, owner, flags=7):
    r = client.conversations.list(from_account=owner, assist_flags=flags)
    return [(peer(i), i.msg_time, i.top_flag) for i in r.session_item]


def chat_group(client, owner):
    return client.groups.create(type="Public", name="team", owner_account=owner).group_id


def test_the_list_is_newest_first_with_pinned_conversations_on_top(client, emu):
    emu.add_accounts(["alice", "bob", "carol", "dave"])
    g = chat_group(client, "alice")
    touch(emu, "alice", to="bob", MsgTime=100)
    touch(emu, "alice", to="carol", MsgTime=300)
    touch(emu, "alice", group=g, MsgTime=200)
    assert [p for p, _, _ in first_page(client, "alice")] == ["carol", g, "bob"]

    touch(emu, "alice", to="bob", MsgTime=400)
    assert [p for p, _, _ in first_page(client, "alice")] == ["bob", "carol", g]

    touch(emu, "alice", group=g, Pinned=True)
    page = first_page(client, "alice", flags=1)
    assert page[0] == (g, 200, 1)
    assert [top for _, _, top in page[1:]] == [0, 0]
    assert first_page(client, "alice", flags=0)[2] == (g, 200, 0)

    # A pinned conversation without messages shows only when empty ones are asked for.
    touch(emu, "alice", to="dave", Pinned=True)
    assert len(first_page(client, "alice", flags=1)) == 3
    assert ("dave", 0, 1) in first_page(client, "alice", flags=3)

    with pytest.raises(ApiError) as e:
        client.conversations.list(from_account="nobody", assist_flags=7)
    assert e.value.code == 50001
    with pytest.raises(InvalidArgument) as e:
        client.conversations.list(from_account="alice", assist_flags=8)
    assert "AssistFlags" in str(e.value)


def test_iterating_walks_every_conversation_once(client, emu):
    emu.add_accounts(["alice"])
    peers = [f"u{i:03}" for i in range(250)]
    for i, p in enumerate(peers):
        touch(emu, "alice", to=p, MsgTime=1000 + i // 2)
    for p in peers[:120]:
        touch(emu, "alice", to=p, Pinned=True)

    before = emu.hits("recentcontact/get_list")
    items = list(client.conversations.iter_list(from_account="alice", assist_flags=7))
    assert emu.hits("recentcontact/get_list") - before == 3
    assert len(items) == 250 and len({i.to_account for i in items}) == 250
    assert all(i.top_flag == 1 for i in items[:120]) and all(i.top_flag == 0 for i in items[120:])
    general = [i.msg_time for i in items[120:]]
    assert general == sorted(general, reverse=True)

    # Without paging pinned ones, they all come on the first page.
    before = emu.hits("recentcontact/get_list")
    assert len(list(client.conversations.iter_list(from_account="alice", assist_flags=3))) == 250
    assert emu.hits("recentcontact/get_list") - before == 2


def test_deleting_conversations(client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    g = chat_group(client, "alice")
    touch(emu, "alice", to=["bob", "carol"], MsgTime=50)
    touch(emu, "alice", group=g, MsgTime=60, Pinned=True)
    client.conversations.delete(from_account="alice", type=1, to_account="bob")
    client.conversations.delete(from_account="alice", type=2, to_groupid=g, clear_ramble=1)
    assert first_page(client, "alice") == [("carol", 50, 0)]
    # A new message brings the group conversation back, unpinned.
    touch(emu, "alice", group=g, MsgTime=70)
    assert first_page(client, "alice")[0] == (g, 70, 0)

    with pytest.raises(InvalidArgument) as e:
        client.conversations.delete(from_account="alice", type=2)
    assert "ToGroupid" in str(e.value)
    with pytest.raises(ApiError) as e:
        client.conversations.delete(from_account="zed", type=1, to_account="bob")
    assert e.value.code == 50001


def test_conversation_groups_and_their_caps(client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    g = chat_group(client, "alice")
    r = client.conversations.create_group(
        from_account="alice",
        group_contact_item=[
            {
                "group_name": "work",
                "contact_item": [{"type": 1, "to_account": "bob"}, {"type": 2, "to_group_id": g}, {"type": 2, "to_group_id": "@TGS#gone"}],
            }
        ],
    )
    created = r.group_result_item[0]
    assert (created.group_item.group_name, created.group_item.group_id) == ("work", 1)
    assert [i.result_code for i in created.result_item] == [0, 0, 51007]

    with pytest.raises(InvalidArgument) as e:
        client.conversations.create_group(from_account="alice", group_contact_item=[{"group_name": "x" * 33, "contact_item": []}])
    assert "GroupName" in str(e.value)
    with pytest.raises(ApiError) as e:
        client.conversations.create_group(from_account="alice", group_contact_item=[{"group_name": "work", "contact_item": []}])
    assert e.value.code == 50002

    r = client.conversations.update_group(
        from_account="alice", update_type=1, update_group={"update_group_type": 1, "old_group_name": "work", "new_group_name": "office"}
    )
    assert (r.update_group_result.group_name, r.update_group_result.old_group_name) == ("office", "work")
    r = client.conversations.update_group(
        from_account="alice",
        update_type=1,
        update_group={
            "update_group_type": 2,
            "old_group_name": "office",
            "contact_update_item": [
                {"contact_opt_type": 1, "contact_item": {"type": 1, "to_account": "carol"}},
                {"contact_opt_type": 2, "contact_item": {"type": 1, "to_account": "bob"}},
            ],
        },
    )
    assert [i.result_code for i in r.update_group_result.contact_result_item] == [0, 0]

    found = client.conversations.search_groups(
        from_account="alice", contact_item=[{"type": 1, "to_account": "bob"}, {"type": 1, "to_account": "carol"}]
    )
    assert [c.to_account for c in found.contact_result_item] == ["carol"]
    assert found.contact_result_item[0].contact_group_id == [1]
    assert [(i.group_name, i.group_id) for i in found.group_item] == [("office", 1)]

    everything = list(client.conversations.iter_groups(from_account="alice"))
    assert len(everything) == 2  # carol and the chat group

    r = client.conversations.delete_group(from_account="alice", group_name=["office"])
    assert [(i.group_name, i.group_id) for i in r.group_item] == [("office", 1)]
    with pytest.raises(ApiError) as e:
        client.conversations.delete_group(from_account="alice", group_name=["office"])
    assert e.value.code == 51009

    for i in range(20):
        client.conversations.create_group(from_account="alice", group_contact_item=[{"group_name": f"g{i}", "contact_item": []}])
    with pytest.raises(ApiError) as e:
        client.conversations.create_group(from_account="alice", group_contact_item=[{"group_name": "g20", "contact_item": []}])
    assert e.value.code == 51010


def test_marks_set_and_cleared_and_long_lists_split(client, emu):
    emu.add_accounts(["alice"])
    bob = {"type": 1, "to_account": "bob"}
    r = client.conversations.mark(from_account="alice", mark_item=[{"opt_type": 3, "contact_item": bob, "set_mark": [1, 3], "custom_mark": "vip"}])
    assert r.result_item[0].result_code == 0
    item = client.conversations.search_groups(from_account="alice", contact_item=[bob]).contact_result_item[0]
    assert (item.standard_mark, item.custom_mark) == ("1010", "vip")
    client.conversations.mark(from_account="alice", mark_item=[{"opt_type": 1, "contact_item": bob, "clear_mark": [1]}])
    item = client.conversations.search_groups(from_account="alice", contact_item=[bob]).contact_result_item[0]
    assert (item.standard_mark, item.custom_mark) == ("1000", "vip")

    # 250 marks in one call: three requests of at most 100, one result each, in order.
    many = [{"opt_type": 2, "contact_item": {"type": 1, "to_account": f"u{i:03}"}, "custom_mark": "m"} for i in range(250)]
    before = emu.hits("recentcontact/mark_contact")
    r = client.conversations.mark(from_account="alice", mark_item=many)
    assert emu.hits("recentcontact/mark_contact") - before == 3
    assert [i.contact_item.to_account for i in r.result_item] == [f"u{i:03}" for i in range(250)]
    with pytest.raises(InvalidArgument):
        client.conversations.mark(from_account="alice", mark_item=[{"opt_type": 4, "contact_item": bob, "custom_mark": "x"}])


def test_history_files_codes(client, emu):
    with pytest.raises(ApiError) as e:
        client.operations.history_files(chat_type="C2C", msg_time="2015120121")
    assert e.value.code == 1005  # older than seven days
    with pytest.raises(InvalidArgument) as e:
        client.operations.history_files(chat_type="C2C", msg_time="2015123124")
    assert "MsgTime" in str(e.value)


def beijing_hour(t):
    return time.strftime("%Y%m%d%H", time.gmtime(t + 8 * 3600))


def test_history_download_and_read(client, emu, tmp_path):
    emu.advance_clock(3600 - emu.now() % 3600 + 30)
    emu.add_accounts(["alice", "bob", "carol"])
    sent = set()
    hours = set()
    for i in range(30):
        frm, to = [("alice", "bob"), ("bob", "carol"), ("carol", "alice")][i % 3]
        r = client.messages.send(from_account=frm, to_account=to, msg_random=100 + i, msg_body=[chatadmin.msg.text(f"m{i}")])
        hours.add(beijing_hour(r.msg_time))
        sent.add((frm, to, f"m{i}", 100 + i))
    (hour,) = hours
    with pytest.raises(ApiError) as e:
        client.read_history("C2C", hour)
    assert e.value.code == 1004  # the hour is not over
    emu.advance_clock(3600)

    f = client.operations.history_files(chat_type="C2C", msg_time=hour).file[0]
    path = tmp_path / "c2c.gz"
    assert client.download_history(f, path) == f.gzip_size
    reader = chatadmin.read_history_file(path, f)
    msgs = list(reader)
    assert reader.header == {"SdkAppId": emu.sdkappid, "ChatType": "C2C", "MsgTime": hour}
    got = {(m["From_Account"], m["To_Account"], m["MsgBody"][0]["MsgContent"]["Text"], m["MsgRandom"]) for m in msgs}
    assert got == sent and len(msgs) == 30
    # Into memory: the announced bytes.
    data = client.download_history(f)
    assert hashlib.md5(data).hexdigest() == f.gzip_md5 and len(data) == f.gzip_size
    # Streamed straight from the network: the same messages.
    streamed = client.read_history("C2C", hour)
    assert list(streamed) == msgs
    # A snake_case dict works as well as the record.
    plain = {"url": f.url, "gzip_size": f.gzip_size, "gzip_md5": f.gzip_md5}
    assert client.download_history(plain) == data

    # Wrong sums name the field.
    with pytest.raises(DecodeError) as e:
        client.download_history(dict(f.to_dict(), GzipMD5="0" * 32), tmp_path / "bad.gz")
    assert "GzipMD5" in str(e.value)
    assert not (tmp_path / "bad.gz").exists()
    changed = bytearray(data)
    changed[4] ^= 1  # the gzip header's time: still a gzip file, another MD5
    path.write_bytes(bytes(changed))
    with pytest.raises(DecodeError) as e:
        list(chatadmin.read_history_file(path, f))
    assert "GzipMD5" in str(e.value)
    path.write_bytes(data[:-10])
    with pytest.raises(DecodeError):
        list(chatadmin.read_history_file(path))
    path.write_bytes(b"<html>denied</html>")
    with pytest.raises(DecodeError) as e:
        list(chatadmin.read_history_file(path))
    assert "gzip" in str(e.value)

    # Bad arguments, an hour without messages.
    with pytest.raises(InvalidArgument) as e:
        client.download_history({"GzipSize": 1, "GzipMD5": "x"})
    assert "URL" in str(e.value)
    with pytest.raises(InvalidArgument):
        client.read_history("Private", hour)
    with pytest.raises(InvalidArgument):
        client.read_history("C2C", "2015123124")
    with pytest.raises(ApiError) as e:
        client.read_history("Group", hour)
    assert e.value.code == 1004

    # The address expires 12 hours after the answer.
    emu.advance_clock(12 * 3600 + 5)
    with pytest.raises(TransportError) as e:
        client.download_history(f)
    assert e.value.status == 403


def _list(client, emu):
    touch(emu, "alice", to="bob", MsgTime=10)
    assert first_page(client, "alice") == [("bob", 10, 0)]


def _delete(client, emu):
    touch(emu, "alice", to="bob", MsgTime=10)
    client.conversations.delete(from_account="alice", type=1, to_account="bob", clear_ramble=1)
    assert first_page(client, "alice") == []


def _create_group(client, emu):
    r = client.conversations.create_group(from_account="alice", group_contact_item=[{"group_name": "a", "contact_item": [{"type": 1, "to_account": "bob"}]}])
    assert r.group_result_item[0].group_item.group_id == 1


def _update_group(client, emu):
    _create_group(client, emu)
    r = client.conversations.update_group(
        from_account="alice", update_type=1, update_group={"update_group_type": 1, "old_group_name": "a", "new_group_name": "b"}
    )
    assert r.update_group_result.group_name == "b"


def _delete_group(client, emu):
    _create_group(client, emu)
    assert client.conversations.delete_group(from_account="alice", group_name=["a"]).group_item[0].group_id == 1


def _mark(client, emu):
    r = client.conversations.mark(from_account="alice", mark_item=[{"opt_type": 2, "contact_item": {"type": 1, "to_account": "bob"}, "custom_mark": "x"}])
    assert r.result_item[0].result_code == 0


def _search_groups(client, emu):
    _create_group(client, emu)
    r = client.conversations.search_groups(from_account="alice", contact_item=[{"type": 1, "to_account": "bob"}])
    assert r.contact_result_item[0].contact_group_id == [1]


def _groups(client, emu):
    _create_group(client, emu)
    r = client.conversations.groups(from_account="alice")
    assert r.complete_flag == 1 and [i.group_name for i in r.group_item] == ["a"]


def _history_files(client, emu):
    with pytest.raises(ApiError) as e:
        client.operations.history_files(chat_type="Group", msg_time="2015120121")
    assert e.value.code == 1005


ENDPOINT_CASES = {
    "recentcontact/get_list": _list,
    "recentcontact/delete": _delete,
    "recentcontact/create_contact_group": _create_group,
    "recentcontact/update_contact_group": _update_group,
    "recentcontact/del_contact_group": _delete_group,
    "recentcontact/mark_contact": _mark,
    "recentcontact/search_contact_group": _search_groups,
    "recentcontact/get_contact_group": _groups,
    "open_msg_svc/get_history": _history_files,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_conversation_endpoint_case(path, client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
