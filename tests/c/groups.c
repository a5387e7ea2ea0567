/*
 * A group-member scenario through the C API only (generic call + chatadmin_next_page), against
 * the emulator: import accounts, create a Public group, add 400 members in one call (the
 * library splits it into calls of at most 300 and merges the per-member results), walk every
 * page of get_group_member_info by Offset with chatadmin_next_page, promote an admin, mute a
 * member and see the mute listed and then expired on the emulated clock, delete members, and
 * free everything (valgrind: no errors, no leaks).
 *
 * Run by bindings/c/tests/c_programs.rs (natively and under valgrind), or by hand with the
 * environment of testlib.h.
 */
#include <chatadmin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "calls.h"

#define MEMBERS 400
#define GROUP "c_members"
#define MEMBERS_PATH "group_open_http_svc/get_group_member_info"

/* {"Accounts":["g_m000",...]} for n accounts. */
static char *accounts_body(size_t n) {
    size_t cap = 32 + n * 16, len;
    char *body = (char *)malloc(cap);
    size_t i;
    if (body == NULL) return NULL;
    len = (size_t)snprintf(body, cap, "{\"Accounts\":[\"g_owner\"");
    for (i = 0; i < n; i++) {
        len += (size_t)snprintf(body + len, cap - len, ",\"g_m%03zu\"", i);
    }
    snprintf(body + len, cap - len, "]}");
    return body;
}

/* {"GroupId":"c_members","MemberList":[{"Member_Account":"g_m000"},...]} for n members. */
static char *add_body(size_t n) {
    size_t cap = 64 + n * 32, len;
    char *body = (char *)malloc(cap);
    size_t i;
    if (body == NULL) return NULL;
    len = (size_t)snprintf(body, cap, "{\"GroupId\":\"" GROUP "\",\"Silence\":1,\"MemberList\":[");
    for (i = 0; i < n; i++) {
        len += (size_t)snprintf(body + len, cap - len, "%s{\"Member_Account\":\"g_m%03zu\"}", i ? "," : "", i);
    }
    snprintf(body + len, cap - len, "]}");
    return body;
}

static void scenario(chatadmin_client *client) {
    char *body, *out;
    size_t pages = 0, items;

    CHECK(emu_reset());
    /* 401 accounts: the library splits the import into calls of at most 100. */
    body = accounts_body(MEMBERS);
    call_expect(client, "im_open_login_svc/multiaccount_import", body, "\"ErrorCode\":0");
    free(body);
    call_expect(client, "group_open_http_svc/create_group",
                "{\"Owner_Account\":\"g_owner\",\"Type\":\"Public\",\"Name\":\"C members\","
                "\"GroupId\":\"" GROUP "\"}",
                "\"GroupId\":\"" GROUP "\"");

    /* 400 members in one call: two calls (300 + 100), one merged result per member. */
    body = add_body(MEMBERS);
    out = call(client, "group_open_http_svc/add_group_member", body);
    free(body);
    if (out != NULL) {
        CHECK(count_occurrences(out, "\"Result\":1") == MEMBERS);
        CHECK_CONTAINS(out, "\"Member_Account\":\"g_m399\"");
    }
    chatadmin_string_free(out);
    CHECK(emu_hits("group_open_http_svc/add_group_member") == 2);
    /* Adding one again reports "already in the group". */
    call_expect(client, "group_open_http_svc/add_group_member",
                "{\"GroupId\":\"" GROUP "\",\"MemberList\":[{\"Member_Account\":\"g_m000\"}]}",
                "\"Result\":2");

    /* Every member (owner + 400), 150 a page by Offset, through chatadmin_next_page. */
    items = walk(client, MEMBERS_PATH, "{\"GroupId\":\"" GROUP "\",\"Limit\":150,\"Offset\":0}", "\"Member_Account\"", &pages);
    CHECK(items == MEMBERS + 1);
    CHECK(pages == 3);
    CHECK(emu_hits("group_open_http_svc/get_group_member_info") == (long)pages);
    /* Past the documented 200 per page: refused by the library before sending. */
    call_fails(client, "group_open_http_svc/get_group_member_info",
               "{\"GroupId\":\"" GROUP "\",\"Limit\":201}", CHATADMIN_VALIDATION, 0);
    CHECK(emu_hits("group_open_http_svc/get_group_member_info") == (long)pages);

    /* Promote an admin; the role filter finds owner and admin. */
    call_expect(client, "group_open_http_svc/modify_group_member_info",
                "{\"GroupId\":\"" GROUP "\",\"Member_Account\":\"g_m007\",\"Role\":\"Admin\"}",
                "\"ErrorCode\":0");
    out = call(client, "group_open_http_svc/get_group_member_info",
               "{\"GroupId\":\"" GROUP "\",\"MemberRoleFilter\":[\"Owner\",\"Admin\"]}");
    if (out != NULL) {
        CHECK(count_occurrences(out, "\"Member_Account\"") == 2);
        CHECK_CONTAINS(out, "\"g_m007\"");
        CHECK_CONTAINS(out, "\"MemberNum\":401");
    }
    chatadmin_string_free(out);

    /* Mute one member for 60 s: listed now, gone after the emulated clock moves 61 s. */
    call_expect(client, "group_open_http_svc/forbid_send_msg",
                "{\"GroupId\":\"" GROUP "\",\"Members_Account\":[\"g_m003\"],\"ShutUpTime\":60}",
                "\"ErrorCode\":0");
    call_expect(client, "group_open_http_svc/get_group_muted_account",
                "{\"GroupId\":\"" GROUP "\"}", "\"Member_Account\":\"g_m003\"");
    out = emu_http("POST", "/__emulator/clock", "{\"advance\":61}");
    CHECK(out != NULL);
    free(out);
    out = call(client, "group_open_http_svc/get_group_muted_account", "{\"GroupId\":\"" GROUP "\"}");
    if (out != NULL) {
        CHECK(count_occurrences(out, "g_m003") == 0);
    }
    chatadmin_string_free(out);

    /* Delete two members; the next walk sees 399. */
    call_expect(client, "group_open_http_svc/delete_group_member",
                "{\"GroupId\":\"" GROUP "\",\"MemberToDel_Account\":[\"g_m001\",\"g_m002\"]}",
                "\"ErrorCode\":0");
    items = walk(client, MEMBERS_PATH, "{\"GroupId\":\"" GROUP "\",\"Limit\":200,\"Offset\":0}", "\"Member_Account\"", &pages);
    CHECK(items == MEMBERS + 1 - 2);
    CHECK(pages == 2);
    /* An AVChatRoom keeps no member list: 10007. */
    call_expect(client, "group_open_http_svc/create_group",
                "{\"Owner_Account\":\"g_owner\",\"Type\":\"AVChatRoom\",\"Name\":\"live\","
                "\"GroupId\":\"c_live\"}",
                "\"ErrorCode\":0");
    call_fails(client, "group_open_http_svc/add_group_member",
               "{\"GroupId\":\"c_live\",\"MemberList\":[{\"Member_Account\":\"g_m000\"}]}",
               CHATADMIN_API, 10007);
}

int main(void) {
    chatadmin_client *client = make_client();
    CHECK(client != NULL);
    if (client != NULL) {
        scenario(client);
    }
    chatadmin_client_free(client);
    return test_finish("groups");
}
