"""The exception hierarchy of chatadmin.

The extension raises these from one place (``bindings/python/src/errors.rs``), choosing the
class from the kind of core's error and filling in the attributes. Messages never contain the
secret key or a UserSig.
"""

from __future__ import annotations

import builtins
from typing import Any, Dict, Optional


class ChatAdminError(Exception):
    """Base of every chatadmin error.

    Attributes:
        message: the full message (also ``str(error)``).
        kind: ``"validation"``, ``"transport"``, ``"timeout"``, ``"api"``, ``"decode"``,
            ``"usersig"`` or ``"config"``.
        code: the service's ``ErrorCode`` for API errors, otherwise ``None``.
        info: the detail: the service's ``ErrorInfo`` for API errors, otherwise what is wrong.
        retryable: whether repeating the same call could succeed (for transport failures and
            timeouts, only when the endpoint cannot duplicate an effect).
        endpoint: the wire path of the call (``"sns/friend_delete"``), when known.
        partial: for a call split into several requests (a list longer than one request may
            carry) that failed part-way, ``{"parts": n, "succeeded": k, "completed": {...}}``:
            the first ``k`` requests took effect and ``completed`` is their merged response
            (wire names, per-item results included); otherwise ``None``.
    """

    kind: str = "error"

    def __init__(
        self,
        message: str = "",
        *,
        kind: Optional[str] = None,
        code: Optional[int] = None,
        info: Optional[str] = None,
        retryable: bool = False,
        endpoint: Optional[str] = None,
        partial: Optional[Dict[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if kind is not None:
            self.kind = kind
        self.code = code
        self.info = info if info is not None else message
        self.retryable = retryable
        self.endpoint = endpoint
        self.partial = partial

    def __str__(self) -> str:
        return self.message


class InvalidArgument(ChatAdminError, ValueError):
    """A request broke a documented rule, or an argument is not a field of the request.

    Nothing was sent. ``field`` names the offending field as a JSON path of wire names
    (``"To_Account[3]"``), or the argument as given for an unknown one; ``""`` for the whole
    request. From a typed method (``client.groups.create(...)``), ``argument`` names the same
    field as the path of keyword arguments (``"member_list[3].member_account"``), and the
    message ends with it; otherwise ``argument`` is ``None``.
    """

    kind = "validation"

    def __init__(self, message: str = "", *, field: str = "", **kw: Any) -> None:
        super().__init__(message, **kw)
        self.field = field
        self.argument: Optional[str] = None


class _HttpFailure(ChatAdminError):
    """What transport failures and timeouts share: ``status`` is the HTTP status when one was
    received; ``url`` the request URL with the UserSig redacted."""

    def __init__(
        self,
        message: str = "",
        *,
        status: Optional[int] = None,
        url: Optional[str] = None,
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.status = status
        self.url = url


class TransportError(_HttpFailure):
    """The network failed, or the HTTP exchange was not a service answer (5xx, 429, reset).

    ``status`` is the HTTP status when one was received; ``url`` the request URL with the
    UserSig redacted.
    """

    kind = "transport"


class TimeoutError(_HttpFailure, builtins.TimeoutError):
    """No answer in time; the call may or may not have taken effect.

    Also a builtin :class:`TimeoutError`. ``status`` and ``url`` as for
    :class:`TransportError`.
    """

    kind = "timeout"


class ApiError(ChatAdminError):
    """The service answered with a non-zero ``ErrorCode``.

    ``code`` and ``info`` are the service's ``ErrorCode`` and ``ErrorInfo``; ``meaning`` the
    documented meaning of the code, when known; ``display`` the ``ErrorDisplay``;
    ``request_id`` the ``RequestId`` (quote it to support); ``body`` the whole response body
    as a dict (some failed calls still carry per-item data).
    """

    kind = "api"

    def __init__(
        self,
        message: str = "",
        *,
        body: Optional[dict] = None,
        display: Optional[str] = None,
        request_id: Optional[str] = None,
        meaning: Optional[str] = None,
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.body = body
        self.display = display
        self.request_id = request_id
        self.meaning = meaning


class DecodeError(ChatAdminError):
    """The service's answer could not be understood."""

    kind = "decode"


class InvalidUserSig(ChatAdminError):
    """A UserSig was malformed or failed verification.

    ``check`` names the failed check: ``"malformed"``, ``"sdkappid_mismatch"``,
    ``"identifier_mismatch"``, ``"expired"``, ``"userbuf_mismatch"``,
    ``"signature_mismatch"`` or ``"invalid_input"``.
    """

    kind = "usersig"

    def __init__(self, message: str = "", *, check: str = "", **kw: Any) -> None:
        super().__init__(message, **kw)
        self.check = check


class ConfigError(ChatAdminError):
    """The client was configured wrongly (missing key, no region or base URL, ...)."""

    kind = "config"


# Shown as `chatadmin.ApiError` in tracebacks and reprs; pickling finds them there too.
for _cls in (
    ChatAdminError,
    InvalidArgument,
    TransportError,
    TimeoutError,
    ApiError,
    DecodeError,
    InvalidUserSig,
    ConfigError,
):
    _cls.__module__ = "chatadmin"
del _cls
