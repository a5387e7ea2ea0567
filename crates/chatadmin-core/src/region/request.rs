//! The request URL of one call: its query parameters, the wire path, and the URL itself
//! (with a redacted twin for errors and logs).

use std::fmt;

use super::encode::encode_component;
#[cfg(doc)]
use super::encode::percent_encode_component;
#[cfg(doc)]
use super::BaseUrl;
use super::{redact_url, REDACTED};

/// Query parameters of one call. `usersig` is the secret part (its `Debug` is redacted).
#[derive(Clone, Copy)]
pub struct CallParams<'a> {
    /// The app's SDKAppID.
    pub sdkappid: u64,
    /// The app admin account the call is made as.
    pub identifier: &'a str,
    /// The admin's UserSig. A credential: never log it.
    pub usersig: &'a str,
    /// A random 32-bit number identifying this request.
    pub random: u32,
}

impl fmt::Debug for CallParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallParams")
            .field("sdkappid", &self.sdkappid)
            .field("identifier", &self.identifier)
            .field("usersig", &format_args!("{REDACTED}"))
            .field("random", &self.random)
            .finish()
    }
}

/// Normalizes a wire path: strips leading `/`s and one `v4/` prefix (and trailing `/`s);
/// returns `service/command`.
///
/// ```
/// use chatadmin_core::region::normalize_wire_path;
/// assert_eq!(normalize_wire_path("/v4/sns/friend_delete"), "sns/friend_delete");
/// assert_eq!(normalize_wire_path("v4/ConfigSvc/GetIPList"), "ConfigSvc/GetIPList");
/// assert_eq!(normalize_wire_path("openim/sendmsg"), "openim/sendmsg");
/// ```
pub fn normalize_wire_path(path: &str) -> &str {
    let p = path.trim().trim_start_matches('/');
    let p = match p.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("v4/") => &p[3..],
        _ => p,
    };
    p.trim_start_matches('/').trim_end_matches('/')
}

/// Builds `{base}/v4/{service/command}?sdkappid=..&identifier=..&usersig=..&random=..&contenttype=json`,
/// then `&key=value` for each of `extra` (such as `nettype` for `ConfigSvc/GetIPList`).
///
/// `base` is a [`BaseUrl::primary`] or [`BaseUrl::standby`] (a trailing `/` is ignored).
/// `wire_path` may start with `/` or `v4/` ([`normalize_wire_path`]). The identifier, the
/// UserSig and the `extra` keys and values are percent-encoded with
/// [`percent_encode_component`], which leaves a UserSig's `*`, `-` and `_` as they are.
///
/// The result contains the UserSig: never log it; log [`redacted_url`] instead.
///
/// ```
/// use chatadmin_core::region::{request_url, CallParams};
/// let p = CallParams { sdkappid: 1400000000, identifier: "admin", usersig: "eJw*a-b_c", random: 7 };
/// assert_eq!(
///     request_url("https://console.tim.qq.com", "v4/sns/friend_delete", &p, &[]),
///     "https://console.tim.qq.com/v4/sns/friend_delete?sdkappid=1400000000&identifier=admin&usersig=eJw*a-b_c&random=7&contenttype=json"
/// );
/// ```
pub fn request_url(
    base: &str,
    wire_path: &str,
    params: &CallParams<'_>,
    extra: &[(&str, &str)],
) -> String {
    build_url(
        base,
        wire_path,
        params,
        &encode_component(params.usersig),
        extra,
    )
}

/// The same URL as [`request_url`] with the UserSig replaced by `<redacted>` (also in any
/// `extra` parameter named `usersig`), for errors and logs.
pub fn redacted_url(
    base: &str,
    wire_path: &str,
    params: &CallParams<'_>,
    extra: &[(&str, &str)],
) -> String {
    redact_url(&build_url(base, wire_path, params, &REDACTED, extra))
}

fn build_url(
    base: &str,
    wire_path: &str,
    params: &CallParams<'_>,
    encoded_sig: &dyn fmt::Display,
    extra: &[(&str, &str)],
) -> String {
    use std::fmt::Write as _;
    let base = base.trim_end_matches('/');
    let path = normalize_wire_path(wire_path);
    let mut url = String::with_capacity(
        base.len() + path.len() + params.usersig.len() + params.identifier.len() * 3 + 96,
    );
    // Writing to a String cannot fail.
    let _ = write!(
        url,
        "{base}/v4/{path}?sdkappid={}&identifier={}&usersig={encoded_sig}&random={}&contenttype=json",
        params.sdkappid,
        encode_component(params.identifier),
        params.random,
    );
    for (k, v) in extra {
        let _ = write!(url, "&{}={}", encode_component(k), encode_component(v));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "eJwtzEELgjAYgOG*8p2-G*u-_Xk9RmtY0";

    fn params<'a>(identifier: &'a str, usersig: &'a str) -> CallParams<'a> {
        CallParams {
            sdkappid: 1_400_000_000,
            identifier,
            usersig,
            random: 4_294_967_295,
        }
    }

    #[test]
    fn wire_paths() {
        for p in [
            "sns/friend_delete",
            "/sns/friend_delete",
            "v4/sns/friend_delete",
            "/v4/sns/friend_delete",
            "//v4//sns/friend_delete/",
            "V4/sns/friend_delete",
        ] {
            assert_eq!(normalize_wire_path(p), "sns/friend_delete", "{p}");
        }
        assert_eq!(normalize_wire_path("v4x/cmd"), "v4x/cmd");
        assert_eq!(
            normalize_wire_path("ConfigSvc/GetIPList"),
            "ConfigSvc/GetIPList"
        );
    }

    #[test]
    fn request_url_exact() {
        let p = params("admin", SIG);
        let want = "https://console.tim.qq.com/v4/sns/friend_delete?sdkappid=1400000000\
                    &identifier=admin&usersig=eJwtzEELgjAYgOG*8p2-G*u-_Xk9RmtY0\
                    &random=4294967295&contenttype=json";
        for (base, path) in [
            ("https://console.tim.qq.com", "v4/sns/friend_delete"),
            ("https://console.tim.qq.com/", "/v4/sns/friend_delete"),
            ("https://console.tim.qq.com", "sns/friend_delete"),
        ] {
            assert_eq!(request_url(base, path, &p, &[]), want);
        }

        let p = CallParams {
            sdkappid: 88_888_888,
            identifier: "管理员 a+b&c",
            usersig: "a*b-c_d",
            random: 0,
        };
        assert_eq!(
            request_url(
                "http://127.0.0.1:8080/prefix",
                "ConfigSvc/GetIPList",
                &p,
                &[("nettype", "0")]
            ),
            "http://127.0.0.1:8080/prefix/v4/ConfigSvc/GetIPList?sdkappid=88888888\
             &identifier=%E7%AE%A1%E7%90%86%E5%91%98%20a%2Bb%26c&usersig=a*b-c_d\
             &random=0&contenttype=json&nettype=0"
        );
        assert_eq!(
            request_url("https://h", "a/b", &p, &[("k y", "v&=é"), ("x", "")]),
            "https://h/v4/a/b?sdkappid=88888888\
             &identifier=%E7%AE%A1%E7%90%86%E5%91%98%20a%2Bb%26c&usersig=a*b-c_d\
             &random=0&contenttype=json&k%20y=v%26%3D%C3%A9&x="
        );
        // A signature made of the standard base64 alphabet is still carried intact.
        let p = params("admin", "ab+/c==");
        let url = request_url("https://h", "a/b", &p, &[]);
        assert!(url.contains("&usersig=ab%2B%2Fc%3D%3D&"), "{url}");
    }

    #[test]
    fn redacted_url_hides_sig() {
        let p = params("admin", SIG);
        let r = redacted_url(
            "https://console.tim.qq.com",
            "v4/sns/friend_delete",
            &p,
            &[],
        );
        assert_eq!(
            r,
            "https://console.tim.qq.com/v4/sns/friend_delete?sdkappid=1400000000\
             &identifier=admin&usersig=<redacted>&random=4294967295&contenttype=json"
        );
        let full = request_url(
            "https://console.tim.qq.com",
            "v4/sns/friend_delete",
            &p,
            &[],
        );
        assert_eq!(redact_url(&full), r);
        // An extra parameter that happens to be called usersig is redacted too.
        let r = redacted_url(
            "https://h",
            "a/b",
            &p,
            &[("UserSig", SIG), ("nettype", "1")],
        );
        assert!(!r.contains(SIG), "{r}");
        assert!(r.ends_with("&UserSig=<redacted>&nettype=1"), "{r}");
        // An identifier that looks like a parameter cannot smuggle anything.
        let p = params("x&usersig=", SIG);
        let r = redacted_url("https://h", "a/b", &p, &[]);
        assert!(!r.contains(SIG), "{r}");
        assert!(
            r.contains("identifier=x%26usersig%3D&usersig=<redacted>&"),
            "{r}"
        );
    }

    #[test]
    fn call_params_debug_hides_sig() {
        let p = params("admin", SIG);
        let d = format!("{p:?}");
        assert!(!d.contains(SIG), "{d}");
        assert!(
            d.contains("<redacted>") && d.contains("admin") && d.contains("1400000000"),
            "{d}"
        );
    }

    mod props {
        use super::super::*;
        use crate::region::redact_url;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn redaction_never_shows_the_sig(
                sig in "[A-Za-z0-9*_-]{8,64}",
                identifier in any::<String>(),
                nettype in any::<String>(),
                random in any::<u32>(),
                sdkappid in any::<u64>(),
            ) {
                let p = CallParams { sdkappid, identifier: &identifier, usersig: &sig, random };
                let extra = [("nettype", nettype.as_str())];
                let full = request_url("https://adminapisgp.im.qcloud.com", "v4/a/b", &p, &extra);
                let red = redacted_url("https://adminapisgp.im.qcloud.com", "v4/a/b", &p, &extra);
                let needle = format!("usersig={}&", sig);
                prop_assert!(full.contains(&needle));
                prop_assert!(!red.contains(&sig));
                prop_assert_eq!(&redact_url(&full), &red);
                prop_assert_eq!(red.replace("usersig=<redacted>&", &format!("usersig={sig}&")), full);
            }
        }
    }
}
