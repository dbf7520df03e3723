/* audit.h — the audit trail: who changed what, when, from what to what. */
#ifndef SHOWROOM_AUDIT_H
#define SHOWROOM_AUDIT_H

#include <stdint.h>
#include "showroom/clock.h"
#include "showroom/db.h"

typedef struct {
	int64_t id;
	char at[SR_TIME_LEN];
	char user_login[33];
	char action[33];
	char entity[33];
	int64_t entity_id;
	int64_t card_id;
	const char *before;     /* JSON or NULL; valid during the callback */
	const char *after;
} sr_audit_entry;

typedef struct {
	int64_t card_id;        /* 0 = any */
	const char *user;       /* login or NULL */
	const char *from, *to;  /* dates or NULL */
	int limit;              /* 0 = all */
} sr_audit_filter;

/* Read the trail (managers, director, admin), oldest first. */
sr_status sr_audit_each(sr_db *db, const sr_audit_filter *f,
                        int (*fn)(void *ctx, const sr_audit_entry *e), void *ctx);

#endif
