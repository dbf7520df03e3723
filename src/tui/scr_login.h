/* scr_login.h — the password login shown before the UI when the Unix
 * account maps to no user (a shared terminal). */
#ifndef SHOWROOM_TUI_SCR_LOGIN_H
#define SHOWROOM_TUI_SCR_LOGIN_H

#include <signal.h>
#include <stdbool.h>
#include "showroom.h"

/* Curses is started. Ask for a login and a password until the core accepts
 * them (the connection then acts as that user): true; false when the user
 * leaves with Esc or F10, or a signal arrives (*stop set by the handler). */
bool login_screen(sr_db *db, volatile sig_atomic_t *stop);

#endif
