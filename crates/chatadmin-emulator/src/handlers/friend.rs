//! Friends (`sns/friend_*`).

use std::collections::BTreeMap;

use chatadmin_core::api::common::SnsResultItem;
use chatadmin_core::api::friend::{
    tag, AddType, CheckInfoItem, CheckType, DeleteType, FriendAdd, FriendAddResponse, FriendCheck,
    FriendCheckResponse, FriendData, FriendDelete, FriendDeleteAll, FriendDeleteAllResponse,
    FriendDeleteResponse, FriendGet, FriendGetList, FriendGetListResponse, FriendGetResponse,
    FriendImport, FriendImportResponse, FriendInfoItem, FriendUpdate, FriendUpdateResponse,
    FriendWriteResponse, Relation, TagValue, MAX_FRIENDS_PER_ACCOUNT,
};
use chatadmin_core::api::profile::{self, AllowType};
use serde_json::{json, Value};

use crate::envelope::Failure;
use crate::handlers::require_account;
use crate::handlers::{Ctx, Emulate};
use crate::state::{Friend, State};

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
                SnsResultItem::new(to, if removed { 0 } else { 31704 }, NOT_FRIEND_INFO)
            })
            .collect();
        Ok(FriendDeleteResponse {
            status: ctx.ok(),
            result_item,
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Shared rules
// ---------------------------------------------------------------------------------------------

/// `friend_get`'s page size. Not documented (the page says only that friends are pulled by
/// page); 100 is the catalog's figure.
pub(crate) const FRIEND_GET_PAGE: usize = 100;

// ---------------------------------------------------------------------------------------------
// friend_add
// ---------------------------------------------------------------------------------------------

/// `sns.friend_add` page, per `AddFriendItem` (one `ResultItem` each, `Fail_Account` listing
/// the failures), in this order:
/// - `To_Account` not imported: 30003 ("The requested account does not exist"; not documented
///   whether per item, chosen so one bad account does not fail the batch);
/// - `To_Account` equal to `From_Account`: 30001 (not documented);
/// - 30515 "The user you are trying to add is on your blocklist" (`From` blocked `To`);
/// - 30525 "You have been blocklisted by the user you are trying to add" (`To` blocked `From`);
/// - already a friend (one-way: `To` is in `From`'s list; two-way: both are): 0 and nothing
///   changes (not documented);
/// - unless `ForceAddFlags` is 1, the target's `Tag_Profile_IM_AllowType`: `DenyAny` 30516
///   "has disabled friend requests", `NeedConfirm` (the default when unset) 30539 "Your friend
///   request is pending approval" (pending requests are not modelled: nothing is added),
///   `AllowAny` adds;
/// - 30010 when `From` has 3000 friends; 30014 (two-way) when `To` has 3000;
/// - 30011 when `GroupName` would give `From` a 33rd friend list.
///
/// `AddType` defaults to `Add_Type_Both`. The new entry in `From`'s list carries `Remark`,
/// `GroupName`, `AddSource`, `AddWording` and `AddTime` = now; in a two-way add `To`'s new
/// entry carries the same `AddSource` and `AddTime` (not documented).
impl Emulate for FriendAdd {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendAddResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let both = !matches!(self.add_type, Some(AddType::Single));
        let force = self.force_add_flags == Some(1);
        let from = self.from_account;
        let mut results = Vec::with_capacity(self.add_friend_item.len());
        for it in self.add_friend_item {
            let to = it.to_account.clone();
            let (code, info) = add_one(state, ctx, &from, &it, both, force);
            results.push(SnsResultItem::new(to, code, info));
        }
        Ok(FriendWriteResponse::from_items(ctx.ok(), results))
    }
}

fn add_one(
    state: &mut State,
    ctx: &Ctx,
    from: &str,
    it: &chatadmin_core::api::friend::AddFriendItem,
    both: bool,
    force: bool,
) -> (i64, &'static str) {
    let to = it.to_account.as_str();
    let Some(target) = state.accounts.get(to) else {
        return (30003, "Err_SNS_FriendAdd_Account_Not_Exist");
    };
    if to == from {
        return (30001, "Err_SNS_FriendAdd_Add_Self");
    }
    if state.is_blocked(from, to) {
        return (30515, "Err_SNS_FriendAdd_Friend_In_My_BlackList");
    }
    if state.is_blocked(to, from) {
        return (30525, "Err_SNS_FriendAdd_I_In_Friend_BlackList");
    }
    let have_to = state.is_friend(from, to);
    let have_from = state.is_friend(to, from);
    if have_to && (!both || have_from) {
        return (0, "");
    }
    if !force {
        let allow = target
            .profile
            .get(profile::tag::ALLOW_TYPE)
            .and_then(Value::as_str)
            .map(AllowType::from);
        match allow {
            Some(AllowType::AllowAny) => {}
            Some(AllowType::DenyAny) => {
                return (30516, "Err_SNS_FriendAdd_Friend_Deny_Any");
            }
            _ => return (30539, "Err_SNS_FriendAdd_Need_Confirm"),
        }
    }
    if !have_to && state.friend_count(from) >= MAX_FRIENDS_PER_ACCOUNT {
        return (30010, "Err_SNS_FriendAdd_My_Friend_Num_Exceed_Threshold");
    }
    if both && !have_from && state.friend_count(to) >= MAX_FRIENDS_PER_ACCOUNT {
        return (
            30014,
            "Err_SNS_FriendAdd_Friend_Friend_Num_Exceed_Threshold",
        );
    }
    let groups: Vec<String> = it.group_name.iter().cloned().collect();
    if !have_to && state.exceeds_list_cap(from, &groups) {
        return (30011, "Err_SNS_FriendAdd_Group_Num_Exceed_Threshold");
    }
    if !have_to {
        state.insert_friend(
            from,
            to,
            Friend {
                remark: it.remark.clone().filter(|r| !r.is_empty()),
                add_source: it.add_source.clone(),
                add_wording: it.add_wording.clone().filter(|w| !w.is_empty()),
                add_time: ctx.now,
                custom: BTreeMap::new(),
            },
        );
        if !groups.is_empty() {
            state.set_lists_of(from, to, &groups);
        }
    }
    if both && !have_from {
        state.insert_friend(
            to,
            from,
            Friend {
                add_source: it.add_source.clone(),
                add_time: ctx.now,
                ..Friend::default()
            },
        );
    }
    (0, "")
}

// ---------------------------------------------------------------------------------------------
// friend_import
// ---------------------------------------------------------------------------------------------

/// `sns.friend_import` page: imports one-way friends with their fields; no friend request is
/// involved, so neither `AllowType` nor blocklists apply (not documented beyond "import").
/// Per item: `To_Account` not imported 30003 (not documented whether per item), equal to
/// `From_Account` 30001 (not documented), 30010 "The number of friends has reached the upper
/// limit" (3000), 30011 "The maximum number of friend lists has been reached". An existing
/// friend's entry is replaced by the imported one (not documented); `GroupName`, when given,
/// becomes the exact set of the friend's lists. `AddTime` defaults to now. `RemarkTime` is
/// accepted and not stored (no endpoint returns it).
impl Emulate for FriendImport {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendImportResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let from = self.from_account;
        let mut results = Vec::with_capacity(self.add_friend_item.len());
        for it in self.add_friend_item {
            let to = it.to_account.clone();
            let groups = it.group_name.clone().unwrap_or_default();
            let (code, info) = if !state.account_exists(&to) {
                (30003, "Err_SNS_FriendImport_Account_Not_Exist")
            } else if to == from {
                (30001, "Err_SNS_FriendImport_Add_Self")
            } else if !state.is_friend(&from, &to)
                && state.friend_count(&from) >= MAX_FRIENDS_PER_ACCOUNT
            {
                (30010, "Err_SNS_FriendImport_My_Friend_Num_Exceed_Threshold")
            } else if state.exceeds_list_cap(&from, &groups) {
                (30011, "Err_SNS_FriendImport_Group_Num_Exceed_Threshold")
            } else {
                let custom = it
                    .custom_item
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| (c.tag, c.value))
                    .collect();
                state.insert_friend(
                    &from,
                    &to,
                    Friend {
                        remark: it.remark.filter(|r| !r.is_empty()),
                        add_source: Some(it.add_source),
                        add_wording: it.add_wording.filter(|w| !w.is_empty()),
                        add_time: it.add_time.unwrap_or(ctx.now),
                        custom,
                    },
                );
                if it.group_name.is_some() {
                    state.set_lists_of(&from, &to, &groups);
                }
                (0, "")
            };
            results.push(SnsResultItem::new(to, code, info));
        }
        Ok(FriendWriteResponse::from_items(ctx.ok(), results))
    }
}

// ---------------------------------------------------------------------------------------------
// friend_update
// ---------------------------------------------------------------------------------------------

/// `sns.friend_update` page: sets the remark, the friend lists (`Tag_SNS_IM_Group` replaces
/// the friend's lists) and custom fields of existing friends; core's validation already
/// refused any other tag (30001 for the request). Per item: a `To_Account` that is not in
/// `From_Account`'s list gets 30001 "Err_SNS_FriendUpdate_Friend_Not_Exist" (not documented;
/// the code `friend_get_list` documents for the same case), 30011 "The maximum number of
/// friend lists has been reached" leaves that friend unchanged. An empty remark clears it.
impl Emulate for FriendUpdate {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendUpdateResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let from = self.from_account;
        let mut results = Vec::with_capacity(self.update_item.len());
        for it in self.update_item {
            let to = it.to_account;
            let Some(current) = state.friend(&from, &to).cloned() else {
                results.push(SnsResultItem::new(
                    to,
                    30001,
                    "Err_SNS_FriendUpdate_Friend_Not_Exist",
                ));
                continue;
            };
            let mut friend = current.clone();
            let mut groups: Option<Vec<String>> = None;
            for f in it.sns_item {
                match f.tag.as_str() {
                    tag::REMARK => {
                        friend.remark = f
                            .value
                            .as_str()
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned);
                    }
                    tag::GROUP => {
                        groups = Some(
                            f.as_strings()
                                .unwrap_or_default()
                                .into_iter()
                                .map(str::to_owned)
                                .collect(),
                        );
                    }
                    _ => {
                        friend.custom.insert(f.tag, f.value);
                    }
                }
            }
            if groups
                .as_deref()
                .is_some_and(|g| state.exceeds_list_cap(&from, g))
            {
                results.push(SnsResultItem::new(
                    to,
                    30011,
                    "Err_SNS_FriendUpdate_Group_Num_Exceed_Threshold",
                ));
                continue;
            }
            if friend != current {
                let custom_changed = friend.custom != current.custom;
                if let Some(entry) = state.friends.get_mut(&from).and_then(|m| m.get_mut(&to)) {
                    *entry = friend;
                }
                state.bump_friend_sequences(&from, custom_changed);
            }
            if let Some(g) = groups {
                state.set_lists_of(&from, &to, &g);
            }
            results.push(SnsResultItem::new(to, 0, ""));
        }
        Ok(FriendWriteResponse::from_items(ctx.ok(), results))
    }
}

// ---------------------------------------------------------------------------------------------
// friend_delete_all
// ---------------------------------------------------------------------------------------------

/// `sns.friend_delete_all` page: deletes every friend of `From_Account`; `Delete_Type_Both`
/// also removes `From_Account` from those friends' lists (relationship chain page, deletion
/// modes). Accounts that have `From_Account` one-way without being its friends keep it (not
/// documented). The removed friends leave `From_Account`'s friend lists, which stay.
impl Emulate for FriendDeleteAll {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendDeleteAllResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let both = matches!(self.delete_type, Some(DeleteType::Both));
        state.remove_all_friends(&self.from_account, both);
        Ok(FriendDeleteAllResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// friend_check
// ---------------------------------------------------------------------------------------------

/// `sns.friend_check` page and the relationship chain page's verification modes, A being
/// `From_Account` and B each `To_Account`: `CheckResult_Type_Single` only looks at A's list
/// (`AWithB` when B is in it, else `NoRelation`); `CheckResult_Type_Both` looks at both
/// (`BothWay`, `AWithB`, `BWithA`, `NoRelation`). An account that was never imported has no
/// relation (`NoRelation`, result 0; not documented).
impl Emulate for FriendCheck {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendCheckResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let both = matches!(self.check_type, CheckType::Both);
        let from = self.from_account;
        let info_item = self
            .to_account
            .into_iter()
            .map(|to| {
                let a_with_b = state.is_friend(&from, &to);
                let b_with_a = both && state.is_friend(&to, &from);
                let relation = match (a_with_b, b_with_a) {
                    (true, true) => Relation::BothWay,
                    (true, false) => Relation::AWithB,
                    (false, true) => Relation::BWithA,
                    (false, false) => Relation::NoRelation,
                };
                CheckInfoItem {
                    to_account: to,
                    relation: Some(relation),
                    result_code: 0,
                    result_info: String::new(),
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(FriendCheckResponse {
            status: ctx.ok(),
            info_item,
            fail_account: Vec::new(),
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// friend_get
// ---------------------------------------------------------------------------------------------

fn tv(tag: &str, value: Value) -> TagValue {
    TagValue {
        tag: tag.to_owned(),
        value,
        extra: Default::default(),
    }
}

/// The standard friend fields of `b` in `a`'s list, in the order of the `friend_get` page's
/// sample (AddSource, Remark, Group, AddTime), then AddWording; unset ones left out.
fn standard_fields(state: &State, a: &str, b: &str, f: &Friend) -> Vec<TagValue> {
    let mut out = Vec::new();
    if let Some(s) = &f.add_source {
        out.push(tv(tag::ADD_SOURCE, json!(s)));
    }
    if let Some(r) = &f.remark {
        out.push(tv(tag::REMARK, json!(r)));
    }
    let lists = state.lists_of(a, b);
    if !lists.is_empty() {
        out.push(tv(tag::GROUP, json!(lists)));
    }
    out.push(tv(tag::ADD_TIME, json!(f.add_time)));
    if let Some(w) = &f.add_wording {
        out.push(tv(tag::ADD_WORDING, json!(w)));
    }
    out
}

/// `sns.friend_get` page: pages over `From_Account`'s friends (in UserID order; the service's
/// order is not documented) from `StartIndex`, 100 per page (not documented), with every
/// standard and custom friend field. `StandardSequence`/`CustomSequence` equal to the current
/// ones leave out the standard/custom fields ("the backend will not return standard friend
/// data"). `CompleteFlag` is 1 on the last page, where `NextStartIndex` is 0 as in the sample;
/// `FriendNum` counts all friends. A `StartIndex` past the end gives an empty last page.
impl Emulate for FriendGet {
    const REQUIRED_ON_WIRE: &'static [&'static str] = &["StartIndex"];

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendGetResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let from = &self.from_account;
        let seq = state
            .friend_sequences
            .get(from)
            .copied()
            .unwrap_or_default();
        let skip_standard = self.standard_sequence == Some(seq.standard);
        let skip_custom = self.custom_sequence == Some(seq.custom);
        let total = state.friend_count(from);
        let start = usize::try_from(self.start_index).unwrap_or(usize::MAX);
        let page: Vec<(String, Friend)> = state
            .friends
            .get(from)
            .map(|m| {
                m.iter()
                    .skip(start)
                    .take(FRIEND_GET_PAGE)
                    .map(|(b, f)| (b.clone(), f.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let end = start.saturating_add(page.len());
        let complete = end >= total;
        let user_data_item = page
            .into_iter()
            .map(|(b, f)| {
                let mut value_item = Vec::new();
                if !skip_standard {
                    value_item.extend(standard_fields(state, from, &b, &f));
                }
                if !skip_custom {
                    value_item.extend(f.custom.iter().map(|(t, v)| tv(t, v.clone())));
                }
                FriendData {
                    to_account: b,
                    value_item,
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(FriendGetResponse {
            status: ctx.ok(),
            user_data_item,
            standard_sequence: seq.standard,
            custom_sequence: seq.custom,
            friend_num: total as u64,
            complete_flag: u64::from(complete),
            next_start_index: if complete { 0 } else { end as u64 },
            extra: Default::default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// friend_get_list
// ---------------------------------------------------------------------------------------------

/// `sns.friend_get_list` page: for each `To_Account` in `From_Account`'s list, the requested
/// fields that have a value — friend fields (`Tag_SNS_*`) from the friendship, profile fields
/// (`Tag_Profile_*`) from the friend's profile — ordered as in the page's sample: standard
/// friend fields, standard profile fields, custom friend fields, custom profile fields (each
/// in `TagList` order). An account not in the list gets 30001
/// "Err_SNS_FriendGetList_Friend_Not_Exist", as in the page's sample, and is in
/// `Fail_Account`.
impl Emulate for FriendGetList {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<FriendGetListResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, 30003)?;
        let from = &self.from_account;
        let rank = |t: &str| {
            if tag::is_standard(t) {
                0
            } else if t.starts_with(profile::STANDARD_PREFIX) {
                1
            } else if tag::is_custom(t) {
                2
            } else {
                3
            }
        };
        let mut seen = std::collections::BTreeSet::new();
        let mut tags: Vec<&String> = self
            .tag_list
            .iter()
            .filter(|t| seen.insert(t.as_str()))
            .collect();
        tags.sort_by_key(|t| rank(t));
        let mut fail_account = Vec::new();
        let info_item = self
            .to_account
            .iter()
            .map(|to| {
                let Some(f) = state.friend(from, to) else {
                    fail_account.push(to.clone());
                    return FriendInfoItem {
                        to_account: to.clone(),
                        result_code: 30001,
                        result_info: "Err_SNS_FriendGetList_Friend_Not_Exist".to_owned(),
                        ..Default::default()
                    };
                };
                let standard = standard_fields(state, from, to, f);
                let profile = state.accounts.get(to).map(|a| &a.profile);
                let sns_profile_item = tags
                    .iter()
                    .filter_map(|t| {
                        let v = if tag::is_standard(t) {
                            standard
                                .iter()
                                .find(|x| &x.tag == *t)
                                .map(|x| x.value.clone())
                        } else if tag::is_custom(t) {
                            f.custom.get(t.as_str()).cloned()
                        } else {
                            profile.and_then(|p| p.get(t.as_str())).cloned()
                        };
                        v.map(|v| tv(t, v))
                    })
                    .collect();
                FriendInfoItem {
                    to_account: to.clone(),
                    sns_profile_item,
                    ..Default::default()
                }
            })
            .collect();
        Ok(FriendGetListResponse {
            status: ctx.ok(),
            info_item,
            fail_account,
            extra: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    //! The rules that read state the HTTP tests cannot set up on this branch (profiles and
    //! blocklists are written by other endpoints): `AllowType` and the blocklists in
    //! `friend_add`.

    use super::*;
    use chatadmin_core::api::friend::AddFriendItem;

    fn ctx() -> Ctx {
        Ctx {
            path: "sns/friend_add",
            now: 1_700_000_000,

            rate_limited: false,
        }
    }

    fn state() -> State {
        let mut s = State::default();
        for id in ["a", "b"] {
            s.import_account(id, None, None);
        }
        s
    }

    fn allow(s: &mut State, who: &str, v: &str) {
        if let Some(acc) = s.accounts.get_mut(who) {
            acc.profile
                .insert(profile::tag::ALLOW_TYPE.to_owned(), json!(v));
        }
    }

    fn block(s: &mut State, who: &str, whom: &str) {
        s.blocklists
            .entry(who.to_owned())
            .or_default()
            .blocked
            .insert(whom.to_owned(), 1);
    }

    fn add(s: &mut State, req: FriendAdd) -> (Vec<i64>, Vec<String>) {
        let r = req.emulate(s, &ctx()).unwrap();
        (
            r.result_item.iter().map(|i| i.result_code).collect(),
            r.fail_account,
        )
    }

    #[test]
    fn allow_type_decides_unless_forced() {
        let mut s = state();
        // Unset is NeedConfirm: pending, nothing added.
        assert_eq!(
            add(&mut s, FriendAdd::new("a", ["b"])),
            (vec![30539], vec!["b".to_owned()])
        );
        assert!(!s.is_friend("a", "b"));
        allow(&mut s, "b", "AllowType_Type_NeedConfirm");
        assert_eq!(add(&mut s, FriendAdd::new("a", ["b"])).0, [30539]);
        allow(&mut s, "b", "AllowType_Type_DenyAny");
        assert_eq!(
            add(&mut s, FriendAdd::new("a", ["b"]).add_type(AddType::Single)).0,
            [30516]
        );
        assert!(!s.is_friend("a", "b"));
        // An admin force-add ignores the setting.
        assert_eq!(
            add(&mut s, FriendAdd::new("a", ["b"]).force_add(true)).0,
            [0]
        );
        assert!(s.is_friend("a", "b") && s.is_friend("b", "a"));
        assert_eq!(s.friend("a", "b").unwrap().add_time, 1_700_000_000);

        let mut s = state();
        allow(&mut s, "b", "AllowType_Type_AllowAny");
        let item = AddFriendItem::new("b")
            .remark("Bee")
            .group_name("pals")
            .add_source("AddSource_Type_Web");
        assert_eq!(add(&mut s, FriendAdd::new("a", [item])), (vec![0], vec![]));
        let f = s.friend("a", "b").unwrap();
        assert_eq!(f.remark.as_deref(), Some("Bee"));
        assert_eq!(s.lists_of("a", "b"), ["pals"]);
        assert_eq!(s.friend_lists["a"].sequence, 1);
        // b's side: the source, no remark.
        let back = s.friend("b", "a").unwrap();
        assert_eq!(
            (back.remark.as_deref(), back.add_source.as_deref()),
            (None, Some("AddSource_Type_Web"))
        );
    }

    #[test]
    fn blocklists_refuse_adds_even_when_forced() {
        let mut s = state();
        allow(&mut s, "b", "AllowType_Type_AllowAny");
        block(&mut s, "a", "b");
        // "The user you are trying to add is on your blocklist."
        assert_eq!(
            add(&mut s, FriendAdd::new("a", ["b"]).force_add(true)).0,
            [30515]
        );
        let mut s = state();
        allow(&mut s, "b", "AllowType_Type_AllowAny");
        block(&mut s, "b", "a");
        // "You have been blocklisted by the user you are trying to add."
        assert_eq!(
            add(&mut s, FriendAdd::new("a", ["b"]).force_add(true)).0,
            [30525]
        );
        assert!(!s.is_friend("a", "b") && !s.is_friend("b", "a"));
        assert!(s.friends.is_empty() && s.friend_sequences.is_empty());
    }

    #[test]
    fn a_failure_changes_nothing() {
        let mut s = state();
        let before = s.to_json();
        let err = FriendAdd::new("ghost", ["b"])
            .emulate(&mut s, &ctx())
            .unwrap_err();
        assert_eq!(err.code, 30003);
        assert_eq!(s.to_json(), before);
    }
}
