/* A tiny application built only with what scripts/install-c.sh installs:
 *   cc pkgconfig_app.c $(pkg-config --cflags --libs chatadmin) */
#include <chatadmin.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    char *sig = NULL;
    chatadmin_error *err = NULL;
    if (strcmp(chatadmin_version(), CHATADMIN_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", CHATADMIN_VERSION_STRING, chatadmin_version());
        return 1;
    }
    if (chatadmin_usersig_generate(1400000000, "key", "administrator", 86400, 0, NULL, 0, &sig,
                                   &err) != CHATADMIN_OK ||
        chatadmin_usersig_verify(1400000000, "key", "administrator", 0, NULL, 0, sig, &err) !=
            CHATADMIN_OK) {
        fprintf(stderr, "%s\n", chatadmin_error_message(err));
        chatadmin_error_free(err);
        chatadmin_string_free(sig);
        return 1;
    }
    chatadmin_string_free(sig);
    printf("libchatadmin %s works\n", chatadmin_version());
    return 0;
}
