"""chatadmin: the server-side SDK for the Tencent Cloud Chat (formerly Tencent IM) REST API.

The protocol is implemented once, in Rust; this package binds it::

    import chatadmin

    client = chatadmin.Client(1400000000, "secret key", region="singapore")
    resp = client.friends.delete(from_account="alice", to_account=["bob"])
    print(resp.result_item[0].result_code)

- :class:`Client`: typed methods for every endpoint, grouped by area, plus ``call``.
- :mod:`chatadmin.msg`: message elements (``msg.text("hi")``) for ``msg_body``.
- :mod:`chatadmin.usersig`: generate, verify and inspect UserSigs.
- :mod:`chatadmin.testing`: the offline emulator for tests.
- Exceptions: :class:`ChatAdminError` and its subclasses.
"""

from . import msg, usersig
from ._chatadmin import __version__
from ._client import Client
from ._errors import (
    ApiError,
    ChatAdminError,
    ConfigError,
    DecodeError,
    InvalidArgument,
    InvalidUserSig,
    TimeoutError,
    TransportError,
)
from ._record import Record

__all__ = [
    "__version__",
    "Client",
    "Record",
    "ChatAdminError",
    "InvalidArgument",
    "TransportError",
    "TimeoutError",
    "ApiError",
    "DecodeError",
    "InvalidUserSig",
    "ConfigError",
    "endpoints",
    "snake_case",
    "read_history_file",
    "usersig",
    "msg",
]


def endpoints() -> list:
    """Every endpoint core defines: ``path``, ``area``, ``method``, ``summary``, ``doc_url``,
    ``rate_limit_per_sec``, ``idempotency``, ``limits``, ``split_field`` and ``request`` (the
    request schema: fields with wire and snake_case names)."""
    from ._chatadmin import endpoints as _endpoints

    return _endpoints()


def snake_case(wire_name: str) -> str:
    """The snake_case name of a wire name (``"To_Account"`` → ``"to_account"``): the rule the
    keyword arguments and :class:`Record` attributes follow."""
    from ._chatadmin import snake_case as _snake_case

    return _snake_case(wire_name)


def read_history_file(path, file=None):
    """Reads a downloaded hourly message archive (``Client.download_history``) message by
    message, in bounded memory: an iterator of wire-form dicts (``From_Account``,
    ``To_Account`` or ``GroupId``, ``MsgTimestamp``, ``MsgSeq``, ``MsgRandom``, ``MsgBody``,
    ...), with the file's first line as ``header`` (``SdkAppId``, ``ChatType``, ``MsgTime``).

    With ``file`` (the ``history_files(...).file`` entry it came from) the compressed and
    decompressed sizes and MD5s are checked when the iteration reaches the end; a mismatch, a
    truncated file or one that is not a gzip archive raises :class:`DecodeError`.
    """
    import os

    from ._chatadmin import history_read_file

    return history_read_file(os.fspath(path), file)
