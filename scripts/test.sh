#!/usr/bin/env bash
# The one command that runs every test of chatadmin on a fresh machine:
#   formatting and lints, the Rust tests (unit, integration, doc), then the cross-language
#   tests (the C/C++ programs, under valgrind when present, run by `cargo test -p chatadmin-c`;
#   the official Python UserSig library against ours; the Python package). It installs what it
#   needs (Python packages into a private virtualenv under target/).
#
# Usage: scripts/test.sh            # everything
#        SKIP_LINT=1 scripts/test.sh  # tests only (faster while iterating)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }

if [ -z "${SKIP_LINT:-}" ]; then
  step "cargo fmt --check"
  cargo fmt --all -- --check
  step "cargo clippy -D warnings"
  cargo clippy --workspace --all-targets --locked -- -D warnings
fi

step "cargo test (Rust)"
cargo test --locked   # default members: everything but the PyO3 crate (tested through pip below)

step "Python test environment"
venv="$root/target/test-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt

step "cross-language tests (pytest)"
cargo build --locked -p chatadmin-cli -p chatadmin-emulator
export CHATADMIN_BIN="$root/target/debug/chatadmin"
export CHATADMIN_EMULATOR_BIN="$root/target/debug/chatadmin-emulator"
"$venv/bin/python" -m pytest -q tests/interop

step "Python package (pip install ./python, pytest against the emulator)"
bash scripts/test-python.sh
