"""Group counters from Python: set, increase and decrease answer the new values; get reads
some keys or all; delete removes some keys or all; the caps and group types are refused."""

from __future__ import annotations

import pytest

import chatadmin


def counters(items):
    return [(c.key, c.value) for c in items]


def test_set_increase_decrease_get_delete(client):
    g = client.groups.create(type="AVChatRoom", name="live").group_id
    r = client.group_counters.update(group_id=g, group_counter=[{"key": "like", "value": 5}, {"key": "unlike", "value": 1}], mode="Set")
    assert counters(r.group_counter) == [("like", 5), ("unlike", 1)]
    r = client.group_counters.update(group_id=g, group_counter=[{"key": "like", "value": 3}, {"key": "gifts", "value": 10}], mode="Increase")
    assert counters(r.group_counter) == [("like", 8), ("gifts", 10)]
    r = client.group_counters.update(group_id=g, group_counter=[{"key": "unlike", "value": 4}], mode="Decrease")
    assert counters(r.group_counter) == [("unlike", -3)]

    r = client.group_counters.get(group_id=g, group_counter_keys=["gifts", "nope", "like"])
    assert counters(r.group_counter) == [("gifts", 10), ("like", 8)]
    r = client.group_counters.get(group_id=g)
    assert dict(counters(r.group_counter)) == {"gifts": 10, "like": 8, "unlike": -3}

    client.group_counters.delete(group_id=g, group_counter_keys=["unlike"])
    assert sorted(dict(counters(client.group_counters.get(group_id=g).group_counter))) == ["gifts", "like"]
    client.group_counters.delete(group_id=g)
    assert counters(client.group_counters.get(group_id=g).group_counter) == []


def test_limits(client, emu):
    g = client.groups.create(type="Public", name="caps").group_id
    many = [{"key": f"c{i:02}", "value": 1} for i in range(21)]
    with pytest.raises(chatadmin.InvalidArgument) as e:
        client.group_counters.update(group_id=g, group_counter=many, mode="Set")
    assert e.value.field == "GroupCounter"
    with pytest.raises(chatadmin.InvalidArgument) as e:
        client.group_counters.update(group_id=g, group_counter=[{"key": "k" * 129, "value": 1}], mode="Set")
    assert e.value.field == "GroupCounter[0].Key"
    assert emu.hits("group_open_http_svc/update_group_counter") == 0

    client.group_counters.update(group_id=g, group_counter=many[:20], mode="Set")
    with pytest.raises(chatadmin.ApiError) as e:
        client.group_counters.update(group_id=g, group_counter=[{"key": "one_more", "value": 1}], mode="Increase")
    assert e.value.code == 10063
    assert len(client.group_counters.get(group_id=g).group_counter) == 20

    top = 2**63 - 1
    client.group_counters.update(group_id=g, group_counter=[{"key": "c00", "value": top}], mode="Set")
    with pytest.raises(chatadmin.ApiError) as e:
        client.group_counters.update(group_id=g, group_counter=[{"key": "c00", "value": 1}], mode="Increase")
    assert e.value.code == 10004
    assert client.group_counters.get(group_id=g, group_counter_keys=["c00"]).group_counter[0].value == top

    community = client.groups.create(type="Community", name="guild").group_id
    with pytest.raises(chatadmin.ApiError) as e:
        client.group_counters.get(group_id=community)
    assert e.value.code == 10007


# One case per endpoint of the area (see test_endpoints.py).


def _live_group(client):
    return client.groups.create(type="AVChatRoom", name="live").group_id


def _update(client, emu):
    g = _live_group(client)
    r = client.group_counters.update(group_id=g, group_counter=[{"key": "like", "value": 2}], mode="Increase")
    assert counters(r.group_counter) == [("like", 2)]


def _get(client, emu):
    g = _live_group(client)
    client.group_counters.update(group_id=g, group_counter=[{"key": "like", "value": 7}], mode="Set")
    assert counters(client.group_counters.get(group_id=g, group_counter_keys=["like"]).group_counter) == [("like", 7)]


def _delete(client, emu):
    g = _live_group(client)
    client.group_counters.update(group_id=g, group_counter=[{"key": "like", "value": 7}], mode="Set")
    client.group_counters.delete(group_id=g, group_counter_keys=["like"])
    assert counters(client.group_counters.get(group_id=g).group_counter) == []


ENDPOINT_CASES = {
    "group_open_http_svc/get_group_counter": _get,
    "group_open_http_svc/update_group_counter": _update,
    "group_open_http_svc/delete_group_counter": _delete,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_endpoint_case(path, client, emu):
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
