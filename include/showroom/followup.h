/* followup.h — follow-up records (跟进记录).
 *
 * A follow-up records a contact: method, content, the sales steps that
 * happened, the intent level after it and the next follow-up date (within
 * the card's follow-up level). A showroom-reception follow-up is a visit.
 * A follow-up on a dormant card makes it active again. */
#ifndef SHOWROOM_FOLLOWUP_H
#define SHOWROOM_FOLLOWUP_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/card.h"

typedef enum {
	SR_METHOD_RECEPTION, SR_METHOD_PHONE, SR_METHOD_SMS, SR_METHOD_WECHAT,
	SR_METHOD_VISIT, SR_METHOD_OTHER
} sr_method;

const char *sr_method_name(sr_method m);   /* "reception" */
const char *sr_method_label(sr_method m);  /* "Showroom reception", 展厅接待 in zh_CN */
bool sr_method_parse(const char *text, sr_method *out);

typedef struct {
	int64_t card_id;
	sr_method method;
	const char *at;          /* NULL = now; never in the future, never before filing */
	char level;              /* 0 = unchanged */
	const char *next_date;   /* NULL = earliest the follow-up level allows */
	bool intro, negotiation, test_drive;
	const char *content;     /* what was said */
	const char *result;      /* short outcome */
	int64_t traffic_id;      /* 0 = none; the row's result becomes "follow-up" */
} sr_followup_input;

sr_status sr_followup_add(sr_db *db, const sr_followup_input *in, int64_t *id_out);

/* A manager's comment (批复) on a follow-up record. */
sr_status sr_followup_comment(sr_db *db, int64_t followup_id, const char *comment);

typedef struct {
	int64_t id, card_id;
	char at[SR_TIME_LEN];
	char user_login[SR_LOGIN_MAX];
	char user_name[SR_NAME_MAX];
	sr_method method;
	char level_before, level;
	char next_date[SR_DATE_LEN];
	bool intro, negotiation, test_drive;
	int64_t traffic_id;
	char content[SR_TEXT_MAX];
	char result[SR_ANSWER_MAX];
	char comment[2001];
	char card_name[SR_NAME_MAX];
} sr_followup;

/* Follow-ups of one card, oldest first. */
sr_status sr_followup_each(sr_db *db, int64_t card_id,
                           int (*fn)(void *ctx, const sr_followup *f), void *ctx);

#endif
