/* test_card.c — filing a card (channels, traffic, duplicates, wholesale,
 * levels, next date, filing as order or sold), reading and editing it. */
#include <stdio.h>
#include <string.h>
#include "unit.h"

static const char *const all_answers[SR_ANS_COUNT] = {
	"20万", "无", "上下班代步", "对比凯美瑞", "全款", "贴膜", "下个月",
};

TEST(filing_channels)
{
	static const sr_channel channels[] = {SR_CHANNEL_WALKIN, SR_CHANNEL_PHONE,
	                                      SR_CHANNEL_OUTREACH};
	sr_card c;
	sr_channel parsed;
	fx_open();
	for (int i = 0; i < 3; i++) {
		int64_t id = fx_card("c1", channels[i], 0);
		fx_get(id, &c);
		CHECK_EQ_INT(c.channel, channels[i]);
		CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
		CHECK_EQ_INT(c.level, 'N');
		CHECK_EQ_INT(c.level_at_filing, 'N');
		CHECK_EQ_STR(c.owner_login, "c1");
		CHECK_EQ_INT(c.customer_type, SR_CUSTOMER_RETAIL);
		CHECK(sr_channel_parse(sr_channel_name(channels[i]), &parsed));
		CHECK_EQ_INT(parsed, channels[i]);
	}
	CHECK_EQ_STR(sr_channel_name(SR_CHANNEL_WALKIN), "walkin");
	CHECK_EQ_STR(sr_channel_name(SR_CHANNEL_OUTREACH), "outreach");
	CHECK(!sr_channel_parse("street", &parsed));
}

TEST(filing_default_next_date_is_earliest_allowed)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_get(id, &c);
	CHECK_EQ_STR(c.next_date, "2026-03-03");
	CHECK_EQ_INT(c.age_days, 0);
	CHECK(c.version >= 1);
}

TEST(filing_consultant_owns_own_card)
{
	sr_card_filing f;
	int64_t id = 0;
	sr_card c;
	fx_open();
	fx_as("c1");
	fx_filing(&f, NULL, SR_CHANNEL_PHONE, 0);
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	CHECK_OK(sr_card_get(unit_db, id, &c));
	CHECK_EQ_STR(c.owner_login, "c1");
}

TEST(filing_phone_with_letters_refused)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "138OO138OOO";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_BADINPUT, "phone");
}

TEST(filing_stores_normalised_phone)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "+86 138-0013-8000";
	fx_get(fx_file(&f), &c);
	CHECK_EQ_STR(c.phone, "13800138000");
}

TEST(filing_in_future_refused)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.at = "2026-03-02 10:30";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "future");
}

TEST(filing_age_in_days)
{
	sr_card c;
	fx_open();
	fx_get(fx_card("c1", SR_CHANNEL_PHONE, 9), &c);
	CHECK_EQ_INT(c.age_days, 9);
	CHECK(strncmp(c.filed_at, "2026-02-21", 10) == 0);
}

TEST(filing_walkin_counts_as_visit)
{
	sr_card c;
	fx_open();
	fx_get(fx_card("c1", SR_CHANNEL_WALKIN, 0), &c);
	CHECK_EQ_INT(c.visits, 1);
	fx_get(fx_card("c1", SR_CHANNEL_PHONE, 0), &c);
	CHECK_EQ_INT(c.visits, 0);
}

/* ---- from a traffic row ------------------------------------------------- */

TEST(filing_from_traffic_row_marks_it_filed)
{
	sr_card_filing f;
	sr_traffic t;
	sr_card c;
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	int64_t id = fx_file(&f);
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.result, SR_RESULT_FILED);
	CHECK_EQ_INT(t.card_id, id);
	fx_get(id, &c);
	CHECK_EQ_STR(c.owner_login, "c1"); /* the row's consultant */
}

TEST(filing_from_traffic_row_already_filed_refused)
{
	sr_card_filing f;
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	fx_file(&f);
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "already");
}

TEST(filing_from_traffic_row_linked_to_followup_refused)
{
	sr_card_filing f;
	fx_open();
	int64_t card = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	sr_followup_input fu = {.card_id = card, .method = SR_METHOD_RECEPTION, .traffic_id = tid};
	CHECK_OK(sr_followup_add(unit_db, &fu, NULL));
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "already");
}

/* ---- duplicates ------------------------------------------------------- */

TEST(filing_duplicate_phone_refused)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	fx_file(&f);
	fx_filing(&f, "c2", SR_CHANNEL_WALKIN, 0);
	f.phone = "138 0013 8000";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "opportunity");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards"), 1);
}

TEST(filing_duplicate_phone_allowed_as_new_opportunity)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	fx_file(&f);
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.phone = "0086-13800138000";
	f.new_opportunity = true;
	fx_file(&f);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards WHERE phone = '13800138000'"), 2);
}

TEST(filing_duplicate_of_dormant_card_refused)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 20);
	f.phone = "13800138000";
	fx_dormant(fx_file(&f));
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "opportunity");
}

TEST(filing_phone_of_lost_card_allowed)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	fx_lost(fx_file(&f));
	fx_filing(&f, "c2", SR_CHANNEL_WALKIN, 0);
	f.phone = "13800138000";
	fx_file(&f);
}

TEST(filing_phone_of_sold_card_allowed)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	fx_sold(fx_file(&f));
	fx_filing(&f, "c2", SR_CHANNEL_WALKIN, 0);
	f.phone = "13800138000";
	fx_file(&f);
}

/* Counts the cards it is given. */
static int count_cards(void *ctx, const sr_card *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

TEST(card_by_phone_finds_following_cards)
{
	sr_card_filing f;
	int n = 0;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	fx_file(&f);
	CHECK_OK(sr_card_by_phone(unit_db, "138-0013-8000", count_cards, &n));
	CHECK_EQ_INT(n, 1);
}

/* ---- wholesale -------------------------------------------------------- */

TEST(filing_wholesale_forces_outreach)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.wholesale = true;
	fx_get(fx_file(&f), &c);
	CHECK_EQ_INT(c.channel, SR_CHANNEL_OUTREACH);
	CHECK_EQ_INT(c.customer_type, SR_CUSTOMER_WHOLESALE);
	CHECK_EQ_STR(c.owner_login, "c1");
}

TEST(filing_wholesale_owner_from_setting)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "wholesale_owner", "c2"));
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.wholesale = true;
	fx_get(fx_file(&f), &c);
	CHECK_EQ_STR(c.owner_login, "c2");
	CHECK_EQ_INT(c.channel, SR_CHANNEL_OUTREACH);
	/* a retail card keeps its own owner */
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	fx_get(fx_file(&f), &c);
	CHECK_EQ_STR(c.owner_login, "c1");
}

TEST(promote_wholesale_by_manager)
{
	sr_card c;
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "wholesale_owner", "c2"));
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_as("c1");
	CHECK_REFUSED(sr_card_promote_wholesale(unit_db, id), SR_PERM, "permission");
	fx_as("mgr");
	CHECK_OK(sr_card_promote_wholesale(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.customer_type, SR_CUSTOMER_WHOLESALE);
	CHECK_EQ_INT(c.channel, SR_CHANNEL_OUTREACH);
	CHECK_EQ_STR(c.owner_login, "c2");
}

TEST(promote_wholesale_twice_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_as("mgr");
	CHECK_OK(sr_card_promote_wholesale(unit_db, id));
	CHECK_REFUSED(sr_card_promote_wholesale(unit_db, id), SR_RULE, "wholesale");
}

TEST(filing_owner_must_own_cards)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "rec", SR_CHANNEL_WALKIN, 0);
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "receptionist");
	fx_filing(&f, "d1", SR_CHANNEL_PHONE, 0);
	fx_file(&f);
}

TEST(filing_consultant_cannot_file_for_another)
{
	sr_card_filing f;
	fx_open();
	fx_as("c1");
	fx_filing(&f, "c2", SR_CHANNEL_PHONE, 0);
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_PERM, "permission");
}

/* ---- levels ----------------------------------------------------------- */

TEST(filing_level_o_refused)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.level = 'O';
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "level O");
}

TEST(filing_level_h_refused_without_all_answers)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.level = 'H';
	for (int i = 0; i < SR_ANS_COUNT - 1; i++)
		f.answers[i] = all_answers[i];
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "question");
}

TEST(filing_level_h_allowed_with_all_answers)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.level = 'H';
	for (int i = 0; i < SR_ANS_COUNT; i++)
		f.answers[i] = all_answers[i];
	fx_get(fx_file(&f), &c);
	CHECK_EQ_INT(c.level, 'H');
	CHECK_EQ_STR(c.answers[SR_ANS_BUDGET], "20万");
	CHECK_EQ_STR(c.answers[SR_ANS_USE_DATE], "下个月");
}

TEST(filing_level_a_b_c_allowed)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.level = 'B';
	fx_get(fx_file(&f), &c);
	CHECK_EQ_INT(c.level, 'B');
	CHECK_EQ_INT(c.level_at_filing, 'B');
}

/* ---- next follow-up date ---------------------------------------------- */

TEST(filing_next_date_outside_level_bounds_refused)
{
	sr_card_filing f;
	sr_followup_level lv;
	char d[SR_DATE_LEN];
	fx_open();
	/* level N starts at its default follow-up level; read its bounds */
	char code[SR_CODE_MAX];
	CHECK_OK(sr_followup_level_default(unit_db, 'N', code));
	CHECK_OK(sr_followup_level_get(unit_db, code, &lv));
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	fx_date(lv.min_days - 1, d);
	f.next_date = d;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "follow-up level");
	fx_date(lv.max_days + 1, d);
	f.next_date = d;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "follow-up level");
}

TEST(filing_next_date_inside_level_bounds_allowed)
{
	sr_card_filing f;
	sr_card c;
	char d[SR_DATE_LEN];
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.followup_level = "3"; /* weekly: 1..7 days */
	fx_date(7, d);
	f.next_date = d;
	fx_get(fx_file(&f), &c);
	CHECK_EQ_STR(c.next_date, "2026-03-09");
	CHECK_EQ_STR(c.followup_level, "3");
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.followup_level = "3";
	fx_date(8, d);
	f.next_date = d;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "follow-up level");
}

/* ---- filing as order or sold ------------------------------------------ */

TEST(filing_as_order)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.level = 'A';
	f.file_as = SR_FILE_ORDER;
	f.deposit_cents = 500000;
	int64_t id = fx_file(&f);
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ORDER);
	CHECK_EQ_INT(c.level, 'O');
	CHECK_EQ_INT(c.level_at_filing, 'O');
	CHECK(*c.next_date);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM orders WHERE card_id = %lld AND status = 'open'"
	                  " AND deposit_cents = 500000", (long long)id), 1);
}

TEST(filing_as_sold)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_OUTREACH, 0);
	f.wholesale = true;
	f.file_as = SR_FILE_SOLD;
	int64_t id = fx_file(&f);
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_SOLD);
	CHECK_EQ_INT(c.level, 'O');
	CHECK(*c.sold_at);
	CHECK_EQ_STR(c.next_date, "");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM orders WHERE card_id = %lld AND status = 'delivered'",
	                  (long long)id), 1);
}

/* ---- editing ---------------------------------------------------------- */

TEST(edit_changes_fields_and_version)
{
	sr_card before, after;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_get(id, &before);
	sr_card_change ch[] = {{"name", "李四"}, {"region", "浦东"}, {"phone", "139 1234 5678"}};
	fx_as("c1");
	CHECK_OK(sr_card_edit(unit_db, id, before.version, ch, 3));
	fx_get(id, &after);
	CHECK_EQ_STR(after.name, "李四");
	CHECK_EQ_STR(after.region, "浦东");
	CHECK_EQ_STR(after.phone, "13912345678");
	CHECK(after.version > before.version);
}

TEST(edit_phone_to_duplicate_refused)
{
	sr_card_filing f;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.phone = "13800138000";
	fx_file(&f);
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change ch = {"phone", "138-0013-8000"};
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_RULE, "13800138000");
}

TEST(edit_stale_version_conflict)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_get(id, &c);
	sr_card_change a = {"name", "李四"}, b = {"name", "王五"};
	fx_as("c1");
	CHECK_OK(sr_card_edit(unit_db, id, c.version, &a, 1));
	CHECK_REFUSED(sr_card_edit(unit_db, id, c.version, &b, 1), SR_CONFLICT, "");
}

TEST(edit_all_or_nothing)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change ch[] = {{"name", "李四"}, {"level", "O"}};
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, ch, 2), SR_RULE, "level O");
}

TEST(edit_level_of_order_card_stays_o)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_order(id);
	sr_card_change ch = {"level", "B"};
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_RULE, "cancel");
	sr_card_change ok = {"region", "浦东"};
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ok, 1));
}

TEST(edit_next_date_of_dormant_card_refused)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_date(2, d);
	sr_card_change ch = {"next", d};
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_RULE, "reactivate");
	sr_card_change ok = {"name", "李四"};
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ok, 1));
}

TEST(edit_level_h_needs_answers)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change h = {"level", "H"};
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &h, 1), SR_RULE, "question");
	sr_card_change ch[SR_ANS_COUNT + 1];
	for (int i = 0; i < SR_ANS_COUNT; i++)
		ch[i] = (sr_card_change){sr_answer_key((sr_answer)i), all_answers[i]};
	ch[SR_ANS_COUNT] = h;
	CHECK_OK(sr_card_edit(unit_db, id, 0, ch, SR_ANS_COUNT + 1));
	fx_get(id, &c);
	CHECK_EQ_INT(c.level, 'H');
}

TEST(edit_next_date_outside_bounds_refused)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change ch = {"next", d};
	fx_date(0, d);
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_RULE, "follow-up level");
	fx_date(2, d);
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
}

/* The names of the cards a search finds, in its order, joined by commas. */
struct found {
	char names[256];
};

static int add_name(void *ctx, const sr_card *c)
{
	struct found *f = ctx;
	size_t n = strlen(f->names);
	snprintf(f->names + n, sizeof f->names - n, "%s%s", n ? "," : "", c->name);
	return 0;
}

static const char *found(const char *text, int limit, const char *owner)
{
	static struct found f;
	sr_card_filter q;
	sr_card_filter_init(&q);
	q.text = text;
	q.limit = limit;
	q.owner = owner;
	f.names[0] = '\0';
	CHECK_OK(sr_card_search(unit_db, &q, add_name, &f));
	return f.names;
}

static int64_t file_named(const char *owner, const char *name, int days_ago)
{
	sr_card_filing f;
	fx_filing(&f, owner, SR_CHANNEL_WALKIN, days_ago);
	f.name = name;
	int64_t id;
	fx_as(owner);
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	return id;
}

/* One character anywhere in a name, first, middle or last, whichever way
 * card.c reads it: the name pieces, an owner's cards, or the newest cards
 * first (the last two once the character is on more than 10 000 pieces). */
TEST(search_one_character_every_way)
{
	fx_open();
	file_named("c1", "张三", 3);
	file_named("c1", "李张", 2);
	file_named("c1", "王五", 1);
	file_named("c2", "张伟", 0);
	for (int many = 0; many < 2; many++) {
		if (many)
			CHECK_EQ_INT(fx_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			                    " WHERE i < 10050) INSERT INTO card_grams(gram, card_id)"
			                    " SELECT '张z', 1000000 + i FROM n", NULL, 0),
			             SQLITE_OK);
		fx_as("c1");
		CHECK_EQ_STR(found("张", 0, NULL), "李张,张三");
		CHECK_EQ_STR(found("张", 10, NULL), "李张,张三");
		CHECK_EQ_STR(found("张", 1, NULL), "李张");
		CHECK_EQ_STR(found("五", 0, NULL), "王五");
		fx_as("mgr");
		CHECK_EQ_STR(found("张", 0, NULL), "张伟,李张,张三");
		CHECK_EQ_STR(found("张", 2, NULL), "张伟,李张");
		CHECK_EQ_STR(found("张", 10, "c1"), "李张,张三");
		CHECK_EQ_STR(found("伟", 10, NULL), "张伟");
	}
}

/* Five to ten digits: the start or the end of the phone, not its middle. */
TEST(search_digits_start_or_end_of_phone)
{
	fx_open();
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.phone = "13912345678";
	int64_t id;
	fx_as("c1");
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	CHECK(id > 0);
	CHECK_EQ_STR(found("13912", 0, NULL), "张三");
	CHECK_EQ_STR(found("1391234567", 0, NULL), "张三");
	CHECK_EQ_STR(found("45678", 0, NULL), "张三");
	CHECK_EQ_STR(found("912345678", 0, NULL), "张三");
	CHECK_EQ_STR(found("5678", 0, NULL), "张三");
	CHECK_EQ_STR(found("12345", 0, NULL), "");
	CHECK_EQ_STR(found("13913", 0, NULL), "");
	CHECK_EQ_STR(found("391", 0, NULL), "张三");
}
