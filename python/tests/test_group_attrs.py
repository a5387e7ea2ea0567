"""Group custom attributes from Python: set replaces, modify merges, delete and clear remove;
caps broken by one request are refused before sending (naming the field), caps the group
would break are answered by the service with their codes."""

from __future__ import annotations

import pytest

import chatadmin


def attrs(client, group_id):
    r = client.group_attrs.get(group_id=group_id)
    return {a.key: a.value for a in r.group_attr_ary}


def pairs(d):
    return [{"key": k, "value": v} for k, v in d.items()]


def test_set_modify_delete_clear(emu):
    # Six writes to one group: past the documented 5 a second (10049), which the client waits
    # out and retries as it would against the service.
    client = emu.client()
    g = client.groups.create(type="AVChatRoom", name="seats").group_id
    assert attrs(client, g) == {}

    client.group_attrs.set(group_id=g, group_attr=pairs({"seat1": "alice", "seat2": "bob"}))
    assert attrs(client, g) == {"seat1": "alice", "seat2": "bob"}
    client.group_attrs.set(group_id=g, group_attr=pairs({"mode": "karaoke"}))
    assert attrs(client, g) == {"mode": "karaoke"}, "set replaces the whole set"

    client.group_attrs.modify(group_id=g, group_attr=pairs({"seat1": "carol", "mode": "talk"}))
    assert attrs(client, g) == {"mode": "talk", "seat1": "carol"}, "modify keeps the others"

    with pytest.raises(chatadmin.ApiError) as e:
        client.group_attrs.delete(group_id=g, group_attr=[{"key": "seat1"}, {"key": "seat9"}])
    assert e.value.code == 10050
    assert attrs(client, g) == {"mode": "talk", "seat1": "carol"}, "a refused delete removes nothing"
    client.group_attrs.delete(group_id=g, group_attr=[{"key": "seat1"}])
    assert attrs(client, g) == {"mode": "talk"}

    client.group_attrs.clear(group_id=g)
    assert attrs(client, g) == {}

    with pytest.raises(chatadmin.ApiError) as e:
        client.group_attrs.get(group_id="@TGS#missing")
    assert e.value.code == 10010


def test_communities_cannot_be_cleared(client):
    g = client.groups.create(type="Community", name="guild").group_id
    client.group_attrs.modify(group_id=g, group_attr=pairs({"k": "v"}))
    with pytest.raises(chatadmin.ApiError) as e:
        client.group_attrs.clear(group_id=g)
    assert e.value.code == 10007
    assert attrs(client, g) == {"k": "v"}


def test_caps(client, emu):
    g = client.groups.create(type="Public", name="caps").group_id

    # Broken by the request itself: refused before sending, naming the field.
    cases = [
        ({"k" * 33: "v"}, "GroupAttr[0].key"),
        ({"big": "v" * 4001}, "GroupAttr[0].value"),
        ({f"key{i:02}": "x" for i in range(17)}, "GroupAttr"),
        ({f"v{i}": "v" * 4000 for i in range(5)}, "GroupAttr"),
    ]
    for attrs_, field in cases:
        with pytest.raises(chatadmin.InvalidArgument) as e:
            client.group_attrs.set(group_id=g, group_attr=pairs(attrs_))
        assert e.value.field == field, str(e.value)
    assert emu.hits("group_open_http_svc/set_group_attr") == 0, "nothing was sent"

    # At the bounds: accepted.
    client.group_attrs.set(group_id=g, group_attr=pairs({"k" * 32: "v" * 4000}))

    # Broken by what the group already has: the service's codes, nothing changed.
    client.group_attrs.set(group_id=g, group_attr=pairs({f"key{i:02}": "x" for i in range(16)}))
    with pytest.raises(chatadmin.ApiError) as e:
        client.group_attrs.modify(group_id=g, group_attr=pairs({"one_more": "x"}))
    assert e.value.code == 10047
    assert len(attrs(client, g)) == 16

    client.group_attrs.set(group_id=g, group_attr=pairs({f"v{i}": "v" * 4000 for i in range(4)}))
    with pytest.raises(chatadmin.ApiError) as e:
        client.group_attrs.modify(group_id=g, group_attr=pairs({"x": "1"}))
    assert e.value.code == 10048
    assert sum(len(v) for v in attrs(client, g).values()) == 16000
    # The state the emulator shows agrees.
    group = emu.state()["groups"][g]
    assert sorted(group["Attrs"]) == ["v0", "v1", "v2", "v3"]


# One case per endpoint of the area; test_endpoints.py checks that every endpoint core defines
# has one (here or in its area's test module, as ENDPOINT_CASES).


def _live_group(client):
    return client.groups.create(type="AVChatRoom", name="seats").group_id


def _get(client, emu):
    g = _live_group(client)
    assert client.group_attrs.get(group_id=g).group_attr_ary == []


def _set(client, emu):
    g = _live_group(client)
    client.group_attrs.set(group_id=g, group_attr=pairs({"seat1": "alice"}))
    assert attrs(client, g) == {"seat1": "alice"}


def _modify(client, emu):
    g = _live_group(client)
    client.group_attrs.modify(group_id=g, group_attr=pairs({"seat1": "bob"}))
    client.group_attrs.modify(group_id=g, group_attr=pairs({"seat2": "carol"}))
    assert attrs(client, g) == {"seat1": "bob", "seat2": "carol"}


def _delete(client, emu):
    g = _live_group(client)
    client.group_attrs.set(group_id=g, group_attr=pairs({"a": "1", "b": "2"}))
    client.group_attrs.delete(group_id=g, group_attr=[{"key": "a"}])
    assert attrs(client, g) == {"b": "2"}


def _clear(client, emu):
    g = _live_group(client)
    client.group_attrs.set(group_id=g, group_attr=pairs({"a": "1"}))
    client.group_attrs.clear(group_id=g)
    assert attrs(client, g) == {}


ENDPOINT_CASES = {
    "group_open_attr_http_svc/get_group_attr": _get,
    "group_open_http_svc/set_group_attr": _set,
    "group_open_http_svc/modify_group_attr": _modify,
    "group_open_http_svc/delete_group_attr": _delete,
    "group_open_http_svc/clear_group_attr": _clear,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_endpoint_case(path, client, emu):
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
