/* test_claim.c — a traffic row files or follows up one card: the one claim
 * (sr_traffic_claim) and its check (sr_traffic_unclaimed), as filing,
 * follow-ups and arrivals use them. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

TEST(traffic_claim_ties_row_to_card_once)
{
	sr_traffic t;
	fx_open();
	int64_t row = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	int64_t card = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	CHECK_OK(sr_traffic_unclaimed(unit_db, row, &t));
	CHECK_EQ_INT(t.id, row);
	int64_t version = t.version;
	CHECK_OK(sr_tx_begin(unit_db));
	CHECK_OK(sr_traffic_claim(unit_db, row, card, SR_RESULT_FOLLOWUP));
	CHECK_OK(sr_tx_end(unit_db, SR_OK));
	CHECK_OK(sr_traffic_get(unit_db, row, &t));
	CHECK_EQ_INT(t.result, SR_RESULT_FOLLOWUP);
	CHECK_EQ_INT(t.card_id, card);
	CHECK_EQ_INT(t.version, version + 1);
	/* the second claim meets the first */
	CHECK_OK(sr_tx_begin(unit_db));
	CHECK_STATUS(sr_traffic_claim(unit_db, row, card, SR_RESULT_FILED), SR_CONFLICT);
	CHECK_MSG("was linked by someone else meanwhile");
	sr_tx_end(unit_db, SR_CONFLICT);
	CHECK_REFUSED(sr_traffic_unclaimed(unit_db, row, &t), SR_RULE,
	              "a row files or follows up one card");
}

TEST(traffic_unclaimed_missing_row)
{
	sr_traffic t;
	fx_open();
	CHECK_STATUS(sr_traffic_unclaimed(unit_db, 999, &t), SR_NOTFOUND);
}

/* Filing and a follow-up claim their rows the same way: a row used by one
 * cannot be used by the other. */
TEST(traffic_claim_shared_by_filing_and_followup)
{
	sr_card_filing f;
	int64_t id;
	fx_open();
	int64_t row = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.traffic_id = row;
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	int64_t other = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_followup_input in = {.card_id = other, .method = SR_METHOD_RECEPTION, .content = "到店",
	                        .traffic_id = row};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "a row files or follows up");
	fx_as("rec");
	CHECK_REFUSED(sr_appointment_arrival(unit_db, row, other, NULL), SR_RULE,
	              "a row files or follows up");
}
