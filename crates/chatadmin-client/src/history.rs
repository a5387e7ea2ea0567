//! The hourly message archives of `open_msg_svc/get_history`: download, verify, read.
//!
//! `get_history` answers download addresses (`download.tim.qq.com`, COS, or the emulator);
//! the files are gzip of the documented JSON, one message a line, and an hour of a big app
//! is gigabytes. So everything here streams:
//!
//! - [`Client::download_history`] copies one file to any [`Write`] (or
//!   [`Client::download_history_to`] to a path), checking `GzipSize`/`GzipMD5` as the bytes
//!   pass; a mismatch is an [`Error::Decode`] naming the field;
//! - [`read_history_file`] reads a downloaded file message by message (core's
//!   [`ArchiveReader`](chatadmin_core::archive::ArchiveReader) over gunzip), checking
//!   `FileSize`/`FileMD5` (and the gzip sums) when the end is reached;
//! - [`Client::read_history`] does all three for an hour: `get_history`, then each file
//!   streamed from the network through both checks, without touching the disk.
//!
//! The download GET goes to whatever host the service names, through the client's proxy and
//! with its timeouts (the connect timeout, and the attempt timeout for the answer and for
//! each read of the body, not for the whole file); it carries no UserSig, and errors show the
//! address without its query string (a signed address's signature stays out of logs).
//!
//! ```no_run
//! use chatadmin_client::api::operation::ChatType;
//! # fn demo(client: &chatadmin_client::Client) -> chatadmin_client::Result<()> {
//! for msg in client.read_history(ChatType::C2C, "2015120121")? {
//!     let msg = msg?;
//!     println!("{} -> {:?}: {:?}", msg.from_account, msg.to_account, msg.msg_body);
//! }
//! # Ok(()) }
//! ```

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chatadmin_core::api::operation::{ChatType, GetHistory, HistoryFile};
use chatadmin_core::archive::{self, ArchiveHeader, ArchivedMsg, GzipArchive, Layer, Verified};
use chatadmin_core::{DecodeError, Error, TransportError};

use crate::{transport, Client, Result};

/// A downloaded archive being read: an iterator of messages (see [`read_history_file`]).
pub type HistoryFileReader = GzipArchive<File>;

/// The address without its query string or fragment, for messages.
fn shown(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].to_owned()
}

fn io_transport(what: String, e: std::io::Error) -> Error {
    let mut t = TransportError::new(format!("{what}: {e}"));
    t.source = Some(Box::new(e));
    Error::Transport(t)
}

impl Client {
    /// Starts the GET of an archive address: the response, its status checked.
    fn history_get(&self, url: &str) -> Result<reqwest::blocking::Response> {
        let shown = shown(url);
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(DecodeError::new(
                Some(archive::ENDPOINT),
                format!("URL: {shown:?} is not an http(s) address"),
            )
            .into());
        }
        tracing::debug!(url = %shown, "downloading a message archive");
        let resp = self
            .inner
            .http
            .get(url)
            .send()
            .map_err(|e| transport::from_reqwest(e, &shown, "downloading the archive").error)?;
        let status = resp.status().as_u16();
        if status != 200 {
            let why = if status == 403 {
                "; the address may have expired (ExpireTime): ask get_history for a new one"
            } else {
                ""
            };
            let mut t =
                TransportError::new(format!("HTTP status {status} downloading the archive{why}"));
            t.url = Some(shown);
            t.status = Some(status);
            return Err(Error::Transport(t));
        }
        Ok(resp)
    }

    /// Downloads one archive file to `out`, checking its `GzipSize` and `GzipMD5` as the
    /// bytes pass (a file longer than announced stops at once). Returns the bytes written.
    /// `out` receives the compressed file as downloaded; on an error it may hold part of it.
    pub fn download_history<W: Write>(&self, file: &HistoryFile, out: W) -> Result<u64> {
        let mut resp = self.history_get(&file.url)?;
        let mut w = Verified::new(out, Some(Layer::Gzip.expected(file)));
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(archive::io_error(e)),
            };
            if let Err(e) = w.write_all(&buf[..n]) {
                // A failed size check, or the destination refusing the bytes.
                return Err(match archive::io_error(e) {
                    Error::Decode(d) => Error::Decode(d),
                    Error::Transport(t) => io_transport(
                        "writing the archive".into(),
                        std::io::Error::other(t.message),
                    ),
                    other => other,
                });
            }
        }
        let size = w.tally().len();
        let mut out = w.finish()?;
        out.flush()
            .map_err(|e| io_transport("writing the archive".into(), e))?;
        Ok(size)
    }

    /// Downloads one archive file to `path`, verified ([`Client::download_history`]). The
    /// bytes go to `path` + `.part` first, renamed to `path` once both checks passed, so
    /// `path` only ever holds a complete, verified file.
    pub fn download_history_to(&self, file: &HistoryFile, path: impl AsRef<Path>) -> Result<u64> {
        let path = path.as_ref();
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = PathBuf::from(part);
        let f = File::create(&part)
            .map_err(|e| io_transport(format!("cannot create {}", part.display()), e))?;
        let result = self
            .download_history(file, std::io::BufWriter::new(f))
            .and_then(|n| {
                std::fs::rename(&part, path)
                    .map_err(|e| io_transport(format!("cannot rename to {}", path.display()), e))
                    .map(|_| n)
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&part);
        }
        result
    }

    /// Reads an hour's archive: `get_history` for (`chat_type`, `msg_time`), then every file
    /// it names, streamed from the network through gunzip, all four sums checked, one message
    /// at a time. An hour without a file is the service's error (1004 not generated or no
    /// message, 1005 expired).
    pub fn read_history(&self, chat_type: ChatType, msg_time: &str) -> Result<HourArchive> {
        let resp = self.execute(&GetHistory::new(chat_type, msg_time))?;
        Ok(HourArchive {
            client: self.clone(),
            files: resp.file.into_iter(),
            current: None,
            failed: false,
        })
    }
}

/// Opens a downloaded archive file for reading, message by message. With `file` (the
/// `get_history` entry it was downloaded from), the gzip and JSON sizes and MD5s are checked
/// when the iteration reaches the end; a mismatch is an error naming the field.
pub fn read_history_file(
    path: impl AsRef<Path>,
    file: Option<&HistoryFile>,
) -> Result<HistoryFileReader> {
    let path = path.as_ref();
    let f =
        File::open(path).map_err(|e| io_transport(format!("cannot open {}", path.display()), e))?;
    archive::open_gzip(f, file)
}

/// The messages of an hour ([`Client::read_history`]): every file in turn, streamed.
pub struct HourArchive {
    client: Client,
    files: std::vec::IntoIter<HistoryFile>,
    current: Option<GzipArchive<reqwest::blocking::Response>>,
    failed: bool,
}

impl std::fmt::Debug for HourArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HourArchive")
            .field("files_left", &self.files.len())
            .field("header", &self.header())
            .finish()
    }
}

impl HourArchive {
    /// The header of the file being read (`None` before the first message and at the end).
    pub fn header(&self) -> Option<&ArchiveHeader> {
        self.current.as_ref().map(|r| r.header())
    }
}

impl Iterator for HourArchive {
    type Item = Result<ArchivedMsg>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            if let Some(r) = &mut self.current {
                match r.next() {
                    Some(Ok(m)) => return Some(Ok(m)),
                    Some(Err(e)) => {
                        self.failed = true;
                        return Some(Err(e));
                    }
                    None => self.current = None,
                }
            }
            let file = self.files.next()?;
            let opened = self
                .client
                .history_get(&file.url)
                .and_then(|resp| archive::open_gzip(resp, Some(&file)));
            match opened {
                Ok(r) => self.current = Some(r),
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}
