//! Builds the C and C++ test programs of `tests/c/` against libchatadmin with the system
//! compilers, and runs them against the emulator binary (or, for `emulator.c` and
//! `emulator_cpp.cpp`, against the emulator they start in their own process through the C
//! API), natively and — when `valgrind` is on PATH — under valgrind, which must report no
//! errors and no leaks.
//!
//! Environment:
//! - `CC`, `CXX`: the compilers (default `cc`, `c++`);
//! - `CHATADMIN_EMULATOR_BIN`: the emulator (default: built next to libchatadmin);
//! - `CHATADMIN_NO_VALGRIND=1`: skip the valgrind runs.
//!
//! The programs read `CHATADMIN_TEST_BASE_URL`, `CHATADMIN_TEST_SDKAPPID` and
//! `CHATADMIN_TEST_KEY` (see `tests/c/testlib.h`), so they can also be run by hand.

use std::env;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

const SDKAPPID: &str = "1400000000";
const KEY: &str = "c-tests-secret-key-0123456789abcdef";

const C_FLAGS: &[&str] = &["-std=c11", "-pedantic", "-Wall", "-Wextra", "-Werror", "-g"];
const CXX_FLAGS: &[&str] = &[
    "-std=c++17",
    "-pedantic",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-g",
];
/// What the static library needs from the system (as `rustc --print native-static-libs`
/// reports; the same list is in `Libs.private` of chatadmin.pc).
const STATIC_LIBS: &[&str] = &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `target/<profile>`: this test runs from `target/<profile>/deps/`.
fn profile_dir() -> PathBuf {
    let exe = env::current_exe().expect("the test's own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps")
        .to_path_buf()
}

/// Builds libchatadmin (cdylib + staticlib) and the emulator binary once per test process,
/// with the profile this test was built with.
fn artifacts() -> &'static PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = profile_dir();
        let mut cargo = Command::new(env!("CARGO"));
        // The libraries, binaries and tests of the default members: the same selection, hence
        // the same features, as the `cargo test` of scripts/test.sh, so this reuses its build
        // (nothing is compiled twice). Any narrower selection (`-p chatadmin-c`) resolves
        // features without the other members' dev-dependencies and rebuilds a part of the
        // tree. `--lib` makes libchatadmin.{so,a} land in target/<profile>/.
        cargo
            .current_dir(workspace())
            .args(["build", "--locked", "--lib", "--bins", "--tests"]);
        if dir.file_name() == Some(OsStr::new("release")) {
            cargo.arg("--release");
        }
        if let Some(target_dir) = dir.parent() {
            cargo.env("CARGO_TARGET_DIR", target_dir);
        }
        // Cargo sets these for this test process; build scripts that watch them (ring watches
        // CARGO_MANIFEST_DIR and OUT_DIR, set here because chatadmin-c has a build script)
        // would otherwise see a change and rebuild half the tree, twice per test run.
        for (name, _) in env::vars_os() {
            let name = name.to_string_lossy();
            let set_for_tests = [
                "CARGO_MANIFEST_DIR",
                "CARGO_MANIFEST_PATH",
                "CARGO_CRATE_NAME",
                "CARGO_PRIMARY_PACKAGE",
                "CARGO_TARGET_TMPDIR",
                "CARGO_RUSTC_CURRENT_DIR",
                "CARGO_MANIFEST_LINKS",
                "OUT_DIR",
            ]
            .contains(&name.as_ref())
                || name.starts_with("CARGO_PKG_")
                || name.starts_with("CARGO_BIN_");
            if set_for_tests {
                cargo.env_remove(name.as_ref());
            }
        }
        let status = cargo.status().expect("run cargo build");
        assert!(
            status.success(),
            "cargo build of libchatadmin and the emulator failed"
        );
        dir
    })
}

fn out_dir() -> PathBuf {
    let d = artifacts().join("c-tests");
    std::fs::create_dir_all(&d).expect("create target/<profile>/c-tests");
    d
}

fn tool(var: &str, default: &str) -> String {
    env::var(var).unwrap_or_else(|_| default.to_owned())
}

fn run_checked(cmd: &mut Command, what: &str) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{cmd:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Compiles `source` (under tests/c) into `output`, linked dynamically (with an rpath) or
/// statically against libchatadmin.
fn compile(cxx: bool, source: &str, output: &str, link: Link) -> PathBuf {
    let lib = artifacts();
    let root = workspace();
    let exe = out_dir().join(output);
    let mut cmd = Command::new(if cxx {
        tool("CXX", "c++")
    } else {
        tool("CC", "cc")
    });
    cmd.args(if cxx { CXX_FLAGS } else { C_FLAGS })
        .arg("-I")
        .arg(root.join("include"))
        .arg("-I")
        .arg(root.join("tests/c"))
        .arg(root.join("tests/c").join(source))
        .arg("-o")
        .arg(&exe);
    match link {
        Link::Dynamic => {
            // The program records the SONAME (libchatadmin.so.0, set by build.rs), so the
            // loader looks for that name: give it one, next to the program.
            let libdir = soname_dir();
            cmd.arg("-L")
                .arg(lib)
                .arg("-lchatadmin")
                .arg(format!("-Wl,-rpath,{}", libdir.display()))
                .arg("-lpthread");
        }
        Link::Static => {
            cmd.arg(lib.join("libchatadmin.a")).args(STATIC_LIBS);
        }
    }
    run_checked(&mut cmd, &format!("compiling {source}"));
    exe
}

/// `c-tests/lib/libchatadmin.so.0 -> target/<profile>/libchatadmin.so`: what a program
/// linked against the build tree loads (install-c.sh makes the same link in PREFIX/lib).
fn soname_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = out_dir().join("lib");
        std::fs::create_dir_all(&dir).expect("create c-tests/lib");
        let link = dir.join("libchatadmin.so.0");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(artifacts().join("libchatadmin.so"), &link)
            .expect("symlink libchatadmin.so.0");
        dir
    })
    .clone()
}

#[derive(Clone, Copy)]
enum Link {
    Dynamic,
    Static,
}

/// The emulator process, killed when dropped.
struct Emulator {
    child: Child,
    base_url: String,
}

impl Emulator {
    fn start() -> Emulator {
        let bin = env::var_os("CHATADMIN_EMULATOR_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| artifacts().join("chatadmin-emulator"));
        let mut child = Command::new(&bin)
            .args([
                "--sdkappid",
                SDKAPPID,
                "--key",
                KEY,
                "--listen",
                "127.0.0.1:0",
            ])
            // The programs make bursts of calls; the emulator's per-API limit would make
            // them depend on timing (valgrind is slow, or not).
            .args(["--rate-limit", "off"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the emulator's first line");
        let base_url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("unexpected first line from the emulator: {line:?}")
            })
            .to_owned();
        Emulator { child, base_url }
    }

    fn run(&self, program: &Path, wrapper: &[String]) -> Output {
        let mut cmd = match wrapper.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(program);
                c
            }
            None => Command::new(program),
        };
        cmd.env("CHATADMIN_TEST_BASE_URL", &self.base_url)
            .env("CHATADMIN_TEST_SDKAPPID", SDKAPPID)
            .env("CHATADMIN_TEST_KEY", KEY);
        run_checked(&mut cmd, &format!("running {}", program.display()))
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `valgrind` with the options that make errors and leaks fail the run, when it is
/// available and wanted.
fn valgrind() -> Option<Vec<String>> {
    if env::var_os("CHATADMIN_NO_VALGRIND").is_some() {
        return None;
    }
    let found = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("valgrind is not on PATH: skipping the valgrind runs");
        return None;
    }
    Some(
        [
            "valgrind",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--show-leak-kinds=definite,indirect",
            "--quiet",
        ]
        .map(String::from)
        .to_vec(),
    )
}

/// Runs a program that needs no environment (it starts its own in-process emulator).
fn run_alone(program: &Path, wrapper: &[String]) -> Output {
    let mut cmd = match wrapper.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(program);
            c
        }
        None => Command::new(program),
    };
    for var in [
        "CHATADMIN_TEST_BASE_URL",
        "CHATADMIN_TEST_SDKAPPID",
        "CHATADMIN_TEST_KEY",
    ] {
        cmd.env_remove(var);
    }
    run_checked(&mut cmd, &format!("running {}", program.display()))
}

/// Runs a self-contained program natively and under valgrind.
fn run_alone_everywhere(program: &Path) {
    let out = run_alone(program, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
    if let Some(vg) = valgrind() {
        let out = run_alone(program, &vg);
        assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
    }
}

/// Runs a program natively and under valgrind, each against a fresh emulator.
fn run_everywhere(program: &Path) {
    let out = Emulator::start().run(program, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
    if let Some(vg) = valgrind() {
        let out = Emulator::start().run(program, &vg);
        assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
    }
}

#[test]
fn header_compiles_as_strict_c_and_cpp() {
    let root = workspace();
    for (cxx, source) in [(false, "header_c.c"), (true, "header_cpp.cpp")] {
        let mut cmd = Command::new(if cxx {
            tool("CXX", "c++")
        } else {
            tool("CC", "cc")
        });
        cmd.args(if cxx { CXX_FLAGS } else { C_FLAGS })
            .arg("-fsyntax-only")
            .arg("-I")
            .arg(root.join("include"))
            .arg(root.join("tests/c").join(source));
        run_checked(&mut cmd, &format!("compiling {source}"));
    }
}

/// NULL string arguments (an unset `getenv`) are a `chatadmin::Error` with the C message,
/// not an abort in `std::string`'s constructor.
#[test]
fn cpp_null_arguments_throw_chatadmin_error() {
    let exe = compile(true, "null_args.cpp", "null_args", Link::Dynamic);
    let out = run_checked(&mut Command::new(&exe), "running null_args");
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

/// Under C++14 the wrapper says it needs C++17, before any error about `std::optional`.
#[test]
fn cpp_header_under_cpp14_says_it_needs_cpp17() {
    let root = workspace();
    let out = Command::new(tool("CXX", "c++"))
        .args(["-std=c++14", "-fsyntax-only", "-I"])
        .arg(root.join("include"))
        .arg(root.join("tests/c/cpp14.cpp"))
        .output()
        .expect("run the C++ compiler");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "chatadmin.hpp compiled as C++14");
    let first_error = stderr
        .lines()
        .find(|l| l.contains("error"))
        .unwrap_or_default();
    assert!(
        first_error.contains("chatadmin.hpp needs C++17 or later"),
        "the first error should say C++17 is needed:\n{stderr}"
    );
    assert!(
        !stderr.contains("optional"),
        "errors after the #error:\n{stderr}"
    );
}

#[test]
fn c_program_against_the_emulator() {
    run_everywhere(&compile(false, "test_c.c", "test_c", Link::Dynamic));
}

#[test]
fn c_program_linked_statically() {
    let exe = compile(false, "test_c.c", "test_c_static", Link::Static);
    let out = Emulator::start().run(&exe, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

/// The social-graph scenario of issue 5 through the C API only (`tests/c/social.c`).
#[test]
fn c_social_scenario_against_the_emulator() {
    run_everywhere(&compile(false, "social.c", "social", Link::Dynamic));
}

/// The group-member scenario through the C API only (`tests/c/groups.c`): a split add,
/// Offset paging with `chatadmin_next_page`, an admin, a mute that expires, deletes.
#[test]
fn c_groups_scenario_against_the_emulator() {
    run_everywhere(&compile(false, "groups.c", "groups", Link::Dynamic));
}

/// The messages scenario through the C API only (`tests/c/messages.c`): 250 one-to-one sends,
/// their history paged with `chatadmin_next_page`, a group message, conversation lists, and
/// the service's and the library's refusals.
#[test]
fn c_messages_scenario_against_the_emulator() {
    run_everywhere(&compile(false, "messages.c", "messages", Link::Dynamic));
}

/// The hourly message archive: `get_history` through the generic call, the file downloaded
/// and verified with `chatadmin_client_download_history`, a wrong MD5 refused.
#[test]
fn c_history_download_against_the_emulator() {
    run_everywhere(&compile(false, "history.c", "history", Link::Dynamic));
}

/// The emulator inside the C program's process (`chatadmin_emulator_*`): calls, faults, hits,
/// logins, threads, and everything freed (valgrind: no errors, no leaks).
#[test]
fn c_program_with_the_in_process_emulator() {
    run_alone_everywhere(&compile(false, "emulator.c", "emulator", Link::Dynamic));
}

/// The same through the static library, where the emulator is linked in too.
#[test]
fn c_program_with_the_in_process_emulator_linked_statically() {
    let exe = compile(false, "emulator.c", "emulator_static", Link::Static);
    let out = run_alone(&exe, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

/// `chatadmin::Emulator`, the C++ RAII wrapper of the in-process emulator.
#[test]
fn cpp_program_with_the_in_process_emulator() {
    run_alone_everywhere(&compile(
        true,
        "emulator_cpp.cpp",
        "emulator_cpp",
        Link::Dynamic,
    ));
}

#[test]
fn cpp_program_against_the_emulator() {
    run_everywhere(&compile(true, "test_cpp.cpp", "test_cpp", Link::Dynamic));
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `scripts/install-c.sh` into a temporary prefix, then an application built the way users
/// build it: `cc app.c $(pkg-config --cflags --libs chatadmin)`, and once more against the
/// static library with `Libs.private`.
#[test]
fn install_script_and_pkg_config() {
    if !on_path("pkg-config") {
        eprintln!("pkg-config is not on PATH: skipping the install test");
        return;
    }
    let dir = artifacts();
    let prefix = out_dir().join("install-prefix");
    let _ = std::fs::remove_dir_all(&prefix);
    let profile = dir.file_name().and_then(OsStr::to_str).unwrap_or("debug");
    let mut install = Command::new("bash");
    install
        .arg(workspace().join("scripts/install-c.sh"))
        .arg(&prefix)
        // Built above, with the features of this test build; installing is what is tested.
        .env("CHATADMIN_NO_BUILD", "1")
        .env("CHATADMIN_PROFILE", profile)
        .env("CARGO_TARGET_DIR", dir.parent().expect("target dir"));
    run_checked(&mut install, "scripts/install-c.sh");
    let version = env!("CARGO_PKG_VERSION");
    for f in [
        format!("lib/libchatadmin.so.{version}"),
        "lib/libchatadmin.a".to_owned(),
        "lib/pkgconfig/chatadmin.pc".to_owned(),
        "lib/pkgconfig/chatadmin-static.pc".to_owned(),
        "include/chatadmin.h".to_owned(),
        "include/chatadmin.hpp".to_owned(),
    ] {
        assert!(prefix.join(&f).is_file(), "{f} was not installed");
    }
    // The versioned file and the two symlinks: the SONAME the loader wants, the name the
    // linker finds.
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    for (link, target) in [
        (
            format!("libchatadmin.so.{major}"),
            format!("libchatadmin.so.{version}"),
        ),
        (
            "libchatadmin.so".to_owned(),
            format!("libchatadmin.so.{major}"),
        ),
    ] {
        let got = std::fs::read_link(prefix.join("lib").join(&link))
            .unwrap_or_else(|e| panic!("lib/{link} is not a symlink: {e}"));
        assert_eq!(got, PathBuf::from(&target), "lib/{link}");
    }

    let app = workspace().join("tests/c/pkgconfig_app.c");
    let out = out_dir();
    let shell = |script: &str, what: &str| {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(script)
            .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
            .env("APP", &app)
            .env("OUT", &out)
            .env("CC", tool("CC", "cc"))
            .env("CXX", tool("CXX", "c++"))
            .env("HPP", workspace().join("tests/c/header_cpp.cpp"));
        run_checked(&mut cmd, what)
    };
    shell(
        r#"$CC -std=c11 -Wall -Wextra -Werror "$APP" -o "$OUT/pkgconfig_app" $(pkg-config --cflags --libs chatadmin)"#,
        "building with pkg-config",
    );
    shell(
        r#"$CC -std=c11 -Wall -Wextra -Werror "$APP" -o "$OUT/pkgconfig_app_static" $(pkg-config --cflags chatadmin) \
            "$(pkg-config --variable=libdir chatadmin)/libchatadmin.a" \
            $(pkg-config --static --libs-only-l chatadmin | sed 's/-lchatadmin//')"#,
        "building against the static library with Libs.private",
    );
    shell(
        r#"$CC -std=c11 -Wall -Wextra -Werror "$APP" -o "$OUT/pkgconfig_app_static_pc" $(pkg-config --cflags --libs chatadmin-static)"#,
        "building with chatadmin-static.pc",
    );
    shell(
        r#"$CXX -std=c++17 -pedantic -Wall -Wextra -Werror -fsyntax-only $(pkg-config --cflags chatadmin) "$HPP""#,
        "compiling the installed C++ wrapper",
    );
    // With nothing but what the install gives: no LD_LIBRARY_PATH, no ldconfig. The shared
    // build finds libchatadmin.so.0 through the rpath in chatadmin.pc's flags.
    let run = |exe: &str| {
        let mut cmd = Command::new(out.join(exe));
        cmd.env_remove("LD_LIBRARY_PATH");
        let o = run_checked(&mut cmd, exe);
        assert!(String::from_utf8_lossy(&o.stdout).contains(" works"));
    };
    run("pkgconfig_app");
    run("pkgconfig_app_static");
    run("pkgconfig_app_static_pc");
    // The static builds need no libchatadmin at run time: the installed one may go.
    let shared = prefix.join(format!("lib/libchatadmin.so.{version}"));
    std::fs::rename(&shared, shared.with_extension("moved")).expect("move the shared library");
    run("pkgconfig_app_static_pc");
    std::fs::rename(shared.with_extension("moved"), &shared).expect("move it back");
}

/// A prefix that cannot be written is refused at once, before any build, with a way out.
#[test]
fn install_script_refuses_an_unwritable_prefix_before_building() {
    // `/proc` cannot be written, not even by root.
    let out = Command::new("bash")
        .arg(workspace().join("scripts/install-c.sh"))
        .arg("/proc/chatadmin-prefix")
        .output()
        .expect("run install-c.sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write to /proc/chatadmin-prefix")
            && stderr.contains("$HOME/.local")
            && stderr.contains("sudo"),
        "{stderr}"
    );
    assert!(!stderr.contains("Compiling"), "it built first:\n{stderr}");
}
