"""The client releases the GIL during network calls and is safe to share across threads."""

from __future__ import annotations

import threading
import time

import pytest

PATH = "im_open_login_svc/account_check"
LATENCY_MS = 300


def _timed_call(client, out, i):
    start = time.monotonic()
    client.accounts.check(check_item=[{"user_id": "alice"}])
    out[i] = (start, time.monotonic())


def test_two_slow_calls_overlap(emu):
    client = emu.client(retries=0)
    emu.add_accounts(["alice"])
    emu.inject_fault(PATH, latency_ms=LATENCY_MS, times=2)
    spans = [None, None]
    threads = [threading.Thread(target=_timed_call, args=(client, spans, i)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (s1, e1), (s2, e2) = spans
    d1, d2 = e1 - s1, e2 - s2
    assert min(d1, d2) >= LATENCY_MS / 1000 * 0.9, "the latency fault did not apply"
    overlap = min(e1, e2) - max(s1, s2)
    wall = max(e1, e2) - min(s1, s2)
    # Serialized calls would take d1 + d2 and not overlap at all.
    assert overlap > 0.5 * min(d1, d2), (spans, overlap)
    assert wall < 0.75 * (d1 + d2), (spans, wall)
    assert emu.hits(PATH) == 2


def test_python_threads_run_during_a_call(emu):
    client = emu.client(retries=0)
    emu.add_accounts(["alice"])
    emu.inject_fault(PATH, latency_ms=LATENCY_MS)
    ticks = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.02)
        start = time.monotonic()
        client.accounts.check(check_item=[{"user_id": "alice"}])
        end = time.monotonic()
    finally:
        stop.set()
        spinner.join()
    during = [t for t in ticks if start < t < end]
    # With the GIL held for the whole call the spinner could not tick at all meanwhile.
    assert len(during) >= 10, (len(during), end - start)


def test_one_client_shared_by_eight_threads(emu):
    client = emu.client()
    threads_n, per_thread = 8, 10
    errors = []
    barrier = threading.Barrier(threads_n)

    def work(t):
        try:
            barrier.wait()
            for j in range(per_thread):
                uid = f"t{t}_{j}"
                client.accounts.import_(user_id=uid, nick=f"N{t}{j}")
                r = client.accounts.check(check_item=[{"user_id": uid}])
                assert r.result_item[0].account_status == "Imported", r
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(threads_n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors
    accounts = emu.state()["accounts"]
    assert all(f"t{t}_{j}" in accounts for t in range(threads_n) for j in range(per_thread))
    assert emu.hits("im_open_login_svc/account_import") == threads_n * per_thread
    assert emu.hits(PATH) == threads_n * per_thread


@pytest.mark.parametrize("n", [4])
def test_calls_from_threads_see_typed_errors(emu, n):
    import chatadmin

    client = emu.client(retries=0)
    results = []

    def destroy():
        try:
            client.groups.destroy(group_id="@TGS#missing")
        except chatadmin.ApiError as e:
            results.append(e.code)

    threads = [threading.Thread(target=destroy) for _ in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [10010] * n
