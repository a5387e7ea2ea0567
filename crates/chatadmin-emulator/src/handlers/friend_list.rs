//! Friend lists (`sns/group_*`).

use std::collections::BTreeSet;

use chatadmin_core::api::common::SnsResultItem;
use chatadmin_core::api::friend_list::{
    FriendListAdd, FriendListAddResponse, FriendListDelete, FriendListDeleteResponse,
    FriendListGet, FriendListGetResponse, FriendListItem, NeedFriendType, MAX_LISTS_PER_ACCOUNT,
};

use crate::envelope::Failure;
use crate::handlers::require_account;
use crate::handlers::{Ctx, Emulate};
use crate::state::State;

/// `sns.group_delete` page: deletes lists (the friends stay friends) and returns
/// `CurrentSequence`, which grows with every change to the account's lists. Not documented: a
/// list name the account does not have. The page's only request error is 30001 ("Incorrect
/// request parameter"), so the call fails with 30001 naming the list, and nothing is deleted.
impl Emulate for FriendListDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendListDeleteResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let names: BTreeSet<String> = self.group_name.into_iter().collect();
        let existing = state.friend_lists.get(&self.from_account);
        if let Some(missing) = names
            .iter()
            .find(|n| !existing.is_some_and(|l| l.lists.contains_key(*n)))
        {
            return Err(Failure::new(
                30001,
                format!(
                    "GroupName {missing:?}: account {:?} has no friend list of that name",
                    self.from_account
                ),
            ));
        }
        let lists = state
            .friend_lists
            .entry(self.from_account.clone())
            .or_default();
        for n in &names {
            lists.lists.remove(n);
        }
        lists.sequence += 1;
        Ok(FriendListDeleteResponse {
            status: ctx.ok(),
            current_sequence: lists.sequence,
            extra: Default::default(),
        })
    }
}

/// The per-item `ResultInfo` of 32216 as the `sns.group_add` page's sample writes it.
const NOT_FRIEND_INFO: &str = "Err_SNS_GroupAdd_ToTinyId_Not_Friend";

/// `sns.group_add` page: creates the lists and puts the `To_Account` friends in every new one,
/// with one `ResultItem` per `To_Account` (32216 "Err_SNS_GroupAdd_ToTinyId_Not_Friend" for an
/// account that is not `From_Account`'s friend, as in the page's sample; an unknown account is
/// not a friend either) and `Fail_Account` listing the failures; `ResultItem` only when
/// `To_Account` was given (the page's basic sample has none). 30011 when the account would
/// have more than 32 lists (Relationship Chain Management: at most 32), nothing created.
/// `CurrentSequence` grows by one per successful call.
///
/// Not documented: a name the account already has. The page's only request error is 30001
/// ("Incorrect request parameter"), so the call fails with 30001 naming the list and nothing
/// is created (as `group_delete` does for a missing list). A name repeated in one request is
/// created once.
impl Emulate for FriendListAdd {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendListAddResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let mut names: Vec<String> = Vec::new();
        for n in self.group_name {
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let existing = state.friend_lists.get(&self.from_account);
        if let Some(dup) = names
            .iter()
            .find(|n| existing.is_some_and(|l| l.lists.contains_key(*n)))
        {
            return Err(Failure::new(
                30001,
                format!(
                    "GroupName {dup:?}: account {:?} already has a friend list of that name",
                    self.from_account
                ),
            ));
        }
        if state.exceeds_list_cap(&self.from_account, &names) {
            let have = state.list_count(&self.from_account);
            return Err(Failure::new(
                30011,
                format!(
                    "account {:?} has {have} friend lists; {} more would exceed the maximum of {MAX_LISTS_PER_ACCOUNT}",
                    self.from_account,
                    names.len()
                ),
            ));
        }
        let mut members = BTreeSet::new();
        let mut result_item = Vec::new();
        let mut fail_account = Vec::new();
        for to in self.to_account.unwrap_or_default() {
            let friend = state.is_friend(&self.from_account, &to);
            if friend {
                members.insert(to.clone());
            } else {
                fail_account.push(to.clone());
            }
            result_item.push(SnsResultItem::new(
                to,
                if friend { 0 } else { 32216 },
                NOT_FRIEND_INFO,
            ));
        }
        let lists = state
            .friend_lists
            .entry(self.from_account.clone())
            .or_default();
        for n in names {
            lists.lists.insert(n, members.clone());
        }
        lists.sequence += 1;
        Ok(FriendListAddResponse {
            status: ctx.ok(),
            result_item,
            fail_account,
            invalid_account: Vec::new(),
            current_sequence: lists.sequence,
            extra: Default::default(),
        })
    }
}

/// `sns.group_get` page: one `ResultItem` per list (`GroupName`, `FriendNumber`) and the
/// lists' `CurrentSequence`; all lists (in name order) unless `GroupName` names some (in
/// request order). With `NeedFriend: Need_Friend_Type_Yes` each item also has `To_Account`,
/// which the page says "is valid only when `GroupName` is left empty" — followed here, although
/// the page's "complete" sample pair shows friends for a named list (the pages conflict).
///
/// Not documented: a named list the account does not have. As for `group_delete`, the call
/// fails with 30001 naming the list. An account without lists has an empty `ResultItem` and
/// sequence 0.
impl Emulate for FriendListGet {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendListGetResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let lists = state.friend_lists.get(&self.from_account);
        let with_friends =
            matches!(self.need_friend, Some(NeedFriendType::Yes)) && self.group_name.is_none();
        let selected: Vec<(&String, Option<&BTreeSet<String>>)> = match &self.group_name {
            Some(names) => names
                .iter()
                .map(|n| (n, lists.and_then(|l| l.lists.get(n))))
                .collect(),
            None => lists
                .map(|l| l.lists.iter().map(|(n, m)| (n, Some(m))).collect())
                .unwrap_or_default(),
        };
        let mut result_item = Vec::with_capacity(selected.len());
        for (name, members) in selected {
            let Some(members) = members else {
                return Err(Failure::new(
                    30001,
                    format!(
                        "GroupName {name:?}: account {:?} has no friend list of that name",
                        self.from_account
                    ),
                ));
            };
            result_item.push(FriendListItem {
                group_name: name.clone(),
                friend_number: members.len() as u64,
                to_account: with_friends.then(|| members.iter().cloned().collect()),
                extra: Default::default(),
            });
        }
        Ok(FriendListGetResponse {
            status: ctx.ok(),
            result_item,
            current_sequence: lists.map_or(0, |l| l.sequence),
            extra: Default::default(),
        })
    }
}
