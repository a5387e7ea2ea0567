//! Types that hold secrets and never print them.
//!
//! The secret key of an app and every UserSig made from it are credentials: whoever holds
//! either can act as the app's admin. Both types here redact themselves in `Debug`, have no
//! `Display`, and wipe their memory when dropped, so a stray `{:?}` in a log line or a panic
//! message cannot leak them. Read the value only where it is really needed, through
//! `expose_secret`.

use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The app's secret key, as shown in the Chat console (used as its UTF-8 bytes, never
/// hex-decoded).
///
/// ```
/// use chatadmin_core::SecretKey;
/// let key = SecretKey::new("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
/// assert_eq!(format!("{key:?}"), "SecretKey(<redacted>)");
/// ```
#[derive(Clone)]
pub struct SecretKey(Zeroizing<String>);

impl SecretKey {
    /// Wraps a key string.
    pub fn new(key: impl Into<String>) -> Self {
        SecretKey(Zeroizing::new(key.into()))
    }

    /// The key itself. Call this only to sign.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Whether the key is empty (an empty key is a configuration error).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl From<String> for SecretKey {
    fn from(s: String) -> Self {
        SecretKey::new(s)
    }
}

impl From<&str> for SecretKey {
    fn from(s: &str) -> Self {
        SecretKey::new(s)
    }
}

/// A UserSig (or PrivateMapKey): the signed credential sent as `usersig` on every call.
///
/// ```
/// use chatadmin_core::UserSig;
/// let sig = UserSig::new("eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLB");
/// assert!(!format!("{sig:?}").contains("eJy"));
/// ```
#[derive(Clone)]
pub struct UserSig(Zeroizing<String>);

impl UserSig {
    /// Wraps a UserSig string.
    pub fn new(sig: impl Into<String>) -> Self {
        UserSig(Zeroizing::new(sig.into()))
    }

    /// The UserSig text, for the request URL or for handing to an end user's client.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Consumes the wrapper and returns the text.
    pub fn into_string(self) -> String {
        self.0.as_str().to_owned()
    }
}

impl PartialEq for UserSig {
    /// Constant-time, so that comparing signatures leaks no timing.
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for UserSig {}

impl fmt::Debug for UserSig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserSig(<redacted, {} chars>)", self.0.len())
    }
}

impl From<String> for UserSig {
    fn from(s: String) -> Self {
        UserSig::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let k = SecretKey::new("topsecretkey");
        let s = UserSig::new("eJxSIGvalue");
        assert!(!format!("{k:?}").contains("topsecret"));
        assert!(!format!("{s:?}").contains("eJxSIG"));
        assert!(!format!("{:#?}", (k, s)).contains("secret"));
    }

    #[test]
    fn usersig_equality_is_by_value() {
        assert_eq!(UserSig::new("abc"), UserSig::new("abc"));
        assert_ne!(UserSig::new("abc"), UserSig::new("abd"));
        assert_ne!(UserSig::new("abc"), UserSig::new("ab"));
    }
}
