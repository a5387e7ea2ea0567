//! `chatadmin bulk`: the jobs operators run on whole user bases, read from a CSV file (with a
//! header row) or a JSON Lines file (one object per line).
//!
//! - `import-accounts`: `UserID`, optional `Nick`, `FaceUrl` → `multiaccount_import` (or one
//!   `account_import` per account with `--one-by-one`);
//! - `delete-accounts`: `UserID` → `account_delete`;
//! - `set-profile`: `UserID` and one column per profile tag → `profile/portrait_set`;
//! - `add-friends`: `From_Account`, `To_Account` and the `AddFriendItem` fields →
//!   `sns/friend_add` (or `sns/friend_import` with `--import`).
//!
//! Batch sizes are the limits core declares for the endpoint's list field (nothing is
//! hard-coded here); the client's rate limiter paces every call at the documented rate.
//! Each item is checked by core's request validation on its own before anything is sent, so
//! one bad row fails alone. Per-item failures go to a JSON Lines file (`{"line", "item",
//! "code", "info", "kind"}`), and a journal next to it records each completed batch (the
//! input items it covered and how long the failures file was), so `--resume` after an
//! interruption sends only what is not recorded as done. A batch in flight when the process
//! was killed is sent again; every endpoint here but `friend_add` is idempotent, and a repeated
//! `friend_add` of friends already added answers success.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use chatadmin_client::Client;
use chatadmin_core::api::friend::AddType;
use chatadmin_core::api::profile::{is_profile_tag, standard_kind, ValueKind};
use chatadmin_core::codes::{self, Scope};
use chatadmin_core::registry::{self, DynEndpoint};
use chatadmin_core::Error;
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::call_cmd::client_from_env;
use crate::Failure;

/// The journal format; a journal of another version is refused rather than misread.
const JOURNAL_VERSION: u64 = 1;

#[derive(Debug, Subcommand)]
pub enum BulkCmd {
    /// Import accounts: columns UserID and optionally Nick, FaceUrl
    /// (im_open_login_svc/multiaccount_import, batched).
    ImportAccounts {
        #[command(flatten)]
        common: Common,
        /// One im_open_login_svc/account_import call per account instead of batches.
        #[arg(long)]
        one_by_one: bool,
    },
    /// Delete accounts and their data, irreversibly: column UserID, other columns ignored
    /// (im_open_login_svc/account_delete, batched).
    DeleteAccounts {
        #[command(flatten)]
        common: Common,
    },
    /// Set profile fields: column UserID and one column per profile tag, such as
    /// Tag_Profile_IM_Nick or Tag_Profile_Custom_Team; empty cells are left unset
    /// (profile/portrait_set, one call per account).
    SetProfile {
        #[command(flatten)]
        common: Common,
    },
    /// Add friends: columns From_Account, To_Account and optionally Remark, GroupName,
    /// AddSource, AddWording (sns/friend_add, batched per From_Account).
    AddFriends {
        #[command(flatten)]
        common: Common,
        /// Import one-way friend entries with sns/friend_import instead (AddSource required;
        /// also RemarkTime and AddTime columns).
        #[arg(long)]
        import: bool,
        /// friend_add: both ways (the service's default) or one-way.
        #[arg(long, value_enum)]
        add_type: Option<AddTypeArg>,
        /// friend_add: add without the target's confirmation (ForceAddFlags 1).
        #[arg(long)]
        force: bool,
        /// The AddSource of rows that give none, e.g. AddSource_Type_Bulk.
        #[arg(long, value_name = "SOURCE")]
        add_source: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct Common {
    /// The input: CSV with a header row (.csv) or JSON Lines, one object per line (.jsonl).
    file: PathBuf,
    /// The input format, when the file name does not end in .csv, .jsonl or .ndjson.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Where per-item failures are written, as JSON Lines [default: FILE.failures.jsonl].
    /// The journal of completed batches is this path with `.journal` appended.
    #[arg(long, value_name = "PATH")]
    failures: Option<PathBuf>,
    /// Continue the job recorded in the journal; completed batches are not sent again.
    #[arg(long)]
    resume: bool,
    /// Batches in flight at once (all paced together at the documented rate).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    jobs: u16,
    /// Progress on standard error: a bar with rate and ETA on a terminal, plain lines
    /// otherwise (auto), one of them always, or nothing.
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    progress: ProgressMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    Auto,
    Bar,
    Plain,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AddTypeArg {
    Both,
    Single,
}

/// What a job does with its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ImportMany,
    ImportOne,
    Delete,
    Profile,
    FriendAdd,
    FriendImport,
}

impl Kind {
    fn endpoint(self) -> &'static str {
        match self {
            Kind::ImportMany => "im_open_login_svc/multiaccount_import",
            Kind::ImportOne => "im_open_login_svc/account_import",
            Kind::Delete => "im_open_login_svc/account_delete",
            Kind::Profile => "profile/portrait_set",
            Kind::FriendAdd => "sns/friend_add",
            Kind::FriendImport => "sns/friend_import",
        }
    }

    /// The field that identifies an item in the request and in per-item results.
    fn id_field(self) -> &'static str {
        match self {
            Kind::FriendAdd | Kind::FriendImport => "To_Account",
            _ => "UserID",
        }
    }

    /// The request field that all items of one call share (`From_Account`), and the input
    /// column it comes from.
    fn group_column(self) -> Option<&'static str> {
        match self {
            Kind::Profile => Some("UserID"),
            Kind::FriendAdd | Kind::FriendImport => Some("From_Account"),
            _ => None,
        }
    }

    /// The CSV columns: `(known, required)`; `None` for known means any profile tag.
    fn columns(self) -> (Option<&'static [&'static str]>, &'static [&'static str]) {
        const ACCOUNT: &[&str] = &["UserID", "Nick", "FaceUrl"];
        const USER_ID: &[&str] = &["UserID"];
        const PAIR: &[&str] = &["From_Account", "To_Account"];
        const ADD: &[&str] = &[
            "From_Account",
            "To_Account",
            "Remark",
            "GroupName",
            "AddSource",
            "AddWording",
        ];
        const IMPORT: &[&str] = &[
            "From_Account",
            "To_Account",
            "Remark",
            "RemarkTime",
            "GroupName",
            "AddSource",
            "AddWording",
            "AddTime",
        ];
        match self {
            Kind::ImportMany | Kind::ImportOne => (Some(ACCOUNT), USER_ID),
            Kind::Delete => (Some(USER_ID), USER_ID),
            Kind::Profile => (None, USER_ID),
            Kind::FriendAdd => (Some(ADD), PAIR),
            Kind::FriendImport => (Some(IMPORT), PAIR),
        }
    }
}

/// One job: its kind, endpoint and the options that shape every request.
struct Job {
    name: &'static str,
    kind: Kind,
    endpoint: &'static dyn DynEndpoint,
    /// The request's list field; `None` for one item per call.
    list_field: Option<&'static str>,
    batch_size: usize,
    /// Request fields every call carries (`AddType`, `ForceAddFlags`).
    shared: Map<String, Value>,
    add_source: Option<String>,
}

/// One input item.
struct Item {
    /// Where it is in the input (1-based line; for CSV the line the record starts on).
    line: u64,
    /// The item as read, echoed in the failures file.
    echo: Value,
    /// Its part of a request (a list entry, or the body of a one-item call).
    wire: Value,
    /// The shared field's value (`From_Account`), `Null` when the job has none.
    group: Value,
    /// Why it cannot be sent (unreadable, invalid, or a duplicate), found before anything is.
    rejected: Option<(&'static str, String)>,
}

impl Item {
    fn id(&self, kind: Kind) -> String {
        match kind {
            Kind::Profile => text(&self.group),
            _ => self.wire.get(kind.id_field()).map(text).unwrap_or_default(),
        }
    }
}

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

pub fn run(cmd: BulkCmd) -> Result<(), Failure> {
    let (common, kind, name, add_type, force, add_source) = match cmd {
        BulkCmd::ImportAccounts { common, one_by_one } => {
            let kind = if one_by_one {
                Kind::ImportOne
            } else {
                Kind::ImportMany
            };
            (common, kind, "import-accounts", None, false, None)
        }
        BulkCmd::DeleteAccounts { common } => {
            (common, Kind::Delete, "delete-accounts", None, false, None)
        }
        BulkCmd::SetProfile { common } => (common, Kind::Profile, "set-profile", None, false, None),
        BulkCmd::AddFriends {
            common,
            import,
            add_type,
            force,
            add_source,
        } => {
            if import && (add_type.is_some() || force) {
                return Err(Failure::usage(
                    "--add-type and --force apply to sns/friend_add, not to --import",
                ));
            }
            let kind = if import {
                Kind::FriendImport
            } else {
                Kind::FriendAdd
            };
            (common, kind, "add-friends", add_type, force, add_source)
        }
    };
    let endpoint = registry::require(kind.endpoint())?;
    let mut shared = Map::new();
    if let Some(t) = add_type {
        let t = match t {
            AddTypeArg::Both => AddType::Both,
            AddTypeArg::Single => AddType::Single,
        };
        shared.insert(
            "AddType".into(),
            serde_json::to_value(t).unwrap_or(Value::Null),
        );
    }
    if force {
        shared.insert("ForceAddFlags".into(), json!(1));
    }
    let mut job = Job {
        name,
        kind,
        endpoint,
        list_field: None,
        batch_size: 1,
        shared,
        add_source,
    };

    let bytes = std::fs::read(&common.file)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", common.file.display())))?;
    let format = match common.format {
        Some(f) => f,
        None => format_of(&common.file)?,
    };
    let mut items = match format {
        Format::Csv => read_csv(kind, &bytes, &common.file)?,
        Format::Jsonl => read_jsonl(&bytes),
    };
    for it in &mut items {
        shape(&job, it);
    }
    choose_batches(&mut job, &items)?;
    check_items(&job, &mut items);

    let failures_path = common.failures.clone().unwrap_or_else(|| {
        let mut p = common.file.clone().into_os_string();
        p.push(".failures.jsonl");
        PathBuf::from(p)
    });
    let journal_path = {
        let mut p = failures_path.clone().into_os_string();
        p.push(".journal");
        PathBuf::from(p)
    };
    let header = json!({
        "chatadmin_bulk_journal": JOURNAL_VERSION,
        "job": job.name,
        "endpoint": job.endpoint.meta().path,
        "input_sha256": hex(&Sha256::digest(&bytes)),
        "items": items.len(),
        "options": {
            "format": format!("{format:?}").to_lowercase(),
            "shared": Value::Object(job.shared.clone()),
            "add_source": job.add_source,
        },
    });
    let mut book = Book::open(
        &failures_path,
        &journal_path,
        &header,
        common.resume,
        items.len(),
    )?;
    let skipped = book.done.iter().filter(|d| **d).count();
    let report = if book.finished {
        Report::default()
    } else {
        let client = client_from_env()?;
        execute(&job, &client, &items, &mut book, &common)?
    };
    if report.stopped.is_none() && !book.finished {
        book.finish()?;
    }
    let summary = json!({
        "job": job.name,
        "endpoint": job.endpoint.meta().path,
        "items": items.len(),
        "succeeded": book.ok,
        "failed": book.failed,
        "done": book.done.iter().filter(|d| **d).count(),
        "skipped_as_done": skipped,
        "batches_sent": report.batches_sent,
        "batch_size": job.batch_size,
        "complete": report.stopped.is_none(),
        "failures_file": failures_path.display().to_string(),
        "journal": journal_path.display().to_string(),
    });
    println!("{summary}");
    if let Some(e) = report.stopped {
        return Err(Failure::invalid(format!(
            "stopped: {e}\nThe completed batches are recorded in {}; fix the cause and run the same \
             command with --resume to send only the rest.",
            journal_path.display()
        )));
    }
    if book.failed > 0 {
        return Err(Failure::invalid(format!(
            "{} of {} items failed; see {}",
            book.failed,
            items.len(),
            failures_path.display()
        )));
    }
    Ok(())
}

fn format_of(path: &Path) -> Result<Format, Failure> {
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn rejected(line: u64, echo: Value, why: String) -> Item {
    Item {
        line,
        echo,
        wire: Value::Null,
        group: Value::Null,
        rejected: Some(("invalid", why)),
    }
}

fn unshaped(line: u64, echo: Value, fields: Map<String, Value>) -> Item {
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
fn read_csv(kind: Kind, bytes: &[u8], path: &Path) -> Result<Vec<Item>, Failure> {
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
fn cell_value(kind: Kind, col: &str, cell: &str) -> Value {
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
fn read_jsonl(bytes: &[u8]) -> Vec<Item> {
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
fn shape(job: &Job, it: &mut Item) {
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
fn choose_batches(job: &mut Job, items: &[Item]) -> Result<(), Failure> {
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
fn body(job: &Job, group: &Value, items: &[&Item]) -> Value {
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
fn check_items(job: &Job, items: &mut [Item]) {
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

/// A per-item failure: the item, the code (`null` when the service gives none), the text.
struct ItemFailure {
    index: usize,
    code: Option<i64>,
    info: String,
    kind: &'static str,
}

enum Outcome {
    Done(Vec<ItemFailure>),
    Stop(Error),
}

#[derive(Default)]
struct Report {
    batches_sent: u64,
    stopped: Option<String>,
}

/// Sends the items the journal does not record as done, in batches, `--jobs` at a time.
fn execute(
    job: &Job,
    client: &Client,
    items: &[Item],
    book: &mut Book,
    common: &Common,
) -> Result<Report, Failure> {
    let mut report = Report::default();
    // Items refused before sending are recorded first, as one journal entry.
    let refused: Vec<ItemFailure> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !book.done[*i])
        .filter_map(|(index, it)| {
            let (kind, why) = it.rejected.as_ref()?;
            Some(ItemFailure {
                index,
                code: None,
                info: why.clone(),
                kind,
            })
        })
        .collect();
    if !refused.is_empty() {
        let indices: Vec<usize> = refused.iter().map(|f| f.index).collect();
        book.record(&indices, &refused, items)?;
    }
    let batches = plan(job, items, &book.done);
    let mut progress = Progress::new(
        common.progress,
        job.name,
        items.len() as u64,
        book.done_count(),
    );
    progress.update(book.done_count(), book.failed);
    let queue = Mutex::new(batches.into_iter().collect::<VecDeque<_>>());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(Vec<usize>, Outcome)>();
    let mut write_error = None;
    std::thread::scope(|s| {
        for _ in 0..common.jobs {
            let tx = tx.clone();
            let (queue, stop) = (&queue, &stop);
            s.spawn(move || loop {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let next = queue.lock().map(|mut q| q.pop_front()).unwrap_or(None);
                let Some(batch) = next else { break };
                let outcome = send(job, client, items, &batch);
                if tx.send((batch, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (batch, outcome) in rx {
            report.batches_sent += 1;
            match outcome {
                Outcome::Done(failures) => {
                    if let Err(e) = book.record(&batch, &failures, items) {
                        stop.store(true, Ordering::SeqCst);
                        write_error.get_or_insert(e);
                    }
                }
                Outcome::Stop(e) => {
                    stop.store(true, Ordering::SeqCst);
                    report.stopped.get_or_insert_with(|| e.to_string());
                }
            }
            progress.update(book.done_count(), book.failed);
        }
    });
    progress.finish(book.done_count(), book.failed);
    match write_error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

/// The batches for the items not done: in input order, grouped by `From_Account` (first
/// appearance first) where the job has one, each at most the declared batch size.
fn plan(job: &Job, items: &[Item], done: &[bool]) -> Vec<Vec<usize>> {
    let pending = (0..items.len()).filter(|i| !done[*i] && items[*i].rejected.is_none());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    if matches!(job.kind, Kind::FriendAdd | Kind::FriendImport) {
        let mut at: HashMap<String, usize> = HashMap::new();
        for i in pending {
            let g = *at.entry(items[i].group.to_string()).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
    } else {
        groups.push(pending.collect());
    }
    groups
        .iter()
        .flat_map(|g| g.chunks(job.batch_size).map(<[usize]>::to_vec))
        .collect()
}

/// One call for one batch, and what it says about each item.
fn send(job: &Job, client: &Client, items: &[Item], batch: &[usize]) -> Outcome {
    let refs: Vec<&Item> = batch.iter().map(|i| &items[*i]).collect();
    let path = job.endpoint.meta().path;
    let resp = match client.call_json(path, body(job, &refs[0].group, &refs)) {
        Ok(resp) => resp,
        Err(e) => {
            // An error about the request's content (the service's or endpoint's own codes)
            // is every item's failure; anything else (credentials, permissions, rate, the
            // network) would fail every other batch too, so the job stops.
            let about_items = match e.root() {
                Error::Api(api) => matches!(
                    codes::lookup(Some(path), api.code).map(|c| c.scope),
                    Some(Scope::Service(_) | Scope::Endpoint(_))
                )
                .then(|| (api.code, api.info.clone())),
                _ => None,
            };
            return match about_items {
                Some((code, info)) => Outcome::Done(
                    batch
                        .iter()
                        .map(|&index| ItemFailure {
                            index,
                            code: Some(code),
                            info: info.clone(),
                            kind: "call",
                        })
                        .collect(),
                ),
                None => Outcome::Stop(e),
            };
        }
    };
    let by_id: HashMap<String, usize> = batch.iter().map(|&i| (items[i].id(job.kind), i)).collect();
    let mut failures = Vec::new();
    if let Some(list) = resp.get("FailAccounts").and_then(Value::as_array) {
        for id in list.iter().map(text) {
            if let Some(&index) = by_id.get(&id) {
                failures.push(ItemFailure {
                    index,
                    code: None,
                    info: "listed in FailAccounts: not imported".into(),
                    kind: "item",
                });
            }
        }
    }
    for r in resp
        .get("ResultItem")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let code = r.get("ResultCode").and_then(Value::as_i64).unwrap_or(0);
        let id = r.get(job.kind.id_field()).map(text).unwrap_or_default();
        if let (true, Some(&index)) = (code != 0, by_id.get(&id)) {
            let info = r.get("ResultInfo").map(text).unwrap_or_default();
            failures.push(ItemFailure {
                index,
                code: Some(code),
                info,
                kind: "item",
            });
        }
    }
    let mut once = HashSet::new();
    failures.retain(|f| once.insert(f.index));
    Outcome::Done(failures)
}

/// The failures file and the journal of one job.
struct Book {
    failures: File,
    journal: File,
    failures_len: u64,
    done: Vec<bool>,
    ok: u64,
    failed: u64,
    finished: bool,
}

impl Book {
    fn open(
        failures: &Path,
        journal: &Path,
        header: &Value,
        resume: bool,
        n: usize,
    ) -> Result<Book, Failure> {
        let io = |p: &Path, e: std::io::Error| Failure::invalid(format!("{}: {e}", p.display()));
        let existing = match std::fs::read(journal) {
            Ok(b) if !b.is_empty() => Some(b),
            Ok(_) => None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(journal, e)),
        };
        let Some(existing) = existing else {
            let mut book = Book {
                failures: File::create(failures).map_err(|e| io(failures, e))?,
                journal: File::create(journal).map_err(|e| io(journal, e))?,
                failures_len: 0,
                done: vec![false; n],
                ok: 0,
                failed: 0,
                finished: false,
            };
            book.append(header)?;
            return Ok(book);
        };
        if !resume {
            return Err(Failure::usage(format!(
                "{} records an earlier run of this job: pass --resume to continue it, or remove it \
                 and {} to start over",
                journal.display(),
                failures.display()
            )));
        }
        let mut book = Book {
            failures: OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(failures)
                .map_err(|e| io(failures, e))?,
            journal: OpenOptions::new()
                .read(true)
                .write(true)
                .open(journal)
                .map_err(|e| io(journal, e))?,
            failures_len: 0,
            done: vec![false; n],
            ok: 0,
            failed: 0,
            finished: false,
        };
        let good_len = book.replay(&existing, header, journal)?;
        book.journal.set_len(good_len).map_err(|e| io(journal, e))?;
        book.journal
            .seek(SeekFrom::End(0))
            .map_err(|e| io(journal, e))?;
        // What was written for a batch the journal does not record is dropped: that batch
        // is sent again.
        let actual = book.failures.metadata().map_err(|e| io(failures, e))?.len();
        if actual < book.failures_len {
            return Err(Failure::invalid(format!(
                "{} is shorter than {} records ({actual} < {} bytes); it was changed since",
                failures.display(),
                journal.display(),
                book.failures_len
            )));
        }
        book.failures
            .set_len(book.failures_len)
            .map_err(|e| io(failures, e))?;
        book.failures
            .seek(SeekFrom::End(0))
            .map_err(|e| io(failures, e))?;
        Ok(book)
    }

    /// Reads a journal back; returns the length of its complete, valid lines.
    fn replay(&mut self, bytes: &[u8], header: &Value, path: &Path) -> Result<u64, Failure> {
        let damaged = |line: usize, why: &str| {
            Failure::invalid(format!(
                "{} is damaged at line {line}: {why}",
                path.display()
            ))
        };
        let mut offset = 0u64;
        for (i, raw) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
            if !raw.ends_with(b"\n") {
                break; // cut short by an interruption: not recorded
            }
            let v: Value =
                serde_json::from_slice(raw).map_err(|e| damaged(i + 1, &e.to_string()))?;
            if i == 0 {
                check_header(&v, header, path)?;
            } else if v.get("finished") == Some(&Value::Bool(true)) {
                self.finished = true;
            } else {
                let ranges = v
                    .get("done")
                    .and_then(Value::as_array)
                    .ok_or_else(|| damaged(i + 1, "no `done`"))?;
                for r in ranges {
                    let (s, e) = match (
                        r.get(0).and_then(Value::as_u64),
                        r.get(1).and_then(Value::as_u64),
                    ) {
                        (Some(s), Some(e)) if s < e && e as usize <= self.done.len() => {
                            (s as usize, e as usize)
                        }
                        _ => return Err(damaged(i + 1, "a range outside the input")),
                    };
                    self.done[s..e].iter_mut().for_each(|d| *d = true);
                }
                let num = |k: &str| {
                    v.get(k)
                        .and_then(Value::as_u64)
                        .ok_or_else(|| damaged(i + 1, k))
                };
                self.ok += num("ok")?;
                self.failed += num("failed")?;
                self.failures_len = num("failures_len")?;
            }
            offset += raw.len() as u64;
        }
        if offset == 0 {
            return Err(damaged(1, "no complete header"));
        }
        Ok(offset)
    }

    fn done_count(&self) -> u64 {
        self.done.iter().filter(|d| **d).count() as u64
    }

    fn append(&mut self, line: &Value) -> Result<(), Failure> {
        let mut b = line.to_string().into_bytes();
        b.push(b'\n');
        self.journal
            .write_all(&b)
            .map_err(|e| Failure::invalid(format!("cannot write the journal: {e}")))
    }

    /// Records a completed batch: its failures first, then the journal entry that makes it
    /// done (with the failures file's new length, so a resume drops anything written after).
    fn record(
        &mut self,
        batch: &[usize],
        failures: &[ItemFailure],
        items: &[Item],
    ) -> Result<(), Failure> {
        let mut out = Vec::new();
        for f in failures {
            let it = &items[f.index];
            let line = json!({"line": it.line, "item": it.echo, "code": f.code, "info": f.info, "kind": f.kind});
            out.extend_from_slice(line.to_string().as_bytes());
            out.push(b'\n');
        }
        self.failures
            .write_all(&out)
            .map_err(|e| Failure::invalid(format!("cannot write the failures file: {e}")))?;
        self.failures_len += out.len() as u64;
        let mut sorted = batch.to_vec();
        sorted.sort_unstable();
        let mut ranges: Vec<[usize; 2]> = Vec::new();
        for i in sorted {
            match ranges.last_mut() {
                Some(r) if r[1] == i => r[1] = i + 1,
                _ => ranges.push([i, i + 1]),
            }
            self.done[i] = true;
        }
        let failed = failures.len() as u64;
        let ok = batch.len() as u64 - failed;
        self.ok += ok;
        self.failed += failed;
        let entry =
            json!({"done": ranges, "ok": ok, "failed": failed, "failures_len": self.failures_len});
        self.append(&entry)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        self.append(&json!({"finished": true}))?;
        let sync = |f: &File| {
            f.sync_all()
                .map_err(|e| Failure::invalid(format!("cannot sync: {e}")))
        };
        sync(&self.failures)?;
        sync(&self.journal)
    }
}

/// A journal is resumed only by the same job on the same input with the same options.
fn check_header(found: &Value, want: &Value, path: &Path) -> Result<(), Failure> {
    for (key, what) in [
        ("chatadmin_bulk_journal", "journal version"),
        ("job", "job"),
        ("endpoint", "endpoint"),
        ("input_sha256", "input file (its content changed)"),
        ("items", "number of items"),
        ("options", "options"),
    ] {
        if found.get(key) != want.get(key) {
            return Err(Failure::usage(format!(
                "{} belongs to another run: the {what} differs ({} there, {} now); remove it and \
                 the failures file to start over",
                path.display(),
                found.get(key).unwrap_or(&Value::Null),
                want.get(key).unwrap_or(&Value::Null)
            )));
        }
    }
    Ok(())
}

/// Progress on standard error.
enum Progress {
    Bar(ProgressBar),
    Plain {
        label: &'static str,
        total: u64,
        start: Instant,
        start_pos: u64,
        last: Option<Instant>,
    },
    Off,
}

impl Progress {
    fn new(mode: ProgressMode, label: &'static str, total: u64, pos: u64) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        match mode {
            ProgressMode::Off => Progress::Off,
            ProgressMode::Bar | ProgressMode::Auto if mode == ProgressMode::Bar || terminal => {
                let style = ProgressStyle::with_template(
                    "{prefix} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} items, {per_sec:0}, ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                    .with_style(style)
                    .with_prefix(label)
                    .with_position(pos);
                bar.enable_steady_tick(Duration::from_millis(200));
                Progress::Bar(bar)
            }
            _ => Progress::Plain {
                label,
                total,
                start: Instant::now(),
                start_pos: pos,
                last: None,
            },
        }
    }

    fn update(&mut self, pos: u64, failed: u64) {
        match self {
            Progress::Bar(bar) => {
                bar.set_position(pos);
                bar.set_message(format!("({failed} failed)"));
            }
            Progress::Plain { last, .. } => {
                if last.map_or(true, |t| t.elapsed() >= Duration::from_secs(1)) {
                    *last = Some(Instant::now());
                    self.line(pos, failed);
                }
            }
            Progress::Off => {}
        }
    }

    fn finish(&mut self, pos: u64, failed: u64) {
        match self {
            Progress::Bar(bar) => {
                bar.set_position(pos);
                bar.finish_with_message(format!("({failed} failed)"));
            }
            Progress::Plain { .. } => self.line(pos, failed),
            Progress::Off => {}
        }
    }

    fn line(&self, pos: u64, failed: u64) {
        let Progress::Plain {
            label,
            total,
            start,
            start_pos,
            ..
        } = self
        else {
            return;
        };
        let secs = start.elapsed().as_secs_f64();
        let rate = if secs > 0.0 {
            (pos - start_pos) as f64 / secs
        } else {
            0.0
        };
        let pct = if *total == 0 {
            100.0
        } else {
            pos as f64 * 100.0 / *total as f64
        };
        let eta = if pos >= *total {
            "0s".to_owned()
        } else if rate > 0.0 {
            format!("{:.0}s", (*total - pos) as f64 / rate)
        } else {
            "unknown".to_owned()
        };
        eprintln!("{label}: {pos}/{total} items ({pct:.1}%), {rate:.0} items/s, ETA {eta}, {failed} failed");
    }
}
