//! Community topics (`million_group_open_http_svc/{create,get,modify,destroy}_topic`,
//! `group_open_http_svc/import_topic`; pages 49471, 49469, 49468, 49470, 53448).
//!
//! Every page's type table says topics are for "topic-enabled communities" only, and lists
//! "11000: The current group does not support the community topic feature". The emulator
//! answers 11000 for a Community created without `SupportTopic` 1 and, not documented which
//! code a group of another type gets, 10007 ("Insufficient operation permissions") for the
//! types the tables mark "No", as the attribute and counter pages do for their unsupported
//! types. A missing group is 10010.
//!
//! Not emulated: 10037 ("The number of prepaid topics created exceeds the limit"): the pages
//! give no number, and the emulator has no plans.

use chatadmin_core::api::group::GroupType;
use chatadmin_core::api::topic::{
    belongs_to, topic_id_prefix, CreateTopic, CreateTopicResponse, DestroyResultItem, DestroyTopic,
    DestroyTopicResponse, GetTopic, GetTopicResponse, ImportTopic, ImportTopicResponse,
    ModifyTopic, ModifyTopicResponse, MuteAllMember, TopicAndSelfInfo, TopicInfo, TopicSelfInfo,
};
use rand::Rng;

use crate::envelope::Failure;
use crate::handlers::group::{find_group, find_group_mut};
use crate::handlers::require_account;
use crate::handlers::{Ctx, Emulate};
use crate::state::{Group, Kind, State, Topic};

/// Characters of the assigned part, like the sample `@TOPIC#cETE3HIM62CQ`.
const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// "10010: Invalid request. The topic has been deleted." (modify_topic); "110003: ... The
/// topic has been deleted." (get_topic and destroy_topic, per topic).
const TOPIC_DELETED: i64 = 110_003;

/// The failure for a group that cannot hold topics, or `Ok` for a topic-enabled community.
fn check_topic_group(group: &Group, id: &str) -> Result<(), Failure> {
    if group.kind() != Kind::Community {
        return Err(Failure::new(
            10007,
            format!(
                "GroupId {id:?} is a {} group; topics exist only in topic-enabled Community groups",
                group.group_type.as_str()
            ),
        ));
    }
    if group.support_topic != Some(1) {
        return Err(Failure::new(
            11000,
            format!("GroupId {id:?}: the community was not created with SupportTopic 1, so it has no topics"),
        ));
    }
    Ok(())
}

/// The topic-enabled community `id`, for a change.
fn topic_group_mut<'s>(state: &'s mut State, id: &str) -> Result<&'s mut Group, Failure> {
    let group = find_group_mut(state, id)?;
    check_topic_group(group, id)?;
    Ok(group)
}

/// A `From_Account` must be an imported account (not documented which code otherwise; the
/// group pages' 10019, "The requested UserID does not exist", as for create_group) and a member
/// of the community (not documented; the pages' 10007, "Insufficient operation permissions").
fn check_operator(state: &State, group_id: &str, from: Option<&str>) -> Result<(), Failure> {
    let Some(from) = from else {
        return Ok(());
    };
    require_account(state, "From_Account", from, 10019)?;
    let group = find_group(state, group_id)?;
    if !group.is_member(from) {
        return Err(Failure::new(
            10007,
            format!("From_Account {from:?} is not a member of the community {group_id:?}"),
        ));
    }
    Ok(())
}

fn generate_topic_id(group: &Group, group_id: &str) -> String {
    let mut rng = rand::thread_rng();
    loop {
        let tail: String = (0..12)
            .map(|_| char::from(ID_CHARS[rng.gen_range(0..ID_CHARS.len())]))
            .collect();
        let id = format!("{}@TOPIC#{tail}", topic_id_prefix(group_id));
        if !group.topics.contains_key(&id) {
            return id;
        }
    }
}

/// The fields a new topic gets, shared by create and import.
struct NewTopic {
    group_id: String,
    topic_id: Option<String>,
    topic: Topic,
}

/// Adds a topic: a custom ID must be the community's ("GroupId+@TOPIC#_+Custom part"; another
/// group's prefix is answered 10004, not documented) and unused (`taken`: create_topic's page
/// lists 10025, import_topic's "10021: The topic ID is already in use").
fn add_topic(state: &mut State, new: NewTopic, taken: i64) -> Result<String, Failure> {
    let group = topic_group_mut(state, &new.group_id)?;
    let id = match new.topic_id {
        Some(id) if !belongs_to(&id, &new.group_id) => {
            return Err(Failure::new(
                10004,
                format!(
                    "TopicId {id:?} is not a topic ID of {:?}: it must start with {:?}",
                    new.group_id,
                    topic_id_prefix(&new.group_id)
                ),
            ))
        }
        Some(id) if group.topics.contains_key(&id) => {
            return Err(Failure::new(
                taken,
                format!("TopicId {id:?} is already in use"),
            ))
        }
        Some(id) => id,
        None => generate_topic_id(group, &new.group_id),
    };
    group.topics.insert(id.clone(), new.topic);
    Ok(id)
}

/// create_topic: the topic gets the request's fields, `CreateTime` now, `NextMsgSeq` 1.
impl Emulate for CreateTopic {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<CreateTopicResponse, Failure> {
        topic_group_mut(state, &self.group_id)?;
        check_operator(state, &self.group_id, self.from_account.as_deref())?;
        let topic = Topic {
            name: self.topic_name,
            owner: self.from_account,
            introduction: self.introduction,
            notification: self.notification,
            face_url: self.face_url,
            custom_string: self.custom_string,
            create_time: ctx.now,
            info_time: ctx.now,
            last_msg_time: 0,
            next_msg_seq: 1,
            mute_all: false,
        };
        let new = NewTopic {
            group_id: self.group_id,
            topic_id: self.topic_id,
            topic,
        };
        let topic_id = add_topic(state, new, 10025)?;
        Ok(CreateTopicResponse {
            status: ctx.ok(),
            topic_id,
            extra: Default::default(),
        })
    }
}

/// import_topic: as create_topic, but `CreateTime` is kept as given ("If this field is not
/// specified, the default creation time is the request time") and nothing is notified. A
/// `Type` other than `Community` ("Currently, only a Community group is supported") is
/// answered 10004 (not documented).
impl Emulate for ImportTopic {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ImportTopicResponse, Failure> {
        if let Some(t) = self
            .group_type
            .as_ref()
            .filter(|t| **t != GroupType::Community)
        {
            return Err(Failure::new(
                10004,
                format!("Type {:?}: only Community groups have topics", t.as_str()),
            ));
        }
        topic_group_mut(state, &self.group_id)?;
        check_operator(state, &self.group_id, self.from_account.as_deref())?;
        let created = self.create_time.unwrap_or(ctx.now);
        let topic = Topic {
            name: self.topic_name,
            owner: self.from_account,
            introduction: self.introduction,
            notification: self.notification,
            face_url: self.face_url,
            custom_string: self.custom_string,
            create_time: created,
            info_time: ctx.now,
            last_msg_time: 0,
            next_msg_seq: 1,
            mute_all: false,
        };
        let new = NewTopic {
            group_id: self.group_id,
            topic_id: self.topic_id,
            topic,
        };
        let topic_id = add_topic(state, new, 10021)?;
        Ok(ImportTopicResponse {
            status: ctx.ok(),
            topic_id,
            extra: Default::default(),
        })
    }
}

/// A topic's profile as get_topic answers it: with a `ResponseFilter`, only the fields it names
/// (names it does not know select nothing) plus `TopicId` and `GroupID`, which the page's
/// filtered sample keeps; a text field never set is answered `""` (not documented).
fn topic_info(group_id: &str, id: &str, t: &Topic, filter: &[String]) -> TopicInfo {
    let want = |f: &str| filter.is_empty() || filter.iter().any(|g| g == f);
    let text = |f: &str, v: &Option<String>| want(f).then(|| v.clone().unwrap_or_default());
    TopicInfo {
        topic_name: want("TopicName").then(|| t.name.clone()),
        group_id: Some(group_id.to_owned()),
        face_url: text("FaceUrl", &t.face_url),
        topic_id: id.to_owned(),
        next_msg_seq: want("NextMsgSeq").then_some(t.next_msg_seq),
        notification: text("Notification", &t.notification),
        introduction: text("Introduction", &t.introduction),
        create_time: want("CreateTime").then_some(t.create_time),
        last_msg_time: want("LastMsgTime").then_some(t.last_msg_time),
        mute_all_member: want("MuteAllMember").then_some(if t.mute_all {
            MuteAllMember::On
        } else {
            MuteAllMember::Off
        }),
        custom_string: text("CustomString", &t.custom_string),
        extra: Default::default(),
    }
}

/// get_topic: one item per topic asked for (every topic, in ID order, without
/// `TopicIdList`), each with its own `ErrorCode` ("The `ErrorCode` parameter here is
/// meaningless. You need to check the `ErrorCode` parameter of each topic"): 0 and "ok", or
/// 110003 for a topic that does not exist (deleted). `SelfInfo` is `From_Account`'s member
/// state (`ShutUpTime` the end of a running mute, else 0); for an account that is not a member
/// of the community it is left out (not documented).
impl Emulate for GetTopic {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetTopicResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        check_topic_group(group, &self.group_id)?;
        let filter = self.response_filter.unwrap_or_default();
        let self_info = group.member(&self.from_account).map(|m| TopicSelfInfo {
            shut_up_time: Some(if m.is_muted(ctx.now) {
                m.shut_up_until
            } else {
                0
            }),
            msg_seq: Some(m.msg_seq),
            msg_flag: Some(m.msg_flag.clone()),
            extra: Default::default(),
        });
        let ids: Vec<String> = match self.topic_id_list.filter(|l| !l.is_empty()) {
            Some(ids) => ids,
            None => group.topics.keys().cloned().collect(),
        };
        let items = ids
            .iter()
            .map(|id| match group.topics.get(id) {
                Some(t) => TopicAndSelfInfo {
                    error_code: 0,
                    error_info: Some("ok".to_owned()),
                    self_info: self_info.clone(),
                    topic_info: Some(topic_info(&self.group_id, id, t, &filter)),
                    extra: Default::default(),
                },
                None => TopicAndSelfInfo {
                    error_code: TOPIC_DELETED,
                    error_info: Some(format!("topic {id:?} does not exist or was deleted")),
                    self_info: None,
                    topic_info: Some(TopicInfo {
                        topic_name: None,
                        group_id: Some(self.group_id.clone()),
                        face_url: None,
                        topic_id: id.clone(),
                        next_msg_seq: None,
                        notification: None,
                        introduction: None,
                        create_time: None,
                        last_msg_time: None,
                        mute_all_member: None,
                        custom_string: None,
                        extra: Default::default(),
                    }),
                    extra: Default::default(),
                },
            })
            .collect();
        Ok(GetTopicResponse {
            status: ctx.ok(),
            topic_and_self_info: items,
            extra: Default::default(),
        })
    }
}

/// modify_topic: sets the fields given, keeps the others; "10010: Invalid request. The topic
/// has been deleted." for a topic the community does not have.
impl Emulate for ModifyTopic {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ModifyTopicResponse, Failure> {
        topic_group_mut(state, &self.group_id)?;
        check_operator(state, &self.group_id, self.from_account.as_deref())?;
        let group = topic_group_mut(state, &self.group_id)?;
        let Some(topic) = group.topics.get_mut(&self.topic_id) else {
            return Err(Failure::new(
                10010,
                format!(
                    "TopicId {:?} does not exist in {:?} or was deleted",
                    self.topic_id, self.group_id
                ),
            ));
        };
        if let Some(name) = self.topic_name {
            topic.name = name;
        }
        let texts = [
            (&mut topic.custom_string, self.custom_string),
            (&mut topic.face_url, self.face_url),
            (&mut topic.notification, self.notification),
            (&mut topic.introduction, self.introduction),
        ];
        for (slot, value) in texts {
            if let Some(v) = value {
                *slot = Some(v);
            }
        }
        if let Some(m) = self.mute_all_member {
            topic.mute_all = m == MuteAllMember::On;
        }
        topic.info_time = ctx.now;
        Ok(ModifyTopicResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// destroy_topic: one result per topic, in request order: 0 and "ok" for a deleted topic,
/// "110003: Failed to delete the topic. The topic has been deleted." for one the community
/// does not have (again, or named twice).
impl Emulate for DestroyTopic {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DestroyTopicResponse, Failure> {
        let group = topic_group_mut(state, &self.group_id)?;
        let items = self
            .topic_id_list
            .into_iter()
            .map(|id| {
                let (code, info) = match group.topics.remove(&id) {
                    Some(_) => (0, "ok".to_owned()),
                    None => (
                        TOPIC_DELETED,
                        format!("topic {id:?} does not exist or was already deleted"),
                    ),
                };
                DestroyResultItem {
                    error_code: code,
                    error_info: Some(info),
                    topic_id: id,
                    extra: Default::default(),
                }
            })
            .collect();
        Ok(DestroyTopicResponse {
            status: ctx.ok(),
            destroy_result_item: items,
            extra: Default::default(),
        })
    }
}
