//! The code table behind [`super::all`]. Generated once from the documentation, then maintained
//! by hand: one entry per (code, scope), meanings condensed from the official English pages
//! (`docs/page.error_codes.md` and each endpoint's "Error Codes" table), with the sources of
//! anything else noted next to the entry. Keep each family together; order inside the table only
//! decides the last-resort fallback of [`super::lookup`].

use super::RetryClass::{AfterBackoff, AfterRenewingUserSig, IfIdempotent, Never};
use super::{CodeInfo, RetryClass, RetryWait, Scope};
use std::time::Duration;

const fn public(code: i64, meaning: &'static str, retry: RetryClass) -> CodeInfo {
    CodeInfo {
        code,
        scope: Scope::Public,
        meaning,
        retry,
    }
}

const fn service(
    code: i64,
    name: &'static str,
    meaning: &'static str,
    retry: RetryClass,
) -> CodeInfo {
    CodeInfo {
        code,
        scope: Scope::Service(name),
        meaning,
        retry,
    }
}

const fn endpoint(
    code: i64,
    path: &'static str,
    meaning: &'static str,
    retry: RetryClass,
) -> CodeInfo {
    CodeInfo {
        code,
        scope: Scope::Endpoint(path),
        meaning,
        retry,
    }
}

pub(super) static CODES: &[CodeInfo] = &[
    // Public: the REST range 60000-79999 (page.error_codes.md, "Common backend" and "Account" tables,
    // which also hold 80001-80004) and 70399 from the Chinese account_import page.

    public(60002, "HTTP request parse error; check the request URL format", Never),
    public(60003, "HTTP request JSON parse error; check the JSON format", Never),
    public(60004, "UserID or UserSig in the request URL or JSON body is incorrect", Never),
    public(60005, "UserID or UserSig in the request URL or JSON body is incorrect", Never),
    public(60006, "Invalid SDKAppID", Never),
    public(60007, "REST API call frequency limit exceeded; reduce the request rate", AfterBackoff),
    // The page lumps a timeout (outcome unknown) with a malformed request; a malformed request
    // fails again harmlessly, so retry only calls that cannot duplicate an effect.
    public(60008, "Service request timed out or the HTTP request is malformed; check and retry", IfIdempotent),
    public(60009, "Requested resource error; check the request URL", Never),
    public(60010, "The request must be made as the app admin (identifier must be an admin account)", Never),
    public(60011, "SDKAppID request frequency limit exceeded; reduce the request rate", AfterBackoff),
    public(60012, "SDKAppID missing from the request URL", Never),
    // Raised after a backend answered, so the operation may already have taken effect: retry only
    // idempotent calls.
    public(60013, "Failed to parse the JSON of the HTTP response packet", IfIdempotent),
    // A timeout: outcome unknown.
    public(60014, "Account switching timed out", IfIdempotent),
    public(60015, "UserID in the request body has the wrong type; it must be a string", Never),
    public(60016, "SDKAppID is disabled", Never),
    public(60017, "The request is disabled", Never),
    public(60018, "Too many requests; try again later", AfterBackoff),
    public(60019, "Too many requests; try again later", AfterBackoff),
    public(60020, "Pro Edition billing plan expired and disabled; repurchase it", Never),
    public(60021, "Source IP of the REST API call is not allowed", Never),
    public(70001, "UserSig expired; generate a new one (a validity of at least 24 h is recommended)", AfterRenewingUserSig),
    public(70002, "UserSig is empty (0 bytes)", Never),
    public(70003, "Invalid UserSig; generate it with the official algorithm", Never),
    public(70005, "Invalid UserSig; generate it with the official algorithm", Never),
    public(70009, "UserSig verification failed; probably signed with a wrong key or another SDKAppID's key", Never),
    public(70013, "UserID in the request does not match the UserID in the UserSig", Never),
    public(70014, "SDKAppID in the request does not match the SDKAppID in the UserSig", Never),
    public(70016, "UserSig verification failed: the public key does not exist; get the key in the console", Never),
    public(70020, "SDKAppID not found; check the app in the console", Never),
    // The page says retry in one minute: back off for at least 60 s. A signature that is simply
    // wrong keeps failing, so cap the attempts.
    public(70050, "Too many UserSig verification failures; check the UserSig and retry in one minute", AfterBackoff),
    public(70051, "The account is blocklisted", Never),
    public(70107, "The requested UserID does not exist (not imported)", Never),
    // A frequency restriction: slowing down is the documented remedy.
    public(70114, "Login restricted for security reasons; reduce the login frequency", AfterBackoff),
    // Transient on the server side; every im_open_login_svc call is idempotent (re-import, delete,
    // kick and check can be repeated), so a plain backoff is safe there. openim/batchsendmsg
    // overrides this below.
    public(70169, "Server timeout; try again later", AfterBackoff),
    // As 70169.
    public(70202, "Server timeout; try again later", AfterBackoff),
    public(70206, "Invalid batch quantity in the request", Never),
    public(70398, "Account limit reached; upgrade to the Pro Edition to create more than 100 accounts", Never),
    // Not on the English pages: the current Chinese account_import page lists it, its text cut off
    // after "three"; the catalog reads it as ~3 months.
    public(70399, "A deleted UserID cannot be re-imported yet (non-trial apps; about three months after deletion)", Never),
    public(70402, "Invalid parameter; check the required fields and the protocol requirements", Never),
    public(70403, "App admin permission required", Never),
    public(70500, "Internal server error; try again later", AfterBackoff),
    public(71000, "Account deletion failed: only apps on the Trial (Free) edition can delete accounts", Never),
    public(72000, "Trial edition free DAU quota exceeded; upgrade to the Pro or Flagship edition", Never),
    public(72001, "Enable user status query and status change notification in the console", Never),
    public(80001, "Text contains sensitive content (content security check failed)", Never),
    public(80002, "Outgoing message packet exceeds the length limit (8 KB)", Never),
    // The app's own webhook failed: fix it or change the timeout policy in the console. The
    // message was not sent, so a deliberate resend is safe.
    public(80003, "Message not sent: the before-send webhook failed or timed out (see the console's timeout policy)", Never),
    public(80004, "Image contains sensitive content (content security check failed)", Never),

    // sns: relationship chain (friends, friend lists, blocklist).

    service(30001, "sns", "Incorrect request parameter; see the error description", Never),
    service(30002, "sns", "SDKAppID mismatch", Never),
    service(30003, "sns", "The requested account does not exist", Never),
    service(30004, "sns", "App admin permission required", Never),
    // Listed on the Chinese friend_add/friend_import/friend_update/group_add pages and in the
    // catalog, not on the English pages.
    service(30005, "sns", "Relationship field contains sensitive words", Never),
    service(30006, "sns", "Internal server error; try again", AfterBackoff),
    // A timeout: the write may have happened.
    service(30007, "sns", "Network timeout; try again later", IfIdempotent),
    // Transient; serialise writes per user (or batch them) and retry.
    service(30008, "sns", "Write conflict from concurrent writes; use batch requests", AfterBackoff),
    service(30009, "sns", "The backend prohibits this user from sending friend requests", Never),
    service(30010, "sns", "Maximum number of friends reached", Never),
    service(30011, "sns", "Maximum number of friend lists reached", Never),
    service(30012, "sns", "Maximum number of pending friend requests reached", Never),
    service(30013, "sns", "Maximum number of blocklisted users reached", Never),
    service(30014, "sns", "The other party has reached the maximum number of friends", Never),
    service(30515, "sns", "Cannot add: the user is on your blocklist", Never),
    service(30516, "sns", "Cannot add: the user rejects all friend requests", Never),
    service(30525, "sns", "Cannot add: you are on the user's blocklist", Never),
    // Not a failure: the request was recorded and awaits approval. Resending changes nothing.
    service(30539, "sns", "Friend request pending: the user requires confirmation (AllowType_Type_NeedConfirm)", Never),
    // A frequency-based filter: slowing down is the documented remedy.
    service(30540, "sns", "Friend request filtered by the security policy; do not send requests too frequently", AfterBackoff),
    service(30614, "sns", "The pending friend request does not exist", Never),
    service(31704, "sns", "The account to delete is not a friend", Never),
    // As 30540.
    service(31707, "sns", "Friend deletion filtered by the security policy; do not delete too frequently", AfterBackoff),
    service(31804, "sns", "The requested account does not exist", Never),
    // Per-item ResultCode in the sns/group_add response sample (ResultInfo
    // Err_SNS_GroupAdd_ToTinyId_Not_Friend).
    service(32216, "sns", "The account is not a friend, so it cannot be put in a friend list", Never),

    // profile: user profiles.

    service(40001, "profile", "Incorrect request parameter; see the error description", Never),
    service(40002, "profile", "Request parameter error: To_Account (the account to pull) not specified", Never),
    service(40003, "profile", "The requested account does not exist", Never),
    service(40004, "profile", "App admin permission required", Never),
    // Listed on the Chinese portrait_set page only.
    service(40005, "profile", "Profile field contains sensitive words", Never),
    service(40006, "profile", "Internal server error; try again later", AfterBackoff),
    service(40007, "profile", "No permission to read the profile field", Never),
    service(40008, "profile", "No permission to write the profile field", Never),
    service(40009, "profile", "The profile field tag does not exist", Never),
    service(40601, "profile", "Profile field value exceeds 500 bytes", Never),
    service(40605, "profile", "Invalid value for a standard profile field", Never),
    service(40610, "profile", "Wrong value type for a standard profile field", Never),

    // im_open_login_svc: codes of other families that the account calls return, in their own words
    // (account_import, account_delete). Its own 70xxx codes are public.

    service(30006, "im_open_login_svc", "Internal server error while clearing relationship chain data; try again later", AfterBackoff),
    // A timeout; account_delete itself is idempotent, so callers may retry it.
    service(30007, "im_open_login_svc", "Internal server timeout while clearing relationship chain data; try again later", IfIdempotent),
    // As sns 30008.
    service(30008, "im_open_login_svc", "Write conflict while writing relationship chain data; use batch mode", AfterBackoff),
    service(40006, "im_open_login_svc", "Internal server error while setting or clearing profile data; try again later", AfterBackoff),

    // recentcontact: conversations, conversation marks and groups.

    service(50001, "recentcontact", "The requested UserID does not exist (not imported)", Never),
    service(50002, "recentcontact", "Incorrect request parameter; see the error description", Never),
    service(50003, "recentcontact", "App admin permission required", Never),
    service(50004, "recentcontact", "Internal server error; try again", AfterBackoff),
    // A timeout: the write may have happened.
    service(50005, "recentcontact", "Network timeout; try again later", IfIdempotent),
    service(51006, "recentcontact", "Conversation mark: the conversation list is empty or exceeds 100", Never),
    // Usually a disbanded group, which does not heal; the internal-error case is
    // indistinguishable, so do not retry automatically.
    service(51007, "recentcontact", "Failed to map GroupID to GroupCode: internal error or the group was disbanded", Never),
    service(51008, "recentcontact", "The conversation group exceeds 1,000 conversations", Never),
    service(51009, "recentcontact", "The conversation group to delete does not exist", Never),
    service(51010, "recentcontact", "More than 20 conversation groups", Never),
    service(51011, "recentcontact", "Conversation group name exceeds 32 bytes", Never),
    service(51012, "recentcontact", "Too many pinned conversations (at most 50)", Never),
    service(51013, "recentcontact", "Standard conversation marks and groups require the Ultimate edition", Never),

    // openim: one-to-one messages and online state (page "Message error codes" and the openim pages).

    service(20001, "openim", "Invalid request packet", Never),
    // The error-code page says invalid, the sendmsg/modify_c2c_msg/modify_group_msg pages say
    // expired; signing again and retrying once is bounded and cheap.
    service(20002, "openim", "UserSig or A2 invalid or expired", AfterRenewingUserSig),
    service(20003, "openim", "Sender or recipient UserID invalid or not imported", Never),
    // Outcome unknown. sendmsg retries are deduplicated when MsgSeq, MsgRandom and the body are
    // reused within 120 s.
    service(20004, "openim", "Network exception; try again", IfIdempotent),
    service(20005, "openim", "Internal server error; try again", AfterBackoff),
    service(20006, "openim", "Blocked by the app backend's before-send webhook", Never),
    service(20007, "openim", "The sender is on the recipient's blocklist", Never),
    service(20008, "openim", "Sender and recipient SDKAppIDs differ", Never),
    service(20009, "openim", "Sender and recipient are not friends (friend check enabled)", Never),
    service(20010, "openim", "The sender is not the recipient's friend (one-way relationship)", Never),
    service(20011, "openim", "The recipient is not the sender's friend (one-way relationship)", Never),
    service(20012, "openim", "The sender is muted", Never),
    service(20016, "openim", "Recall time limit exceeded (2 minutes by default)", Never),
    service(20018, "openim", "Internal error while deleting roaming messages", AfterBackoff),
    service(20022, "openim", "The message to recall does not exist", Never),
    service(20023, "openim", "The message has already been recalled", Never),
    // The page says try again.
    service(20028, "openim", "Conflict from concurrent message modification; try again", AfterBackoff),
    service(21005, "openim", "Set-token request arrived before the login request; log in first", Never),
    service(22001, "openim", "No offline push certificate uploaded", Never),
    // As 20004.
    service(22002, "openim", "Network exception; try again", IfIdempotent),
    service(22003, "openim", "The uploaded token is empty", Never),
    service(22004, "openim", "The uploaded token exceeds 256 bytes", Never),
    service(22005, "openim", "Login request data exceeds 1024 bytes", Never),
    service(22006, "openim", "Request frequency limit exceeded", AfterBackoff),
    service(90001, "openim", "JSON parse failure; check that the request body is valid JSON", Never),
    service(90002, "openim", "MsgBody is not in message format or not an array", Never),
    service(90003, "openim", "To_Account missing, not a string, or does not exist", Never),
    service(90004, "openim", "Invalid MsgSeq field", Never),
    service(90005, "openim", "MsgRandom missing or not an integer", Never),
    service(90006, "openim", "MsgTimeStamp missing or not an integer", Never),
    service(90007, "openim", "MsgBody is not an array", Never),
    service(90008, "openim", "From_Account missing or does not exist", Never),
    service(90009, "openim", "App admin permission required", Never),
    service(90010, "openim", "The request does not follow the message format", Never),
    service(90011, "openim", "More than 500 target accounts in one request", Never),
    service(90012, "openim", "To_Account not imported or does not exist", Never),
    service(90026, "openim", "Invalid offline storage period (MsgLifeTime); at most 7 days", Never),
    service(90031, "openim", "SyncOtherMachine is not an integer", Never),
    service(90043, "openim", "OfflinePushInfo does not follow the documented format", Never),
    service(90044, "openim", "MsgLifeTime is not an integer", Never),
    service(90048, "openim", "The requested account does not exist", Never),
    service(90054, "openim", "Invalid MsgKey in the recall request", Never),
    service(90055, "openim", "Batch message packet too long (at most 8 KB)", Never),
    service(90992, "openim", "Internal service error; try again (if every request fails with webhooks on, check the app server answers them)", AfterBackoff),
    service(90994, "openim", "Internal service error; try again", AfterBackoff),
    service(90995, "openim", "Internal service error; try again", AfterBackoff),
    service(91000, "openim", "Internal service error; try again", AfterBackoff),
    service(91101, "openim", "Web instance logged out: too many concurrent web instances", Never),
    service(93000, "openim", "JSON packet too long (12 KB per the message pages; the error-code page says 8 KB)", Never),
    // Unlike the account calls, a batch send is not idempotent: retry only when reusing
    // MsgSeq/MsgRandom for dedup.
    endpoint(70169, "openim/batchsendmsg", "Server timeout; some messages may already have been delivered", IfIdempotent),
    // The error-code page gives 90030 to push attributes; the importmsg page gives it this
    // meaning.
    endpoint(90030, "openim/importmsg", "SyncFromOldSystem missing or not an integer", Never),
    // A timeout (a read, so always safe to retry).
    endpoint(90992, "openim/query_online_status", "Backend service timed out; try again", IfIdempotent),
    // As query_online_status.
    endpoint(90992, "openim/querystate", "Backend service timed out; try again", IfIdempotent),

    // all_member_push: push to all users, attributes and tags. Its codes shared with openim (90001,
    // 90002, 90009, 91000, ...) are found through the family fallback.

    service(90018, "all_member_push", "Too many accounts in the request", Never),
    // From the im_push page; the error-code page uses 90034 for this.
    service(90020, "all_member_push", "Tag exceeds 50 bytes", Never),
    service(90022, "all_member_push", "TagsOr and TagsAnd in the push conditions contain repeated tags", Never),
    service(90024, "all_member_push", "Pushes too frequent; keep more than 1 s between pushes", AfterBackoff),
    service(90030, "all_member_push", "Attribute length is 0 or exceeds 50 bytes", Never),
    service(90032, "all_member_push", "More than 10 tags in the push conditions or in a tag-adding request", Never),
    service(90033, "all_member_push", "Invalid attribute", Never),
    service(90034, "all_member_push", "Tag exceeds 50 bytes", Never),
    service(90039, "all_member_push", "Push by attribute and push by tag are mutually exclusive", Never),
    service(90040, "all_member_push", "A tag in the push conditions is null", Never),
    service(90045, "all_member_push", "All-member push is not enabled", Never),
    // A daily quota: an exponential backoff measured in seconds cannot clear it.
    service(90047, "all_member_push", "Daily push quota exceeded (default 100)", Never),

    // group_open_http_svc: the group family (page "Group error codes" and the group pages). The other
    // group services, message extensions and chatbots fall back to it.

    // Group sends are deduplicated on the same Random and content within 5 minutes, so a retry
    // does not double-post.
    service(10002, "group_open_http_svc", "Internal server error; try again", AfterBackoff),
    service(10003, "group_open_http_svc", "Invalid request command word (API name)", Never),
    service(10004, "group_open_http_svc", "Invalid parameter; see the error description", Never),
    service(10005, "group_open_http_svc", "Too many accounts in the request packet", Never),
    service(10006, "group_open_http_svc", "Operation frequency limit exceeded; reduce the call rate", AfterBackoff),
    service(10007, "group_open_http_svc", "Insufficient operation permission", Never),
    // Not a rate limit despite its neighbours: the create_group/topic pages tie it to signature
    // verification, the message-extension pages to the edition; neither heals by waiting.
    service(10008, "group_open_http_svc", "Invalid request, e.g. request signature verification failed", Never),
    service(10009, "group_open_http_svc", "The group owner cannot leave the group", Never),
    service(10010, "group_open_http_svc", "The group does not exist or has been disbanded", Never),
    service(10011, "group_open_http_svc", "JSON packet parse failure", Never),
    service(10012, "group_open_http_svc", "Invalid UserID of the operator", Never),
    service(10013, "group_open_http_svc", "The user is already a group member", Never),
    service(10014, "group_open_http_svc", "The group is full; the requested users cannot be added", Never),
    service(10015, "group_open_http_svc", "Invalid group ID (the group does not exist or was disbanded)", Never),
    service(10016, "group_open_http_svc", "Rejected by the app backend's webhook", Never),
    service(10017, "group_open_http_svc", "The sender is muted", Never),
    service(10018, "group_open_http_svc", "Response exceeds 1 MB; request less data per call or page through it", Never),
    service(10019, "group_open_http_svc", "The requested UserID does not exist", Never),
    // From the import_group_msg page.
    service(10020, "group_open_http_svc", "Message content too long (at most 12 KB)", Never),
    service(10021, "group_open_http_svc", "Group ID already in use; choose another", Never),
    service(10023, "group_open_http_svc", "Message send frequency limit reached; try again later", AfterBackoff),
    service(10024, "group_open_http_svc", "The invitation or request has already been processed", Never),
    service(10025, "group_open_http_svc", "Group ID already used by the operator; disband that group or choose another ID", Never),
    service(10026, "group_open_http_svc", "The command word is disabled for this SDKAppID; contact support", Never),
    service(10030, "group_open_http_svc", "The message to recall does not exist", Never),
    service(10031, "group_open_http_svc", "Recall time limit exceeded (2 minutes by default)", Never),
    service(10032, "group_open_http_svc", "The message cannot be recalled", Never),
    service(10033, "group_open_http_svc", "This group type does not support message recall", Never),
    service(10034, "group_open_http_svc", "This message type cannot be deleted", Never),
    service(10035, "group_open_http_svc", "Audio-video and broadcast chat rooms do not support message deletion", Never),
    service(10036, "group_open_http_svc", "Audio-video chat room (AVChatRoom) quota exceeded; buy a package", Never),
    service(10037, "group_open_http_svc", "The user has created or joined too many groups", Never),
    service(10038, "group_open_http_svc", "Group member limit exceeded", Never),
    service(10041, "group_open_http_svc", "The app is configured to disallow group message recall", Never),
    service(10044, "group_open_http_svc", "This group type (e.g. AVChatRoom) does not support roaming messages", Never),
    service(10045, "group_open_http_svc", "Custom attribute key exceeds 32 bytes", Never),
    service(10046, "group_open_http_svc", "Custom attribute value exceeds 4,000 bytes", Never),
    service(10047, "group_open_http_svc", "More than 16 custom attribute keys", Never),
    service(10048, "group_open_http_svc", "Custom attribute values exceed 16,000 bytes in total", Never),
    service(10049, "group_open_http_svc", "Custom attribute write frequency limit reached (5 per second)", AfterBackoff),
    service(10050, "group_open_http_svc", "The custom attribute to delete does not exist", Never),
    service(10051, "group_open_http_svc", "Message deletion exceeds the maximum scope", Never),
    service(10052, "group_open_http_svc", "No messages in the group to delete", Never),
    service(10053, "group_open_http_svc", "More than 30 @ targets in a group message", Never),
    service(10054, "group_open_http_svc", "Too many group members; pull them by page", Never),
    // The request must change (re-read first); resending it as is conflicts again.
    service(10056, "group_open_http_svc", "Custom attribute write conflict; fetch the latest attributes before writing", Never),
    service(10058, "group_open_http_svc", "Free Edition quota of 100 groups exceeded; buy a package", Never),
    service(10059, "group_open_http_svc", "This feature requires the Ultimate edition", Never),
    service(10060, "group_open_http_svc", "The group has too many members for read receipts", Never),
    service(10061, "group_open_http_svc", "Online messages do not support read receipts", Never),
    service(10062, "group_open_http_svc", "The read receipt does not exist", Never),
    service(10063, "group_open_http_svc", "Group counter keys exceed the limit of 20", Never),
    service(11000, "group_open_http_svc", "The community (topic) feature is not enabled for this group", Never),
    endpoint(10005, "group_open_http_svc/add_group_member", "More than 300 member accounts in the request", Never),
    endpoint(10005, "group_open_http_svc/create_group", "More than 100 members in MemberList", Never),
    // Issue 12. "Internal server error. Try again." may come after the group was created: a blind
    // repeat of a create without a custom GroupId can create a second group, so it is retried only
    // when the request is retry-safe (a custom GroupId, whose repeat is refused with 10021/10025).
    endpoint(10002, "group_open_http_svc/create_group", "Internal server error; the group may have been created (retried only with a custom GroupId)", IfIdempotent),
    endpoint(10002, "group_open_http_svc/import_group", "Internal server error; the group may have been imported (retried only with a custom GroupId)", IfIdempotent),
    // Issue 12. The create_group page: "usually caused by too much net group increase in a single
    // day": a daily quota, which a backoff of seconds cannot clear.
    endpoint(10006, "group_open_http_svc/create_group", "Too many net new groups today (daily quota) or calls too frequent; not retried: waiting seconds cannot clear a daily quota", Never),
    endpoint(10005, "group_open_http_svc/ban_group_member", "More than 20 members in one request", Never),
    endpoint(10005, "group_open_http_svc/unban_group_member", "More than 20 members in one request", Never),
    // The page's text is the family's 10011 text, probably a documentation slip; kept because the
    // pages are authoritative.
    endpoint(10015, "group_open_http_svc/get_role_in_group", "JSON packet parse failure (per this page; elsewhere 10015 is an invalid group ID)", Never),
    endpoint(80002, "group_open_http_svc/send_group_msg", "Message content too long (at most 12 KB)", Never),
    endpoint(10021, "group_open_http_svc/import_topic", "Topic ID already in use; choose another", Never),
    endpoint(10037, "group_open_http_svc/import_topic", "Too many prepaid topics created", Never),
    // The check failed (nothing was imported), so resending after a pause is safe.
    endpoint(80005, "group_open_http_svc/import_topic", "Content security check timed out", AfterBackoff),

    // Other services of the group family, with codes or meanings of their own.

    service(10001, "group_open_avchatroom_http_svc", "Not logged in; check the admin account and UserSig", Never),
    service(10010, "million_group_open_http_svc", "The group or topic does not exist or has been deleted", Never),
    service(10037, "million_group_open_http_svc", "Too many prepaid topics created", Never),
    service(110002, "million_group_open_http_svc", "Topic deletion failed; see the error message", Never),
    service(110003, "million_group_open_http_svc", "The topic has already been deleted", Never),
    service(10008, "openim_msg_ext_http_svc", "Invalid request: the app is not on the Ultimate edition", Never),
    // The request must carry the new Seq: re-read with get_key_values before writing again.
    service(23001, "openim_msg_ext_http_svc", "Seq conflict: the key-values were modified by someone else; fetch the latest Seq first", Never),
    service(23002, "openim_msg_ext_http_svc", "The message does not support extensions", Never),
    service(23003, "openim_msg_ext_http_svc", "Too many key-value writes (more than 200 per minute per message)", AfterBackoff),
    service(23004, "openim_msg_ext_http_svc", "The message does not exist", Never),
    // From the catalog (SDK models); the doc snapshot has no chatbot pages.
    service(10008, "openim_robot_http_svc", "Illegal request: admin permission required or the bot limit is reached", Never),

    // openconfigsvr: global mute and app operations data.

    service(130001, "openconfigsvr", "Request JSON parse failure", Never),
    service(130002, "openconfigsvr", "Get_Account missing from the request", Never),
    service(130003, "openconfigsvr", "Get_Account is invalid", Never),
    service(130004, "openconfigsvr", "Set_Account missing from the request", Never),
    service(130005, "openconfigsvr", "Set_Account is invalid", Never),
    service(130008, "openconfigsvr", "Neither GroupmsgNospeakingTime nor C2CmsgNospeakingTime is given", Never),
    // Backend database errors: transient.
    service(130009, "openconfigsvr", "SQL open error", AfterBackoff),
    service(130010, "openconfigsvr", "SQL ping error", AfterBackoff),
    service(130011, "openconfigsvr", "SQL query error", AfterBackoff),
    service(130012, "openconfigsvr", "SQL result parsing error", AfterBackoff),
    service(130014, "openconfigsvr", "System error; try again", AfterBackoff),

    // open_msg_svc: message history download (page "Operations data error codes").

    service(1001, "open_msg_svc", "Invalid request; check the request URL", Never),
    service(1002, "open_msg_svc", "Invalid parameter; check the admin account, required fields and values", Never),
    service(1003, "open_msg_svc", "System error", AfterBackoff),
    // Export files appear on an hourly schedule; ask again later rather than backing off in a
    // loop.
    service(1004, "open_msg_svc", "The file is not generated yet, or no messages in the requested period", Never),
    service(1005, "open_msg_svc", "The file has expired", Never),
];

/// Codes whose page asks for a pause before the call is repeated (see [`super::RetryWait`]).
/// A client never repeats these within seconds: it waits at least `wait`, or returns the error
/// at once when the caller's deadline does not leave that long.
pub(super) static WAITS: &[RetryWait] = &[
    // page.error_codes.md, account table: "try again in one minute".
    RetryWait {
        code: 70050,
        scope: Scope::Public,
        wait: Duration::from_secs(60),
        advice: "the service asks to try again in one minute",
    },
    // page.error_codes.md and sns.friend_add.md (EN and CN): "Do not initiate friend requests
    // too frequently" / "请勿频繁发起添加好友请求". No figure is documented; 60 s is our choice
    // (docs/SPEC-NOTES.md, "Retry waits").
    RetryWait {
        code: 30540,
        scope: Scope::Service("sns"),
        wait: Duration::from_secs(60),
        advice: "the service asks not to send friend requests frequently (wait at least a minute)",
    },
    // page.error_codes.md and sns.friend_delete.md (EN and CN): "Do not initiate friend deletion
    // requests too frequently". As 30540.
    RetryWait {
        code: 31707,
        scope: Scope::Service("sns"),
        wait: Duration::from_secs(60),
        advice: "the service asks not to delete friends frequently (wait at least a minute)",
    },
    // modify/set/clear_group_attr pages: "You can add, delete, or modify them for up to 5
    // times per second": the next second is the first time a repeat is sure to be let in.
    RetryWait {
        code: 10049,
        scope: Scope::Service("group_open_http_svc"),
        wait: Duration::from_secs(1),
        advice: "a group's custom attributes take at most 5 writes a second",
    },
];

/// The "already done" answers: the codes with which an endpoint answers the repeat of a call
/// that already took effect (see [`super::already_done`]). Keyed by wire path without `v4/`.
pub(super) static ALREADY_DONE: &[(&str, &[i64])] = &[
    // sns.group_add.md lists 30001 as its only request error; the page does not say what a
    // list the account already has gets, so the emulator refuses it with 30001 (see
    // handlers/friend_list.rs) and a repeat after a lost answer reads that as done.
    ("sns/group_add", &[30001]),
    // sns.group_delete.md: deleting a list the account does not have (any more) is 30001.
    ("sns/group_delete", &[30001]),
    // group_open_http_svc.destroy_group.md: 10010 "the group does not exist or has been
    // disbanded".
    ("group_open_http_svc/destroy_group", &[10010]),
    // delete_group_attr (https://www.tencentcloud.com/document/product/1047/59499): 10050 "the
    // custom attribute to delete does not exist"; the emulator refuses the whole request when
    // a key is missing, so the repeat of a delete that took effect answers 10050.
    ("group_open_http_svc/delete_group_attr", &[10050]),
    // group_open_http_svc.create_group.md / import_group.md: "10025: You have already used
    // this group ID" (the service's "used by the operator"; the emulator answers it to a
    // repeat with the same owner). Only a request with a custom GroupId is repeated at all
    // (`is_retry_safe`), and the answer stands for the lost one with that GroupId (see
    // `ECHOED`). 10021 ("already been used by another user") stays an error.
    ("group_open_http_svc/create_group", &[10025]),
    ("group_open_http_svc/import_group", &[10025]),
];

/// The request fields an "already done" answer repeats, by wire path: what the lost answer
/// carried that the request already says (the created group's ID is the custom ID asked for).
pub(super) static ECHOED: &[(&str, &[&str])] = &[
    ("group_open_http_svc/create_group", &["GroupId"]),
    ("group_open_http_svc/import_group", &["GroupId"]),
];
