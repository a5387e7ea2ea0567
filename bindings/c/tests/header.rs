//! `include/chatadmin.h` is generated from this crate by cbindgen and committed. These tests
//! regenerate it and fail on any difference, and check its version macros against
//! Cargo.toml.
//!
//! Regenerate after changing an export: `CHATADMIN_BLESS=1 cargo test -p chatadmin-c --test header`

use std::path::{Path, PathBuf};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    crate_dir().join("../../include/chatadmin.h")
}

/// The version macros, from the package version (which comes from Cargo.toml).
fn version_macros() -> String {
    format!(
        "\n/** The version of this header; compare with chatadmin_version() at run time. */\n\
         #define CHATADMIN_VERSION_MAJOR {}\n\
         #define CHATADMIN_VERSION_MINOR {}\n\
         #define CHATADMIN_VERSION_PATCH {}\n\
         #define CHATADMIN_VERSION_STRING \"{}\"",
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
        env!("CARGO_PKG_VERSION"),
    )
}

fn generate() -> String {
    let mut config = cbindgen::Config::from_file(crate_dir().join("cbindgen.toml"))
        .expect("bindings/c/cbindgen.toml parses");
    config.after_includes = Some(version_macros());
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir())
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn header_is_up_to_date() {
    let fresh = generate();
    let path = header_path();
    if std::env::var_os("CHATADMIN_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write include/chatadmin.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        let line = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(fresh.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "include/chatadmin.h is out of date (first difference at line {line}).\n\
             Regenerate it with: CHATADMIN_BLESS=1 cargo test -p chatadmin-c --test header"
        );
    }
}

/// The value of `#define NAME value` in the committed header.
fn define(header: &str, name: &str) -> String {
    header
        .lines()
        .filter_map(|l| l.trim().strip_prefix("#define "))
        .filter_map(|l| l.split_once(char::is_whitespace))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_else(|| panic!("{name} is not defined in include/chatadmin.h"))
}

#[test]
fn header_version_matches_cargo_toml() {
    let header = std::fs::read_to_string(header_path()).expect("read include/chatadmin.h");
    let parts =
        ["MAJOR", "MINOR", "PATCH"].map(|p| define(&header, &format!("CHATADMIN_VERSION_{p}")));
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        parts.join("."),
        version,
        "version macros in include/chatadmin.h"
    );
    assert_eq!(
        define(&header, "CHATADMIN_VERSION_STRING"),
        format!("\"{version}\"")
    );

    let lib = unsafe { std::ffi::CStr::from_ptr(chatadmin::chatadmin_version()) };
    assert_eq!(lib.to_str().unwrap(), version);
}
