/*
 * chatadmin::Emulator, the C++ RAII wrapper of the in-process emulator: a game server's test
 * starts it, builds a client against it, injects faults, counts hits, and lets destructors
 * free everything. Needs no environment and no emulator process.
 */
#include "chatadmin.hpp"
#include "testlib.h"

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace
{

const std::uint64_t SDKAPPID = 1400000000;
const std::string KEY = "cpp-in-process-emulator-key-0123456789";

chatadmin::Client client_of(const chatadmin::Emulator& emu)
{
    return emu.client_builder()
        .retry_policy(1, std::chrono::milliseconds{10}, std::chrono::milliseconds{10}, 2.0, false)
        .rate_limit(chatadmin::RateLimit::off)
        .build();
}

void test_calls_faults_and_hits()
{
    chatadmin::Emulator emu{SDKAPPID, KEY, chatadmin::RateLimit::off};
    CHECK(emu.url().rfind("http://127.0.0.1:", 0) == 0);
    CHECK(emu.sdkappid() == SDKAPPID);
    const chatadmin::Client client = client_of(emu);

    const std::string ok = emu.control(R"({"op":"accounts","UserID":["alice","bob"]})");
    CHECK_STR_EQ(ok.c_str(), R"({"ok":true})");
    const std::string check = R"({"CheckItem":[{"UserID":"alice"},{"UserID":"zed"}]})";
    const std::string resp = client.call("im_open_login_svc/account_check", check);
    CHECK_CONTAINS(resp.c_str(), R"("AccountStatus":"Imported")");
    CHECK_CONTAINS(resp.c_str(), R"("AccountStatus":"NotImported")");

    emu.control(R"({"op":"fault","path":"im_open_login_svc/account_check","error_code":70169})");
    bool thrown = false;
    try {
        client.call("im_open_login_svc/account_check", check);
    } catch (const chatadmin::Error& e) {
        thrown = true;
        CHECK(e.kind() == CHATADMIN_API);
        CHECK(e.code() && *e.code() == 70169);
    }
    CHECK(thrown);
    const std::string hits =
        emu.control(R"({"op":"hits","path":"im_open_login_svc/account_check"})");
    CHECK_CONTAINS(hits.c_str(), R"("hits":2)");

    // A refused control request throws, with the status of the HTTP control routes.
    thrown = false;
    try {
        emu.control(R"({"op":"fault","path":"sns/friend_delete"})");
    } catch (const chatadmin::Error& e) {
        thrown = true;
        CHECK(e.kind() == CHATADMIN_VALIDATION);
        CHECK(e.body() && e.body()->find(R"("status":400)") != std::string::npos);
    }
    CHECK(thrown);
    thrown = false;
    try {
        emu.control("not json");
    } catch (const chatadmin::Error& e) {
        thrown = e.kind() == CHATADMIN_INVALID_JSON;
    }
    CHECK(thrown);
    thrown = false;
    try {
        emu.control(std::string{"{\"op\":\"state\"}\0", 15});
    } catch (const std::invalid_argument&) {
        thrown = true;
    }
    CHECK(thrown);
}

void test_move_threads_and_options()
{
    chatadmin::Emulator first{SDKAPPID, KEY, chatadmin::RateLimit::off, "admin2"};
    const std::string url = first.url();
    chatadmin::Emulator emu = std::move(first); // move-only: the emulator keeps running
    CHECK(emu.url() == url);
    const chatadmin::Client client = client_of(emu);

    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++) {
        threads.emplace_back([&client, &emu, t] {
            for (int i = 0; i < 5; i++) {
                const std::string id = "u" + std::to_string(t) + "_" + std::to_string(i);
                client.call("im_open_login_svc/account_import", R"({"UserID":")" + id + R"("})");
                emu.control(R"({"op":"state"})");
            }
        });
    }
    for (auto& t : threads)
        t.join();
    const std::string hits =
        emu.control(R"({"op":"hits","path":"im_open_login_svc/account_import"})");
    CHECK_CONTAINS(hits.c_str(), R"("hits":20)");
    const std::string state = emu.control(R"({"op":"state"})");
    CHECK_CONTAINS(state.c_str(), R"("admin":"admin2")");

    bool thrown = false;
    try {
        chatadmin::Emulator bad{SDKAPPID, KEY, chatadmin::RateLimit::per_second};
    } catch (const chatadmin::Error& e) {
        thrown = e.kind() == CHATADMIN_CONFIG;
    }
    CHECK(thrown);
}

} // namespace

int main()
{
    try {
        test_calls_faults_and_hits();
        test_move_threads_and_options();
    } catch (const std::exception& e) {
        fprintf(stderr, "unexpected exception: %s\n", e.what());
        return 1;
    }
    return test_finish("emulator_cpp");
}
