#!/usr/bin/env python3
"""Which compiled units the builds of scripts/test.sh cannot share.

Cargo compiles a crate once per distinct set of (features, profile, dependencies). The test
command builds with `cargo test` (default members with their dev-dependencies) and the Python
extension with maturin (`chatadmin-python` alone); every unit of the second that the first
does not have is compiled again. crates/workspace-hack pins one feature set for the shared
crates; this script shows what is left, from `cargo build --unit-graph` (nothing is built).

The unit graph is an unstable cargo option: this runs it with RUSTC_BOOTSTRAP=1, as a
diagnostic only. Usage: scripts/feature-sets.py    (exit 1 when a shared package differs)
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BUILDS = {
    "cargo test": ["test", "--no-run"],
    "pip install ./python (maturin)": ["build", "-p", "chatadmin-python", "--lib"],
    "c_programs.rs / check-readme-examples.py": ["build", "--lib", "--bins", "--tests", "--examples"],
}


def units(args):
    out = subprocess.run(
        ["cargo", *args, "--locked", "--unit-graph", "-Z", "unstable-options"],
        cwd=ROOT, env={**os.environ, "RUSTC_BOOTSTRAP": "1"},
        capture_output=True, text=True, check=True).stdout
    graph = json.loads(out)["units"]
    memo = {}

    def ident(i):
        if i not in memo:
            u = graph[i]
            profile = {k: v for k, v in u["profile"].items() if k != "name"}
            memo[i] = hash((u["pkg_id"], u["target"]["name"], u["mode"], tuple(u["features"]),
                            json.dumps(profile, sort_keys=True),
                            tuple(sorted(ident(d["index"]) for d in u["dependencies"]))))
        return memo[i]

    return {ident(i): graph[i] for i in range(len(graph))}


def main():
    base_name, *others = BUILDS
    base = units(BUILDS[base_name])
    base_pkgs = {u["pkg_id"] for u in base.values()}
    bad = 0
    for name in others:
        build = units(BUILDS[name])
        again = [u for h, u in build.items() if h not in base and u["pkg_id"] in base_pkgs]
        print(f"{name}: {len(build)} units; {len(again)} of packages `{base_name}` also builds "
              f"are compiled again")
        for u in sorted(again, key=lambda u: u["pkg_id"]):
            pkg = u["pkg_id"].split("#")[-1]
            print(f"    {pkg} [{','.join(u['features'])}] ({u['mode']}, debuginfo {u['profile']['debuginfo']})")
        bad += len(again)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
