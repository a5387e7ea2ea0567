//! The hourly message archives (`open_msg_svc/get_history`'s files): one verified download.

use std::ffi::c_char;

use crate::catalog::parse_json;
use crate::client::chatadmin_client;
use crate::error::chatadmin_error;
use crate::ffi::{self, Status};

/// Downloads one file of an hourly message archive to `path`, checking its `GzipSize` and
/// `GzipMD5` as the bytes arrive; blocks until done.
///
/// `file_json` is one entry of the `File` array of `open_msg_svc/get_history`'s response (as
/// `chatadmin_client_call` returned it): `{"URL": ..., "GzipSize": ..., "GzipMD5": ..., ...}`.
/// The GET goes to that address with the client's proxy and timeouts and without the UserSig.
/// The bytes go to `path` + `".part"` first and are renamed to `path` only once verified, so
/// `path` never holds a partial or corrupted file. The file is the documented gzip of JSON
/// (first line `{"SdkAppId":..,"ChatType":..,"MsgTime":..,"MsgList":[`, then one message a
/// line, the last line ending with `]}`).
///
/// On success `*size_out` (when not NULL) receives the size written. A mismatch fails with
/// `CHATADMIN_DECODE` and a message naming the field (`GzipSize`, `GzipMD5`); an HTTP error
/// (403 for an expired address) with `CHATADMIN_TRANSPORT`; a `file_json` without `URL`,
/// `GzipSize` or `GzipMD5` with `CHATADMIN_VALIDATION`.
///
/// ```c
/// uint64_t size = 0;
/// chatadmin_error *err = NULL;
/// if (chatadmin_client_download_history(client, file_json, "/tmp/c2c.gz", &size, &err) != CHATADMIN_OK) {
///     fprintf(stderr, "%s\n", chatadmin_error_message(err));
///     chatadmin_error_free(err);
/// }
/// ```
#[no_mangle]
pub unsafe extern "C" fn chatadmin_client_download_history(
    client: *const chatadmin_client,
    file_json: *const c_char,
    path: *const c_char,
    size_out: *mut u64,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid per the contract; the client is Sync.
        let client =
            unsafe { client.as_ref() }.ok_or_else(|| chatadmin_error::null_argument("client"))?;
        let file_json = unsafe { ffi::arg_str(file_json, "file_json") }?;
        let path = unsafe { ffi::arg_str(path, "path") }?;
        let value = parse_json(file_json, "file_json")?;
        let file = chatadmin_core::archive::history_file_from_json(value, "file_json")
            .map_err(|e| chatadmin_error::from_core(&e))?;
        let size = client
            .inner
            .download_history_to(&file, path)
            .map_err(|e| chatadmin_error::from_core(&e))?;
        if !size_out.is_null() {
            // SAFETY: non-NULL and writable per the contract.
            unsafe { ffi::write_out(size_out, size) };
        }
        Ok(())
    })
}
