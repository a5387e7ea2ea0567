//! Issue 10, the fidelity audit: where the pages disagree or say nothing, the choice recorded in
//! docs/SPEC-NOTES.md ("Fidelity audit (issue 10)"), and what core must do about it.
//!
//! Tests marked `//! endpoint declarations (crates/chatadmin-core/src/api/*) must give; they fail until then.

use chatadmin_core::api::friend::{AddFriendItem, FriendAdd, FriendDelete};
use chatadmin_core::api::friend_list::FriendListGet;
use chatadmin_core::api::login_state::QueryOnlineStatus;
use chatadmin_core::registry::{self, parse_request};
use chatadmin_core::schema::{request_schema, Shape, StructSchema};
use chatadmin_core::validate::LimitKind;
use chatadmin_core::{ApiRequest, Error};
use serde_json::json;

fn field_of(e: Error) -> String {
    match e {
        Error::Validation(v) => v.field,
        other => panic!("expected a validation error, got {other}"),
    }
}

// ---- Item 2: AddSource is required in friend_add -----------------------------------------

/// The pages disagree: the Chinese page marks `AddSource` 必填 and every sample sends it; the
/// English table says "No". We follow the English table (SPEC-NOTES, "AddSource in
/// friend_add"): a missing `AddSource` is sent as it is, a present one must have the documented
/// form (`AddSource_Type_` plus 1 to 8 letters).
#[test]
fn friend_add_sends_add_source_when_given_and_checks_its_form() {
    let body = json!({"From_Account": "alice", "AddFriendItem": [{"To_Account": "bob"}]});
    let req = parse_request::<FriendAdd>(body.clone()).unwrap();
    assert_eq!(registry::encode_request(&req).unwrap(), body);
    let body = json!({"From_Account": "alice",
        "AddFriendItem": [{"To_Account": "bob", "AddSource": "Web"}]});
    let e = parse_request::<FriendAdd>(body).unwrap_err();
    assert_eq!(field_of(e), "AddFriendItem[0].AddSource");
    let schema = request_schema("sns/friend_add").unwrap();
    let item = struct_at(schema, "AddFriendItem[]").unwrap();
    assert!(!item.field("AddSource").unwrap().required);
}

// ---- Item 5: AddWording is at most 256 bytes ---------------------------------------------

/// The friend-field table (cloud.tencent.com/document/product/269/1501, 2025-12; 1047/33521 in
/// Chinese) and the web SDK's AddFriendParams say 256 bytes; 120 bytes is the native client
/// SDK's own cap (V2TIMFriendAddApplication, client error 9003), not the server's.
#[test]
fn add_wording_is_at_most_256_bytes() {
    let item = |w: String| {
        FriendAdd::new(
            "alice",
            [AddFriendItem::new("bob")
                .add_source("AddSource_Type_Web")
                .add_wording(w)],
        )
    };
    assert!(item("w".repeat(256)).validate().is_ok());
    let e = item("w".repeat(257)).validate().unwrap_err();
    assert!(e.field.ends_with("AddWording"), "{e}");
    // 121..=256 bytes pass: the 120-byte client-SDK figure is not applied.
    assert!(item("w".repeat(121)).validate().is_ok());
}

// ---- Items 6 and 9: an empty optional value reads as absent -------------------------------

/// What real clients send for an unset optional field: the generic JSON path reads it as
/// absent (registry::drop_empty_optionals, hooked into registry::parse_request).
#[test]
fn the_generic_path_reads_empty_optionals_as_absent() {
    // tencentcloud-sdk-python-im's add_friend.
    let body = json!({"From_Account": "alice", "AddType": "Add_Type_Both", "ForceAddFlags": 1,
        "AddFriendItem": [{"To_Account": "bob", "Remark": "", "GroupName": "",
                           "AddSource": "AddSource_Type_Web"}]});
    let req = parse_request::<FriendAdd>(body).unwrap();
    assert_eq!(req.add_friend_item[0].group_name, None);
    assert_eq!(req.add_friend_item[0].remark, None);
    let sent = registry::encode_request(&req).unwrap();
    assert_eq!(
        sent["AddFriendItem"][0],
        json!({"To_Account": "bob", "AddSource": "AddSource_Type_Web"})
    );

    // group_get with "GroupName": [] reads every list.
    let req =
        parse_request::<FriendListGet>(json!({"From_Account": "alice", "GroupName": []})).unwrap();
    assert_eq!(req.group_name, None);

    // A required field stays as sent, and still fails.
    let e = parse_request::<FriendDelete>(json!({"From_Account": "", "To_Account": ["bob"]}))
        .unwrap_err();
    assert_eq!(field_of(e), "From_Account");
    // A top-level empty string stays: an empty custom GroupId is refused ("leave it out").
    let e = parse_request::<chatadmin_core::api::group::CreateGroup>(
        json!({"Type": "Public", "Name": "g", "GroupId": ""}),
    )
    .unwrap_err();
    assert_eq!(field_of(e), "GroupId");
    // A body refused either way keeps the error of the body as sent.
    let e =
        parse_request::<chatadmin_core::api::account::MultiAccountImport>(json!({"Accounts": []}))
            .unwrap_err();
    assert_eq!(field_of(e), "Accounts");
    let mut unknown = json!({"X": []});
    assert!(!registry::drop_empty_optionals(
        "sns/no_such_endpoint",
        &mut unknown,
        true
    ));
    assert_eq!(unknown, json!({"X": []}));
}

/// The typed request: `groups([])` is the same as no `GroupName` (the field is optional and
/// the page documents no error for an empty list).
#[test]
fn a_typed_group_get_with_no_names_reads_every_list() {
    let req = FriendListGet::new("alice").groups(Vec::<String>::new());
    req.validate().unwrap();
    let sent = registry::encode_request(&req).unwrap();
    assert_eq!(sent, json!({"From_Account": "alice"}));
}

// ---- Item 7: limit labels name the request's own fields ----------------------------------

/// The struct reached by a limit label prefix such as `AddFriendItem[]` or
/// `UpdateItem[].SnsItem[]`.
fn struct_at<'a>(schema: &'a StructSchema, path: &str) -> Option<&'a StructSchema> {
    let mut cur = schema;
    for seg in path.split('.') {
        let name = seg.strip_suffix("[]").unwrap_or(seg);
        let mut shape = cur.field(name).map(|f| f.shape.unwrap_optional())?;
        if seg.ends_with("[]") {
            match shape {
                Shape::List(items) => shape = items.unwrap_optional(),
                _ => return None,
            }
        }
        match shape {
            Shape::Struct(s) => cur = s,
            _ => return None,
        }
    }
    Some(cur)
}

/// The shape a label such as `AddFriendItem[].GroupName[]` names (a trailing `[]`: each item
/// of a list). Anything after a space is a qualifier (`UpdateItem[].SnsItem[].Value
/// (Tag_SNS_IM_Remark)`) and is ignored.
fn shape_at<'a>(schema: &'a StructSchema, label: &str) -> Option<&'a Shape> {
    let path = label.split(' ').next().unwrap_or(label);
    let (parent, last) = match path.rsplit_once('.') {
        Some((p, l)) => (struct_at(schema, p)?, l),
        None => (schema, path),
    };
    let name = last.strip_suffix("[]").unwrap_or(last);
    let shape = parent.field(name)?.shape.unwrap_optional();
    if last.ends_with("[]") {
        match shape {
            Shape::List(items) => Some(items.unwrap_optional()),
            _ => None,
        }
    } else {
        Some(shape)
    }
}

/// Whether a limit of this kind can apply to a value of this shape. A bytes limit on a list of
/// untyped values measures its JSON (`MsgBody`: at most 12 KB).
fn fits(kind: &LimitKind, shape: &Shape) -> bool {
    if let (LimitKind::Bytes { .. }, Shape::List(items)) = (kind, shape) {
        return **items == Shape::Any;
    }
    matches!(
        (kind, shape),
        (_, Shape::Any)
            | (LimitKind::Items { .. }, Shape::List(_))
            | (LimitKind::Bytes { .. }, Shape::String | Shape::Enum(_))
            | (LimitKind::Range { .. }, Shape::Integer { .. })
    )
}

fn kind_name(k: &LimitKind) -> &'static str {
    match k {
        LimitKind::Items { .. } => "items",
        LimitKind::Bytes { .. } => "bytes",
        LimitKind::Range { .. } => "range",
    }
}

/// What `api list --json` and the C and Python catalogs print: every limit is labelled with
/// the path of a field of that endpoint's request whose shape the limit fits (a byte limit on
/// each name of a list is `GroupName[]`), and no label repeats (a qualifier after a space tells
/// apart limits on one field, e.g. `UpdateItem[].SnsItem[].Value (Tag_SNS_IM_Remark)`). Today
/// `friend_update`'s limits say `AddFriendItem[]...`, `friend_import` lists
/// `AddFriendItem[].GroupName` twice (count and bytes), and the 32-byte ID limit says `UserID`
/// on `query_online_status`, `portrait_get` and `portrait_set`.
#[test]
fn every_limit_label_names_a_field_of_its_request() {
    let mut wrong = Vec::new();
    for ep in registry::all() {
        let meta = ep.meta();
        let schema = request_schema(meta.path).expect("traced");
        let mut seen = std::collections::HashSet::new();
        for l in meta.limits() {
            match shape_at(schema, l.field) {
                None => wrong.push(format!(
                    "{}: `{}` is no field of the request",
                    meta.path, l.field
                )),
                // The 12 KB of a message measures the JSON of its `MsgBody` list.
                Some(Shape::List(_))
                    if matches!(l.kind, LimitKind::Bytes { .. })
                        && l.field.ends_with("MsgBody") => {}
                Some(shape) if !fits(&l.kind, shape) => wrong.push(format!(
                    "{}: a {} limit cannot apply to `{}` ({})",
                    meta.path,
                    kind_name(&l.kind),
                    l.field,
                    shape.to_json()
                )),
                Some(_) => {}
            }
            if !seen.insert(l.field) {
                wrong.push(format!("{}: `{}` is listed twice", meta.path, l.field));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ---- Item 8: the 32-byte user ID rule on every account field -------------------------------

/// Recorded choice: every account field is 1 to 32 bytes (usage limits page 1047/34381:
/// "UserID ... up to 32 bytes"; error 7003; the two import pages). An ID that long names no
/// account, so it is refused before sending, naming the field.
#[test]
fn every_account_field_is_at_most_32_bytes() {
    let long = "u".repeat(33);
    let e = FriendDelete::new(long.clone(), ["bob"])
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "From_Account");
    let e = FriendDelete::new("alice", ["bob", &long])
        .validate()
        .unwrap_err();
    assert_eq!(e.field, "To_Account[1]");
    let e = QueryOnlineStatus::new(["a", &long]).validate().unwrap_err();
    assert_eq!(e.field, "To_Account[1]");
    assert!(FriendDelete::new("u".repeat(32), ["bob"])
        .validate()
        .is_ok());
}

/// The catalogs show that rule under the fields it applies to.
#[test]
fn the_32_byte_id_limit_is_labelled_with_its_fields() {
    let labels = |meta: &chatadmin_core::EndpointMeta| -> Vec<(String, &'static str)> {
        meta.limits()
            .iter()
            .map(|l| (l.field.to_owned(), kind_name(&l.kind)))
            .collect()
    };
    let del = labels(FriendDelete::META);
    for f in ["From_Account", "To_Account[]"] {
        assert!(del.contains(&(f.to_owned(), "bytes")), "{f}: {del:?}");
    }
    let q = labels(QueryOnlineStatus::META);
    assert!(q.contains(&("To_Account[]".to_owned(), "bytes")), "{q:?}");
    assert!(!q.iter().any(|(f, _)| f == "UserID"), "{q:?}");
}
