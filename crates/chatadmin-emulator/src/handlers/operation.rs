//! Operations data: `open_msg_svc/get_history`, the download list of an hour's message
//! archive.
//!
//! An hour that is over and at most seven days old answers one file: the archive of that
//! hour's one-to-one or group messages, built from the emulator's stores the first time it is
//! asked for and then kept unchanged (see [`crate::state::archives`]), downloadable without a
//! UserSig at `GET /__emulator/history/<name>.gz` on the emulator's own address until its
//! `ExpireTime` (12 hours after the answer, Beijing time `YYYY-MM-DD hh:mm:ss`; afterwards
//! HTTP 403). An hour not over yet, or one without messages, answers 1004 ("The file has not
//! been generated yet, or no message is delivered in the requested period"); an hour more
//! than seven days old 1005 ("File expired"). A malformed `MsgTime` or `ChatType` is 1002
//! ("Invalid parameter").

use chatadmin_core::api::operation::{GetHistory, GetHistoryResponse, HistoryFile};
use chatadmin_core::clock::{archive_hour_start, beijing_datetime};
use chatadmin_core::error::ValidationError;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::{Ctx, Emulate};
use crate::state::archives::{self, URL_VALID_SECS};
use crate::state::State;

/// "Invalid parameter. Check whether the account is the admin, required fields are specified,
/// and the values meet protocol requirements."
pub(crate) const INVALID_PARAMETER: i64 = 1002;
/// "The file has not been generated yet, or no message is delivered in the requested period."
const NOT_GENERATED: i64 = 1004;
/// "File expired."
const EXPIRED: i64 = 1005;

/// "The message record files are valid for only seven days".
const KEPT_SECS: u64 = 7 * 24 * 3600;
/// `open_msg_svc.get_history` page: files are made hourly once the hour is over ("the data
/// generated at midnight (00:00-00:59) will be processed from 01:00") and kept seven days.
/// An hour not over yet, or one without messages: 1004; an hour more than seven days old:
/// 1005; otherwise the hour's file, built once.
impl Emulate for GetHistory {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetHistoryResponse, Failure> {
        let start = archive_hour_start(&self.msg_time).ok_or_else(|| {
            Failure::new(
                INVALID_PARAMETER,
                format!("MsgTime {:?} is not an hour", self.msg_time),
            )
        })?;
        let end = start + 3600;
        if end + KEPT_SECS <= ctx.now {
            return Err(Failure::new(
                EXPIRED,
                format!(
                    "the archive of {} expired (files are kept seven days)",
                    self.msg_time
                ),
            ));
        }
        let chat_type = self.chat_type.as_str();
        let not_generated = |why: &str| {
            Failure::new(
                NOT_GENERATED,
                format!("no file for {chat_type} {}: {why}", self.msg_time),
            )
        };
        if end > ctx.now {
            return Err(not_generated(
                "the hour is not over yet; its file is made after it ends",
            ));
        }
        if state.archives.get(chat_type, &self.msg_time).is_none() {
            let built = archives::build(state, chat_type, &self.msg_time, start);
            state.archives.insert(chat_type, &self.msg_time, built);
        }
        let sums = match state.archives.get(chat_type, &self.msg_time) {
            Some(Some(a)) => a.sums.clone(),
            _ => return Err(not_generated("no message was sent in that hour")),
        };
        let expires = ctx.now + URL_VALID_SECS;
        let url = state.archives.link(chat_type, &self.msg_time, expires);
        Ok(GetHistoryResponse {
            status: ctx.ok(),
            file: vec![HistoryFile {
                url,
                expire_time: beijing_datetime(expires),
                ..sums
            }],
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, _error: &ValidationError) -> Option<i64> {
        Some(INVALID_PARAMETER)
    }
}
