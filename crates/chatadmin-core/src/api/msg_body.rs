//! The message body model shared by every message endpoint and callback: `MsgBody` as a list
//! of elements tagged by `MsgType`, `OfflinePushInfo`, and the documented rules checked before
//! sending.
//!
//! ```
//! use chatadmin_core::api::msg_body::{MsgElement, CustomElem};
//! let body = vec![
//!     MsgElement::text("hi"),
//!     MsgElement::from(CustomElem::new().data("{\"level\":3}").desc("Level up")),
//! ];
//! let json = serde_json::to_value(&body).unwrap();
//! assert_eq!(json[0], serde_json::json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}));
//! assert_eq!(json[1]["MsgContent"]["Desc"], "Level up");
//! ```
//!
//! # Unknown element types
//!
//! The service adds element types over time. An element whose `MsgType` this version does not
//! know, or whose content does not match the documented fields of its type, is kept as the
//! JSON it arrived as ([`MsgElement::Other`]) and sent back unchanged: reading a message from
//! history and sending it again never loses an element.
//!
//! # Rules checked before sending ([`check_msg_body`])
//!
//! - at least one element;
//! - "a message may contain at most one TIMCustomElem" (api-messages notes, from the
//!   message-format page https://intl.cloud.tencent.com/document/product/1047/33527);
//! - "A one-to-one or group message must be no longer than 12KB" (Use Limits,
//!   https://www.tencentcloud.com/document/product/1047/34381): checked on the JSON of
//!   `MsgBody` as sent ([`MSG_BODY_SIZE`]).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::declare::{payload, Path, Validate};
use crate::error::ValidationError;
use crate::validate::Limit;

/// The largest `MsgBody`, as bytes of JSON: 12 KB.
pub const MSG_BODY_MAX_BYTES: usize = 12 * 1024;

/// The size of a message: "A one-to-one or group message must be no longer than 12KB", checked
/// on the JSON of its `MsgBody` (12,288 bytes).
pub const MSG_BODY_SIZE: Limit = Limit::bytes(
    "MsgBody",
    MSG_BODY_MAX_BYTES as u32,
    "https://www.tencentcloud.com/document/product/1047/34381 (Use Limits: a one-to-one or group message must be no longer than 12KB)",
);

/// A fresh 32-bit random value for a send's deduplication keys (`MsgRandom`/`MsgSeq` of
/// one-to-one sends, `Random` of group sends): fixed once per request, before the first attempt,
/// so every retry carries the same value. Uses the standard library's per-process random keys
/// mixed with a counter and the clock.
///
/// ```
/// let a = chatadmin_core::api::msg_body::new_random();
/// let b = chatadmin_core::api::msg_body::new_random();
/// assert_ne!(a, b);
/// ```
pub fn new_random() -> u32 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    let v = h.finish();
    (v ^ (v >> 32)) as u32
}

/// The most key-value pairs (extensions) one message holds, one-to-one or group: "Up to 300
/// key-value pairs can be set for each one-to-one message" / "... for each group message".
pub const MAX_EXTENSIONS_PER_MESSAGE: usize = 300;

/// The most extensions one read returns (`get_key_values`, `group_get_key_values`): "Up to 200
/// key-value pairs can be returned per pull".
pub const EXTENSIONS_PER_PAGE: usize = 200;

/// A text element (`TIMTextElem`).
#[payload]
pub struct TextElem {
    /// The text.
    #[serde(rename = "Text")]
    pub text: String,
}

/// A location element (`TIMLocationElem`); its push text is "[Location]".
#[payload]
pub struct LocationElem {
    /// A description of the place.
    #[serde(rename = "Desc")]
    pub desc: String,
    /// Latitude.
    #[serde(rename = "Latitude")]
    pub latitude: f64,
    /// Longitude.
    #[serde(rename = "Longitude")]
    pub longitude: f64,
}

/// An emoji element (`TIMFaceElem`); its push text is "[Face]".
#[payload]
pub struct FaceElem {
    /// The emoji's index, defined by the app.
    #[serde(rename = "Index")]
    pub index: i64,
    /// Extra data, defined by the app.
    #[serde(rename = "Data")]
    pub data: Option<String>,
}

/// A custom element (`TIMCustomElem`): app-defined data. At most one per message.
#[payload]
pub struct CustomElem {
    /// The data (not delivered in the APNs payload).
    #[serde(rename = "Data")]
    pub data: Option<String>,
    /// The description, used as the offline push text.
    #[serde(rename = "Desc")]
    pub desc: Option<String>,
    /// Extension data, delivered as the APNs `ext`.
    #[serde(rename = "Ext")]
    pub ext: Option<String>,
    /// The APNs push sound.
    #[serde(rename = "Sound")]
    pub sound: Option<String>,
}

/// A voice element (`TIMSoundElem`). Messages from SDK 2.x/3.x clients may lack `Url` and
/// `Download_Flag`.
#[payload]
pub struct SoundElem {
    /// Download URL.
    #[serde(rename = "Url")]
    pub url: Option<String>,
    /// The file's ID.
    #[serde(rename = "UUID")]
    pub uuid: Option<String>,
    /// Size in bytes.
    #[serde(rename = "Size")]
    pub size: Option<u64>,
    /// Duration in seconds.
    #[serde(rename = "Second")]
    pub second: Option<u64>,
    /// Download flag; the docs say it must be 2.
    #[serde(rename = "Download_Flag")]
    pub download_flag: Option<u32>,
}

/// One size of an image (`ImageInfoArray` item).
#[payload]
pub struct ImageInfo {
    /// 1 original, 2 large, 3 thumbnail.
    #[serde(rename = "Type")]
    pub image_type: u32,
    /// Size in bytes.
    #[serde(rename = "Size")]
    pub size: Option<u64>,
    /// Width in pixels.
    #[serde(rename = "Width")]
    pub width: Option<u64>,
    /// Height in pixels.
    #[serde(rename = "Height")]
    pub height: Option<u64>,
    /// Download URL.
    #[serde(rename = "URL")]
    pub url: Option<String>,
}

/// An image element (`TIMImageElem`).
#[payload]
pub struct ImageElem {
    /// The image's ID.
    #[serde(rename = "UUID")]
    pub uuid: Option<String>,
    /// JPG 1, GIF 2, PNG 3, BMP 4, other 255.
    #[serde(rename = "ImageFormat")]
    pub image_format: Option<u32>,
    /// The original, large and thumbnail sizes.
    #[serde(rename = "ImageInfoArray")]
    pub image_info_array: Option<Vec<ImageInfo>>,
}

/// A file element (`TIMFileElem`).
#[payload]
pub struct FileElem {
    /// Download URL.
    #[serde(rename = "Url")]
    pub url: Option<String>,
    /// The file's ID.
    #[serde(rename = "UUID")]
    pub uuid: Option<String>,
    /// Size in bytes.
    #[serde(rename = "FileSize")]
    pub file_size: Option<u64>,
    /// The file name.
    #[serde(rename = "FileName")]
    pub file_name: Option<String>,
    /// Download flag; the docs say it must be 2.
    #[serde(rename = "Download_Flag")]
    pub download_flag: Option<u32>,
}

/// A video element (`TIMVideoFileElem`).
#[payload]
pub struct VideoFileElem {
    /// Video download URL.
    #[serde(rename = "VideoUrl")]
    pub video_url: Option<String>,
    /// The video's ID.
    #[serde(rename = "VideoUUID")]
    pub video_uuid: Option<String>,
    /// Video size in bytes.
    #[serde(rename = "VideoSize")]
    pub video_size: Option<u64>,
    /// Duration in seconds.
    #[serde(rename = "VideoSecond")]
    pub video_second: Option<u64>,
    /// Format (`mp4`).
    #[serde(rename = "VideoFormat")]
    pub video_format: Option<String>,
    /// Download flag; the docs say it must be 2.
    #[serde(rename = "VideoDownloadFlag")]
    pub video_download_flag: Option<u32>,
    /// Thumbnail download URL.
    #[serde(rename = "ThumbUrl")]
    pub thumb_url: Option<String>,
    /// The thumbnail's ID.
    #[serde(rename = "ThumbUUID")]
    pub thumb_uuid: Option<String>,
    /// Thumbnail size in bytes.
    #[serde(rename = "ThumbSize")]
    pub thumb_size: Option<u64>,
    /// Thumbnail width.
    #[serde(rename = "ThumbWidth")]
    pub thumb_width: Option<u64>,
    /// Thumbnail height.
    #[serde(rename = "ThumbHeight")]
    pub thumb_height: Option<u64>,
    /// Thumbnail format (`JPG`).
    #[serde(rename = "ThumbFormat")]
    pub thumb_format: Option<String>,
    /// Download flag; the docs say it must be 2.
    #[serde(rename = "ThumbDownloadFlag")]
    pub thumb_download_flag: Option<u32>,
}

/// A combined (forwarded) messages element (`TIMRelayElem`). `MsgList` holds the messages when
/// they fit in 12 KB; otherwise `JsonMsgKey` names them.
#[payload]
pub struct RelayElem {
    /// The title.
    #[serde(rename = "Title")]
    pub title: Option<String>,
    /// How many messages are combined.
    #[serde(rename = "MsgNum")]
    pub msg_num: Option<u64>,
    /// The text shown by clients that cannot show combined messages.
    #[serde(rename = "CompatibleText")]
    pub compatible_text: Option<String>,
    /// Summary lines.
    #[serde(rename = "AbstractList")]
    pub abstract_list: Option<Vec<String>>,
    /// The combined messages, as sent (each with its own `MsgBody`).
    #[serde(rename = "MsgList")]
    pub msg_list: Option<Vec<Value>>,
    /// The key of the combined messages when they are over 12 KB.
    #[serde(rename = "JsonMsgKey")]
    pub json_msg_key: Option<String>,
}

/// One element of a message body: `{"MsgType": "TIMTextElem", "MsgContent": {...}}`.
#[derive(Debug, Clone, PartialEq)]
pub enum MsgElement {
    /// `TIMTextElem`.
    Text(TextElem),
    /// `TIMLocationElem`.
    Location(LocationElem),
    /// `TIMFaceElem`.
    Face(FaceElem),
    /// `TIMCustomElem`.
    Custom(CustomElem),
    /// `TIMSoundElem`.
    Sound(SoundElem),
    /// `TIMImageElem`.
    Image(ImageElem),
    /// `TIMFileElem`.
    File(FileElem),
    /// `TIMVideoFileElem`.
    Video(VideoFileElem),
    /// `TIMRelayElem`.
    Relay(RelayElem),
    /// An element this version does not know (or whose content has fields its type does not
    /// document), kept as the whole JSON object and sent back unchanged.
    Other(Map<String, Value>),
}

/// The `MsgType` of each typed element.
const TEXT: &str = "TIMTextElem";
const LOCATION: &str = "TIMLocationElem";
const FACE: &str = "TIMFaceElem";
const CUSTOM: &str = "TIMCustomElem";
const SOUND: &str = "TIMSoundElem";
const IMAGE: &str = "TIMImageElem";
const FILE: &str = "TIMFileElem";
const VIDEO: &str = "TIMVideoFileElem";
const RELAY: &str = "TIMRelayElem";

impl MsgElement {
    /// A text element.
    pub fn text(text: impl Into<String>) -> MsgElement {
        MsgElement::Text(TextElem::new(text))
    }

    /// A custom element carrying `data`.
    pub fn custom(data: impl Into<String>) -> MsgElement {
        MsgElement::Custom(CustomElem::new().data(data))
    }

    /// The `MsgType` on the wire (`TIMTextElem`...; an unknown element's own).
    pub fn msg_type(&self) -> &str {
        match self {
            MsgElement::Text(_) => TEXT,
            MsgElement::Location(_) => LOCATION,
            MsgElement::Face(_) => FACE,
            MsgElement::Custom(_) => CUSTOM,
            MsgElement::Sound(_) => SOUND,
            MsgElement::Image(_) => IMAGE,
            MsgElement::File(_) => FILE,
            MsgElement::Video(_) => VIDEO,
            MsgElement::Relay(_) => RELAY,
            MsgElement::Other(o) => o.get("MsgType").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The text of a text element.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            MsgElement::Text(t) => Some(&t.text),
            _ => None,
        }
    }

    /// Reads an element: a known type whose content has exactly its documented fields becomes
    /// that variant; anything else that is an object with a string `MsgType` is kept as
    /// [`MsgElement::Other`].
    ///
    /// `null` reads as an empty unknown element, which validation refuses ("needs a MsgContent
    /// object"): the request-schema tracer ([`crate::schema::trace`]) feeds `null` to every
    /// untyped value, and a `MsgBody` field must trace.
    fn from_json(v: Value) -> Result<MsgElement, String> {
        // `null` reads as an empty element, which validation refuses ("needs a MsgContent
        // object") before anything is sent: the schema tracer (`schema::trace`, which gives the
        // Python/C/CLI surfaces their field names) feeds a unit value to every `Any` shape.
        if v.is_null() {
            return Ok(MsgElement::Other(Map::new()));
        }
        let Value::Object(o) = v else {
            return Err(format!(
                "expected an element object {{\"MsgType\": ..., \"MsgContent\": {{...}}}}, found {v}"
            ));
        };
        let Some(msg_type) = o.get("MsgType").and_then(Value::as_str) else {
            return Err("an element needs a string MsgType (\"TIMTextElem\", ...)".to_owned());
        };
        let content = o.get("MsgContent").cloned().unwrap_or(Value::Null);
        fn typed<T: serde::de::DeserializeOwned>(c: Value) -> Option<T> {
            serde_json::from_value(c).ok()
        }
        let known = match msg_type {
            TEXT => typed(content).map(MsgElement::Text),
            LOCATION => typed(content).map(MsgElement::Location),
            FACE => typed(content).map(MsgElement::Face),
            CUSTOM => typed(content).map(MsgElement::Custom),
            SOUND => typed(content).map(MsgElement::Sound),
            IMAGE => typed(content).map(MsgElement::Image),
            FILE => typed(content).map(MsgElement::File),
            VIDEO => typed(content).map(MsgElement::Video),
            RELAY => typed(content).map(MsgElement::Relay),
            _ => None,
        };
        // Other keys beside MsgType and MsgContent are kept too.
        match known {
            Some(e) if o.len() == 2 && o.contains_key("MsgContent") => Ok(e),
            _ => Ok(MsgElement::Other(o)),
        }
    }
}

impl From<&str> for MsgElement {
    fn from(text: &str) -> Self {
        MsgElement::text(text)
    }
}

impl From<String> for MsgElement {
    fn from(text: String) -> Self {
        MsgElement::text(text)
    }
}

macro_rules! element_from {
    ($($t:ty => $v:ident),*) => { $( impl From<$t> for MsgElement { fn from(e: $t) -> Self { MsgElement::$v(e) } } )* };
}
element_from!(TextElem => Text, LocationElem => Location, FaceElem => Face, CustomElem => Custom,
    SoundElem => Sound, ImageElem => Image, FileElem => File, VideoFileElem => Video,
    RelayElem => Relay);

impl Serialize for MsgElement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Tagged<'a, T: Serialize> {
            #[serde(rename = "MsgType")]
            msg_type: &'a str,
            #[serde(rename = "MsgContent")]
            msg_content: &'a T,
        }
        let t = self.msg_type();
        match self {
            MsgElement::Text(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Location(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Face(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Custom(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Sound(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Image(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::File(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Video(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Relay(c) => Tagged {
                msg_type: t,
                msg_content: c,
            }
            .serialize(s),
            MsgElement::Other(o) => o.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for MsgElement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        MsgElement::from_json(Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

impl crate::lenient::Lenient for MsgElement {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        MsgElement::deserialize(d)
    }
}

impl crate::schema::Describe for MsgElement {
    fn shape() -> crate::schema::Shape {
        crate::schema::Shape::Any
    }
}

impl Validate for MsgElement {
    fn validate_at(&self, at: &Path<'_>) -> Result<(), ValidationError> {
        let content = at.field("MsgContent");
        match self {
            MsgElement::Text(c) => c.validate_at(&content),
            MsgElement::Location(c) => c.validate_at(&content),
            MsgElement::Face(c) => c.validate_at(&content),
            MsgElement::Custom(c) => c.validate_at(&content),
            MsgElement::Sound(c) => c.validate_at(&content),
            MsgElement::Image(c) => c.validate_at(&content),
            MsgElement::File(c) => c.validate_at(&content),
            MsgElement::Video(c) => c.validate_at(&content),
            MsgElement::Relay(c) => c.validate_at(&content),
            MsgElement::Other(o) => match o.get("MsgContent") {
                Some(Value::Object(_)) => Ok(()),
                _ => Err(ValidationError::new(
                    content.render(),
                    format!(
                        "an element of type {:?} needs a MsgContent object",
                        self.msg_type()
                    ),
                )),
            },
        }
    }
}

/// The rules of a whole `MsgBody` (see the [module documentation](self)): at least one
/// element, at most one `TIMCustomElem`, at most 12 KB of JSON. The `#[check]` of every
/// `MsgBody` field; list [`MSG_BODY_SIZE`] on the field with `#[limit(MSG_BODY_SIZE, listed)]`.
pub fn check_msg_body(body: &[MsgElement], at: &Path<'_>) -> Result<(), ValidationError> {
    if body.is_empty() {
        return Err(ValidationError::new(
            at.render(),
            "is empty; a message needs at least one element (MsgElement::text(\"...\"))",
        ));
    }
    let customs: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, e)| e.msg_type() == CUSTOM)
        .map(|(i, _)| i)
        .collect();
    if let [_, second, ..] = customs[..] {
        return Err(ValidationError::new(
            at.index(second).render(),
            format!(
                "is a second {CUSTOM}; a message may contain at most one (the first is element {})",
                customs[0]
            ),
        ));
    }
    let size = serde_json::to_vec(body).map(|v| v.len()).unwrap_or(0);
    let max = MSG_BODY_MAX_BYTES;
    if size > max {
        return Err(ValidationError::new(
            at.render(),
            format!("is {size} bytes of JSON; a message may be at most {max} bytes (12 KB)"),
        ));
    }
    Ok(())
}

/// Android push settings (`OfflinePushInfo.AndroidInfo`).
#[payload]
pub struct AndroidInfo {
    /// The notification sound file.
    #[serde(rename = "Sound")]
    pub sound: Option<String>,
    /// 0 default, 1 large text (Huawei, Honor, OPPO).
    #[serde(rename = "PushStyle")]
    pub push_style: Option<u32>,
    /// Huawei channel ID.
    #[serde(rename = "HuaWeiChannelID")]
    pub huawei_channel_id: Option<String>,
    /// Xiaomi channel ID.
    #[serde(rename = "XiaoMiChannelID")]
    pub xiaomi_channel_id: Option<String>,
    /// OPPO channel ID.
    #[serde(rename = "OPPOChannelID")]
    pub oppo_channel_id: Option<String>,
    /// Google (FCM) channel ID.
    #[serde(rename = "GoogleChannelID")]
    pub google_channel_id: Option<String>,
    /// vivo classification: 0 operational, 1 system (default).
    #[serde(rename = "VIVOClassification")]
    pub vivo_classification: Option<u32>,
    /// vivo category.
    #[serde(rename = "VIVOCategory")]
    pub vivo_category: Option<String>,
    /// Huawei importance: `LOW` or `NORMAL`.
    #[serde(rename = "HuaWeiImportance")]
    pub huawei_importance: Option<String>,
    /// 1: `Ext` is Huawei's intent parameter.
    #[serde(rename = "ExtAsHuaweiIntentParam")]
    pub ext_as_huawei_intent_param: Option<u32>,
    /// Huawei category.
    #[serde(rename = "HuaWeiCategory")]
    pub huawei_category: Option<String>,
    /// Huawei image (https URL).
    #[serde(rename = "HuaWeiImage")]
    pub huawei_image: Option<String>,
    /// Honor image.
    #[serde(rename = "HonorImage")]
    pub honor_image: Option<String>,
    /// Honor importance: `LOW` or `NORMAL`.
    #[serde(rename = "HonorImportance")]
    pub honor_importance: Option<String>,
    /// Google (FCM) image.
    #[serde(rename = "GoogleImage")]
    pub google_image: Option<String>,
    /// OPPO category (newer docs).
    #[serde(rename = "OPPOCategory")]
    pub oppo_category: Option<String>,
    /// Meizu notice message type (newer docs).
    #[serde(rename = "MeiZuNoticeMsgType")]
    pub meizu_notice_msg_type: Option<u32>,
    /// OPPO private message template ID (newer docs).
    #[serde(rename = "OPPOPrivateMsgTemplateId")]
    pub oppo_private_msg_template_id: Option<String>,
}

/// APNs push settings (`OfflinePushInfo.ApnsInfo`).
#[payload]
pub struct ApnsInfo {
    /// The notification sound file.
    #[serde(rename = "Sound")]
    pub sound: Option<String>,
    /// 0 counts the badge, 1 does not increment it.
    #[serde(rename = "BadgeMode")]
    pub badge_mode: Option<u32>,
    /// The title (overrides `OfflinePushInfo.Title`).
    #[serde(rename = "Title")]
    pub title: Option<String>,
    /// The subtitle.
    #[serde(rename = "SubTitle")]
    pub sub_title: Option<String>,
    /// An image URL.
    #[serde(rename = "Image")]
    pub image: Option<String>,
    /// 1 enables the iOS 10 notification service extension.
    #[serde(rename = "MutableContent")]
    pub mutable_content: Option<u32>,
    /// `active`, `critical`, `passive` or `time-sensitive`.
    #[serde(rename = "InterruptionLevel")]
    pub interruption_level: Option<String>,
    /// 1 sends a silent push.
    #[serde(rename = "ContentAvailable")]
    pub content_available: Option<u32>,
}

/// Offline push settings of a message (`OfflinePushInfo`). When set, the push settings inside
/// a `TIMCustomElem` are ignored.
///
/// ```
/// use chatadmin_core::api::msg_body::OfflinePushInfo;
/// let push = OfflinePushInfo::new().title("Guild").desc("Raid at 8").ext("{\"raid\":1}");
/// assert_eq!(serde_json::to_value(&push).unwrap()["Desc"], "Raid at 8");
/// ```
#[payload]
pub struct OfflinePushInfo {
    /// 0 pushes (the default), 1 does not.
    #[serde(rename = "PushFlag")]
    #[limit(
        range(min = 0, max = 1),
        source = "https://intl.cloud.tencent.com/document/product/1047/33527 (PushFlag: 0 push, 1 no offline push)"
    )]
    pub push_flag: Option<u32>,
    /// The title.
    #[serde(rename = "Title")]
    pub title: Option<String>,
    /// The push text (overrides the elements' push texts).
    #[serde(rename = "Desc")]
    pub desc: Option<String>,
    /// Passthrough data; a JSON string, or some Android vendors drop the push.
    #[serde(rename = "Ext")]
    pub ext: Option<String>,
    /// Android settings.
    #[serde(rename = "AndroidInfo")]
    pub android_info: Option<AndroidInfo>,
    /// APNs settings.
    #[serde(rename = "ApnsInfo")]
    pub apns_info: Option<ApnsInfo>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_elements_round_trip_typed_and_unknown_ones_unchanged() {
        let body = json!([
            {"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}},
            {"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "x", "Latitude": 1.5, "Longitude": -2.25}},
            {"MsgType": "TIMFaceElem", "MsgContent": {"Index": 1, "Data": "content"}},
            {"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageFormat": 1,
                "ImageInfoArray": [{"Type": 1, "Size": 10, "Width": 2, "Height": 3, "URL": "https://x"}]}},
            {"MsgType": "TIMStickerElem", "MsgContent": {"Pack": 3}},
            {"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi", "Lang": "en"}},
        ]);
        let parsed: Vec<MsgElement> = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(parsed[0].as_text(), Some("hi"));
        assert!(matches!(parsed[1], MsgElement::Location(_)));
        assert!(matches!(parsed[3], MsgElement::Image(_)));
        assert_eq!(parsed[4].msg_type(), "TIMStickerElem");
        assert!(matches!(parsed[4], MsgElement::Other(_)));
        // A known type with an undocumented field is kept whole rather than losing the field.
        assert!(matches!(parsed[5], MsgElement::Other(_)));
        assert_eq!(serde_json::to_value(&parsed).unwrap(), body);
    }

    #[test]
    fn malformed_elements_are_errors_not_panics() {
        for bad in [json!(1), json!({"MsgContent": {}}), json!({"MsgType": 3})] {
            assert!(serde_json::from_value::<MsgElement>(bad).is_err());
        }
        let e = MsgElement::Other(
            json!({"MsgType": "TIMNewElem"})
                .as_object()
                .unwrap()
                .clone(),
        );
        let err = e.validate_at(&Path::Root).unwrap_err();
        assert!(err.message.contains("TIMNewElem"), "{err}");
        // A null element is read (the schema tracer needs it) but never sent.
        let null: MsgElement = serde_json::from_value(json!(null)).unwrap();
        assert!(null.validate_at(&Path::Root).is_err());
    }

    #[test]
    fn body_rules() {
        let at = Path::Root;
        let at = at.field("MsgBody");
        assert!(check_msg_body(&[MsgElement::text("a")], &at).is_ok());
        let e = check_msg_body(&[], &at).unwrap_err();
        assert_eq!(e.field, "MsgBody");
        let two = [
            MsgElement::custom("a"),
            MsgElement::text("b"),
            MsgElement::custom("c"),
        ];
        let e = check_msg_body(&two, &at).unwrap_err();
        assert_eq!(e.field, "MsgBody[2]");
        // The limit is on the JSON: 12,288 bytes pass, one more does not.
        let overhead = serde_json::to_vec(&[MsgElement::text("")]).unwrap().len();
        let fits = [MsgElement::text("x".repeat(12 * 1024 - overhead))];
        assert!(check_msg_body(&fits, &at).is_ok());
        let over = [MsgElement::text("x".repeat(12 * 1024 - overhead + 1))];
        let e = check_msg_body(&over, &at).unwrap_err();
        assert!(e.message.contains("12289 bytes"), "{e}");
    }
}
