//! # chatadmin-core
//!
//! The sans-IO protocol core of chatadmin, the server-side SDK for the Tencent Cloud Chat
//! (formerly Tencent IM) REST API. No sockets, no threads: everything here is a pure
//! function of its inputs (the clock and random numbers are arguments), so every surface —
//! the Rust client, the C library, the Python package, the CLI and the emulator — shares
//! exactly the same rules.
//!
//! - [`usersig`]: generate, verify and inspect UserSigs and PrivateMapKeys.
//! - [`region`]: regional domains and request URLs.
//! - [`envelope`], [`error`], [`codes`]: the response envelope, the one error type and the
//!   table of documented error codes with their retry classes.
//! - [`api`]: one typed request/response per endpoint; [`registry`]: all of them by wire path.

// The declaration macros expand to `::chatadmin_core::..` paths, which this makes work here too.
extern crate self as chatadmin_core;

pub mod api;
pub mod archive;
pub mod clock;
pub mod codes;
pub mod declare;
pub mod endpoint;
pub mod enums;
pub mod envelope;
pub mod error;
pub mod lenient;
pub mod region;
pub mod registry;
pub mod schema;
pub mod secret;
pub mod usersig;
pub mod validate;

pub use endpoint::{ApiRequest, ApiResponse, Area, EndpointMeta, Idempotency, Paginated};
pub use envelope::ResponseStatus;
pub use error::{
    ApiError, DecodeError, Error, ErrorKind, PartialFailure, Result, TransportError,
    ValidationError,
};
pub use secret::{SecretKey, UserSig};
