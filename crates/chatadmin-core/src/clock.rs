//! Calendar times as the service writes them. The hourly message archives name their hour in
//! Beijing time (UTC+8): `MsgTime` is `YYYYMMDDHH` ("2015120121 indicates that messages in
//! the period of 21:00 to 21:59 on December 1, 2015") and `ExpireTime` is
//! `YYYY-MM-DD hh:mm:ss`; our own messages show UTC in RFC 3339. The calendar arithmetic is
//! the `time` crate's.
//!
//! ```
//! use chatadmin_core::clock::{archive_hour, archive_hour_start, beijing_datetime};
//! // 2015-12-01 13:05 UTC is 21:05 in Beijing.
//! assert_eq!(archive_hour(1_448_975_100), "2015120121");
//! assert_eq!(archive_hour_start("2015120121"), Some(1_448_974_800));
//! assert_eq!(archive_hour_start("2015022900"), None); // not a real date
//! assert_eq!(beijing_datetime(1_449_045_923), "2015-12-02 16:45:23");
//! ```

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Beijing time, UTC+8 (no daylight saving).
const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// Renders the calendar fields of `unix` at `offset` (year, month, day, hour, minute, second)
/// with `f`; a time past the year 9999 is shown as its unix seconds instead.
fn at(unix: u64, offset: UtcOffset, f: impl Fn(i32, u8, u8, u8, u8, u8) -> String) -> String {
    let t = i64::try_from(unix)
        .ok()
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok());
    match t.map(|t| t.to_offset(offset)) {
        Some(t) => f(
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
        ),
        None => format!("{unix} (unix seconds)"),
    }
}

/// The archive hour (`MsgTime`, `YYYYMMDDHH`, Beijing time) that holds the unix time `unix`:
/// what `open_msg_svc/get_history` asks for.
pub fn archive_hour(unix: u64) -> String {
    at(unix, BEIJING, |y, mo, d, h, _, _| {
        format!("{y:04}{mo:02}{d:02}{h:02}")
    })
}

/// The unix time at which the archive hour `msg_time` (`YYYYMMDDHH`, Beijing time) starts;
/// `None` unless it is ten digits naming a real date and an hour from 00 to 23 at or after
/// 1970-01-01 08:00.
pub fn archive_hour_start(msg_time: &str) -> Option<u64> {
    if msg_time.len() != 10 || !msg_time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| msg_time[r].parse::<u16>().ok();
    let month = Month::try_from(u8::try_from(num(4..6)?).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::from(num(0..4)?), month, u8::try_from(num(6..8)?).ok()?)
            .ok()?;
    let hour = Time::from_hms(u8::try_from(num(8..10)?).ok()?, 0, 0).ok()?;
    let start = PrimitiveDateTime::new(date, hour).assume_offset(BEIJING);
    u64::try_from(start.unix_timestamp()).ok()
}

/// `YYYY-MM-DD hh:mm:ss` in Beijing time: how the archive list writes `ExpireTime`.
pub fn beijing_datetime(unix: u64) -> String {
    at(unix, BEIJING, |y, mo, d, h, mi, se| {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{se:02}")
    })
}

/// RFC 3339 in UTC (`2020-03-29T06:10:00Z`), for messages a human reads.
pub fn utc_rfc3339(unix: u64) -> String {
    at(unix, UtcOffset::UTC, |y, mo, d, h, mi, se| {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}Z")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_round_trip_through_the_calendar() {
        assert_eq!(archive_hour_start("1970010108"), Some(0));
        assert_eq!(archive_hour_start("1970010107"), None, "before the epoch");
        assert_eq!(
            archive_hour_start("2024022923")
                .map(archive_hour)
                .as_deref(),
            Some("2024022923")
        );
        for bad in [
            "2015120124",
            "2023022900",
            "2015130101",
            "2015000101",
            "201512012",
            "20151201xx",
            "",
        ] {
            assert_eq!(archive_hour_start(bad), None, "{bad}");
        }
        // Every hour of a leap year maps back to itself.
        let start = archive_hour_start("2024010100").unwrap();
        for h in 0..366 * 24 {
            let t = start + h * 3600;
            assert_eq!(archive_hour_start(&archive_hour(t + 1799)), Some(t));
        }
        // 2015-12-01 13:00 UTC is 21:00 in Beijing; 2024-02-29 16:30:05 UTC the next day.
        assert_eq!(beijing_datetime(1_448_974_800), "2015-12-01 21:00:00");
        assert_eq!(beijing_datetime(0), "1970-01-01 08:00:00");
        assert_eq!(beijing_datetime(1_709_224_205), "2024-03-01 00:30:05");
        assert_eq!(utc_rfc3339(1_585_462_200), "2020-03-29T06:10:00Z");
        assert_eq!(utc_rfc3339(0), "1970-01-01T00:00:00Z");
        // Past the year 9999 (a crafted UserSig's expiry): the seconds, not a wrong date.
        assert_eq!(
            utc_rfc3339(u64::MAX),
            format!("{} (unix seconds)", u64::MAX)
        );
        assert_eq!(archive_hour(300_000_000_000), "300000000000 (unix seconds)");
    }
}
