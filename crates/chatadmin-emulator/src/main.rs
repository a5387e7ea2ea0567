//! `chatadmin-emulator`: the offline Tencent Cloud Chat REST API emulator as a process.
//! See the library documentation of `chatadmin_emulator` for the options and routes.

use clap::Parser;

/// Offline emulator of the Tencent Cloud Chat server REST API, for tests.
#[derive(Debug, Parser)]
#[command(name = "chatadmin-emulator", version, about)]
struct Cli {
    #[command(flatten)]
    args: chatadmin_emulator::cli::Args,
}

fn main() -> std::process::ExitCode {
    chatadmin_emulator::cli::run(Cli::parse().args)
}
