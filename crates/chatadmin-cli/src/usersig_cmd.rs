//! `chatadmin usersig ...`

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use chatadmin_core::usersig::{self, Expected, Room, UserbufCheck};
use chatadmin_core::SecretKey;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::{read_input, Failure};

#[derive(Debug, Subcommand)]
pub enum UsersigCmd {
    /// Print a new UserSig.
    Gen {
        #[command(flatten)]
        app: AppArgs,
        /// Validity in seconds (default 180 days, as the official generators).
        #[arg(long, default_value_t = usersig::DEFAULT_EXPIRE_SECS)]
        expire: u64,
        /// Signing time as Unix seconds (default: now).
        #[arg(long)]
        time: Option<u64>,
        /// Binary userbuf, as standard base64.
        #[arg(long, value_name = "B")]
        userbuf_base64: Option<String>,
    },
    /// Verify a UserSig: exit 0 when valid, else exit 1 naming the failed check.
    Verify {
        #[command(flatten)]
        app: AppArgs,
        /// The time to check expiry against, as Unix seconds (default: now).
        #[arg(long)]
        now: Option<u64>,
        /// The userbuf the UserSig must carry, as standard base64 (default: none).
        #[arg(long, value_name = "B")]
        userbuf_base64: Option<String>,
        /// The UserSig (`-` or absent: read it from standard input).
        sig: Option<String>,
    },
    /// Print the decoded UserSig as JSON (no key needed).
    Inspect {
        /// The UserSig (`-` or absent: read it from standard input).
        sig: Option<String>,
    },
    /// Print a PrivateMapKey (room privileges) for a user.
    PrivateMapKey {
        #[command(flatten)]
        app: AppArgs,
        /// Numeric room id.
        #[arg(
            long,
            conflicts_with = "room_str",
            required_unless_present = "room_str"
        )]
        room_id: Option<u32>,
        /// String room id.
        #[arg(long)]
        room_str: Option<String>,
        /// Privileges: a number (255, 0xff) or names joined by commas (create, enter,
        /// send-audio, recv-audio, send-video, recv-video, send-substream, recv-substream,
        /// all).
        #[arg(long, default_value = "all", value_name = "MAP")]
        privileges: String,
        /// Validity in seconds (default 180 days).
        #[arg(long, default_value_t = usersig::DEFAULT_EXPIRE_SECS)]
        expire: u64,
        /// Signing time as Unix seconds (default: now).
        #[arg(long)]
        time: Option<u64>,
    },
}

#[derive(Debug, Args)]
pub struct AppArgs {
    /// The app's SDKAppID.
    #[arg(long)]
    sdkappid: u64,
    /// The app's secret key (or the environment variable CHATADMIN_SECRET_KEY, which keeps
    /// it out of shell history).
    #[arg(long, env = "CHATADMIN_SECRET_KEY", hide_env_values = true)]
    key: String,
    /// The UserID the signature is for.
    #[arg(long)]
    identifier: String,
}

impl AppArgs {
    fn key(&self) -> Result<SecretKey, Failure> {
        if self.key.is_empty() {
            return Err(Failure::usage("the secret key is empty"));
        }
        Ok(SecretKey::new(self.key.clone()))
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn decode_userbuf(b64: Option<&str>) -> Result<Option<Vec<u8>>, Failure> {
    b64.map(|b| {
        base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .map_err(|e| Failure::usage(format!("--userbuf-base64 is not standard base64: {e}")))
    })
    .transpose()
}

fn read_sig(arg: Option<&str>) -> Result<String, Failure> {
    let text = match arg {
        Some(s) if s != "-" => s.to_owned(),
        _ => String::from_utf8(read_input(None)?)
            .map_err(|_| Failure::invalid("the UserSig is not UTF-8 text"))?,
    };
    Ok(text.trim().to_owned())
}

/// Parses `--privileges`.
pub fn parse_privileges(s: &str) -> Result<u32, Failure> {
    let t = s.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u32::from_str_radix(hex, 16)
            .map_err(|_| Failure::usage(format!("--privileges {s:?} is not a hex number")));
    }
    if let Ok(n) = t.parse::<u32>() {
        return Ok(n);
    }
    let mut bits = 0;
    for name in t.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        bits |= match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "create" => usersig::PRIV_CREATE,
            "enter" => usersig::PRIV_ENTER,
            "send-audio" => usersig::PRIV_SEND_AUDIO,
            "recv-audio" => usersig::PRIV_RECV_AUDIO,
            "send-video" => usersig::PRIV_SEND_VIDEO,
            "recv-video" => usersig::PRIV_RECV_VIDEO,
            "send-substream" => usersig::PRIV_SEND_SUBSTREAM,
            "recv-substream" => usersig::PRIV_RECV_SUBSTREAM,
            "all" => usersig::PRIV_ALL,
            other => {
                return Err(Failure::usage(format!(
                    "--privileges: unknown privilege {other:?} (use a number or create, enter, send-audio, recv-audio, send-video, recv-video, send-substream, recv-substream, all)"
                )))
            }
        };
    }
    if bits == 0 {
        return Err(Failure::usage("--privileges names no privilege"));
    }
    Ok(bits)
}

pub fn run(cmd: UsersigCmd) -> Result<(), Failure> {
    match cmd {
        UsersigCmd::Gen {
            app,
            expire,
            time,
            userbuf_base64,
        } => {
            let key = app.key()?;
            let t = time.unwrap_or_else(now);
            let sig = match decode_userbuf(userbuf_base64.as_deref())? {
                Some(buf) => usersig::generate_with_userbuf(
                    &key,
                    app.sdkappid,
                    &app.identifier,
                    expire,
                    t,
                    &buf,
                ),
                None => usersig::generate(&key, app.sdkappid, &app.identifier, expire, t),
            };
            println!("{}", sig.expose_secret());
            Ok(())
        }
        UsersigCmd::Verify {
            app,
            now: at,
            userbuf_base64,
            sig,
        } => {
            let key = app.key()?;
            let sig = read_sig(sig.as_deref())?;
            let userbuf = decode_userbuf(userbuf_base64.as_deref())?;
            let expected = Expected {
                sdkappid: app.sdkappid,
                identifier: &app.identifier,
                now: at.unwrap_or_else(now),
                userbuf: match &userbuf {
                    Some(b) => UserbufCheck::Exact(b),
                    None => UserbufCheck::Absent,
                },
            };
            match usersig::verify(&key, &sig, &expected) {
                Ok(d) => {
                    println!(
                        "valid: identifier {:?}, sdkappid {}, expires {} ({})",
                        d.identifier,
                        d.sdkappid,
                        d.expires_at(),
                        usersig::format_unix_utc(d.expires_at())
                    );
                    Ok(())
                }
                Err(e) => Err(Failure::invalid(format!(
                    "invalid UserSig ({}): {e}",
                    e.failure().as_str()
                ))),
            }
        }
        UsersigCmd::Inspect { sig } => {
            let sig = read_sig(sig.as_deref())?;
            let d = usersig::inspect(&sig)
                .map_err(|e| Failure::invalid(format!("cannot decode UserSig: {e}")))?;
            println!("{}", pretty(&inspect_json(&d)));
            Ok(())
        }
        UsersigCmd::PrivateMapKey {
            app,
            room_id,
            room_str,
            privileges,
            expire,
            time,
        } => {
            let key = app.key()?;
            let room = match (room_id, room_str) {
                (Some(id), None) => Room::Numeric(id),
                (None, Some(s)) => Room::Str(s),
                _ => {
                    return Err(Failure::usage(
                        "give exactly one of --room-id and --room-str",
                    ))
                }
            };
            let bits = parse_privileges(&privileges)?;
            let sig = usersig::private_map_key(
                &key,
                app.sdkappid,
                &app.identifier,
                &room,
                bits,
                expire,
                time.unwrap_or_else(now),
            )
            .map_err(|e| Failure::invalid(e.to_string()))?;
            println!("{}", sig.expose_secret());
            Ok(())
        }
    }
}

/// The decoded document plus readable times and, for a PrivateMapKey, its decoded userbuf.
fn inspect_json(d: &usersig::DecodedUserSig) -> Value {
    let mut v = d.to_json();
    if let Value::Object(map) = &mut v {
        map.insert("issued_at".into(), json!(usersig::format_unix_utc(d.time)));
        map.insert(
            "expires_at".into(),
            json!(usersig::format_unix_utc(d.expires_at())),
        );
        if let Some(Ok(pm)) = d.private_map() {
            let room = match &pm.room {
                Room::Numeric(n) => json!({ "room_id": n }),
                Room::Str(s) => json!({ "room_str": s }),
            };
            map.insert(
                "private_map".into(),
                json!({
                    "version": pm.version,
                    "identifier": pm.identifier,
                    "sdkappid": pm.sdkappid,
                    "room": room,
                    "expire_at": pm.expire_at,
                    "expires_at": usersig::format_unix_utc(u64::from(pm.expire_at)),
                    "privileges": pm.privileges,
                    "account_type": pm.account_type,
                }),
            );
        }
    }
    v
}

pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privileges_accept_numbers_hex_and_names() {
        assert_eq!(parse_privileges("255").unwrap(), 255);
        assert_eq!(parse_privileges("0x0F").unwrap(), 15);
        assert_eq!(parse_privileges("create,enter").unwrap(), 3);
        assert_eq!(parse_privileges("send_audio, recv-audio").unwrap(), 12);
        assert_eq!(parse_privileges("all").unwrap(), 255);
        assert!(parse_privileges("fly").is_err());
        assert!(parse_privileges(",").is_err());
    }
}
