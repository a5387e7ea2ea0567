//! Group members (`group_open_http_svc`): add, import, delete, read, modify, mute.
//!
//! One member list per group, in join order ([`Group::members`]); audio-video groups
//! (AVChatRoom, BChatRoom: [`Kind::Live`]) have none and answer these calls with the codes
//! their pages give. Every call is made by the app admin, who may do everything the group
//! type allows; what the pages forbid is forbidden by type, not by role. Mutes end at an
//! instant on the emulated clock ([`Ctx::now`]).

use chatadmin_core::api::common::StatusResponse;
use chatadmin_core::api::group::MemberRole;
use chatadmin_core::api::member::{
    member_result, AddGroupMember, AddGroupMemberResponse, DeleteGroupMember,
    DeleteGroupMemberResponse, ForbidSendMsg, ForbidSendMsgResponse, GetGroupMemberInfo,
    GetGroupMemberInfoResponse, GetGroupMutedAccount, GetGroupMutedAccountResponse,
    GetGroupShuttedUin, GetGroupShuttedUinResponse, GetSpecifiedGroupMemberInfo,
    GetSpecifiedGroupMemberInfoResponse, GroupMemberInfo, ImportGroupMember,
    ImportGroupMemberResponse, MemberDataItem, MemberResult, MemberWriteResponse,
    ModifyGroupMemberInfo, ModifyGroupMemberInfoResponse, MsgFlag, MutedAccount, ShuttedUin,
};
use chatadmin_core::error::ValidationError;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::group::{find_group, find_group_mut};
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::{Group, Kind, Member, State};

/// "10007: No operation permissions. In this case, check whether the group type supports
/// user invitation" (add_group_member), the code the member pages give for an audio-video
/// group.
fn no_member_list(group_id: &str, what: &str) -> Failure {
    Failure::new(
        10007,
        format!("GroupId {group_id:?} is an audio-video group (AVChatRoom/BChatRoom), which keeps no member list: {what} is not supported"),
    )
}

/// A group with a member list, for a change; `what` names the call for the error.
fn listed_group_mut<'s>(
    state: &'s mut State,
    id: &str,
    what: &str,
) -> Result<&'s mut Group, Failure> {
    let group = find_group_mut(state, id)?;
    if group.kind().has_member_list() {
        Ok(group)
    } else {
        Err(no_member_list(id, what))
    }
}

/// A group with a member list, to read.
fn listed_group<'s>(state: &'s State, id: &str, what: &str) -> Result<&'s Group, Failure> {
    let group = find_group(state, id)?;
    if group.kind().has_member_list() {
        Ok(group)
    } else {
        Err(no_member_list(id, what))
    }
}

/// The most members the group takes: `MaxMemberNum` as set. Not documented: the plan's
/// default when none was set; the emulator applies no cap then.
fn room_left(group: &Group) -> usize {
    group.max_member_count.map_or(usize::MAX, |cap| {
        (cap as usize).saturating_sub(group.members.len())
    })
}

/// "10005: The number of member accounts in the request packet exceeds 300"
/// (add_group_member, import_group_member).
fn too_many_members(body: &Value, error: &ValidationError) -> Option<i64> {
    let listed = body.get("MemberList").and_then(Value::as_array)?;
    (error.field == "MemberList" && listed.len() > 300).then_some(10005)
}

fn results(ctx: &Ctx, member_list: Vec<MemberResult>) -> MemberWriteResponse {
    MemberWriteResponse {
        status: ctx.ok(),
        member_list,
        extra: Default::default(),
    }
}

fn result(account: &str, result: u32) -> MemberResult {
    MemberResult {
        member_account: account.to_owned(),
        result,
        extra: Default::default(),
    }
}

fn status(ctx: &Ctx) -> StatusResponse {
    StatusResponse {
        status: ctx.ok(),
        extra: Default::default(),
    }
}

/// `add_group_member` page:
/// - AVChatRoom (and BChatRoom): "error 10007 will be returned";
/// - "10019: The UserID does not exist. Make sure all the accounts specified in
///   `Member_Account` are correct": the call fails and nobody is added;
/// - "10014: ... the group is already full": when the new members do not all fit under
///   `MaxMemberNum`, the call fails and nobody is added;
/// - per member, `Result` 1 added or 2 "already in the group" (also for an account listed
///   twice in the request).
///
/// This is how members enter Private (Work) groups, which users join only by invitation.
/// Not documented: `Result` 3 ("pending approval by the invitee or admin") follows the group's
/// `InviteJoinOption` for invitations by members; the app admin's additions take effect at
/// once, so the emulator never answers 3.
impl Emulate for AddGroupMember {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<AddGroupMemberResponse, Failure> {
        for m in &self.member_list {
            require_account(
                state,
                "MemberList[].Member_Account",
                &m.member_account,
                10019,
            )?;
        }
        let group = listed_group_mut(state, &self.group_id, "add_group_member")?;
        let mut seen = std::collections::BTreeSet::new();
        let new: Vec<&str> = (self.member_list.iter())
            .map(|m| m.member_account.as_str())
            .filter(|a| !group.is_member(a) && seen.insert(*a))
            .collect();
        if new.len() > room_left(group) {
            return Err(Failure::new(
                10014,
                format!(
                    "GroupId {:?} is full: {} members, MaxMemberNum {}, {} to add",
                    self.group_id,
                    group.members.len(),
                    group.max_member_count.unwrap_or_default(),
                    new.len()
                ),
            ));
        }
        let mut items = Vec::with_capacity(self.member_list.len());
        for m in self.member_list {
            let account = m.member_account;
            if group.is_member(&account) {
                items.push(result(&account, member_result::ALREADY_MEMBER));
            } else {
                group
                    .members
                    .push(Member::new(account.clone(), MemberRole::Member, ctx.now));
                items.push(result(&account, member_result::ADDED));
            }
        }
        Ok(results(ctx, items))
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        too_many_members(body, error)
    }
}

/// `import_group_member` page:
/// - AVChatRoom: "error 10007 will be returned";
/// - "ensure that the time that the member joined the group is later than the group creation
///   time and earlier than the current time. Otherwise, the member cannot be imported": such a
///   member gets `Result` 0 (failed) and the others are imported;
/// - "If the unread message count specified ... is greater than the current number of messages
///   of the group, the unread message count is set to the current number of messages";
/// - `Result` 2 for a member already in the group.
///
/// Not documented: an account that was never imported gets `Result` 0 (the page lists no
/// 10019); a group without room for every new member answers 10014 as `add_group_member` does,
/// importing nobody. A member without `JoinTime` joins now.
impl Emulate for ImportGroupMember {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ImportGroupMemberResponse, Failure> {
        let known: Vec<bool> = (self.member_list.iter())
            .map(|m| state.account_exists(&m.member_account))
            .collect();
        let group = listed_group_mut(state, &self.group_id, "import_group_member")?;
        let (created, now) = (group.create_time, ctx.now);
        let joins_ok = |t: Option<u64>| t.map_or(true, |t| t > created && t <= now);
        let mut seen = std::collections::BTreeSet::new();
        let new = (self.member_list.iter().zip(&known))
            .filter(|(m, ok)| **ok && joins_ok(m.join_time) && !group.is_member(&m.member_account))
            .filter(|(m, _)| seen.insert(m.member_account.as_str()))
            .count();
        if new > room_left(group) {
            return Err(Failure::new(
                10014,
                format!(
                    "GroupId {:?} is full: {new} members do not fit under MaxMemberNum",
                    self.group_id
                ),
            ));
        }
        let messages = group.next_msg_seq.saturating_sub(1);
        let mut items = Vec::with_capacity(self.member_list.len());
        for (m, ok) in self.member_list.into_iter().zip(known) {
            let account = m.member_account;
            let code = if !ok || !joins_ok(m.join_time) {
                member_result::FAILED
            } else if group.is_member(&account) {
                member_result::ALREADY_MEMBER
            } else {
                let role = m.role.unwrap_or(MemberRole::Member);
                let mut member = Member::new(account.clone(), role, m.join_time.unwrap_or(now));
                member.unread = m.unread_msg_num.unwrap_or(0).min(messages);
                group.members.push(member);
                member_result::ADDED
            };
            items.push(result(&account, code));
        }
        Ok(results(ctx, items))
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        too_many_members(body, error)
    }
}

/// `delete_group_member` page:
/// - AVChatRoom: "error 10004 will be returned";
/// - "Even if a user to be deleted is not in the group, the API will still return success."
///
/// Not documented: deleting the owner. The owner cannot leave a group (error-code page, 10009:
/// "The group owner is not allowed to leave the group"), so the call fails with 10009 and
/// nobody is deleted; the owner changes with `change_group_owner` first.
impl Emulate for DeleteGroupMember {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DeleteGroupMemberResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        if !group.kind().has_member_list() {
            return Err(Failure::new(
                10004,
                format!("GroupId {:?} is an audio-video group: members cannot be deleted (mute them instead)", self.group_id),
            ));
        }
        let doomed = &self.member_to_del_account;
        if let Some(owner) = (group.members.iter())
            .find(|m| m.role == MemberRole::Owner && doomed.contains(&m.account))
        {
            return Err(Failure::new(
                10009,
                format!(
                    "{:?} is the group owner and cannot be deleted; change the owner first",
                    owner.account
                ),
            ));
        }
        group.members.retain(|m| !doomed.contains(&m.account));
        Ok(status(ctx))
    }
}

/// The member fields every read returns without `MemberInfoFilter`.
const ALL_FIELDS: &[&str] = &[
    "Role",
    "JoinTime",
    "MsgSeq",
    "MsgFlag",
    "LastSendMsgTime",
    "ShutUpUntil",
    "NameCard",
];

/// What a member read asked for.
struct Filters<'a> {
    fields: Option<&'a [String]>,
    roles: Option<&'a [MemberRole]>,
    app_keys: Option<&'a [String]>,
}

impl Filters<'_> {
    fn wants_role(&self, m: &Member) -> bool {
        self.roles.map_or(true, |r| r.contains(&m.role))
    }

    fn wants(&self, field: &str) -> bool {
        match self.fields {
            Some(f) => f.iter().any(|x| x == field),
            None => ALL_FIELDS.contains(&field),
        }
    }

    /// The member as the reads answer it: `Member_Account` always, the other fields as asked.
    /// Custom fields: all of them without `AppDefinedDataFilter_GroupMember` (the page's
    /// basic answer carries them), else the keys it names.
    fn info(&self, m: &Member, now: u64) -> GroupMemberInfo {
        let data: Vec<MemberDataItem> = (m.app_data.iter())
            .filter(|(k, _)| self.app_keys.map_or(true, |keys| keys.contains(k)))
            .map(|(k, v)| MemberDataItem {
                key: k.clone(),
                value: v.clone(),
                extra: Default::default(),
            })
            .collect();
        GroupMemberInfo {
            member_account: m.account.clone(),
            role: self.wants("Role").then(|| m.role.clone()),
            join_time: self.wants("JoinTime").then_some(m.join_time),
            msg_seq: self.wants("MsgSeq").then_some(m.msg_seq),
            msg_flag: (self.wants("MsgFlag")).then(|| MsgFlag::from(m.msg_flag.as_str())),
            last_send_msg_time: self
                .wants("LastSendMsgTime")
                .then_some(m.last_send_msg_time),
            // The English page's translation names the filter value `MuteUntil`: both work.
            shut_up_until: (self.wants("ShutUpUntil") || self.wants("MuteUntil"))
                .then(|| m.muted_until(now)),
            name_card: self.wants("NameCard").then(|| m.name_card.clone()),
            app_member_defined_data: (!data.is_empty()).then_some(data),
            extra: Default::default(),
        }
    }
}

/// `get_group_member_info` page:
/// - paging by `Limit` (at most 200, checked by core) and `Offset` for every type but
///   communities; "The community currently does not support paging" and "A community group
///   does not support the `Offset` field. It uses the `Next` field instead", required for a
///   community ("This field is required for a community group"); "Only the community supports
///   obtaining group member details in batches": each misuse answers 10004;
/// - `Next`: `""` first, then the answer's `Next`, `""` in the last answer, "returned only for
///   a community group";
/// - `MemberNum` is the number of members in the group (the page's role-filter sample answers
///   2 members with `MemberNum` 8);
/// - AVChatRoom: not supported (10007, the code the catalog gives for the type).
///
/// Not documented: the emulator's `Next` is the position of the next member as a decimal
/// string; `Offset`/`Limit` apply to the members that pass `MemberRoleFilter`, in join order.
impl Emulate for GetGroupMemberInfo {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupMemberInfoResponse, Failure> {
        let group = listed_group(state, &self.group_id, "get_group_member_info")?;
        let community = group.kind() == Kind::Community;
        let invalid = |m: &str| Err(Failure::new(10004, m.to_owned()));
        if community && self.offset.is_some() {
            return invalid(
                "Offset: a Community group does not support Offset; page with Next (\"\" first)",
            );
        }
        if community && self.next.is_none() {
            return invalid("Next: required for a Community group (\"\" for the first batch)");
        }
        if !community && self.next.is_some() {
            return invalid("Next: only Community groups are read in batches by Next; page with Offset and Limit");
        }
        let filters = Filters {
            fields: self.member_info_filter.as_deref(),
            roles: self.member_role_filter.as_deref(),
            app_keys: self.app_defined_data_filter_group_member.as_deref(),
        };
        let start = match self.next.as_deref() {
            None => self.offset.unwrap_or(0),
            Some("") => 0,
            Some(cursor) => match cursor.parse() {
                Ok(n) => n,
                Err(_) => {
                    return invalid(&format!(
                        "Next: {cursor:?} is not a cursor this group answered"
                    ))
                }
            },
        };
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let limit = self.limit.map_or(usize::MAX, |l| l as usize);
        let passing: Vec<&Member> = group
            .members
            .iter()
            .filter(|m| filters.wants_role(m))
            .collect();
        let page: Vec<GroupMemberInfo> = (passing.iter().skip(start).take(limit))
            .map(|m| filters.info(m, ctx.now))
            .collect();
        let end = start.saturating_add(page.len());
        let next = community.then(|| {
            if end < passing.len() {
                end.to_string()
            } else {
                String::new()
            }
        });
        Ok(GetGroupMemberInfoResponse {
            status: ctx.ok(),
            member_num: group.members.len() as u64,
            member_list: page,
            next,
            extra: Default::default(),
        })
    }
}

/// `get_specified_group_member_info` page (https://www.tencentcloud.com/document/product/1047/64897):
/// the profiles of the listed members, with the same filters as `get_group_member_info`; not
/// for AVChatRoom (10007).
///
/// Not documented: listed accounts that are not members are left out of `MemberList`, which
/// keeps the request's order; `MemberNum` is the group's member count.
impl Emulate for GetSpecifiedGroupMemberInfo {
    fn emulate(
        self,
        state: &mut State,
        ctx: &Ctx,
    ) -> Result<GetSpecifiedGroupMemberInfoResponse, Failure> {
        let group = listed_group(state, &self.group_id, "get_specified_group_member_info")?;
        let filters = Filters {
            fields: self.member_info_filter.as_deref(),
            roles: self.member_role_filter.as_deref(),
            app_keys: self.app_defined_data_filter_group_member.as_deref(),
        };
        let member_list = (self.member_list_account.iter())
            .filter_map(|a| group.member(a))
            .filter(|m| filters.wants_role(m))
            .map(|m| filters.info(m, ctx.now))
            .collect();
        Ok(GetSpecifiedGroupMemberInfoResponse {
            status: ctx.ok(),
            member_list,
            member_num: Some(group.members.len() as u64),
            extra: Default::default(),
        })
    }
}

/// `modify_group_member_info` page:
/// - `Role`: `Admin` sets an admin, `Member` revokes it; "The group owner identity cannot be
///   modified" (core refuses `Owner`; changing the owner's role answers 10004 here);
/// - "Private groups (same as Work groups in the new version) do not support muting group
///   users": `ShutUpTime` there answers 10007;
/// - AVChatRoom: "do not store group member profiles and therefore do not allow member profile
///   modification" (10007).
///
/// Not documented: a `Member_Account` that is not a member answers 10007 (the pages' code for
/// an operation the target does not allow); custom fields are set key by key, an empty value
/// removes the key. Nothing changes when the call fails.
impl Emulate for ModifyGroupMemberInfo {
    fn emulate(
        self,
        state: &mut State,
        ctx: &Ctx,
    ) -> Result<ModifyGroupMemberInfoResponse, Failure> {
        let group = listed_group_mut(state, &self.group_id, "modify_group_member_info")?;
        if self.shut_up_time.is_some() && group.kind() == Kind::Private {
            return Err(Failure::new(
                10007,
                "ShutUpTime: Private (Work) groups do not support muting members",
            ));
        }
        let gid = self.group_id;
        let member = group.member_mut(&self.member_account).ok_or_else(|| {
            Failure::new(
                10007,
                format!(
                    "Member_Account {:?} is not a member of {gid:?}",
                    self.member_account
                ),
            )
        })?;
        if self.role.is_some() && member.role == MemberRole::Owner {
            return Err(Failure::new(
                10004,
                format!(
                    "Role: {:?} is the group owner; the owner identity cannot be modified",
                    member.account
                ),
            ));
        }
        if let Some(role) = self.role {
            member.role = role;
        }
        if let Some(flag) = self.msg_flag {
            member.msg_flag = flag.as_str().to_owned();
        }
        if let Some(card) = self.name_card {
            member.name_card = card;
        }
        for d in self.app_member_defined_data.unwrap_or_default() {
            if d.value.is_empty() {
                member.app_data.remove(&d.key);
            } else {
                member.app_data.insert(d.key, d.value);
            }
        }
        if let Some(secs) = self.shut_up_time {
            member.mute(None, secs, ctx.now);
        }
        Ok(status(ctx))
    }
}

/// `TopicId` of the mute calls: "applies only to topic-enabled community groups". Not
/// documented: the code for a topic the group does not have, or a group without topics; 10004
/// (invalid parameter) here.
fn check_topic(group: &Group, topic: Option<&str>) -> Result<(), Failure> {
    match topic {
        Some(t) if !group.topics.contains_key(t) => Err(Failure::new(
            10004,
            format!("TopicId {t:?}: no such topic in this group (TopicId applies only to topic-enabled communities)"),
        )),
        _ => Ok(()),
    }
}

/// `forbid_send_msg` page: mutes `Members_Account` for `ShutUpTime` seconds from now (the
/// emulated clock); "`0`: Unmute; `4294967295`: Permanent muting"; Private (Work) groups: "do
/// not support muting members" (10007); `TopicId` mutes in a topic of a topic-enabled community.
///
/// Not documented: accounts that are not members are skipped (the call succeeds).
/// Audio-video groups: the page supports them, but their mutes belong to the live-group model
/// ([`crate::state::Live`]), which keeps no mute end time; the emulator answers 10007 there
/// rather than pretend to mute.
impl Emulate for ForbidSendMsg {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ForbidSendMsgResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        match group.kind() {
            Kind::Private => {
                return Err(Failure::new(
                    10007,
                    "Private (Work) groups do not support muting members",
                ))
            }
            // The page's type table: AVChatRoom "Yes". A live group has no member list: the
            // mute is kept by user (not documented: whether the user must be in the room; the
            // emulator mutes any account, so a mute set before joining holds).
            Kind::Live => {
                for account in &self.members_account {
                    group.live.mute(account, self.shut_up_time, ctx.now);
                }
                return Ok(status(ctx));
            }
            _ => {}
        }
        let topic = self.topic_id.as_deref();
        check_topic(group, topic)?;
        for account in &self.members_account {
            if let Some(m) = group.member_mut(account) {
                m.mute(topic, self.shut_up_time, ctx.now);
            }
        }
        Ok(status(ctx))
    }
}

/// The members muted at `now`, in join order, with when each mute ends.
fn muted(group: &Group, topic: Option<&str>, now: u64) -> Vec<(String, u64)> {
    if group.kind() == Kind::Live {
        return (group.live.mutes.iter())
            .filter(|(_, &until)| now < until)
            .map(|(user, &until)| (user.clone(), until))
            .collect();
    }
    (group.members.iter())
        .filter_map(|m| {
            let until = match topic {
                Some(t) => m.topic_muted_until(t, now)?,
                None => m.is_muted(now).then_some(m.shut_up_until)?,
            };
            Some((m.account.clone(), until))
        })
        .collect()
}

/// `get_group_muted_account` page: "the list of muted users in a group", each with
/// `MutedUntil`; a mute ended on the emulated clock is no longer listed. Every group type is
/// supported; audio-video groups list their muted users (kept by user, see [`ForbidSendMsg`]).
impl Emulate for GetGroupMutedAccount {
    fn emulate(
        self,
        state: &mut State,
        ctx: &Ctx,
    ) -> Result<GetGroupMutedAccountResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        check_topic(group, self.topic_id.as_deref())?;
        let list = muted(group, self.topic_id.as_deref(), ctx.now)
            .into_iter()
            .map(|(member_account, muted_until)| MutedAccount {
                member_account,
                muted_until,
                extra: Default::default(),
            })
            .collect();
        Ok(GetGroupMutedAccountResponse {
            status: ctx.ok(),
            group_id: Some(self.group_id),
            muted_account_list: list,
            extra: Default::default(),
        })
    }
}

/// `get_group_shutted_uin` page (the older path of the same read): `ShuttedUinList` with
/// `ShuttedUntil`; its type table says BChatRoom "No". Not documented: the code for a
/// BChatRoom; 10007 (the pages' code for a type that does not support a call).
impl Emulate for GetGroupShuttedUin {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupShuttedUinResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        if group.group_type.as_str() == "BChatRoom" {
            return Err(Failure::new(
                10007,
                "get_group_shutted_uin does not support BChatRoom groups",
            ));
        }
        let list = muted(group, None, ctx.now)
            .into_iter()
            .map(|(member_account, shutted_until)| ShuttedUin {
                member_account,
                shutted_until,
                extra: Default::default(),
            })
            .collect();
        Ok(GetGroupShuttedUinResponse {
            status: ctx.ok(),
            group_id: Some(self.group_id),
            shutted_uin_list: list,
            extra: Default::default(),
        })
    }
}
