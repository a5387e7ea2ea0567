#!/usr/bin/env bash
# Builds the Python package optimized (release profile, as users get it) into target/py-venv
# with the official UserSig library and requests, builds the release emulator, then runs
# benches/python_bench.py. Usage: benches/bench-python.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/target/py-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/tests/requirements.txt requests==2.34.2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
cargo build --locked --release -p chatadmin-emulator
export CHATADMIN_EMULATOR_BIN="$root/target/release/chatadmin-emulator"
# From the repository root's parent-free path so `import chatadmin` finds the installed package.
cd "$root/target" && exec "$venv/bin/python" "$root/benches/python_bench.py"
