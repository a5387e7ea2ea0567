//! Live-broadcast groups (AVChatRoom, BChatRoom): online users, marks, admins, bans.
//!
//! Users join and leave through the client SDK, which the emulator stands in for with the
//! control operations `live_join` and `live_leave` ([`crate::Control::live_join`]). What the
//! pages say, and what this emulation does:
//! - every call is for audio-video groups only: another type gets "10007: You do not have
//!   required permissions. You can only obtain the number of online users for live stream
//!   groups" (get_online_member_num and get_members pages; the other pages list 10007 as
//!   "insufficient operation permissions", and check_members's Chinese page says "non
//!   AVChatRoom group"); a group that does not exist gets 10010;
//! - a ban removes the user from the room and stops it from rejoining until `now + Duration`
//!   on the emulated clock; an expired ban is not listed and does not stop a join;
//! - marks are cleared when a user leaves the room (modify_user_info page);
//! - admins need not be in the room and stay admins across leaving and rejoining
//!   (modify_admin page), at most 5 per group.
//!
//! The pages' edition and console switches (Ultimate edition, "List of online audio-video group
//! members", "Audio-video group member banning") are taken as enabled.

use std::collections::BTreeSet;

use chatadmin_core::api::live_group::{
    BanGroupMember, BanGroupMemberResponse, BannedAccount, GetGroupBanMember,
    GetGroupBanMemberResponse, GetOnlineMemberNum, GetOnlineMemberNumResponse, LiveAdmin,
    LiveCheckMembers, LiveCheckMembersResponse, LiveGetAdminList, LiveGetAdminListResponse,
    LiveGetMembers, LiveGetMembersResponse, LiveMember, LiveModifyAdmin, LiveModifyAdminResponse,
    LiveModifyUserInfo, LiveModifyUserInfoResponse, MemberMarksResult, UnbanGroupMember,
    UnbanGroupMemberResponse, ADMINS_ADD, MARKS_SET, MARK_ALWAYS_ONLINE, MARK_HIDDEN, MAX_ADMINS,
    MAX_DISTINCT_MARKS, MAX_MEMBERS_PER_MARK, MIN_CUSTOM_MARK,
};
use chatadmin_core::error::ValidationError;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::group::{find_group, find_group_mut};
use crate::handlers::{require_account, Ctx, Emulate};
use crate::state::{Group, Kind, Live, State};

/// Users listed by `get_members`: "When there are more than 1,000 members in an audio-video
/// group, only the 1,000 latest online members will be returned".
const LISTED_MEMBERS: usize = 1000;
/// Users per `get_members` page: "If the audio-video group has 500 or less members, the backend
/// returns all members and `NextTimestamp` with the value `0`".
const MEMBERS_PAGE: usize = 500;
/// Not documented: the number of banned users a `get_group_ban_member` page holds without
/// `Limit`; the emulator uses the documented maximum.
const DEFAULT_BANNED_PAGE: usize = 100;

/// The failure for a group that is not an audio-video group.
fn not_live(id: &str, group: &Group) -> Failure {
    Failure::new(
        10007,
        format!(
            "GroupId {id:?} is a {} group; this API is for audio-video groups (AVChatRoom, BChatRoom) only",
            group.group_type.as_str()
        ),
    )
}

/// The live group `id`: 10010 when it does not exist, 10007 when it is another type.
fn live_group<'s>(state: &'s State, id: &str) -> Result<&'s Group, Failure> {
    let g = find_group(state, id)?;
    if g.kind() == Kind::Live {
        Ok(g)
    } else {
        Err(not_live(id, g))
    }
}

/// [`live_group`], for a change.
fn live_group_mut<'s>(state: &'s mut State, id: &str) -> Result<&'s mut Group, Failure> {
    let g = find_group_mut(state, id)?;
    if g.kind() == Kind::Live {
        Ok(g)
    } else {
        Err(not_live(id, g))
    }
}

/// A profile field of an account as a string, when set.
fn profile_str(state: &State, account: &str, tag: &str) -> Option<String> {
    state
        .accounts
        .get(account)?
        .profile
        .get(tag)?
        .as_str()
        .map(str::to_owned)
}

/// Why a user cannot join a live group ([`crate::Control::live_join`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JoinRefusal {
    /// No such group.
    NoGroup,
    /// The group is not an audio-video group (its type).
    NotLive(String),
    /// The account was never imported.
    NoAccount,
    /// Banned until this instant.
    Banned(u64),
}

impl Live {
    /// The end of `user`'s ban, while it lasts at `now`.
    pub(crate) fn banned_until(&self, user: &str, now: u64) -> Option<u64> {
        self.bans.get(user).copied().filter(|&until| now < until)
    }

    /// Puts `user` in the room at `now`; a user already in keeps its join time.
    fn join(&mut self, user: &str, now: u64) {
        if self.online.contains_key(user) {
            return;
        }
        self.online.insert(user.to_owned(), now);
        self.join_order.insert(user.to_owned(), self.next_join);
        self.next_join += 1;
    }

    /// Takes `user` out of the room, clearing its marks; whether it was in.
    fn leave(&mut self, user: &str) -> bool {
        self.join_order.remove(user);
        self.marks.remove(user);
        self.online.remove(user).is_some()
    }

    /// The users in the room, in join order.
    fn in_join_order(&self) -> Vec<(&String, u64)> {
        let mut users: Vec<(&String, u64)> = self.online.iter().map(|(u, &t)| (u, t)).collect();
        users.sort_by_key(|(u, _)| self.join_order.get(*u).copied().unwrap_or(u64::MAX));
        users
    }
}

impl State {
    /// `user` joins the live group `group_id` at `now`, as through the client SDK. Refused for
    /// a group that does not exist or is not an audio-video group, an account that was never
    /// imported, and a user banned at `now` ("A banned member cannot ... rejoin the audio-video
    /// group during the ban duration", ban_group_member page).
    pub(crate) fn live_join(
        &mut self,
        group_id: &str,
        user: &str,
        now: u64,
    ) -> Result<(), JoinRefusal> {
        if !self.account_exists(user) {
            return Err(JoinRefusal::NoAccount);
        }
        let g = self.groups.get_mut(group_id).ok_or(JoinRefusal::NoGroup)?;
        if g.kind() != Kind::Live {
            return Err(JoinRefusal::NotLive(g.group_type.as_str().to_owned()));
        }
        if let Some(until) = g.live.banned_until(user, now) {
            return Err(JoinRefusal::Banned(until));
        }
        g.live.join(user, now);
        Ok(())
    }

    /// `user` leaves the live group `group_id`; whether it was in the room.
    pub(crate) fn live_leave(&mut self, group_id: &str, user: &str) -> Result<bool, JoinRefusal> {
        let g = self.groups.get_mut(group_id).ok_or(JoinRefusal::NoGroup)?;
        if g.kind() != Kind::Live {
            return Err(JoinRefusal::NotLive(g.group_type.as_str().to_owned()));
        }
        Ok(g.live.leave(user))
    }
}

/// `group_open_http_svc.get_online_member_num` page: the number of users online; the service
/// updates it every 10 s, the emulator at once (as the page says for rooms under 300 users).
impl Emulate for GetOnlineMemberNum {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetOnlineMemberNumResponse, Failure> {
        let g = live_group(state, &self.group_id)?;
        Ok(GetOnlineMemberNumResponse {
            status: ctx.ok(),
            online_member_num: g.live.online.len() as u64,
            extra: Default::default(),
        })
    }
}

/// `group_open_avchatroom_http_svc.get_members` page: the users online with `JoinTime`, at most
/// the 1,000 latest; 500 per page with a non-zero `NextTimestamp` while more remain. `Mark`
/// lists only the users with that mark; users with mark 600 are hidden otherwise
/// (modify_user_info page, "Special marks"). `NickName` and `Avatar` come from the profile
/// (`Tag_Profile_IM_Nick`, `Tag_Profile_IM_Image`) when set.
///
/// Not documented: what `NextTimestamp` encodes. Here it is the position of the next user in
/// join order (always non-zero after a first page of 500); users are listed oldest first.
impl Emulate for LiveGetMembers {
    const REQUIRED_ON_WIRE: &'static [&'static str] = &["Timestamp"];

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<LiveGetMembersResponse, Failure> {
        let g = live_group(state, &self.group_id)?;
        let live = &g.live;
        let has = |u: &str, m: u64| live.marks.get(u).is_some_and(|s| s.contains(&m));
        let users: Vec<(&String, u64)> = live
            .in_join_order()
            .into_iter()
            .filter(|(u, _)| match self.mark {
                Some(m) => has(u, m),
                None => !has(u, MARK_HIDDEN),
            })
            .collect();
        let latest = &users[users.len().saturating_sub(LISTED_MEMBERS)..];
        let start = usize::try_from(self.timestamp).unwrap_or(usize::MAX);
        let page = latest.get(start..).unwrap_or(&[]);
        let page = &page[..page.len().min(MEMBERS_PAGE)];
        let end = start.saturating_add(page.len());
        let next_timestamp = if !page.is_empty() && end < latest.len() {
            end as u64
        } else {
            0
        };
        let member_list = page
            .iter()
            .map(|(u, joined)| LiveMember {
                member_account: (*u).clone(),
                join_time: Some(*joined),
                nick_name: profile_str(state, u, "Tag_Profile_IM_Nick"),
                avatar: profile_str(state, u, "Tag_Profile_IM_Image"),
                marks: live
                    .marks
                    .get(*u)
                    .filter(|m| !m.is_empty())
                    .map(|m| m.iter().copied().collect()),
                extra: Default::default(),
            })
            .collect();
        Ok(LiveGetMembersResponse {
            status: ctx.ok(),
            member_list,
            next_timestamp,
            extra: Default::default(),
        })
    }
}

/// `group_open_avchatroom_http_svc.modify_user_info` page:
/// - marks are set only for users in the room, except mark 500; the answer lists the users whose
///   marks were changed, "if certain accounts are offline, the backend does not return the
///   offline accounts; if all accounts are offline or do not exist, the backend returns a
///   failure result";
/// - "up to 10 different marks can be set" per group, "each mark can be set for up to 1,000
///   members".
///
/// Not documented: the codes of those failures. The error-code page has no closer code than
/// "10004: Invalid parameter", used for all three; the state is unchanged. Nor whether the
/// special marks 500 and 600 count among the 10: they are preset by the service, so they do
/// not count here (the limit is on the marks an app defines, 1000 and above). Deleting marks
/// answers the users in the room (or holding one of the marks, like an offline mark 500) with
/// the marks asked to be deleted.
impl Emulate for LiveModifyUserInfo {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<LiveModifyUserInfoResponse, Failure> {
        let g = live_group_mut(state, &self.group_id)?;
        let mut marks = g.live.marks.clone();
        let mut changed: Vec<MemberMarksResult> = Vec::new();
        let set = self.command_type == MARKS_SET;
        for item in &self.member_list {
            let user = &item.member_account;
            let online = g.live.online.contains_key(user);
            let asked: BTreeSet<u64> = item.marks.iter().copied().collect();
            let done: Vec<u64> = if set {
                let allowed: Vec<u64> = asked
                    .iter()
                    .copied()
                    .filter(|&m| online || m == MARK_ALWAYS_ONLINE)
                    .collect();
                if !allowed.is_empty() {
                    marks.entry(user.clone()).or_default().extend(&allowed);
                }
                allowed
            } else {
                let held = marks.get(user).is_some_and(|h| !h.is_disjoint(&asked));
                if !(online || held) {
                    Vec::new()
                } else {
                    if let Some(h) = marks.get_mut(user) {
                        h.retain(|m| !asked.contains(m));
                        if h.is_empty() {
                            marks.remove(user);
                        }
                    }
                    asked.iter().copied().collect()
                }
            };
            if !done.is_empty() {
                changed.push(MemberMarksResult {
                    member_account: user.clone(),
                    marks: done,
                    extra: Default::default(),
                });
            }
        }
        if changed.is_empty() {
            return Err(Failure::new(
                10004,
                "MemberList: none of the accounts is in the room (marks other than 500 are set only for users in the room)",
            ));
        }
        let distinct: BTreeSet<u64> = marks.values().flatten().copied().collect();
        let custom = distinct.iter().filter(|&&m| m >= MIN_CUSTOM_MARK).count();
        if custom > MAX_DISTINCT_MARKS {
            return Err(Failure::new(
                10004,
                format!(
                    "MemberList: the group would have {custom} different marks; at most {MAX_DISTINCT_MARKS} can be set"
                ),
            ));
        }
        for m in distinct {
            let n = marks.values().filter(|s| s.contains(&m)).count();
            if n > MAX_MEMBERS_PER_MARK {
                return Err(Failure::new(
                    10004,
                    format!("MemberList: mark {m} would be set for {n} users; at most {MAX_MEMBERS_PER_MARK} per mark"),
                ));
            }
        }
        g.live.marks = marks;
        Ok(LiveModifyUserInfoResponse {
            status: ctx.ok(),
            command_type: Some(self.command_type),
            member_list: changed,
            extra: Default::default(),
        })
    }
}

/// `group_open_avchatroom_http_svc.modify_admin` page (60525): an admin "does not need to be in
/// the live streaming group" and stays one after leaving and rejoining; "A live streaming group
/// can have up to 5 administrators".
///
/// Not documented: the code for an account that was never imported (the error-code page's
/// "10019: The requested UserID does not exist") and for a sixth admin ("10004: Invalid
/// parameter", the closest); either leaves the admins unchanged. Removing an account that is
/// not an admin changes nothing.
impl Emulate for LiveModifyAdmin {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<LiveModifyAdminResponse, Failure> {
        for a in &self.admin_account {
            require_account(state, "Admin_Account", a, 10019)?;
        }
        let g = live_group_mut(state, &self.group_id)?;
        let mut admins = g.live.admins.clone();
        if self.command_type == ADMINS_ADD {
            admins.extend(self.admin_account.iter().cloned());
            if admins.len() > MAX_ADMINS {
                return Err(Failure::new(
                    10004,
                    format!(
                        "Admin_Account: the group would have {} admins; a live streaming group can have up to {MAX_ADMINS}",
                        admins.len()
                    ),
                ));
            }
        } else {
            for a in &self.admin_account {
                admins.remove(a);
            }
        }
        g.live.admins = admins;
        Ok(LiveModifyAdminResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// `group_open_avchatroom_http_svc.get_admin_list` page (60524): `Admin_List` with each admin's
/// `NickName` and `Avatar` (empty strings when not set, as in the page's sample). Listed in
/// UserID order (not documented).
impl Emulate for LiveGetAdminList {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<LiveGetAdminListResponse, Failure> {
        let g = live_group(state, &self.group_id)?;
        let admin_list = g
            .live
            .admins
            .iter()
            .map(|a| LiveAdmin {
                admin_account: a.clone(),
                nick_name: Some(profile_str(state, a, "Tag_Profile_IM_Nick").unwrap_or_default()),
                avatar: Some(profile_str(state, a, "Tag_Profile_IM_Image").unwrap_or_default()),
                extra: Default::default(),
            })
            .collect();
        Ok(LiveGetAdminListResponse {
            status: ctx.ok(),
            admin_list,
            extra: Default::default(),
        })
    }
}

/// `group_open_avchatroom_http_svc.check_members` page (60523): the users of the request that
/// are in the room, in request order (a repeated user once; not documented).
impl Emulate for LiveCheckMembers {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<LiveCheckMembersResponse, Failure> {
        let g = live_group(state, &self.group_id)?;
        let mut seen = BTreeSet::new();
        let member_account = self
            .member_account
            .into_iter()
            .filter(|u| g.live.online.contains_key(u) && seen.insert(u.clone()))
            .collect();
        Ok(LiveCheckMembersResponse {
            status: ctx.ok(),
            member_account,
            extra: Default::default(),
        })
    }
}

/// The page's code for more than 20 accounts in `Members_Account` (ban and unban pages: 10005).
fn too_many_accounts(body: &Value, error: &ValidationError) -> Option<i64> {
    let n = body.get("Members_Account")?.as_array()?.len();
    (error.field == "Members_Account" && n > 20).then_some(10005)
}

/// `group_open_http_svc.ban_group_member` page: "A banned member cannot receive messages nor
/// rejoin the audio-video group during the ban duration"; at most 20 accounts (10005). The ban
/// ends at `now + Duration` on the emulated clock; the user leaves the room (its marks are
/// cleared). Banning a banned user again starts the ban anew from now.
///
/// Not documented: the code for an account that was never imported; the error-code page's
/// "10019: The requested UserID does not exist" is used and nobody is banned. `Duration` 0 bans
/// nobody for any time (the ban ends at once).
impl Emulate for BanGroupMember {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<BanGroupMemberResponse, Failure> {
        for a in &self.members_account {
            require_account(state, "Members_Account", a, 10019)?;
        }
        let g = live_group_mut(state, &self.group_id)?;
        let until = ctx.now + u64::from(self.duration);
        for a in &self.members_account {
            g.live.bans.insert(a.clone(), until);
            g.live.leave(a);
        }
        Ok(BanGroupMemberResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        too_many_accounts(body, error)
    }
}

/// `group_open_http_svc.unban_group_member` page: "An unbanned member can rejoin the
/// audio-video group"; at most 20 accounts (10005). Unbanning a user who is not banned changes
/// nothing (not documented).
impl Emulate for UnbanGroupMember {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<UnbanGroupMemberResponse, Failure> {
        let g = live_group_mut(state, &self.group_id)?;
        for a in &self.members_account {
            g.live.bans.remove(a);
        }
        Ok(UnbanGroupMemberResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        too_many_accounts(body, error)
    }
}

/// `group_open_http_svc.get_group_ban_member` page: the banned users with `BannedUntil`, `Limit`
/// (at most 100) per page from `Offset`; ended bans are not listed.
///
/// Not documented: the order (UserID order here), the page size without `Limit` (100), and when
/// `NextOffset` is 0. The page's sample answers a whole list of two with `NextOffset` 2 (its
/// `Limit` is 20), so `NextOffset` is `Offset` plus the users returned, and 0 only on a page with
/// none; a reader that follows it ends with one empty page.
impl Emulate for GetGroupBanMember {
    const REQUIRED_ON_WIRE: &'static [&'static str] = &["Offset"];

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupBanMemberResponse, Failure> {
        let g = live_group(state, &self.group_id)?;
        let limit = self.limit.map_or(DEFAULT_BANNED_PAGE, |l| l as usize);
        let start = usize::try_from(self.offset).unwrap_or(usize::MAX);
        let banned_account_list: Vec<BannedAccount> = g
            .live
            .bans
            .iter()
            .filter(|(_, &until)| ctx.now < until)
            .skip(start)
            .take(limit)
            .map(|(a, &until)| BannedAccount {
                member_account: a.clone(),
                banned_until: until,
                extra: Default::default(),
            })
            .collect();
        let next_offset = if banned_account_list.is_empty() {
            0
        } else {
            self.offset + banned_account_list.len() as u64
        };
        Ok(GetGroupBanMemberResponse {
            status: ctx.ok(),
            banned_account_list,
            next_offset,
            extra: Default::default(),
        })
    }
}
