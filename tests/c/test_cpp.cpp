// The C++17 wrapper (include/chatadmin.hpp), end to end: UserSig against the spec vectors,
// chatadmin::Error with its details, the client against the emulator, std::thread sharing
// one client. See testlib.h for the environment it needs.
#include "chatadmin.hpp"
#include "testlib.h"

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace
{

const std::uint64_t SDKAPPID = 1400000000;
const std::string KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const std::uint64_t TIME = 1569910200;
const std::uint64_t EXPIRE = 15552000;
const std::string V1_SIG = "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY=";
const std::string V2_COMPACT =
    "eJw9zEELwiAcBfDv4jmGs1lu0GkRUd0chMeWbv2zDdEZg*i7J5a92-s9eC-UnHj2VBZViGQYLWIHqcYJOoic0El9"
    "MQYkqvIC--Jd1GzAquCUUvLXCYZoq7LMMUnqnbKt78KvOB-u6Rr6AG299PTq3YP3bOvWR0HZcOO6sbMf7c5TLLXU"
    "tdgXwDbo-QEmHTZF";
const std::string V3_USERBUF_B64 = "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA";
const std::string V3_SIG = "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=";

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Runs `f`, which must throw chatadmin::Error; returns it.
template <typename F>
std::optional<chatadmin::Error> expect_error(F&& f)
{
    try
    {
        f();
    }
    catch (const chatadmin::Error& e)
    {
        return e;
    }
    return std::nullopt;
}

void test_version()
{
    CHECK_STR_EQ(chatadmin::version(), CHATADMIN_VERSION_STRING);
    CHECK_STR_EQ(chatadmin::status_str(CHATADMIN_VALIDATION), "validation");
}

void test_usersig()
{
    namespace us = chatadmin::usersig;
    std::string sig = us::generate(SDKAPPID, KEY, "0", EXPIRE, TIME);
    CHECK(contains(us::inspect(sig), "\"TLS.sig\":\"" + V1_SIG + "\""));
    us::verify(SDKAPPID, KEY, "0", sig, TIME);

    std::string v2 = us::generate(SDKAPPID, KEY, "0", EXPIRE, TIME, std::string{"abc"});
    CHECK(v2 == V2_COMPACT);
    us::verify(SDKAPPID, KEY, "0", v2, TIME, std::string{"abc"});

    std::string pmk = us::private_map_key(SDKAPPID, KEY, "xiaojun", 10000, CHATADMIN_PRIV_ALL, EXPIRE, 1700000000);
    std::string doc = us::inspect(pmk);
    CHECK(contains(doc, "\"TLS.userbuf\":\"" + V3_USERBUF_B64 + "\""));
    CHECK(contains(doc, "\"TLS.sig\":\"" + V3_SIG + "\""));
    CHECK(!us::private_map_key(SDKAPPID, KEY, "xiaojun", std::string{"room-a"}, CHATADMIN_PRIV_ENTER, 60).empty());

    // Each failed check surfaces as chatadmin::Error with the check.
    struct Case
    {
        std::uint64_t sdkappid;
        std::string key, identifier, sig;
        std::uint64_t now;
        std::optional<std::string> userbuf;
        chatadmin_usersig_check expected;
    };
    const std::vector<Case> cases = {
        {SDKAPPID, KEY, "0", "garbage", TIME, std::nullopt, CHATADMIN_USERSIG_CHECK_MALFORMED},
        {SDKAPPID + 1, KEY, "0", sig, TIME, std::nullopt, CHATADMIN_USERSIG_CHECK_SDKAPPID_MISMATCH},
        {SDKAPPID, KEY, "1", sig, TIME, std::nullopt, CHATADMIN_USERSIG_CHECK_IDENTIFIER_MISMATCH},
        {SDKAPPID, KEY, "0", sig, TIME + EXPIRE + 1, std::nullopt, CHATADMIN_USERSIG_CHECK_EXPIRED},
        {SDKAPPID, KEY, "0", v2, TIME, std::nullopt, CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH},
        {SDKAPPID, KEY, "0", sig, TIME, std::string{""}, CHATADMIN_USERSIG_CHECK_USERBUF_MISMATCH},
        {SDKAPPID, "wrong", "0", sig, TIME, std::nullopt, CHATADMIN_USERSIG_CHECK_SIGNATURE_MISMATCH},
        {SDKAPPID, "", "0", sig, TIME, std::nullopt, CHATADMIN_USERSIG_CHECK_INVALID_INPUT},
    };
    for (const auto& c : cases)
    {
        auto e = expect_error([&] { us::verify(c.sdkappid, c.key, c.identifier, c.sig, c.now, c.userbuf); });
        CHECK(e.has_value());
        if (!e)
            continue;
        CHECK(e->kind() == CHATADMIN_USERSIG);
        if (e->usersig_check() != c.expected)
        {
            fprintf(stderr, "expected %s, got %s: %s\n", chatadmin::usersig_check_str(c.expected),
                    chatadmin::usersig_check_str(e->usersig_check()), e->what());
            test_failures++;
        }
        CHECK(!e->code().has_value());
        CHECK(!e->body().has_value());
        CHECK(!e->message().empty());
    }

    // A NUL inside a std::string cannot cross a C string boundary.
    bool threw = false;
    try
    {
        us::generate(SDKAPPID, std::string{"k\0ey", 4}, "0");
    }
    catch (const std::invalid_argument&)
    {
        threw = true;
    }
    CHECK(threw);
}

void test_catalog()
{
    CHECK(contains(chatadmin::endpoints_json(), "\"path\":\"sns/group_delete\""));
    CHECK(chatadmin::check_request("sns/friend_delete", R"({"From_Account":"a","To_Account":["b"]})") ==
          R"({"From_Account":"a","To_Account":["b"]})");
    auto e = expect_error([] { chatadmin::check_request("sns/friend_delete", "[1,"); });
    CHECK(e && e->kind() == CHATADMIN_INVALID_JSON);
}

chatadmin::Client make_client()
{
    chatadmin::ClientBuilder builder{std::stoull(test_env("CHATADMIN_TEST_SDKAPPID"))};
    builder.secret_key(test_env("CHATADMIN_TEST_KEY"))
        .base_url(test_env("CHATADMIN_TEST_BASE_URL"))
        .timeout(std::chrono::seconds{5})
        .total_timeout(std::chrono::seconds{20})
        .retry_policy(2, std::chrono::milliseconds{10}, std::chrono::milliseconds{100}, 2.0, true)
        .rate_limit(chatadmin::RateLimit::per_second, 1000);
    // Moving the builder keeps its settings.
    chatadmin::ClientBuilder moved = std::move(builder);
    return moved.build();
}

void test_client()
{
    auto e = expect_error([] { chatadmin::ClientBuilder{1400000000}.build(); });
    CHECK(e && e->kind() == CHATADMIN_CONFIG);
    e = expect_error([] { chatadmin::ClientBuilder{1400000000}.region("atlantis"); });
    CHECK(e && e->kind() == CHATADMIN_CONFIG);

    chatadmin::Client client = make_client();
    CHECK(emu_reset());
    CHECK(contains(client.call("im_open_login_svc/account_import", R"({"UserID":"cpp_bob"})"), "\"ErrorCode\":0"));
    const std::string checked =
        client.call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"cpp_bob"}]})");
    CHECK(contains(checked, "\"AccountStatus\":\"Imported\""));

    e = expect_error([&] { client.call("group_open_http_svc/destroy_group", R"({"GroupId":"@TGS#none"})"); });
    CHECK(e.has_value());
    if (e)
    {
        CHECK(e->kind() == CHATADMIN_API);
        CHECK(e->code() == std::optional<std::int64_t>{10010});
        CHECK(e->body() && contains(*e->body(), "10010"));
        CHECK(!e->retryable());
    }

    std::string groups;
    for (int i = 0; i < 33; i++)
        groups += (i ? ",\"g" : "\"g") + std::to_string(i) + "\"";
    e = expect_error([&] {
        client.call("sns/group_delete", R"({"From_Account":"cpp_bob","GroupName":[)" + groups + "]}");
    });
    CHECK(e && e->kind() == CHATADMIN_VALIDATION);
    CHECK(emu_hits("sns/group_delete") == 0);

    // A paged read walked with chatadmin::next_page: 7 blocked accounts, 3 per page.
    std::string blocked;
    for (int i = 0; i < 7; i++)
        blocked += (i ? ",\"cpp_b" : "\"cpp_b") + std::to_string(i) + "\"";
    client.call("im_open_login_svc/multiaccount_import", R"({"Accounts":[)" + blocked + "]}");
    CHECK(contains(client.call("sns/black_list_add", R"({"From_Account":"cpp_bob","To_Account":[)" + blocked + "]}"),
                   "\"ErrorCode\":0"));
    std::optional<std::string> request = std::string{R"({"From_Account":"cpp_bob","MaxLimited":3})"};
    std::size_t entries = 0;
    int pages = 0;
    while (request && pages < 10)
    {
        const std::string page = client.call("sns/black_list_get", *request);
        entries += count_occurrences(page.c_str(), "\"To_Account\"");
        pages++;
        request = chatadmin::next_page("sns/black_list_get", *request, page);
    }
    CHECK(pages == 3);
    CHECK(entries == 7);
    CHECK(!chatadmin::next_page("sns/friend_delete", R"({"From_Account":"a","To_Account":["b"]})",
                                R"({"ActionStatus":"OK","ErrorCode":0,"ResultItem":[]})"));

    // Copies share one client; std::thread calls it concurrently.
    chatadmin::Client shared = client;
    CHECK(shared.c_handle() == client.c_handle());
    std::atomic<int> ok{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; t++)
    {
        threads.emplace_back([shared, t, &ok, &failed] {
            for (int i = 0; i < 10; i++)
            {
                try
                {
                    const std::string out = shared.call(
                        "im_open_login_svc/account_check",
                        R"({"CheckItem":[{"UserID":"cpp_bob"},{"UserID":"t)" + std::to_string(t) + "\"}]}");
                    (contains(out, "\"Imported\"") ? ok : failed)++;
                }
                catch (const chatadmin::Error& err)
                {
                    fprintf(stderr, "thread %d: %s\n", t, err.what());
                    failed++;
                }
            }
        });
    }
    for (auto& th : threads)
        th.join();
    CHECK(ok == 80);
    CHECK(failed == 0);
    CHECK(emu_hits("im_open_login_svc/account_check") == 81);
}

} // namespace

int main()
{
    test_version();
    test_usersig();
    test_catalog();
    test_client();
    return test_finish("test_cpp");
}
