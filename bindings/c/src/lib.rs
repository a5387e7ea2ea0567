//! # libchatadmin
//!
//! The C library of chatadmin, the server-side SDK for the Tencent Cloud Chat (formerly
//! Tencent IM) REST API: `libchatadmin.{so,a}` with the header `include/chatadmin.h`
//! (generated from this crate by cbindgen) and the header-only C++17 wrapper
//! `include/chatadmin.hpp`.
//!
//! This crate only translates. Every rule — UserSig, request validation, limits, retries,
//! error codes — lives in `chatadmin-core` and `chatadmin-client`, and the in-process
//! emulator (`chatadmin_emulator_*`) with its control operations in `chatadmin-emulator`;
//! here arguments become Rust values, Rust results become a status code, an error object and
//! output strings.
//!
//! The conventions every export follows (ownership, `_free(NULL)`, outputs written only on
//! success, threads, blocking, status numbering) are in `docs/ABI.md`. In short:
//!
//! - every fallible function returns a [`chatadmin_status`] and takes
//!   `chatadmin_error **err_out` (may be NULL) last; on failure `*err_out` receives an error
//!   object to free with `chatadmin_error_free`;
//! - pointer arguments are checked (NULL → `CHATADMIN_NULL_ARGUMENT`), strings must be
//!   UTF-8 (`CHATADMIN_INVALID_UTF8`), panics are caught (`CHATADMIN_PANIC`);
//! - strings returned through `char **` are freed with `chatadmin_string_free`.
//!
//! The header is checked for drift by `tests/header.rs`; regenerate it with
//! `CHATADMIN_BLESS=1 cargo test -p chatadmin-c --test header`.

// The exported names are C names.
#![allow(non_camel_case_types)]
// The safety contract is the same for every export (pointers are NULL or valid for what the
// documentation says) and is written once, in docs/ABI.md and the header's preamble.
#![allow(clippy::missing_safety_doc)]

// Panics are caught at every export (CHATADMIN_PANIC); with panic=abort they would abort the
// host process instead.
#[cfg(panic = "abort")]
compile_error!("libchatadmin must be built with panic=unwind: the C boundary catches panics");

mod catalog;
mod client;
mod emulator;
mod error;
mod ffi;
mod history;
mod usersig;

use std::ffi::{c_char, CStr};

pub use catalog::*;
pub use client::*;
pub use emulator::*;
pub use error::*;
pub use history::*;
pub use usersig::*;

/// The library version, e.g. `"0.1.0"`: the same as `CHATADMIN_VERSION_STRING` when the
/// header matches the library. Static: never free it.
#[no_mangle]
pub extern "C" fn chatadmin_version() -> *const c_char {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => panic!("the version has no NUL"),
        };
    VERSION.as_ptr()
}

/// Frees a string this library returned through a `char **` output (JSON documents,
/// UserSigs, PrivateMapKeys), wiping its bytes first. `chatadmin_string_free(NULL)` does
/// nothing. Never pass it a string from anywhere else, nor one of the `const char *` that
/// error objects and `chatadmin_version` return.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_string_free(s: *mut c_char) {
    ffi::catch_or((), || {
        // SAFETY: per the contract, `s` is NULL or a string from this library not yet freed.
        unsafe { ffi::free_c_string(s) }
    })
}
