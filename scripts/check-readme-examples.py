#!/usr/bin/env python3
"""Runs every example of README.md, python/README.md and docs/*.md as pasted.

Run by scripts/test.sh after `cargo test` (which builds what this needs: the emulator binary,
libchatadmin and the Rust examples). Each fenced block is handled by its language:

- ```rust: must be byte-identical to a file crates/*/examples/NAME.rs (so `cargo test`
  compiles it); the built example runs against the emulator. (The quick start is also
  compared and run in-process by crates/chatadmin-client/tests/readme_example.rs.)
- ```c / ```cpp / ```python: written to app.c / app.cpp / app.py in a fresh directory
  outside the source tree. A ```sh block right after it, in the same section, builds and runs
  it there (the `cc ... $(pkg-config ...)` line as documented); a Python block without one
  runs as `python app.py`, in a fresh virtualenv where the package was installed with
  `pip install ./python`.
- ```sh right *before* such a block (same section, nothing fenced between) is its setup and
  runs from the root of the checkout: `scripts/install-c.sh "$HOME/.local"`,
  `pip install ./python`.

Every block runs with HOME set to a fresh directory (so `$HOME/.local` is a throwaway
prefix), the fresh virtualenv first on PATH, and an emulator running:
CHATADMIN_SECRET_KEY and CHATADMIN_BASE_URL point the examples at it, which is how the
README tells users to try them. Two substitutions keep the run short, neither changes what a
block does: CHATADMIN_NO_BUILD=1 CHATADMIN_PROFILE=debug (install-c.sh installs the library
`cargo test` built instead of building a release one) and MATURIN_PEP517_ARGS=--profile dev.

A block that cannot run here is marked on the line before its fence with
`<!-- not run: REASON -->`; use it sparingly. ```text blocks (command synopses with
placeholders) are not code. Any other fenced language is an error, so that a new block is
never skipped silently.

Prints one line per block and ends with `README examples: N passed, N failed`.
Usage: scripts/check-readme-examples.py [FILE.md ...]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SDKAPPID = "1400000000"
KEY = "readme-examples-key"
CODE_LANGS = {"c": "app.c", "cpp": "app.cpp", "python": "app.py"}
SHELL_LANGS = {"sh", "bash", "shell", "console"}
NOT_CODE = {"text", ""}
NOT_RUN = re.compile(r"<!--\s*not run:\s*(.+?)\s*-->")
FENCE = re.compile(r"^```([A-Za-z0-9+_-]*)\s*$")


@dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    text: str
    section: int  # index of the heading the block is under
    skip: str | None  # the reason, for `<!-- not run: ... -->`

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks_of(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[Block] = []
    section = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section += 1
        m = FENCE.match(line)
        if m:
            lang = m.group(1).lower()
            lang = {"c++": "cpp", "py": "python", "rs": "rust"}.get(lang, lang)
            end = i + 1
            while end < len(lines) and lines[end].rstrip() != "```":
                end += 1
            prev = lines[i - 1] if i > 0 else ""
            skip = NOT_RUN.search(prev)
            out.append(
                Block(path, i + 1, lang, "\n".join(lines[i + 1 : end]) + "\n", section,
                      skip.group(1) if skip else None)
            )
            i = end + 1
            continue
        i += 1
    return out


class Runner:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.tmp = Path(tempfile.mkdtemp(prefix="chatadmin-readme-"))
        self.home = self.tmp / "home"
        self.home.mkdir()
        self.venv = self.tmp / "venv"
        self.venv_ready = False
        self.python_installed = False
        self.emulator: subprocess.Popen[str] | None = None
        self.base_url = ""
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        self.debug = target / "debug"

    # -- the environment -------------------------------------------------------------------

    def start_emulator(self) -> None:
        binary = Path(os.environ.get("CHATADMIN_EMULATOR_BIN", self.debug / "chatadmin-emulator"))
        if not binary.is_file():
            sys.exit(f"{binary} is missing: run `cargo test` first (scripts/test.sh does)")
        self.emulator = subprocess.Popen(
            [str(binary), "--sdkappid", SDKAPPID, "--key", KEY, "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.emulator.stdout is not None
        first = self.emulator.stdout.readline().strip()
        if not first.startswith("listening on "):
            sys.exit(f"unexpected first line from the emulator: {first!r}")
        self.base_url = first.removeprefix("listening on ")

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "LD_LIBRARY_PATH", "PKG_CONFIG_PATH"):
            env.pop(name, None)
        env.update(
            HOME=str(self.home),
            PATH=f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            VIRTUAL_ENV=str(self.venv),
            CHATADMIN_SECRET_KEY=KEY,
            CHATADMIN_BASE_URL=self.base_url,
            # install-c.sh: the library `cargo test` built, not a release build.
            CHATADMIN_NO_BUILD="1",
            CHATADMIN_PROFILE="debug",
            # pip install ./python: the dev profile, sharing target/ with the test build.
            MATURIN_PEP517_ARGS="--profile dev",
            PIP_DISABLE_PIP_VERSION_CHECK="1",
        )
        # Until chatadmin.testing.Emulator runs in-process (another change in progress), it
        # starts the emulator binary; this lets the Python quick start's `Emulator()` find it.
        env.setdefault("CHATADMIN_EMULATOR_BIN", str(self.debug / "chatadmin-emulator"))
        # rustup and cargo find their homes through HOME unless told.
        real_home = Path(os.environ.get("HOME", "~")).expanduser()
        env.setdefault("CARGO_HOME", str(real_home / ".cargo"))
        env.setdefault("RUSTUP_HOME", str(real_home / ".rustup"))
        return env

    def ensure_venv(self) -> None:
        if not self.venv_ready:
            subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
            self.venv_ready = True

    def ensure_libchatadmin(self) -> None:
        if (self.debug / "libchatadmin.so").is_file() or (self.debug / "libchatadmin.dylib").is_file():
            return
        # As bindings/c/tests/c_programs.rs builds it: the selection of `cargo test`, so the
        # features (and the compiled dependencies) are those of the test build.
        subprocess.run(["cargo", "build", "--locked", "--lib", "--bins", "--tests"], cwd=ROOT, check=True)

    # -- running ---------------------------------------------------------------------------

    def sh(self, block: Block, cwd: Path) -> tuple[bool, str]:
        if "install-c.sh" in block.text:
            self.ensure_libchatadmin()
        if "pip install" in block.text:
            self.ensure_venv()
            self.python_installed = True
        proc = subprocess.run(["bash", "-euo", "pipefail", "-c", block.text], cwd=cwd, env=self.env(),
                              capture_output=True, text=True)
        return proc.returncode == 0, proc.stdout + proc.stderr

    def python(self, cwd: Path) -> tuple[bool, str]:
        self.ensure_venv()
        if not self.python_installed:
            proc = subprocess.run([str(self.venv / "bin" / "python"), "-m", "pip", "install", "./python"],
                                  cwd=ROOT, env=self.env(), capture_output=True, text=True)
            if proc.returncode != 0:
                return False, proc.stdout + proc.stderr
            self.python_installed = True
        proc = subprocess.run([str(self.venv / "bin" / "python"), "app.py"], cwd=cwd, env=self.env(),
                              capture_output=True, text=True)
        return proc.returncode == 0, proc.stdout + proc.stderr

    def rust(self, block: Block) -> tuple[bool, str]:
        for example in sorted(ROOT.glob("crates/*/examples/*.rs")):
            if example.read_text(encoding="utf-8") == block.text:
                binary = self.debug / "examples" / example.stem
                if not binary.is_file():
                    return False, f"{binary} is missing: run `cargo test` first"
                proc = subprocess.run([str(binary)], cwd=self.tmp, env=self.env(),
                                      capture_output=True, text=True)
                return proc.returncode == 0, f"({example.relative_to(ROOT)})\n{proc.stdout}{proc.stderr}"
        return False, ("no crates/*/examples/*.rs is identical to this block: make it an example "
                       "(so that it is compiled and run), or mark it <!-- not run: REASON -->")

    def report(self, block: Block, ok: bool, output: str, started: float) -> None:
        took = time.monotonic() - started
        if ok:
            self.passed += 1
            print(f"ok      {block.where()} ({block.lang}, {took:.1f} s)", flush=True)
        else:
            self.failed += 1
            print(f"FAILED  {block.where()} ({block.lang})", flush=True)
            print("        " + output.strip().replace("\n", "\n        "), flush=True)

    def run_file(self, path: Path) -> None:
        blocks = blocks_of(path)
        consumed: set[int] = set()
        for n, block in enumerate(blocks):
            if n in consumed or block.lang in NOT_CODE:
                continue
            if block.skip:
                print(f"not run {block.where()} ({block.lang}): {block.skip}", flush=True)
                continue
            started = time.monotonic()
            nxt = blocks[n + 1] if n + 1 < len(blocks) else None
            same = nxt is not None and nxt.section == block.section and not nxt.skip
            if block.lang == "rust":
                self.report(block, *self.rust(block), started)
            elif block.lang in SHELL_LANGS and same and nxt.lang in CODE_LANGS:
                ok, out = self.sh(block, ROOT)  # setup, from the checkout
                self.report(block, ok, out, started)
            elif block.lang in CODE_LANGS:
                project = Path(tempfile.mkdtemp(prefix="project-", dir=self.tmp))
                (project / CODE_LANGS[block.lang]).write_text(block.text, encoding="utf-8")
                if same and nxt.lang in SHELL_LANGS:
                    consumed.add(n + 1)
                    ok, out = self.sh(nxt, project)  # build and run, in the project
                elif block.lang == "python":
                    ok, out = self.python(project)
                else:
                    ok, out = False, ("a C or C++ example needs a ```sh block right after it that "
                                      "builds and runs it (or <!-- not run: REASON -->)")
                self.report(block, ok, out, started)
            elif block.lang in SHELL_LANGS:
                self.report(block, False, "a ```sh block that is neither the setup before an example nor "
                            "the build after one: make it ```text if it is a synopsis, or mark it "
                            "<!-- not run: REASON -->", started)
            else:
                self.report(block, False, f"no runner for ```{block.lang} blocks", started)

    def close(self) -> None:
        if self.emulator:
            self.emulator.kill()
            self.emulator.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def main(argv: list[str]) -> int:
    files = [Path(a).resolve() for a in argv] or [
        ROOT / "README.md", ROOT / "python" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    runner = Runner()
    try:
        runner.start_emulator()
        for f in files:
            runner.run_file(f)
    finally:
        runner.close()
    print(f"README examples: {runner.passed} passed, {runner.failed} failed")
    return 0 if runner.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
