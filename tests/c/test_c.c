/*
 * The C API of libchatadmin, end to end: version, UserSig against the spec vectors, every
 * failed check, argument checks at the boundary, the catalog, and the client against the
 * emulator (success, API error, validation before any network call, 8 threads sharing one
 * client). See testlib.h for the environment it needs.
 */
#include "chatadmin.h"
#include "testlib.h"

#include <pthread.h>
#include <stdint.h>

/* Spec vectors (spec/usersig.md, "Test vectors"). */
#define SDKAPPID 1400000000ULL
#define KEY "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
#define TIME 1569910200ULL
#define EXPIRE 15552000ULL
#define V1_SIG "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="
#define V1_COMPACT                                                                          \
    "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyKRWFGQWpQLFTU1NjeCiJZm5" \
    "YDEzS0tDAyOYaHFmOtBM54KsUqeUwGLLqPK8UndHryCL-Lx8-1RPy7Ty1AijMk9f30hLk0x-r3CvSFulWgAPYy*9"
#define V1_PYTHON                                                                           \
    "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIk4MLFKdmJBQWZKUBBQxMDKIDKpVYUZBalgmRMTU2NEOIl" \
    "mbkQUTNLS0MDI7h4cWY6yGzngqxSp5TAYsuo8rxSd0evIIv8vHz-VE-LtPLUCKMyT1-fSEuTTH*vcK9IW6VaAGbl" \
    "MR0_"
#define V1_LEVEL0                                                                           \
    "eAEBpQBa-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoiMCIsIlRMUy5zZGthcHBpZCI6MTQwMDAw" \
    "MDAwMCwiVExTLmV4cGlyZSI6MTU1NTIwMDAsIlRMUy50aW1lIjoxNTY5OTEwMjAwLCJUTFMuc2lnIjoiQ3BqdUJk" \
    "UXM5WndudUdBSlI4b25vT2VJOWZ3ZVgydklNTVk5NGlPSldKWT0ifQ9jL70_"
#define V1_LEVEL1                                                                           \
    "eAGrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAKE*tKMgsSgWKm5qaGgFlIKIl" \
    "mblgMTNLS0MDoDBEtDgzHWiVc0FWqVNKYLFlVHleqbujV5BFfl6*f6qnZVp5aoRRmaevb6SlSaa-V7hXpK1SLQAP" \
    "Yy*9"
#define V2_SIG "bC3u5cuslSg8Ds7KY58mhSkTrxunrFu50dkdkCYH4i8="
#define V2_COMPACT                                                                          \
    "eJw9zEELwiAcBfDv4jmGs1lu0GkRUd0chMeWbv2zDdEZg*i7J5a92-s9eC-UnHj2VBZViGQYLWIHqcYJOoic0El9" \
    "MQYkqvIC--Jd1GzAquCUUvLXCYZoq7LMMUnqnbKt78KvOB-u6Rr6AG299PTq3YP3bOvWR0HZcOO6sbMf7c5TLLXU" \
    "tdgXwDbo-QEmHTZF"
#define V3_USERBUF_B64 "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"
#define V3_SIG "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI="

static const uint8_t ABC[] = {'a', 'b', 'c'};

/* A sentinel, to show that outputs are left alone on failure. */
static char SENTINEL_BYTE;
#define SENTINEL (&SENTINEL_BYTE)

static void test_version(void) {
    CHECK_STR_EQ(chatadmin_version(), CHATADMIN_VERSION_STRING);
    CHECK_STR_EQ(chatadmin_status_str(CHATADMIN_OK), "ok");
    CHECK_STR_EQ(chatadmin_status_str(CHATADMIN_API), "api");
    CHECK_STR_EQ(chatadmin_status_str(CHATADMIN_INVALID_UTF8), "invalid_utf8");
    CHECK_STR_EQ(chatadmin_status_str((chatadmin_status)42), "unknown");
    CHECK_STR_EQ(chatadmin_usersig_check_str(CHATADMIN_USERSIG_CHECK_EXPIRED), "expired");
    CHECK(CHATADMIN_VALIDATION == 1 && CHATADMIN_CONFIG == 7 && CHATADMIN_NULL_ARGUMENT == 100 &&
          CHATADMIN_PANIC == 103);
}

static void test_usersig_vectors(void) {
    char *sig = NULL;
    char *json = NULL;
    chatadmin_error *err = NULL;
    const char *v1_forms[] = {V1_COMPACT, V1_PYTHON, V1_LEVEL0, V1_LEVEL1};
    size_t i;

    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, "0", EXPIRE, TIME, NULL, 0, &sig, &err) ==
          CHATADMIN_OK);
    CHECK(err == NULL);
    CHECK(chatadmin_usersig_inspect(sig, &json, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(json, "\"TLS.sig\":\"" V1_SIG "\"");
    CHECK_CONTAINS(json, "\"TLS.identifier\":\"0\"");
    CHECK_CONTAINS(json, "\"TLS.sdkappid\":1400000000");
    CHECK_CONTAINS(json, "\"TLS.time\":1569910200");
    chatadmin_string_free(json);
    chatadmin_string_free(sig);

    for (i = 0; i < sizeof v1_forms / sizeof v1_forms[0]; i++) {
        CHECK(chatadmin_usersig_verify(SDKAPPID, KEY, "0", TIME, NULL, 0, v1_forms[i], &err) ==
              CHATADMIN_OK);
        CHECK(chatadmin_usersig_verify(SDKAPPID, KEY, "0", TIME + EXPIRE, NULL, 0, v1_forms[i],
                                       NULL) == CHATADMIN_OK);
    }

    sig = NULL;
    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, "0", EXPIRE, TIME, ABC, 3, &sig, &err) ==
          CHATADMIN_OK);
    CHECK_STR_EQ(sig, V2_COMPACT);
    chatadmin_string_free(sig);
    CHECK(chatadmin_usersig_verify(SDKAPPID, KEY, "0", TIME, ABC, 3, V2_COMPACT, &err) ==
          CHATADMIN_OK);
    CHECK(chatadmin_usersig_inspect(V2_COMPACT, &json, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(json, "\"TLS.userbuf\":\"YWJj\"");
    CHECK_CONTAINS(json, "\"TLS.sig\":\"" V2_SIG "\"");
    chatadmin_string_free(json);

    /* V3: a PrivateMapKey for a numeric room. */
    sig = NULL;
    CHECK(chatadmin_private_map_key(SDKAPPID, KEY, "xiaojun", 10000, NULL, CHATADMIN_PRIV_ALL,
                                    EXPIRE, 1700000000ULL, &sig, &err) == CHATADMIN_OK);
    CHECK(chatadmin_usersig_inspect(sig, &json, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(json, "\"TLS.userbuf\":\"" V3_USERBUF_B64 "\"");
    CHECK_CONTAINS(json, "\"TLS.sig\":\"" V3_SIG "\"");
    CHECK_CONTAINS(json, "\"TLS.identifier\":\"xiaojun\"");
    chatadmin_string_free(json);
    {
        /* The userbuf of the spec, from its hex form. */
        static const uint8_t v3_userbuf[] = {
            0x00, 0x00, 0x07, 0x78, 0x69, 0x61, 0x6f, 0x6a, 0x75, 0x6e, 0x53, 0x72, 0x4e, 0x00, 0x00,
            0x00, 0x27, 0x10, 0x66, 0x41, 0x3f, 0x00, 0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00};
        CHECK(chatadmin_usersig_verify(SDKAPPID, KEY, "xiaojun", 1700000000ULL, v3_userbuf,
                                       sizeof v3_userbuf, sig, &err) == CHATADMIN_OK);
    }
    chatadmin_string_free(sig);

    /* A string room, and one that does not fit. */
    sig = NULL;
    CHECK(chatadmin_private_map_key(SDKAPPID, KEY, "xiaojun", 0, "room-a", CHATADMIN_PRIV_ENTER,
                                    3600, 0, &sig, &err) == CHATADMIN_OK);
    CHECK(sig != NULL);
    chatadmin_string_free(sig);
    sig = SENTINEL;
    CHECK(chatadmin_private_map_key(1ULL << 40, KEY, "xiaojun", 1, NULL, CHATADMIN_PRIV_ALL, 3600, 0,
                                    &sig, &err) == CHATADMIN_USERSIG);
    CHECK(sig == SENTINEL);
    CHECK(chatadmin_error_usersig_check(err) == CHATADMIN_USERSIG_CHECK_INVALID_INPUT);
    chatadmin_error_free(err);
    err = NULL;

    /* now_unix 0 is the system clock: a fresh UserSig verifies now. */
    sig = NULL;
    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, "administrator", CHATADMIN_USERSIG_DEFAULT_EXPIRE,
                                     0, NULL, 0, &sig, &err) == CHATADMIN_OK);
    CHECK(chatadmin_usersig_verify(SDKAPPID, KEY, "administrator", 0, NULL, 0, sig, &err) ==
          CHATADMIN_OK);
    chatadmin_string_free(sig);
}

/* Verifies and expects the given failed check. */
static void expect_check(uint64_t sdkappid, const char *key, const char *identifier, uint64_t now,
                         const uint8_t *userbuf, size_t userbuf_len, const char *sig,
                         chatadmin_usersig_check expected, const char *name) {
    chatadmin_error *err = NULL;
    int64_t code = -1;
    chatadmin_status s =
        chatadmin_usersig_verify(sdkappid, key, identifier, now, userbuf, userbuf_len, sig, &err);
    if (s != CHATADMIN_USERSIG) {
        fprintf(stderr, "expected CHATADMIN_USERSIG for %s, got %u\n", name, (unsigned)s);
        test_failures++;
    }
    CHECK(err != NULL);
    CHECK(chatadmin_error_kind(err) == CHATADMIN_USERSIG);
    if (chatadmin_error_usersig_check(err) != expected) {
        fprintf(stderr, "expected check %s, got %s (%s)\n", name,
                chatadmin_usersig_check_str(chatadmin_error_usersig_check(err)),
                chatadmin_error_message(err));
        test_failures++;
    }
    CHECK_STR_EQ(chatadmin_usersig_check_str(expected), name);
    CHECK(!chatadmin_error_code(err, &code) && code == -1);
    CHECK(chatadmin_error_body(err) == NULL);
    CHECK(!chatadmin_error_retryable(err));
    CHECK(chatadmin_error_message(err) != NULL && chatadmin_error_message(err)[0] != '\0');
    /* Never the key nor the UserSig in a message. */
    CHECK(strstr(chatadmin_error_message(err), KEY) == NULL);
    CHECK(sig[0] == '\0' || strstr(chatadmin_error_message(err), sig) == NULL);
    chatadmin_error_free(err);
}

static void test_usersig_failures(void) {
    expect_check(SDKAPPID, KEY, "0", TIME, NULL, 0, "not a usersig!",
                 CHATADMIN_USERSIG_CHECK_MALFORMED, "malformed");
    expect_check(SDKAPPID, KEY, "0", TIME, NULL, 0, "", CHATADMIN_USERSIG_CHECK_MALFORMED,
                 "malformed");
    expect_check(SDKAPPID + 1, KEY, "0", TIME, NULL, 0, V1_COMPACT,
                 CHATADMIN_USERSIG_CHECK_SDKAPPID_MISMATCH, "sdkappid_mismatch");
    expect_check(SDKAPPID, KEY, "administrator", TIME, NULL, 0, V1_COMPACT,
                 CHATADMIN_USERSIG_CHECK_IDENTIFIER_MISMATCH, "identifier_mismatch");
    expect_check(SDKAPPID, KEY, "0", TIME + EXPIRE + 1, NULL, 0, V1_COMPACT,
                 CHATADMIN_USERSIG_CHECK_EXPIRED, "expired");
    expect_check(SDKAPPID, KEY, "0", TIME, ABC, 3, V1_COMPACT,
                 CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH, "userbuf_mismatch");
    expect_check(SDKAPPID, KEY, "0", TIME, NULL, 0, V2_COMPACT,
                 CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH, "userbuf_mismatch");
    expect_check(SDKAPPID, KEY, "0", TIME, ABC, 2, V2_COMPACT,
                 CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH, "userbuf_mismatch");
    expect_check(SDKAPPID, "another key", "0", TIME, NULL, 0, V1_COMPACT,
                 CHATADMIN_USERSIG_CHECK_SIGNATURE_MISMATCH, "signature_mismatch");
    expect_check(SDKAPPID, "", "0", TIME, NULL, 0, V1_COMPACT,
                 CHATADMIN_USERSIG_CHECK_INVALID_INPUT, "invalid_input");

    {
        chatadmin_error *err = NULL;
        char *json = SENTINEL;
        CHECK(chatadmin_usersig_inspect("eJw=", &json, &err) == CHATADMIN_USERSIG);
        CHECK(json == SENTINEL);
        CHECK(chatadmin_error_usersig_check(err) == CHATADMIN_USERSIG_CHECK_MALFORMED);
        chatadmin_error_free(err);
    }
}

/* Calls that must fail at the boundary with `expected`, writing no output. */
static void test_arguments(void) {
    chatadmin_error *err = NULL;
    char *out = SENTINEL;
    const char bad_utf8[] = {'a', (char)0xff, 'b', '\0'};

    CHECK(chatadmin_usersig_generate(SDKAPPID, NULL, "0", EXPIRE, TIME, NULL, 0, &out, &err) ==
          CHATADMIN_NULL_ARGUMENT);
    CHECK(out == SENTINEL);
    CHECK(chatadmin_error_kind(err) == CHATADMIN_NULL_ARGUMENT);
    CHECK_CONTAINS(chatadmin_error_message(err), "`key`");
    chatadmin_error_free(err);
    err = NULL;

    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, "0", EXPIRE, TIME, NULL, 0, NULL, &err) ==
          CHATADMIN_NULL_ARGUMENT);
    CHECK_CONTAINS(chatadmin_error_message(err), "`out`");
    chatadmin_error_free(err);
    err = NULL;

    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, "0", EXPIRE, TIME, NULL, 3, &out, &err) ==
          CHATADMIN_NULL_ARGUMENT);
    CHECK_CONTAINS(chatadmin_error_message(err), "`userbuf`");
    chatadmin_error_free(err);
    err = NULL;

    CHECK(chatadmin_usersig_generate(SDKAPPID, KEY, bad_utf8, EXPIRE, TIME, NULL, 0, &out, &err) ==
          CHATADMIN_INVALID_UTF8);
    CHECK(out == SENTINEL);
    CHECK(chatadmin_error_kind(err) == CHATADMIN_INVALID_UTF8);
    CHECK_CONTAINS(chatadmin_error_message(err), "`identifier`");
    chatadmin_error_free(err);
    err = NULL;

    /* err_out may be NULL: the status alone. */
    CHECK(chatadmin_usersig_verify(SDKAPPID, KEY, "0", TIME, NULL, 0, NULL, NULL) ==
          CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_usersig_inspect(bad_utf8, &out, NULL) == CHATADMIN_INVALID_UTF8);
    CHECK(out == SENTINEL);
    CHECK(chatadmin_endpoints_json(NULL, NULL) == CHATADMIN_NULL_ARGUMENT);

    CHECK(chatadmin_check_request("sns/friend_delete", "{\"From_Account\":", &out, &err) ==
          CHATADMIN_INVALID_JSON);
    CHECK(out == SENTINEL);
    CHECK(chatadmin_error_kind(err) == CHATADMIN_INVALID_JSON);
    chatadmin_error_free(err);
    err = NULL;

    /* The accessors accept NULL. */
    CHECK(chatadmin_error_kind(NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_error_message(NULL) == NULL);
    CHECK(chatadmin_error_body(NULL) == NULL);
    CHECK(!chatadmin_error_code(NULL, NULL));
    CHECK(!chatadmin_error_retryable(NULL));
    CHECK(chatadmin_error_usersig_check(NULL) == CHATADMIN_USERSIG_CHECK_NONE);

    /* _free(NULL) does nothing. */
    chatadmin_string_free(NULL);
    chatadmin_error_free(NULL);
    chatadmin_client_builder_free(NULL);
    chatadmin_client_free(NULL);
}

/* 1001 quoted account names, comma-separated: "u0","u1",... (malloc'd). */
static char *account_list(size_t n) {
    char *s = (char *)malloc(n * 16 + 1);
    size_t i, len = 0;
    for (i = 0; i < n; i++) len += (size_t)sprintf(s + len, "%s\"u%zu\"", i ? "," : "", i);
    return s;
}

static void test_catalog(void) {
    char *out = NULL;
    chatadmin_error *err = NULL;
    char *list = account_list(1001);
    char *req = (char *)malloc(strlen(list) + 128);

    CHECK(chatadmin_endpoints_json(&out, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(out, "\"path\":\"sns/friend_delete\"");
    CHECK_CONTAINS(out, "\"path\":\"group_open_http_svc/destroy_group\"");
    chatadmin_string_free(out);

    CHECK(chatadmin_check_request("v4/sns/friend_delete",
                                  "{\"To_Account\":[\"b\"],\"From_Account\":\"a\"}", &out,
                                  &err) == CHATADMIN_OK);
    CHECK_STR_EQ(out, "{\"From_Account\":\"a\",\"To_Account\":[\"b\"]}");
    chatadmin_string_free(out);

    /* Offline, the documented limit refuses 1001 accounts (the client would split them). */
    out = SENTINEL;
    sprintf(req, "{\"From_Account\":\"a\",\"To_Account\":[%s]}", list);
    CHECK(chatadmin_check_request("sns/friend_delete", req, &out, &err) == CHATADMIN_VALIDATION);
    CHECK(out == SENTINEL);
    CHECK_CONTAINS(chatadmin_error_message(err), "To_Account");
    CHECK_CONTAINS(chatadmin_error_message(err), "1000");
    chatadmin_error_free(err);
    err = NULL;

    CHECK(chatadmin_check_request("sns/nope", "{}", &out, &err) == CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_message(err), "unknown endpoint");
    chatadmin_error_free(err);
    free(req);
    free(list);
}

static chatadmin_client *make_client(void) {
    chatadmin_client_builder *b = chatadmin_client_builder_new(strtoull(test_env("CHATADMIN_TEST_SDKAPPID"), NULL, 10));
    chatadmin_client *client = NULL;
    chatadmin_error *err = NULL;
    CHECK(b != NULL);
    CHECK(chatadmin_client_builder_secret_key(b, test_env("CHATADMIN_TEST_KEY"), &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_base_url(b, test_env("CHATADMIN_TEST_BASE_URL"), &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_admin(b, "administrator", &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_timeout_ms(b, 5000, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_connect_timeout_ms(b, 2000, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_total_timeout_ms(b, 20000, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_retry_policy(b, 2, 10, 100, 2.0, true, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_rate_limit(b, CHATADMIN_RATE_LIMIT_OFF, 0, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_rate_limit_for(b, "sns/friend_delete", 100, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_usersig_ttl(b, 3600, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_user_agent(b, "chatadmin-c-test/1", &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_OK);
    if (err != NULL) {
        fprintf(stderr, "building the client: %s\n", chatadmin_error_message(err));
        chatadmin_error_free(err);
    }
    chatadmin_client_builder_free(b);
    return client;
}

static void test_builder_errors(void) {
    chatadmin_client_builder *b = chatadmin_client_builder_new(1400000000);
    chatadmin_client *client = NULL;
    chatadmin_error *err = NULL;

    /* No key, no region: a configuration error at build, and no client. It names the C
       function to call, not the Rust builder's method. */
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_CONFIG);
    CHECK(client == NULL);
    CHECK(chatadmin_error_kind(err) == CHATADMIN_CONFIG);
    CHECK_CONTAINS(chatadmin_error_message(err), "chatadmin_client_builder_secret_key");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_builder_secret_key(b, KEY, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_CONFIG);
    CHECK_CONTAINS(chatadmin_error_message(err), "chatadmin_client_builder_region(b, \"singapore\")");
    CHECK(strstr(chatadmin_error_message(err), "Region::") == NULL);
    chatadmin_error_free(err);
    err = NULL;

    CHECK(chatadmin_client_builder_region(b, "atlantis", &err) == CHATADMIN_CONFIG);
    CHECK_CONTAINS(chatadmin_error_message(err), "atlantis");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_builder_rate_limit(b, (chatadmin_rate_limit)99, 0, &err) == CHATADMIN_CONFIG);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_builder_secret_key(b, NULL, &err) == CHATADMIN_NULL_ARGUMENT);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_builder_secret_key(NULL, KEY, NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_client_builder_build(NULL, &client, NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_client_builder_build(b, NULL, NULL) == CHATADMIN_NULL_ARGUMENT);

    /* A region and a key: builds (nothing is sent), and the builder can build again. */
    CHECK(chatadmin_client_builder_secret_key(b, KEY, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_region(b, "Singapore", &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_OK);
    chatadmin_client_free(client);
    client = NULL;
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_OK);
    chatadmin_client_free(client);
    client = NULL;

    /* A zero timeout is the client's to refuse, at build. */
    CHECK(chatadmin_client_builder_timeout_ms(b, 0, &err) == CHATADMIN_OK);
    CHECK(chatadmin_client_builder_build(b, &client, &err) == CHATADMIN_CONFIG);
    CHECK(client == NULL);
    chatadmin_error_free(err);
    chatadmin_client_builder_free(b);
}

static void test_calls(chatadmin_client *client) {
    char *out = NULL;
    chatadmin_error *err = NULL;
    int64_t code = 0;
    const char bad_utf8[] = {'{', '"', (char)0xc3, '"', '}', '\0'};
    long total_before;

    CHECK(emu_reset());

    /* Success: import, then check. */
    CHECK(chatadmin_client_call(client, "im_open_login_svc/account_import",
                                "{\"UserID\":\"c_alice\",\"Nick\":\"Alice\"}", &out, &err) == CHATADMIN_OK);
    if (err) fprintf(stderr, "account_import: %s\n", chatadmin_error_message(err));
    CHECK_CONTAINS(out, "\"ErrorCode\":0");
    chatadmin_string_free(out);
    out = NULL;
    CHECK(chatadmin_client_call(client, "v4/im_open_login_svc/account_check",
                                "{\"CheckItem\":[{\"UserID\":\"c_alice\"},{\"UserID\":\"c_nobody\"}]}",
                                &out, &err) == CHATADMIN_OK);
    CHECK_CONTAINS(out, "\"UserID\":\"c_alice\"");
    CHECK_CONTAINS(out, "\"AccountStatus\":\"Imported\"");
    CHECK_CONTAINS(out, "\"AccountStatus\":\"NotImported\"");
    chatadmin_string_free(out);
    CHECK(emu_hits("im_open_login_svc/account_check") == 1);

    /* An API error: kind API, the service's code, the body. */
    out = SENTINEL;
    CHECK(chatadmin_client_call(client, "group_open_http_svc/destroy_group",
                                "{\"GroupId\":\"@TGS#no_such_group\"}", &out, &err) == CHATADMIN_API);
    CHECK(out == SENTINEL);
    CHECK(chatadmin_error_kind(err) == CHATADMIN_API);
    CHECK(chatadmin_error_code(err, &code) && code == 10010);
    CHECK_CONTAINS(chatadmin_error_body(err), "\"ErrorCode\":10010");
    CHECK_CONTAINS(chatadmin_error_message(err), "10010");
    CHECK(!chatadmin_error_retryable(err));
    CHECK(chatadmin_error_usersig_check(err) == CHATADMIN_USERSIG_CHECK_NONE);
    chatadmin_error_free(err);
    err = NULL;

    /* Refused before any network call. */
    total_before = emu_hits("group_open_http_svc/destroy_group");
    CHECK(total_before == 1);
    {
        char groups[33 * 8 + 1];
        char req[512];
        size_t i, len = 0;
        for (i = 0; i < 33; i++) len += (size_t)sprintf(groups + len, "%s\"g%zu\"", i ? "," : "", i);
        sprintf(req, "{\"From_Account\":\"c_alice\",\"GroupName\":[%s]}", groups);
        CHECK(chatadmin_client_call(client, "sns/group_delete", req, &out, &err) == CHATADMIN_VALIDATION);
        CHECK(chatadmin_error_kind(err) == CHATADMIN_VALIDATION);
        CHECK_CONTAINS(chatadmin_error_message(err), "GroupName");
        CHECK_CONTAINS(chatadmin_error_message(err), "32");
        chatadmin_error_free(err);
        err = NULL;
    }
    CHECK(chatadmin_client_call(client, "sns/friend_delete",
                                "{\"From_Account\":\"c_alice\",\"To_Account\":[\"b\"],\"Bogus\":1}", &out,
                                &err) == CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_message(err), "Bogus");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_call(client, "sns/no_such_endpoint", "{}", &out, &err) == CHATADMIN_VALIDATION);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_call(client, "sns/friend_delete", "not json", &out, &err) == CHATADMIN_INVALID_JSON);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_call(client, "sns/friend_delete", bad_utf8, &out, &err) == CHATADMIN_INVALID_UTF8);
    CHECK_CONTAINS(chatadmin_error_message(err), "`json_in`");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_call(NULL, "sns/friend_delete", "{}", &out, &err) == CHATADMIN_NULL_ARGUMENT);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_call(client, NULL, "{}", &out, NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_client_call(client, "sns/friend_delete", NULL, &out, NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(chatadmin_client_call(client, "sns/friend_delete",
                                "{\"From_Account\":\"c_alice\",\"To_Account\":[\"b\"]}", NULL,
                                NULL) == CHATADMIN_NULL_ARGUMENT);
    CHECK(out == SENTINEL);
    CHECK(emu_hits("sns/group_delete") == 0);
    CHECK(emu_hits("sns/friend_delete") == 0);

    /* A list over the per-request limit that the endpoint allows to split: two requests,
     * one merged answer with every item. */
    {
        char *list = account_list(1001);
        char *req = (char *)malloc(strlen(list) + 128);
        sprintf(req, "{\"From_Account\":\"c_alice\",\"To_Account\":[%s]}", list);
        out = NULL;
        CHECK(chatadmin_client_call(client, "sns/friend_delete", req, &out, &err) == CHATADMIN_OK);
        if (err) fprintf(stderr, "friend_delete: %s\n", chatadmin_error_message(err));
        CHECK(out != NULL && count_occurrences(out, "\"To_Account\"") == 1001);
        CHECK(emu_hits("sns/friend_delete") == 2);
        chatadmin_string_free(out);
        free(req);
        free(list);
    }
}

#define THREADS 8
#define CALLS_PER_THREAD 10

struct worker {
    const chatadmin_client *client;
    int index;
    int ok;
    int failed;
};

static void *work(void *arg) {
    struct worker *w = (struct worker *)arg;
    int i;
    for (i = 0; i < CALLS_PER_THREAD; i++) {
        char req[128];
        char *out = NULL;
        chatadmin_error *err = NULL;
        snprintf(req, sizeof req, "{\"CheckItem\":[{\"UserID\":\"c_alice\"},{\"UserID\":\"t%d_%d\"}]}",
                 w->index, i);
        if (chatadmin_client_call(w->client, "im_open_login_svc/account_check", req, &out, &err) ==
                CHATADMIN_OK &&
            strstr(out, "\"AccountStatus\":\"Imported\"") != NULL) {
            w->ok++;
        } else {
            fprintf(stderr, "thread %d call %d: %s\n", w->index, i,
                    err ? chatadmin_error_message(err) : out);
            w->failed++;
        }
        chatadmin_string_free(out);
        chatadmin_error_free(err);
    }
    return NULL;
}

static void test_threads(const chatadmin_client *client) {
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    long before = emu_hits("im_open_login_svc/account_check");
    int i;
    for (i = 0; i < THREADS; i++) {
        workers[i].client = client;
        workers[i].index = i;
        workers[i].ok = 0;
        workers[i].failed = 0;
        CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(workers[i].ok == CALLS_PER_THREAD);
        CHECK(workers[i].failed == 0);
    }
    CHECK(emu_hits("im_open_login_svc/account_check") == before + THREADS * CALLS_PER_THREAD);
}

int main(void) {
    chatadmin_client *client;

    test_version();
    test_usersig_vectors();
    test_usersig_failures();
    test_arguments();
    test_catalog();
    test_builder_errors();

    client = make_client();
    CHECK(client != NULL);
    if (client != NULL) {
        test_calls(client);
        test_threads(client);
    }
    chatadmin_client_free(client);
    return test_finish("test_c");
}
