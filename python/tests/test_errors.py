"""Errors become typed exceptions with attributes; secrets never show."""

from __future__ import annotations

import builtins
import pickle

import pytest

import chatadmin
from chatadmin import (
    ApiError,
    ChatAdminError,
    ConfigError,
    InvalidArgument,
    TimeoutError,
    TransportError,
)

from conftest import KEY, SDKAPPID


def test_api_error_carries_the_service_code(client, emu):
    with pytest.raises(ApiError) as info:
        client.groups.destroy(group_id="@TGS#nosuchgroup")
    e = info.value
    assert isinstance(e, ChatAdminError)
    assert e.code == 10010
    assert e.kind == "api"
    assert e.info
    assert e.endpoint == "group_open_http_svc/destroy_group"
    assert isinstance(e.body, dict) and e.body["ErrorCode"] == 10010
    assert e.retryable is False
    assert "10010" in str(e)
    assert emu.hits("group_open_http_svc/destroy_group") == 1


def test_injected_error_code(client, emu):
    emu.add_accounts(["alice"])
    emu.inject_fault("sns/friend_delete", error_code=30006, times=1)
    with pytest.raises(ApiError) as info:
        client.friends.delete(from_account="alice", to_account=["bob"])
    assert info.value.code == 30006


def test_a_split_call_failing_part_way_keeps_what_took_effect(client, emu):
    # 250 accounts: three requests of at most 100; the third fails after two took effect.
    emu.add_accounts([f"u{i}" for i in range(0, 250, 2)])
    emu.inject_fault("im_open_login_svc/account_check", error_code=70500, after=2, times=1)
    with pytest.raises(ApiError) as info:
        client.accounts.check(check_item=[{"user_id": f"u{i}"} for i in range(250)])
    e = info.value
    assert e.code == 70500
    assert "part 3 of 3" in str(e)
    assert e.partial["parts"] == 3 and e.partial["succeeded"] == 2
    done = e.partial["completed"]["ResultItem"]
    assert [i["UserID"] for i in done] == [f"u{i}" for i in range(200)]
    assert done[0]["AccountStatus"] == "Imported" and done[1]["AccountStatus"] == "NotImported"
    assert emu.hits("im_open_login_svc/account_check") == 3
    # Other errors carry no partial progress.
    with pytest.raises(ApiError) as info:
        client.groups.destroy(group_id="@TGS#nosuchgroup")
    assert info.value.partial is None


def test_over_limit_list_is_refused_before_sending(client, emu):
    # GroupName holds at most 32 lists and is not split (an account has at most 32).
    with pytest.raises(InvalidArgument) as info:
        client.friend_lists.delete(from_account="alice", group_name=[f"l{i}" for i in range(33)])
    e = info.value
    assert isinstance(e, ValueError)
    assert e.field == "GroupName"
    assert "32" in str(e)
    assert e.kind == "validation" and e.code is None and e.retryable is False
    assert emu.hits("sns/group_delete") == 0


def test_bad_item_in_to_account_is_refused_before_sending(client, emu):
    with pytest.raises(InvalidArgument) as info:
        client.friends.delete(from_account="alice", to_account=["bob", "x" * 40])
    assert info.value.field == "To_Account[1]"
    assert "To_Account" in str(info.value)
    assert emu.hits("sns/friend_delete") == 0


def test_validation_errors_name_the_python_argument(client, emu):
    with pytest.raises(InvalidArgument) as info:
        client.friends.delete(from_account="alice", to_account=["bob", "x" * 40])
    e = info.value
    assert (e.field, e.argument) == ("To_Account[1]", "to_account[1]")
    assert str(e).endswith("(argument to_account[1])"), str(e)
    with pytest.raises(InvalidArgument) as info:
        client.groups.create(type="Public", name="g", member_list=[{"member_account": "x" * 40}])
    e = info.value
    assert (e.field, e.argument) == ("MemberList[0].Member_Account", "member_list[0].member_account")
    with pytest.raises(InvalidArgument) as info:
        client.groups.create(type="Public", name="n" * 31)
    assert (info.value.field, info.value.argument) == ("Name", "name")
    assert "30 bytes" in str(info.value) and "(argument name)" in str(info.value)
    # The generic call speaks wire names only: no argument to name.
    with pytest.raises(InvalidArgument) as info:
        client.call("group_open_http_svc/create_group", {"Type": "Public", "Name": "n" * 31})
    assert info.value.argument is None and "(argument" not in str(info.value)
    assert sum(emu.all_hits().values()) == 0


def test_unknown_argument_names_it_and_lists_valid_ones(client, emu):
    with pytest.raises(InvalidArgument) as info:
        client.friends.delete(from_account="a", to_account=["b"], delete_typ="Delete_Type_Both")
    e = info.value
    assert e.field == "delete_typ"
    for name in ("from_account", "to_account", "delete_type"):
        assert name in str(e)
    assert emu.hits("sns/friend_delete") == 0


def test_unknown_nested_key(client, emu):
    with pytest.raises(InvalidArgument) as info:
        client.accounts.import_many(account_list=[{"user_id": "a", "nickname": "A"}])
    assert info.value.field == "AccountList[0].nickname"
    assert "nick" in str(info.value)


def test_missing_required_argument(client, emu):
    with pytest.raises(InvalidArgument) as info:
        client.friends.delete(to_account=["b"])
    assert info.value.field == "From_Account"
    assert "from_account" in str(info.value)


def test_wrong_types(client, emu):
    with pytest.raises(InvalidArgument) as info:
        client.friends.delete(from_account="a", to_account="b")
    assert info.value.field == "To_Account"
    with pytest.raises(InvalidArgument) as info:
        client.friends.delete(from_account="a", to_account=[object()])
    assert info.value.field == "to_account[0]"  # the path as the caller spelled it
    with pytest.raises(InvalidArgument):
        client.call("sns/friend_delete", {"From_Account": "a", "To_Account": ["b"], "Bogus": 1})
    with pytest.raises(InvalidArgument):
        client.call("sns/no_such_endpoint", {})
    assert sum(emu.all_hits().values()) == 0


def test_config_errors():
    with pytest.raises(ConfigError):
        chatadmin.Client(SDKAPPID, KEY)  # neither region nor base_url
    with pytest.raises(ConfigError):
        chatadmin.Client(SDKAPPID, None, base_url="http://127.0.0.1:1")
    with pytest.raises(ConfigError) as info:
        chatadmin.Client(SDKAPPID, KEY, region="atlantis")
    assert "atlantis" in str(info.value)
    with pytest.raises(ConfigError):
        chatadmin.Client(SDKAPPID, KEY, base_url="http://127.0.0.1:1", rate_limit="fast")
    with pytest.raises(ConfigError):
        chatadmin.Client(SDKAPPID, KEY, base_url="http://127.0.0.1:1", timeout=-1)
    c = chatadmin.Client(SDKAPPID, KEY, region="singapore", rate_limit=50, retries=0)
    assert "singapore" in repr(c).lower()


def test_transport_errors(emu):
    client = emu.client(retries=0)
    emu.add_accounts(["alice"])
    emu.inject_fault("im_open_login_svc/account_check", http_status=502)
    with pytest.raises(TransportError) as info:
        client.accounts.check(check_item=[{"user_id": "alice"}])
    assert info.value.status == 502
    assert info.value.retryable is True  # account_check cannot duplicate an effect

    emu.inject_fault("group_open_http_svc/create_group", drop_connection=True)
    with pytest.raises(TransportError) as info:
        client.groups.create(type="Public", name="G")
    assert info.value.retryable is False  # a retry could create a second group


def test_retries_recover_from_a_transient_failure(emu):
    client = emu.client(retries=2)
    emu.add_accounts(["alice"])
    emu.inject_fault("im_open_login_svc/account_check", http_status=503, times=1)
    r = client.accounts.check(check_item=[{"user_id": "alice"}])
    assert r.result_item[0].account_status == "Imported"
    assert emu.hits("im_open_login_svc/account_check") == 2


def test_timeout_is_also_the_builtin_timeout_error(emu):
    client = emu.client(retries=0, timeout=0.2)
    emu.inject_fault("im_open_login_svc/account_check", latency_ms=1500)
    with pytest.raises(TimeoutError) as info:
        client.accounts.check(check_item=[{"user_id": "alice"}])
    e = info.value
    assert isinstance(e, builtins.TimeoutError)
    assert isinstance(e, ChatAdminError)
    assert e.kind == "timeout"
    with pytest.raises(builtins.TimeoutError):
        emu.inject_fault("im_open_login_svc/account_check", latency_ms=1500)
        client.accounts.check(check_item=[{"user_id": "alice"}])


def test_exceptions_pickle_with_their_attributes(client, emu):
    with pytest.raises(ApiError) as info:
        client.groups.destroy(group_id="@TGS#nosuchgroup")
    e = pickle.loads(pickle.dumps(info.value))
    assert type(e) is ApiError and e.code == 10010 and str(e) == str(info.value)
    assert type(e).__module__ == "chatadmin"


def _all_text(e: BaseException) -> str:
    parts = [str(e), repr(e)]
    for v in vars(e).values():
        parts.append(repr(v))
    return "\n".join(parts)


def test_secrets_never_show(emu):
    client = emu.client(retries=0)
    assert KEY not in repr(client)
    assert KEY not in str(client)
    assert KEY not in repr(emu)

    errors = []
    for fault in ({"http_status": 500}, {"drop_connection": True}, {"error_code": 70001}, {"error_code": 10004}):
        emu.inject_fault("im_open_login_svc/account_check", times=2, **fault)
        with pytest.raises(ChatAdminError) as info:
            client.accounts.check(check_item=[{"user_id": "alice"}])
        errors.append(info.value)
        emu.clear_faults()
    bad_key = chatadmin.Client(SDKAPPID, KEY + "-wrong", base_url=emu.base_url, retries=0)
    with pytest.raises(ApiError) as info:
        bad_key.accounts.check(check_item=[{"user_id": "alice"}])
    errors.append(info.value)
    with pytest.raises(chatadmin.InvalidUserSig) as info:
        chatadmin.usersig.verify(SDKAPPID, KEY, "bob", chatadmin.usersig.generate(SDKAPPID, KEY, "alice"))
    errors.append(info.value)

    for e in errors:
        text = _all_text(e)
        assert KEY not in text, text
        # A UserSig is zlib data in base64: it starts with "eJ"; URLs show <redacted>.
        assert "usersig=eJ" not in text.lower(), text
        if "usersig=" in text.lower():
            assert "<redacted>" in text


def test_config_errors_speak_python():
    with pytest.raises(ConfigError) as info:
        chatadmin.Client(SDKAPPID, KEY)  # neither region nor base_url
    msg = str(info.value)
    assert 'region="singapore"' in msg and "base_url=" in msg, msg
    for rust in ("Region::", "(..)", "usersig_provider", "set region"):
        assert rust not in msg, msg
    with pytest.raises(ConfigError) as info:
        chatadmin.Client(SDKAPPID, None, base_url="http://127.0.0.1:1")
    msg = str(info.value)
    assert "secret_key" in msg and "usersig_provider" not in msg, msg
    with pytest.raises(ConfigError) as info:
        chatadmin.Client(SDKAPPID, KEY, region="singapore", base_url="http://127.0.0.1:1")
    assert "not both" in str(info.value)
