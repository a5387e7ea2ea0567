//! `chatadmin send`: one message from the command line, one-to-one (to one account or, with
//! several `--to`, a batch send) or to a group, for operations work. The body is built from
//! core's message types and sent through the same validated path as `chatadmin call`, so the
//! documented rules (the 12 KB limit, one custom element) apply; `MsgRandom`/`Random` are drawn
//! once, so a retry never sends a second copy the service could not deduplicate.

use clap::Args;
use serde_json::{json, Value};

use chatadmin_core::api::msg_body::MsgElement;

use crate::call_cmd::{client_from_env, failure};
use crate::usersig_cmd::pretty;
use crate::Failure;

/// The arguments of `chatadmin send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The sender's UserID; without it the app's admin account sends.
    #[arg(long)]
    from: Option<String>,
    /// A recipient's UserID; repeat it to send to several accounts (openim/batchsendmsg).
    #[arg(long, conflicts_with = "group", required_unless_present = "group")]
    to: Vec<String>,
    /// The group to send to (group_open_http_svc/send_group_msg).
    #[arg(long)]
    group: Option<String>,
    /// The text of the message (a TIMTextElem).
    #[arg(required_unless_present = "custom", conflicts_with = "custom")]
    text: Option<String>,
    /// Send a TIMCustomElem carrying this data instead of text.
    #[arg(long)]
    custom: Option<String>,
}

/// The wire path and the request body the arguments describe.
fn request(args: &SendArgs) -> Result<(&'static str, Value), Failure> {
    let element = match (&args.text, &args.custom) {
        (Some(t), None) => MsgElement::text(t.clone()),
        (None, Some(d)) => MsgElement::custom(d.clone()),
        _ => return Err(Failure::usage("give either a text or --custom DATA")),
    };
    let body = serde_json::to_value([element])
        .map_err(|e| Failure::invalid(format!("the message body: {e}")))?;
    let mut req = match (&args.group, args.to.as_slice()) {
        (Some(g), _) => json!({"GroupId": g, "MsgBody": body}),
        (None, [one]) => json!({"To_Account": one, "MsgBody": body}),
        (None, many) => json!({"To_Account": many, "MsgBody": body}),
    };
    if let Some(from) = &args.from {
        req["From_Account"] = json!(from);
    }
    let path = match (&args.group, args.to.len()) {
        (Some(_), _) => "group_open_http_svc/send_group_msg",
        (None, 1) => "openim/sendmsg",
        (None, _) => "openim/batchsendmsg",
    };
    Ok((path, req))
}

/// Sends the message and prints the service's answer (`MsgKey`/`MsgTime`, or `MsgSeq` for a
/// group; a batch send's `ErrorList` names the accounts that did not get it).
pub fn run(args: SendArgs) -> Result<(), Failure> {
    let client = client_from_env()?;
    let (path, body) = request(&args)?;
    match client.call_json(path, body) {
        Ok(resp) => {
            println!("{}", pretty(&resp));
            Ok(())
        }
        Err(e) => failure(e),
    }
}
