/*
 * chatadmin.hpp: a header-only C++17 wrapper of chatadmin.h (libchatadmin), the server-side
 * SDK for the Tencent Cloud Chat (formerly Tencent IM) REST API.
 *
 * RAII objects instead of _new/_free pairs, std::string in and out, and failures thrown as
 * chatadmin::Error. It adds no behaviour of its own: every call goes straight to the C API
 * (see chatadmin.h and docs/ABI.md for what each one does).
 *
 *     #include <chatadmin.hpp>
 *
 *     chatadmin::Client client = chatadmin::ClientBuilder(1400000000)
 *                                    .secret_key(key)
 *                                    .region("singapore")
 *                                    .build();
 *     try {
 *         std::string resp = client.call("im_open_login_svc/account_check",
 *                                        R"({"CheckItem":[{"UserID":"alice"}]})");
 *     } catch (const chatadmin::Error& e) {
 *         if (e.code()) std::cerr << "service error " << *e.code() << "\n";
 *         std::cerr << e.what() << "\n";
 *     }
 *
 * Threads: a chatadmin::Client may be used (and copied: copies share one client) from any
 * number of threads at once; a ClientBuilder belongs to one thread at a time. Calls block.
 *
 * Strings passed in must not contain NUL bytes (std::invalid_argument otherwise). UserSigs
 * returned as std::string are credentials: the library wipes its own copy, this one is yours.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */
#ifndef CHATADMIN_HPP
#define CHATADMIN_HPP

#if (defined(_MSVC_LANG) && _MSVC_LANG < 201703L) || (!defined(_MSVC_LANG) && __cplusplus < 201703L)
#error "chatadmin.hpp needs C++17 or later (e.g. -std=c++17); from older C++ use chatadmin.h"
#else

#include "chatadmin.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace chatadmin
{

/** The library version at run time (compare with CHATADMIN_VERSION_STRING). */
inline const char* version() noexcept
{
    return ::chatadmin_version();
}

/** A stable lowercase name of a status ("ok", "validation", ..., "unknown"). */
inline const char* status_str(::chatadmin_status status) noexcept
{
    return ::chatadmin_status_str(status);
}

/** A stable snake_case name of a UserSig check ("none", "malformed", "expired", ...). */
inline const char* usersig_check_str(::chatadmin_usersig_check check) noexcept
{
    return ::chatadmin_usersig_check_str(check);
}

/**
 * A failure of any chatadmin call, with the details of the C error object.
 *
 * `kind()` is the status the C function returned (CHATADMIN_VALIDATION, CHATADMIN_API, ...);
 * `code()` is the service's ErrorCode for CHATADMIN_API errors and `body()` the whole response
 * body when there is one; `usersig_check()` says which check failed for CHATADMIN_USERSIG.
 */
class Error : public std::runtime_error
{
public:
    /** The status the failing C function returned. */
    ::chatadmin_status kind() const noexcept
    {
        return _kind;
    }

    /** The service's ErrorCode, for CHATADMIN_API errors. */
    std::optional<std::int64_t> code() const noexcept
    {
        return _code;
    }

    /** The message (the same as what()). */
    std::string message() const
    {
        return what();
    }

    /** Whether repeating the call could succeed (see chatadmin_error_retryable). */
    bool retryable() const noexcept
    {
        return _retryable;
    }

    /** The whole response body (JSON) of a CHATADMIN_API error, when there is one. */
    const std::optional<std::string>& body() const noexcept
    {
        return _body;
    }

    /**
     * For a split call that failed part-way, `{"parts", "succeeded", "completed"}` as JSON
     * (see chatadmin_error_partial); otherwise std::nullopt.
     */
    const std::optional<std::string>& partial() const noexcept
    {
        return _partial;
    }

    /** For CHATADMIN_USERSIG errors, the check that failed; otherwise ..._CHECK_NONE. */
    ::chatadmin_usersig_check usersig_check() const noexcept
    {
        return _usersig_check;
    }

    /**
     * Takes ownership of `err` (which may be NULL), copies its details and frees it.
     * `status` is what the failing function returned.
     */
    static Error from_c(::chatadmin_status status, ::chatadmin_error* err)
    {
        const std::unique_ptr<::chatadmin_error, decltype(&::chatadmin_error_free)> owned{
            err, &::chatadmin_error_free};
        const char* msg = ::chatadmin_error_message(err);
        std::string message = msg ? std::string{msg} : std::string{::chatadmin_status_str(status)};
        std::optional<std::int64_t> code;
        std::int64_t c = 0;
        if (::chatadmin_error_code(err, &c))
            code = c;
        std::optional<std::string> body;
        if (const char* b = ::chatadmin_error_body(err))
            body = std::string{b};
        std::optional<std::string> partial;
        if (const char* p = ::chatadmin_error_partial(err))
            partial = std::string{p};
        return Error{status,
                     std::move(message),
                     code,
                     ::chatadmin_error_retryable(err),
                     std::move(body),
                     std::move(partial),
                     ::chatadmin_error_usersig_check(err)};
    }

private:
    Error(::chatadmin_status kind,
          std::string message,
          std::optional<std::int64_t> code,
          bool retryable,
          std::optional<std::string> body,
          std::optional<std::string> partial,
          ::chatadmin_usersig_check usersig_check)
        : std::runtime_error{message}
        , _kind{kind}
        , _code{code}
        , _retryable{retryable}
        , _body{std::move(body)}
        , _partial{std::move(partial)}
        , _usersig_check{usersig_check}
    {
    }

    ::chatadmin_status _kind;
    std::optional<std::int64_t> _code;
    bool _retryable;
    std::optional<std::string> _body;
    std::optional<std::string> _partial;
    ::chatadmin_usersig_check _usersig_check;
};

namespace detail
{

struct string_deleter
{
    void operator()(char* s) const noexcept
    {
        ::chatadmin_string_free(s);
    }
};

/**
 * Calls `f(chatadmin_error **err)` and throws its error object (taking ownership) when it
 * fails. The status is read before the error pointer, which the call itself writes.
 */
template <typename F>
void call(F&& f)
{
    ::chatadmin_error* err = nullptr;
    const ::chatadmin_status status = f(&err);
    if (status != CHATADMIN_OK)
        throw Error::from_c(status, err);
}

/**
 * A string argument: a std::string, a string literal or any `const char*`, including NULL (as
 * `std::getenv` returns for an unset variable), which the C function then reports as
 * chatadmin::Error "argument `name` must not be NULL" instead of crashing here. Only valid
 * for the duration of the call it is passed to.
 */
class Text
{
public:
    Text(const char* s) noexcept // NOLINT(google-explicit-constructor): implicit on purpose
        : _s{s}
    {
    }
    Text(const std::string& s) noexcept // NOLINT(google-explicit-constructor)
        : _s{s.c_str()}
        , _size{s.size()}
    {
    }
    Text(std::nullptr_t) noexcept // NOLINT(google-explicit-constructor)
    {
    }

    /** The C string (NULL stays NULL); `name` is the argument's name for errors. */
    const char* c_str(const char* name) const
    {
        // The C API takes NUL-terminated strings, so NULs inside a std::string cannot pass.
        if (_s != nullptr && _size != npos && std::char_traits<char>::length(_s) != _size)
            throw std::invalid_argument{std::string{"chatadmin: argument `"} + name +
                                        "` contains a NUL byte"};
        return _s;
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    const char* _s = nullptr;
    std::size_t _size = npos;
};

/** A string argument for the C API (NULL passes through, for the C function to report). */
inline const char* arg(const Text& s, const char* name)
{
    return s.c_str(name);
}

/** Calls `f(char **out, chatadmin_error **err)` and returns its string output. */
template <typename F>
std::string string_call(F&& f)
{
    char* out = nullptr;
    call([&](::chatadmin_error** err) { return f(&out, err); });
    const std::unique_ptr<char, string_deleter> owned{out};
    return std::string{owned.get()};
}

inline const std::uint8_t* bytes(const std::optional<std::string>& b) noexcept
{
    return b ? reinterpret_cast<const std::uint8_t*>(b->data()) : nullptr;
}

} // namespace detail

/** Client-side rate limiting modes (see ClientBuilder::rate_limit). */
enum class RateLimit : std::uint32_t
{
    documented = CHATADMIN_RATE_LIMIT_DOCUMENTED,
    off = CHATADMIN_RATE_LIMIT_OFF,
    per_second = CHATADMIN_RATE_LIMIT_PER_SECOND,
};

/**
 * The client of one app. Copies share the same underlying client (and its connection pool,
 * admin UserSig cache and rate limiter); the last copy frees it. Thread-safe; calls block.
 */
class Client
{
public:
    /**
     * Calls an endpoint by wire path ("sns/friend_delete") with a JSON body and returns the
     * JSON response. Throws chatadmin::Error (CHATADMIN_VALIDATION before anything is sent,
     * CHATADMIN_API with code() and body() when the service refuses, ...).
     */
    std::string call(detail::Text wire_path, detail::Text json) const
    {
        const char* path = detail::arg(wire_path, "wire_path");
        const char* body = detail::arg(json, "json");
        return detail::string_call([&](char** out, ::chatadmin_error** err) {
            return ::chatadmin_client_call(_impl.get(), path, body, out, err);
        });
    }

    /** The C handle, for calling the C API directly (owned by this object). */
    const ::chatadmin_client* c_handle() const noexcept
    {
        return _impl.get();
    }

private:
    explicit Client(::chatadmin_client* impl)
        : _impl{impl, &::chatadmin_client_free}
    {
    }

    std::shared_ptr<::chatadmin_client> _impl;

    friend class ClientBuilder;
};

/**
 * Configures and builds a Client. Every setter returns *this for chaining; bad values are
 * reported by build() (CHATADMIN_CONFIG). Move-only; use from one thread at a time.
 */
class ClientBuilder
{
public:
    explicit ClientBuilder(std::uint64_t sdkappid)
        : _impl{::chatadmin_client_builder_new(sdkappid), &::chatadmin_client_builder_free}
    {
        if (!_impl)
            throw Error::from_c(CHATADMIN_PANIC, nullptr);
    }

    /** The app's secret key; the library's copy is wiped when the builder/client is freed. */
    ClientBuilder& secret_key(detail::Text key)
    {
        return set_str(::chatadmin_client_builder_secret_key, key, "key");
    }

    /** The admin account calls are made as (default "administrator"). */
    ClientBuilder& admin(detail::Text identifier)
    {
        return set_str(::chatadmin_client_builder_admin, identifier, "identifier");
    }

    /** The app's data center by name ("singapore", "china", ...). */
    ClientBuilder& region(detail::Text name)
    {
        return set_str(::chatadmin_client_builder_region, name, "name");
    }

    /** A custom base URL (a gateway, or the emulator) instead of a region. */
    ClientBuilder& base_url(detail::Text url)
    {
        return set_str(::chatadmin_client_builder_base_url, url, "url");
    }

    /** A proxy for all traffic. */
    ClientBuilder& proxy(detail::Text url)
    {
        return set_str(::chatadmin_client_builder_proxy, url, "url");
    }

    /** The User-Agent header. */
    ClientBuilder& user_agent(detail::Text user_agent)
    {
        return set_str(::chatadmin_client_builder_user_agent, user_agent, "user_agent");
    }

    /** The time allowed to open a connection. */
    ClientBuilder& connect_timeout(std::chrono::milliseconds t)
    {
        return set_ms(::chatadmin_client_builder_connect_timeout_ms, t);
    }

    /** The time allowed for one attempt. */
    ClientBuilder& timeout(std::chrono::milliseconds t)
    {
        return set_ms(::chatadmin_client_builder_timeout_ms, t);
    }

    /** The time allowed for a whole call, retries included. */
    ClientBuilder& total_timeout(std::chrono::milliseconds t)
    {
        return set_ms(::chatadmin_client_builder_total_timeout_ms, t);
    }

    /** How failed attempts are retried (see chatadmin_client_builder_retry_policy). */
    ClientBuilder& retry_policy(std::uint32_t max_attempts,
                                std::chrono::milliseconds initial_backoff,
                                std::chrono::milliseconds max_backoff,
                                double multiplier,
                                bool jitter)
    {
        detail::call([&](::chatadmin_error** err) {
            return ::chatadmin_client_builder_retry_policy(_impl.get(),
                                                           max_attempts,
                                                           ms(initial_backoff),
                                                           ms(max_backoff),
                                                           multiplier,
                                                           jitter,
                                                           err);
        });
        return *this;
    }

    /** Client-side rate limiting; `per_second` applies to RateLimit::per_second only. */
    ClientBuilder& rate_limit(RateLimit mode, std::uint32_t per_second = 0)
    {
        const auto m = static_cast<::chatadmin_rate_limit>(static_cast<std::uint32_t>(mode));
        detail::call([&](::chatadmin_error** err) {
            return ::chatadmin_client_builder_rate_limit(_impl.get(), m, per_second, err);
        });
        return *this;
    }

    /** Limits one endpoint to `per_second` calls per second. */
    ClientBuilder& rate_limit_for(detail::Text wire_path, std::uint32_t per_second)
    {
        const char* path = detail::arg(wire_path, "wire_path");
        detail::call([&](::chatadmin_error** err) {
            return ::chatadmin_client_builder_rate_limit_for(_impl.get(), path, per_second, err);
        });
        return *this;
    }

    /** The validity of the admin UserSig the client signs. */
    ClientBuilder& usersig_ttl(std::chrono::seconds ttl)
    {
        const auto secs = ttl.count() < 0 ? 0 : static_cast<std::uint64_t>(ttl.count());
        detail::call([&](::chatadmin_error** err) {
            return ::chatadmin_client_builder_usersig_ttl(_impl.get(), secs, err);
        });
        return *this;
    }

    /** Checks the configuration and builds a client; the builder stays usable. */
    Client build() const
    {
        ::chatadmin_client* client = nullptr;
        detail::call([&](::chatadmin_error** err) {
            return ::chatadmin_client_builder_build(_impl.get(), &client, err);
        });
        return Client{client};
    }

private:
    using setter_str = ::chatadmin_status (*)(::chatadmin_client_builder*,
                                              const char*,
                                              ::chatadmin_error**);
    using setter_ms = ::chatadmin_status (*)(::chatadmin_client_builder*,
                                             std::uint64_t,
                                             ::chatadmin_error**);

    static std::uint64_t ms(std::chrono::milliseconds t) noexcept
    {
        return t.count() < 0 ? 0 : static_cast<std::uint64_t>(t.count());
    }

    ClientBuilder& set_str(setter_str f, detail::Text value, const char* name)
    {
        const char* v = detail::arg(value, name);
        detail::call([&](::chatadmin_error** err) { return f(_impl.get(), v, err); });
        return *this;
    }

    ClientBuilder& set_ms(setter_ms f, std::chrono::milliseconds t)
    {
        detail::call([&](::chatadmin_error** err) { return f(_impl.get(), ms(t), err); });
        return *this;
    }

    std::unique_ptr<::chatadmin_client_builder, decltype(&::chatadmin_client_builder_free)> _impl{
        nullptr, &::chatadmin_client_builder_free};
};

/**
 * The offline emulator of the service, running on background threads of this process
 * (chatadmin_emulator_start_with): a game server's tests need nothing else installed.
 * Starts on a free loopback port in milliseconds; the destructor stops it. Move-only;
 * url() and control() may be called from any thread.
 *
 *     chatadmin::Emulator emu(1400000000, "test-key");
 *     chatadmin::Client client = emu.client_builder().build();
 *     emu.control(R"({"op":"accounts","UserID":["alice","bob"]})");
 *     emu.control(R"({"op":"fault","path":"sns/friend_delete","error_code":30006})");
 *     // ... exercise the code under test with `client` ...
 *     std::string hits = emu.control(R"({"op":"hits","path":"sns/friend_delete"})");
 */
class Emulator
{
public:
    /**
     * Starts an emulator of the app `sdkappid` whose UserSigs are signed with `key`.
     * `rate_limit` is RateLimit::documented (each API at its documented rate) or
     * RateLimit::off. Throws chatadmin::Error (CHATADMIN_CONFIG) when it cannot start.
     */
    Emulator(std::uint64_t sdkappid,
             const std::string& key,
             RateLimit rate_limit = RateLimit::documented,
             const std::string& admin = "administrator")
        : _sdkappid{sdkappid}
        , _key{key}
        , _admin{admin}
    {
        const char* k = detail::arg(_key, "key");
        const char* a = detail::arg(_admin, "admin");
        const auto rl = static_cast<::chatadmin_rate_limit>(static_cast<std::uint32_t>(rate_limit));
        ::chatadmin_emulator* emu = nullptr;
        detail::call([&](::chatadmin_error** err) {
            return ::chatadmin_emulator_start_with(sdkappid, k, a, rl, nullptr, &emu, err);
        });
        _impl.reset(emu);
    }

    /** `http://127.0.0.1:PORT`: the base URL to give a client (empty once moved from). */
    std::string url() const
    {
        const char* u = ::chatadmin_emulator_url(_impl.get());
        return u ? std::string{u} : std::string{};
    }

    /** The emulated app's SDKAppID. */
    std::uint64_t sdkappid() const noexcept
    {
        return _sdkappid;
    }

    /**
     * Applies a control request, `{"op": "...", ...}` (see chatadmin_emulator_control), and
     * returns the answer as JSON. Throws chatadmin::Error for a refused request
     * (CHATADMIN_VALIDATION, CHATADMIN_USERSIG for a refused login UserSig,
     * CHATADMIN_INVALID_JSON), with body() = {"error", "status", "kind"?}.
     */
    std::string control(const std::string& request_json) const
    {
        const char* req = detail::arg(request_json, "request_json");
        return detail::string_call([&](char** out, ::chatadmin_error** err) {
            return ::chatadmin_emulator_control(_impl.get(), req, out, err);
        });
    }

    /**
     * A ClientBuilder for this emulator: its SDKAppID, key, admin and URL are set; add
     * options (retry_policy, rate_limit, ...) and build().
     */
    ClientBuilder client_builder() const
    {
        ClientBuilder b{_sdkappid};
        b.secret_key(_key).admin(_admin).base_url(url());
        return b;
    }

    /** The C handle, for calling the C API directly (owned by this object). */
    const ::chatadmin_emulator* c_handle() const noexcept
    {
        return _impl.get();
    }

private:
    std::uint64_t _sdkappid;
    std::string _key;
    std::string _admin;
    std::unique_ptr<::chatadmin_emulator, decltype(&::chatadmin_emulator_free)> _impl{
        nullptr, &::chatadmin_emulator_free};
};

/** Every endpoint chatadmin knows, as a JSON array (see chatadmin_endpoints_json). */
inline std::string endpoints_json()
{
    return detail::string_call(
        [](char** out, ::chatadmin_error** err) { return ::chatadmin_endpoints_json(out, err); });
}

/** Validates a request offline and returns the exact body chatadmin would send. */
inline std::string check_request(detail::Text wire_path, detail::Text json)
{
    const char* path = detail::arg(wire_path, "wire_path");
    const char* body = detail::arg(json, "json");
    return detail::string_call([&](char** out, ::chatadmin_error** err) {
        return ::chatadmin_check_request(path, body, out, err);
    });
}

/**
 * The body of the page after `response` for a paged read (sns/friend_get,
 * sns/black_list_get), or std::nullopt after the last page (see chatadmin_next_page).
 */
inline std::optional<std::string> next_page(detail::Text wire_path,
                                            detail::Text request_json,
                                            detail::Text response_json)
{
    const char* path = detail::arg(wire_path, "wire_path");
    const char* req = detail::arg(request_json, "request_json");
    const char* resp = detail::arg(response_json, "response_json");
    char* out = nullptr;
    detail::call([&](::chatadmin_error** err) {
        return ::chatadmin_next_page(path, req, resp, &out, err);
    });
    if (out == nullptr) {
        return std::nullopt;
    }
    const std::unique_ptr<char, detail::string_deleter> owned{out};
    return std::string{owned.get()};
}

namespace usersig
{

/** Generates a UserSig (`now_unix` 0 = the system clock). */
inline std::string generate(std::uint64_t sdkappid,
                            detail::Text key,
                            detail::Text identifier,
                            std::uint64_t expire_secs = CHATADMIN_USERSIG_DEFAULT_EXPIRE,
                            std::uint64_t now_unix = 0,
                            const std::optional<std::string>& userbuf = std::nullopt)
{
    const char* k = detail::arg(key, "key");
    const char* id = detail::arg(identifier, "identifier");
    return detail::string_call([&](char** out, ::chatadmin_error** err) {
        return ::chatadmin_usersig_generate(sdkappid,
                                            k,
                                            id,
                                            expire_secs,
                                            now_unix,
                                            detail::bytes(userbuf),
                                            userbuf ? userbuf->size() : 0,
                                            out,
                                            err);
    });
}

/**
 * Verifies a UserSig; throws chatadmin::Error (kind CHATADMIN_USERSIG, usersig_check() the
 * failed check) when it is not valid. `userbuf` std::nullopt expects none.
 */
inline void verify(std::uint64_t sdkappid,
                   detail::Text key,
                   detail::Text identifier,
                   detail::Text sig,
                   std::uint64_t now_unix = 0,
                   const std::optional<std::string>& userbuf = std::nullopt)
{
    const char* k = detail::arg(key, "key");
    const char* id = detail::arg(identifier, "identifier");
    const char* s = detail::arg(sig, "sig");
    detail::call([&](::chatadmin_error** err) {
        return ::chatadmin_usersig_verify(sdkappid,
                                          k,
                                          id,
                                          now_unix,
                                          detail::bytes(userbuf),
                                          userbuf ? userbuf->size() : 0,
                                          s,
                                          err);
    });
}

/** Decodes a UserSig without verifying it; returns the document as JSON. */
inline std::string inspect(detail::Text sig)
{
    const char* s = detail::arg(sig, "sig");
    return detail::string_call([&](char** out, ::chatadmin_error** err) {
        return ::chatadmin_usersig_inspect(s, out, err);
    });
}

/** A PrivateMapKey for a numeric room. */
inline std::string private_map_key(std::uint64_t sdkappid,
                                   detail::Text key,
                                   detail::Text identifier,
                                   std::uint32_t room_id,
                                   std::uint32_t privileges,
                                   std::uint64_t expire_secs,
                                   std::uint64_t now_unix = 0)
{
    const char* k = detail::arg(key, "key");
    const char* id = detail::arg(identifier, "identifier");
    return detail::string_call([&](char** out, ::chatadmin_error** err) {
        return ::chatadmin_private_map_key(
            sdkappid, k, id, room_id, nullptr, privileges, expire_secs, now_unix, out, err);
    });
}

/** A PrivateMapKey for a string room. */
inline std::string private_map_key(std::uint64_t sdkappid,
                                   detail::Text key,
                                   detail::Text identifier,
                                   detail::Text room,
                                   std::uint32_t privileges,
                                   std::uint64_t expire_secs,
                                   std::uint64_t now_unix = 0)
{
    const char* k = detail::arg(key, "key");
    const char* id = detail::arg(identifier, "identifier");
    const char* r = detail::arg(room, "room");
    return detail::string_call([&](char** out, ::chatadmin_error** err) {
        return ::chatadmin_private_map_key(
            sdkappid, k, id, 0, r, privileges, expire_secs, now_unix, out, err);
    });
}

} // namespace usersig

} // namespace chatadmin

#endif // C++17

#endif // CHATADMIN_HPP
