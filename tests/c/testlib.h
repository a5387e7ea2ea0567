/*
 * Shared by the C and C++ test programs: assertions, the test environment and a tiny HTTP
 * client for the emulator's control routes (/__emulator/...). Valid C11 and C++17.
 *
 * Environment (set by bindings/c/tests/c_programs.rs, or by hand):
 *   CHATADMIN_TEST_BASE_URL   the emulator, http://127.0.0.1:PORT
 *   CHATADMIN_TEST_SDKAPPID   the emulator's SDKAppID
 *   CHATADMIN_TEST_KEY        the emulator's secret key
 */
#ifndef CHATADMIN_TESTLIB_H
#define CHATADMIN_TESTLIB_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int test_failures = 0;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            test_failures++;                                                         \
        }                                                                            \
    } while (0)

#define CHECK_STR_EQ(a, b)                                                                \
    do {                                                                                  \
        const char *check_a_ = (a);                                                       \
        const char *check_b_ = (b);                                                       \
        if (check_a_ == NULL || check_b_ == NULL || strcmp(check_a_, check_b_) != 0) {    \
            fprintf(stderr, "%s:%d: CHECK_STR_EQ failed: %s == %s\n  left:  %s\n  right: %s\n", \
                    __FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",          \
                    check_b_ ? check_b_ : "(null)");                                     \
            test_failures++;                                                              \
        }                                                                                 \
    } while (0)

#define CHECK_CONTAINS(haystack, needle)                                                   \
    do {                                                                                   \
        const char *check_h_ = (haystack);                                                 \
        if (check_h_ == NULL || strstr(check_h_, (needle)) == NULL) {                      \
            fprintf(stderr, "%s:%d: CHECK_CONTAINS failed: %s contains %s\n  text: %s\n", \
                    __FILE__, __LINE__, #haystack, #needle, check_h_ ? check_h_ : "(null)"); \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

static inline const char *test_env(const char *name) {
    const char *v = getenv(name);
    if (v == NULL || v[0] == '\0') {
        fprintf(stderr, "environment variable %s is not set (see tests/c/testlib.h)\n", name);
        exit(2);
    }
    return v;
}

/* Sends one HTTP/1.1 request to the emulator and returns the response body (malloc'd; free
 * it), or NULL on failure. Only what the control routes need: loopback, Connection: close. */
static inline char *emu_http(const char *method, const char *path_and_query, const char *body) {
    const char *base = test_env("CHATADMIN_TEST_BASE_URL");
    const char *hostport = strstr(base, "://");
    char host[64];
    const char *colon;
    size_t host_len;
    int port;
    int fd;
    struct sockaddr_in addr;
    char request[4096];
    size_t cap = 65536, len = 0;
    char *resp;
    ssize_t n;
    char *start;

    if (hostport == NULL) return NULL;
    hostport += 3;
    colon = strchr(hostport, ':');
    if (colon == NULL) return NULL;
    host_len = (size_t)(colon - hostport);
    if (host_len >= sizeof host) return NULL;
    memcpy(host, hostport, host_len);
    host[host_len] = '\0';
    port = atoi(colon + 1);

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return NULL;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        return NULL;
    }
    snprintf(request, sizeof request,
             "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n"
             "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
             method, path_and_query, host, body ? strlen(body) : (size_t)0, body ? body : "");
    if (send(fd, request, strlen(request), 0) < 0) {
        close(fd);
        return NULL;
    }
    resp = (char *)malloc(cap);
    if (resp == NULL) {
        close(fd);
        return NULL;
    }
    while ((n = recv(fd, resp + len, cap - 1 - len, 0)) > 0) {
        len += (size_t)n;
        if (len == cap - 1) break;
    }
    close(fd);
    resp[len] = '\0';
    start = strstr(resp, "\r\n\r\n");
    if (strncmp(resp, "HTTP/1.1 200", 12) != 0 || start == NULL) {
        fprintf(stderr, "emulator control %s %s failed: %s\n", method, path_and_query, resp);
        free(resp);
        return NULL;
    }
    memmove(resp, start + 4, strlen(start + 4) + 1);
    return resp;
}

/* How many requests the emulator received for a wire path; -1 on failure. */
static inline long emu_hits(const char *wire_path) {
    char query[256];
    char *body;
    const char *field;
    long hits = -1;
    snprintf(query, sizeof query, "/__emulator/hits?path=%s", wire_path);
    body = emu_http("GET", query, NULL);
    if (body == NULL) return -1;
    field = strstr(body, "\"hits\":");
    if (field != NULL) hits = strtol(field + 7, NULL, 10);
    free(body);
    return hits;
}

/* Resets the emulator's state and counters; returns whether it worked. */
static inline int emu_reset(void) {
    char *body = emu_http("POST", "/__emulator/reset", "");
    int ok = body != NULL;
    free(body);
    return ok;
}

/* The number of non-overlapping occurrences of `needle` in `haystack`. */
static inline size_t count_occurrences(const char *haystack, const char *needle) {
    size_t n = 0;
    size_t step = strlen(needle);
    const char *p = haystack;
    while (p != NULL && (p = strstr(p, needle)) != NULL) {
        n++;
        p += step;
    }
    return n;
}

static inline int test_finish(const char *program) {
    if (test_failures != 0) {
        fprintf(stderr, "%s: %d check(s) failed\n", program, test_failures);
        return 1;
    }
    printf("%s: all checks passed\n", program);
    return 0;
}

#endif /* CHATADMIN_TESTLIB_H */
