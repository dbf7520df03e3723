/* clock.c — civil dates and times without time zones.
 * Days from civil after Howard Hinnant's public-domain algorithm. */
#include <string.h>
#include <time.h>
#include "showroom/clock.h"

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void sr_date_to_civil(sr_date z0, int *year, int *month, int *day)
{
	int64_t z = (int64_t)z0 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (m <= 2));
	*month = m;
	*day = d;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

sr_time sr_time_from_civil(int year, int month, int day, int hour, int min, int sec)
{
	return days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* The one parser behind both entry points: T_OK lets a 'T' stand for the
 * space, the years are checked against [ymin, ymax]. */
static bool parse_time(const char *text, bool t_ok, int ymin, int ymax, sr_time *out)
{
	int y, mo, d, h = 0, mi = 0, s = 0;
	if (!text)
		return false;
	size_t len = strlen(text);
	if (len != 10 && len != 16 && len != 19)
		return false;
	if (!digits(text, 4, &y) || text[4] != '-' || !digits(text + 5, 2, &mo) ||
	    text[7] != '-' || !digits(text + 8, 2, &d))
		return false;
	if (len >= 16) {
		if ((text[10] != ' ' && !(t_ok && text[10] == 'T')) || !digits(text + 11, 2, &h) ||
		    text[13] != ':' || !digits(text + 14, 2, &mi))
			return false;
		if (len == 19 && (text[16] != ':' || !digits(text + 17, 2, &s)))
			return false;
	}
	if (y < ymin || y > ymax || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 23 || mi > 59 || s > 59)
		return false;
	*out = sr_time_from_civil(y, mo, d, h, mi, s);
	return true;
}

bool sr_time_parse(const char *text, sr_time *out)
{
	return parse_time(text, true, 1900, 9999, out);
}

bool sr_time_parse_clock(const char *text, sr_time *out)
{
	return parse_time(text, false, SR_CLOCK_YEAR_MIN, SR_CLOCK_YEAR_MAX, out);
}

bool sr_date_parse(const char *text, sr_date *out)
{
	sr_time t;
	if (!text || strlen(text) != 10 || !sr_time_parse(text, &t))
		return false;
	*out = sr_time_date(t);
	return true;
}

sr_date sr_time_date(sr_time t)
{
	int64_t d = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return (sr_date)d;
}

sr_time sr_date_start(sr_date d)
{
	return (sr_time)d * 86400;
}

/* Write n digits of v (non-negative) at out. Dates are always four-digit
 * years here, so no printf width surprises. */
static void put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void sr_date_format(sr_date d, char out[SR_DATE_LEN])
{
	int y, m, dd;
	sr_date_to_civil(d, &y, &m, &dd);
	if (y < 0)
		y = 0;
	put_digits(out, y % 10000, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, dd, 2);
	out[10] = '\0';
}

void sr_time_format(sr_time t, char out[SR_TIME_LEN])
{
	sr_date d = sr_time_date(t);
	int64_t secs = t - sr_date_start(d);
	sr_date_format(d, out);
	out[10] = ' ';
	put_digits(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(secs % 60), 2);
	out[19] = '\0';
}

int sr_date_weekday(sr_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((int64_t)d + 3) % 7);
	if (w < 0)
		w += 7;
	return w + 1;
}

sr_time sr_time_system_now(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return sr_time_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	                          tm.tm_min, tm.tm_sec);
}

bool sr_month_valid(const char *m)
{
	if (!m || strlen(m) != 7 || m[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (m[i] < '0' || m[i] > '9'))
			return false;
	int month = (m[5] - '0') * 10 + (m[6] - '0');
	return month >= 1 && month <= 12;
}
