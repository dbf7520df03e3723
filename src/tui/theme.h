/* theme.h — colours as meanings (htop's ColorElements): screens ask for
 * "overdue" or "level A", never for red. Without colour (NO_COLOR set, or a
 * terminal that has none) every element falls back to plain attributes. */
#ifndef SHOWROOM_TUI_THEME_H
#define SHOWROOM_TUI_THEME_H

#include <stdbool.h>
#include "ui.h"

enum theme_elem {
	TH_NORMAL,
	TH_TITLE,      /* the title bar */
	TH_HINT,       /* the key hint line */
	TH_HINT_KEY,   /* a key name on the hint line */
	TH_STATUS,     /* an informational message */
	TH_ERROR,      /* a refusal or failure */
	TH_SELECTED,   /* the selected row */
	TH_HEADING,    /* table headers, section titles */
	TH_LABEL,      /* field labels */
	TH_FIELD,      /* an input field */
	TH_FIELD_FOCUS,/* the input field being edited */
	TH_OVERDUE,    /* overdue rows */
	TH_DIM,        /* secondary text */
	TH_MARKED,     /* marked rows */
	TH_LEVEL_O, TH_LEVEL_H, TH_LEVEL_A, TH_LEVEL_B, TH_LEVEL_C, TH_LEVEL_N,
	TH_COUNT
};

/* After initscr: decide colour or not (NO_COLOR, has_colors) and set up. */
void theme_init(void);
bool theme_has_color(void);
attr_t theme_attr(enum theme_elem e);
/* The element of an intent level letter ('O' ... 'N'); TH_NORMAL otherwise. */
enum theme_elem theme_level(char level);

#endif
