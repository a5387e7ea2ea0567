//! The endpoint catalog and offline request checks (`chatadmin_core::registry`).

use std::ffi::c_char;

use chatadmin_core::registry;
use serde_json::Value;

use crate::error::{chatadmin_error, chatadmin_status};
use crate::ffi::{self, Status};

/// Parses a JSON argument.
pub(crate) fn parse_json(text: &str, name: &str) -> Result<Value, chatadmin_error> {
    serde_json::from_str(text).map_err(|e| {
        chatadmin_error::new(
            chatadmin_status::CHATADMIN_INVALID_JSON,
            format!("argument `{name}` is not valid JSON: {e}"),
        )
    })
}

/// Every endpoint chatadmin knows, as a JSON array with one object per endpoint: `path`
/// (the wire path, e.g. `"sns/friend_delete"`), `versioned_path`, `area`, `method`,
/// `summary`, `doc_url`, `rate_limit_per_sec`, `idempotency`, `split_field`, `limits` and
/// `page_items` (the response's item list of a paged read such as `sns/friend_get`, else
/// `null`). On success `*out` receives the text (free it with `chatadmin_string_free`).
#[no_mangle]
pub unsafe extern "C" fn chatadmin_endpoints_json(
    out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        ffi::check_out(out, "out")?;
        let all: Vec<Value> = registry::all().map(|e| e.to_json()).collect();
        let text = ffi::json_c_string(&Value::Array(all));
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(out, text) };
        Ok(())
    })
}

/// Checks a request offline, without a client or a network: `json_in` is parsed into the
/// typed request of the endpoint at `wire_path` (`"sns/friend_delete"`,
/// `"v4/sns/friend_delete"` or `"/v4/sns/friend_delete"`) and validated against every
/// documented rule, including list limits (which `chatadmin_client_call` would instead
/// split into several requests where the endpoint allows it).
///
/// On success `*canonical_out` receives the exact JSON body chatadmin would send (free it
/// with `chatadmin_string_free`). Fails with `CHATADMIN_INVALID_JSON` when `json_in` is not
/// JSON and `CHATADMIN_VALIDATION` (naming the field and the limit) when the request breaks
/// a rule or the path is unknown.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_check_request(
    wire_path: *const c_char,
    json_in: *const c_char,
    canonical_out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid strings per the contract.
        let wire_path = unsafe { ffi::arg_str(wire_path, "wire_path") }?;
        let json_in = unsafe { ffi::arg_str(json_in, "json_in") }?;
        ffi::check_out(canonical_out, "canonical_out")?;
        let body = parse_json(json_in, "json_in")?;
        let canonical = registry::require(wire_path)?.check_request(body)?;
        let text = ffi::json_c_string(&canonical);
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(canonical_out, text) };
        Ok(())
    })
}

/// For paged reads (`sns/friend_get`, `sns/black_list_get`): computes the request of the next
/// page offline. `request_json` is the body that was sent and `response_json` the response it
/// got (as `chatadmin_client_call` returned it). On success `*next_out` receives the body of
/// the next page (free it with `chatadmin_string_free`), or NULL after the last page and for
/// endpoints that are not paged. A response whose cursor does not advance fails with
/// `CHATADMIN_DECODE` instead of producing the same request again, so a loop over pages
/// always ends.
#[no_mangle]
pub unsafe extern "C" fn chatadmin_next_page(
    wire_path: *const c_char,
    request_json: *const c_char,
    response_json: *const c_char,
    next_out: *mut *mut c_char,
    err_out: *mut *mut chatadmin_error,
) -> Status {
    ffi::run(err_out, || {
        // SAFETY: pointers are NULL or valid strings per the contract.
        let wire_path = unsafe { ffi::arg_str(wire_path, "wire_path") }?;
        let request_json = unsafe { ffi::arg_str(request_json, "request_json") }?;
        let response_json = unsafe { ffi::arg_str(response_json, "response_json") }?;
        ffi::check_out(next_out, "next_out")?;
        let request = parse_json(request_json, "request_json")?;
        let response = parse_json(response_json, "response_json")?;
        let next = registry::require(wire_path)?.next_page(request, &response)?;
        let text = match next {
            Some(v) => ffi::json_c_string(&v),
            None => std::ptr::null_mut(),
        };
        // SAFETY: checked by `check_out`.
        unsafe { ffi::write_out(next_out, text) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr;

    fn take(p: *mut c_char) -> String {
        let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
        unsafe { crate::chatadmin_string_free(p) };
        s
    }

    #[test]
    fn catalog_lists_every_registered_endpoint() {
        let mut out = ptr::null_mut();
        assert_eq!(
            unsafe { chatadmin_endpoints_json(&mut out, ptr::null_mut()) },
            0
        );
        let v: Value = serde_json::from_str(&take(out)).unwrap();
        let paths: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = registry::all().map(|e| e.meta().path).collect();
        assert_eq!(paths, expected);
    }

    #[test]
    fn check_request_translates_core_errors() {
        let path = c"sns/friend_delete";
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let ok = c"{\"From_Account\":\"a\",\"To_Account\":[\"b\"]}";
        let s = unsafe { chatadmin_check_request(path.as_ptr(), ok.as_ptr(), &mut out, &mut err) };
        assert_eq!(s, 0);
        assert_eq!(take(out), r#"{"From_Account":"a","To_Account":["b"]}"#);

        let s = unsafe {
            chatadmin_check_request(path.as_ptr(), c"{nope".as_ptr(), &mut out, &mut err)
        };
        assert_eq!(s, chatadmin_status::CHATADMIN_INVALID_JSON as u32);
        unsafe { crate::chatadmin_error_free(err) };
        err = ptr::null_mut();
        let s =
            unsafe { chatadmin_check_request(c"nope/x".as_ptr(), ok.as_ptr(), &mut out, &mut err) };
        assert_eq!(s, chatadmin_status::CHATADMIN_VALIDATION as u32);
        let msg = unsafe { CStr::from_ptr(crate::chatadmin_error_message(err)) };
        assert!(msg.to_str().unwrap().contains("unknown endpoint"));
        unsafe { crate::chatadmin_error_free(err) };
    }
}
