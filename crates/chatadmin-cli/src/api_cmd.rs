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
        #[arg(long)]
        json: bool,
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
        ApiCmd::List { json } => {
            if json {
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

fn print_table() {
    let rows: Vec<[String; 5]> = registry::all()
        .map(|e| {
            let m = e.meta();
            let limits = if m.limits.is_empty() {
                "-".to_owned()
            } else {
                m.limits
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
