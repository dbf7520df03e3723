/* card_int.h — what the card's source files (card_*.c) share among
 * themselves and nobody else. */
#ifndef SHOWROOM_CARD_INT_H
#define SHOWROOM_CARD_INT_H

/* Showroom visits of card c: each showroom-reception follow-up, plus the
 * walk-in filing visit of the card itself and of every card merged into
 * it (visits move to the survivor). */
#define SR_VISITS_SQL                                                                    \
	"((SELECT count(*) FROM followups f WHERE f.card_id = c.id AND f.method = 'reception')" \
	" + (c.channel = 'walkin') + (SELECT count(*) FROM cards mc WHERE mc.merged_into = c.id" \
	" AND mc.channel = 'walkin'))"

/* A card c that follows its customer: the duplicate-phone rule looks for
 * one (card_rules.c). */
#define SR_FOLLOWING_SQL "c.status IN ('active','order','dormant') AND c.merged_into IS NULL"

/* The columns of an sr_card row (card_read.c reads them). */
#define CARD_COLUMNS                                                                          \
	"c.id, c.name, c.phone, c.gender, c.region, c.address, c.customer_type, c.channel,"       \
	" coalesce(c.source_id, 0), coalesce(s.name, ''), coalesce(c.model_id, 0),"              \
	" coalesce(m.model, ''), c.filed_at, c.filed_by, c.owner_id, u.login, u.name, c.level,"  \
	" c.level_at_filing, c.followup_level, coalesce(c.expected_purchase, ''), c.status,"      \
	" c.ans_budget, c.ans_current, c.ans_usage, c.ans_compare, c.ans_payment, c.ans_addons," \
	" c.ans_use_date, c.step_intro, c.step_negotiation, c.step_test_drive,"                   \
	" coalesce(c.next_date, ''), coalesce(c.loss_reason, ''), coalesce(c.sold_at, ''),"      \
	" coalesce(c.lost_at, ''), coalesce(c.merged_into, 0), c.version, c.updated_at,"         \
	" " SR_VISITS_SQL ","                                                                      \
	" CAST(julianday(?21) - julianday(date(c.filed_at)) AS INTEGER),"                         \
	" EXISTS (SELECT 1 FROM loss_requests l WHERE l.card_id = c.id AND l.status = 'pending')" \
	" FROM cards c JOIN users u ON u.id = c.owner_id"                                         \
	" LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN models m ON m.id = c.model_id"

/* One row of CARD_COLUMNS into c; the clock those columns compare with. */
void sr_card_from_row(sr_db *db, sqlite3_stmt *st, sr_card *c);
void sr_card_bind_clock(sr_db *db, sqlite3_stmt *st);
/* Each card row of q (CARD_COLUMNS, bound but for the clock) to fn until
 * it returns nonzero; q is done with after. what names a failure. */
sr_status sr_card_rows(sr_db *db, sqlite3_stmt *q, int (*fn)(void *ctx, const sr_card *c),
                       void *ctx, const char *what);

/* The hot statements of card_search.c and card_history.c by name, for
 * sr_card_hot_sql (card_read.c); NULL for a name of another file's. */
const char *sr_card_search_hot_sql(const char *name);
const char *sr_card_history_hot_sql(const char *name);

#endif
