//! `chatadmin history`: the hourly message archives of `open_msg_svc/get_history`.
//!
//! `download` asks for an hour's files and saves each, verified against its `GzipSize` and
//! `GzipMD5` (a file appears only once it passed), printing one JSON line per file with its
//! path and sums; `read` prints the messages of a downloaded file, one JSON object a line,
//! reading it in bounded memory. Both use core's archive rules through the client.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use chatadmin_core::api::operation::{ChatType, GetHistory};

use crate::call_cmd::{client_from_env, failure};
use crate::Failure;

/// The `history` subcommands.
#[derive(Debug, Subcommand)]
pub enum HistoryCmd {
    /// Download the message archive files of one hour (configuration as for `call`), each
    /// checked against its GzipSize and GzipMD5; prints one JSON line per file:
    /// `{"path", "URL", "FileSize", "FileMD5", "GzipSize", "GzipMD5"}`.
    Download(DownloadArgs),
    /// Print the messages of a downloaded archive file (gzip), one JSON object a line.
    Read(ReadArgs),
}

/// Which messages.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Chat {
    /// One-to-one messages.
    #[value(name = "C2C", alias = "c2c")]
    C2c,
    /// Group messages.
    #[value(name = "Group", alias = "group")]
    Group,
}

/// The arguments of `chatadmin history download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// C2C (one-to-one) or Group.
    #[arg(long)]
    chat_type: Chat,
    /// The hour, YYYYMMDDHH in Beijing time (e.g. 2015120121 for 21:00-21:59 on 2015-12-01);
    /// the last seven days, once the hour is over.
    #[arg(long)]
    hour: String,
    /// The directory to save the files in (created if missing).
    #[arg(short = 'o', long, default_value = ".")]
    dir: PathBuf,
}

/// The arguments of `chatadmin history read`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The downloaded archive file (.gz).
    file: PathBuf,
    /// Print the file's header line ({"SdkAppId", "ChatType", "MsgTime"}) first.
    #[arg(long)]
    header: bool,
}

/// Runs a `history` subcommand.
pub fn run(cmd: HistoryCmd) -> Result<(), Failure> {
    match cmd {
        HistoryCmd::Download(a) => download(a),
        HistoryCmd::Read(a) => read(a),
    }
}

fn download(a: DownloadArgs) -> Result<(), Failure> {
    let client = client_from_env()?;
    let chat_type = match a.chat_type {
        Chat::C2c => ChatType::C2C,
        Chat::Group => ChatType::Group,
    };
    let req = GetHistory::new(chat_type.clone(), a.hour.clone());
    let files = match client.operations().history_files(&req) {
        Ok(r) => r.file,
        Err(e) => return failure(e),
    };
    std::fs::create_dir_all(&a.dir)
        .map_err(|e| Failure::invalid(format!("cannot create {}: {e}", a.dir.display())))?;
    let many = files.len() > 1;
    for (i, f) in files.iter().enumerate() {
        // The page's own example name: 1104620500_Group_2015120121.gz.
        let app = std::env::var("CHATADMIN_SDKAPPID").unwrap_or_default();
        let mut name = format!("{}_{}_{}", app.trim(), chat_type.as_str(), a.hour);
        if many {
            name.push_str(&format!("_{}", i + 1));
        }
        let path = a.dir.join(format!("{name}.gz"));
        if let Err(e) = client.download_history_to(f, &path) {
            return failure(e);
        }
        println!(
            "{}",
            json!({
                "path": path.display().to_string(),
                "URL": f.url,
                "ExpireTime": f.expire_time,
                "FileSize": f.file_size,
                "FileMD5": f.file_md5,
                "GzipSize": f.gzip_size,
                "GzipMD5": f.gzip_md5,
            })
        );
    }
    Ok(())
}

fn read(a: ReadArgs) -> Result<(), Failure> {
    let mut reader = chatadmin_client::read_history_file(&a.file, None)
        .map_err(|e| Failure::invalid(format!("{}: {e}", a.file.display())))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write = |line: String| -> Result<bool, Failure> {
        match writeln!(out, "{line}") {
            Ok(()) => Ok(true),
            // The reader went away (`| head`): stop quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(Failure::invalid(format!("cannot write: {e}"))),
        }
    };
    if a.header {
        let h = serde_json::to_string(reader.header()).unwrap_or_default();
        if !write(h)? {
            return Ok(());
        }
    }
    for msg in reader.by_ref() {
        let msg = msg.map_err(|e| Failure::invalid(format!("{}: {e}", a.file.display())))?;
        let line = serde_json::to_string(&msg)
            .map_err(|e| Failure::invalid(format!("cannot print a message: {e}")))?;
        if !write(line)? {
            return Ok(());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::invalid(format!("cannot write: {e}")))
        }
        _ => Ok(()),
    }
}
