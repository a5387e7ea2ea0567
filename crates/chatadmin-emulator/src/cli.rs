//! The `chatadmin-emulator` command line, reusable by other commands (`chatadmin emulator`
//! flattens [`Args`] into its subcommand).
//!
//! ```no_run
//! use clap::Parser;
//!
//! #[derive(Parser)]
//! struct Cli {
//!     #[command(flatten)]
//!     emulator: chatadmin_emulator::cli::Args,
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     chatadmin_emulator::cli::run(Cli::parse().emulator)
//! }
//! ```

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use chatadmin_core::SecretKey;

use crate::{Emulator, EmulatorConfig, RateLimitMode};

/// Options of the emulator. `Debug` never shows the key.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// SDKAppID of the emulated app.
    #[arg(long)]
    pub sdkappid: u64,

    /// Secret key of the emulated app (UserSigs must be signed with it).
    #[arg(
        long,
        env = "CHATADMIN_SECRET_KEY",
        hide_env_values = true,
        value_parser = parse_key
    )]
    pub key: SecretKey,

    /// The app admin account, the only identifier allowed to call.
    #[arg(long, default_value = "administrator")]
    pub admin: String,

    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,

    /// Whether the documented per-API rate limits apply (60007 beyond them).
    #[arg(long, value_enum, default_value_t = RateLimitMode::Documented)]
    pub rate_limit: RateLimitMode,
}

/// Never echoes the value in an error (clap prints the value of a rejected argument).
fn parse_key(s: &str) -> Result<SecretKey, String> {
    if s.is_empty() {
        Err("the secret key must not be empty".to_owned())
    } else {
        Ok(SecretKey::new(s))
    }
}

impl Args {
    /// The configuration these options describe.
    pub fn config(&self) -> EmulatorConfig {
        let mut c = EmulatorConfig::new(self.sdkappid, self.key.clone());
        c.admin = self.admin.clone();
        c.listen = self.listen;
        c.rate_limit = self.rate_limit;
        c
    }
}

/// Starts the emulator, prints `listening on http://HOST:PORT` as the first line on stdout
/// (flushed), then serves until the process is killed. Returns only on failure to start.
pub fn run(args: Args) -> ExitCode {
    let emu = match Emulator::start(args.config()) {
        Ok(emu) => emu,
        Err(e) => {
            eprintln!("chatadmin-emulator: cannot start on {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        if writeln!(out, "listening on {}", emu.base_url())
            .and_then(|()| out.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    let rate_limit = match args.rate_limit {
        RateLimitMode::Documented => "documented",
        RateLimitMode::Off => "off",
    };
    eprintln!(
        "chatadmin-emulator: SDKAppID {}, admin {:?}, rate limit {rate_limit}; test control routes under {}/__emulator/",
        emu.sdkappid(),
        emu.admin(),
        emu.base_url()
    );
    loop {
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn parses_with_defaults_and_hides_the_key() {
        let cli =
            Cli::try_parse_from(["x", "--sdkappid", "1400000000", "--key", "s3cr3t-key"]).unwrap();
        let c = cli.args.config();
        assert_eq!(c.sdkappid, 1400000000);
        assert_eq!(c.admin, "administrator");
        assert_eq!(c.listen.to_string(), "127.0.0.1:0");
        assert_eq!(c.rate_limit, RateLimitMode::Documented);
        assert!(!format!("{cli:?}").contains("s3cr3t"));
        let cli = Cli::try_parse_from([
            "x",
            "--sdkappid",
            "1",
            "--key",
            "k",
            "--rate-limit",
            "off",
            "--admin",
            "root",
            "--listen",
            "127.0.0.1:5000",
        ])
        .unwrap();
        assert_eq!(cli.args.rate_limit, RateLimitMode::Off);
        assert_eq!(cli.args.admin, "root");
        assert!(Cli::try_parse_from(["x", "--sdkappid", "1", "--key", ""]).is_err());
    }
}
