//! Groups (`group_open_http_svc`).

use chatadmin_core::api::group::{
    CreateGroup, CreateGroupResponse, DestroyGroup, DestroyGroupResponse, GroupType, MemberRole,
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
#[allow(dead_code)]
pub(crate) fn find_group<'s>(state: &'s State, id: &str) -> Result<&'s Group, Failure> {
    state.groups.get(id).ok_or_else(|| missing_group(10010, id))
}

/// [`find_group`], for a change.
#[allow(dead_code)]
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

/// `group_open_http_svc.create_group` page:
/// - without `GroupId` the service assigns `@TGS#...`; "10021: The group ID has already been
///   used by another user" for a custom ID in use;
/// - "Owner_Account ... must be an imported account. The value will be automatically added to
///   group members"; for AVChatRoom the owner "must use the SDK API to join", so it is not
///   added there;
/// - "10005: The number of members imported in the request packet exceeds 100";
/// - AVChatRoom: "If a group member is specified during the group creation, error 10007 will
///   be returned".
///
/// Not documented: the code for an owner or member that was never imported. The error-code
/// page's group table has "10019: The requested UserID does not exist", used here for both; the
/// group is not created.
impl Emulate for CreateGroup {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<CreateGroupResponse, Failure> {
        let members = self.member_list.unwrap_or_default();
        let named = self
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
        let group_id = match self.group_id {
            Some(id) if state.groups.contains_key(&id) => {
                return Err(Failure::new(
                    10021,
                    format!("GroupId {id:?} is already used by another group"),
                ))
            }
            Some(id) => id,
            None => generate_group_id(state, &self.group_type),
        };
        let mut group = Group::new(self.group_type.clone(), self.name, ctx.now);
        if group.kind().has_member_list() {
            if let Some(owner) = &self.owner_account {
                group
                    .members
                    .push(Member::new(owner.clone(), MemberRole::Owner, ctx.now));
            }
            for m in members {
                if group.is_member(&m.member_account) {
                    continue;
                }
                let role = m.role.unwrap_or(MemberRole::Member);
                let mut member = Member::new(m.member_account, role, ctx.now);
                member.app_data = m
                    .app_member_defined_data
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| (d.key, d.value))
                    .collect();
                group.members.push(member);
            }
        }
        let is_community = group.kind() == Kind::Community;
        group.owner = self.owner_account;
        group.introduction = self.introduction;
        group.notification = self.notification;
        group.face_url = self.face_url;
        group.max_member_count = self.max_member_count;
        group.apply_join_option = self.apply_join_option.map(|o| o.as_str().to_owned());
        group.app_data = self
            .app_defined_data
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.key, d.value))
            .collect();
        group.support_topic = self.support_topic;
        state.groups.insert(group_id.clone(), group);
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
