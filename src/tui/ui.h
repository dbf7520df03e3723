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

/* Every string the user reads goes through the "showroom" catalogue, checked
 * by sr_i18n_text (a translation with other printf conversions than the
 * original's is not used); N_ marks strings in tables that are translated
 * where they are shown. */
#define _(s) sr_i18n_text(s)
#define N_(s) s
#define P_(s, p, n) sr_i18n_plural(s, p, (unsigned long)(n))

#endif
