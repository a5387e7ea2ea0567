//! The response envelope as the service writes it, and the error codes the emulator answers
//! with, each with the documentation it comes from.
//!
//! Sources: `page.error_codes.md` ("Common backend error codes" and "Account error codes": the
//! public range 60000–79999 every endpoint can return), `page.rest_api_overview.md` (envelope,
//! HTTP 200) and the "Error Codes" table of each endpoint page.

use chatadmin_core::ResponseStatus;
use serde_json::Value;

/// A service-level failure: `ErrorCode` and `ErrorInfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub code: i64,
    pub info: String,
}

impl Failure {
    pub fn new(code: i64, info: impl Into<String>) -> Self {
        Failure {
            code,
            info: info.into(),
        }
    }
}

/// "An error occurred when parsing the HTTP request. Check the format of the HTTP request URL."
/// Used for a method other than POST and for a malformed query string (bad escape, a
/// parameter given twice, `random` not a 32-bit unsigned integer, `contenttype` not `json`).
pub(crate) const HTTP_PARSE_ERROR: i64 = 60002;
/// "An error occurred when parsing the JSON data of the HTTP request."
pub(crate) const JSON_PARSE_ERROR: i64 = 60003;
/// "`UserID` or `UserSig` in the request URI or JSON packet is incorrect": no `identifier`.
pub(crate) const ACCOUNT_OR_SIG_ERROR: i64 = 60004;
/// "Invalid SDKAppID": an `sdkappid` that is not a positive integer.
pub(crate) const INVALID_SDKAPPID: i64 = 60006;
/// "The RESTful API call exceeds the frequency limit."
pub(crate) const RATE_LIMITED: i64 = 60007;
/// "Requested resource error. Please check the request URL.": a path that is not
/// `/v4/{service}/{command}` of a known endpoint.
pub(crate) const BAD_RESOURCE: i64 = 60009;
/// "Set the `UserID` field of the RESTful API request to the admin account of the app."
pub(crate) const NEEDS_ADMIN: i64 = 60010;
/// "SDKAppID is required when calling the RESTful API."
pub(crate) const SDKAPPID_MISSING: i64 = 60012;
/// "UserSig expired."
pub(crate) const USERSIG_EXPIRED: i64 = 70001;
/// "The value of UserSig is 0 bytes."
pub(crate) const USERSIG_EMPTY: i64 = 70002;
/// "Invalid UserSig." (cannot be decoded)
pub(crate) const USERSIG_INVALID: i64 = 70003;
/// "UserSig authentication failed, probably because the private key or key of another
/// SDKAppID was mistakenly used."
pub(crate) const USERSIG_VERIFY_FAILED: i64 = 70009;
/// "The UserID in the request does not match the UserID used to generate the UserSig."
pub(crate) const USERSIG_IDENTIFIER_MISMATCH: i64 = 70013;
/// "The SDKAppID in the request does not match the SDKAppID used to generate the UserSig."
pub(crate) const USERSIG_SDKAPPID_MISMATCH: i64 = 70014;
/// "SDKAppID not found. Check the app information in the Chat console." A well-formed
/// SDKAppID other than the emulated app's: the service has no such app (in this data centre).
pub(crate) const SDKAPPID_NOT_FOUND: i64 = 70020;

/// The service of a wire path: its first segment (`sns` of `sns/friend_delete`).
pub(crate) fn service_of(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

/// `ErrorDisplay` is part of the envelope of `sns/*` and `profile/*` (their pages' samples and
/// response field tables).
fn has_error_display(path: &str) -> bool {
    matches!(service_of(path), "sns" | "profile")
}

/// The `ErrorInfo` of a success, as in the endpoint's documented sample response: `"0"` for
/// `sns/friend_delete` and `sns/group_delete`, `""` elsewhere.
fn success_info(path: &str) -> &'static str {
    match path {
        "sns/friend_delete" | "sns/group_delete" => "0",
        _ => "",
    }
}

/// The success status of an endpoint.
pub(crate) fn ok_status(path: &str) -> ResponseStatus {
    let mut s = ResponseStatus::ok();
    s.error_info = Some(success_info(path).to_owned());
    if has_error_display(path) {
        s.error_display = Some(String::new());
    }
    s
}

/// A failure envelope for `path` (which may be an unknown path).
pub(crate) fn fail(path: &str, code: i64, info: impl Into<String>) -> Value {
    let mut s = ResponseStatus::fail(code, info);
    if has_error_display(path) {
        s.error_display = Some(String::new());
    }
    serde_json::to_value(&s).unwrap_or_else(
        |_| serde_json::json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": ""}),
    )
}

/// The "invalid parameter" code of a service family, from the endpoint pages' tables:
/// `im_open_login_svc` 70402 (account pages), `sns` 30001 (sns pages), `group_open_http_svc`
/// and the other group services 10004 (group pages), `profile` 40001 (profile pages), `openim`
/// 90001 (`openim.query_online_status` page: "JSON format parsing failed. Check whether the
/// request packet meets the JSON specification, or whether To_Account is a null array"; the
/// same code on the `openim` message pages), `recentcontact` 50002 (conversation pages:
/// "Incorrect request parameter"), `open_msg_svc` 1002 (`get_history`: "Invalid parameter").
pub(crate) fn documented_invalid_parameter_code(path: &str) -> Option<i64> {
    match service_of(path) {
        "im_open_login_svc" => Some(70402),
        "sns" => Some(30001),
        "group_open_http_svc"
        | "group_open_avchatroom_http_svc"
        | "group_open_attr_http_svc"
        | "million_group_open_http_svc" => Some(10004),
        "profile" => Some(40001),
        "openim" => Some(90001),
        // The message extension pages: "10004: Invalid parameter".
        "openim_msg_ext_http_svc" => Some(10004),
        "recentcontact" => Some(50002),
        "open_msg_svc" => Some(1002),
        _ => None,
    }
}

/// Like [`documented_invalid_parameter_code`], falling back to 60003 (the request JSON does
/// not fit the protocol) for a service not listed; a test keeps every emulated service listed.
pub(crate) fn invalid_parameter_code(path: &str) -> i64 {
    documented_invalid_parameter_code(path).unwrap_or(JSON_PARSE_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sns_envelopes_carry_error_display() {
        let v = fail("sns/friend_delete", 30003, "x");
        assert_eq!(v["ErrorDisplay"], "");
        assert_eq!(v["ActionStatus"], "FAIL");
        let v = fail("group_open_http_svc/destroy_group", 10010, "x");
        assert!(v.get("ErrorDisplay").is_none());
        assert_eq!(
            ok_status("sns/group_delete").error_info.as_deref(),
            Some("0")
        );
        assert_eq!(
            ok_status("im_open_login_svc/account_import")
                .error_info
                .as_deref(),
            Some("")
        );
    }
}
