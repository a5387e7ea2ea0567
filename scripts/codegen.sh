#!/usr/bin/env bash
# Regenerates every file derived from chatadmin-core's endpoint declarations:
#   include/chatadmin.h            (cbindgen, from the C exports)
#   README.md endpoint table       (`chatadmin api list --markdown`)
#   python/chatadmin/_areas.pyi    (python/tools/gen_stubs.py: methods, arguments, typed responses)
#
# Usage: scripts/codegen.sh           # rewrite them
#        scripts/codegen.sh --check   # rewrite them, then fail naming any that changed
#                                     # (CI runs this: commit what it rewrote)
# The Python stub needs the extension built: this uses target/py-venv (made by
# scripts/test-python.sh) and installs ./python there when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
check=${1:-}

echo "==> include/chatadmin.h"
CHATADMIN_BLESS=1 cargo test -q --locked -p chatadmin-c --test header >/dev/null

echo "==> README.md endpoint table"
table=$(cargo run -q --locked -p chatadmin-cli -- api list --markdown)
python3 - "$table" <<'PY'
import re, sys
table = sys.argv[1].strip("\n")
path = "README.md"
text = open(path, encoding="utf-8").read()
begin = "<!-- endpoints:begin (chatadmin api list --markdown) -->"
end = "<!-- endpoints:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(path, "w", encoding="utf-8").write(text[:i] + "\n" + table + "\n" + text[j:])
PY

echo "==> python/chatadmin/_areas.pyi"
venv="$root/target/py-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import chatadmin._chatadmin" 2>/dev/null; then
  MATURIN_PEP517_ARGS="--profile dev" "$venv/bin/python" -m pip install --quiet --disable-pip-version-check ./python
fi
(cd "$root/target" && "$venv/bin/python" "$root/python/tools/gen_stubs.py")

if [ "$check" = "--check" ]; then
  stale=$(git status --porcelain -- include/chatadmin.h README.md python/chatadmin/_areas.pyi)
  if [ -n "$stale" ]; then
    echo "stale generated files (regenerated now; commit them):" >&2
    echo "$stale" >&2
    git --no-pager diff --stat -- include/chatadmin.h README.md python/chatadmin/_areas.pyi >&2
    exit 1
  fi
  echo "generated files are current"
fi
