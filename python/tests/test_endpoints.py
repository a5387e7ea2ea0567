"""Every endpoint core defines, through its typed method, against the emulator."""

from __future__ import annotations

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


CASES = {
    "im_open_login_svc/account_import": _import,
    "im_open_login_svc/multiaccount_import": _import_many,
    "im_open_login_svc/account_delete": _delete,
    "im_open_login_svc/account_check": _check,
    "sns/friend_delete": _friend_delete,
    "sns/group_delete": _friend_list_delete,
    "group_open_http_svc/create_group": _create_group,
    "group_open_http_svc/destroy_group": _destroy_group,
}


def test_every_registry_endpoint_has_a_case():
    assert sorted(CASES) == sorted(PATHS), "add a case for each endpoint core defines"


@pytest.mark.parametrize("path", PATHS)
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
