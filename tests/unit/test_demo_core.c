/* test_demo_core.c — the demo generators' one random generator and cost
 * loop: the same seed gives the same numbers (splitmix64), weights pick as
 * weighted, and the costs go month by month over the paid sources. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

TEST(demo_rng_is_splitmix64)
{
	sr_rng r = {0};
	/* the reference sequence of splitmix64 from 0 */
	CHECK(sr_rng_next(&r) == 0xE220A8397B1DCDAFull);
	CHECK(sr_rng_next(&r) == 0x6E789E6AA1B965F4ull);
	sr_rng a = {42}, b = {42};
	for (int i = 0; i < 100; i++)
		CHECK_EQ_INT(sr_rng_int(&a, 3, 9), sr_rng_int(&b, 3, 9));
	for (int i = 0; i < 100; i++) {
		int v = sr_rng_int(&a, 3, 9);
		CHECK(v >= 3 && v <= 9);
	}
	CHECK_EQ_INT(sr_rng_int(&a, 5, 5), 5);
}

TEST(demo_rng_pick_and_skew)
{
	sr_rng r = {7};
	static const int none[3] = {0, 0, 0}, one[4] = {0, -3, 5, 0};
	CHECK_EQ_INT(sr_rng_pick(&r, none, 3), -1);
	for (int i = 0; i < 20; i++)
		CHECK_EQ_INT(sr_rng_pick(&r, one, 4), 2);
	sr_rng s = {7}, t = {7};
	CHECK_EQ_INT(sr_rng_skew(&s, 0), 0);
	sr_rng_next(&t);
	sr_rng_next(&t);
	CHECK(s.s == t.s); /* a skew draws twice, room or not */
	for (int i = 0; i < 50; i++) {
		int v = sr_rng_skew(&s, 30);
		CHECK(v >= 0 && v <= 30);
	}
}

struct cost_log {
	int n;
	char first[8], last[8];
};

static bool all_sources(void *ctx, int src)
{
	(void)ctx;
	return src != S_WEIBO;
}

static sr_status log_cost(void *ctx, int src, const char *month, int64_t cents)
{
	struct cost_log *l = ctx;
	if (!l->n)
		snprintf(l->first, sizeof l->first, "%s", month);
	snprintf(l->last, sizeof l->last, "%s", month);
	l->n++;
	if (src == S_NONE || src == S_WEIBO || cents % 10000 || cents <= 0)
		return SR_RULE;
	return SR_OK;
}

TEST(demo_costs_month_by_month)
{
	sr_rng r = {1};
	struct cost_log l = {0};
	sr_date first, today;
	CHECK(sr_date_parse("2025-11-20", &first));
	CHECK(sr_date_parse("2026-02-03", &today));
	CHECK_EQ_INT(demo_costs(&r, first, today, all_sources, log_cost, &l), SR_OK);
	int paid = 0;
	for (int i = 1; i < S_COUNT; i++)
		paid += demo_src_cost_yuan[i] && i != S_WEIBO;
	CHECK_EQ_INT(l.n, 4 * paid);
	CHECK_EQ_STR(l.first, "2025-11");
	CHECK_EQ_STR(l.last, "2026-02");
}
