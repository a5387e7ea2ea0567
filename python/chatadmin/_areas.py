"""The typed endpoint methods, generated at import from core's endpoint registry.

Nothing here lists endpoints: ``_chatadmin.endpoints()`` returns every endpoint core defines
with its area accessor, method name and traced request schema (wire names, snake_case names,
required fields). Each area becomes a class with one method per endpoint, whose keyword
arguments are the request's snake_case field names; the stub ``_areas.pyi`` is generated from
the same data by ``python/tools/gen_stubs.py`` and checked for drift by the tests.
"""

from __future__ import annotations

import inspect as _inspect
import keyword as _keyword
from typing import Any, Callable, Dict, Iterator, List, Tuple

from . import _chatadmin
from ._errors import InvalidArgument
from ._record import Record

ENDPOINTS: Tuple[Dict[str, Any], ...] = tuple(_chatadmin.endpoints())


def python_name(name: str) -> str:
    """A snake_case name as a Python identifier: keywords get a trailing underscore
    (``import`` → ``import_``)."""
    return name + "_" if _keyword.iskeyword(name) else name


def class_name(accessor: str) -> str:
    """The class of an area: ``friend_lists`` → ``FriendLists``."""
    return "".join(part[:1].upper() + part[1:] for part in accessor.split("_"))


def request_fields(endpoint: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The top-level fields of an endpoint's request schema."""
    request = endpoint.get("request") or {}
    return list(request.get("fields") or [])


def method_doc(endpoint: Dict[str, Any]) -> str:
    """The docstring of an endpoint's method (also written into the stub)."""
    lines = [
        f"{endpoint['summary']}.",
        "",
        f"``{endpoint['versioned_path']}``; {endpoint['doc_url']}",
    ]
    fields = request_fields(endpoint)
    if fields:
        lines += ["", "Keyword arguments (wire names):"]
        _describe_fields(fields, lines, "    ")
    limits = endpoint.get("limits") or []
    if limits:
        lines += ["", "Documented limits, checked before sending (InvalidArgument otherwise):"]
        for limit in limits:
            lines.append(f"    {argument_path(fields, limit['field']) or limit['field']}: {_limit_text(limit)}")
    return "\n".join(lines)


def _limit_text(limit: Dict[str, Any]) -> str:
    """``{"kind": "bytes", "min": 1, "max": 30}`` as ``1 to 30 bytes``."""
    low, high = limit["min"], limit["max"]
    unit = {"items": " items", "bytes": " bytes"}.get(limit["kind"], "")
    if limit["kind"] == "range":
        return f"from {low} to {high}"
    if low == 0:
        return f"at most {high}{unit}"
    return f"{low} to {high}{unit}"


def _struct_of(shape: Dict[str, Any]) -> Any:
    while shape.get("type") in ("optional", "list"):
        shape = shape.get("inner") or shape.get("items") or {}
    return shape if shape.get("type") == "struct" else None


def _values_of(shape: Dict[str, Any]) -> List[str]:
    """The documented values of a wire enum (also inside an optional or a list)."""
    while shape.get("type") in ("optional", "list"):
        shape = shape.get("inner") or shape.get("items") or {}
    return list(shape.get("values") or [])


def _describe_fields(fields: List[Dict[str, Any]], lines: List[str], indent: str) -> None:
    for f in fields:
        need = "required" if f["required"] else "optional"
        is_list = f["shape"].get("type") == "list" or (f["shape"].get("inner") or {}).get("type") == "list"
        nested = _struct_of(f["shape"])
        what = ", a list of objects with" if is_list and nested else ", an object with" if nested else ""
        values = _values_of(f["shape"])
        one_of = f"; one of {', '.join(repr(v) for v in values)}" if values else ""
        lines.append(f"{indent}{python_name(f['name'])}: ``{f['wire']}``, {need}{what}{one_of}")
        if nested:
            _describe_fields(nested["fields"], lines, indent + "    ")


def argument_path(fields: List[Dict[str, Any]], wire_path: str) -> Any:
    """A field path of wire names (``"MemberList[3].Member_Account"``) as the path of the
    Python arguments that set it (``"member_list[3].member_account"``); ``None`` when a part
    is not a field of the schema."""
    if not wire_path:
        return None
    out: List[str] = []
    current: Any = fields
    for segment in wire_path.split("."):
        wire, bracket, rest = segment.partition("[")
        field = next((f for f in current or () if f["wire"] == wire), None)
        if field is None:
            return None
        out.append(python_name(field["name"]) + (bracket + rest if bracket else ""))
        nested = _struct_of(field["shape"])
        current = nested["fields"] if nested else None
    return ".".join(out)


def _name_argument(error: InvalidArgument, fields: List[Dict[str, Any]]) -> None:
    """Adds the Python argument to a validation error that names a wire field."""
    argument = argument_path(fields, error.field)
    error.argument = argument
    if argument is not None and argument != error.field:
        error.message = f"{error.message} (argument {argument})"
        error.args = (error.message,)


class Area:
    """The endpoints of one API area, bound to a client (``client.friends``)."""

    __slots__ = ("_client",)
    accessor: str = ""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} area of {self._client!r}>"


def _make_method(endpoint: Dict[str, Any], owner: str) -> Callable[..., Record]:
    path = endpoint["path"]
    fields = request_fields(endpoint)
    # Python parameter -> snake_case name of the schema (differs only for keywords).
    renamed = {python_name(f["name"]): f["name"] for f in fields if python_name(f["name"]) != f["name"]}

    def method(self: Area, **arguments: Any) -> Record:
        if renamed:
            arguments = {renamed.get(k, k): v for k, v in arguments.items()}
        try:
            return Record(self._client._call_typed(path, arguments))
        except InvalidArgument as e:
            _name_argument(e, fields)
            raise

    name = python_name(endpoint["method"])
    method.__name__ = name
    method.__qualname__ = f"{owner}.{name}"
    method.__doc__ = method_doc(endpoint)
    params = [_inspect.Parameter("self", _inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for f in fields:
        default = _inspect.Parameter.empty if f["required"] else None
        params.append(
            _inspect.Parameter(python_name(f["name"]), _inspect.Parameter.KEYWORD_ONLY, default=default)
        )
    method.__signature__ = _inspect.Signature(params)  # type: ignore[attr-defined]
    return method


def iter_doc(endpoint: Dict[str, Any]) -> str:
    """The docstring of a paged read's iterator (also written into the stub)."""
    return "\n".join(
        [
            f"Every item of ``{endpoint['page_items']}`` across all pages of "
            f"``{endpoint['versioned_path']}``, fetched page by page as the iteration goes.",
            "",
            f"Takes the same keyword arguments as :meth:`{python_name(endpoint['method'])}` (the "
            "first page's request); the next pages' cursors come from each response. An error "
            "is raised where the failing page would start.",
        ]
    )


def _make_iterator(endpoint: Dict[str, Any], owner: str, method: Callable[..., Record]) -> Callable[..., Iterator[Record]]:
    path = endpoint["path"]
    items_field = endpoint["page_items"]
    fields = request_fields(endpoint)
    renamed = {python_name(f["name"]): f["name"] for f in fields if python_name(f["name"]) != f["name"]}

    def iterate(self: Area, **arguments: Any) -> Iterator[Record]:
        if renamed:
            arguments = {renamed.get(k, k): v for k, v in arguments.items()}
        body: Any = arguments
        while body is not None:
            try:
                response, body = self._client._page(path, body)
            except InvalidArgument as e:
                _name_argument(e, fields)
                raise
            for item in response.get(items_field) or ():
                yield Record(item)

    name = "iter_" + python_name(endpoint["method"])
    iterate.__name__ = name
    iterate.__qualname__ = f"{owner}.{name}"
    iterate.__doc__ = iter_doc(endpoint)
    iterate.__signature__ = method.__signature__  # type: ignore[attr-defined]
    return iterate


def _build() -> Tuple[Dict[str, type], type]:
    by_area: Dict[str, List[Dict[str, Any]]] = {}
    for ep in ENDPOINTS:
        by_area.setdefault(ep["area"], []).append(ep)
    classes: Dict[str, type] = {}
    members: Dict[str, Any] = {"__slots__": (), "__doc__": "The area accessors of a client."}
    for accessor, eps in by_area.items():
        cls_name = class_name(accessor)
        body: Dict[str, Any] = {
            "__slots__": (),
            "__doc__": f"The ``{accessor}`` endpoints.",
            "__module__": __name__,
            "accessor": accessor,
        }
        for ep in eps:
            m = _make_method(ep, cls_name)
            body[m.__name__] = m
            if m.__name__ != ep["method"]:
                body[ep["method"]] = m  # reachable with getattr(area, "import") too
            if ep.get("page_items"):
                it = _make_iterator(ep, cls_name, m)
                body[it.__name__] = it
        cls = type(cls_name, (Area,), body)
        classes[accessor] = cls
        members[accessor] = property(lambda self, cls=cls: cls(self), doc=f"The ``{accessor}`` endpoints.")
    members["__module__"] = __name__
    return classes, type("Areas", (), members)


AREA_CLASSES, Areas = _build()
