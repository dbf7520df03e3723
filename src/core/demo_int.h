/* demo_int.h — the one demo generator core (demo_core.c) the two
 * generators share: the played demo (demo.c) and the bulk one
 * (demo_bulk.c) draw from one random generator, one word list
 * (demo_words.h) and one table of sources and their costs. */
#ifndef SHOWROOM_DEMO_INT_H
#define SHOWROOM_DEMO_INT_H

#include "store.h"
#include "demo_words.h"

/* The large demo (demo_bulk.c): from this many cards sr_demo_generate
 * writes five years of a dealer group straight into an empty database. */
#define SR_DEMO_BULK_MIN 20000
sr_status sr_demo_bulk(sr_db *db, int64_t cards, uint64_t seed, sr_progress_fn progress,
                       void *ctx);

/* ---- one random generator: splitmix64, never rand() ---------------------
 *
 * Reproducible: the same seed gives the same numbers on every machine. */
typedef struct {
	uint64_t s;
} sr_rng;

uint64_t sr_rng_next(sr_rng *r);
/* lo..hi, both included */
int sr_rng_int(sr_rng *r, int lo, int hi);
/* True with a probability of permille/1000: integers keep it exact. */
bool sr_rng_per(sr_rng *r, int permille);
/* Index by weight (negative weights count as none); -1 when all are zero. */
int sr_rng_pick(sr_rng *r, const int *w, int n);
/* 0..max, most often small: how long a customer takes to decide. Draws
 * twice even when max <= 0 (and gives 0). */
int sr_rng_skew(sr_rng *r, int max);
/* One element of an array whose size the compiler knows. */
#define SR_RNG_ITEM(r, arr) ((arr)[sr_rng_int((r), 0, (int)(sizeof(arr) / sizeof *(arr)) - 1)])

/* ---- how cards arrive, shared by both generators --------------------------- */

enum src {
	S_NONE, S_AUTOHOME, S_BITAUTO, S_PCAUTO, S_NETEASE, S_CHESHI, S_WEIBO, S_FORUM, S_VIDEO,
	S_GROUPBUY, S_QQ, S_REFERRAL, S_REPURCHASE, S_PASSING, S_HOTLINE, S_EVENT, S_COUNT
};
/* How a card starts: who files it, and from what. */
enum kind {
	K_WALKIN,     /* the reception logs the batch, the consultant files from it */
	K_DCC_IN,     /* an inbound call: the DCC logs the call and files it */
	K_DCC_OUT,    /* an internet lead the outbound DCC calls and files */
	K_CONS_PHONE, /* a consultant's first call to a referred person */
	K_OUTREACH,   /* a motor show or street promotion */
	K_WHOLESALE,  /* a resale customer of the wholesale consultant */
	K_NONE_WALK,  /* visitors who left no details (traffic only) */
	K_NONE_CALL,  /* a sales call without details (traffic only) */
	K_COUNT
};
/* Time of day: the showroom peaks 10:00–12:00 and 14:00–17:00. */
enum slot { SLOT_VISIT, SLOT_CALL, SLOT_OFFICE, SLOT_EVENT, SLOT_EVENING, SLOT_COUNT };

extern const char *const demo_src_codes[S_COUNT];  /* NULL for S_NONE */
extern const int demo_src_cost_yuan[S_COUNT];      /* monthly, the paid media */
extern const int demo_kind_share[K_COUNT];         /* per mille of new cards */
extern const int demo_src_weight[K_COUNT][S_COUNT];
extern const int demo_kind_weekday[K_COUNT][7];    /* Monday first */
extern const int demo_slot_hours[SLOT_COUNT][24];

/* What the paid media cost each month from first to today's month, ±20%:
 * the one loop of both generators. has(ctx, src) says whether the store
 * has the source; write(ctx, src, "YYYY-MM", cents) records a month's cost. */
sr_status demo_costs(sr_rng *r, sr_date first, sr_date today, bool (*has)(void *ctx, int src),
                     sr_status (*write)(void *ctx, int src, const char *month, int64_t cents),
                     void *ctx);

/* A VIN after the manufacturer's code wmi ("LSG"). */
void demo_vin(sr_rng *r, const char *wmi, char vin[18]);
/* Days late a contact comes: most on the planned day, some late. */
int demo_lateness(sr_rng *r);

#endif
