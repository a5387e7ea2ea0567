//! Profiles: `profile/portrait_set` and `profile/portrait_get`.
//!
//! A profile is a set of `{Tag, Value}` fields: the standard ones (`Tag_Profile_IM_*`, each with
//! a documented value type, see [`standard_kind`]) and the app's custom ones
//! (`Tag_Profile_Custom_*`, configured in the console; string values only). Every value is at
//! most 500 bytes (error 40601).
//!
//! Sources: the endpoint pages (`profile.portrait_set`, `profile.portrait_get`) and the
//! profile field page, <https://intl.cloud.tencent.com/document/product/1047/33520>
//! (standard fields, value types, "uint32_t/uint64_t integers: not supported for custom
//! fields", "string: at most 500 bytes").

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::common::{from_account, StatusResponse};
use crate::declare::{endpoint, response, Path, Validate};
use crate::enums::WireEnum;
use crate::envelope::json_kind;
use crate::error::ValidationError;
use crate::validate::{self, Limit};
use crate::wire_enum;

// ---------------------------------------------------------------------------------------------
// Tags and value types
// ---------------------------------------------------------------------------------------------

/// The standard profile fields, one line each: the constant in [`tag`] (with its doc), the
/// tag, its value type (`str`, `u32` or a wire enum), and the name of both the [`PortraitSet`]
/// setter and the [`UserProfile`] getter. [`standard_kind`] reads the types from here.
macro_rules! standard_fields {
    ($( $(#[$doc:meta])* $konst:ident = $wire:literal: $kind:tt, $method:ident; )*) => {
        /// The standard profile tags (profile field page, "Standard Profile Fields").
        pub mod tag {
            $( $(#[$doc])* pub const $konst: &str = $wire; )*
        }

        /// The value type of a standard tag, `None` for any other tag. Types from the profile
        /// field page; `MsgSettings` (not in every version of that page) from the Web SDK's
        /// profile reference (uint32, bit 0: do not receive messages) and the catalog's tag
        /// list.
        pub fn standard_kind(tag: &str) -> Option<ValueKind> {
            match tag {
                $( tag::$konst => Some(standard_fields!(@kind $kind)), )*
                _ => None,
            }
        }

        impl PortraitSet {
            $( standard_fields!(@set $konst $wire $method $kind); )*
        }

        impl UserProfile {
            $( standard_fields!(@get $konst $wire $method $kind); )*
        }
    };
    (@kind str) => { ValueKind::String };
    (@kind u32) => { ValueKind::U32 };
    (@kind $e:ident) => { ValueKind::Enum($e::KNOWN) };
    (@set $k:ident $w:literal $m:ident str) => {
        #[doc = concat!("Sets `", $w, "`.")]
        pub fn $m(self, value: impl Into<String>) -> Self { self.item(tag::$k, value.into()) }
    };
    (@set $k:ident $w:literal $m:ident u32) => {
        #[doc = concat!("Sets `", $w, "`.")]
        pub fn $m(self, value: u32) -> Self { self.item(tag::$k, value) }
    };
    (@set $k:ident $w:literal $m:ident $e:ident) => {
        #[doc = concat!("Sets `", $w, "`.")]
        pub fn $m(self, value: $e) -> Self { self.item(tag::$k, value.as_str()) }
    };
    (@get $k:ident $w:literal $m:ident str) => {
        #[doc = concat!("`", $w, "`, if returned as a string.")]
        pub fn $m(&self) -> Option<&str> { self.get_str(tag::$k) }
    };
    (@get $k:ident $w:literal $m:ident u32) => {
        #[doc = concat!("`", $w, "` (a number or a numeric string), if it fits a u32.")]
        pub fn $m(&self) -> Option<u32> { self.get_u32(tag::$k) }
    };
    (@get $k:ident $w:literal $m:ident $e:ident) => {
        #[doc = concat!("`", $w, "` (unknown values kept in `", stringify!($e), "::Other`).")]
        pub fn $m(&self) -> Option<$e> { self.get_str(tag::$k).map($e::from) }
    };
}

standard_fields! {
    /// Nickname, string (at most 500 bytes).
    NICK = "Tag_Profile_IM_Nick": str, nick;
    /// Gender, [`Gender`](super::Gender).
    GENDER = "Tag_Profile_IM_Gender": Gender, gender;
    /// Date of birth, uint32 (e.g. 19900101).
    BIRTHDAY = "Tag_Profile_IM_BirthDay": u32, birthday;
    /// Location, string.
    LOCATION = "Tag_Profile_IM_Location": str, location;
    /// Signature, string (at most 500 bytes).
    SELF_SIGNATURE = "Tag_Profile_IM_SelfSignature": str, self_signature;
    /// How friend requests are handled, [`AllowType`](super::AllowType).
    ALLOW_TYPE = "Tag_Profile_IM_AllowType": AllowType, allow_type;
    /// Language, uint32 (the app maps numbers to languages).
    LANGUAGE = "Tag_Profile_IM_Language": u32, language;
    /// Avatar URL, string (at most 500 bytes).
    IMAGE = "Tag_Profile_IM_Image": str, image;
    /// Message settings, uint32 bit flags (bit 0 set: do not receive messages).
    MSG_SETTINGS = "Tag_Profile_IM_MsgSettings": u32, msg_settings;
    /// Whether the admin forbids the user to send friend requests,
    /// [`AdminForbidType`](super::AdminForbidType).
    ADMIN_FORBID_TYPE = "Tag_Profile_IM_AdminForbidType": AdminForbidType, admin_forbid_type;
    /// Level, uint32.
    LEVEL = "Tag_Profile_IM_Level": u32, level;
    /// Role, uint32.
    ROLE = "Tag_Profile_IM_Role": u32, role;
}

/// The prefix of standard profile tags.
pub const STANDARD_PREFIX: &str = "Tag_Profile_IM_";
/// The prefix of custom profile tags.
pub const CUSTOM_PREFIX: &str = "Tag_Profile_Custom_";

wire_enum! {
    /// `Tag_Profile_IM_Gender`.
    pub enum Gender {
        /// Not set.
        Unknown = "Gender_Type_Unknown",
        /// Female.
        Female = "Gender_Type_Female",
        /// Male.
        Male = "Gender_Type_Male",
    }
}

wire_enum! {
    /// `Tag_Profile_IM_AllowType`: how friend requests to this user are handled.
    pub enum AllowType {
        /// The user must confirm each request.
        NeedConfirm = "AllowType_Type_NeedConfirm",
        /// Anyone may add the user as a friend.
        AllowAny = "AllowType_Type_AllowAny",
        /// No one may add the user as a friend.
        DenyAny = "AllowType_Type_DenyAny",
    }
}

wire_enum! {
    /// `Tag_Profile_IM_AdminForbidType`: whether the user may send friend requests.
    pub enum AdminForbidType {
        /// Allowed (the default).
        None = "AdminForbid_Type_None",
        /// The user may not send friend requests.
        SendOut = "AdminForbid_Type_SendOut",
    }
}

/// The value type of a standard profile tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A string.
    String,
    /// An unsigned 32-bit integer.
    U32,
    /// A string from this list of documented values.
    Enum(&'static [&'static str]),
}

/// Why `tag` is not a profile tag (error 40009: "The tag of a profile field does not exist").
fn not_a_profile_tag(tag: &str) -> String {
    format!(
        "is {tag:?}; a profile tag is a standard `Tag_Profile_IM_*` tag or a custom \
         `Tag_Profile_Custom_*` one (error 40009)"
    )
}

/// Whether `tag` names a custom profile field (`Tag_Profile_Custom_` and a keyword).
pub fn is_custom_tag(tag: &str) -> bool {
    tag.strip_prefix(CUSTOM_PREFIX)
        .is_some_and(|k| !k.is_empty())
}

/// Whether `tag` has the form of a profile tag: `Tag_Profile_IM_` or `Tag_Profile_Custom_`
/// and a keyword. (Whether the tag exists is the service's to say: 40009.)
pub fn is_profile_tag(tag: &str) -> bool {
    is_custom_tag(tag)
        || tag
            .strip_prefix(STANDARD_PREFIX)
            .is_some_and(|k| !k.is_empty())
}

/// The custom profile tag for `name`, given with or without the `Tag_Profile_Custom_` prefix
/// (`Team` gives `Tag_Profile_Custom_Team`).
pub fn custom_tag(name: &str) -> String {
    if name.starts_with(CUSTOM_PREFIX) {
        name.to_owned()
    } else {
        format!("{CUSTOM_PREFIX}{name}")
    }
}

/// The longest profile value, in bytes (error 40601; see [`PROFILE_VALUE`]).
pub const PROFILE_VALUE_MAX_BYTES: u32 = 500;

/// Every profile value is at most 500 bytes: "40601: The value of the profile field exceeds
/// the length limit of 500 bytes". (`Tag_Profile_IM_Location` is documented as at most 16
/// bytes on the English profile field page but 500 on the current Chinese one,
/// cloud.tencent.com/document/product/269/3558; 500 is checked, so that no value the service
/// may accept is refused.)
pub const PROFILE_VALUE: Limit = Limit::bytes_or_empty(
    "ProfileItem[].Value",
    PROFILE_VALUE_MAX_BYTES,
    "https://intl.cloud.tencent.com/document/product/1047/34916 (error 40601: a profile field value is at most 500 bytes)",
);

/// Why a profile item breaks a documented rule; each maps to the `portrait_set` page's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileRule {
    /// Neither a standard nor a custom tag (40009: "The tag of a profile field does not
    /// exist").
    UnknownTag,
    /// The value has the wrong JSON type for the tag (40610: "Incorrect value type of the
    /// standard profile field"). Also used for a custom field given a number: the profile
    /// field page says integers are not supported for custom fields (the code for that case
    /// is not documented).
    WrongType,
    /// The value is not one of the tag's documented values (40605: "Incorrect value of the
    /// standard profile field").
    InvalidValue,
    /// The value is longer than 500 bytes (40601).
    TooLong,
}

impl ProfileRule {
    /// The `portrait_set` page's error code for this rule.
    pub fn code(self) -> i64 {
        match self {
            ProfileRule::UnknownTag => 40009,
            ProfileRule::WrongType => 40610,
            ProfileRule::InvalidValue => 40605,
            ProfileRule::TooLong => 40601,
        }
    }
}

/// A value of `kind` as a JSON value of the right type, or the rule it breaks.
fn check_string_value(value: &Value) -> Result<&str, (ProfileRule, String)> {
    match value {
        Value::String(s) if s.len() > PROFILE_VALUE_MAX_BYTES as usize => Err((
            ProfileRule::TooLong,
            format!(
                "is {} bytes long; at most {PROFILE_VALUE_MAX_BYTES} bytes are allowed (error 40601)",
                s.len()
            ),
        )),
        Value::String(s) => Ok(s),
        other => Err((
            ProfileRule::WrongType,
            format!("must be a string, not {}", json_kind(other)),
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// portrait_set
// ---------------------------------------------------------------------------------------------

/// One profile field to set: `{"Tag": "...", "Value": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileItem {
    /// The tag: a standard one ([`tag`]) or a custom one (`Tag_Profile_Custom_*`).
    #[serde(rename = "Tag")]
    pub tag: String,
    /// The value: a string or an unsigned integer, per the tag.
    #[serde(rename = "Value")]
    pub value: Value,
}

impl ProfileItem {
    /// The item `{tag, value}`.
    pub fn new(tag: impl Into<String>, value: impl Into<Value>) -> Self {
        ProfileItem {
            tag: tag.into(),
            value: value.into(),
        }
    }

    /// Checks the documented rules of the tag and its value; the error says which rule
    /// ([`ProfileRule`]) and why. A `Tag_Profile_IM_*` tag this version does not know is let
    /// through (the service decides; it answers 40009 if the tag does not exist).
    pub fn check(&self) -> Result<(), (ProfileRule, String)> {
        use ProfileRule::{InvalidValue, UnknownTag, WrongType};
        let value = &self.value;
        match standard_kind(&self.tag) {
            Some(ValueKind::String) => check_string_value(value).map(drop),
            Some(ValueKind::U32) => match value {
                Value::Number(n) if n.as_u64().is_some_and(|v| v <= u64::from(u32::MAX)) => Ok(()),
                Value::Number(n) => Err((
                    InvalidValue,
                    format!("is {n}; it must be an integer from 0 to 4294967295 (uint32)"),
                )),
                other => Err((
                    WrongType,
                    format!("must be an integer (uint32), not {}", json_kind(other)),
                )),
            },
            Some(ValueKind::Enum(known)) => {
                let s = check_string_value(value)?;
                if known.contains(&s) {
                    return Ok(());
                }
                let known: Vec<String> = known.iter().map(|k| format!("{k:?}")).collect();
                Err((
                    InvalidValue,
                    format!("is {s:?}; expected one of {}", known.join(", ")),
                ))
            }
            None if is_custom_tag(&self.tag) => match check_string_value(value) {
                Err((WrongType, _)) => Err((
                    WrongType,
                    format!(
                        "must be a string: custom profile fields do not support integers \
                         (profile field page), not {}",
                        json_kind(value)
                    ),
                )),
                other => other.map(drop),
            },
            // A standard tag newer than this version: a string value is at most 500 bytes too.
            None if is_profile_tag(&self.tag) && !value.is_string() => Ok(()),
            None if is_profile_tag(&self.tag) => check_string_value(value).map(drop),
            None => Err((UnknownTag, not_a_profile_tag(&self.tag))),
        }
    }
}

/// A profile item is checked by [`ProfileItem::check`], its message naming the tag; written out
/// rather than declared because the 500-byte limit on `Value` ([`PROFILE_VALUE`], listed in
/// the limit table) applies to string values only and is checked with the tag's other rules.
impl Validate for ProfileItem {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        self.check().map_err(|(rule, why)| match rule {
            ProfileRule::UnknownTag => ValidationError::new(at.field("Tag").render(), why),
            _ => ValidationError::new(at.field("Value").render(), format!("({}) {why}", self.tag)),
        })
    }

    fn collect_limits(prefix: &str, out: &mut Vec<Limit>) {
        out.push(PROFILE_VALUE.labeled(&validate::join(prefix, "Value")));
    }
}

/// Sets profile fields of one account (`v4/profile/portrait_set`), standard and custom.
///
/// ```
/// use chatadmin_core::api::profile::{AllowType, Gender, PortraitSet};
/// let req = PortraitSet::new("alice")
///     .nick("A")
///     .gender(Gender::Female)
///     .allow_type(AllowType::AllowAny)
///     .level(3)
///     .custom("Tag_Profile_Custom_Team", "blue");
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({
///     "From_Account": "alice",
///     "ProfileItem": [
///         {"Tag": "Tag_Profile_IM_Nick", "Value": "A"},
///         {"Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Female"},
///         {"Tag": "Tag_Profile_IM_AllowType", "Value": "AllowType_Type_AllowAny"},
///         {"Tag": "Tag_Profile_IM_Level", "Value": 3},
///         {"Tag": "Tag_Profile_Custom_Team", "Value": "blue"}
///     ]
/// }));
/// ```
#[endpoint(
    path = "profile/portrait_set",
    summary = "Set standard and custom profile fields of an account",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34916",
    // Setting the same values again leaves the same profile. One account per call; the items
    // are one atomic set (not split).
    idempotency = Idempotent,
    response = PortraitSetResponse,
    no_new
)]
pub struct PortraitSet {
    /// The account whose profile is set.
    pub from_account: from_account!(),
    /// The fields to set, in order.
    #[serde(rename = "ProfileItem")]
    #[check(not_empty)]
    pub profile_item: Vec<ProfileItem>,
}

/// A list that must have an item (`ProfileItem`, `TagList`: no maximum is documented).
fn not_empty<T>(items: &[T], at: &Path<'_>) -> Result<(), ValidationError> {
    if items.is_empty() {
        return Err(ValidationError::new(at.render(), "must not be empty"));
    }
    Ok(())
}

impl PortraitSet {
    /// Sets nothing yet on `from`'s profile; add fields with the setters.
    pub fn new(from: impl Into<String>) -> Self {
        PortraitSet {
            from_account: from.into(),
            profile_item: Vec::new(),
        }
    }

    /// Adds any field (`tag` as sent).
    pub fn item(mut self, tag: impl Into<String>, value: impl Into<Value>) -> Self {
        self.profile_item.push(ProfileItem::new(tag, value));
        self
    }

    /// Adds a custom field; `tag` may be given with or without the `Tag_Profile_Custom_`
    /// prefix. Custom values are strings (the profile field page: integers are not supported
    /// for custom fields); [`validate`](crate::ApiRequest::validate) refuses other types.
    pub fn custom(self, tag: &str, value: impl Into<Value>) -> Self {
        self.item(custom_tag(tag), value)
    }

    /// The first item that breaks a documented rule: its index, the rule and why.
    pub fn first_problem(&self) -> Option<(usize, ProfileRule, String)> {
        self.profile_item
            .iter()
            .enumerate()
            .find_map(|(i, item)| item.check().err().map(|(rule, why)| (i, rule, why)))
    }
}

/// The answer to [`PortraitSet`]: the status only (with `ErrorDisplay`).
pub type PortraitSetResponse = StatusResponse;

// ---------------------------------------------------------------------------------------------
// portrait_get
// ---------------------------------------------------------------------------------------------

/// Reads profile fields of up to 100 accounts (`v4/profile/portrait_get`); longer lists are
/// split by the client and the results merged in order.
///
/// ```
/// use chatadmin_core::api::profile::{tag, PortraitGet};
/// let req = PortraitGet::new(["alice", "bob"], [tag::NICK, "Tag_Profile_Custom_Team"]);
/// let body = chatadmin_core::registry::encode_request(&req).unwrap();
/// assert_eq!(body, serde_json::json!({
///     "To_Account": ["alice", "bob"],
///     "TagList": ["Tag_Profile_IM_Nick", "Tag_Profile_Custom_Team"]
/// }));
/// ```
#[endpoint(
    path = "profile/portrait_get",
    summary = "Read standard and custom profile fields of up to 100 accounts",
    doc = "https://intl.cloud.tencent.com/document/product/1047/34917",
    // A read.
    idempotency = Idempotent,
    response = PortraitGetResponse
)]
pub struct PortraitGet {
    /// The accounts to read (at most 100 per request; the client splits longer lists):
    /// "profile fields of no more than 100 users can be pulled each time".
    #[serde(rename = "To_Account")]
    #[limit(
        items(max = 100),
        source = "https://intl.cloud.tencent.com/document/product/1047/34917 (To_Account: at most 100 users per request)"
    )]
    #[user_id]
    #[split]
    pub to_account: Vec<String>,
    /// The tags to read, standard or custom.
    #[serde(rename = "TagList")]
    #[check(not_empty)]
    #[check(profile_tags)]
    pub tag_list: Vec<String>,
}

/// Every tag has the form of a profile tag ([`is_profile_tag`]).
fn profile_tags(tags: &[String], at: &Path<'_>) -> Result<(), ValidationError> {
    match tags.iter().position(|t| !is_profile_tag(t)) {
        None => Ok(()),
        Some(i) => Err(ValidationError::new(
            at.index(i).render(),
            not_a_profile_tag(&tags[i]),
        )),
    }
}

/// One profile field as returned: `{"Tag", "Value"}`.
#[response(item)]
pub struct ProfileField {
    /// The tag.
    #[serde(rename = "Tag")]
    pub tag: String,
    /// The value (a string or a number, per the tag).
    #[serde(rename = "Value", skip_serializing_if = "Value::is_null")]
    pub value: Value,
}

/// The profile of one account (`UserProfileItem[]`): its fields, or why they could not be
/// read (`ResultCode` non-zero, no `ProfileItem`).
#[response(item)]
pub struct UserProfile {
    /// The account.
    #[serde(rename = "To_Account")]
    pub to_account: String,
    /// The fields read (absent on failed items).
    #[serde(rename = "ProfileItem", skip_serializing_if = "Vec::is_empty")]
    pub profile_item: Vec<ProfileField>,
    /// 0 on success, otherwise an error code (40003: the account does not exist).
    #[serde(rename = "ResultCode")]
    pub result_code: i64,
    /// The error text; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: String,
}

/// A JSON value as a u32: a number, or a numeric string (lenient, like every response).
fn value_u32(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl UserProfile {
    /// Whether this account's part succeeded.
    pub fn is_ok(&self) -> bool {
        self.result_code == 0
    }

    /// The value of `tag`, if returned.
    pub fn get(&self, tag: &str) -> Option<&Value> {
        self.profile_item
            .iter()
            .find(|f| f.tag == tag)
            .map(|f| &f.value)
    }

    /// The string value of `tag`, if returned as a string.
    pub fn get_str(&self, tag: &str) -> Option<&str> {
        self.get(tag).and_then(Value::as_str)
    }

    /// The integer value of `tag` (a number or a numeric string), if it fits a u32.
    pub fn get_u32(&self, tag: &str) -> Option<u32> {
        self.get(tag).and_then(value_u32)
    }

    /// A custom field, with or without the `Tag_Profile_Custom_` prefix.
    pub fn custom(&self, tag: &str) -> Option<&Value> {
        self.get(&custom_tag(tag))
    }
}

/// The answer to [`PortraitGet`]: one profile per requested account, in request order, and
/// the accounts that failed.
#[response]
pub struct PortraitGetResponse {
    /// Per-account profiles.
    #[serde(rename = "UserProfileItem")]
    #[merge]
    pub user_profile_item: Vec<UserProfile>,
    /// The accounts that failed (absent when none did).
    #[serde(rename = "Fail_Account", skip_serializing_if = "Vec::is_empty")]
    #[merge]
    pub fail_account: Vec<String>,
}

impl PortraitGetResponse {
    /// The items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &UserProfile> {
        self.user_profile_item.iter().filter(|i| !i.is_ok())
    }

    /// The profile of `account`, if it was returned.
    pub fn profile_of(&self, account: &str) -> Option<&UserProfile> {
        self.user_profile_item
            .iter()
            .find(|p| p.to_account == account)
    }
}
