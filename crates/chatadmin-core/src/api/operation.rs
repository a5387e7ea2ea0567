//! Operations data: the download list of the hourly message archives
//! (`open_msg_svc/get_history`).

use crate::declare::{endpoint, response, Path};
use crate::error::ValidationError;
use crate::wire_enum;

wire_enum! {
    /// Which messages an archive holds.
    pub enum ChatType {
        /// One-to-one messages.
        C2C = "C2C",
        /// Group messages.
        Group = "Group",
    }
}

const HISTORY_DOC: &str = "https://intl.cloud.tencent.com/document/product/1047/34885";

/// `MsgTime`: the hour as `YYYYMMDDHH` ("2015120121 indicates ... 21:00 to 21:59 on December
/// 1, 2015"), ten digits naming a real date and an hour 00 to 23.
pub fn check_msg_time(s: &str, at: &Path<'_>) -> Result<(), ValidationError> {
    let bad = |why: &str| {
        ValidationError::new(
            at.render(),
            format!("is {s:?}; {why}: MsgTime is an hour as YYYYMMDDHH, e.g. \"2015120121\" (see {HISTORY_DOC})"),
        )
    };
    if s.len() != 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("not ten digits"));
    }
    if crate::clock::archive_hour_start(s).is_none() {
        return Err(bad("not a real date and hour 00 to 23"));
    }
    Ok(())
}

/// Reads the download addresses of the message archive of one hour of the last seven days
/// (`v4/open_msg_svc/get_history`): one-to-one (`C2C`) or group messages. The files are
/// gzip-compressed JSON, one message a line; an hour not archived yet (or without messages)
/// answers 1004, an expired one 1005.
///
/// ```
/// use chatadmin_core::api::operation::{ChatType, GetHistory};
/// let req = GetHistory::new(ChatType::C2C, "2015120121");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({"ChatType": "C2C", "MsgTime": "2015120121"}));
/// let e = chatadmin_core::registry::encode_request(&GetHistory::new(ChatType::Group, "2015123124"))
///     .unwrap_err();
/// assert!(e.to_string().contains("MsgTime"), "{e}");
/// ```
#[endpoint(
    path = "open_msg_svc/get_history",
    summary = "Read the download addresses of one hour's message archive",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34885",
    // A read.
    idempotency = Idempotent,
    rate = 10,
    response = GetHistoryResponse
)]
pub struct GetHistory {
    /// `C2C` or `Group`.
    #[serde(rename = "ChatType")]
    pub chat_type: ChatType,
    /// The hour, `YYYYMMDDHH` (Beijing time).
    #[serde(rename = "MsgTime")]
    #[check(check_msg_time)]
    pub msg_time: String,
}

/// One archive file.
#[response(item)]
pub struct HistoryFile {
    /// The download address (it expires).
    #[serde(rename = "URL")]
    pub url: String,
    /// When the address expires, `YYYY-MM-DD hh:mm:ss`.
    #[serde(rename = "ExpireTime")]
    pub expire_time: String,
    /// The size before compression, bytes.
    #[serde(rename = "FileSize")]
    pub file_size: u64,
    /// The MD5 before compression.
    #[serde(rename = "FileMD5")]
    pub file_md5: String,
    /// The compressed size, bytes.
    #[serde(rename = "GzipSize")]
    pub gzip_size: u64,
    /// The MD5 of the compressed file.
    #[serde(rename = "GzipMD5")]
    pub gzip_md5: String,
}

/// The answer to [`GetHistory`]: the files of the hour.
#[response]
pub struct GetHistoryResponse {
    /// The archive files.
    #[serde(rename = "File")]
    pub file: Vec<HistoryFile>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msg_time_is_a_real_hour() {
        for ok in ["2015120121", "2024022923", "2023010100"] {
            check_msg_time(ok, &Path::Root).unwrap();
        }
        for bad in [
            "201512012",
            "2015120124",
            "2023022900",
            "2015130101",
            "20151201xx",
            "",
        ] {
            assert!(check_msg_time(bad, &Path::Root).is_err(), "{bad}");
        }
    }
}
