/* scr_report.h — what the report screen (scr_report.c) shares with its
 * two forms (scr_report_form.c): the filters on screen and the report on
 * screen to export. */
#ifndef SHOWROOM_TUI_SCR_REPORT_H
#define SHOWROOM_TUI_SCR_REPORT_H

#include <stdbool.h>
#include "screens.h"

/* The filters of `showroom report`, as chosen on screen: "" = not set.
 * from/to set a period of the user's own; empty, the screen's month or
 * year. */
struct report_filter {
	char from[SR_DATE_LEN], to[SR_DATE_LEN];
	char as_of[SR_TIME_LEN];
	char consultant[SR_LOGIN_MAX];
	char team[16], channel[16], type[16], by[24];
	char source[SR_CODE_MAX], model[SR_CODE_MAX];
};

/* The query of a report on screen: period (from, to) and filters. */
void report_filter_query(const struct report_filter *f, const char *from, const char *to,
                         sr_report_query *q);

/* The filter form: arg a struct report_filter_arg *. Saving runs the
 * report once with the new filters (the core refuses a bad date or an
 * unknown source there and then, and the form stays), then writes them
 * to *f and sets *changed. */
struct report_filter_arg {
	struct report_filter *f;
	const char *name;             /* the report on screen */
	const char *by;               /* its groupings ("" for none) */
	const char *from, *to;        /* the period on screen */
	bool *changed;
};
extern const struct screen_ops scr_report_filter;

/* The export form: arg the sr_report on screen (const sr_report *). Asks
 * for a file name and the format; writes through sr_report_export (the
 * export permission, the user's own rights, an audit row) and says where
 * the file went. */
extern const struct screen_ops scr_report_export;

#endif
