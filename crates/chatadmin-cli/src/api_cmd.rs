//! `chatadmin api ...`: the endpoint catalog and offline checks of bodies.

use chatadmin_core::registry;
use chatadmin_core::Error;
use clap::Subcommand;
use serde_json::Value;

use crate::usersig_cmd::pretty;
use crate::{read_input, Failure};

#[derive(Debug, Subcommand)]
pub enum ApiCmd {
    /// List every endpoint: wire path, area and method, default rate limit, whether it may be
    /// retried (with --wide: the documented limits).
    List {
        /// Add the documented per-request limits (a wide table).
        #[arg(long, conflicts_with_all = ["json", "markdown"])]
        wide: bool,
        /// Print JSON instead of a table (every detail of every endpoint).
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print the README's endpoint table (wire path, Rust method, Python method).
        #[arg(long)]
        markdown: bool,
    },
    /// Parse and validate a request body; print the canonical JSON the SDK would send.
    CheckRequest {
        /// The endpoint, e.g. sns/friend_delete (with or without v4/).
        wire_path: String,
        /// A JSON file, or `-` / absent for standard input.
        file: Option<String>,
    },
    /// Decode a response body and print it back (unknown fields kept).
    CheckResponse {
        /// The endpoint, e.g. sns/friend_delete.
        wire_path: String,
        /// A JSON file, or `-` / absent for standard input.
        file: Option<String>,
    },
}

pub fn run(cmd: ApiCmd) -> Result<(), Failure> {
    match cmd {
        ApiCmd::List {
            wide,
            json,
            markdown,
        } => {
            if markdown {
                print!("{}", markdown_table());
            } else if json {
                let all: Vec<Value> = registry::all().map(|e| e.to_json()).collect();
                println!("{}", pretty(&Value::Array(all)));
            } else {
                print!("{}", table(wide));
            }
            Ok(())
        }
        ApiCmd::CheckRequest { wire_path, file } => {
            let ep = crate::endpoint(&wire_path)?;
            let bytes = read_input(file.as_deref())?;
            let body: Value = serde_json::from_slice(&bytes)
                .map_err(|e| Failure::invalid(format!("the request is not valid JSON: {e}")))?;
            let canonical = ep.check_request(body)?;
            println!("{}", pretty(&canonical));
            Ok(())
        }
        ApiCmd::CheckResponse { wire_path, file } => {
            let ep = crate::endpoint(&wire_path)?;
            let bytes = read_input(file.as_deref())?;
            match ep.check_response(&bytes) {
                Ok(v) => {
                    println!("{}", pretty(&v));
                    Ok(())
                }
                // A well-formed error answer is a valid response: print it, and say what the
                // code means on stderr.
                Err(Error::Api(api)) => {
                    if let Some(body) = &api.body {
                        println!("{}", pretty(body));
                    }
                    eprintln!("note: the response reports an error: {api}");
                    Ok(())
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

/// Python's reserved words that are also endpoint method names get a trailing underscore
/// (`accounts.import_`), as `chatadmin._areas.python_name` does.
const PYTHON_KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn python_name(name: &str) -> String {
    if PYTHON_KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

/// The README's endpoint table, generated from the registry (a CLI test keeps the README equal
/// to it).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| wire path | Rust: `client.…` | Python: `client.…` (keyword arguments) |\n|---|---|---|\n",
    );
    for e in registry::all() {
        let m = e.meta();
        let schema = chatadmin_core::schema::request_schema(m.path);
        let type_name = schema.map_or("?", |s| s.type_name);
        let kwargs: Vec<String> = schema
            .map(|s| {
                s.fields
                    .iter()
                    .map(|f| {
                        let n = python_name(&f.name);
                        if f.required {
                            n
                        } else {
                            format!("{n}=")
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let area = m.area.accessor();
        let mut rust = format!("`{area}().{}(&{type_name})`", m.method);
        let mut py = format!("`{area}.{}({})`", python_name(m.method), kwargs.join(", "));
        if e.page_items().is_some() {
            rust.push_str(&format!(" · all pages: `client.items({type_name})`"));
            py.push_str(&format!(
                " · all items: `{area}.iter_{}(...)`",
                python_name(m.method)
            ));
        }
        out.push_str(&format!("| `{}` | {rust} | {py} |\n", m.path));
    }
    out
}

/// The endpoint table, grouped by area: each method (the area's heading plus the method name is
/// what Rust, Python and `chatadmin call` accept), its wire path, rate limit and retry class;
/// it fits a terminal of 80-100 columns. `wide` adds the documented limits.
pub fn table(wide: bool) -> String {
    let rows: Vec<(&'static str, Vec<String>)> = registry::all()
        .map(|e| {
            let m = e.meta();
            let paged = if e.page_items().is_some() { "*" } else { "" };
            let mut row = vec![
                format!("{}{paged}", m.method),
                m.path.to_owned(),
                format!("{}/s", m.rate_limit_per_sec),
                m.idempotency.as_str().to_owned(),
            ];
            if wide {
                row.push(if m.limits().is_empty() {
                    "-".to_owned()
                } else {
                    m.limits()
                        .iter()
                        .map(|l| l.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                });
            }
            (m.area.accessor(), row)
        })
        .collect();
    let mut header = vec!["METHOD", "WIRE PATH", "RATE", "RETRY"];
    if wide {
        header.push("LIMITS");
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for (_, r) in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[&str]| {
        let mut s = String::from("  ");
        for (i, c) in cells.iter().enumerate() {
            s.push_str(&format!("{c:<w$}  ", w = widths[i]));
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    let mut out = String::new();
    line(&mut out, &header);
    let mut area = "";
    for (a, r) in &rows {
        if *a != area {
            area = a;
            out.push_str(&format!("{a}\n"));
        }
        line(&mut out, &r.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out.push_str("(* a paged read: `chatadmin call --all-pages` follows its cursor)\n");
    if !wide {
        out.push_str("(--wide adds the documented limits; --json gives every detail)\n");
    }
    out.push_str(&format!("{} endpoints\n", rows.len()));
    out
}
