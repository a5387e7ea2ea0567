"""UserSig (TLSSigAPIv2, HMAC-SHA256): generate, verify, inspect, PrivateMapKey.

Every function is core's (``chatadmin_core::usersig``). Times are Unix seconds; ``now=None``
reads the clock. Failures raise :class:`chatadmin.InvalidUserSig` whose ``check`` says which
check failed (``"expired"``, ``"signature_mismatch"``, ...).

Code that signs often (a login server handing out UserSigs) should keep a :class:`Signer`:
it emits the zlib layer as stored blocks (level 0, as the official Go library does), which the
service and every verifier accept, and is several times faster than level 6
(``benches/python_bench.py`` measures it against the official ``tls-sig-api-v2``).
"""

from __future__ import annotations

from typing import Any as _Any, Dict as _Dict, Optional as _Optional, Union as _Union

from . import _chatadmin

__all__ = ["DEFAULT_EXPIRE", "Signer", "generate", "verify", "inspect", "private_map_key"]

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
    zlib_level: int = 6,
) -> str:
    """A UserSig for ``identifier``, valid ``expire`` seconds from ``now``, binding ``userbuf``
    (bytes, or str as UTF-8) when given. Identical in fields and ``TLS.sig`` to the official
    libraries' output for the same inputs. ``zlib_level`` is 6 (zlib's default, as the official
    Python/Java/C++ libraries emit) or 0 (stored blocks, faster; see :class:`Signer`)."""
    return _chatadmin.usersig_generate(
        sdkappid, key, identifier, expire, now=now, userbuf=userbuf, zlib_level=zlib_level
    )


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


class Signer:
    """Generates and verifies UserSigs for one app: ``Signer(sdkappid, key)``.

    The same fields and ``TLS.sig`` as :func:`generate`; the zlib layer is ``zlib_level`` 0
    (stored blocks, as the official Go library emits) unless 6 is asked for. Its ``repr``
    never shows the key.
    """

    __slots__ = ("_sdkappid", "_key", "_level")

    def __init__(self, sdkappid: int, key: str, *, zlib_level: int = 0) -> None:
        if not isinstance(sdkappid, int) or isinstance(sdkappid, bool) or sdkappid < 0:
            raise TypeError("sdkappid must be a non-negative int")
        if not isinstance(key, str):
            raise TypeError(f"key must be str, not {type(key).__name__}")
        if zlib_level not in (0, 6):
            raise ValueError(f"zlib_level must be 0 (stored) or 6 (zlib default), not {zlib_level!r}")
        self._sdkappid = sdkappid
        self._key = key
        self._level = zlib_level

    @property
    def sdkappid(self) -> int:
        """The app this signer is for."""
        return self._sdkappid

    def __repr__(self) -> str:
        return f"Signer(sdkappid={self._sdkappid}, key=<redacted>, zlib_level={self._level})"

    def generate(
        self,
        identifier: str,
        expire: int = DEFAULT_EXPIRE,
        *,
        now: _Optional[int] = None,
        userbuf: _Optional[_Bytes] = None,
    ) -> str:
        """A UserSig for ``identifier``, as :func:`generate`."""
        return _chatadmin.usersig_generate(
            self._sdkappid, self._key, identifier, expire, now=now, userbuf=userbuf, zlib_level=self._level
        )

    def verify(
        self,
        identifier: str,
        sig: str,
        *,
        now: _Optional[int] = None,
        userbuf: _Optional[_Bytes] = None,
    ) -> _Dict[str, _Any]:
        """Verifies ``sig`` for ``identifier`` of this app, as :func:`verify`."""
        return _chatadmin.usersig_verify(self._sdkappid, self._key, identifier, sig, now=now, userbuf=userbuf)
