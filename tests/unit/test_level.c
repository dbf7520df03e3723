/* test_level.c — the one check of the intent level (sr_level_check): O only
 * by an order and kept while it is open, H only with the seven answers,
 * in the words of filing, editing and follow-ups. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

static sr_status level(sr_level_way way, char current, char wanted, unsigned answered)
{
	sr_level_change lc = {way, 7, current, wanted, answered};
	return sr_level_check(unit_db, &lc);
}

TEST(level_check_allows_ordinary_changes)
{
	fx_open();
	static const sr_level_way ways[] = {SR_LEVEL_AT_FILING, SR_LEVEL_BY_EDIT,
	                                    SR_LEVEL_BY_FOLLOWUP};
	for (int w = 0; w < 3; w++) {
		for (const char *l = "ABCN"; *l; l++)
			CHECK_OK(level(ways[w], w ? 'N' : 0, *l, 0));
		CHECK_OK(level(ways[w], w ? 'A' : 0, 'H', SR_ANSWERS_ALL));
	}
	/* a card with an order keeps O */
	CHECK_OK(level(SR_LEVEL_BY_EDIT, 'O', 'O', 0));
	CHECK_OK(level(SR_LEVEL_BY_FOLLOWUP, 'O', 'O', 0));
}

TEST(level_check_o_only_by_an_order)
{
	fx_open();
	CHECK_STATUS(level(SR_LEVEL_AT_FILING, 0, 'O', SR_ANSWERS_ALL), SR_RULE);
	CHECK_MSG("file the card with an order (--status order) instead");
	CHECK_STATUS(level(SR_LEVEL_BY_EDIT, 'B', 'O', 0), SR_RULE);
	CHECK_MSG("level O is set by signing an order (showroom order add), not by hand");
	CHECK_STATUS(level(SR_LEVEL_BY_FOLLOWUP, 'B', 'O', 0), SR_RULE);
	CHECK_MSG("(showroom order add 7), not by a follow-up");
	CHECK_STATUS(level(SR_LEVEL_BY_EDIT, 'O', 'A', 0), SR_RULE);
	CHECK_MSG("card 7 has an order: its level stays O");
	CHECK_STATUS(level(SR_LEVEL_BY_FOLLOWUP, 'O', 'A', 0), SR_RULE);
	CHECK_MSG("card 7 has an open order: its level stays O");
}

TEST(level_check_h_needs_the_seven_answers)
{
	fx_open();
	unsigned all_but_two = SR_ANSWERS_ALL & ~(1u << SR_ANS_CURRENT) & ~(1u << SR_ANS_USE_DATE);
	CHECK_STATUS(level(SR_LEVEL_AT_FILING, 0, 'H', all_but_two), SR_RULE);
	CHECK_MSG("cannot file at level H: H needs all seven key questions answered; missing: "
	          "current, use-date");
	CHECK_STATUS(level(SR_LEVEL_BY_EDIT, 'A', 'H', all_but_two), SR_RULE);
	CHECK_MSG("card 7 would be level H without all seven key questions answered (missing: "
	          "current, use-date)");
	/* also when the level stays H and an answer is cleared */
	CHECK_STATUS(level(SR_LEVEL_BY_EDIT, 'H', 'H', all_but_two), SR_RULE);
	CHECK_STATUS(level(SR_LEVEL_BY_FOLLOWUP, 'A', 'H', 0), SR_RULE);
	CHECK_MSG("level H needs all seven key questions answered on card 7");
}

TEST(level_check_bad_letters)
{
	fx_open();
	CHECK_STATUS(level(SR_LEVEL_AT_FILING, 0, 'Z', 0), SR_BADINPUT);
	CHECK_MSG("level 'Z': expected one of H, A, B, C, N");
	CHECK_STATUS(level(SR_LEVEL_BY_FOLLOWUP, 'N', 'z', 0), SR_BADINPUT);
	CHECK_MSG("level 'z': expected H, A, B, C or N");
}

TEST(level_check_answers_mask)
{
	const char *answers[SR_ANS_COUNT] = {"20万", NULL, "", "x", "y", "z", "w"};
	CHECK_EQ_INT(sr_answers_mask(answers),
	             SR_ANSWERS_ALL & ~(1u << SR_ANS_CURRENT) & ~(1u << SR_ANS_USAGE));
}

/* The card's facts say which answers it has, as the level check reads them. */
TEST(level_check_facts_answered)
{
	sr_card_facts f;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	CHECK_OK(sr_card_facts_get(unit_db, id, &f));
	CHECK_EQ_INT(f.answered, 0);
	sr_card_change ch[] = {{"budget", "20万"}, {"use-date", "下个月"}};
	CHECK_OK(sr_card_edit(unit_db, id, 0, ch, 2));
	CHECK_OK(sr_card_facts_get(unit_db, id, &f));
	CHECK_EQ_INT(f.answered, (1u << SR_ANS_BUDGET) | (1u << SR_ANS_USE_DATE));
}
