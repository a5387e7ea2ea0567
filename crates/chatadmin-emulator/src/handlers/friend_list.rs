//! Friend lists (`sns/group_*`).

use std::collections::BTreeSet;

use chatadmin_core::api::friend_list::{FriendListDelete, FriendListDeleteResponse};

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
