/* tui.h — the full-screen terminal UI (`showroom` with no command on a
 * terminal). */
#ifndef SHOWROOM_TUI_H
#define SHOWROOM_TUI_H

#include "showroom.h"

/* Run the UI on an open database whose acting user is already set, until
 * the user quits. lang_hint (e.g. "zh_CN", or NULL) picks the message
 * language over the locale's. Returns an sr_status: SR_OK, SR_USAGE when
 * not on a terminal, SR_IO when the terminal cannot be set up. */
int tui_run(sr_db *db, const char *lang_hint);

#endif
