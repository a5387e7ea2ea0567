"""A real client nobody here wrote, against the emulator binary.

The community PyPI package `tencentcloud-sdk-python-im` (module `tencentcloud_im`, class
`TCIMClient`) is used against the real service. Pointed at the emulator through its
`tencent_url` argument (the base URL it appends `/<service>/<command>` to), every one of its
account, login-state and social calls must succeed and have the documented effect. Its
`add_friend` sends `"GroupName": ""` and `"Remark": ""` in every `AddFriendItem` (and
`add_single_user` an empty `FaceUrl`): an empty optional value reads as absent
(docs/SPEC-NOTES.md, "Empty optional values").

The emulator is found through `CHATADMIN_EMULATOR_BIN`, default
`target/debug/chatadmin-emulator` under the repository root.
"""

import json
import os
import pathlib
import subprocess
import urllib.request

import pytest

tcim = pytest.importorskip("tencentcloud_im.tcim_client")

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
SDKAPPID = 1400000123
KEY = "interop-secret-key-5bd2850fff3ecb11d7c805251c51ee46"
ADMIN = "administrator"


def _emulator_bin():
    return os.environ.get(
        "CHATADMIN_EMULATOR_BIN", str(REPO_ROOT / "target" / "debug" / "chatadmin-emulator")
    )


@pytest.fixture
def emulator():
    binary = _emulator_bin()
    if not pathlib.Path(binary).exists():
        pytest.fail(f"emulator binary not found at {binary}; build it or set CHATADMIN_EMULATOR_BIN")
    proc = subprocess.Popen(
        [binary, "--sdkappid", str(SDKAPPID), "--admin", ADMIN, "--rate-limit", "off"],
        env={**os.environ, "CHATADMIN_SECRET_KEY": KEY},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on http://"), (line, proc.stderr.read())
        yield line.split("listening on ", 1)[1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _state(base_url):
    with urllib.request.urlopen(f"{base_url}/__emulator/state", timeout=10) as r:
        return json.loads(r.read())


def _ok(resp):
    """The decoded body of a successful answer (the client returns a `requests` response)."""
    assert resp is not None, "the client swallowed an exception (see its log)"
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["ErrorCode"] == 0, body
    assert body["ActionStatus"] == "OK", body
    return body


def test_every_account_and_social_call_of_tcim_client(emulator):
    c = tcim.TCIMClient(SDKAPPID, KEY, ADMIN, tencent_url=f"{emulator}/v4")

    # Accounts: im_open_login_svc/account_import (empty FaceUrl), multiaccount_import,
    # account_check, kick, account_delete.
    _ok(c.add_single_user("alice", "Alice", ""))
    _ok(c.batch_add_users(["bob", "carol", "dave", "erin"]))
    assert set(_state(emulator)["accounts"]) >= {"alice", "bob", "carol", "dave", "erin"}
    body = _ok(c.search_user(["alice", "nobody"]))
    assert [(i["UserID"], i["AccountStatus"]) for i in body["ResultItem"]] == [
        ("alice", "Imported"),
        ("nobody", "NotImported"),
    ]
    _ok(c.abolition_user_sig("alice"))
    body = _ok(c.del_user(["erin"]))
    assert body["ResultItem"][0]["ResultCode"] == 0
    assert "erin" not in _state(emulator)["accounts"]

    # openim/query_online_status: the state under `State`, as every sample writes it.
    body = _ok(c.check_user_online(["alice", "bob"]))
    assert [(r["To_Account"], r["State"]) for r in body["QueryResult"]] == [
        ("alice", "Offline"),
        ("bob", "Offline"),
    ]

    # sns/friend_add: every item carries "GroupName": "" and "Remark": "".
    friends = [tcim.FriendObj(u, "Web") for u in ("bob", "carol", "dave")]
    assert friends[0].__dict__["GroupName"] == "" and friends[0].__dict__["Remark"] == ""
    body = _ok(c.add_friend("alice", friends))
    assert [i["ResultCode"] for i in body["ResultItem"]] == [0, 0, 0], body
    assert sorted(_state(emulator)["friends"]["alice"]) == ["bob", "carol", "dave"]
    assert "alice" in _state(emulator)["friends"]["bob"], "Add_Type_Both"

    # sns/friend_update: a remark.
    update = tcim.UpdateFriendObj("bob", [tcim.SnsItemObj("Tag_SNS_IM_Remark", "Bobby")])
    body = _ok(c.update_friend("alice", [update]))
    assert body["ResultItem"][0]["ResultCode"] == 0, body

    # sns/friend_get_list and sns/friend_get.
    body = _ok(c.get_target_friends("alice", ["bob"], ["Tag_SNS_IM_Remark"]))
    item = body["InfoItem"][0]
    assert item["To_Account"] == "bob"
    assert {"Tag": "Tag_SNS_IM_Remark", "Value": "Bobby"} in item["SnsProfileItem"], item
    body = _ok(c.get_friends("alice"))
    assert sorted(i["To_Account"] for i in body["UserDataItem"]) == ["bob", "carol", "dave"]

    # Friend lists: sns/group_add, sns/group_get, sns/group_delete.
    body = _ok(c.add_sns_group("alice", ["team"], ["bob", "carol"]))
    assert _state(emulator)["friend_lists"]["alice"]["Lists"]["team"] == ["bob", "carol"]
    body = _ok(c.get_sns_group("alice"))
    assert [(g["GroupName"], sorted(g["To_Account"])) for g in body["ResultItem"]] == [
        ("team", ["bob", "carol"])
    ]
    body = _ok(c.get_sns_group("alice", ["team"]))
    assert body["ResultItem"][0]["FriendNumber"] == 2
    _ok(c.delete_sns_group("alice", ["team"]))
    assert not _state(emulator)["friend_lists"].get("alice", {}).get("Lists")

    # sns/friend_delete (both ways).
    body = _ok(c.delete_friends("alice", ["dave"]))
    assert body["ResultItem"][0]["ResultCode"] == 0
    assert "dave" not in _state(emulator)["friends"]["alice"]
    assert "alice" not in _state(emulator)["friends"].get("dave", [])
