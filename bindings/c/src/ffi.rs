//! The mechanics of the C boundary, shared by every export: the panic guard, argument
//! checks, output writing and the strings handed to C.

use std::alloc::{self, Layout};
use std::ffi::{c_char, CStr, CString};
use std::mem::{align_of, size_of};
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

use zeroize::Zeroize;

use crate::error::{chatadmin_error, chatadmin_status};

/// A `chatadmin_status` as it crosses the boundary. Written in the header as
/// `chatadmin_status` (see `cbindgen.toml`); a plain integer on the Rust side so that any
/// value a C caller passes in is sound to receive.
pub type Status = u32;
/// A `chatadmin_usersig_check` as it crosses the boundary (see [`Status`]).
pub type UserSigCheck = u32;
/// A `chatadmin_rate_limit` as it crosses the boundary (see [`Status`]).
pub type RateLimitMode = u32;

/// Runs `f` behind the panic guard and reports its outcome the C way: a status, and on
/// failure an error object in `*err_out` (when `err_out` is not NULL). `f` writes its
/// outputs itself, last, so that they are written only on success.
pub(crate) fn run(
    err_out: *mut *mut chatadmin_error,
    f: impl FnOnce() -> Result<(), chatadmin_error>,
) -> Status {
    let outcome = panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        Err(chatadmin_error::new(
            chatadmin_status::CHATADMIN_PANIC,
            format!(
                "chatadmin panicked (a bug; please report it): {}",
                panic_message(&*payload)
            ),
        ))
    });
    match outcome {
        Ok(()) => chatadmin_status::CHATADMIN_OK as Status,
        Err(e) => {
            let status = e.status();
            if !err_out.is_null() {
                // Boxing cannot unwind in a way we could report (allocation failure aborts).
                // SAFETY: the caller passes NULL or a writable `chatadmin_error *`.
                unsafe { err_out.write(Box::into_raw(Box::new(e))) };
            }
            status
        }
    }
}

/// Runs `f` behind the panic guard for exports that return a value instead of a status.
pub(crate) fn catch_or<T>(on_panic: T, f: impl FnOnce() -> T) -> T {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or(on_panic)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// A required string argument: NUL-terminated UTF-8.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn arg_str<'a>(p: *const c_char, name: &str) -> Result<&'a str, chatadmin_error> {
    if p.is_null() {
        return Err(chatadmin_error::null_argument(name));
    }
    // SAFETY: non-NULL, and NUL-terminated per the contract.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        chatadmin_error::new(
            chatadmin_status::CHATADMIN_INVALID_UTF8,
            format!(
                "argument `{name}` is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// An optional string argument: NULL means absent.
///
/// # Safety
/// As [`arg_str`].
pub(crate) unsafe fn arg_opt_str<'a>(
    p: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, chatadmin_error> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded contract.
        unsafe { arg_str(p, name) }.map(Some)
    }
}

/// An optional byte buffer: a NULL pointer means absent (and then `len` must be 0); a
/// non-NULL pointer with `len` 0 is present and empty.
///
/// # Safety
/// `p` is NULL or points to `len` readable bytes that outlive `'a`.
pub(crate) unsafe fn arg_opt_bytes<'a>(
    p: *const u8,
    len: usize,
    name: &str,
) -> Result<Option<&'a [u8]>, chatadmin_error> {
    if p.is_null() {
        if len != 0 {
            return Err(chatadmin_error::new(
                chatadmin_status::CHATADMIN_NULL_ARGUMENT,
                format!("argument `{name}` is NULL but its length is {len}"),
            ));
        }
        return Ok(None);
    }
    if len > isize::MAX as usize {
        return Err(chatadmin_error::new(
            chatadmin_status::CHATADMIN_VALIDATION,
            format!("argument `{name}` is too long"),
        ));
    }
    // SAFETY: non-NULL, `len` readable bytes per the contract, length bounded above; u8
    // needs no alignment.
    Ok(Some(unsafe { std::slice::from_raw_parts(p, len) }))
}

/// Checks an output pointer before any work is done, so that a NULL output fails early
/// (and before any network call).
pub(crate) fn check_out<T>(p: *mut T, name: &str) -> Result<(), chatadmin_error> {
    if p.is_null() {
        Err(chatadmin_error::null_argument(name))
    } else {
        Ok(())
    }
}

/// Writes an output; call only once everything else has succeeded.
///
/// # Safety
/// `p` was checked by [`check_out`] and is writable.
pub(crate) unsafe fn write_out<T>(p: *mut T, value: T) {
    // SAFETY: forwarded contract.
    unsafe { p.write(value) }
}

/// A message for C: NUL bytes (which C cannot carry) become U+FFFD.
pub(crate) fn message_cstring(s: String) -> CString {
    let s = if s.contains('\0') {
        s.replace('\0', "\u{FFFD}")
    } else {
        s
    };
    CString::new(s).unwrap_or_default()
}

/// Strings handed to C live in one allocation laid out as `[total size: usize][bytes][NUL]`,
/// and C sees a pointer to the bytes. `chatadmin_string_free` reads the size back, so freeing
/// stays correct even if the caller wrote into the string (say, with `strtok`), and wipes the
/// bytes first: several outputs (UserSigs, PrivateMapKeys, inspected documents) are
/// credentials.
const HEADER: usize = size_of::<usize>();

fn string_layout(total: usize) -> Layout {
    Layout::from_size_align(total, align_of::<usize>()).expect("string size fits a layout")
}

/// Copies `s` into a new C string; free it with `chatadmin_string_free`.
///
/// The outputs of this library (JSON, UserSigs) never contain a NUL byte; one would be a bug,
/// reported as a panic by the guard.
pub(crate) fn new_c_string(s: &str) -> *mut c_char {
    assert!(!s.contains('\0'), "an output string contains a NUL byte");
    let total = HEADER
        .checked_add(s.len())
        .and_then(|n| n.checked_add(1))
        .expect("string length overflows");
    let layout = string_layout(total);
    // SAFETY: the layout has a non-zero size (at least HEADER + 1).
    let base = unsafe { alloc::alloc(layout) };
    if base.is_null() {
        alloc::handle_alloc_error(layout);
    }
    // SAFETY: `base` is valid for `total` bytes and aligned for usize; the header, the bytes
    // and the NUL are written within those bytes.
    unsafe {
        base.cast::<usize>().write(total);
        let text = base.add(HEADER);
        ptr::copy_nonoverlapping(s.as_ptr(), text, s.len());
        text.add(s.len()).write(0);
        text.cast()
    }
}

/// Serializes `v` into a C string. The text is first measured, then written into a buffer of
/// exactly that size which is wiped afterwards, so that no copy of it (some outputs are
/// credentials) is left behind in freed memory by a reallocation.
pub(crate) fn json_c_string(v: &serde_json::Value) -> *mut c_char {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, v).expect("a JSON value always serializes");
    let mut text = zeroize::Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *text, v).expect("a JSON value always serializes");
    new_c_string(std::str::from_utf8(&text).expect("JSON text is UTF-8"))
}

/// Wipes and frees a string from [`new_c_string`].
///
/// # Safety
/// `s` is NULL or came from [`new_c_string`] and has not been freed.
pub(crate) unsafe fn free_c_string(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` points HEADER bytes into an allocation made by `new_c_string`, whose first
    // word is its total size; the whole allocation is ours to wipe and free.
    unsafe {
        let base = s.cast::<u8>().sub(HEADER);
        let total = base.cast::<usize>().read();
        std::slice::from_raw_parts_mut(base, total).zeroize();
        alloc::dealloc(base, string_layout(total));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_and_free() {
        for s in [
            "",
            "a",
            "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLB",
            "日本語",
        ] {
            let p = new_c_string(s);
            let back = unsafe { CStr::from_ptr(p) }.to_str().unwrap();
            assert_eq!(back, s);
            unsafe { free_c_string(p) };
        }
        unsafe { free_c_string(ptr::null_mut()) };
    }

    #[test]
    fn writing_into_a_string_does_not_break_free() {
        let p = new_c_string("hello world");
        unsafe {
            p.add(5).write(0);
            free_c_string(p);
        }
    }

    #[test]
    fn panics_become_a_status_and_an_error() {
        let mut err: *mut chatadmin_error = ptr::null_mut();
        let status = run(&mut err, || panic!("boom"));
        assert_eq!(status, chatadmin_status::CHATADMIN_PANIC as u32);
        let msg = unsafe { CStr::from_ptr(crate::error::chatadmin_error_message(err)) };
        assert!(msg.to_str().unwrap().contains("boom"));
        unsafe { crate::error::chatadmin_error_free(err) };
        // NULL err_out: the status alone.
        assert_eq!(run(ptr::null_mut(), || panic!("boom")), 103);
    }

    #[test]
    fn arguments_are_checked() {
        let e = unsafe { arg_str(ptr::null(), "key") }.unwrap_err();
        assert_eq!(e.status(), chatadmin_status::CHATADMIN_NULL_ARGUMENT as u32);
        let bad = b"ab\xffc\0";
        let e = unsafe { arg_str(bad.as_ptr().cast(), "key") }.unwrap_err();
        assert_eq!(e.status(), chatadmin_status::CHATADMIN_INVALID_UTF8 as u32);
        assert_eq!(unsafe { arg_opt_bytes(ptr::null(), 0, "b") }.unwrap(), None);
        assert!(unsafe { arg_opt_bytes(ptr::null(), 3, "b") }.is_err());
        let empty: &[u8] = &[];
        assert_eq!(
            unsafe { arg_opt_bytes(empty.as_ptr(), 0, "b") }.unwrap(),
            Some(empty)
        );
        assert_eq!(
            message_cstring("a\0b".into()).to_str().unwrap(),
            "a\u{FFFD}b"
        );
    }
}
