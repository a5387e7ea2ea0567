//! Gives the shared library a SONAME (ELF) or install name (Mach-O) carrying the ABI major
//! version, so that programs linked against `libchatadmin.so` record `libchatadmin.so.0` and
//! keep loading the right ABI after an upgrade. `scripts/install-c.sh` installs the matching
//! file names (`libchatadmin.so.0.1.0`, and the symlinks `libchatadmin.so.0` and
//! `libchatadmin.so`).
//!
//! While the version is 0.x, the major ABI number is 0: the ABI is append-only (docs/ABI.md),
//! so 0.y releases stay loadable by programs built against an earlier 0.y.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".to_owned());
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match os.as_str() {
        "macos" | "ios" => println!(
            "cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libchatadmin.{major}.dylib"
        ),
        "windows" => {}
        // Linux, the BSDs, illumos...: ELF with GNU-compatible linker flags.
        _ => println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libchatadmin.so.{major}"),
    }
}
