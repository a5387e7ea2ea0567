//! Lenient decoding of what the service sends.
//!
//! The service is not consistent: counters arrive as strings (`"ActiveUserNum": "2014"`),
//! empty arrays are left out or sent as `null`, 64-bit values overflow 32-bit decoders. A
//! success response must never fail to decode for such reasons, so response fields use these
//! `deserialize_with` functions. Requests are encoded exactly; these are for responses only.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct R {
//!     #[serde(default, deserialize_with = "chatadmin_core::lenient::u64")]
//!     n: u64,
//! }
//! let r: R = serde_json::from_str(r#"{"n":"42"}"#).unwrap();
//! assert_eq!(r.n, 42);
//! ```

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

struct IntVisitor<T>(std::marker::PhantomData<T>);

macro_rules! int_visitor {
    ($t:ty, $name:literal) => {
        impl<'de> Visitor<'de> for IntVisitor<$t> {
            type Value = Option<$t>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!("an integer (", $name, "), as a number or a string"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                <$t>::try_from(v)
                    .map(Some)
                    .map_err(|_| E::custom(format!("{v} does not fit {}", $name)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                <$t>::try_from(v)
                    .map(Some)
                    .map_err(|_| E::custom(format!("{v} does not fit {}", $name)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                // Some gateways print integers as 1.0; accept whole numbers only.
                if v.fract() == 0.0 && v >= <$t>::MIN as f64 && v <= <$t>::MAX as f64 {
                    Ok(Some(v as $t))
                } else {
                    Err(E::custom(format!(
                        "{v} is not an integer that fits {}",
                        $name
                    )))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                t.parse::<$t>()
                    .map(Some)
                    .map_err(|_| E::custom(format!("{v:?} is not an integer that fits {}", $name)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Some(v as $t))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
        }
    };
}

int_visitor!(u64, "u64");
int_visitor!(i64, "i64");
int_visitor!(u32, "u32");
int_visitor!(i32, "i32");

macro_rules! int_fns {
    ($plain:ident, $opt:ident, $t:ty) => {
        #[doc = concat!("A `", stringify!($t), "` sent as a number or a numeric string; `null` or `\"\"` give 0.")]
        pub fn $plain<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
            Ok(d.deserialize_any(IntVisitor::<$t>(std::marker::PhantomData))?.unwrap_or_default())
        }
        #[doc = concat!("An optional `", stringify!($t), "` sent as a number or a numeric string.")]
        pub fn $opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
            d.deserialize_any(IntVisitor::<$t>(std::marker::PhantomData))
        }
    };
}

int_fns!(u64, opt_u64, u64);
int_fns!(i64, opt_i64, i64);
int_fns!(u32, opt_u32, u32);
int_fns!(i32, opt_i32, i32);

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string (or a number)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A string that may arrive as a number; `null` gives `""`.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(d.deserialize_any(StrVisitor)?.unwrap_or_default())
}

/// An optional string that may arrive as a number.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(StrVisitor)
}

/// An optional [`wire_enum!`](crate::wire_enum) value that may arrive as any scalar (a number
/// is read as its text, an unknown text kept as `Other`); `null` or absent (with
/// `#[serde(default)]`) gives `None`.
pub fn opt_enum<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    Ok(opt_string(d)?.map(|s| T::from(s.as_str())))
}

/// A list that may be `null` (treated as empty). Absent lists need `#[serde(default)]` too.
pub fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Deserialize)]
struct LenientString(#[serde(deserialize_with = "string")] String);

/// A list of strings that may be `null` and whose items may arrive as numbers
/// (`FailAccounts`, `Fail_Account`, ...).
pub fn string_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(vec::<D, LenientString>(d)?
        .into_iter()
        .map(|s| s.0)
        .collect())
}

/// A value the service sends, decoded leniently: what every field of a declared response
/// (`#[response]`) is read with ([`field`]). Implemented for strings and integers (which may
/// arrive as each other), lists (which may be `null`), options (`null`, and for integers `""`,
/// read as absent), wire enums (any scalar; unknown values kept), JSON values, and every
/// declared response type.
pub trait Lenient: Sized {
    /// Reads a present value.
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;

    /// Reads a value that may be `null`.
    fn lenient_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Ok(Option::<LenientValue<Self>>::deserialize(d)?.map(|v| v.0))
    }
}

/// Reads any [`Lenient`] value: the `deserialize_with` of every declared response field.
pub fn field<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    T::lenient(d)
}

/// A [`Lenient`] value as a `Deserialize` one.
struct LenientValue<T>(T);

impl<'de, T: Lenient> Deserialize<'de> for LenientValue<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::lenient(d).map(LenientValue)
    }
}

impl Lenient for String {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string(d)
    }
    fn lenient_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        opt_string(d)
    }
}

macro_rules! lenient_ints {
    ($($t:ty => $plain:ident, $opt:ident;)*) => { $(
        impl Lenient for $t {
            fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $plain(d)
            }
            fn lenient_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
                $opt(d)
            }
        }
    )* };
}
lenient_ints! {
    u64 => u64, opt_u64;
    i64 => i64, opt_i64;
    u32 => u32, opt_u32;
    i32 => i32, opt_i32;
}

macro_rules! plain_lenient {
    ($($t:ty),*) => { $(
        impl Lenient for $t {
            fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t as Deserialize>::deserialize(d)
            }
        }
    )* };
}
plain_lenient!(
    bool,
    f64,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>
);

impl<T: Lenient> Lenient for Option<T> {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::lenient_opt(d)
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<Vec<LenientValue<T>>>::deserialize(d)?
            .unwrap_or_default()
            .into_iter()
            .map(|v| v.0)
            .collect())
    }
}

/// Reads a wire enum from any scalar (a number is read as its text; an unknown text is kept).
pub fn enum_value<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    Ok(T::from(string(d)?.as_str()))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct T {
        #[serde(default, deserialize_with = "super::u64")]
        a: u64,
        #[serde(default, deserialize_with = "super::opt_u32")]
        b: Option<u32>,
        #[serde(default, deserialize_with = "super::i64")]
        c: i64,
        #[serde(default, deserialize_with = "super::string")]
        s: String,
        #[serde(default, deserialize_with = "super::vec")]
        v: Vec<u8>,
    }

    fn t(j: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(j)
    }

    #[test]
    fn numbers_as_strings_and_missing_values() {
        let x = t(r#"{"a":"18446744073709551615","b":"7","c":-3,"s":12,"v":null}"#).unwrap();
        assert_eq!(x.a, u64::MAX);
        assert_eq!(x.b, Some(7));
        assert_eq!(x.c, -3);
        assert_eq!(x.s, "12");
        assert!(x.v.is_empty());
        let y = t("{}").unwrap();
        assert_eq!((y.a, y.b, y.s.as_str()), (0, None, ""));
        let z = t(r#"{"a":null,"b":"","c":"0"}"#).unwrap();
        assert_eq!((z.a, z.b, z.c), (0, None, 0));
    }

    #[test]
    fn values_that_do_not_fit_are_errors_not_wraps() {
        assert!(t(r#"{"b":4294967296}"#).is_err());
        assert!(t(r#"{"a":-1}"#).is_err());
        assert!(t(r#"{"a":"12x"}"#).is_err());
        assert!(t(r#"{"a":1.5}"#).is_err());
        assert_eq!(t(r#"{"a":3.0}"#).unwrap().a, 3);
    }

    #[test]
    fn optional_wire_enums_from_any_scalar() {
        use crate::api::blocklist::BlockRelation;
        #[derive(Deserialize, Debug)]
        struct E {
            #[serde(default, deserialize_with = "super::opt_enum")]
            r: Option<BlockRelation>,
        }
        let e = |j: &str| serde_json::from_str::<E>(j).unwrap().r;
        assert_eq!(
            e(r#"{"r":"BlackCheckResult_Type_AWithB"}"#),
            Some(BlockRelation::AWithB)
        );
        assert_eq!(
            e(r#"{"r":"Later_Value"}"#),
            Some(BlockRelation::Other("Later_Value".into()))
        );
        assert_eq!(e(r#"{"r":7}"#), Some(BlockRelation::Other("7".into())));
        assert_eq!(e(r#"{"r":null}"#), None);
        assert_eq!(e("{}"), None);
        assert!(serde_json::from_str::<E>(r#"{"r":[1]}"#).is_err());
    }
}
