//! Blocklists (`sns/black_list_*`).
//!
//! Rules from Relationship Chain Management
//! (<https://intl.cloud.tencent.com/document/product/1047/33521>): blocking ends a friendship
//! in both directions; a blocklist holds at most 1000 accounts; the check relations.

use chatadmin_core::api::blocklist::{
    BlockCheckType, BlockRelation, BlocklistAdd, BlocklistChangeResponse, BlocklistCheck,
    BlocklistCheckItem, BlocklistCheckResponse, BlocklistDelete, BlocklistEntry, BlocklistGet,
    BlocklistGetResponse, MAX_BLOCKED_PER_ACCOUNT,
};
use chatadmin_core::api::common::SnsResultItem;

use crate::envelope::Failure;
use crate::handlers::require_account;
use crate::handlers::{Ctx, Emulate};
use crate::state::State;

/// The per-item `ResultInfo` of an account already blocked, as in the `sns.black_list_add`
/// page's sample (with code 30001).
const ALREADY_BLOCKED_INFO: &str = "Err_SNS_BlackListAdd_Already_Exist";

/// `sns.black_list_add` page: one `ResultItem` per `To_Account`, `Fail_Account` when some
/// failed. Blocking removes the friendship both ways (the page's note: "either one adding the
/// other to the blocklist removes them from each other's friend list"), and with it the friend
/// from the blocker's lists. The entry's time (`AddBlackTimeStamp`) is the emulated clock. Per
/// item: an account already blocked gets 30001 `Err_SNS_BlackListAdd_Already_Exist` (the
/// page's sample) and keeps its first time; past 1000 blocked accounts, 30013 ("The maximum
/// number of blocked users has been reached"). The blocklist's sequence grows by one per call
/// that blocked someone.
///
/// Not documented: an account that was never imported (per item 30003, "The requested user
/// account does not exist", from the page's table) and blocking oneself (per item 30001).
impl Emulate for BlocklistAdd {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<BlocklistChangeResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let from = self.from_account;
        let mut changed = false;
        let mut result_item = Vec::with_capacity(self.to_account.len());
        for to in self.to_account {
            let count = state.blocklists.get(&from).map_or(0, |b| b.blocked.len());
            let r = if to == from {
                SnsResultItem::new(to, 30001, "an account cannot block itself")
            } else if !state.account_exists(&to) {
                let info = format!("To_Account {to:?} does not exist");
                SnsResultItem::new(to, 30003, info)
            } else if state.is_blocked(&from, &to) {
                SnsResultItem::new(to, 30001, ALREADY_BLOCKED_INFO)
            } else if count >= MAX_BLOCKED_PER_ACCOUNT {
                let info = format!(
                    "the blocklist of {from:?} holds the maximum of {MAX_BLOCKED_PER_ACCOUNT} accounts"
                );
                SnsResultItem::new(to, 30013, info)
            } else {
                state
                    .blocklists
                    .entry(from.clone())
                    .or_default()
                    .blocked
                    .insert(to.clone(), ctx.now);
                state.remove_friend_edge(&from, &to);
                state.remove_friend_edge(&to, &from);
                changed = true;
                SnsResultItem::new(to, 0, "")
            };
            result_item.push(r);
        }
        if changed {
            state.blocklists.entry(from).or_default().sequence += 1;
        }
        Ok(BlocklistChangeResponse::from_items(ctx.ok(), result_item))
    }
}

/// `sns.black_list_delete` page: one `ResultItem` per `To_Account`, `Fail_Account` when some
/// failed; the blocklist's sequence grows by one per call that unblocked someone. Friendships
/// the block ended stay ended.
///
/// Not documented: an account that is not in the blocklist. Per item 30001 ("A request
/// parameter is incorrect"), mirroring the 30001 `black_list_add` gives an account already
/// there.
impl Emulate for BlocklistDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<BlocklistChangeResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let from = self.from_account;
        let mut changed = false;
        let mut result_item = Vec::with_capacity(self.to_account.len());
        for to in self.to_account {
            let removed = state
                .blocklists
                .get_mut(&from)
                .is_some_and(|b| b.blocked.remove(&to).is_some());
            changed |= removed;
            let r = if removed {
                SnsResultItem::new(to, 0, "")
            } else {
                let info = format!("To_Account {to:?} is not in the blocklist of {from:?}");
                SnsResultItem::new(to, 30001, info)
            };
            result_item.push(r);
        }
        if changed {
            state.blocklists.entry(from).or_default().sequence += 1;
        }
        Ok(BlocklistChangeResponse::from_items(ctx.ok(), result_item))
    }
}

/// `sns.black_list_get` page: the page of at most `MaxLimited` entries from `StartIndex`,
/// `StartIndex` of the next page ("`0` indicates that the entire blocklist has been pulled")
/// and the sequence under the documented key `CurruentSequence`.
///
/// Not documented: the order (here by UserID, as `friend_get` pages friends), what
/// `LastSequence` changes (ignored: RESTful callers send 0) and a `StartIndex` past the end (an
/// empty last page).
impl Emulate for BlocklistGet {
    const REQUIRED_ON_WIRE: &'static [&'static str] = &["StartIndex", "MaxLimited", "LastSequence"];

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<BlocklistGetResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let list = state.blocklists.get(&self.from_account);
        let total = list.map_or(0, |b| b.blocked.len());
        let start = usize::try_from(self.start_index).unwrap_or(usize::MAX);
        let items: Vec<BlocklistEntry> = list
            .map(|b| {
                b.blocked
                    .iter()
                    .skip(start)
                    .take(self.max_limited as usize)
                    .map(|(to, at)| BlocklistEntry {
                        to_account: to.clone(),
                        add_black_time_stamp: *at,
                        extra: Default::default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let end = start.saturating_add(items.len());
        let next = if end < total { end as u64 } else { 0 };
        Ok(BlocklistGetResponse {
            status: ctx.ok(),
            black_list_item: items,
            start_index: next,
            curruent_sequence: Some(list.map_or(0, |b| b.sequence)),
            current_sequence: None,
            extra: Default::default(),
        })
    }
}

/// `sns.black_list_check` page and Relationship Chain Management: with `Single`, `AWithB` when
/// `To_Account` is in `From_Account`'s blocklist, else `NO`; with `Both`, `BothWay`, `AWithB`,
/// `BWithA` or `NO` from both blocklists. One item per `To_Account`, in request order.
///
/// Not documented: an account that was never imported (it blocks nobody and nobody can have
/// blocked it, so `NO` with `ResultCode` 0).
impl Emulate for BlocklistCheck {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<BlocklistCheckResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let both = matches!(self.check_type, BlockCheckType::Both);
        let from = self.from_account;
        let black_list_check_item = self
            .to_account
            .into_iter()
            .map(|to| {
                let a_b = state.is_blocked(&from, &to);
                let b_a = both && state.is_blocked(&to, &from);
                let relation = match (a_b, b_a) {
                    (true, true) => BlockRelation::BothWay,
                    (true, false) => BlockRelation::AWithB,
                    (false, true) => BlockRelation::BWithA,
                    (false, false) => BlockRelation::No,
                };
                BlocklistCheckItem {
                    to_account: to,
                    relation: Some(relation),
                    result_code: 0,
                    result_info: String::new(),
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(BlocklistCheckResponse {
            status: ctx.ok(),
            black_list_check_item,
            fail_account: Vec::new(),
            extra: Default::default(),
        })
    }
}
