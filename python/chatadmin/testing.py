"""Test support: run the offline emulator of the service (``chatadmin-emulator``).

::

    from chatadmin.testing import Emulator

    with Emulator() as emu:
        emu.add_accounts(["alice", "bob"])
        client = emu.client()
        client.friends.delete(from_account="alice", to_account=["bob"])
        assert emu.hits("sns/friend_delete") == 1

The binary is found through the environment variable ``CHATADMIN_EMULATOR_BIN``, else
``chatadmin-emulator`` on the ``PATH`` or in this Python environment's scripts directory, else
``target/debug`` or ``target/release`` of the chatadmin source tree this package (or the
current directory) is in. Build it with
``cargo build -p chatadmin-emulator``.
"""

from __future__ import annotations

import json as _json
import os as _os
import shutil as _shutil
import subprocess as _subprocess
import sysconfig as _sysconfig
import tempfile as _tempfile
import threading as _threading
import urllib.error as _urlerror
import urllib.parse as _urlparse
import urllib.request as _urlrequest
from pathlib import Path as _Path
from typing import Any as _Any, Dict as _Dict, Iterable as _Iterable, List as _List, Optional as _Optional

from ._client import Client as _Client

__all__ = ["Emulator", "EmulatorError", "EmulatorNotFound", "find_emulator"]

_BINARY = "chatadmin-emulator"
_ENV = "CHATADMIN_EMULATOR_BIN"


class EmulatorError(RuntimeError):
    """The emulator failed to start or refused a control request."""


class EmulatorNotFound(EmulatorError, FileNotFoundError):
    """The ``chatadmin-emulator`` binary could not be found."""


def _source_trees() -> _List[_Path]:
    """Ancestors of this file and of the working directory that are the chatadmin workspace."""
    seen: _List[_Path] = []
    for start in (_Path(__file__).resolve().parent, _Path.cwd().resolve()):
        for d in (start, *start.parents):
            if (d / "crates" / "chatadmin-emulator" / "Cargo.toml").is_file() and d not in seen:
                seen.append(d)
    return seen


def find_emulator() -> str:
    """The path of the emulator binary (see the module documentation for the search order)."""
    env = _os.environ.get(_ENV)
    if env:
        if _os.path.isfile(env) and _os.access(env, _os.X_OK):
            return env
        raise EmulatorNotFound(f"{_ENV}={env!r} is not an executable file")
    on_path = _shutil.which(_BINARY)
    if on_path:
        return on_path
    exe = _BINARY + (".exe" if _os.name == "nt" else "")
    # The scripts directory of this environment (a virtualenv that is not activated).
    scripts = _Path(_sysconfig.get_path("scripts")) / exe
    if scripts.is_file() and _os.access(scripts, _os.X_OK):
        return str(scripts)
    candidates: _List[_Path] = []
    for tree in _source_trees():
        target = _Path(_os.environ.get("CARGO_TARGET_DIR") or tree / "target")
        if not target.is_absolute():
            target = tree / target
        candidates += [target / "debug" / exe, target / "release" / exe]
    found = [c for c in candidates if c.is_file() and _os.access(c, _os.X_OK)]
    if found:
        # The most recently built one.
        return str(max(found, key=lambda p: p.stat().st_mtime))
    raise EmulatorNotFound(
        f"cannot find the {_BINARY} binary: set {_ENV} to its path, put it on the PATH, or build "
        f"it in the chatadmin source tree with `cargo build -p chatadmin-emulator`"
        + (f" (looked in {', '.join(str(c) for c in candidates)})" if candidates else "")
    )


class Emulator:
    """The emulator as a context manager: starts on a free loopback port, stops on exit.

    The secret key is passed to the process through its environment, never on the command
    line, and is not shown by ``repr``.
    """

    def __init__(
        self,
        sdkappid: int = 1400000000,
        key: str = "chatadmin-python-test-key",
        *,
        admin: str = "administrator",
        rate_limit: str = "documented",
        binary: _Optional[str] = None,
        startup_timeout: float = 30.0,
    ) -> None:
        self.sdkappid = sdkappid
        self.key = key
        self.admin = admin
        self.rate_limit = rate_limit
        self.binary = binary
        self.startup_timeout = startup_timeout
        self._proc: _Optional[_subprocess.Popen] = None
        self._stderr: _Optional[_Any] = None
        self._base_url: _Optional[str] = None
        # Control requests never go through a proxy: the emulator is on loopback.
        self._http = _urlrequest.build_opener(_urlrequest.ProxyHandler({}))

    def __repr__(self) -> str:
        state = self._base_url or "not running"
        return f"Emulator(sdkappid={self.sdkappid}, admin={self.admin!r}, {state})"

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> "Emulator":
        """Starts the process and waits for its ``listening on http://HOST:PORT`` line."""
        if self._proc is not None:
            return self
        binary = self.binary or find_emulator()
        env = dict(_os.environ)
        env["CHATADMIN_SECRET_KEY"] = self.key
        self._stderr = _tempfile.TemporaryFile()
        args = [
            binary,
            "--sdkappid",
            str(self.sdkappid),
            "--admin",
            self.admin,
            "--listen",
            "127.0.0.1:0",
            "--rate-limit",
            self.rate_limit,
        ]
        self._proc = _subprocess.Popen(
            args,
            stdin=_subprocess.DEVNULL,
            stdout=_subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        first: _List[bytes] = []
        reader = _threading.Thread(target=lambda: first.append(self._proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(self.startup_timeout)
        line = first[0].decode("utf-8", "replace").strip() if first else ""
        prefix = "listening on "
        if not line.startswith(prefix):
            detail = self._stop_and_read_stderr()
            why = f"printed {line!r}" if first else f"said nothing in {self.startup_timeout} s"
            raise EmulatorError(f"{binary} did not start: it {why}; stderr: {detail or '(empty)'}")
        self._base_url = line[len(prefix) :].strip()
        # Keep draining stdout so the process never blocks on a full pipe.
        _threading.Thread(target=self._drain, daemon=True).start()
        return self

    def _drain(self) -> None:
        proc = self._proc
        if proc is not None and proc.stdout is not None:
            for _ in proc.stdout:
                pass

    def _stop_and_read_stderr(self) -> str:
        if self._proc is not None:
            # A failing process is usually exiting: let it finish writing its stderr.
            try:
                self._proc.wait(timeout=2)
            except _subprocess.TimeoutExpired:
                pass
        self.stop()
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0)
            text = self._stderr.read().decode("utf-8", "replace").strip()
        finally:
            self._stderr.close()
            self._stderr = None
        return text.replace(self.key, "<redacted>") if self.key else text

    def stop(self) -> None:
        """Stops the process (idempotent)."""
        proc, self._proc = self._proc, None
        self._base_url = None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except _subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    # -- access ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running emulator."""
        if self._base_url is None:
            raise EmulatorError("the emulator is not running; use it as a context manager or call start()")
        return self._base_url

    def client(self, **kwargs: _Any) -> _Client:
        """A :class:`chatadmin.Client` for this emulator (keyword arguments are passed on)."""
        kwargs.setdefault("admin", self.admin)
        return _Client(self.sdkappid, self.key, base_url=self.base_url, **kwargs)

    # -- control --------------------------------------------------------------------------

    def _control(self, method: str, route: str, body: _Optional[_Dict[str, _Any]] = None) -> _Any:
        url = f"{self.base_url}/__emulator/{route}"
        data = None if body is None else _json.dumps(body).encode()
        req = _urlrequest.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with self._http.open(req, timeout=30) as resp:
                raw = resp.read()
        except _urlerror.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            raise EmulatorError(f"{method} /__emulator/{route} failed with HTTP {e.code}: {detail}") from None
        return _json.loads(raw) if raw else None

    def reset(self) -> None:
        """Clears all state, faults and hit counters."""
        self._control("POST", "reset", {})

    def inject_fault(
        self,
        path: str,
        *,
        times: int = 1,
        after: int = 0,
        error_code: _Optional[int] = None,
        error_info: _Optional[str] = None,
        http_status: _Optional[int] = None,
        latency_ms: _Optional[int] = None,
        drop_connection: bool = False,
    ) -> None:
        """Makes the next ``times`` calls to ``path`` fail (``error_code``, ``http_status``,
        ``drop_connection``) or answer late (``latency_ms``): give exactly one kind. With
        ``after=k`` the first ``k`` calls pass and the fault applies from the next one (e.g.
        the third part of a split call)."""
        body: _Dict[str, _Any] = {"path": path, "times": times, "after": after}
        if error_code is not None:
            body["error_code"] = error_code
            if error_info is not None:
                body["error_info"] = error_info
        if http_status is not None:
            body["http_status"] = http_status
        if latency_ms is not None:
            body["latency_ms"] = latency_ms
        if drop_connection:
            body["drop_connection"] = True
        self._control("POST", "fault", body)

    def clear_faults(self) -> None:
        """Removes every injected fault."""
        self._control("POST", "clear_faults", {})

    def hits(self, path: str) -> int:
        """How many requests reached ``path`` (``sns/friend_delete``) since the last reset."""
        return int(self._control("GET", "hits?path=" + _urlparse.quote(path, safe="/"))["hits"])

    def all_hits(self) -> _Dict[str, int]:
        """Requests per path since the last reset."""
        return dict(self._control("GET", "hits")["hits"])

    def state(self) -> _Dict[str, _Any]:
        """The emulator's state as JSON (accounts, friends, groups, ...)."""
        return self._control("GET", "state")

    def add_accounts(self, user_ids: _Iterable[str]) -> None:
        """Creates accounts directly (no API call is counted)."""
        self._control("POST", "accounts", {"UserID": list(user_ids)})

    def add_friends(self, from_account: str, to_accounts: _Iterable[str], *, both_ways: bool = True) -> None:
        """Makes ``to_accounts`` friends of ``from_account`` (and the reverse with ``both_ways``)."""
        self._control(
            "POST",
            "friends",
            {"From_Account": from_account, "To_Account": list(to_accounts), "BothWays": both_ways},
        )

    def set_friend_lists(self, from_account: str, lists: _Dict[str, _Iterable[str]]) -> None:
        """Sets the friend lists of ``from_account``: ``{"family": ["bob"]}``."""
        self._control(
            "POST",
            "friend_lists",
            {"From_Account": from_account, "Lists": {k: list(v) for k, v in lists.items()}},
        )

    # -- client sessions and the clock ----------------------------------------------------

    def now(self) -> int:
        """The emulator's clock, unix seconds (the real time plus every :meth:`advance_clock`)."""
        return int(self._control("GET", "clock")["now"])

    def advance_clock(self, seconds: int) -> int:
        """Moves the emulator's clock forward (UserSig expiry, ``kick``, ``AddTime``), without
        sleeping; returns the new time."""
        return int(self._control("POST", "clock", {"advance": int(seconds)})["now"])

    def user_sig(self, user_id: str, *, expire: int = 86400, now: _Optional[int] = None) -> str:
        """A UserSig for ``user_id`` signed with this emulator's key, issued at ``now`` (default:
        the emulator's clock)."""
        from chatadmin import usersig as _usersig

        issued = self.now() if now is None else now
        return _usersig.generate(self.sdkappid, self.key, user_id, expire, now=issued)

    def login(self, user_id: str, user_sig: str, *, platform: str = "Android") -> None:
        """Logs ``user_id`` in as a client SDK would, with ``user_sig``: the emulator checks the
        UserSig (key, identifier, expiry, and that it was issued after the user's last ``kick``)
        and raises :class:`EmulatorError` when the service would refuse the login."""
        self._control("POST", "login", {"UserID": user_id, "UserSig": user_sig, "Platform": platform})

    def logout(self, user_id: str) -> None:
        """Ends ``user_id``'s client session."""
        self._control("POST", "logout", {"UserID": user_id})

    def push_online(self, user_id: str) -> None:
        """Puts ``user_id``'s session in the background (``PushOnline``)."""
        self._control("POST", "push_online", {"UserID": user_id})
