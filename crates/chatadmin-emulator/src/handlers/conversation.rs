//! Conversations (`recentcontact/*`): the conversation list of an account, paged with
//! separate cursors for pinned and general conversations, deleting conversations, and the
//! conversation groups and marks, which the pages call "independent of recent contacts".
//!
//! Codes (every `recentcontact` page): 50001 an account not imported, 50002 an incorrect
//! parameter, 51006 an empty or over-100 mark list, 51007 a group conversation whose group does
//! not exist ("the group was disbanded"), 51008 past 1,000 conversations with group or mark
//! data, 51009 a conversation group that does not exist, 51010 past 20 conversation groups,
//! 51011 a group name over 32 bytes. The Ultimate-edition restriction (51013) is not
//! emulated: the emulated app has every feature.

use chatadmin_core::api::conversation::{
    ContactGroupItem, ContactItem, ContactMarkItem, ContactRef, ContactResultItem,
    ContactUpdateResult, CreateContactGroup, CreateContactGroupResponse, DelContactGroup,
    DelContactGroupResponse, GetContactGroup, GetContactGroupResponse, GroupResultItem,
    MarkContact, MarkContactResponse, MarkResultItem, RecentContactDelete,
    RecentContactDeleteResponse, RecentContactGetList, RecentContactGetListResponse,
    SearchContactGroup, SearchContactGroupResponse, SessionItem, UpdateContactGroup,
    UpdateContactGroupResponse, UpdateGroupResult, ASSIST_EMPTY, ASSIST_PAGE_PINNED, ASSIST_PINNED,
    CONTACT_ADD, MARK_BOTH, MARK_CUSTOM, MARK_STANDARD, MAX_CONTACT_GROUPS, UPDATE_NAME,
};
use chatadmin_core::error::ValidationError;
use chatadmin_core::ResponseStatus;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::{ConversationKey, State};

/// "The requested UserID has not been imported".
const NO_ACCOUNT: i64 = 50001;
/// "Incorrect request parameter".
const BAD_PARAMETER: i64 = 50002;
/// "the number of conversations is empty or exceeds the upper limit of 100" (marks).
const MARK_COUNT: i64 = 51006;
/// "Failed to replace GroupID with GroupCode because ... the group was disbanded".
const NO_GROUP: i64 = 51007;
/// "The total number of conversations in the conversation group exceeds 1,000."
const TOO_MANY_MARKED: i64 = 51008;
/// "The conversation group does not exist".
const NO_CONTACT_GROUP: i64 = 51009;
/// "The number of conversation groups exceeds the upper limit of 20."
const TOO_MANY_GROUPS: i64 = 51010;
/// "The conversation group name contains more than 32 bytes."
const NAME_TOO_LONG: i64 = 51011;

/// Conversations per `get_list` page, and marked conversations per `get_contact_group` page.
/// Not documented: the pages give no page size.
pub(crate) const PAGE_SIZE: usize = 100;

/// The documented code of a request core refused: 51011 for a conversation group name over
/// 32 bytes, 51006 for a mark list empty or over 100, 50002 otherwise.
fn recentcontact_code(error: &ValidationError) -> Option<i64> {
    let f = error.field.as_str();
    if f.ends_with("GroupName") || f.contains("GroupName[") {
        if error.message.contains("bytes") {
            return Some(NAME_TOO_LONG);
        }
    } else if f == "MarkItem" {
        return Some(MARK_COUNT);
    }
    Some(BAD_PARAMETER)
}

/// The success status with `ErrorDisplay`, for the endpoints whose sample answers carry it.
fn ok_with_display(ctx: &Ctx) -> ResponseStatus {
    let mut s = ctx.ok();
    s.error_display = Some(String::new());
    s
}

fn key_of(c: &ContactItem) -> ConversationKey {
    match c.conversation_type {
        1 => ConversationKey::C2C(c.to_account.clone().unwrap_or_default()),
        _ => ConversationKey::Group(c.to_group_id.clone().unwrap_or_default()),
    }
}

fn contact_ref(k: &ConversationKey) -> ContactRef {
    let mut r = ContactRef {
        conversation_type: k.wire_type(),
        to_group_id: None,
        to_account: None,
        extra: Default::default(),
    };
    match k {
        ConversationKey::C2C(p) => r.to_account = Some(p.clone()),
        ConversationKey::Group(g) => r.to_group_id = Some(g.clone()),
    }
    r
}

/// A group conversation whose group does not exist: 51007.
fn group_missing(state: &State, k: &ConversationKey) -> Option<(i64, String)> {
    match k {
        ConversationKey::Group(g) if !state.groups.contains_key(g) => Some((
            NO_GROUP,
            format!("group {g:?} does not exist (or was disbanded)"),
        )),
        _ => None,
    }
}

fn result(k: &ConversationKey, failure: Option<(i64, String)>) -> ContactResultItem {
    let (result_code, result_info) = failure.unwrap_or((0, String::new()));
    ContactResultItem {
        contact_item: contact_ref(k),
        result_code,
        result_info,
        extra: Default::default(),
    }
}

fn group_item(id: u64, name: &str) -> ContactGroupItem {
    ContactGroupItem {
        group_name: name.to_owned(),
        group_id: id,
        extra: Default::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// get_list
// ---------------------------------------------------------------------------------------------

/// The conversations of `list` after the cursor `(time, index)`: those with an earlier last
/// message than `time`, and those at `time` past the first `index` (the list is newest
/// first). `(0, 0)` is the start.
fn after_cursor(list: &[(ConversationKey, u64)], time: u64, index: u64) -> usize {
    if time == 0 && index == 0 {
        return 0;
    }
    let newer = list.iter().take_while(|(_, t)| *t > time).count();
    let same = list[newer..].iter().take_while(|(_, t)| *t == time).count();
    newer + same.min(usize::try_from(index).unwrap_or(usize::MAX))
}

/// The cursor after the first `end` conversations of `list`: the last one's time and how many
/// conversations at that time come before the end.
fn cursor_at(list: &[(ConversationKey, u64)], end: usize, old: (u64, u64)) -> (u64, u64) {
    if end == 0 {
        return old;
    }
    let t = list[end - 1].1;
    let n = list[..end].iter().filter(|(_, x)| *x == t).count();
    (t, n as u64)
}

/// `recentcontact.get_list` page: pinned conversations first when `AssistFlags` bit 0 is set
/// (`TopFlag` 1; without it they are listed among the others with `TopFlag` 0), conversations
/// without messages only with bit 1, pinned conversations paged with `TopTimeStamp` /
/// `TopStartIndex` only with bit 2 (otherwise every pinned one comes on the first page).
/// Each list is newest first; a cursor is the last returned conversation's `MsgTime` and how
/// many at that time were returned, so conversations moving up between pages do not shift
/// the others. Not documented: the page size ([`PAGE_SIZE`] conversations) and the order.
impl Emulate for RecentContactGetList {
    fn emulate(
        self,
        state: &mut State,
        ctx: &Ctx,
    ) -> Result<RecentContactGetListResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, NO_ACCOUNT)?;
        let flags = self.assist_flags;
        let pin_first = flags & ASSIST_PINNED != 0;
        let (mut pinned, mut general) = (Vec::new(), Vec::new());
        if let Some(acc) = state.conversations.by_account.get(&self.from_account) {
            for (k, r) in acc.ordered() {
                if r.msg_time == 0 && flags & ASSIST_EMPTY == 0 {
                    continue;
                }
                let entry = (k.clone(), r.msg_time);
                match pin_first && r.pinned {
                    true => pinned.push(entry),
                    false => general.push(entry),
                }
            }
        }
        let p_start = after_cursor(&pinned, self.top_time_stamp, self.top_start_index);
        let p_take = match flags & ASSIST_PAGE_PINNED != 0 {
            true => (pinned.len() - p_start).min(PAGE_SIZE),
            false => pinned.len() - p_start,
        };
        let room = match flags & ASSIST_PAGE_PINNED != 0 {
            true => PAGE_SIZE - p_take,
            false => PAGE_SIZE,
        };
        let g_start = after_cursor(&general, self.time_stamp, self.start_index);
        let g_take = (general.len() - g_start).min(room);
        let (p_end, g_end) = (p_start + p_take, g_start + g_take);
        let item = |(k, t): &(ConversationKey, u64), top: u32| SessionItem {
            conversation_type: k.wire_type(),
            to_account: matches!(k, ConversationKey::C2C(_)).then(|| k.peer().to_owned()),
            group_id: matches!(k, ConversationKey::Group(_)).then(|| k.peer().to_owned()),
            msg_time: *t,
            top_flag: top,
            extra: Default::default(),
        };
        let session_item: Vec<SessionItem> = (pinned[p_start..p_end].iter())
            .map(|e| item(e, 1))
            .chain(general[g_start..g_end].iter().map(|e| item(e, 0)))
            .collect();
        let (top_time_stamp, top_start_index) =
            cursor_at(&pinned, p_end, (self.top_time_stamp, self.top_start_index));
        let (time_stamp, start_index) =
            cursor_at(&general, g_end, (self.time_stamp, self.start_index));
        let complete = p_end == pinned.len() && g_end == general.len();
        Ok(RecentContactGetListResponse {
            status: ok_with_display(ctx),
            session_item,
            complete_flag: u32::from(complete),
            time_stamp,
            start_index,
            top_time_stamp,
            top_start_index,
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }

    const REQUIRED_ON_WIRE: &'static [&'static str] =
        &["TimeStamp", "StartIndex", "TopTimeStamp", "TopStartIndex"];
}

// ---------------------------------------------------------------------------------------------
// delete
// ---------------------------------------------------------------------------------------------

/// `recentcontact.delete` page: the conversation leaves the list (its unread count and pin
/// with it); `ClearRamble` 1 also clears its roaming messages (recorded for history reads).
/// Its group and mark data stay ("independent of recent contacts"). Not documented: deleting
/// a conversation that is not in the list succeeds (nothing to delete).
impl Emulate for RecentContactDelete {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<RecentContactDeleteResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, NO_ACCOUNT)?;
        let key = match self.conversation_type {
            1 => ConversationKey::C2C(self.to_account.unwrap_or_default()),
            _ => ConversationKey::Group(self.to_groupid.unwrap_or_default()),
        };
        let clear = self.clear_ramble == Some(1);
        state
            .conversations
            .delete(&self.from_account, &key, clear, ctx.now);
        Ok(RecentContactDeleteResponse {
            status: ok_with_display(ctx),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }
}

// ---------------------------------------------------------------------------------------------
// conversation groups
// ---------------------------------------------------------------------------------------------

/// Adds `key` to the conversation group `id` of `owner`: 51007 for a group conversation whose
/// group does not exist, 51008 when a new conversation would pass 1,000 with group or mark
/// data. A conversation need not be in the recent-contact list.
fn add_to_group(
    state: &mut State,
    owner: &str,
    id: u64,
    key: &ConversationKey,
    now: u64,
) -> Option<(i64, String)> {
    if let Some(f) = group_missing(state, key) {
        return Some(f);
    }
    let acc = state
        .conversations
        .by_account
        .entry(owner.to_owned())
        .or_default();
    match acc.marks_mut(key) {
        Some(m) => {
            m.groups.insert(id);
            m.timestamp = now;
            None
        }
        None => Some((
            TOO_MANY_MARKED,
            "more than 1,000 conversations would have conversation group or mark data".to_owned(),
        )),
    }
}

/// `recentcontact.create_contact_group` page: one group per call with its conversations (one
/// `ResultItem` each, 51007/51008 per conversation); 51010 for a 21st group. The service
/// assigns the `GroupId` (1, 2, ... per account, not reused). Not documented: a name the
/// account already has; the call fails with 50002 naming it, nothing created.
impl Emulate for CreateContactGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<CreateContactGroupResponse, Failure> {
        let owner = self.from_account;
        require_account(state, "From_Account", &owner, NO_ACCOUNT)?;
        let acc = state
            .conversations
            .by_account
            .entry(owner.clone())
            .or_default();
        let mut names = Vec::new();
        for g in &self.group_contact_item {
            if acc.group_id(&g.group_name).is_some() || names.contains(&g.group_name) {
                return Err(Failure::new(
                    BAD_PARAMETER,
                    format!(
                        "GroupName {:?}: the account already has a conversation group of that name",
                        g.group_name
                    ),
                ));
            }
            names.push(g.group_name.clone());
        }
        if acc.groups.len() + names.len() > MAX_CONTACT_GROUPS {
            return Err(Failure::new(
                TOO_MANY_GROUPS,
                format!("account {owner:?} has {} conversation groups; at most {MAX_CONTACT_GROUPS} are allowed", acc.groups.len()),
            ));
        }
        let mut group_result_item = Vec::new();
        for g in self.group_contact_item {
            let acc = state
                .conversations
                .by_account
                .entry(owner.clone())
                .or_default();
            acc.last_group_id += 1;
            let id = acc.last_group_id;
            acc.groups.insert(id, g.group_name.clone());
            let result_item = (g.contact_item.iter())
                .map(|c| {
                    let k = key_of(c);
                    let failure = add_to_group(state, &owner, id, &k, ctx.now);
                    result(&k, failure)
                })
                .collect();
            group_result_item.push(GroupResultItem {
                group_item: group_item(id, &g.group_name),
                result_item,
                extra: Default::default(),
            });
        }
        Ok(CreateContactGroupResponse {
            status: ok_with_display(ctx),
            group_result_item,
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }
}

/// `recentcontact.update_contact_group` page: `UpdateGroupType` 1 renames the group
/// `OldGroupName` to `NewGroupName`; 2 adds (`ContactOptType` 1) and removes (2) conversations,
/// one `ContactResultItem` each (51007/51008 per added conversation). Not documented: an
/// `OldGroupName` the account does not have (51009, as for a deletion), a new name another
/// group has (50002), removing a conversation that is not in the group (result 0, it is not
/// in it afterwards).
impl Emulate for UpdateContactGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<UpdateContactGroupResponse, Failure> {
        let owner = self.from_account;
        require_account(state, "From_Account", &owner, NO_ACCOUNT)?;
        let g = self.update_group;
        let acc = state
            .conversations
            .by_account
            .entry(owner.clone())
            .or_default();
        let Some(id) = acc.group_id(&g.old_group_name) else {
            return Err(Failure::new(
                NO_CONTACT_GROUP,
                format!(
                    "OldGroupName {:?}: no such conversation group",
                    g.old_group_name
                ),
            ));
        };
        let mut result = UpdateGroupResult {
            update_group_type: g.update_group_type,
            group_name: g.old_group_name.clone(),
            group_id: id,
            old_group_name: g.old_group_name.clone(),
            contact_result_item: None,
            extra: Default::default(),
        };
        if g.update_group_type == UPDATE_NAME {
            let new = g.new_group_name.unwrap_or_default();
            if acc.group_id(&new).is_some_and(|other| other != id) {
                return Err(Failure::new(
                    BAD_PARAMETER,
                    format!("NewGroupName {new:?}: another conversation group has that name"),
                ));
            }
            acc.groups.insert(id, new.clone());
            result.group_name = new;
        } else {
            let mut items = Vec::new();
            for u in g.contact_update_item.unwrap_or_default() {
                let k = key_of(&u.contact_item);
                let failure = if u.contact_opt_type == CONTACT_ADD {
                    add_to_group(state, &owner, id, &k, ctx.now)
                } else {
                    let acc = state
                        .conversations
                        .by_account
                        .entry(owner.clone())
                        .or_default();
                    if let Some(m) = acc.marks.get_mut(&k) {
                        if m.groups.remove(&id) {
                            m.timestamp = ctx.now;
                        }
                    }
                    acc.prune_marks();
                    None
                };
                let r = self::result(&k, failure);
                items.push(ContactUpdateResult {
                    contact_opt_type: u.contact_opt_type,
                    contact_item: r.contact_item,
                    result_code: r.result_code,
                    result_info: r.result_info,
                    extra: Default::default(),
                });
            }
            result.contact_result_item = Some(items);
        }
        Ok(UpdateContactGroupResponse {
            status: ctx.ok(),
            update_type: self.update_type,
            update_group_result: result,
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }
}

/// `recentcontact.del_contact_group` page: deletes the group (its conversations leave it and
/// keep their marks); 51009 for a group that does not exist.
impl Emulate for DelContactGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DelContactGroupResponse, Failure> {
        let owner = self.from_account;
        require_account(state, "From_Account", &owner, NO_ACCOUNT)?;
        let acc = state
            .conversations
            .by_account
            .entry(owner.clone())
            .or_default();
        let mut ids = Vec::new();
        for name in &self.group_name {
            match acc.group_id(name) {
                Some(id) => ids.push((id, name.clone())),
                None => {
                    return Err(Failure::new(
                        NO_CONTACT_GROUP,
                        format!("GroupName {name:?}: no such conversation group"),
                    ))
                }
            }
        }
        for (id, _) in &ids {
            acc.groups.remove(id);
            for m in acc.marks.values_mut() {
                if m.groups.remove(id) {
                    m.timestamp = ctx.now;
                }
            }
        }
        acc.prune_marks();
        Ok(DelContactGroupResponse {
            status: ctx.ok(),
            group_item: ids.iter().map(|(id, n)| group_item(*id, n)).collect(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }
}

// ---------------------------------------------------------------------------------------------
// marks
// ---------------------------------------------------------------------------------------------

/// `recentcontact.mark_contact` page: `OptType` 1 sets the `SetMark` bits and clears the
/// `ClearMark` bits, 2 sets the custom mark (absent or empty: none), 3 both; one `ResultItem`
/// per conversation (51007 for a group that does not exist, 51008 past 1,000 marked
/// conversations). A conversation need not be in the recent-contact list.
impl Emulate for MarkContact {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<MarkContactResponse, Failure> {
        let owner = self.from_account;
        require_account(state, "From_Account", &owner, NO_ACCOUNT)?;
        let mut result_item = Vec::new();
        for m in self.mark_item {
            let k = key_of(&m.contact_item);
            let failure = group_missing(state, &k).or_else(|| {
                let acc = state
                    .conversations
                    .by_account
                    .entry(owner.clone())
                    .or_default();
                let Some(marks) = acc.marks_mut(&k) else {
                    return Some((
                        TOO_MANY_MARKED,
                        "more than 1,000 conversations would have conversation group or mark data"
                            .to_owned(),
                    ));
                };
                if matches!(m.opt_type, MARK_STANDARD | MARK_BOTH) {
                    for b in m.set_mark.iter().flatten() {
                        marks.standard |= 1u64 << b;
                    }
                    for b in m.clear_mark.iter().flatten() {
                        marks.standard &= !(1u64 << b);
                    }
                }
                if matches!(m.opt_type, MARK_CUSTOM | MARK_BOTH) {
                    marks.custom = m.custom_mark.clone().unwrap_or_default();
                }
                marks.timestamp = ctx.now;
                acc.prune_marks();
                None
            });
            let r = result(&k, failure);
            result_item.push(MarkResultItem {
                opt_type: m.opt_type,
                contact_item: r.contact_item,
                result_code: r.result_code,
                result_info: r.result_info,
                extra: Default::default(),
            });
        }
        Ok(MarkContactResponse {
            status: ok_with_display(ctx),
            result_item,
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }
}

fn mark_item(k: &ConversationKey, m: &crate::state::Marks) -> ContactMarkItem {
    let r = contact_ref(k);
    ContactMarkItem {
        conversation_type: r.conversation_type,
        to_account: r.to_account,
        to_group_id: r.to_group_id,
        standard_mark: Some(m.standard_string()),
        custom_mark: (!m.custom.is_empty()).then(|| m.custom.clone()),
        contact_group_id: (!m.groups.is_empty()).then(|| m.groups.iter().copied().collect()),
        timestamp: m.timestamp,
        extra: Default::default(),
    }
}

/// `recentcontact.search_contact_group` page: the group and mark data of the requested
/// conversations, with the conversation groups they are in. Not documented: a conversation
/// without such data is left out of the answer.
impl Emulate for SearchContactGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<SearchContactGroupResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, NO_ACCOUNT)?;
        let acc = state.conversations.by_account.get(&self.from_account);
        let mut found = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for c in &self.contact_item {
            let k = key_of(c);
            if let Some(m) = acc.and_then(|a| a.marks.get(&k)) {
                ids.extend(m.groups.iter().copied());
                found.push(mark_item(&k, m));
            }
        }
        let group_item = (ids.iter())
            .filter_map(|id| Some(group_item(*id, acc?.groups.get(id)?)))
            .collect();
        Ok(SearchContactGroupResponse {
            status: ok_with_display(ctx),
            contact_result_item: found,
            group_item,
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }
}

/// `recentcontact.get_contact_group` page: the conversations with group or mark data, a page
/// at a time from `StartIndex` (ordered by conversation; [`PAGE_SIZE`] a page, not
/// documented), and every conversation group of the account on each page.
impl Emulate for GetContactGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetContactGroupResponse, Failure> {
        require_account(state, "From_Account", &self.from_account, NO_ACCOUNT)?;
        let acc = state.conversations.by_account.get(&self.from_account);
        let all: Vec<_> = acc.map(|a| a.marks.iter().collect()).unwrap_or_default();
        let start = usize::try_from(self.start_index)
            .unwrap_or(usize::MAX)
            .min(all.len());
        let end = (start + PAGE_SIZE).min(all.len());
        let group_item = acc
            .map(|a| a.groups.iter().map(|(id, n)| group_item(*id, n)).collect())
            .unwrap_or_default();
        let complete = end == all.len();
        Ok(GetContactGroupResponse {
            status: ctx.ok(),
            contact_item: all[start..end]
                .iter()
                .map(|(k, m)| mark_item(k, m))
                .collect(),
            group_item,
            complete_flag: u32::from(complete),
            next_start_index: if complete { 0 } else { end as u64 },
            extra: Default::default(),
        })
    }

    fn invalid_request_code(_body: &Value, error: &ValidationError) -> Option<i64> {
        recentcontact_code(error)
    }

    const REQUIRED_ON_WIRE: &'static [&'static str] = &["StartIndex"];
}
