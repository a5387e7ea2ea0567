//! The README's Rust quick start is `examples/quickstart.rs`, byte for byte, and it runs: this
//! test compares the two and runs the example against the in-process emulator, pointed at it
//! the way the README shows (`CHATADMIN_BASE_URL`).

use std::path::{Path, PathBuf};
use std::process::Command;

use chatadmin_emulator::{Emulator, EmulatorConfig};

const SDKAPPID: u64 = 1400000000;
const KEY: &str = "readme-example-key";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The body of the first ```rust block under the README heading `heading`.
fn readme_block(heading: &str) -> String {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("read README.md");
    let section = readme
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README.md has no heading {heading:?}"))
        .1;
    let start = section
        .find("```rust\n")
        .unwrap_or_else(|| panic!("no ```rust block under {heading:?}"))
        + "```rust\n".len();
    let len = section[start..]
        .find("\n```\n")
        .expect("the ```rust block ends")
        + 1;
    section[start..start + len].to_owned()
}

#[test]
fn readme_rust_quick_start_is_the_quickstart_example() {
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quickstart.rs"),
    )
    .expect("read examples/quickstart.rs");
    let block = readme_block("## Rust quick start");
    assert!(
        block == example,
        "README.md's Rust quick start and crates/chatadmin-client/examples/quickstart.rs differ; \
         keep them identical (the example is what is compiled and run)"
    );
}

/// `target/<profile>/examples/quickstart`, built by `cargo test` (which builds every example);
/// built here when this test runs on its own.
fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps");
    let bin = profile_dir.join("examples/quickstart");
    if !bin.is_file() {
        // The selection of `cargo test` (plus the examples), so the features and compiled
        // dependencies are those of the test build; and without the variables cargo set for
        // this test, which build scripts watch (ring: CARGO_MANIFEST_DIR...).
        let mut cargo = Command::new(env!("CARGO"));
        cargo.current_dir(workspace()).args([
            "build",
            "--locked",
            "--lib",
            "--bins",
            "--tests",
            "--examples",
        ]);
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("CARGO_") && name != "CARGO_HOME" && name != "CARGO_TARGET_DIR"
                || name == "OUT_DIR"
            {
                cargo.env_remove(name.as_ref());
            }
        }
        if let Some(target_dir) = profile_dir.parent() {
            cargo.env("CARGO_TARGET_DIR", target_dir);
        }
        if profile_dir.file_name().and_then(|n| n.to_str()) == Some("release") {
            cargo.arg("--release");
        }
        let status = cargo
            .status()
            .expect("run cargo build --example quickstart");
        assert!(status.success(), "cargo build --example quickstart failed");
    }
    bin
}

#[test]
fn readme_rust_quick_start_runs_against_the_emulator() {
    let emulator = Emulator::start(EmulatorConfig::new(SDKAPPID, KEY)).expect("start the emulator");
    let out = Command::new(example_binary())
        .env("CHATADMIN_SECRET_KEY", KEY)
        .env("CHATADMIN_BASE_URL", emulator.base_url())
        .output()
        .expect("run the quickstart example");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the example failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("2500 results, 2500 failed\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"CheckItem\"") || stdout.contains("\"ResultItem\""),
        "{stdout}"
    );
    // Three requests of at most 1,000 accounts each.
    assert_eq!(emulator.control().hits("sns/friend_delete"), 3);
}

#[test]
fn readme_rust_quick_start_says_what_is_missing() {
    let out = Command::new(example_binary())
        .env_remove("CHATADMIN_SECRET_KEY")
        .env_remove("CHATADMIN_BASE_URL")
        .output()
        .expect("run the quickstart example");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("set CHATADMIN_SECRET_KEY"), "{stderr}");
}
