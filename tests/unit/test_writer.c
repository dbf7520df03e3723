/* test_writer.c — the one writer of cards: leads filed together
 * (sr_card_file_leads, the import's way) are the cards sr_card_file files
 * for a phone lead, and pass the same checks. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

static sr_status file_leads(const sr_lead_card *l, int n, int64_t *first)
{
	sr_status st = sr_tx_begin(unit_db);
	if (st == SR_OK)
		st = sr_tx_end(unit_db, sr_card_file_leads(unit_db, l, n, "import", first));
	return st;
}

TEST(writer_leads_filed_as_filing_files_them)
{
	sr_card a, b;
	int64_t first = 0;
	fx_open();
	int64_t d1 = fx_q("SELECT id FROM users WHERE login = 'd1'");
	int64_t src = fx_q("SELECT id FROM sources WHERE code = 'autohome'");
	sr_lead_card l[2] = {{"王先生", "13900000001", "东城区", src, 0, d1},
	                     {"李女士", "13900000002", "", src, 0, d1}};
	CHECK_OK(file_leads(l, 2, &first));
	fx_get(first, &a);
	fx_get(first + 1, &b);
	CHECK_EQ_STR(a.name, "王先生");
	CHECK_EQ_STR(b.phone, "13900000002");
	CHECK_EQ_INT(a.channel, SR_CHANNEL_PHONE);
	CHECK_EQ_INT(a.level, 'N');
	CHECK_EQ_INT(a.status, SR_STATUS_ACTIVE);
	CHECK_EQ_STR(a.owner_login, "d1");
	/* as sr_card_file files a level-N phone lead: the same follow-up level
	 * and next date */
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card c;
	fx_get(id, &c);
	CHECK_EQ_STR(a.followup_level, c.followup_level);
	CHECK_EQ_STR(a.next_date, c.next_date);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments WHERE card_id = %lld AND reason = 'import'",
	                  (long long)first), 1);
	/* the name pieces are there: a search by part of the name finds it */
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM card_grams WHERE card_id = %lld", (long long)first), 3);
}

TEST(writer_leads_refused_by_filing_rules)
{
	int64_t first = 0, d1;
	fx_open();
	d1 = fx_q("SELECT id FROM users WHERE login = 'd1'");
	int64_t taken = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card c;
	fx_get(taken, &c);
	sr_lead_card dup[1] = {{"重复", c.phone, "", 0, 0, d1}};
	CHECK_REFUSED(file_leads(dup, 1, &first), SR_RULE, "already has following card");
	sr_lead_card twice[2] = {{"甲", "13900000011", "", 0, 0, d1},
	                         {"乙", "13900000011", "", 0, 0, d1}};
	CHECK_REFUSED(file_leads(twice, 2, &first), SR_RULE, "comes twice");
	sr_lead_card longname[1] = {{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
	                             "13900000012", "", 0, 0, d1}};
	CHECK_REFUSED(file_leads(longname, 1, &first), SR_BADINPUT, "at most 32");
	sr_lead_card badphone[1] = {{"丙", "139-0000", "", 0, 0, d1}};
	CHECK_REFUSED(file_leads(badphone, 1, &first), SR_BADINPUT, "not a phone number");
}
