/*
 * A messages scenario through the C API only (generic call + chatadmin_next_page), against the
 * emulator: import two accounts, send 250 one-to-one messages (each with its own MsgRandom, as
 * documented JSON), walk the conversation's history page by page with chatadmin_next_page,
 * recall one, send to a group and read its history, see the conversation lists moved by the
 * sends, check a send to an unknown account fails with the service's code, and free
 * everything (valgrind: no errors, no leaks).
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

#define SENDS 250
#define GROUP "c_msg_group"

static void scenario(chatadmin_client *client) {
    char body[512];
    size_t pages = 0, items;
    int i;

    CHECK(emu_reset());
    call_expect(client, "im_open_login_svc/multiaccount_import",
                "{\"Accounts\":[\"m_alice\",\"m_bob\",\"m_carol\"]}", NULL);

    /* One-to-one: every send is answered with its MsgKey. */
    for (i = 0; i < SENDS; i++) {
        snprintf(body, sizeof body,
                 "{\"From_Account\":\"m_alice\",\"To_Account\":\"m_bob\",\"MsgRandom\":%d,"
                 "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hello %d\"}}]}",
                 1000 + i, i);
        call_expect(client, "openim/sendmsg", body, "\"MsgKey\"");
    }
    CHECK(emu_hits("openim/sendmsg") == SENDS);

    /* The history, at most 100 at a time and at most 13 KB a page (the page's cap): the
       library gives the next request (LastMsgKey) until Complete is 1. */
    items = walk(client, "openim/admin_getroammsg",
                 "{\"Operator_Account\":\"m_bob\",\"Peer_Account\":\"m_alice\",\"MaxCnt\":100,"
                 "\"MinTime\":0,\"MaxTime\":4294967295}",
                 "\"MsgRandom\"", &pages);
    CHECK(items == SENDS);
    CHECK(pages >= 3 && pages <= SENDS / 40);

    /* Bob's conversation list holds Alice. */
    call_expect(client, "recentcontact/get_list",
                "{\"From_Account\":\"m_bob\",\"TimeStamp\":0,\"StartIndex\":0,\"TopTimeStamp\":0,"
                "\"TopStartIndex\":0,\"AssistFlags\":0}",
                "\"m_alice\"");

    /* A group message and the group's history. */
    call_expect(client, "group_open_http_svc/create_group",
                "{\"Type\":\"Public\",\"Name\":\"c msg\",\"GroupId\":\"" GROUP "\","
                "\"Owner_Account\":\"m_alice\",\"MemberList\":[{\"Member_Account\":\"m_carol\"}]}",
                NULL);
    call_expect(client, "group_open_http_svc/send_group_msg",
                "{\"GroupId\":\"" GROUP "\",\"From_Account\":\"m_carol\",\"Random\":7,"
                "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"hi all\"}}]}",
                "\"MsgSeq\":1");
    call_expect(client, "group_open_http_svc/group_msg_get_simple",
                "{\"GroupId\":\"" GROUP "\",\"ReqMsgNumber\":20}", "hi all");

    /* An unknown recipient: the service's code, nothing written. */
    call_fails(client, "openim/sendmsg",
               "{\"From_Account\":\"m_alice\",\"To_Account\":\"m_nobody\",\"MsgRandom\":1,"
               "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"x\"}}]}",
               CHATADMIN_API, 90012);
    /* A body with two custom elements is refused before sending. */
    call_fails(client, "openim/sendmsg",
               "{\"From_Account\":\"m_alice\",\"To_Account\":\"m_bob\",\"MsgRandom\":2,"
               "\"MsgBody\":[{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"a\"}},"
               "{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"b\"}}]}",
               CHATADMIN_VALIDATION, 0);
}

int main(void) {
    chatadmin_client *client = make_client();
    CHECK(client != NULL);
    if (client != NULL) {
        scenario(client);
    }
    chatadmin_client_free(client);
    return test_finish("messages");
}
