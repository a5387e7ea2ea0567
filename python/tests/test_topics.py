"""Community topics from Python: a topic-enabled community creates topics with assigned and
custom IDs, reads them all or by ID, changes one, destroys one and imports one with its
creation time; a group without topics is refused with the documented codes."""

from __future__ import annotations

import pytest

import chatadmin


@pytest.fixture
def community(client):
    client.accounts.import_many(accounts=["alice", "bob"])
    r = client.groups.create(
        type="Community",
        name="guild",
        owner_account="alice",
        member_list=[{"member_account": "bob"}],
        support_topic=1,
    )
    return r.group_id


def test_topics_lifecycle(client, community):
    g = community
    general = client.topics.create(group_id=g, topic_name="general", from_account="bob", notification="be nice").topic_id
    assert general.startswith(g + "@TOPIC#_@TOPIC#"), general
    news = client.topics.create(group_id=g, topic_id=g + "@TOPIC#_news", topic_name="news").topic_id
    assert news == g + "@TOPIC#_news"

    with pytest.raises(chatadmin.ApiError) as e:
        client.topics.create(group_id=g, topic_id=news, topic_name="again")
    assert e.value.code == 10025
    with pytest.raises(chatadmin.InvalidArgument) as e:
        client.topics.create(group_id=g, topic_id="news", topic_name="x")
    assert e.value.field == "TopicId"
    with pytest.raises(chatadmin.InvalidArgument) as e:
        client.topics.create(group_id=g, topic_name="n" * 31)
    assert e.value.field == "TopicName"

    r = client.topics.get(group_id=g, from_account="bob")
    assert sorted(t.topic_info.topic_id for t in r.topic_and_self_info) == sorted([general, news])
    for t in r.topic_and_self_info:
        assert t.error_code == 0
        assert t.self_info.msg_flag == "AcceptAndNotify"
        assert t.topic_info.mute_all_member == "Off"

    missing = g + "@TOPIC#_gone"
    r = client.topics.get(group_id=g, from_account="alice", topic_id_list=[news, missing])
    assert [t.error_code for t in r.topic_and_self_info] == [0, 110003]
    assert r.topic_and_self_info[0].topic_info.topic_name == "news"

    r = client.topics.get(group_id=g, from_account="alice", topic_id_list=[general], response_filter=["Notification"])
    info = r.topic_and_self_info[0].topic_info
    assert info.notification == "be nice"
    assert not hasattr(info, "topic_name"), "left out by the filter"

    client.topics.modify(group_id=g, topic_id=general, topic_name="lobby", mute_all_member="On")
    info = client.topics.get(group_id=g, from_account="alice", topic_id_list=[general]).topic_and_self_info[0].topic_info
    assert (info.topic_name, info.mute_all_member, info.notification) == ("lobby", "On", "be nice")
    with pytest.raises(chatadmin.ApiError) as e:
        client.topics.modify(group_id=g, topic_id=missing, topic_name="x")
    assert e.value.code == 10010

    r = client.topics.destroy(group_id=g, topic_id_list=[news, missing])
    assert [(i.topic_id, i.error_code) for i in r.destroy_result_item] == [(news, 0), (missing, 110003)]
    r = client.topics.get(group_id=g, from_account="alice")
    assert [t.topic_info.topic_id for t in r.topic_and_self_info] == [general]


def test_import_keeps_create_time(client, community):
    g = community
    tid = client.topics.import_(group_id=g, topic_name="archive", create_time=1448357837, type="Community").topic_id
    info = client.topics.get(group_id=g, from_account="alice", topic_id_list=[tid]).topic_and_self_info[0].topic_info
    assert info.create_time == 1448357837
    custom = g + "@TOPIC#_history"
    assert client.topics.import_(group_id=g, topic_id=custom, topic_name="history").topic_id == custom
    with pytest.raises(chatadmin.ApiError) as e:
        client.topics.import_(group_id=g, topic_id=custom, topic_name="history")
    assert e.value.code == 10021


def test_groups_without_topics(client):
    plain = client.groups.create(type="Community", name="plain").group_id
    public = client.groups.create(type="Public", name="pub").group_id
    for group_id, code in [(plain, 11000), (public, 10007), ("@TGS#_missing", 10010)]:
        with pytest.raises(chatadmin.ApiError) as e:
            client.topics.create(group_id=group_id, topic_name="t")
        assert e.value.code == code
        with pytest.raises(chatadmin.ApiError) as e:
            client.topics.get(group_id=group_id, from_account="alice")
        assert e.value.code == code


# One case per endpoint of the area (see test_endpoints.py).


def _community(client):
    client.accounts.import_many(accounts=["alice"])
    return client.groups.create(type="Community", name="guild", owner_account="alice", support_topic=1).group_id


def _create(client, emu):
    g = _community(client)
    tid = client.topics.create(group_id=g, topic_name="general").topic_id
    assert tid.startswith(g + "@TOPIC#_")


def _get(client, emu):
    g = _community(client)
    tid = client.topics.create(group_id=g, topic_name="general").topic_id
    r = client.topics.get(group_id=g, from_account="alice", topic_id_list=[tid])
    assert r.topic_and_self_info[0].topic_info.topic_name == "general"


def _modify(client, emu):
    g = _community(client)
    tid = client.topics.create(group_id=g, topic_name="general").topic_id
    client.topics.modify(group_id=g, topic_id=tid, introduction="hello")
    r = client.topics.get(group_id=g, from_account="alice", topic_id_list=[tid])
    assert r.topic_and_self_info[0].topic_info.introduction == "hello"


def _destroy(client, emu):
    g = _community(client)
    tid = client.topics.create(group_id=g, topic_name="general").topic_id
    r = client.topics.destroy(group_id=g, topic_id_list=[tid])
    assert [(i.topic_id, i.error_code) for i in r.destroy_result_item] == [(tid, 0)]


def _import(client, emu):
    g = _community(client)
    tid = client.topics.import_(group_id=g, topic_name="old", create_time=1448357837).topic_id
    r = client.topics.get(group_id=g, from_account="alice", topic_id_list=[tid])
    assert r.topic_and_self_info[0].topic_info.create_time == 1448357837


ENDPOINT_CASES = {
    "million_group_open_http_svc/create_topic": _create,
    "million_group_open_http_svc/get_topic": _get,
    "million_group_open_http_svc/modify_topic": _modify,
    "million_group_open_http_svc/destroy_topic": _destroy,
    "group_open_http_svc/import_topic": _import,
}


@pytest.mark.parametrize("path", sorted(ENDPOINT_CASES))
def test_endpoint_case(path, client, emu):
    ENDPOINT_CASES[path](client, emu)
    assert emu.hits(path) >= 1
