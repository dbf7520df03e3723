/* demo_core.c — the one demo generator core: the random generator, the
 * tables of how cards arrive, the sources' costs, and the small draws both
 * generators make alike. */
#include <stdio.h>
#include <string.h>
#include "demo_int.h"

uint64_t sr_rng_next(sr_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int sr_rng_int(sr_rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)(sr_rng_next(r) % (uint64_t)(hi - lo + 1));
}

bool sr_rng_per(sr_rng *r, int permille)
{
	return (int)(sr_rng_next(r) % 1000) < permille;
}

int sr_rng_pick(sr_rng *r, const int *w, int n)
{
	int64_t sum = 0;
	for (int i = 0; i < n; i++)
		sum += w[i] > 0 ? w[i] : 0;
	if (sum <= 0)
		return -1;
	int64_t x = (int64_t)(sr_rng_next(r) % (uint64_t)sum);
	for (int i = 0; i < n; i++) {
		if (w[i] <= 0)
			continue;
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

int sr_rng_skew(sr_rng *r, int max)
{
	uint64_t a = sr_rng_next(r) % 1000, b = sr_rng_next(r) % 1000;
	return max <= 0 ? 0 : (int)((uint64_t)max * a * b / 999000);
}

/* ---- how cards arrive ------------------------------------------------------ */

const char *const demo_src_codes[S_COUNT] = {
	NULL,     "autohome", "bitauto",  "pcauto",   "netease",    "cheshi",  "weibo", "forum",
	"video",  "groupbuy", "qq",       "referral", "repurchase", "passing", "hotline", "event",
};

/* Monthly cost in yuan of the paid media sources. */
const int demo_src_cost_yuan[S_COUNT] = {
	[S_AUTOHOME] = 30000, [S_BITAUTO] = 20000, [S_PCAUTO] = 8000, [S_NETEASE] = 5000,
	[S_CHESHI] = 5000,    [S_WEIBO] = 3000,    [S_VIDEO] = 4000,  [S_GROUPBUY] = 2000,
	[S_EVENT] = 15000,
};

const int demo_src_weight[K_COUNT][S_COUNT] = {
	[K_WALKIN] = {[S_NONE] = 8, [S_PASSING] = 30, [S_REFERRAL] = 15, [S_AUTOHOME] = 14,
	              [S_BITAUTO] = 10, [S_PCAUTO] = 5, [S_WEIBO] = 3, [S_VIDEO] = 4,
	              [S_GROUPBUY] = 3, [S_QQ] = 2, [S_FORUM] = 2, [S_NETEASE] = 2},
	[K_DCC_IN] = {[S_HOTLINE] = 30, [S_AUTOHOME] = 25, [S_BITAUTO] = 20, [S_PCAUTO] = 8,
	              [S_NETEASE] = 5, [S_CHESHI] = 5, [S_GROUPBUY] = 4, [S_WEIBO] = 3},
	[K_DCC_OUT] = {[S_AUTOHOME] = 35, [S_BITAUTO] = 30, [S_PCAUTO] = 12, [S_NETEASE] = 8,
	               [S_CHESHI] = 8, [S_QQ] = 4, [S_FORUM] = 3},
	[K_CONS_PHONE] = {[S_REFERRAL] = 60, [S_HOTLINE] = 20, [S_QQ] = 10, [S_WEIBO] = 10},
	[K_OUTREACH] = {[S_EVENT] = 70, [S_GROUPBUY] = 10, [S_REFERRAL] = 20},
	[K_WHOLESALE] = {[S_REFERRAL] = 60, [S_EVENT] = 40},
	[K_NONE_WALK] = {[S_NONE] = 40, [S_PASSING] = 40, [S_AUTOHOME] = 10, [S_BITAUTO] = 10},
	[K_NONE_CALL] = {[S_HOTLINE] = 60, [S_AUTOHOME] = 25, [S_BITAUTO] = 15},
};

/* Weekday weights, Monday first: weekends are busy in the showroom, the
 * phones less so, motor shows happen on weekends. */
const int demo_kind_weekday[K_COUNT][7] = {
	[K_WALKIN] = {8, 8, 8, 9, 11, 20, 18},
	[K_DCC_IN] = {10, 10, 10, 10, 10, 8, 6},
	[K_DCC_OUT] = {10, 10, 10, 10, 10, 6, 2},
	[K_CONS_PHONE] = {10, 10, 10, 10, 10, 8, 6},
	[K_OUTREACH] = {3, 3, 3, 3, 5, 30, 30},
	[K_WHOLESALE] = {10, 10, 10, 10, 10, 4, 2},
	[K_NONE_WALK] = {8, 8, 8, 9, 11, 20, 18},
	[K_NONE_CALL] = {10, 10, 10, 10, 10, 8, 6},
};

const int demo_slot_hours[SLOT_COUNT][24] = {
	[SLOT_VISIT] = {[9] = 3, [10] = 10, [11] = 10, [12] = 4, [13] = 5, [14] = 9, [15] = 10,
	                [16] = 9, [17] = 5, [18] = 2},
	[SLOT_CALL] = {[9] = 6, [10] = 9, [11] = 8, [12] = 3, [13] = 5, [14] = 8, [15] = 8,
	               [16] = 7, [17] = 5, [18] = 2},
	[SLOT_OFFICE] = {[9] = 5, [10] = 6, [11] = 5, [13] = 3, [14] = 5, [15] = 5, [16] = 5,
	                 [17] = 3},
	[SLOT_EVENT] = {[9] = 4, [10] = 8, [11] = 8, [13] = 6, [14] = 8, [15] = 6},
	[SLOT_EVENING] = {[18] = 6, [19] = 3},
};

/* Walk-in 50%, phone 35% (inbound, outbound, consultant), outreach 15%. */
const int demo_kind_share[K_COUNT] = {
	[K_WALKIN] = 500, [K_DCC_IN] = 160, [K_DCC_OUT] = 100, [K_CONS_PHONE] = 90,
	[K_OUTREACH] = 125, [K_WHOLESALE] = 25,
};

sr_status demo_costs(sr_rng *r, sr_date first, sr_date today, bool (*has)(void *ctx, int src),
                     sr_status (*write)(void *ctx, int src, const char *month, int64_t cents),
                     void *ctx)
{
	int y, m, d, ty, tm;
	sr_date_to_civil(first, &y, &m, &d);
	sr_date_to_civil(today, &ty, &tm, &d);
	sr_status st = SR_OK;
	for (int month = y * 12 + m - 1; st == SR_OK && month <= ty * 12 + tm - 1; month++) {
		char text[16];
		snprintf(text, sizeof text, "%04d-%02d", month / 12, month % 12 + 1);
		for (int i = 1; i < S_COUNT && st == SR_OK; i++) {
			if (!demo_src_cost_yuan[i] || !has(ctx, i))
				continue;
			int64_t yuan = demo_src_cost_yuan[i] * (int64_t)sr_rng_int(r, 80, 120) / 100;
			st = write(ctx, i, text, yuan / 100 * 100 * 100);
		}
	}
	return st;
}

void demo_vin(sr_rng *r, const char *wmi, char vin[18])
{
	static const char chars[] = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
	memcpy(vin, wmi, 3);
	for (int i = 3; i < 17; i++)
		vin[i] = chars[sr_rng_int(r, 0, (int)sizeof chars - 2)];
	vin[17] = '\0';
}

int demo_lateness(sr_rng *r)
{
	int x = sr_rng_int(r, 0, 99);
	return x < 80 ? 0 : x < 94 ? sr_rng_int(r, 1, 2) : sr_rng_int(r, 3, 6);
}
