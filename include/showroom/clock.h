/* clock.h — wall-clock time as the dealership sees it.
 *
 * Times are local civil time with no zone: seconds since 1970-01-01 00:00
 * of the local calendar (sr_time), dates are days since that day (sr_date).
 * The database stores them as 'YYYY-MM-DD HH:MM:SS' and 'YYYY-MM-DD'.
 * Every rule and list reads the clock of its connection (sr_db_now), which
 * tests and back-dated entry set with --now / SHOWROOM_NOW. */
#ifndef SHOWROOM_CLOCK_H
#define SHOWROOM_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t sr_time;
typedef int32_t sr_date;

#define SR_TIME_LEN 20 /* "YYYY-MM-DD HH:MM:SS" + NUL */
#define SR_DATE_LEN 11 /* "YYYY-MM-DD" + NUL */

/* Parse "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (a 'T'
 * may stand for the space). Returns false on anything else, including
 * impossible dates such as 2026-02-30. */
bool sr_time_parse(const char *text, sr_time *out);

/* The years a clock set by hand may name (--now, SHOWROOM_NOW). */
enum { SR_CLOCK_YEAR_MIN = 2000, SR_CLOCK_YEAR_MAX = 2099 };

/* Parse a clock set by hand: exactly "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or
 * "YYYY-MM-DD HH:MM:SS" (a space, no 'T') in the years above. Narrower than
 * sr_time_parse on purpose: a year far off is a typo, and dates computed
 * from it (a follow-up due in a year) must stay four-digit years; a time
 * before 2000 could also never be 0, which sr_db_set_now takes as "the
 * system clock". */
bool sr_time_parse_clock(const char *text, sr_time *out);
bool sr_date_parse(const char *text, sr_date *out);

void sr_time_format(sr_time t, char out[SR_TIME_LEN]);
void sr_date_format(sr_date d, char out[SR_DATE_LEN]);

sr_date sr_time_date(sr_time t);
sr_time sr_date_start(sr_date d);
sr_time sr_time_from_civil(int year, int month, int day, int hour, int min, int sec);
void sr_date_to_civil(sr_date d, int *year, int *month, int *day);
/* 1 = Monday ... 7 = Sunday */
int sr_date_weekday(sr_date d);

/* The local wall clock of this machine, now. */
sr_time sr_time_system_now(void);

/* "YYYY-MM" with a month 01-12 (a month of targets, of source costs). */
bool sr_month_valid(const char *month);

#endif
