#!/usr/bin/env bash
# Builds and tests the Python package (python/, bindings/python):
#   1. the wheel, once (scripts/build-wheel.sh; the `dev` cargo profile here, for speed —
#      the wheel users get is built with `release`);
#   2. the tests in a virtualenv under target/py-venv, with that wheel installed: pytest
#      python/tests, from the repository root (the emulator runs in-process; the tests that
#      need the standalone binary find it in target/);
#   3. the tests as a user runs them: a fresh virtualenv in a temporary directory outside the
#      source tree, the same wheel installed with pip, no cargo/rustc on the PATH, and pytest
#      started from that directory, so that `import chatadmin` can only be the installed
#      wheel and nothing can be built on the way.
#
# Usage: scripts/test-python.sh [pytest args...]     # the args go to both pytest runs
#   CHATADMIN_PY_PROFILE=release scripts/test-python.sh   # test the optimized build instead
#   CHATADMIN_SKIP_FRESH_VENV=1 scripts/test-python.sh    # step 2 only (while iterating)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }
elapsed() { echo "    ($(( $(date +%s) - $1 )) s)"; }

venv="$root/target/py-venv"
py=${PYTHON:-python3}
# The in-process emulator is what the tests exercise; a binary is used only where a test
# asks for one. (scripts/test.sh exports this for its own cross-language tests.)
unset CHATADMIN_EMULATOR_BIN

step "scripts/build-wheel.sh (cargo profile ${CHATADMIN_PY_PROFILE:-dev})"
t=$(date +%s)
wheel=$(CHATADMIN_PY_PROFILE=${CHATADMIN_PY_PROFILE:-dev} bash scripts/build-wheel.sh | tail -n 1)
echo "    $wheel ($(du -h "$wheel" | cut -f1))"
elapsed "$t"

step "virtualenv $venv with the wheel"
t=$(date +%s)
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/tests/requirements.txt
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
elapsed "$t"

step "cargo build -p chatadmin-emulator (the binary, for the tests comparing it with the in-process one)"
t=$(date +%s)
cargo build --locked -p chatadmin-emulator --bin chatadmin-emulator
elapsed "$t"

step "pytest python/tests"
t=$(date +%s)
# From the repository root, so `import chatadmin` finds the installed package, not python/.
"$venv/bin/python" -m pytest -q python/tests "$@"
elapsed "$t"

if [ -n "${CHATADMIN_SKIP_FRESH_VENV:-}" ]; then
  exit 0
fi

step "the wheel in a fresh virtualenv outside the source tree, without Rust"
t=$(date +%s)
fresh=$(mktemp -d "${TMPDIR:-/tmp}/chatadmin-wheel-test.XXXXXX")
trap 'rm -rf "$fresh"' EXIT
# The PATH without any directory holding a Rust toolchain (~/.cargo/bin, rustup, ...).
no_rust_path=
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  case "$d" in *cargo* | *rustup* | "") continue ;; esac
  if [ -e "$d/cargo" ] || [ -e "$d/rustc" ] || [ -e "$d/rustup" ]; then continue; fi
  no_rust_path=${no_rust_path:+$no_rust_path:}$d
done
pyexe=$(command -v "$py")
(
  cd "$fresh"
  export PATH="$no_rust_path"
  unset CARGO_TARGET_DIR CARGO_HOME RUSTUP_HOME RUSTUP_TOOLCHAIN
  if command -v cargo >/dev/null || command -v rustc >/dev/null; then
    echo "cargo or rustc is still on the PATH: $PATH" >&2
    exit 1
  fi
  "$pyexe" -m venv "$fresh/venv"
  "$fresh/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$root/python/tests/requirements.txt" "$wheel"
  # The package must be the installed wheel; then the README's Python quick start runs as
  # written (its emulator in-process: there is no binary to find).
  "$fresh/venv/bin/python" - "$root" <<'PY'
import re
import sys
from pathlib import Path

import chatadmin

root = Path(sys.argv[1]).resolve()
where = Path(chatadmin.__file__).resolve()
assert root not in where.parents, f"chatadmin was imported from the source tree: {where}"
readme = (root / "README.md").read_text()
section = readme.split("\n## Python quick start", 1)[1].split("\n## ", 1)[0]
code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
print(f"    chatadmin {chatadmin.__version__} from {where.parent}; the README's quick start:")
exec(compile(code, "README.md (Python quick start)", "exec"), {"__name__": "__main__"})
PY
  CHATADMIN_TEST_OUTSIDE_TREE="$root" \
    "$fresh/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests" "$@"
)
elapsed "$t"
