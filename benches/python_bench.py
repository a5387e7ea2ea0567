#!/usr/bin/env python3
"""Python benchmarks of chatadmin against what a Python user would pick instead, as ratios
measured in one run (no assertions: measurements, not tests).

1. UserSig generate: ``chatadmin.usersig.Signer`` and ``chatadmin.usersig.generate`` vs the
   official pure-Python ``tls-sig-api-v2`` (``TLSSigAPIv2.gen_sig``).
2. UserSig verify: ``Signer.verify`` / ``usersig.verify`` vs the official library's own pieces
   (it has no verify function: its base64 decode, ``zlib``, ``json`` and its HMAC, plus the
   sdkappid/identifier/expiry checks), on a UserSig the official library generated.
3. ``Client.call`` vs ``requests.Session`` posting the same body to the same emulator URL,
   sequentially and from 8 threads (one Session per thread, as requests requires).

Run with the project's virtualenv, after ``scripts/bench-python.sh`` built the package:
    target/py-venv/bin/python benches/python_bench.py
Environment: BENCH_CALLS (HTTP calls per round, default 2000), BENCH_USERSIG (UserSig
operations per round, default 20000).
"""

from __future__ import annotations

import hmac
import json
import os
import statistics
import threading
import time
import zlib

import requests
import TLSSigAPIv2

from chatadmin import usersig
from chatadmin.testing import Emulator

APP = 1400000000
KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
USER = "administrator"
EXPIRE = 86400
ROUNDS = 5


def per_op(fn, n: int) -> float:
    """Median seconds per call of ``fn`` over ROUNDS rounds of ``n`` calls."""
    fn()
    times = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - t) / n)
    return statistics.median(times)


def row(name: str, secs: float, baseline: float | None = None, unit: str = "us/op") -> None:
    scale = 1e6
    if baseline is None:
        print(f"  {name:<58} {secs * scale:>9.2f} {unit}   (baseline)")
    else:
        print(f"  {name:<58} {secs * scale:>9.2f} {unit}   {baseline / secs:>6.1f}x faster")


def official_verify(api: TLSSigAPIv2.TLSSigAPIv2, identifier: str, sig: str, now: int) -> dict:
    """What a user of the official Python library writes to verify: its own decode and HMAC."""
    doc = json.loads(zlib.decompress(TLSSigAPIv2.base64_decode_url(sig.encode())))
    if doc["TLS.sdkappid"] != APP or doc["TLS.identifier"] != identifier:
        raise ValueError("wrong app or identifier")
    if now > doc["TLS.time"] + doc["TLS.expire"]:
        raise ValueError("expired")
    want = api._TLSSigAPIv2__hmacsha256(identifier, doc["TLS.time"], doc["TLS.expire"], doc.get("TLS.userbuf"))
    if not hmac.compare_digest(want.decode(), doc["TLS.sig"]):
        raise ValueError("signature mismatch")
    return doc


def bench_usersig(n: int) -> None:
    api = TLSSigAPIv2.TLSSigAPIv2(APP, KEY)
    signer = usersig.Signer(APP, KEY)
    now = int(time.time())
    print(f"UserSig, median of {ROUNDS} rounds of {n}:")
    base = per_op(lambda: api.gen_sig(USER, EXPIRE), n)
    row("generate: tls-sig-api-v2 gen_sig (zlib level 6)", base)
    row("generate: chatadmin Signer(...).generate (stored zlib)", per_op(lambda: signer.generate(USER, EXPIRE), n), base)
    row("generate: chatadmin usersig.generate (zlib level 6)", per_op(lambda: usersig.generate(APP, KEY, USER, EXPIRE), n), base)

    theirs = api.gen_sig(USER, EXPIRE)
    ours = signer.generate(USER, EXPIRE)
    base = per_op(lambda: official_verify(api, USER, theirs, now), n)
    row("verify: tls-sig-api-v2 pieces, its own UserSig", base)
    row("verify: chatadmin Signer.verify, the same UserSig", per_op(lambda: signer.verify(USER, theirs, now=now), n), base)
    row("verify: chatadmin usersig.verify, the same UserSig", per_op(lambda: usersig.verify(APP, KEY, USER, theirs, now=now), n), base)
    row("verify: chatadmin Signer.verify, a stored-zlib UserSig", per_op(lambda: signer.verify(USER, ours, now=now), n), base)


def threaded(fn_factory, threads: int, n: int) -> float:
    """Seconds per call with ``threads`` threads making ``n`` calls in all; each thread gets
    its own callable from ``fn_factory`` (e.g. its own requests.Session)."""
    per_thread = n // threads
    fns = [fn_factory() for _ in range(threads)]
    for f in fns:
        f()
    barrier = threading.Barrier(threads + 1)

    def work(f):
        barrier.wait()
        for _ in range(per_thread):
            f()

    ts = [threading.Thread(target=work, args=(f,)) for f in fns]
    for t in ts:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    return (time.perf_counter() - t0) / (per_thread * threads)


def bench_client(n: int) -> None:
    with Emulator(APP, KEY, rate_limit="off") as emu:
        emu.add_accounts(["alice"])
        client = emu.client(rate_limit="off", retries=0)
        path = "im_open_login_svc/account_check"
        body = {"CheckItem": [{"UserID": "alice"}]}
        sig = usersig.generate(APP, KEY, USER, EXPIRE)
        url = f"{emu.base_url}/v4/{path}"
        params = {"sdkappid": APP, "identifier": USER, "usersig": sig, "random": 7, "contenttype": "json"}

        def session_call():
            s = requests.Session()
            s.trust_env = False  # no proxy lookup per call, as Client (loopback) does not do either

            def call():
                r = s.post(url, params=params, json=body, timeout=10)
                doc = r.json()
                if doc["ErrorCode"] != 0:
                    raise RuntimeError(doc)
                return doc

            return call

        def client_call():
            return client.call(path, body)

        print(f"\nClient.call vs requests.Session against the emulator, {path}, median of {ROUNDS} rounds of {n}:")
        seq_base = per_op(session_call(), n)
        row("sequential: requests.Session.post + .json()", seq_base)
        row("sequential: chatadmin Client.call", per_op(client_call, n), seq_base)
        thr_base = statistics.median(threaded(session_call, 8, n) for _ in range(ROUNDS))
        row("8 threads: requests.Session per thread", thr_base)
        row("8 threads: one shared chatadmin Client", statistics.median(threaded(lambda: client_call, 8, n) for _ in range(ROUNDS)), thr_base)


def main() -> None:
    bench_usersig(int(os.environ.get("BENCH_USERSIG", "20000")))
    bench_client(int(os.environ.get("BENCH_CALLS", "2000")))


if __name__ == "__main__":
    main()
