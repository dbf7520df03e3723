/* demo_bulk.h — the large demo's own types: demo_bulk.c sets up the
 * staff and the statements and lays out the days, demo_bulk_life.c
 * writes each card's life. Private to those two files. */
#ifndef SHOWROOM_DEMO_BULK_H
#define SHOWROOM_DEMO_BULK_H

#include "card_rules.h"
#include "demo_int.h"

enum {
	BULK_YEARS_DAYS = 5 * 365 + 1,
	STAFF_AT_1M = 200,            /* users at a million cards, fewer below */
	FU_MAX = 80,                  /* follow-ups of one card at most */
	RING = 4096,                  /* recent customers kept for repeat buyers */
	SAVED_MAX = 64,               /* indexes and triggers set aside */
	DAY_MAX = 8192,               /* cards filed on one day at most */
};

enum outcome { O_ACTIVE, O_ORDER, O_DORMANT, O_SOLD, O_LOST, O_COUNT };

/* ---- the generator's state ------------------------------------------------------ */

enum role_pool { P_CONS, P_RECEP, P_MGR, P_DCC_IN, P_DCC_OUT, P_SUPER, P_SERVICE, P_COUNT };

struct pool {
	int64_t *id;
	int *weight;
	int n;
};

struct person {
	char name[48], phone[16];
	char gender[2];
	bool sold;
};

enum stmt { Q_CARD, Q_FU, Q_TRAFFIC, Q_APPT, Q_ORDER, Q_LOSS, Q_ASSIGN, Q_CALLBACK, Q_COUNT };

struct saved {
	char *name, *sql;
	bool trigger;
};

struct bulk {
	sr_db *db;
	uint64_t seed;
	sr_time limit;
	sr_date first, today;
	int rc;                      /* first SQLite error, SQLITE_OK while fine */
	const char *what;            /* the statement that failed */
	sqlite3_stmt *q[Q_COUNT];
	struct pool pool[P_COUNT];
	int64_t wholesale;           /* the wholesale consultant */
	int64_t models[32];
	int nmodels;
	int64_t src[S_COUNT];
	char fl[6][SR_CODE_MAX];     /* follow-up level by intent rank */
	int offsets[8], noffsets;    /* callback days after delivery */
	struct person ring[RING];
	int64_t nring;
	struct saved saved[SAVED_MAX];
	int nsaved;
	int64_t cards, card_id, followups, traffic, orders, sold, lost;
};

/* One card while its life is drawn. */
struct life {
	struct bulk *b;
	sr_rng r;
	int64_t id, owner, filer, model, source;
	enum kind kind;
	bool dcc;                    /* owned by a DCC caller (until a visit) */
	bool will_visit;
	char level, level0, target;
	sr_date next;                /* next follow-up date as stored */
	sr_time cursor;              /* the card's last event */
	int visits, nfu;
	bool intro, nego, drive;
	unsigned ans;                /* bit per key question answered */
	int64_t last_traffic;        /* the traffic row of the last visit */
	sr_time visit1, visit2, drive_at; /* the report's facts (cards_kpi) */
	sr_time order_at, cancelled; /* the order, written once its fate is known */
	char order_before;
	struct person who;
};


/* demo_bulk.c: plumbing */
void bk_step(struct bulk *b, enum stmt i, const char *what);
void bind_text(sqlite3_stmt *q, int i, const char *s);
void bind_id(sqlite3_stmt *q, int i, int64_t id);
void bind_time(sqlite3_stmt *q, int i, sr_time t);
void bind_date(sqlite3_stmt *q, int i, sr_date d);
void bind_level(sqlite3_stmt *q, int i, char level);
int64_t pool_pick(struct bulk *b, enum role_pool p, sr_rng *r);
int level_rank(char level);
int interval(sr_rng *r, char level);
sr_time at_hour(sr_rng *r, sr_date d, const int *hours);
void gen_name(sr_rng *r, bool female, char *out, size_t outlen);
int64_t add_traffic(struct bulk *b, bool walkin, sr_time in, sr_time out, int persons,
                    int64_t consultant, int64_t model, int64_t source, int64_t card,
                    const char *result, int64_t by);
void add_assign(struct bulk *b, int64_t card, int64_t from, int64_t to, int64_t by,
                sr_time at, const char *reason);
void add_appt(struct bulk *b, int64_t card, sr_date date, int64_t consultant, const char *status,
              int64_t traffic, int64_t by, sr_time at, sr_time resolved);

/* demo_bulk_life.c: one card's life */
int64_t pick_source(struct bulk *b, sr_rng *r, enum kind k);
void bulk_card(struct bulk *b, int64_t id, sr_time t0, enum kind k);

#endif
