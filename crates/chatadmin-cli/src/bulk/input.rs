//! Reading the input (CSV or JSON Lines) into items, shaping them into request parts, and
//! the checks made before anything is sent.

use std::collections::HashMap;
use std::path::Path;

use chatadmin_core::api::profile::{is_profile_tag, standard_kind, ValueKind};
use serde_json::{json, Map, Value};

use super::{text, Format, Item, Job, Kind};
use crate::Failure;

pub(super) fn format_of(path: &Path) -> Result<Format, Failure> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => Ok(Format::Csv),
        Some("jsonl" | "ndjson") => Ok(Format::Jsonl),
        _ => Err(Failure::usage(format!(
            "cannot tell the format of {} from its name: pass --format csv or --format jsonl",
            path.display()
        ))),
    }
}

pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

pub(super) fn rejected(line: u64, echo: Value, why: String) -> Item {
    Item {
        line,
        echo,
        wire: Value::Null,
        group: Value::Null,
        rejected: Some(("invalid", why)),
    }
}

pub(super) fn unshaped(line: u64, echo: Value, fields: Map<String, Value>) -> Item {
    Item {
        line,
        echo,
        wire: Value::Object(fields),
        group: Value::Null,
        rejected: None,
    }
}

/// Reads a CSV file: a header row naming the columns (matched without regard to case), then
/// one item per record. Empty cells are left out of the item.
pub(super) fn read_csv(kind: Kind, bytes: &[u8], path: &Path) -> Result<Vec<Item>, Failure> {
    let mut rd = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(strip_bom(bytes));
    let headers = rd
        .headers()
        .map_err(|e| {
            Failure::usage(format!(
                "{}: cannot read the CSV header: {e}",
                path.display()
            ))
        })?
        .clone();
    let (known, required) = kind.columns();
    let mut columns = Vec::with_capacity(headers.len());
    for h in headers.iter() {
        let h = h.trim();
        let canonical = match known {
            Some(known) => known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(h))
                .map(|k| (*k).to_owned()),
            None if h.eq_ignore_ascii_case("UserID") => Some("UserID".to_owned()),
            None if is_profile_tag(h) => Some(h.to_owned()),
            None => None,
        };
        match canonical {
            Some(c)
                if columns
                    .iter()
                    .any(|x: &Option<String>| x.as_deref() == Some(c.as_str())) =>
            {
                return Err(Failure::usage(format!(
                    "{}: column {c} appears twice",
                    path.display()
                )))
            }
            Some(c) => columns.push(Some(c)),
            None if kind == Kind::Delete => columns.push(None),
            None => {
                let expected = known.map_or_else(
                    || {
                        "UserID and profile tags (Tag_Profile_IM_... or Tag_Profile_Custom_...)"
                            .to_owned()
                    },
                    |k| k.join(", "),
                );
                return Err(Failure::usage(format!(
                    "{}: unknown column {h:?}; the columns are {expected}",
                    path.display()
                )));
            }
        }
    }
    for r in required {
        if !columns.iter().any(|c| c.as_deref() == Some(*r)) {
            return Err(Failure::usage(format!(
                "{}: the header has no {r} column",
                path.display()
            )));
        }
    }
    let mut items = Vec::new();
    for rec in rd.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                items.push(rejected(
                    line,
                    Value::Null,
                    format!("unreadable CSV record: {e}"),
                ));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let echo: Map<String, Value> = headers
            .iter()
            .zip(rec.iter())
            .map(|(h, c)| (h.trim().to_owned(), Value::from(c)))
            .collect();
        if rec.len() != headers.len() {
            let why = format!(
                "the record has {} fields, the header {}",
                rec.len(),
                headers.len()
            );
            items.push(rejected(
                line,
                Value::Array(rec.iter().map(Value::from).collect()),
                why,
            ));
            continue;
        }
        let mut fields = Map::new();
        for (col, cell) in columns.iter().zip(rec.iter()) {
            if let (Some(col), false) = (col, cell.is_empty()) {
                fields.insert(col.clone(), cell_value(kind, col, cell));
            }
        }
        items.push(unshaped(line, Value::Object(echo), fields));
    }
    Ok(items)
}

/// A CSV cell as the JSON value the request needs: numbers for integer profile tags and
/// friend times, a one-name list for `friend_import`'s `GroupName`, text otherwise. A cell
/// that does not parse stays text, so core's validation names it.
pub(super) fn cell_value(kind: Kind, col: &str, cell: &str) -> Value {
    let number = |s: &str| {
        s.trim()
            .parse::<u64>()
            .map_or_else(|_| Value::from(s), Value::from)
    };
    match (kind, col) {
        (Kind::Profile, tag) if standard_kind(tag) == Some(ValueKind::U32) => number(cell),
        (Kind::FriendImport, "RemarkTime" | "AddTime") => number(cell),
        (Kind::FriendImport, "GroupName") => json!([cell]),
        _ => Value::from(cell),
    }
}

/// Reads JSON Lines: one object per non-blank line.
pub(super) fn read_jsonl(bytes: &[u8]) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, raw) in strip_bom(bytes).split(|b| *b == b'\n').enumerate() {
        let line = i as u64 + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Value>(raw) {
            Ok(Value::Object(o)) => items.push(unshaped(line, Value::Object(o.clone()), o)),
            Ok(other) => items.push(rejected(line, other, "not a JSON object".into())),
            Err(e) => {
                let echo = Value::from(String::from_utf8_lossy(raw).into_owned());
                items.push(rejected(line, echo, format!("not valid JSON: {e}")));
            }
        }
    }
    items
}

/// Turns an item's fields into its part of a request.
pub(super) fn shape(job: &Job, it: &mut Item) {
    if it.rejected.is_some() {
        return;
    }
    let Value::Object(mut fields) = std::mem::take(&mut it.wire) else {
        return;
    };
    if let Some(col) = job.kind.group_column() {
        it.group = fields.remove(col).unwrap_or(Value::Null);
    }
    it.wire = match job.kind {
        Kind::ImportMany | Kind::ImportOne => Value::Object(fields),
        Kind::Delete => json!({"UserID": fields.remove("UserID").unwrap_or(Value::Null)}),
        Kind::Profile => fields
            .into_iter()
            .map(|(tag, value)| json!({"Tag": tag, "Value": value}))
            .collect(),
        Kind::FriendAdd | Kind::FriendImport => {
            if let (Some(src), false) = (&job.add_source, fields.contains_key("AddSource")) {
                fields.insert("AddSource".into(), Value::from(src.as_str()));
            }
            Value::Object(fields)
        }
    };
}

/// The list field and batch size, both read from core's declaration of the endpoint.
pub(super) fn choose_batches(job: &mut Job, items: &[Item]) -> Result<(), Failure> {
    job.list_field = match job.kind {
        // The `AccountList` form carries Nick/FaceUrl; the `Accounts` form only IDs.
        Kind::ImportMany => Some(
            if items.iter().any(|i| {
                i.wire
                    .as_object()
                    .is_some_and(|o| o.keys().any(|k| k != "UserID"))
            }) {
                "AccountList"
            } else {
                "Accounts"
            },
        ),
        Kind::Delete => Some("DeleteItem"),
        Kind::FriendAdd | Kind::FriendImport => Some("AddFriendItem"),
        Kind::ImportOne | Kind::Profile => None,
    };
    let meta = job.endpoint.meta();
    job.batch_size = match job.list_field {
        None => 1,
        Some(field) => meta
            .limit(field)
            .and_then(|l| l.max_items())
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                Failure::invalid(format!(
                    "internal: {} declares no item limit for {field}",
                    meta.path
                ))
            })?,
    };
    Ok(())
}

/// The request body for some items of one group.
pub(super) fn body(job: &Job, group: &Value, items: &[&Item]) -> Value {
    let wires = || items.iter().map(|i| i.wire.clone()).collect::<Vec<_>>();
    let mut b = match (job.kind, job.list_field) {
        (Kind::ImportMany, Some("Accounts")) => {
            json!({"Accounts": items.iter().map(|i| i.wire.get("UserID").cloned().unwrap_or(Value::Null)).collect::<Vec<_>>()})
        }
        (Kind::ImportOne, _) => items.first().map_or(Value::Null, |i| i.wire.clone()),
        (Kind::Profile, _) => json!({
            "From_Account": group,
            "ProfileItem": items.first().map_or(Value::Null, |i| i.wire.clone()),
        }),
        (Kind::FriendAdd | Kind::FriendImport, Some(f)) => {
            json!({"From_Account": group, f: wires()})
        }
        (_, Some(f)) => json!({ f: wires() }),
        (_, None) => Value::Null,
    };
    if let Value::Object(o) = &mut b {
        o.extend(job.shared.clone());
    }
    b
}

/// Checks every item alone with core's request validation, then marks repeats of an item
/// already in the input (same account, or same pair for friends) as duplicates.
pub(super) fn check_items(job: &Job, items: &mut [Item]) {
    let mut seen: HashMap<String, u64> = HashMap::new();
    for it in items.iter_mut().filter(|i| i.rejected.is_none()) {
        if let Err(e) = job.endpoint.check_request(body(job, &it.group, &[it])) {
            it.rejected = Some(("invalid", e.to_string()));
            continue;
        }
        let id = it.id(job.kind);
        let key = match job.kind.group_column() {
            Some(_) if job.kind != Kind::Profile => format!("{}\u{0}{id}", text(&it.group)),
            _ => id.clone(),
        };
        if let Some(first) = seen.get(&key) {
            let what = match job.kind {
                Kind::FriendAdd | Kind::FriendImport => "the same From_Account and To_Account",
                _ => "the same UserID",
            };
            it.rejected = Some((
                "duplicate",
                format!("{what} as line {first}; not sent twice"),
            ));
        } else {
            seen.insert(key, it.line);
        }
    }
}
