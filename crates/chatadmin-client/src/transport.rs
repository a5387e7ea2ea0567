//! One HTTP attempt, the hosts it goes to, and how its failures are classified.

use std::error::Error as StdError;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use chatadmin_core::region::redact_url;
use chatadmin_core::{Error, TransportError};

/// How long the standby host is used after the primary could not be connected to, before
/// the primary is tried again.
pub(crate) const FAILOVER_FOR: Duration = Duration::from_secs(60);

/// The primary base URL and, for regions, the standby one.
#[derive(Debug)]
pub(crate) struct Hosts {
    primary: String,
    standby: Option<String>,
    /// Until when the standby is preferred.
    standby_until: Mutex<Option<Instant>>,
}

impl Hosts {
    pub(crate) fn new(primary: String, standby: Option<String>) -> Self {
        Hosts {
            primary,
            standby,
            standby_until: Mutex::new(None),
        }
    }

    pub(crate) fn primary(&self) -> &str {
        &self.primary
    }

    pub(crate) fn standby(&self) -> Option<&str> {
        self.standby.as_deref()
    }

    /// The base URL to use now.
    pub(crate) fn pick(&self) -> &str {
        match &self.standby {
            Some(s) if self.standby_preferred() => s,
            _ => &self.primary,
        }
    }

    fn standby_preferred(&self) -> bool {
        let mut until = self
            .standby_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match *until {
            Some(t) if Instant::now() < t => true,
            Some(_) => {
                *until = None;
                false
            }
            None => false,
        }
    }

    /// Records that `base` could not be connected to. Returns whether there is another host
    /// to try now.
    pub(crate) fn connect_failed(&self, base: &str) -> bool {
        let Some(standby) = &self.standby else {
            return false;
        };
        let mut until = self
            .standby_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if base == self.primary {
            *until = Some(Instant::now() + FAILOVER_FOR);
            tracing::warn!(
                primary = %self.primary,
                standby = %standby,
                for_secs = FAILOVER_FOR.as_secs(),
                "cannot connect to the primary host; using the standby host"
            );
        } else {
            *until = None;
            tracing::warn!(
                primary = %self.primary,
                standby = %standby,
                "cannot connect to the standby host; going back to the primary host"
            );
        }
        true
    }
}

/// What an attempt's failure allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Return the error.
    Never,
    /// Nothing reached the service, or it asked to come back later: retry any call.
    Always,
    /// The outcome is unknown: retry only calls that cannot duplicate an effect.
    IfSafe,
    /// The UserSig was rejected as expired: renew it and repeat once.
    RenewSig,
    /// The host could not be connected to (nothing was sent): retry any call, and fail over.
    Connect,
}

/// The failure of one attempt.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: Error,
    pub(crate) retry: Retry,
}

/// Renders an error's chain of causes, each once, without URLs.
fn causes(e: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = Some(e);
    while let Some(err) = cur {
        let s = err.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = err.source();
    }
    redact_url(&parts.join(": "))
}

/// A reqwest error as a core error: URL removed from the source, the redacted URL in `url`.
pub(crate) fn from_reqwest(e: reqwest::Error, shown_url: &str, when: &str) -> Failure {
    let e = e.without_url();
    let connect = e.is_connect();
    let timeout = e.is_timeout();
    let what = match (connect, timeout) {
        (true, true) => "timed out connecting to the service",
        (true, false) => "cannot connect to the service",
        (false, true) => "no answer from the service in time",
        (false, false) => "the HTTP exchange with the service failed",
    };
    let detail = e.source().map(causes).unwrap_or_default();
    let message = if detail.is_empty() {
        format!("{what} ({when})")
    } else {
        format!("{what} ({when}: {detail})")
    };
    let t = TransportError {
        message,
        url: Some(shown_url.to_owned()),
        status: e.status().map(|s| s.as_u16()),
        source: Some(Box::new(e)),
        // Decided by the retry loop from the failure's class and the request.
        retryable: connect,
    };
    if connect {
        // Nothing was sent: safe to repeat whatever the call.
        Failure {
            error: Error::Transport(t),
            retry: Retry::Connect,
        }
    } else if timeout {
        Failure {
            error: Error::Timeout(t),
            retry: Retry::IfSafe,
        }
    } else {
        Failure {
            error: Error::Transport(t),
            retry: Retry::IfSafe,
        }
    }
}

/// A non-200 HTTP answer (a gateway, a proxy, a load balancer: the service itself answers
/// 200 with its `ErrorCode`).
pub(crate) fn from_status(status: u16, body: &[u8], shown_url: &str, sig: &str) -> Failure {
    let excerpt = String::from_utf8_lossy(&body[..body.len().min(200)]);
    let excerpt = scrub_text(&excerpt, sig);
    let excerpt = excerpt.trim();
    let message = if excerpt.is_empty() {
        format!("HTTP status {status} instead of a service answer")
    } else {
        format!("HTTP status {status} instead of a service answer; body starts with {excerpt:?}")
    };
    let retry = match status {
        // Too many requests: the request was refused, not processed.
        429 => Retry::Always,
        // A gateway error may come after the service acted.
        500..=599 => Retry::IfSafe,
        _ => Retry::Never,
    };
    Failure {
        error: Error::Transport(TransportError {
            message,
            url: Some(shown_url.to_owned()),
            status: Some(status),
            source: None,
            retryable: retry == Retry::Always,
        }),
        retry,
    }
}

/// The shortest run of a UserSig's characters treated as a piece of it. UserSigs are long
/// base64 strings, so a run this long cannot appear by chance.
const SIG_PIECE: usize = 12;

/// Removes a UserSig from text that came from elsewhere (a response body, a service error
/// message): as a `usersig=` parameter, and any piece of the bare value (excerpts of bodies
/// are cut short, so a UserSig may appear truncated).
pub(crate) fn scrub_text(text: &str, sig: &str) -> String {
    let text = redact_url(text);
    let (t, s) = (text.as_bytes(), sig.as_bytes());
    let piece = SIG_PIECE.min(s.len());
    if piece == 0 || t.len() < piece {
        return text;
    }
    // Mark every byte covered by a run of `piece` bytes that also occurs in the UserSig.
    let mut covered = vec![false; t.len()];
    for i in 0..=t.len() - piece {
        let w = &t[i..i + piece];
        if s.windows(piece).any(|x| x == w) {
            covered[i..i + piece].iter_mut().for_each(|c| *c = true);
        }
    }
    if !covered.contains(&true) {
        return text;
    }
    // Covered runs match the (ASCII) UserSig, so they start and end on char boundaries.
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < t.len() {
        if covered[i] {
            while i < t.len() && covered[i] {
                i += 1;
            }
            out.push_str(chatadmin_core::region::REDACTED);
        } else {
            let start = i;
            while i < t.len() && !covered[i] {
                i += 1;
            }
            out.push_str(&text[start..i]);
        }
    }
    out
}

/// Scrubs the UserSig from every string of a JSON value.
pub(crate) fn scrub_json(v: &mut serde_json::Value, sig: &str) {
    match v {
        serde_json::Value::String(s) => {
            *s = scrub_text(s, sig);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| scrub_json(x, sig)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| scrub_json(x, sig)),
        _ => {}
    }
}

/// Scrubs the UserSig from whatever text of an error came from the other side.
pub(crate) fn scrub_error(e: &mut Error, sig: &str) {
    match e {
        Error::Api(a) => {
            a.info = scrub_text(&a.info, sig);
            if let Some(d) = &mut a.display {
                *d = scrub_text(d, sig);
            }
            if let Some(b) = &mut a.body {
                scrub_json(b, sig);
            }
        }
        Error::Decode(d) => d.message = scrub_text(&d.message, sig),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failover_switches_and_comes_back() {
        let h = Hosts::new("http://p".into(), Some("http://s".into()));
        assert_eq!(h.pick(), "http://p");
        assert!(h.connect_failed("http://p"));
        assert_eq!(h.pick(), "http://s");
        *h.standby_until.lock().unwrap() = Some(Instant::now());
        assert_eq!(
            h.pick(),
            "http://p",
            "the primary is tried again after a while"
        );
        assert!(h.connect_failed("http://p"));
        assert!(h.connect_failed("http://s"));
        assert_eq!(h.pick(), "http://p");
        let single = Hosts::new("http://p".into(), None);
        assert!(!single.connect_failed("http://p"));
    }

    #[test]
    fn scrubbing_removes_the_sig_everywhere() {
        let sig = "eJw*SECRET-sig_1";
        assert_eq!(
            scrub_text("bad sig eJw*SECRET-sig_1!", sig),
            "bad sig <redacted>!"
        );
        assert_eq!(
            scrub_text("/v4/a/b?usersig=abc&x=1", sig),
            "/v4/a/b?usersig=<redacted>&x=1"
        );
        assert_eq!(scrub_text("<html>eJw*SECRET-s", sig), "<html><redacted>");
        assert_eq!(scrub_text("x *SECRET-sig_1 好", sig), "x <redacted> 好");
        assert_eq!(scrub_text("short eJw*SEC", sig), "short eJw*SEC");
        let mut v = serde_json::json!({"a": ["x eJw*SECRET-sig_1"], "b": 1});
        scrub_json(&mut v, sig);
        assert_eq!(v, serde_json::json!({"a": ["x <redacted>"], "b": 1}));
    }

    #[test]
    fn status_classes() {
        assert_eq!(from_status(429, b"", "u", "s").retry, Retry::Always);
        assert_eq!(from_status(502, b"<html>", "u", "s").retry, Retry::IfSafe);
        assert_eq!(from_status(404, b"", "u", "s").retry, Retry::Never);
        let f = from_status(502, b"bad gateway for /v4/x?usersig=SIG", "u", "SIG");
        assert!(!f.error.to_string().contains("SIG"), "{}", f.error);
    }
}
