#!/usr/bin/env bash
# Builds and tests the Python package (python/, bindings/python) against the emulator:
#   1. a virtualenv under target/py-venv with pytest and the official UserSig library;
#   2. `pip install ./python` (maturin builds the extension; the `dev` cargo profile here, for
#      speed — the package itself defaults to `release` for users);
#   3. `cargo build -p chatadmin-emulator`;
#   4. pytest python/tests.
#
# Usage: scripts/test-python.sh [pytest args...]
#   CHATADMIN_PY_PROFILE=release scripts/test-python.sh   # test the optimized build instead
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }
elapsed() { echo "    ($(( $(date +%s) - $1 )) s)"; }

venv="$root/target/py-venv"
py=${PYTHON:-python3}

step "virtualenv $venv"
t=$(date +%s)
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/tests/requirements.txt
elapsed "$t"

step "pip install ./python (cargo profile ${CHATADMIN_PY_PROFILE:-dev})"
t=$(date +%s)
# The build runs in the workspace, so it shares target/ (and the compiled dependencies) with
# the other cargo builds.
# `-v` shows maturin's cargo output (the build takes minutes on a fresh clone); only its
# progress lines are kept.
set +e
MATURIN_PEP517_ARGS="--profile ${CHATADMIN_PY_PROFILE:-dev}" \
  "$venv/bin/python" -m pip install -v --disable-pip-version-check --force-reinstall --no-deps ./python 2>&1 |
  grep --line-buffered -E '^ *(Compiling|Finished|Built wheel|Successfully|ERROR|error)'
pip_status=${PIPESTATUS[0]}
set -e
[ "$pip_status" -eq 0 ] || { echo "pip install ./python failed (run it with -v for the whole output)" >&2; exit 1; }
elapsed "$t"

# scripts/test.sh passes the emulator its `cargo test` built: building it again here with
# `-p` would resolve features differently and rebuild much of the dependency tree.
if [ ! -x "${CHATADMIN_EMULATOR_BIN:-}" ]; then
  step "cargo build -p chatadmin-emulator"
  t=$(date +%s)
  cargo build --locked -p chatadmin-emulator
  export CHATADMIN_EMULATOR_BIN="$root/target/debug/chatadmin-emulator"
  elapsed "$t"
fi

step "pytest python/tests"
t=$(date +%s)
# From the repository root, so `import chatadmin` finds the installed package, not python/.
"$venv/bin/python" -m pytest -q python/tests "$@"
elapsed "$t"
