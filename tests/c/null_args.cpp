// chatadmin.hpp with NULL and NUL-containing string arguments: a NULL (as std::getenv returns
// for an unset variable) is a chatadmin::Error with the C library's message, never an abort;
// a std::string with a NUL inside is std::invalid_argument. Needs no emulator.
#include <chatadmin.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

static int failures = 0;

template <typename F>
static void expect_null_error(const char* what, F&& f, const char* argument)
{
    const std::string wanted = std::string{"argument `"} + argument + "` must not be NULL";
    try {
        f();
        std::printf("FAIL %s: no exception\n", what);
        ++failures;
    } catch (const chatadmin::Error& e) {
        if (e.kind() != CHATADMIN_NULL_ARGUMENT || std::strstr(e.what(), wanted.c_str()) == nullptr) {
            std::printf("FAIL %s: kind %s, message \"%s\"\n", what, chatadmin::status_str(e.kind()), e.what());
            ++failures;
        }
    } catch (const std::exception& e) {
        std::printf("FAIL %s: %s instead of chatadmin::Error\n", what, e.what());
        ++failures;
    }
}

int main()
{
    const char* unset = std::getenv("CHATADMIN_NULL_ARGS_TEST_SURELY_UNSET");
    if (unset != nullptr) {
        std::printf("FAIL: CHATADMIN_NULL_ARGS_TEST_SURELY_UNSET is set\n");
        return 1;
    }
    expect_null_error("secret_key(getenv(unset))",
                      [&] { chatadmin::ClientBuilder(1400000000).secret_key(unset); }, "key");
    expect_null_error("secret_key(nullptr)",
                      [] { chatadmin::ClientBuilder(1400000000).secret_key(nullptr); }, "key");
    expect_null_error("region(NULL)", [&] { chatadmin::ClientBuilder(1400000000).region(unset); }, "name");
    expect_null_error("base_url(NULL)", [&] { chatadmin::ClientBuilder(1400000000).base_url(unset); }, "url");
    expect_null_error("admin(NULL)", [&] { chatadmin::ClientBuilder(1400000000).admin(unset); }, "identifier");
    expect_null_error("usersig::generate key", [&] { chatadmin::usersig::generate(1400000000, unset, "alice"); }, "key");
    expect_null_error("usersig::inspect", [&] { chatadmin::usersig::inspect(unset); }, "sig");
    expect_null_error("check_request path", [&] { chatadmin::check_request(unset, "{}"); }, "wire_path");

    // Strings still work, from literals, std::string and char buffers alike.
    const std::string key = "key";
    const char id[] = "alice";
    const std::string sig = chatadmin::usersig::generate(1400000000, key, id);
    chatadmin::usersig::verify(1400000000, "key", std::string{id}, sig);

    try {
        chatadmin::usersig::generate(1400000000, std::string{"k\0ey", 4}, "alice");
        std::printf("FAIL: a NUL inside a std::string passed\n");
        ++failures;
    } catch (const std::invalid_argument&) {
    }

    if (failures == 0)
        std::printf("all checks passed\n");
    return failures == 0 ? 0 : 1;
}
