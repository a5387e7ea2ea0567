//! Documented per-request limits, declared once as data and checked before any network call.
//!
//! An endpoint lists its [`Limit`]s in its metadata (so `chatadmin api list`, the docs and the
//! emulator read the same numbers) and its `validate()` checks them with the helpers here, so
//! every message names the field and the documented limit the same way.

use std::fmt;

use crate::error::ValidationError;

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// At most `max` items in a list (and at least `min`).
    Items {
        /// Fewest items allowed.
        min: u32,
        /// Most items allowed.
        max: u32,
    },
    /// A string of at most `max` UTF-8 bytes (and at least `min`).
    Bytes {
        /// Fewest bytes allowed.
        min: u32,
        /// Most bytes allowed.
        max: u32,
    },
    /// An integer in `min..=max`.
    Range {
        /// Smallest value allowed.
        min: i64,
        /// Largest value allowed.
        max: i64,
    },
}

/// One documented per-request limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The field as a JSON path of wire names; `[]` stands for every item of a list
    /// (`GroupName[]`).
    pub field: &'static str,
    /// What is limited.
    pub kind: LimitKind,
    /// Where the number comes from (the doc page), so a reader can check it.
    pub source: &'static str,
}

impl Limit {
    /// At most `max` items, at least one.
    pub const fn items(field: &'static str, max: u32, source: &'static str) -> Limit {
        Limit {
            field,
            kind: LimitKind::Items { min: 1, max },
            source,
        }
    }

    /// At most `max` bytes, at least one.
    pub const fn bytes(field: &'static str, max: u32, source: &'static str) -> Limit {
        Limit {
            field,
            kind: LimitKind::Bytes { min: 1, max },
            source,
        }
    }

    /// At most `max` bytes, possibly empty.
    pub const fn bytes_or_empty(field: &'static str, max: u32, source: &'static str) -> Limit {
        Limit {
            field,
            kind: LimitKind::Bytes { min: 0, max },
            source,
        }
    }

    /// An integer range.
    pub const fn range(field: &'static str, min: i64, max: i64, source: &'static str) -> Limit {
        Limit {
            field,
            kind: LimitKind::Range { min, max },
            source,
        }
    }

    /// The largest list this limit allows, for list limits (the size of chunks when a client
    /// splits a long list).
    pub fn max_items(&self) -> Option<usize> {
        match self.kind {
            LimitKind::Items { max, .. } => Some(max as usize),
            _ => None,
        }
    }

    /// Checks a list length. `path` is the concrete field path (defaults to `field`).
    pub fn check_items(&self, path: &str, len: usize) -> Result<(), ValidationError> {
        let LimitKind::Items { min, max } = self.kind else {
            return Ok(());
        };
        if len < min as usize {
            let what = if min == 1 {
                "must not be empty".to_owned()
            } else {
                format!("has {len} items; at least {min} are required")
            };
            return Err(ValidationError::new(path, what));
        }
        if len > max as usize {
            return Err(ValidationError::new(
                path,
                format!("has {len} items; at most {max} are allowed per request"),
            ));
        }
        Ok(())
    }

    /// Checks a string's UTF-8 length.
    pub fn check_str(&self, path: &str, s: &str) -> Result<(), ValidationError> {
        let LimitKind::Bytes { min, max } = self.kind else {
            return Ok(());
        };
        let n = s.len();
        if n < min as usize {
            return Err(ValidationError::new(path, "must not be empty"));
        }
        if n > max as usize {
            return Err(ValidationError::new(
                path,
                format!("is {n} bytes long; at most {max} bytes are allowed"),
            ));
        }
        Ok(())
    }

    /// Checks an integer.
    pub fn check_int(&self, path: &str, v: i64) -> Result<(), ValidationError> {
        let LimitKind::Range { min, max } = self.kind else {
            return Ok(());
        };
        if v < min || v > max {
            return Err(ValidationError::new(
                path,
                format!("is {v}; it must be between {min} and {max}"),
            ));
        }
        Ok(())
    }

    /// Checks a list of strings: the list against this limit's item count, and every item
    /// against `each`. Item paths are `field[i]`.
    pub fn check_list(
        &self,
        items: &[String],
        each: Option<&Limit>,
    ) -> Result<(), ValidationError> {
        self.check_items(self.field, items.len())?;
        if let Some(each) = each {
            for (i, s) in items.iter().enumerate() {
                each.check_str(&format!("{}[{i}]", self.field), s)?;
            }
        }
        Ok(())
    }
}

impl Limit {
    /// The limit as JSON: `{"field", "kind": "items"|"bytes"|"range", "min", "max", "source"}`.
    pub fn to_json(&self) -> serde_json::Value {
        let (kind, min, max) = match self.kind {
            LimitKind::Items { min, max } => ("items", i64::from(min), i64::from(max)),
            LimitKind::Bytes { min, max } => ("bytes", i64::from(min), i64::from(max)),
            LimitKind::Range { min, max } => ("range", min, max),
        };
        serde_json::json!({
            "field": self.field,
            "kind": kind,
            "min": min,
            "max": max,
            "source": self.source,
        })
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            LimitKind::Items { min, max } if min <= 1 => {
                write!(f, "{}: at most {max} items", self.field)
            }
            LimitKind::Items { min, max } => write!(f, "{}: {min} to {max} items", self.field),
            LimitKind::Bytes { max, .. } => write!(f, "{}: at most {max} bytes", self.field),
            LimitKind::Range { min, max } => write!(f, "{}: {min} to {max}", self.field),
        }
    }
}

/// A UserID: 1 to 32 bytes (documented for `account_import`; the service creates no longer
/// ones, so the same rule holds wherever an account is named).
pub const USER_ID: Limit = Limit::bytes(
    "UserID",
    32,
    "https://intl.cloud.tencent.com/document/product/1047/34953 (UserID: at most 32 bytes)",
);

/// Checks one UserID at `path`.
pub fn user_id(path: &str, id: &str) -> Result<(), ValidationError> {
    USER_ID.check_str(path, id)
}

/// Checks every UserID of a list, with paths `path[i]`.
pub fn user_ids(path: &str, ids: &[String]) -> Result<(), ValidationError> {
    for (i, id) in ids.iter().enumerate() {
        user_id(&format!("{path}[{i}]"), id)?;
    }
    Ok(())
}

/// Checks that a string field is not empty.
pub fn non_empty(path: &str, s: &str) -> Result<(), ValidationError> {
    if s.is_empty() {
        Err(ValidationError::new(path, "must not be empty"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO: Limit = Limit::items("To_Account", 1000, "test");

    #[test]
    fn items_at_and_past_the_limit() {
        assert!(TO.check_items("To_Account", 1000).is_ok());
        let e = TO.check_items("To_Account", 1001).unwrap_err();
        assert_eq!(e.field, "To_Account");
        assert_eq!(
            e.message,
            "has 1001 items; at most 1000 are allowed per request"
        );
        assert_eq!(
            TO.check_items("To_Account", 0).unwrap_err().message,
            "must not be empty"
        );
    }

    #[test]
    fn bytes_count_utf8_bytes_not_chars() {
        assert!(USER_ID.check_str("UserID", &"a".repeat(32)).is_ok());
        // 11 three-byte characters are 33 bytes.
        let e = USER_ID.check_str("UserID", &"好".repeat(11)).unwrap_err();
        assert_eq!(e.message, "is 33 bytes long; at most 32 bytes are allowed");
    }

    #[test]
    fn each_account_is_checked_with_its_index() {
        let ids = vec!["a".to_owned(), "".to_owned()];
        let e = user_ids("To_Account", &ids).unwrap_err();
        assert_eq!(e.field, "To_Account[1]");
    }

    #[test]
    fn display_is_readable() {
        assert_eq!(TO.to_string(), "To_Account: at most 1000 items");
        assert_eq!(USER_ID.to_string(), "UserID: at most 32 bytes");
    }
}
