//! PrivateMapKey: the TRTC room-privilege userbuf, built and parsed.

use super::error::{field_error, invalid_input, UserSigError};
use super::generate::generate_with_userbuf;
use crate::secret::{SecretKey, UserSig};

/// PrivateMapKey privilege: create the room.
pub const PRIV_CREATE: u32 = 1;
/// PrivateMapKey privilege: enter the room.
pub const PRIV_ENTER: u32 = 2;
/// PrivateMapKey privilege: send audio.
pub const PRIV_SEND_AUDIO: u32 = 4;
/// PrivateMapKey privilege: receive audio.
pub const PRIV_RECV_AUDIO: u32 = 8;
/// PrivateMapKey privilege: send video.
pub const PRIV_SEND_VIDEO: u32 = 16;
/// PrivateMapKey privilege: receive video.
pub const PRIV_RECV_VIDEO: u32 = 32;
/// PrivateMapKey privilege: send the sub-stream (screen sharing).
pub const PRIV_SEND_SUBSTREAM: u32 = 64;
/// PrivateMapKey privilege: receive the sub-stream (screen sharing).
pub const PRIV_RECV_SUBSTREAM: u32 = 128;
/// PrivateMapKey privileges: all of the above.
pub const PRIV_ALL: u32 = 255;

/// A TRTC room id: TRTC has numeric rooms and string rooms, encoded differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Room {
    /// A numeric room id (userbuf version 0).
    Numeric(u32),
    /// A string room id (userbuf version 1).
    Str(String),
}

/// The decoded PrivateMapKey userbuf.
#[derive(Debug, Clone, PartialEq)]
pub struct PrivateMap {
    /// 0 for a numeric room, 1 for a string room.
    pub version: u8,
    /// The account the key is for.
    pub identifier: String,
    /// The app.
    pub sdkappid: u32,
    /// The room.
    pub room: Room,
    /// Absolute expiry, Unix seconds.
    pub expire_at: u32,
    /// Privilege bits (`PRIV_*`).
    pub privileges: u32,
    /// Always 0 in practice; kept so that parsing is lossless.
    pub account_type: u32,
}

/// Builds the PrivateMapKey userbuf (big-endian layout of the TRTC spec).
///
/// Fails with [`UserSigError::InvalidInput`] when a value does not fit its field: `sdkappid`
/// or `expire_at` above `u32::MAX`, or the identifier or room string longer than 65535 bytes.
pub fn private_map_userbuf(
    sdkappid: u64,
    identifier: &str,
    room: &Room,
    privileges: u32,
    expire_at: u64,
) -> Result<Vec<u8>, UserSigError> {
    let sdkappid = u32::try_from(sdkappid)
        .map_err(|_| invalid_input(format!("sdkappid {sdkappid} does not fit in 32 bits")))?;
    let expire_at = u32::try_from(expire_at).map_err(|_| {
        invalid_input(format!(
            "expiry {expire_at} does not fit in 32 bits (a PrivateMapKey cannot last past 2106)"
        ))
    })?;
    let account_len = u16::try_from(identifier.len()).map_err(|_| {
        invalid_input(format!(
            "identifier is {} bytes long, at most 65535 fit in a PrivateMapKey",
            identifier.len()
        ))
    })?;
    let (version, room_num, room_str) = match room {
        Room::Numeric(n) => (0u8, *n, None),
        Room::Str(s) => {
            let len = u16::try_from(s.len()).map_err(|_| {
                invalid_input(format!(
                    "room id is {} bytes long, at most 65535 fit in a PrivateMapKey",
                    s.len()
                ))
            })?;
            (1u8, 0, Some((len, s.as_bytes())))
        }
    };

    let mut buf = Vec::with_capacity(
        1 + 2 + identifier.len() + 20 + room_str.map_or(0, |(_, s)| 2 + s.len()),
    );
    buf.push(version);
    buf.extend_from_slice(&account_len.to_be_bytes());
    buf.extend_from_slice(identifier.as_bytes());
    buf.extend_from_slice(&sdkappid.to_be_bytes());
    buf.extend_from_slice(&room_num.to_be_bytes());
    buf.extend_from_slice(&expire_at.to_be_bytes());
    buf.extend_from_slice(&privileges.to_be_bytes());
    buf.extend_from_slice(&0u32.to_be_bytes()); // account type
    if let Some((len, s)) = room_str {
        buf.extend_from_slice(&len.to_be_bytes());
        buf.extend_from_slice(s);
    }
    Ok(buf)
}

/// Generates a PrivateMapKey: a UserSig whose userbuf grants `privileges` in `room` until
/// `now + expire_secs`.
pub fn private_map_key(
    key: &SecretKey,
    sdkappid: u64,
    identifier: &str,
    room: &Room,
    privileges: u32,
    expire_secs: u64,
    now: u64,
) -> Result<UserSig, UserSigError> {
    let expire_at = now
        .checked_add(expire_secs)
        .ok_or_else(|| invalid_input("time + expire overflows"))?;
    let userbuf = private_map_userbuf(sdkappid, identifier, room, privileges, expire_at)?;
    Ok(generate_with_userbuf(
        key,
        sdkappid,
        identifier,
        expire_secs,
        now,
        &userbuf,
    ))
}

/// A bounds-checked reader, so that truncated input is an error and never a panic.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], UserSigError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(end) => {
                let s = &self.buf[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(field_error(format!(
                "PrivateMapKey userbuf is truncated: {} bytes, {what} needs {n} more from offset {}",
                self.buf.len(),
                self.pos
            ))),
        }
    }

    fn u8(&mut self, what: &str) -> Result<u8, UserSigError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, UserSigError> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, UserSigError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn utf8(&mut self, n: usize, what: &str) -> Result<String, UserSigError> {
        let b = self.take(n, what)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| field_error(format!("PrivateMapKey {what} is not valid UTF-8")))
    }
}

/// Parses a PrivateMapKey userbuf, strictly: unknown versions, truncation, trailing bytes,
/// invalid UTF-8 and a non-zero numeric room next to a string room are all
/// [`UserSigError::Malformed`] (stage `Field`).
pub fn parse_private_map_userbuf(buf: &[u8]) -> Result<PrivateMap, UserSigError> {
    let mut r = Reader { buf, pos: 0 };
    let version = r.u8("the version")?;
    if version > 1 {
        return Err(field_error(format!(
            "PrivateMapKey userbuf version is {version}, expected 0 (numeric room) or 1 (string room)"
        )));
    }
    let account_len = r.u16("the account length")?;
    let identifier = r.utf8(usize::from(account_len), "account")?;
    let sdkappid = r.u32("the sdkappid")?;
    let room_num = r.u32("the room id")?;
    let expire_at = r.u32("the expiry")?;
    let privileges = r.u32("the privilege map")?;
    let account_type = r.u32("the account type")?;
    let room = if version == 0 {
        Room::Numeric(room_num)
    } else {
        if room_num != 0 {
            return Err(field_error(format!(
                "PrivateMapKey userbuf has a string room but numeric room id {room_num}, expected 0"
            )));
        }
        let len = r.u16("the room string length")?;
        Room::Str(r.utf8(usize::from(len), "room string")?)
    };
    let rest = buf.len() - r.pos;
    if rest != 0 {
        return Err(field_error(format!(
            "PrivateMapKey userbuf has {rest} unexpected bytes after its last field"
        )));
    }
    Ok(PrivateMap {
        version,
        identifier,
        sdkappid,
        room,
        expire_at,
        privileges,
        account_type,
    })
}
