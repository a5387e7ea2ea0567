"""UserSig: the spec's vectors, negative cases, and interop with the official library
(``tls-sig-api-v2``, module ``TLSSigAPIv2``) in both directions."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

import chatadmin
from chatadmin import usersig

# Test vectors of the UserSig spec (copied from shared/spec/usersig.md).
APP = 1400000000
KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
T0 = 1569910200
EXPIRE = 15552000

V1_SIG = "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="
V1_COMPACT = (
    "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyKRWFGQWpQLFTU1NjeCiJZm5YDEzS0tDAy"
    "OYaHFmOtBM54KsUqeUwGLLqPK8UndHryCL-Lx8-1RPy7Ty1AijMk9f30hLk0x-r3CvSFulWgAPYy*9"
)
V1_OFFICIAL = (
    "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIk4MLFKdmJBQWZKUBBQxMDKIDKpVYUZBalgmRMTU2NEOIlmbkQUTNLS0"
    "MDI7h4cWY6yGzngqxSp5TAYsuo8rxSd0evIIv8vHz-VE-LtPLUCKMyT1-fSEuTTH*vcK9IW6VaAGblMR0_"
)
V1_LEVEL0 = (
    "eAEBpQBa-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiMCIsIlRMUy5zZGthcHBpZCI6MTQwMDAwMDAwMCwi"
    "VExTLmV4cGlyZSI6MTU1NTIwMDAsIlRMUy50aW1lIjoxNTY5OTEwMjAwLCJUTFMuc2lnIjoiQ3BqdUJkUXM5WndudUdBSlI4"
    "b25vT2VJOWZ3ZVgydklNTVk5NGlPSldKWT0ifQ9jL70_"
)
V1_LEVEL1 = (
    "eAGrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAKE*tKMgsSgWKm5qaGgFlIKIlmblgMTNL"
    "S0MDoDBEtDgzHWiVc0FWqVNKYLFlVHleqbujV5BFfl6*f6qnZVp5aoRRmaevb6SlSaa-V7hXpK1SLQAPYy*9"
)
V2_SIG = "bC3u5cuslSg8Ds7KY58mhSkTrxunrFu50dkdkCYH4i8="
V2_COMPACT = (
    "eJw9zEELwiAcBfDv4jmGs1lu0GkRUd0chMeWbv2zDdEZg*i7J5a92-s9eC-UnHj2VBZViGQYLWIHqcYJOoic0El9MQYkqvIC"
    "--Jd1GzAquCUUvLXCYZoq7LMMUnqnbKt78KvOB-u6Rr6AG299PTq3YP3bOvWR0HZcOO6sbMf7c5TLLXUtdgXwDbo-QEmHTZF"
)
V3_USERBUF_B64 = "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"
V3_SIG = "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI="


def test_v1_generate_matches_the_vector():
    sig = usersig.generate(APP, KEY, "0", EXPIRE, now=T0)
    doc = usersig.inspect(sig)
    # Same document as the vector (the JSON's key order or zlib bytes may differ).
    assert doc == usersig.inspect(V1_COMPACT)
    assert doc["TLS.sig"] == V1_SIG
    assert (doc["TLS.identifier"], doc["TLS.sdkappid"], doc["TLS.time"], doc["TLS.expire"]) == ("0", APP, T0, EXPIRE)
    assert "TLS.userbuf" not in doc


@pytest.mark.parametrize(
    "sig",
    [
        V1_COMPACT,
        V1_OFFICIAL,
        V1_LEVEL0,
        V1_LEVEL1,
        V1_COMPACT.replace("*", "+").replace("-", "/"),  # the plain base64 alphabet
        V1_LEVEL0.rstrip("_"),  # padding dropped
        f"  {V1_COMPACT}\n",  # surrounding whitespace
    ],
)
def test_v1_every_form_verifies(sig):
    doc = usersig.verify(APP, KEY, "0", sig, now=T0 + 60)
    assert doc["TLS.sig"] == V1_SIG


def test_v2_userbuf():
    sig = usersig.generate(APP, KEY, "0", EXPIRE, now=T0, userbuf=b"abc")
    assert usersig.inspect(sig) == usersig.inspect(V2_COMPACT)
    assert usersig.inspect(sig)["TLS.userbuf"] == "YWJj"
    assert usersig.verify(APP, KEY, "0", V2_COMPACT, now=T0, userbuf=b"abc")["TLS.sig"] == V2_SIG
    assert usersig.verify(APP, KEY, "0", V2_COMPACT, now=T0, userbuf="abc")["TLS.sig"] == V2_SIG


def test_v3_private_map_key():
    now = 1700000000
    pmk = usersig.private_map_key(APP, KEY, "xiaojun", room_id=10000, privileges=255, expire=EXPIRE, now=now)
    doc = usersig.inspect(pmk)
    assert doc["TLS.userbuf"] == V3_USERBUF_B64
    assert doc["TLS.sig"] == V3_SIG
    assert base64.b64decode(V3_USERBUF_B64).hex() == "0000077869616f6a756e53724e000000271066413f00000000ff00000000"
    usersig.verify(APP, KEY, "xiaojun", pmk, now=now, userbuf=base64.b64decode(V3_USERBUF_B64))
    assert usersig.private_map_key(APP, KEY, "x", room_str="lobby", now=now) != pmk
    with pytest.raises(chatadmin.InvalidArgument):
        usersig.private_map_key(APP, KEY, "x", room_id=1, room_str="a")
    with pytest.raises(chatadmin.InvalidArgument):
        usersig.private_map_key(APP, KEY, "x")


def _check(fn) -> str:
    with pytest.raises(chatadmin.InvalidUserSig) as info:
        fn()
    e = info.value
    assert e.kind == "usersig" and e.code is None and e.retryable is False
    assert KEY not in str(e)
    return e.check


def test_negative_cases_name_the_failed_check():
    sig = V1_COMPACT
    ok_until = T0 + EXPIRE
    usersig.verify(APP, KEY, "0", sig, now=ok_until)  # the last valid second
    assert _check(lambda: usersig.verify(APP + 1, KEY, "0", sig, now=T0)) == "sdkappid_mismatch"
    assert _check(lambda: usersig.verify(APP, KEY, "1", sig, now=T0)) == "identifier_mismatch"
    assert _check(lambda: usersig.verify(APP, KEY, "0", sig, now=ok_until + 1)) == "expired"
    assert _check(lambda: usersig.verify(APP, KEY[:-1] + "f", "0", sig, now=T0)) == "signature_mismatch"
    assert _check(lambda: usersig.verify(APP, KEY, "0", sig, now=T0, userbuf=b"abc")) == "userbuf_mismatch"
    assert _check(lambda: usersig.verify(APP, KEY, "0", V2_COMPACT, now=T0)) == "userbuf_mismatch"
    assert _check(lambda: usersig.verify(APP, KEY, "0", V2_COMPACT, now=T0, userbuf=b"abd")) == "userbuf_mismatch"
    assert _check(lambda: usersig.verify(APP, "", "0", sig, now=T0)) == "invalid_input"
    not_zlib = base64.b64encode(b"hello world").decode().replace("=", "_")
    not_json = base64.b64encode(zlib.compress(b"not json")).decode().replace("+", "*").replace("/", "-").replace("=", "_")
    for bad in ["%%%not base64%%%", not_zlib, not_json, sig[: len(sig) // 2], "", "   "]:
        assert _check(lambda: usersig.inspect(bad)) == "malformed", bad
        assert _check(lambda: usersig.verify(APP, KEY, "0", bad, now=T0)) == "malformed", bad


def test_default_clock_and_expire():
    sig = usersig.generate(APP, KEY, "alice")
    doc = usersig.verify(APP, KEY, "alice", sig)
    assert doc["TLS.expire"] == usersig.DEFAULT_EXPIRE == 15552000


# -- interop with the official library ------------------------------------------------------

TLSSigAPIv2 = pytest.importorskip("TLSSigAPIv2")


class _FixedClock:
    def __init__(self, now: int) -> None:
        self.now = now

    def time(self) -> float:
        return float(self.now)


def _official_decode(sig: str) -> dict:
    raw = TLSSigAPIv2.base64_decode_url(sig.encode())
    return json.loads(zlib.decompress(raw))


def test_official_sigs_verify_with_ours(monkeypatch):
    monkeypatch.setattr(TLSSigAPIv2, "time", _FixedClock(T0))
    api = TLSSigAPIv2.TLSSigAPIv2(APP, KEY)
    sig = api.gen_sig("0", EXPIRE)
    doc = usersig.verify(APP, KEY, "0", sig, now=T0)
    assert doc["TLS.sig"] == V1_SIG
    with_buf = api.gen_sig_with_userbuf("alice", 3600, b"\x00\x01room")
    usersig.verify(APP, KEY, "alice", with_buf, now=T0 + 3600, userbuf=b"\x00\x01room")
    assert _check(lambda: usersig.verify(APP, KEY, "alice", with_buf, now=T0 + 3601, userbuf=b"\x00\x01room")) == "expired"


@pytest.mark.parametrize("identifier,userbuf", [("0", None), ("alice", None), ("用户", b"abc"), ("bob", b"\x00\xff")])
def test_ours_match_the_official_library(monkeypatch, identifier, userbuf):
    monkeypatch.setattr(TLSSigAPIv2, "time", _FixedClock(T0))
    api = TLSSigAPIv2.TLSSigAPIv2(APP, KEY)
    theirs = api.gen_sig(identifier, EXPIRE) if userbuf is None else api.gen_sig_with_userbuf(identifier, EXPIRE, userbuf)
    ours = usersig.generate(APP, KEY, identifier, EXPIRE, now=T0, userbuf=userbuf)
    # Their decoder reads ours, and both documents are the same (JSON spacing may differ).
    assert _official_decode(ours) == _official_decode(theirs)
    assert usersig.inspect(ours) == usersig.inspect(theirs)
