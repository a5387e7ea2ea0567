/* include/chatadmin.h alone, compiled as strict C11 (-std=c11 -pedantic -Werror): it must
 * need nothing else and declare every type it uses. */
#include "chatadmin.h"

#if !defined(CHATADMIN_VERSION_MAJOR) || !defined(CHATADMIN_VERSION_MINOR) || \
    !defined(CHATADMIN_VERSION_PATCH) || !defined(CHATADMIN_VERSION_STRING)
#error "the version macros are missing"
#endif

int header_c_uses_the_declarations(void);

int header_c_uses_the_declarations(void) {
    chatadmin_status s = CHATADMIN_OK;
    chatadmin_usersig_check c = CHATADMIN_USERSIG_CHECK_NONE;
    chatadmin_rate_limit r = CHATADMIN_RATE_LIMIT_DOCUMENTED;
    chatadmin_status (*call)(const chatadmin_client *, const char *, const char *, char **,
                             chatadmin_error **) = chatadmin_client_call;
    return (int)s + (int)c + (int)r + (call != 0);
}
