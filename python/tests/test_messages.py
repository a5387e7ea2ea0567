"""One-to-one messages end to end from Python: sends built with ``chatadmin.msg``, a retry that
is deduplicated, the whole history walked without cursors, recall and modification, unread
counts and reads, batch sends with per-recipient errors merged over split calls, imports,
one-sided deletion and message extensions with their sequence rule."""

from __future__ import annotations

import pytest

import chatadmin
import chatadmin.testing
from chatadmin import ApiError, InvalidArgument


def body_text(m):
    return m.msg_body[0]["MsgContent"]["Text"]


def test_msg_elements_are_wire_form():
    assert chatadmin.msg.text("hi") == {"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}
    assert chatadmin.msg.custom("{}", desc="d") == {
        "MsgType": "TIMCustomElem",
        "MsgContent": {"Data": "{}", "Desc": "d"},
    }
    assert chatadmin.msg.face(3)["MsgContent"] == {"Index": 3}
    loc = chatadmin.msg.location("here", 1.5, 2)
    assert loc["MsgContent"] == {"Desc": "here", "Latitude": 1.5, "Longitude": 2.0}
    with pytest.raises(TypeError):
        chatadmin.msg.text(3)


def test_send_history_recall_modify(client, emu):
    client.accounts.import_many(accounts=["alice", "bob"])
    start = emu.now()
    r = client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("hi")])
    seq, random, time = r.msg_key.split("_")
    assert int(time) == r.msg_time and start <= r.msg_time <= start + 1
    # A repeat with the same MsgRandom within a second is the same message.
    again = client.messages.send(
        from_account="alice", to_account="bob", msg_random=int(random), msg_seq=int(seq),
        msg_body=[chatadmin.msg.text("hi")],
    )
    assert again.msg_key == r.msg_key

    # Twelve more, a second apart, alternating senders; walk them 5 at a time.
    for i in range(12):
        emu.advance_clock(1)
        a, b = ("alice", "bob") if i % 2 else ("bob", "alice")
        client.messages.send(from_account=a, to_account=b, msg_body=[chatadmin.msg.text(f"m{i}")])
    before = emu.hits("openim/admin_getroammsg")
    msgs = list(
        client.messages.iter_history(
            operator_account="bob", peer_account="alice", max_cnt=5, min_time=start, max_time=start + 100
        )
    )
    assert emu.hits("openim/admin_getroammsg") - before == 3
    # Pages go back in time; each page is oldest first.
    assert [body_text(m) for m in msgs] == [f"m{i}" for i in range(7, 12)] + [f"m{i}" for i in range(2, 7)] + [
        "hi", "m0", "m1",
    ]
    assert len({m.msg_key for m in msgs}) == 13

    # Modify, then recall; history shows both.
    key = r.msg_key
    client.messages.modify(from_account="alice", to_account="bob", msg_key=key, msg_body=[chatadmin.msg.custom("x", desc="d")])
    client.messages.recall(from_account="alice", to_account="bob", msg_key=key)
    with pytest.raises(ApiError) as e:
        client.messages.recall(from_account="alice", to_account="bob", msg_key=key)
    assert e.value.code == 20023
    page = client.messages.history(operator_account="alice", peer_account="bob", max_cnt=1, min_time=start, max_time=start)
    (m,) = page.msg_list
    assert m.msg_flag_bits == 8 and m.msg_body[0]["MsgType"] == "TIMCustomElem"

    with pytest.raises(ApiError) as e:
        client.messages.send(from_account="alice", to_account="ghost", msg_body=[chatadmin.msg.text("x")])
    assert e.value.code == 90012
    # Bad bodies never leave the client.
    with pytest.raises(InvalidArgument, match="MsgBody"):
        client.messages.send(to_account="bob", msg_body=[])
    with pytest.raises(InvalidArgument, match="MsgBody"):
        client.messages.send(to_account="bob", msg_body=[chatadmin.msg.custom("a"), chatadmin.msg.custom("b")])


def test_unread_read_and_receipts(client, emu):
    client.accounts.import_many(accounts=["alice", "bob", "carol"])
    keys = []
    for i in range(3):
        keys.append(client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text(str(i))]))
        emu.advance_clock(10)
    client.messages.send(from_account="carol", to_account="bob", msg_body=[chatadmin.msg.text("c")], send_msg_control=["NoUnread"])
    assert client.messages.unread(to_account="bob").all_c2c_unread_msg_num == 3
    r = client.messages.unread(to_account="bob", peer_account=["alice", "ghost"])
    assert [(c.peer_account, c.c2c_unread_msg_num) for c in r.c2c_unread_msg_num_list] == [("alice", 3)]
    assert [(e.peer_account, e.error_code) for e in r.error_list] == [("ghost", 70107)]
    client.messages.mark_read(report_account="bob", peer_account="alice", msg_read_time=str(keys[1].msg_time))
    assert client.messages.unread(to_account="bob").all_c2c_unread_msg_num == 1
    client.messages.mark_read(report_account="bob", peer_account="alice")
    assert client.messages.unread(to_account="bob").all_c2c_unread_msg_num == 0

    client.messages.read_receipt(
        operator_account="bob", peer_account="alice",
        c2c_msg_info=[{"from_account": "alice", "to_account": "bob", "msg_key": keys[0].msg_key}],
    )
    page = client.messages.history(operator_account="alice", peer_account="bob", max_cnt=10, min_time=0, max_time=emu.now())
    assert [m.is_peer_read for m in page.msg_list] == [1, 0, 0]
    with pytest.raises(InvalidArgument, match="Peer_Account"):
        client.messages.unread(to_account="bob", peer_account=[f"p{i}" for i in range(11)])


def test_batch_send_split_and_merged(client, emu):
    people = [f"u{i:03}" for i in range(600)]
    client.accounts.import_many(accounts=["dave"] + people[:299])
    client.accounts.import_many(accounts=people[300:])
    before = emu.hits("openim/batchsendmsg")
    r = client.messages.send_batch(from_account="dave", to_account=people, msg_body=[chatadmin.msg.text("news")])
    # 600 recipients: two requests of at most 500, the per-recipient errors merged.
    assert emu.hits("openim/batchsendmsg") - before == 2
    assert [(e.to_account, e.error_code) for e in r.error_list] == [("u299", 70107)]
    assert r.msg_key
    page = client.messages.history(operator_account="u599", peer_account="dave", max_cnt=10, min_time=0, max_time=emu.now())
    assert [body_text(m) for m in page.msg_list] == ["news"]
    with pytest.raises(ApiError) as e:
        client.messages.send_batch(from_account="dave", to_account=["ghost"], msg_body=[chatadmin.msg.text("x")])
    assert e.value.code == 90012


def test_lost_answers_are_reconciled_not_resent():
    # The service applies each send and the answer is lost (a timeout after the effect): the
    # client finds the message in the recipient's history instead of sending it again. A fresh
    # emulator: the lookup reads the history around this machine's clock, and other tests move
    # the shared emulator's clock forward.
    with chatadmin.testing.Emulator(1_400_000_077, "reconcile-key-0123456789abcdef") as emu:
        lost_answers_scenario(emu)


def lost_answers_scenario(emu):
    client = emu.client(retries=2)
    client.accounts.import_many(accounts=["alice", "bob", "carol"])
    keys = set()
    for i in range(5):
        emu.inject_fault("openim/sendmsg", drop_after_effect=True)
        keys.add(client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text(f"m{i}")]).msg_key)
    emu.inject_fault("openim/batchsendmsg", drop_after_effect=True)
    r = client.messages.send_batch(from_account="alice", to_account=["bob", "carol"], msg_body=[chatadmin.msg.text("all")])
    assert getattr(r, "error_list", []) == []
    assert emu.hits("openim/sendmsg") == 5 and emu.hits("openim/batchsendmsg") == 1
    seen = list(client.messages.iter_history(operator_account="bob", peer_account="alice", max_cnt=100, min_time=0, max_time=emu.now() + 10))
    assert sorted(body_text(m) for m in seen) == ["all"] + [f"m{i}" for i in range(5)]
    assert keys <= {m.msg_key for m in seen}
    with pytest.raises(chatadmin.testing.EmulatorError, match="drop_after_effect"):
        emu._control("fault", {"path": "openim/sendmsg", "drop_after_effect": 1})


def test_import_and_delete_for_one(client, emu):
    client.accounts.import_many(accounts=["a", "b"])
    for sync in (2, 5):
        client.messages.import_(
            sync_from_old_system=sync, from_account="a", to_account="b", msg_seq=sync, msg_random=sync,
            msg_time_stamp=1_556_178_700 + sync, msg_body=[chatadmin.msg.text(f"old{sync}")],
        )
    # Imported again: a duplicate, nothing new.
    client.messages.import_(
        sync_from_old_system=5, from_account="a", to_account="b", msg_seq=5, msg_random=5,
        msg_time_stamp=1_556_178_705, msg_body=[chatadmin.msg.text("dup")],
    )
    page = client.messages.history(operator_account="b", peer_account="a", max_cnt=10, min_time=0, max_time=emu.now())
    assert [body_text(m) for m in page.msg_list] == ["old2", "old5"]
    assert page.msg_list[0].msg_key == "2_2_1556178702"
    assert client.messages.unread(to_account="b").all_c2c_unread_msg_num == 1

    r = client.messages.delete_for_one(operator_account="b", peer_account="a", msg_key_list=[page.msg_list[0].msg_key, "9_9_9"])
    assert r.invalid_msg_key_list == ["9_9_9"]
    mine = client.messages.history(operator_account="b", peer_account="a", max_cnt=10, min_time=0, max_time=emu.now())
    theirs = client.messages.history(operator_account="a", peer_account="b", max_cnt=10, min_time=0, max_time=emu.now())
    assert len(mine.msg_list) == 1 and len(theirs.msg_list) == 2


def test_extensions_and_seq_conflicts(client, emu):
    client.accounts.import_many(accounts=["a", "b"])
    key = client.messages.send(
        from_account="a", to_account="b", msg_body=[chatadmin.msg.text("vote")], support_message_extension=1
    ).msg_key
    r = client.messages.set_extensions(
        from_account="a", to_account="b", msg_key=key, operate_type=1,
        extension_list=[{"key": "yes", "value": "1", "seq": 0}, {"key": "no", "value": "0", "seq": 0}],
    )
    assert [(x.error_code, x.extension.seq) for x in r.extension_list] == [(0, 1), (0, 1)]
    # Someone else's stale write conflicts.
    r = client.messages.set_extensions(
        from_account="a", to_account="b", msg_key=key, operate_type=1,
        extension_list=[{"key": "yes", "value": "2", "seq": 0}],
    )
    assert r.extension_list[0].error_code == 23001
    assert r.extension_list[0].extension.value == "1"
    got = client.messages.get_extensions(from_account="a", to_account="b", msg_key=key)
    assert got.latest_seq == 1 and {e.key: e.value for e in got.extension_list} == {"yes": "1", "no": "0"}
    with pytest.raises(InvalidArgument, match="Key"):
        client.messages.set_extensions(
            from_account="a", to_account="b", msg_key=key, operate_type=1,
            extension_list=[{"key": "k" * 101, "value": "v"}],
        )
    plain = client.messages.send(from_account="a", to_account="b", msg_body=[chatadmin.msg.text("plain")]).msg_key
    with pytest.raises(ApiError) as e:
        client.messages.set_extensions(from_account="a", to_account="b", msg_key=plain, operate_type=3)
    assert e.value.code == 23002


# One case per endpoint (test_endpoints checks every endpoint has one).


def _send(client, emu):
    r = client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("hi")])
    assert r.msg_key.endswith(f"_{r.msg_time}")


def _send_batch(client, emu):
    r = client.messages.send_batch(to_account=["bob", "carol"], msg_body=[chatadmin.msg.face(1)])
    # Everyone reached: the service leaves ErrorList out.
    assert r.msg_key and "ErrorList" not in r


def _import(client, emu):
    client.messages.import_(
        sync_from_old_system=2, from_account="alice", to_account="bob", msg_time_stamp=1_600_000_000,
        msg_body=[chatadmin.msg.location("here", 1.0, 2.0)],
    )
    page = client.messages.history(operator_account="bob", peer_account="alice", max_cnt=5, min_time=0, max_time=2_000_000_000)
    assert page.msg_list[0].msg_time_stamp == 1_600_000_000


def _history(client, emu):
    client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("h")])
    page = client.messages.history(operator_account="alice", peer_account="bob", max_cnt=5, min_time=0, max_time=emu.now())
    assert page.complete == 1 and page.msg_cnt == 1


def _recall(client, emu):
    key = client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("r")]).msg_key
    client.messages.recall(from_account="alice", to_account="bob", msg_key=key)


def _mark_read(client, emu):
    client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("r")])
    client.messages.mark_read(report_account="bob", peer_account="alice")
    assert client.messages.unread(to_account="bob").all_c2c_unread_msg_num == 0


def _unread(client, emu):
    client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("u")])
    assert client.messages.unread(to_account="bob", peer_account=["alice"]).c2c_unread_msg_num_list[0].c2c_unread_msg_num == 1


def _modify(client, emu):
    key = client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("m")]).msg_key
    client.messages.modify(from_account="alice", to_account="bob", msg_key=key, cloud_custom_data="x")


def _delete_for_one(client, emu):
    key = client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("d")]).msg_key
    r = client.messages.delete_for_one(operator_account="alice", peer_account="bob", msg_key_list=[key])
    assert "InvalidMsgKeyList" not in r
    assert client.messages.history(operator_account="alice", peer_account="bob", max_cnt=5, min_time=0, max_time=emu.now()).msg_cnt == 0


def _read_receipt(client, emu):
    key = client.messages.send(from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("d")]).msg_key
    client.messages.read_receipt(
        operator_account="bob", peer_account="alice", c2c_msg_info=[{"from_account": "alice", "to_account": "bob", "msg_key": key}]
    )


def _ext_message(client):
    return client.messages.send(
        from_account="alice", to_account="bob", msg_body=[chatadmin.msg.text("e")], support_message_extension=1
    ).msg_key


def _get_extensions(client, emu):
    key = _ext_message(client)
    assert client.messages.get_extensions(from_account="alice", to_account="bob", msg_key=key).complete_flag == 1


def _set_extensions(client, emu):
    key = _ext_message(client)
    r = client.messages.set_extensions(
        from_account="alice", to_account="bob", msg_key=key, operate_type=1, extension_list=[{"key": "k", "value": "v"}]
    )
    assert r.extension_list[0].error_code == 0


ENDPOINT_CASES = {
    "openim/sendmsg": _send,
    "openim/batchsendmsg": _send_batch,
    "openim/importmsg": _import,
    "openim/admin_getroammsg": _history,
    "openim/admin_msgwithdraw": _recall,
    "openim/admin_set_msg_read": _mark_read,
    "openim/get_c2c_unread_msg_num": _unread,
    "openim/modify_c2c_msg": _modify,
    "openim/delete_c2c_msg_ramble": _delete_for_one,
    "openim/c2c_msg_read_receipt": _read_receipt,
    "openim_msg_ext_http_svc/get_key_values": _get_extensions,
    "openim_msg_ext_http_svc/set_key_values": _set_extensions,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_message_endpoint_case(path, client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
