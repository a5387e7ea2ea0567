//! `chatadmin`: the command-line face of chatadmin.
//!
//! Offline tools (UserSig, the endpoint catalog, request/response checks) need no network;
//! `call` talks to the service (or an emulator), `emulator` runs one, `demo` shows it all.
//! The interface is fixed: users' scripts rely on the flags and exit codes.
//! Exit codes: 0 success; 1 the thing checked is invalid (or the call failed); 2 usage error.

mod api_cmd;
mod bulk;
mod call_cmd;
mod demo;
mod history_cmd;
mod send_cmd;
mod usersig_cmd;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// chatadmin: the Tencent Cloud Chat server REST API SDK, from the command line.
#[derive(Debug, Parser)]
#[command(name = "chatadmin", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate, verify and inspect UserSigs and PrivateMapKeys (offline).
    #[command(subcommand)]
    Usersig(usersig_cmd::UsersigCmd),
    /// The endpoint catalog, and checks of request and response bodies (offline).
    #[command(subcommand)]
    Api(api_cmd::ApiCmd),
    /// Send one request (configuration from CHATADMIN_SDKAPPID, CHATADMIN_SECRET_KEY,
    /// CHATADMIN_ADMIN, and CHATADMIN_REGION or CHATADMIN_BASE_URL); print the response.
    Call(call_cmd::CallArgs),
    /// Send one message: `chatadmin send --from alice --to bob "hello"` (several --to: a batch
    /// send; --group G: a group message; --custom DATA: a custom element instead of text).
    Send(send_cmd::SendArgs),
    /// Run the offline emulator of the service until killed.
    Emulator(chatadmin_emulator::cli::Args),
    /// Walk through what the SDK does, against the embedded emulator (or --live).
    Demo(demo::DemoArgs),
    /// Bulk jobs from a CSV or JSON Lines file: import/delete accounts, set profiles, add
    /// friends; batched, rate-paced, failures to a file, resumable (--resume).
    #[command(subcommand)]
    Bulk(bulk::BulkCmd),
    /// The hourly message archives (open_msg_svc/get_history): `download` an hour's files,
    /// verified; `read` a downloaded file, one JSON message a line.
    #[command(subcommand)]
    History(history_cmd::HistoryCmd),
}

/// A failure of a command: the message to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// The checked input is invalid (exit 1).
    pub fn invalid(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// The invocation itself is wrong (exit 2, like clap's own usage errors).
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<chatadmin_core::Error> for Failure {
    fn from(e: chatadmin_core::Error) -> Self {
        Failure::invalid(e.to_string())
    }
}

/// The endpoint at `wire_path` (or named by its method, `friends.delete`, as `chatadmin api
/// list` shows it), or a usage error that names the closest known one (a typo such as
/// `sns/friend_delet` gets "did you mean sns/friend_delete?").
pub fn endpoint(
    wire_path: &str,
) -> Result<&'static dyn chatadmin_core::registry::DynEndpoint, Failure> {
    if let Some(e) = chatadmin_core::registry::find(wire_path) {
        return Ok(e);
    }
    let method = |e: &&'static dyn chatadmin_core::registry::DynEndpoint| {
        format!("{}.{}", e.meta().area.accessor(), e.meta().method)
    };
    if let Some(e) = chatadmin_core::registry::all().find(|e| method(e) == wire_path.trim()) {
        return Ok(e);
    }
    let wanted = wire_path.trim().trim_start_matches('/');
    let wanted = wanted.strip_prefix("v4/").unwrap_or(wanted);
    // A typo is measured against both names of each endpoint; the hint gives the wire path.
    let closest = chatadmin_core::registry::all()
        .flat_map(|e| [(e.meta().path.to_owned(), e), (method(&e), e)])
        .map(|(name, e)| {
            let score = strsim::normalized_damerau_levenshtein(wanted, &name);
            (score, e.meta().path)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match closest {
        Some((score, path)) if score >= 0.6 => format!("; did you mean {path}?"),
        _ => String::new(),
    };
    Err(Failure::invalid(format!(
        "unknown endpoint {wire_path:?}{hint} (`chatadmin api list` shows the {} known ones)",
        chatadmin_core::registry::all().count()
    )))
}

/// Reads a command argument that may be a file path, `-` for standard input, or absent
/// (standard input too).
pub fn read_input(arg: Option<&str>) -> Result<Vec<u8>, Failure> {
    match arg {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
            Ok(buf)
        }
        Some(path) => {
            std::fs::read(path).map_err(|e| Failure::usage(format!("cannot read {path}: {e}")))
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Usersig(cmd) => usersig_cmd::run(cmd),
        Command::Api(cmd) => api_cmd::run(cmd),
        Command::Call(args) => call_cmd::run(args),
        Command::Send(args) => send_cmd::run(args),
        Command::Emulator(args) => return chatadmin_emulator::cli::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Bulk(cmd) => bulk::run(cmd),
        Command::History(cmd) => history_cmd::run(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
