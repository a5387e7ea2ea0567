//! Request schemas: the fields of every endpoint's request, read from its serde derive.
//!
//! Surfaces that take arguments by name (Python keyword arguments, CLI flags) need each
//! request's fields with their wire names, nesting, types and whether they are required. That
//! knowledge already lives in the request types' `Deserialize` derives, so instead of a second,
//! hand-written list this module *traces* a request type: it runs the type's `Deserialize`
//! against a recording [`Deserializer`](serde::Deserializer) that answers every question with
//! a placeholder and notes what was asked (`deserialize_struct(name, fields, ..)` gives the
//! wire names, `deserialize_option` an optional value, `deserialize_seq` a list, ...). A field is
//! required when deserializing without it fails with "missing field".
//!
//! Each wire name also gets a deterministic snake_case name ([`snake_case`]): `To_Account` →
//! `to_account`, `UserID` → `user_id`, `C2CmsgNospeakingTime` → `c2c_msg_nospeaking_time`.
//! [`to_wire`] turns a body keyed by snake_case names (or wire names, or a mix) into the wire
//! body, naming any key that is not a field.
//!
//! ```
//! use chatadmin_core::schema;
//! let s = schema::request_schema("sns/friend_delete").unwrap();
//! let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
//! assert_eq!(names, ["from_account", "to_account", "delete_type"]);
//!
//! let body = serde_json::json!({"from_account": "alice", "To_Account": ["bob"]});
//! let wire = schema::to_wire("sns/friend_delete", body).unwrap();
//! assert_eq!(wire, serde_json::json!({"From_Account": "alice", "To_Account": ["bob"]}));
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::{json, Map, Value};

use crate::endpoint::ApiRequest;
use crate::error::{Error, ValidationError};
use crate::region::normalize_wire_path;

/// The shape of a value in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// `true` / `false`.
    Bool,
    /// An integer of `bits` bits.
    Integer {
        /// Whether negative values are allowed.
        signed: bool,
        /// 8, 16, 32, 64 or 128.
        bits: u8,
    },
    /// A floating-point number.
    Float,
    /// A string.
    String,
    /// A wire enum (`DeleteType`): a string, one of the documented values (requests).
    Enum(&'static [&'static str]),
    /// Raw bytes.
    Bytes,
    /// A value that may be left out (or be `null`).
    Optional(Box<Shape>),
    /// A list of values of one shape.
    List(Box<Shape>),
    /// An object with free-form keys.
    Map,
    /// An object with known fields.
    Struct(StructSchema),
    /// Anything (an untyped JSON value).
    Any,
}

/// An object with known fields, in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructSchema {
    /// The Rust type's name (`FriendDelete`), for messages and docs.
    pub type_name: &'static str,
    /// The fields.
    pub fields: Vec<FieldSchema>,
}

/// One field of a [`StructSchema`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSchema {
    /// The wire name (`To_Account`).
    pub wire: &'static str,
    /// The snake_case name (`to_account`), see [`snake_case`].
    pub name: String,
    /// Whether the request is refused without it.
    pub required: bool,
    /// The value's shape.
    pub shape: Shape,
}

impl Shape {
    /// The shape as JSON: `{"type": "list", "items": {"type": "string"}}`, ...
    pub fn to_json(&self) -> Value {
        match self {
            Shape::Bool => json!({"type": "bool"}),
            Shape::Integer { signed, bits } => {
                json!({"type": "integer", "signed": signed, "bits": bits})
            }
            Shape::Float => json!({"type": "float"}),
            Shape::String => json!({"type": "string"}),
            Shape::Enum(values) => json!({"type": "string", "values": values}),
            Shape::Bytes => json!({"type": "bytes"}),
            Shape::Optional(inner) => json!({"type": "optional", "inner": inner.to_json()}),
            Shape::List(items) => json!({"type": "list", "items": items.to_json()}),
            Shape::Map => json!({"type": "map"}),
            Shape::Struct(s) => s.to_json(),
            Shape::Any => json!({"type": "any"}),
        }
    }

    /// The shape without any [`Shape::Optional`] wrapper.
    pub fn unwrap_optional(&self) -> &Shape {
        match self {
            Shape::Optional(inner) => inner.unwrap_optional(),
            other => other,
        }
    }
}

impl StructSchema {
    /// The schema as JSON: `{"type": "struct", "name": ..., "fields": [{"name", "wire",
    /// "required", "shape"}, ...]}`.
    pub fn to_json(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                json!({
                    "name": f.name,
                    "wire": f.wire,
                    "required": f.required,
                    "shape": f.shape.to_json(),
                })
            })
            .collect();
        json!({"type": "struct", "name": self.type_name, "fields": fields})
    }

    /// The field called `key`, by wire name or snake_case name.
    pub fn field(&self, key: &str) -> Option<&FieldSchema> {
        self.fields
            .iter()
            .find(|f| f.wire == key)
            .or_else(|| self.fields.iter().find(|f| f.name == key))
    }

    /// Turns an object keyed by snake_case or wire names into the wire object, recursively.
    /// See [`to_wire`].
    pub fn to_wire(&self, body: Value) -> Result<Value, ValidationError> {
        convert_struct(self, body, "")
    }
}

mod describe;
pub use describe::{describe_struct, Describe};

// ---------------------------------------------------------------------------------------------
// snake_case
// ---------------------------------------------------------------------------------------------

/// The snake_case name of a wire name, the one every surface uses for arguments and
/// attributes.
///
/// Words break at `_`, at a lowercase letter or digit followed by a capital (`FaceUrl`,
/// `Msg2User`) and before the last capital of an acronym followed by lowercase (`IDList` →
/// `id_list`). A digit between capitals binds them into one acronym (`C2C`, `P2P`), and
/// lowercase letters right after such an acronym start a new word, so `C2CmsgNospeakingTime`
/// becomes `c2c_msg_nospeaking_time` and `AllC2CUnreadMsgNum` `all_c2c_unread_msg_num`.
///
/// ```
/// use chatadmin_core::schema::snake_case;
/// assert_eq!(snake_case("To_Account"), "to_account");
/// assert_eq!(snake_case("UserID"), "user_id");
/// assert_eq!(snake_case("FailAccounts"), "fail_accounts");
/// assert_eq!(snake_case("C2CmsgNospeakingTime"), "c2c_msg_nospeaking_time");
/// ```
pub fn snake_case(wire: &str) -> String {
    let chars: Vec<char> = wire.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, words: &mut Vec<String>| {
        if !cur.is_empty() {
            words.push(std::mem::take(cur).to_lowercase());
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        let cur_has_lower = cur.chars().any(char::is_lowercase);
        let last = cur.chars().last();
        if c == '_' || c == '-' || c.is_whitespace() {
            flush(&mut cur, &mut words);
        } else if c.is_uppercase() {
            let boundary = if cur.is_empty() {
                false
            } else if cur_has_lower {
                // `FaceUrl`, `Msg2User`
                true
            } else {
                // `cur` is an acronym so far: `IDList` splits before `L`; `C2` + `C` stays
                // together (a digit between capitals binds them).
                next_lower && !last.is_some_and(|l| l.is_ascii_digit())
            };
            if boundary {
                flush(&mut cur, &mut words);
            }
            cur.push(c);
        } else if c.is_lowercase() {
            // After an acronym ending in digit + capital (`C2C`), lowercase starts a new word.
            let n = cur.chars().count();
            let ends_digit_capital = !cur_has_lower
                && n >= 2
                && last.is_some_and(char::is_uppercase)
                && cur.chars().nth(n - 2).is_some_and(|d| d.is_ascii_digit());
            if ends_digit_capital {
                flush(&mut cur, &mut words);
            }
            cur.push(c);
        } else {
            cur.push(c);
        }
    }
    flush(&mut cur, &mut words);
    words.join("_")
}

// ---------------------------------------------------------------------------------------------
// Converting snake_case bodies to wire bodies
// ---------------------------------------------------------------------------------------------

/// Turns a request body keyed by snake_case names, wire names or a mix (at every level) into
/// the wire body of the endpoint at `wire_path`.
///
/// A key that is not a field is an error naming it and listing the valid names; so is a field
/// given twice (once by each name) and a required field left out. `null` for a field that is
/// not required leaves it out. Values are not checked here: the typed request does that.
///
/// ```
/// use chatadmin_core::schema::to_wire;
/// let e = to_wire("sns/friend_delete", serde_json::json!({"from": "a"})).unwrap_err();
/// assert!(e.to_string().contains("from_account"), "{e}");
/// ```
pub fn to_wire(wire_path: &str, body: Value) -> Result<Value, Error> {
    let path = normalize_wire_path(wire_path.trim());
    let schema = match registry().iter().find(|(p, _)| *p == path) {
        Some((_, Ok(schema))) => schema,
        // Unreachable while the tests below pass: every request type traces.
        Some((_, Err(e))) => {
            return Err(Error::config(format!(
                "internal: the request schema of {path} could not be traced: {e}"
            )))
        }
        None => {
            return Err(crate::registry::require(wire_path)
                .err()
                .unwrap_or_else(|| {
                    ValidationError::new("", format!("unknown endpoint {wire_path:?}")).into()
                }))
        }
    };
    if !body.is_object() {
        return Err(
            ValidationError::new("", "the request body must be an object of named fields")
                .at(path)
                .into(),
        );
    }
    schema.to_wire(body).map_err(|e| e.at(path).into())
}

fn join_path(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else {
        format!("{base}.{field}")
    }
}

fn convert(shape: &Shape, value: Value, path: &str) -> Result<Value, ValidationError> {
    match (shape, value) {
        (Shape::Optional(inner), v) if !v.is_null() => convert(inner, v, path),
        (Shape::Struct(s), v @ Value::Object(_)) => convert_struct(s, v, path),
        (Shape::List(items), Value::Array(a)) => a
            .into_iter()
            .enumerate()
            .map(|(i, v)| convert(items, v, &format!("{path}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        // Scalars, and values of the wrong type (the typed request names those).
        (_, v) => Ok(v),
    }
}

fn convert_struct(s: &StructSchema, value: Value, path: &str) -> Result<Value, ValidationError> {
    let Value::Object(obj) = value else {
        return Ok(value);
    };
    let mut out = Map::new();
    let mut given_as: HashMap<&str, String> = HashMap::new();
    for (key, v) in obj {
        let Some(field) = s.field(&key) else {
            return Err(ValidationError::new(
                join_path(path, &key),
                format!(
                    "is not a field of this request; expected one of: {} (or the wire names {})",
                    s.fields
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s.fields
                        .iter()
                        .map(|f| f.wire)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ));
        };
        if let Some(first) = given_as.get(field.wire) {
            return Err(ValidationError::new(
                join_path(path, field.wire),
                format!("is given twice, as `{first}` and as `{key}`"),
            ));
        }
        if v.is_null() && !field.required {
            given_as.insert(field.wire, key);
            continue;
        }
        let wire_path = join_path(path, field.wire);
        out.insert(field.wire.to_owned(), convert(&field.shape, v, &wire_path)?);
        given_as.insert(field.wire, key);
    }
    if let Some(missing) = s
        .fields
        .iter()
        .find(|f| f.required && !given_as.contains_key(f.wire))
    {
        return Err(ValidationError::new(
            join_path(path, missing.wire),
            format!("is required (snake_case name: {})", missing.name),
        ));
    }
    Ok(Value::Object(out))
}

// ---------------------------------------------------------------------------------------------
// The registry of schemas
// ---------------------------------------------------------------------------------------------

macro_rules! trace_all {
    ($( $area:ident $acc:ident { $( $method:ident : $t:path ),* $(,)? } )*) => {
        fn trace_registry() -> Vec<(&'static str, Result<StructSchema, String>)> {
            vec![
                $( $( (<$t as ApiRequest>::META.path, trace_request::<$t>()), )* )*
            ]
        }
    };
}

crate::for_each_endpoint!(trace_all);

fn registry() -> &'static [(&'static str, Result<StructSchema, String>)] {
    static SCHEMAS: OnceLock<Vec<(&'static str, Result<StructSchema, String>)>> = OnceLock::new();
    SCHEMAS.get_or_init(trace_registry)
}

/// The request schema of the endpoint at `wire_path` (`sns/friend_delete`, with or without
/// `v4/`), traced once and cached.
pub fn request_schema(wire_path: &str) -> Option<&'static StructSchema> {
    let p = normalize_wire_path(wire_path.trim());
    registry()
        .iter()
        .find(|(path, _)| *path == p)
        .and_then(|(_, s)| s.as_ref().ok())
}

/// Traces a request type (which must be a struct) into its schema.
pub fn trace_request<T: DeserializeOwned>() -> Result<StructSchema, String> {
    match trace::<T>()? {
        Shape::Struct(s) => Ok(s),
        other => Err(format!(
            "{} is not a struct but {}",
            std::any::type_name::<T>(),
            other.to_json()
        )),
    }
}

/// Traces any type into its [`Shape`], with required fields marked.
pub fn trace<T: DeserializeOwned>() -> Result<Shape, String> {
    let mut shape = run::<T>(None).map_err(|e| e.message)?;
    let mut paths = Vec::new();
    field_paths(&shape, &mut Vec::new(), &mut paths);
    for p in paths {
        let required = match run::<T>(Some(&p)) {
            Ok(_) => false,
            Err(e) => e.missing == p.last().copied() && e.missing.is_some(),
        };
        if required {
            mark_required(&mut shape, &p);
        }
    }
    Ok(shape)
}

const LIST_ITEM: &str = "[]";

fn field_paths(shape: &Shape, prefix: &mut Vec<&'static str>, out: &mut Vec<Vec<&'static str>>) {
    match shape {
        Shape::Optional(inner) => field_paths(inner, prefix, out),
        Shape::List(items) => {
            prefix.push(LIST_ITEM);
            field_paths(items, prefix, out);
            prefix.pop();
        }
        Shape::Struct(s) => {
            for f in &s.fields {
                prefix.push(f.wire);
                out.push(prefix.clone());
                field_paths(&f.shape, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn mark_required(shape: &mut Shape, path: &[&'static str]) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    match shape {
        Shape::Optional(inner) => mark_required(inner, path),
        Shape::List(items) if *first == LIST_ITEM => mark_required(items, rest),
        Shape::Struct(s) => {
            if let Some(f) = s.fields.iter_mut().find(|f| f.wire == *first) {
                if rest.is_empty() {
                    f.required = true;
                } else {
                    mark_required(&mut f.shape, rest);
                }
            }
        }
        _ => {}
    }
}

fn run<T: DeserializeOwned>(omit: Option<&[&'static str]>) -> Result<Shape, TraceError> {
    let mut shape = Shape::Any;
    let ctx = Ctx { omit };
    T::deserialize(Tracer {
        out: &mut shape,
        ctx: &ctx,
        path: Vec::new(),
    })
    .map(|_| shape)
}

// ---------------------------------------------------------------------------------------------
// The tracing deserializer
// ---------------------------------------------------------------------------------------------

/// Request types nest a few levels at most; deeper means a recursive type.
const MAX_DEPTH: usize = 24;

#[derive(Debug)]
struct TraceError {
    message: String,
    missing: Option<&'static str>,
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TraceError {}

impl de::Error for TraceError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        TraceError {
            message: msg.to_string(),
            missing: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        TraceError {
            message: format!("missing field `{field}`"),
            missing: Some(field),
        }
    }
}

struct Ctx<'a> {
    /// The field path to leave out (to learn whether that field is required).
    omit: Option<&'a [&'static str]>,
}

struct Tracer<'a> {
    out: &'a mut Shape,
    ctx: &'a Ctx<'a>,
    path: Vec<&'static str>,
}

impl<'a> Tracer<'a> {
    fn child<'b>(&self, out: &'b mut Shape, segment: Option<&'static str>) -> Tracer<'b>
    where
        'a: 'b,
    {
        let mut path = self.path.clone();
        path.extend(segment);
        Tracer {
            out,
            ctx: self.ctx,
            path,
        }
    }

    fn too_deep(&self) -> Result<(), TraceError> {
        if self.path.len() > MAX_DEPTH {
            Err(de::Error::custom(format!(
                "nesting deeper than {MAX_DEPTH} levels at {}: a recursive request type cannot be traced",
                self.path.join(".")
            )))
        } else {
            Ok(())
        }
    }
}

macro_rules! scalar {
    ($method:ident, $visit:ident, $value:expr, $shape:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
            *self.out = $shape;
            visitor.$visit($value)
        }
    };
}

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = TraceError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Any;
        visitor.visit_unit()
    }

    scalar!(deserialize_bool, visit_bool, false, Shape::Bool);
    scalar!(
        deserialize_i8,
        visit_i8,
        0,
        Shape::Integer {
            signed: true,
            bits: 8
        }
    );
    scalar!(
        deserialize_i16,
        visit_i16,
        0,
        Shape::Integer {
            signed: true,
            bits: 16
        }
    );
    scalar!(
        deserialize_i32,
        visit_i32,
        0,
        Shape::Integer {
            signed: true,
            bits: 32
        }
    );
    scalar!(
        deserialize_i64,
        visit_i64,
        0,
        Shape::Integer {
            signed: true,
            bits: 64
        }
    );
    scalar!(
        deserialize_i128,
        visit_i128,
        0,
        Shape::Integer {
            signed: true,
            bits: 128
        }
    );
    scalar!(
        deserialize_u8,
        visit_u8,
        0,
        Shape::Integer {
            signed: false,
            bits: 8
        }
    );
    scalar!(
        deserialize_u16,
        visit_u16,
        0,
        Shape::Integer {
            signed: false,
            bits: 16
        }
    );
    scalar!(
        deserialize_u32,
        visit_u32,
        0,
        Shape::Integer {
            signed: false,
            bits: 32
        }
    );
    scalar!(
        deserialize_u64,
        visit_u64,
        0,
        Shape::Integer {
            signed: false,
            bits: 64
        }
    );
    scalar!(
        deserialize_u128,
        visit_u128,
        0,
        Shape::Integer {
            signed: false,
            bits: 128
        }
    );
    scalar!(deserialize_f32, visit_f32, 0.0, Shape::Float);
    scalar!(deserialize_f64, visit_f64, 0.0, Shape::Float);
    scalar!(deserialize_char, visit_char, 'x', Shape::String);
    scalar!(deserialize_str, visit_str, "", Shape::String);
    scalar!(deserialize_string, visit_str, "", Shape::String);
    scalar!(deserialize_bytes, visit_bytes, &[], Shape::Bytes);
    scalar!(deserialize_byte_buf, visit_bytes, &[], Shape::Bytes);
    scalar!(deserialize_identifier, visit_str, "", Shape::String);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.too_deep()?;
        let mut inner = Shape::Any;
        let r = visitor.visit_some(self.child(&mut inner, None));
        *self.out = Shape::Optional(Box::new(inner));
        r
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Any;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.too_deep()?;
        let mut item = Shape::Any;
        let mut access = OneItem {
            tracer: Some(self.child(&mut item, Some(LIST_ITEM))),
        };
        let r = visitor.visit_seq(&mut access);
        drop(access);
        *self.out = Shape::List(Box::new(item));
        r
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        let _ = visitor;
        Err(de::Error::custom(
            "tuples are not supported in request types",
        ))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Map;
        visitor.visit_map(de::value::MapDeserializer::<
            std::iter::Empty<(&'static str, &'static str)>,
            TraceError,
        >::new(std::iter::empty()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.too_deep()?;
        let mut access = Fields {
            names: fields,
            next: 0,
            current: None,
            found: Vec::with_capacity(fields.len()),
            tracer: &self,
        };
        let r = visitor.visit_map(&mut access);
        let found = std::mem::take(&mut access.found);
        drop(access);
        *self.out = Shape::Struct(StructSchema {
            type_name: name,
            fields: found
                .into_iter()
                .map(|(wire, shape)| FieldSchema {
                    wire,
                    name: snake_case(wire),
                    required: false,
                    shape,
                })
                .collect(),
        });
        r
    }

    /// Wire enums (`wire_enum!`) ask for an enum with their documented values and accept a
    /// string: the shape records the values. Rust enums are not request types.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        match variants.first() {
            Some(first) if name == crate::enums::WIRE_ENUM => {
                *self.out = Shape::Enum(variants);
                visitor.visit_str(first)
            }
            _ => Err(de::Error::custom(format!(
                "enum {name} is not supported in request types (use wire_enum!, which is a string)"
            ))),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        self.deserialize_any(visitor)
    }
}

/// A list with exactly one (traced) item.
struct OneItem<'a> {
    tracer: Option<Tracer<'a>>,
}

impl<'de> de::SeqAccess<'de> for OneItem<'_> {
    type Error = TraceError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, TraceError> {
        match self.tracer.take() {
            Some(t) => seed.deserialize(t).map(Some),
            None => Ok(None),
        }
    }
}

/// The fields of a struct, each once, except the one being left out.
struct Fields<'t, 'a> {
    names: &'static [&'static str],
    next: usize,
    current: Option<&'static str>,
    found: Vec<(&'static str, Shape)>,
    tracer: &'t Tracer<'a>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, '_> {
    type Error = TraceError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TraceError> {
        while let Some(&name) = self.names.get(self.next) {
            self.next += 1;
            let omitted = self.tracer.ctx.omit.is_some_and(|omit| {
                omit.len() == self.tracer.path.len() + 1
                    && omit[..self.tracer.path.len()] == self.tracer.path[..]
                    && omit[self.tracer.path.len()] == name
            });
            if omitted {
                continue;
            }
            self.current = Some(name);
            return seed.deserialize(name.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, TraceError> {
        let name = self
            .current
            .take()
            .ok_or_else(|| <TraceError as de::Error>::custom("value before key"))?;
        let mut shape = Shape::Any;
        let r = seed.deserialize(self.tracer.child(&mut shape, Some(name)));
        self.found.push((name, shape));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;
    use std::collections::HashSet;

    #[test]
    fn snake_case_rule() {
        for (wire, snake) in [
            ("To_Account", "to_account"),
            ("From_Account", "from_account"),
            ("UserID", "user_id"),
            ("FailAccounts", "fail_accounts"),
            ("AppDefinedData", "app_defined_data"),
            ("AppMemberDefinedData", "app_member_defined_data"),
            ("C2CmsgNospeakingTime", "c2c_msg_nospeaking_time"),
            ("AllC2CUnreadMsgNum", "all_c2c_unread_msg_num"),
            ("C2CMsgInfo", "c2c_msg_info"),
            ("C2CUnreadMsgNumList", "c2c_unread_msg_num_list"),
            ("P2PPush", "p2p_push"),
            ("GroupId", "group_id"),
            ("GroupID", "group_id"),
            ("MsgID", "msg_id"),
            ("IPList", "ip_list"),
            ("FileURL", "file_url"),
            ("ClientIP", "client_ip"),
            ("AVChatRoom", "av_chat_room"),
            ("Tag_Profile_IM_Nick", "tag_profile_im_nick"),
            ("ToMembers_Account", "to_members_account"),
            ("Member_Account", "member_account"),
            ("MaxMemberCount", "max_member_count"),
            ("Msg2User", "msg2_user"),
            ("Type", "type"),
            ("Nick", "nick"),
            ("A", "a"),
            ("", ""),
        ] {
            assert_eq!(snake_case(wire), snake, "{wire}");
        }
    }

    fn check_struct(s: &StructSchema, at: &str) {
        let mut names = HashSet::new();
        let mut wires = HashSet::new();
        for f in &s.fields {
            assert!(wires.insert(f.wire), "{at}: wire name {} twice", f.wire);
            assert!(
                names.insert(f.name.as_str()),
                "{at}: snake_case name {} ({}) collides",
                f.name,
                f.wire
            );
            assert!(
                !f.name.is_empty()
                    && f.name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{at}: {} -> {:?} is not a snake_case identifier",
                f.wire,
                f.name
            );
        }
        // A key names one field whichever spelling is used.
        for f in &s.fields {
            assert_eq!(
                s.field(&f.name).map(|g| g.wire),
                Some(f.wire),
                "{at}.{}",
                f.wire
            );
            assert_eq!(
                s.field(f.wire).map(|g| g.wire),
                Some(f.wire),
                "{at}.{}",
                f.wire
            );
        }
        for f in &s.fields {
            let mut shape = &f.shape;
            loop {
                match shape {
                    Shape::Optional(i) | Shape::List(i) => shape = i,
                    Shape::Struct(inner) => {
                        check_struct(inner, &format!("{at}.{}", f.wire));
                        break;
                    }
                    _ => break,
                }
            }
        }
    }

    #[test]
    fn every_endpoint_has_a_collision_free_schema() {
        for (path, traced) in registry() {
            let s = traced.as_ref().unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(!s.fields.is_empty(), "{path}: no fields traced");
            check_struct(s, path);
        }
        assert_eq!(registry().len(), registry::all().count());
        for e in registry::all() {
            assert!(request_schema(e.meta().path).is_some(), "{}", e.meta().path);
        }
    }

    #[test]
    fn friend_delete_schema() {
        let s = request_schema("v4/sns/friend_delete").unwrap();
        assert_eq!(s.type_name, "FriendDelete");
        let f: Vec<(&str, &str, bool)> = s
            .fields
            .iter()
            .map(|f| (f.wire, f.name.as_str(), f.required))
            .collect();
        assert_eq!(
            f,
            [
                ("From_Account", "from_account", true),
                ("To_Account", "to_account", true),
                ("DeleteType", "delete_type", false),
            ]
        );
        assert_eq!(s.fields[1].shape, Shape::List(Box::new(Shape::String)));
        // A wire enum records its documented values.
        assert_eq!(
            s.fields[2].shape,
            Shape::Optional(Box::new(Shape::Enum(&[
                "Delete_Type_Single",
                "Delete_Type_Both"
            ])))
        );
        assert_eq!(
            s.fields[2].shape.to_json()["inner"],
            json!({"type": "string", "values": ["Delete_Type_Single", "Delete_Type_Both"]})
        );
    }

    #[test]
    fn nested_schemas_and_required_fields() {
        let s = request_schema("im_open_login_svc/multiaccount_import").unwrap();
        assert!(s.fields.iter().all(|f| !f.required));
        let list = s.field("account_list").unwrap();
        let Shape::List(item) = list.shape.unwrap_optional() else {
            panic!("{:?}", list.shape)
        };
        let Shape::Struct(profile) = &**item else {
            panic!("{item:?}")
        };
        let req: Vec<(&str, bool)> = profile
            .fields
            .iter()
            .map(|f| (f.wire, f.required))
            .collect();
        assert_eq!(req, [("UserID", true), ("Nick", false), ("FaceUrl", false)]);

        let g = request_schema("group_open_http_svc/create_group").unwrap();
        let ty = g.field("type").unwrap();
        assert_eq!((ty.wire, ty.required), ("Type", true));
        assert_eq!(
            g.field("max_member_count").unwrap().shape,
            Shape::Optional(Box::new(Shape::Integer {
                signed: false,
                bits: 32
            }))
        );
        let json = g.to_json();
        assert_eq!(json["fields"][1]["wire"], "Type");
        assert_eq!(json["fields"][1]["shape"]["type"], "string");
    }

    #[test]
    fn to_wire_renames_recursively() {
        let body = json!({
            "type": "Public",
            "Name": "g",
            "member_list": [{"member_account": "bob", "Role": "Admin",
                             "app_member_defined_data": [{"key": "k", "Value": "v"}]}],
            "introduction": null,
        });
        let wire = to_wire("group_open_http_svc/create_group", body).unwrap();
        assert_eq!(
            wire,
            json!({
                "Type": "Public",
                "Name": "g",
                "MemberList": [{"Member_Account": "bob", "Role": "Admin",
                                "AppMemberDefinedData": [{"Key": "k", "Value": "v"}]}],
            })
        );
        // The result is what the typed request accepts.
        registry::find("group_open_http_svc/create_group")
            .unwrap()
            .check_request(wire)
            .unwrap();
    }

    #[test]
    fn to_wire_errors_name_the_key() {
        let e = to_wire(
            "sns/friend_delete",
            json!({"from_account": "a", "to_account": ["b"], "bogus": 1}),
        )
        .unwrap_err();
        let Error::Validation(v) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(v.field, "bogus");
        assert_eq!(v.endpoint.as_deref(), Some("sns/friend_delete"));
        assert!(
            v.message.contains("from_account, to_account, delete_type"),
            "{v}"
        );

        let e = to_wire(
            "sns/friend_delete",
            json!({"from_account": "a", "From_Account": "a", "to_account": []}),
        )
        .unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");

        let e = to_wire("sns/friend_delete", json!({"to_account": []})).unwrap_err();
        let Error::Validation(v) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(v.field, "From_Account");
        assert!(v.message.contains("from_account"), "{v}");

        let e = to_wire(
            "im_open_login_svc/multiaccount_import",
            json!({"account_list": [{"user_id": "a"}, {"user_id": "b", "nickname": "x"}]}),
        )
        .unwrap_err();
        let Error::Validation(v) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(v.field, "AccountList[1].nickname");

        assert!(to_wire("nope/nope", json!({})).is_err());
        assert!(to_wire("sns/friend_delete", json!([1])).is_err());
    }
}
