"""chatadmin.usersig.Signer and the zlib_level argument: the stored-block (level 0) output
carries the same document as level 6, and the official library reads it."""

import json
import zlib

import pytest
import TLSSigAPIv2

from chatadmin import InvalidUserSig, usersig

APP = 1400000000
KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
T0 = 1569910200
EXPIRE = 15552000


def _raw(sig: str) -> bytes:
    return TLSSigAPIv2.base64_decode_url(sig.encode())


@pytest.mark.parametrize("identifier,userbuf", [("0", None), ("用户\"\\", b"abc"), ("bob", b"\x00\xff"), ("e", b"")])
def test_signer_output_is_stored_zlib_with_the_level_6_document(identifier, userbuf):
    s = usersig.Signer(APP, KEY)
    fast = s.generate(identifier, EXPIRE, now=T0, userbuf=userbuf)
    slow = usersig.generate(APP, KEY, identifier, EXPIRE, now=T0, userbuf=userbuf)
    assert _raw(fast)[:2] == b"\x78\x01" and _raw(slow)[:2] == b"\x78\x9c"
    # The official decoder (plain zlib) reads both to the same document.
    assert zlib.decompress(_raw(fast)) == zlib.decompress(_raw(slow))
    assert usersig.inspect(fast) == usersig.inspect(slow)
    doc = s.verify(identifier, fast, now=T0, userbuf=userbuf)
    assert doc == usersig.verify(APP, KEY, identifier, slow, now=T0, userbuf=userbuf)
    assert usersig.generate(APP, KEY, identifier, EXPIRE, now=T0, userbuf=userbuf, zlib_level=0) == fast


def test_level_6_signer_equals_generate():
    s = usersig.Signer(APP, KEY, zlib_level=6)
    assert s.generate("0", EXPIRE, now=T0) == usersig.generate(APP, KEY, "0", EXPIRE, now=T0)
    assert s.sdkappid == APP


def test_signer_verify_names_the_failed_check():
    s = usersig.Signer(APP, KEY)
    sig = s.generate("alice", 100, now=T0)
    for call, check in [
        (lambda: s.verify("bob", sig, now=T0), "identifier_mismatch"),
        (lambda: s.verify("alice", sig, now=T0 + 101), "expired"),
        (lambda: usersig.Signer(APP + 1, KEY).verify("alice", sig, now=T0), "sdkappid_mismatch"),
        (lambda: usersig.Signer(APP, KEY + "x").verify("alice", sig, now=T0), "signature_mismatch"),
        (lambda: usersig.Signer(APP, "").verify("alice", sig, now=T0), "invalid_input"),
    ]:
        with pytest.raises(InvalidUserSig) as e:
            call()
        assert e.value.check == check


def test_official_library_verifies_ours_stored():
    doc = json.loads(zlib.decompress(_raw(usersig.Signer(APP, KEY).generate("0", EXPIRE, now=T0))))
    assert doc["TLS.sig"] == "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="


def test_bad_arguments_and_repr():
    with pytest.raises(ValueError, match="zlib_level"):
        usersig.Signer(APP, KEY, zlib_level=9)
    with pytest.raises(ValueError, match="zlib_level"):
        usersig.generate(APP, KEY, "0", zlib_level=1)
    with pytest.raises(TypeError, match="key"):
        usersig.Signer(APP, b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sdkappid"):
        usersig.Signer("1400000000", KEY)  # type: ignore[arg-type]
    r = repr(usersig.Signer(APP, KEY))
    assert KEY not in r and "redacted" in r
