"""Test support: the offline emulator of the service, running inside this process.

::

    from chatadmin.testing import Emulator

    with Emulator() as emu:
        emu.add_accounts(["alice", "bob"])
        client = emu.client()
        client.friends.delete(from_account="alice", to_account=["bob"])
        assert emu.hits("sns/friend_delete") == 1

The emulator (the ``chatadmin-emulator`` crate) is linked into this package's extension
module and runs on background threads of this process: there is nothing else to install or
find, it starts in milliseconds, and it stops when the ``with`` block ends, on :meth:`Emulator.stop`,
when the object is garbage-collected, or when the interpreter exits.

To test against a separately built ``chatadmin-emulator`` binary instead (a process serving
the same API and control routes), pass ``binary=PATH`` or set the environment variable
``CHATADMIN_EMULATOR_BIN`` to its path; :func:`find_emulator` finds one on the ``PATH``, in
this Python environment's scripts directory, or in ``target/debug`` or ``target/release`` of
the chatadmin source tree this package (or the current directory) is in.

Every control method is one operation of the emulator's control surface, defined once in the
``chatadmin-emulator`` crate and applied by the same code in-process and over HTTP.
"""

from __future__ import annotations

import atexit as _atexit
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
import weakref as _weakref
from pathlib import Path as _Path
from typing import Any as _Any, Dict as _Dict, Iterable as _Iterable, List as _List, Optional as _Optional

from ._chatadmin import Emulator as _InProcess, emulator_control_ops as _control_ops
from ._client import Client as _Client
from ._errors import ConfigError as _ConfigError

__all__ = ["Emulator", "EmulatorError", "EmulatorNotFound", "find_emulator"]

_BINARY = "chatadmin-emulator"
_ENV = "CHATADMIN_EMULATOR_BIN"

# The control operations, from the emulator crate: name -> {"read_only", "route", ...}.
_OPS = {op["name"]: op for op in _control_ops()}

# In-process emulators still running, stopped at interpreter exit.
_RUNNING: "_weakref.WeakSet[Emulator]" = _weakref.WeakSet()


@_atexit.register
def _stop_all() -> None:
    for emu in list(_RUNNING):
        emu.stop()


class EmulatorError(RuntimeError):
    """The emulator failed to start or refused a control request."""


class EmulatorNotFound(EmulatorError, FileNotFoundError):
    """The ``chatadmin-emulator`` binary could not be found (only when one was asked for)."""


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

    In-process by default. With ``binary`` (or ``CHATADMIN_EMULATOR_BIN``), it runs that
    binary as a child process instead; the secret key then goes through the process's
    environment, never its command line. ``repr`` never shows the key.
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
        self._server: _Optional[_InProcess] = None
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
        """Starts the emulator in this process (or, with a binary, starts the process and
        waits for its ``listening on http://HOST:PORT`` line)."""
        if self._server is not None or self._proc is not None:
            return self
        if self.binary is None and not _os.environ.get(_ENV):
            try:
                self._server = _InProcess(self.sdkappid, self.key, admin=self.admin, rate_limit=self.rate_limit)
            except _ConfigError as e:
                raise EmulatorError(str(e)) from None
            self._base_url = self._server.base_url
            _RUNNING.add(self)
            return self
        self._start_process(self.binary or find_emulator())
        return self

    def _start_process(self, binary: str) -> None:
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
        """Stops the emulator (idempotent)."""
        server, self._server = self._server, None
        proc, self._proc = self._proc, None
        self._base_url = None
        if server is not None:
            _RUNNING.discard(self)
            server.close()
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

    def _control(self, op: str, args: _Optional[_Dict[str, _Any]] = None) -> _Any:
        """Applies the control operation ``op`` with its fields ``args``: in-process, or over
        HTTP to the emulator's process. A refusal raises :class:`EmulatorError` with the
        status the HTTP control routes give it (400 a bad request, 403 a refused login)."""
        server = self._server
        if server is not None:
            status, answer = server.control(op, args or {})
            if status != 200:
                raise EmulatorError(f"emulator control {op!r} failed with HTTP {status}: {_json.dumps(answer)}")
            return answer
        spec = _OPS[op]
        route = f"{self.base_url}/__emulator/{spec['route']}"
        if spec["read_only"]:
            query = _urlparse.urlencode(args or {}, safe="/")
            req = _urlrequest.Request(route + ("?" + query if query else ""), method="GET")
        else:
            data = _json.dumps(args or {}).encode()
            req = _urlrequest.Request(route, data=data, method="POST", headers={"Content-Type": "application/json"})
        try:
            with self._http.open(req, timeout=30) as resp:
                raw = resp.read()
        except _urlerror.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            raise EmulatorError(f"emulator control {op!r} failed with HTTP {e.code}: {detail}") from None
        return _json.loads(raw) if raw else None

    def reset(self) -> None:
        """Clears all state, faults and hit counters."""
        self._control("reset")

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
        drop_after_effect: bool = False,
    ) -> None:
        """Makes the next ``times`` calls to ``path`` fail (``error_code``, ``http_status``,
        ``drop_connection``), take effect and lose their answer (``drop_after_effect``: the
        connection closes after the state changed, as when a timeout hits a call the service
        applied) or answer late (``latency_ms``): give exactly one kind. With
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
        if drop_after_effect:
            body["drop_after_effect"] = True
        self._control("fault", body)

    def clear_faults(self) -> None:
        """Removes every injected fault."""
        self._control("clear_faults")

    def hits(self, path: str) -> int:
        """How many requests reached ``path`` (``sns/friend_delete``) since the last reset."""
        return int(self._control("hits", {"path": path})["hits"])

    def all_hits(self) -> _Dict[str, int]:
        """Requests per path since the last reset."""
        return dict(self._control("hits")["hits"])

    def state(self) -> _Dict[str, _Any]:
        """The emulator's state as JSON (accounts, friends, groups, ...)."""
        return self._control("state")

    def add_accounts(self, user_ids: _Iterable[str]) -> None:
        """Creates accounts directly (no API call is counted)."""
        self._control("accounts", {"UserID": list(user_ids)})

    def add_friends(self, from_account: str, to_accounts: _Iterable[str], *, both_ways: bool = True) -> None:
        """Makes ``to_accounts`` friends of ``from_account`` (and the reverse with ``both_ways``)."""
        self._control(
            "friends",
            {"From_Account": from_account, "To_Account": list(to_accounts), "BothWays": both_ways},
        )

    def set_friend_lists(self, from_account: str, lists: _Dict[str, _Iterable[str]]) -> None:
        """Sets the friend lists of ``from_account``: ``{"family": ["bob"]}``."""
        self._control(
            "friend_lists",
            {"From_Account": from_account, "Lists": {k: list(v) for k, v in lists.items()}},
        )

    # -- live-broadcast groups --------------------------------------------------------------

    def live_join(self, group_id: str, user_ids: _Iterable[str]) -> None:
        """Users join a live-broadcast (AVChatRoom) group, as they would through the client SDK
        (the REST API cannot add them). A banned user raises :class:`EmulatorError` (HTTP 403)."""
        self._control("live_join", {"GroupId": group_id, "UserID": list(user_ids)})

    def live_leave(self, group_id: str, user_ids: _Iterable[str]) -> _List[bool]:
        """Users leave a live-broadcast group; returns, per user, whether they were in it."""
        return list(self._control("live_leave", {"GroupId": group_id, "UserID": list(user_ids)})["was_online"])

    # -- conversation lists ----------------------------------------------------------------

    def touch_conversation(
        self,
        from_account: str,
        *,
        to_account: _Optional[str | _List[str]] = None,
        group_id: _Optional[str] = None,
        msg_time: _Optional[int] = None,
        unread: int = 0,
        pinned: _Optional[bool] = None,
    ) -> None:
        """Puts ``from_account``'s conversation with ``to_account`` (one or a list; or the group
        ``group_id``)
        in its list as a message at ``msg_time`` (default: now) would, with ``unread`` more
        unread messages; ``pinned`` pins or unpins it (given alone, it only pins or unpins).
        Sends update the lists by themselves: this seeds many conversations quickly."""
        body: _Dict[str, _Any] = {"From_Account": from_account}
        if unread:
            body["Unread"] = int(unread)
        if to_account is not None:
            body["To_Account"] = to_account if isinstance(to_account, str) else list(to_account)
        if group_id is not None:
            body["GroupId"] = group_id
        if msg_time is not None:
            body["MsgTime"] = int(msg_time)
        if pinned is not None:
            body["Pinned"] = bool(pinned)
        self._control("conversation_touch", body)

    # -- client sessions and the clock ----------------------------------------------------

    def now(self) -> int:
        """The emulator's clock, unix seconds (the real time plus every :meth:`advance_clock`)."""
        return int(self._control("clock")["now"])

    def advance_clock(self, seconds: int) -> int:
        """Moves the emulator's clock forward (UserSig expiry, ``kick``, ``AddTime``), without
        sleeping; returns the new time."""
        return int(self._control("advance_clock", {"advance": int(seconds)})["now"])

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
        self._control("login", {"UserID": user_id, "UserSig": user_sig, "Platform": platform})

    def logout(self, user_id: str) -> None:
        """Ends ``user_id``'s client session."""
        self._control("logout", {"UserID": user_id})

    def push_online(self, user_id: str) -> None:
        """Puts ``user_id``'s session in the background (``PushOnline``)."""
        self._control("push_online", {"UserID": user_id})
