//! String enums of the wire protocol (`"Delete_Type_Both"`, `"Public"`, ...).
//!
//! The service adds values over time, so decoding must never fail on an unknown one: every
//! enum made by [`wire_enum!`](crate::wire_enum) has an `Other(String)` variant that keeps the
//! value as sent. Requests are strict: `validate()` rejects `Other` values with the list of
//! documented ones (see [`WireEnum::check`]).

use serde::de::{Deserializer, EnumAccess, VariantAccess, Visitor};

use crate::error::ValidationError;

/// The name under which wire enums ask a deserializer for an enum: the request-schema tracer
/// ([`crate::schema`]) recognizes it and records the documented values.
#[doc(hidden)]
pub const WIRE_ENUM: &str = "chatadmin::wire_enum";

/// How a wire enum reads itself: a string, asked for as an enum with its documented values so
/// that the request-schema tracer can list them (JSON deserializers hand a string to
/// `visit_enum` as a unit variant). Used by [`wire_enum!`](crate::wire_enum).
#[doc(hidden)]
pub fn deserialize_wire_enum<'de, D: Deserializer<'de>>(
    d: D,
    known: &'static [&'static str],
) -> Result<String, D::Error> {
    d.deserialize_enum(WIRE_ENUM, known, WireEnumVisitor)
}

struct WireEnumVisitor;

impl<'de> Visitor<'de> for WireEnumVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<String, A::Error> {
        let (value, rest): (String, _) = data.variant()?;
        rest.unit_variant()?;
        Ok(value)
    }
}

/// Implemented by every wire enum.
pub trait WireEnum: Sized {
    /// The documented values, in documentation order.
    const KNOWN: &'static [&'static str];
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
    /// Whether this is a documented value.
    fn is_known(&self) -> bool {
        Self::KNOWN.contains(&self.as_str())
    }
    /// Rejects undocumented values in requests, naming the field and the valid values.
    fn check(&self, path: &str) -> Result<(), ValidationError> {
        if self.is_known() {
            Ok(())
        } else {
            Err(ValidationError::new(
                path,
                format!(
                    "is {:?}; expected one of {}",
                    self.as_str(),
                    Self::KNOWN
                        .iter()
                        .map(|k| format!("{k:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ))
        }
    }
}

/// Declares a string enum of the wire protocol with an `Other(String)` fallback.
///
/// ```
/// chatadmin_core::wire_enum! {
///     /// How friends are deleted.
///     pub enum DeleteType {
///         /// Only the requester's side.
///         Single = "Delete_Type_Single",
///         /// Both sides.
///         Both = "Delete_Type_Both",
///     }
/// }
/// use chatadmin_core::enums::WireEnum;
/// let d: DeleteType = serde_json::from_str("\"Delete_Type_New\"").unwrap();
/// assert_eq!(d, DeleteType::Other("Delete_Type_New".into()));
/// assert!(d.check("DeleteType").is_err());
/// assert_eq!(serde_json::to_string(&DeleteType::Both).unwrap(), "\"Delete_Type_Both\"");
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of chatadmin does not know, kept as sent.
            Other(String),
        }

        impl $crate::enums::WireEnum for $name {
            const KNOWN: &'static [&'static str] = &[$($wire),+];
            fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s.as_str(),
                }
            }
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                <Self as $crate::enums::WireEnum>::as_str(self)
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl $crate::validate::Validate for $name {
            fn validate_at(
                &self,
                at: &$crate::validate::Path<'_>,
            ) -> ::std::result::Result<(), $crate::error::ValidationError> {
                if <Self as $crate::enums::WireEnum>::is_known(self) {
                    return ::std::result::Result::Ok(());
                }
                <Self as $crate::enums::WireEnum>::check(self, &at.render())
            }
        }

        impl $crate::lenient::Lenient for $name {
            fn lenient<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::enum_value(d)
            }
            fn lenient_opt<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Option<Self>, D::Error> {
                $crate::lenient::opt_enum(d)
            }
        }

        impl $crate::schema::Describe for $name {
            fn shape() -> $crate::schema::Shape {
                $crate::schema::Shape::String
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::enums::deserialize_wire_enum(d, <Self as $crate::enums::WireEnum>::KNOWN)
                    .map(|s| $name::from(s.as_str()))
            }
        }
    };
}
