"""UserSig (TLSSigAPIv2, HMAC-SHA256): generate, verify, inspect, PrivateMapKey.

Every function is core's (``chatadmin_core::usersig``). Times are Unix seconds; ``now=None``
reads the clock. Failures raise :class:`chatadmin.InvalidUserSig` whose ``check`` says which
check failed (``"expired"``, ``"signature_mismatch"``, ...).
"""

from __future__ import annotations

from typing import Any as _Any, Dict as _Dict, Optional as _Optional, Union as _Union

from . import _chatadmin

__all__ = ["DEFAULT_EXPIRE", "generate", "verify", "inspect", "private_map_key"]

#: The validity the official libraries use when none is given: 180 days.
DEFAULT_EXPIRE: int = _chatadmin.USERSIG_DEFAULT_EXPIRE

_Bytes = _Union[bytes, bytearray, str]


def generate(
    sdkappid: int,
    key: str,
    identifier: str,
    expire: int = DEFAULT_EXPIRE,
    *,
    now: _Optional[int] = None,
    userbuf: _Optional[_Bytes] = None,
) -> str:
    """A UserSig for ``identifier``, valid ``expire`` seconds from ``now``, binding ``userbuf``
    (bytes, or str as UTF-8) when given. Identical in fields and ``TLS.sig`` to the official
    libraries' output for the same inputs."""
    return _chatadmin.usersig_generate(sdkappid, key, identifier, expire, now=now, userbuf=userbuf)


def verify(
    sdkappid: int,
    key: str,
    identifier: str,
    sig: str,
    *,
    now: _Optional[int] = None,
    userbuf: _Optional[_Bytes] = None,
) -> _Dict[str, _Any]:
    """Verifies ``sig`` and returns its decoded document (``{"TLS.ver": "2.0", ...}``).

    Without ``userbuf`` the UserSig must carry none; with it, exactly those bytes. Raises
    :class:`chatadmin.InvalidUserSig` naming the failed check."""
    return _chatadmin.usersig_verify(sdkappid, key, identifier, sig, now=now, userbuf=userbuf)


def inspect(sig: str) -> _Dict[str, _Any]:
    """Decodes a UserSig without verifying it. The result contains ``TLS.sig``: treat it as
    a secret."""
    return _chatadmin.usersig_inspect(sig)


def private_map_key(
    sdkappid: int,
    key: str,
    identifier: str,
    *,
    room_id: _Optional[int] = None,
    room_str: _Optional[str] = None,
    privileges: int = 255,
    expire: int = DEFAULT_EXPIRE,
    now: _Optional[int] = None,
) -> str:
    """A PrivateMapKey granting ``privileges`` (bit flags, 255 = all) in a TRTC room: give
    exactly one of ``room_id`` (numeric room) or ``room_str`` (string room)."""
    return _chatadmin.usersig_private_map_key(
        sdkappid,
        key,
        identifier,
        room_id=room_id,
        room_str=room_str,
        privileges=privileges,
        expire=expire,
        now=now,
    )
