# Stub of the extension module built from bindings/python (PyO3). Checked against the built
# module by python/tests/test_stubs.py.
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

__version__: str
USERSIG_DEFAULT_EXPIRE: int

class Client:
    def __new__(
        cls,
        sdkappid: int,
        secret_key: Optional[str] = None,
        *,
        admin: str = "administrator",
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = 10.0,
        connect_timeout: float = 5.0,
        total_timeout: float = 60.0,
        retries: Optional[int] = None,
        proxy: Optional[str] = None,
        rate_limit: Union[str, int, None] = "documented",
        user_agent: Optional[str] = None,
    ) -> "Client": ...
    @property
    def sdkappid(self) -> int: ...
    @property
    def admin(self) -> str: ...
    def call(self, wire_path: str, body: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]: ...
    def _call_typed(self, wire_path: str, arguments: Dict[str, Any]) -> Dict[str, Any]: ...
    def _page(
        self, wire_path: str, arguments: Dict[str, Any]
    ) -> Tuple[Dict[str, Any], Optional[Dict[str, Any]]]: ...

class Emulator:
    def __new__(
        cls,
        sdkappid: int,
        key: str,
        *,
        admin: str = "administrator",
        rate_limit: str = "documented",
        listen: str = "127.0.0.1:0",
    ) -> "Emulator": ...
    @property
    def base_url(self) -> str: ...
    @property
    def sdkappid(self) -> int: ...
    @property
    def admin(self) -> str: ...
    @property
    def running(self) -> bool: ...
    def control(self, op: str, args: Optional[Mapping[str, Any]] = None) -> Tuple[int, Any]: ...
    def close(self) -> None: ...

class HistoryReader:
    def __iter__(self) -> Iterator[Dict[str, Any]]: ...
    def __next__(self) -> Dict[str, Any]: ...
    @property
    def header(self) -> Optional[Dict[str, Any]]: ...

def history_download(
    client: Client, file: Mapping[str, Any], path: Optional[str] = None
) -> Union[int, bytes]: ...
def history_read(client: Client, chat_type: str, msg_time: str) -> HistoryReader: ...
def history_read_file(path: str, file: Optional[Mapping[str, Any]] = None) -> HistoryReader: ...
def emulator_control_ops() -> List[Dict[str, Any]]: ...
def endpoints() -> List[Dict[str, Any]]: ...
def snake_case(wire: str) -> str: ...
def usersig_generate(
    sdkappid: int,
    key: str,
    identifier: str,
    expire: int = ...,
    *,
    now: Optional[int] = None,
    userbuf: Union[bytes, bytearray, str, None] = None,
    zlib_level: int = 6,
) -> str: ...
def usersig_verify(
    sdkappid: int,
    key: str,
    identifier: str,
    sig: str,
    *,
    now: Optional[int] = None,
    userbuf: Union[bytes, bytearray, str, None] = None,
) -> Dict[str, Any]: ...
def usersig_inspect(sig: str) -> Dict[str, Any]: ...
def usersig_private_map_key(
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
