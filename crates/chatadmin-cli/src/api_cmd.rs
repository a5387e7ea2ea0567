//! `chatadmin api ...`: the endpoint catalog and offline checks of bodies.

use chatadmin_core::registry;
use chatadmin_core::Error;
use clap::Subcommand;
use serde_json::Value;

use crate::usersig_cmd::pretty;
use crate::{read_input, Failure};

#[derive(Debug, Subcommand)]
pub enum ApiCmd {
    /// List every endpoint: wire path, area and method, limits, default rate limit.
    List {
        /// Print JSON instead of a table.
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
        ApiCmd::List { json, markdown } => {
            if markdown {
                print!("{}", markdown_table());
            } else if json {
                let all: Vec<Value> = registry::all().map(|e| e.to_json()).collect();
                println!("{}", pretty(&Value::Array(all)));
            } else {
                print_table();
            }
            Ok(())
        }
        ApiCmd::CheckRequest { wire_path, file } => {
            let ep = registry::require(&wire_path)?;
            let bytes = read_input(file.as_deref())?;
            let body: Value = serde_json::from_slice(&bytes)
                .map_err(|e| Failure::invalid(format!("the request is not valid JSON: {e}")))?;
            let canonical = ep.check_request(body)?;
            println!("{}", pretty(&canonical));
            Ok(())
        }
        ApiCmd::CheckResponse { wire_path, file } => {
            let ep = registry::require(&wire_path)?;
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

fn print_table() {
    let rows: Vec<[String; 5]> = registry::all()
        .map(|e| {
            let m = e.meta();
            let limits = if m.limits().is_empty() {
                "-".to_owned()
            } else {
                m.limits()
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            [
                m.path.to_owned(),
                m.qualified_name(),
                format!("{}/s", m.rate_limit_per_sec),
                m.idempotency.as_str().to_owned(),
                limits,
            ]
        })
        .collect();
    let header = ["WIRE PATH", "METHOD", "RATE", "RETRY", "LIMITS"];
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.len());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 4 {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  ", w = widths[i]));
            }
        }
        println!("{}", s.trim_end());
    };
    line(header);
    for r in &rows {
        line([&r[0], &r[1], &r[2], &r[3], &r[4]]);
    }
    println!("{} endpoints", rows.len());
}
