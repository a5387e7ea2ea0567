// include/chatadmin.h and include/chatadmin.hpp, compiled as strict C++17 (-pedantic -Werror).
#include "chatadmin.h"
#include "chatadmin.hpp"

#include <type_traits>

static_assert(std::is_same_v<std::underlying_type_t<chatadmin_status>, std::uint32_t>,
              "chatadmin_status is 32 bits, as in C");
static_assert(CHATADMIN_PANIC == 103, "status numbers are stable");
static_assert(!std::is_copy_constructible_v<chatadmin::ClientBuilder>, "a builder has one owner");
static_assert(std::is_nothrow_move_constructible_v<chatadmin::ClientBuilder>, "builders move");
static_assert(std::is_copy_constructible_v<chatadmin::Client>, "client copies share one client");

int header_cpp_uses_the_declarations();

int header_cpp_uses_the_declarations()
{
    return chatadmin_status_str(CHATADMIN_OK) != nullptr;
}
