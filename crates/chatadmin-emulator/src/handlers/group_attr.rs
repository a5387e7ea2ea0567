//! Group custom attributes (`group_open_attr_http_svc/get_group_attr`,
//! `group_open_http_svc/{modify,set,clear,delete}_group_attr`).
//!
//! Pages: get 44187, modify 44188, clear 44189, set 44190 (2024-12 snapshot) and delete 59499
//! (<https://www.tencentcloud.com/document/product/1047/59499>). Caps (modify/set pages and the
//! error-code page): a key is at most 32 bytes (10045), a value at most 4,000 bytes (10046), a
//! group has at most 16 keys (10047) whose values total at most 16,000 bytes (10048).
//!
//! Writes (modify, set, clear, delete) are limited per group: "10049: The frequency of writing
//! custom attributes to a group exceeds the limit. You can add, delete, or modify them for up
//! to 5 times per second" (modify/set/clear pages). Counted in real time like the per-API
//! limits, and only when those are on (`RateLimitMode::Documented`).

use std::collections::BTreeMap;

use chatadmin_core::api::group_attr::{
    ClearGroupAttr, ClearGroupAttrResponse, DeleteGroupAttr, DeleteGroupAttrResponse, GetGroupAttr,
    GetGroupAttrResponse, GroupAttrEntry, ModifyGroupAttr, ModifyGroupAttrResponse, SetGroupAttr,
    SetGroupAttrResponse, MAX_ATTR_KEYS, MAX_ATTR_TOTAL_BYTES,
};
use chatadmin_core::error::ValidationError;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::group::{find_group, find_group_mut};
use crate::handlers::{Ctx, Emulate, KeyedRate};
use crate::state::{Kind, State};

/// "up to 5 times per second" per group.
const WRITES_PER_SECOND: u32 = 5;

/// The per-group write limit of `group_id`.
fn write_rate(group_id: &str) -> Option<KeyedRate> {
    Some(KeyedRate {
        key: format!("group_attr:{group_id}"),
        per_sec: WRITES_PER_SECOND,
        code: 10049,
        what: "the frequency of writing custom attributes to this group exceeds the limit: up to 5 writes per second",
    })
}

/// The code a page documents for a request that breaks a cap by itself (core refuses it with a
/// validation error naming the field): 10045 for a key, 10046 for a value, 10047 for more than
/// 16 keys, 10048 for values over 16,000 bytes in total.
fn cap_code(body: &Value, error: &ValidationError) -> Option<i64> {
    let field = error.field.as_str();
    if !field.starts_with("GroupAttr") {
        return None;
    }
    if field.ends_with(".key") {
        return Some(10045);
    }
    if field.ends_with(".value") {
        return Some(10046);
    }
    if field != "GroupAttr" {
        return None;
    }
    let items = body.get("GroupAttr").and_then(Value::as_array)?;
    if items.len() > MAX_ATTR_KEYS {
        Some(10047)
    } else if !items.is_empty() {
        Some(10048)
    } else {
        None
    }
}

/// Checks the caps a group's whole set must keep: at most 16 keys (10047) and values of at most
/// 16,000 bytes in total (10048).
fn check_group_caps(attrs: &BTreeMap<String, String>) -> Result<(), Failure> {
    if attrs.len() > MAX_ATTR_KEYS {
        return Err(Failure::new(
            10047,
            format!(
                "the group would have {} custom attribute keys; at most {MAX_ATTR_KEYS} are allowed",
                attrs.len()
            ),
        ));
    }
    let total: usize = attrs.values().map(String::len).sum();
    if total > MAX_ATTR_TOTAL_BYTES {
        return Err(Failure::new(
            10048,
            format!("the group's custom attribute values would total {total} bytes; at most {MAX_ATTR_TOTAL_BYTES} are allowed"),
        ));
    }
    Ok(())
}

/// get_group_attr: every type supports it ("Community: Yes"); "10010: The group does not exist
/// or has been deleted." The attributes are answered in key order (not documented).
impl Emulate for GetGroupAttr {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupAttrResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        Ok(GetGroupAttrResponse {
            status: ctx.ok(),
            group_attr_ary: group
                .attrs
                .iter()
                .map(|(k, v)| GroupAttrEntry {
                    key: k.clone(),
                    value: v.clone(),
                    extra: Default::default(),
                })
                .collect(),
            extra: Default::default(),
        })
    }
}

/// modify_group_attr: adds the keys the group does not have and updates the others; the rest
/// are kept. A result past 16 keys (10047) or 16,000 bytes of values (10048) is refused whole.
/// A key given twice takes its last value (not documented).
impl Emulate for ModifyGroupAttr {
    fn keyed_rate(&self) -> Option<KeyedRate> {
        write_rate(&self.group_id)
    }

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ModifyGroupAttrResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        let mut attrs = group.attrs.clone();
        for a in self.group_attr {
            attrs.insert(a.key, a.value);
        }
        check_group_caps(&attrs)?;
        group.attrs = attrs;
        Ok(ModifyGroupAttrResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        cap_code(body, error)
    }
}

/// set_group_attr ("reset"): the group's attributes become exactly the given ones.
impl Emulate for SetGroupAttr {
    fn keyed_rate(&self) -> Option<KeyedRate> {
        write_rate(&self.group_id)
    }

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<SetGroupAttrResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        let attrs: BTreeMap<String, String> = self
            .group_attr
            .into_iter()
            .map(|a| (a.key, a.value))
            .collect();
        check_group_caps(&attrs)?;
        group.attrs = attrs;
        Ok(SetGroupAttrResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        cap_code(body, error)
    }
}

/// clear_group_attr: removes every attribute. Its page is the only attribute page whose
/// type table says "Community: No"; "10007: No operation permissions. This error occurs when,
/// for example, a group of this type does not support custom attribute operations."
impl Emulate for ClearGroupAttr {
    fn keyed_rate(&self) -> Option<KeyedRate> {
        write_rate(&self.group_id)
    }

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<ClearGroupAttrResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        if group.kind() == Kind::Community {
            return Err(Failure::new(
                10007,
                format!(
                    "GroupId {:?}: clear_group_attr does not support Community groups",
                    self.group_id
                ),
            ));
        }
        group.attrs.clear();
        Ok(ClearGroupAttrResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}

/// delete_group_attr: removes the given keys. "10050: Failed to delete a non-existent custom
/// attribute": a key the group does not have fails the whole call and nothing is removed
/// (whether the others are removed is not documented).
impl Emulate for DeleteGroupAttr {
    fn keyed_rate(&self) -> Option<KeyedRate> {
        write_rate(&self.group_id)
    }

    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DeleteGroupAttrResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        if let Some(missing) = self
            .group_attr
            .iter()
            .find(|k| !group.attrs.contains_key(&k.key))
        {
            return Err(Failure::new(
                10050,
                format!(
                    "the custom attribute {:?} does not exist in group {:?}",
                    missing.key, self.group_id
                ),
            ));
        }
        for k in &self.group_attr {
            group.attrs.remove(&k.key);
        }
        Ok(DeleteGroupAttrResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }

    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        cap_code(body, error)
    }
}
