"""``chatadmin.Client``: the Rust client plus the typed area accessors."""

from __future__ import annotations

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


Client.__module__ = "chatadmin"
