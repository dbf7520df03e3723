/* demo_play.h — the played demo's own types (demo.c plans the run and
 * sets up the staff, demo_sim.c plays a card's contacts, demo_life.c files
 * it and plays how it ends). Private to those three files. */
#ifndef SHOWROOM_DEMO_PLAY_H
#define SHOWROOM_DEMO_PLAY_H

#include "store.h"
#include "demo_int.h"

/* The played demo's skew draws nothing when there is no room. */
static inline int skew(sr_rng *r, int max)
{
	return max <= 0 ? 0 : sr_rng_skew(r, max);
}

#define PICK(r, arr) SR_RNG_ITEM(r, arr)
#define PICK_OF(r, arr, n) ((arr)[sr_rng_int((r), 0, (n) - 1)])

/* ---- the run ------------------------------------------------------------ */

enum outcome { O_ACTIVE, O_ORDER, O_DORMANT, O_SOLD, O_LOST, O_COUNT };

/* One planned card (or traffic-only row), in filing order after sorting. */
struct plan {
	sr_time at;
	uint64_t seed;
	int idx;
	uint8_t kind, outcome;
	bool repeat, dup;
};

/* What later cards need to know of an earlier one (repeat customers and
 * duplicates share its person). */
struct result {
	char name[48];
	char phone[SR_PHONE_MAX];
	char gender[2];
	sr_time filed, sold;
	int64_t id;
	sr_card_status status;
	bool dcc_owned, dup_used;
};

struct level_bound {
	char code[SR_CODE_MAX];
	int max_days;
};

struct demo {
	sr_db *db;
	sr_time limit;           /* now at entry: the clock never passes it */
	sr_date today, first;
	char actor[SR_LOGIN_MAX]; /* login acting now; "" = not switched yet */
	sr_status fatal;
	int64_t refused;
	char refusal[SR_MSG_MAX];
	const char *cons[8], *recep[4], *mgr[4], *dcc_in[4], *dcc_out[4], *service[2];
	int ncons, nrecep, nmgr, nin, nout, nservice;
	const char *supervisor;  /* comments on the DCC's records; may be NULL */
	char wholesale[SR_LOGIN_MAX]; /* "" = no wholesale cards */
	char models[32][SR_CODE_MAX];
	int nmodels;
	bool has_source[S_COUNT];
	struct level_bound levels[16];
	int nlevels;
	char default_fl[6][SR_CODE_MAX]; /* by level rank O,H,A,B,C,N */
	struct plan *plan;
	struct result *res;
	size_t nplan;
};


enum flavor {
	F_PLAIN, F_PENDING, F_CANCEL, F_REJECT, F_TODCC, F_REACT, F_NEGLECT
};

struct sim {
	struct demo *g;
	sr_rng r;
	const struct plan *p;
	struct result *res;
	int64_t id;
	char owner[SR_LOGIN_MAX];
	bool dcc;                /* the owner is a DCC caller */
	sr_channel channel;
	char level, target;
	char fl[SR_CODE_MAX];
	int fl_max;
	sr_card_status status;
	sr_time cursor;          /* the card's last event */
	sr_date next;            /* the card's next follow-up date as stored */
	sr_date due;             /* when its owner will contact the customer next */
	sr_date until;           /* no appointment on or after this day */
	sr_date neglect_from;    /* 0, or the day the owner stops following up */
	sr_date decide;          /* 0, or the day of the planned order, loss or dormancy */
	int visits;
	bool intro, nego, drive;
	unsigned answers;        /* bit per key question answered */
	bool will_visit, full_visit;
	int show_permille, visit_permille;
	int64_t appt;
	sr_date appt_date;
	const char *appt_cons;
	bool dead;               /* a step was refused: stop this card here */
};


/* ---- follow-ups ---------------------------------------------------------- */

struct fu {
	sr_method method;
	char level;              /* 0 = let the customer drift */
	bool intro, nego, drive;
	int64_t traffic_id;
	const char *content;
	int days;                /* next contact in days; 0 = as the level suggests */
};


/* demo.c: small helpers */
sr_time slot_time(sr_rng *r, sr_date d, enum slot slot);
int level_max(const struct demo *g, const char *code);
const char *default_fl(const struct demo *g, char level);
int level_interval(sr_rng *r, char level);
char level_step(char from, char to);
const char *pick_src(struct demo *g, sr_rng *r, enum kind k);
const char *pick_consultant(struct demo *g, sr_rng *r);
sr_status demo_as(struct demo *g, const char *login, sr_time t);
bool demo_ok(struct demo *g, sr_status st);

/* demo_sim.c: a card's contacts */
struct result *find_dup(struct demo *g, size_t i);
const struct result *find_repeat(struct demo *g, sr_rng *r, size_t i);
void gen_person(struct demo *g, sr_rng *r, struct result *res);
bool sim_as(struct sim *s, const char *login, sr_time t);
void sim_court(struct sim *s, sr_date until);
bool sim_ok(struct sim *s, sr_status st);
bool sim_refresh(struct sim *s);
bool sim_visit(struct sim *s, sr_date d, struct fu *f, const char *cons);
bool sim_when(struct sim *s, sr_date d, enum slot slot, sr_time *out);
void visit_steps(struct sim *s, struct fu *f, bool buying);
/* demo_life.c: its filing and its end */
void sim_card(struct demo *g, size_t i);

#endif
