/* Calls through the C client shared by the scenario programs (social.c, groups.c): a call
 * that reports its error, a call that checks its answer, a walk over every page of a paged read
 * and a client for the emulator named by the CHATADMIN_TEST_* variables. Include after
 * <chatadmin.h> and "testlib.h". */
#ifndef CHATADMIN_TEST_CALLS_H
#define CHATADMIN_TEST_CALLS_H

/* Calls `wire_path` with `body`; returns the response (free with chatadmin_string_free) or
 * NULL after reporting the error. */
static inline char *call(chatadmin_client *client, const char *wire_path, const char *body) {
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
static inline void call_expect(chatadmin_client *client, const char *wire_path, const char *body,
                        const char *needle) {
    char *out = call(client, wire_path, body);
    if (out != NULL && needle != NULL) {
        CHECK_CONTAINS(out, needle);
    }
    chatadmin_string_free(out);
}

/* Walks every page of a paged read: calls, counts `item_key` occurrences, asks the library for
 * the next request until it says there is none. Returns the number of items and of pages. */
static inline size_t walk(chatadmin_client *client, const char *wire_path, const char *first,
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

static inline chatadmin_client *make_client(void) {
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

/* Calls and checks that the call fails with `status` and, for CHATADMIN_API, the service's
 * `code`; nothing is written to the output. */
static inline void call_fails(chatadmin_client *client, const char *wire_path, const char *body,
                       chatadmin_status status, int64_t code) {
    char *out = NULL;
    chatadmin_error *err = NULL;
    int64_t got = 0;
    CHECK(chatadmin_client_call(client, wire_path, body, &out, &err) == status);
    CHECK(out == NULL);
    CHECK(err != NULL);
    if (status == CHATADMIN_API) {
        CHECK(chatadmin_error_code(err, &got));
        CHECK(got == code);
    }
    chatadmin_error_free(err);
    chatadmin_string_free(out);
}

#endif /* CHATADMIN_TEST_CALLS_H */
