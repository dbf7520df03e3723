/* test_fields.c — the card's field table: every field has a key, a column
 * and a label, the limits are the ones filing, editing and importing
 * enforce, and a field named by its key is found again. */
#include <stdio.h>
#include <string.h>
#include "unit.h"

TEST(fields_table_complete)
{
	for (int f = 0; f < SR_FIELD_COUNT; f++) {
		const sr_card_field *d = sr_card_field_get(f);
		CHECK(d != NULL);
		CHECK(d->key && *d->key);
		CHECK(d->column && *d->column);
		CHECK(d->label && *d->label);
		CHECK_EQ_INT(sr_card_field_find(d->key), f);
		for (int g = 0; g < f; g++)
			CHECK(strcmp(sr_card_field_get(g)->column, d->column) != 0);
	}
	CHECK(sr_card_field_get(SR_FIELD_COUNT) == NULL);
	CHECK_EQ_INT(sr_card_field_find("nonsense"), -1);
	CHECK_EQ_INT(sr_card_field_find(NULL), -1);
}

TEST(fields_answers_follow_answer_list)
{
	for (int a = 0; a < SR_ANS_COUNT; a++) {
		const sr_card_field *d = sr_card_field_get(SR_FIELD_ANSWER0 + a);
		CHECK_EQ_STR(d->key, sr_answer_key((sr_answer)a));
		CHECK_EQ_INT(d->kind, SR_FIELD_KIND_ANSWER);
		CHECK_EQ_INT(d->max_chars, SR_ANSWER_CHARS);
	}
	CHECK_EQ_STR(sr_card_field_get(SR_FIELD_ANSWER0 + SR_ANS_USE_DATE)->column, "ans_use_date");
	CHECK_EQ_STR(sr_answer_label(SR_ANS_BUDGET), "Budget");
}

TEST(fields_limits)
{
	CHECK_EQ_INT(sr_card_field_max(SR_FIELD_NAME), 32);
	CHECK_EQ_INT(sr_card_field_max(SR_FIELD_REGION), 64);
	CHECK_EQ_INT(sr_card_field_max(SR_FIELD_ADDRESS), 128);
	CHECK_EQ_INT(sr_card_field_max(SR_FIELD_ANSWER0), 200);
	CHECK_EQ_INT(sr_card_field_max(-1), 0);
	CHECK_EQ_STR(sr_card_field_get(SR_FIELD_FOLLOWUP_LEVEL)->key, "followup-level");
	CHECK_EQ_STR(sr_card_field_get(SR_FIELD_FOLLOWUP_LEVEL)->column, "followup_level");
}

TEST(fields_keys_listed)
{
	char keys[512];
	sr_card_field_keys(SR_FIELD_ANSWER0, SR_FIELD_COUNT, keys, sizeof keys);
	CHECK_EQ_STR(keys, "budget, current, usage, compare, payment, addons, use-date");
	sr_card_field_keys(SR_FIELD_NAME, SR_FIELD_GENDER + 1, keys, sizeof keys);
	CHECK_EQ_STR(keys, "name, phone, gender");
	sr_card_field_keys(SR_FIELD_NAME, SR_FIELD_COUNT, keys, 12);
	CHECK(strlen(keys) < 12);
}

/* Each limit holds in filing, editing and the import alike: one more
 * character is refused, naming the field. */
static void fill(char *buf, int chars)
{
	buf[0] = '\0';
	for (int i = 0; i < chars; i++)
		strcat(buf, "字");
}

TEST(fields_limits_hold_in_filing_and_edit)
{
	static char text[4 * 201 + 1];
	static const struct {
		sr_card_field_id f;
		const char *edit_key;
	} cases[] = {
		{SR_FIELD_NAME, "name"}, {SR_FIELD_REGION, "region"}, {SR_FIELD_ADDRESS, "address"},
		{SR_FIELD_ANSWER0 + SR_ANS_BUDGET, "budget"},
	};
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int max = sr_card_field_max(cases[i].f);
		sr_card_change ch = {cases[i].edit_key, text};
		fill(text, max);
		CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
		fill(text, max + 1);
		CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_BADINPUT, "at most");
		sr_card_filing in;
		fx_filing(&in, "c1", SR_CHANNEL_PHONE, 0);
		if (cases[i].f == SR_FIELD_NAME)
			in.name = text;
		else if (cases[i].f == SR_FIELD_REGION)
			in.region = text;
		else if (cases[i].f == SR_FIELD_ADDRESS)
			in.address = text;
		else
			in.answers[SR_ANS_BUDGET] = text;
		int64_t nid;
		CHECK_REFUSED(sr_card_file(unit_db, &in, &nid), SR_BADINPUT, "at most");
	}
}

TEST(fields_edit_unknown_field_lists_the_fields)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change ch = {"colour", "red"};
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_BADINPUT,
	              "unknown card field 'colour'; fields: name, phone, gender, region, address, "
	              "source, model, expected, followup-level, next, level, budget, current, "
	              "usage, compare, payment, addons, use-date");
}

TEST(fields_edit_writes_every_field)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change ch[] = {
		{"name", "李四"},       {"gender", "F"},         {"region", "东城区"},
		{"address", "人民路1号"}, {"source", "autohome"}, {"expected", "2026-04-01"},
		{"use-date", "下个月"},  {"level", "B"},          {"next", "2026-03-04"},
	};
	CHECK_OK(sr_card_edit(unit_db, id, 0, ch, sizeof ch / sizeof *ch));
	fx_get(id, &c);
	CHECK_EQ_STR(c.name, "李四");
	CHECK_EQ_STR(c.gender, "F");
	CHECK_EQ_STR(c.region, "东城区");
	CHECK_EQ_STR(c.address, "人民路1号");
	CHECK(c.source_id != 0);
	CHECK_EQ_STR(c.expected_purchase, "2026-04-01");
	CHECK_EQ_STR(c.answers[SR_ANS_USE_DATE], "下个月");
	CHECK_EQ_INT(c.level, 'B');
	CHECK_EQ_STR(c.next_date, "2026-03-04");
	sr_card_change clear[] = {{"source", ""}, {"expected", ""}};
	CHECK_OK(sr_card_edit(unit_db, id, 0, clear, 2));
	fx_get(id, &c);
	CHECK_EQ_INT(c.source_id, 0);
	CHECK_EQ_STR(c.expected_purchase, "");
}
