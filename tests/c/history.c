/*
 * The hourly message archive through the C API, against the emulator: 20 one-to-one messages
 * in one hour of the emulated clock, the hour over, open_msg_svc/get_history through
 * chatadmin_client_call, the file downloaded with chatadmin_client_download_history (GzipSize
 * and GzipMD5 checked), a wrong GzipMD5 refused with CHATADMIN_DECODE naming it and no file
 * left behind, a File entry without URL refused before any request, and everything freed
 * (valgrind: no errors, no leaks).
 *
 * Run by bindings/c/tests/c_programs.rs (natively and under valgrind), or by hand with the
 * environment of testlib.h.
 */
#include <chatadmin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testlib.h"
#include "calls.h"

#define SENDS 20

/* The unsigned number after `"key":` in `json` (0 when absent). */
static unsigned long long json_number(const char *json, const char *key) {
    char pattern[64];
    const char *p;
    if (json == NULL) {
        return 0;
    }
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    p = strstr(json, pattern);
    return p == NULL ? 0 : strtoull(p + strlen(pattern), NULL, 10);
}

static void advance_clock(unsigned long long secs) {
    char body[64];
    char *resp;
    snprintf(body, sizeof body, "{\"advance\":%llu}", secs);
    resp = emu_http("POST", "/__emulator/clock", body);
    CHECK(resp != NULL);
    free(resp);
}

static long file_size(const char *path) {
    long size;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
    return size;
}

static void scenario(chatadmin_client *client) {
    char body[512], hour[16], path[256], entry[1024], part[300];
    char *resp, *file, *end, *md5;
    unsigned long long msg_time = 0, now;
    uint64_t written = 0;
    chatadmin_error *err = NULL;
    time_t t;
    int i;

    CHECK(emu_reset());
    /* One minute into an hour of the emulated clock. */
    resp = emu_http("GET", "/__emulator/clock", NULL);
    now = json_number(resp, "now");
    free(resp);
    CHECK(now != 0);
    advance_clock(3600 - now % 3600 + 60);

    call_expect(client, "im_open_login_svc/multiaccount_import",
                "{\"Accounts\":[\"h_alice\",\"h_bob\"]}", NULL);
    for (i = 0; i < SENDS; i++) {
        snprintf(body, sizeof body,
                 "{\"From_Account\":\"h_alice\",\"To_Account\":\"h_bob\",\"MsgRandom\":%d,"
                 "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"archived %d\"}}]}",
                 500 + i, i);
        resp = call(client, "openim/sendmsg", body);
        if (resp != NULL) {
            msg_time = json_number(resp, "MsgTime");
            chatadmin_string_free(resp);
        }
    }
    CHECK(msg_time != 0);
    /* The hour (Beijing time) is over. */
    advance_clock(3600);
    t = (time_t)(msg_time + 8 * 3600);
    strftime(hour, sizeof hour, "%Y%m%d%H", gmtime(&t));

    snprintf(body, sizeof body, "{\"ChatType\":\"C2C\",\"MsgTime\":\"%s\"}", hour);
    resp = call(client, "open_msg_svc/get_history", body);
    CHECK(resp != NULL);
    if (resp == NULL) {
        return;
    }
    /* The one File entry: a flat object. */
    file = strstr(resp, "\"File\":[{");
    CHECK(file != NULL);
    end = file == NULL ? NULL : strchr(file, '}');
    CHECK(end != NULL);
    if (file == NULL || end == NULL || (size_t)(end - file) >= sizeof entry) {
        chatadmin_string_free(resp);
        return;
    }
    file += strlen("\"File\":[");
    memcpy(entry, file, (size_t)(end - file) + 1);
    entry[end - file + 1] = '\0';
    chatadmin_string_free(resp);
    CHECK(strstr(entry, "usersig") == NULL);

    snprintf(path, sizeof path, "/tmp/chatadmin-c-history-%ld.gz", (long)getpid());
    snprintf(part, sizeof part, "%s.part", path);
    CHECK(chatadmin_client_download_history(client, entry, path, &written, &err) == CHATADMIN_OK);
    if (err != NULL) {
        fprintf(stderr, "download: %s\n", chatadmin_error_message(err));
        chatadmin_error_free(err);
        err = NULL;
    }
    CHECK(written != 0);
    CHECK(written == json_number(entry, "GzipSize"));
    CHECK(file_size(path) == (long)written);
    CHECK(file_size(part) == -1);
    remove(path);

    /* A wrong GzipMD5: refused, naming the field; nothing left at the path. */
    md5 = strstr(entry, "\"GzipMD5\":\"");
    CHECK(md5 != NULL);
    if (md5 != NULL) {
        md5 += strlen("\"GzipMD5\":\"");
        *md5 = *md5 == '0' ? '1' : '0';
        written = 7;
        CHECK(chatadmin_client_download_history(client, entry, path, &written, &err) == CHATADMIN_DECODE);
        CHECK_CONTAINS(chatadmin_error_message(err), "GzipMD5");
        chatadmin_error_free(err);
        err = NULL;
        CHECK(written == 7);
        CHECK(file_size(path) == -1);
        CHECK(file_size(part) == -1);
    }

    /* A File entry without URL, and NULL arguments: refused before any request. */
    CHECK(chatadmin_client_download_history(client, "{\"GzipSize\":1,\"GzipMD5\":\"x\"}", path,
                                            NULL, &err) == CHATADMIN_VALIDATION);
    CHECK_CONTAINS(chatadmin_error_message(err), "URL");
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_download_history(client, NULL, path, NULL, &err) == CHATADMIN_NULL_ARGUMENT);
    chatadmin_error_free(err);
    err = NULL;
    CHECK(chatadmin_client_download_history(client, "not json", path, NULL, &err) == CHATADMIN_INVALID_JSON);
    chatadmin_error_free(err);
}

int main(void) {
    chatadmin_client *client = make_client();
    CHECK(client != NULL);
    if (client != NULL) {
        scenario(client);
    }
    chatadmin_client_free(client);
    return test_finish("history");
}
