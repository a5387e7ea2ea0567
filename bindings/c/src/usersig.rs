//! UserSig and PrivateMapKey: generate, verify, inspect (`chatadmin_core::usersig`).

use std::ffi::c_char;
use std::time::{SystemTime, UNIX_EPOCH};

use chatadmin_core::usersig::{self, Expected, Room, UserbufCheck};
use chatadmin_core::{Error, SecretKey};

use crate::error::chatadmin_error;
use crate::ffi::{self, Status};

/// The validity the official libraries use when none is given: 180 days, in seconds.
pub const CHATADMIN_USERSIG_DEFAULT_EXPIRE: u64 = 15_552_000;

/// PrivateMapKey privilege: create the room.
pub const CHATADMIN_PRIV_CREATE: u32 = 1;
/// PrivateMapKey privilege: enter the room.
pub const CHATADMIN_PRIV_ENTER: u32 = 2;
/// PrivateMapKey privilege: send audio.
pub const CHATADMIN_PRIV_SEND_AUDIO: u32 = 4;
/// PrivateMapKey privilege: receive audio.
pub const CHATADMIN_PRIV_RECV_AUDIO: u32 = 8;
/// PrivateMapKey privilege: send video.
pub const CHATADMIN_PRIV_SEND_VIDEO: u32 = 16;
/// PrivateMapKey privilege: receive video.
pub const CHATADMIN_PRIV_RECV_VIDEO: u32 = 32;
/// PrivateMapKey privilege: send the sub-stream (screen sharing).
pub const CHATADMIN_PRIV_SEND_SUBSTREAM: u32 = 64;
/// PrivateMapKey privilege: receive the sub-stream (screen sharing).
pub const CHATADMIN_PRIV_RECV_SUBSTREAM: u32 = 128;
/// PrivateMapKey privileges: all of the above.
pub const CHATADMIN_PRIV_ALL: u32 = 255;

/// `now_unix`, with 0 meaning the system clock.
fn now_or(now_unix: u64) -> u64 {
    if now_unix != 0 {
        return now_unix;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Generates a UserSig (TLSSigAPIv2) for `identifier`, valid for `expire_secs` seconds from
/// `now_unix` (Unix seconds; 0 = the system clock).
///
/// `key` is the app's secret key from the Chat console, used as text. `userbuf` is optional:
/// NULL (with `userbuf_len` 0) for a plain UserSig; a non-NULL pointer binds those
/// `userbuf_len` bytes (0 bytes is an empty but present userbuf). The result is identical to
/// what Tencent's official libraries produce for the same inputs.
///
/// On success `*out` receives the UserSig (free it with `chatadmin_string_free`; it is a
/// credential).
///
/// ```c
/// char *sig = NULL;
/// chatadmin_error *err = NULL;
/// if (chatadmin_usersig_generate(1400000000, key, "administrator",
///         CHATADMIN_USERSIG_DEFAULT_EXPIRE, 0, NULL, 0, &sig, &err) == CHATADMIN_OK) {
///     use(sig);
///     chatadmin_string_free(sig);
/// } else {
///     fprintf(stderr, "%s\n", chatadmin_error_message(err));
///     chatadmin_error_free(err);
/// }
/// ```
#[no_mangle]
pub unsafe extern "C" fn chatadmin_usersig_generate(
    sdkappid: u64,
    key: *const c_char,
    identifier: *const c_char,
    expire_secs: u64,
    now_unix: u64,
    userbuf: *const u8,
    userbuf_len: usize,
    out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY (all argument reads): pointers are NULL or valid per the contract.
        let key = SecretKey::new(unsafe { ffi::arg_str(key, "key") }?);
        let identifier = unsafe { ffi::arg_str(identifier, "identifier") }?;
        let userbuf = unsafe { ffi::arg_opt_bytes(userbuf, userbuf_len, "userbuf") }?;
        ffi::check_out(out, "out")?;
        let now = now_or(now_unix);
        let sig = match userbuf {
            None => usersig::generate(&key, sdkappid, identifier, expire_secs, now),
            Some(b) => {
                usersig::generate_with_userbuf(&key, sdkappid, identifier, expire_secs, now, b)
            }
        };
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(out, ffi::new_c_string(sig.expose_secret())) };
        Ok(())
    })
}

/// Verifies a UserSig: it must be for `sdkappid` and `identifier`, unexpired at `now_unix`
/// (Unix seconds; 0 = the system clock), carry exactly the expected userbuf, and be signed
/// with `key`.
///
/// `userbuf` NULL (with `userbuf_len` 0) expects a plain UserSig without a userbuf; a
/// non-NULL pointer expects exactly those `userbuf_len` bytes.
///
/// Returns `CHATADMIN_OK` when valid. Otherwise `CHATADMIN_USERSIG`, and the error object
/// says which check failed (`chatadmin_error_usersig_check`), checked in this order: an empty
/// key (`INVALID_INPUT`), decoding (`MALFORMED`), SDKAppID, identifier, expiry, userbuf,
/// signature.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_usersig_verify(
    sdkappid: u64,
    key: *const c_char,
    identifier: *const c_char,
    now_unix: u64,
    userbuf: *const u8,
    userbuf_len: usize,
    sig: *const c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY (all argument reads): pointers are NULL or valid per the contract.
        let key = SecretKey::new(unsafe { ffi::arg_str(key, "key") }?);
        let identifier = unsafe { ffi::arg_str(identifier, "identifier") }?;
        let userbuf = unsafe { ffi::arg_opt_bytes(userbuf, userbuf_len, "userbuf") }?;
        let sig = unsafe { ffi::arg_str(sig, "sig") }?;
        let expected = Expected {
            sdkappid,
            identifier,
            now: now_or(now_unix),
            userbuf: userbuf.map_or(UserbufCheck::Absent, UserbufCheck::Exact),
        };
        usersig::verify(&key, sig, &expected).map_err(Error::from)?;
        Ok(())
    })
}

/// Decodes a UserSig without a key and without verifying anything. On success `*json_out`
/// receives the document as JSON: `TLS.ver`, `TLS.identifier`, `TLS.sdkappid`,
/// `TLS.expire`, `TLS.time`, `TLS.userbuf` (standard base64, when present), `TLS.sig`, then
/// any other keys. It contains `TLS.sig`, so treat it as a credential. Free it with
/// `chatadmin_string_free`.
///
/// A text that does not decode fails with `CHATADMIN_USERSIG` and the check
/// `CHATADMIN_USERSIG_CHECK_MALFORMED`.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_usersig_inspect(
    sig: *const c_char,
    json_out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: `sig` is NULL or a valid string per the contract.
        let sig = unsafe { ffi::arg_str(sig, "sig") }?;
        ffi::check_out(json_out, "json_out")?;
        let decoded = usersig::inspect(sig).map_err(Error::from)?;
        let text = ffi::json_c_string(&decoded.to_json());
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(json_out, text) };
        Ok(())
    })
}

/// Generates a PrivateMapKey (TRTC room privileges): a UserSig for `identifier` whose
/// userbuf grants `privileges` (`CHATADMIN_PRIV_*` bits) in a room until
/// `now_unix + expire_secs` (`now_unix` 0 = the system clock).
///
/// The room is `room_str` when it is not NULL (a string room id; `room_id` is then ignored),
/// otherwise the numeric `room_id`. Values that do not fit the key's fields (an SDKAppID or
/// expiry above 2^32 - 1, an identifier or room string over 65535 bytes) fail with
/// `CHATADMIN_USERSIG` / `CHATADMIN_USERSIG_CHECK_INVALID_INPUT`.
///
/// On success `*out` receives the key (free it with `chatadmin_string_free`).
#[no_mangle]
pub unsafe extern "C" fn chatadmin_private_map_key(
    sdkappid: u64,
    key: *const c_char,
    identifier: *const c_char,
    room_id: u32,
    room_str: *const c_char,
    privileges: u32,
    expire_secs: u64,
    now_unix: u64,
    out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY (all argument reads): pointers are NULL or valid per the contract.
        let key = SecretKey::new(unsafe { ffi::arg_str(key, "key") }?);
        let identifier = unsafe { ffi::arg_str(identifier, "identifier") }?;
        let room = match unsafe { ffi::arg_opt_str(room_str, "room_str") }? {
            Some(s) => Room::Str(s.to_owned()),
            None => Room::Numeric(room_id),
        };
        ffi::check_out(out, "out")?;
        let sig = usersig::private_map_key(
            &key,
            sdkappid,
            identifier,
            &room,
            privileges,
            expire_secs,
            now_or(now_unix),
        )
        .map_err(Error::from)?;
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(out, ffi::new_c_string(sig.expose_secret())) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_match_core() {
        assert_eq!(
            CHATADMIN_USERSIG_DEFAULT_EXPIRE,
            usersig::DEFAULT_EXPIRE_SECS
        );
        let pairs = [
            (CHATADMIN_PRIV_CREATE, usersig::PRIV_CREATE),
            (CHATADMIN_PRIV_ENTER, usersig::PRIV_ENTER),
            (CHATADMIN_PRIV_SEND_AUDIO, usersig::PRIV_SEND_AUDIO),
            (CHATADMIN_PRIV_RECV_AUDIO, usersig::PRIV_RECV_AUDIO),
            (CHATADMIN_PRIV_SEND_VIDEO, usersig::PRIV_SEND_VIDEO),
            (CHATADMIN_PRIV_RECV_VIDEO, usersig::PRIV_RECV_VIDEO),
            (CHATADMIN_PRIV_SEND_SUBSTREAM, usersig::PRIV_SEND_SUBSTREAM),
            (CHATADMIN_PRIV_RECV_SUBSTREAM, usersig::PRIV_RECV_SUBSTREAM),
            (CHATADMIN_PRIV_ALL, usersig::PRIV_ALL),
        ];
        for (ours, core) in pairs {
            assert_eq!(ours, core);
        }
    }
}
