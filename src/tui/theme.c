/* theme.c — the colour meanings and their monochrome fallback.
 *
 * Colours go on the terminal's own background (use_default_colors) so
 * light and dark terminals both stay readable. NO_COLOR (no-color.org):
 * when set to anything non-empty, no colour at all, only bold, reverse and
 * underline. */
#include <stdlib.h>
#include "theme.h"

struct elem_style {
	short fg, bg;
	attr_t color_attr; /* with colour */
	attr_t mono_attr;  /* without */
};

static const struct elem_style styles[TH_COUNT] = {
	[TH_NORMAL]      = { -1, -1, A_NORMAL, A_NORMAL },
	[TH_TITLE]       = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[TH_HINT]        = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TH_HINT_KEY]    = { COLOR_WHITE, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
	[TH_STATUS]      = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[TH_ERROR]       = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[TH_SELECTED]    = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[TH_HEADING]     = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[TH_LABEL]       = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[TH_FIELD]       = { -1, -1, A_UNDERLINE, A_UNDERLINE },
	[TH_FIELD_FOCUS] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[TH_OVERDUE]     = { COLOR_RED, -1, A_NORMAL, A_BOLD },
	[TH_DIM]         = { -1, -1, A_DIM, A_DIM },
	[TH_MARKED]      = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[TH_LEVEL_O]     = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[TH_LEVEL_H]     = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[TH_LEVEL_A]     = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[TH_LEVEL_B]     = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[TH_LEVEL_C]     = { COLOR_BLUE, -1, A_NORMAL, A_NORMAL },
	[TH_LEVEL_N]     = { -1, -1, A_DIM, A_NORMAL },
};

static bool use_color;

void theme_init(void)
{
	const char *nc = getenv("NO_COLOR");
	use_color = !(nc && *nc) && has_colors();
	if (!use_color)
		return;
	start_color();
	/* A terminal without "default colours" gets white on black. */
	bool defaults = use_default_colors() == OK;
	for (int e = 1; e < TH_COUNT && e < COLOR_PAIRS; e++) {
		short fg = styles[e].fg, bg = styles[e].bg;
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)e, fg, bg);
	}
}

bool theme_has_color(void)
{
	return use_color;
}

attr_t theme_attr(enum theme_elem e)
{
	if (e < 0 || e >= TH_COUNT)
		e = TH_NORMAL;
	if (!use_color)
		return styles[e].mono_attr;
	if (e == TH_NORMAL)
		return A_NORMAL;
	return (attr_t)COLOR_PAIR(e) | styles[e].color_attr;
}

enum theme_elem theme_level(char level)
{
	switch (level) {
	case 'O': return TH_LEVEL_O;
	case 'H': return TH_LEVEL_H;
	case 'A': return TH_LEVEL_A;
	case 'B': return TH_LEVEL_B;
	case 'C': return TH_LEVEL_C;
	case 'N': return TH_LEVEL_N;
	default: return TH_NORMAL;
	}
}
