"""chatadmin.testing: finding and running the emulator."""

from __future__ import annotations

import os

import pytest

from chatadmin.testing import Emulator, EmulatorError, EmulatorNotFound, find_emulator


def test_env_variable_wins(monkeypatch, tmp_path):
    missing = tmp_path / "nope"
    monkeypatch.setenv("CHATADMIN_EMULATOR_BIN", str(missing))
    with pytest.raises(EmulatorNotFound, match="CHATADMIN_EMULATOR_BIN"):
        find_emulator()
    with pytest.raises(FileNotFoundError):
        Emulator().start()


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
