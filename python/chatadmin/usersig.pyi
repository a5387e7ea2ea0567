from typing import Any, Dict, List, Optional, Union

__all__: List[str]

DEFAULT_EXPIRE: int

def generate(
    sdkappid: int,
    key: str,
    identifier: str,
    expire: int = ...,
    *,
    now: Optional[int] = None,
    userbuf: Union[bytes, bytearray, str, None] = None,
    zlib_level: int = 6,
) -> str: ...
def verify(
    sdkappid: int,
    key: str,
    identifier: str,
    sig: str,
    *,
    now: Optional[int] = None,
    userbuf: Union[bytes, bytearray, str, None] = None,
) -> Dict[str, Any]: ...
def inspect(sig: str) -> Dict[str, Any]: ...
def private_map_key(
    sdkappid: int,
    key: str,
    identifier: str,
    *,
    room_id: Optional[int] = None,
    room_str: Optional[str] = None,
    privileges: int = 255,
    expire: int = ...,
    now: Optional[int] = None,
) -> str: ...


class Signer:
    def __init__(self, sdkappid: int, key: str, *, zlib_level: int = 0) -> None: ...
    @property
    def sdkappid(self) -> int: ...
    def generate(
        self,
        identifier: str,
        expire: int = ...,
        *,
        now: Optional[int] = None,
        userbuf: Union[bytes, bytearray, str, None] = None,
    ) -> str: ...
    def verify(
        self,
        identifier: str,
        sig: str,
        *,
        now: Optional[int] = None,
        userbuf: Union[bytes, bytearray, str, None] = None,
    ) -> Dict[str, Any]: ...
