//! Iterators over paged reads (`sns/friend_get`, `sns/black_list_get`): the client follows the
//! cursors core's [`ApiRequest::next_page`] computes, so a caller walks every item without
//! touching `StartIndex`.

use chatadmin_core::endpoint::Paginated;
use chatadmin_core::{registry, ApiRequest};

use crate::{Client, Result};

/// The pages of a paged read, one call each, from [`Client::pages`].
///
/// Yields `Ok(response)` per page, then stops after the last page. An error is yielded once
/// and ends the iteration (items already yielded stay valid; a new iterator starts over).
/// A page whose cursor does not move forward is yielded, followed by a decode error, rather
/// than asking for the same page again.
#[derive(Debug)]
pub struct Pages<'c, R: ApiRequest> {
    client: &'c Client,
    next: Option<R>,
    /// An error found after a page was fetched (a cursor that does not advance), yielded after
    /// that page.
    pending: Option<chatadmin_core::Error>,
    pages: usize,
}

impl<R: ApiRequest> Pages<'_, R> {
    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.pages
    }
}

impl<R: ApiRequest> Iterator for Pages<'_, R> {
    type Item = Result<R::Response>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        let req = self.next.take()?;
        let resp = match self.client.execute(&req) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        self.pages += 1;
        match registry::next_page(&req, &resp) {
            Ok(next) => self.next = next,
            Err(e) => self.pending = Some(e),
        }
        Some(Ok(resp))
    }
}

/// The items of every page of a paged read, from [`Client::items`].
///
/// Fetches a page when the previous one is used up. An error is yielded once and ends the
/// iteration.
#[derive(Debug)]
pub struct Items<'c, R: Paginated> {
    pages: Pages<'c, R>,
    buffer: std::vec::IntoIter<R::Item>,
}

impl<R: Paginated> Items<'_, R> {
    /// How many pages have been fetched so far.
    pub fn pages_fetched(&self) -> usize {
        self.pages.pages
    }
}

impl<R: Paginated> Iterator for Items<'_, R> {
    type Item = Result<R::Item>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(resp) => self.buffer = R::into_items(resp).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Client {
    /// Every page of a paged read, starting with `first` (usually the first page: `StartIndex`
    /// 0). Each page is one call through [`Client::execute`] (validated, rate-limited,
    /// retried); the next request is the one core derives from the response's cursor.
    ///
    /// ```no_run
    /// use chatadmin_client::api::friend::FriendGet;
    /// # fn demo(client: &chatadmin_client::Client) -> chatadmin_client::Result<()> {
    /// for page in client.pages(FriendGet::new("alice")) {
    ///     let page = page?;
    ///     println!("{} friends on this page", page.user_data_item.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn pages<R: ApiRequest>(&self, first: R) -> Pages<'_, R> {
        Pages {
            client: self,
            next: Some(first),
            pending: None,
            pages: 0,
        }
    }

    /// Every item of a paged read (every friend of `friend_get`, every blocked account of
    /// `black_list_get`), fetching pages as needed.
    ///
    /// ```no_run
    /// use chatadmin_client::api::friend::FriendGet;
    /// # fn demo(client: &chatadmin_client::Client) -> chatadmin_client::Result<()> {
    /// let friends = client
    ///     .items(FriendGet::new("alice"))
    ///     .collect::<chatadmin_client::Result<Vec<_>>>()?;
    /// println!("alice has {} friends", friends.len());
    /// # Ok(()) }
    /// ```
    pub fn items<R: Paginated>(&self, first: R) -> Items<'_, R> {
        Items {
            pages: self.pages(first),
            buffer: Vec::new().into_iter(),
        }
    }
}
