"""Shared fixtures: one emulator for the session (in-process), reset before each test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import chatadmin
from chatadmin.testing import Emulator

SDKAPPID = 1400000000
# A recognisable key, so that tests can assert it never shows up in text.
KEY = "py-secret-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def pytest_configure(config):
    # scripts/test-python.sh sets this when it tests the installed wheel from outside the
    # source tree: the package under test must then be the wheel, not python/chatadmin.
    tree = os.environ.get("CHATADMIN_TEST_OUTSIDE_TREE")
    if tree and Path(tree).resolve() in Path(chatadmin.__file__).resolve().parents:
        raise pytest.UsageError(f"chatadmin was imported from the source tree ({chatadmin.__file__})")


def pytest_report_header(config):
    return f"chatadmin {chatadmin.__version__} from {os.path.dirname(chatadmin.__file__)}"


@pytest.fixture(scope="session")
def emulator():
    with Emulator(SDKAPPID, KEY) as emu:
        yield emu


@pytest.fixture
def emu(emulator):
    emulator.reset()
    yield emulator
    emulator.clear_faults()


@pytest.fixture
def client(emu):
    """A client without retries, so that hit counts are exact."""
    return emu.client(retries=0)
