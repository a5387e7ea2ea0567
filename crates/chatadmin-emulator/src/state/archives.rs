//! The hourly message archives of `open_msg_svc/get_history`.
//!
//! An archive is built the first time an hour that is over is asked for, from the stores as
//! they are then (one-to-one: [`super::messages`]; group and topic: [`super::group_messages`]),
//! once per (`ChatType`, `MsgTime`), and kept unchanged afterwards, like the service's files
//! ("Message record files are generated every hour"). It is rendered by core's
//! [`chatadmin_core::archive`] writer in the documented layout and gzip-compressed.
//!
//! Emulator choices the page leaves open:
//! - every message sent in the hour is archived, recalled ones included; live groups
//!   (AVChatRoom), which keep no history, have none;
//! - a topic's message has the community's `GroupId` and its topic in `TopicId`;
//! - messages are in time order (then arrival order, or group and `MsgSeq`);
//! - each answer issues a new download name, valid [`URL_VALID_SECS`] (12 hours) by the
//!   emulated clock; afterwards the download answers HTTP 403, like an expired signed URL.

use std::collections::BTreeMap;

use chatadmin_core::api::msg_body::MsgElement;
use chatadmin_core::api::operation::HistoryFile;
use chatadmin_core::archive::{self, ArchiveHeader, ArchivedMsg};
use serde_json::Value;

use super::State;

/// How long a download address stays valid after `get_history` answers it.
pub(crate) const URL_VALID_SECS: u64 = 12 * 3600;

/// The route prefix the files are served under (`GET /__emulator/history/<name>.gz`).
pub(crate) const ROUTE: &str = "history/";

/// One built archive.
#[derive(Debug, Clone)]
pub(crate) struct Archive {
    pub gzip: Vec<u8>,
    /// The sizes and MD5s (`URL` and `ExpireTime` empty).
    pub sums: HistoryFile,
}

/// A download address handed out.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// (`ChatType`, `MsgTime`) of the archive.
    pub archive: (String, String),
    /// Unix seconds after which the download answers 403.
    pub expires: u64,
}

/// What a download of a name gives.
#[derive(Debug)]
pub(crate) enum Download {
    File(Vec<u8>),
    Expired,
    NotFound,
}

/// The archives built so far and the download names given out.
#[derive(Debug, Default)]
pub(crate) struct Archives {
    /// The app (`SdkAppId` of the files).
    pub sdkappid: u64,
    /// `http://HOST:PORT` of the emulator, learnt when its server starts.
    pub base_url: Option<String>,
    /// By (`ChatType`, `MsgTime`); `None`: the hour had no message (it stays without a file).
    built: BTreeMap<(String, String), Option<Archive>>,
    links: BTreeMap<String, Link>,
    next_link: u64,
}

impl Archives {
    /// The archive of (`chat_type`, `msg_time`): `None` when not built yet, `Some(None)` when
    /// built for an hour without messages.
    pub fn get(&self, chat_type: &str, msg_time: &str) -> Option<Option<&Archive>> {
        self.built
            .get(&(chat_type.to_owned(), msg_time.to_owned()))
            .map(Option::as_ref)
    }

    /// Keeps a built archive (or the fact that the hour had no message).
    pub fn insert(&mut self, chat_type: &str, msg_time: &str, a: Option<Archive>) {
        self.built
            .insert((chat_type.to_owned(), msg_time.to_owned()), a);
    }

    /// A new download name for the archive, valid until `expires`; returns the URL.
    pub fn link(&mut self, chat_type: &str, msg_time: &str, expires: u64) -> String {
        self.next_link += 1;
        let name = format!(
            "{}_{chat_type}_{msg_time}_{}.gz",
            self.sdkappid, self.next_link
        );
        self.links.insert(
            name.clone(),
            Link {
                archive: (chat_type.to_owned(), msg_time.to_owned()),
                expires,
            },
        );
        let base = self.base_url.as_deref().unwrap_or("http://127.0.0.1");
        format!("{base}/__emulator/{ROUTE}{name}")
    }

    /// The file behind a download name at `now`.
    pub fn download(&self, name: &str, now: u64) -> Download {
        let Some(link) = self.links.get(name) else {
            return Download::NotFound;
        };
        if now > link.expires {
            return Download::Expired;
        }
        match self.built.get(&link.archive) {
            Some(Some(a)) => Download::File(a.gzip.clone()),
            _ => Download::NotFound,
        }
    }
}

fn body_of(v: &Value) -> Vec<MsgElement> {
    // Stored bodies were checked by core when sent; an element it cannot type is kept whole.
    match v {
        Value::Array(items) => items
            .iter()
            .map(|e| {
                serde_json::from_value(e.clone()).unwrap_or_else(|_| match e {
                    Value::Object(o) => MsgElement::Other(o.clone()),
                    _ => MsgElement::Other(Default::default()),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The messages of one hour, `[start, start + 3600)`, in archive order.
pub(crate) fn messages_of_hour(state: &State, group: bool, start: u64) -> Vec<ArchivedMsg> {
    let in_hour = |t: u64| t >= start && t < start + 3600;
    if !group {
        let mut msgs: Vec<_> = state.messages.all().filter(|m| in_hour(m.time)).collect();
        msgs.sort_by_key(|m| (m.time, m.order));
        return msgs
            .into_iter()
            .map(|m| {
                let mut a = ArchivedMsg::c2c(
                    &m.from,
                    &m.to,
                    m.time,
                    u64::from(m.seq),
                    u64::from(m.random),
                    m.body.clone(),
                );
                if let Some(c) = &m.cloud_custom_data {
                    a.extra
                        .insert("CloudCustomData".to_owned(), Value::String(c.clone()));
                }
                a
            })
            .collect();
    }
    let mut out: Vec<(u64, ArchivedMsg)> = Vec::new();
    for (id, g) in &state.groups {
        let stores = std::iter::once((None, &g.messages.main))
            .chain(g.messages.topics.iter().map(|(t, s)| (Some(t), s)));
        for (topic, store) in stores {
            for m in store.history.values().filter(|m| in_hour(m.time)) {
                let mut a = ArchivedMsg::group(&m.from, id, m.time, m.seq, body_of(&m.body));
                if let Some(t) = topic {
                    a.extra
                        .insert("TopicId".to_owned(), Value::String(t.clone()));
                }
                if let Some(c) = &m.cloud_custom_data {
                    a.extra
                        .insert("CloudCustomData".to_owned(), Value::String(c.clone()));
                }
                out.push((m.time, a));
            }
        }
    }
    // Stable: groups in ID order, each store in `MsgSeq` order.
    out.sort_by_key(|(t, _)| *t);
    out.into_iter().map(|(_, a)| a).collect()
}

/// Builds the archive of an hour from the stores; `None` when the hour has no message.
pub(crate) fn build(state: &State, chat_type: &str, msg_time: &str, start: u64) -> Option<Archive> {
    let msgs = messages_of_hour(state, chat_type == "Group", start);
    if msgs.is_empty() {
        return None;
    }
    let header = ArchiveHeader::new(state.archives.sdkappid, chat_type, msg_time);
    // Compressing into memory cannot fail.
    let (gzip, sums) = archive::build_gzip(&header, &msgs).ok()?;
    Some(Archive { gzip, sums })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_expire_and_unknown_names_are_not_found() {
        let mut a = Archives {
            sdkappid: 1400000000,
            base_url: Some("http://127.0.0.1:9".into()),
            ..Default::default()
        };
        a.insert(
            "C2C",
            "2015120121",
            Some(Archive {
                gzip: vec![1, 2, 3],
                sums: HistoryFile::default(),
            }),
        );
        let url = a.link("C2C", "2015120121", 100);
        assert_eq!(
            url,
            "http://127.0.0.1:9/__emulator/history/1400000000_C2C_2015120121_1.gz"
        );
        let name = url.rsplit('/').next().unwrap();
        assert!(matches!(a.download(name, 100), Download::File(b) if b == [1, 2, 3]));
        assert!(matches!(a.download(name, 101), Download::Expired));
        assert!(matches!(a.download("nope.gz", 0), Download::NotFound));
    }
}
