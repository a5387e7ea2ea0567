//! Response shapes ([`Describe`]): what typed stubs (Python's response classes) are made from.

use serde_json::{Map, Value};

use super::{snake_case, FieldSchema, Shape, StructSchema};

/// The shape of a value the service sends, for typed stubs (Python's response classes):
/// implemented for plain values, lists and options, wire enums, and every declared response
/// (`#[response]` writes it from the fields). Responses are not traced like requests: their
/// lenient decoders accept many shapes, while this names the one a field holds.
pub trait Describe {
    /// The shape.
    fn shape() -> Shape;
}

macro_rules! describe_plain {
    ($($t:ty => $shape:expr),* $(,)?) => { $( impl Describe for $t { fn shape() -> Shape { $shape } } )* };
}
describe_plain! {
    String => Shape::String,
    bool => Shape::Bool,
    f64 => Shape::Float,
    u32 => Shape::Integer { signed: false, bits: 32 },
    u64 => Shape::Integer { signed: false, bits: 64 },
    i32 => Shape::Integer { signed: true, bits: 32 },
    i64 => Shape::Integer { signed: true, bits: 64 },
    Value => Shape::Any,
    Map<String, Value> => Shape::Map,
}

impl<T: Describe> Describe for Vec<T> {
    fn shape() -> Shape {
        Shape::List(Box::new(T::shape()))
    }
}

impl<T: Describe> Describe for Option<T> {
    fn shape() -> Shape {
        Shape::Optional(Box::new(T::shape()))
    }
}

impl Describe for crate::envelope::ResponseStatus {
    fn shape() -> Shape {
        let field = |wire: &'static str, shape: Shape| FieldSchema {
            wire,
            name: snake_case(wire),
            required: false,
            shape: Shape::Optional(Box::new(shape)),
        };
        Shape::Struct(StructSchema {
            type_name: "ResponseStatus",
            fields: vec![
                field("ActionStatus", Shape::String),
                field("ErrorCode", i64::shape()),
                field("ErrorInfo", Shape::String),
                field("ErrorDisplay", Shape::String),
            ],
        })
    }
}

/// The fields of a declared response's shape (what `#[response]` expands to): `fields` as
/// `(wire name, shape)`, with the fields of a flattened part (the status) spliced in.
#[doc(hidden)]
pub fn describe_struct(type_name: &'static str, fields: Vec<(&'static str, Shape)>) -> Shape {
    let mut out = Vec::new();
    for (wire, shape) in fields {
        match (wire, shape) {
            ("", Shape::Struct(inner)) => out.extend(inner.fields),
            (wire, shape) => out.push(FieldSchema {
                wire,
                name: snake_case(wire),
                required: false,
                shape,
            }),
        }
    }
    Shape::Struct(StructSchema {
        type_name,
        fields: out,
    })
}
