//! Friends (`sns/friend_*`).

use chatadmin_core::api::common::SnsResultItem;
use chatadmin_core::api::friend::{DeleteType, FriendDelete, FriendDeleteResponse};

use crate::envelope::Failure;
use crate::handlers::require_account;
use crate::handlers::{Ctx, Emulate};
use crate::state::State;

/// The per-item `ResultInfo` of 31704 as the service writes it (seen in a public app's log of
/// the service's answers; the page gives only the meaning).
const NOT_FRIEND_INFO: &str = "Err_SNS_FriendDelete_Not_Friend";

/// `sns.friend_delete` page: one `ResultItem` per `To_Account`; "31704: The account you
/// requested to delete is not your friend"; `DeleteType` defaults to `Delete_Type_Single`.
/// Single removes `To` from `From`'s list only; Both removes both sides. Not documented: Both
/// when only `To` has `From` (succeeds, removing that side); 31704 when neither side exists.
impl Emulate for FriendDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendDeleteResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let both = matches!(self.delete_type, Some(DeleteType::Both));
        let from = self.from_account;
        let result_item = self
            .to_account
            .into_iter()
            .map(|to| {
                let removed = if both {
                    let a = state.remove_friend_edge(&from, &to);
                    let b = state.remove_friend_edge(&to, &from);
                    a || b
                } else {
                    state.remove_friend_edge(&from, &to)
                };
                SnsResultItem {
                    to_account: to,
                    result_code: if removed { 0 } else { 31704 },
                    result_info: if removed {
                        String::new()
                    } else {
                        NOT_FRIEND_INFO.to_owned()
                    },
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(FriendDeleteResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}
