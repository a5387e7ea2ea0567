//! UserSig (TLSSigAPIv2, HMAC-SHA256): generating, inspecting and verifying, plus the
//! PrivateMapKey userbuf for TRTC room privileges.
//!
//! A UserSig is `base64*(zlib(JSON))`, where `base64*` is standard base64 with `+/=` replaced
//! by `*-_`, and the JSON carries the fields and `TLS.sig`, an HMAC-SHA256 over a fixed text
//! made from those fields. The clock is always an argument, so every function here is pure.
//!
//! Generation follows the official libraries exactly (same content, same `TLS.sig`); decoding
//! accepts every form real generators emit (any key order or spacing, any zlib level, numbers
//! written as strings, missing padding, the plain base64 alphabet) and rejects anything else
//! with an error that says which layer or field is wrong. Errors and `Debug` output never
//! contain the key, the UserSig text or `TLS.sig`.

/// The validity the official libraries use when none is given: 180 days.
pub const DEFAULT_EXPIRE_SECS: u64 = 15_552_000;

mod encoding;
mod error;
mod generate;
mod inspect;
mod private_map_key;
mod signer;
mod verify;

pub use encoding::ZlibLevel;
pub use error::{format_unix_utc, MalformedStage, UserSigError, VerifyFailure};
pub use generate::{generate, generate_with_userbuf};
pub use inspect::{inspect, DecodedUserSig};
pub use private_map_key::{
    parse_private_map_userbuf, private_map_key, private_map_userbuf, PrivateMap, Room, PRIV_ALL,
    PRIV_CREATE, PRIV_ENTER, PRIV_RECV_AUDIO, PRIV_RECV_SUBSTREAM, PRIV_RECV_VIDEO,
    PRIV_SEND_AUDIO, PRIV_SEND_SUBSTREAM, PRIV_SEND_VIDEO,
};
pub use signer::Signer;
pub use verify::{verify, Expected, UserbufCheck};

/// The only `TLS.ver` this module understands.
const VERSION: &str = "2.0";
