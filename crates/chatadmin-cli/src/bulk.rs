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

mod exec;
mod input;
mod journal;
mod progress;

use std::path::PathBuf;

use chatadmin_core::api::friend::AddType;
use chatadmin_core::registry::{self, DynEndpoint};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::call_cmd::client_from_env;
use crate::Failure;
use exec::{execute, Report};
use input::{check_items, choose_batches, format_of, read_csv, read_jsonl, shape};
use journal::Book;

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

    // Configuration first: a missing variable is a usage error before any file is written.
    let client = client_from_env()?;
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
