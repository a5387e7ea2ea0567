"""Message elements in wire form, for ``msg_body`` arguments::

    import chatadmin

    client.messages.send(from_account="a", to_account="b", msg_body=[chatadmin.msg.text("hi")])

Each function returns one element ``{"MsgType": ..., "MsgContent": {...}}`` as the service
reads it (the Rust core checks the body before sending: at least one element, at most one
custom element, at most 12 KB). Elements of other types (images, files...) can be written as
such dicts directly.
"""

from __future__ import annotations

__all__ = ["text", "custom", "face", "location"]


def _element(msg_type: str, content: dict) -> dict:
    return {"MsgType": msg_type, "MsgContent": content}


def text(s: str) -> dict:
    """A text element (``TIMTextElem``)."""
    if not isinstance(s, str):
        raise TypeError(f"text: expected a str, got {type(s).__name__}")
    return _element("TIMTextElem", {"Text": s})


def custom(data: str, desc: str | None = None, ext: str | None = None) -> dict:
    """A custom element (``TIMCustomElem``): app-defined ``data``, with an optional ``desc``
    (the offline push text) and ``ext`` (the APNs ``ext``). At most one per message."""
    content = {"Data": data}
    if desc is not None:
        content["Desc"] = desc
    if ext is not None:
        content["Ext"] = ext
    return _element("TIMCustomElem", content)


def face(index: int, data: str | None = None) -> dict:
    """An emoji element (``TIMFaceElem``): the app-defined ``index`` and optional ``data``."""
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError(f"face: index must be an int, got {type(index).__name__}")
    content: dict = {"Index": index}
    if data is not None:
        content["Data"] = data
    return _element("TIMFaceElem", content)


def location(desc: str, lat: float, lon: float) -> dict:
    """A location element (``TIMLocationElem``): a description, latitude and longitude."""
    return _element("TIMLocationElem", {"Desc": desc, "Latitude": float(lat), "Longitude": float(lon)})
