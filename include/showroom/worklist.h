/* worklist.h — the lists staff work from each day (SPEC §7). */
#ifndef SHOWROOM_WORKLIST_H
#define SHOWROOM_WORKLIST_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/card.h"

typedef enum {
	SR_LIST_TODAY,        /* 今日待跟进: next date is today */
	SR_LIST_OVERDUE,      /* 逾期未跟进: next date before today */
	SR_LIST_CONTACTED,    /* 今日接触: followed up today */
	SR_LIST_ARRIVALS,     /* tomorrow's expected arrivals (appointments) */
	SR_LIST_CALLS,        /* the DCC call list */
	SR_LIST_PENDING_LOSS, /* loss requests waiting for a manager */
	SR_LIST_CALLBACKS,    /* post-sale callbacks due */
	SR_LIST_TO_COMMENT,   /* follow-ups of the last 7 days awaiting a manager's 批复 */
	SR_LIST_COUNT
} sr_list_kind;

const char *sr_list_name(sr_list_kind k);   /* "today" */
const char *sr_list_label(sr_list_kind k);  /* "Due today", 今日待跟进 in zh_CN */
bool sr_list_parse(const char *text, sr_list_kind *out);

typedef struct {
	int64_t card_id;
	char name[SR_NAME_MAX];
	char phone[SR_PHONE_MAX];      /* masked when the actor may not see it */
	char level;
	sr_card_status status;
	char owner_login[SR_LOGIN_MAX];
	char owner_name[SR_NAME_MAX];  /* for people; scripts use the login */
	char date[SR_TIME_LEN];        /* next date, appointment date, request or due date */
	int days_late;                 /* overdue: days past the next date */
	int64_t ref_id;                /* appointment / loss request / callback id */
	char detail[512];              /* model, reason, callback kind, ... */
	/* calls list: a new lead (never reached) with the working minutes it
	 * has waited since filing, flagged past lead_contact_hours (dcc.h) */
	bool new_lead;
	int64_t wait_minutes;
	bool flagged;
} sr_work_item;

/* owner NULL: the actor's own list (managers: everyone's). */
sr_status sr_worklist(sr_db *db, sr_list_kind kind, const char *owner,
                      int (*fn)(void *ctx, const sr_work_item *it), void *ctx);

/* Count only (for the home screen). */
sr_status sr_worklist_count(sr_db *db, sr_list_kind kind, const char *owner, int64_t *count);

/* Record a post-sale callback's result. */
sr_status sr_callback_done(sr_db *db, int64_t callback_id, const char *result);

#endif
