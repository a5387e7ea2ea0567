//! `Client::pages` and `Client::items` against a local mock: cursors followed in order, a
//! cursor that does not advance stops the walk instead of looping, errors end it once.
//! (The real paged endpoints are walked against the emulator in `e2e.rs`.)

mod support;

use chatadmin_client::chatadmin_core::impl_response;
use chatadmin_client::chatadmin_core::validate::Limit;
use chatadmin_client::{
    ApiRequest, Area, Client, EndpointMeta, ErrorKind, Idempotency, Paginated, RateLimit,
    ResponseStatus, ValidationError,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use support::{Mock, Reply};

/// A paged read whose `next_page` trusts the response blindly, so the client's own guard is
/// what stops a cursor that does not move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Walk {
    #[serde(rename = "From_Account")]
    from: String,
    #[serde(rename = "StartIndex")]
    start: u64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct WalkPage {
    #[serde(flatten)]
    status: ResponseStatus,
    #[serde(rename = "Items", default)]
    items: Vec<u64>,
    #[serde(rename = "NextStartIndex", default)]
    next: u64,
    #[serde(rename = "CompleteFlag", default)]
    complete: u64,
}

impl_response!(WalkPage);

const NO_LIMITS: &[Limit] = &[];

impl ApiRequest for Walk {
    type Response = WalkPage;
    const META: &'static EndpointMeta = &EndpointMeta {
        path: "sns/friend_get",
        area: Area::Friends,
        method: "walk",
        summary: "test",
        doc_url: "https://example.invalid",
        rate_limit_per_sec: 200,
        idempotency: Idempotency::Idempotent,
        limit_table: || NO_LIMITS,
        split_field: None,
    };
    const PAGE_ITEMS: Option<&'static str> = Some("Items");

    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }

    fn next_page(&self, resp: &WalkPage) -> Option<Self> {
        (resp.complete == 0).then(|| Walk {
            start: resp.next,
            ..self.clone()
        })
    }
}

impl Paginated for Walk {
    type Item = u64;
    fn into_items(resp: WalkPage) -> Vec<u64> {
        resp.items
    }
}

fn client(mock: &Mock) -> Client {
    Client::builder(1_400_000_001)
        .secret_key("k")
        .base_url(&mock.url)
        .rate_limit(RateLimit::Off)
        .build()
        .unwrap()
}

fn walk() -> Walk {
    Walk {
        from: "alice".into(),
        start: 0,
    }
}

/// Pages of 3 items over `total` items, cursor = next index.
fn pages_of_three(total: u64) -> Mock {
    Mock::start(move |hit, _| {
        let start = hit.body["StartIndex"].as_u64().unwrap();
        let end = (start + 3).min(total);
        Some(Reply::Json(json!({
            "ActionStatus": "OK", "ErrorCode": 0,
            "Items": (start..end).collect::<Vec<_>>(),
            "NextStartIndex": if end < total { end } else { 0 },
            "CompleteFlag": u64::from(end >= total),
        })))
    })
}

#[test]
fn items_follow_every_cursor_in_order() {
    let mock = pages_of_three(8);
    let c = client(&mock);
    let mut it = c.items(walk());
    let all: Vec<u64> = it.by_ref().map(Result::unwrap).collect();
    assert_eq!(all, (0..8).collect::<Vec<_>>());
    assert_eq!(it.pages_fetched(), 3);
    let starts: Vec<u64> = mock
        .hits()
        .iter()
        .map(|h| h.body["StartIndex"].as_u64().unwrap())
        .collect();
    assert_eq!(starts, [0, 3, 6]);
    // Every page carries the rest of the first request unchanged.
    assert!(mock
        .hits()
        .iter()
        .all(|h| h.body["From_Account"] == "alice"));
}

#[test]
fn pages_yield_whole_responses() {
    let mock = pages_of_three(3);
    let c = client(&mock);
    let pages: Vec<WalkPage> = c.pages(walk()).map(Result::unwrap).collect();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].items, [0, 1, 2]);
}

#[test]
fn a_cursor_that_does_not_advance_ends_the_walk_with_an_error() {
    let mock = Mock::start(|_, _| {
        Some(Reply::Json(json!({
            "ActionStatus": "OK", "ErrorCode": 0, "Items": [7],
            "NextStartIndex": 0, "CompleteFlag": 0,
        })))
    });
    let c = client(&mock);
    let out: Vec<_> = c.items(walk()).collect();
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(*out[0].as_ref().unwrap(), 7, "the page itself is kept");
    let e = out[1].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.to_string().contains("does not advance"), "{e}");
    assert_eq!(mock.total(), 1, "the same page is not asked for again");
}

#[test]
fn an_error_on_a_later_page_is_yielded_once_after_the_earlier_items() {
    let mock = Mock::start(|hit, _| {
        Some(if hit.body["StartIndex"] == 0 {
            Reply::Json(json!({
                "ActionStatus": "OK", "ErrorCode": 0, "Items": [1, 2],
                "NextStartIndex": 2, "CompleteFlag": 0,
            }))
        } else {
            Reply::code(30003, "no such account")
        })
    });
    let c = client(&mock);
    let mut it = c.items(walk());
    assert_eq!(it.next().unwrap().unwrap(), 1);
    assert_eq!(it.next().unwrap().unwrap(), 2);
    let e = it.next().unwrap().unwrap_err();
    assert_eq!(e.code(), Some(30003), "{e}");
    assert!(it.next().is_none());
    assert_eq!(mock.total(), 2);
}
