"""``chatadmin.Client``: the Rust client plus the typed area accessors."""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from . import _chatadmin
from ._areas import Areas


class Client(_chatadmin.Client, Areas):  # type: ignore[misc, valid-type]
    """The client of one app (SDKAppID), safe to share across threads.

    ``Client(sdkappid, secret_key=None, *, admin="administrator", region=None, base_url=None,
    timeout=10.0, connect_timeout=5.0, total_timeout=60.0, retries=None, proxy=None,
    rate_limit="documented", user_agent=None)``

    - ``region`` (e.g. ``"singapore"``) or ``base_url`` (a proxy or the emulator): exactly one.
    - ``timeout`` per attempt, ``connect_timeout``, ``total_timeout`` (all attempts and waits),
      in seconds.
    - ``retries``: retries after the first attempt (0 = none); ``None`` is the default policy
      shared by every chatadmin surface (3 attempts in all, i.e. 2 retries), with exponential
      backoff and jitter; only what cannot duplicate an effect is retried.
    - ``rate_limit``: ``"documented"`` (each endpoint at its documented rate), ``"off"``, or
      calls per second for every endpoint.

    Endpoints are methods grouped by area, with the request's fields as snake_case keyword
    arguments (``client.friends.delete(from_account="a", to_account=["b"])``), returning a
    :class:`~chatadmin.Record`; ``client.call(wire_path, body)`` calls any endpoint with a
    wire-form dict and returns one. Network calls release the GIL. ``repr`` never shows the key.
    """

    __slots__ = ()

    def download_history(
        self, file: Mapping[str, Any], path: Union[str, "os.PathLike[str]", None] = None
    ) -> Union[int, bytes]:
        """Downloads one hourly message archive file.

        ``file`` is an entry of ``client.operations.history_files(...).file`` (or a dict with
        its ``URL``, ``GzipSize`` and ``GzipMD5``). The GET goes to the address the service
        gave, through this client's proxy and timeouts, without the UserSig; ``GzipSize`` and
        ``GzipMD5`` are checked as the bytes arrive (a mismatch raises
        :class:`~chatadmin.DecodeError` naming the field, an expired address
        :class:`~chatadmin.TransportError` with ``status`` 403).

        With ``path``, the file is written there (it appears only once verified) and its size
        is returned; without, the compressed bytes are returned. Read it with
        :func:`chatadmin.read_history_file`. Releases the GIL.
        """
        return _chatadmin.history_download(self, file, None if path is None else os.fspath(path))

    def read_history(self, chat_type: str, msg_time: str) -> "_chatadmin.HistoryReader":
        """Reads one hour's message archive: ``get_history`` for ``chat_type`` (``"C2C"`` or
        ``"Group"``) and ``msg_time`` (``"YYYYMMDDHH"``, Beijing time), then every file it
        names, streamed from the network and gunzipped without touching the disk.

        Returns an iterator of messages, each a wire-form dict as the file has it
        (``From_Account``, ``To_Account`` or ``GroupId``, ``MsgTimestamp``, ``MsgSeq``,
        ``MsgRandom``, ``MsgBody``, ...); its ``header`` is the current file's first line. All
        four sizes and MD5s are checked when a file ends (a mismatch raises
        :class:`~chatadmin.DecodeError` naming the field). An hour without a file raises
        :class:`~chatadmin.ApiError` (1004 not generated or no message, 1005 expired).
        """
        return _chatadmin.history_read(self, chat_type, msg_time)


Client.__module__ = "chatadmin"
