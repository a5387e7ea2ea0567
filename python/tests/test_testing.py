"""chatadmin.testing: the emulator in-process (the default), and finding and running the
binary when one is asked for."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import textwrap

import pytest

import chatadmin
from chatadmin import _chatadmin, testing
from chatadmin.testing import Emulator, EmulatorError, EmulatorNotFound, find_emulator


def test_env_variable_wins(monkeypatch, tmp_path):
    missing = tmp_path / "nope"
    monkeypatch.setenv("CHATADMIN_EMULATOR_BIN", str(missing))
    with pytest.raises(EmulatorNotFound, match="CHATADMIN_EMULATOR_BIN"):
        find_emulator()
    with pytest.raises(FileNotFoundError):
        Emulator().start()


@pytest.mark.skipif(
    not testing._source_trees(), reason="the package is not installed from a chatadmin source tree"
)
def test_found_in_the_source_tree(monkeypatch):
    # The package under test is installed in target/py-venv of this checkout.
    monkeypatch.delenv("CHATADMIN_EMULATOR_BIN", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    path = find_emulator()
    assert os.path.basename(path) == "chatadmin-emulator"
    assert os.access(path, os.X_OK)


def test_a_binary_that_does_not_start_is_reported(tmp_path):
    fake = tmp_path / "fake-emulator"
    fake.write_text("#!/bin/sh\necho 'something else'\necho oops >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(EmulatorError, match="did not start") as info:
        Emulator(binary=str(fake), key="k-secret-123").start()
    assert "oops" in str(info.value)


def test_lifecycle_and_control(emu):
    assert emu.base_url.startswith("http://127.0.0.1:")
    emu.add_accounts(["a", "b"])
    assert {"a", "b"} <= set(emu.state()["accounts"])
    emu.reset()
    assert "a" not in emu.state()["accounts"]
    with pytest.raises(EmulatorError, match="HTTP 400"):
        emu.inject_fault("sns/friend_delete", times=1)  # no fault kind given

    with Emulator(1400000001, "another-key", rate_limit="off") as other:
        url = other.base_url
        assert url != emu.base_url
        client = other.client(retries=0)
        client.accounts.import_(user_id="zoe")
        assert other.hits("im_open_login_svc/account_import") == 1
    with pytest.raises(EmulatorError, match="not running"):
        other.base_url  # noqa: B018


def _refused(url: str) -> bool:
    """Whether nothing listens at ``http://HOST:PORT`` any more."""
    host, port = url.rsplit("/", 1)[-1].rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError:
        return True
    return False


def test_in_process_needs_no_binary(monkeypatch):
    # Nothing to find: no variable, nothing on the PATH, and the search itself never runs.
    monkeypatch.delenv("CHATADMIN_EMULATOR_BIN", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")

    def no_search():
        raise AssertionError("the in-process emulator looked for a binary")

    monkeypatch.setattr(testing, "find_emulator", no_search)
    with Emulator(rate_limit="off") as emu:
        client = emu.client(retries=0)
        client.accounts.import_(user_id="ann")
        assert emu.hits("im_open_login_svc/account_import") == 1
        assert "ann" in emu.state()["accounts"]
        assert emu.key not in repr(emu)
        url = emu.base_url
    assert _refused(url), "the port is closed once the block ends"
    emu.stop()  # idempotent


def test_stopped_by_garbage_collection(monkeypatch):
    monkeypatch.delenv("CHATADMIN_EMULATOR_BIN", raising=False)
    emu = Emulator().start()
    url = emu.base_url
    assert not _refused(url)
    del emu
    gc.collect()
    assert _refused(url)


@pytest.mark.parametrize("open_connection", [False, True])
def test_stopped_at_interpreter_exit(open_connection):
    # An emulator left running (with, or without, a connection in the middle of a request)
    # does not keep the interpreter from exiting, and exits it cleanly.
    script = textwrap.dedent(
        f"""
        import socket
        from chatadmin.testing import Emulator
        emu = Emulator().start()
        emu.add_accounts(["a"])
        if {open_connection!r}:
            host, port = emu.base_url.rsplit("/", 1)[1].rsplit(":", 1)
            conn = socket.create_connection((host, int(port)))
            conn.sendall(b"POST /v4/im_open_login_svc/account_check HTTP/1.1\\r\\n"
                         b"Host: x\\r\\nContent-Length: 100\\r\\n\\r\\n{{")
        print(emu.base_url, flush=True)
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "CHATADMIN_EMULATOR_BIN"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "panicked" not in done.stderr
    url = done.stdout.strip()
    assert url.startswith("http://127.0.0.1:")
    assert _refused(url)


def test_refusals_name_the_problem(emu):
    with pytest.raises(EmulatorError, match="HTTP 400.*error_code"):
        emu.inject_fault("sns/friend_delete", times=1)
    emu.add_accounts(["pat"])
    forged = chatadmin.usersig.generate(emu.sdkappid, "not-the-key", "pat")
    with pytest.raises(EmulatorError, match="HTTP 403.*usersig") as e:
        emu.login("pat", forged)
    assert forged not in str(e.value)
    with pytest.raises(EmulatorError, match="HTTP 400.*advance"):
        emu.advance_clock(-5)


def test_bad_options_are_reported(monkeypatch):
    monkeypatch.delenv("CHATADMIN_EMULATOR_BIN", raising=False)
    with pytest.raises(EmulatorError, match="rate limit"):
        Emulator(rate_limit="fast").start()
    with pytest.raises(EmulatorError, match="SDKAppID"):
        Emulator(0).start()
    with pytest.raises(EmulatorError, match="key"):
        Emulator(key="").start()


def test_control_operations_come_from_the_emulator_crate():
    ops = {op["name"]: op for op in _chatadmin.emulator_control_ops()}
    # Every method of Emulator maps onto one of them (checked by calling each below).
    assert {"state", "hits", "reset", "fault", "clear_faults", "accounts", "friends"} <= set(ops)
    assert ops["hits"]["read_only"] and not ops["fault"]["read_only"]
    assert ops["advance_clock"]["route"] == "clock"


def _exercise(emu) -> list:
    """The same control calls, whatever runs the emulator; returns what they answered."""
    seen = []
    emu.reset()
    emu.add_accounts(["a", "b"])
    emu.add_friends("a", ["b"])
    emu.set_friend_lists("a", {"family": ["b"]})
    emu.inject_fault("sns/friend_check", error_code=30006, times=2, after=1)
    client = emu.client(retries=0)
    check = {"from_account": "a", "to_account": ["b"], "check_type": "CheckResult_Type_Both"}
    seen.append(client.friends.check(**check).info_item[0].relation)
    with pytest.raises(chatadmin.ApiError) as e:
        client.friends.check(**check)
    seen.append(e.value.code)
    emu.clear_faults()
    seen.append(emu.hits("sns/friend_check"))
    seen.append(emu.hits("v4/sns/friend_check"))
    seen.append(sorted(emu.all_hits().items()))
    state = emu.state()
    seen.append((sorted(state["accounts"]), state["friends"], state["friend_lists"]["a"]["Lists"]))
    before = emu.now()
    seen.append(emu.advance_clock(100) - before >= 100)
    sig = emu.user_sig("a")
    emu.login("a", sig, platform="iPhone")
    emu.push_online("a")
    emu.logout("a")
    refused = (lambda: emu.inject_fault("x/y"), lambda: emu.push_online("a"), lambda: emu.login("zz", sig))
    for bad in refused:
        with pytest.raises(EmulatorError) as e:
            bad()
        seen.append(str(e.value).split(":", 1)[0].split("HTTP ")[1])
    return seen


def test_the_binary_and_the_in_process_emulator_answer_alike(monkeypatch):
    try:
        binary = find_emulator()
    except EmulatorNotFound:
        pytest.skip("no chatadmin-emulator binary (outside a built source tree)")
    monkeypatch.delenv("CHATADMIN_EMULATOR_BIN", raising=False)
    with Emulator(rate_limit="off") as inside, Emulator(rate_limit="off", binary=binary) as outside:
        assert inside._server is not None and outside._proc is not None
        assert _exercise(inside) == _exercise(outside)
