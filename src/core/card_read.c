/* card_read.c — reading a card: by id, by phone. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"
#include "test_hooks.h"
#include "card_int.h"

/* ---- reading --------------------------------------------------------- */

static const char CARD_GET_SQL[] = "SELECT " CARD_COLUMNS " WHERE c.id = ?1";

void sr_card_from_row(sr_db *db, sqlite3_stmt *st, sr_card *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	sr_col_text(st, 1, c->name, sizeof c->name);
	sr_col_text(st, 2, c->phone, sizeof c->phone);
	sr_col_text(st, 3, c->gender, sizeof c->gender);
	sr_col_text(st, 4, c->region, sizeof c->region);
	sr_col_text(st, 5, c->address, sizeof c->address);
	c->customer_type = strcmp((const char *)sqlite3_column_text(st, 6), "wholesale") == 0
	                           ? SR_CUSTOMER_WHOLESALE
	                           : SR_CUSTOMER_RETAIL;
	sr_channel_parse((const char *)sqlite3_column_text(st, 7), &c->channel);
	c->source_id = sqlite3_column_int64(st, 8);
	sr_col_text(st, 9, c->source, sizeof c->source);
	c->model_id = sqlite3_column_int64(st, 10);
	sr_col_text(st, 11, c->model, sizeof c->model);
	sr_col_text(st, 12, c->filed_at, sizeof c->filed_at);
	c->filed_by = sqlite3_column_int64(st, 13);
	c->owner_id = sqlite3_column_int64(st, 14);
	sr_col_text(st, 15, c->owner_login, sizeof c->owner_login);
	sr_col_text(st, 16, c->owner_name, sizeof c->owner_name);
	c->level = ((const char *)sqlite3_column_text(st, 17))[0];
	c->level_at_filing = ((const char *)sqlite3_column_text(st, 18))[0];
	sr_col_text(st, 19, c->followup_level, sizeof c->followup_level);
	sr_col_text(st, 20, c->expected_purchase, sizeof c->expected_purchase);
	c->status = sr_card_status_from_db((const char *)sqlite3_column_text(st, 21));
	for (int i = 0; i < SR_ANS_COUNT; i++)
		sr_col_text(st, 22 + i, c->answers[i], sizeof c->answers[i]);
	c->step_intro = sqlite3_column_int(st, 29);
	c->step_negotiation = sqlite3_column_int(st, 30);
	c->step_test_drive = sqlite3_column_int(st, 31);
	sr_col_text(st, 32, c->next_date, sizeof c->next_date);
	sr_col_text(st, 33, c->loss_reason, sizeof c->loss_reason);
	sr_col_text(st, 34, c->sold_at, sizeof c->sold_at);
	sr_col_text(st, 35, c->lost_at, sizeof c->lost_at);
	c->merged_into = sqlite3_column_int64(st, 36);
	c->version = sqlite3_column_int64(st, 37);
	sr_col_text(st, 38, c->updated_at, sizeof c->updated_at);
	c->visits = sqlite3_column_int(st, 39);
	c->age_days = sqlite3_column_int(st, 40);
	c->loss_pending = sqlite3_column_int(st, 41);
	if (!sr_perm_sees_phone(db, c->owner_id)) {
		char masked[SR_PHONE_MAX];
		sr_phone_mask(c->phone, masked);
		memcpy(c->phone, masked, sizeof masked);
	}
}

void sr_card_bind_clock(sr_db *db, sqlite3_stmt *st)
{
	char now[SR_TIME_LEN], today[SR_DATE_LEN];
	sr_now_text(db, now);
	sr_today_text(db, today);
	sqlite3_bind_text(st, 20, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 21, today, -1, SQLITE_TRANSIENT);
}

sr_status sr_card_get(sr_db *db, int64_t id, sr_card *out)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, id);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, CARD_GET_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	sr_card_bind_clock(db, q);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		sr_card_from_row(db, q, out);
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("card %lld not found"), (long long)id);
	if (rc != SQLITE_ROW)
		return sr_sqlite_fail(db, rc, _("reading the card"));
	return SR_OK;
}

static const char CARD_BY_PHONE_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.phone = ?1 AND c.status IN ('active','order','dormant') AND c.merged_into IS NULL"
	" ORDER BY c.id";

sr_status sr_card_by_phone(sr_db *db, const char *phone,
                           int (*fn)(void *ctx, const sr_card *c), void *ctx)
{
	char norm[SR_PHONE_MAX];
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	if (!sr_phone_normalize(phone, norm))
		return sr_fail(db, SR_BADINPUT, _("phone '%s' is not a phone number"), phone);
	sqlite3_stmt *q = sr_stmt(db, CARD_BY_PHONE_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, norm, -1, SQLITE_TRANSIENT);
	return sr_card_rows(db, q, fn, ctx, _("reading cards"));
}

sr_status sr_card_rows(sr_db *db, sqlite3_stmt *q, int (*fn)(void *ctx, const sr_card *c),
                       void *ctx, const char *what)
{
	sr_card_bind_clock(db, q);
	sr_card *c = malloc(sizeof *c);
	if (!c) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "out of memory");
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sr_card_from_row(db, q, c);
		if (fn(ctx, c))
			break;
	}
	sr_stmt_done(q);
	free(c);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, what);
	return SR_OK;
}

const char *sr_card_hot_sql(const char *name)
{
	static const struct {
		const char *name, *sql;
	} hot[] = {
		{"get", CARD_GET_SQL},
		{"by-phone", CARD_BY_PHONE_SQL},
	};
	for (size_t i = 0; i < sizeof hot / sizeof *hot; i++)
		if (!strcmp(hot[i].name, name))
			return hot[i].sql;
	const char *sql = sr_card_search_hot_sql(name);
	return sql ? sql : sr_card_history_hot_sql(name);
}
