"""UserSig interop: the official Python generator (PyPI `tls-sig-api-v2`) against our CLI.

Both directions, for several identifiers and with and without a userbuf:

1. a UserSig made by the official library verifies with `chatadmin usersig verify` (and fails
   after expiry, with a wrong key, for another identifier or app);
2. a UserSig made by `chatadmin usersig gen --time T` decodes, with the official library's own
   `base64_decode_url` + zlib + json, to the same fields and the same `TLS.sig` that the
   official library produces for the same inputs at the same time.

The CLI is found through the `CHATADMIN_BIN` environment variable, default
`target/debug/chatadmin` under the repository root.
"""

import base64
import datetime
import json
import os
import pathlib
import subprocess
import types
import zlib

import pytest

TLSSigAPIv2 = pytest.importorskip("TLSSigAPIv2")

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]

# The spec's common test inputs (spec/usersig.md, "Test vectors").
SDKAPPID = 1400000000
KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
WRONG_KEY = "6bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
T0 = 1569910200
DEFAULT_EXPIRE = 180 * 86400

IDENTIFIERS = [
    "0",
    "xiaojun",
    "administrator",
    "用户",
    "user name with spaces",
    "path/with/slashes",
    "a+b=c*d-e_f",
    "ümlaut@example.com",
]

# V3 of the spec: a PrivateMapKey userbuf (numeric room 10000, all privileges).
PRIVATE_MAP_USERBUF = bytes.fromhex(
    "0000077869616f6a756e53724e000000271066413f00000000ff00000000"
)
USERBUFS = {
    "none": None,
    "ascii": b"abc",
    "all-bytes": bytes(range(256)),  # its base64 contains '+' and '/'
    "private-map": PRIVATE_MAP_USERBUF,
}

# The spec's V1 document in every documented form; each must verify.
SPEC_V1_FORMS = [
    "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyKRWFGQWpQLFTU1NjeCiJZm5YDEzS0tDAyOYaHFmOtBM54KsUqeUwGLLqPK8UndHryCL-Lx8-1RPy7Ty1AijMk9f30hLk0x-r3CvSFulWgAPYy*9",
    "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIk4MLFKdmJBQWZKUBBQxMDKIDKpVYUZBalgmRMTU2NEOIlmbkQUTNLS0MDI7h4cWY6yGzngqxSp5TAYsuo8rxSd0evIIv8vHz-VE-LtPLUCKMyT1-fSEuTTH*vcK9IW6VaAGblMR0_",
    "eAEBpQBa-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiMCIsIlRMUy5zZGthcHBpZCI6MTQwMDAwMDAwMCwiVExTLmV4cGlyZSI6MTU1NTIwMDAsIlRMUy50aW1lIjoxNTY5OTEwMjAwLCJUTFMuc2lnIjoiQ3BqdUJkUXM5WndudUdBSlI4b25vT2VJOWZ3ZVgydklNTVk5NGlPSldKWT0ifQ9jL70_",
    "eAGrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAKE*tKMgsSgWKm5qaGgFlIKIlmblgMTNLS0MDoDBEtDgzHWiVc0FWqVNKYLFlVHleqbujV5BFfl6*f6qnZVp5aoRRmaevb6SlSaa-V7hXpK1SLQAPYy*9",
]
SPEC_V1_SIG = "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="

TLS_KEYS = ["TLS.ver", "TLS.identifier", "TLS.sdkappid", "TLS.expire", "TLS.time", "TLS.sig"]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chatadmin_bin():
    path = os.environ.get("CHATADMIN_BIN") or str(REPO_ROOT / "target" / "debug" / "chatadmin")
    if not os.path.isabs(path):
        path = str(REPO_ROOT / path)
    assert os.path.isfile(path) and os.access(path, os.X_OK), (
        f"chatadmin binary not found at {path}: build it with `cargo build -p chatadmin-cli` "
        "or set CHATADMIN_BIN"
    )
    return path


def run(bin_path, *args):
    return subprocess.run(
        [bin_path, "usersig", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def official_gen(monkeypatch, identifier, userbuf, now, expire, key=KEY):
    """The official library's UserSig, with its clock fixed at `now`."""
    # Replace the module's `time` with a stand-in rather than patching the global
    # time.time, which pytest itself uses.
    monkeypatch.setattr(TLSSigAPIv2, "time", types.SimpleNamespace(time=lambda: now))
    api = TLSSigAPIv2.TLSSigAPIv2(SDKAPPID, key)
    if userbuf is None:
        return api.gen_sig(identifier, expire)
    return api.gen_sig_with_userbuf(identifier, expire, userbuf)


def official_decode(sig):
    """Decodes a UserSig exactly the way the official library's own helpers do."""
    return json.loads(zlib.decompress(TLSSigAPIv2.base64_decode_url(sig.encode("ascii"))))


def userbuf_args(userbuf):
    if userbuf is None:
        return []
    return ["--userbuf-base64", base64.b64encode(userbuf).decode("ascii")]


def verify_args(identifier, now, userbuf, key=KEY, sdkappid=SDKAPPID):
    # `--opt=value` so that no identifier can be mistaken for an option, `--` before the
    # UserSig for the same reason.
    return [
        "verify",
        f"--sdkappid={sdkappid}",
        f"--key={key}",
        f"--identifier={identifier}",
        f"--now={now}",
        *userbuf_args(userbuf),
    ]


def assert_no_secret(output, *secrets):
    for secret in secrets:
        assert secret not in output, "the CLI printed a secret in its error output"


def rfc3339(secs):
    return datetime.datetime.fromtimestamp(secs, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


CASES = [
    pytest.param(identifier, userbuf, id=f"{i}-{name}")
    for i, identifier in enumerate(IDENTIFIERS)
    for name, userbuf in USERBUFS.items()
]


# --------------------------------------------------------------------------------------------
# Official generator -> our verify / inspect
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("identifier,userbuf", CASES)
@pytest.mark.parametrize("expire", [DEFAULT_EXPIRE, 86400])
def test_official_sig_verifies_with_ours(chatadmin_bin, monkeypatch, identifier, userbuf, expire):
    sig = official_gen(monkeypatch, identifier, userbuf, T0, expire)

    for now in (T0, T0 + 1, T0 + expire):
        r = run(chatadmin_bin, *verify_args(identifier, now, userbuf), "--", sig)
        assert r.returncode == 0, f"now={now}: {r.stdout}{r.stderr}"

    # Whitespace around a pasted UserSig is tolerated.
    r = run(chatadmin_bin, *verify_args(identifier, T0, userbuf), "--", f" {sig}\n")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("identifier,userbuf", CASES)
def test_official_sig_rejected_by_ours(chatadmin_bin, monkeypatch, identifier, userbuf):
    expire = DEFAULT_EXPIRE
    sig = official_gen(monkeypatch, identifier, userbuf, T0, expire)
    tls_sig = official_decode(sig)["TLS.sig"]

    # One second after expiry.
    r = run(chatadmin_bin, *verify_args(identifier, T0 + expire + 1, userbuf), "--", sig)
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert "expire" in out.lower(), out
    assert_no_secret(out, KEY, sig, tls_sig)

    # Wrong key.
    r = run(chatadmin_bin, *verify_args(identifier, T0, userbuf, key=WRONG_KEY), "--", sig)
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert "signature" in out.lower() or "key" in out.lower(), out
    assert_no_secret(out, KEY, WRONG_KEY, sig, tls_sig)

    # Another identifier, another app.
    r = run(chatadmin_bin, *verify_args(identifier + "x", T0, userbuf), "--", sig)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "identifier" in (r.stdout + r.stderr).lower()
    r = run(chatadmin_bin, *verify_args(identifier, T0, userbuf, sdkappid=SDKAPPID + 1), "--", sig)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "sdkappid" in (r.stdout + r.stderr).lower()

    # A userbuf that differs from the one signed.
    r = run(chatadmin_bin, *verify_args(identifier, T0, b"other"), "--", sig)
    assert r.returncode == 1, r.stdout + r.stderr


@pytest.mark.parametrize("identifier,userbuf", CASES)
def test_inspect_shows_the_official_document(chatadmin_bin, monkeypatch, identifier, userbuf):
    sig = official_gen(monkeypatch, identifier, userbuf, T0, DEFAULT_EXPIRE)
    want = official_decode(sig)

    r = run(chatadmin_bin, "inspect", "--", sig)
    assert r.returncode == 0, r.stdout + r.stderr
    got = json.loads(r.stdout)
    for k in TLS_KEYS:
        assert got[k] == want[k], k
    if userbuf is None:
        assert "TLS.userbuf" not in got
    else:
        assert got["TLS.userbuf"] == want["TLS.userbuf"]
        assert base64.b64decode(got["TLS.userbuf"]) == userbuf
    assert got["issued_at"] == rfc3339(T0)
    assert got["expires_at"] == rfc3339(T0 + DEFAULT_EXPIRE)


@pytest.mark.parametrize("sig", SPEC_V1_FORMS)
def test_spec_vectors_verify_and_inspect(chatadmin_bin, sig):
    r = run(chatadmin_bin, *verify_args("0", T0, None), "--", sig)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(chatadmin_bin, *verify_args("0", T0 + DEFAULT_EXPIRE + 1, None), "--", sig)
    assert r.returncode == 1, r.stdout + r.stderr
    r = run(chatadmin_bin, "inspect", "--", sig)
    assert r.returncode == 0, r.stdout + r.stderr
    got = json.loads(r.stdout)
    assert got["TLS.sig"] == SPEC_V1_SIG
    assert got["TLS.time"] == T0
    assert got["expires_at"] == "2020-03-29T06:10:00Z"


# --------------------------------------------------------------------------------------------
# Our generator -> the official decoder
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("identifier,userbuf", CASES)
@pytest.mark.parametrize("now,expire", [(T0, DEFAULT_EXPIRE), (1700000000, 86400)])
def test_our_sig_matches_the_official_one(
    chatadmin_bin, monkeypatch, identifier, userbuf, now, expire
):
    r = run(
        chatadmin_bin,
        "gen",
        f"--sdkappid={SDKAPPID}",
        f"--key={KEY}",
        f"--identifier={identifier}",
        f"--expire={expire}",
        f"--time={now}",
        *userbuf_args(userbuf),
    )
    assert r.returncode == 0, r.stderr
    ours = r.stdout.strip()
    assert ours and "\n" not in ours

    got = official_decode(ours)
    want = official_decode(official_gen(monkeypatch, identifier, userbuf, now, expire))
    assert got["TLS.ver"] == "2.0"
    assert got["TLS.identifier"] == identifier
    assert got["TLS.sdkappid"] == SDKAPPID
    assert got["TLS.time"] == now
    assert got["TLS.expire"] == expire
    for k in TLS_KEYS:
        assert got[k] == want[k], k
    if userbuf is None:
        assert "TLS.userbuf" not in got
    else:
        assert got["TLS.userbuf"] == want["TLS.userbuf"]
        assert base64.b64decode(got["TLS.userbuf"]) == userbuf
    assert set(got) == set(want)

    # And ours verifies with ours.
    r = run(chatadmin_bin, *verify_args(identifier, now, userbuf), "--", ours)
    assert r.returncode == 0, r.stdout + r.stderr


def test_our_default_expire_is_the_official_default(chatadmin_bin):
    r = run(chatadmin_bin, "gen", f"--sdkappid={SDKAPPID}", f"--key={KEY}", "--identifier=0", f"--time={T0}")
    assert r.returncode == 0, r.stderr
    got = official_decode(r.stdout.strip())
    assert got["TLS.expire"] == DEFAULT_EXPIRE
    assert got["TLS.sig"] == SPEC_V1_SIG
