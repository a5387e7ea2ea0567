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

#define FRIENDS 250

/* Calls `wire_path` with `body`; returns the response (free with chatadmin_string_free) or
 * NULL after reporting the error. */
static char *call(chatadmin_client *client, const char *wire_path, const char *body) {
    char *out = NULL;
    chatadmin_error *err = NULL;
    if (chatadmin_client_call(client, wire_path, body, &out, &err) != CHATADMIN_OK) {
        fprintf(stderr, "%s failed: %s\n", wire_path, chatadmin_error_message(err));
        chatadmin_error_free(err);
        test_failures++;
        return NULL;
    }
    return out;
}

/* Calls and checks that the response contains `needle` (NULL: only that the call succeeded). */
static void call_expect(chatadmin_client *client, const char *wire_path, const char *body,
                        const char *needle) {
    char *out = call(client, wire_path, body);
    if (out != NULL && needle != NULL) {
        CHECK_CONTAINS(out, needle);
    }
    chatadmin_string_free(out);
}

/* Walks every page of a paged read: calls, counts `item_key` occurrences, asks the library for
 * the next request until it says there is none. Returns the number of items and of pages. */
static size_t walk(chatadmin_client *client, const char *wire_path, const char *first,
                   const char *item_key, size_t *pages) {
    const char *req = first;
    char *owned = NULL; /* the library's request for the current page, after the first */
    size_t items = 0;
    *pages = 0;
    while (req != NULL) {
        char *resp = call(client, wire_path, req);
        char *next = NULL;
        chatadmin_error *err = NULL;
        if (resp == NULL) break;
        (*pages)++;
        items += count_occurrences(resp, item_key);
        if (chatadmin_next_page(wire_path, req, resp, &next, &err) != CHATADMIN_OK) {
            fprintf(stderr, "next_page: %s\n", chatadmin_error_message(err));
            chatadmin_error_free(err);
            test_failures++;
            next = NULL;
        }
        chatadmin_string_free(resp);
        chatadmin_string_free(owned);
        owned = next;
        req = next;
        if (*pages > 100) {
            fprintf(stderr, "%s: more than 100 pages, stopping\n", wire_path);
            test_failures++;
            break;
        }
    }
    chatadmin_string_free(owned);
    return items;
}

static chatadmin_client *make_client(void) {
    chatadmin_client_builder *b =
        chatadmin_client_builder_new(strtoull(test_env("CHATADMIN_TEST_SDKAPPID"), NULL, 10));
    chatadmin_client *client = NULL;
    chatadmin_error *err = NULL;
    CHECK(b != NULL);
    CHECK(chatadmin_client_builder_secret_key(b, test_env("CHATADMIN_TEST_KEY"), &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_base_url(b, test_env("CHATADMIN_TEST_BASE_URL"), &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_rate_limit(b, CHATADMIN_RATE_LIMIT_OFF, 0, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_OK);
    if (err != NULL) {
        fprintf(stderr, "building the client: %s\n", chatadmin_error_message(err));
        chatadmin_error_free(err);
    }
    chatadmin_client_builder_free(b);
    return client;
}

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
