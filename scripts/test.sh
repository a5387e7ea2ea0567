#!/usr/bin/env bash
# The one command that runs every test of chatadmin on a fresh machine:
#   formatting and lints, the Rust tests (unit, integration, doc; the C/C++ programs, under
#   valgrind when present, run by `cargo test -p chatadmin-c`), the cross-language tests (the
#   official Python UserSig library against ours), the Python package, and every example of
#   the README and docs as pasted (scripts/check-readme-examples.py). It installs what it
#   needs (Python packages into private virtualenvs under target/).
#
# Every step prints its time; the last line is the total, `N passed, N failed`, summing the
# Rust tests, pytest and the README examples (a step that fails without reporting tests, such
# as a lint or a build, counts as one failure). The steps all run, so one failure does not
# hide another; the exit status is 1 when anything failed.
#
# Usage: scripts/test.sh            # everything
#        SKIP_LINT=1 scripts/test.sh  # tests only (faster while iterating)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
logs="$root/target/test-logs"
mkdir -p "$logs"

passed=0
failed=0
failed_steps=()

# run NAME LOG-KIND COMMAND...: runs one step, shows its output and time, and adds its test
# counts (LOG-KIND: cargo, pytest, examples or none) to the totals.
run() {
  local name=$1 kind=$2
  shift 2
  local log="$logs/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-').log"
  printf '\n==> %s\n' "$name"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p=0 f=0
  case $kind in
    cargo)
      # "test result: ok. 12 passed; 0 failed; ..." once per test binary.
      p=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
      f=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}') ;;
    pytest|examples)
      # pytest's last line: "== 3 failed, 40 passed, 2 skipped in 1.2s ==";
      # check-readme-examples.py's: "README examples: 6 passed, 0 failed".
      local last
      last=$(grep -E '[0-9]+ (passed|failed)' "$log" | tail -n 1)
      p=$(echo "$last" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || true)
      f=$(echo "$last" | grep -oE '[0-9]+ (failed|error|errors)' | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}') ;;
  esac
  p=${p:-0}
  f=${f:-0}
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # the step failed without a failing test: a lint, a build, an install
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$status" -eq 0 ] || failed_steps+=("$name")
  printf -- '--- %s: %s in %d s\n' "$name" "$([ "$status" -eq 0 ] && echo ok || echo FAILED)" $((SECONDS - start))
}

if [ -z "${SKIP_LINT:-}" ]; then
  run "cargo fmt --check" none cargo fmt --all -- --check
  run "cargo clippy -D warnings" none cargo clippy --workspace --all-targets --locked -- -D warnings
fi

# Default members: everything but the PyO3 crate (tested through pip below). This build also
# makes target/debug/chatadmin and target/debug/chatadmin-emulator (the binaries the
# integration tests run), which every later step reuses: a separate `cargo build -p` would
# resolve features differently (no dev-dependencies) and rebuild most of the dependency tree.
run "cargo test (Rust)" cargo cargo test --locked
export CHATADMIN_BIN="$root/target/debug/chatadmin"
export CHATADMIN_EMULATOR_BIN="$root/target/debug/chatadmin-emulator"

venv="$root/target/test-venv"
run "Python test environment" none sh -c "
  { [ -x '$venv/bin/python' ] || python3 -m venv '$venv'; } &&
  '$venv/bin/python' -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt"

run "cross-language tests (pytest)" pytest "$venv/bin/python" -m pytest -q tests/interop

run "Python package (pip install ./python, pytest against the emulator)" pytest bash scripts/test-python.sh

run "README and docs examples, as pasted" examples "$venv/bin/python" scripts/check-readme-examples.py

echo
[ ${#failed_steps[@]} -eq 0 ] || printf 'failed step: %s\n' "${failed_steps[@]}"
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
