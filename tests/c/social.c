/*
 * A social-graph scenario through the C API only (generic call + chatadmin_next_page), against
 * the emulator: import accounts (250 of them split by the library into calls of at most 100),
 * let one accept friends, add friends both ways, check, delete one way, check again, import 250
 * friends and walk every page of friend_get, blocklist friends and see the friendship end, walk
 * the blocklist, then profiles, kick and online status.
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

#define FRIENDS 250

/* {"From_Account":"s_alice","AddFriendItem":[{"To_Account":"s_f000"},...]} for n friends. */
static char *import_body(size_t n) {
    size_t cap = 64 + n * 64, len;
    char *body = (char *)malloc(cap);
    size_t i;
    if (body == NULL) return NULL;
    len = (size_t)snprintf(body, cap, "{\"From_Account\":\"s_alice\",\"AddFriendItem\":[");
    for (i = 0; i < n; i++) {
        len += (size_t)snprintf(body + len, cap - len, "%s{\"To_Account\":\"s_f%03zu\",\"AddSource\":\"AddSource_Type_C\"}", i ? "," : "", i);
    }
    snprintf(body + len, cap - len, "]}");
    return body;
}

/* {"AccountList":[{"UserID":"s_f000"},...]} for n accounts. */
static char *accounts_body(size_t n) {
    size_t cap = 32 + n * 24, len;
    char *body = (char *)malloc(cap);
    size_t i;
    if (body == NULL) return NULL;
    len = (size_t)snprintf(body, cap, "{\"AccountList\":[");
    for (i = 0; i < n; i++) {
        len += (size_t)snprintf(body + len, cap - len, "%s{\"UserID\":\"s_f%03zu\"}", i ? "," : "", i);
    }
    snprintf(body + len, cap - len, "]}");
    return body;
}

static void scenario(chatadmin_client *client) {
    char *body;
    size_t pages = 0, items;

    CHECK(emu_reset());
    call_expect(client, "im_open_login_svc/multiaccount_import",
                "{\"Accounts\":[\"s_alice\",\"s_bob\",\"s_carol\"]}", "\"FailAccounts\":[]");
    /* 250 accounts: the library splits the list into calls of at most 100. */
    body = accounts_body(FRIENDS);
    call_expect(client, "im_open_login_svc/multiaccount_import", body, "\"ErrorCode\":0");
    free(body);
    CHECK(emu_hits("im_open_login_svc/multiaccount_import") == 1 + 3);

    /* Bob accepts anyone; carol keeps the default (confirmation needed). */
    call_expect(client, "profile/portrait_set",
                "{\"From_Account\":\"s_bob\",\"ProfileItem\":[{\"Tag\":\"Tag_Profile_IM_AllowType\","
                "\"Value\":\"AllowType_Type_AllowAny\"}]}",
                "\"ErrorCode\":0");
    call_expect(client, "sns/friend_add",
                "{\"From_Account\":\"s_alice\",\"AddFriendItem\":[{\"To_Account\":\"s_bob\","
                "\"AddSource\":\"AddSource_Type_Game\"}],\"AddType\":\"Add_Type_Both\"}",
                "\"ResultCode\":0");
    call_expect(client, "sns/friend_add",
                "{\"From_Account\":\"s_alice\",\"AddFriendItem\":[{\"To_Account\":\"s_carol\","
                "\"AddSource\":\"AddSource_Type_Game\"}]}",
                "\"ResultCode\":30539");
    call_expect(client, "sns/friend_check",
                "{\"From_Account\":\"s_alice\",\"To_Account\":[\"s_bob\",\"s_carol\"],"
                "\"CheckType\":\"CheckResult_Type_Both\"}",
                "\"Relation\":\"CheckResult_Type_BothWay\"");

    /* Delete one way: bob still has alice. */
    call_expect(client, "sns/friend_delete",
                "{\"From_Account\":\"s_alice\",\"To_Account\":[\"s_bob\"]}", "\"ResultCode\":0");
    call_expect(client, "sns/friend_check",
                "{\"From_Account\":\"s_alice\",\"To_Account\":[\"s_bob\"],"
                "\"CheckType\":\"CheckResult_Type_Both\"}",
                "\"Relation\":\"CheckResult_Type_BWithA\"");

    /* 250 friends imported in one call (friend_import takes up to 1,000), then every page of
     * friend_get through chatadmin_next_page. */
    body = import_body(FRIENDS);
    call_expect(client, "sns/friend_import", body, "\"ErrorCode\":0");
    free(body);
    items = walk(client, "sns/friend_get", "{\"From_Account\":\"s_alice\",\"StartIndex\":0}",
                 "\"To_Account\"", &pages);
    CHECK(items == FRIENDS);
    CHECK(pages >= 2);
    CHECK(emu_hits("sns/friend_get") == (long)pages);

    /* Blocking a friend ends the friendship (both ways). */
    call_expect(client, "sns/black_list_add",
                "{\"From_Account\":\"s_alice\",\"To_Account\":[\"s_f000\",\"s_f001\",\"s_f002\"]}",
                "\"ResultCode\":0");
    call_expect(client, "sns/friend_check",
                "{\"From_Account\":\"s_alice\",\"To_Account\":[\"s_f000\"],"
                "\"CheckType\":\"CheckResult_Type_Both\"}",
                "\"Relation\":\"CheckResult_Type_NoRelation\"");
    call_expect(client, "sns/black_list_check",
                "{\"From_Account\":\"s_alice\",\"To_Account\":[\"s_f000\"],"
                "\"CheckType\":\"BlackCheckResult_Type_Both\"}",
                "\"Relation\":\"BlackCheckResult_Type_AWithB\"");
    items = walk(client, "sns/black_list_get",
                 "{\"From_Account\":\"s_alice\",\"StartIndex\":0,\"MaxLimited\":2,\"LastSequence\":0}",
                 "\"To_Account\"", &pages);
    CHECK(items == 3);
    CHECK(pages == 2);

    /* Profiles, kick, online status. */
    call_expect(client, "profile/portrait_get",
                "{\"To_Account\":[\"s_bob\"],\"TagList\":[\"Tag_Profile_IM_AllowType\"]}",
                "\"Value\":\"AllowType_Type_AllowAny\"");
    call_expect(client, "im_open_login_svc/kick", "{\"UserID\":\"s_bob\"}", "\"ErrorCode\":0");
    call_expect(client, "openim/query_online_status", "{\"To_Account\":[\"s_bob\"]}",
                "\"Offline\"");
}

int main(void) {
    chatadmin_client *client = make_client();
    CHECK(client != NULL);
    if (client != NULL) {
        scenario(client);
    }
    chatadmin_client_free(client);
    return test_finish("social");
}
