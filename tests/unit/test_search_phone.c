/* test_search_phone.c — searching by phone (issue 12, item 7): whoever sees
 * a card's phone masked finds it by the whole number only; part of a number
 * is for those who see it whole; every search by phone is audited. */
#include <stdio.h>
#include "internal.h" /* sr_card_hot_sql: the statements themselves */
#include "unit.h"

struct hits {
	int n;
	char name[SR_NAME_MAX];
	char phone[SR_PHONE_MAX];
};

static int add_hit(void *ctx, const sr_card *c)
{
	struct hits *h = ctx;
	if (!h->n++) {
		snprintf(h->name, sizeof h->name, "%s", c->name);
		snprintf(h->phone, sizeof h->phone, "%s", c->phone);
	}
	return 0;
}

static sr_status search(const char *text, struct hits *h)
{
	sr_card_filter q;
	sr_card_filter_init(&q);
	q.text = text;
	memset(h, 0, sizeof *h);
	return sr_card_search(unit_db, &q, add_hit, h);
}

/* How many hits TEXT finds, the search being allowed. */
static int hits(const char *text)
{
	struct hits h;
	CHECK_OK(search(text, &h));
	return h.n;
}

static int64_t phone_audits(const char *who)
{
	return fx_q("SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id"
	            " WHERE a.action = 'search-phone' AND u.login = '%s'", who);
}

static int64_t file_phone(const char *owner, const char *name, const char *phone)
{
	sr_card_filing f;
	fx_filing(&f, owner, SR_CHANNEL_WALKIN, 0);
	f.name = name;
	f.phone = phone;
	return fx_file(&f);
}

/* The receptionist sees 139****4321: the whole number finds the card, no
 * part of it does, and the refusal says why. */
TEST(search_phone_masked_by_whole_number_only)
{
	fx_open();
	file_phone("c1", "王客户", "13912344321");
	file_phone("c2", "座机客户", "0755123456");
	fx_as("rec");
	struct hits h;
	CHECK_OK(search("13912344321", &h));
	CHECK_EQ_INT(h.n, 1);
	CHECK_EQ_STR(h.name, "王客户");
	CHECK_EQ_STR(h.phone, "139****4321");
	CHECK_EQ_INT(hits("139 1234 4321"), 1);
	CHECK_EQ_INT(hits("+86 139-1234-4321"), 1);
	CHECK_EQ_INT(hits("0755123456"), 1);     /* a landline, whole */
	CHECK_EQ_INT(hits("13912344320"), 0);    /* a whole number of nobody's */
	static const char *const parts[] = {
		"1391234", "13912", "139123443", "4321", "44321", "2344321", "912344321", "391", "1",
		"075512345",
	};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		int64_t refused = fx_q("SELECT count(*) FROM audit WHERE action = 'refused'");
		CHECK_STATUS(search(parts[i], &h), SR_PERM);
		CHECK_EQ_INT(h.n, 0);
		CHECK_MSG("whole phone numbers only");
		CHECK_MSG("may not search by part of a number");
		/* The refusal is the audit row of that search, digits and all. */
		CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'refused'"), refused + 1);
		CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE id = (SELECT max(id) FROM audit)"
		                  " AND instr(after, '(%s)') > 0",
		                  parts[i]),
		             1);
	}
	/* A name still finds the card. */
	CHECK_EQ_INT(hits("王客"), 1);
	/* Three numbers searched (the same one written three ways is one). */
	CHECK_EQ_INT(phone_audits("rec"), 3);
}

/* Those who see the phones whole keep every way of searching them. */
TEST(search_phone_partial_for_those_who_see_it_whole)
{
	fx_open();
	file_phone("c1", "王客户", "13912344321");
	file_phone("d1", "呼出客户", "13812340000");
	static const char *const whole_seers[] = {"mgr", "dir", "svc", "admin"};
	for (size_t i = 0; i < sizeof whole_seers / sizeof *whole_seers; i++) {
		fx_as(whole_seers[i]);
		CHECK_EQ_INT(hits("1391234"), 1);
		CHECK_EQ_INT(hits("4321"), 1);
		CHECK_EQ_INT(hits("912344321"), 1);
		CHECK_EQ_INT(hits("391"), 1);
		CHECK_EQ_INT(hits("13912344321"), 1);
		CHECK_EQ_INT(phone_audits(whole_seers[i]), 5);
	}
	/* A consultant sees their own cards whole, and reaches only those. */
	fx_as("c1");
	CHECK_EQ_INT(hits("4321"), 1);
	CHECK_EQ_INT(hits("0000"), 0);
	fx_as("d1");
	CHECK_EQ_INT(hits("0000"), 1);
	CHECK_EQ_INT(hits("1391234"), 0);
}

/* One audit row per search by phone, before it runs: who, the digits and
 * how they were matched; a search by name writes none. */
TEST(search_phone_audited)
{
	fx_open();
	file_phone("c1", "王客户", "13912344321");
	fx_as("mgr");
	int64_t before = fx_q("SELECT count(*) FROM audit");
	CHECK_EQ_INT(hits("王客"), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit"), before);
	CHECK_EQ_INT(hits("139-1234-4321"), 1);
	CHECK_EQ_INT(hits("4321"), 1);
	CHECK_EQ_INT(hits("13912"), 1);
	CHECK_EQ_INT(hits("12"), 1);
	char rows[256];
	fx_qs(rows, sizeof rows,
	      "SELECT group_concat(json_extract(after, '$.phone') || '/' ||"
	      " json_extract(after, '$.match'), ';') FROM (SELECT after FROM audit"
	      " WHERE action = 'search-phone' ORDER BY id)");
	CHECK_EQ_STR(rows, "13912344321/whole;4321/last four;13912/start or end;12/anywhere");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'search-phone'"
	                  " AND entity = 'card' AND at = '2026-03-02 10:00:00'"
	                  " AND user_id = (SELECT id FROM users WHERE login = 'mgr')"),
	             4);
	/* The trail shows them to those who read it. */
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'search-phone'"), 4);
}

/* Part of a number matches only the cards whose phone the searcher sees
 * whole (?24 of the statements), even for a role that reached cards whose
 * phones it sees masked: the statement itself holds the rule. */
TEST(search_phone_part_only_among_phones_seen)
{
	fx_open();
	int64_t mine = file_phone("c1", "王客户", "13912344321");
	file_phone("c2", "陈客户", "13812344321");
	sqlite3_stmt *q;
	CHECK_EQ_INT(sqlite3_prepare_v2(sr_db_handle(unit_db), sr_card_hot_sql("search-tail"), -1,
	                                &q, NULL),
	             SQLITE_OK);
	int64_t c1 = fx_q("SELECT id FROM users WHERE login = 'c1'");
	for (int seen = 0; seen <= 2; seen += 2) {
		sqlite3_reset(q);
		sqlite3_clear_bindings(q);
		sqlite3_bind_int(q, 4, 0x7);          /* following cards */
		sqlite3_bind_int(q, 5, 0);
		sqlite3_bind_int64(q, 7, 0);
		sqlite3_bind_int64(q, 8, 0);
		sqlite3_bind_int64(q, 9, 0);
		sqlite3_bind_int(q, 10, 2);           /* reaches every card */
		sqlite3_bind_int64(q, 11, c1);
		sqlite3_bind_text(q, 12, "showroom", -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 15, -1);
		sqlite3_bind_int64(q, 16, 0);
		sqlite3_bind_text(q, 17, "4321", -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 20, "2026-03-02 10:00:00", -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 21, "2026-03-02", -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 24, seen);
		int n = 0;
		int64_t first = 0;
		while (sqlite3_step(q) == SQLITE_ROW)
			if (!n++)
				first = sqlite3_column_int64(q, 0);
		CHECK_EQ_INT(n, seen == 2 ? 2 : 1);
		if (seen == 0)
			CHECK_EQ_INT(first, mine);
	}
	sqlite3_finalize(q);
}

/* A screen runs its search again on every reload (another user's commit)
 * and for each page: the same search by the same user, one after the
 * other on one connection, is audited once, or every audit row would
 * reload everyone else's screens, and theirs ours. */
TEST(search_phone_repeated_audited_once)
{
	fx_open();
	file_phone("c1", "王客户", "13912344321");
	fx_as("mgr");
	CHECK_EQ_INT(hits("4321"), 1);
	CHECK_EQ_INT(hits("4321"), 1);
	CHECK_EQ_INT(phone_audits("mgr"), 1);
	CHECK_EQ_INT(hits("13912344321"), 1);
	CHECK_EQ_INT(hits("4321"), 1);
	CHECK_EQ_INT(phone_audits("mgr"), 3);
	fx_as("dir");
	CHECK_EQ_INT(hits("4321"), 1);
	CHECK_EQ_INT(phone_audits("dir"), 1);
	/* A refused one too: one refusal row, the same refusal each time. */
	fx_as("rec");
	int64_t refused = fx_q("SELECT count(*) FROM audit WHERE action = 'refused'");
	struct hits h;
	CHECK_STATUS(search("4321", &h), SR_PERM);
	CHECK_STATUS(search("4321", &h), SR_PERM);
	CHECK_MSG("part of a number");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'refused'"), refused + 1);
	CHECK_STATUS(search("1391234", &h), SR_PERM);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'refused'"), refused + 2);
}
