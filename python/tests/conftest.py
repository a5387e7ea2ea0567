"""Shared fixtures: one emulator process for the session, reset before each test."""

from __future__ import annotations

import os

import pytest

import chatadmin
from chatadmin.testing import Emulator

SDKAPPID = 1400000000
# A recognisable key, so that tests can assert it never shows up in text.
KEY = "py-secret-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


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
