//! The area accessors (`client.friends()`, `client.accounts()`, ...) and the dispatch of
//! [`Client::call_json`], generated from core's single list of endpoints
//! ([`chatadmin_core::for_each_endpoint!`]), so that an endpoint added to core appears here
//! without a line written by hand.
//!
//! Each area is a small struct borrowing the client; its methods are the endpoint methods of
//! the area, each taking the typed request and returning its typed response through
//! [`Client::execute`].
//!
//! ```no_run
//! use chatadmin_client::api::friend::{DeleteType, FriendDelete};
//! # fn demo(client: &chatadmin_client::Client) -> chatadmin_client::Result<()> {
//! let resp = client
//!     .friends()
//!     .delete(&FriendDelete::new("alice", ["bob", "carol"]).delete_type(DeleteType::Both))?;
//! for item in resp.failures() {
//!     eprintln!("{}: {} {}", item.to_account, item.result_code, item.result_info);
//! }
//! # Ok(()) }
//! ```

use chatadmin_core::ApiRequest;
use serde_json::Value;

use crate::{Client, Result};

macro_rules! client_areas {
    ($( $area:ident $acc:ident { $( $method:ident : $t:path ),* $(,)? } )*) => {
        $(
            #[doc = concat!(
                "The `", stringify!($acc), "` endpoints, from [`Client::", stringify!($acc), "`]. ",
                "Each method executes its typed request with [`Client::execute`]: validation, ",
                "splitting of long lists, rate limiting, signing, retries."
            )]
            #[derive(Debug, Clone, Copy)]
            pub struct $area<'a> {
                client: &'a Client,
            }

            impl<'a> $area<'a> {
                $(
                    #[doc = concat!(
                        "`", stringify!($acc), ".", stringify!($method), "`: executes the request ",
                        "(see the request type for the endpoint, its documented limits and an ",
                        "example). The same as [`Client::execute`]."
                    )]
                    pub fn $method(&self, req: &$t) -> Result<<$t as ApiRequest>::Response> {
                        self.client.execute(req)
                    }
                )*
            }
        )*

        impl Client {
            $(
                #[doc = concat!(
                    "The `", stringify!($acc), "` endpoints: `client.", stringify!($acc), "().<method>(&request)`."
                )]
                pub fn $acc(&self) -> $area<'_> {
                    $area { client: self }
                }
            )*
        }

        /// Calls the endpoint at the normalized `path` with a JSON body; `None` for an
        /// unknown path.
        pub(crate) fn dispatch_json(client: &Client, path: &str, body: Value) -> Option<Result<Value>> {
            $( $(
                if path == <$t as ApiRequest>::META.path {
                    return Some(client.call_typed_json::<$t>(body));
                }
            )* )*
            None
        }

        /// `(area accessor, method, wire path)` of every generated method, for tests.
        #[cfg(test)]
        pub(crate) const GENERATED: &[(&str, &str, &str)] = &[
            $( $( (stringify!($acc), stringify!($method), <$t as ApiRequest>::META.path), )* )*
        ];
    };
}

chatadmin_core::for_each_endpoint!(client_areas);

#[cfg(test)]
mod tests {
    #[test]
    fn every_registered_endpoint_has_a_method() {
        let registered: Vec<_> = chatadmin_core::registry::all()
            .map(|e| (e.meta().area.accessor(), e.meta().method, e.meta().path))
            .collect();
        assert_eq!(super::GENERATED, registered.as_slice());
    }
}
