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
    /// This limit labelled with a field path (the label every surface prints). The label is
    /// made once per endpoint, when its limit table is first read, and lives as long as the
    /// program.
    pub fn labeled(self, field: &str) -> Limit {
        Limit {
            field: Box::leak(field.to_owned().into_boxed_str()),
            ..self
        }
    }

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

// ---------------------------------------------------------------------------------------------
// What declarations expand to (see `chatadmin_core::declare`)
// ---------------------------------------------------------------------------------------------

/// Where a value sits in a request: a path of wire names and list indexes, rendered
/// (`AddFriendItem[3].Remark`) only when a check fails, so a valid request costs no strings.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The request itself.
    Root,
    /// A field of the value at the first path.
    Field(&'a Path<'a>, &'static str),
    /// An item of the list at the first path.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of field `name` below this one.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of item `i` of the list here.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// The path as the errors print it: `AddFriendItem[3].Remark`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        self.render_into(&mut s);
        s
    }

    fn render_into(&self, s: &mut String) {
        match self {
            Path::Root => {}
            Path::Field(parent, name) => {
                parent.render_into(s);
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(name);
            }
            Path::Index(parent, i) => {
                parent.render_into(s);
                s.push_str(&format!("[{i}]"));
            }
        }
    }
}

/// A field path of wire names below `prefix`, as limit tables label them.
pub fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn relabel(e: ValidationError, at: &Path<'_>) -> ValidationError {
    ValidationError::new(at.render(), e.message)
}

/// A value that checks itself against its declared rules: derived for every declared request
/// and payload (`#[endpoint]`, `#[payload]`), and for wire enums (an undocumented value is
/// refused). Plain values have no rules of their own.
pub trait Validate {
    /// Checks every rule of this value and of what it contains; errors name the path.
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let _ = at;
        Ok(())
    }

    /// Appends the declared limits of this value and of what it contains, labelled by their
    /// paths below `prefix`.
    fn collect_limits(prefix: &str, out: &mut Vec<Limit>) {
        let _ = (prefix, out);
    }
}

macro_rules! no_rules {
    ($($t:ty),*) => { $( impl Validate for $t {} )* };
}
no_rules!(
    String,
    bool,
    u8,
    u16,
    u32,
    u64,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    serde_json::Value
);
impl Validate for serde_json::Map<String, serde_json::Value> {}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.validate_at(&at.index(i)))
    }

    fn collect_limits(prefix: &str, out: &mut Vec<Limit>) {
        T::collect_limits(&format!("{prefix}[]"), out);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.as_ref().map_or(Ok(()), |v| v.validate_at(at))
    }

    fn collect_limits(prefix: &str, out: &mut Vec<Limit>) {
        T::collect_limits(prefix, out);
    }
}

/// A value a [`Limit`] measures: a string's bytes, a list's items (of any type), an integer;
/// an absent optional value passes.
pub trait Checked {
    /// Checks this value against `limit`.
    fn check_limit(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError>;
}

/// A list whose every item a [`Limit`] measures (`#[limit(each(..))]`); an absent optional
/// list passes.
pub trait CheckedEach {
    /// Checks every item against `limit`, at `at[i]`.
    fn check_each(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError>;
}

impl Checked for String {
    fn check_limit(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError> {
        limit.check_str("", self).map_err(|e| relabel(e, at))
    }
}

impl<T> Checked for Vec<T> {
    fn check_limit(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError> {
        limit
            .check_items("", self.len())
            .map_err(|e| relabel(e, at))
    }
}

impl<T: Checked> CheckedEach for Vec<T> {
    fn check_each(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.check_limit(limit, &at.index(i)))
    }
}

impl<T: Checked> Checked for Option<T> {
    fn check_limit(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError> {
        self.as_ref().map_or(Ok(()), |v| v.check_limit(limit, at))
    }
}

impl<T: CheckedEach> CheckedEach for Option<T> {
    fn check_each(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError> {
        self.as_ref().map_or(Ok(()), |v| v.check_each(limit, at))
    }
}

macro_rules! checked_ints {
    ($($t:ty),*) => { $(
        impl Checked for $t {
            fn check_limit(&self, limit: &Limit, at: &Path<'_>) -> Result<(), ValidationError> {
                // Values past i64 are past every declared range.
                let v = i64::try_from(*self).unwrap_or(i64::MAX);
                limit.check_int("", v).map_err(|e| relabel(e, at))
            }
        }
    )* };
}
checked_ints!(u8, u16, u32, u64, i8, i16, i32, i64);

/// An account ID field (`#[user_id]`): one ID, a list of them, or either left out.
pub trait UserIds {
    /// Checks every ID ([`USER_ID`]).
    fn check_user_ids(&self, at: &Path<'_>) -> Result<(), ValidationError>;
    /// Appends [`USER_ID`] labelled `path` (or `path[]` for a list).
    fn user_id_limit(path: &str, out: &mut Vec<Limit>);
}

impl UserIds for String {
    fn check_user_ids(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        USER_ID.check_limit_at(self, at)
    }
    fn user_id_limit(path: &str, out: &mut Vec<Limit>) {
        out.push(USER_ID.labeled(path));
    }
}

impl UserIds for Vec<String> {
    fn check_user_ids(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.check_each(&USER_ID, at)
    }
    fn user_id_limit(path: &str, out: &mut Vec<Limit>) {
        out.push(USER_ID.labeled(&format!("{path}[]")));
    }
}

impl<T: UserIds> UserIds for Option<T> {
    fn check_user_ids(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.as_ref().map_or(Ok(()), |v| v.check_user_ids(at))
    }
    fn user_id_limit(path: &str, out: &mut Vec<Limit>) {
        T::user_id_limit(path, out);
    }
}

impl Limit {
    /// Checks `value` (a string, list or integer) at `at`.
    pub fn check_limit_at<T: Checked + ?Sized>(
        &self,
        value: &T,
        at: &Path<'_>,
    ) -> Result<(), ValidationError> {
        value.check_limit(self, at)
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
