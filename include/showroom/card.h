/* card.h — the customer card (客户信息卡): filing, reading, editing,
 * listing and searching.
 *
 * One card is one purchase opportunity for one vehicle. Status changes
 * (order, delivery, loss, dormancy, merge, reassignment) are in
 * lifecycle.h; follow-ups in followup.h. */
#ifndef SHOWROOM_CARD_H
#define SHOWROOM_CARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "showroom/clock.h"
#include "showroom/db.h"
#include "showroom/user.h"

typedef enum { SR_CHANNEL_WALKIN, SR_CHANNEL_PHONE, SR_CHANNEL_OUTREACH } sr_channel;
typedef enum {
	SR_STATUS_ACTIVE, SR_STATUS_ORDER, SR_STATUS_DORMANT, SR_STATUS_SOLD, SR_STATUS_LOST
} sr_card_status;
typedef enum { SR_CUSTOMER_RETAIL, SR_CUSTOMER_WHOLESALE } sr_customer_type;

/* The seven key questions (7个关键问题), in SPEC order: the key `card edit
 * --answer` takes, the column, the English label (shown through the
 * catalogue) and the staff's term, which is its translation. */
#define SR_ANSWER_LIST(X)                                                                 \
	X(SR_ANS_BUDGET,   "budget",   "ans_budget",   "Budget",            "购车预算")         \
	X(SR_ANS_CURRENT,  "current",  "ans_current",  "Current vehicle",   "现有车辆")         \
	X(SR_ANS_USAGE,    "usage",    "ans_usage",    "Usage and driving", "用途及驾驶环境")   \
	X(SR_ANS_COMPARE,  "compare",  "ans_compare",  "Models compared",   "对比车型及配置要求") \
	X(SR_ANS_PAYMENT,  "payment",  "ans_payment",  "Payment and funds", "付款方式及资金")   \
	X(SR_ANS_ADDONS,   "addons",   "ans_addons",   "Accessories",       "加装及精品需求")   \
	X(SR_ANS_USE_DATE, "use-date", "ans_use_date", "Planned use date",  "计划用车时间")

typedef enum {
#define SR_ANSWER_ENUM(id, key, column, label, zh) id,
	SR_ANSWER_LIST(SR_ANSWER_ENUM)
#undef SR_ANSWER_ENUM
	SR_ANS_COUNT
} sr_answer;

/* The most characters a card's typed fields hold: the one place of these
 * limits. The field table (sr_card_field_get) gives them to every check,
 * form and help text; the buffers below hold them. */
enum {
	SR_CARD_NAME_CHARS = 32,
	SR_PHONE_CHARS = 20,     /* as typed: spaces, dashes, +86 */
	SR_REGION_CHARS = 64,
	SR_ADDRESS_CHARS = 128,
	SR_ANSWER_CHARS = 200,
};
/* Bytes that hold n characters of UTF-8 and the NUL. */
#define SR_CHARS_BYTES(n) (4 * (n) + 1)

#define SR_PHONE_MAX 21
#define SR_ANSWER_MAX SR_CHARS_BYTES(SR_ANSWER_CHARS)
#define SR_TEXT_MAX 8001  /* 2000 characters */

/* The fields of a card that filing and `card edit` take, in the order of
 * `card edit` (the seven answers last, in SR_ANSWER_LIST order). The table
 * behind them (card_fields.c) gives each its key, column, label, limit and
 * kind; a new field is a row there, an entry here and a column in the
 * schema. */
typedef enum {
	SR_FIELD_NAME, SR_FIELD_PHONE, SR_FIELD_GENDER, SR_FIELD_REGION, SR_FIELD_ADDRESS,
	SR_FIELD_SOURCE, SR_FIELD_MODEL, SR_FIELD_EXPECTED, SR_FIELD_FOLLOWUP_LEVEL, SR_FIELD_NEXT,
	SR_FIELD_LEVEL,
	SR_FIELD_ANSWER0,        /* + sr_answer */
	SR_FIELD_COUNT = SR_FIELD_ANSWER0 + SR_ANS_COUNT
} sr_card_field_id;

typedef enum {
	SR_FIELD_KIND_NAME,      /* typed text that must be given */
	SR_FIELD_KIND_TEXT,      /* typed text, may be empty */
	SR_FIELD_KIND_ANSWER,    /* a key question: typed text; level H needs them all */
	SR_FIELD_KIND_PHONE,     /* normalised (sr_phone_normalize) */
	SR_FIELD_KIND_GENDER,    /* "", "M" or "F" */
	SR_FIELD_KIND_SOURCE,    /* a media source by code or name, stored as its id */
	SR_FIELD_KIND_MODEL,     /* a model by code, series or name, stored as its id */
	SR_FIELD_KIND_DATE,      /* YYYY-MM-DD or empty */
	SR_FIELD_KIND_FOLLOWUP_LEVEL, /* a follow-up level's code */
	SR_FIELD_KIND_NEXT,      /* the next follow-up date, within the follow-up level */
	SR_FIELD_KIND_LEVEL,     /* the intent level (sr_level_check) */
} sr_field_kind;

typedef struct {
	const char *key;         /* as `card edit` names it: "followup-level" */
	const char *column;      /* in the cards table: "followup_level" */
	const char *label;       /* English; shown through the catalogue */
	int max_chars;           /* typed text: the most characters; else how wide it is typed */
	sr_field_kind kind;
} sr_card_field;

/* The row of a field; NULL out of range. */
const sr_card_field *sr_card_field_get(sr_card_field_id f);
/* The most characters typed into field f (0 out of range). */
int sr_card_field_max(sr_card_field_id f);
/* The field of a `card edit` key, or -1. */
int sr_card_field_find(const char *key);
/* The keys, comma-separated, from..to-1 (into out): for help and messages. */
void sr_card_field_keys(sr_card_field_id from, sr_card_field_id to, char *out, size_t outlen);

typedef struct {
	int64_t id;
	char name[SR_NAME_MAX];
	char phone[SR_PHONE_MAX];
	char gender[2];          /* "", "M" or "F" */
	char region[SR_CHARS_BYTES(SR_REGION_CHARS)];
	char address[SR_CHARS_BYTES(SR_ADDRESS_CHARS)];
	sr_customer_type customer_type;
	sr_channel channel;
	int64_t source_id;       /* 0 when none */
	char source[129];        /* display name */
	int64_t model_id;        /* 0 when none */
	char model[129];         /* display: series model */
	char filed_at[SR_TIME_LEN];
	int64_t filed_by;
	int64_t owner_id;
	char owner_login[SR_LOGIN_MAX];
	char owner_name[SR_NAME_MAX];
	char level;              /* 'O','H','A','B','C','N' */
	char level_at_filing;
	char followup_level[33];
	char expected_purchase[SR_DATE_LEN]; /* "" when none */
	sr_card_status status;
	char answers[SR_ANS_COUNT][SR_ANSWER_MAX];
	bool step_intro, step_negotiation, step_test_drive;
	char next_date[SR_DATE_LEN];         /* "" when none */
	char loss_reason[16];                /* "" unless lost */
	char sold_at[SR_TIME_LEN];
	char lost_at[SR_TIME_LEN];
	int64_t merged_into;     /* 0 unless merged */
	int64_t version;
	char updated_at[SR_TIME_LEN];
	int visits;              /* showroom visits as of now (walk-in filing counts) */
	int age_days;            /* card age (卡龄) as of the connection's today */
	bool loss_pending;
} sr_card;

const char *sr_channel_name(sr_channel c);     /* "walkin" */
const char *sr_channel_label(sr_channel c);    /* "Walk-in", 进店 in zh_CN */
bool sr_channel_parse(const char *text, sr_channel *out);
const char *sr_card_status_name(sr_card_status s);  /* "active" */
const char *sr_card_status_label(sr_card_status s); /* "Active", 活跃 in zh_CN */
bool sr_card_status_parse(const char *text, sr_card_status *out);
bool sr_card_status_following(sr_card_status s);     /* active, order, dormant */
const char *sr_answer_key(sr_answer a);         /* "budget" */
const char *sr_answer_label(sr_answer a);       /* "Budget", 购车预算 in zh_CN */
bool sr_answer_parse(const char *key, sr_answer *out);
/* 'O','H','A','B','C','N' */
bool sr_level_valid(char level);
/* Order of urgency: O=0, H=1 ... N=5. */
int sr_level_rank(char level);

/* Normalise a phone number: drop spaces, dashes, dots and brackets and a
 * leading +86 / 0086; keep digits only. False (with nothing written) when
 * what is left is not 5–20 digits or holds other characters. */
bool sr_phone_normalize(const char *in, char out[SR_PHONE_MAX]);
/* 138****5678: for users who may not see the full number. */
void sr_phone_mask(const char *phone, char out[SR_PHONE_MAX]);

/* What a new card starts as (filing with an order or straight as sold). */
typedef enum { SR_FILE_ACTIVE, SR_FILE_ORDER, SR_FILE_SOLD } sr_file_as;

typedef struct {
	const char *name;
	const char *phone;            /* any common form; normalised */
	sr_channel channel;
	const char *source;           /* code or name; NULL for none */
	const char *model;            /* code, series or model; NULL for none */
	char level;                   /* 0 = 'N' */
	const char *expected_purchase;/* "YYYY-MM-DD" or NULL */
	const char *next_date;        /* NULL = earliest the follow-up level allows */
	const char *followup_level;   /* NULL = the default for the intent level */
	const char *owner;            /* login; NULL = the filer (or the traffic row's consultant);
	                                 a phone lead filed by the DCC or by someone who owns
	                                 no cards goes to a DCC caller by the rule (dcc.h) */
	int64_t traffic_id;           /* 0 = none; the row's result becomes "filed" */
	bool wholesale;               /* forces channel outreach and the wholesale owner */
	bool new_opportunity;         /* allow a second following card on this phone */
	const char *gender, *region, *address; /* optional */
	const char *answers[SR_ANS_COUNT];     /* optional, NULL = unanswered */
	sr_file_as file_as;
	int64_t deposit_cents;        /* with SR_FILE_ORDER / SR_FILE_SOLD */
	const char *vin;
	const char *at;               /* filing time; NULL = now */
	int64_t campaign_id;          /* 0 = none; the campaign that brought the lead */
} sr_card_filing;

sr_status sr_card_file(sr_db *db, const sr_card_filing *in, int64_t *id_out);

/* Read one card the actor may see. SR_NOTFOUND / SR_PERM otherwise. */
sr_status sr_card_get(sr_db *db, int64_t id, sr_card *out);

/* Following cards that share this phone (normalised first), for the
 * duplicate check; fn gets each card. */
sr_status sr_card_by_phone(sr_db *db, const char *phone,
                           int (*fn)(void *ctx, const sr_card *c), void *ctx);

/* Edit: field names as in `card edit` (name, phone, gender, region, address,
 * source, model, expected, followup-level, next, level, and the answer keys).
 * Applied together, only if the card is still at expected_version (0 = do
 * not check); SR_CONFLICT otherwise. */
typedef struct {
	const char *field;
	const char *value;
} sr_card_change;

sr_status sr_card_edit(sr_db *db, int64_t id, int64_t expected_version,
                       const sr_card_change *changes, size_t n);

/* Promote a retail card to wholesale (manager): channel outreach, owner the
 * designated wholesale consultant when one is set. */
sr_status sr_card_promote_wholesale(sr_db *db, int64_t id);

/* Filters for card list and search. Zero / NULL fields do not filter. */
typedef struct {
	const char *text;        /* part of a name, or part of a phone */
	const char *level;       /* one or more of OHABCN, e.g. "HA" */
	int status_mask;         /* 1 << sr_card_status; 0 = following cards */
	bool all_statuses;       /* include sold, lost and merged */
	int channel;             /* -1 = any, else sr_channel */
	const char *source;
	const char *model;
	const char *owner;       /* login */
	int min_age, max_age;    /* card age in days; -1 = unbounded */
	int limit, offset;       /* 0 limit = no limit */
} sr_card_filter;

void sr_card_filter_init(sr_card_filter *f);

/* Cards matching f that the actor may see, newest first. */
sr_status sr_card_search(sr_db *db, const sr_card_filter *f,
                         int (*fn)(void *ctx, const sr_card *c), void *ctx);

#endif
