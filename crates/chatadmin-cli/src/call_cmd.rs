//! `chatadmin call WIRE_PATH [FILE|-]`: one request to the service (or an emulator).
//!
//! Configuration comes from the environment so that no secret lands in shell history:
//! `CHATADMIN_SDKAPPID`, `CHATADMIN_SECRET_KEY`, `CHATADMIN_ADMIN` (default
//! `administrator`), and `CHATADMIN_REGION` or `CHATADMIN_BASE_URL`.

use chatadmin_client::{Client, ClientBuilder};
use chatadmin_core::region::Region;
use chatadmin_core::Error;
use clap::Args;
use serde_json::Value;

use crate::usersig_cmd::pretty;
use crate::{read_input, Failure};

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The endpoint: its wire path, e.g. sns/friend_delete (with or without v4/), or its
    /// method as `chatadmin api list` shows it, e.g. friends.delete.
    wire_path: String,
    /// The JSON request body: a file, or `-` / absent for standard input.
    file: Option<String>,
    /// For paged reads (marked * by `chatadmin api list`): follow the cursor and print
    /// every page, one compact JSON response per line (JSON Lines), starting from the body's
    /// page.
    #[arg(long)]
    all_pages: bool,
}

/// The environment variables the CLI (and the demo's live mode) read.
pub const ENV_SDKAPPID: &str = "CHATADMIN_SDKAPPID";
/// See [`ENV_SDKAPPID`].
pub const ENV_SECRET_KEY: &str = "CHATADMIN_SECRET_KEY";
/// See [`ENV_SDKAPPID`].
pub const ENV_ADMIN: &str = "CHATADMIN_ADMIN";
/// See [`ENV_SDKAPPID`].
pub const ENV_REGION: &str = "CHATADMIN_REGION";
/// See [`ENV_SDKAPPID`].
pub const ENV_BASE_URL: &str = "CHATADMIN_BASE_URL";

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Whether the environment names an app (used by `demo --live`).
pub fn credentials_present() -> bool {
    env(ENV_SDKAPPID).is_some() && env(ENV_SECRET_KEY).is_some()
}

/// A client configured from the environment.
pub fn client_from_env() -> Result<Client, Failure> {
    let sdkappid = env(ENV_SDKAPPID)
        .ok_or_else(|| Failure::usage(format!("set {ENV_SDKAPPID} to the app's SDKAppID")))?;
    let sdkappid: u64 = sdkappid.trim().parse().map_err(|_| {
        Failure::usage(format!("{ENV_SDKAPPID} must be a number, got {sdkappid:?}"))
    })?;
    let key = env(ENV_SECRET_KEY)
        .ok_or_else(|| Failure::usage(format!("set {ENV_SECRET_KEY} to the app's secret key")))?;
    let mut b = ClientBuilder::new(sdkappid).secret_key(key);
    if let Some(admin) = env(ENV_ADMIN) {
        b = b.admin(admin);
    }
    b = match (env(ENV_BASE_URL), env(ENV_REGION)) {
        (Some(url), _) => b.base_url(&url),
        (None, Some(r)) => {
            let region: Region = r.parse().map_err(|e| Failure::usage(format!("{ENV_REGION}: {e}")))?;
            b.region(region)
        }
        (None, None) => {
            return Err(Failure::usage(format!(
                "set {ENV_REGION} (e.g. singapore) or {ENV_BASE_URL} (e.g. an emulator's http://127.0.0.1:PORT)"
            )))
        }
    };
    b.build().map_err(|e| Failure::usage(e.to_string()))
}

pub fn run(args: CallArgs) -> Result<(), Failure> {
    // Configuration first: a missing variable is a usage error whatever the input.
    let client = client_from_env()?;
    let wire_path = crate::endpoint(&args.wire_path)?.meta().path;
    let bytes = read_input(args.file.as_deref())?;
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Failure::invalid(format!("the request is not valid JSON: {e}")))?;
    if args.all_pages {
        return all_pages(&client, wire_path, body);
    }
    match client.call_json(wire_path, body) {
        Ok(resp) => {
            println!("{}", pretty(&resp));
            Ok(())
        }
        Err(e) => failure(e),
    }
}

/// `--all-pages`: one call per page, each response printed on its own line as it arrives (so
/// the pages before a failure are kept), the next request derived by core from the response.
fn all_pages(client: &Client, wire_path: &str, first: Value) -> Result<(), Failure> {
    let ep = crate::endpoint(wire_path)?;
    if ep.page_items().is_none() {
        return Err(Failure::usage(format!(
            "--all-pages: {} is not a paged read",
            ep.meta().path
        )));
    }
    let mut next = Some(first);
    while let Some(body) = next.take() {
        let resp = match client.call_json(wire_path, body.clone()) {
            Ok(resp) => resp,
            Err(e) => return failure(e),
        };
        println!("{resp}");
        next = ep.next_page(body, &resp)?;
    }
    Ok(())
}

/// Prints what a failed call still produced (the parts of a split call that took effect, the
/// service's error body) and turns the error into the command's failure.
pub(crate) fn failure(e: Error) -> Result<(), Failure> {
    if let Some(p) = e.partial() {
        // Core's partial-failure JSON, as C and Python show it: parts, succeeded, completed.
        println!("{}", pretty(&p.to_json()));
    }
    match e.root() {
        Error::Api(api) => {
            if let Some(b) = &api.body {
                println!("{}", pretty(b));
            }
            Err(Failure::invalid(format!(
                "{e} (retry: {})",
                api.retry_class().as_str()
            )))
        }
        // Validation, configuration and UserSig errors say what they are ("invalid request
        // for ...", "configuration: ...", "UserSig: ..."); the others get their kind.
        Error::Validation(_) | Error::Config(_) | Error::UserSig(_) => {
            Err(Failure::invalid(e.to_string()))
        }
        _ => Err(Failure::invalid(format!("{} error: {e}", e.kind()))),
    }
}
