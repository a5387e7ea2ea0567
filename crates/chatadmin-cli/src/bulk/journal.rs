//! The failures file and the journal that makes a job resumable.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::exec::ItemFailure;
use super::Item;
use crate::Failure;

/// The failures file and the journal of one job.
pub(super) struct Book {
    pub(super) failures: File,
    pub(super) journal: File,
    pub(super) failures_len: u64,
    pub(super) done: Vec<bool>,
    pub(super) ok: u64,
    pub(super) failed: u64,
    pub(super) finished: bool,
}

impl Book {
    pub(super) fn open(
        failures: &Path,
        journal: &Path,
        header: &Value,
        resume: bool,
        n: usize,
    ) -> Result<Book, Failure> {
        let io = |p: &Path, e: std::io::Error| Failure::invalid(format!("{}: {e}", p.display()));
        let existing = match std::fs::read(journal) {
            Ok(b) if !b.is_empty() => Some(b),
            Ok(_) => None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(journal, e)),
        };
        let Some(existing) = existing else {
            let mut book = Book {
                failures: File::create(failures).map_err(|e| io(failures, e))?,
                journal: File::create(journal).map_err(|e| io(journal, e))?,
                failures_len: 0,
                done: vec![false; n],
                ok: 0,
                failed: 0,
                finished: false,
            };
            book.append(header)?;
            return Ok(book);
        };
        if !resume {
            return Err(Failure::usage(format!(
                "{} records an earlier run of this job: pass --resume to continue it, or remove it \
                 and {} to start over",
                journal.display(),
                failures.display()
            )));
        }
        let mut book = Book {
            failures: OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(failures)
                .map_err(|e| io(failures, e))?,
            journal: OpenOptions::new()
                .read(true)
                .write(true)
                .open(journal)
                .map_err(|e| io(journal, e))?,
            failures_len: 0,
            done: vec![false; n],
            ok: 0,
            failed: 0,
            finished: false,
        };
        let good_len = book.replay(&existing, header, journal)?;
        book.journal.set_len(good_len).map_err(|e| io(journal, e))?;
        book.journal
            .seek(SeekFrom::End(0))
            .map_err(|e| io(journal, e))?;
        // What was written for a batch the journal does not record is dropped: that batch
        // is sent again.
        let actual = book.failures.metadata().map_err(|e| io(failures, e))?.len();
        if actual < book.failures_len {
            return Err(Failure::invalid(format!(
                "{} is shorter than {} records ({actual} < {} bytes); it was changed since",
                failures.display(),
                journal.display(),
                book.failures_len
            )));
        }
        book.failures
            .set_len(book.failures_len)
            .map_err(|e| io(failures, e))?;
        book.failures
            .seek(SeekFrom::End(0))
            .map_err(|e| io(failures, e))?;
        Ok(book)
    }

    /// Reads a journal back; returns the length of its complete, valid lines.
    pub(super) fn replay(
        &mut self,
        bytes: &[u8],
        header: &Value,
        path: &Path,
    ) -> Result<u64, Failure> {
        let damaged = |line: usize, why: &str| {
            Failure::invalid(format!(
                "{} is damaged at line {line}: {why}",
                path.display()
            ))
        };
        let mut offset = 0u64;
        for (i, raw) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
            if !raw.ends_with(b"\n") {
                break; // cut short by an interruption: not recorded
            }
            let v: Value =
                serde_json::from_slice(raw).map_err(|e| damaged(i + 1, &e.to_string()))?;
            if i == 0 {
                check_header(&v, header, path)?;
            } else if v.get("finished") == Some(&Value::Bool(true)) {
                self.finished = true;
            } else {
                let ranges = v
                    .get("done")
                    .and_then(Value::as_array)
                    .ok_or_else(|| damaged(i + 1, "no `done`"))?;
                for r in ranges {
                    let (s, e) = match (
                        r.get(0).and_then(Value::as_u64),
                        r.get(1).and_then(Value::as_u64),
                    ) {
                        (Some(s), Some(e)) if s < e && e as usize <= self.done.len() => {
                            (s as usize, e as usize)
                        }
                        _ => return Err(damaged(i + 1, "a range outside the input")),
                    };
                    self.done[s..e].iter_mut().for_each(|d| *d = true);
                }
                let num = |k: &str| {
                    v.get(k)
                        .and_then(Value::as_u64)
                        .ok_or_else(|| damaged(i + 1, k))
                };
                self.ok += num("ok")?;
                self.failed += num("failed")?;
                self.failures_len = num("failures_len")?;
            }
            offset += raw.len() as u64;
        }
        if offset == 0 {
            return Err(damaged(1, "no complete header"));
        }
        Ok(offset)
    }

    pub(super) fn done_count(&self) -> u64 {
        self.done.iter().filter(|d| **d).count() as u64
    }

    pub(super) fn append(&mut self, line: &Value) -> Result<(), Failure> {
        let mut b = line.to_string().into_bytes();
        b.push(b'\n');
        self.journal
            .write_all(&b)
            .map_err(|e| Failure::invalid(format!("cannot write the journal: {e}")))
    }

    /// Records a completed batch: its failures first, then the journal entry that makes it
    /// done (with the failures file's new length, so a resume drops anything written after).
    pub(super) fn record(
        &mut self,
        batch: &[usize],
        failures: &[ItemFailure],
        items: &[Item],
    ) -> Result<(), Failure> {
        let mut out = Vec::new();
        for f in failures {
            let it = &items[f.index];
            let line = json!({"line": it.line, "item": it.echo, "code": f.code, "info": f.info, "kind": f.kind});
            out.extend_from_slice(line.to_string().as_bytes());
            out.push(b'\n');
        }
        self.failures
            .write_all(&out)
            .map_err(|e| Failure::invalid(format!("cannot write the failures file: {e}")))?;
        self.failures_len += out.len() as u64;
        let mut sorted = batch.to_vec();
        sorted.sort_unstable();
        let mut ranges: Vec<[usize; 2]> = Vec::new();
        for i in sorted {
            match ranges.last_mut() {
                Some(r) if r[1] == i => r[1] = i + 1,
                _ => ranges.push([i, i + 1]),
            }
            self.done[i] = true;
        }
        let failed = failures.len() as u64;
        let ok = batch.len() as u64 - failed;
        self.ok += ok;
        self.failed += failed;
        let entry =
            json!({"done": ranges, "ok": ok, "failed": failed, "failures_len": self.failures_len});
        self.append(&entry)
    }

    pub(super) fn finish(&mut self) -> Result<(), Failure> {
        self.append(&json!({"finished": true}))?;
        let sync = |f: &File| {
            f.sync_all()
                .map_err(|e| Failure::invalid(format!("cannot sync: {e}")))
        };
        sync(&self.failures)?;
        sync(&self.journal)
    }
}

/// A journal is resumed only by the same job on the same input with the same options.
pub(super) fn check_header(found: &Value, want: &Value, path: &Path) -> Result<(), Failure> {
    for (key, what) in [
        ("chatadmin_bulk_journal", "journal version"),
        ("job", "job"),
        ("endpoint", "endpoint"),
        ("input_sha256", "input file (its content changed)"),
        ("items", "number of items"),
        ("options", "options"),
    ] {
        if found.get(key) != want.get(key) {
            return Err(Failure::usage(format!(
                "{} belongs to another run: the {what} differs ({} there, {} now); remove it and \
                 the failures file to start over",
                path.display(),
                found.get(key).unwrap_or(&Value::Null),
                want.get(key).unwrap_or(&Value::Null)
            )));
        }
    }
    Ok(())
}
