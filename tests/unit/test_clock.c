/* test_clock.c — civil dates and times: parse, format, weekday. */
#include "unit.h"

static void round_trip(const char *in, const char *want)
{
	sr_time t;
	char out[SR_TIME_LEN];
	CHECK(sr_time_parse(in, &t));
	sr_time_format(t, out);
	CHECK_EQ_STR(out, want);
}

TEST(clock_time_round_trip)
{
	round_trip("2026-03-02 10:00", "2026-03-02 10:00:00");
	round_trip("2026-03-02 10:00:59", "2026-03-02 10:00:59");
	round_trip("2026-03-02T23:59:01", "2026-03-02 23:59:01");
	round_trip("2026-03-02", "2026-03-02 00:00:00");
	round_trip("1999-12-31 23:59:59", "1999-12-31 23:59:59");
	round_trip("2024-02-29 12:00", "2024-02-29 12:00:00");
}

TEST(clock_date_round_trip)
{
	sr_date d;
	char out[SR_DATE_LEN];
	CHECK(sr_date_parse("2026-03-02", &d));
	sr_date_format(d, out);
	CHECK_EQ_STR(out, "2026-03-02");
	sr_date_format(d + 30, out);
	CHECK_EQ_STR(out, "2026-04-01");
	sr_date_format(d - 1, out);
	CHECK_EQ_STR(out, "2026-03-01");
	sr_date_format(d - 2, out);
	CHECK_EQ_STR(out, "2026-02-28");
	int y, m, dd;
	sr_date_to_civil(d, &y, &m, &dd);
	CHECK_EQ_INT(y, 2026);
	CHECK_EQ_INT(m, 3);
	CHECK_EQ_INT(dd, 2);
	CHECK_EQ_INT(sr_time_date(sr_date_start(d) + 86399), d);
	CHECK_EQ_INT(sr_time_from_civil(2026, 3, 2, 10, 0, 0), sr_date_start(d) + 36000);
}

TEST(clock_invalid_dates_refused)
{
	sr_time t;
	sr_date d;
	CHECK(!sr_time_parse("2026-02-30", &t));
	CHECK(!sr_date_parse("2026-02-30", &d));
	CHECK(!sr_date_parse("2026-02-29", &d));   /* 2026 is not a leap year */
	CHECK(sr_date_parse("2024-02-29", &d));
	CHECK(!sr_date_parse("2100-02-29", &d));   /* century, not leap */
	CHECK(sr_date_parse("2000-02-29", &d));
	CHECK(!sr_time_parse("2026-04-31", &t));
	CHECK(!sr_time_parse("2026-13-01", &t));
	CHECK(!sr_time_parse("2026-00-10", &t));
	CHECK(!sr_time_parse("2026-03-02 24:00", &t));
	CHECK(!sr_time_parse("2026-03-02 10:60", &t));
	CHECK(!sr_time_parse("2026-3-2", &t));
	CHECK(!sr_time_parse("20260302", &t));
	CHECK(!sr_time_parse("", &t));
	CHECK(!sr_time_parse(NULL, &t));
	CHECK(!sr_time_parse("2026-03-02 10:00 ", &t));
	CHECK(!sr_date_parse("2026-03-02 10:00", &d)); /* a date is only a date */
}

TEST(clock_weekday)
{
	sr_date d;
	CHECK(sr_date_parse("2026-03-02", &d));
	CHECK_EQ_INT(sr_date_weekday(d), 1);      /* Monday */
	CHECK_EQ_INT(sr_date_weekday(d + 6), 7);  /* Sunday */
	CHECK(sr_date_parse("1970-01-01", &d));
	CHECK_EQ_INT(sr_date_weekday(d), 4);      /* Thursday */
	CHECK(sr_date_parse("1969-12-28", &d));
	CHECK_EQ_INT(sr_date_weekday(d), 7);      /* before the epoch: Sunday */
}

TEST(clock_db_fixed_now)
{
	char today[SR_DATE_LEN];
	fx_open();
	fx_date(0, today);
	CHECK_EQ_STR(today, "2026-03-02");
	fx_now("2026-12-31 23:00");
	fx_date(1, today);
	CHECK_EQ_STR(today, "2027-01-01");
}

/* A clock set by hand (--now, SHOWROOM_NOW): the documented forms only,
 * 2000-2099 (issue 12); sr_time_parse keeps its 'T' for its other callers. */
TEST(clock_set_by_hand_exact_forms)
{
	sr_time t;
	char out[SR_TIME_LEN];
	CHECK(sr_time_parse_clock("2026-03-02", &t));
	CHECK(sr_time_parse_clock("2026-03-02 10:00", &t));
	CHECK(sr_time_parse_clock("2000-01-01 00:00:00", &t));
	CHECK(sr_time_parse_clock("2099-12-31 23:59:59", &t));
	sr_time_format(t, out);
	CHECK_EQ_STR(out, "2099-12-31 23:59:59");
	sr_date_format(sr_time_date(t) + 400, out);
	CHECK_EQ_STR(out, "2101-02-04");
	CHECK(!sr_time_parse_clock("1970-01-01", &t));          /* would be 0: "not set" */
	CHECK(!sr_time_parse_clock("1999-12-31 23:59:59", &t));
	CHECK(!sr_time_parse_clock("2100-01-01", &t));
	CHECK(!sr_time_parse_clock("9999-12-31 23:59:59", &t));
	CHECK(!sr_time_parse_clock("2026-01-01T10:00", &t));
	CHECK(!sr_time_parse_clock("2026-02-29", &t));
	CHECK(!sr_time_parse_clock("2026-03-02 10:00 ", &t));
	CHECK(!sr_time_parse_clock("", &t));
	CHECK(!sr_time_parse_clock(NULL, &t));
	CHECK(sr_time_parse("2026-01-01T10:00", &t));
}
