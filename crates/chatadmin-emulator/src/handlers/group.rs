//! Groups (`group_open_http_svc`).

use chatadmin_core::api::common::StatusResponse;
use chatadmin_core::api::group::{
    AppDataValue, ApplyJoinOption, ChangeGroupOwner, CreateGroup, CreateGroupResponse,
    DestroyGroup, DestroyGroupResponse, GetAppidGroupList, GetAppidGroupListResponse, GetGroupInfo,
    GetGroupInfoResponse, GetJoinedGroupList, GetJoinedGroupListResponse, GetRoleInGroup,
    GetRoleInGroupResponse, GroupIdItem, GroupInfo, GroupInfoFilter, GroupInfoMember,
    GroupSelfInfo, GroupType, ImportGroup, ImportGroupResponse, InviteJoinOption, MemberRole,
    ModifyGroupBaseInfo, OnOff, RoleInGroup, SetUnreadMsgNum, UserRole, GROUP_ID,
    MAX_GROUP_APP_DATA,
};
use chatadmin_core::error::ValidationError;
use rand::Rng;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::require_account;
use crate::handlers::{Ctx, Emulate};
use crate::state::{Group, Kind, Member, State};

/// Characters of generated group IDs, like the page's sample `@TGS#2J4SZEAEL`.
const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// Characters of generated community IDs, like the sample `@TGS#_@TGS#cRDH3HIM62CP`.
const COMMUNITY_ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

pub(crate) fn generate_group_id(state: &State, group_type: &GroupType) -> String {
    let mut rng = rand::thread_rng();
    let (prefix, chars, len) = if *group_type == GroupType::Community {
        ("@TGS#_@TGS#", COMMUNITY_ID_CHARS, 12)
    } else {
        ("@TGS#", ID_CHARS, 9)
    };
    loop {
        let tail: String = (0..len)
            .map(|_| char::from(chars[rng.gen_range(0..chars.len())]))
            .collect();
        let id = format!("{prefix}{tail}");
        if !state.groups.contains_key(&id) {
            return id;
        }
    }
}

/// The group `id`, or the failure every group endpoint's page gives for a group that does not
/// exist: "10010: The group does not exist or has been deleted" (use [`missing_group`] for a
/// page that documents another code).
pub(crate) fn find_group<'s>(state: &'s State, id: &str) -> Result<&'s Group, Failure> {
    state.groups.get(id).ok_or_else(|| missing_group(10010, id))
}

/// [`find_group`], for a change.
pub(crate) fn find_group_mut<'s>(state: &'s mut State, id: &str) -> Result<&'s mut Group, Failure> {
    state
        .groups
        .get_mut(id)
        .ok_or_else(|| missing_group(10010, id))
}

/// The failure for a group that does not exist, with the page's `code`.
pub(crate) fn missing_group(code: i64, id: &str) -> Failure {
    Failure::new(
        code,
        format!("GroupId {id:?}: the group does not exist or has been disbanded"),
    )
}

/// The creation order of the next group (see [`Group::seq`]).
fn next_seq(state: &State) -> u64 {
    state.groups.values().map(|g| g.seq).max().unwrap_or(0) + 1
}

/// Not documented: the code for a `MaxMemberCount` / `MaxMemberNum` beyond the type's cap
/// ([`Kind::max_members_cap`]) or of 0; the family's "10004: Invalid parameter" is used.
fn check_max_members(field: &str, n: u32, kind: Kind) -> Result<(), Failure> {
    let cap = kind.max_members_cap();
    if n == 0 || u64::from(n) > cap {
        return Err(Failure::new(
            10004,
            format!("{field} {n} is out of range: a group of this type has 1 to {cap} members"),
        ));
    }
    Ok(())
}

/// Creates a group for `create_group` and `import_group` (created at `created`), or fails
/// leaving the state unchanged. `taken` is the code for a custom ID in use, given the
/// existing group.
fn add_group(
    state: &mut State,
    req: CreateGroup,
    now: u64,
    created: u64,
    taken: impl Fn(&Group) -> i64,
) -> Result<(String, Kind), Failure> {
    let members = req.member_list.unwrap_or_default();
    let named = req
        .owner_account
        .iter()
        .map(|o| ("Owner_Account", o.as_str()))
        .chain(
            members
                .iter()
                .map(|m| ("MemberList[].Member_Account", m.member_account.as_str())),
        );
    for (field, id) in named {
        require_account(state, field, id, 10019)?;
    }
    let kind = Kind::of(&req.group_type);
    if let Some(n) = req.max_member_count {
        check_max_members("MaxMemberCount", n, kind)?;
    }
    let group_id = match req.group_id {
        Some(id) => {
            if let Some(existing) = state.groups.get(&id) {
                let code = taken(existing);
                let whose = if code == 10025 {
                    "a group the same owner already has; disband it first or choose another ID"
                } else {
                    "another group"
                };
                return Err(Failure::new(
                    code,
                    format!("GroupId {id:?} is already used by {whose}"),
                ));
            }
            id
        }
        None => generate_group_id(state, &req.group_type),
    };
    let mut group = Group::new(req.group_type.clone(), req.name, created);
    group.info_time = created.min(now);
    if kind.has_member_list() {
        if let Some(owner) = &req.owner_account {
            group
                .members
                .push(Member::new(owner.clone(), MemberRole::Owner, created));
        }
        for m in members {
            if group.is_member(&m.member_account) {
                continue;
            }
            // Not documented: the page says "Currently, only the Admin option is available"
            // and documents no error for another role; any other role gives an ordinary
            // member.
            let role = match m.role {
                Some(MemberRole::Admin) => MemberRole::Admin,
                _ => MemberRole::Member,
            };
            let mut member = Member::new(m.member_account, role, created);
            member.app_data = m
                .app_member_defined_data
                .unwrap_or_default()
                .into_iter()
                .map(|d| (d.key, d.value))
                .collect();
            group.members.push(member);
        }
    }
    group.owner = req.owner_account;
    group.introduction = req.introduction;
    group.notification = req.notification;
    group.face_url = req.face_url;
    // "For audio-video groups (AVChatRoom), this field is invalid" (modify_group_base_info).
    group.max_member_count = req.max_member_count.filter(|_| kind != Kind::Live);
    group.apply_join_option = req.apply_join_option.map(|o| o.as_str().to_owned());
    group.app_data = req
        .app_defined_data
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.key, d.value))
        .collect();
    // "This field is valid only for communities": kept for communities only (no error is
    // documented for other types).
    group.support_topic = req.support_topic.filter(|_| kind == Kind::Community);
    group.seq = next_seq(state);
    state.groups.insert(group_id.clone(), group);
    Ok((group_id, kind))
}

/// `group_open_http_svc.create_group` page:
/// - without `GroupId` the service assigns `@TGS#...`; a custom ID in use is "10021: The group
///   ID has already been used by another user", or "10025: You have already used this group
///   ID. Disband the existing group first or select another group ID" — the error-code page:
///   "The group ID is already in use. The operator is the group owner" — which the emulator
///   answers when the request's `Owner_Account` owns the group that has the ID (so a repeated
///   create with the same owner gets 10025);
/// - "Owner_Account ... must be an imported account. The value will be automatically added to
///   group members"; for AVChatRoom the owner "must use the SDK API to join", so it is not
///   added there;
/// - "10005: The number of members imported in the request packet exceeds 100";
/// - AVChatRoom: "If a group member is specified during the group creation, error 10007 will
///   be returned";
/// - `ApplyJoinOption` ("valid only for groups that can be joined by users. Community groups
///   currently do not support this field"), `SupportTopic` ("valid only for communities") and a
///   member `Role` other than Admin have no documented error: they are accepted (issue 12). A
///   Work group cannot be applied to, so it reports `DisableApply` (the get_joined_group_list
///   sample shows a Private group with `"ApplyJoinOption": "DisableApply"`); a community
///   reports none.
///
/// Not documented: the code for an owner or member that was never imported. The error-code
/// page's group table has "10019: The requested UserID does not exist", used here for both; the
/// group is not created.
impl Emulate for CreateGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<CreateGroupResponse, Failure> {
        let owner = self.owner_account.clone();
        let taken = |g: &Group| {
            if owner.is_some() && g.owner == owner {
                10025
            } else {
                10021
            }
        };
        let (group_id, kind) = add_group(state, self, ctx.now, ctx.now, taken)?;
        let is_community = kind == Kind::Community;
        // The page's community sample answers with `HugeGroupFlag` and `Type` too.
        Ok(CreateGroupResponse {
            status: ctx.ok(),
            group_id,
            group_type: is_community.then_some(GroupType::Community),
            huge_group_flag: is_community.then_some(0),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        if error.field != "MemberList" {
            return None;
        }
        let members = body.get("MemberList").and_then(Value::as_array)?;
        if body.get("Type").and_then(Value::as_str) == Some("AVChatRoom") && !members.is_empty() {
            Some(10007)
        } else if members.len() > 100 {
            Some(10005)
        } else {
            None
        }
    }
}

/// `group_open_http_svc.destroy_group` page: "10010: The group does not exist or has been
/// deleted." Disbanding removes the group and its memberships; its ID may be used again.
impl Emulate for DestroyGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DestroyGroupResponse, Failure> {
        if state.groups.remove(&self.group_id).is_none() {
            return Err(missing_group(10010, &self.group_id));
        }
        Ok(DestroyGroupResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// A status-only success.
fn done(ctx: &Ctx) -> StatusResponse {
    StatusResponse {
        status: ctx.ok(),
        extra: Default::default(),
    }
}

/// Whether group `g` is of the requested type. A filter by a type ID matches the groups
/// created under its newer name too (`Private` lists `Work` groups); the two live types stay
/// apart (`AVChatRoom` does not list `BChatRoom` groups).
fn type_matches(g: &Group, t: &GroupType) -> bool {
    let kind = Kind::of(t);
    if kind == Kind::Live {
        g.group_type.as_str() == t.as_str()
    } else {
        g.kind() == kind
    }
}

/// The `ApplyJoinOption` a group reports: what was set, or the default `NeedPermission`
/// (create_group page); a Work group cannot be applied to and reports `DisableApply` (the
/// get_joined_group_list sample); communities "do not support this field" and report none.
fn reported_apply_option(g: &Group) -> Option<ApplyJoinOption> {
    match g.kind() {
        Kind::Private => Some(ApplyJoinOption::DisableApply),
        Kind::Community => None,
        _ => Some(
            g.apply_join_option
                .as_deref()
                .map_or(ApplyJoinOption::NeedPermission, ApplyJoinOption::from),
        ),
    }
}

fn on_off(on: bool) -> OnOff {
    if on {
        OnOff::On
    } else {
        OnOff::Off
    }
}

/// Fills the profile fields of `info` that `want` asks for, by their wire names (the page's
/// "group basic data": `Type`, `Name`, `Introduction`, `Notification`, `FaceUrl`,
/// `Owner_Account`, `CreateTime`, `LastInfoTime`, `LastMsgTime`, `NextMsgSeq`, `MemberNum`,
/// `MaxMemberNum`, `ApplyJoinOption`, `InviteJoinOption`, `MuteAllMember`, and the older
/// `ShutUpAllMember`). Unset texts are reported as `""`, as in the pages' samples.
fn fill_base(info: &mut GroupInfo, g: &Group, want: &dyn Fn(&str) -> bool) {
    let text = |v: &Option<String>| Some(v.clone().unwrap_or_default());
    if want("Type") {
        info.group_type = Some(g.group_type.clone());
    }
    if want("Name") {
        info.name = Some(g.name.clone());
    }
    if want("Introduction") {
        info.introduction = text(&g.introduction);
    }
    if want("Notification") {
        info.notification = text(&g.notification);
    }
    if want("FaceUrl") {
        info.face_url = text(&g.face_url);
    }
    if want("Owner_Account") {
        info.owner_account = text(&g.owner);
    }
    if want("CreateTime") {
        info.create_time = Some(g.create_time);
    }
    if want("LastInfoTime") {
        info.last_info_time = Some(g.info_time);
    }
    if want("LastMsgTime") {
        info.last_msg_time = Some(g.last_msg_time);
    }
    if want("NextMsgSeq") {
        info.next_msg_seq = Some(g.next_msg_seq);
    }
    if want("MemberNum") {
        info.member_num = Some(g.member_num());
    }
    if want("MaxMemberNum") {
        info.max_member_num = Some(g.max_members());
    }
    if want("ApplyJoinOption") {
        info.apply_join_option = reported_apply_option(g);
    }
    if want("InviteJoinOption") {
        info.invite_join_option = g.invite_join_option.as_deref().map(InviteJoinOption::from);
    }
    if want("MuteAllMember") {
        info.mute_all_member = Some(on_off(g.mute_all));
    }
    if want("ShutUpAllMember") {
        info.shut_up_all_member = Some(on_off(g.mute_all));
    }
}

fn app_values<'a>(
    data: impl IntoIterator<Item = (&'a String, &'a String)>,
    keep: &dyn Fn(&str) -> bool,
) -> Vec<AppDataValue> {
    data.into_iter()
        .filter(|(k, _)| keep(k))
        .map(|(k, v)| AppDataValue {
            key: k.clone(),
            value: v.clone(),
            extra: Default::default(),
        })
        .collect()
}

/// Whether `name` is in the optional filter list.
fn listed(list: &Option<Vec<String>>, name: &str) -> bool {
    list.as_ref().is_some_and(|l| l.iter().any(|f| f == name))
}

/// One group of a `get_group_info` answer. Without `ResponseFilter`: every profile field, the
/// custom fields and (groups with a member list) the members with all their fields. With it:
/// "only the fields specified by filters are pulled" — the profile fields of
/// `GroupBaseInfoFilter`, the custom fields of `AppDefinedDataFilter_Group`, and a member list
/// when `MemberInfoFilter` or `AppDefinedDataFilter_GroupMember` is given, each member with its
/// `Member_Account` (the sample's filter names it `Account`), the listed fields and the listed
/// member custom fields.
fn group_info(id: &str, g: &Group, filter: Option<&GroupInfoFilter>, now: u64) -> GroupInfo {
    let mut info = GroupInfo {
        group_id: id.to_owned(),
        error_code: Some(0),
        error_info: Some(String::new()),
        ..Default::default()
    };
    let all = filter.is_none();
    let base = filter.map(|f| f.group_base_info_filter.clone());
    fill_base(&mut info, g, &|name| {
        base.as_ref().map_or(true, |b| listed(b, name))
    });
    let group_keys = filter.map(|f| f.app_defined_data_filter_group.clone());
    if all || group_keys.as_ref().is_some_and(Option::is_some) {
        let data = app_values(&g.app_data, &|k| {
            group_keys.as_ref().map_or(true, |ks| listed(ks, k))
        });
        if !data.is_empty() || !all {
            info.app_defined_data = Some(data);
        }
    }
    let member_fields = filter.map(|f| f.member_info_filter.clone());
    let member_keys = filter.map(|f| f.app_defined_data_filter_group_member.clone());
    let wants_members = all
        || member_fields.as_ref().is_some_and(Option::is_some)
        || member_keys.as_ref().is_some_and(Option::is_some);
    if g.kind().has_member_list() && wants_members {
        let field = |name: &str| member_fields.as_ref().map_or(true, |f| listed(f, name));
        let members = g
            .members
            .iter()
            .map(|m| {
                let mut out = GroupInfoMember {
                    member_account: m.account.clone(),
                    ..Default::default()
                };
                if field("Role") {
                    out.role = Some(m.role.clone());
                }
                if field("JoinTime") {
                    out.join_time = Some(m.join_time);
                }
                if field("MsgSeq") {
                    out.msg_seq = Some(m.msg_seq);
                }
                if field("MsgFlag") {
                    out.msg_flag = Some(m.msg_flag.clone());
                }
                if field("LastSendMsgTime") {
                    out.last_send_msg_time = Some(m.last_send_msg_time);
                }
                if field("ShutUpUntil") || field("MuteUntil") {
                    out.shut_up_until = Some(if m.is_muted(now) { m.shut_up_until } else { 0 });
                }
                // Not in the page's full sample; returned when the filter asks for it.
                if !all && field("NameCard") {
                    out.name_card = Some(m.name_card.clone());
                }
                let asked = member_keys.as_ref().map_or(true, Option::is_some);
                if asked {
                    let data = app_values(&m.app_data, &|k| {
                        member_keys.as_ref().map_or(true, |ks| listed(ks, k))
                    });
                    if !data.is_empty() || !all {
                        out.app_member_defined_data = Some(data);
                    }
                }
                out
            })
            .collect();
        info.member_list = Some(members);
    }
    info
}

/// `group_open_http_svc.get_appid_group_list` page: the app's group IDs, `Limit` per page
/// (default and maximum 10,000), "If the returned `Next` value is 0, all groups have been
/// pulled", `GroupType` keeps one type and `TotalCount` then counts that type only, whatever
/// `Limit` and `Next`.
///
/// Not documented: the order and the meaning of `Next`. The emulator lists groups in creation
/// order and `Next` is the creation sequence ([`Group::seq`]) of the first group of the next
/// page, so a group disbanded or created between two pages neither shifts nor repeats the
/// others.
impl Emulate for GetAppidGroupList {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetAppidGroupListResponse, Failure> {
        let limit = self.limit.unwrap_or(10_000) as usize;
        let mut groups: Vec<(u64, &String)> = state
            .groups
            .iter()
            .filter(|(_, g)| {
                self.group_type
                    .as_ref()
                    .map_or(true, |t| type_matches(g, t))
            })
            .map(|(id, g)| (g.seq, id))
            .collect();
        groups.sort();
        let total_count = groups.len() as u64;
        let from = self.next.unwrap_or(0);
        let mut rest = groups.into_iter().filter(|(seq, _)| *seq >= from);
        let group_id_list: Vec<GroupIdItem> = rest
            .by_ref()
            .take(limit)
            .map(|(_, id)| GroupIdItem {
                group_id: id.clone(),
                extra: Default::default(),
            })
            .collect();
        let next = rest.next().map_or(0, |(seq, _)| seq.max(1));
        Ok(GetAppidGroupListResponse {
            status: ctx.ok(),
            total_count,
            group_id_list,
            next,
            extra: Default::default(),
        })
    }
}

/// `group_open_http_svc.get_group_info` page: up to 50 groups, each with its own `ErrorCode`
/// ("The ErrorCode parameter here is meaningless. You need to check the ErrorCode parameter of
/// each group"): "10010: The group does not exist or once existed but has been disbanded",
/// "10015: The group ID is invalid" (here: empty or longer than a group ID can be). What is
/// returned per group: see [`group_info`].
impl Emulate for GetGroupInfo {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupInfoResponse, Failure> {
        let filter = self.response_filter.as_ref();
        let group_info = self
            .group_id_list
            .iter()
            .map(|id| {
                let failed = |code: i64, text: String| GroupInfo {
                    group_id: id.clone(),
                    error_code: Some(code),
                    error_info: Some(text),
                    ..Default::default()
                };
                if GROUP_ID.check_str("GroupId", id).is_err() {
                    return failed(10015, format!("GroupId {id:?} is not a valid group ID"));
                }
                match state.groups.get(id) {
                    Some(g) => group_info(id, g, filter, ctx.now),
                    None => failed(10010, missing_group(10010, id).info),
                }
            })
            .collect();
        Ok(GetGroupInfoResponse {
            status: ctx.ok(),
            group_info,
            extra: Default::default(),
        })
    }
}

/// `group_open_http_svc.modify_group_base_info` page: only the fields given change; "If this
/// parameter is empty, the custom field is to be deleted"; `MaxMemberNum` "For audio-video
/// groups (AVChatRoom), this field is invalid" (ignored there); `ApplyJoinOption`: "Community
/// groups currently do not support this field" (ignored there: no error is documented);
/// `MuteAllMember` `On`/`Off`. Every change sets `LastInfoTime` to now. "10010: The group does
/// not exist or has been deleted."
///
/// Not documented (10004, the family's invalid parameter): a `MaxMemberNum` of 0, beyond the
/// type's cap ([`Kind::max_members_cap`]) or below the current member count, and custom fields
/// that would exceed the 10 a group may have (Use Limits page).
impl Emulate for ModifyGroupBaseInfo {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let g = find_group(state, &self.group_id)?;
        let kind = g.kind();
        let mut next = g.clone();
        if let Some(n) = self.max_member_num.filter(|_| kind != Kind::Live) {
            check_max_members("MaxMemberNum", n, kind)?;
            if u64::from(n) < g.member_num() {
                return Err(Failure::new(
                    10004,
                    format!(
                        "MaxMemberNum {n} is below the group's {} members",
                        g.member_num()
                    ),
                ));
            }
            next.max_member_count = Some(n);
        }
        for d in self.app_defined_data.unwrap_or_default() {
            if d.value.is_empty() {
                next.app_data.remove(&d.key);
            } else {
                next.app_data.insert(d.key, d.value);
            }
        }
        if next.app_data.len() > MAX_GROUP_APP_DATA {
            return Err(Failure::new(
                10004,
                format!(
                    "AppDefinedData: a group has at most {MAX_GROUP_APP_DATA} custom fields; this change would give it {}",
                    next.app_data.len()
                ),
            ));
        }
        if let Some(name) = self.name {
            next.name = name;
        }
        if let Some(v) = self.introduction {
            next.introduction = Some(v);
        }
        if let Some(v) = self.notification {
            next.notification = Some(v);
        }
        if let Some(v) = self.face_url {
            next.face_url = Some(v);
        }
        if let Some(v) = self.apply_join_option.filter(|_| kind != Kind::Community) {
            next.apply_join_option = Some(v.as_str().to_owned());
        }
        if let Some(v) = self.invite_join_option {
            next.invite_join_option = Some(v.as_str().to_owned());
        }
        if let Some(v) = self.mute_all_member {
            next.mute_all = v == OnOff::On;
        }
        next.info_time = ctx.now;
        state.groups.insert(self.group_id, next);
        Ok(done(ctx))
    }
}

/// Whether a Work (Private) group is activated. Not documented: the page says Work groups
/// "that the user has joined but are not activated" are left out by default without saying
/// what activates one; the emulator treats a Work group as activated once it has a message.
fn activated(g: &Group) -> bool {
    g.kind() != Kind::Private || g.next_msg_seq > 1
}

/// `group_open_http_svc.get_joined_group_list` page: the groups `Member_Account` is in;
/// AVChatRoom only with `WithHugeGroups` 1 ("not returned by default"), Work groups that are
/// not activated only with `WithNoActiveGroups` 1; `GroupType` keeps one type; `SupportTopic`
/// keeps the communities with (1) or without (0) topics ("If this field is specified,
/// `GroupType` must be `Community`": another `GroupType` is 10004, the page's invalid
/// parameter; without `GroupType` it is allowed, as in the page's sample); `TotalCount` counts
/// them all "regardless of the `Limit` and `Offset` settings"; `Limit` and `Offset` page them.
/// Without `ResponseFilter` each item is the `GroupId` only (with `SupportTopic`, also `Type`,
/// `SupportTopic`, `GrossTopicNextMsgSeq` and `SelfInfo.GrossTopicReadSeq`, as in the sample);
/// with it, the profile fields of `GroupBaseInfoFilter` and the user's `SelfInfo` fields of
/// `SelfInfoFilter` (`Role`, `JoinTime`, `MsgFlag`, `MsgSeq`, `UnreadMsgNum`).
///
/// Not documented: the order (creation order here) and the answer for an account that does
/// not exist (no groups).
impl Emulate for GetJoinedGroupList {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetJoinedGroupListResponse, Failure> {
        if let (Some(_), Some(t)) = (self.support_topic, &self.group_type) {
            if Kind::of(t) != Kind::Community {
                return Err(Failure::new(
                    10004,
                    format!(
                        "SupportTopic is given, so GroupType must be \"Community\", not {:?}",
                        t.as_str()
                    ),
                ));
            }
        }
        let user = self.member_account.as_str();
        let huge = self.with_huge_groups == Some(1);
        let inactive = self.with_no_active_groups == Some(1);
        let mut groups: Vec<(&String, &Group)> = state
            .groups
            .iter()
            .filter(|(_, g)| g.role_of(user).is_some())
            .filter(|(_, g)| huge || g.kind() != Kind::Live)
            .filter(|(_, g)| inactive || activated(g))
            .filter(|(_, g)| {
                self.group_type
                    .as_ref()
                    .map_or(true, |t| type_matches(g, t))
            })
            .filter(|(_, g)| {
                self.support_topic.map_or(true, |want| {
                    g.kind() == Kind::Community && (g.support_topic == Some(1)) == (want == 1)
                })
            })
            .collect();
        groups.sort_by_key(|(id, g)| (g.seq, *id));
        let total_count = groups.len() as u64;
        let offset = usize::try_from(self.offset.unwrap_or(0)).unwrap_or(usize::MAX);
        let limit = self.limit.map_or(usize::MAX, |l| l as usize);
        let filter = self.response_filter.as_ref();
        let base = filter.and_then(|f| f.group_base_info_filter.as_ref());
        let self_fields = filter.and_then(|f| f.self_info_filter.as_ref());
        let group_id_list = groups
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(id, g)| {
                let mut info = GroupInfo {
                    group_id: id.clone(),
                    ..Default::default()
                };
                if let Some(base) = base {
                    fill_base(&mut info, g, &|name| base.iter().any(|f| f == name));
                }
                let member = g.member(user);
                let mut me = GroupSelfInfo::default();
                let mut any = false;
                if let Some(fields) = self_fields {
                    let want = |name: &str| fields.iter().any(|f| f == name);
                    if want("Role") {
                        me.role = g.role_of(user);
                        any = true;
                    }
                    if want("JoinTime") {
                        me.join_time = member
                            .map(|m| m.join_time)
                            .or_else(|| g.live.online.get(user).copied());
                        any = true;
                    }
                    if let Some(m) = member {
                        if want("MsgFlag") {
                            me.msg_flag = Some(m.msg_flag.clone());
                            any = true;
                        }
                        if want("MsgSeq") {
                            me.msg_seq = Some(m.msg_seq);
                            any = true;
                        }
                        if want("UnreadMsgNum") {
                            me.unread_msg_num = Some(m.unread);
                            any = true;
                        }
                    }
                }
                if self.support_topic.is_some() {
                    info.group_type.get_or_insert_with(|| g.group_type.clone());
                    info.support_topic = Some(g.support_topic.unwrap_or(0));
                    info.gross_topic_next_msg_seq = Some(g.next_msg_seq);
                    me.gross_topic_read_seq = Some(member.map_or(0, |m| m.msg_seq));
                    any = true;
                }
                if any {
                    info.self_info = Some(me);
                }
                info
            })
            .collect();
        Ok(GetJoinedGroupListResponse {
            status: ctx.ok(),
            total_count,
            group_id_list,
            extra: Default::default(),
        })
    }
}

/// `group_open_http_svc.change_group_owner` page: "The new group owner must be a member of the
/// group"; "For a group without an owner, the app admin can call this API to specify a user as
/// the owner"; AVChatRoom: "error code 10007 will be returned"; "10010: The group does not
/// exist or has been deleted". The old owner becomes an ordinary member; the new owner moves
/// to the front of the member list (the owner first). `From_Account` (newer edition of the
/// page: "Specified Operator Account") makes the transfer as that user: only the owner may
/// transfer the group, so another operator gets 10007 ("Insufficient operation
/// permissions").
///
/// Not documented: the code for a new owner who is not a member (10004, the page's invalid
/// parameter), and that the transfer sets `LastInfoTime` (the owner is part of the profile).
impl Emulate for ChangeGroupOwner {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let g = find_group_mut(state, &self.group_id)?;
        if g.kind() == Kind::Live {
            return Err(Failure::new(
                10007,
                "audio-video groups (AVChatRoom) do not support transferring the ownership",
            ));
        }
        if let Some(op) = &self.from_account {
            if g.owner.as_deref() != Some(op.as_str()) {
                return Err(Failure::new(
                    10007,
                    format!(
                        "From_Account {op:?} is not the group owner and cannot transfer the group"
                    ),
                ));
            }
        }
        let new = self.new_owner_account;
        let Some(at) = g.members.iter().position(|m| m.account == new) else {
            return Err(Failure::new(
                10004,
                format!("NewOwner_Account {new:?} is not a member of the group; the new owner must be one"),
            ));
        };
        if g.owner.as_deref() == Some(new.as_str()) {
            return Ok(done(ctx));
        }
        if let Some(old) = g.owner.take() {
            if let Some(m) = g.member_mut(&old) {
                m.role = MemberRole::Member;
            }
        }
        let mut owner = g.members.remove(at);
        owner.role = MemberRole::Owner;
        g.members.insert(0, owner);
        g.owner = Some(new);
        g.info_time = ctx.now;
        Ok(done(ctx))
    }
}

/// `group_open_http_svc.get_role_in_group` page: each user's role, `Owner`, `Admin`, `Member`
/// or `NotMember`; "Audio-video groups (AVChatRoom) do not support this API. If this API is
/// called for an audio-video group, a 10007 error will be returned"; 10010 for a group that
/// does not exist. An account that does not exist is `NotMember` (not documented).
impl Emulate for GetRoleInGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetRoleInGroupResponse, Failure> {
        let g = find_group(state, &self.group_id)?;
        if g.kind() == Kind::Live {
            return Err(Failure::new(
                10007,
                "audio-video groups (AVChatRoom) do not support get_role_in_group; use get_group_member_info",
            ));
        }
        let user_id_list = self
            .user_account
            .into_iter()
            .map(|account| {
                let role = match g.role_of(&account) {
                    Some(MemberRole::Owner) => RoleInGroup::Owner,
                    Some(MemberRole::Admin) => RoleInGroup::Admin,
                    Some(_) => RoleInGroup::Member,
                    None => RoleInGroup::NotMember,
                };
                UserRole {
                    member_account: account,
                    role: Some(role),
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(GetRoleInGroupResponse {
            status: ctx.ok(),
            user_id_list,
            extra: Default::default(),
        })
    }
}

/// `group_open_http_svc.import_group` page: a group as create_group makes it (without initial
/// members), with `CreateTime` ("If this field is not specified, the default creation time is
/// the request time"): the group keeps that `CreateTime`, its `LastInfoTime` and the owner's
/// `JoinTime`. "AVChatRoom groups do not support importing basic group data ... error 10007 is
/// returned" (core refuses the type before sending; the emulator answers 10007 to a raw
/// request and to a `BChatRoom`, which has the same rules). "10021: The group ID is already in
/// use".
///
/// Not documented: an owner that was never imported (10019, as in create_group).
impl Emulate for ImportGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ImportGroupResponse, Failure> {
        if Kind::of(&self.group_type) == Kind::Live {
            return Err(Failure::new(
                10007,
                format!(
                    "{} groups cannot be imported; create the group and modify its profile instead",
                    self.group_type.as_str()
                ),
            ));
        }
        let created = self.create_time.unwrap_or(ctx.now);
        let mut req = CreateGroup::new(self.group_type, self.name);
        req.owner_account = self.owner_account;
        req.group_id = self.group_id;
        req.introduction = self.introduction;
        req.notification = self.notification;
        req.face_url = self.face_url;
        req.max_member_count = self.max_member_count;
        req.apply_join_option = self.apply_join_option;
        req.app_defined_data = self.app_defined_data;
        req.support_topic = self.support_topic;
        let (group_id, _) = add_group(state, req, ctx.now, created, |_| 10021)?;
        Ok(ImportGroupResponse {
            status: ctx.ok(),
            group_id,
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        (error.field == "Type" && body.get("Type").and_then(Value::as_str) == Some("AVChatRoom"))
            .then_some(10007)
    }
}

/// `group_open_http_svc.set_unread_msg_num` page: sets the member's unread count; "If the
/// unread message count specified by this API is greater than the current number of messages
/// in the group, the unread message count will be set to the current number of messages in
/// the group" (the messages so far: `NextMsgSeq` - 1); "ChatRoom and AVChatroom (audio-video)
/// groups do not support unread message counts ... If you try to do so, no error will be
/// returned" (a success without effect); 10010 for a group that does not exist.
///
/// Not documented: the code for an account that is not a member (10004, the page's invalid
/// parameter).
impl Emulate for SetUnreadMsgNum {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<StatusResponse, Failure> {
        let g = find_group_mut(state, &self.group_id)?;
        if matches!(g.kind(), Kind::ChatRoom | Kind::Live) {
            return Ok(done(ctx));
        }
        let messages = g.next_msg_seq.saturating_sub(1);
        let account = self.member_account;
        let Some(m) = g.member_mut(&account) else {
            return Err(Failure::new(
                10004,
                format!("Member_Account {account:?} is not a member of the group"),
            ));
        };
        m.unread = self.unread_msg_num.min(messages);
        Ok(done(ctx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chatadmin_core::api::group::GetJoinedGroupList;

    fn ctx(path: &'static str) -> Ctx {
        Ctx {
            path,
            now: 1_700_000_000,

            rate_limited: false,
        }
    }

    /// A Work group with `bob` as a member and `messages` messages so far.
    fn state_with_messages(messages: u64) -> State {
        let mut state = State::default();
        let mut g = Group::new(GroupType::Work, "w", 1);
        g.members.push(Member::new("bob", MemberRole::Member, 1));
        g.next_msg_seq = messages + 1;
        g.seq = 1;
        state.groups.insert("w".to_owned(), g);
        state
    }

    #[test]
    fn unread_counts_are_capped_at_the_groups_messages() {
        let mut state = state_with_messages(3);
        let set = |n| SetUnreadMsgNum::new("w", "bob", n);
        let c = ctx("group_open_http_svc/set_unread_msg_num");
        set(2).emulate(&mut state, &c).unwrap();
        assert_eq!(state.groups["w"].member("bob").unwrap().unread, 2);
        set(10).emulate(&mut state, &c).unwrap();
        assert_eq!(state.groups["w"].member("bob").unwrap().unread, 3);
        set(0).emulate(&mut state, &c).unwrap();
        assert_eq!(state.groups["w"].member("bob").unwrap().unread, 0);
    }

    #[test]
    fn a_work_group_is_listed_once_it_has_a_message() {
        let c = ctx("group_open_http_svc/get_joined_group_list");
        let listed = |state: &mut State| {
            GetJoinedGroupList::new("bob")
                .emulate(state, &c)
                .unwrap()
                .total_count
        };
        assert_eq!(listed(&mut state_with_messages(0)), 0);
        assert_eq!(listed(&mut state_with_messages(1)), 1);
    }

    #[test]
    fn a_refused_change_leaves_the_group_as_it_was() {
        let mut state = state_with_messages(0);
        let before = state.groups["w"].clone();
        let req = ModifyGroupBaseInfo::new("w")
            .name("new")
            .max_member_num(6001);
        let f = req
            .emulate(
                &mut state,
                &ctx("group_open_http_svc/modify_group_base_info"),
            )
            .unwrap_err();
        assert_eq!(f.code, 10004);
        assert_eq!(state.groups["w"], before);
    }
}
