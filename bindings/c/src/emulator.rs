//! The offline emulator of the service, in the caller's process (`chatadmin_emulator`), for
//! tests: it serves the service's REST API on a loopback port, and its test hooks are the
//! JSON operations of `chatadmin_emulator::Control::apply_json` — the same dispatcher the
//! emulator's HTTP control routes and the Python package use; nothing is re-implemented here.

use std::ffi::{c_char, CString};
use std::net::SocketAddr;

use ::chatadmin_emulator::{ControlError, Emulator, EmulatorConfig, LoginError, RateLimitMode};

use crate::catalog::parse_json;
use crate::client::chatadmin_rate_limit;
use crate::error::{chatadmin_error, chatadmin_status};
use crate::ffi::{self, Status};

/// An emulator running on background threads of this process. Start with
/// `chatadmin_emulator_start` (or `_start_with`), free with `chatadmin_emulator_free`.
///
/// Thread-safe: `chatadmin_emulator_url` and `chatadmin_emulator_control` may be called from
/// any number of threads at once (and clients may call it from any thread); free it once, when
/// no other call on it is in progress.
pub struct chatadmin_emulator {
    inner: Emulator,
    url: CString,
}

impl std::fmt::Debug for chatadmin_emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Emulator's Debug shows the address, app and admin, never the key.
        f.debug_tuple("chatadmin_emulator")
            .field(&self.inner)
            .finish()
    }
}

fn config_error(message: String) -> chatadmin_error {
    chatadmin_error::new(chatadmin_status::CHATADMIN_CONFIG, message)
}

/// Starts an emulator of the app `sdkappid` whose UserSigs are signed with `key`, with the
/// admin account `"administrator"`, the documented per-API rate limits, on a free port of
/// 127.0.0.1. It returns once the emulator listens (in milliseconds). On success `*out`
/// receives the emulator; free it with `chatadmin_emulator_free`.
///
/// Fails with `CHATADMIN_CONFIG` when `sdkappid` is 0 or `key` is empty.
///
/// ```c
/// chatadmin_emulator *emu = NULL;
/// chatadmin_error *err = NULL;
/// if (chatadmin_emulator_start(1400000000, "test-key", &emu, &err) != CHATADMIN_OK) {
///     fprintf(stderr, "%s\n", chatadmin_error_message(err));
///     chatadmin_error_free(err);
///     return 1;
/// }
/// // Give chatadmin_emulator_url(emu) to chatadmin_client_builder_base_url.
/// chatadmin_emulator_free(emu);
/// ```
#[no_mangle]
pub unsafe extern "C" fn chatadmin_emulator_start(
    sdkappid: u64,
    key: *const c_char,
    out: *mut *mut chatadmin_emulator,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    // SAFETY: forwarded contract; NULL admin and listen mean the defaults.
    unsafe {
        chatadmin_emulator_start_with(
            sdkappid,
            key,
            std::ptr::null(),
            chatadmin_rate_limit::CHATADMIN_RATE_LIMIT_DOCUMENTED as ffi::RateLimitMode,
            std::ptr::null(),
            out,
            err_out,
        )
    }
}

/// Like `chatadmin_emulator_start`, with options: `admin`, the only account allowed to call
/// (NULL: `"administrator"`); `rate_limit`, `CHATADMIN_RATE_LIMIT_DOCUMENTED` (each API at
/// its documented rate, calls beyond get 60007) or `CHATADMIN_RATE_LIMIT_OFF`; `listen`, the
/// address to listen on (NULL: `"127.0.0.1:0"`, a free loopback port).
///
/// Fails with `CHATADMIN_CONFIG` for a bad option (`CHATADMIN_RATE_LIMIT_PER_SECOND` is
/// one: the emulator applies the service's limits or none) or an address it cannot listen on.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_emulator_start_with(
    sdkappid: u64,
    key: *const c_char,
    admin: *const c_char,
    rate_limit: ffi::RateLimitMode,
    listen: *const c_char,
    out: *mut *mut chatadmin_emulator,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY (all argument reads): pointers are NULL or valid per the contract.
        let key = unsafe { ffi::arg_str(key, "key") }?;
        let admin = unsafe { ffi::arg_opt_str(admin, "admin") }?;
        let listen = unsafe { ffi::arg_opt_str(listen, "listen") }?;
        ffi::check_out(out, "out")?;
        let mut config = EmulatorConfig::new(sdkappid, key);
        if let Some(a) = admin {
            config.admin = a.to_owned();
        }
        config.rate_limit = match rate_limit {
            r if r == chatadmin_rate_limit::CHATADMIN_RATE_LIMIT_DOCUMENTED as u32 => {
                RateLimitMode::Documented
            }
            r if r == chatadmin_rate_limit::CHATADMIN_RATE_LIMIT_OFF as u32 => RateLimitMode::Off,
            r => {
                return Err(config_error(format!(
                    "argument `rate_limit` must be CHATADMIN_RATE_LIMIT_DOCUMENTED or \
                     CHATADMIN_RATE_LIMIT_OFF for the emulator, not {r}"
                )))
            }
        };
        if let Some(l) = listen {
            config.listen = l.parse::<SocketAddr>().map_err(|_| {
                config_error(format!(
                    "argument `listen` must be an IP address and port such as \
                     \"127.0.0.1:0\", not {l:?}"
                ))
            })?;
        }
        let inner = Emulator::start(config)
            .map_err(|e| config_error(format!("the emulator did not start: {e}")))?;
        let url = ffi::message_cstring(inner.base_url());
        let emu = Box::into_raw(Box::new(chatadmin_emulator { inner, url }));
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(out, emu) };
        Ok(())
    })
}

/// The emulator's base URL, `http://127.0.0.1:PORT`: give it to
/// `chatadmin_client_builder_base_url`. Owned by the emulator and valid until it is freed;
/// NULL when `emulator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_emulator_url(
    emulator: *const chatadmin_emulator,
) -> *const c_char {
    ffi::catch_or(std::ptr::null(), || {
        // SAFETY: `emulator` is NULL or a live emulator per the contract.
        unsafe { emulator.as_ref() }.map_or(std::ptr::null(), |e| e.url.as_ptr())
    })
}

/// Applies one control request to the emulator and answers it: `request_json` is a JSON
/// object naming the operation in `"op"` with its fields beside it, for example
///
/// - `{"op": "accounts", "UserID": ["alice", "bob"]}`: imports accounts directly;
/// - `{"op": "fault", "path": "sns/friend_delete", "error_code": 30006, "times": 1}`: the
///   next call fails with that code (or `"http_status": 502`, `"latency_ms": 200`,
///   `"drop_connection": true`, `"drop_after_effect": true`; `"after": K` lets K calls
///   through first);
/// - `{"op": "hits", "path": "sns/friend_delete"}`: answers `{"path", "hits", "total"}`;
/// - `{"op": "state"}`, `{"op": "reset"}`, `{"op": "clear_faults"}`, `{"op": "friends", ...}`,
///   `{"op": "friend_lists", ...}`, `{"op": "login", "UserID", "UserSig", "Platform"}`,
///   `{"op": "logout", "UserID"}`, `{"op": "push_online", "UserID"}`,
///   `{"op": "live_join", "GroupId", "UserID"}`, `{"op": "live_leave", ...}`,
///   `{"op": "conversation_touch", "From_Account", "To_Account" or "GroupId", ...}`,
///   `{"op": "clock"}`,
///   `{"op": "advance_clock", "advance": SECONDS}`.
///
/// The operations are those of the emulator's HTTP control routes, defined once in the
/// chatadmin-emulator crate (its documentation lists every field). On success `*answer_out`
/// receives the answer as JSON (`{"ok":true}` or the data asked for; free it with
/// `chatadmin_string_free`).
///
/// Fails with `CHATADMIN_INVALID_JSON` when `request_json` is not JSON; with
/// `CHATADMIN_VALIDATION` for an unknown operation or a bad field; with `CHATADMIN_USERSIG`
/// (and the failed check) when a `login` UserSig is refused, and `CHATADMIN_VALIDATION` for
/// other refused logins. The error's body (`chatadmin_error_body`) is then
/// `{"error": "...", "status": 400|403|404}`, plus `"kind"` for a refused login (`usersig`,
/// `kicked`, `no_such_account`, `not_logged_in`, `invalid_platform`).
#[no_mangle]
pub unsafe extern "C" fn chatadmin_emulator_control(
    emulator: *const chatadmin_emulator,
    request_json: *const c_char,
    answer_out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract; the emulator is Sync.
        let emu = unsafe { emulator.as_ref() }
            .ok_or_else(|| chatadmin_error::null_argument("emulator"))?;
        let request = unsafe { ffi::arg_str(request_json, "request_json") }?;
        ffi::check_out(answer_out, "answer_out")?;
        let request = parse_json(request, "request_json")?;
        let answer = emu
            .inner
            .control()
            .apply_json(&request)
            .map_err(|e| control_error(&e))?;
        let text = ffi::json_c_string(&answer);
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(answer_out, text) };
        Ok(())
    })
}

/// A refused control request as a C error: a UserSig refused at login is a
/// `CHATADMIN_USERSIG` error with its check, anything else `CHATADMIN_VALIDATION`.
fn control_error(e: &ControlError) -> chatadmin_error {
    let (status, check) = match e.login_error() {
        Some(LoginError::UserSig(u)) => (chatadmin_status::CHATADMIN_USERSIG, u.failure() as u32),
        _ => (chatadmin_status::CHATADMIN_VALIDATION, 0),
    };
    let mut body = e.to_json();
    if let Some(o) = body.as_object_mut() {
        o.insert("status".into(), e.status().into());
    }
    chatadmin_error::with_body(
        status,
        format!("emulator control: {e}"),
        body.to_string(),
        check,
    )
}

/// Stops the emulator (its connections are closed; it waits at most a fraction of a second
/// for its threads) and frees it. `chatadmin_emulator_free(NULL)` does nothing. Free clients
/// pointed at it first or not: their later calls fail with `CHATADMIN_TRANSPORT`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_emulator_free(emulator: *mut chatadmin_emulator) {
    ffi::catch_or((), || {
        if !emulator.is_null() {
            // SAFETY: `emulator` came from `chatadmin_emulator_start*` and is freed once.
            drop(unsafe { Box::from_raw(emulator) });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr;

    fn control(emu: *const chatadmin_emulator, req: &str) -> Result<String, *mut chatadmin_error> {
        let req = CString::new(req).unwrap();
        let mut out: *mut c_char = ptr::null_mut();
        let mut err: *mut chatadmin_error = ptr::null_mut();
        let s = unsafe { chatadmin_emulator_control(emu, req.as_ptr(), &mut out, &mut err) };
        if s == 0 {
            let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
            unsafe { ffi::free_c_string(out) };
            Ok(text)
        } else {
            assert!(out.is_null(), "no output on failure");
            Err(err)
        }
    }

    #[test]
    fn starts_controls_and_frees() {
        let key = CString::new("k").unwrap();
        let mut emu: *mut chatadmin_emulator = ptr::null_mut();
        let s = unsafe { chatadmin_emulator_start(7, key.as_ptr(), &mut emu, ptr::null_mut()) };
        assert_eq!(s, 0);
        let url = unsafe { CStr::from_ptr(chatadmin_emulator_url(emu)) };
        assert!(url.to_str().unwrap().starts_with("http://127.0.0.1:"));
        assert_eq!(
            control(emu, r#"{"op":"accounts","UserID":["a"]}"#).unwrap(),
            r#"{"ok":true}"#
        );
        assert!(control(emu, r#"{"op":"state"}"#)
            .unwrap()
            .contains(r#""a""#));
        let err = control(emu, r#"{"op":"fault","path":"a/b"}"#).unwrap_err();
        assert_eq!(
            unsafe { crate::chatadmin_error_kind(err) },
            chatadmin_status::CHATADMIN_VALIDATION as u32
        );
        let body = unsafe { CStr::from_ptr(crate::chatadmin_error_body(err)) };
        assert!(body.to_str().unwrap().contains(r#""status":400"#));
        unsafe { crate::chatadmin_error_free(err) };
        let err = control(emu, "{nope").unwrap_err();
        assert_eq!(
            unsafe { crate::chatadmin_error_kind(err) },
            chatadmin_status::CHATADMIN_INVALID_JSON as u32
        );
        unsafe { crate::chatadmin_error_free(err) };
        unsafe { chatadmin_emulator_free(emu) };
        unsafe { chatadmin_emulator_free(ptr::null_mut()) };
        assert!(unsafe { chatadmin_emulator_url(ptr::null()) }.is_null());
    }

    #[test]
    fn bad_options_are_config_errors_and_write_nothing() {
        let key = CString::new("k").unwrap();
        let mut emu: *mut chatadmin_emulator = ptr::null_mut();
        for (sdkappid, rate, listen) in [
            (0, 0, None),
            (1, 2, None),
            (1, 9, None),
            (1, 0, Some("localhost")),
        ] {
            let listen = listen.map(|l| CString::new(l).unwrap());
            let mut err: *mut chatadmin_error = ptr::null_mut();
            let s = unsafe {
                chatadmin_emulator_start_with(
                    sdkappid,
                    key.as_ptr(),
                    ptr::null(),
                    rate,
                    listen.as_ref().map_or(ptr::null(), |l| l.as_ptr()),
                    &mut emu,
                    &mut err,
                )
            };
            assert_eq!(s, chatadmin_status::CHATADMIN_CONFIG as u32);
            assert!(emu.is_null());
            unsafe { crate::chatadmin_error_free(err) };
        }
        let s = unsafe { chatadmin_emulator_start(1, ptr::null(), &mut emu, ptr::null_mut()) };
        assert_eq!(s, chatadmin_status::CHATADMIN_NULL_ARGUMENT as u32);
        let s =
            unsafe { chatadmin_emulator_start(1, key.as_ptr(), ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(s, chatadmin_status::CHATADMIN_NULL_ARGUMENT as u32);
    }
}
