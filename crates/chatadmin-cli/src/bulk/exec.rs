//! Sending the batches, `--jobs` at a time, and reading per-item results.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

use chatadmin_client::Client;
use chatadmin_core::codes::{self, Scope};
use chatadmin_core::Error;
use serde_json::Value;

use super::input::body;
use super::journal::Book;
use super::progress::Progress;
use super::{text, Common, Item, Job, Kind};
use crate::Failure;

/// A per-item failure: the item, the code (`null` when the service gives none), the text.
pub(super) struct ItemFailure {
    pub(super) index: usize,
    pub(super) code: Option<i64>,
    pub(super) info: String,
    pub(super) kind: &'static str,
}

pub(super) enum Outcome {
    Done(Vec<ItemFailure>),
    Stop(Error),
}

#[derive(Default)]
pub(super) struct Report {
    pub(super) batches_sent: u64,
    pub(super) stopped: Option<String>,
}

/// Sends the items the journal does not record as done, in batches, `--jobs` at a time.
pub(super) fn execute(
    job: &Job,
    client: &Client,
    items: &[Item],
    book: &mut Book,
    common: &Common,
) -> Result<Report, Failure> {
    let mut report = Report::default();
    // Items refused before sending are recorded first, as one journal entry.
    let refused: Vec<ItemFailure> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !book.done[*i])
        .filter_map(|(index, it)| {
            let (kind, why) = it.rejected.as_ref()?;
            Some(ItemFailure {
                index,
                code: None,
                info: why.clone(),
                kind,
            })
        })
        .collect();
    if !refused.is_empty() {
        let indices: Vec<usize> = refused.iter().map(|f| f.index).collect();
        book.record(&indices, &refused, items)?;
    }
    let batches = plan(job, items, &book.done);
    let mut progress = Progress::new(
        common.progress,
        job.name,
        items.len() as u64,
        book.done_count(),
    );
    progress.update(book.done_count(), book.failed);
    let queue = Mutex::new(batches.into_iter().collect::<VecDeque<_>>());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(Vec<usize>, Outcome)>();
    let mut write_error = None;
    std::thread::scope(|s| {
        for _ in 0..common.jobs {
            let tx = tx.clone();
            let (queue, stop) = (&queue, &stop);
            s.spawn(move || loop {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let next = queue.lock().map(|mut q| q.pop_front()).unwrap_or(None);
                let Some(batch) = next else { break };
                let outcome = send(job, client, items, &batch);
                if matches!(outcome, Outcome::Stop(_)) {
                    // Set here, not when the outcome is read: otherwise this worker could send
                    // its next batch before the reader stops the job.
                    stop.store(true, Ordering::SeqCst);
                }
                if tx.send((batch, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (batch, outcome) in rx {
            report.batches_sent += 1;
            match outcome {
                Outcome::Done(failures) => {
                    if let Err(e) = book.record(&batch, &failures, items) {
                        stop.store(true, Ordering::SeqCst);
                        write_error.get_or_insert(e);
                    }
                }
                Outcome::Stop(e) => {
                    stop.store(true, Ordering::SeqCst);
                    report.stopped.get_or_insert_with(|| e.to_string());
                }
            }
            progress.update(book.done_count(), book.failed);
        }
    });
    progress.finish(book.done_count(), book.failed);
    match write_error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

/// The batches for the items not done: in input order, grouped by `From_Account` (first
/// appearance first) where the job has one, each at most the declared batch size.
pub(super) fn plan(job: &Job, items: &[Item], done: &[bool]) -> Vec<Vec<usize>> {
    let pending = (0..items.len()).filter(|i| !done[*i] && items[*i].rejected.is_none());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    if matches!(job.kind, Kind::FriendAdd | Kind::FriendImport) {
        let mut at: HashMap<String, usize> = HashMap::new();
        for i in pending {
            let g = *at.entry(items[i].group.to_string()).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
    } else {
        groups.push(pending.collect());
    }
    groups
        .iter()
        .flat_map(|g| g.chunks(job.batch_size).map(<[usize]>::to_vec))
        .collect()
}

/// One call for one batch, and what it says about each item.
pub(super) fn send(job: &Job, client: &Client, items: &[Item], batch: &[usize]) -> Outcome {
    let refs: Vec<&Item> = batch.iter().map(|i| &items[*i]).collect();
    let path = job.endpoint.meta().path;
    let resp = match client.call_json(path, body(job, &refs[0].group, &refs)) {
        Ok(resp) => resp,
        Err(e) => {
            // An error about the request's content (the service's or endpoint's own codes)
            // is every item's failure; anything else (credentials, permissions, rate, the
            // network) would fail every other batch too, so the job stops.
            let about_items = match e.root() {
                Error::Api(api) => matches!(
                    codes::lookup(Some(path), api.code).map(|c| c.scope),
                    Some(Scope::Service(_) | Scope::Endpoint(_))
                )
                .then(|| (api.code, api.info.clone())),
                _ => None,
            };
            return match about_items {
                Some((code, info)) => Outcome::Done(
                    batch
                        .iter()
                        .map(|&index| ItemFailure {
                            index,
                            code: Some(code),
                            info: info.clone(),
                            kind: "call",
                        })
                        .collect(),
                ),
                None => Outcome::Stop(e),
            };
        }
    };
    let by_id: HashMap<String, usize> = batch.iter().map(|&i| (items[i].id(job.kind), i)).collect();
    let mut failures = Vec::new();
    if let Some(list) = resp.get("FailAccounts").and_then(Value::as_array) {
        for id in list.iter().map(text) {
            if let Some(&index) = by_id.get(&id) {
                failures.push(ItemFailure {
                    index,
                    code: None,
                    info: "listed in FailAccounts: not imported".into(),
                    kind: "item",
                });
            }
        }
    }
    for r in resp
        .get("ResultItem")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let code = r.get("ResultCode").and_then(Value::as_i64).unwrap_or(0);
        let id = r.get(job.kind.id_field()).map(text).unwrap_or_default();
        if let (true, Some(&index)) = (code != 0, by_id.get(&id)) {
            let info = r.get("ResultInfo").map(text).unwrap_or_default();
            failures.push(ItemFailure {
                index,
                code: Some(code),
                info,
                kind: "item",
            });
        }
    }
    let mut once = HashSet::new();
    failures.retain(|f| once.insert(f.index));
    Outcome::Done(failures)
}
