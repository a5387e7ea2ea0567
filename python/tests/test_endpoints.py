"""Every endpoint core defines, through its typed method, against the emulator."""

from __future__ import annotations

import importlib

import pytest

import chatadmin

PATHS = [e["path"] for e in chatadmin.endpoints()]


def _import(client, emu):
    r = client.accounts.import_(user_id="dave", nick="Dave", face_url="https://example.com/d.png")
    assert r.error_code == 0 and r.action_status == "OK"
    assert "dave" in emu.state()["accounts"]


def _import_many(client, emu):
    r = client.accounts.import_many(
        account_list=[{"user_id": "erin", "nick": "Erin"}, {"UserID": "frank", "FaceUrl": "https://e/f"}]
    )
    assert r.fail_accounts == []
    accounts = emu.state()["accounts"]
    assert "erin" in accounts and "frank" in accounts
    # The other request form, IDs only.
    r = client.accounts.import_many(accounts=["gina"])
    assert r.fail_accounts == []


def _delete(client, emu):
    r = client.accounts.delete(delete_item=[{"user_id": "alice"}, {"user_id": "nobody"}])
    assert [i.user_id for i in r.result_item] == ["alice", "nobody"]
    assert r.result_item[0].result_code == 0
    assert r.result_item[1].result_code == 70107
    assert "alice" not in emu.state()["accounts"]


def _check(client, emu):
    r = client.accounts.check(check_item=[{"user_id": "alice"}, {"UserID": "zed"}])
    assert [(i.user_id, i.account_status) for i in r.result_item] == [
        ("alice", "Imported"),
        ("zed", "NotImported"),
    ]
    assert r.to_dict()["ResultItem"][0]["AccountStatus"] == "Imported"


def _friend_delete(client, emu):
    emu.add_friends("alice", ["bob"])
    r = client.friends.delete(from_account="alice", to_account=["bob", "carol"], delete_type="Delete_Type_Both")
    assert r.result_item[0].to_account == "bob"
    assert r.result_item[0].result_code == 0
    assert r.result_item[1].result_code != 0  # carol was not a friend: per-item data, no exception
    assert r.to_dict()["ResultItem"][1]["To_Account"] == "carol"


def _friend_list_delete(client, emu):
    emu.set_friend_lists("alice", {"family": ["bob"], "work": []})
    r = client.friend_lists.delete(from_account="alice", group_name=["family"])
    assert r.error_code == 0
    assert isinstance(r.current_sequence, int)


def _create_group(client, emu):
    r = client.groups.create(
        type="Public",
        name="Guild",
        owner_account="alice",
        member_list=[{"member_account": "bob", "role": "Admin"}, {"Member_Account": "carol"}],
        apply_join_option="FreeAccess",
    )
    assert r.group_id.startswith("@TGS#")
    assert r.group_id in emu.state()["groups"]


def _destroy_group(client, emu):
    created = client.groups.create(type="Private", name="Temp", owner_account="alice", group_id="temp-group")
    assert created.group_id == "temp-group"
    r = client.groups.destroy(group_id="temp-group")
    assert r.error_code == 0
    assert "temp-group" not in emu.state()["groups"]


def _kick(client, emu):
    r = client.login_state.kick(user_id="alice")
    assert r.error_code == 0
    assert emu.state()["accounts"]["alice"]["KickedAt"] >= emu.now() - 5
    with pytest.raises(chatadmin.ApiError) as e:
        client.login_state.kick(user_id="nobody")
    assert e.value.code == 70107


def _query_online_status(client, emu):
    emu.login("alice", emu.user_sig("alice"), platform="iPhone")
    r = client.login_state.query_online_status(to_account=["alice", "bob", "nobody"], is_need_detail=1)
    assert [(i.to_account, i.state) for i in r.query_result] == [("alice", "Online"), ("bob", "Offline")]
    assert r.query_result[0].detail[0].platform == "iPhone"
    assert [(e.to_account, e.error_code) for e in r.error_list] == [("nobody", 70107)]


def _portrait_set(client, emu):
    r = client.profiles.set(
        from_account="alice",
        profile_item=[
            {"tag": "Tag_Profile_IM_Nick", "value": "Alice"},
            {"Tag": "Tag_Profile_IM_AllowType", "Value": "AllowType_Type_AllowAny"},
            {"tag": "Tag_Profile_Custom_Title", "value": "captain"},
        ],
    )
    assert r.error_code == 0
    profile = emu.state()["accounts"]["alice"]["Profile"]
    assert profile["Tag_Profile_IM_Nick"] == "Alice"
    assert profile["Tag_Profile_Custom_Title"] == "captain"
    with pytest.raises(chatadmin.InvalidArgument, match="500"):
        client.profiles.set(from_account="alice", profile_item=[{"tag": "Tag_Profile_IM_Nick", "value": "x" * 501}])


def _portrait_get(client, emu):
    client.profiles.set(from_account="bob", profile_item=[{"tag": "Tag_Profile_IM_Gender", "value": "Gender_Type_Male"}])
    r = client.profiles.get(to_account=["bob", "nobody"], tag_list=["Tag_Profile_IM_Gender"])
    bob = r.user_profile_item[0]
    assert bob.to_account == "bob"
    assert [(i.tag, i.value) for i in bob.profile_item] == [("Tag_Profile_IM_Gender", "Gender_Type_Male")]
    assert r.user_profile_item[1].result_code == 40003
    assert r.fail_account == ["nobody"]


def _friend_add(client, emu):
    client.profiles.set(from_account="bob", profile_item=[{"tag": "Tag_Profile_IM_AllowType", "value": "AllowType_Type_AllowAny"}])
    r = client.friends.add(
        from_account="alice",
        add_friend_item=[
            {"to_account": "bob", "add_source": "AddSource_Type_Py", "remark": "B"},
            {"to_account": "carol", "add_source": "AddSource_Type_Py"},
        ],
        add_type="Add_Type_Both",
    )
    assert [(i.to_account, i.result_code) for i in r.result_item] == [("bob", 0), ("carol", 30539)]
    friends = emu.state()["friends"]
    assert friends["alice"] == ["bob"] and friends["bob"] == ["alice"]


def _friend_import(client, emu):
    r = client.friends.import_(
        from_account="alice",
        add_friend_item=[{"to_account": "carol", "add_source": "AddSource_Type_Py", "group_name": ["team"]}],
    )
    assert r.result_item[0].result_code == 0
    state = emu.state()
    assert state["friends"]["alice"] == ["carol"]
    assert state["friend_lists"]["alice"]["Lists"]["team"] == ["carol"]


def _friend_update(client, emu):
    emu.add_friends("alice", ["bob"])
    r = client.friends.update(
        from_account="alice",
        update_item=[{"to_account": "bob", "sns_item": [{"tag": "Tag_SNS_IM_Remark", "value": "Bobby"}]}],
    )
    assert r.result_item[0].result_code == 0
    assert emu.state()["friend_data"]["alice"]["bob"]["Tag_SNS_IM_Remark"] == "Bobby"


def _friend_delete_all(client, emu):
    emu.add_friends("alice", ["bob", "carol"])
    r = client.friends.delete_all(from_account="alice", delete_type="Delete_Type_Both")
    assert r.error_code == 0
    assert emu.state()["friends"] == {}


def _friend_check(client, emu):
    emu.add_friends("alice", ["bob"])
    emu.add_friends("alice", ["carol"], both_ways=False)
    r = client.friends.check(from_account="alice", to_account=["bob", "carol"], check_type="CheckResult_Type_Both")
    assert [(i.to_account, i.relation) for i in r.info_item] == [
        ("bob", "CheckResult_Type_BothWay"),
        ("carol", "CheckResult_Type_AWithB"),
    ]


def _friend_get(client, emu):
    emu.add_friends("alice", ["bob", "carol"])
    r = client.friends.get(from_account="alice")
    assert [i.to_account for i in r.user_data_item] == ["bob", "carol"]
    assert r.complete_flag == 1 and r.friend_num == 2


def _friend_get_list(client, emu):
    emu.add_friends("alice", ["bob"])
    r = client.friends.get_list(from_account="alice", to_account=["bob"], tag_list=["Tag_SNS_IM_AddTime"])
    item = r.info_item[0]
    assert item.to_account == "bob" and item.result_code == 0
    assert item.sns_profile_item[0].tag == "Tag_SNS_IM_AddTime"


def _friend_list_add(client, emu):
    emu.add_friends("alice", ["bob"])
    r = client.friend_lists.add(from_account="alice", group_name=["team"], to_account=["bob", "carol"])
    assert [(i.to_account, i.result_code) for i in r.result_item] == [("bob", 0), ("carol", 32216)]
    assert emu.state()["friend_lists"]["alice"]["Lists"]["team"] == ["bob"]
    assert r.current_sequence >= 1


def _friend_list_get(client, emu):
    emu.add_friends("alice", ["bob"])
    emu.set_friend_lists("alice", {"team": ["bob"], "raid": []})
    r = client.friend_lists.get(from_account="alice", need_friend="Need_Friend_Type_Yes")
    lists = {i.group_name: (i.friend_number, list(i.to_account or [])) for i in r.result_item}
    assert lists == {"team": (1, ["bob"]), "raid": (0, [])}


def _black_list_add(client, emu):
    emu.add_friends("alice", ["bob"])
    r = client.blocklist.add(from_account="alice", to_account=["bob", "nobody"])
    assert [(i.to_account, i.result_code) for i in r.result_item] == [("bob", 0), ("nobody", 30003)]
    state = emu.state()
    assert "bob" in state["blocklists"]["alice"]["Blocked"]
    assert state["friends"] == {}  # blocking ended the friendship both ways


def _black_list_delete(client, emu):
    client.blocklist.add(from_account="alice", to_account=["bob"])
    r = client.blocklist.delete(from_account="alice", to_account=["bob"])
    assert r.result_item[0].result_code == 0
    assert emu.state()["blocklists"]["alice"]["Blocked"] == {}


def _black_list_get(client, emu):
    client.blocklist.add(from_account="alice", to_account=["bob", "carol"])
    r = client.blocklist.get(from_account="alice", max_limited=1)
    assert [i.to_account for i in r.black_list_item] == ["bob"]
    assert r.start_index == 1
    assert r.to_dict()["CurruentSequence"] >= 1  # the service's spelling, kept as sent


def _black_list_check(client, emu):
    client.blocklist.add(from_account="alice", to_account=["bob"])
    r = client.blocklist.check(from_account="bob", to_account=["alice", "carol"], check_type="BlackCheckResult_Type_Both")
    assert [(i.to_account, i.relation) for i in r.black_list_check_item] == [
        ("alice", "BlackCheckResult_Type_BWithA"),
        ("carol", "BlackCheckResult_Type_NO"),
    ]


CASES = {
    "im_open_login_svc/account_import": _import,
    "im_open_login_svc/multiaccount_import": _import_many,
    "im_open_login_svc/account_delete": _delete,
    "im_open_login_svc/account_check": _check,
    "im_open_login_svc/kick": _kick,
    "openim/query_online_status": _query_online_status,
    "profile/portrait_set": _portrait_set,
    "profile/portrait_get": _portrait_get,
    "sns/friend_add": _friend_add,
    "sns/friend_import": _friend_import,
    "sns/friend_update": _friend_update,
    "sns/friend_delete": _friend_delete,
    "sns/friend_delete_all": _friend_delete_all,
    "sns/friend_check": _friend_check,
    "sns/friend_get": _friend_get,
    "sns/friend_get_list": _friend_get_list,
    "sns/group_add": _friend_list_add,
    "sns/group_delete": _friend_list_delete,
    "sns/group_get": _friend_list_get,
    "sns/black_list_add": _black_list_add,
    "sns/black_list_delete": _black_list_delete,
    "sns/black_list_get": _black_list_get,
    "sns/black_list_check": _black_list_check,
    "group_open_http_svc/create_group": _create_group,
    "group_open_http_svc/destroy_group": _destroy_group,
}


# The areas whose cases live in their own test module, as ENDPOINT_CASES (and run there).
AREA_CASE_MODULES = [
    "test_groups",
    "test_members",
    "test_live_groups",
    "test_group_attrs",
    "test_topics",
    "test_group_counters",
    "test_messages",
    "test_group_messages",
    "test_conversations",
]


def test_every_registry_endpoint_has_a_case():
    cases = dict(CASES)
    for name in AREA_CASE_MODULES:
        module_cases = importlib.import_module(name).ENDPOINT_CASES
        assert not set(module_cases) & set(cases), f"{name}: an endpoint with two cases"
        cases.update(module_cases)
    assert sorted(cases) == sorted(PATHS), "add a case for each endpoint core defines"


@pytest.mark.parametrize("path", sorted(CASES))
def test_endpoint_through_its_typed_method(path, client, emu):
    emu.add_accounts(["alice", "bob", "carol"])
    CASES[path](client, emu)
    assert emu.hits(path) >= 1


def test_methods_come_from_the_registry(client):
    for ep in chatadmin.endpoints():
        area = getattr(client, ep["area"])
        method = getattr(area, ep["method"])  # `import` is also reachable as `import_`
        assert callable(method)
        assert ep["path"] in method.__doc__


def test_signature_lists_snake_case_arguments(client):
    import inspect

    sig = inspect.signature(client.friends.delete)
    params = sig.parameters
    assert list(params) == ["from_account", "to_account", "delete_type"]
    assert params["from_account"].default is inspect.Parameter.empty
    assert params["delete_type"].default is None
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    assert list(inspect.signature(client.accounts.import_).parameters) == ["user_id", "nick", "face_url"]


def test_docstrings_list_enum_values_and_limits(client):
    doc = client.friends.delete.__doc__
    assert "delete_type: ``DeleteType``, optional; one of 'Delete_Type_Single', 'Delete_Type_Both'" in doc, doc
    assert "to_account: 1 to 1000 items" in doc or "to_account: at most 1000 items" in doc, doc
    doc = client.groups.create.__doc__
    assert "'Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community'" in doc, doc
    assert "name: 1 to 30 bytes" in doc, doc


def test_generic_call_is_wire_form(client, emu):
    emu.add_accounts(["alice"])
    out = client.call("v4/im_open_login_svc/account_check", {"CheckItem": [{"UserID": "alice"}]})
    assert isinstance(out, dict)
    assert out["ResultItem"][0]["AccountStatus"] == "Imported"
    assert out["ErrorCode"] == 0
    assert emu.hits("im_open_login_svc/account_check") == 1


def test_none_leaves_an_optional_argument_out(client, emu):
    emu.add_accounts(["alice", "bob"])
    emu.add_friends("alice", ["bob"])
    r = client.friends.delete(from_account="alice", to_account=(name for name in ["bob"]), delete_type=None)
    assert r.result_item[0].result_code == 0


def test_record_behaves_like_a_mapping(client, emu):
    emu.add_accounts(["alice"])
    r = client.accounts.check(check_item=[{"user_id": "alice"}])
    assert isinstance(r, chatadmin.Record)
    assert r["ResultItem"][0]["UserID"] == "alice"
    assert r["result_item"][0].user_id == "alice"
    assert "ResultItem" in r and "result_item" in r
    assert "ResultItem" in list(r)
    assert r == r.to_dict()
    assert "result_item" in dir(r)
    with pytest.raises(AttributeError, match="result_item"):
        r.no_such_field  # noqa: B018
    d = r.to_dict()
    d["ResultItem"].clear()
    assert len(r.result_item) == 1  # to_dict is a copy
    import pickle

    assert pickle.loads(pickle.dumps(r)) == r


def test_long_lists_are_split_by_the_client(client, emu):
    # To_Account may hold 1000 accounts per request; core marks it splittable, so the client
    # sends two requests and merges the per-item results in order.
    emu.add_accounts(["alice"])
    others = [f"u{i}" for i in range(1001)]
    r = client.friends.delete(from_account="alice", to_account=others)
    assert len(r.result_item) == 1001
    assert r.result_item[1000].to_account == "u1000"
    assert emu.hits("sns/friend_delete") == 2
