"""Responses with attribute access: ``resp.result_item[0].result_code``."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Dict, Iterator, List, Optional

from . import _chatadmin


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _unwrap(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value


class Record(Mapping):
    """A response object in wire form, readable by snake_case attribute.

    ``record.result_item`` reads the wire field ``ResultItem`` (core's snake_case rule, the
    same one the keyword arguments use); ``record["ResultItem"]`` works too. Nested objects are
    records, lists are lists. Unknown fields the service sends are kept and readable the same
    way. ``to_dict()`` returns the wire-form dict.
    """

    __slots__ = ("_data", "_names")

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: Dict[str, Any] = dict(data)
        self._names: Optional[Dict[str, str]] = None

    def _name_map(self) -> Dict[str, str]:
        if self._names is None:
            names: Dict[str, str] = {}
            for key in self._data:
                names.setdefault(_chatadmin.snake_case(key), key)
            self._names = names
        return self._names

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        key = self._name_map().get(name)
        if key is None:
            fields = ", ".join(self._name_map()) or "none"
            raise AttributeError(f"this record has no field {name!r}; its fields: {fields}")
        return _wrap(self._data[key])

    def __getitem__(self, key: str) -> Any:
        if key in self._data:
            return _wrap(self._data[key])
        wire = self._name_map().get(key)
        if wire is None:
            raise KeyError(key)
        return _wrap(self._data[wire])

    def __contains__(self, key: object) -> bool:
        return key in self._data or key in self._name_map()

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._name_map()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._data == _unwrap(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Record({self._data!r})"

    def __reduce__(self) -> Any:
        return (Record, (self._data,))

    def to_dict(self) -> Dict[str, Any]:
        """The record as a wire-form dict (a deep copy)."""
        return copy.deepcopy(self._data)


Record.__module__ = "chatadmin"
