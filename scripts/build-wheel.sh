#!/usr/bin/env bash
# Builds the chatadmin wheel with maturin: one abi3 wheel (CPython >= 3.9) for this platform,
# holding the Python package, its stubs and the compiled extension — the client, UserSig and
# the in-process emulator — so that installing it needs no Rust toolchain.
#
# Usage: scripts/build-wheel.sh                 # release build into target/wheels/
#        CHATADMIN_PY_PROFILE=dev scripts/build-wheel.sh   # faster build, for tests
#        CHATADMIN_WHEEL_DIR=/some/dir scripts/build-wheel.sh
# The wheel's path is the last line printed on stdout (build output goes to stderr).
#
# maturin comes from a private virtualenv under target/wheel-tools, at the version
# python/pyproject.toml pins for `pip install ./python` (which keeps working as before).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

profile=${CHATADMIN_PY_PROFILE:-release}
out=${CHATADMIN_WHEEL_DIR:-$root/target/wheels}
py=${PYTHON:-python3}
tools="$root/target/wheel-tools"

pin=$(sed -n 's/^requires *= *\["\(maturin==[^"]*\)"\].*/\1/p' python/pyproject.toml)
if [ -z "$pin" ]; then
  echo "build-wheel.sh: cannot read the maturin pin from python/pyproject.toml" >&2
  exit 1
fi
if [ ! -x "$tools/bin/maturin" ] || [ "$("$tools/bin/maturin" --version | awk '{print $2}')" != "${pin#maturin==}" ]; then
  "$py" -m venv "$tools" >&2
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "$pin" >&2
fi

mkdir -p "$out"
rm -f "$out"/chatadmin-*.whl
# From python/, so that maturin reads python/pyproject.toml (module name, python sources,
# `locked = true`); the cargo build shares target/ with the other builds. Stripped: debug
# symbols would triple the wheel and are of no use to its users.
(cd python && "$tools/bin/maturin" build --profile "$profile" --strip --interpreter "$py" --out "$out") >&2
wheels=("$out"/chatadmin-*.whl)
if [ "${#wheels[@]}" -ne 1 ] || [ ! -f "${wheels[0]}" ]; then
  echo "build-wheel.sh: expected one wheel in $out, found: ${wheels[*]}" >&2
  exit 1
fi
echo "${wheels[0]}"
