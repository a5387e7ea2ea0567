//! Group counters (`group_open_http_svc/{get,update,delete}_group_counter`; pages 53427, 53428,
//! 53429).
//!
//! Every page's type table says "Community: No"; the pages' "10007: Insufficient operation
//! permission" answers it. 10059 (the Ultimate edition is needed) is not emulated: the
//! emulator has no editions.

use std::collections::BTreeMap;

use chatadmin_core::api::group_counter::{
    CounterMode, DeleteGroupCounter, DeleteGroupCounterResponse, GetGroupCounter,
    GetGroupCounterResponse, GroupCounterEntry, UpdateGroupCounter, UpdateGroupCounterResponse,
    MAX_COUNTER_KEYS,
};
use chatadmin_core::error::ValidationError;
use serde_json::Value;

use crate::envelope::Failure;
use crate::handlers::group::{find_group, find_group_mut};
use crate::handlers::{Ctx, Emulate};
use crate::state::{Group, Kind, State};

fn refuse_community(group: &Group, id: &str) -> Result<(), Failure> {
    if group.kind() == Kind::Community {
        return Err(Failure::new(
            10007,
            format!("GroupId {id:?}: group counters are not supported for Community groups"),
        ));
    }
    Ok(())
}

fn entry(key: &str, value: i64) -> GroupCounterEntry {
    GroupCounterEntry {
        key: key.to_owned(),
        value,
        extra: Default::default(),
    }
}

/// The keys a request names: `None` (or an empty list, which the page's "If no value is passed
/// in" covers too) means every counter.
fn named(keys: Option<Vec<String>>) -> Option<Vec<String>> {
    keys.filter(|k| !k.is_empty())
}

/// get_group_counter: the counters asked for, in request order, or every counter in key order.
/// A key the group has no counter for is left out of the answer (not documented).
impl Emulate for GetGroupCounter {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<GetGroupCounterResponse, Failure> {
        let group = find_group(state, &self.group_id)?;
        refuse_community(group, &self.group_id)?;
        let group_counter = match named(self.group_counter_keys) {
            Some(keys) => {
                let mut seen = std::collections::BTreeSet::new();
                keys.iter()
                    .filter(|k| seen.insert(k.as_str()))
                    .filter_map(|k| group.counters.get(k).map(|v| entry(k, *v)))
                    .collect()
            }
            None => group.counters.iter().map(|(k, v)| entry(k, *v)).collect(),
        };
        Ok(GetGroupCounterResponse {
            status: ctx.ok(),
            group_counter,
            extra: Default::default(),
        })
    }
}

/// update_group_counter: "`Increase` and `Decrease` indicate increasing or decreasing the
/// original value respectively. If the `Key` does not exist, create one with `Value` being 0
/// and then increase or decrease the value. `Set` indicates setting `Value` corresponding to
/// the `Key`." The answer lists the new value of each key updated, in request order.
///
/// - "10063: The number of keys in the group counter exceeds the limit of 20": the group would
///   have more than 20 counters; nothing is changed.
/// - Not documented: the mode without `Mode` (the sample sends `Set`; `Set` is used), and a
///   result outside the 64-bit signed range ("a 64-bit signed integer"), refused here with
///   10004 and nothing changed.
impl Emulate for UpdateGroupCounter {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<UpdateGroupCounterResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        refuse_community(group, &self.group_id)?;
        let mode = self.mode.unwrap_or(CounterMode::Set);
        let mut counters: BTreeMap<String, i64> = group.counters.clone();
        let mut order: Vec<String> = Vec::new();
        for item in &self.group_counter {
            let old = counters.get(&item.key).copied().unwrap_or(0);
            let new = match mode {
                CounterMode::Increase => old.checked_add(item.value),
                CounterMode::Decrease => old.checked_sub(item.value),
                _ => Some(item.value),
            };
            let new = new.ok_or_else(|| {
                Failure::new(
                    10004,
                    format!(
                        "group counter {:?}: {old} {} {} leaves the 64-bit signed range",
                        item.key,
                        if mode == CounterMode::Decrease {
                            "-"
                        } else {
                            "+"
                        },
                        item.value
                    ),
                )
            })?;
            counters.insert(item.key.clone(), new);
            if !order.contains(&item.key) {
                order.push(item.key.clone());
            }
        }
        if counters.len() > MAX_COUNTER_KEYS {
            return Err(Failure::new(
                10063,
                format!(
                    "the group would have {} counters; at most {MAX_COUNTER_KEYS} keys are allowed",
                    counters.len()
                ),
            ));
        }
        let group_counter = order.iter().map(|k| entry(k, counters[k])).collect();
        group.counters = counters;
        Ok(UpdateGroupCounterResponse {
            status: ctx.ok(),
            group_counter,
            extra: Default::default(),
        })
    }

    /// More than 20 counters in one request: 10063 (the page's code for the key count).
    fn invalid_request_code(body: &Value, error: &ValidationError) -> Option<i64> {
        let items = body.get("GroupCounter").and_then(Value::as_array)?;
        (error.field == "GroupCounter" && items.len() > MAX_COUNTER_KEYS).then_some(10063)
    }
}

/// delete_group_counter: removes the keys given, or every counter without `GroupCounterKeys`.
/// A key the group has no counter for is ignored (not documented).
impl Emulate for DeleteGroupCounter {
    fn emulate(self, state: &mut State, ctx: &Ctx) -> Result<DeleteGroupCounterResponse, Failure> {
        let group = find_group_mut(state, &self.group_id)?;
        refuse_community(group, &self.group_id)?;
        match named(self.group_counter_keys) {
            Some(keys) => {
                for k in keys {
                    group.counters.remove(&k);
                }
            }
            None => group.counters.clear(),
        }
        Ok(DeleteGroupCounterResponse {
            status: ctx.ok(),
            extra: Default::default(),
        })
    }
}
