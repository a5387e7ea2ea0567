"""Group messages end to end from Python: a Public group's text and custom messages with their
sequences, 1,000 messages imported (split by the library into calls of 7) and read back with
the history iterator, recall and modify, a muted member refused until the emulated clock passes
the mute, read receipts, message extensions with a conflicting Seq, and the documented codes."""

from __future__ import annotations

import pytest

from chatadmin import ApiError, InvalidArgument

MEMBERS = ["alice", "bob", "carol", "dave"]


def text(t):
    return [{"MsgType": "TIMTextElem", "MsgContent": {"Text": t}}]


def custom(data):
    return [{"MsgType": "TIMCustomElem", "MsgContent": {"Data": data, "Desc": "custom"}}]


def public_group(client, emu):
    emu.add_accounts(["owner", "stranger"] + MEMBERS)
    r = client.groups.create(
        type="Public", name="guild", owner_account="owner", member_list=[{"member_account": m} for m in MEMBERS]
    )
    return r.group_id


def body(record):
    return [e.to_dict() if hasattr(e, "to_dict") else e for e in record.msg_body]


def test_sends_history_of_a_thousand_recall_and_modify(client, emu):
    g = public_group(client, emu)
    created = emu.now()
    emu.advance_clock(5000)

    # 1,000 earlier messages imported with their times: one call, split into calls of 7.
    before = emu.hits("group_open_http_svc/import_group_msg")
    items = [
        {"from_account": MEMBERS[i % 4], "send_time": created + 1 + i, "msg_body": text(f"old {i}")} for i in range(1000)
    ]
    r = client.group_messages.import_(group_id=g, msg_list=items)
    assert emu.hits("group_open_http_svc/import_group_msg") - before == 143
    assert [x.msg_seq for x in r.import_msg_result] == list(range(1, 1001))
    assert {x.result for x in r.import_msg_result} == {0}
    assert r.import_msg_result[0].msg_time == created + 1

    # A text message from the admin and a custom one from a member; Random is fixed by the
    # library, so the repeat of the same request is discarded.
    r = client.group_messages.send(group_id=g, msg_body=text("welcome"))
    assert r.msg_seq == 1001 and r.msg_time == emu.now()
    r = client.group_messages.send(
        group_id=g, msg_body=custom('{"level": 3}'), from_account="alice", msg_priority="High", random=77
    )
    assert r.msg_seq == 1002
    again = client.group_messages.send(group_id=g, msg_body=custom('{"level": 3}'), from_account="alice", random=77)
    assert again.msg_seq == 1002, "same Random and content within five minutes"

    # Every message, newest first, through the history iterator (20 a page).
    before = emu.hits("group_open_http_svc/group_msg_get_simple")
    history = list(client.group_messages.iter_history(group_id=g, req_msg_number=20))
    assert [m.msg_seq for m in history] == list(range(1002, 0, -1))
    assert emu.hits("group_open_http_svc/group_msg_get_simple") - before == 51
    assert body(history[0]) == custom('{"level": 3}')
    assert history[0].from_account == "alice" and history[0].msg_priority == 1
    assert history[1].from_account == "administrator" and history[1].msg_priority == 2
    assert body(history[-1]) == text("old 0") and history[-1].msg_time_stamp == created + 1

    # Recall: one result per sequence.
    r = client.group_messages.recall(group_id=g, msg_seq_list=[{"msg_seq": 1001}, {"msg_seq": 5000}])
    assert [(x.msg_seq, x.ret_code) for x in r.recall_ret_list] == [(1001, 0), (5000, 10030)]
    page = client.group_messages.history(group_id=g, req_msg_number=3)
    assert [m.msg_seq for m in page.rsp_msg_list] == [1002, 1000, 999]
    page = client.group_messages.history(group_id=g, req_msg_number=2, with_recalled_msg=1)
    assert page.rsp_msg_list[1].is_place_msg == 2

    # Modify the custom message's body and data.
    client.group_messages.modify(group_id=g, msg_seq=1002, msg_body=text("edited"), cloud_custom_data="v2")
    m = client.group_messages.history(group_id=g, req_msg_number=1).rsp_msg_list[0]
    assert body(m) == text("edited") and m.cloud_custom_data == "v2"

    # The body's rules are checked before sending.
    with pytest.raises(InvalidArgument) as e:
        client.group_messages.send(group_id=g, msg_body=custom("a") + custom("b"))
    assert "MsgBody[1]" in str(e.value)
    with pytest.raises(InvalidArgument):
        client.group_messages.history(group_id=g, req_msg_number=21)


def test_a_muted_member_is_refused_until_the_clock_passes_the_mute(client, emu):
    g = public_group(client, emu)
    client.members.mute(group_id=g, members_account=["bob"], shut_up_time=120)
    with pytest.raises(ApiError) as e:
        client.group_messages.send(group_id=g, msg_body=text("hello?"), from_account="bob")
    assert e.value.code == 10017
    emu.advance_clock(119)
    with pytest.raises(ApiError) as e:
        client.group_messages.send(group_id=g, msg_body=text("now?"), from_account="bob")
    assert e.value.code == 10017
    emu.advance_clock(1)
    r = client.group_messages.send(group_id=g, msg_body=text("finally"), from_account="bob")
    assert r.msg_seq == 1, "the refused sends took no sequence"

    with pytest.raises(ApiError) as e:
        client.group_messages.send(group_id=g, msg_body=text("x"), from_account="stranger")
    assert e.value.code == 10007
    with pytest.raises(ApiError) as e:
        client.group_messages.send(group_id="@TGS#NOSUCHGRP", msg_body=text("x"))
    assert e.value.code == 10010


def test_receipts_and_extensions(client, emu):
    g = public_group(client, emu)
    seq = client.group_messages.send(
        group_id=g, msg_body=text("vote: pizza?"), from_account="alice", need_read_receipt=1, support_message_extension=1
    ).msg_seq

    # Bob and carol read it; owner and dave did not.
    client.group_messages.read_receipt(group_id=g, from_account="bob", msg_seq_list=[{"msg_seq": seq}])
    client.group_messages.read_receipt(group_id=g, from_account="carol", msg_seq_list=[{"msg_seq": seq}])
    r = client.group_messages.receipt_counts(group_id=g, msg_seq_list=[{"msg_seq": seq}])
    c = r.group_msg_receipt_list[0]
    assert (c.code, c.read_num, c.unread_num) == (0, 2, 2)
    unread = list(client.group_messages.iter_receipt_detail(group_id=g, msg_seq=seq, filter=1, count=1))
    assert [u.unread_account for u in unread] == ["owner", "dave"]
    read = client.group_messages.receipt_detail(group_id=g, msg_seq=seq, filter=0, count=10)
    assert [x.read_account for x in read.read_list] == ["bob", "carol"] and read.is_finish == 1

    # Extensions: first writes with Seq 0, then a stale Seq conflicts (23001).
    r = client.group_messages.set_extensions(
        group_id=g,
        msg_seq=seq,
        operate_type=1,
        extension_list=[{"key": "bob", "value": "yes", "seq": 0}, {"key": "carol", "value": "no", "seq": 0}],
    )
    assert [x.error_code for x in r.extension_list] == [0, 0]
    assert r.extension_list[0].extension.seq == 1
    client.group_messages.set_extensions(
        group_id=g, msg_seq=seq, operate_type=1, extension_list=[{"key": "carol", "value": "yes", "seq": 1}]
    )
    r = client.group_messages.set_extensions(
        group_id=g, msg_seq=seq, operate_type=1, extension_list=[{"key": "carol", "value": "maybe", "seq": 1}]
    )
    assert r.extension_list[0].error_code == 23001
    assert (r.extension_list[0].extension.value, r.extension_list[0].extension.seq) == ("yes", 2)
    got = client.group_messages.get_extensions(group_id=g, msg_seq=seq)
    assert {e.key: (e.value, e.seq) for e in got.extension_list} == {"bob": ("yes", 1), "carol": ("yes", 2)}
    assert got.complete_flag == 1 and got.latest_seq == 2

    with pytest.raises(ApiError) as e:
        client.group_messages.get_extensions(group_id=g, msg_seq=999)
    assert e.value.code == 23004
    with pytest.raises(InvalidArgument):
        client.group_messages.set_extensions(group_id=g, msg_seq=seq, operate_type=1)


# One case per endpoint of the area (see test_endpoints.py).


def _group(client, emu):
    return public_group(client, emu)


def _send(client, emu):
    g = _group(client, emu)
    assert client.group_messages.send(group_id=g, msg_body=text("hi"), from_account="alice").msg_seq == 1


def _notify(client, emu):
    g = _group(client, emu)
    client.group_messages.send_notification(group_id=g, content="raid", to_members_account=["bob"])
    notes = emu.state()["groups"][g]["Messages"]["Notifications"]
    assert notes[0]["To"] == ["bob"] and notes[0]["Content"] == "raid"


def _broadcast(client, emu):
    client.groups.create(type="AVChatRoom", name="live")
    assert client.group_messages.broadcast(msg_body=text("maintenance")).msg_seq == 1


def _import(client, emu):
    g = _group(client, emu)
    t = emu.now()
    emu.advance_clock(100)
    r = client.group_messages.import_(group_id=g, msg_list=[{"from_account": "bob", "send_time": t + 1, "msg_body": text("x")}])
    assert r.import_msg_result[0].msg_seq == 1


def _history(client, emu):
    g = _group(client, emu)
    client.group_messages.send(group_id=g, msg_body=text("one"))
    assert body(client.group_messages.history(group_id=g, req_msg_number=5).rsp_msg_list[0]) == text("one")


def _recall(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("oops")).msg_seq
    r = client.group_messages.recall(group_id=g, msg_seq_list=[{"msg_seq": seq}])
    assert r.recall_ret_list[0].ret_code == 0


def _modify(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("v1")).msg_seq
    client.group_messages.modify(group_id=g, msg_seq=seq, msg_body=text("v2"))
    assert body(client.group_messages.history(group_id=g, req_msg_number=1).rsp_msg_list[0]) == text("v2")


def _delete_by_sender(client, emu):
    g = _group(client, emu)
    client.group_messages.send(group_id=g, msg_body=text("spam"), from_account="dave")
    client.group_messages.send(group_id=g, msg_body=text("fine"), from_account="alice")
    client.group_messages.delete_by_sender(group_id=g, sender_account="dave")
    page = client.group_messages.history(group_id=g, req_msg_number=5)
    assert [m.from_account for m in page.rsp_msg_list] == ["alice"]


def _clear(client, emu):
    g = _group(client, emu)
    client.group_messages.send(group_id=g, msg_body=text("old"))
    client.group_messages.clear(group_id=g)
    assert emu.state()["groups"][g]["Messages"]["ClearedUpTo"] == 1


def _read_receipt(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("r"), need_read_receipt=1).msg_seq
    client.group_messages.read_receipt(group_id=g, from_account="bob", msg_seq_list=[{"msg_seq": seq}])
    assert client.group_messages.receipt_counts(group_id=g, msg_seq_list=[{"msg_seq": seq}]).group_msg_receipt_list[0].read_num == 1


def _receipt_counts(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("r")).msg_seq
    r = client.group_messages.receipt_counts(group_id=g, msg_seq_list=[{"msg_seq": seq}])
    assert r.group_msg_receipt_list[0].code == 10062, "sent without NeedReadReceipt"


def _receipt_detail(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("r"), need_read_receipt=1).msg_seq
    r = client.group_messages.receipt_detail(group_id=g, msg_seq=seq, filter=1, count=200)
    assert len(r.unread_list) == 5 and r.is_finish == 1


def _get_extensions(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("e"), support_message_extension=1).msg_seq
    assert client.group_messages.get_extensions(group_id=g, msg_seq=seq).extension_list == []


def _set_extensions(client, emu):
    g = _group(client, emu)
    seq = client.group_messages.send(group_id=g, msg_body=text("e"), support_message_extension=1).msg_seq
    r = client.group_messages.set_extensions(group_id=g, msg_seq=seq, operate_type=1, extension_list=[{"key": "k", "value": "v"}])
    assert r.extension_list[0].error_code == 0


ENDPOINT_CASES = {
    "group_open_http_svc/send_group_msg": _send,
    "group_open_http_svc/send_group_system_notification": _notify,
    "group_open_http_svc/send_broadcast_msg": _broadcast,
    "group_open_http_svc/import_group_msg": _import,
    "group_open_http_svc/group_msg_get_simple": _history,
    "group_open_http_svc/group_msg_recall": _recall,
    "openim/modify_group_msg": _modify,
    "group_open_http_svc/delete_group_msg_by_sender": _delete_by_sender,
    "group_open_http_svc/clear_group_msg": _clear,
    "group_open_http_svc/group_msg_receipt": _read_receipt,
    "group_open_http_svc/get_group_msg_receipt": _receipt_counts,
    "group_open_http_svc/get_group_msg_receipt_detail": _receipt_detail,
    "openim_msg_ext_http_svc/group_get_key_values": _get_extensions,
    "openim_msg_ext_http_svc/group_set_key_values": _set_extensions,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_endpoint_case(path, client, emu):
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
