import os
from typing import Any, Dict, List, Mapping, Optional, Union

from . import msg as msg
from . import usersig as usersig
from ._client import Client as Client
from ._errors import (
    ApiError as ApiError,
    ChatAdminError as ChatAdminError,
    ConfigError as ConfigError,
    DecodeError as DecodeError,
    InvalidArgument as InvalidArgument,
    InvalidUserSig as InvalidUserSig,
    TimeoutError as TimeoutError,
    TransportError as TransportError,
)
from ._record import Record as Record
from ._chatadmin import HistoryReader

__version__: str
__all__: List[str]

def endpoints() -> List[Dict[str, Any]]: ...
def snake_case(wire_name: str) -> str: ...
def read_history_file(
    path: Union[str, "os.PathLike[str]"], file: Optional[Mapping[str, Any]] = None
) -> HistoryReader: ...
