#!/usr/bin/env bash
# Imports 100,000 accounts through the in-process emulator at the documented rate limit with
# the client's limiter on; prints the elapsed time against the rate-limit bound and the
# number of rate-limit errors. Takes about 10 s at the documented 100 calls/s.
# Usage: benches/bulk_import.sh   (BENCH_ACCOUNTS=N to change the count)
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench --locked -p chatadmin-client --bench bulk_import
