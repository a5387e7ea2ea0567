//! The hourly message archive that `open_msg_svc/get_history` points to, sans-IO.
//!
//! The service's page ("Format of Message Record Files") documents the file: gzip of one
//! JSON document whose first line is the header and the opening of the list,
//! `{"SdkAppId":1104620500,"ChatType":"C2C","MsgTime":"2015120121","MsgList":[`, then one
//! message per line, comma-separated, and a last line ending with `]}`. An hour of a big app
//! is gigabytes, so [`ArchiveReader`] reads it one line at a time (memory bounded by the
//! longest message); a file not in that layout (one document on one line, or pretty-printed)
//! is read as a whole document instead.
//!
//! [`Verified`] counts and hashes the bytes that pass through it (a `Read` or a `Write`) and,
//! at the end, compares them with what [`HistoryFile`] announced: `GzipSize`/`GzipMD5` for
//! the compressed bytes, `FileSize`/`FileMD5` for the decompressed ones; a mismatch is a
//! [`DecodeError`] naming the field. [`open_gzip`] stacks both checks under a reader.
//!
//! [`ArchiveWriter`] renders the documented layout byte for byte (the emulator builds its
//! archives with it).
//!
//! ```
//! use chatadmin_core::archive::{self, ArchiveHeader, ArchivedMsg};
//! use chatadmin_core::api::msg_body::MsgElement;
//! let header = ArchiveHeader::new(1400000000, "C2C", "2015120121");
//! let msg = ArchivedMsg::c2c("alice", "bob", 1448974806, 7, 42, vec![MsgElement::text("hi")]);
//! let (gz, file) = archive::build_gzip(&header, [&msg]).unwrap();
//! let mut r = archive::open_gzip(&gz[..], Some(&file)).unwrap();
//! assert_eq!(r.header().msg_time, "2015120121");
//! let back: Vec<ArchivedMsg> = r.by_ref().collect::<Result<_, _>>().unwrap();
//! assert_eq!(back, vec![msg]);
//! ```

use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};

use md5::{Digest, Md5};

use crate::api::msg_body::MsgElement;
use crate::api::operation::HistoryFile;
use crate::declare::response;
use crate::error::{DecodeError, Error, TransportError};

/// The endpoint whose files these are (named in decode errors).
pub const ENDPOINT: &str = "open_msg_svc/get_history";

/// The first line of an archive: which app, which messages, which hour.
#[response(item)]
pub struct ArchiveHeader {
    /// The app.
    #[serde(rename = "SdkAppId")]
    pub sdk_app_id: u64,
    /// `C2C` or `Group`.
    #[serde(rename = "ChatType")]
    pub chat_type: String,
    /// The hour, `YYYYMMDDHH` (Beijing time).
    #[serde(rename = "MsgTime")]
    pub msg_time: String,
}

impl ArchiveHeader {
    /// A header.
    pub fn new(
        sdk_app_id: u64,
        chat_type: impl Into<String>,
        msg_time: impl Into<String>,
    ) -> ArchiveHeader {
        ArchiveHeader {
            sdk_app_id,
            chat_type: chat_type.into(),
            msg_time: msg_time.into(),
            extra: Default::default(),
        }
    }
}

/// One archived message. One-to-one messages have `To_Account` and `MsgRandom`, group
/// messages `GroupId`; fields the page does not list are kept in `extra`.
#[response(item)]
pub struct ArchivedMsg {
    /// The sender.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The recipient (one-to-one messages).
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    /// The group (group messages).
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    /// When it was sent, unix seconds.
    #[serde(rename = "MsgTimestamp")]
    pub msg_timestamp: u64,
    /// The message's sequence number.
    #[serde(rename = "MsgSeq")]
    pub msg_seq: u64,
    /// The message's random number (one-to-one messages).
    #[serde(rename = "MsgRandom")]
    pub msg_random: Option<u64>,
    /// The body.
    #[serde(rename = "MsgBody")]
    pub msg_body: Vec<MsgElement>,
}

impl ArchivedMsg {
    /// A one-to-one message.
    pub fn c2c(
        from: impl Into<String>,
        to: impl Into<String>,
        timestamp: u64,
        seq: u64,
        random: u64,
        body: Vec<MsgElement>,
    ) -> ArchivedMsg {
        ArchivedMsg {
            from_account: from.into(),
            to_account: Some(to.into()),
            msg_timestamp: timestamp,
            msg_seq: seq,
            msg_random: Some(random),
            msg_body: body,
            ..Default::default()
        }
    }

    /// A group message.
    pub fn group(
        from: impl Into<String>,
        group_id: impl Into<String>,
        timestamp: u64,
        seq: u64,
        body: Vec<MsgElement>,
    ) -> ArchivedMsg {
        ArchivedMsg {
            from_account: from.into(),
            group_id: Some(group_id.into()),
            msg_timestamp: timestamp,
            msg_seq: seq,
            msg_body: body,
            ..Default::default()
        }
    }
}

fn decode(message: impl Into<String>) -> DecodeError {
    DecodeError::new(Some(ENDPOINT), message)
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes an archive in the documented layout: the header line, one message a line separated
/// by commas, and `]}` on the last line (followed by a newline).
#[derive(Debug)]
pub struct ArchiveWriter<W: Write> {
    out: W,
    count: u64,
}

impl<W: Write> ArchiveWriter<W> {
    /// Starts an archive: writes the header line.
    pub fn new(mut out: W, header: &ArchiveHeader) -> io::Result<Self> {
        let mut line = serde_json::to_vec(header).map_err(io::Error::other)?;
        // `{...}` becomes `{...,"MsgList":[`.
        line.pop();
        out.write_all(&line)?;
        out.write_all(b",\"MsgList\":[\n")?;
        Ok(ArchiveWriter { out, count: 0 })
    }

    /// Appends a message.
    pub fn push(&mut self, msg: &ArchivedMsg) -> io::Result<()> {
        if self.count > 0 {
            self.out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut self.out, msg).map_err(io::Error::other)?;
        self.count += 1;
        Ok(())
    }

    /// How many messages were written.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Closes the list and the document; gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.count > 0 {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(b"]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The archive of `msgs` (uncompressed JSON, in the documented layout).
pub fn render<'a>(
    header: &ArchiveHeader,
    msgs: impl IntoIterator<Item = &'a ArchivedMsg>,
) -> Vec<u8> {
    // Writing to a Vec cannot fail, and serializing these types cannot either.
    let mut w = match ArchiveWriter::new(Vec::new(), header) {
        Ok(w) => w,
        Err(_) => return Vec::new(),
    };
    for m in msgs {
        let _ = w.push(m);
    }
    w.finish().unwrap_or_default()
}

/// The gzip-compressed archive of `msgs`, with its sizes and MD5s as `get_history` announces
/// them (`URL` and `ExpireTime` left empty for the caller).
pub fn build_gzip<'a>(
    header: &ArchiveHeader,
    msgs: impl IntoIterator<Item = &'a ArchivedMsg>,
) -> io::Result<(Vec<u8>, HistoryFile)> {
    let json = render(header, msgs);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&json)?;
    let gz = enc.finish()?;
    let file = HistoryFile {
        file_size: json.len() as u64,
        file_md5: md5_hex(&json),
        gzip_size: gz.len() as u64,
        gzip_md5: md5_hex(&gz),
        ..Default::default()
    };
    Ok((gz, file))
}

/// Decompresses a whole (small) gzip file, such as one archive held in memory.
pub fn gunzip(gz: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(gz)
        .read_to_end(&mut out)
        .map_err(io_error)?;
    Ok(out)
}

/// The MD5 of `bytes`, as 32 lowercase hex digits (how the service prints it).
pub fn md5_hex(bytes: &[u8]) -> String {
    hex(&Md5::digest(bytes))
}

fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(DIGITS[(x >> 4) as usize] as char);
        s.push(DIGITS[(x & 15) as usize] as char);
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/// Which bytes a size and an MD5 describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The downloaded, compressed file: `GzipSize`, `GzipMD5`.
    Gzip,
    /// The decompressed JSON: `FileSize`, `FileMD5`.
    File,
}

impl Layer {
    /// The field that holds the size.
    pub fn size_field(self) -> &'static str {
        match self {
            Layer::Gzip => "GzipSize",
            Layer::File => "FileSize",
        }
    }

    /// The field that holds the MD5.
    pub fn md5_field(self) -> &'static str {
        match self {
            Layer::Gzip => "GzipMD5",
            Layer::File => "FileMD5",
        }
    }

    /// The expected size and MD5 of this layer, as `file` announces them.
    pub fn expected(self, file: &HistoryFile) -> Expected {
        match self {
            Layer::Gzip => Expected {
                layer: self,
                size: file.gzip_size,
                md5: file.gzip_md5.clone(),
            },
            Layer::File => Expected {
                layer: self,
                size: file.file_size,
                md5: file.file_md5.clone(),
            },
        }
    }
}

/// The size and MD5 a stream must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Which layer.
    pub layer: Layer,
    /// The size, bytes.
    pub size: u64,
    /// The MD5, hex (either case).
    pub md5: String,
}

/// A running count and MD5 of bytes.
#[derive(Clone, Default)]
pub struct Tally {
    md5: Md5,
    len: u64,
}

impl fmt::Debug for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tally").field("len", &self.len).finish()
    }
}

impl Tally {
    /// Adds bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        self.md5.update(bytes);
        self.len += bytes.len() as u64;
    }

    /// How many bytes so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether no byte was seen.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The MD5 of the bytes so far, hex.
    pub fn md5_hex(&self) -> String {
        hex(&self.md5.clone().finalize())
    }

    /// An error when more bytes than expected were seen already.
    pub fn check_not_over(&self, e: &Expected) -> Result<(), DecodeError> {
        if self.len > e.size {
            return Err(decode(format!(
                "{}: the file has more than the {} bytes announced (at least {})",
                e.layer.size_field(),
                e.size,
                self.len
            )));
        }
        Ok(())
    }

    /// Compares the complete stream with what was announced; the error names the field that
    /// did not match (the size first).
    pub fn check(&self, e: &Expected) -> Result<(), DecodeError> {
        if self.len != e.size {
            return Err(decode(format!(
                "{}: the file has {} bytes, {} were announced (truncated or corrupted)",
                e.layer.size_field(),
                self.len,
                e.size
            )));
        }
        let got = self.md5_hex();
        if !got.eq_ignore_ascii_case(e.md5.trim()) {
            return Err(decode(format!(
                "{}: the file's MD5 is {got}, {:?} was announced (corrupted)",
                e.layer.md5_field(),
                e.md5
            )));
        }
        Ok(())
    }
}

/// A `Read` or `Write` that counts and hashes what passes through it and, at the end
/// (reading: end of file; writing: [`Verified::finish`]), checks it against [`Expected`].
#[derive(Debug)]
pub struct Verified<T> {
    inner: T,
    tally: Tally,
    expected: Option<Expected>,
    checked: bool,
}

impl<T> Verified<T> {
    /// Wraps `inner`; with `expected` `None` it only counts and hashes.
    pub fn new(inner: T, expected: Option<Expected>) -> Verified<T> {
        Verified {
            inner,
            tally: Tally::default(),
            expected,
            checked: false,
        }
    }

    /// The count and MD5 so far (the MD5 is computed only when an expectation was given).
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// The wrapped value.
    pub fn get_ref(&self) -> &T {
        &self.inner
    }

    /// Checks the bytes seen against what was expected and gives the wrapped value back.
    pub fn finish(self) -> Result<T, DecodeError> {
        if let Some(e) = &self.expected {
            self.tally.check(e)?;
        }
        Ok(self.inner)
    }
}

fn invalid(e: DecodeError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl<R: Read> Read for Verified<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            if !self.checked {
                self.checked = true;
                if let Some(e) = &self.expected {
                    self.tally.check(e).map_err(invalid)?;
                }
            }
            return Ok(0);
        }
        self.pass(&buf[..n])?;
        Ok(n)
    }
}

impl<T> Verified<T> {
    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &self.expected {
            Some(e) => {
                self.tally.update(bytes);
                self.tally.check_not_over(e).map_err(invalid)
            }
            None => {
                self.tally.len += bytes.len() as u64;
                Ok(())
            }
        }
    }
}

impl<W: Write> Write for Verified<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.pass(&buf[..n])?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The [`Error`] for an I/O error met while reading an archive: a failed check or a broken
/// gzip stream is a decode error; anything else (the disk, the network) a transport error.
pub fn io_error(e: io::Error) -> Error {
    let kind = e.kind();
    if e.get_ref().is_some_and(|i| i.is::<DecodeError>()) {
        if let Some(inner) = e.into_inner() {
            if let Ok(d) = inner.downcast::<DecodeError>() {
                return Error::Decode(*d);
            }
        }
        return Error::Decode(decode("unreadable archive"));
    }
    match kind {
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
            Error::Decode(decode(format!("the file is not a valid gzip archive: {e}")))
        }
        io::ErrorKind::UnexpectedEof => Error::Decode(decode(format!(
            "the gzip stream ends early (truncated download?): {e}"
        ))),
        io::ErrorKind::TimedOut => Error::Timeout(transport(e)),
        _ => Error::Transport(transport(e)),
    }
}

fn transport(e: io::Error) -> TransportError {
    let mut t = TransportError::new(format!("reading the archive: {e}"));
    t.source = Some(Box::new(e));
    t
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

enum Mode {
    Lines,
    Whole(std::vec::IntoIter<ArchivedMsg>),
    Done,
}

/// Reads an archive (decompressed) one message at a time: [`ArchiveReader::header`] is the
/// first line, and iterating gives the messages in file order. After the closing `]}` it
/// reads on to the end of the file (which must hold only whitespace), so the checks of a
/// [`Verified`] below it run. The first error ends the iteration.
pub struct ArchiveReader<R: BufRead> {
    src: R,
    header: ArchiveHeader,
    mode: Mode,
    line_no: u64,
    buf: Vec<u8>,
    count: u64,
}

impl<R: BufRead> fmt::Debug for ArchiveReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArchiveReader")
            .field("header", &self.header)
            .field("line", &self.line_no)
            .field("read", &self.count)
            .finish()
    }
}

fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// Splits a whole document into its header and messages.
fn split_document(doc: &[u8]) -> Result<(ArchiveHeader, Vec<ArchivedMsg>), DecodeError> {
    let mut value: serde_json::Value = serde_json::from_slice(doc).map_err(|e| {
        decode(format!(
            "the archive is neither in the documented line layout nor one JSON document: {e}"
        ))
    })?;
    let list = match value.as_object_mut() {
        Some(o) => o.shift_remove("MsgList"),
        None => return Err(decode("the archive is not a JSON object")),
    };
    let header: ArchiveHeader = serde_path_to_error::deserialize(value)
        .map_err(|e| decode(format!("the header: {}: {}", e.path(), e.inner())))?;
    let msgs: Vec<ArchivedMsg> = match list {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(l) => serde_path_to_error::deserialize(l)
            .map_err(|e| decode(format!("MsgList{}: {}", index_path(&e), e.inner())))?,
    };
    Ok((header, msgs))
}

fn index_path<E>(e: &serde_path_to_error::Error<E>) -> String {
    let p = e.path().to_string();
    if p == "." {
        String::new()
    } else if p.starts_with('[') {
        p
    } else {
        format!(".{p}")
    }
}

impl<R: BufRead> ArchiveReader<R> {
    /// Reads the header. An empty source, or one that is not an archive, is an error.
    pub fn new(mut src: R) -> Result<Self, Error> {
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            buf.clear();
            let n = src.read_until(b'\n', &mut buf).map_err(io_error)?;
            if n == 0 {
                return Err(decode("the archive is empty (no header line)").into());
            }
            line_no += 1;
            if !trim(&buf).is_empty() {
                break;
            }
        }
        let first = trim(&buf);
        if first.ends_with(b"[") {
            let mut probe = first.to_vec();
            probe.extend_from_slice(b"]}");
            if let Ok((header, msgs)) = split_document(&probe) {
                if msgs.is_empty() {
                    return Ok(ArchiveReader {
                        src,
                        header,
                        mode: Mode::Lines,
                        line_no,
                        buf,
                        count: 0,
                    });
                }
            }
        }
        // Not the line layout: the whole document.
        src.read_to_end(&mut buf).map_err(io_error)?;
        let (header, msgs) = split_document(&buf)?;
        Ok(ArchiveReader {
            src,
            header,
            mode: Mode::Whole(msgs.into_iter()),
            line_no,
            buf: Vec::new(),
            count: 0,
        })
    }

    /// The header (the first line).
    pub fn header(&self) -> &ArchiveHeader {
        &self.header
    }

    /// How many messages were read so far.
    pub fn messages_read(&self) -> u64 {
        self.count
    }

    /// The reader below.
    pub fn get_ref(&self) -> &R {
        &self.src
    }

    fn fail(&mut self, e: impl Into<Error>) -> Option<Result<ArchivedMsg, Error>> {
        self.mode = Mode::Done;
        Some(Err(e.into()))
    }

    /// After the closing `]}`: the rest must be whitespace; reading it to the end runs the
    /// checks below.
    fn drain(&mut self) -> Result<(), Error> {
        loop {
            let chunk = self.src.fill_buf().map_err(io_error)?;
            if chunk.is_empty() {
                return Ok(());
            }
            if !chunk.iter().all(u8::is_ascii_whitespace) {
                return Err(decode(format!(
                    "line {}: data after the closing `]}}`",
                    self.line_no + 1
                ))
                .into());
            }
            let n = chunk.len();
            self.src.consume(n);
        }
    }

    fn parse(&self, line: &[u8]) -> Result<ArchivedMsg, DecodeError> {
        // The fast path; on a failure, parse again to name the field.
        if let Ok(m) = serde_json::from_slice::<ArchivedMsg>(line) {
            return Ok(m);
        }
        let at = |path: String, e: &serde_json::Error| {
            decode(format!(
                "line {} (message {}){path}: {e}",
                self.line_no,
                self.count + 1,
            ))
        };
        let mut de = serde_json::Deserializer::from_slice(line);
        let msg: ArchivedMsg = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = match e.path().to_string().as_str() {
                "." => String::new(),
                p => format!(", at {p}"),
            };
            at(path, e.inner())
        })?;
        de.end().map_err(|e| at(String::new(), &e))?;
        Ok(msg)
    }

    fn next_line(&mut self) -> Option<Result<ArchivedMsg, Error>> {
        loop {
            self.buf.clear();
            let n = match self.src.read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(e) => return self.fail(io_error(e)),
            };
            if n == 0 {
                let e = decode(format!(
                    "the archive ends after line {} without its closing `]}}` (truncated)",
                    self.line_no
                ));
                return self.fail(e);
            }
            self.line_no += 1;
            let buf = std::mem::take(&mut self.buf);
            let r = self.line(trim(&buf));
            self.buf = buf;
            match r {
                Some(r) => return Some(r),
                None if matches!(self.mode, Mode::Done) => return None,
                None => continue,
            }
        }
    }

    /// One trimmed line: a message, the end (`None` with the mode `Done`), or nothing (`None`:
    /// a blank line).
    fn line(&mut self, line: &[u8]) -> Option<Result<ArchivedMsg, Error>> {
        if line.is_empty() {
            return None;
        }
        if line == b"]}" {
            self.mode = Mode::Done;
            return self.drain().err().map(Err);
        }
        let (body, comma) = match line.strip_suffix(b",") {
            Some(b) => (b, true),
            None => (line, false),
        };
        let first = self.parse(body);
        let msg = match first {
            Ok(m) => m,
            // The last message with the closing `]}` on its line.
            Err(e) => match body.strip_suffix(b"]}") {
                Some(last) if !comma => match self.parse(last) {
                    Ok(m) => {
                        self.mode = Mode::Done;
                        if let Err(e) = self.drain() {
                            return Some(Err(e));
                        }
                        m
                    }
                    Err(_) => return self.fail(e),
                },
                _ => return self.fail(e),
            },
        };
        self.count += 1;
        Some(Ok(msg))
    }
}

impl<R: BufRead> Iterator for ArchiveReader<R> {
    type Item = Result<ArchivedMsg, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.mode {
            Mode::Done => None,
            Mode::Whole(it) => {
                let m = it.next();
                if m.is_some() {
                    self.count += 1;
                } else {
                    self.mode = Mode::Done;
                }
                m.map(Ok)
            }
            Mode::Lines => self.next_line(),
        }
    }
}

/// A `File` entry of `get_history`'s answer as a caller hands it back (from a binding, the
/// C API, a saved answer): a JSON object with the wire names (`URL`, `GzipSize`, ...) or their
/// snake_case forms (`url`, `gzip_size`, ...). `URL`, `GzipSize` and `GzipMD5` are needed to
/// download; without `FileMD5` the decompressed bytes are not checked. `at` names the
/// argument in errors.
///
/// ```
/// let f = chatadmin_core::archive::history_file_from_json(
///     serde_json::json!({"url": "https://h/x.gz", "gzip_size": 3, "GzipMD5": "ab"}), "file").unwrap();
/// assert_eq!((f.url.as_str(), f.gzip_size), ("https://h/x.gz", 3));
/// let e = chatadmin_core::archive::history_file_from_json(serde_json::json!({"URL": "u"}), "file");
/// assert!(e.unwrap_err().to_string().contains("file.GzipSize"));
/// ```
pub fn history_file_from_json(v: serde_json::Value, at: &str) -> Result<HistoryFile, Error> {
    use crate::error::ValidationError;
    const FIELDS: [&str; 6] = [
        "URL",
        "ExpireTime",
        "FileSize",
        "FileMD5",
        "GzipSize",
        "GzipMD5",
    ];
    let serde_json::Value::Object(o) = v else {
        return Err(ValidationError::new(
            at,
            "must be a File entry of get_history's answer (an object with URL, GzipSize, GzipMD5)",
        )
        .into());
    };
    let mut wire = serde_json::Map::new();
    for (k, v) in o {
        let name = FIELDS
            .iter()
            .find(|w| **w == k || crate::schema::snake_case(w) == k)
            .map_or(k, |w| (*w).to_owned());
        wire.insert(name, v);
    }
    for required in ["URL", "GzipSize", "GzipMD5"] {
        if !wire.contains_key(required) {
            return Err(ValidationError::new(
                format!("{at}.{required}"),
                "is missing: pass a File entry of get_history's answer",
            )
            .into());
        }
    }
    serde_path_to_error::deserialize(serde_json::Value::Object(wire)).map_err(|e| {
        ValidationError::new(format!("{at}.{}", e.path()), e.inner().to_string()).into()
    })
}

/// The reader [`open_gzip`] returns: an archive over gunzip, each layer checked.
pub type GzipArchive<R> =
    ArchiveReader<BufReader<Verified<flate2::read::MultiGzDecoder<Verified<R>>>>>;

/// Reads a downloaded (gzip-compressed) archive. With `file`, the compressed bytes are checked
/// against its `GzipSize`/`GzipMD5` and the decompressed ones against `FileSize`/`FileMD5`
/// (when `FileMD5` is given) when the end is reached (iterate to the end to have them
/// checked); a mismatch is an error naming the field.
pub fn open_gzip<R: Read>(gz: R, file: Option<&HistoryFile>) -> Result<GzipArchive<R>, Error> {
    let outer = Verified::new(gz, file.map(|f| Layer::Gzip.expected(f)));
    let inner = Verified::new(
        flate2::read::MultiGzDecoder::new(outer),
        file.filter(|f| !f.file_md5.is_empty())
            .map(|f| Layer::File.expected(f)),
    );
    ArchiveReader::new(BufReader::with_capacity(64 * 1024, inner))
}
