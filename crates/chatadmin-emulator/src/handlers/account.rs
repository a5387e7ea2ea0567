//! Accounts (`im_open_login_svc/account_*`).

use chatadmin_core::api::account::{
    AccountCheck, AccountCheckResponse, AccountDelete, AccountDeleteResponse, AccountImport,
    AccountImportResponse, AccountResultItem, AccountStatus, MultiAccountImport,
    MultiAccountImportResponse,
};

use crate::envelope::Failure;
use crate::handlers::{Ctx, Emulate};
use crate::state::State;

/// `account_import` page: "If the same account is imported to Chat repeatedly, only one
/// internal ID will be created for the account." Nick/FaceUrl are set when given.
impl Emulate for AccountImport {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AccountImportResponse, Failure> {
        state.import_account(&self.user_id, self.nick, self.face_url);
        Ok(AccountImportResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// `multiaccount_import` page: imports up to 100 accounts, repeat imports are harmless;
/// `FailAccounts` lists "accounts that failed to be imported". Every entry core's validation
/// accepts (1 to 32 bytes) is importable, so the list is empty here; the page gives no other
/// per-account failure cause. The `AccountList` form also sets Nick/FaceUrl.
impl Emulate for MultiAccountImport {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<MultiAccountImportResponse, Failure> {
        for id in self.accounts.iter().flatten() {
            state.import_account(id, None, None);
        }
        for p in self.account_list.into_iter().flatten() {
            state.import_account(&p.user_id, p.nick, p.face_url);
        }
        Ok(MultiAccountImportResponse {
            status: ctx.ok(),
            fail_accounts: Vec::new(),
            extra: Default::default(),
        })
    }
}

/// The per-item `ResultInfo` of 70107, as in the `account_delete` page's sample response.
const ACCOUNT_NOT_EXIST_INFO: &str = "Err_TLS_PT_Open_Login_Account_Not_Exist";

/// `account_delete` page: one `ResultItem` per UserID; "70107: The UserID to delete does not
/// exist"; "When an account is deleted, the account's data such as relationship chain and
/// profile will also be deleted." (The trial-edition restriction, 71000, is not emulated: the
/// emulated app may delete accounts.)
impl Emulate for AccountDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AccountDeleteResponse, Failure> {
        let result_item = self
            .delete_item
            .into_iter()
            .map(|item| {
                let existed = state.delete_account(&item.user_id);
                AccountResultItem {
                    user_id: item.user_id,
                    result_code: if existed { 0 } else { 70107 },
                    result_info: if existed {
                        String::new()
                    } else {
                        ACCOUNT_NOT_EXIST_INFO.to_owned()
                    },
                    ..Default::default()
                }
            })
            .collect();
        Ok(AccountDeleteResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}

/// `account_check` page: `AccountStatus` is `Imported` or `NotImported`, `ResultCode` 0.
impl Emulate for AccountCheck {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AccountCheckResponse, Failure> {
        let result_item = self
            .check_item
            .into_iter()
            .map(|item| {
                let status = if state.account_exists(&item.user_id) {
                    AccountStatus::Imported
                } else {
                    AccountStatus::NotImported
                };
                AccountResultItem {
                    user_id: item.user_id,
                    account_status: Some(status),
                    ..Default::default()
                }
            })
            .collect();
        Ok(AccountCheckResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}
