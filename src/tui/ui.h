/* ui.h — what every file of the terminal UI includes: wide-character
 * curses, gettext, the core API. */
#ifndef SHOWROOM_TUI_UI_H
#define SHOWROOM_TUI_UI_H

/* The wide-character half of curses (get_wch, add_wch, ...). */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <libintl.h>
#include "showroom.h"

/* Every string the user reads goes through the "showroom" catalogue; N_
 * marks strings in tables that are translated where they are shown. */
#define _(s) dgettext("showroom", s)
#define N_(s) s

#endif
