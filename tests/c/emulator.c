/*
 * The emulator inside the program's own process, through the C API only: start it, point a
 * client at its URL, make calls, inject faults and count hits with chatadmin_emulator_control,
 * log a user in, share it between threads, and free everything. Unlike the other programs it
 * needs no environment and no emulator process.
 */
#include "chatadmin.h"
#include "testlib.h"

#include <pthread.h>
#include <stdint.h>

#define SDKAPPID 1400000000ULL
#define KEY "c-in-process-emulator-key-0123456789abcdef"

static char SENTINEL_BYTE;
#define SENTINEL (&SENTINEL_BYTE)

/* A control request that must succeed; returns the answer (free it) or NULL. */
static char *control(const chatadmin_emulator *emu, const char *request) {
    char *answer = NULL;
    chatadmin_error *err = NULL;
    if (chatadmin_emulator_control(emu, request, &answer, &err) != CHATADMIN_OK) {
        fprintf(stderr, "control %s failed: %s\n", request, chatadmin_error_message(err));
        chatadmin_error_free(err);
        test_failures++;
        return NULL;
    }
    return answer;
}

/* A control request that must fail with `status`; returns the error (free it). */
static chatadmin_error *control_fails(const chatadmin_emulator *emu, const char *request,
                                      chatadmin_status status) {
    char *answer = SENTINEL;
    chatadmin_error *err = NULL;
    CHECK(chatadmin_emulator_control(emu, request, &answer, &err) == status);
    CHECK(answer == SENTINEL); /* outputs only on success */
    CHECK(err != NULL && chatadmin_error_kind(err) == status);
    return err;
}

static void check_control(const chatadmin_emulator *emu, const char *request,
                          const char *expected) {
    char *answer = control(emu, request);
    CHECK_CONTAINS(answer, expected);
    chatadmin_string_free(answer);
}

/* A client of the emulator without retries, so that hit counts are exact. */
static chatadmin_client *client_for(const chatadmin_emulator *emu) {
    chatadmin_client_builder *b = chatadmin_client_builder_new(SDKAPPID);
    chatadmin_client *client = NULL;
    CHECK(chatadmin_client_builder_secret_key(b, KEY, NULL) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_base_url(b, chatadmin_emulator_url(emu), NULL) ==
          CHATADMIN_OK);
    CHECK(chatadmin_client_builder_retry_policy(b, 1, 10, 10, 2.0, false, NULL) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_rate_limit(b, CHATADMIN_RATE_LIMIT_OFF, 0, NULL) ==
          CHATADMIN_OK);
    CHECK(chatadmin_client_builder_build(b, &client, NULL) == CHATADMIN_OK);
    chatadmin_client_builder_free(b);
    return client;
}

static chatadmin_status call(chatadmin_client *client, const char *path, const char *body,
                             char **resp, chatadmin_error **err) {
    return chatadmin_client_call(client, path, body, resp, err);
}

static void test_start_arguments(void) {
    chatadmin_emulator *emu = (chatadmin_emulator *)SENTINEL;
    chatadmin_error *err = NULL;

    CHECK(chatadmin_emulator_start(SDKAPPID, NULL, &emu, &err) == CHATADMIN_NULL_ARGUMENT);
    CHECK_CONTAINS(chatadmin_error_message(err), "key");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_emulator_start(SDKAPPID, KEY, NULL, NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_emulator_start(0, KEY, &emu, &err) == CHATADMIN_CONFIG);
    CHECK_CONTAINS(chatadmin_error_message(err), "SDKAppID");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_emulator_start(SDKAPPID, "", &emu, NULL) == CHATADMIN_CONFIG);
    CHECK(chatadmin_emulator_start_with(SDKAPPID, KEY, NULL, CHATADMIN_RATE_LIMIT_PER_SECOND,
                                        NULL, &emu, &err) == CHATADMIN_CONFIG);
    CHECK_CONTAINS(chatadmin_error_message(err), "rate_limit");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_emulator_start_with(SDKAPPID, KEY, NULL, CHATADMIN_RATE_LIMIT_OFF,
                                        "localhost", &emu, &err) == CHATADMIN_CONFIG);
    CHECK_CONTAINS(chatadmin_error_message(err), "listen");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_emulator_start(SDKAPPID, "\xff\xfe", &emu, &err) == CHATADMIN_INVALID_UTF8);
    chatadmin_error_free(err);
    CHECK(emu == (chatadmin_emulator *)SENTINEL); /* never written on failure */

    CHECK(chatadmin_emulator_url(NULL) == NULL);
    chatadmin_emulator_free(NULL);
}

static void test_calls_faults_and_hits(chatadmin_emulator *emu, chatadmin_client *client) {
    char *resp = NULL;
    chatadmin_error *err = NULL;
    int64_t code = 0;

    CHECK(call(client, "im_open_login_svc/account_import", "{\"UserID\":\"alice\"}", &resp,
               &err) == CHATADMIN_OK);
    chatadmin_string_free(resp);
    resp = NULL;
    check_control(emu, "{\"op\":\"accounts\",\"UserID\":[\"bob\",\"carol\"]}", "{\"ok\":true}");
    check_control(emu, "{\"op\":\"hits\",\"path\":\"im_open_login_svc/account_import\"}",
                  "\"hits\":1");
    check_control(emu, "{\"op\":\"state\"}", "\"carol\"");

    /* An injected error code: the next call fails with it, the one after succeeds. */
    check_control(emu,
                  "{\"op\":\"fault\",\"path\":\"im_open_login_svc/account_check\","
                  "\"error_code\":70169,\"error_info\":\"Server timeout\"}",
                  "{\"ok\":true}");
    resp = SENTINEL;
    CHECK(call(client, "im_open_login_svc/account_check", "{\"CheckItem\":[{\"UserID\":\"bob\"}]}",
               &resp, &err) == CHATADMIN_API);
    CHECK(resp == SENTINEL);
    CHECK(chatadmin_error_code(err, &code) && code == 70169);
    CHECK_CONTAINS(chatadmin_error_message(err), "Server timeout");
    chatadmin_error_free(err);
    err = NULL;
    resp = NULL;
    CHECK(call(client, "im_open_login_svc/account_check", "{\"CheckItem\":[{\"UserID\":\"bob\"}]}",
               &resp, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(resp, "\"AccountStatus\":\"Imported\"");
    chatadmin_string_free(resp);
    resp = NULL;
    check_control(emu, "{\"op\":\"hits\",\"path\":\"v4/im_open_login_svc/account_check\"}",
                  "\"hits\":2");

    /* A gateway failure, after letting one call through. */
    check_control(emu,
                  "{\"op\":\"fault\",\"path\":\"sns/friend_check\",\"http_status\":502,"
                  "\"after\":1}",
                  "{\"ok\":true}");
    check_control(emu,
                  "{\"op\":\"friends\",\"From_Account\":\"alice\",\"To_Account\":[\"bob\"],"
                  "\"BothWays\":true}",
                  "{\"ok\":true}");
    CHECK(call(client, "sns/friend_check",
               "{\"From_Account\":\"alice\",\"To_Account\":[\"bob\"],"
               "\"CheckType\":\"CheckResult_Type_Both\"}",
               &resp, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(resp, "CheckResult_Type_BothWay");
    chatadmin_string_free(resp);
    resp = NULL;
    CHECK(call(client, "sns/friend_check",
               "{\"From_Account\":\"alice\",\"To_Account\":[\"bob\"],"
               "\"CheckType\":\"CheckResult_Type_Both\"}",
               &resp, &err) == CHATADMIN_TRANSPORT);
    chatadmin_error_free(err);
    err = NULL;
    check_control(emu, "{\"op\":\"hits\"}", "\"sns/friend_check\":2");

    /* Faults can be cleared before they apply. */
    check_control(emu,
                  "{\"op\":\"fault\",\"path\":\"sns/friend_check\",\"drop_connection\":true,"
                  "\"times\":5}",
                  "{\"ok\":true}");
    check_control(emu, "{\"op\":\"clear_faults\"}", "{\"ok\":true}");
    CHECK(call(client, "sns/friend_check",
               "{\"From_Account\":\"alice\",\"To_Account\":[\"bob\"],"
               "\"CheckType\":\"CheckResult_Type_Both\"}",
               &resp, &err) == CHATADMIN_OK);
    chatadmin_string_free(resp);
}

static void test_login_and_clock(chatadmin_emulator *emu, chatadmin_client *client) {
    char *sig = NULL;
    char *forged = NULL;
    char *request = NULL;
    char *resp = NULL;
    chatadmin_error *err = NULL;
    size_t cap;

    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, "alice", 3600, 0, NULL, 0, &sig, NULL) ==
          CHATADMIN_OK);
    CHECK(chatadmin_usersig_generate(SDKAPPID, "another-key", "alice", 3600, 0, NULL, 0,
                                     &forged, NULL) == CHATADMIN_OK);
    cap = strlen(sig) + strlen(forged) + 128;
    request = (char *)malloc(cap);
    if (request == NULL || sig == NULL || forged == NULL) {
        test_failures++;
        free(request);
        chatadmin_string_free(sig);
        chatadmin_string_free(forged);
        return;
    }

    snprintf(request, cap,
             "{\"op\":\"login\",\"UserID\":\"alice\",\"UserSig\":\"%s\",\"Platform\":\"iPhone\"}",
             sig);
    check_control(emu, request, "{\"ok\":true}");
    CHECK(call(client, "openim/query_online_status", "{\"To_Account\":[\"alice\",\"bob\"]}",
               &resp, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(resp, "\"To_Account\":\"alice\",\"State\":\"Online\"");
    chatadmin_string_free(resp);
    resp = NULL;

    /* A UserSig signed with another key: refused, with the failed check, never echoed. */
    snprintf(request, cap,
             "{\"op\":\"login\",\"UserID\":\"alice\",\"UserSig\":\"%s\",\"Platform\":\"PC\"}",
             forged);
    err = control_fails(emu, request, CHATADMIN_USERSIG);
    CHECK(chatadmin_error_usersig_check(err) == CHATADMIN_USERSIG_CHECK_SIGNATURE_MISMATCH);
    CHECK_CONTAINS(chatadmin_error_body(err), "\"kind\":\"usersig\"");
    CHECK_CONTAINS(chatadmin_error_body(err), "\"status\":403");
    CHECK(strstr(chatadmin_error_message(err), forged) == NULL);
    CHECK(strstr(chatadmin_error_body(err), forged) == NULL);
    chatadmin_error_free(err);

    check_control(emu, "{\"op\":\"logout\",\"UserID\":\"alice\"}", "\"was_logged_in\":true");
    err = control_fails(emu, "{\"op\":\"push_online\",\"UserID\":\"alice\"}",
                        CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_body(err), "\"kind\":\"not_logged_in\"");
    chatadmin_error_free(err);

    /* The clock: the UserSig expires after an hour of emulated time. */
    check_control(emu, "{\"op\":\"clock\"}", "\"now\":");
    check_control(emu, "{\"op\":\"advance_clock\",\"advance\":7200}", "\"now\":");
    snprintf(request, cap,
             "{\"op\":\"login\",\"UserID\":\"alice\",\"UserSig\":\"%s\",\"Platform\":\"iPhone\"}",
             sig);
    err = control_fails(emu, request, CHATADMIN_USERSIG);
    CHECK(chatadmin_error_usersig_check(err) == CHATADMIN_USERSIG_CHECK_EXPIRED);
    chatadmin_error_free(err);

    free(request);
    chatadmin_string_free(sig);
    chatadmin_string_free(forged);
}

static void test_bad_control_requests(chatadmin_emulator *emu) {
    chatadmin_error *err;
    char *answer = SENTINEL;

    err = control_fails(emu, "{nope", CHATADMIN_INVALID_JSON);
    CHECK_CONTAINS(chatadmin_error_message(err), "request_json");
    chatadmin_error_free(err);
    err = control_fails(emu, "{\"op\":\"no_such_op\"}", CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_body(err), "\"status\":404");
    CHECK_CONTAINS(chatadmin_error_message(err), "fault"); /* lists the operations */
    chatadmin_error_free(err);
    err = control_fails(emu, "{\"op\":\"fault\",\"path\":\"sns/friend_check\"}",
                        CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_body(err), "\"status\":400");
    chatadmin_error_free(err);
    err = control_fails(emu, "{\"op\":\"accounts\",\"UserIDs\":[\"x\"]}", CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_message(err), "UserIDs");
    chatadmin_error_free(err);
    err = control_fails(emu, "[]", CHATADMIN_VALIDATION);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_emulator_control(NULL, "{\"op\":\"state\"}", &answer, &err) ==
          CHATADMIN_NULL_ARGUMENT);
    chatadmin_error_free(err);
    CHECK(chatadmin_emulator_control(emu, NULL, &answer, NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_emulator_control(emu, "{\"op\":\"state\"}", NULL, NULL) ==
          CHATADMIN_NULL_ARGUMENT);
    CHECK(answer == SENTINEL);
}

struct worker {
    chatadmin_client *client;
    int index;
    int failures;
};

static void *import_accounts(void *arg) {
    struct worker *w = (struct worker *)arg;
    char body[64];
    int i;
    for (i = 0; i < 5; i++) {
        char *resp = NULL;
        snprintf(body, sizeof body, "{\"UserID\":\"t%d_%d\"}", w->index, i);
        if (chatadmin_client_call(w->client, "im_open_login_svc/account_import", body, &resp,
                                  NULL) != CHATADMIN_OK)
            w->failures++;
        chatadmin_string_free(resp);
    }
    return NULL;
}

static void test_threads(chatadmin_emulator *emu, chatadmin_client *client) {
    pthread_t threads[4];
    struct worker workers[4];
    int i;
    check_control(emu, "{\"op\":\"reset\"}", "{\"ok\":true}");
    for (i = 0; i < 4; i++) {
        workers[i].client = client;
        workers[i].index = i;
        workers[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, import_accounts, &workers[i]) == 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].failures == 0);
    }
    check_control(emu, "{\"op\":\"hits\",\"path\":\"im_open_login_svc/account_import\"}",
                  "\"hits\":20");
    check_control(emu, "{\"op\":\"state\"}", "\"t3_4\"");
}

int main(void) {
    chatadmin_emulator *emu = NULL;
    chatadmin_emulator *other = NULL;
    chatadmin_client *client;
    chatadmin_error *err = NULL;
    char *resp = NULL;

    test_start_arguments();

    if (chatadmin_emulator_start_with(SDKAPPID, KEY, NULL, CHATADMIN_RATE_LIMIT_OFF, NULL, &emu,
                                      &err) != CHATADMIN_OK) {
        fprintf(stderr, "chatadmin_emulator_start_with: %s\n", chatadmin_error_message(err));
        chatadmin_error_free(err);
        return 1;
    }
    CHECK(strncmp(chatadmin_emulator_url(emu), "http://127.0.0.1:", 17) == 0);

    /* A second emulator at the same time: its own port and state. */
    CHECK(chatadmin_emulator_start(SDKAPPID + 1, "other-key", &other, NULL) == CHATADMIN_OK);
    CHECK(strcmp(chatadmin_emulator_url(emu), chatadmin_emulator_url(other)) != 0);

    client = client_for(emu);
    test_calls_faults_and_hits(emu, client);
    test_login_and_clock(emu, client);
    test_bad_control_requests(emu);
    test_threads(emu, client);
    check_control(other, "{\"op\":\"hits\"}", "\"total\":0");
    chatadmin_emulator_free(other);

    check_control(emu, "{\"op\":\"reset\"}", "{\"ok\":true}");
    check_control(emu, "{\"op\":\"state\"}", "\"accounts\":{}");

    /* Once freed, nothing listens: the client's calls fail as transport errors. */
    chatadmin_emulator_free(emu);
    CHECK(call(client, "im_open_login_svc/account_import", "{\"UserID\":\"late\"}", &resp,
               &err) == CHATADMIN_TRANSPORT);
    chatadmin_error_free(err);
    chatadmin_client_free(client);
    return test_finish("emulator");
}
