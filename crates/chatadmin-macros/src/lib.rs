//! Declaration macros of chatadmin: an endpoint, a request payload or a response is one
//! annotated struct, and everything a surface needs is derived from it.
//!
//! These macros expand to paths under `::chatadmin_core`; use them through
//! `chatadmin_core::declare` (re-exported there), not directly.
//!
//! # Why attribute macros
//!
//! The declaration is the struct a user sees in the docs, with serde's own attributes for the
//! wire names. A derive macro could not add what every declaration of a kind has (the serde
//! derives, `deny_unknown_fields` on requests, lenient decoding, `status` and `extra` on
//! responses), so each would repeat it; an attribute macro rewrites the struct it is given and
//! adds those, then derives the rest (`ApiRequest`, validation, splitting, constructors and
//! setters, the limit table, the merge of split calls). Hand-written code stays only for what a
//! declaration cannot say, named in the attribute (`validate = fn` for cross-field rules,
//! `next_page = fn` for cursors, `merge = fn` for merges that are not concatenation).
//!
//! - [`macro@endpoint`]: a request with its endpoint facts.
//! - [`macro@payload`]: a structured value inside a request (an item of a list), or any value the
//!   SDK sends and validates (callback answers).
//! - [`macro@response`]: a response, or (`#[response(item)]`) a value inside one, or any value
//!   the service sends (callback events): decoded leniently, unknown fields kept.
//! - [`macro@fields`]: a group of fields several declarations share (the same wire name,
//!   limit and checks written once), included where a declaration writes `name: group!()`.
//!   serde's `flatten` cannot do this: requests deny unknown fields, and the fields must stay
//!   at their place in the wire order.
//!
//! Field attributes (requests and payloads):
//!
//! | attribute | meaning |
//! |---|---|
//! | `#[limit(items(max = N[, min = M]), source = "...")]` | a list of `min` (default 1) to `max` items |
//! | `#[limit(bytes(max = N[, min = M]), source = "...")]` | a string of `min` (default 1) to `max` UTF-8 bytes |
//! | `#[limit(range(min = A, max = B), source = "...")]` | an integer in `A..=B` |
//! | `#[limit(CONST)]` | a shared `Limit` constant (its label is replaced by this field's path) |
//! | `#[limit(each(...), ...)]` | the limit applies to every item of a list |
//! | `#[limit(CONST, listed)]` | listed in the limit table only; a `#[check]` fn enforces it |
//! | `#[user_id]` | an account ID (1 to 32 bytes), or a list of them |
//! | `#[check(path::to::fn)]` | a rule in code: `fn(&T, &Path) -> Result<(), ValidationError>` (`T` without `Option`) |
//! | `#[split]` | the list a client splits into calls of the field's `items` maximum |
//! | `#[no_setter]` | no generated setter (the type writes its own) |
//! | `name: group!()` | the fields of the [`macro@fields`] group `group`, pasted here (any declaration kind) |
//!
//! A field's rules run in this order: `#[user_id]`, `#[check]` fns, `#[limit]`s, then the rules
//! of the values inside it.
//!
//! A field whose type is not `Option<..>` and has no serde `default` is an argument of the
//! generated `new`, in declaration order; every other field gets a setter named after it.
//! `String` arguments take `impl Into<String>`, lists take `impl IntoIterator<Item = impl
//! Into<T>>`, other types are taken as they are.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Ts;
use quote::{format_ident, quote};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{
    parse_macro_input, parse_quote, Attribute, Expr, ExprPath, Field, Fields, Ident, ItemStruct,
    LitStr, Token, Type,
};

/// Declares an endpoint: its request struct with the endpoint's facts.
///
/// ```text
/// #[endpoint(
///     path = "sns/black_list_add",
///     summary = "Add accounts to an account's blocklist",
///     doc = "https://intl.cloud.tencent.com/document/product/1047/34911",
///     idempotency = Idempotent,          // Idempotent | NotIdempotent | DedupKeyed
///     response = SnsBatchResponse,
///     // optional: rate = 200 (calls/s, the documented default), page_items = "BlackListItem",
///     // next_page = fn(&Self, &Response) -> Option<Self>, retry_safe = fn(&Self) -> bool,
///     // validate = fn(&Self, &Path) -> Result<(), ValidationError>, no_new
/// )]
/// pub struct BlocklistAdd { .. }
/// ```
///
/// The area and method come from the endpoint's line in `for_each_endpoint!`, the one list of
/// endpoints; a declared endpoint missing there does not compile.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = parse_macro_input!(item as ItemStruct);
    if let Some(out) = include_first("endpoint", &args, &item) {
        return out;
    }
    expand(Kind::Endpoint, args.into(), item).unwrap_or_else(|e| e.to_compile_error().into())
}

/// Declares a structured value the SDK sends (an item of a request list): strict decoding,
/// validation of its fields, a constructor and setters.
#[proc_macro_attribute]
pub fn payload(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = parse_macro_input!(item as ItemStruct);
    if let Some(out) = include_first("payload", &args, &item) {
        return out;
    }
    expand(Kind::Payload, args.into(), item).unwrap_or_else(|e| e.to_compile_error().into())
}

/// Declares a response (`#[response]`) or a value inside one (`#[response(item)]`): every field
/// decoded leniently (numbers as strings, `null` lists, unknown enum values), unknown fields
/// kept in `extra`, and, for a response, the status fields and the merge of split calls
/// (`#[merge]` on the list fields to concatenate, or `merge = fn(Self, Vec<Self>) -> Self`;
/// `all_failed = fn(&ApiError) -> Option<Self>`).
#[proc_macro_attribute]
pub fn response(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = parse_macro_input!(item as ItemStruct);
    if let Some(out) = include_first("response", &args, &item) {
        return out;
    }
    expand_response(args.into(), item).unwrap_or_else(|e| e.to_compile_error().into())
}

/// Declares a group of fields that several declarations share, in one place: the fields with
/// their attributes (wire name, limits, checks, docs), named so that a declaration includes
/// them with a field written `name: group!()`.
///
/// ```text
/// fields! {
///     /// The group a request is about (`GroupId`).
///     pub(crate) group_id {
///         /// The group.
///         #[serde(rename = "GroupId")]
///         #[limit(crate::api::group::GROUP_ID)]
///         pub group_id: String,
///     }
/// }
///
/// #[endpoint(..)]
/// pub struct DestroyGroup {
///     /// The group to disband.          // optional: replaces the one field's doc
///     pub group_id: group_id!(),
/// }
/// ```
///
/// The group becomes a `macro_rules!` macro of that name (`pub(crate)` adds a
/// `pub(crate) use`, so other modules import it like any item). An include is replaced by the
/// group's fields at its place, so the serialization order and the order of `new`'s arguments
/// are those of the expanded struct. Paths inside a group resolve where it is included: write
/// them from the crate root. An include of a one-field group must use that field's name and may
/// carry a doc comment, which replaces the field's; a group of several fields takes no doc
/// there (the included fields keep theirs). Groups may include groups.
#[proc_macro]
pub fn fields(input: TokenStream) -> TokenStream {
    define_fields(input.into()).unwrap_or_else(|e| e.to_compile_error().into())
}

/// The second half of an include (see [`macro@fields`]), called by the group's `macro_rules!`:
/// `{ fields } item`, where the item's first field of a macro type is replaced by the fields.
#[doc(hidden)]
#[proc_macro]
pub fn include_fields(input: TokenStream) -> TokenStream {
    paste_fields(input.into()).unwrap_or_else(|e| e.to_compile_error().into())
}

fn define_fields(input: Ts) -> syn::Result<TokenStream> {
    let parser = |stream: syn::parse::ParseStream| -> syn::Result<Ts> {
        let attrs = stream.call(Attribute::parse_outer)?;
        let vis: syn::Visibility = stream.parse()?;
        let name: Ident = stream.parse()?;
        let body;
        syn::braced!(body in stream);
        let fields: Punctuated<Field, Token![,]> =
            body.parse_terminated(Field::parse_named, Token![,])?;
        if fields.is_empty() {
            return Err(syn::Error::new_spanned(&name, "a field group has fields"));
        }
        let reexport = match vis {
            syn::Visibility::Inherited => quote!(),
            vis => quote!(#[allow(unused_imports)] #vis use #name;),
        };
        let d = quote!($);
        Ok(quote! {
            #( #attrs )*
            #[allow(unused_macros)]
            macro_rules! #name {
                (#d (#d item:tt)*) => {
                    ::chatadmin_core::declare::include_fields! { { #fields } #d (#d item)* }
                };
            }
            #reexport
        })
    };
    Ok(parser.parse2(input)?.into())
}

/// The include fields of `item`: fields whose type is a macro call (`name: group!()`).
fn include_marker(item: &ItemStruct) -> Option<(usize, &syn::TypeMacro)> {
    let Fields::Named(named) = &item.fields else {
        return None;
    };
    named
        .named
        .iter()
        .enumerate()
        .find_map(|(i, f)| match &f.ty {
            Type::Macro(m) => Some((i, m)),
            _ => None,
        })
}

/// When `item` includes a field group, the call of that group's macro that pastes it in and
/// applies `#[kind(args)]` again (which expands the next include, or the declaration).
fn include_first(kind: &str, args: &TokenStream, item: &ItemStruct) -> Option<TokenStream> {
    let (_, m) = include_marker(item)?;
    let path = &m.mac.path;
    let kind = format_ident!("{kind}");
    let args: Ts = args.clone().into();
    Some(quote!(#path! { #[::chatadmin_core::declare::#kind(#args)] #item }).into())
}

fn paste_fields(input: Ts) -> syn::Result<TokenStream> {
    let parser = |stream: syn::parse::ParseStream| -> syn::Result<(Vec<Field>, ItemStruct)> {
        let body;
        syn::braced!(body in stream);
        let fields: Punctuated<Field, Token![,]> =
            body.parse_terminated(Field::parse_named, Token![,])?;
        Ok((fields.into_iter().collect(), stream.parse()?))
    };
    let (mut fields, mut item) = parser.parse2(input)?;
    let Some((at, _)) = include_marker(&item) else {
        return Err(syn::Error::new_spanned(&item, "no field group to include"));
    };
    let Fields::Named(named) = &mut item.fields else {
        return Err(syn::Error::new_spanned(
            &item,
            "a declaration has named fields",
        ));
    };
    let marker = named.named[at].clone();
    let docs: Vec<Attribute> = marker
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .cloned()
        .collect();
    if let Some(other) = marker.attrs.iter().find(|a| !a.path().is_ident("doc")) {
        return Err(syn::Error::new_spanned(
            other,
            "an included field group takes only a doc comment",
        ));
    }
    if let [only] = fields.as_mut_slice() {
        if only.ident != marker.ident {
            return Err(syn::Error::new_spanned(
                &marker.ident,
                format!(
                    "this group's one field is `{}`: include it under that name",
                    only.ident
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                ),
            ));
        }
        if !docs.is_empty() {
            only.attrs.retain(|a| !a.path().is_ident("doc"));
            let rest = std::mem::take(&mut only.attrs);
            only.attrs = docs;
            only.attrs.extend(rest);
        }
    } else if !docs.is_empty() {
        return Err(syn::Error::new_spanned(
            &marker.ident,
            "a group of several fields takes no doc comment where it is included",
        ));
    }
    let mut all: Punctuated<Field, Token![,]> = Punctuated::new();
    for (i, f) in std::mem::take(&mut named.named).into_iter().enumerate() {
        if i == at {
            all.extend(fields.drain(..));
        } else {
            all.push(f);
        }
    }
    named.named = all;
    Ok(quote!(#item).into())
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Endpoint,
    Payload,
}

// ---------------------------------------------------------------------------------------------
// Reading attributes
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct SerdeInfo {
    rename: Option<String>,
    default: Option<Option<ExprPath>>,
    skip_serializing_if: bool,
    deserialize_with: bool,
    flatten: bool,
}

fn skip_meta(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: Ts = content.parse()?;
    }
    Ok(())
}

fn serde_info(attrs: &[Attribute]) -> syn::Result<SerdeInfo> {
    let mut info = SerdeInfo::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") && meta.input.peek(Token![=]) {
                let s: LitStr = meta.value()?.parse()?;
                info.rename = Some(s.value());
            } else if p.is_ident("default") {
                if meta.input.peek(Token![=]) {
                    let s: LitStr = meta.value()?.parse()?;
                    info.default = Some(Some(s.parse()?));
                } else {
                    info.default = Some(None);
                }
            } else if p.is_ident("skip_serializing_if") {
                info.skip_serializing_if = true;
                skip_meta(&meta)?;
            } else if p.is_ident("deserialize_with") || p.is_ident("with") {
                info.deserialize_with = true;
                skip_meta(&meta)?;
            } else if p.is_ident("flatten") {
                info.flatten = true;
            } else {
                skip_meta(&meta)?;
            }
            Ok(())
        })?;
    }
    Ok(info)
}

/// One `#[limit(..)]`: the expression of the `Limit` and whether it applies to each item.
struct LimitDecl {
    each: bool,
    /// Only listed in the limit table: a `#[check]` or `validate` fn enforces it (where the
    /// error must say more than the limit, such as which tag a value belongs to).
    listed: bool,
    expr: Ts,
}

fn parse_kind(meta: &ParseNestedMeta, kind: &str) -> syn::Result<Ts> {
    let mut min: Option<Expr> = None;
    let mut max: Option<Expr> = None;
    meta.parse_nested_meta(|m| {
        if m.path.is_ident("min") {
            min = Some(m.value()?.parse()?);
        } else if m.path.is_ident("max") {
            max = Some(m.value()?.parse()?);
        } else {
            return Err(m.error("expected `min` or `max`"));
        }
        Ok(())
    })?;
    let Some(max) = max else {
        return Err(meta.error("a limit needs `max`"));
    };
    Ok(match kind {
        "items" => {
            let min = min.map_or(quote!(1), |m| quote!(#m));
            quote!(::chatadmin_core::validate::LimitKind::Items { min: #min, max: #max })
        }
        "bytes" => {
            let min = min.map_or(quote!(1), |m| quote!(#m));
            quote!(::chatadmin_core::validate::LimitKind::Bytes { min: #min, max: #max })
        }
        _ => {
            let Some(min) = min else {
                return Err(meta.error("a range needs `min`"));
            };
            quote!(::chatadmin_core::validate::LimitKind::Range { min: #min, max: #max })
        }
    })
}

fn parse_limit(attr: &Attribute) -> syn::Result<LimitDecl> {
    let mut each = false;
    let mut listed = false;
    let mut kind: Option<Ts> = None;
    let mut constant: Option<syn::Path> = None;
    let mut source: Option<Expr> = None;
    fn one(
        meta: &ParseNestedMeta,
        kind: &mut Option<Ts>,
        constant: &mut Option<syn::Path>,
    ) -> syn::Result<bool> {
        for k in ["items", "bytes", "range"] {
            if meta.path.is_ident(k) {
                *kind = Some(parse_kind(meta, k)?);
                return Ok(true);
            }
        }
        if meta.input.is_empty() || meta.input.peek(Token![,]) {
            *constant = Some(meta.path.clone());
            return Ok(true);
        }
        Ok(false)
    }
    attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("source") {
            source = Some(meta.value()?.parse()?);
            return Ok(());
        }
        if meta.path.is_ident("listed") {
            listed = true;
            return Ok(());
        }
        if meta.path.is_ident("each") {
            each = true;
            return meta.parse_nested_meta(|m| {
                if one(&m, &mut kind, &mut constant)? {
                    Ok(())
                } else {
                    Err(m.error("expected items(..), bytes(..), range(..) or a Limit constant"))
                }
            });
        }
        if one(&meta, &mut kind, &mut constant)? {
            Ok(())
        } else {
            Err(meta.error(
                "expected items(..), bytes(..), range(..), each(..), source or a Limit constant",
            ))
        }
    })?;
    let expr = match (kind, constant) {
        (Some(kind), None) => {
            let Some(source) = source else {
                return Err(syn::Error::new_spanned(
                    attr,
                    "an inline limit needs `source = \"where the number is documented\"`",
                ));
            };
            quote!(::chatadmin_core::validate::Limit { field: "", kind: #kind, source: #source })
        }
        (None, Some(c)) => {
            if source.is_some() {
                return Err(syn::Error::new_spanned(
                    attr,
                    "a Limit constant carries its own source",
                ));
            }
            quote!(#c)
        }
        _ => return Err(syn::Error::new_spanned(attr, "one limit per #[limit(..)]")),
    };
    Ok(LimitDecl { each, listed, expr })
}

/// What the macros read from one field.
struct FieldDecl {
    ident: Ident,
    ty: Type,
    wire: String,
    serde: SerdeInfo,
    docs: Vec<Attribute>,
    limits: Vec<LimitDecl>,
    user_id: bool,
    checks: Vec<syn::Path>,
    split: bool,
    no_setter: bool,
    merge: bool,
}

const OUR_FIELD_ATTRS: &[&str] = &["limit", "user_id", "check", "split", "no_setter", "merge"];

fn read_field(f: &mut Field) -> syn::Result<FieldDecl> {
    let ident = f
        .ident
        .clone()
        .ok_or_else(|| syn::Error::new_spanned(&*f, "fields must be named"))?;
    let serde = serde_info(&f.attrs)?;
    let mut d = FieldDecl {
        wire: serde.rename.clone().unwrap_or_else(|| ident.to_string()),
        ident,
        ty: f.ty.clone(),
        serde,
        docs: f
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .cloned()
            .collect(),
        limits: Vec::new(),
        user_id: false,
        checks: Vec::new(),
        split: false,
        no_setter: false,
        merge: false,
    };
    for attr in &f.attrs {
        let p = attr.path();
        if p.is_ident("limit") {
            d.limits.push(parse_limit(attr)?);
        } else if p.is_ident("user_id") {
            d.user_id = true;
        } else if p.is_ident("check") {
            d.checks.push(attr.parse_args()?);
        } else if p.is_ident("split") {
            d.split = true;
        } else if p.is_ident("no_setter") {
            d.no_setter = true;
        } else if p.is_ident("merge") {
            d.merge = true;
        }
    }
    f.attrs
        .retain(|a| !OUR_FIELD_ATTRS.iter().any(|n| a.path().is_ident(n)));
    Ok(d)
}

/// `Some(inner)` when `ty` is written `Option<inner>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    generic_inner(ty, "Option")
}

fn generic_inner<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

fn is_ident_type(ty: &Type, names: &[&str]) -> bool {
    let Type::Path(tp) = ty else { return false };
    tp.path
        .segments
        .last()
        .is_some_and(|s| s.arguments.is_none() && names.iter().any(|n| s.ident == n))
}

const PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "usize", "isize",
];

/// A parameter type for a value of `ty` and the expression that turns parameter `v` into it.
fn param(ty: &Type, v: &Ident) -> (Ts, Ts) {
    if is_ident_type(ty, &["String", "Value"]) {
        return (quote!(impl ::core::convert::Into<#ty>), quote!(#v.into()));
    }
    if let Some(item) = generic_inner(ty, "Vec") {
        if is_ident_type(item, PRIMITIVES) {
            return (
                quote!(impl ::core::iter::IntoIterator<Item = #item>),
                quote!(#v.into_iter().collect()),
            );
        }
        return (
            quote!(impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#item>>),
            quote!(#v.into_iter().map(::core::convert::Into::into).collect()),
        );
    }
    (quote!(#ty), quote!(#v))
}

// ---------------------------------------------------------------------------------------------
// Requests and payloads
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct EndpointArgs {
    path: Option<LitStr>,
    summary: Option<LitStr>,
    doc: Option<LitStr>,
    rate: Option<Expr>,
    idempotency: Option<Ident>,
    response: Option<Type>,
    page_items: Option<LitStr>,
    next_page: Option<syn::Path>,
    retry_safe: Option<syn::Path>,
    validate: Option<syn::Path>,
    no_new: bool,
}

fn parse_args(args: Ts) -> syn::Result<EndpointArgs> {
    let mut a = EndpointArgs::default();
    let parser = syn::meta::parser(|meta| {
        let p = &meta.path;
        if p.is_ident("path") {
            a.path = Some(meta.value()?.parse()?);
        } else if p.is_ident("summary") {
            a.summary = Some(meta.value()?.parse()?);
        } else if p.is_ident("doc") {
            a.doc = Some(meta.value()?.parse()?);
        } else if p.is_ident("rate") {
            a.rate = Some(meta.value()?.parse()?);
        } else if p.is_ident("idempotency") {
            a.idempotency = Some(meta.value()?.parse()?);
        } else if p.is_ident("response") {
            a.response = Some(meta.value()?.parse()?);
        } else if p.is_ident("page_items") {
            a.page_items = Some(meta.value()?.parse()?);
        } else if p.is_ident("next_page") {
            a.next_page = Some(meta.value()?.parse()?);
        } else if p.is_ident("retry_safe") {
            a.retry_safe = Some(meta.value()?.parse()?);
        } else if p.is_ident("validate") {
            a.validate = Some(meta.value()?.parse()?);
        } else if p.is_ident("no_new") {
            a.no_new = true;
        } else {
            return Err(meta.error("unknown argument"));
        }
        Ok(())
    });
    parser.parse2(args)?;
    Ok(a)
}

fn expand(kind: Kind, args: Ts, mut item: ItemStruct) -> syn::Result<TokenStream> {
    let args = parse_args(args)?;
    let name = item.ident.clone();
    let Fields::Named(named) = &mut item.fields else {
        return Err(syn::Error::new_spanned(
            &item,
            "a declaration has named fields",
        ));
    };
    let mut fields = Vec::new();
    for f in named.named.iter_mut() {
        let d = read_field(f)?;
        if option_inner(&d.ty).is_some() && !d.serde.skip_serializing_if {
            f.attrs
                .push(parse_quote!(#[serde(skip_serializing_if = "Option::is_none")]));
        }
        fields.push(d);
    }
    item.attrs.push(parse_quote!(
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
    ));
    item.attrs.push(parse_quote!(#[serde(deny_unknown_fields)]));

    let validate_body = fields.iter().map(field_validation);
    let limit_body = fields.iter().map(field_limits);
    let extra_validate = args.validate.as_ref().map(|f| quote!(#f(self, at)?;));
    let ctor = if args.no_new {
        quote!()
    } else {
        constructor(&name, &fields)
    };
    let setters = fields.iter().filter_map(setter);

    let mut out = quote! {
        #item

        impl ::chatadmin_core::validate::Validate for #name {
            fn validate_at(
                &self,
                at: &::chatadmin_core::validate::Path<'_>,
            ) -> ::core::result::Result<(), ::chatadmin_core::error::ValidationError> {
                #( #validate_body )*
                #extra_validate
                ::core::result::Result::Ok(())
            }

            fn collect_limits(prefix: &str, out: &mut ::std::vec::Vec<::chatadmin_core::validate::Limit>) {
                #( #limit_body )*
            }
        }

        impl #name {
            #ctor
            #( #setters )*
        }
    };
    if kind == Kind::Endpoint {
        out.extend(endpoint_impl(&name, &args, &fields)?);
    } else if args.path.is_some() || args.response.is_some() {
        return Err(syn::Error::new_spanned(
            &name,
            "endpoint facts belong in #[endpoint(..)]",
        ));
    }
    Ok(out.into())
}

fn field_validation(f: &FieldDecl) -> Ts {
    let ident = &f.ident;
    let wire = &f.wire;
    let user_id = f
        .user_id
        .then(|| quote!(::chatadmin_core::validate::UserIds::check_user_ids(&self.#ident, &at)?;));
    let limits = f.limits.iter().filter(|l| !l.listed).map(|l| {
        let e = &l.expr;
        if l.each {
            quote!(::chatadmin_core::validate::CheckedEach::check_each(&self.#ident, &#e, &at)?;)
        } else {
            quote!(::chatadmin_core::validate::Checked::check_limit(&self.#ident, &#e, &at)?;)
        }
    });
    let checks = f.checks.iter().map(|c| {
        if option_inner(&f.ty).is_some() {
            quote!(if let ::core::option::Option::Some(v) = &self.#ident { #c(v, &at)?; })
        } else {
            quote!(#c(&self.#ident, &at)?;)
        }
    });
    quote! {
        {
            let at = at.field(#wire);
            #user_id
            #( #checks )*
            #( #limits )*
            ::chatadmin_core::validate::Validate::validate_at(&self.#ident, &at)?;
        }
    }
}

fn field_limits(f: &FieldDecl) -> Ts {
    let wire = &f.wire;
    let ty = &f.ty;
    let user_id = f
        .user_id
        .then(|| quote!(<#ty as ::chatadmin_core::validate::UserIds>::user_id_limit(&path, out);));
    let limits = f.limits.iter().map(|l| {
        let e = &l.expr;
        if l.each {
            quote!(out.push((#e).labeled(&::std::format!("{path}[]")));)
        } else {
            quote!(out.push((#e).labeled(&path));)
        }
    });
    quote! {
        {
            let path = ::chatadmin_core::validate::join(prefix, #wire);
            #( #limits )*
            #user_id
            <#ty as ::chatadmin_core::validate::Validate>::collect_limits(&path, out);
        }
    }
}

fn is_required(f: &FieldDecl) -> bool {
    option_inner(&f.ty).is_none() && f.serde.default.is_none()
}

fn constructor(name: &Ident, fields: &[FieldDecl]) -> Ts {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut names = Vec::new();
    for f in fields {
        let ident = &f.ident;
        if is_required(f) {
            let (pty, conv) = param(&f.ty, ident);
            params.push(quote!(#ident: #pty));
            inits.push(quote!(#ident: #conv));
            names.push(format!("`{}`", f.wire));
        } else if option_inner(&f.ty).is_some() {
            inits.push(quote!(#ident: ::core::option::Option::None));
        } else {
            match &f.serde.default {
                Some(Some(path)) => inits.push(quote!(#ident: #path())),
                _ => inits.push(quote!(#ident: ::core::default::Default::default())),
            }
        }
    }
    let doc = if names.is_empty() {
        format!("A `{name}` with every field at its default.")
    } else {
        format!(
            "A `{name}` from its required fields ({}); the others are left out or at their \
             defaults, and have setters.",
            names.join(", ")
        )
    };
    quote! {
        #[doc = #doc]
        #[allow(clippy::new_without_default, clippy::too_many_arguments)]
        pub fn new(#( #params ),*) -> Self {
            #name { #( #inits ),* }
        }
    }
}

fn setter(f: &FieldDecl) -> Option<Ts> {
    if f.no_setter || is_required(f) {
        return None;
    }
    let ident = &f.ident;
    let docs = &f.docs;
    let v = format_ident!("value");
    let body = if let Some(inner) = option_inner(&f.ty) {
        let (pty, conv) = param(inner, &v);
        quote!((mut self, #v: #pty) -> Self { self.#ident = ::core::option::Option::Some(#conv); self })
    } else {
        let (pty, conv) = param(&f.ty, &v);
        quote!((mut self, #v: #pty) -> Self { self.#ident = #conv; self })
    };
    let note = format!("Sets `{}`.", f.wire);
    Some(quote! {
        #( #docs )*
        #[doc = ""]
        #[doc = #note]
        pub fn #ident #body
    })
}

fn endpoint_impl(name: &Ident, a: &EndpointArgs, fields: &[FieldDecl]) -> syn::Result<Ts> {
    let need = |what: &str| syn::Error::new_spanned(name, format!("#[endpoint] needs `{what}`"));
    let path = a.path.as_ref().ok_or_else(|| need("path"))?;
    let summary = a.summary.as_ref().ok_or_else(|| need("summary"))?;
    let doc = a.doc.as_ref().ok_or_else(|| need("doc"))?;
    let idem = a.idempotency.as_ref().ok_or_else(|| need("idempotency"))?;
    let resp = a.response.as_ref().ok_or_else(|| need("response"))?;
    let rate = a.rate.as_ref().map_or(quote!(200), |r| quote!(#r));

    let splits: Vec<&FieldDecl> = fields.iter().filter(|f| f.split).collect();
    if splits.len() > 1 {
        return Err(syn::Error::new_spanned(
            &splits[1].ident,
            "one #[split] field per endpoint",
        ));
    }
    let (split_field, split_fn) = match splits.first() {
        None => (quote!(::core::option::Option::None), quote!()),
        Some(f) => {
            let Some(limit) = f.limits.iter().find(|l| !l.each) else {
                return Err(syn::Error::new_spanned(
                    &f.ident,
                    "a #[split] field needs an items #[limit] (the size of the parts)",
                ));
            };
            let ident = &f.ident;
            let wire = &f.wire;
            let e = &limit.expr;
            let rest = (fields.len() > 1).then(|| quote!(..::core::clone::Clone::clone(self)));
            (
                quote!(::core::option::Option::Some(#wire)),
                quote! {
                    fn split(&self) -> ::core::option::Option<::std::vec::Vec<Self>> {
                        ::chatadmin_core::endpoint::split_list(
                            &self.#ident,
                            (#e).max_items()?,
                            |part| #name { #ident: part, #rest },
                        )
                    }
                },
            )
        }
    };
    let page_items = a
        .page_items
        .as_ref()
        .map(|p| quote!(const PAGE_ITEMS: ::core::option::Option<&'static str> = ::core::option::Option::Some(#p);));
    let next_page = a.next_page.as_ref().map(|f| {
        quote! {
            fn next_page(&self, resp: &#resp) -> ::core::option::Option<Self> { #f(self, resp) }
        }
    });
    let retry_safe = a
        .retry_safe
        .as_ref()
        .map(|f| quote!(fn retry_safe(&self) -> bool { #f(self) }));

    Ok(quote! {
        impl #name {
            #[doc(hidden)]
            pub fn __chatadmin_limits() -> &'static [::chatadmin_core::validate::Limit] {
                static LIMITS: ::std::sync::OnceLock<::std::vec::Vec<::chatadmin_core::validate::Limit>> =
                    ::std::sync::OnceLock::new();
                LIMITS.get_or_init(|| {
                    let mut out = ::std::vec::Vec::new();
                    <Self as ::chatadmin_core::validate::Validate>::collect_limits("", &mut out);
                    out
                })
            }
        }

        impl ::chatadmin_core::endpoint::ApiRequest for #name {
            type Response = #resp;
            const META: &'static ::chatadmin_core::endpoint::EndpointMeta =
                &::chatadmin_core::endpoint::EndpointMeta {
                    path: #path,
                    area: <#name as ::chatadmin_core::registry::Listed>::AREA,
                    method: <#name as ::chatadmin_core::registry::Listed>::METHOD,
                    summary: #summary,
                    doc_url: #doc,
                    rate_limit_per_sec: #rate,
                    idempotency: ::chatadmin_core::endpoint::Idempotency::#idem,
                    limit_table: #name::__chatadmin_limits,
                    split_field: #split_field,
                };
            #page_items

            fn validate(&self) -> ::core::result::Result<(), ::chatadmin_core::error::ValidationError> {
                ::chatadmin_core::validate::Validate::validate_at(self, &::chatadmin_core::validate::Path::Root)
            }

            #split_fn
            #next_page
            #retry_safe
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

fn expand_response(args: Ts, mut item: ItemStruct) -> syn::Result<TokenStream> {
    let mut is_item = false;
    let mut merge_fn: Option<syn::Path> = None;
    let mut all_failed: Option<syn::Path> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("item") {
            is_item = true;
        } else if meta.path.is_ident("merge") {
            merge_fn = Some(meta.value()?.parse()?);
        } else if meta.path.is_ident("all_failed") {
            all_failed = Some(meta.value()?.parse()?);
        } else {
            return Err(meta.error("expected `item`, `merge = fn` or `all_failed = fn`"));
        }
        Ok(())
    });
    parser.parse2(args)?;
    let name = item.ident.clone();
    let Fields::Named(named) = &mut item.fields else {
        return Err(syn::Error::new_spanned(
            &item,
            "a response has named fields",
        ));
    };
    let mut merged = Vec::new();
    let mut described: Vec<Ts> = Vec::new();
    let mut has_status = false;
    let mut has_extra = false;
    for f in named.named.iter_mut() {
        let d = read_field(f)?;
        if d.ident == "status" {
            has_status = true;
        }
        if d.ident == "extra" {
            has_extra = true;
        }
        if d.merge {
            merged.push(d.ident.clone());
        }
        let ty = &d.ty;
        if d.serde.flatten {
            if d.ident != "extra" {
                described.push(quote!(("", <#ty as ::chatadmin_core::schema::Describe>::shape())));
            }
            continue;
        }
        let wire = &d.wire;
        described.push(quote!((#wire, <#ty as ::chatadmin_core::schema::Describe>::shape())));
        if !d.serde.deserialize_with {
            f.attrs.push(parse_quote!(
                #[serde(default, deserialize_with = "::chatadmin_core::lenient::field")]
            ));
        }
        if option_inner(&d.ty).is_some() && !d.serde.skip_serializing_if {
            f.attrs
                .push(parse_quote!(#[serde(skip_serializing_if = "Option::is_none")]));
        }
    }
    if !is_item && !has_status {
        let status: Field = Field::parse_named.parse2(quote! {
            /// Status fields: `ActionStatus`, `ErrorCode`, `ErrorInfo`, `ErrorDisplay`.
            #[serde(flatten)]
            pub status: ::chatadmin_core::envelope::ResponseStatus
        })?;
        described.insert(
            0,
            quote!(("", <::chatadmin_core::envelope::ResponseStatus as ::chatadmin_core::schema::Describe>::shape())),
        );
        let mut all: Punctuated<Field, Token![,]> = Punctuated::new();
        all.push(status);
        all.extend(std::mem::take(&mut named.named));
        named.named = all;
    }
    if !has_extra {
        named.named.push(Field::parse_named.parse2(quote! {
            /// Fields this version of chatadmin does not know, kept as sent.
            #[serde(flatten)]
            pub extra: ::chatadmin_core::api::common::Extra
        })?);
    }
    item.attrs.push(parse_quote!(
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
    ));

    let lenient = quote! {
        impl ::chatadmin_core::lenient::Lenient for #name {
            fn lenient<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                <Self as ::serde::Deserialize>::deserialize(d)
            }
        }

        impl ::chatadmin_core::schema::Describe for #name {
            fn shape() -> ::chatadmin_core::schema::Shape {
                ::chatadmin_core::schema::describe_struct(
                    ::core::stringify!(#name),
                    ::std::vec![#( #described ),*],
                )
            }
        }
    };
    if is_item {
        if !merged.is_empty() || merge_fn.is_some() || all_failed.is_some() {
            return Err(syn::Error::new_spanned(
                &name,
                "merges belong to a whole response",
            ));
        }
        return Ok(quote!(#item #lenient).into());
    }
    let merge = match (merge_fn, merged.is_empty()) {
        (Some(f), true) => quote! {
            fn merge(first: Self, rest: ::std::vec::Vec<Self>) -> Self { #f(first, rest) }
        },
        (None, false) => quote! {
            fn merge(mut first: Self, rest: ::std::vec::Vec<Self>) -> Self {
                for r in rest {
                    #( first.#merged.extend(r.#merged); )*
                }
                first
            }
        },
        (None, true) => quote!(),
        (Some(_), false) => {
            return Err(syn::Error::new_spanned(
                &name,
                "either #[merge] fields or `merge = fn`",
            ))
        }
    };
    let all_failed = all_failed.map(|f| {
        quote! {
            fn from_all_items_failed(e: &::chatadmin_core::error::ApiError) -> ::core::option::Option<Self> { #f(e) }
        }
    });
    Ok(quote! {
        #item
        #lenient
        impl ::chatadmin_core::endpoint::ApiResponse for #name {
            fn status(&self) -> &::chatadmin_core::envelope::ResponseStatus { &self.status }
            #merge
            #all_failed
        }
    }
    .into())
}
